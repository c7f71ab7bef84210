"""Scenario data for the strategies tests: a plan with objectives, actions and updates."""

from datetime import date

from django.core.files.base import ContentFile

from strategies.models import Action, Objective, Plan, Update

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def plan_with_actions(
    *,
    title: str = "Test Strategy 2016-19",
    status: str = Plan.Status.APPROVED,
    start: date = date(2016, 4, 1),
    end: date = date(2019, 3, 31),
    objectives: int = 2,
    actions_per_objective: int = 2,
    lead=None,
) -> Plan:
    """A plan with numbered objectives, each with actions; ``lead`` leads every action."""
    plan = Plan.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        status=status,
        start_date=start,
        end_date=end,
    )
    number = 0
    for index in range(1, objectives + 1):
        objective = Objective.objects.create(plan=plan, number=index, title=f"Objective {index}")
        for _ in range(actions_per_objective):
            number += 1
            action = Action.objects.create(
                plan=plan,
                objective=objective,
                number=str(number),
                sort_key=number,
                description=f"Action {number} of {title}",
                owner="Test owner",
                due_date=date(2018, 3, 31),
            )
            if lead is not None:
                action.lead_organisations.add(lead)
    return plan


def walk_plan(user) -> dict:
    """One approved plan with an action led by the walking user's organisation (made once)."""
    plan = Plan.objects.filter(slug="walk-plan").first()
    if plan is None:
        plan = plan_with_actions(title="Walk plan", objectives=1, actions_per_objective=1)
        action = plan.actions.get()
        update = Update(action=action, year=2016, quarter=1, rag="green", percent_complete=10)
        update.commentary = "Started."
        update.evidence_name = "photo.png"
        update.evidence_type = "image/png"
        update.evidence.save("photo.png", ContentFile(PNG), save=False)
        update.save()
    action = plan.actions.get()
    person = getattr(user, "person", None) if user is not None else None
    if person is not None:
        action.lead_organisations.add(person.organisation)
    return {"plan": plan, "action": action, "update": action.updates.get()}
