"""A second, made-up partnership set up from files only (``setup_partnership DIR``): its
dashboard, public pages and public pack show its own name, areas, objectives and figures, and
no Hartlepool name, area code, area or objective anywhere."""

import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators.models import Area, Comparison, Indicator
from meetings import services as meeting_services
from meetings.models import PackVersion, Section
from meetings.packs.services import agenda_pack_render
from shp.models import Organisation, Partnership
from shp.roles import Role
from strategies.models import Objective
from tests.meetings.factories import FULL_REPORT, committee_with_members, scheduled_meeting

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent.parent / "data" / "second_partnership"
FIXTURES = settings.BASE_DIR / "fixtures"


def demo_words() -> set[str]:
    """What only the Hartlepool demo says: its name, its areas' names and codes, its strategic
    objectives' titles and its organisations' names (read from the demo's fixtures)."""
    words = {"Hartlepool"}
    for name in ("indicators/areas.json", "strategies/plans.json", "partnership.json"):
        for row in json.loads((FIXTURES / name).read_text()):
            fields = row["fields"]
            if row["model"] == "indicators.area":
                words |= {fields["code"], fields["name"]}
            elif row["model"] == "strategies.objective":
                words.add(fields["title"])
            elif row["model"] == "shp.organisation":
                words.add(fields["name"])
    return words


def absent(text: str) -> list[str]:
    flat = re.sub(r"\s+", " ", text)
    return [word for word in demo_words() if word in flat]


@pytest.fixture
def dunmore(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("setup_partnership", str(FILES), verbosity=0)
    return Partnership.objects.current()


def test_the_files_set_up_the_whole_partnership(dunmore):
    assert dunmore.name == "Safer Dunmore Partnership" and dunmore.area_code == "E06999991"
    assert set(Area.objects.values_list("name", flat=True)) == {
        "Dunmore",
        "Kelby",
        "Westvale Police area",
    }
    assert Organisation.objects.count() == 3
    assert Indicator.objects.get(code="F1_FIRES").parent.code == "FIRES_DELIB"
    objectives = Objective.objects.in_force(date(2020, 4, 1), date(2021, 3, 31))
    assert [o.title for o in objectives][0] == "Make homes safer from burglary"
    # The total of fires is made from its parts; the force from its districts.
    fires = Comparison.objects.get(
        indicator__code="FIRES_DELIB", area__code="E06999991", period__code="2020/21"
    )
    parts = Comparison.objects.filter(
        indicator__code__in=["F1_FIRES", "F3_FIRES"], area__code="E06999991", period__code="2020/21"
    )
    assert fires.current_value == sum(p.current_value for p in parts)
    assert Comparison.objects.filter(area__code="E23999999", period__code="2020/21").exists()
    assert fires.rag  # a target and a baseline give it a RAG


def test_its_pages_show_none_of_the_demo(client, role_user, dunmore):
    home = client.get(reverse("home")).content.decode()
    assert "Safer Dunmore Partnership" in home and "feel safe at home" in home
    public = client.get(reverse("indicators:public-performance")).content.decode()
    assert "Dunmore" in public
    client.force_login(role_user(Role.MEMBER))
    dashboard = client.get(reverse("indicators:dashboard"))
    assert dashboard.status_code == 200
    page = dashboard.content.decode()
    assert "Make homes safer from burglary" in page and "Burglary of homes" in page
    for text in (home, public, page):
        assert absent(text) == []


def pdf_text(version: PackVersion) -> str:
    with version.file.open("rb") as handle:
        pdf = handle.read()
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_its_public_pack_shows_none_of_the_demo(dunmore):
    committee, _ = committee_with_members("Safer Dunmore Partnership")
    meeting = scheduled_meeting(committee, day=date(2021, 6, 10), today=date(2021, 1, 2))
    item = meeting_services.agenda_item_add(
        meeting=meeting,
        section=Section.INFORMATION,
        title="Performance in 2020/21",
        today=date(2021, 1, 2),
    )
    report = meeting_services.report_save(item=item, **{**FULL_REPORT, "subject": "Performance"})
    meeting_services.appendix_generated_add(
        report=report,
        label="A",
        title="",
        generator="performance",
        options={"area": "E06999991", "period": "2020/21", "baseline": "2019/20"},
    )
    meeting_services.agenda_publish(meeting=meeting)
    text = pdf_text(agenda_pack_render(meeting=meeting, variant=PackVersion.Variant.PUBLIC))
    flat = re.sub(r"\s+", " ", text)
    assert "Safer Dunmore Partnership" in flat
    assert "Crime and disorder in Dunmore, 2020/21 against 2019/20" in flat
    assert "Make homes safer from burglary" in flat and "Westvale" in flat
    assert absent(text) == []


def test_a_broken_file_loads_nothing(db, tmp_path):
    for path in FILES.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    broken = (tmp_path / "figures.csv").read_text() + "Dunmore,NO_SUCH,2020/21,5\n"
    (tmp_path / "figures.csv").write_text(broken)
    with pytest.raises(CommandError):
        call_command("setup_partnership", str(tmp_path), verbosity=0)
    assert not Partnership.objects.exists()
    assert not Area.objects.exists() and not Indicator.objects.exists()
