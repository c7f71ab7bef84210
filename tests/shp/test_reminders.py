"""Reminders: each source says what is due on a day; each reminder goes to each person once,
however often the job runs; one that fails is tried again; the page lists what was sent; the
schedule is declared once and the embedded worker runs it."""

from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from indicators import periods
from indicators.entry import entry_scope, return_due
from indicators.models import Indicator, Period, QuarterReturn
from indicators.reminders import last_ended_quarter
from indicators.services.quarters import quarter_return_to_officer
from shp.celery import app
from shp.models import SentReminder
from shp.roles import Role
from shp.schedule import BEAT_SCHEDULE
from shp.services import reminders_send
from shp.tasks import jobs_send_waiting_task, reminders_send_task
from strategies.models import Action
from tests.factories import PersonFactory
from tests.meetings.factories import committee_with_members, scheduled_meeting
from tests.strategies.factories import plan_with_actions

pytestmark = pytest.mark.django_db

Q1 = periods.parse("2016/17 Q1")
DUE = return_due(Q1)


@pytest.fixture
def police_officer(catalogue, role_user):
    police = Indicator.objects.get(code="SHOP").source
    return role_user(Role.OFFICER, username="pc-officer", organisation=police)


def sent(kind: str) -> list[SentReminder]:
    return list(SentReminder.objects.filter(kind=kind))


def test_the_quarter_being_collected_is_the_last_one_ended():
    assert last_ended_quarter(date(2016, 7, 10)) == Q1
    assert last_ended_quarter(date(2016, 6, 30)).code == "2015/16 Q4"
    assert Q1.end + timedelta(days=settings.QUARTER_RETURN_DUE_DAYS) == DUE


def test_figures_due_go_once_to_the_officers_however_often_the_job_runs(police_officer):
    today = DUE - timedelta(days=2)
    first = reminders_send(today=today)
    again = reminders_send(today=today)
    reminders = sent("figures-due")
    assert [r.email for r in reminders] == [police_officer.email]
    assert first.sent >= 1 and again.sent == 0 and again.already_sent == first.sent
    message = next(m for m in mail.outbox if m.to == [police_officer.email])
    assert f"due by {DUE:%-d %B %Y}" in message.body
    assert reminders[0].link in message.body  # the link to the grid, in full
    assert len([m for m in mail.outbox if m.to == [police_officer.email]]) == 1


def submitted_return(organisation, status=QuarterReturn.Status.SUBMITTED):
    period = Period.objects.ensure([Q1])[Q1.code]
    return QuarterReturn.objects.create(organisation=organisation, period=period, status=status)


def test_nothing_is_due_too_early_and_a_submitted_quarter_is_not_chased(police_officer):
    reminders_send(today=DUE - timedelta(days=settings.REMINDER_DAYS_AHEAD + 1))
    assert not SentReminder.objects.exists()
    submitted_return(police_officer.person.organisation)
    reminders_send(today=DUE - timedelta(days=1))
    reminders_send(today=DUE + timedelta(days=3))
    assert not sent("figures-overdue") and not sent("figures-due")


def test_overdue_figures_are_chased_after_the_due_date(police_officer):
    reminders_send(today=DUE + timedelta(days=1))
    assert [r.email for r in sent("figures-overdue")] == [police_officer.email]
    assert "Overdue" in mail.outbox[-1].subject


def test_a_return_sent_back_reaches_its_officer_with_the_reason(client, police_officer, role_user):
    lead = role_user(Role.PERFORMANCE_LEAD, username="lead")
    scope = entry_scope(organisation=police_officer.person.organisation, quarter=Q1)
    submitted_return(scope.organisation)
    quarter_return_to_officer(user=lead, scope=scope, reason="Shoplifting 4410 looks doubled.")
    reminders_send()
    reminders_send()
    reminders = sent("return-sent-back")
    assert [r.email for r in reminders] == [police_officer.email]
    assert "Shoplifting 4410 looks doubled." in reminders[0].body
    client.force_login(police_officer)
    grid = client.get(
        reverse(
            "indicators:quarter-entry",
            kwargs={"quarter": Q1, "organisation": scope.organisation.slug},
        )
    ).content.decode()
    assert 'data-testid="sent-back"' in grid and "Shoplifting 4410 looks doubled." in grid


def test_an_overdue_action_reaches_its_lead(db):
    plan = plan_with_actions(objectives=1, actions_per_objective=2)
    lead = PersonFactory(email="action.lead@example.org")
    late, done = plan.actions.order_by("sort_key")
    for action, status in ((late, Action.Status.IN_PROGRESS), (done, Action.Status.COMPLETED)):
        action.lead_person, action.status = lead, status
        action.save()
    reminders_send(today=late.due_date + timedelta(days=1))
    reminders = sent("action-overdue")
    assert [(r.email, r.key.split()[0]) for r in reminders] == [
        ("action.lead@example.org", str(late.pk))
    ]
    assert reminders_send(today=late.due_date + timedelta(days=2)).sent == 0


def test_agenda_deadlines_reach_democratic_services(db, role_user):
    clerk = role_user(Role.DEMOCRATIC_SERVICES, username="clerk")
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee)
    deadline = meeting.publication_deadline
    reminders_send(today=deadline - timedelta(days=1))
    assert [r.email for r in sent("agenda-deadline")] == [clerk.email]
    reminders_send(today=deadline + timedelta(days=1))
    assert [r.email for r in sent("agenda-deadline-missed")] == [clerk.email]
    assert f"{deadline:%-d %B %Y}" in sent("agenda-deadline-missed")[0].body


def test_decision_notices_and_reports_to_clear_reach_democratic_services(db, role_user):
    from meetings import services
    from meetings.models import Section
    from tests.meetings.factories import FULL_REPORT, published_meeting

    clerk = role_user(Role.DEMOCRATIC_SERVICES, username="clerk")
    author = role_user(Role.OFFICER, username="author")
    committee, _ = committee_with_members()
    held, _ = published_meeting(committee, day=date(2030, 6, 14))
    services.meeting_status_set(meeting=held, status="held", today=held.date)
    minute = services.minutes_draft(meeting=held)[-1]
    services.decision_add(minute=minute, text="Noted.")
    following = scheduled_meeting(committee, day=date(2030, 9, 20), today=date(2030, 6, 1))
    item = services.agenda_item_add(
        meeting=following, section=Section.DECISION, title="Budget", today=date(2030, 6, 1)
    )
    report = services.report_commission(item=item, authors=[author.person], by=clerk)
    sections = {k: v for k, v in FULL_REPORT.items() if k not in ("report_of", "subject")}
    report = services.report_draft_save(report=report, by=author, read_version=None, **sections)
    services.report_submit(report=report, by=author, read_version=None)
    reminders_send(today=date(2030, 6, 17))
    assert [r.email for r in sent("decision-notice")] == [clerk.email]
    assert "19 June 2030" in sent("decision-notice")[0].subject
    assert [r.subject for r in sent("report-clearance")] == ["Report to clear: Budget"]
    services.decisions_publish(meeting=held)
    services.report_clear(report=report, by=clerk)
    reminders_send(today=date(2030, 6, 18))
    assert len(sent("decision-notice")) == 1 and len(sent("report-clearance")) == 1


def test_a_failed_send_is_recorded_and_tried_again(police_officer):
    today = DUE - timedelta(days=1)
    with mock.patch("shp.services.send_mail", side_effect=OSError("mail server down")):
        run = reminders_send(today=today)
    assert run.failed == 1 and run.sent == 0
    failed = SentReminder.objects.get()
    assert failed.status == "failed" and "mail server down" in failed.error
    assert reminders_send(today=today).sent == 1
    assert SentReminder.objects.get().status == "sent"


def test_the_page_lists_what_was_sent_to_those_who_may_see_it(client, police_officer, role_user):
    reminders_send(today=DUE - timedelta(days=1))
    url = reverse("shp:reminder-list")
    client.force_login(role_user(Role.PERFORMANCE_LEAD, username="lead"))
    page = client.get(url).content.decode()
    assert police_officer.email in page and "Figures due" in page
    assert client.get(url, {"kind": "<script>", "status": "nope"}).status_code == 200
    assert police_officer.email not in client.get(url, {"kind": "action-overdue"}).content.decode()
    for role in (Role.MEMBER, Role.OFFICER):
        client.force_login(role_user(role, username=f"x-{role}"))
        assert client.get(url).status_code == 403


def test_the_command_sends_them_too(police_officer, capsys):
    call_command("send_reminders", "--date", (DUE - timedelta(days=1)).isoformat())
    assert "Sent 1;" in capsys.readouterr().out
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "tomorrow")


def test_the_schedule_is_declared_once_and_the_embedded_worker_runs_it():
    assert app.conf.beat_schedule == BEAT_SCHEDULE
    tasks = [entry["task"] for entry in BEAT_SCHEDULE.values()]
    assert tasks == [reminders_send_task.name, jobs_send_waiting_task.name]
    run = (Path(settings.BASE_DIR) / "scripts" / "run").read_text()
    assert "worker --beat" in run
