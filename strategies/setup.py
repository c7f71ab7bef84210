"""The strategies app's part of setting up a partnership from files (see ``shp.setup``):
``plans.json``, a list of plans, each ``{"title", "kind", "status", "start_date", "end_date",
"summary", "objectives": [{"number", "title", "description", "indicators": [codes]}]}`` —
the objectives of the plan in force group the scorecard and the performance appendix."""

from datetime import date

from django.utils.text import slugify

from indicators.models import Indicator
from shp.setup import SetupFailed, register_setup_step
from strategies.models import Objective, Plan


def _date(value, where: str, problems) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(f'{where}: "{value}" is not a date written 2019-04-01')
        return None


def _plans_load(files, *, user, recompute_now) -> list[str]:
    data = files.json("plans.json")
    if data is None:
        return []
    if not isinstance(data, list):
        raise SetupFailed(["plans.json: must be a list of plans"])
    codes = {i.code: i for i in Indicator.objects.all()}
    problems, count = [], 0
    for number, plan in enumerate(data, start=1):
        where = f"plans.json: plan {number}"
        if not isinstance(plan, dict) or not str(plan.get("title") or "").strip():
            problems.append(f"{where}: needs a title")
            continue
        kind = plan.get("kind", Plan.Kind.STRATEGY)
        status = plan.get("status", Plan.Status.DRAFT)
        if kind not in Plan.Kind.values:
            problems.append(f'{where}: kind "{kind}" is not one of {", ".join(Plan.Kind.values)}')
        if status not in Plan.Status.values:
            allowed = ", ".join(Plan.Status.values)
            problems.append(f'{where}: status "{status}" is not one of {allowed}')
        start = _date(plan.get("start_date"), f"{where}, start_date", problems)
        end = _date(plan.get("end_date"), f"{where}, end_date", problems)
        if start and end and start > end:
            problems.append(f"{where}: it must start before it ends")
        objectives = plan.get("objectives") or []
        if not isinstance(objectives, list):
            problems.append(f"{where}: objectives must be a list")
            continue
        for index, objective in enumerate(objectives, start=1):
            if not isinstance(objective, dict) or not isinstance(
                objective.get("indicators", []), list
            ):
                problems.append(f"{where}, objective {index}: must be an object with a title")
                continue
            if not str(objective.get("number", index)).isdigit():
                problems.append(f"{where}, objective {index}: number must be a whole number")
            unknown = [c for c in (objective.get("indicators") or []) if c not in codes]
            if not str(objective.get("title") or "").strip():
                problems.append(f"{where}, objective {index}: needs a title")
            if unknown:
                problems.append(f"{where}, objective {index}: no indicator {', '.join(unknown)}")
        if problems:
            continue
        title = plan["title"].strip()[:200]
        saved, _ = Plan.objects.update_or_create(
            slug=slugify(title)[:80],
            defaults={
                "title": title,
                "kind": kind,
                "status": status,
                "start_date": start,
                "end_date": end,
                "summary": str(plan.get("summary") or ""),
            },
        )
        for index, objective in enumerate(objectives, start=1):
            kept, _ = Objective.objects.update_or_create(
                plan=saved,
                number=int(objective.get("number") or index),
                defaults={
                    "title": objective["title"].strip()[:300],
                    "description": str(objective.get("description") or ""),
                },
            )
            kept.indicators.set(codes[c] for c in objective.get("indicators") or [])
        count += 1
    if problems:
        raise SetupFailed(problems)
    return [f"Plans: {count}"] if count else []


def register() -> None:
    register_setup_step(order=60, files=("plans.json",), load=_plans_load)
