"""Each existing committee gets the standing items every meeting used to be given in code."""

from django.db import migrations

ITEMS = (
    ("apologies", "Apologies for absence", "standing"),
    ("declarations", "Declarations of interest by members", "standing"),
    ("minutes", "Minutes of the last meeting", "standing"),
    ("minutes", "Matters arising from the minutes", "matters_arising"),
    ("urgent", "Any other business which the chair considers urgent", "standing"),
    ("next_meeting", "Date of next meeting", "standing"),
)


def give_standing_items(apps, schema_editor):
    Committee = apps.get_model("meetings", "Committee")
    StandingItem = apps.get_model("meetings", "StandingItem")
    for committee in Committee.objects.all():
        if StandingItem.objects.filter(committee=committee).exists():
            continue
        StandingItem.objects.bulk_create(
            StandingItem(
                committee=committee, position=position, section=section, title=title, kind=kind
            )
            for position, (section, title, kind) in enumerate(ITEMS, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0009_standing_items")]

    operations = [migrations.RunPython(give_standing_items, migrations.RunPython.noop)]
