"""Pages cache what is the same for everyone under the comparisons' version: a warm page reads
less, and a finished recompute shows its new figures at once on the dashboard, its headline
strip and the public page (nothing cached from the old rows is read again)."""

import pytest
from django.urls import reverse

from indicators.cache import comparisons_version
from indicators.services.comparisons import comparisons_recompute
from indicators.services.imports import figures_import
from shp.roles import Role

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("indicators:dashboard")
PUBLIC = reverse("indicators:public-performance")
QUERY = {"area": "E06000001", "period": "2015/16"}


def approve(rows: str) -> None:
    content = ("area,indicator,period,value\n" + rows).encode()
    figures_import(content=content, filename="f.csv", status="approved", recompute=False)
    comparisons_recompute()


@pytest.fixture
def figures(catalogue):
    approve("Hartlepool,TRC,2014/15,7308\nHartlepool,TRC,2015/16,8133\n")


def test_a_warm_dashboard_reads_less_than_a_cold_one(client, role_user, figures, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(role_user(Role.MEMBER))
    with CaptureQueriesContext(connection) as cold:
        client.get(DASHBOARD, QUERY)
    with CaptureQueriesContext(connection) as warm:
        client.get(DASHBOARD, QUERY)
    assert len(warm) < len(cold)


def test_a_finished_recompute_shows_its_figures_at_once(client, role_user, figures):
    version = comparisons_version()
    assert "8,133" in client.get(PUBLIC, QUERY).content.decode()
    client.force_login(role_user(Role.MEMBER))
    assert "8,133" in client.get(DASHBOARD, QUERY).content.decode()
    approve("Hartlepool,TRC,2015/16,9417\n")  # a revision, approved, and the recompute after it
    assert comparisons_version() == version + 1
    dashboard = client.get(DASHBOARD, QUERY).content.decode()
    assert "9,417" in dashboard and "8,133" not in dashboard
    client.logout()
    public = client.get(PUBLIC, QUERY).content.decode()
    assert "9,417" in public and "8,133" not in public
