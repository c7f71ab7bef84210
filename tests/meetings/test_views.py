"""Pages through the test client: bad, empty, huge, duplicate and hostile input, and roles."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, Appendix, Meeting, Minute, Section
from shp.roles import Role
from tests.factories import PersonFactory
from tests.meetings.factories import (
    FULL_REPORT,
    committee_with_members,
    published_meeting,
    scheduled_meeting,
    seat_holder,
    tiny_pdf,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, role_user):
    client.force_login(role_user(Role.DEMOCRATIC_SERVICES))
    return client


def errors(response) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body, body[:3000]
    return body


def test_scheduling_in_the_past_warns_but_saves(editor):
    committee, _ = committee_with_members()
    response = editor.post(
        reverse("meetings:meeting-create"),
        {
            "committee": committee.pk,
            "date": "11/03/2016",
            "start_time": "10:00",
            "venue": "Civic Centre",
        },
        follow=True,
    )
    assert "is in the past" in response.content.decode()
    assert Meeting.objects.get(date=date(2016, 3, 11)).municipal_year == 2015


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "", "start_time": "", "venue": ""}, "Enter the meeting date"),
        ({"date": "31/02/2030", "start_time": "10:00", "venue": "X"}, "Enter a real date"),
        ({"date": "1/3/2030", "start_time": "25:99", "venue": "X"}, "Enter a time"),
        (
            {"date": "1/3/2030", "start_time": "10:00", "venue": "x" * 201},
            "200 characters or fewer",
        ),
        ({"date": "1/3/2030", "start_time": "10:00", "venue": "   "}, "Enter where the meeting"),
    ],
)
def test_bad_meeting_input_is_a_clear_error(editor, data, message):
    committee, _ = committee_with_members()
    body = errors(
        editor.post(reverse("meetings:meeting-create"), {"committee": committee.pk, **data})
    )
    assert message in body
    assert not Meeting.objects.exists()


def test_the_same_meeting_twice_is_refused_and_the_form_kept(editor):
    committee, _ = committee_with_members()
    data = {"committee": committee.pk, "date": "1/3/2030", "start_time": "10:00", "venue": "Hall"}
    editor.post(reverse("meetings:meeting-create"), data)
    body = errors(editor.post(reverse("meetings:meeting-create"), data))
    assert "already has a meeting" in body and 'value="Hall"' in body
    assert Meeting.objects.count() == 1


def test_hostile_titles_are_escaped(editor, client):
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(
        committee, day=timezone.localdate() + timedelta(days=60), today=timezone.localdate()
    )
    editor.post(
        reverse("meetings:item-add", kwargs={"pk": meeting.pk}),
        {"section": "decision", "title": "<script>alert(1)</script>"},
    )
    body = editor.get(reverse("meetings:agenda", kwargs={"pk": meeting.pk})).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_a_standing_section_cannot_take_business(editor):
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(
        committee, day=timezone.localdate() + timedelta(days=60), today=timezone.localdate()
    )
    body = errors(
        editor.post(
            reverse("meetings:item-add", kwargs={"pk": meeting.pk}),
            {"section": "apologies", "title": "X"},
        )
    )
    assert "Choose a section" in body


def test_a_late_item_without_a_reason_is_refused(editor):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    body = errors(
        editor.post(
            reverse("meetings:item-add", kwargs={"pk": meeting.pk}),
            {"section": "urgent", "title": "Late"},
        )
    )
    assert "reason it is urgent" in body and 'value="Late"' in body


def test_moving_an_item_of_a_published_agenda_is_refused_and_nothing_moves(editor):
    committee, _ = committee_with_members()
    meeting, item = published_meeting(committee)
    response = editor.post(
        reverse("meetings:item-move", kwargs={"pk": item.pk}), {"direction": "down"}, follow=True
    )
    assert "numbering is frozen" in response.content.decode()
    assert AgendaItem.objects.get(pk=item.pk).number == "4.1"


def test_publishing_with_a_blank_required_section_shows_what_is_missing(editor):
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(
        committee, day=timezone.localdate() + timedelta(days=60), today=timezone.localdate()
    )
    item = services.agenda_item_add(meeting=meeting, section=Section.DECISION, title="Plan")
    services.report_save(item=item, **{**FULL_REPORT, "legal": ""})
    response = editor.post(
        reverse("meetings:agenda-publish", kwargs={"pk": meeting.pk}), follow=True
    )
    body = response.content.decode()
    assert "Legal considerations" in body and "govuk-error-summary" in body
    assert not Meeting.objects.get(pk=meeting.pk).is_published


def appendix_post(editor, item, upload, **extra):
    data = {"label": "Appendix A", "title": "Plan", "kind": "uploaded", "file": upload, **extra}
    return editor.post(reverse("meetings:appendix-add", kwargs={"pk": item.pk}), data)


def test_a_renamed_non_pdf_is_refused(editor):
    committee, _ = committee_with_members()
    _, item = published_meeting(committee)
    upload = SimpleUploadedFile("plan.pdf", b"GIF89a not really", content_type="application/pdf")
    body = errors(appendix_post(editor, item, upload))
    assert "must be a PDF" in body and 'value="Plan"' in body
    assert not Appendix.objects.exists()


def test_an_oversized_pdf_is_refused(editor, settings):
    settings.MEETINGS_APPENDIX_MAX_BYTES = 1024 * 1024
    committee, _ = committee_with_members()
    _, item = published_meeting(committee)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    body = errors(appendix_post(editor, item, upload))
    assert "must be smaller than 1 MB" in body
    assert not Appendix.objects.exists()


def test_an_empty_or_missing_file_is_refused(editor):
    committee, _ = committee_with_members()
    _, item = published_meeting(committee)
    assert "The selected file is empty" in errors(
        appendix_post(editor, item, SimpleUploadedFile("e.pdf", b""))
    )
    assert "Select a PDF file" in errors(appendix_post(editor, item, ""))


def test_a_real_pdf_is_attached_and_served_to_the_public(editor, client):
    committee, _ = committee_with_members()
    _, item = published_meeting(committee)
    response = appendix_post(editor, item, SimpleUploadedFile("plan.pdf", tiny_pdf()))
    assert response.status_code == 302
    appendix = Appendix.objects.get()
    client.logout()
    download = client.get(reverse("meetings:appendix", kwargs={"pk": appendix.pk}))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_substitute_for_a_non_member_is_refused(editor):
    committee, people = committee_with_members()
    meeting, _ = published_meeting(committee)
    outsider, stand_in = PersonFactory(), PersonFactory()
    body = errors(
        editor.post(
            reverse("meetings:attendance", kwargs={"pk": meeting.pk}),
            {"person": stand_in.pk, "status": "substitute", "substitute_for": outsider.pk},
        )
    )
    assert "is not a member" in body
    assert not meeting.attendance.exists()


def test_a_duplicate_minute_number_is_refused_and_the_text_kept(editor):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.meeting_status_set(meeting=meeting, status="held")
    first, second, *_ = services.minutes_draft(meeting=meeting)
    body = errors(
        editor.post(
            reverse("meetings:minute-edit", kwargs={"pk": first.pk}),
            {"number": second.number, "title": "Apologies", "issues": "Typed text"},
        )
    )
    assert f"Minute {second.number} already exists" in body and "Typed text" in body
    assert Minute.objects.get(pk=first.pk).number == first.number


def test_a_decision_with_an_action_but_no_owner_is_refused(editor):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.meeting_status_set(meeting=meeting, status="held")
    minute = services.minutes_draft(meeting=meeting)[-1]
    body = errors(
        editor.post(
            reverse("meetings:minute-edit", kwargs={"pk": minute.pk}),
            {"add_decision": "1", "text": "Agreed.", "action_description": "Do it"},
        )
    )
    assert "Choose who owns the action" in body and "Agreed." in body
    assert not minute.decisions.exists()


def test_members_read_exempt_papers_and_the_public_never_does(client, role_user):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee, exempt=True)
    secret = meeting.items.get(title="Named offenders")
    url = reverse("meetings:report-detail", kwargs={"pk": secret.pk})
    assert client.get(url).status_code == 404
    public_page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Named offenders" not in public_page and "Test strategy" in public_page
    assert "Exempt information: paragraph" in public_page  # listed, with its paragraph
    # A partner without a seat on this committee sees what the public sees.
    client.force_login(role_user(Role.MEMBER))
    assert client.get(url).status_code == 404
    assert "Named offenders" not in client.get(meeting.get_absolute_url()).content.decode()
    # A seat holder and a named substitute read it.
    for user in (
        seat_holder(committee, username="holder"),
        seat_holder(committee, username="substitute", substitute=True),
    ):
        client.force_login(user)
        assert client.get(url).status_code == 200
        assert "Named offenders" in client.get(meeting.get_absolute_url()).content.decode()


def test_unpublished_agendas_and_draft_minutes_are_private(client, role_user):
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(
        committee, day=timezone.localdate() + timedelta(days=60), today=timezone.localdate()
    )
    item = services.agenda_item_add(meeting=meeting, section=Section.DECISION, title="Draft plan")
    assert "Draft plan" not in client.get(meeting.get_absolute_url()).content.decode()
    assert client.get(reverse("meetings:report-detail", kwargs={"pk": item.pk})).status_code == 404
    published, _ = published_meeting(committee, day=date(2030, 6, 14))
    services.meeting_status_set(meeting=published, status="held")
    services.minutes_draft(meeting=published)
    minutes_url = reverse("meetings:minutes", kwargs={"pk": published.pk})
    assert client.get(minutes_url).status_code == 404
    client.force_login(role_user(Role.MEMBER))
    assert "Draft" in client.get(minutes_url).content.decode()


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.OFFICER, Role.PERFORMANCE_LEAD])
def test_only_democratic_services_and_administrators_edit(client, role_user, role):
    committee, _ = committee_with_members()
    meeting, item = published_meeting(committee)
    if role is not None:
        client.force_login(role_user(role))
    response = client.post(
        reverse("meetings:item-add", kwargs={"pk": meeting.pk}),
        {"section": "urgent", "title": "Sneaky", "urgency_reason": "x"},
    )
    assert response.status_code == (302 if role is None else 403)
    assert not AgendaItem.objects.filter(title="Sneaky").exists()
    response = client.post(
        reverse("meetings:meeting-status", kwargs={"pk": meeting.pk}), {"status": "cancelled"}
    )
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.AGENDA_PUBLISHED


def test_an_administrator_may_edit(client, role_user):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    client.force_login(role_user(Role.ADMINISTRATOR))
    client.post(reverse("meetings:meeting-status", kwargs={"pk": meeting.pk}), {"status": "held"})
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.HELD


def test_ical_and_rss_feeds(client):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee, exempt=True)
    ical = client.get(reverse("meetings:calendar"))
    assert ical["Content-Type"].startswith("text/calendar")
    body = ical.content.decode()
    assert "BEGIN:VEVENT" in body and "DTSTART:20300614T090000Z" in body  # 10:00 BST
    rss = client.get(reverse("meetings:papers-feed")).content.decode()
    assert "Test strategy" in rss and "Named offenders" not in rss


def test_unknown_and_malformed_ids_are_404(editor):
    assert editor.get("/meetings/999999/").status_code == 404
    assert editor.get("/meetings/items/999999/report/").status_code == 404
    assert editor.get("/meetings/not-a-number/").status_code == 404


def test_seats_and_holders_are_managed_by_democratic_services(editor):
    committee, people = committee_with_members()
    url = reverse("meetings:seat-add", kwargs={"slug": committee.slug})
    assert "Enter the seat&#x27;s title" in errors(
        editor.post(url, {"title": "", "organisation": ""})
    )
    organisation = people[0].organisation
    editor.post(url, {"title": "Chair of Bench", "organisation": organisation.pk})
    seat = committee.seats.get(title="Chair of Bench")
    page = editor.get(committee.get_absolute_url()).content.decode()
    assert "Vacant" in page
    appoint = reverse("meetings:seat-appoint", kwargs={"pk": seat.pk})
    assert "Enter a real date" in errors(
        editor.post(appoint, {"person": people[1].pk, "role": "member", "start_date": "99/99/2016"})
    )
    body = errors(
        editor.post(appoint, {"person": people[1].pk, "role": "member", "start_date": "1/6/2016"})
    )
    assert "already holds another seat" in body
    newcomer = PersonFactory()
    editor.post(appoint, {"person": newcomer.pk, "role": "chair", "start_date": "1/6/2016"})
    assert seat.memberships.get().person == newcomer
    end = reverse("meetings:membership-end", kwargs={"pk": seat.memberships.get().pk})
    assert "cannot end before" in errors(editor.post(end, {"end_date": "1/1/2016"}))


def test_members_attendance_in_one_form(editor):
    committee, (chair, member, other) = committee_with_members()
    meeting, _ = published_meeting(committee)
    url = reverse("meetings:attendance", kwargs={"pk": meeting.pk})
    body = errors(editor.post(url, {"bulk": "1", f"member_{chair.pk}": "asleep"}))
    assert "Choose present, apologies or absent" in body
    assert not meeting.attendance.exists()
    editor.post(
        url, {"bulk": "1", f"member_{chair.pk}": "present", f"member_{member.pk}": "apologies"}
    )
    assert dict(meeting.attendance.values_list("person", "status")) == {
        chair.pk: "present",
        member.pk: "apologies",
    }
    assert f'name="member_{other.pk}"' in editor.get(url).content.decode()


def test_a_decision_is_removed_from_draft_minutes(editor):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.meeting_status_set(meeting=meeting, status="held")
    minute = services.minutes_draft(meeting=meeting)[-1]
    decision = services.decision_add(minute=minute, text="Agreed.")
    url = reverse("meetings:minute-edit", kwargs={"pk": minute.pk})
    response = editor.post(url, {"remove_decision": "999999"}, follow=True)
    assert "not part of this minute" in response.content.decode()
    editor.post(url, {"remove_decision": str(decision.pk)})
    assert not minute.decisions.exists()


def test_the_meeting_end_time_is_recorded(editor):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    url = reverse("meetings:meeting-edit", kwargs={"pk": meeting.pk})
    data = {"date": "14/6/2030", "start_time": "10:00", "venue": "Hall", "end_time": "09:00"}
    assert "must be after the start time" in errors(editor.post(url, data))
    editor.post(url, {**data, "end_time": "11:55"})
    assert Meeting.objects.get(pk=meeting.pk).end_time.hour == 11


def test_the_seed_minutes_page_shows_the_record(client):
    from django.core.management import call_command

    call_command(
        "loaddata",
        "partnership.json",
        "meetings/committee.json",
        "meetings/meetings_2016.json",
        verbosity=0,
    )
    march = Meeting.objects.get(date=date(2016, 3, 11))
    body = client.get(reverse("meetings:minutes", kwargs={"pk": march.pk})).content.decode()
    assert "Every responsible authority was represented." in body
    assert "52. Apologies for Absence" in body and "65. Any Other Business" in body
    assert "(iii) That the Police and Crime Commissioner" in body
    assert "Councillor Jim Lindridge, as substitute for Councillor Marjorie James" in body
    assert "The meeting ended at 11.55 a.m." in body


def test_a_performance_appendix_is_attached_with_its_area_and_period(client, editor):
    from indicators import periods
    from indicators.models import Area, Period

    Area.objects.create(code="E06000001", name="Hartlepool", kind="district")
    Period.objects.ensure([periods.parse("2015/16"), periods.parse("2014/15")])
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee)
    item = services.agenda_item_add(meeting=meeting, section=Section.DECISION, title="Performance")
    services.report_save(item=item, **FULL_REPORT)
    url = reverse("meetings:appendix-add", kwargs={"pk": item.pk})
    base = {"label": "Appendix A", "title": "Performance", "kind": "generated"}
    response = client.post(url, {**base, "generator": "performance"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Choose the area" in errors["performance_area"][0]
    assert "Choose the period" in errors["performance_period"][0]
    response = client.post(
        url,
        {
            **base,
            "generator": "performance",
            "performance_area": "E06000001",
            "performance_period": "2014/15",
            "performance_baseline": "2015/16",
        },
    )
    assert "must be an earlier period" in response.context["form"].errors["performance_baseline"][0]
    assert not item.report.appendices.exists()
    response = client.post(
        url,
        {
            **base,
            "generator": "performance",
            "performance_area": "E06000001",
            "performance_period": "2015/16",
        },
    )
    assert response.status_code == 302
    appendix = item.report.appendices.get()
    assert appendix.generator_options == {
        "area": "E06000001",
        "period": "2015/16",
        "baseline": "",
        "definition": "",
    }


def test_the_attach_form_chooses_the_report_definition(client, editor):
    from indicators import periods
    from indicators.models import Area, Period, ReportDefinition

    Area.objects.create(code="E06000001", name="Hartlepool", kind="district")
    Period.objects.ensure([periods.parse("2015/16"), periods.parse("2014/15")])
    ReportDefinition.objects.create(name="Board summary", slug="board-summary")
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee)
    item = services.agenda_item_add(meeting=meeting, section=Section.DECISION, title="Performance")
    services.report_save(item=item, **FULL_REPORT)
    url = reverse("meetings:appendix-add", kwargs={"pk": item.pk})
    form = {
        "label": "Appendix A",
        "title": "Performance",
        "kind": "generated",
        "generator": "performance",
        "performance_area": "E06000001",
        "performance_period": "2015/16",
    }
    page = client.get(url).content.decode()
    assert "Board summary" in page and "Report definition (optional)" in page
    refused = client.post(url, {**form, "performance_definition": "no-such-definition"})
    assert "Choose a report definition from the list" in str(refused.context["form"].errors)
    assert not item.report.appendices.exists()
    assert client.post(url, {**form, "performance_definition": "board-summary"}).status_code == 302
    assert item.report.appendices.get().generator_options["definition"] == "board-summary"
