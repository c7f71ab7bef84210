"""The dashboard's headline strip (the default report definition's headline indicators, each
with a small trend) and its districts compared per 1,000; a pending revision planted in a
headline figure stays off the approved dashboard and is marked on the provisional one."""

import json
import re

import pytest
from django.urls import reverse

from indicators.models import Comparison, ReportSection
from indicators.services.comparisons import comparisons_recompute
from indicators.services.uploads import figure_upload_apply, figure_upload_preview
from shp.roles import Role

pytestmark = pytest.mark.django_db

PLANTED = 99173


def dashboard(client, **query) -> str:
    response = client.get(
        reverse("indicators:dashboard"), {"area": "E06000001", "period": "2015/16", **query}
    )
    assert response.status_code == 200
    return response.content.decode()


def strip(page: str) -> str:
    return page.split('data-testid="headlines"')[1].split("</ul>")[0]


def test_the_strip_shows_each_headline_indicator_with_its_trend(client, seed, role_user):
    client.force_login(role_user(Role.MEMBER))
    page = dashboard(client)
    headline = ReportSection.objects.get(definition__is_default=True, kind="headline")
    names = [i.name for i in sorted(headline.indicators.all(), key=lambda i: i.display_order)]
    cards = strip(page)
    found = re.findall(r'class="govuk-link" href="[^"]+">([^<]+)</a></h3>', cards)
    assert found == names
    trc = Comparison.on_basis("approved").get(
        indicator__code="TRC", area__code="E06000001", period__code="2015/16"
    )
    assert f"{trc.current_value:,.0f}" in cards
    assert f"+{trc.change:,.0f} (+{trc.pct_change_1dp}%) on a year earlier" in cards
    # Each chart's data: the years up to the one chosen, and a text alternative with them.
    data = json.loads(
        json.loads(
            page.split('id="headline-0-data" type="application/json">')[1].split("</script>")[0]
        )
    )
    assert data["data"][0]["x"][-1] == "2015/16"
    assert data["data"][0]["y"][-1] == float(trc.current_value)
    assert 'aria-label="Total recorded crime in Hartlepool: 2014/15 7,308; 2015/16 8,133"' in page


def test_districts_are_compared_per_1000_on_the_headline_indicators(client, seed, role_user):
    client.force_login(role_user(Role.MEMBER))
    page = dashboard(client)
    table = page.split('data-testid="districts-compared"')[1].split("</table>")[0]
    for row in Comparison.on_basis("approved").filter(
        indicator__code="TRC", period__code="2015/16", rate_per_1000__isnull=False
    ):
        assert row.area.name in table
        assert f"{row.rate_per_1000:.1f}" in table
    assert 'data-chart="dashboard-districts"' in page


def test_without_headline_sections_there_is_no_strip(client, seed, role_user):
    ReportSection.objects.filter(kind="headline").delete()
    client.force_login(role_user(Role.MEMBER))
    page = dashboard(client)
    assert 'data-testid="headlines"' not in page and 'data-testid="districts-compared"' not in page


def test_a_pending_revision_stays_off_the_strip_until_approved(client, seed, role_user):
    lead = role_user(Role.PERFORMANCE_LEAD, username="lead")
    upload, _ = figure_upload_preview(
        user=lead,
        filename="revision.csv",
        content=f"area,indicator,period,value\nHartlepool,TRC,2015/16,{PLANTED}\n".encode(),
    )
    assert figure_upload_apply(upload=upload, user=lead).revisions == 1
    comparisons_recompute()
    client.force_login(role_user(Role.MEMBER))
    approved = dashboard(client)
    assert f"{PLANTED:,}" not in strip(approved) and str(PLANTED) not in approved
    provisional = strip(dashboard(client, figures="provisional"))
    assert f"{PLANTED:,}" in provisional
    assert "Provisional" in provisional.split(f"{PLANTED:,}")[1][:120]


def test_the_headline_section_is_not_printed(seed):
    from indicators.reports import performance_appendix_context

    context = performance_appendix_context(
        options={"area": "Hartlepool", "period": "2015/16", "baseline": "2014/15"},
        with_charts=False,
    )
    assert "headline" not in {section["kind"] for section in context["sections"]}
