"""Writing many rows at once with PostgreSQL's COPY, which takes a million rows in seconds
where Django's multi-row INSERTs take minutes: new rows (``rows_create``), and their history
rows (django-simple-history) as that library's own ``bulk_history_create`` writes them — the
same historical model, fields, date, user, reason and type. Other databases (SQLite in
development) use Django's and the library's own bulk writes."""

from django.db import connection
from django.utils import timezone

CREATED, CHANGED = "+", "~"
# Values of these fields go to COPY as they are (psycopg adapts them); others are prepared.
PLAIN = frozenset(
    {
        "AutoField", "BigAutoField", "IntegerField", "BigIntegerField", "PositiveIntegerField",
        "PositiveSmallIntegerField", "PositiveBigIntegerField", "SmallIntegerField",
        "CharField", "TextField", "SlugField", "DecimalField", "FloatField", "BooleanField",
        "DateField", "DateTimeField", "ForeignKey",
    }
)  # fmt: skip


def copy_value(field, obj):
    """The value of ``field`` on ``obj`` as COPY takes it."""
    value = getattr(obj, field.attname)
    if field.get_internal_type() in PLAIN:
        return value
    return field.get_db_prep_value(value, connection)


def history_write(model, objects: list, *, history_type: str, user=None, reason: str = ""):
    """Record one history row per object of ``model`` (saved, with its primary key)."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.history.bulk_history_create(
            objects,
            batch_size=2000,
            update=history_type == CHANGED,
            default_user=user,
            default_change_reason=reason,
        )
        return
    historical = model.history.model
    tracked = [field.attname for field in model.history.model.tracked_fields]
    when = timezone.now()
    user_id = user.pk if user is not None else None
    extra = {
        "history_date": when,
        "history_change_reason": reason,
        "history_type": history_type,
        "history_user_id": user_id,
    }
    fields = {f.attname: f for f in historical._meta.concrete_fields if f.attname != "history_id"}
    names = [name for name in fields if name in tracked or name in extra]
    columns = ", ".join(fields[name].column for name in names)
    table = historical._meta.db_table
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        plain = [name for name in names if name not in extra]
        for obj in objects:
            row = dict(extra)
            row.update((name, copy_value(fields[name], obj)) for name in plain)
            copy.write_row([row[name] for name in names])


HISTORY_EXTRA = ("history_date", "history_change_reason", "history_type", "history_user_id")


def history_insert_sql(model, *, source: str, expressions: dict[str, str] | None = None) -> str:
    """The start of an ``INSERT ... SELECT`` of one history row of ``model`` per row of
    ``source`` (an alias of rows with the model's columns), as ``history_write`` records them:
    the caller adds ``FROM ... source`` and the named parameters of HISTORY_EXTRA, or gives
    SQL ``expressions`` for some of them."""
    historical = model.history.model
    tracked = {field.attname: field.column for field in historical.tracked_fields}
    expressions = expressions or {}
    columns, values = [], []
    for field in historical._meta.concrete_fields:
        if field.attname in HISTORY_EXTRA:
            columns.append(field.column)
            cast = field.cast_db_type(connection)
            values.append(expressions.get(field.attname, f"%({field.attname})s::{cast}"))
        elif field.attname in tracked and field.attname != "history_id":
            columns.append(field.column)
            values.append(f"{source}.{tracked[field.attname]}")
    table = historical._meta.db_table
    return f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)}"


def rows_create(model, objects: list, *, batch_size: int = 2000) -> None:
    """Insert new ``objects`` of ``model`` (an auto-increment primary key, timestamps set here
    when unset), giving each its primary key as ``bulk_create`` does."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=batch_size)
        return
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objects:
                if getattr(obj, field.attname) is None:
                    setattr(obj, field.attname, now)
    table, key = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, key, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
            obj._state.adding, obj._state.db = False, connection.alias
        columns = ", ".join([key, *(f.column for f in fields)])
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([obj.pk, *(copy_value(f, obj) for f in fields)])


def frame_copy(table: str, columns: dict[str, str], frame, chunk: int = 100_000) -> None:
    """COPY the pandas ``frame``'s ``columns`` (name: PostgreSQL type, of bigint, boolean,
    double precision and text) into ``table`` in PostgreSQL's binary format: four times as fast
    as writing CSV text with pandas. A missing value is NULL, but empty in a text column (as
    CSV COPY with FORCE_NOT_NULL reads it); an integer column must hold whole numbers. Rows
    are turned into Python values a chunk at a time, so memory stays that of the frame."""
    names, types = list(columns), list(columns.values())
    with connection.cursor() as cursor:
        sql = f"COPY {table} ({', '.join(names)}) FROM STDIN WITH (FORMAT binary)"
        with cursor.cursor.copy(sql) as copy:
            copy.set_types(types)
            for start in range(0, len(frame), chunk):
                part = frame.iloc[start : start + chunk]
                values = [_python_values(part[n], kind) for n, kind in columns.items()]
                for row in zip(*values, strict=True):
                    copy.write_row(row)


def _python_values(column, kind: str) -> list:
    if kind == "text":
        return column.fillna("").astype(str).tolist()
    typed = column.astype({"bigint": "Int64", "boolean": "boolean"}.get(kind, "Float64"))
    return typed.astype(object).where(typed.notna(), None).tolist()


class StagingTable:
    """Rows held until they replace stored ones all at once. On PostgreSQL they wait in a
    temporary table (``name``, ``columns`` as SQL), created on entry and dropped on exit, also
    after an error; other databases (SQLite in development) keep them in ``held``. Subclasses
    add the rows and write them out."""

    def __init__(self, name: str, columns: str):
        self.name, self.columns = name, columns
        self.held: list = []
        self.on_postgresql = False

    def __enter__(self):
        self.held = []
        self.on_postgresql = connection.vendor == "postgresql"
        if self.on_postgresql:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{self.name}")
                cursor.execute(f"CREATE TEMPORARY TABLE {self.name} ({self.columns})")
        return self

    def __exit__(self, exc_type, *exc):
        self.held = []
        if not self.on_postgresql:
            return
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{self.name}")
        except Exception:
            if exc_type is None:
                raise
            # The error under way broke the transaction; its rollback drops the table.
