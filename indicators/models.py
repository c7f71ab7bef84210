"""Areas and denominators, the indicator catalogue, periods, figures, targets and comparisons."""

import re
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from indicators import periods
from indicators.arithmetic import Polarity, Unit
from indicators.targets import TargetKind
from shp.models import Organisation, OwnedQuerySet, TimeStampedModel


def normalise_name(text: str) -> str:
    """How codes, names and aliases are matched: case and punctuation do not count."""
    return re.sub(r"[^a-z0-9]+", "", str(text).lower().replace("&", "and"))


class AreaQuerySet(models.QuerySet):
    def districts(self):
        """Local authority districts (not force areas)."""
        return self.filter(kind=Area.Kind.DISTRICT)


class Area(TimeStampedModel):
    """A district, or the force area that is the sum of its districts."""

    class Kind(models.TextChoices):
        DISTRICT = "district", "District"
        FORCE = "force", "Force area"

    code = models.CharField(max_length=20, unique=True, help_text="ONS code, e.g. E06000001")
    name = models.CharField(max_length=100, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="districts"
    )
    aliases = models.JSONField(default=list, blank=True)
    display_order = models.PositiveSmallIntegerField(default=0)
    reported_by = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="reported_areas",
        help_text="Organisations that enter figures for this area.",
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class Denominator(TimeStampedModel):
    """Population and households of an area for a year, with where each number came from."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="denominators")
    year = models.PositiveSmallIntegerField(help_text="Mid-year estimate year; used for 2015/16.")
    population = models.PositiveIntegerField()
    population_source = models.CharField(max_length=300)
    households = models.PositiveIntegerField(null=True, blank=True)
    households_source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="denominator_unique_area_year")
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year}"


class Indicator(TimeStampedModel):
    """A catalogue entry: what is counted, how it is judged, and which definition applies when."""

    class Theme(models.TextChoices):
        VICTIM_BASED_CRIME = "victim_based", "Recorded crime – victim based"
        OTHER_CRIMES_AGAINST_SOCIETY = (
            "other_crimes",
            "Recorded crime – other crimes against society",
        )
        ANTI_SOCIAL_BEHAVIOUR = "asb", "Anti-social behaviour"
        FIRES = "fires", "Deliberate and accidental fires"
        SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse treatment"
        OFFENDING = "offending", "Offending"
        COMMUNITY_SAFETY = "community", "Community safety"

    class ParentRule(models.TextChoices):
        SUM = "sum", "Part of a sum: the parent equals the sum of its parts"
        SUBSET = "subset", "A subset of the parent, not summed"

    class Denominator(models.TextChoices):
        NONE = "", "None"
        POPULATION = "population", "Population"
        HOUSEHOLDS = "households", "Households"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200, unique=True)
    aliases = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    theme = models.CharField(max_length=20, choices=Theme.choices)
    unit = models.CharField(max_length=12, choices=Unit.CHOICES, default=Unit.COUNT)
    polarity = models.CharField(
        max_length=6, choices=Polarity.CHOICES, default=Polarity.LOWER_IS_BETTER
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="components"
    )
    parent_rule = models.CharField(max_length=6, choices=ParentRule.choices, blank=True)
    rate_denominator = models.CharField(
        max_length=12, choices=Denominator.choices, blank=True, default=Denominator.NONE
    )
    source = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="indicators"
    )
    owner = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who answers for it, for example the Community Safety Research Officer.",
    )
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    display_order = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["display_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True, parent_rule="")
                | models.Q(parent__isnull=False, parent_rule__in=["sum", "subset"]),
                name="indicator_parent_has_rule",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_from__lte=models.F("valid_to")),
                name="indicator_valid_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_summable(self) -> bool:
        """Counts add up over periods and areas; percentages, rates and ratios never do."""
        return self.unit == Unit.COUNT

    def is_valid_for(self, spec: periods.PeriodSpec) -> bool:
        """Whether the definition applies over the whole period."""
        if self.valid_from and spec.start < self.valid_from:
            return False
        return not (self.valid_to and spec.end > self.valid_to)


class SeriesBreak(TimeStampedModel):
    """A change of an indicator's definition from a day: figures either side of it measure
    different things, so charts never join them and a change across it is flagged."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="series_breaks")
    starts_on = models.DateField(help_text="The first day the new definition applies.")
    previous_definition = models.TextField(blank=True)
    definition = models.TextField()
    reason = models.CharField(max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "starts_on"], name="series_break_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} from {self.starts_on:%-d %B %Y}"


class PeriodQuerySet(models.QuerySet):
    def of_kind(self, kind: str):
        """Periods of one kind (quarters, financial years, …)."""
        return self.filter(kind=kind)

    def ensure(self, specs) -> dict[str, "Period"]:
        """The Period rows for these specs by code, creating the missing ones."""
        specs = {spec.code: spec for spec in specs}
        found = {p.code: p for p in self.filter(code__in=specs)}
        missing = [
            Period(code=code, kind=spec.kind, start=spec.start, end=spec.end, label=spec.label)
            for code, spec in specs.items()
            if code not in found
        ]
        if missing:
            self.bulk_create(missing, ignore_conflicts=True, batch_size=1000)
            found.update({p.code: p for p in self.filter(code__in=specs)})
        return found


class Period(models.Model):
    """A reporting period; derived periods (year to date, rolling 12 months) are rows too."""

    code = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=16, choices=periods.PeriodKind.CHOICES)
    start = models.DateField()
    end = models.DateField()
    label = models.CharField(max_length=80)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["start", "-end"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "start", "end"], name="period_unique_span"),
            models.CheckConstraint(
                condition=models.Q(start__lte=models.F("end")), name="period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def spec(self) -> periods.PeriodSpec:
        return periods.parse(self.code)


class FigureQuerySet(models.QuerySet):
    def for_period(self, period):
        """Figures of one period."""
        return self.filter(period=period)

    def available(self):
        """Figures with a value (not those marked not available)."""
        return self.filter(value__isnull=False)

    def approved(self):
        """Figures with an approved value (their ``approved_value`` is what members and the
        public read, even while a revision of it awaits approval)."""
        return self.filter(approved_at__isnull=False)

    def awaiting_approval(self):
        """Figures whose working value is not the approved one: new figures and revisions."""
        return self.exclude(status__in=[Figure.Status.APPROVED, Figure.Status.LOCKED])


class Figure(TimeStampedModel):
    """One value per indicator × area × period, or "not available" with the reason."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        LOCKED = "locked", "Locked"

    # No index of its own: the unique constraint below, led by the indicator, finds its figures.
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="figures", db_index=False
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="figures")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="figures")
    value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    not_available_reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    note = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    # The value last approved: what members and the public read. A change to an approved
    # figure is a revision (value, status draft/submitted) until it is approved in turn.
    approved_value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    approved_not_available_reason = models.CharField(max_length=300, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    # Raised by every write: a save made from a page read at an older version is refused.
    version = models.PositiveIntegerField(default=1)
    # A figure's history is read by the figure (its id) and date; indexes on the other keys
    # would only slow down every write of a million rows.
    history = HistoricalRecords(no_db_index=["indicator", "area", "period", "updated_by"])

    objects = FigureQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period"], name="figure_unique_indicator_area_period"
            ),
            models.CheckConstraint(
                condition=(models.Q(value__isnull=False) & models.Q(not_available_reason=""))
                | (models.Q(value__isnull=True) & ~models.Q(not_available_reason="")),
                name="figure_value_or_reason",
            ),
        ]

    def __str__(self) -> str:
        shown = self.value if self.value is not None else "not available"
        return f"{self.indicator.code} {self.area.code} {self.period.code}: {shown}"

    @property
    def is_available(self) -> bool:
        return self.value is not None

    @property
    def is_approved(self) -> bool:
        """Whether the figure has an approved value at all."""
        return self.approved_at is not None

    @property
    def is_revision(self) -> bool:
        """An approved figure whose working value differs from the approved one."""
        return self.is_approved and (
            self.value != self.approved_value
            or self.not_available_reason != self.approved_not_available_reason
        )

    def approve(self, *, when) -> None:
        """Make the working value the approved one (the caller saves)."""
        self.approved_value = self.value
        self.approved_not_available_reason = self.not_available_reason
        self.approved_at = when


class Target(TimeStampedModel):
    """What an indicator should reach in a period, against a baseline, with an amber band."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="targets")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="targets")
    kind = models.CharField(max_length=10, choices=TargetKind.CHOICES)
    value = models.DecimalField(
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="The relative change in % (3 = 3% increase) or the absolute level.",
    )
    baseline_period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="baseline_of_targets"
    )
    amber_tolerance = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=5,
        help_text="Amber band: % of the level, or percentage points for percentage indicators.",
    )
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period"], name="target_unique_indicator_area_period"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["reduce", "increase"]) | models.Q(value__isnull=False),
                name="target_value_when_needed",
            ),
            models.CheckConstraint(
                condition=models.Q(amber_tolerance__gte=0), name="target_tolerance_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area} {self.period.code}: {self.get_kind_display()}"


class Basis(models.TextChoices):
    """Which figures a set of comparisons was computed from."""

    APPROVED = "approved", "Approved figures only"
    PROVISIONAL = "provisional", "Including provisional (draft and submitted) figures"


class ComparisonQuerySet(models.QuerySet):
    def for_area_period(self, area, period):
        """Comparisons of every indicator for one area and period."""
        return self.filter(area=area, period=period)


class ApprovedComparisonManager(models.Manager.from_queryset(ComparisonQuerySet)):
    """The default: comparisons of approved figures only, so no reader shows a draft by
    omission. Provisional comparisons are asked for by name (``Comparison.on_basis``)."""

    def get_queryset(self):
        return super().get_queryset().filter(basis=Basis.APPROVED)


class Comparison(models.Model):
    """A figure (entered or derived) against the same period a year earlier: computed, stored
    twice, once from approved figures and once including provisional ones (``basis``)."""

    # Millions of rows are rewritten by every recompute, from ids it has just read, so this
    # derived table keeps only the indexes reads use — each led by the basis every read names:
    # the unique (indicator, area, period), (area, period) and (period) — and no database-level
    # foreign keys (Django still cascades).
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="comparisons",
        db_index=False,
        db_constraint=False,
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="comparisons",
        db_index=False,
        db_constraint=False,
    )
    # Every read names a basis, so the (basis, period) index serves; no index of its own.
    period = models.ForeignKey(
        Period,
        on_delete=models.CASCADE,
        related_name="comparisons",
        db_index=False,
        db_constraint=False,
    )
    baseline_period = models.ForeignKey(
        Period, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    current_value = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    current_derived = models.BooleanField(default=False)
    baseline_value = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    change = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    pct_change = models.FloatField(null=True, help_text="Full precision; n/a when null.")
    pct_change_1dp = models.DecimalField(max_digits=14, decimal_places=1, null=True)
    change_unit = models.CharField(max_length=2)
    rate_per_1000 = models.DecimalField(max_digits=12, decimal_places=1, null=True)
    baseline_rate_per_1000 = models.DecimalField(max_digits=12, decimal_places=1, null=True)
    direction = models.CharField(max_length=12, blank=True)
    target_status = models.CharField(max_length=12, blank=True)
    rag = models.CharField(max_length=6, blank=True)
    rag_rule = models.CharField(max_length=300, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField()
    basis = models.CharField(max_length=12, choices=Basis.choices, default=Basis.APPROVED)
    # On the provisional basis: the value (or its baseline) rests on a figure not yet approved.
    provisional = models.BooleanField(default=False)
    baseline_provisional = models.BooleanField(default=False)

    objects = ApprovedComparisonManager()
    all_bases = models.Manager.from_queryset(ComparisonQuerySet)()

    class Meta:
        base_manager_name = "all_bases"
        constraints = [
            models.UniqueConstraint(
                fields=["basis", "indicator", "area", "period"],
                name="comparison_unique_basis_indicator_area_period",
            )
        ]
        indexes = [
            models.Index(fields=["basis", "area", "period"]),
            # The dashboard's period picker asks, per period, whether it has any comparison.
            models.Index(fields=["basis", "period"], name="comparison_basis_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period_id}: {self.change}"

    @property
    def rag_reason(self) -> str:
        """Why the RAG and the direction disagree, where they seem to (else "")."""
        from indicators.reasons import rag_direction_reason

        return rag_direction_reason(rag=self.rag, direction=self.direction)

    @classmethod
    def on_basis(cls, basis: str):
        """Comparisons of one basis (approved, or including provisional figures)."""
        return cls.all_bases.filter(basis=basis)


class ComparisonsVersion(models.Model):
    """How many times the comparisons (and what the public sees) have been stored, raised in
    the transaction that stores them, so that pages can cache what is the same for everyone
    under a key that a finished recompute changes (indicators/cache.py). One row without an
    area counts every recompute (for what spans areas: the pickers' choices); one row per area
    counts the recomputes that stored that area's rows, so that a save in one partnership's
    force leaves the other forces' cached pages warm."""

    area = models.OneToOneField(
        Area, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveBigIntegerField(default=0)
    stored_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"Comparisons version {self.number}"


class PublicFigure(models.Model):
    """One approved value as the public sees it (small numbers suppressed), worked out for
    every period the public may see each time the comparisons are recomputed, so that public
    pages, the open-data file and the API read rows rather than suppress per request."""

    # Rewritten by every recompute from ids it has just read, like the comparisons: no
    # database-level foreign keys (Django still cascades), and no indexes of their own for the
    # period and area, which lead the unique constraint that reads use.
    period = models.ForeignKey(
        Period, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    # The approved value; None when it is hidden or was entered as not available.
    value = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    # "fewer than 5" or "not shown" for a hidden value, else "".
    hidden_text = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "area", "indicator"], name="public_figure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period_id}: {self.value}"


class FigureChange(models.Model):
    """Figures written since the comparisons were last worked out: the recompute's to-do list.

    One row per area and period a write touched, naming the indicators; written in the same
    transaction as the figures, and removed by the recompute that has taken it into account, so
    a write committed while a recompute runs is left for the next one."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    indicator_ids = models.JSONField(default=list)
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{len(self.indicator_ids)} indicators of {self.area_id} in {self.period_id}"


class PublishedValue(TimeStampedModel):
    """A row of a published table, kept as printed so the app can check it against the figures."""

    source = models.CharField(max_length=200, help_text="Document and table it was printed in.")
    row_label = models.CharField(max_length=200)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    baseline_period = models.ForeignKey(
        Period, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    current = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    baseline = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    change = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    pct_change = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    pct_places = models.PositiveSmallIntegerField(default=1)
    rate_per_1000 = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    rate_places = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["source", "id"]

    def __str__(self) -> str:
        return f"{self.source}: {self.row_label} ({self.area})"


class FigureUploadQuerySet(OwnedQuerySet):
    owner_field = "uploaded_by"


class PreviewedUpload(TimeStampedModel):
    """A file uploaded through the browser, kept while its preview is read, then applied (or
    not): what it created, changed and left unchanged, and the recompute it started."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Waiting for you to apply it"
        APPLIED = "applied", "Applied"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    applied_at = models.DateTimeField(null=True, blank=True)
    recompute_job = models.ForeignKey(
        "shp.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FigureUploadQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"


class FigureUpload(PreviewedUpload):
    """A figures file: checked and previewed, then applied (or not), then approved."""

    revisions = models.PositiveIntegerField(
        default=0, help_text="Approved figures it changed: revisions awaiting approval."
    )
    written = models.JSONField(
        default=list, blank=True, help_text="[figure id, version] of each figure it wrote."
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Set for an officer's upload: only this organisation's figures are accepted.",
    )
    quarter = models.CharField(
        max_length=20, blank=True, help_text="The quarter an officer's upload is limited to."
    )

    class Meta(PreviewedUpload.Meta):
        pass

    def get_absolute_url(self) -> str:
        return reverse("indicators:upload-detail", kwargs={"pk": self.pk})


class CatalogueUpload(PreviewedUpload):
    """A catalogue file (uploaded, or the national reference file): checked and previewed, then
    applied (or not)."""

    update_existing = models.BooleanField(
        default=True,
        help_text="Change indicators the catalogue already has; if not, only add new ones.",
    )

    class Meta(PreviewedUpload.Meta):
        pass

    def get_absolute_url(self) -> str:
        return reverse("indicators:catalogue-upload", kwargs={"pk": self.pk})


class QuarterReturnQuerySet(models.QuerySet):
    def for_period(self, period):
        """Returns of one quarter."""
        return self.filter(period=period)


class QuarterReturn(TimeStampedModel):
    """One organisation's figures for one quarter, and where they are in sign-off."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        LOCKED = "locked", "Locked"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="quarter_returns"
    )
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="quarter_returns")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = QuarterReturnQuerySet.as_manager()

    class Meta:
        ordering = ["period__start", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period"], name="quarter_return_unique_org_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period.code}: {self.get_status_display()}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class EntryWarning(TimeStampedModel):
    """Something a check flagged on save; it must be acknowledged with a comment to submit."""

    class Kind(models.TextChoices):
        PARTS = "parts", "Parts do not add up to the total"
        SWING = "swing", "Large change on last year"
        MISSING = "missing", "Boxes with no figure"

    quarter_return = models.ForeignKey(
        QuarterReturn, on_delete=models.CASCADE, related_name="warnings"
    )
    # Empty for the one warning that lists every missing box.
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period = models.ForeignKey(
        Period, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    message = models.CharField(max_length=1000)
    comment = models.TextField(blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind", "indicator__display_order", "area__display_order", "period__start"]

    def __str__(self) -> str:
        return self.message

    @property
    def is_acknowledged(self) -> bool:
        return bool(self.comment.strip())


class CommentaryQuerySet(models.QuerySet):
    def settled(self):
        """Commentaries whose organisation's quarter return is approved or locked."""
        settled = QuarterReturn.objects.filter(
            organisation=models.OuterRef("organisation"),
            period=models.OuterRef("period"),
            status__in=[QuarterReturn.Status.APPROVED, QuarterReturn.Status.LOCKED],
        )
        return self.filter(models.Exists(settled))


class Commentary(TimeStampedModel):
    """What an indicator's figures in an area and a quarter mean, written by the organisation
    that reports them; it reaches members with that organisation's return (required before
    approval where the RAG is red)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="commentaries")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="commentaries")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="commentaries")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="commentaries",
        help_text="Whose quarter return the commentary belongs to.",
    )
    text = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = CommentaryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period"],
                name="commentary_unique_indicator_area_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.period.code}"


class Narrative(TimeStampedModel):
    """The performance lead's summary of an area's period, started from the drafted one
    (``indicators.narrative``); it goes into the dashboard, the report and the pack appendix."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="narratives")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="narratives")
    text = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "period"], name="narrative_unique_area_period")
        ]

    def __str__(self) -> str:
        return f"{self.area.code} {self.period.code}"


class PrintedReport(TimeStampedModel):
    """A performance report someone downloaded, with the exact figures it printed."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    basis = models.CharField(max_length=12, choices=Basis.choices)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    figures = models.JSONField(
        default=list, help_text="Each value as printed, with the figure (id, version) behind it."
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.area} {self.period.code} ({self.created_at:%-d %b %Y %H:%M})"


class ReportDefinition(TimeStampedModel):
    """What a performance appendix or report prints: its sections, in order. The lead edits it;
    the default one is used where none is chosen."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    is_default = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="report_definition_one_default",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:report-definition", kwargs={"slug": self.slug})


class ReportSection(TimeStampedModel):
    """One part of a report definition: a scorecard, a table, a district comparison or a chart."""

    class Kind(models.TextChoices):
        SCORECARD = "scorecard", "Targets, grouped by the strategic objectives in force"
        TABLE = "table", "Table of the chosen indicators compared with the baseline"
        DISTRICTS = "districts", "The force's districts per 1,000, for the chosen indicators"
        TREND = "trend", "Trend chart of each chosen indicator"
        HEADLINE = "headline", "Headline charts at the top of the dashboard (not printed)"

    definition = models.ForeignKey(
        ReportDefinition, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text="{area}, {period} and {baseline} are replaced by their names.",
    )
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="report_sections")
    show_rate = models.BooleanField(default=False, help_text="A per 1,000 column in a table.")
    show_chart = models.BooleanField(
        default=False, help_text="A bar chart after a district comparison."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["definition", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "position"], name="report_section_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.definition}: {self.title or self.get_kind_display()}"
