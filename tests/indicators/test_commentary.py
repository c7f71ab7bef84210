"""Commentary reaches members with its organisation's return: a distinctive commentary in a draft
return is absent from every member surface on the approved basis, marked when provisional
figures are asked for, and present once the return is approved. The lead edits it from the
indicator's page; a stale edit is refused with both texts; its history is kept."""

import pytest
from django.urls import reverse

from indicators import periods
from indicators.models import Area, Commentary, Indicator, Period, QuarterReturn
from indicators.reports import performance_appendix_html
from indicators.services.commentary import commentary_save
from indicators.services.comparisons import comparisons_recompute
from indicators.services.imports import figures_import
from shp.errors import ApplicationError
from shp.roles import Role

pytestmark = pytest.mark.django_db

PLANTED = "Two new supermarkets opened: note 7731."
Q1 = "2016/17 Q1"


@pytest.fixture
def scenario(catalogue):
    figures_import(
        content=b"area,indicator,period,value\n"
        b"Hartlepool,SHOP,2015/16 Q1,100\nHartlepool,SHOP,2016/17 Q1,130\n",
        filename="shop.csv",
        status="approved",
        recompute=False,
    )
    comparisons_recompute()
    shop = Indicator.objects.get(code="SHOP")
    hartlepool = Area.objects.get(name="Hartlepool")
    period = Period.objects.get(code=Q1)
    record = QuarterReturn.objects.create(organisation=shop.source, period=period)
    Commentary.objects.create(
        indicator=shop,
        area=hartlepool,
        period=period,
        organisation=shop.source,
        text=PLANTED,
    )
    return {"shop": shop, "area": hartlepool, "return": record}


def member_pages(client, **query) -> list[str]:
    dashboard = client.get(
        reverse("indicators:dashboard"), {"area": "E06000001", "period": Q1, **query}
    )
    detail = client.get(
        reverse("indicators:indicator-detail", kwargs={"code": "SHOP"}),
        {"area": "E06000001", **query},
    )
    assert dashboard.status_code == detail.status_code == 200
    return [dashboard.content.decode(), detail.content.decode()]


def appendix(**options) -> str:
    return performance_appendix_html(
        options={"area": "Hartlepool", "period": Q1, "baseline": "2015/16 Q1", **options},
        with_charts=False,
    )


def test_a_draft_returns_commentary_is_absent_on_approved_figures(client, scenario, role_user):
    client.force_login(role_user(Role.MEMBER))
    for page in member_pages(client):
        assert "note 7731" not in page
    assert "note 7731" not in appendix()
    assert "note 7731" not in appendix(public=True)


def test_asked_for_provisional_figures_it_shows_marked(client, scenario, role_user):
    client.force_login(role_user(Role.MEMBER))
    dashboard, detail = member_pages(client, figures="provisional")
    assert "note 7731" in dashboard and "Provisional</strong> <strong>Commentary, 2016/17 Q1" in (
        dashboard
    )
    assert "note 7731" in detail
    assert "(provisional)" in appendix(basis="provisional")


def test_once_the_return_is_approved_every_member_surface_shows_it(client, scenario, role_user):
    scenario["return"].status = QuarterReturn.Status.APPROVED
    scenario["return"].save()
    client.force_login(role_user(Role.MEMBER))
    for page in member_pages(client):
        assert "note 7731" in page
    assert "note 7731" in appendix()
    assert "note 7731" in appendix(public=True)


def test_the_commentary_of_the_quarter_that_ends_a_year_shows_beside_the_year(
    client, catalogue, role_user
):
    figures_import(
        content=b"area,indicator,period,value\nHartlepool,SHOP,2015/16,400\n"
        b"Hartlepool,SHOP,2016/17,450\n",
        filename="years.csv",
        status="approved",
        recompute=False,
    )
    comparisons_recompute()
    shop = Indicator.objects.get(code="SHOP")
    q4 = Period.objects.ensure([periods.parse("2016/17 Q4")])["2016/17 Q4"]
    QuarterReturn.objects.create(organisation=shop.source, period=q4, status="locked")
    Commentary.objects.create(
        indicator=shop,
        area=Area.objects.get(name="Hartlepool"),
        period=q4,
        organisation=shop.source,
        text="Year end: note 8842.",
    )
    client.force_login(role_user(Role.MEMBER))
    page = client.get(reverse("indicators:dashboard"), {"area": "E06000001", "period": "2016/17"})
    assert "Commentary, 2016/17 Q4:</strong> Year end: note 8842." in page.content.decode()


def test_the_lead_edits_it_and_its_history_is_kept(client, scenario, role_user):
    lead = role_user(Role.PERFORMANCE_LEAD, username="lead")
    client.force_login(lead)
    url = reverse(
        "indicators:commentary-edit", kwargs={"code": "SHOP", "area": scenario["area"].code}
    )
    page = client.get(url, {"quarter": Q1})
    assert PLANTED in page.content.decode()
    response = client.post(
        f"{url}?quarter={Q1}",
        {"quarter": Q1, "text": "Rewritten by the lead.", "read_version": 1},
    )
    assert response.status_code == 302
    commentary = Commentary.objects.get()
    assert commentary.text == "Rewritten by the lead." and commentary.version == 2
    texts = [h.text for h in commentary.history.order_by("history_date")]
    assert texts == [PLANTED, "Rewritten by the lead."]
    history = client.get(url, {"quarter": Q1}).content.decode()
    assert "commentary-history" in history and PLANTED in history


def test_a_stale_edit_is_refused_with_both_texts_and_loses_nothing(client, scenario, role_user):
    lead = role_user(Role.PERFORMANCE_LEAD, username="lead")
    shop, area = scenario["shop"], scenario["area"]
    commentary_save(user=lead, indicator=shop, area=area, quarter=Q1, text="First.", read_version=1)
    client.force_login(lead)
    url = reverse("indicators:commentary-edit", kwargs={"code": "SHOP", "area": area.code})
    response = client.post(
        url, {"quarter": Q1, "text": "Second, from a stale page.", "read_version": 1}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Theirs: “First.”" in text and "Yours: “Second, from a stale page.”" in text
    assert Commentary.objects.get().text == "First."
    assert 'name="read_version" value="2"' in text  # saving again replaces theirs knowingly
    again = client.post(
        url, {"quarter": Q1, "text": "Second, from a stale page.", "read_version": 2}
    )
    assert again.status_code == 302
    assert Commentary.objects.get().text == "Second, from a stale page."


@pytest.mark.parametrize(
    ("text", "quarter", "message"),
    [
        ("", Q1, "Enter the commentary"),
        ("x" * 5001, Q1, "5,000 characters or fewer"),
        ("Fine.", "2016/17", "Commentary is written for a quarter"),
        ("Fine.", "not a period", ""),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(
    client, scenario, role_user, text, quarter, message
):
    client.force_login(role_user(Role.PERFORMANCE_LEAD, username="lead"))
    url = reverse(
        "indicators:commentary-edit", kwargs={"code": "SHOP", "area": scenario["area"].code}
    )
    response = client.post(url, {"quarter": quarter, "text": text, "read_version": 1})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert message in response.content.decode()
    assert Commentary.objects.get().text == PLANTED


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.OFFICER, Role.DEMOCRATIC_SERVICES])
def test_only_the_lead_may_edit(client, scenario, role_user, role):
    if role is not None:
        client.force_login(role_user(role))
    url = reverse(
        "indicators:commentary-edit", kwargs={"code": "SHOP", "area": scenario["area"].code}
    )
    response = client.post(url, {"quarter": Q1, "text": "Hijacked.", "read_version": 1})
    assert response.status_code in (302, 403)
    assert Commentary.objects.get().text == PLANTED
    with pytest.raises(ApplicationError):
        commentary_save(
            user=role_user(Role.MEMBER, username="m2"),
            indicator=scenario["shop"],
            area=scenario["area"],
            quarter=Q1,
            text="Hijacked.",
            read_version=1,
        )
