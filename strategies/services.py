"""Writes of the strategies app: quarterly updates with their evidence, and report options."""

import io
import zipfile
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from shp.errors import ApplicationError
from shp.models import Organisation
from shp.permissions import user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES, Role
from shp.uploads import pdf_active_check, zip_check
from strategies.models import Action, Objective, Plan, Rag, Update, quarter_bounds, quarter_label

# Roles that may update any action, whoever leads it.

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
OOXML_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
EVIDENCE_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def can_update(*, user, action: Action) -> bool:
    """The performance lead and administrators, or an officer of one of the lead organisations."""
    roles = user_roles(user)
    if roles & PERFORMANCE_LEAD_ROLES:
        return True
    if Role.OFFICER not in roles:
        return False
    person = getattr(user, "person", None)
    if person is None:
        return False
    return action.lead_organisations.filter(pk=person.organisation_id).exists()


def _ooxml_matches(content: bytes, extension: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
    return OOXML_TYPES[extension] in types


def evidence_check(*, filename: str, content: bytes, limit: int | None = None) -> str:
    """Check an evidence file is what its name claims, within the size limit; returns its type."""
    limit = settings.STRATEGIES_EVIDENCE_MAX_BYTES if limit is None else limit
    if not content:
        raise ApplicationError("The selected file is empty", field="evidence")
    if len(content) > limit:
        raise ApplicationError(
            f"The selected file must be smaller than {limit / 1024 / 1024:.0f} MB "
            f"(it is {len(content) / 1024 / 1024:.1f} MB)",
            field="evidence",
        )
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in EVIDENCE_TYPES:
        raise ApplicationError(
            "The selected file must be a PDF, PNG, JPEG, Word (.docx) or Excel (.xlsx) file",
            field="evidence",
        )
    claimed = {"jpeg": "jpg"}.get(extension, extension)
    not_what_it_claims = ApplicationError(
        f"The selected file is called .{extension} but its contents are not a "
        f"{claimed.upper()} file",
        field="evidence",
    )
    if claimed == "pdf":
        if not content.startswith(PDF_MAGIC):
            raise not_what_it_claims
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(io.BytesIO(content))
            if reader.is_encrypted:
                raise ApplicationError("The selected PDF is password-protected", field="evidence")
            len(reader.pages)
            pdf_active_check(reader, field="evidence")
        except ApplicationError:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
            raise ApplicationError(
                "The selected PDF is damaged and cannot be opened", field="evidence"
            ) from error
    else:
        magic = {"png": PNG_MAGIC, "jpg": JPEG_MAGIC}.get(claimed)
        if magic is None:
            zip_check(content, field="evidence")
        matches = content.startswith(magic) if magic else _ooxml_matches(content, claimed)
        if not matches:
            raise not_what_it_claims
    return EVIDENCE_TYPES[extension]


def quarter_check(*, plan: Plan, year: int, quarter: int, today: date) -> None:
    """Refuse a quarter outside the plan's years or one that has not started yet."""
    if quarter not in (1, 2, 3, 4):
        raise ApplicationError("Choose a quarter from 1 to 4", field="quarter")
    start, end = quarter_bounds(year, quarter)
    label = quarter_label(year, quarter)
    if end < plan.start_date or start > plan.end_date:
        raise ApplicationError(
            f"{label} is outside the plan's years ({plan.years_label})", field="quarter"
        )
    if start > today:
        raise ApplicationError(f"{label} has not started yet", field="quarter")


@transaction.atomic
def update_record(
    *,
    action: Action,
    user,
    year: int,
    quarter: int,
    rag: str,
    percent_complete: int,
    commentary: str,
    evidence_name: str = "",
    evidence_content: bytes | None = None,
    today: date | None = None,
) -> Update:
    """Record an action's progress for a quarter, by its lead; one update per quarter."""
    today = today or timezone.localdate()
    action = Action.objects.select_for_update().select_related("plan").get(pk=action.pk)
    if not can_update(user=user, action=action):
        raise ApplicationError(
            "Only an officer of the action's lead organisation or the performance lead may "
            "update it"
        )
    if action.plan.status == Plan.Status.CLOSED:
        raise ApplicationError("The plan is closed: its actions take no more updates")
    if action.status == Action.Status.CLOSED:
        raise ApplicationError("The action is closed: it takes no more updates")
    quarter_check(plan=action.plan, year=year, quarter=quarter, today=today)
    if rag not in Rag.values:
        raise ApplicationError("Choose red, amber or green", field="rag")
    if not 0 <= percent_complete <= 100:
        raise ApplicationError(
            "Percentage complete must be from 0 to 100", field="percent_complete"
        )
    commentary = (commentary or "").strip()
    if not commentary:
        raise ApplicationError("Enter a commentary on progress", field="commentary")
    if rag == Rag.RED and len(commentary) < 20:
        raise ApplicationError(
            "A red update needs a commentary of at least 20 characters saying what is wrong",
            field="commentary",
        )
    if action.updates.filter(year=year, quarter=quarter).exists():
        raise ApplicationError(
            f"Action {action.number} already has an update for {quarter_label(year, quarter)}",
            field="quarter",
        )
    update = Update(
        action=action,
        year=year,
        quarter=quarter,
        rag=rag,
        percent_complete=percent_complete,
        commentary=commentary,
        recorded_by=user,
    )
    if evidence_content is not None:
        update.evidence_type = evidence_check(filename=evidence_name, content=evidence_content)
        safe = get_valid_filename(evidence_name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
        update.evidence_name = evidence_name[:255]
        update.evidence_size = len(evidence_content)
        update.evidence.save(safe or "evidence", ContentFile(evidence_content), save=False)
    try:
        with transaction.atomic():
            update.save()
    except IntegrityError as error:  # two saves of the same quarter at once
        raise ApplicationError(
            f"Action {action.number} already has an update for {quarter_label(year, quarter)}",
            field="quarter",
        ) from error
    if action.status == Action.Status.NOT_STARTED and percent_complete > 0:
        action.status = Action.Status.IN_PROGRESS
        action.save(update_fields=["status", "updated_at"])
    return update


@transaction.atomic
def _action_locked(action: Action, read_version: int | None) -> Action:
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if read_version is not None and read_version != locked.version:
        raise ApplicationError(
            f"Someone changed action {locked.number} after you opened this page, so your change "
            "was not saved. Open it again to see theirs."
        )
    return locked


@transaction.atomic
def action_status_set(
    *, action: Action, user, status: str, read_version: int | None = None
) -> Action:
    """Mark an action completed, closed or back in progress (its lead or the performance lead);
    refused when made from a page opened before another change (``read_version``)."""
    if not can_update(user=user, action=action):
        raise ApplicationError(
            "Only an officer of the action's lead organisation or the performance lead may "
            "change it"
        )
    if status not in Action.Status.values:
        raise ApplicationError("Choose a status", field="status")
    action = _action_locked(action, read_version)
    action.status = status
    action.version += 1
    action._history_user = user
    action.save(update_fields=["status", "version", "updated_at"])
    return action


def report_options(
    *, plan, objective=None, status: str = "", lead=None
) -> dict[str, int | str | None]:
    """Validate an action-plan report's filters; returns them as stored JSON (ids)."""
    plan_obj = plan if isinstance(plan, Plan) else Plan.objects.filter(pk=plan).first()
    if plan_obj is None:
        raise ApplicationError("Choose a plan", field="plan")
    objective_id = None
    if objective:
        objective_id = objective.pk if isinstance(objective, Objective) else objective
        if not Objective.objects.filter(pk=objective_id, plan=plan_obj).exists():
            raise ApplicationError(
                f"That objective is not part of {plan_obj.title}", field="objective"
            )
    if status and status not in Action.Status.values:
        raise ApplicationError("Choose a status from the list", field="status")
    lead_id = None
    if lead:
        lead_id = lead.pk if isinstance(lead, Organisation) else lead
        if not Organisation.objects.filter(pk=lead_id).exists():
            raise ApplicationError("Choose a lead organisation from the list", field="lead")
    return {"plan": plan_obj.pk, "objective": objective_id, "status": status, "lead": lead_id}


ACTION_FIELDS = (
    "objective",
    "number",
    "description",
    "owner",
    "responsible_to",
    "outcome",
    "coverage",
    "measurement",
    "timing",
    "due_date",
    "is_ongoing",
)


@transaction.atomic
def action_save(
    *, plan: Plan, user, values: dict, action: Action | None = None, read_version=None
) -> Action:
    """Add an action to ``plan`` or change one of its actions (performance lead, administrator).

    The due date must fall within the plan's years; the number must be new within the plan; the
    objective must be one of the plan's."""
    if not user_roles(user) & PERFORMANCE_LEAD_ROLES:
        raise ApplicationError("Only the performance lead can add or change a plan's actions.")
    if action is not None and action.plan_id != plan.pk:
        raise ApplicationError("This action belongs to another plan.")
    objective = values["objective"]
    if objective.plan_id != plan.pk:
        raise ApplicationError("Choose one of this plan's objectives", field="objective")
    number = values["number"].strip()
    taken = Action.objects.filter(plan=plan, number=number)
    if action is not None:
        taken = taken.exclude(pk=action.pk)
    if taken.exists():
        raise ApplicationError(f"This plan already has an action {number}", field="number")
    due = values.get("due_date")
    if values.get("is_ongoing") and due:
        raise ApplicationError(
            "An ongoing action has no due date: clear one or the other", field="due_date"
        )
    if due and not plan.start_date <= due <= plan.end_date:
        raise ApplicationError(
            f"The due date must be within the plan, {plan.start_date:%-d %B %Y} to "
            f"{plan.end_date:%-d %B %Y}",
            field="due_date",
        )
    if action is not None:
        action = _action_locked(action, read_version)
        action.version += 1
    action = action or Action(plan=plan)
    for name in ACTION_FIELDS:
        setattr(action, name, values.get(name))
    action.number = number
    action.sort_key = int(number) if number.isdigit() else action.sort_key or 0
    action.is_ongoing = bool(values.get("is_ongoing"))
    action._history_user = user
    action.save()
    action.lead_organisations.set(values.get("lead_organisations") or [])
    action.indicators.set(values.get("indicators") or [])
    return action
