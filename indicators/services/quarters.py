"""Sign-off of an organisation's quarter: draft → submitted → approved → locked, and back.

Every step moves the return and all its figures together, and is recorded in their history with
who did it and why.
"""

from django.db import transaction
from django.utils import timezone

from indicators.entry import EntryScope, figures_by_box
from indicators.models import Basis, Commentary, Comparison, QuarterReturn
from indicators.services.entry import quarter_return_get, quarter_warnings_sync, user_may_enter
from indicators.services.figures import figures_set_status
from indicators.targets import Rag
from shp.errors import ApplicationError
from shp.permissions import user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES

MAX_REASON = 500
Status = QuarterReturn.Status


def _require_reviewer(user) -> None:
    if not user_roles(user) & PERFORMANCE_LEAD_ROLES:
        raise ApplicationError("Only the performance lead can approve, lock or unlock a quarter.")


def _clean_reason(reason: str, action: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(f"Give the reason to {action}.")
    if len(reason) > MAX_REASON:
        raise ApplicationError(f"The reason must be {MAX_REASON} characters or fewer.")
    return reason


def _move(*, user, scope: EntryScope, expected: str, to: str, reason: str) -> QuarterReturn:
    record = quarter_return_get(organisation=scope.organisation, quarter=scope.quarter, lock=True)
    if record.status != expected:
        raise ApplicationError(
            f"{scope.organisation.name}'s {scope.quarter.code} figures are "
            f"{record.get_status_display().lower()}, so this cannot be done now."
        )
    now = timezone.now()
    record.status = to
    if to == Status.SUBMITTED:
        record.submitted_at, record.submitted_by = now, user
    elif to == Status.APPROVED:
        record.approved_at, record.approved_by = now, user
    elif to == Status.LOCKED:
        record.locked_at = now
    record._change_reason = reason
    record._history_user = user
    record.save()
    specs = {spec for _, spec, _ in scope.boxes()}
    figures = list(figures_by_box(scope, specs, for_update=True).values())
    figures_set_status(figures=figures, user=user, status=to, reason=reason)
    if figures and (to == Status.APPROVED or expected == Status.LOCKED):
        # Approving changes what members read; unlocking makes the figures provisional again.
        from indicators.services.comparisons import comparisons_recompute_start

        comparisons_recompute_start(user=user)
    return record


@transaction.atomic
def quarter_submit(*, user, scope: EntryScope) -> QuarterReturn:
    """The officer sends the quarter for approval; every warning must have a comment."""
    if not user_may_enter(user, scope.organisation):
        raise ApplicationError(f"You cannot submit figures for {scope.organisation.name}.")
    record = quarter_return_get(organisation=scope.organisation, quarter=scope.quarter, lock=True)
    if record.status == Status.DRAFT:
        quarter_warnings_sync(quarter_return=record, scope=scope)
        waiting = [w for w in record.warnings.all() if not w.is_acknowledged]
        if waiting:
            count = len(waiting)
            raise ApplicationError(
                f"{count} warning{'s' if count != 1 else ''} need{'s' if count == 1 else ''} a "
                "comment before you can submit: say why each figure is right, or correct it."
            )
    return _move(
        user=user, scope=scope, expected=Status.DRAFT, to=Status.SUBMITTED, reason="Submitted"
    )


def red_without_commentary(*, scope: EntryScope) -> list:
    """The indicators of the scope with a red RAG in the quarter in an area that has no
    commentary on it there."""
    period_codes = {spec.code for _, spec, _ in scope.boxes()}
    # Judged on the figures being approved: the provisional basis.
    red = set(
        Comparison.on_basis(Basis.PROVISIONAL)
        .filter(
            indicator__in=scope.indicators,
            area__in=scope.areas,
            period__code__in=period_codes,
            rag=Rag.RED,
        )
        .values_list("indicator_id", "area_id")
    )
    written = set(
        Commentary.objects.filter(
            period__code=scope.quarter.code, indicator__in=scope.indicators
        ).values_list("indicator_id", "area_id")
    )
    wanted = {indicator_id for indicator_id, _ in red - written}
    return [indicator for indicator in scope.indicators if indicator.pk in wanted]


@transaction.atomic
def quarter_approve(*, user, scope: EntryScope) -> QuarterReturn:
    """The performance lead approves a submitted quarter; red RAGs need a commentary."""
    _require_reviewer(user)
    missing = red_without_commentary(scope=scope)
    if missing:
        names = ", ".join(indicator.name for indicator in missing)
        raise ApplicationError(f"Write a commentary before approving: the RAG is red for {names}.")
    return _move(
        user=user, scope=scope, expected=Status.SUBMITTED, to=Status.APPROVED, reason="Approved"
    )


@transaction.atomic
def quarter_lock(*, user, scope: EntryScope) -> QuarterReturn:
    """Lock an approved quarter: nothing can change it until it is unlocked with a reason."""
    _require_reviewer(user)
    return _move(
        user=user, scope=scope, expected=Status.APPROVED, to=Status.LOCKED, reason="Locked"
    )


@transaction.atomic
def quarter_unlock(*, user, scope: EntryScope, reason: str) -> QuarterReturn:
    """Reopen a locked quarter as a draft so that its officer can correct it."""
    _require_reviewer(user)
    reason = _clean_reason(reason, "unlock")
    return _move(
        user=user,
        scope=scope,
        expected=Status.LOCKED,
        to=Status.DRAFT,
        reason=f"Unlocked: {reason}",
    )


@transaction.atomic
def quarter_return_to_officer(*, user, scope: EntryScope, reason: str) -> QuarterReturn:
    """Send a submitted quarter back to its officer as a draft."""
    _require_reviewer(user)
    reason = _clean_reason(reason, "send it back")
    return _move(
        user=user,
        scope=scope,
        expected=Status.SUBMITTED,
        to=Status.DRAFT,
        reason=f"Sent back: {reason}",
    )
