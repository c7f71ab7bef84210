"""Reads of the decisions register: every decision across meetings, each with its minute,
meeting, committee, report and actions, filtered by who may read it (meetings/permissions.py)."""

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from meetings import permissions
from meetings.models import Action, Decision


def decisions_visible_to(*, user) -> QuerySet[Decision]:
    """The decisions the user may read, newest meeting first.

    The public reads decisions in public minutes and never one under an exempt item; partnership
    roles also read decisions in draft minutes (pages mark them), and an exempt item's decisions
    only where they may read its substance."""
    decisions = Decision.objects.select_related(
        "minute__meeting__committee", "minute__item__report", "minute__item__meeting"
    ).prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("owner").order_by("pk"))
    )
    if not permissions.may_read_draft_minutes(user):
        decisions = decisions.filter(permissions.public_decisions_q("minute__meeting__"))
    if not permissions.reads_all_papers(user) and not permissions.may_edit(user):
        open_items = permissions.open_item_q("minute__item__")
        exempt = decisions.exclude(open_items)
        allowed = [d.pk for d in exempt if permissions.minute_visible(user, d.minute)]
        decisions = decisions.filter(open_items | Q(pk__in=allowed))
    return decisions.order_by(
        "-minute__meeting__date", "-minute__meeting__start_time", "minute__number", "position"
    )


def decision_is_draft(decision: Decision) -> bool:
    """Whether the decision stands in minutes not yet confirmed (marked wherever shown)."""
    return not decision.minute.meeting.minutes_confirmed


def decision_url(decision: Decision, user) -> str:
    """Where the decision is read: its minute, or the decision notice while the minutes are
    not yet public (for a reader who may not read drafts)."""
    minute, meeting = decision.minute, decision.minute.meeting
    if meeting.minutes_are_public or permissions.may_read_draft_minutes(user):
        return reverse("meetings:minutes", kwargs={"pk": meeting.pk}) + f"#minute-{minute.number}"
    return reverse("meetings:decision-notice", kwargs={"pk": meeting.pk})
