"""Quarterly updates: who may record them, and bad input refused with nothing saved."""

import io
import zipfile
from datetime import date

import pytest

from shp.errors import ApplicationError
from shp.roles import Role
from strategies import services
from strategies.models import Action, Plan, Update
from tests.factories import OrganisationFactory
from tests.meetings.factories import tiny_pdf
from tests.strategies.factories import PNG, plan_with_actions

pytestmark = pytest.mark.django_db
TODAY = date(2017, 6, 1)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def police():
    return OrganisationFactory(name="Cleveland Police Test")


@pytest.fixture
def officer(role_user, police):
    return role_user(Role.OFFICER, username="police-officer", organisation=police)


@pytest.fixture
def action(police):
    return plan_with_actions(lead=police).actions.first()


def record(action, user, **overrides):
    values = {
        "action": action,
        "user": user,
        "year": 2016,
        "quarter": 4,
        "rag": "red",
        "percent_complete": 30,
        "commentary": "Recruitment of the new post has slipped by a quarter.",
        "today": TODAY,
    }
    values.update(overrides)
    return services.update_record(**values)


def test_the_lead_organisations_officer_records_an_update(action, officer):
    update = record(action, officer)
    assert update.rag == "red" and update.quarter_label == "2016/17 Q4"
    assert Action.objects.get(pk=action.pk).status == Action.Status.IN_PROGRESS


def test_the_performance_lead_may_update_any_action(action, role_user):
    assert record(action, role_user(Role.PERFORMANCE_LEAD)).pk


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEMOCRATIC_SERVICES, None])
def test_other_roles_may_not_update(action, role_user, role):
    with pytest.raises(ApplicationError, match="lead organisation"):
        record(action, role_user(role))
    assert not Update.objects.exists()


def test_an_officer_of_another_organisation_may_not_update(action, role_user):
    other = role_user(Role.OFFICER, username="fire-officer", organisation=OrganisationFactory())
    with pytest.raises(ApplicationError, match="lead organisation"):
        record(action, other)
    assert not Update.objects.exists()


@pytest.mark.parametrize(
    ("year", "quarter", "message"),
    [
        (2015, 4, "outside the plan's years"),
        (2019, 1, "outside the plan's years"),
        (2017, 2, "has not started yet"),
        (2016, 5, "from 1 to 4"),
    ],
)
def test_quarters_outside_the_plan_or_in_the_future_are_refused(
    action, officer, year, quarter, message
):
    with pytest.raises(ApplicationError, match=message):
        record(action, officer, year=year, quarter=quarter)
    assert not Update.objects.exists()


def test_a_second_update_for_the_same_quarter_is_refused(action, officer):
    record(action, officer)
    with pytest.raises(ApplicationError, match="already has an update for 2016/17 Q4"):
        record(action, officer, rag="green")
    assert Update.objects.count() == 1


def test_a_closed_action_or_plan_takes_no_updates(action, officer):
    action.status = Action.Status.CLOSED
    action.save()
    with pytest.raises(ApplicationError, match="action is closed"):
        record(action, officer)
    action.status = Action.Status.IN_PROGRESS
    action.save()
    Plan.objects.filter(pk=action.plan_id).update(status=Plan.Status.CLOSED)
    with pytest.raises(ApplicationError, match="plan is closed"):
        record(action, officer)
    assert not Update.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rag": "purple"}, "red, amber or green"),
        ({"percent_complete": 101}, "0 to 100"),
        ({"percent_complete": -1}, "0 to 100"),
        ({"commentary": "   "}, "Enter a commentary"),
        ({"commentary": "Late."}, "red update needs a commentary"),
    ],
)
def test_bad_values_are_refused(action, officer, overrides, message):
    with pytest.raises(ApplicationError, match=message):
        record(action, officer, **overrides)
    assert not Update.objects.exists()


def docx_bytes(content_type: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml", f'<Types><Override ContentType="{content_type}"/></Types>'
        )
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("minutes.pdf", tiny_pdf()),
        ("photo.png", PNG),
        ("photo.JPEG", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
        ("notes.docx", docx_bytes(services.OOXML_TYPES["docx"])),
        ("figures.xlsx", docx_bytes(services.OOXML_TYPES["xlsx"])),
    ],
)
def test_evidence_of_the_kind_its_name_claims_is_kept(action, officer, media, name, content):
    update = record(action, officer, evidence_name=name, evidence_content=content)
    assert update.evidence_size == len(content) and update.evidence_name == name
    assert update.evidence.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"PK\x03\x04 a zip, not a PDF", "contents are not a PDF"),
        ("report.pdf", b"%PDF-1.4 broken", "damaged"),
        ("photo.png", b"\xff\xd8\xff\xe0 a jpeg", "contents are not a PNG"),
        ("photo.jpg", PNG, "contents are not a JPG"),
        ("notes.docx", docx_bytes(services.OOXML_TYPES["xlsx"]), "contents are not a DOCX"),
        ("notes.docx", b"not a zip", "contents are not a DOCX"),
        ("script.exe", b"MZ", "must be a PDF, PNG, JPEG"),
        ("noextension", b"%PDF-", "must be a PDF, PNG, JPEG"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_evidence_that_is_not_what_it_claims_is_refused(
    action, officer, media, name, content, message
):
    with pytest.raises(ApplicationError, match=message):
        record(action, officer, evidence_name=name, evidence_content=content)
    assert not Update.objects.exists()


def test_evidence_over_the_size_limit_is_refused(action, officer, media, settings):
    settings.STRATEGIES_EVIDENCE_MAX_BYTES = 100
    with pytest.raises(ApplicationError, match="smaller than"):
        record(action, officer, evidence_name="big.png", evidence_content=PNG + b"\x00" * 200)
    assert not Update.objects.exists()


def test_a_hostile_filename_is_made_safe(action, officer, media):
    update = record(action, officer, evidence_name="../../etc/<script>.png", evidence_content=PNG)
    assert ".." not in update.evidence.name and "<" not in update.evidence.name


def test_report_options_check_the_objective_belongs_to_the_plan(action):
    other = plan_with_actions(title="Other plan 2016-19")
    with pytest.raises(ApplicationError, match="not part of"):
        services.report_options(plan=action.plan, objective=other.objectives.first())
    with pytest.raises(ApplicationError, match="status"):
        services.report_options(plan=action.plan, status="nonsense")
    with pytest.raises(ApplicationError, match="Choose a plan"):
        services.report_options(plan=999999)
    options = services.report_options(plan=action.plan, objective=action.objective)
    assert options == {
        "plan": action.plan_id,
        "objective": action.objective_id,
        "status": "",
        "lead": None,
    }
