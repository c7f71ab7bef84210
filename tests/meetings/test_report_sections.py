"""Each committee's report template is data democratic services edits: the report form, the
publication check and the pack follow it; a section of the committee's own keeps its text; bad
input and other roles are refused with nothing changed."""

from datetime import date

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Committee, CommitteeReportSection, ReportSection, Section
from shp.errors import ApplicationError
from shp.roles import Role
from tests.meetings.factories import FULL_REPORT, committee_with_members, scheduled_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, role_user):
    user = role_user(Role.DEMOCRATIC_SERVICES, username="the-clerk")
    client.force_login(user)
    return user


@pytest.fixture
def board(db):
    committee, _ = committee_with_members("Flamingo Board")
    return committee


def version(committee) -> int:
    return Committee.objects.get(pk=committee.pk).templates_version


def sections_url(board):
    return reverse("meetings:report-sections", kwargs={"slug": board.slug})


def action(client, board, heading, what):
    section = board.report_sections.get(heading=heading)
    url = reverse("meetings:report-section-action", kwargs={"slug": board.slug, "pk": section.pk})
    return client.post(url, {"action": what, "read_version": version(board)}, follow=True)


def test_a_committee_starts_with_the_standard_sections(board):
    keys = list(board.report_sections.order_by("position").values_list("key", flat=True))
    assert keys == ReportSection.values


def test_the_report_form_publication_check_and_printed_sections_follow_the_template(
    client, editor, board
):
    assert (
        client.post(
            sections_url(board),
            {"heading": "Community cohesion", "is_required": "on", "read_version": version(board)},
        ).status_code
        == 302
    )
    action(client, board, "Child and family poverty", "remove")
    action(client, board, "Recommendations", "up")
    own = board.report_sections.get(heading="Community cohesion")
    assert own.key == "community_cohesion" and own.is_required

    meeting = scheduled_meeting(board, day=date(2030, 6, 14), today=date(2030, 1, 2))
    item = services.agenda_item_add(
        meeting=meeting, section=Section.DECISION, title="Strategy", today=date(2030, 1, 2)
    )
    form_url = reverse("meetings:report-edit", kwargs={"pk": item.pk})
    page = client.get(form_url).content.decode()
    assert "Community cohesion" in page and "Child and family poverty" not in page
    values = {k: v for k, v in FULL_REPORT.items() if k != "child_poverty"}
    assert client.post(form_url, values).status_code == 302
    report = item.report
    assert report.missing_sections() == ["Community cohesion"]
    with pytest.raises(ApplicationError, match="child_poverty"):
        services.report_save(item=item, **FULL_REPORT)
    client.post(form_url, {**values, "community_cohesion": "Brings neighbours together."})
    report.refresh_from_db()
    assert report.extra_sections == {"community_cohesion": "Brings neighbours together."}
    headings = [heading for heading, _ in report.sections()]
    assert headings.index("Recommendations") + 1 == headings.index(
        "Asset management considerations"
    )
    assert headings[-1] == "Community cohesion" and "Child and family poverty" not in headings
    assert report.missing_sections() == []


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"heading": " "}, "Enter the section"),
        ({"heading": "background"}, "already have a section with that heading"),
        ({"heading": "X" * 201}, "at most 200"),
    ],
)
def test_bad_sections_are_refused(client, editor, board, form, message):
    before = board.report_sections.count()
    response = client.post(sections_url(board), {**form, "read_version": version(board)})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors)
    assert board.report_sections.count() == before


def test_a_removed_standard_section_comes_back_with_its_key(client, editor, board):
    action(client, board, "Consultation", "remove")
    assert not board.report_sections.filter(key="consultation").exists()
    stale = client.post(sections_url(board), {"heading": "Consultation", "read_version": 1})
    assert "Someone changed" in stale.content.decode()
    assert not board.report_sections.filter(key="consultation").exists()
    client.post(sections_url(board), {"heading": "Consultation", "read_version": version(board)})
    assert board.report_sections.filter(key="consultation").exists()


@pytest.mark.parametrize("role", [Role.PERFORMANCE_LEAD, Role.MEMBER, Role.OFFICER])
def test_only_democratic_services_edit_report_sections(client, role_user, board, role):
    client.force_login(role_user(role))
    before = list(CommitteeReportSection.objects.values_list("pk", "heading", "position"))
    assert client.post(sections_url(board), {"heading": "Hijack"}).status_code == 403
    first = board.report_sections.first()
    url = reverse("meetings:report-section-action", kwargs={"slug": board.slug, "pk": first.pk})
    assert client.post(url, {"action": "remove"}).status_code == 403
    assert list(CommitteeReportSection.objects.values_list("pk", "heading", "position")) == before


def test_an_agendas_reports_read_the_template_once(board, django_assert_max_num_queries):
    meeting = scheduled_meeting(board, day=date(2030, 6, 14), today=date(2030, 1, 2))
    for title in ("First", "Second", "Third"):
        item = services.agenda_item_add(
            meeting=meeting, section=Section.DECISION, title=title, today=date(2030, 1, 2)
        )
        services.report_save(item=item, **FULL_REPORT)
    items = list(meeting.items.select_related("report").filter(section=Section.DECISION))
    with django_assert_max_num_queries(2):  # the committee, its template: not one per report
        missing = [item.report.missing_sections() for item in items]
    assert missing == [[], [], []]
