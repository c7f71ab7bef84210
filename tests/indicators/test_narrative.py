"""The drafted summary: every number in it is read back from the seed's 2015/16 figures file and
checked, and the lead's saved summary reaches members only when its figures are all approved."""

import csv
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from indicators.models import Area, Narrative, Period
from indicators.narrative import NarrativeLine, narrative_draft
from indicators.reports import performance_appendix_html
from indicators.selectors.narrative import narrative_drafted
from indicators.services.comparisons import comparisons_recompute
from indicators.services.narrative import narrative_save
from indicators.services.uploads import figure_upload_apply, figure_upload_preview
from shp.errors import ApplicationError
from shp.roles import Role

pytestmark = pytest.mark.django_db

SEED = Path(settings.BASE_DIR) / "fixtures" / "indicators" / "seed_2015_16_figures.csv"


def seed_figures(area: str = "Hartlepool") -> dict[tuple[str, str], Decimal]:
    with SEED.open(newline="") as handle:
        return {
            (row["indicator"], row["period"]): Decimal(row["value"])
            for row in csv.DictReader(handle)
            if row["area"] == area and re.fullmatch(r"[0-9.]+", row["value"])
        }


def expected(figures, code: str) -> tuple[str, str]:
    """The % change (one decimal place, half away from zero) and the signed change, as printed."""
    now, before = figures[(code, "2015/16")], figures[(code, "2014/15")]
    change = now - before
    pct = (abs(change) / before * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    sign = "+" if change > 0 else "−"
    return f"{pct}%", f"{sign}{abs(change):,f}"


def test_the_seeds_2015_16_summary_quotes_the_seeds_own_figures(seed):
    figures = seed_figures()
    text = narrative_drafted(
        area=Area.objects.get(name="Hartlepool"), period=Period.objects.get(code="2015/16")
    )
    trc_pct, trc_change = expected(figures, "TRC")
    assert text.startswith(f"Total recorded crime rose {trc_pct} ({trc_change}) on 2014/15; ")
    # The figures, as published: 11.3% (+825), VAP +399, shoplifting +208, ASB −13.2%.
    assert (trc_pct, trc_change) == ("11.3%", "+825")
    _, vap = expected(figures, "VAP")
    _, shop = expected(figures, "SHOP")
    assert (
        f"the largest rises were violence against the person ({vap}) and shoplifting ({shop})."
        in text
    )
    asb_pct, asb_change = expected(figures, "ASB")
    assert f"Anti-social behaviour incidents fell {asb_pct} ({asb_change})" in text
    assert asb_pct == "13.2%"
    # Nothing else: every number in the text is one of those worked out from the file.
    allowed = {
        n.lstrip("+−").rstrip("%")
        for code in ("TRC", "VAP", "SHOP", "ASB", "ASB_NUIS", "ASB_ENV", "DELIB_FIRES")
        for n in expected(figures, code)
    } | {"2014", "15", "21", "22", "23"}  # the baseline's name and the ASB category codes
    numbers = set(re.findall(r"\d[\d,]*(?:\.\d)?", text))
    assert numbers <= allowed, numbers - allowed


def line(code, change, pct, ancestors=(), unit="%"):
    return NarrativeLine(code, code.title(), Decimal(change), pct, unit, tuple(ancestors))


def test_a_total_and_its_own_part_are_never_both_named():
    tables = [
        [
            line("ALL", "100", "10.0"),
            line("MID", "90", "20.0", ["ALL"]),  # a total of the two below: not named
            line("LEAF_A", "60", "30.0", ["MID", "ALL"]),
            line("LEAF_B", "30", "5.0", ["MID", "ALL"]),
            line("LEAF_C", "-40", "-8.0", ["ALL"]),  # a fall beside a rise: not named
        ]
    ]
    text = narrative_draft(tables=tables, baseline="2014/15")
    assert text == (
        "All rose 10.0% (+100) on 2014/15; the largest rises were leaf_A (+60) and leaf_B (+30)."
    )


def test_percentages_move_in_points_and_no_change_is_said_so():
    tables = [
        [line("REPEAT", "-2.9", "-2.9", unit="pp")],
        [line("FIRES", "0", "0.0")],
        [NarrativeLine("GONE", "Gone", None, "n/a", "%", ())],
    ]
    text = narrative_draft(tables=tables, baseline="2014/15")
    assert text == "Repeat fell 2.9 percentage points on 2014/15. Fires did not change."


@pytest.fixture
def saved(seed, role_user):
    lead = role_user(Role.PERFORMANCE_LEAD, username="lead")
    area, period = Area.objects.get(name="Hartlepool"), Period.objects.get(code="2015/16")
    narrative_save(user=lead, area=area, period=period, text="Summary 6619.", read_version=0)
    return {"lead": lead, "area": area, "period": period}


def dashboard(client, **query):
    response = client.get(
        reverse("indicators:dashboard"), {"area": "E06000001", "period": "2015/16", **query}
    )
    assert response.status_code == 200
    return response.content.decode()


def appendix(**options):
    return performance_appendix_html(
        options={"area": "Hartlepool", "period": "2015/16", "baseline": "2014/15", **options},
        with_charts=False,
    )


def test_the_saved_summary_reaches_members_the_report_and_the_appendix(client, saved, role_user):
    client.force_login(role_user(Role.MEMBER))
    assert "Summary 6619." in dashboard(client)
    assert "Summary 6619." in appendix()
    assert "Summary 6619." in appendix(public=True)


def test_a_report_against_another_baseline_leaves_the_summary_out(saved):
    from indicators import periods

    Period.objects.ensure([periods.parse("2013/14")])
    assert "Summary 6619." not in appendix(baseline="2013/14")
    assert "Summary 6619." in appendix()


def test_while_a_figure_awaits_approval_members_see_it_only_marked(client, saved, role_user):
    upload, _ = figure_upload_preview(
        user=saved["lead"],
        filename="revision.csv",
        content=b"area,indicator,period,value\nHartlepool,SHOP,2015/16,1301\n",
    )
    assert figure_upload_apply(upload=upload, user=saved["lead"]).revisions == 1
    comparisons_recompute()
    client.force_login(role_user(Role.MEMBER))
    assert "Summary 6619." not in dashboard(client)
    assert "Summary 6619." not in appendix()
    assert "Summary 6619." not in appendix(public=True)
    marked = dashboard(client, figures="provisional")
    assert "Summary 6619." in marked
    assert 'Summary <strong class="govuk-tag govuk-tag--orange">Provisional' in marked
    assert "(provisional)" in appendix(basis="provisional")


def test_the_lead_checks_the_draft_and_saves_it_with_its_history(client, seed, role_user):
    client.force_login(role_user(Role.PERFORMANCE_LEAD, username="lead"))
    url = reverse("indicators:narrative-edit", kwargs={"area": "E06000001"})
    page = client.get(url, {"period": "2015/16"}).content.decode()
    assert "Total recorded crime rose 11.3% (+825) on 2014/15" in page
    assert 'data-testid="drafted-narrative"' in page
    response = client.post(
        f"{url}?period=2015/16", {"text": "Crime rose 11.3%; checked.", "read_version": 0}
    )
    assert response.status_code == 302
    client.post(f"{url}?period=2015/16", {"text": "Crime rose 11.3%.", "read_version": 1})
    narrative = Narrative.objects.get()
    assert narrative.version == 2
    assert [h.text for h in narrative.history.order_by("history_date")] == [
        "Crime rose 11.3%; checked.",
        "Crime rose 11.3%.",
    ]
    assert "Crime rose 11.3%." in dashboard(client)


def test_a_stale_save_is_refused_with_both_texts(client, saved):
    client.force_login(saved["lead"])
    url = reverse("indicators:narrative-edit", kwargs={"area": "E06000001"})
    response = client.post(f"{url}?period=2015/16", {"text": "Mine.", "read_version": 0})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Theirs: “Summary 6619.”" in text and "Yours: “Mine.”" in text
    assert Narrative.objects.get().text == "Summary 6619."


@pytest.mark.parametrize(
    ("text", "message"), [("", "Enter the summary"), ("x" * 5001, "5,000 characters or fewer")]
)
def test_bad_input_is_refused_and_nothing_changes(client, saved, text, message):
    client.force_login(saved["lead"])
    url = reverse("indicators:narrative-edit", kwargs={"area": "E06000001"})
    response = client.post(f"{url}?period=2015/16", {"text": text, "read_version": 1})
    assert message in response.content.decode()
    assert Narrative.objects.get().text == "Summary 6619."


def test_an_unknown_area_or_period_is_not_found(client, saved):
    client.force_login(saved["lead"])
    url = reverse("indicators:narrative-edit", kwargs={"area": "E06000001"})
    assert client.get(url, {"period": "1999/00"}).status_code == 404
    assert client.get(url).status_code == 404
    other = reverse("indicators:narrative-edit", kwargs={"area": "NOPE"})
    assert client.get(other, {"period": "2015/16"}).status_code == 404


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.OFFICER, Role.DEMOCRATIC_SERVICES])
def test_only_the_lead_may_write_it(client, saved, role_user, role):
    if role is not None:
        client.force_login(role_user(role))
    url = reverse("indicators:narrative-edit", kwargs={"area": "E06000001"})
    response = client.post(f"{url}?period=2015/16", {"text": "Hijacked.", "read_version": 1})
    assert response.status_code in (302, 403)
    assert Narrative.objects.get().text == "Summary 6619."
    with pytest.raises(ApplicationError):
        narrative_save(
            user=role_user(Role.MEMBER, username="m2"),
            area=saved["area"],
            period=saved["period"],
            text="Hijacked.",
            read_version=1,
        )


def test_the_report_pdf_opens_with_the_summary_and_says_what_is_beyond_chance(
    client, saved, role_user
):
    import subprocess

    client.force_login(role_user(Role.MEMBER))
    response = client.get(
        reverse("indicators:performance-report"), {"area": "Hartlepool", "period": "2015/16"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Performance report: Hartlepool, 2015/16" in text
    assert "Summary 6619." in text
    assert "Beyond chance?" in text and "Significant rise" in text
    assert text.index("Summary 6619.") < text.index("Beyond chance?")
