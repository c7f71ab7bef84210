"""The indicators app's reminders (registered in its AppConfig): a quarter's figures due and
overdue, to the officers of each organisation that reports them, and a return sent back, to
the same officers with the reason. ``sent_back`` is also what the officer's grid shows."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse

from indicators import periods
from indicators.entry import entry_scope, return_due
from indicators.models import Indicator, QuarterReturn
from shp.models import Organisation, User
from shp.reminders import ReminderDue, recipients_of, register_reminder_source
from shp.roles import Role

SENT_BACK = "Sent back: "
SENT_BACK_RECENT_DAYS = 14  # older returns sent back are not reminded of


def last_ended_quarter(today: date) -> periods.PeriodSpec:
    """The quarter whose figures are being collected: the last one that has ended."""
    return periods.quarter_containing(periods.quarter_containing(today).start - timedelta(days=1))


def _officers(organisation) -> tuple:
    users = User.objects.filter(
        is_active=True, groups__name=Role.OFFICER, person__organisation=organisation
    ).select_related("person")
    return recipients_of(users)


def _grid_link(quarter, organisation) -> str:
    return reverse(
        "indicators:quarter-entry", kwargs={"quarter": quarter, "organisation": organisation.slug}
    )


def _reporting_organisations():
    sources = Indicator.objects.filter(
        frequency__in=[Indicator.Frequency.QUARTERLY, Indicator.Frequency.MONTHLY]
    ).values("source")
    return Organisation.objects.filter(pk__in=sources, reported_areas__isnull=False).distinct()


def figures_due(today: date, *, overdue: bool):
    """A reminder per organisation whose figures for the last ended quarter are not submitted
    and due within the days ahead (or, ``overdue``, past due)."""
    quarter = last_ended_quarter(today)
    due = return_due(quarter)
    if overdue and today <= due:
        return
    if not overdue and not (due - timedelta(days=settings.REMINDER_DAYS_AHEAD) <= today <= due):
        return
    done = set(
        QuarterReturn.objects.filter(period__code=quarter.code)
        .exclude(status=QuarterReturn.Status.DRAFT)
        .values_list("organisation_id", flat=True)
    )
    for organisation in _reporting_organisations():
        if organisation.pk in done:
            continue
        scope = entry_scope(organisation=organisation, quarter=quarter)
        if not (scope.indicators and scope.areas):
            continue
        when = f"{due:%-d %B %Y}"
        yield ReminderDue(
            kind="figures-overdue" if overdue else "figures-due",
            key=f"{quarter.code} {organisation.slug}",
            recipients=_officers(organisation),
            subject=(
                f"Overdue: {organisation.name}'s {quarter.code} figures"
                if overdue
                else f"Due by {when}: {organisation.name}'s {quarter.code} figures"
            ),
            body=(
                f"{organisation.name}'s figures for {quarter.label} were due on {when} and have "
                "not been submitted. Enter them, or say why one is not available, and submit "
                "them for approval."
                if overdue
                else f"{organisation.name}'s figures for {quarter.label} are due by {when}. "
                "Enter them and submit them for approval."
            ),
            link=_grid_link(quarter, organisation),
        )


@dataclass(frozen=True)
class SentBack:
    reason: str
    by: str
    at: object
    history_id: int


def sent_back(record: QuarterReturn | None) -> SentBack | None:
    """Why the lead sent this return back, while it is the return's latest change."""
    if record is None or record.status != QuarterReturn.Status.DRAFT:
        return None
    latest = record.history.select_related("history_user").order_by("-history_date").first()
    if latest is None or not (latest.history_change_reason or "").startswith(SENT_BACK):
        return None
    who = latest.history_user
    return SentBack(
        reason=latest.history_change_reason[len(SENT_BACK) :],
        by=(who.get_full_name() or who.username) if who else "The performance lead",
        at=latest.history_date,
        history_id=latest.history_id,
    )


def returns_sent_back(today: date):
    """A reminder per return sent back in the last days and still a draft."""
    since = today - timedelta(days=SENT_BACK_RECENT_DAYS)
    for record in QuarterReturn.objects.filter(
        status=QuarterReturn.Status.DRAFT, updated_at__date__gte=since
    ).select_related("organisation", "period"):
        back = sent_back(record)
        if back is None:
            continue
        quarter = record.period.spec
        yield ReminderDue(
            kind="return-sent-back",
            key=f"{record.period.code} {record.organisation.slug} {back.history_id}",
            recipients=_officers(record.organisation),
            subject=f"Sent back: {record.organisation.name}'s {record.period.code} figures",
            body=f"{back.by} sent {record.organisation.name}'s figures for {quarter.label} back "
            f"to you: “{back.reason}”. Correct them and submit them again.",
            link=_grid_link(quarter, record.organisation),
        )


def register() -> None:
    register_reminder_source(
        kind="figures-due",
        label="Figures due",
        collect=lambda today: figures_due(today, overdue=False),
    )
    register_reminder_source(
        kind="figures-overdue",
        label="Figures overdue",
        collect=lambda today: figures_due(today, overdue=True),
    )
    register_reminder_source(
        kind="return-sent-back", label="Return sent back", collect=returns_sent_back
    )
