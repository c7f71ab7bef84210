"""Quarterly entry: saving the grid, the checks, and the sign-off workflow, through the services."""

from decimal import Decimal

import pytest

from indicators import periods
from indicators.entry import entry_scope, quarter_completeness
from indicators.models import Commentary, EntryWarning, Figure, QuarterReturn
from indicators.services.comparisons import comparisons_recompute
from indicators.services.entry import BoxInput, EntryInvalid, quarter_figures_save
from indicators.services.imports import figures_import
from indicators.services.quarters import (
    quarter_approve,
    quarter_lock,
    quarter_return_to_officer,
    quarter_submit,
    quarter_unlock,
)
from indicators.services.reference import targets_import
from shp.errors import ApplicationError
from shp.models import Organisation
from shp.roles import Role

Q1 = periods.parse("2016/17 Q1")


@pytest.fixture
def police(catalogue):
    return Organisation.objects.get(slug="cleveland-police")


@pytest.fixture
def fire(catalogue):
    return Organisation.objects.get(slug="cleveland-fire-brigade")


@pytest.fixture
def officer(role_user, police):
    return role_user(Role.OFFICER, username="police-officer", organisation=police)


@pytest.fixture
def lead(role_user, police):
    return role_user(Role.PERFORMANCE_LEAD, username="the-lead", organisation=police)


@pytest.fixture
def scope(police):
    return entry_scope(organisation=police, quarter=Q1)


def key(scope, code, area_name, spec=Q1):
    indicator = next(i for i in scope.indicators if i.code == code)
    area = next(a for a in scope.areas if a.name == area_name)
    return (indicator.pk, area.pk, spec.code)


def fill_everything(scope, value="10"):
    """Every box not available except those given later; a quick way to a complete quarter."""
    return {k: BoxInput(reason="Not collected in this test") for k in _keys(scope)}


def _keys(scope):
    return [(i.pk, a.pk, s.code) for i, s, a in scope.boxes()]


def test_scope_is_the_organisations_indicators_and_areas(scope, fire):
    codes = {i.code for i in scope.indicators}
    assert {"TRC", "SHOP", "DOM_BURG", "ASB"} <= codes
    assert "RES_BURG" not in codes  # defined from April 2017 only
    assert "OPIATE_EFFECTIVE" not in codes  # another organisation's
    assert {a.name for a in scope.areas} == {
        "Hartlepool",
        "Middlesbrough",
        "Redcar and Cleveland",
        "Stockton-on-Tees",
    }
    fire_scope = entry_scope(organisation=fire, quarter=Q1)
    fires = [spec.code for i, spec, a in fire_scope.boxes() if i.code == "DELIB_FIRES"]
    assert sorted(set(fires)) == ["2016-04", "2016-05", "2016-06"]  # monthly: one box a month


def test_a_bad_box_saves_nothing_and_names_each_problem(officer, scope):
    inputs = {
        key(scope, "SHOP", "Hartlepool"): BoxInput(value="12a"),
        key(scope, "BURG", "Hartlepool"): BoxInput(value="-3"),
        key(scope, "MARAC_REPEAT", "Hartlepool"): BoxInput(value="140"),
        key(scope, "VEH", "Hartlepool"): BoxInput(value="4", reason="and a reason"),
        key(scope, "TRC", "Hartlepool"): BoxInput(value="2500"),
    }
    with pytest.raises(EntryInvalid) as raised:
        quarter_figures_save(user=officer, scope=scope, inputs=inputs)
    messages = [p.message for p in raised.value.problems]
    assert 'Hartlepool, Shoplifting, 2016/17 Q1: "12a" is not a number' in messages
    assert any("-3 is negative" in m for m in messages)
    assert any("140% is not a percentage between 0 and 100" in m for m in messages)
    assert any("not both" in m for m in messages)
    assert len(messages) == 4
    assert not Figure.objects.exists()
    assert not QuarterReturn.objects.filter(status="submitted").exists()


def test_saving_writes_figures_commentary_and_flags_warnings(officer, scope):
    figures_import(
        content=b"area,indicator,period,value\nHartlepool,Shoplifting,2015/16 Q1,100\n",
        filename="last-year.csv",
        recompute=False,
    )
    shop = key(scope, "SHOP", "Hartlepool")
    theft = key(scope, "THEFT", "Hartlepool")
    inputs = {shop: BoxInput(value="150"), theft: BoxInput(value="1,000")}
    record = quarter_figures_save(
        user=officer, scope=scope, inputs=inputs, commentaries={shop[:2]: "A new retail park."}
    )
    assert (
        Figure.objects.get(indicator_id=shop[0], area_id=shop[1], period__code=Q1.code).value == 150
    )
    assert (
        Commentary.objects.get(indicator_id=shop[0], area_id=shop[1], period__code=Q1.code).text
        == "A new retail park."
    )
    kinds = {(w.indicator_id, w.area_id, w.kind) for w in record.warnings.all()}
    assert (shop[0], shop[1], "swing") in kinds  # 100 → 150 is +50%
    assert (shop[0], shop[1], "missing") not in kinds
    missing = record.warnings.get(kind="missing")  # one warning lists every empty box
    assert missing.indicator is None
    assert missing.message.startswith(f"{len(_keys(scope)) - 2} of {len(_keys(scope))} boxes")
    assert "Hartlepool, Total recorded crime, 2016/17 Q1" in missing.message
    swing = record.warnings.get(kind="swing", indicator_id=shop[0])
    assert "150 against 100 a year earlier, a change of 50%" in swing.message
    saved = Figure.objects.get(indicator_id=shop[0], area_id=shop[1], period__code=Q1.code)
    history = saved.history.first()
    assert history.history_change_reason == "Entered in the quarter grid"


def test_parts_that_do_not_add_up_are_a_warning_with_the_difference(officer, scope):
    vap = key(scope, "VAP", "Hartlepool")
    parts = {
        key(scope, "HOMICIDE", "Hartlepool"): BoxInput(value="0"),
        key(scope, "VWI", "Hartlepool"): BoxInput(value="300"),
        key(scope, "VWOI", "Hartlepool"): BoxInput(value="400"),
    }
    record = quarter_figures_save(
        user=officer, scope=scope, inputs={vap: BoxInput(value="710"), **parts}
    )
    warning = record.warnings.get(kind="parts", indicator_id=vap[0], area_id=vap[1])
    assert "the total is 710 but its parts" in warning.message
    assert "add up to 700, a difference of 10" in warning.message
    quarter_figures_save(user=officer, scope=scope, inputs={vap: BoxInput(value="700"), **parts})
    assert not record.warnings.filter(kind="parts", indicator_id=vap[0], area_id=vap[1]).exists()


def test_submit_needs_every_warning_acknowledged(officer, scope):
    inputs = fill_everything(scope)
    shop = key(scope, "SHOP", "Hartlepool")
    inputs[shop] = BoxInput()  # left empty: a missing-box warning
    record = quarter_figures_save(user=officer, scope=scope, inputs=inputs)
    with pytest.raises(ApplicationError, match="1 warning needs a comment"):
        quarter_submit(user=officer, scope=scope)
    warning = record.warnings.get()
    quarter_figures_save(
        user=officer,
        scope=scope,
        inputs=inputs,
        acknowledgements={warning.pk: "The shoplifting extract failed; it follows next week."},
    )
    warning.refresh_from_db()
    assert warning.acknowledged_by == officer
    record = quarter_submit(user=officer, scope=scope)
    assert record.status == QuarterReturn.Status.SUBMITTED
    assert set(Figure.objects.values_list("status", flat=True)) == {"submitted"}
    with pytest.raises(ApplicationError, match="can no longer be changed"):
        quarter_figures_save(user=officer, scope=scope, inputs=inputs)


def test_an_officer_cannot_enter_or_submit_another_organisations_figures(role_user, fire, scope):
    firefighter = role_user(Role.OFFICER, username="fire-officer", organisation=fire)
    with pytest.raises(ApplicationError, match="cannot enter figures for Cleveland Police"):
        quarter_figures_save(
            user=firefighter,
            scope=scope,
            inputs={key(scope, "SHOP", "Hartlepool"): BoxInput(value="5")},
        )
    with pytest.raises(ApplicationError, match="cannot submit"):
        quarter_submit(user=firefighter, scope=scope)
    member = role_user(Role.MEMBER, username="a-member")
    with pytest.raises(ApplicationError):
        quarter_figures_save(user=member, scope=scope, inputs={})
    assert not Figure.objects.exists()


def _submitted(officer, scope, inputs=None):
    inputs = inputs or fill_everything(scope)
    quarter_figures_save(user=officer, scope=scope, inputs=inputs)
    return quarter_submit(user=officer, scope=scope)


def test_approve_lock_unlock_with_reasons_in_history(officer, lead, scope):
    _submitted(officer, scope)
    with pytest.raises(ApplicationError, match="Only the performance lead"):
        quarter_approve(user=officer, scope=scope)
    quarter_approve(user=lead, scope=scope)
    with pytest.raises(ApplicationError, match="approved, so this cannot be done now"):
        quarter_approve(user=lead, scope=scope)
    record = quarter_lock(user=lead, scope=scope)
    assert record.status == "locked"
    assert set(Figure.objects.values_list("status", flat=True)) == {"locked"}
    with pytest.raises(ApplicationError, match="Give the reason to unlock"):
        quarter_unlock(user=lead, scope=scope, reason="  ")
    with pytest.raises(ApplicationError, match="500 characters"):
        quarter_unlock(user=lead, scope=scope, reason="x" * 501)
    record = quarter_unlock(user=lead, scope=scope, reason="Hartlepool ASB re-extracted")
    assert record.status == "draft"
    figure = Figure.objects.first()
    reasons = [h.history_change_reason for h in figure.history.order_by("history_date")]
    assert reasons[-4:] == [
        "Submitted",
        "Approved",
        "Locked",
        "Unlocked: Hartlepool ASB re-extracted",
    ]
    assert figure.history.latest().history_user == lead
    assert record.history.latest().history_change_reason == "Unlocked: Hartlepool ASB re-extracted"


def test_send_back_returns_a_submitted_quarter_to_draft(officer, lead, scope):
    _submitted(officer, scope)
    record = quarter_return_to_officer(user=lead, scope=scope, reason="Check Redcar burglary")
    assert record.status == "draft"
    assert set(Figure.objects.values_list("status", flat=True)) == {"draft"}


def test_a_red_rag_needs_commentary_before_approval(officer, lead, scope):
    figures_import(
        content=b"area,indicator,period,value\nHartlepool,SHOP,2015/16 Q1,100\n",
        filename="base.csv",
        recompute=False,
    )
    targets_import(
        content=b"area,indicator,period,kind,value,baseline_period,amber_tolerance\n"
        b"Hartlepool,SHOP,2016/17 Q1,reduce,,2015/16 Q1,5\n"
    )
    inputs = fill_everything(scope)
    shop = key(scope, "SHOP", "Hartlepool")
    inputs[shop] = BoxInput(value="130")
    record = quarter_figures_save(user=officer, scope=scope, inputs=inputs)
    swing = record.warnings.get(kind="swing")
    quarter_figures_save(
        user=officer, scope=scope, inputs=inputs, acknowledgements={swing.pk: "Checked: right."}
    )
    quarter_submit(user=officer, scope=scope)
    comparisons_recompute()
    with pytest.raises(ApplicationError, match="the RAG is red for Shoplifting"):
        quarter_approve(user=lead, scope=scope)
    assert QuarterReturn.objects.get().status == "submitted"
    Commentary.objects.create(
        indicator_id=shop[0],
        area_id=shop[1],
        organisation=scope.organisation,
        period=QuarterReturn.objects.get().period,
        text="Two new stores.",
    )
    assert quarter_approve(user=lead, scope=scope).status == "approved"


def test_an_officers_file_may_hold_only_their_quarter(officer, police, scope):
    from indicators.services.imports import ImportFailed
    from indicators.services.uploads import figure_upload_apply, figure_upload_preview

    content = (
        b"area,indicator,period,value\n"
        b"Hartlepool,Shoplifting,2016/17 Q1,120\n"
        b"Hartlepool,Opiate users in effective treatment,2016/17 Q1,300\n"
        b"Hartlepool,Shoplifting,2016/17 Q2,99\n"
        b"Cleveland,Shoplifting,2016/17 Q1,900\n"
    )
    with pytest.raises(ImportFailed) as raised:
        figure_upload_preview(user=officer, filename="q1.csv", content=content, scope=scope)
    shown = [str(p) for p in raised.value.problems]
    assert shown == [
        "row 3: Cleveland Police does not report Opiate users in effective treatment in 2016/17 Q1",
        "row 4: Shoplifting is entered for 2016/17 Q1 here, not 2016/17 Q2",
        "row 5: Cleveland Police does not report figures for Cleveland",
    ]
    upload, result = figure_upload_preview(
        user=officer,
        filename="q1.csv",
        content=b"area,indicator,period,value\nHartlepool,Shoplifting,2016/17 Q1,120\n",
        scope=scope,
    )
    assert result.count("create") == 1 and not Figure.objects.exists()
    figure_upload_apply(upload=upload, user=officer)
    assert Figure.objects.get().value == Decimal(120)
    record = QuarterReturn.objects.get()
    assert record.warnings.filter(kind="missing").exists()


def test_an_upload_is_refused_once_the_quarter_is_submitted(officer, scope):
    from indicators.services.uploads import figure_upload_apply, figure_upload_preview

    upload, _ = figure_upload_preview(
        user=officer,
        filename="q1.csv",
        content=b"area,indicator,period,value\nHartlepool,Shoplifting,2016/17 Q1,120\n",
        scope=scope,
    )
    _submitted(officer, scope)
    with pytest.raises(ApplicationError, match="submitted; they can no longer be changed"):
        figure_upload_apply(upload=upload, user=officer)
    assert not Figure.objects.filter(value=120).exists()


def test_completeness_counts_given_missing_and_overdue(officer, scope, police):
    from datetime import date

    quarter_figures_save(
        user=officer,
        scope=scope,
        inputs={
            key(scope, "SHOP", "Hartlepool"): BoxInput(value="120"),
            key(scope, "BURG", "Hartlepool"): BoxInput(reason="System outage"),
        },
    )
    rows = {
        r.organisation.slug: r for r in quarter_completeness(quarter=Q1, today=date(2016, 9, 1))
    }
    police_row = rows["cleveland-police"]
    hartlepool = next(a for a in police_row.areas if a.area.name == "Hartlepool")
    assert (hartlepool.entered, hartlepool.not_available) == (1, 1)
    assert hartlepool.missing == hartlepool.expected - 2
    assert police_row.overdue  # due 42 days after 30 June, still a draft on 1 September
    assert not quarter_completeness(quarter=Q1, today=date(2016, 8, 1))[0].overdue
    assert "cleveland-fire-brigade" in rows
    assert EntryWarning.objects.exists()


def test_completeness_counts_figures_approved_by_the_leads_upload(fire):
    from datetime import date

    def fire_completeness():
        rows = quarter_completeness(quarter=Q1, today=date(2016, 9, 1))
        return next(r for r in rows if r.organisation == fire)

    fire_scope = entry_scope(organisation=fire, quarter=Q1)
    lines = [
        f"{area.name},{indicator.code},{spec.code},{n}"
        for n, (indicator, spec, area) in enumerate(fire_scope.boxes())
    ]
    half = lines[: len(lines) // 3]

    def approve_by_upload(chosen):
        figures_import(
            content=("area,indicator,period,value\n" + "\n".join(chosen) + "\n").encode(),
            filename="fire.csv",
            status="approved",
            recompute=False,
        )

    approve_by_upload(half)
    row = fire_completeness()
    assert row.approved == len(half)
    assert row.status_label == f"Not started: {len(half)} of {len(lines)} approved"
    approve_by_upload(lines)
    row = fire_completeness()
    assert row.status == "approved" and row.status_label == "Approved (by upload)"
    assert not row.overdue and row.missing == 0


def test_a_change_after_unlocking_is_a_revision_until_it_is_approved(officer, lead, scope):
    from indicators.models import Basis, Comparison

    shop = key(scope, "SHOP", "Hartlepool")
    inputs = {**fill_everything(scope), shop: BoxInput(value="390")}
    _submitted(officer, scope, inputs)
    quarter_approve(user=lead, scope=scope)
    quarter_lock(user=lead, scope=scope)
    quarter_unlock(user=lead, scope=scope, reason="Police recount")
    quarter_figures_save(user=officer, scope=scope, inputs={**inputs, shop: BoxInput("395")})
    figure = Figure.objects.get(indicator_id=shop[0], area_id=shop[1], period__code=Q1.code)
    assert (figure.value, figure.approved_value, figure.status) == (395, 390, "draft")
    comparisons_recompute()
    where = {"indicator_id": shop[0], "area_id": shop[1], "period__code": Q1.code}
    assert Comparison.objects.get(**where).current_value == 390  # members still read 390
    provisional = Comparison.on_basis(Basis.PROVISIONAL).get(**where)
    assert provisional.current_value == 395 and provisional.provisional
    history = [r.history_change_reason for r in figure.history.order_by("history_id")]
    assert "Unlocked: Police recount" in history
    quarter_submit(user=officer, scope=scope)
    quarter_approve(user=lead, scope=scope)
    comparisons_recompute()
    assert Comparison.objects.get(**where).current_value == 395
