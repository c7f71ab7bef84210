"""Writes of the partnership core: role groups, user roles, background job progress, and the
reminders sent by e-mail."""

import time
from dataclasses import dataclass
from datetime import date
from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from shp.errors import ApplicationError
from shp.models import Job, Partnership, SentReminder, User
from shp.reminders import Recipient, ReminderDue, reminder_sources
from shp.roles import ADMINISTRATOR_APPS, ROLE_PERMISSIONS, Role


@transaction.atomic
def role_groups_sync() -> dict[Role, Group]:
    """Create or update one Django group per role with exactly its permissions."""
    groups = {}
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        if role == Role.ADMINISTRATOR:
            permissions = Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS)
        else:
            wanted = ROLE_PERMISSIONS[role]
            pairs = [name.split(".", 1) for name in wanted]
            permissions = [
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in pairs
            ]
        group.permissions.set(permissions)
        groups[role] = group
    return groups


@transaction.atomic
def user_roles_set(*, user: User, roles: set[Role]) -> User:
    """Give the user exactly these roles; administrators may use the Django admin."""
    groups = role_groups_sync()
    user.groups.set([groups[role] for role in roles])
    user.is_staff = Role.ADMINISTRATOR in roles
    user.save(update_fields=["is_staff"])
    user._role_cache = None
    return user


def job_create(
    *, kind: str, title: str, total_steps: int, created_by: User | None, task=None,
    task_args: tuple = (),
) -> Job:  # fmt: skip
    """Record a job as queued; with ``task``, send it to the queue (as ``task(job id,
    *task_args)``) once this transaction commits (shp/job_queue.py)."""
    from shp.job_queue import job_send

    if total_steps < 0:
        raise ApplicationError("A job cannot have a negative number of steps.")
    job = Job.objects.create(
        kind=kind, title=title, total_steps=total_steps, created_by=created_by,
        task_name=task.name if task else "", task_args=list(task_args),
    )  # fmt: skip
    if task is not None:
        transaction.on_commit(lambda: job_send(job_id=job.pk))
    return job


def job_progress(*, job_id, step: int, message: str) -> None:
    """Record how far a running job has got (one UPDATE, visible to pollers at once)."""
    now = timezone.now()
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, step=step, message=message[:300], updated_at=now
    )
    Job.objects.filter(pk=job_id, started_at__isnull=True).update(started_at=now)


def job_succeed(*, job_id, message: str = "Done", result_url: str = "") -> None:
    """Mark a job finished successfully."""
    now = timezone.now()
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.SUCCEEDED,
        step=job.total_steps,
        message=message[:300],
        result_url=result_url,
        finished_at=now,
        updated_at=now,
    )


def job_fail(*, job_id, error: str) -> None:
    """Mark a job failed, keeping the reason to show the person who started it."""
    now = timezone.now()
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED, error=error, message="Failed", finished_at=now, updated_at=now
    )


def history_backfill() -> int:
    """Give every audited row without history its first record (loaddata saves raw rows,
    which django-simple-history skips). Returns how many records were written."""
    from simple_history.models import registered_models

    written = 0
    for model in registered_models.values():
        missing = model._default_manager.exclude(
            pk__in=model.history.values_list(model._meta.pk.attname, flat=True)
        )
        written += len(
            model.history.bulk_history_create(list(missing), default_change_reason="Loaded")
        )
    return written


DEMO_JOB_KIND = "demo-count"
DEMO_JOB_MAX_STEPS = 20


def demo_job_start(*, user: User, steps: int) -> Job:
    """Queue the demonstration job, which counts through ``steps`` steps with progress."""
    from shp.tasks import demo_count_task

    if not 1 <= steps <= DEMO_JOB_MAX_STEPS:
        raise ApplicationError(
            f"Enter a number of steps from 1 to {DEMO_JOB_MAX_STEPS}.", field="steps"
        )
    with transaction.atomic():
        job = job_create(
            kind=DEMO_JOB_KIND,
            title=f"Demonstration job ({steps} steps)",
            total_steps=steps,
            created_by=user,
            task=demo_count_task,
        )
    return job


def demo_job_run(*, job_id, step_seconds: float = 0.5) -> None:
    """Count through the job's steps, recording progress after each one."""
    job = Job.objects.get(pk=job_id)
    for step in range(1, job.total_steps + 1):
        time.sleep(step_seconds)
        job_progress(job_id=job_id, step=step, message=f"Step {step} of {job.total_steps}")
    job_succeed(job_id=job_id, message=f"Counted {job.total_steps} steps")


@transaction.atomic
def demo_users_create() -> list:
    """Create or reset one demo user per role (idempotent): known password, one role, a person."""
    from shp.demo import DEMO_USERS
    from shp.models import Organisation, Person

    created = []
    for demo in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=demo.username)
        first, _, last = demo.name.partition(" ")
        user.first_name, user.last_name = first, last
        user.email = f"{demo.username}@example.org"
        user.is_active = True
        user.set_password(demo.password)
        user.save()
        user_roles_set(user=user, roles={demo.role})
        organisation = Organisation.objects.get(slug=demo.organisation_slug)
        Person.objects.update_or_create(
            user=user,
            defaults={
                "name": demo.name,
                "job_title": demo.job_title,
                "organisation": organisation,
                "email": user.email,
            },
        )
        created.append(demo)
    return created


PARTNERSHIP_FIELDS = ("name", "place", "area_code", "home_intro")


@transaction.atomic
def partnership_update(*, user: User, values: dict, read_version: int) -> Partnership:
    """An administrator changes the partnership's name, place, area and home page words; a
    change made from a stale page is refused."""
    if Role.ADMINISTRATOR not in user.role_set():
        raise ApplicationError("Only an administrator can change the partnership's details.")
    partnership = Partnership.objects.current()
    if partnership.pk is not None:
        partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if read_version != partnership.version:
            raise ApplicationError(
                "Someone changed the partnership's details after you opened this page, so your "
                "changes were not saved. Open it again to see theirs."
            )
        partnership.version += 1
    name = (values.get("name") or "").strip()
    if not name:
        raise ApplicationError("Enter the partnership's name", field="name")
    for field in PARTNERSHIP_FIELDS:
        setattr(partnership, field, (values.get(field) or "").strip())
    partnership._history_user = user
    partnership.save()
    return partnership


def partnership_setup_upload(*, user: User, content: bytes) -> list[str]:
    """An administrator loads the set-up files from a zip: all or none; the comparisons are
    then worked out by a background job."""
    from shp.setup import SetupFiles, partnership_setup

    if Role.ADMINISTRATOR not in user.role_set():
        raise ApplicationError("Only an administrator can set up the partnership.")
    return partnership_setup(SetupFiles.from_zip(content), user=user, recompute_now=False)


@dataclass(frozen=True)
class ReminderRun:
    sent: int
    already_sent: int
    failed: int


def reminders_send(*, today: date | None = None) -> ReminderRun:
    """Ask every registered source what is due today and e-mail each reminder to each of its
    recipients once: one already sent is skipped (safe to run twice, or at once in two
    workers: the row is locked while it is sent); one that failed is tried again."""
    today = today or timezone.localdate()
    sent = skipped = failed = 0
    for source in reminder_sources():
        for due in source.collect(today):
            for recipient in due.recipients:
                outcome = _reminder_send_one(due, recipient)
                sent += outcome == SentReminder.Status.SENT
                failed += outcome == SentReminder.Status.FAILED
                skipped += outcome == ""
    return ReminderRun(sent, skipped, failed)


@transaction.atomic
def _reminder_send_one(due: ReminderDue, recipient: Recipient) -> str:
    """Send one reminder unless it went already; the status it ends in, or "" if skipped."""
    lookup = {"kind": due.kind, "key": due.key[:200], "email": recipient.email}
    row = SentReminder.objects.select_for_update().filter(**lookup).first()
    if row is not None and row.status == SentReminder.Status.SENT:
        return ""
    if row is None:
        try:
            with transaction.atomic():
                row = SentReminder.objects.create(
                    **lookup,
                    recipient_id=recipient.user_id,
                    subject=due.subject[:300],
                    body=due.body,
                    link=due.link[:500],
                    status=SentReminder.Status.FAILED,
                )
        except IntegrityError:
            return ""  # another run is sending it
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{due.link}" if due.link else ""
    try:
        send_mail(
            subject=due.subject,
            message=f"{due.body}{link}\n",
            from_email=None,
            recipient_list=[recipient.email],
        )
    except (OSError, SMTPException) as error:
        row.status, row.error = SentReminder.Status.FAILED, str(error)[:500]
        row.save(update_fields=["status", "error", "updated_at"])
        return SentReminder.Status.FAILED
    row.status, row.error, row.sent_at = SentReminder.Status.SENT, "", timezone.now()
    row.save(update_fields=["status", "error", "sent_at", "updated_at"])
    return SentReminder.Status.SENT
