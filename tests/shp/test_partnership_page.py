"""The administrator's page: the partnership's details (a stale change refused) and its set-up
from a zip of files (all or none; hostile zips refused)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from indicators.models import Area
from shp.models import Partnership
from shp.roles import Role

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent.parent / "data" / "second_partnership"


@pytest.fixture
def admin(client, role_user):
    user = role_user(Role.ADMINISTRATOR, username="the-admin")
    client.force_login(user)
    return user


def zipped(files: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    buffer.seek(0)
    buffer.name = "setup.zip"
    return buffer


def dunmore_files() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in FILES.iterdir()}


def details(**change):
    return {
        "name": "Safer Flamingo Partnership",
        "place": "Flamingo",
        "area_code": "E06999999",
        "home_intro": "Flamingo's partners keep it safe.",
        **change,
    }


def test_the_administrator_renames_the_partnership_everywhere(client, admin):
    page = client.get(reverse("shp:partnership"))
    version = page.context["form"].initial["read_version"]
    response = client.post(reverse("shp:partnership"), details(read_version=version))
    assert response.status_code == 302
    home = client.get(reverse("home")).content.decode()
    assert "Safer Flamingo Partnership" in home
    partnership = Partnership.objects.current()
    assert partnership.history.first().history_user == admin
    stale = client.post(reverse("shp:partnership"), details(name="Lost", read_version=version))
    assert "Someone changed the partnership" in stale.content.decode()
    assert Partnership.objects.current().name == "Safer Flamingo Partnership"
    empty = client.post(reverse("shp:partnership"), details(name=" ", read_version=version + 1))
    assert "Enter the partnership" in empty.content.decode()


def test_a_zip_of_the_files_sets_the_partnership_up(client, admin):
    response = client.post(reverse("shp:partnership-setup"), {"file": zipped(dunmore_files())})
    assert response.status_code == 302
    assert Partnership.objects.current().name == "Safer Dunmore Partnership"
    assert Area.objects.filter(code="E06999992").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Loaded. Partnership: Safer Dunmore Partnership" in page


def _refused(client, upload, message):
    response = client.post(reverse("shp:partnership-setup"), {"file": upload})
    assert response.status_code == 200
    assert message in " ".join(response.context["setup_form"].errors["file"])
    assert not Partnership.objects.exists() and not Area.objects.exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"areas.csv": b"code,name,kind\n"}, "partnership.json is missing"),
        ({"partnership.json": b"{", "areas.csv": b""}, "partnership.json: not valid JSON"),
        ({"partnership.json": b'{"name": "X"}', "notes.txt": b"hi"}, "notes.txt is not a set-up"),
        ({"partnership.json": b'{"name": ""}'}, "partnership.json: name is missing"),
        (
            {"partnership.json": b'{"name": "X"}', "areas.csv": b"code,name,kind\nA1,Ay,town\n"},
            'areas.csv: row 2, column kind: "town" is not district or force',
        ),
        (
            {**dunmore_files(), "plans.json": b'[{"title": "P", "start_date": "soon"}]'},
            'plans.json: plan 1, start_date: "soon" is not a date',
        ),
    ],
)
def test_broken_files_load_nothing(client, admin, files, message):
    _refused(client, zipped(files), message)


def test_hostile_zips_are_refused(client, admin):
    not_zip = io.BytesIO(b"PK\x03\x04 not really")
    not_zip.name = "setup.zip"
    _refused(client, not_zip, "The file is not a zip file.")
    bomb = zipped({"partnership.json": b'{"name": "X"}', "figures.csv": b"0" * 21_000_000})
    _refused(client, bomb, "the files unpack to more than we accept")
    twice = zipped({"a/partnership.json": b'{"name": "X"}', "b/partnership.json": b"{}"})
    _refused(client, twice, "partnership.json is in the zip file twice")
    wrong = io.BytesIO(b"code,name\n")
    wrong.name = "setup.csv"
    _refused(client, wrong, "must be a zip file")


@pytest.mark.parametrize("role", [Role.PERFORMANCE_LEAD, Role.MEMBER, Role.DEMOCRATIC_SERVICES])
def test_only_an_administrator_sets_the_partnership_up(client, role_user, role):
    client.force_login(role_user(role))
    assert client.get(reverse("shp:partnership")).status_code == 403
    assert client.post(reverse("shp:partnership"), details(read_version=1)).status_code == 403
    response = client.post(reverse("shp:partnership-setup"), {"file": zipped(dunmore_files())})
    assert response.status_code == 403
    assert not Partnership.objects.exists() and not Area.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plans.json", b'[{"title": "P", "objectives": ["x"]}]', "objective 1: must be an object"),
        ("plans.json", b'{"title": "P"}', "plans.json: must be a list of plans"),
        ("report.json", b'{"name": "R", "sections": [{"kind": "table"}]}', "at least one"),
        ("report.json", b'{"name": "R", "sections": [{"indicators": 5}]}', "must be a list"),
        ("denominators.csv", b"area,year,population,population_source\nE06999991,x,1,s\n", "year"),
        ("catalogue.csv", b"code,name,theme\nA,B,nowhere\n", "catalogue.csv: row 2, column theme"),
        ("organisations.csv", b"name,kind\nX,spies\n", 'column kind: "spies"'),
    ],
)
def test_each_file_names_its_problem(client, admin, name, content, message):
    _refused(client, zipped({**dunmore_files(), name: content}), message)
