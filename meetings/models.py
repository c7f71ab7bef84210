"""Committees and their seats, meetings, agendas, officer reports, attendance, minutes, actions."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from meetings import workdays
from shp.models import Organisation, Person, TimeStampedModel

MUNICIPAL_YEAR_START_MONTH = 5  # the annual council meeting in May starts the municipal year


def municipal_year_of(day: date) -> int:
    """The calendar year in which the municipal year holding ``day`` began (May to April)."""
    return day.year if day.month >= MUNICIPAL_YEAR_START_MONTH else day.year - 1


def municipal_year_label(start_year: int) -> str:
    """ "2015/16" for the municipal year that began in May 2015."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


class Committee(TimeStampedModel):
    """The partnership board or one of its sub-groups."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="sub_groups"
    )
    default_venue = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    templates_version = models.PositiveIntegerField(
        default=1, help_text="Raised by every change to its standing items or report sections."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = [models.F("parent").asc(nulls_first=True), "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:committee-detail", kwargs={"slug": self.slug})


class Seat(TimeStampedModel):
    """A place on a committee, held on behalf of an organisation; it outlives its holders."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="seats")
    title = models.CharField(
        max_length=200,
        help_text='For example "Director of Public Health"',
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="seats")
    is_responsible_authority = models.BooleanField(
        default=False, help_text="Held for a responsible authority under the 1998 Act."
    )
    display_order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "display_order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "title"], name="seat_unique_title")
        ]

    def __str__(self) -> str:
        return self.title


class MembershipQuerySet(models.QuerySet):
    def current_on(self, day: date):
        """Memberships that had started and not ended on ``day``."""
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class Membership(TimeStampedModel):
    """A person holding a seat for a time (chair, vice-chair or member), with named substitutes."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    substitutes = models.ManyToManyField(Person, blank=True, related_name="substitute_for")
    history = HistoricalRecords()  # substitutes: m2m history would break shp.history_backfill

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["seat__display_order", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.seat}"


class MeetingQuerySet(models.QuerySet):
    def agenda_public(self):
        """Meetings whose agenda has been published (and not withdrawn by cancellation)."""
        return self.filter(published_at__isnull=False).exclude(status=Meeting.Status.CANCELLED)

    def upcoming(self, today: date):
        """Meetings on or after ``today``."""
        return self.filter(date__gte=today)


class Meeting(TimeStampedModel):
    """One meeting of a committee, from scheduling to confirmed minutes."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        AGENDA_PUBLISHED = "agenda_published", "Agenda published"
        HELD = "held", "Held"
        MINUTES_CONFIRMED = "minutes_confirmed", "Minutes confirmed"
        CANCELLED = "cancelled", "Cancelled"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    municipal_year = models.PositiveSmallIntegerField(
        help_text="The year the municipal year began (May to April), e.g. 2015 for 2015/16."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    draft_minutes_published_at = models.DateTimeField(
        null=True, blank=True, help_text='Published as "draft, subject to confirmation".'
    )
    decisions_published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the decision notice was published."
    )
    minutes_confirmed_at_meeting = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="confirmed_minutes_of",
        help_text="The meeting at which these minutes were confirmed as a correct record.",
    )
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "date", "start_time"], name="meeting_unique_time"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee} — {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", kwargs={"pk": self.pk})

    @property
    def municipal_year_label(self) -> str:
        return municipal_year_label(self.municipal_year)

    @property
    def publication_deadline(self) -> date:
        return workdays.publication_deadline(self.date)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def minutes_confirmed(self) -> bool:
        return self.status == self.Status.MINUTES_CONFIRMED

    @property
    def minutes_are_public(self) -> bool:
        """Confirmed minutes, or draft minutes published as subject to confirmation."""
        return self.minutes_confirmed or self.draft_minutes_published_at is not None

    @property
    def decisions_are_public(self) -> bool:
        """Public minutes, or a published decision notice."""
        return self.minutes_are_public or self.decisions_published_at is not None


class Section(models.TextChoices):
    """Parts of an agenda, in the order they are printed."""

    APOLOGIES = "apologies", "Apologies for absence"
    DECLARATIONS = "declarations", "Declarations of interest"
    MINUTES = "minutes", "Minutes"
    DECISION = "decision", "Items for decision"
    PRESENTATIONS = "presentations", "Presentations"
    INFORMATION = "information", "Items for discussion/information"
    URGENT = "urgent", "Any other business which the chair considers urgent"
    NEXT_MEETING = "next_meeting", "Date of next meeting"


SECTION_ORDER = {value: index for index, value in enumerate(Section.values)}
# Sections printed as one numbered line; the others are a numbered heading with items "4.1".
SINGLE_LINE_SECTIONS = frozenset({Section.APOLOGIES, Section.DECLARATIONS, Section.URGENT})
UNNUMBERED_SECTIONS = frozenset({Section.NEXT_MEETING})


class StandingItem(TimeStampedModel):
    """An item every meeting of a committee starts with (apologies, declarations, minutes…):
    copied onto each meeting's agenda when it is scheduled; democratic services edits them."""

    class Kind(models.TextChoices):
        STANDING = "standing", "Standing item"
        MATTERS_ARISING = "matters_arising", "Matters arising from the minutes"

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="standing_items"
    )
    position = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=20, choices=Section.choices)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STANDING)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "position"], name="standing_item_unique_position"
            )
        ]

    def __str__(self) -> str:
        return self.title


# Sections whose items are officer reports that must be complete before publication.
REPORT_SECTIONS = frozenset({Section.DECISION, Section.INFORMATION})


class ExemptParagraph(models.IntegerChoices):
    """The descriptions of exempt information in Part 1 of Schedule 12A, LGA 1972."""

    INDIVIDUAL = 1, "1: information relating to any individual"
    IDENTITY = 2, "2: information likely to reveal the identity of an individual"
    FINANCIAL = 3, "3: the financial or business affairs of any particular person"
    LABOUR_RELATIONS = 4, "4: consultations or negotiations on labour relations"
    LEGAL_PRIVILEGE = 5, "5: legal professional privilege"
    NOTICES_ORDERS = 6, "6: notices, orders or directions proposed to be given or made"
    CRIME = 7, "7: the prevention, investigation or prosecution of crime"


class AgendaItemQuerySet(models.QuerySet):
    def in_agenda_order(self):
        """Items by section, then their order within it."""
        items = list(self)
        items.sort(key=lambda i: (SECTION_ORDER[i.section], i.position, i.pk or 0))
        return items

    def public(self):
        """Items the public may see: never exempt ones."""
        return self.filter(exempt_paragraph__isnull=True)


class ExemptTitleMixin:
    """An item that may be exempt under Schedule 12A: the public see its public title."""

    @property
    def is_exempt(self) -> bool:
        return self.exempt_paragraph is not None

    @property
    def shown_title(self) -> str:
        """The title as the public sees it: an exempt item's public title."""
        if self.is_exempt:
            return self.public_title or "Exempt item"
        return self.title


class AgendaItem(ExemptTitleMixin, TimeStampedModel):
    """A line of an agenda: a standing item or business with its lead officer and report."""

    class Kind(models.TextChoices):
        STANDING = "standing", "Standing item"
        BUSINESS = "business", "Business"
        MATTERS_ARISING = "matters_arising", "Matters arising"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(max_length=20, choices=Section.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BUSINESS)
    position = models.PositiveSmallIntegerField(default=0)
    number = models.CharField(
        max_length=10, blank=True, help_text="Frozen when the agenda is published, e.g. 4.1"
    )
    title = models.CharField(max_length=300)
    public_title = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the public sees of an exempt item (its title may itself be exempt).",
    )
    lead_officer = models.CharField(
        max_length=200,
        blank=True,
        help_text='For example "Director of Regeneration and Neighbourhoods"',
    )
    minutes_of = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_items",
        help_text="For the Minutes item: the meeting whose minutes are to be confirmed.",
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=ExemptParagraph.choices, null=True, blank=True
    )
    is_late = models.BooleanField(default=False)
    urgency_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_late=False) | ~Q(urgency_reason=""),
                name="agenda_item_late_needs_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("meetings:report-detail", kwargs={"pk": self.pk})

    @property
    def exempt_notice(self) -> str:
        """ "Exempt information: paragraph N of Schedule 12A", for the public."""
        if not self.is_exempt:
            return ""
        return (
            f"Exempt information: paragraph {self.exempt_paragraph} of Part 1 of Schedule 12A "
            "to the Local Government Act 1972"
        )

    @property
    def needs_report(self) -> bool:
        return self.section in REPORT_SECTIONS


class ReportSection(models.TextChoices):
    """The standard sections of an officer report, in print order."""

    PURPOSE = "purpose", "Purpose of report"
    BACKGROUND = "background", "Background"
    PROPOSALS = "proposals", "Proposals or options"
    RISK = "risk", "Risk implications"
    FINANCIAL = "financial", "Financial considerations"
    LEGAL = "legal", "Legal considerations"
    CONSULTATION = "consultation", "Consultation"
    CHILD_POVERTY = "child_poverty", "Child and family poverty"
    EQUALITY = "equality", "Equality and diversity considerations"
    SECTION_17 = "section_17", "Section 17 of the Crime and Disorder Act 1998"
    STAFF = "staff", "Staff considerations"
    ASSETS = "assets", "Asset management considerations"
    RECOMMENDATIONS = "recommendations", "Recommendations"
    REASONS = "reasons", "Reasons for recommendations"
    BACKGROUND_PAPERS = "background_papers", "Background papers"
    CONTACT_OFFICERS = "contact_officers", "Contact officers"


# An answer such as "There are no financial considerations" is required; blank is not.
REQUIRED_REPORT_SECTIONS = (
    ReportSection.PURPOSE,
    ReportSection.BACKGROUND,
    ReportSection.RISK,
    ReportSection.FINANCIAL,
    ReportSection.LEGAL,
    ReportSection.CHILD_POVERTY,
    ReportSection.EQUALITY,
    ReportSection.SECTION_17,
    ReportSection.STAFF,
    ReportSection.ASSETS,
    ReportSection.RECOMMENDATIONS,
    ReportSection.REASONS,
    ReportSection.CONTACT_OFFICERS,
)


class CommitteeReportSection(TimeStampedModel):
    """A section every officer report to a committee has, in print order: a standard one (its
    key is a ReportSection) or the committee's own. Democratic services edits them."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="report_sections"
    )
    position = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=40)
    heading = models.CharField(max_length=200)
    is_required = models.BooleanField(
        default=False, help_text="The agenda cannot be published while it is blank."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "position"], name="committee_report_section_unique_position"
            ),
            models.UniqueConstraint(
                fields=["committee", "key"], name="committee_report_section_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return self.heading


class Report(TimeStampedModel):
    """An officer report for an agenda item, one text field per standard section. Its authors
    draft it and submit it for clearance; democratic services clear it (or send it back), and
    it is published with the agenda. A report democratic services write is cleared as saved."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft, with its authors"
        SUBMITTED = "submitted", "Submitted for clearance"
        CLEARED = "cleared", "Cleared for publication"

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="report")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every save: a save from an older page is refused."
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revised_at = models.DateTimeField(
        null=True, blank=True, help_text="When it last changed after the agenda was published."
    )
    report_of = models.CharField(max_length=200, help_text="The officer whose report it is.")
    subject = models.CharField(max_length=300)
    purpose = models.TextField(blank=True)
    background = models.TextField(blank=True)
    proposals = models.TextField(blank=True)
    risk = models.TextField(blank=True)
    financial = models.TextField(blank=True)
    legal = models.TextField(blank=True)
    consultation = models.TextField(blank=True)
    child_poverty = models.TextField(blank=True)
    equality = models.TextField(blank=True)
    section_17 = models.TextField(blank=True)
    staff = models.TextField(blank=True)
    assets = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    reasons = models.TextField(blank=True)
    background_papers = models.TextField(blank=True)
    contact_officers = models.TextField(blank=True)
    authors = models.ManyToManyField(
        Person,
        blank=True,
        related_name="authored_reports",
        help_text="The officers who wrote the report or are its contacts: they may read it "
        "even when the item is exempt.",
    )
    extra_sections = models.JSONField(
        default=dict, blank=True, help_text="Text of the committee's own sections, by key."
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.subject

    def template(self) -> list["CommitteeReportSection"]:
        """The sections the committee's reports have, in print order: read once per committee
        object, so an agenda's reports (which share their meeting's committee) cost one query."""
        committee = self.item.meeting.committee
        if not hasattr(committee, "_report_template"):
            committee._report_template = list(committee.report_sections.order_by("position"))
        return committee._report_template

    def text_of(self, key: str) -> str:
        """A section's text: a standard section has its own column, the committee's own
        sections are kept in ``extra_sections``."""
        if key in ReportSection.values:
            return getattr(self, key)
        return str(self.extra_sections.get(key, ""))

    def missing_sections(self) -> list[str]:
        """Headings of required sections left blank (whitespace counts as blank)."""
        template = self.template()
        return [s.heading for s in template if s.is_required and not self.text_of(s.key).strip()]

    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of every section of the committee's template that has text, in
        print order."""
        return [(s.heading, self.text_of(s.key)) for s in self.template() if self.text_of(s.key)]


class ReportComment(models.Model):
    """The thread between a report's authors and democratic services: comments, and each
    submission, sending back and clearance with its note."""

    class Kind(models.TextChoices):
        COMMENT = "comment", "Comment"
        SUBMITTED = "submitted", "Submitted for clearance"
        SENT_BACK = "sent_back", "Sent back to the authors"
        CLEARED = "cleared", "Cleared for publication"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200, help_text="Kept if the account is removed.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author_name}"


def appendix_upload_to(instance, filename: str) -> str:
    return f"meetings/appendices/{instance.report.item.meeting.date:%Y/%m}/{filename}"


class Appendix(TimeStampedModel):
    """A report's appendix: an uploaded PDF, or one the app generates (e.g. performance)."""

    class Kind(models.TextChoices):
        UPLOADED = "uploaded", "Uploaded PDF"
        GENERATED = "generated", "Generated"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="appendices")
    label = models.CharField(max_length=20, help_text='For example "Appendix A"')
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to=appendix_upload_to, blank=True)
    original_filename = models.CharField(max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    pages = models.PositiveIntegerField(null=True, blank=True)
    generator = models.CharField(
        max_length=30,
        blank=True,
        help_text="The kind of generated appendix (each app registers its own kinds).",
    )
    generator_options = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "label"]
        verbose_name_plural = "appendices"
        constraints = [
            models.UniqueConstraint(fields=["report", "label"], name="appendix_unique_label"),
            models.CheckConstraint(
                condition=(Q(kind="uploaded") & ~Q(file=""))
                | (Q(kind="generated") & ~Q(generator="")),
                name="appendix_has_file_or_generator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.title}"


class Attendance(TimeStampedModel):
    """Whether a person was at a meeting, and in what capacity."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"
        SUBSTITUTE = "substitute", "Substitute"
        ALSO_PRESENT = "also_present", "Also present"
        OFFICER = "officer", "Officer in attendance"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=20, choices=Status.choices)
    substitute_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="substituted_by"
    )
    in_the_chair = models.BooleanField(default=False)
    capacity = models.CharField(max_length=200, blank=True, help_text="As printed in the minutes.")
    substitute_reason = models.TextField(
        blank=True,
        help_text="Why someone who is not the member's named substitute stood in for them.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "status", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=(Q(status="substitute") & Q(substitute_for__isnull=False))
                | (~Q(status="substitute") & Q(substitute_for__isnull=True)),
                name="attendance_substitute_names_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class Declaration(TimeStampedModel):
    """An interest declared by a person in an agenda item."""

    class Nature(models.TextChoices):
        PERSONAL = "personal", "Personal interest"
        PREJUDICIAL = "prejudicial", "Prejudicial interest"
        PECUNIARY = "pecuniary", "Disclosable pecuniary interest"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    nature = models.CharField(max_length=20, choices=Nature.choices)
    description = models.CharField(max_length=500, help_text="For example the body they sit on.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "person"], name="declaration_once_per_person_and_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_nature_display()} in {self.item.title}"


class Minute(TimeStampedModel):
    """A numbered minute; numbers run on through the committee's municipal year."""

    class Kind(models.TextChoices):
        ITEM = "item", "Agenda item"
        URGENT_RULING = "urgent_ruling", "Chair's ruling on urgent business"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    municipal_year = models.PositiveSmallIntegerField()
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="minutes"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ITEM)
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    lead_officer = models.CharField(max_length=200, blank=True)
    purpose = models.TextField(blank=True)
    issues = models.TextField(blank=True, help_text="Issues for consideration")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "municipal_year", "number"],
                name="minute_number_unique_in_municipal_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


def roman(number: int) -> str:
    """Lower-case roman numerals, as decisions are numbered: 1 → i, 4 → iv."""
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    text = ""
    for value, letters in numerals:
        while number >= value:
            text += letters
            number -= value
    return text


class Decision(TimeStampedModel):
    """One decision recorded under a minute; printed (i), (ii)… when there are several."""

    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["minute", "position"]
        constraints = [
            models.UniqueConstraint(fields=["minute", "position"], name="decision_unique_position")
        ]

    def __str__(self) -> str:
        return f"({roman(self.position)}) {self.text[:60]}"

    @property
    def numeral(self) -> str:
        return f"({roman(self.position)})"


class ActionQuerySet(models.QuerySet):
    def open(self):
        """Actions not yet closed."""
        return self.filter(status=Action.Status.OPEN)


class Action(TimeStampedModel):
    """Something a decision asked someone to do; open actions are matters arising."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "No longer needed"

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=500)
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="meeting_actions")
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["status", "due_date", "pk"]

    def __str__(self) -> str:
        return self.description


def pack_upload_to(instance, filename: str) -> str:
    return f"meetings/packs/{instance.meeting.date:%Y/%m}/{filename}"


class PackVersion(TimeStampedModel):
    """One rendered agenda pack, kept with the state it was made from (its fingerprint)."""

    class Variant(models.TextChoices):
        PUBLIC = "public", "Public pack (exempt items left out)"
        MEMBERS = "members", "Members' pack (everything)"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packs")
    variant = models.CharField(max_length=10, choices=Variant.choices)
    fingerprint = models.CharField(
        max_length=64, help_text="SHA-256 of everything the pack was made from."
    )
    file = models.FileField(upload_to=pack_upload_to)
    size = models.PositiveBigIntegerField()
    pages = models.PositiveIntegerField()
    html = models.TextField(
        blank=True, help_text="The same pack as one accessible web page (uploads linked)."
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    figures = models.JSONField(
        default=list,
        blank=True,
        help_text="Every figure its generated appendices printed: indicator, area, period, the "
        "value as printed and the figure (id, version) behind it.",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "variant", "fingerprint"], name="pack_version_unique_state"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.get_variant_display()} ({self.created_at:%-d %b %Y %H:%M})"


class PaperAccess(models.Model):
    """Someone opened an exempt paper or a members' pack: who, when, what (for democratic
    services to read)."""

    class Kind(models.TextChoices):
        REPORT = "report", "Exempt report"
        APPENDIX = "appendix", "Exempt appendix"
        MINUTES = "minutes", "Exempt minutes"
        MEMBERS_PACK = "members_pack", "Members' pack"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, help_text="Kept if the account is removed.")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="paper_access")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    what = models.CharField(max_length=300)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username}: {self.what} ({self.at:%-d %b %Y %H:%M})"


KEY_DECISION_NOTICE_DAYS = 28  # a key decision is on the forward plan 28 clear days ahead


class ForwardPlanItem(ExemptTitleMixin, TimeStampedModel):
    """Business a committee expects to take at a future meeting (its forward plan or work
    programme); it becomes an agenda item when that meeting's agenda is built."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="forward_plan_items"
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="forward_plan_items",
        help_text="The meeting expected to take it.",
    )
    section = models.CharField(max_length=20, choices=Section.choices, default=Section.DECISION)
    title = models.CharField(max_length=300)
    lead_officer = models.CharField(max_length=200)
    is_key_decision = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=ExemptParagraph.choices, null=True, blank=True
    )
    public_title = models.CharField(max_length=300, blank=True)
    exempt_reason = models.TextField(
        blank=True, help_text="Why it is likely to be exempt, as published."
    )
    urgency_reason = models.TextField(
        blank=True,
        help_text="Why a key decision goes on the plan less than 28 clear days ahead.",
    )
    published_on = models.DateField(help_text="The day it first appeared on the forward plan.")
    agenda_item = models.OneToOneField(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forward_plan_item",
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def notice_days(self) -> int:
        """Clear days between first publication and the meeting."""
        return (self.meeting.date - self.published_on).days - 1
