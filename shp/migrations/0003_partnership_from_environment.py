"""An installation that named its partnership in the PARTNERSHIP_NAME environment variable (as
earlier versions did) keeps that name, now as data."""

import os

from django.db import migrations


def name_from_environment(apps, schema_editor):
    Partnership = apps.get_model("shp", "Partnership")
    name = os.environ.get("PARTNERSHIP_NAME", "").strip()
    if name and not Partnership.objects.exists():
        Partnership.objects.create(name=name[:200])


class Migration(migrations.Migration):
    dependencies = [("shp", "0002_partnership")]

    operations = [migrations.RunPython(name_from_environment, migrations.RunPython.noop)]
