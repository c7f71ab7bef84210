"""A full recompute fills a fresh comparisons table and swaps it in (shp/table_rebuild.py): the
table comes back exactly as its migrations made it, ids carry on, grants stay, an error leaves
the old table, and a table something references is refused."""

import uuid

import pytest
from django.db import connection, transaction

from indicators.models import Comparison
from indicators.services.comparisons import comparisons_recompute
from shp.table_rebuild import TableRebuildRefused, table_rebuild

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
TABLE = Comparison._meta.db_table
COLUMNS = [f.column for f in Comparison._meta.concrete_fields if f.column != "id"]


def shape() -> dict:
    """What migrations made of the table: columns, indexes, constraints and its sequence."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT attname, format_type(atttypid, atttypmod), attnotnull, attidentity
            FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0
              AND NOT attisdropped ORDER BY attnum
            """,
            [TABLE],
        )
        columns = cursor.fetchall()
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [TABLE])
        indexes = sorted(cursor.fetchall())
        cursor.execute(
            """
            SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = %s::regclass
            """,
            [TABLE],
        )
        constraints = sorted(cursor.fetchall())
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [TABLE])
        sequence = cursor.fetchone()[0]
    return {
        "columns": columns,
        "indexes": indexes,
        "constraints": constraints,
        "sequence": sequence,
    }


def rebuild_with(rag_rule: str) -> int:
    """Every row again, each with ``rag_rule`` planted."""
    names = ", ".join(c if c != "rag_rule" else "%s" for c in COLUMNS)
    return table_rebuild(Comparison, COLUMNS, f"SELECT {names} FROM {TABLE}", [rag_rule])


def test_a_full_recompute_swaps_in_a_table_shaped_as_before_with_ids_carrying_on(seed):
    before = shape()
    assert len(before["indexes"]) >= 4 and before["sequence"]
    rows_before = {
        (r.basis, r.indicator_id, r.area_id, r.period_id): r.current_value
        for r in Comparison.all_bases.all()
    }
    top_id = max(Comparison.all_bases.values_list("pk", flat=True))
    comparisons_recompute(full=True)
    assert shape() == before
    assert min(Comparison.all_bases.values_list("pk", flat=True)) > top_id
    rows_after = {
        (r.basis, r.indicator_id, r.area_id, r.period_id): r.current_value
        for r in Comparison.all_bases.all()
    }
    assert rows_after == rows_before
    # The table takes new rows afterwards (its sequence and defaults came with it).
    row = Comparison.all_bases.first()
    row.pk = None
    row.basis = "other"
    row.save()
    assert row.pk > top_id


def test_an_error_after_the_swap_leaves_the_old_table_and_rows(seed):
    before = shape()
    count = Comparison.all_bases.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        assert rebuild_with("PLANTED-RULE-7731") == count
        assert Comparison.all_bases.filter(rag_rule="PLANTED-RULE-7731").count() == count
        raise RuntimeError("the rest of the recompute failed")
    assert not Comparison.all_bases.filter(rag_rule="PLANTED-RULE-7731").exists()
    assert Comparison.all_bases.count() == count
    assert shape() == before


def test_other_roles_keep_their_grants(seed):
    role = f"reader_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}"')  # rolled back with the test's transaction
        cursor.execute(f'GRANT SELECT ON "{TABLE}" TO "{role}"')
        rebuild_with("rebuilt")
        cursor.execute("SELECT has_table_privilege(%s, %s, 'SELECT')", [role, TABLE])
        assert cursor.fetchone()[0] is True
        cursor.execute("SELECT has_table_privilege(%s, %s, 'INSERT')", [role, TABLE])
        assert cursor.fetchone()[0] is False


def test_a_table_something_references_is_refused_and_left_alone(seed):
    before, count = shape(), Comparison.all_bases.count()
    with connection.cursor() as cursor:  # a table made in the test's transaction, rolled back
        cursor.execute(f'CREATE TABLE pointer_to_comparison (c bigint REFERENCES "{TABLE}" (id))')
    with pytest.raises(TableRebuildRefused, match="referenced by"):
        rebuild_with("PLANTED-RULE-7732")
    assert not Comparison.all_bases.filter(rag_rule="PLANTED-RULE-7732").exists()
    assert Comparison.all_bases.count() == count and shape() == before


def test_a_table_a_view_reads_is_refused_and_left_alone(seed):
    before = shape()
    with connection.cursor() as cursor:  # made in the test's transaction, rolled back
        cursor.execute(f'CREATE VIEW comparison_reader AS SELECT id FROM "{TABLE}"')
    with pytest.raises(TableRebuildRefused, match="read by views: comparison_reader"):
        rebuild_with("PLANTED-RULE-7733")
    assert not Comparison.all_bases.filter(rag_rule="PLANTED-RULE-7733").exists()
    assert shape() == before


def test_ids_from_a_serial_default_are_refused(seed):
    with connection.cursor() as cursor:  # as an older schema would have it; rolled back
        cursor.execute(f'ALTER TABLE "{TABLE}" ALTER COLUMN id DROP IDENTITY')
        cursor.execute("CREATE SEQUENCE comparison_serial_id")
        cursor.execute(
            f"ALTER TABLE \"{TABLE}\" ALTER COLUMN id SET DEFAULT nextval('comparison_serial_id')"
        )
    count = Comparison.all_bases.count()
    with pytest.raises(TableRebuildRefused, match="serial defaults: id"):
        rebuild_with("PLANTED-RULE-7734")
    assert not Comparison.all_bases.filter(rag_rule="PLANTED-RULE-7734").exists()
    assert Comparison.all_bases.count() == count
