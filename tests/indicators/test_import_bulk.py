"""The import's bulk checks and writes on PostgreSQL against its row-by-row ones: the same files
give the same figures, history, recorded changes, counts, listed changes, warnings and
problem messages, whichever way they went."""

import io
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators import import_checks
from indicators.models import Figure, FigureChange, Indicator
from indicators.services import import_bulk
from indicators.services.imports import ImportFailed, figures_import
from shp.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

HEADER = "area,indicator,period,value,note\n"
FIRST = (
    HEADER
    + "Hartlepool,TRC,2015/16 Q1,2000,\n"
    + "Hartlepool,ASB,2015/16 Q1,n/a,system outage\n"
    + "Middlesbrough,TRC,Q2 2015/16,+31,\n"
    + "middlesbrough,asb,2015-16 Q2,1 234,grouped by a space\n"
    + "Hartlepool,MARAC_REPEAT,2015/16 Q1,45.5%,\n"
    + "Hartlepool,ALCOHOL_ADMISSIONS,2015/16 Q1,.25,\n"
    + "Hartlepool,YOUTH_REOFFEND,2015/16 Q1,0.0001,\n"
    + "Hartlepool,STALK,2015/16 Q1,12,before the indicator's start\n"
    + ",,,,\n"
    + "Redcar & Cleveland,TRC,2015/16 Q3,-0,\n"
)
SECOND = (
    HEADER
    + "Hartlepool,TRC,2015/16 Q1,2000.00,\n"  # unchanged: the same number
    + "Hartlepool,ASB,2015/16 Q1,77,\n"  # not available → a number
    + "Middlesbrough,TRC,Q2 2015/16,not available,\n"  # a number → not available (no note)
    + "middlesbrough,asb,2015-16 Q2,1 234,a new note\n"  # the note alone changes
    + "Stockton-on-Tees,TRC,2015/16 Q4,5,\n"  # new
)


def snapshot() -> dict:
    """What the figures tables hold, without ids and times (sorted by their text)."""
    figures = sorted(
        ((*row[:-1], row[-1] is not None) for row in Figure.objects.values_list(
            "indicator__code", "area__code", "period__code", "value", "not_available_reason",
            "note", "status", "approved_value", "approved_not_available_reason", "version",
            "updated_by__username", "approved_at",
        )),
        key=repr,
    )  # fmt: skip
    history = sorted(
        Figure.history.values_list(
            "indicator__code", "area__code", "period__code", "value", "not_available_reason",
            "note", "status", "approved_value", "version", "history_type",
            "history_change_reason", "history_user__username",
        ),
        key=repr,
    )  # fmt: skip
    changes = sorted(
        (c.area.code, c.period.code, sorted(Indicator.objects.filter(pk__in=c.indicator_ids)
                                            .values_list("code", flat=True)))
        for c in FigureChange.objects.select_related("area", "period")
    )  # fmt: skip
    return {"figures": figures, "history": history, "changes": changes}


def outcome(result) -> tuple:
    listed = [
        (c.row, c.indicator.code, c.area.code, c.period_code, c.value, c.not_available_reason,
         c.note, c.action, c.old_value, c.old_not_available_reason)
        for c in result.changes
    ]  # fmt: skip
    return (
        {a: n for a, n in result.counts.items() if n},
        listed,
        [str(w) for w in result.warnings],
        result.revisions,
        len(result.written),
    )


def run(steps, *, bulk: bool, monkeypatch, row_problem=None) -> list:
    """Import each (content, status, user) in turn, one way; what each gave, and the tables
    after each; all rolled back afterwards."""
    monkeypatch.setattr(import_bulk, "bulk_available", lambda: bulk)
    seen = []
    with transaction.atomic():
        for content, status, user in steps:
            try:
                result = figures_import(
                    content=content.encode(), filename="f.csv", status=status, user=user,
                    recompute=False, row_problem=row_problem,
                )  # fmt: skip
            except ImportFailed as failure:
                seen.append(("refused", [str(p) for p in failure.problems]))
            else:
                seen.append(("imported", outcome(result)))
            seen.append(snapshot())
        transaction.set_rollback(True)
    monkeypatch.undo()
    return seen


def both_ways(steps, monkeypatch, row_problem=None) -> list:
    in_bulk = run(steps, bulk=True, monkeypatch=monkeypatch, row_problem=row_problem)
    row_by_row = run(steps, bulk=False, monkeypatch=monkeypatch, row_problem=row_problem)
    assert in_bulk == row_by_row
    return in_bulk


def test_bulk_and_row_by_row_write_the_same_figures_history_and_changes(
    catalogue, role_user, monkeypatch
):
    lead = role_user(Role.PERFORMANCE_LEAD)
    steps = [
        (FIRST, Figure.Status.APPROVED, lead),
        (SECOND, Figure.Status.SUBMITTED, lead),  # revisions of approved figures
        (SECOND.replace(",77,", ",78,"), Figure.Status.APPROVED, None),
        (SECOND, Figure.Status.DRAFT, lead),
    ]
    seen = both_ways(steps, monkeypatch)
    first = seen[0][1]
    assert first[0] == {"create": 9}
    assert len(first[2]) == 1 and first[2][0].startswith("row 9, column period: 2015/16 Q1 is ")
    assert seen[2][1][0] == {"update": 3, "unchanged": 1, "create": 1}
    assert seen[2][1][3] == 2  # two approved values revised, awaiting approval (a note is not)
    assert seen[4][1][0] == {"update": 1, "unchanged": 4}
    assert seen[6][1][0] == {"update": 1, "unchanged": 4}
    figures = {(f[0], f[1]): f for f in seen[7]["figures"]}
    assert figures[("TRC", "E06000001")][3] == Decimal("2000")


@pytest.mark.parametrize(
    "content",
    [
        HEADER + "Hartlepool,TRC,2015/16 Q1,-3,\n",  # a count below 0
        HEADER + "Hartlepool,TRC,2015/16 Q1,3.5,\n",  # not whole
        HEADER + "Hartlepool,MARAC_REPEAT,2015/16 Q1,101,\n",
        HEADER + "Hartlepool,TRC,2015/16 Q1,5%,\n",  # % of a count
        HEADER + "Hartlepool,YOUTH_REOFFEND,2015/16 Q1,-0.5,\n",
        HEADER + "Hartlepool,TRC,2015/16 Q1,99999999999999.5,\n",
        HEADER + "Hartlepool,TRC,2015/16 Q1,1.00001,\n",
        HEADER + "Hartlepool,TRC,2015/16 Q1,,\n",
        HEADER + "Hartlepol,TRC,2015/16 Q1,1,\n",
        HEADER + "Hartlepool,TRC,2015/17 Q1,1,\n",
        HEADER + "Hartlepool,TRC,2015/16 Q1,1,\nhartlepool,trc,Q1 2015-16,2,\n",
        HEADER + "Hartlepool,TRC,2015/16 Q1,1, padded note\n",
        HEADER + "Hartlepool,TRC,2015/16 Q1,1," + "x" * 2001 + "\n",
        HEADER + "Hartlepool,TRC,2015/16 Q1,1\n",  # a short row: COPY refuses it
        HEADER + "Hartlepool,TRC,2015/16 Q1,1,,extra\n",
        HEADER + "Hartlepool,TRC,2015/16 Q1,1,\n\nHartlepool,ASB,2015/16 Q1,2,\n",
        HEADER + "Hartlepool,TRC,2015/16 Q1,1,\r\nHartlepool,ASB,2015/16 Q1,2,\n",
        HEADER + "Hartlepool,TRC,2015/16 Q1,1,\n\\.\nHartlepool,ASB,2015/16 Q1,2,\n",
        HEADER + " , , , , \n",
        HEADER,
        "area,indicator,period,value,\nHartlepool,TRC,2015/16 Q1,1,\n",
        "\ufeffarea,indicator,period,value\r\nHartlepool,TRC,2015/16 Q1,7\r\n",
        "value,period,indicator,area\n\u00a0301,2015/16 Q1,TRC,Hartlepool\n",
    ],
)
def test_unusual_and_bad_files_give_the_same_outcome_both_ways(content, catalogue, monkeypatch):
    both_ways([(content, Figure.Status.DRAFT, None)], monkeypatch)


@pytest.mark.parametrize("refused_area", ["Middlesbrough", "Nowhere"])
def test_rows_outside_a_scope_are_refused_the_same_way(refused_area, catalogue, monkeypatch):
    def row_problem(indicator, area, spec):
        return f"{area.name} is not yours" if area.name == refused_area else ""

    seen = both_ways([(FIRST, Figure.Status.DRAFT, None)], monkeypatch, row_problem=row_problem)
    assert seen[0][0] == ("refused" if refused_area == "Middlesbrough" else "imported")


def test_a_locked_figure_is_refused_the_same_way(catalogue, monkeypatch):
    figures_import(content=FIRST.encode(), filename="f.csv", recompute=False)
    Figure.objects.filter(indicator__code="TRC", area__code="E06000001").update(status="locked")
    steps = [(SECOND.replace("2000.00", "2001"), Figure.Status.DRAFT, None)]
    seen = both_ways(steps, monkeypatch)
    assert seen[0][0] == "refused" and "is locked" in seen[0][1][0]


def test_a_plain_file_is_checked_in_bulk_and_a_bad_one_row_by_row(catalogue, monkeypatch):
    calls = []
    real = import_checks.rows_parse

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("indicators.services.imports.rows_parse", counting)
    figures_import(content=FIRST.encode(), filename="f.csv", recompute=False)
    assert calls == []
    with pytest.raises(ImportFailed):
        figures_import(content=(FIRST + "Atlantis,TRC,2015/16,1,\n").encode(), filename="f.csv")
    assert calls == [1]


def test_the_space_the_bulk_checks_look_for_is_what_python_strips():
    every = {chr(code) for code in range(0x110000) if chr(code).isspace()}
    assert set(import_bulk.PYTHON_SPACE) == every


def test_every_column_of_a_new_figure_is_written():
    columns = {f.column for f in Figure._meta.concrete_fields if not f.primary_key}
    assert set(import_bulk.CREATE_COLUMNS) == columns


CELLS = st.one_of(
    st.sampled_from(
        ["Hartlepool", "middlesbrough", "Atlantis", "TRC", "asb", "MARAC_REPEAT", "STALK",
         "2015/16 Q1", "Q2 2015/16", "2015/16", "2016", "2015/16 Q9", "-5", "12.5", "45%", "1 234",
         "0.00001", "n/a", "Not available", "", " ", "\u00a0301", "1_000", "\u0661"]
    ),
    st.text(alphabet=st.characters(blacklist_characters='"\\\x00'), max_size=8),
)  # fmt: skip


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(st.lists(CELLS, min_size=5, max_size=5), min_size=1, max_size=6))
def test_generated_plain_files_give_the_same_outcome_both_ways(catalogue, monkeypatch, rows):
    buffer = io.StringIO()
    buffer.write(HEADER)
    for row in rows:
        buffer.write(",".join(cell.replace(",", ";").replace("\n", " ") for cell in row) + "\n")
    both_ways([(buffer.getvalue(), Figure.Status.DRAFT, None)], monkeypatch)


def test_a_figure_locked_between_the_check_and_the_write_stops_the_whole_write(catalogue):
    from shp.errors import ApplicationError

    figures_import(content=FIRST.encode(), filename="f.csv", recompute=False)
    before = snapshot()
    content = SECOND.encode()
    header = HEADER.strip().split(",")
    with (
        pytest.raises(ApplicationError, match="locked while it was being saved"),
        transaction.atomic(),
        import_bulk.ImportStage() as stage,
    ):
        positions = {name: index for index, name in enumerate(header)}
        assert stage.load_csv(content, header, positions) == []
        plan = stage.plan(listed=10)
        assert plan.counts["update"] == 3 and not plan.locked
        Figure.objects.filter(indicator__code="ASB", area__code="E06000001").update(
            status=Figure.Status.LOCKED
        )  # another session, meanwhile
        stage.write(user=None, status=Figure.Status.DRAFT, reason="test", plan=plan)
    Figure.objects.filter(status=Figure.Status.LOCKED).update(status=Figure.Status.DRAFT)
    assert snapshot() == before
