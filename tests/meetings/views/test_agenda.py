"""Pages through the test client. Meeting and agenda pages: scheduling, items, publishing,
reports and appendices. Bad, empty, huge, duplicate and hostile input, and roles."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, Appendix, Meeting, Section
from tests.meetings.factories import (
    FULL_REPORT,
    committee_with_members,
    published_meeting,
    scheduled_meeting,
    tiny_pdf,
)
from tests.meetings.views.pages import errors

pytestmark = pytest.mark.django_db


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


def test_the_meeting_end_time_is_recorded(editor):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    url = reverse("meetings:meeting-edit", kwargs={"pk": meeting.pk})
    data = {"date": "14/6/2030", "start_time": "10:00", "venue": "Hall", "end_time": "09:00"}
    assert "must be after the start time" in errors(editor.post(url, data))
    editor.post(url, {**data, "end_time": "11:55"})
    assert Meeting.objects.get(pk=meeting.pk).end_time.hour == 11


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
