"""Every commentary now has its area and organisation (0011): required from here. A separate
migration because PostgreSQL will not alter a table with the data migration's pending triggers."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0011_commentary_area"),
    ]

    operations = [
        migrations.AlterField(
            model_name="commentary",
            name="area",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="commentaries",
                to="indicators.area",
            ),
        ),
        migrations.AlterField(
            model_name="commentary",
            name="organisation",
            field=models.ForeignKey(
                help_text="Whose quarter return the commentary belongs to.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="commentaries",
                to="shp.organisation",
            ),
        ),
        migrations.AddConstraint(
            model_name="commentary",
            constraint=models.UniqueConstraint(
                fields=("indicator", "area", "period"),
                name="commentary_unique_indicator_area_period",
            ),
        ),
    ]
