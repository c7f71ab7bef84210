"""The strategies pages: forged requests refused, bad input shown with nothing lost, reports."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from meetings.models import Appendix
from shp.roles import Role
from strategies.models import Plan, Update
from tests.factories import OrganisationFactory
from tests.meetings.factories import committee_with_members, published_meeting
from tests.strategies.factories import PNG, plan_with_actions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def police():
    return OrganisationFactory(name="Cleveland Police Test")


@pytest.fixture
def plan(police):
    return plan_with_actions(lead=police)


@pytest.fixture
def action(plan):
    return plan.actions.first()


def update_url(action):
    return reverse("strategies:update-add", kwargs={"pk": action.pk})


GOOD = {
    "quarter": "2016-1",
    "rag": "red",
    "percent_complete": "20",
    "commentary": "The new service has not started: the contract is still unsigned.",
}


def test_lead_officer_records_an_update_through_the_form(client, role_user, police, action):
    client.force_login(role_user(Role.OFFICER, organisation=police))
    response = client.post(update_url(action), GOOD)
    assert response.status_code == 302
    assert Update.objects.get(action=action).rag == "red"
    page = client.get(action.get_absolute_url()).content.decode()
    assert "contract is still unsigned" in page


@pytest.mark.parametrize("role", [Role.OFFICER, Role.MEMBER, Role.DEMOCRATIC_SERVICES, None])
def test_forged_posts_from_anyone_but_the_lead_are_refused(client, role_user, action, role):
    # An officer of another organisation, a member, democratic services, or no role at all.
    user = role_user(role, username=f"forger-{role}", organisation=OrganisationFactory())
    client.force_login(user)
    assert client.get(update_url(action)).status_code == 403
    assert client.post(update_url(action), GOOD).status_code == 403
    status_url = reverse("strategies:action-status", kwargs={"pk": action.pk})
    assert client.post(status_url, {"status": "closed"}).status_code == 403
    assert not Update.objects.exists()
    action.refresh_from_db()
    assert action.status == "not_started"


def test_anonymous_posts_are_sent_to_sign_in(client, action):
    response = client.post(update_url(action), GOOD)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not Update.objects.exists()


def test_an_unknown_action_is_404(client, role_user):
    client.force_login(role_user(Role.PERFORMANCE_LEAD))
    assert client.get("/strategies/actions/999999/update/").status_code == 404
    assert client.get("/strategies/actions/not-a-number/update/").status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"quarter": "2015-4"}, "Choose a quarter from the list"),
        ({"quarter": "<script>"}, "Choose a quarter from the list"),
        ({"quarter": ""}, "Choose the quarter"),
        ({"rag": "purple"}, "Choose red, amber or green"),
        ({"percent_complete": "lots"}, "must be a whole number"),
        ({"percent_complete": "150"}, "100 or less"),
        ({"commentary": ""}, "Enter a commentary"),
        ({"commentary": "x" * 5000}, "4,000 characters or fewer"),
    ],
)
def test_bad_form_input_is_shown_and_what_was_typed_is_kept(
    client, role_user, police, action, changes, message
):
    client.force_login(role_user(Role.OFFICER, organisation=police))
    response = client.post(update_url(action), {**GOOD, **changes})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and message in page
    if "commentary" not in changes:
        assert "contract is still unsigned" in page
    assert not Update.objects.exists()


def test_a_file_that_is_not_what_it_claims_is_refused_in_the_form(
    client, role_user, police, action
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(role_user(Role.OFFICER, organisation=police))
    fake = SimpleUploadedFile("evidence.pdf", b"PK\x03\x04 a zip", content_type="application/pdf")
    response = client.post(update_url(action), {**GOOD, "evidence": fake})
    page = response.content.decode()
    assert "contents are not a PDF" in page and "contract is still unsigned" in page
    assert not Update.objects.exists()
    real = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    assert client.post(update_url(action), {**GOOD, "evidence": real}).status_code == 302
    update = Update.objects.get()
    evidence = client.get(reverse("strategies:evidence", kwargs={"pk": update.pk}))
    assert evidence.status_code == 200 and b"".join(evidence.streaming_content) == PNG


def test_a_duplicate_quarter_is_refused_in_the_form(client, role_user, police, action):
    client.force_login(role_user(Role.OFFICER, organisation=police))
    client.post(update_url(action), GOOD)
    response = client.post(update_url(action), {**GOOD, "rag": "green"})
    assert "already has an update for 2016/17 Q1" in response.content.decode()
    assert Update.objects.count() == 1


def test_a_closed_action_refuses_updates_in_the_form(client, role_user, police, action):
    client.force_login(role_user(Role.OFFICER, organisation=police))
    status_url = reverse("strategies:action-status", kwargs={"pk": action.pk})
    stale = client.post(status_url, {"status": "closed", "read_version": action.version + 1})
    assert "Someone changed action" in stale.content.decode()
    assert (
        client.post(status_url, {"status": "closed", "read_version": action.version}).status_code
        == 302
    )
    response = client.post(update_url(action), GOOD)
    assert "action is closed" in response.content.decode()
    assert not Update.objects.exists()


def test_the_public_reads_plans_but_not_progress_or_drafts(client, role_user, plan, action):
    Update.objects.create(
        action=action, year=2016, quarter=1, rag="red", percent_complete=5, commentary="Secret."
    )
    page = client.get(plan.get_absolute_url()).content.decode()
    assert action.description in page and "rag-summary" not in page
    assert "Secret." not in client.get(action.get_absolute_url()).content.decode()
    draft = plan_with_actions(title="Draft plan 2017-20", status=Plan.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get(reverse("strategies:plan-list")).content.decode()
    client.force_login(role_user(Role.MEMBER))
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="rag-summary"' in page and 'data-testid="progress-table"' in page
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert "Secret." in client.get(action.get_absolute_url()).content.decode()


def test_the_plan_page_flags_overdue_and_missing_updates(client, role_user, plan):
    client.force_login(role_user(Role.MEMBER))
    page = client.get(plan.get_absolute_url()).content.decode()
    # Every action was due on 31 March 2018 and none has an update for the plan's last quarter.
    assert "4 actions overdue; 4 open actions without an update for 2018/19 Q4" in page


def test_filters_narrow_the_actions_and_bad_filters_are_refused(client, role_user, plan):
    client.force_login(role_user(Role.MEMBER))
    objective = plan.objectives.get(number=2)
    page = client.get(plan.get_absolute_url(), {"objective": objective.pk}).content.decode()
    assert "Action 3 of" in page and "Action 1 of" not in page
    page = client.get(plan.get_absolute_url(), {"objective": "999"}).content.decode()
    assert "Choose an objective from the list" in page
    report = reverse("strategies:plan-report", kwargs={"slug": plan.slug, "fmt": "xlsx"})
    assert client.get(report, {"status": "<script>"}).status_code == 400
    assert client.get(report.replace(".xlsx", ".doc")).status_code == 404


def test_reports_download_as_xlsx_and_pdf(client, role_user, plan, action):
    Update.objects.create(
        action=action,
        year=2016,
        quarter=2,
        rag="amber",
        percent_complete=40,
        commentary='=HYPERLINK("http://evil")',
    )
    client.force_login(role_user(Role.MEMBER))
    url = reverse("strategies:plan-report", kwargs={"slug": plan.slug, "fmt": "xlsx"})
    response = client.get(url, {"objective": action.objective_id})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert len(rows) == 2 and rows[0][1] == action.number and rows[0][13] == "Amber"
    assert rows[0][15].startswith("'=")  # a formula is kept as text
    pdf = client.get(url.replace(".xlsx", ".pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")


def test_democratic_services_attach_an_action_plan_report_to_an_item(client, role_user, plan):
    committee, _ = committee_with_members()
    _, item = published_meeting(committee, day=date(2030, 6, 14))
    client.force_login(role_user(Role.DEMOCRATIC_SERVICES))
    url = reverse("meetings:appendix-add", kwargs={"pk": item.pk})
    base = {
        "label": "Appendix B",
        "title": "Action plan progress",
        "kind": "generated",
        "generator": "action_plan",
    }
    page = client.post(url, base).content.decode()
    assert "Choose the plan for the action-plan report" in page
    other = plan_with_actions(title="Other plan 2016-19")
    page = client.post(
        url, {**base, "action_plan": plan.pk, "action_plan_objective": other.objectives.first().pk}
    ).content.decode()
    assert "is not part of" in page
    objective = plan.objectives.get(number=1)
    response = client.post(
        url,
        {
            **base,
            "action_plan": plan.pk,
            "action_plan_objective": objective.pk,
            "action_plan_status": "not_started",
        },
    )
    assert response.status_code == 302
    appendix = Appendix.objects.get(report__item=item, label="Appendix B")
    assert appendix.generator == "action_plan"
    assert appendix.generator_options == {
        "plan": plan.pk,
        "objective": objective.pk,
        "status": "not_started",
        "lead": None,
    }
    from strategies.reports import action_plan_body_html

    html = action_plan_body_html(**appendix.generator_options)
    assert html.startswith("<h1>") and "Objective 1" in html and "Objective 2:" not in html
    assert '<th scope="col">' in html


def test_a_100_percent_update_offers_to_mark_the_action_complete(client, role_user, police, action):
    client.force_login(role_user(Role.OFFICER, organisation=police))
    done = {**GOOD, "rag": "green", "percent_complete": "100", "commentary": "Delivered."}
    response = client.post(update_url(action), done, follow=True)
    page = response.content.decode()
    assert "If the action is done, mark it complete below." in page
    assert 'data-testid="offer-complete"' in page
    action.refresh_from_db()
    assert action.status == "in_progress"  # offered, not done for them
    status_url = reverse("strategies:action-status", kwargs={"pk": action.pk})
    offered = client.get(status_url + "?status=completed")
    assert offered.context["form"].initial["status"] == "completed"
    client.post(status_url, {"status": "completed", "read_version": action.version})
    action.refresh_from_db()
    assert action.status == "completed"
    assert (
        'data-testid="offer-complete"' not in client.get(action.get_absolute_url()).content.decode()
    )
