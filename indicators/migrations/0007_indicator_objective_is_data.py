"""Strategic objectives are the strategies app's data: the fixed choices go once their links
are copied to the objectives of the plans (strategies 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0006_indicator_version"),
        ("strategies", "0003_objective_indicators_from_choices"),
    ]

    operations = [
        migrations.RemoveField(model_name="historicalindicator", name="objective"),
        migrations.RemoveField(model_name="indicator", name="objective"),
    ]
