"""Who sees which figures: a distinctive draft value and a distinctive revision are planted, and
every reader surface is shown to leave them out (or mark them, when provisional figures are asked
for by someone who may see them). The public sees approved values only."""

import io
import re
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from indicators.models import Area, Figure
from indicators.services.comparisons import comparisons_recompute
from indicators.services.imports import figures_import
from indicators.services.uploads import (
    figure_upload_apply,
    figure_upload_approve,
    figure_upload_preview,
)
from shp.models import Organisation
from shp.roles import Role

pytestmark = pytest.mark.django_db

DRAFT = 48213  # a vehicle crime figure nobody has approved
APPROVED_SHOP, REVISED_SHOP = 1100, 97531  # an approved figure, and its revision awaiting approval


def rows(*lines) -> bytes:
    return ("area,indicator,period,value\n" + "\n".join(lines) + "\n").encode()


@pytest.fixture
def planted(catalogue, role_user):
    """Approved shoplifting and ASB for two years; a draft vehicle crime figure and a pending
    revision of the approved shoplifting figure, both for Hartlepool 2015/16."""
    figures_import(
        content=rows(
            "Hartlepool,SHOP,2014/15,1000",
            f"Hartlepool,SHOP,2015/16,{APPROVED_SHOP}",
            "Hartlepool,VEH,2014/15,300",
            "Hartlepool,ASB,2014/15,5000",
            "Hartlepool,ASB,2015/16,4800",
        ),
        filename="approved.csv",
        status="approved",
        recompute=False,
    )
    figures_import(
        content=rows(f"Hartlepool,VEH,2015/16,{DRAFT}"), filename="d.csv", recompute=False
    )
    lead = role_user(Role.PERFORMANCE_LEAD, username="lead")
    upload, _ = figure_upload_preview(
        user=lead, filename="revision.csv", content=rows(f"Hartlepool,SHOP,2015/16,{REVISED_SHOP}")
    )
    result = figure_upload_apply(upload=upload, user=lead)
    assert result.revisions == 1
    comparisons_recompute()
    return {"lead": lead, "upload": upload}


def shown(number: int) -> list[str]:
    return [str(number), f"{number:,}"]


def contains(text: str, number: int) -> bool:
    return any(form in text for form in shown(number))


def dashboard(client, **query):
    return client.get(reverse("indicators:dashboard"), {"area": "E06000001", **query})


def pdf_text(content: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True)
    return re.sub(r"\s+", " ", done.stdout.decode())


def test_the_revision_leaves_the_approved_value_until_it_is_approved(planted):
    figure = Figure.objects.get(indicator__code="SHOP", period__code="2015/16")
    assert figure.value == REVISED_SHOP and figure.approved_value == APPROVED_SHOP
    assert figure.status == "submitted" and figure.is_revision


@pytest.mark.parametrize("role", [Role.MEMBER, Role.OFFICER, Role.PERFORMANCE_LEAD])
def test_the_dashboard_and_its_exports_show_approved_figures_by_default(
    client, planted, role_user, role
):
    client.force_login(role_user(role, username="reader"))
    page = dashboard(client).content.decode()
    assert contains(page, APPROVED_SHOP)
    assert not contains(page, DRAFT) and not contains(page, REVISED_SHOP)
    assert "Approved figures only." in page
    csv_text = dashboard(client, _export="csv").content.decode()
    assert str(APPROVED_SHOP) in csv_text and str(DRAFT) not in csv_text
    assert str(REVISED_SHOP) not in csv_text
    book = openpyxl.load_workbook(io.BytesIO(dashboard(client, _export="xlsx").content))
    cells = " ".join(str(c.value) for row in book.active.iter_rows() for c in row)
    assert str(APPROVED_SHOP) in cells and str(DRAFT) not in cells
    assert str(REVISED_SHOP) not in cells


def test_a_member_who_asks_for_provisional_figures_sees_them_marked(client, planted, role_user):
    client.force_login(role_user(Role.MEMBER, username="member"))
    page = dashboard(client, figures="provisional").content.decode()
    assert "Including provisional figures." in page
    assert contains(page, DRAFT) and contains(page, REVISED_SHOP)
    row = re.search(r"Vehicle offences.*?</tr>", page, re.S).group(0)
    assert "Provisional" in row
    exported = dashboard(client, figures="provisional", _export="csv").content.decode()
    line = next(line for line in exported.splitlines() if line.startswith("Vehicle offences"))
    assert str(DRAFT) in line and line.endswith("provisional")
    approved_line = next(line for line in exported.splitlines() if line.startswith("Anti"))
    assert approved_line.endswith("approved")


def test_an_officer_may_not_ask_for_other_organisations_provisional_figures(
    client, planted, role_user
):
    council = Organisation.objects.get(slug="hartlepool-borough-council")
    client.force_login(role_user(Role.OFFICER, username="council", organisation=council))
    page = dashboard(client, figures="provisional").content.decode()
    assert not contains(page, DRAFT) and not contains(page, REVISED_SHOP)
    assert "Include provisional figures" not in page


def test_the_indicator_page_shows_the_approved_series(client, planted, role_user):
    client.force_login(role_user(Role.MEMBER, username="member"))
    url = reverse("indicators:indicator-detail", kwargs={"code": "SHOP"})
    page = client.get(url, {"area": "E06000001"}).content.decode()
    assert contains(page, APPROVED_SHOP) and not contains(page, REVISED_SHOP)
    marked = client.get(url, {"area": "E06000001", "figures": "provisional"}).content.decode()
    assert contains(marked, REVISED_SHOP) and "Provisional" in marked
    assert "Provisional: not yet approved" in marked  # the chart's marked points


def test_the_performance_report_pdf_prints_approved_figures(client, planted, role_user):
    client.force_login(role_user(Role.MEMBER, username="member"))
    url = reverse("indicators:performance-report")
    text = pdf_text(client.get(url, {"area": "E06000001", "period": "2015/16"}).content)
    assert "1,100" in text or "1100" in text
    assert not contains(text, DRAFT) and not contains(text, REVISED_SHOP)
    assert "Approved figures only." in text
    marked = pdf_text(
        client.get(
            url, {"area": "E06000001", "period": "2015/16", "figures": "provisional"}
        ).content
    )
    assert contains(marked, REVISED_SHOP) and "(p)" in marked
    assert "Includes provisional figures" in marked


def test_the_public_page_keeps_the_approved_value_until_the_revision_is_approved(client, planted):
    url = reverse("indicators:public-performance")
    page = client.get(url, {"area": "E06000001", "period": "2015/16"}).content.decode()
    assert contains(page, APPROVED_SHOP)
    assert not contains(page, REVISED_SHOP) and not contains(page, DRAFT)
    approved, left = figure_upload_approve(upload=planted["upload"], user=planted["lead"])
    assert (approved, left) == (1, 0)
    comparisons_recompute()  # the job the approval queued: the public page follows it
    page = client.get(url, {"area": "E06000001", "period": "2015/16"}).content.decode()
    assert contains(page, REVISED_SHOP)


def test_the_history_shows_the_revision_and_the_approved_value(client, planted, role_user):
    figure = Figure.objects.get(indicator__code="SHOP", period__code="2015/16")
    url = reverse("indicators:figure-history", kwargs={"pk": figure.pk})
    client.force_login(planted["lead"])
    page = client.get(url).content.decode()
    assert contains(page, REVISED_SHOP) and contains(page, APPROVED_SHOP)
    assert "a revision of the approved figure, awaiting approval" in page
    # A member sees the approved states only: not the revision.
    client.force_login(role_user(Role.MEMBER, username="member"))
    page = client.get(url).content.decode()
    assert contains(page, APPROVED_SHOP) and not contains(page, REVISED_SHOP)


def test_another_organisations_draft_history_is_404_whatever_the_id(client, planted, role_user):
    draft = Figure.objects.get(indicator__code="VEH", period__code="2015/16")
    url = reverse("indicators:figure-history", kwargs={"pk": draft.pk})
    council = Organisation.objects.get(slug="hartlepool-borough-council")
    police = Organisation.objects.get(slug="cleveland-police")
    assert draft.indicator.source == police
    client.force_login(role_user(Role.OFFICER, username="council", organisation=council))
    assert client.get(url).status_code == 404
    client.force_login(role_user(Role.MEMBER, username="member"))
    assert client.get(url).status_code == 404
    client.force_login(role_user(Role.OFFICER, username="police", organisation=police))
    page = client.get(url)
    assert page.status_code == 200 and contains(page.content.decode(), DRAFT)
    client.force_login(planted["lead"])
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # sign in first


def test_the_indicator_page_links_only_histories_the_reader_may_open(client, planted, role_user):
    draft = Figure.objects.get(indicator__code="VEH", period__code="2015/16")
    council = Organisation.objects.get(slug="hartlepool-borough-council")
    client.force_login(role_user(Role.OFFICER, username="council", organisation=council))
    url = reverse("indicators:indicator-detail", kwargs={"code": "VEH"})
    page = client.get(url, {"area": "E06000001"}).content.decode()
    assert reverse("indicators:figure-history", kwargs={"pk": draft.pk}) not in page
    assert Area.objects.filter(code="E06000001").exists()


def test_pages_say_when_their_figures_were_computed_and_when_a_recompute_is_on_its_way(
    client, planted
):
    from shp.models import Job

    client.force_login(planted["lead"])
    page = dashboard(client).content.decode()
    assert "Figures as at" in page and "Recompute queued" not in page
    job = Job.objects.create(
        kind="comparisons-recompute", title="Recompute comparisons", created_by=planted["lead"]
    )
    page = dashboard(client).content.decode()
    assert "Recompute queued" in page and job.get_absolute_url() in page
    detail = client.get(
        reverse("indicators:indicator-detail", kwargs={"code": "SHOP"}), {"area": "E06000001"}
    ).content.decode()
    assert "Recompute queued" in detail and "Figures as at" in detail


def test_a_performance_report_keeps_the_figures_it_printed(client, planted):
    from indicators.models import PrintedReport

    client.force_login(planted["lead"])
    client.get(reverse("indicators:performance-report"), {"area": "E06000001", "period": "2015/16"})
    report = PrintedReport.objects.get()
    printed = {row["indicator"]: row for row in report.figures}
    assert printed["SHOP"]["current"] == str(APPROVED_SHOP)
    shop = Figure.objects.get(indicator__code="SHOP", period__code="2015/16")
    assert printed["SHOP"]["figure"] == [shop.pk, shop.version]
    assert report.made_by == planted["lead"] and report.basis == "approved"
