"""Copy each indicator's fixed objective choice to the strategy objectives of the same title."""

import re

from django.db import migrations

# The choices ``Indicator.objective`` held until indicators 0007.
OLD_CHOICES = {
    "crime": "Reduce crime and repeat victimisation",
    "drugs_alcohol": "Reduce the harm caused by drugs and alcohol",
    "communities": "Create confident, cohesive and safe communities",
    "offending": "Reduce offending and re-offending",
}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower().replace("&", "and"))


def forwards(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Objective = apps.get_model("strategies", "Objective")
    by_title = {}
    for objective in Objective.objects.filter(plan__kind="strategy"):
        by_title.setdefault(_key(objective.title), []).append(objective)
    for indicator in Indicator.objects.exclude(objective=""):
        label = OLD_CHOICES.get(indicator.objective, "")
        for objective in by_title.get(_key(label), []):
            objective.indicators.add(indicator)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0006_indicator_version"),
        ("strategies", "0002_objective_indicators"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
