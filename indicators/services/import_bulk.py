"""Checking and writing a figures file in bulk, on PostgreSQL.

A plain CSV file (no quotes, no backslashes) is COPied as it is into a temporary table; each
distinct name, period and value in it is read once by the same rules as the row-by-row
checks (indicators/import_checks.py), and every row is checked against them in SQL. The bulk
checks only decide whether a file is wholly good: a file with any problem, or one they cannot
be sure of, is checked again row by row, so that every message is the row-by-row one. Rows
checked either way are staged, compared with the saved figures and written in a few statements:
the figures, their history rows (as django-simple-history records them) and the changes the
next recompute works out, all-or-nothing in the caller's transaction.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

import psycopg
from django.db import connection
from django.utils import timezone

from indicators import periods
from indicators.arithmetic import Unit
from indicators.import_checks import (
    MAX_NOTE_LENGTH,
    NOT_AVAILABLE_WORDS,
    Change,
    ParsedRow,
    Problem,
    outside_dates_warning,
    period_read,
)
from indicators.matching import area_index, indicator_index
from indicators.models import Area, Figure, FigureChange, Indicator, Period
from indicators.tabular import XLSX_MAGIC
from indicators.values import MAX_ABS_VALUE, value_parse
from shp.bulk_writes import CHANGED, CREATED, StagingTable, history_insert_sql
from shp.errors import ApplicationError

# A number as most files write it, taken as it is; any other value is read by value_parse.
PLAIN_NUMBER = re.compile(r"[+-]?([0-9]{1,14}(\.[0-9]{1,4})?|\.[0-9]{1,4})")
# What Python's str.strip() removes: a cell with any of it at either end is stripped by the
# row-by-row read, so the bulk checks leave such a note to it.
PYTHON_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
EDGE_SPACE = f"^[{PYTHON_SPACE}]|[{PYTHON_SPACE}]$"
STAGE = (
    "row integer, indicator_id bigint, area_id bigint, period_code text, value numeric(18, 4), "
    "reason text, note text, problem boolean, figure_id bigint, action text, locked boolean, "
    "old_value numeric(18, 4), old_reason text"
)
SOURCE = (
    "row integer, indicator_id bigint, area_id bigint, period_code text, "
    "value numeric(18, 4), reason text, note text"
)
LOOKUP = (
    "kind text, text text, id bigint, code text, value numeric(18, 4), na boolean, "
    "percent boolean, shown text"
)
WORK_MEMORY = "128MB"
SETTLED = (Figure.Status.APPROVED, Figure.Status.LOCKED)
IS_REVISION = (
    "(c.approved_at IS NOT NULL AND (c.value IS DISTINCT FROM c.approved_value"
    " OR c.not_available_reason <> c.approved_not_available_reason)"
    " AND c.status NOT IN ('approved', 'locked'))"
)


def bulk_available() -> bool:
    return connection.vendor == "postgresql"


@dataclass
class Plan:
    counts: dict[str, int]
    locked: list[Problem]
    listed: list[Change] = field(default_factory=list)


class ImportStage(StagingTable):
    """The rows of one import, each beside the saved figure it would write."""

    def __init__(self):
        super().__init__("figure_import_stage", STAGE)

    def __enter__(self):
        super().__enter__()
        with connection.cursor() as cursor:
            # Until the import's transaction ends: its joins of a million rows then hash in
            # memory rather than in batches on disk.
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEMORY}'")
        return self

    # Filling the stage

    def load_csv(self, content: bytes, header: list[str], positions: dict[str, int], *,
                 row_problem=None) -> list[Problem] | None:  # fmt: skip
        """Check a plain CSV file in bulk and stage its rows. Returns the warnings, or None if
        the file must be checked row by row (a problem found, or a file not plain)."""
        if not _is_plain_csv(content) or len(positions) != len(header):
            return None
        width = len(header)
        cells = ", ".join(f"c{index} text" for index in range(width))
        with (
            StagingTable("figure_import_raw", f"n bigint GENERATED ALWAYS AS IDENTITY, {cells}"),
            StagingTable("figure_import_lookup", LOOKUP),
        ):
            if not _copy_raw(content, width):
                return None
            column = {name: f"c{positions[name]}" for name in positions}
            specs = _lookups_fill(column)
            self._fill(_checked_source(column, width), {"edge": EDGE_SPACE})
        if self._any_problem() or (row_problem and self._refused(row_problem, specs)):
            self._empty()
            return None
        return self._warnings(specs)

    def load_parsed(self, parsed: list[ParsedRow]) -> None:
        """Stage rows checked row by row."""
        self._empty()
        with StagingTable("figure_import_parsed", SOURCE) as source, connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {source.name} FROM STDIN") as copy:
                for item in parsed:
                    copy.write_row(
                        (item.row, item.indicator.pk, item.area.pk, item.spec.code,
                         item.value, item.reason, item.note)
                    )  # fmt: skip
            self._fill(f"SELECT *, false AS problem FROM {source.name}", {})

    def _fill(self, source_sql: str, params: dict) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"""INSERT INTO {self.name}
                SELECT src.row, src.indicator_id, src.area_id, src.period_code, src.value,
                    src.reason, src.note, src.problem, f.id,
                    CASE WHEN f.id IS NULL THEN 'create'
                        WHEN f.value IS NOT DISTINCT FROM src.value
                            AND f.not_available_reason = src.reason AND f.note = src.note
                        THEN 'unchanged' ELSE 'update' END,
                    f.status = 'locked', f.value, f.not_available_reason
                FROM ({source_sql}) src
                LEFT JOIN indicators_period p ON p.code = src.period_code
                LEFT JOIN indicators_figure f ON f.indicator_id = src.indicator_id
                    AND f.area_id = src.area_id AND f.period_id = p.id""",
                params,
            )

    def _empty(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {self.name}")

    def _any_problem(self) -> bool:
        """A row with a problem, a figure given twice, or no rows at all."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT NOT EXISTS (SELECT 1 FROM {self.name})
                    OR EXISTS (SELECT 1 FROM {self.name} WHERE problem)
                    OR EXISTS (SELECT 1 FROM {self.name}
                        GROUP BY indicator_id, area_id, period_code HAVING count(*) > 1)"""
            )
            return cursor.fetchone()[0]

    def _refused(self, row_problem, specs: dict[str, periods.PeriodSpec]) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT DISTINCT indicator_id, area_id, period_code FROM {self.name}")
            keys = cursor.fetchall()
        indicators = Indicator.objects.in_bulk({key[0] for key in keys})
        areas = Area.objects.in_bulk({key[1] for key in keys})
        return any(
            row_problem(indicators[indicator_id], areas[area_id], specs[code])
            for indicator_id, area_id, code in keys
        )

    def _warnings(self, specs: dict[str, periods.PeriodSpec]) -> list[Problem]:
        """Figures of periods outside their indicator's dates: accepted, with a warning."""
        limited = {i.pk: i for i in Indicator.objects.exclude(valid_from=None, valid_to=None)}
        if not limited:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT indicator_id, period_code FROM {self.name} "
                "WHERE indicator_id = ANY(%s)",
                [list(limited)],
            )
            outside = [
                (indicator_id, code)
                for indicator_id, code in cursor.fetchall()
                if not limited[indicator_id].is_valid_for(specs[code])
            ]
            if not outside:
                return []
            cursor.execute(
                f"SELECT row, indicator_id, period_code FROM {self.name} "
                "WHERE (indicator_id, period_code) IN "
                "(SELECT * FROM unnest(%s::bigint[], %s::text[])) ORDER BY row",
                [[pair[0] for pair in outside], [pair[1] for pair in outside]],
            )
            return [
                outside_dates_warning(row, limited[indicator_id], specs[code])
                for row, indicator_id, code in cursor.fetchall()
            ]

    # Comparing with the saved figures

    def plan(self, *, listed: int) -> Plan:
        """How many rows would create, update or leave a figure; the locked figures the file
        would change; the first ``listed`` rows that change something."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT action, count(*) FROM {self.name} GROUP BY action")
            counts = dict(cursor.fetchall())
            cursor.execute(
                f"""SELECT s.row, a.name, i.name, s.period_code FROM {self.name} s
                JOIN indicators_area a ON a.id = s.area_id
                JOIN indicators_indicator i ON i.id = s.indicator_id
                WHERE s.locked AND s.action = 'update' ORDER BY s.row"""
            )
            locked = [
                Problem(
                    row,
                    None,
                    f"the {area} figure for {indicator}, {code} is locked; ask the performance "
                    "lead to unlock it first",
                )
                for row, area, indicator, code in cursor.fetchall()
            ]
            cursor.execute(
                f"""SELECT row, indicator_id, area_id, period_code, value, reason, note, action,
                    old_value, coalesce(old_reason, '') FROM {self.name}
                WHERE action <> 'unchanged' ORDER BY row LIMIT %s""",
                [listed],
            )
            rows = cursor.fetchall()
        indicators = Indicator.objects.in_bulk({row[1] for row in rows})
        areas = Area.objects.in_bulk({row[2] for row in rows})
        changes = [
            Change(row, indicators[indicator_id], areas[area_id], *rest)
            for row, indicator_id, area_id, *rest in rows
        ]
        return Plan(counts=counts, locked=locked, listed=changes)

    # Writing

    def write(self, *, user, status: str, reason: str, plan: Plan) -> tuple[int, list]:
        """Create and change the figures the stage plans, with their history rows and the
        changes for the next recompute. Returns (revisions, [(figure id, version)])."""
        self._periods_ensure()
        now = timezone.now()
        params = {
            "now": now,
            "status": status,
            "settled": status in SETTLED,
            "user": user.pk if user is not None else None,
            "history_date": now,
            "history_user_id": user.pk if user is not None else None,
            "history_change_reason": reason,
            "revision_reason": f"{reason}: a revision of the approved figure, awaiting approval",
        }
        with connection.cursor() as cursor:
            cursor.execute(self._create_sql(), {**params, "history_type": CREATED})
            written = [(pk, version) for pk, version in cursor.fetchall()]
            cursor.execute(self._update_sql(), {**params, "history_type": CHANGED})
            changed = cursor.fetchall()
            if len(changed) != plan.counts.get("update", 0):
                raise ApplicationError(
                    "A figure in this file was locked while it was being saved; nothing was "
                    "saved. Check the file again."
                )
            written += [(pk, version) for pk, version, _ in changed]
            cursor.execute(
                f"""INSERT INTO {FigureChange._meta.db_table}
                    (area_id, period_id, indicator_ids, recorded_at)
                SELECT s.area_id, p.id,
                    to_jsonb(array_agg(DISTINCT s.indicator_id ORDER BY s.indicator_id)), %s
                FROM {self.name} s JOIN indicators_period p ON p.code = s.period_code
                WHERE s.action <> 'unchanged' GROUP BY s.area_id, p.id""",
                [now],
            )
        return sum(1 for *_, is_revision in changed if is_revision), written

    def _periods_ensure(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT DISTINCT period_code FROM {self.name} s
                WHERE NOT EXISTS (SELECT 1 FROM indicators_period p WHERE p.code = s.period_code)"""
            )
            codes = [code for (code,) in cursor.fetchall()]
        if codes:
            Period.objects.ensure(periods.parse(code) for code in codes)

    def _create_sql(self) -> str:
        history = history_insert_sql(Figure, source="c")
        return f"""WITH created AS (
            INSERT INTO {Figure._meta.db_table} ({", ".join(CREATE_COLUMNS)})
            SELECT {", ".join(CREATE_COLUMNS.values())}
            FROM {self.name} s JOIN indicators_period p ON p.code = s.period_code
            WHERE s.action = 'create' ORDER BY s.row
            RETURNING *)
        {history} FROM created c RETURNING id, version"""

    def _update_sql(self) -> str:
        history = history_insert_sql(
            Figure,
            source="c",
            expressions={
                "history_change_reason": "CASE WHEN (SELECT every FROM all_revisions) "
                "THEN %(revision_reason)s ELSE %(history_change_reason)s END"
            },
        )
        assignments = ", ".join(f"{column} = {sql}" for column, sql in UPDATE_COLUMNS.items())
        return f"""WITH changed AS (
            UPDATE {Figure._meta.db_table} f SET {assignments}
            FROM {self.name} s
            WHERE s.action = 'update' AND f.id = s.figure_id AND f.status <> 'locked'
            RETURNING f.*),
        all_revisions AS (SELECT coalesce(bool_and({IS_REVISION}), false) AS every
            FROM changed c)
        {history} FROM changed c RETURNING id, version, {IS_REVISION.replace("c.", "")}"""


# Every column of a new figure (tests/indicators/test_import_bulk.py holds this to the model).
CREATE_COLUMNS = {
    "created_at": "%(now)s",
    "updated_at": "%(now)s",
    "indicator_id": "s.indicator_id",
    "area_id": "s.area_id",
    "period_id": "p.id",
    "value": "s.value",
    "not_available_reason": "s.reason",
    "status": "%(status)s",
    "note": "s.note",
    "updated_by_id": "%(user)s::bigint",
    "approved_value": "CASE WHEN %(settled)s THEN s.value END",
    "approved_not_available_reason": "CASE WHEN %(settled)s THEN s.reason ELSE '' END",
    "approved_at": "CASE WHEN %(settled)s THEN %(now)s::timestamptz END",
    "version": "1",
}
# What a write changes on a saved figure (indicators/services/figures.py WRITE_FIELDS).
UPDATE_COLUMNS = {
    "value": "s.value",
    "not_available_reason": "s.reason",
    "note": "s.note",
    "status": "%(status)s",
    "approved_value": "CASE WHEN %(settled)s THEN s.value ELSE f.approved_value END",
    "approved_not_available_reason": "CASE WHEN %(settled)s THEN s.reason "
    "ELSE f.approved_not_available_reason END",
    "approved_at": "CASE WHEN %(settled)s THEN %(now)s ELSE f.approved_at END",
    "version": "f.version + 1",
    "updated_by_id": "%(user)s::bigint",
    "updated_at": "%(now)s",
}


def _is_plain_csv(content: bytes) -> bool:
    """A CSV file PostgreSQL's COPY reads exactly as Python's csv module does: no quotes (which
    the two read differently inside a cell), and no backslash (COPY ends at a line "\\.")."""
    return not content.startswith(XLSX_MAGIC) and b'"' not in content and b"\\" not in content


def _copy_raw(content: bytes, width: int) -> bool:
    """COPY the file into the raw table; False if COPY cannot read it as rows of ``width``
    cells (a short or long row, a blank line, mixed line ends), which the row-by-row read
    reports or takes as it does."""
    from django.db import transaction

    columns = ", ".join(f"c{index}" for index in range(width))
    try:
        with (
            transaction.atomic(),
            connection.cursor() as cursor,
            cursor.cursor.copy(
                f"COPY figure_import_raw ({columns}) FROM STDIN WITH (FORMAT csv, HEADER true, "
                f"FORCE_NOT_NULL ({columns}))"
            ) as copy,
        ):
            view = memoryview(content)
            for start in range(0, len(content), 1 << 20):
                copy.write(view[start : start + (1 << 20)])
    except psycopg.DataError:
        return False
    return True


def _lookups_fill(column: dict[str, str]) -> dict[str, periods.PeriodSpec]:
    """Read each distinct area, indicator, period and value of the file once, by the
    row-by-row rules, into the lookup table. Returns the periods read, by code."""
    with connection.cursor() as cursor:
        distinct = {}
        for name in ("area", "indicator", "period"):
            cursor.execute(f"SELECT DISTINCT {column[name]} FROM figure_import_raw")
            distinct[name] = [text for (text,) in cursor.fetchall()]
        cursor.execute(f"SELECT DISTINCT {column['value']} FROM figure_import_raw")
        distinct["value"] = [text for (text,) in cursor.fetchall()]
    areas = area_index(Area.objects.all())
    indicators = indicator_index(Indicator.objects.all())
    specs: dict[str, periods.PeriodSpec] = {}
    rows = []
    for text in distinct["area"]:
        area = areas.get(text.strip()) if text.strip() else None
        rows.append(("area", text, area.pk if area else None, None, None, None, None, None))
    for text in distinct["indicator"]:
        indicator = indicators.get(text.strip()) if text.strip() else None
        rows.append(("indicator", text, indicator.pk if indicator else None, *[None] * 5))
    for text in distinct["period"]:
        spec = period_read(text.strip())
        if isinstance(spec, periods.PeriodSpec):
            specs[spec.code] = spec
            rows.append(("period", text, None, spec.code, None, None, None, None))
    for text in distinct["value"]:
        rows.append(("value", text, None, None, *_value_read(text)))
    with connection.cursor() as cursor, cursor.cursor.copy(
        "COPY figure_import_lookup FROM STDIN"
    ) as copy:  # fmt: skip
        for row in rows:
            copy.write_row(row)
    return specs


def _value_read(text: str) -> tuple:
    """(value, not available, written with %, text as read) of a value cell; a problem is
    (None, False, False, text)."""
    if PLAIN_NUMBER.fullmatch(text):
        return Decimal(text), False, False, text
    shown = text.strip()
    if not shown:
        return None, False, False, shown
    if shown.lower() in NOT_AVAILABLE_WORDS:
        return None, True, False, shown
    value, problem = value_parse(shown, unit=None)
    if problem:
        return None, False, False, shown
    return value, False, shown.endswith("%"), shown


def _checked_source(column: dict[str, str], width: int) -> str:
    """The rows of the raw table as the stage takes them, each with whether it has a problem
    (NULL counts as one). A row whose every cell is empty is skipped, as the row-by-row read
    skips it."""
    note = column.get("note", "''")
    blank = " AND ".join(f"c{index} = ''" for index in range(width))
    value = "v.value"
    not_available = "(v.na IS TRUE)"
    unit = "i.unit"
    problem = f"""coalesce((
        a.id IS NULL OR i.id IS NULL OR p.code IS NULL
        OR ({value} IS NULL AND NOT {not_available})
        OR char_length(r.note) > {MAX_NOTE_LENGTH} OR (r.note <> '' AND r.note ~ %(edge)s)
        OR ({value} IS NOT NULL AND (
            abs({value}) > {MAX_ABS_VALUE}
            OR (v.percent IS TRUE AND {unit} <> '{Unit.PERCENTAGE}')
            OR ({unit} = '{Unit.COUNT}' AND ({value} < 0 OR {value} <> trunc({value})))
            OR ({unit} = '{Unit.PERCENTAGE}' AND ({value} < 0 OR {value} > 100))
            OR ({unit} IN ('{Unit.RATE}', '{Unit.RATIO}') AND {value} < 0)
        ))), true)"""
    reason = (
        f"CASE WHEN {not_available} THEN left(CASE WHEN r.note <> '' THEN r.note "
        "ELSE v.shown END, 300) ELSE '' END"
    )
    return f"""SELECT r.row, i.id AS indicator_id, a.id AS area_id,
            p.code AS period_code, {value} AS value, {reason} AS reason, r.note AS note,
            {problem} AS problem
        FROM (SELECT n + 1 AS row, {column["area"]} AS area, {column["indicator"]} AS indicator,
                {column["period"]} AS period, {column["value"]} AS value_text, {note} AS note
            FROM figure_import_raw WHERE NOT ({blank})) r
        LEFT JOIN figure_import_lookup a ON a.kind = 'area' AND a.text = r.area
        LEFT JOIN figure_import_lookup il ON il.kind = 'indicator' AND il.text = r.indicator
        LEFT JOIN indicators_indicator i ON i.id = il.id
        LEFT JOIN figure_import_lookup p ON p.kind = 'period' AND p.text = r.period
        LEFT JOIN figure_import_lookup v ON v.kind = 'value' AND v.text = r.value_text"""
