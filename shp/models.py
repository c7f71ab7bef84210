"""The partnership core: users, organisations, people, and background jobs."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from shp.roles import Role


class TimeStampedModel(models.Model):
    """Records when a row was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class User(AbstractUser):
    """A person who signs in; their roles are the Django groups they belong to."""

    history = HistoricalRecords()

    def role_set(self) -> frozenset[Role]:
        """The roles this user holds (read from groups prefetched or cached on the instance)."""
        if not self.is_active:
            return frozenset()
        cached = getattr(self, "_role_cache", None)
        if cached is None:
            valid = set(Role.values)
            cached = frozenset(
                Role(name) for name in self.groups.values_list("name", flat=True) if name in valid
            )
            self._role_cache = cached
        return cached


class PartnershipManager(models.Manager):
    def current(self) -> "Partnership":
        """The partnership this installation runs; an unsaved blank one before set-up."""
        return self.order_by("pk").first() or Partnership()


class Partnership(TimeStampedModel):
    """Who runs this installation: its name, the place it serves and its main area, and the
    words of its home page. One row, set up from files or by an administrator."""

    name = models.CharField(max_length=200, default="Community Safety Partnership")
    place = models.CharField(
        max_length=100, blank=True, help_text="Where it works: a town, a borough or a county."
    )
    area_code = models.CharField(
        max_length=20,
        blank=True,
        help_text="ONS code of the area it covers: its strategies show this area's RAG.",
    )
    home_intro = models.TextField(
        blank=True,
        help_text="The first words of the public home page.",
        default="The council, police, fire service, probation, health and treatment services "
        "working together to cut crime and disorder.",
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = PartnershipManager()

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        """Organisations that still take part in the partnership."""
        return self.filter(is_active=True)

    def responsible_authorities(self):
        """Statutory responsible authorities under the Crime and Disorder Act 1998."""
        return self.filter(is_responsible_authority=True)


class Organisation(TimeStampedModel):
    """A partner body: council, police, fire, probation, health, treatment, voluntary sector…"""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Local authority"
        POLICE = "police", "Police"
        POLICE_AND_CRIME_COMMISSIONER = "pcc", "Police and crime commissioner"
        FIRE = "fire", "Fire and rescue"
        PROBATION = "probation", "Probation"
        HEALTH = "health", "Health"
        TREATMENT = "treatment", "Drug and alcohol treatment"
        HOUSING = "housing", "Housing"
        JUSTICE = "justice", "Courts and youth justice"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    is_responsible_authority = models.BooleanField(
        default=False,
        help_text="A responsible authority under section 5 of the Crime and Disorder Act 1998.",
    )
    website = models.URLField(blank=True)
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("shp:organisation-detail", kwargs={"slug": self.slug})


class PersonQuerySet(models.QuerySet):
    def active(self):
        """People currently working with the partnership."""
        return self.filter(is_active=True)


class Person(TimeStampedModel):
    """Someone who works with the partnership, with or without a user account."""

    name = models.CharField(max_length=200)
    title = models.CharField(
        max_length=60, blank=True, help_text='For example "Councillor" or "Chief Inspector".'
    )
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["name", "organisation"], name="person_unique_name_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.name}".strip()


class OwnedQuerySet(models.QuerySet):
    """Rows that belong to the user who made them; administrators see everyone's."""

    owner_field = "created_by"

    def for_user(self, user):
        """The user's own rows, or every row for an administrator."""
        if Role.ADMINISTRATOR in user.role_set():
            return self
        return self.filter(**{self.owner_field: user})


class JobQuerySet(OwnedQuerySet):
    owner_field = "created_by"


class Job(TimeStampedModel):
    """A background task's progress, written by the task and polled by the page that started it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        # The job queue (broker) could not be reached: the job is kept here and sent when
        # it is back (shp.job_queue.jobs_send_waiting, every minute).
        WAITING = "waiting", "Waiting for the job queue"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Done"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    step = models.PositiveIntegerField(default=0)
    total_steps = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The task that runs the job and its arguments, kept so that a job whose message never
    # reached the queue can be sent again; sent_at is when the queue took it.
    task_name = models.CharField(max_length=200, blank=True)
    task_args = models.JSONField(default=list, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(step__lte=models.F("total_steps")) | models.Q(total_steps=0),
                name="job_step_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("shp:job-detail", kwargs={"pk": self.pk})

    @property
    def percent(self) -> int:
        """How far the job has got, 0–100 (100 once it has succeeded)."""
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.total_steps:
            return 0
        return round(self.step * 100 / self.total_steps)

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}


class SentReminder(TimeStampedModel):
    """A reminder e-mailed to one person: what about (kind and key), when, and whether it went."""

    class Status(models.TextChoices):
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed: will be tried again"

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    email = models.EmailField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=300)
    body = models.TextField()
    link = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "email"], name="sent_reminder_once_per_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.email}"
