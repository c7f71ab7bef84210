"""The action-plan report: an HTML fragment for agenda packs, a standalone PDF, and XLSX.

``action_plan_body_html(**appendix.generator_options)`` is what the agenda pack calls for an
appendix whose generator is ``Appendix.Generator.ACTION_PLAN``; options hold ids (or None).
"""

import io
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone

from shp.models import Organisation, Partnership
from shp.printing import PrintDocument
from shp.spreadsheets import spreadsheet_safe
from strategies import selectors
from strategies.models import Action, Objective, Plan


def _resolve(*, plan, objective, status, lead):
    plan = plan if isinstance(plan, Plan) else Plan.objects.get(pk=plan)
    if objective and not isinstance(objective, Objective):
        objective = Objective.objects.get(pk=objective, plan=plan)
    if lead and not isinstance(lead, Organisation):
        lead = Organisation.objects.get(pk=lead)
    return plan, objective or None, status or "", lead or None


def filters_label(*, objective=None, status: str = "", lead=None) -> str:
    """The filters in words, e.g. "Objective 2; status In progress; led by Cleveland Police"."""
    parts = []
    if objective:
        parts.append(f"Objective {objective.number}: {objective.title}")
    if status:
        parts.append(f"status {Action.Status(status).label}")
    if lead:
        parts.append(f"led by {lead.name}")
    return "; ".join(parts) or "All actions"


def report_context(*, plan, objective=None, status="", lead=None, today: date | None = None):
    """Everything the report shows: actions grouped by objective with their latest update."""
    plan, objective, status, lead = _resolve(
        plan=plan, objective=objective, status=status, lead=lead
    )
    today = today or timezone.localdate()
    actions = selectors.plan_actions(plan=plan, objective=objective, status=status, lead=lead)
    rows = selectors.action_rows(plan=plan, actions=actions, today=today)
    objectives = [objective] if objective else list(plan.objectives.all())
    groups = [(o, [r for r in rows if r.action.objective_id == o.pk]) for o in objectives]
    return {
        "plan": plan,
        "filters": filters_label(objective=objective, status=status, lead=lead),
        "groups": [(o, group) for o, group in groups if group],
        "summary": selectors.rag_summary(objectives=objectives, rows=rows),
        "count": len(rows),
        "today": today,
        "partnership": Partnership.objects.current().name,
    }


def action_plan_body_html(*, plan, objective=None, status: str = "", lead=None) -> str:
    """The report as an HTML fragment (h1, h2/h3, tables) styled by static/print/print.css."""
    context = report_context(plan=plan, objective=objective, status=status, lead=lead)
    return render_to_string("strategies/print/action_plan.html", context)


def action_plan_document(*, plan, objective=None, status: str = "", lead=None) -> PrintDocument:
    """The report as a standalone printable document."""
    plan, objective, status, lead = _resolve(
        plan=plan, objective=objective, status=status, lead=lead
    )
    return PrintDocument(
        title=f"{plan.title}: action-plan report",
        body_html=action_plan_body_html(plan=plan, objective=objective, status=status, lead=lead),
        subject=filters_label(objective=objective, status=status, lead=lead),
        running_header=f"{plan.title} — action-plan report",
    )


XLSX_HEADERS = (
    "Objective",
    "Action",
    "Description",
    "Owner",
    "Lead organisations",
    "Lead person",
    "Responsible to",
    "Outcome",
    "Coverage",
    "Measurement",
    "Due",
    "Status",
    "Latest quarter",
    "RAG",
    "% complete",
    "Commentary",
    "Overdue",
    "No update this quarter",
)


_cell = spreadsheet_safe


def action_plan_xlsx(*, plan, objective=None, status: str = "", lead=None) -> bytes:
    """The report as an Excel workbook: one row per action."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    context = report_context(plan=plan, objective=objective, status=status, lead=lead)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    sheet.append([_cell(context["plan"].title)])
    sheet.append([_cell(context["filters"])])
    sheet.append([])
    sheet.append(list(XLSX_HEADERS))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for objective_obj, rows in context["groups"]:
        for row in rows:
            action, latest = row.action, row.latest
            sheet.append(
                [
                    _cell(f"{objective_obj.number}. {objective_obj.title}"),
                    _cell(action.number),
                    _cell(action.description),
                    _cell(action.owner),
                    _cell(", ".join(o.name for o in action.lead_organisations.all())),
                    _cell(str(action.lead_person or "")),
                    _cell(action.responsible_to),
                    _cell(action.outcome),
                    _cell(action.coverage),
                    _cell(action.measurement),
                    _cell(action.due_label),
                    action.get_status_display(),
                    _cell(latest.quarter_label) if latest else "",
                    latest.get_rag_display() if latest else "No update",
                    latest.percent_complete if latest else None,
                    _cell(latest.commentary) if latest else "",
                    "Yes" if row.overdue else "",
                    "Yes" if row.missing_update else "",
                ]
            )
    sheet.freeze_panes = "A5"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
