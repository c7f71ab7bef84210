"""Pages through the test client. Report authoring and clearance: an officer drafts and
submits, democratic services clear or send back; others get nothing; stale and bad input."""

from datetime import date

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Report, Section
from shp.roles import Role
from tests.factories import user_with_role
from tests.meetings.factories import FULL_REPORT, committee_with_members, scheduled_meeting

pytestmark = pytest.mark.django_db

SECTIONS = {k: v for k, v in FULL_REPORT.items() if k not in ("report_of", "subject")}


@pytest.fixture
def commissioned():
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee, day=date(2030, 6, 14), today=date(2030, 1, 2))
    item = services.agenda_item_add(
        meeting=meeting, section=Section.DECISION, title="Youth diversion", today=date(2030, 1, 2)
    )
    clerk = user_with_role(Role.DEMOCRATIC_SERVICES, username="clerk")
    author = user_with_role(Role.OFFICER, username="author")
    services.report_commission(item=item, authors=[author.person], by=clerk)
    return {"item": item, "clerk": clerk, "author": author}


def draft_url(item):
    return reverse("meetings:report-draft", kwargs={"pk": item.pk})


def form_data(report, **changes):
    return {
        "read_version": report.version,
        "report_of": report.report_of,
        "subject": report.subject,
        **SECTIONS,
        **changes,
    }


def test_the_author_drafts_and_submits_and_the_clerk_clears(client, commissioned):
    item, author, clerk = commissioned["item"], commissioned["author"], commissioned["clerk"]
    client.force_login(author)
    assert "Youth diversion" in client.get(reverse("meetings:my-reports")).content.decode()
    report = Report.objects.get()
    response = client.post(draft_url(item), form_data(report, background="## Data\n\n- one"))
    assert response.status_code == 302
    report.refresh_from_db()
    response = client.post(
        draft_url(item), {**form_data(report, background="## Data\n\n- one"), "then": "submit"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    page = client.get(draft_url(item)).content.decode()
    assert "Democratic services are clearing the report" in page
    client.force_login(clerk)
    clearance = reverse("meetings:report-clearance", kwargs={"pk": item.pk})
    page = client.get(clearance).content.decode()
    assert "<h4>Data</h4>" in page and "<li>one</li>" in page  # under the h2 section
    client.post(clearance, {"action": "clear", "read_version": report.version})
    report.refresh_from_db()
    assert report.status == Report.Status.CLEARED


def test_an_officer_not_named_on_the_report_gets_nothing(client, role_user, commissioned):
    client.force_login(role_user(Role.OFFICER))
    item = commissioned["item"]
    assert client.get(draft_url(item)).status_code == 404
    report = Report.objects.get()
    assert client.post(draft_url(item), form_data(report, purpose="Hijack")).status_code == 404
    comment = reverse("meetings:report-comment", kwargs={"pk": item.pk})
    assert client.post(comment, {"text": "Hi"}).status_code == 404
    assert Report.objects.get().purpose == "" and not Report.objects.get().comments.exists()


def test_a_stale_draft_is_refused_with_the_typed_text_kept(client, commissioned):
    item = commissioned["item"]
    client.force_login(commissioned["author"])
    report = Report.objects.get()
    client.post(draft_url(item), form_data(report, purpose="First"))
    response = client.post(draft_url(item), form_data(report, purpose="My careful words"))
    page = response.content.decode()
    assert response.status_code == 200 and "after you opened the page" in page
    assert "My careful words" in page
    assert Report.objects.get().purpose == "First"


def test_submitting_an_incomplete_report_saves_the_draft_and_explains(client, commissioned):
    item = commissioned["item"]
    client.force_login(commissioned["author"])
    report = Report.objects.get()
    response = client.post(
        draft_url(item), {**form_data(report, financial=""), "then": "submit"}, follow=True
    )
    assert "Draft saved, but not submitted" in response.content.decode()
    assert Report.objects.get().status == Report.Status.DRAFT


def test_sending_back_without_a_reason_is_explained(client, commissioned):
    item = commissioned["item"]
    report = Report.objects.get()
    services.report_draft_save(
        report=report, by=commissioned["author"], read_version=None, **SECTIONS
    )
    services.report_submit(report=report, by=commissioned["author"], read_version=None)
    client.force_login(commissioned["clerk"])
    clearance = reverse("meetings:report-clearance", kwargs={"pk": item.pk})
    response = client.post(clearance, {"action": "send_back", "text": ""})
    assert "Say what the authors should change" in response.content.decode()
    assert Report.objects.get().status == Report.Status.SUBMITTED
    client.post(clearance, {"action": "send_back", "text": "Add the costs."})
    assert Report.objects.get().status == Report.Status.DRAFT
    client.force_login(commissioned["author"])
    assert "Add the costs." in client.get(draft_url(item)).content.decode()


def test_hostile_report_text_is_never_markup(client, commissioned):
    item = commissioned["item"]
    client.force_login(commissioned["author"])
    report = Report.objects.get()
    client.post(
        draft_url(item),
        form_data(report, background='<script>alert(1)</script><img src=x onerror="alert(2)">'),
    )
    client.force_login(commissioned["clerk"])
    page = client.get(reverse("meetings:report-clearance", kwargs={"pk": item.pk})).content.decode()
    assert "<script>alert(1)" not in page and "onerror" not in page


@pytest.mark.parametrize("role", [Role.OFFICER, Role.MEMBER, Role.PERFORMANCE_LEAD])
def test_only_democratic_services_commission_clear_and_delete(
    client, role_user, commissioned, role
):
    item = commissioned["item"]
    client.force_login(role_user(role))
    for name, data in [
        ("report-clearance", {"action": "clear"}),
        ("report-delete", {}),
        ("report-commission", {"authors": [commissioned["author"].person.pk]}),
    ]:
        response = client.post(reverse(f"meetings:{name}", kwargs={"pk": item.pk}), data)
        assert response.status_code == 403, name
    assert Report.objects.get().status == Report.Status.DRAFT


def test_an_appendix_is_replaced_only_by_a_real_pdf_and_removed_before_publication(
    client, commissioned, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from meetings.models import Appendix
    from tests.meetings.factories import tiny_pdf

    settings.MEDIA_ROOT = tmp_path
    settings.MEETINGS_APPENDIX_MAX_BYTES = 2048
    report = Report.objects.get()
    appendix = services.appendix_upload(
        report=report, label="Appendix A", title="Plan", filename="a.pdf", content=tiny_pdf()
    )
    client.force_login(commissioned["clerk"])
    url = reverse("meetings:appendix-replace", kwargs={"pk": appendix.pk})
    for upload, message in [
        (SimpleUploadedFile("b.pdf", b"PK zip, not a pdf"), "must be a PDF"),
        (SimpleUploadedFile("c.pdf", b"%PDF-" + b"x" * 4096), "smaller than"),
    ]:
        page = client.post(url, {"file": upload}).content.decode()
        assert "There is a problem" in page and message in page
    assert Appendix.objects.get().original_filename == "a.pdf"
    client.post(url, {"file": SimpleUploadedFile("new.pdf", tiny_pdf())})
    assert Appendix.objects.get().original_filename == "new.pdf"
    client.post(reverse("meetings:appendix-remove", kwargs={"pk": appendix.pk}))
    assert not Appendix.objects.exists()
