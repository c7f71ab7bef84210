"""The strategies app's reminders (registered in its AppConfig): an action past its due date
and not completed or closed, to the person who leads it."""

from datetime import date

from django.urls import reverse

from shp.reminders import Recipient, ReminderDue, register_reminder_source
from strategies.models import Action


def actions_overdue(today: date):
    """A reminder per open action past its due date whose lead has an e-mail address."""
    open_actions = (
        Action.objects.filter(
            due_date__lt=today,
            status__in=[Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS],
            lead_person__isnull=False,
        )
        .exclude(lead_person__email="", lead_person__user__email="")
        .select_related("lead_person__user", "plan")
    )
    for action in open_actions:
        person = action.lead_person
        email = person.email or (person.user.email if person.user else "")
        if not email:
            continue
        yield ReminderDue(
            kind="action-overdue",
            key=f"{action.pk} {action.due_date:%Y-%m-%d}",
            recipients=(Recipient(email, person.name, person.user_id),),
            subject=f"Overdue action {action.number}: {action.plan.title}"[:300],
            body=f"Action {action.number} of {action.plan.title} was due on "
            f"{action.due_date:%-d %B %Y} and is {action.get_status_display().lower()}: "
            f"{action.description[:300]}. Record its progress, or agree a new date with the "
            "performance lead.",
            link=reverse("strategies:action-detail", kwargs={"pk": action.pk}),
        )


def register() -> None:
    register_reminder_source(kind="action-overdue", label="Action overdue", collect=actions_overdue)
