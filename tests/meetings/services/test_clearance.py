"""Services of report authoring and clearance: who may do each step, in which state, stale
saves, the publication gate, revisions after publication, and removing papers."""

from datetime import date

import pytest

from meetings import selectors, services
from meetings.models import Appendix, Report, ReportComment, Section
from shp.errors import ApplicationError
from shp.roles import Role
from tests.factories import user_with_role
from tests.meetings.factories import (
    FULL_REPORT,
    committee_with_members,
    published_meeting,
    scheduled_meeting,
    tiny_pdf,
)

pytestmark = pytest.mark.django_db

SECTIONS = {k: v for k, v in FULL_REPORT.items() if k not in ("report_of", "subject")}


@pytest.fixture
def world():
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee, day=date(2030, 6, 14), today=date(2030, 1, 2))
    item = services.agenda_item_add(
        meeting=meeting, section=Section.DECISION, title="Youth diversion", today=date(2030, 1, 2)
    )
    clerk = user_with_role(Role.DEMOCRATIC_SERVICES, username="clerk")
    author = user_with_role(Role.OFFICER, username="author")
    other = user_with_role(Role.OFFICER, username="other")
    report = services.report_commission(item=item, authors=[author.person], by=clerk)
    return {
        "meeting": meeting,
        "item": item,
        "report": report,
        "clerk": clerk,
        "author": author,
        "other": other,
    }


def test_the_journey_from_draft_to_publication(world):
    report, author, clerk = world["report"], world["author"], world["clerk"]
    assert report.status == Report.Status.DRAFT and report.subject == "Youth diversion"
    problems = selectors.publication_problems(meeting=world["meeting"])
    assert any("complete the report" in p for p in problems)
    report = services.report_draft_save(report=report, by=author, read_version=1, **SECTIONS)
    assert any(
        "draft, with its authors" in p
        for p in selectors.publication_problems(meeting=world["meeting"])
    )
    report = services.report_submit(report=report, by=author, read_version=report.version)
    assert report.status == Report.Status.SUBMITTED
    report = services.report_send_back(report=report, by=clerk, note="Add the costs.")
    assert report.status == Report.Status.DRAFT
    report = services.report_draft_save(
        report=report, by=author, read_version=report.version, financial="It costs £12,000."
    )
    report = services.report_submit(report=report, by=author, read_version=report.version)
    report = services.report_clear(report=report, by=clerk)
    assert report.status == Report.Status.CLEARED and report.cleared_by == clerk
    assert selectors.publication_problems(meeting=world["meeting"]) == []
    kinds = list(report.comments.values_list("kind", flat=True))
    assert kinds == ["submitted", "sent_back", "submitted", "cleared"]
    assert report.history.count() >= 6  # every revision kept


def test_only_authors_draft_and_only_while_it_is_with_them(world):
    report = world["report"]
    with pytest.raises(ApplicationError, match="Only the report's authors"):
        services.report_draft_save(report=report, by=world["other"], read_version=None, **SECTIONS)
    with pytest.raises(ApplicationError, match="Only democratic services"):
        services.report_clear(report=report, by=world["author"])
    report = services.report_draft_save(
        report=report, by=world["author"], read_version=None, **SECTIONS
    )
    services.report_submit(report=report, by=world["author"], read_version=None)
    with pytest.raises(ApplicationError, match="submitted for clearance"):
        services.report_draft_save(
            report=report, by=world["author"], read_version=None, purpose="Sneaky change"
        )
    assert Report.objects.get(pk=report.pk).purpose == SECTIONS["purpose"]


def test_a_stale_save_is_refused_and_loses_nothing(world):
    report, author = world["report"], world["author"]
    services.report_draft_save(report=report, by=author, read_version=1, purpose="First")
    with pytest.raises(ApplicationError, match="after you opened the page"):
        services.report_draft_save(report=report, by=author, read_version=1, purpose="Second")
    assert Report.objects.get(pk=report.pk).purpose == "First"


def test_an_incomplete_report_cannot_be_submitted_or_cleared(world):
    with pytest.raises(ApplicationError, match="before submitting"):
        services.report_submit(report=world["report"], by=world["author"], read_version=None)
    with pytest.raises(ApplicationError, match="before clearing"):
        services.report_clear(report=world["report"], by=world["clerk"])
    assert Report.objects.get(pk=world["report"].pk).status == Report.Status.DRAFT


def test_sending_back_needs_a_reason(world):
    report = services.report_draft_save(
        report=world["report"], by=world["author"], read_version=None, **SECTIONS
    )
    services.report_submit(report=report, by=world["author"], read_version=None)
    with pytest.raises(ApplicationError, match="Say what the authors should change"):
        services.report_send_back(report=report, by=world["clerk"], note="  ")
    assert Report.objects.get(pk=report.pk).status == Report.Status.SUBMITTED
    assert not ReportComment.objects.filter(kind="sent_back").exists()


def test_comments_are_for_the_authors_and_democratic_services(world):
    services.report_comment_add(report=world["report"], by=world["author"], text="A question")
    with pytest.raises(ApplicationError, match="Only the report's authors"):
        services.report_comment_add(report=world["report"], by=world["other"], text="Hi")
    with pytest.raises(ApplicationError, match="5,000 characters"):
        services.report_comment_add(report=world["report"], by=world["clerk"], text="x" * 5001)
    assert world["report"].comments.count() == 1


def test_reports_and_appendices_go_before_publication_only(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = services.report_draft_save(
        report=world["report"], by=world["author"], read_version=None, **SECTIONS
    )
    appendix = services.appendix_upload(
        report=report, label="Appendix A", title="Plan", filename="a.pdf", content=tiny_pdf()
    )
    replaced = services.appendix_replace(appendix=appendix, filename="b.pdf", content=tiny_pdf())
    assert replaced.original_filename == "b.pdf"
    with pytest.raises(ApplicationError, match="must be a PDF"):
        services.appendix_replace(appendix=appendix, filename="c.pdf", content=b"not a pdf")
    assert Appendix.objects.get(pk=appendix.pk).original_filename == "b.pdf"
    services.appendix_remove(appendix=appendix, by=world["clerk"])
    assert not Appendix.objects.exists()
    with pytest.raises(ApplicationError, match="Only democratic services"):
        services.report_delete(report=report, by=world["author"])
    services.report_delete(report=report, by=world["clerk"])
    assert not Report.objects.exists()


def test_a_change_after_publication_is_marked_revised(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    committee, _ = committee_with_members()
    meeting, item = published_meeting(committee, day=date(2030, 6, 14))
    clerk = user_with_role(Role.DEMOCRATIC_SERVICES, username="clerk")
    assert item.report.revised_at is None
    report = services.report_save(item=item, by=clerk, **{**FULL_REPORT, "purpose": "Amended."})
    assert report.revised_at is not None and report.status == Report.Status.CLEARED
    with pytest.raises(ApplicationError, match="published"):
        services.report_delete(report=report, by=clerk)
    appendix = services.appendix_upload(
        report=report, label="Appendix A", title="Plan", filename="a.pdf", content=tiny_pdf()
    )
    with pytest.raises(ApplicationError, match="published"):
        services.appendix_remove(appendix=appendix, by=clerk)
    with pytest.raises(ApplicationError, match="published"):
        services.appendix_replace(appendix=appendix, filename="b.pdf", content=tiny_pdf())
