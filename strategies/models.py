"""Strategies and plans: objectives, annual priorities, actions and their quarterly updates."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from shp.models import Organisation, Person, TimeStampedModel


def quarter_label(year: int, quarter: int) -> str:
    """ "2016/17 Q1" for the first quarter (April–June) of the financial year 2016/17."""
    return f"{year}/{(year + 1) % 100:02d} Q{quarter}"


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a financial-year quarter (Q1 is April–June)."""
    start_month = 4 + (quarter - 1) * 3
    start_year = year if start_month <= 12 else year + 1
    start_month = (start_month - 1) % 12 + 1
    end_month = start_month + 2
    end_day = 30 if end_month in (6, 9) else 31
    return date(start_year, start_month, 1), date(start_year, end_month, end_day)


def quarter_of(day: date) -> tuple[int, int]:
    """(financial year, quarter) holding ``day``."""
    year = day.year if day.month >= 4 else day.year - 1
    return year, ((day.month - 4) % 12) // 3 + 1


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class PlanQuerySet(models.QuerySet):
    def public(self):
        """Plans the public may read: everything past the internal first draft."""
        return self.exclude(status=Plan.Status.DRAFT)


class Plan(TimeStampedModel):
    """A strategy, an action plan or an inspection's recommendations, with its years."""

    class Kind(models.TextChoices):
        STRATEGY = "strategy", "Strategy"
        ACTION_PLAN = "action_plan", "Action plan"
        INSPECTION = "inspection", "Inspection recommendations"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CONSULTATION = "consultation", "Out for consultation"
        APPROVED = "approved", "Approved"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STRATEGY)
    summary = models.TextField(blank=True)
    source = models.CharField(
        max_length=300, blank=True, help_text="The document the plan comes from."
    )
    start_date = models.DateField(help_text="The first day the plan covers.")
    end_date = models.DateField(help_text="The last day the plan covers.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    owner_committee = models.ForeignKey(
        "meetings.Committee",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    approved_minute = models.ForeignKey(
        "meetings.Minute",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_plans",
        help_text="The minute that approved the plan.",
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every change to the plan, its objectives or priorities."
    )
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="plan_ends_after_it_starts"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategies:plan-detail", kwargs={"slug": self.slug})

    @property
    def years_label(self) -> str:
        return f"{self.start_date:%B %Y} to {self.end_date:%B %Y}"

    def quarters(self) -> list[tuple[int, int]]:
        """Every financial quarter the plan covers, in order."""
        year, quarter = quarter_of(self.start_date)
        last = quarter_of(self.end_date)
        out = []
        while (year, quarter) <= last:
            out.append((year, quarter))
            year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
        return out


class ObjectiveQuerySet(models.QuerySet):
    def in_force(self, start: date, end: date):
        """Objectives of the partnership's strategies in force over a period: approved (or
        since closed) strategies that had started by its end and had not ended before it began;
        where none covers it, those of the latest strategy that had started by then."""
        started = self.filter(
            plan__kind=Plan.Kind.STRATEGY,
            plan__status__in=[Plan.Status.APPROVED, Plan.Status.CLOSED],
            plan__start_date__lte=end,
        )
        covering = started.filter(plan__end_date__gte=start)
        if covering.exists():
            return covering.order_by("plan__start_date", "plan__title", "number")
        latest = started.order_by("-plan__start_date").values_list("plan", flat=True)[:1]
        return started.filter(plan__in=list(latest)).order_by("number")


class Objective(TimeStampedModel):
    """A strategic objective of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    indicators = models.ManyToManyField(
        "indicators.Indicator",
        blank=True,
        related_name="objectives",
        help_text="The catalogue's indicators that measure this objective.",
    )
    history = HistoricalRecords()

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="objective_unique_number")
        ]

    def __str__(self) -> str:
        return self.title


class Priority(TimeStampedModel):
    """An annual priority under an objective for one financial year."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="priorities")
    year = models.PositiveSmallIntegerField(help_text="Financial year it starts, e.g. 2016.")
    title = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["objective", "year", "title"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "year", "title"], name="priority_unique_title"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}: {self.title}"


class ActionQuerySet(models.QuerySet):
    def open(self):
        """Actions still being delivered."""
        return self.exclude(status__in=[Action.Status.COMPLETED, Action.Status.CLOSED])

    def overdue(self, today: date):
        """Open actions whose due date has passed."""
        return self.open().filter(due_date__lt=today)


class Action(TimeStampedModel):
    """What someone will do towards an objective, by when, and how we will know."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        CLOSED = "closed", "Closed"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="actions")
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    number = models.CharField(max_length=10, help_text='As printed, e.g. "12".')
    sort_key = models.PositiveIntegerField(default=0)
    description = models.TextField()
    owner = models.CharField(
        max_length=300, blank=True, help_text="The owner as the plan names it, e.g. Home Office."
    )
    lead_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="led_actions",
        help_text="Partner organisations whose officers may record progress.",
    )
    lead_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_actions"
    )
    responsible_to = models.CharField(max_length=300, blank=True)
    outcome = models.TextField(blank=True)
    coverage = models.CharField(max_length=300, blank=True)
    measurement = models.TextField(blank=True)
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="strategy_actions"
    )
    timing = models.CharField(max_length=100, blank=True, help_text='As printed: "By end 2008".')
    due_date = models.DateField(null=True, blank=True)
    is_ongoing = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every change, so a change from a stale page is refused."
    )
    history = HistoricalRecords()  # the m2m fields are not tracked (see shp.history_backfill)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "sort_key", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="action_unique_number"),
            models.CheckConstraint(
                condition=Q(is_ongoing=False) | Q(due_date__isnull=True),
                name="action_ongoing_has_no_due_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.description[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("strategies:action-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status not in {self.Status.COMPLETED, self.Status.CLOSED}

    @property
    def due_label(self) -> str:
        if self.is_ongoing:
            return "Ongoing"
        if self.due_date:
            return f"{self.due_date:%-d %B %Y}"
        return self.timing or "Not set"


def evidence_upload_to(instance, filename: str) -> str:
    return f"strategies/evidence/{instance.action.plan_id}/{instance.action_id}/{filename}"


class Update(TimeStampedModel):
    """One quarter's progress on an action, recorded by its lead."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    year = models.PositiveSmallIntegerField(help_text="Financial year, e.g. 2016 for 2016/17.")
    quarter = models.PositiveSmallIntegerField()
    rag = models.CharField(max_length=6, choices=Rag.choices)
    percent_complete = models.PositiveSmallIntegerField()
    commentary = models.TextField()
    evidence = models.FileField(upload_to=evidence_upload_to, blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_type = models.CharField(max_length=100, blank=True)
    evidence_size = models.PositiveBigIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "year", "quarter"], name="update_one_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="update_quarter_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(percent_complete__lte=100), name="update_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(rag__in=["red", "amber", "green"]), name="update_rag_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.number} {self.quarter_label}"

    @property
    def quarter_label(self) -> str:
        return quarter_label(self.year, self.quarter)
