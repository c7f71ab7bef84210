"""The quarter entry pages through the test client: errors, forged requests, sign-off, files."""

import io

import openpyxl
import pytest
from django.urls import reverse

from indicators import periods
from indicators.entry import entry_scope
from indicators.models import Figure, QuarterReturn
from shp.models import Organisation
from shp.roles import Role

Q1 = periods.parse("2016/17 Q1")


@pytest.fixture
def police(catalogue):
    return Organisation.objects.get(slug="cleveland-police")


@pytest.fixture
def fire(catalogue):
    return Organisation.objects.get(slug="cleveland-fire-brigade")


@pytest.fixture
def officer(role_user, police):
    return role_user(Role.OFFICER, username="police-officer", organisation=police)


def grid_url(organisation, name="indicators:quarter-entry"):
    return reverse(name, kwargs={"quarter": Q1, "organisation": organisation.slug})


def box(organisation, code, area_name, spec=Q1):
    scope = entry_scope(organisation=organisation, quarter=Q1)
    indicator = next(i for i in scope.indicators if i.code == code)
    area = next(a for a in scope.areas if a.name == area_name)
    return f"b-{indicator.pk}-{area.pk}-{spec.start:%Y%m}"


def test_the_grid_shows_every_box_with_last_year_beside_it(client, officer, police):
    from indicators.services.imports import figures_import

    figures_import(
        content=b"area,indicator,period,value\nHartlepool,SHOP,2015/16 Q1,290\n",
        filename="f.csv",
        recompute=False,
    )
    client.force_login(officer)
    page = client.get(grid_url(police)).content.decode()
    assert "Figures for 2016/17 Q1 (April to June 2016)" in page
    assert f'id="{box(police, "SHOP", "Hartlepool")}-value"' in page
    assert "Last year: 290" in page
    assert "Save and submit for approval" in page


def test_a_bad_value_is_shown_against_its_box_and_nothing_is_saved(client, officer, police):
    client.force_login(officer)
    shop = box(police, "SHOP", "Hartlepool")
    burg = box(police, "BURG", "Hartlepool")
    response = client.post(
        grid_url(police),
        {f"{shop}-value": "<script>alert(1)</script>", f"{burg}-value": "12", "action": "save"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem: nothing was saved" in page
    assert f'href="#{shop}-value"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert 'value="12"' in page  # what was typed is kept
    assert not Figure.objects.exists()


def test_a_huge_value_is_refused_cleanly(client, officer, police):
    client.force_login(officer)
    shop = box(police, "SHOP", "Hartlepool")
    response = client.post(grid_url(police), {f"{shop}-value": "9" * 100_000, "action": "save"})
    assert response.status_code == 200
    assert "is too large" in response.content.decode()
    assert not Figure.objects.exists()


def test_saving_then_submitting(client, officer, police):
    client.force_login(officer)
    shop = box(police, "SHOP", "Hartlepool")
    response = client.post(
        grid_url(police), {f"{shop}-value": "301", "action": "save"}, follow=True
    )
    assert "Your figures were saved as a draft." in response.content.decode()
    assert Figure.objects.get().value == 301
    response = client.post(
        grid_url(police), {f"{shop}-value": "301", "action": "submit"}, follow=True
    )
    page = response.content.decode()
    assert "Your figures were saved, but not submitted." in page
    assert "a comment before you can submit" in page
    assert QuarterReturn.objects.get().status == "draft"


def test_an_officer_cannot_write_another_organisations_figures_even_by_forging(
    client, role_user, police, fire, officer
):
    firefighter = role_user(Role.OFFICER, username="fire-officer", organisation=fire)
    client.force_login(firefighter)
    shop = box(police, "SHOP", "Hartlepool")
    assert client.get(grid_url(police)).status_code == 403
    response = client.post(grid_url(police), {f"{shop}-value": "5", "action": "submit"})
    assert response.status_code == 403
    for name in ("indicators:quarter-upload", "indicators:quarter-template"):
        kwargs = {"quarter": Q1, "organisation": police.slug}
        if name.endswith("template"):
            kwargs["fmt"] = "csv"
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403
    # The police officer posting a fire box to their own grid: it is not one of their boxes.
    client.force_login(officer)
    fires = box(fire, "DELIB_FIRES", "Hartlepool", periods.parse("2016-04"))
    client.post(grid_url(police), {f"{fires}-value": "33", "action": "save"})
    assert not Figure.objects.filter(indicator__code="DELIB_FIRES").exists()
    assert (
        client.post(
            grid_url(police, "indicators:quarter-sign-off"), {"action": "approve"}
        ).status_code
        == 403
    )


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEMOCRATIC_SERVICES])
def test_members_and_democratic_services_never_write_figures(client, role_user, police, role):
    client.force_login(role_user(role))
    shop = box(police, "SHOP", "Hartlepool")
    assert client.post(grid_url(police), {f"{shop}-value": "5"}).status_code == 403
    assert (
        client.post(
            grid_url(police, "indicators:quarter-sign-off"), {"action": "approve"}
        ).status_code
        == 403
    )
    assert not Figure.objects.exists()


def test_the_lead_reads_the_grid_but_does_not_type_into_it(client, role_user, police):
    lead = role_user(Role.PERFORMANCE_LEAD, username="lead")
    client.force_login(lead)
    page = client.get(grid_url(police)).content.decode()
    assert "Save and submit for approval" not in page
    shop = box(police, "SHOP", "Hartlepool")
    response = client.post(grid_url(police), {f"{shop}-value": "5"}, follow=True)
    assert "You cannot enter figures for Cleveland Police." in response.content.decode()
    assert not Figure.objects.exists()


def test_the_lead_signs_off_a_submitted_quarter(client, role_user, officer, police):
    from indicators.services.entry import BoxInput, quarter_figures_save
    from indicators.services.quarters import quarter_submit

    scope = entry_scope(organisation=police, quarter=Q1)
    inputs = {(i.pk, a.pk, s.code): BoxInput(reason="Test") for i, s, a in scope.boxes()}
    quarter_figures_save(user=officer, scope=scope, inputs=inputs)
    quarter_submit(user=officer, scope=scope)
    client.force_login(role_user(Role.PERFORMANCE_LEAD, username="lead"))
    sign_off = grid_url(police, "indicators:quarter-sign-off")
    response = client.post(sign_off, {"action": "unlock", "reason": "x"}, follow=True)
    assert "submitted, so this cannot be done now" in response.content.decode()
    assert client.post(sign_off, {"action": "steal"}, follow=True).status_code == 200
    response = client.post(sign_off, {"action": "approve"}, follow=True)
    assert "figures were approved" in response.content.decode()
    client.post(sign_off, {"action": "lock"})
    response = client.post(sign_off, {"action": "unlock", "reason": ""}, follow=True)
    assert "Give the reason to unlock." in response.content.decode()
    assert QuarterReturn.objects.get().status == "locked"
    client.post(sign_off, {"action": "unlock", "reason": "Hartlepool re-extract"})
    assert QuarterReturn.objects.get().status == "draft"
    figure = Figure.objects.first()
    page = client.get(
        reverse("indicators:figure-history", kwargs={"pk": figure.pk})
    ).content.decode()
    for step in ("Entered in the quarter grid", "Submitted", "Approved", "Locked"):
        assert step in page
    assert "Unlocked: Hartlepool re-extract" in page
    assert "Locked → Draft" in page


def test_templates_list_every_box_with_what_is_saved(client, officer, police):
    from indicators.services.entry import BoxInput, quarter_figures_save

    scope = entry_scope(organisation=police, quarter=Q1)
    shop = next(i for i in scope.indicators if i.code == "SHOP")
    hartlepool = next(a for a in scope.areas if a.name == "Hartlepool")
    quarter_figures_save(
        user=officer, scope=scope, inputs={(shop.pk, hartlepool.pk, Q1.code): BoxInput(value="301")}
    )
    client.force_login(officer)
    kwargs = {"quarter": Q1, "organisation": police.slug}
    csv_text = client.get(reverse("indicators:quarter-template", kwargs={**kwargs, "fmt": "csv"}))
    lines = csv_text.content.decode().splitlines()
    assert lines[0] == "area,indicator,period,value,note"
    assert "Hartlepool,SHOP,2016/17 Q1,301," in lines
    assert len(lines) == 1 + len(scope.boxes())
    xlsx = client.get(reverse("indicators:quarter-template", kwargs={**kwargs, "fmt": "xlsx"}))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]] == ["area", "indicator", "period", "value", "note"]
    assert sheet.max_row == 1 + len(scope.boxes())
    assert (
        client.get(
            reverse("indicators:quarter-template", kwargs={**kwargs, "fmt": "exe"})
        ).status_code
        == 404
    )


def test_a_reason_typed_as_a_formula_is_written_as_text_in_the_templates(client, officer, police):
    from indicators.services.entry import BoxInput, quarter_figures_save

    scope = entry_scope(organisation=police, quarter=Q1)
    shop = next(i for i in scope.indicators if i.code == "SHOP")
    hartlepool = next(a for a in scope.areas if a.name == "Hartlepool")
    hostile = '=HYPERLINK("https://example.org","click")'
    quarter_figures_save(
        user=officer,
        scope=scope,
        inputs={(shop.pk, hartlepool.pk, Q1.code): BoxInput(reason=hostile)},
    )
    client.force_login(officer)
    kwargs = {"quarter": Q1, "organisation": police.slug}
    xlsx = client.get(reverse("indicators:quarter-template", kwargs={**kwargs, "fmt": "xlsx"}))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    notes = [row[4].value for row in sheet.iter_rows(min_row=2) if row[4].value]
    assert notes == ["'" + hostile]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    csv_text = client.get(reverse("indicators:quarter-template", kwargs={**kwargs, "fmt": "csv"}))
    assert "'=HYPERLINK" in csv_text.content.decode()


def test_the_officers_upload_refuses_rows_outside_their_quarter(client, officer, police):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer)
    url = reverse("indicators:quarter-upload", kwargs={"quarter": Q1, "organisation": police.slug})
    bad = SimpleUploadedFile(
        "q1.csv", b"area,indicator,period,value\nHartlepool,FTE,2016/17 Q1,4\n", "text/csv"
    )
    page = client.post(url, {"file": bad}).content.decode()
    assert "row 2: Cleveland Police does not report First-time entrants" in page
    good = SimpleUploadedFile(
        "q1.csv", b"area,indicator,period,value\nHartlepool,SHOP,2016/17 Q1,4\n", "text/csv"
    )
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "Save these figures" in detail
    assert not Figure.objects.exists()


def test_completeness_and_the_quarter_list(client, officer, police, role_user):
    client.force_login(role_user(Role.PERFORMANCE_LEAD, username="lead"))
    page = client.get(
        reverse("indicators:quarter-completeness", kwargs={"quarter": Q1})
    ).content.decode()
    assert "Cleveland Police" in page and "Cleveland Fire Brigade" in page
    assert "Not started" in page and "Overdue" in page
    response = client.get(reverse("indicators:quarter-list"), {"quarter": "2016/17 Q1"})
    assert response["Location"] == reverse(
        "indicators:quarter-completeness", kwargs={"quarter": Q1}
    )
    client.force_login(officer)
    response = client.get(reverse("indicators:quarter-list"), {"quarter": "2016/17 Q1"})
    assert response["Location"] == grid_url(police)
    assert client.get(reverse("indicators:quarter-list"), {"quarter": "2016/17"}).status_code == 404
    assert client.get(reverse("indicators:quarter-list"), {"quarter": "rubbish"}).status_code == 404
    assert client.get("/indicators/quarters/2016-18-q1/").status_code == 404
    assert client.get("/indicators/quarters/2016-17-q1/no-such-org/").status_code == 404


@pytest.mark.parametrize(
    "actor", [None, "no-role", Role.MEMBER, Role.DEMOCRATIC_SERVICES, Role.PERFORMANCE_LEAD, "fire"]
)
def test_forged_posts_to_every_entry_url_write_nothing(
    client, role_user, officer, police, fire, actor
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from indicators.models import FigureUpload
    from indicators.services.uploads import figure_upload_preview

    scope = entry_scope(organisation=police, quarter=Q1)
    upload, _ = figure_upload_preview(
        user=officer,
        filename="q1.csv",
        content=b"area,indicator,period,value\nHartlepool,SHOP,2016/17 Q1,4\n",
        scope=scope,
    )
    if actor == "fire":
        client.force_login(role_user(Role.OFFICER, username="fire-officer", organisation=fire))
    elif actor is not None:
        client.force_login(role_user(None if actor == "no-role" else actor, username="actor"))
    shop = box(police, "SHOP", "Hartlepool")
    kwargs = {"quarter": Q1, "organisation": police.slug}
    posts = [
        (grid_url(police), {f"{shop}-value": "5", "action": "submit"}),
        (grid_url(police, "indicators:quarter-sign-off"), {"action": "approve"}),
        (grid_url(police, "indicators:quarter-sign-off"), {"action": "lock"}),
        (
            reverse("indicators:quarter-upload", kwargs=kwargs),
            {
                "file": SimpleUploadedFile(
                    "f.csv", b"area,indicator,period,value\nHartlepool,SHOP,2016/17 Q1,9\n"
                )
            },
        ),
        (upload.get_absolute_url(), {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in {200, 302, 403, 404}, url
        if actor is None:
            assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    assert not Figure.objects.exists()
    assert FigureUpload.objects.get(pk=upload.pk).status == FigureUpload.Status.PREVIEWED
    assert FigureUpload.objects.count() == 1
    assert set(QuarterReturn.objects.values_list("status", flat=True)) <= {"draft"}
