"""The recompute after figures are saved works out only what they change, and stores exactly
what a full recompute would: every comparison of both bases and every public cell, compared row
for row after writes of each kind (a district's quarter, a force's draft, a part of a total, a
target's baseline, a month, a cleared figure, a scatter of random ones)."""

import random
from decimal import Decimal

import pytest

from indicators import periods
from indicators.models import (
    Area,
    Comparison,
    Figure,
    FigureChange,
    Indicator,
    Period,
    PublicFigure,
    Target,
)
from indicators.recompute_scope import recompute_scope_changed, recompute_scope_full
from indicators.services.comparisons import (
    RECOMPUTE_JOB_KIND,
    _recompute,
    comparisons_recompute,
    comparisons_recompute_start,
)
from indicators.services.figures import FigureWrite, figure_clear, figures_write
from indicators.targets import TargetKind
from shp.models import Job

APPROVED, DRAFT = Figure.Status.APPROVED, Figure.Status.DRAFT
COMPARED = [
    f.attname for f in Comparison._meta.concrete_fields if f.attname not in {"id", "computed_at"}
]


def stored() -> tuple[dict, dict]:
    """Every stored comparison and public cell, keyed by what identifies it."""
    comparisons = {
        (row["basis"], row["indicator_id"], row["area_id"], row["period_id"]): row
        for row in Comparison.all_bases.values(*COMPARED)
    }
    public = {
        (p, i, a): (v, h)
        for p, i, a, v, h in PublicFigure.objects.values_list(
            "period_id", "indicator_id", "area_id", "value", "hidden_text"
        )
    }
    return comparisons, public


def incremental_equals_full():
    """Recompute what changed, then everything: the stored rows must not move."""
    scope = recompute_scope_changed()
    assert scope is not None and not scope.is_full
    written = comparisons_recompute(full=False)
    assert not FigureChange.objects.exists()
    incremental = stored()
    total = comparisons_recompute(full=True)
    full = stored()
    assert incremental[0] == full[0]
    assert incremental[1] == full[1]
    assert written < total  # less than all of it
    return scope


def write(figures: list[tuple], status=APPROVED):
    """Save (indicator, area, period code, value) through the one write path."""
    rows = Period.objects.ensure(periods.parse(code) for _, _, code, _ in figures)
    figures_write(
        writes=[
            FigureWrite(
                indicator_id=indicator.pk,
                area_id=area.pk,
                period=rows[code],
                value=value,
                not_available_reason="" if value is not None else "Not collected",
            )
            for indicator, area, code, value in figures
        ],
        user=None,
        status=status,
        reason="test",
    )


YEARS = range(2012, 2016)  # financial years of generated quarters, to 2015/16


@pytest.fixture
def generated(seed):
    """The demo's catalogue and areas, a second force of two districts, and five years of
    quarterly figures for every indicator and area (small numbers, so that some are
    suppressed), with a target measured against a baseline three years earlier; comparisons
    worked out in full."""
    rng = random.Random(2011)
    other = Area.objects.create(code="X_FORCE", name="Other force", kind=Area.Kind.FORCE)
    for n in (1, 2):
        Area.objects.create(
            code=f"X_D{n}", name=f"Other district {n}", kind=Area.Kind.DISTRICT, parent=other
        )
    places = [a for a in Area.objects.all() if a.kind == Area.Kind.DISTRICT or a == other]
    figures = []
    for fy in YEARS:
        for number in range(1, 5):
            code = periods.quarter(fy, number).code
            for indicator in Indicator.objects.all():
                for area in places:
                    value = rng.choice([None, *range(0, 9), *range(10, 60, 7)])
                    figures.append(
                        (indicator, area, code, None if value is None else Decimal(value))
                    )
    write(figures)
    rows = Period.objects.ensure([periods.quarter(2015, 4), periods.quarter(2012, 4)])
    Target.objects.create(
        indicator=Indicator.objects.filter(unit="count").first(),
        area=district(),
        period=rows["2015/16 Q4"],
        baseline_period=rows["2012/13 Q4"],
        kind=TargetKind.REDUCE,
        value=None,
        amber_tolerance=5,
    )
    comparisons_recompute(full=True)


def latest_quarter() -> str:
    return periods.quarter(YEARS[-1], 4).code


def district(code="E06000001"):
    return Area.objects.get(code=code)


def a_districts_quarter_approved():
    quarter = latest_quarter()
    area = district()
    changed = [
        (f.indicator, area, quarter, (f.value or 0) + 3)
        for f in Figure.objects.filter(area=area, period__code=quarter).select_related("indicator")
    ]
    assert changed
    write(changed)
    scope = incremental_equals_full()
    assert area.parent_id in scope.area_ids  # its force is worked out again too
    assert Area.objects.get(code="X_FORCE").pk not in scope.area_ids  # another force is not


def a_draft_in_the_force_area_and_a_part_of_a_total_earlier():
    force = Area.objects.get(code="X_FORCE")
    part = Indicator.objects.filter(parent__isnull=False, unit="count").first()
    write([(part, force, latest_quarter(), Decimal("4"))], status=DRAFT)
    write([(part, district(), periods.quarter(YEARS[0], 2).code, Decimal("2"))])
    scope = incremental_equals_full()
    assert part.parent_id in scope.indicator_ids


def a_change_to_a_targets_baseline():
    target = Target.objects.select_related("baseline_period", "indicator").get(
        period__code=latest_quarter()
    )
    write([(target.indicator, target.area, target.baseline_period.code, Decimal("1234"))])
    scope = incremental_equals_full()
    assert scope.is_output(target.period.spec)  # three years after the change


def months_that_add_up_to_a_quarter():
    indicator = Indicator.objects.filter(unit="count", parent__isnull=True).first()
    months = [periods.month(YEARS[-1] + 1, m) for m in (4, 5, 6)]
    write([(indicator, district(), spec.code, Decimal(n)) for n, spec in enumerate(months, 1)])
    incremental_equals_full()


@pytest.mark.django_db
def test_writes_of_each_kind_store_what_a_full_recompute_would(generated):
    a_districts_quarter_approved()
    a_draft_in_the_force_area_and_a_part_of_a_total_earlier()
    a_change_to_a_targets_baseline()
    months_that_add_up_to_a_quarter()


@pytest.mark.django_db
def test_a_cleared_figure_leaves_nothing_behind(seed):
    indicator = Indicator.objects.filter(unit="count").first()
    fy = periods.parse(latest_quarter()).financial_year + 1
    code = periods.quarter(fy, 1).code
    write([(indicator, district(), code, Decimal("3"))], status=DRAFT)
    comparisons_recompute(full=False)
    assert Comparison.all_bases.filter(period__code=code, indicator=indicator).exists()
    figure = Figure.objects.get(indicator=indicator, area=district(), period__code=code)
    figure_clear(figure=figure, user=None, reason="entered in error")
    incremental_equals_full()
    assert not Comparison.all_bases.filter(
        period__code=code, indicator=indicator, area=district()
    ).exists()


@pytest.mark.django_db
def test_scatters_of_random_writes(generated):
    for seed_number in (1, 2, 3):
        a_scatter_of_random_writes(random.Random(seed_number))


def a_scatter_of_random_writes(rng):
    figures = list(Figure.objects.select_related("indicator", "area", "period"))
    chosen = rng.sample(figures, 12)
    write(
        [
            (f.indicator, f.area, f.period.code, Decimal(rng.choice([0, 1, 3, 7, 250])))
            for f in chosen[:6]
        ]
    )
    write(
        [(f.indicator, f.area, f.period.code, rng.choice([None, Decimal(2)])) for f in chosen[6:]],
        status=DRAFT,
    )
    incremental_equals_full()


@pytest.mark.django_db
def test_nothing_changed_is_nothing_to_do(seed):
    before = stored()
    job = comparisons_recompute_start()
    assert comparisons_recompute(job_id=job.pk, full=False) == 0
    job.refresh_from_db()
    assert job.message == "Nothing changed since the last recompute"
    assert stored() == before


@pytest.mark.django_db
def test_a_change_recorded_while_a_recompute_runs_is_left_for_the_next(seed):
    indicator = Indicator.objects.filter(unit="count").first()
    write([(indicator, district(), latest_quarter(), Decimal("11"))])
    scope = recompute_scope_changed()  # the running recompute read its changes …
    write([(indicator, district("E06000002"), latest_quarter(), Decimal("12"))])  # … then this
    _recompute(None, scope)
    left = list(FigureChange.objects.values_list("area__code", flat=True))
    assert left == ["E06000002"]
    incremental_equals_full()


@pytest.mark.django_db
def test_figure_writes_queue_a_changed_only_recompute_and_a_target_a_full_one(seed):
    job = comparisons_recompute_start()
    assert job.kind == RECOMPUTE_JOB_KIND and job.task_args == [False]
    job = comparisons_recompute_start(full=True)
    assert job.task_args == [True]
    assert Job.objects.filter(kind=RECOMPUTE_JOB_KIND).count() >= 2


@pytest.mark.django_db
def test_a_full_recompute_in_parts_stores_what_one_in_one_piece_would(generated, monkeypatch):
    from indicators.services import comparisons

    one_piece = stored()
    monkeypatch.setattr(comparisons, "AREAS_PER_PART", 1)  # each force a part of its own
    assert len(recompute_scope_full().in_parts(1)) == 2
    comparisons_recompute(full=True)
    in_parts = stored()
    assert in_parts[0] == one_piece[0]
    assert in_parts[1] == one_piece[1]


@pytest.mark.django_db
def test_the_django_admin_shows_figures_but_cannot_change_them(seed, client, role_user):
    from shp.roles import Role

    figure = Figure.objects.filter(value__isnull=False).first()
    client.force_login(role_user(Role.ADMINISTRATOR))
    url = f"/admin/indicators/figure/{figure.pk}/change/"
    assert client.get(url).status_code == 200  # read
    data = {"indicator": figure.indicator_id, "area": figure.area_id, "period": figure.period_id,
            "value": "987654", "status": "approved"}  # fmt: skip
    assert client.post(url, data).status_code == 403
    assert (
        client.post(f"/admin/indicators/figure/{figure.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert client.get("/admin/indicators/figure/add/").status_code == 403
    figure.refresh_from_db()
    assert figure.value != 987654
    assert not FigureChange.objects.exists()  # nothing for a recompute to miss
