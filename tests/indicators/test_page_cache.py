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


@pytest.fixture
def two_forces(catalogue):
    """Hartlepool (Cleveland) and a district of a second force, each with two years."""
    from indicators.models import Area

    durham = Area.objects.create(code="E23000008", name="Durham", kind=Area.Kind.FORCE)
    Area.objects.create(
        code="E06000047", name="County Durham", kind=Area.Kind.DISTRICT, parent=durham
    )
    approve(
        "Hartlepool,TRC,2014/15,7308\nHartlepool,TRC,2015/16,8133\n"
        "County Durham,TRC,2014/15,30211\nCounty Durham,TRC,2015/16,31502\n"
    )


def test_a_save_in_one_force_leaves_the_other_forces_pages_cached(
    client, role_user, two_forces, monkeypatch
):
    from indicators.cache import area_version, cached_clear_recent
    from indicators.models import Area
    from indicators.views import dashboard

    computed = []
    real = dashboard._headline_context

    def headlines(*, area, period, basis):
        computed.append(area.code)
        return real(area=area, period=period, basis=basis)

    monkeypatch.setattr(dashboard, "_headline_context", headlines)
    hartlepool = Area.objects.get(code="E06000001")
    durham_query = {"area": "E06000047", "period": "2015/16"}
    client.force_login(role_user(Role.MEMBER))
    for query in (QUERY, durham_query):
        client.get(DASHBOARD, query)  # both worked out once, then cached
    assert computed == ["E06000001", "E06000047"]
    kept, version = area_version(hartlepool.pk), comparisons_version()

    content = b"area,indicator,period,value\nCounty Durham,TRC,2015/16,29000\n"
    figures_import(content=content, filename="f.csv", status="approved", recompute=False)
    comparisons_recompute(full=False)  # what a save queues: Durham's force alone
    cached_clear_recent()  # as another process would: only the shared cache

    assert comparisons_version() == version + 1  # the pickers' choices are read again
    assert area_version(hartlepool.pk) == kept
    hartlepool_page = client.get(DASHBOARD, QUERY).content.decode()
    durham_page = client.get(DASHBOARD, durham_query).content.decode()
    assert computed == ["E06000001", "E06000047", "E06000047"]  # Hartlepool's still cached
    assert "8,133" in hartlepool_page
    assert "29,000" in durham_page and "31,502" not in durham_page
    client.logout()
    assert "29,000" in client.get(PUBLIC, durham_query).content.decode()
    assert "8,133" in client.get(PUBLIC, QUERY).content.decode()
