"""The catalogue as a file: exported in the columns it is imported from; imported all or none
after a preview, with every problem by row and column; the national reference file loads in one
step; a preview is never applied to a catalogue that changed after it was shown."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from indicators import catalogue_files
from indicators.models import CatalogueUpload, Indicator
from indicators.selectors import catalogue_state
from indicators.services.catalogue_imports import catalogue_import
from shp.roles import Role

pytestmark = pytest.mark.django_db

HEADER = "code,name,theme,parent,parent_rule,unit,polarity,valid_from,description\n"


@pytest.fixture
def lead(client, role_user):
    user = role_user(Role.PERFORMANCE_LEAD, username="the-lead")
    client.force_login(user)
    return user


def upload(client, text: str | bytes, name="catalogue.csv", update_existing="yes"):
    content = text.encode() if isinstance(text, str) else text
    file = io.BytesIO(content)
    file.name = name
    return client.post(
        reverse("indicators:catalogue-import"),
        {"file": file, "update_existing": update_existing},
    )


def preview_page(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def save(client, response):
    page = preview_page(client, response)
    return client.post(response["Location"], {"state": page.context["read_state"]})


def test_the_export_imports_back_unchanged_as_csv_and_as_xlsx(client, lead, catalogue):
    count = Indicator.objects.count()
    for fmt in ("csv", "xlsx"):
        exported = client.get(reverse("indicators:catalogue-export", kwargs={"fmt": fmt}))
        assert exported.status_code == 200
        result = catalogue_import(
            content=exported.content, filename=f"c.{fmt}", user=lead, dry_run=True
        )
        assert len(result.changes) == count
        assert result.count("unchanged") == count, [
            (c.code, c.changed) for c in result.changes if c.action != "unchanged"
        ]
    book = openpyxl.load_workbook(io.BytesIO(exported.content))
    header = [cell.value for cell in book.active[1]]
    assert tuple(header) == catalogue_files.COLUMNS
    codes = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    parents = {i.code: i.parent.code for i in Indicator.objects.exclude(parent=None)}
    for child, parent in parents.items():
        assert codes.index(parent) < codes.index(child)  # a total comes before its parts


def test_an_exported_formula_is_shown_not_run_and_reads_back(client, lead, catalogue):
    Indicator.objects.filter(code="ASB").update(description="=HYPERLINK(1)")
    exported = client.get(reverse("indicators:catalogue-export", kwargs={"fmt": "csv"}))
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig")))}
    assert rows["ASB"]["description"] == "'=HYPERLINK(1)"
    result = catalogue_import(content=exported.content, filename="c.csv", user=lead, dry_run=True)
    assert result.count("unchanged") == Indicator.objects.count()


def test_a_file_is_previewed_then_saved_with_its_history(client, lead, catalogue):
    before = Indicator.objects.count()
    text = HEADER + (
        "DELIB_PRIMARY_X,Deliberate primary fires (flamingo),fires,DELIB_FIRES,sum,count,"
        "lower,,Fires in buildings\n"
        "DELIB_HEATH,Deliberate heath fires,fires,DELIB_SECONDARY_X,subset,count,lower,,\n"
        "DELIB_SECONDARY_X,Deliberate secondary fires (flamingo),fires,DELIB_FIRES,sum,count,"
        "lower,2016-04-01,\n"
    )
    response = upload(client, text)
    page = preview_page(client, response)
    body = page.content.decode()
    assert "Deliberate heath fires" in body and "3 new" in body
    assert Indicator.objects.count() == before  # nothing saved by the preview
    saved = client.post(response["Location"], {"state": page.context["read_state"]})
    assert saved.status_code == 302
    heath = Indicator.objects.get(code="DELIB_HEATH")
    assert heath.parent.code == "DELIB_SECONDARY_X" and heath.parent_rule == "subset"
    assert str(Indicator.objects.get(code="DELIB_SECONDARY_X").valid_from) == "2016-04-01"
    assert "row 3" in heath.history.first().history_change_reason
    upload_record = CatalogueUpload.objects.get()
    assert upload_record.status == "applied" and upload_record.created == 3
    assert upload_record.recompute_job is not None
    again = client.post(response["Location"], {"state": catalogue_state()}, follow=True)
    assert "already been applied" in again.content.decode()


def test_changes_list_the_fields_that_change_and_a_missing_column_is_left_alone(
    client, lead, catalogue
):
    asb = Indicator.objects.get(code="ASB")
    description = asb.description
    text = (
        "code,name,theme,polarity,owner\n"
        "ASB,Anti-social behaviour (all),asb,lower,Community Safety Research Officer\n"
    )
    page = preview_page(client, upload(client, text))
    change = page.context["changes"][0]
    assert change.action == "update" and change.changed == ["name", "owner"]
    save(client, upload(client, text))
    asb.refresh_from_db()
    assert asb.name == "Anti-social behaviour (all)" and asb.description == description
    assert asb.owner == "Community Safety Research Officer"


def test_every_problem_is_named_by_row_and_column_and_nothing_is_written(client, lead, catalogue):
    before = {i.code: i.version for i in Indicator.objects.all()}
    text = HEADER + (
        "GOOD_ONE,A good new indicator,fires,,,count,lower,,\n"
        "BAD_THEME,Bad theme,flamingos,,,count,lower,,\n"
        "BAD_DATE,Bad date,fires,,,count,lower,31/02/2017,\n"
        "ORPHAN,Orphan,fires,NO_SUCH_TOTAL,sum,count,lower,,\n"
        "GOOD_ONE,Good one again,fires,,,count,lower,,\n"
        "CLASH,Shoplifting,victim_based,,,count,lower,,\n"
        "LOOP_A,Loop a,fires,LOOP_B,sum,count,lower,,\n"
        "LOOP_B,Loop b,fires,LOOP_A,sum,count,lower,,\n"
        "no spaces allowed,Lower case code,fires,,,count,lower,,\n"
        "NO_RULE,No rule,fires,DELIB_FIRES,,count,lower,,\n"
    )
    response = upload(client, text)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    joined = "\n".join(errors)
    for expected in [
        'row 3, column theme: "flamingos" is not one of',
        'row 4, column valid_from: "31/02/2017" is not a date',
        "row 5, column parent: NO_SUCH_TOTAL is not in the catalogue or the file",
        "row 6, column code: GOOD_ONE is also on row 2",
        'row 7, column name: "Shoplifting" is already how Shoplifting (SHOP) is known',
        "the parents in the file form a loop",
        "row 10, column code: The code must start with a letter",
        "row 11, column parent_rule: Say whether it adds up to its parent",
    ]:
        assert expected in joined, joined
    assert {i.code: i.version for i in Indicator.objects.all()} == before
    assert not CatalogueUpload.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "c.csv", "The selected file is empty"),
        (b"code,name\nX,Y\n", "c.csv", "missing columns theme"),
        (b"code,name,theme,colour\nX,Y,fires,red\n", "c.csv", "unknown columns colour"),
        (b"code,name,theme,name\nX,Y,fires,Z\n", "c.csv", "columns named twice: name"),
        (b"code,name,theme\n", "c.csv", "no indicators in it"),
        (b"\xd0\xcf\x11\xe0rest", "c.xls", "must be a CSV or XLSX file"),
        (b"code,name,theme\nX,Caf\xe9,fires\n", "c.csv", "is not UTF-8 text"),
        (b"code,name,theme\nX,Bell\x07,fires\n", "c.csv", "contains control characters"),
        (b"not a workbook", "c.xlsx", "is not an Excel workbook"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_clearly(
    client, lead, catalogue, content, name, message
):
    response = upload(client, content, name=name)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not CatalogueUpload.objects.exists()


def test_too_many_rows_are_refused(client, lead, catalogue, settings):
    rows = "".join(f"R{n},Row {n},fires\n" for n in range(catalogue_files.MAX_ROWS + 1))
    response = upload(client, "code,name,theme\n" + rows)
    assert f"more than {catalogue_files.MAX_ROWS} rows" in str(response.context["form"].errors)


def test_a_hostile_name_is_shown_as_text(client, lead, catalogue):
    text = 'code,name,theme\nXSS,"<script>alert(1)</script>",fires\n'
    body = preview_page(client, upload(client, text)).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_a_preview_is_not_applied_to_a_catalogue_changed_since(client, lead, catalogue):
    text = "code,name,theme\nASB,Anti-social behaviour (flamingo),asb\n"
    response = upload(client, text)
    page = preview_page(client, response)
    shop = Indicator.objects.get(code="SHOP")
    shop.name, shop.version = "Shoplifting (changed meanwhile)", shop.version + 1
    shop.save()
    refused = client.post(response["Location"], {"state": page.context["read_state"]}, follow=True)
    assert "The catalogue changed after this preview was shown" in refused.content.decode()
    assert Indicator.objects.get(code="ASB").name == "Anti-social behaviour incidents"
    assert CatalogueUpload.objects.get().status == "previewed"


def test_the_national_reference_file_loads_into_an_empty_catalogue(client, lead, db):
    call_command("loaddata", "partnership.json", "indicators/areas.json", verbosity=0)
    response = client.post(reverse("indicators:catalogue-national"))
    save(client, response)
    rows = list(csv.DictReader(catalogue_files.NATIONAL_REFERENCE_FILE.open(encoding="utf-8")))
    assert Indicator.objects.count() == len(rows)
    for row in rows:
        indicator = Indicator.objects.get(code=row["code"])
        assert indicator.name == row["name"]
        assert (indicator.parent.code if indicator.parent else "") == row["parent"]
    by_alias = {alias: i for i in Indicator.objects.all() for alias in i.aliases}
    primary, secondary = by_alias["F1"], by_alias["F3"]
    assert primary.parent == secondary.parent == Indicator.objects.get(code="DELIB_FIRES")
    assert Indicator.objects.get(code="RES_BURG").valid_from.isoformat() == "2017-04-01"
    assert Indicator.objects.get(code="DOM_BURG").valid_to.isoformat() == "2017-03-31"


def test_the_national_reference_file_adds_only_what_the_demo_lacks(client, lead, catalogue):
    ours = {i.code: (i.name, i.version) for i in Indicator.objects.all()}
    rows = list(csv.DictReader(catalogue_files.NATIONAL_REFERENCE_FILE.open(encoding="utf-8")))
    missing = {row["code"] for row in rows} - set(ours)
    assert {"DELIB_PRIMARY", "DELIB_SECONDARY"} <= missing
    save(client, client.post(reverse("indicators:catalogue-national")))
    assert set(Indicator.objects.values_list("code", flat=True)) == set(ours) | missing
    for code, (name, version) in ours.items():
        indicator = Indicator.objects.get(code=code)
        assert (indicator.name, indicator.version) == (name, version)


@pytest.mark.parametrize("role", [Role.OFFICER, Role.MEMBER, Role.DEMOCRATIC_SERVICES])
def test_only_the_lead_imports_but_every_partner_exports(client, role_user, catalogue, role):
    client.force_login(role_user(role))
    assert client.get(reverse("indicators:catalogue-import")).status_code == 403
    assert upload(client, "code,name,theme\nX,Flamingo,fires\n").status_code == 403
    assert client.post(reverse("indicators:catalogue-national")).status_code == 403
    assert not Indicator.objects.filter(code="X").exists()
    exported = client.get(reverse("indicators:catalogue-export", kwargs={"fmt": "csv"}))
    assert exported.status_code == 200 and b"Shoplifting" in exported.content
    assert (
        client.get(reverse("indicators:catalogue-export", kwargs={"fmt": "pdf"})).status_code == 404
    )


def test_another_leads_preview_is_not_found(client, lead, role_user, catalogue):
    response = upload(client, "code,name,theme\nX,Flamingo,fires\n")
    client.force_login(role_user(Role.PERFORMANCE_LEAD, username="other-lead"))
    assert client.get(response["Location"]).status_code == 404
    assert client.post(response["Location"], {"state": catalogue_state()}).status_code == 404
    assert not Indicator.objects.filter(code="X").exists()


def test_loading_the_national_file_into_the_demo_raises_no_new_warning(client, lead, seed):
    from indicators.models import Comparison
    from indicators.services.comparisons import comparisons_recompute

    def warnings():
        return sorted(
            (c.indicator.code, c.area.code, c.period.code, str(c.warnings))
            for c in Comparison.objects.exclude(warnings=[]).select_related(
                "indicator", "area", "period"
            )
        )

    before = warnings()
    save(client, client.post(reverse("indicators:catalogue-national")))
    comparisons_recompute()
    assert warnings() == before
