"""The one write path for figures: the entry grid, the uploads and the command all save here.

Writes are in bulk with their history rows. Every write raises the figure's ``version``, which is
how a save made from a page read earlier is recognised. A changed approved figure is a revision:
its approved value stays what members and the public read until the revision is approved.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from indicators.models import Figure, Period
from indicators.services.figure_changes import figure_changes_record
from shp.bulk_writes import CHANGED, CREATED, copy_value, history_write, rows_create
from shp.errors import ApplicationError

SETTLED = frozenset({Figure.Status.APPROVED, Figure.Status.LOCKED})
STATUS_FIELDS = [
    "status",
    "approved_value",
    "approved_not_available_reason",
    "approved_at",
    "version",
    "updated_by",
    "updated_at",
]
WRITE_FIELDS = ["value", "not_available_reason", "note", *STATUS_FIELDS]
MAX_CLEAR_REASON = 500


@dataclass(frozen=True)
class FigureWrite:
    """One figure to save: a value, or "not available" with the reason."""

    indicator_id: int
    area_id: int
    period: Period
    value: Decimal | None
    not_available_reason: str = ""
    note: str | None = None  # None keeps the note already saved


@dataclass
class WriteOutcome:
    created: list[Figure] = field(default_factory=list)
    changed: list[Figure] = field(default_factory=list)

    @property
    def revisions(self) -> list[Figure]:
        """Changed figures that keep an approved value different from their new one."""
        return [f for f in self.changed if f.is_revision and f.status not in SETTLED]

    @property
    def count(self) -> int:
        return len(self.created) + len(self.changed)


def _key(indicator_id, area_id, period_id) -> tuple:
    return (indicator_id, area_id, period_id)


def figures_existing(writes: Iterable[FigureWrite]) -> dict[tuple, Figure]:
    """The saved figures the writes would touch, keyed (indicator, area, period id)."""
    writes = list(writes)
    if not writes:
        return {}
    figures = Figure.objects.filter(
        indicator_id__in={w.indicator_id for w in writes},
        area_id__in={w.area_id for w in writes},
        period_id__in={w.period.pk for w in writes},
    )
    return {_key(f.indicator_id, f.area_id, f.period_id): f for f in figures}


def figures_write(
    *,
    writes: list[FigureWrite],
    user,
    status: str,
    reason: str,
    existing: dict[tuple, Figure] | None = None,
) -> WriteOutcome:
    """Create or change the figures in bulk, with history; unchanged ones are left alone.

    ``status`` approved (or locked) makes the new values the approved ones (the seed's published
    figures); any other status leaves an approved figure's approved value in place: a revision.
    A locked figure is never changed. Call inside a transaction."""
    if existing is None:
        existing = figures_existing(writes)
    now = timezone.now()
    outcome = WriteOutcome()
    for write in writes:
        figure = existing.get(_key(write.indicator_id, write.area_id, write.period.pk))
        note = write.note
        if figure is None:
            figure = Figure(
                indicator_id=write.indicator_id,
                area_id=write.area_id,
                period=write.period,
                value=write.value,
                not_available_reason=write.not_available_reason,
                note=note or "",
                status=status,
                version=1,
                updated_by=user,
            )
            if status in SETTLED:
                figure.approve(when=now)
            outcome.created.append(figure)
            continue
        same = (
            figure.value == write.value
            and figure.not_available_reason == write.not_available_reason
            and (note is None or figure.note == note)
        )
        if same:
            continue
        if figure.status == Figure.Status.LOCKED:
            raise ApplicationError(
                f"The figure for {figure.period.code} is locked; ask the performance lead to "
                "unlock it first."
            )
        figure.value = write.value
        figure.not_available_reason = write.not_available_reason
        if note is not None:
            figure.note = note
        figure.status = status
        if status in SETTLED:
            figure.approve(when=now)
        figure.version += 1
        figure.updated_by = user
        figure.updated_at = now
        outcome.changed.append(figure)
    if outcome.created:
        rows_create(Figure, outcome.created)
        history_write(Figure, outcome.created, history_type=CREATED, user=user, reason=reason)
    if outcome.changed:
        _update_in_bulk(outcome.changed, WRITE_FIELDS)
        history_write(
            Figure, outcome.changed, history_type=CHANGED, user=user,
            reason=_reason_for_revisions(reason, outcome),
        )  # fmt: skip
    _record_changes(outcome.created + outcome.changed)
    return outcome


def _record_changes(figures: list[Figure]) -> None:
    """What the next recompute has to work out again (indicators/recompute_scope.py)."""
    figure_changes_record((f.indicator_id, f.area_id, f.period_id) for f in figures)


def _update_in_bulk(figures: list[Figure], fields: list[str]) -> None:
    """Save ``fields`` of many figures. Django's bulk_update writes a CASE per field and row,
    which PostgreSQL takes ever longer over as batches grow (17,500 revisions took two
    minutes); there the new values are COPied into a temporary table and set in one UPDATE."""
    if connection.vendor != "postgresql":
        Figure.objects.bulk_update(figures, fields, batch_size=500)
        return
    columns = [Figure._meta.get_field(name) for name in fields]
    stage, table = "figure_update_stage", Figure._meta.db_table
    declared = ", ".join(f"{c.column} {c.db_type(connection)}" for c in columns)
    names = ", ".join(c.column for c in columns)
    with connection.cursor() as cursor:
        # Dropped explicitly too: inside an outer transaction ON COMMIT is not reached.
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{stage}")
        cursor.execute(f"CREATE TEMPORARY TABLE {stage} (id bigint, {declared}) ON COMMIT DROP")
        with cursor.cursor.copy(f"COPY {stage} (id, {names}) FROM STDIN") as copy:
            for figure in figures:
                copy.write_row([figure.pk] + [copy_value(c, figure) for c in columns])
        assignments = ", ".join(f"{c.column} = s.{c.column}" for c in columns)
        cursor.execute(f"UPDATE {table} t SET {assignments} FROM {stage} s WHERE t.id = s.id")
        cursor.execute(f"DROP TABLE {stage}")


def _reason_for_revisions(reason: str, outcome: WriteOutcome) -> str:
    if outcome.revisions and len(outcome.revisions) == len(outcome.changed):
        return f"{reason}: a revision of the approved figure, awaiting approval"
    return reason


def figures_set_status(*, figures: list[Figure], user, status: str, reason: str) -> None:
    """Move figures to ``status`` in bulk (sign-off); approving makes their values approved."""
    if not figures:
        return
    now = timezone.now()
    for figure in figures:
        figure.status = status
        if status == Figure.Status.APPROVED:
            figure.approve(when=now)
        figure.version += 1
        figure.updated_by = user
        figure.updated_at = now
    bulk_update_with_history(
        figures,
        Figure,
        STATUS_FIELDS,
        batch_size=2000,
        default_user=user,
        default_change_reason=reason,
    )
    _record_changes(figures)


@transaction.atomic
def figure_clear(*, figure: Figure, user, reason: str) -> None:
    """Remove a figure that was never approved, with the reason kept in its history.

    An approved figure cannot be cleared: mark it not available instead, which is a revision
    that the performance lead approves like any other."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("Give the reason for clearing this figure.")
    if len(reason) > MAX_CLEAR_REASON:
        raise ApplicationError(f"The reason must be {MAX_CLEAR_REASON} characters or fewer.")
    figure = Figure.objects.select_for_update().get(pk=figure.pk)
    if figure.is_approved:
        raise ApplicationError(
            "This figure has been approved, so it cannot be cleared. Enter it as not available "
            "with the reason instead: that is a revision for the performance lead to approve."
        )
    if figure.status != Figure.Status.DRAFT:
        raise ApplicationError(
            f"This figure is {figure.get_status_display().lower()}; only a draft can be cleared."
        )
    figure._change_reason = f"Cleared: {reason}"
    figure._history_user = user
    _record_changes([figure])
    figure.delete()
    from indicators.services.comparisons import comparisons_recompute_start

    comparisons_recompute_start(user=user)
