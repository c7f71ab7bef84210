"""Each existing committee's reports get the standard sections they used to have in code."""

from django.db import migrations

SECTIONS = (
    ("purpose", "Purpose of report", True),
    ("background", "Background", True),
    ("proposals", "Proposals or options", False),
    ("risk", "Risk implications", True),
    ("financial", "Financial considerations", True),
    ("legal", "Legal considerations", True),
    ("consultation", "Consultation", False),
    ("child_poverty", "Child and family poverty", True),
    ("equality", "Equality and diversity considerations", True),
    ("section_17", "Section 17 of the Crime and Disorder Act 1998", True),
    ("staff", "Staff considerations", True),
    ("assets", "Asset management considerations", True),
    ("recommendations", "Recommendations", True),
    ("reasons", "Reasons for recommendations", True),
    ("background_papers", "Background papers", False),
    ("contact_officers", "Contact officers", True),
)


def give_report_sections(apps, schema_editor):
    Committee = apps.get_model("meetings", "Committee")
    Section = apps.get_model("meetings", "CommitteeReportSection")
    for committee in Committee.objects.all():
        if Section.objects.filter(committee=committee).exists():
            continue
        Section.objects.bulk_create(
            Section(committee=committee, position=n, key=key, heading=heading, is_required=req)
            for n, (key, heading, req) in enumerate(SECTIONS, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0011_committee_report_sections")]

    operations = [migrations.RunPython(give_report_sections, migrations.RunPython.noop)]
