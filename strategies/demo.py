"""The demo plans: the seed's strategies, the violence action plan and HMIC's recommendations."""

from strategies.models import Action, Plan

FIXTURES = ("strategies/plans.json",)


def demo_load() -> list[str]:
    """Nothing to compute: the fixtures hold the plans; report what is there."""
    return [f"Strategies: {Plan.objects.count()} plans, {Action.objects.count()} actions"]
