"""Replacing every row of a large PostgreSQL table at once, without making readers wait.

Inserting millions of rows into a table keeps each of its indexes up to date row by row, which
takes minutes; building an index over rows already written takes seconds. ``table_rebuild``
fills a fresh copy of the table (its columns, defaults, identity and checks), then builds the
copy's indexes and constraints from the live table's own definitions, and only then swaps it
in under the live table's name, with the live table's index, constraint and sequence names and
grants. Everything happens in the caller's transaction: readers keep reading the old rows until
it commits (the swap's lock is held from the swap to the commit, so swap last), and an error
anywhere leaves the old table as it was. Ids carry on from the old table's sequence.

Only for tables that nothing references (no foreign key, no view), that carry no triggers and
whose ids come from an identity column, not a serial default (a derived table such as the
comparisons): anything else would need more than a swap, and is refused before any work.
"""

import logging
import re
import time

from django.db import connection

logger = logging.getLogger(__name__)

# The sort memory PostgreSQL may use while building each index (this transaction only).
INDEX_BUILD_MEMORY = "256MB"
INDEX_DEFINITION = re.compile(r"^(CREATE (?:UNIQUE )?INDEX )(\S+)( ON (?:ONLY )?)(\S+)( USING .*)$")


class TableRebuildRefused(Exception):
    """The table has what a swap would lose or break: references to it (foreign keys,
    views), triggers, or a serial default tied to its sequence."""


def table_rebuild(model, columns: list[str], select_sql: str, params=()) -> int:
    """Replace every row of ``model``'s table with the rows ``select_sql`` returns (as many
    columns, in the order of ``columns``); call inside a transaction. Returns the rows
    written."""
    table = model._meta.db_table
    fresh = f"{table[:50]}__fresh"
    with connection.cursor() as cursor:
        _refuse_what_a_swap_loses(cursor, table)
        indexes, constraints = _definitions(cursor, table)
        cursor.execute(
            f'CREATE TABLE "{fresh}" (LIKE "{table}" INCLUDING DEFAULTS INCLUDING IDENTITY '
            "INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING STORAGE)"
        )
        sequences = _sequences_carried_on(cursor, table, fresh)
        started = time.perf_counter()
        names = ", ".join(f'"{name}"' for name in columns)
        cursor.execute(f'INSERT INTO "{fresh}" ({names}) {select_sql}', params)
        written = cursor.rowcount
        filled = time.perf_counter()
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
        renames = []
        for number, (name, definition) in enumerate(constraints):
            temporary = f"{fresh[:50]}_c{number}"
            cursor.execute(f'ALTER TABLE "{fresh}" ADD CONSTRAINT "{temporary}" {definition}')
            renames.append(f'ALTER TABLE "{table}" RENAME CONSTRAINT "{temporary}" TO "{name}"')
        for number, (name, definition) in enumerate(indexes):
            temporary = f"{fresh[:50]}_i{number}"
            cursor.execute(_definition_for(definition, temporary, fresh))
            renames.append(f'ALTER INDEX "{temporary}" RENAME TO "{name}"')
        grants = _grants(cursor, table)
        cursor.execute(f'ANALYZE "{fresh}"')
        indexed = time.perf_counter()
        # The swap: from here to the commit, readers of the table wait.
        cursor.execute(f'DROP TABLE "{table}"')
        cursor.execute(f'ALTER TABLE "{fresh}" RENAME TO "{table}"')
        for statement in renames:
            cursor.execute(statement)
        for old_name, new_name in sequences:
            cursor.execute(f"ALTER SEQUENCE {new_name} RENAME TO {old_name.split('.')[-1]}")
        for grantee, privilege in grants:
            role = "PUBLIC" if grantee == "PUBLIC" else f'"{grantee}"'
            cursor.execute(f'GRANT {privilege} ON "{table}" TO {role}')
    logger.info(
        "%s rebuilt: %s rows written in %.1f s, indexed in %.1f s, swapped in %.1f s",
        table, written, filled - started, indexed - filled, time.perf_counter() - indexed,
    )  # fmt: skip
    return written


def _refuse_what_a_swap_loses(cursor, table: str) -> None:
    cursor.execute(
        "SELECT conname FROM pg_constraint WHERE confrelid = %s::regclass AND contype = 'f'",
        [table],
    )
    if references := [row[0] for row in cursor.fetchall()]:
        raise TableRebuildRefused(f"{table} is referenced by {', '.join(references)}")
    cursor.execute(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
        [table],
    )
    if triggers := [row[0] for row in cursor.fetchall()]:
        raise TableRebuildRefused(f"{table} has triggers: {', '.join(triggers)}")
    cursor.execute(
        """
        SELECT DISTINCT v.relname FROM pg_depend d
        JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class
        WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = %s::regclass
          AND v.oid <> %s::regclass
        """,
        [table, table],
    )
    if views := [row[0] for row in cursor.fetchall()]:
        raise TableRebuildRefused(f"{table} is read by views: {', '.join(views)}")
    cursor.execute(
        """
        SELECT a.attname FROM pg_attrdef d
        JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
        WHERE d.adrelid = %s::regclass AND pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%%'
        """,
        [table],
    )
    if serial := [row[0] for row in cursor.fetchall()]:
        raise TableRebuildRefused(f"{table} takes serial defaults: {', '.join(serial)}")


def _definitions(cursor, table: str) -> tuple[list, list]:
    """The table's own indexes and its constraints other than checks (which LIKE copies), as
    (name, definition); indexes that back a constraint come with the constraint."""
    cursor.execute(
        """
        SELECT conname, pg_get_constraintdef(oid), conindid FROM pg_constraint
        WHERE conrelid = %s::regclass AND contype <> 'c' ORDER BY contype, conname
        """,
        [table],
    )
    constraint_rows = cursor.fetchall()
    backing = {index for _, _, index in constraint_rows if index}
    cursor.execute(
        """
        SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = %s::regclass AND NOT (i.indexrelid = ANY(%s)) ORDER BY c.relname
        """,
        [table, list(backing)],
    )
    indexes = cursor.fetchall()
    return indexes, [(name, definition) for name, definition, _ in constraint_rows]


def _definition_for(definition: str, name: str, table: str) -> str:
    match = INDEX_DEFINITION.match(definition)
    if not match:
        raise TableRebuildRefused(f"An index this swap cannot rebuild: {definition}")
    return f'{match[1]}"{name}"{match[3]}"{table}"{match[5]}'


def _sequences_carried_on(cursor, table: str, fresh: str) -> list[tuple[str, str]]:
    """The fresh table's identity sequences, set to carry on from the old table's (so no id
    is given twice); returns (old name, fresh name) pairs for the swap to rename."""
    cursor.execute(
        """
        SELECT a.attname, pg_get_serial_sequence(%s, a.attname),
               pg_get_serial_sequence(%s, a.attname)
        FROM pg_attribute a WHERE a.attrelid = %s::regclass AND a.attidentity <> ''
        """,
        [table, fresh, table],
    )
    pairs = []
    for _, old, new in cursor.fetchall():
        cursor.execute(f"SELECT last_value, is_called FROM {old}")
        last_value, is_called = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s, %s)", [new, last_value, is_called])
        pairs.append((old, new))
    return pairs


def _grants(cursor, table: str) -> list[tuple[str, str]]:
    """Privileges other roles hold on the table (its owner's own come with ownership)."""
    cursor.execute(
        """
        SELECT grantee, privilege_type FROM information_schema.role_table_grants
        WHERE table_schema = current_schema() AND table_name = %s
          AND grantee <> (SELECT tableowner FROM pg_tables
                          WHERE schemaname = current_schema() AND tablename = %s)
        """,
        [table, table],
    )
    return cursor.fetchall()
