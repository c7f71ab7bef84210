"""yoy_table and derive_denominators from the command line."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_yoy_table_csv_has_one_row_per_indicator_with_the_published_columns(seed):
    text = run("yoy_table", "--area", "Hartlepool", "--period", "2015/16", "--baseline", "2014/15")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [
        "indicator",
        "name",
        "baseline",
        "current",
        "change",
        "pct_change",
        "change_unit",
        "rate_per_1000",
        "direction",
        "target_status",
        "rag",
        "warnings",
    ]
    by_code = {row["indicator"]: row for row in rows}
    assert len(by_code) == len(rows)
    trc = by_code["TRC"]
    assert (trc["baseline"], trc["current"], trc["change"], trc["pct_change"]) == (
        "7308",
        "8133",
        "825",
        "11.3",
    )
    assert "printed a change of 29" in by_code["DELIB_FIRES"]["warnings"]


def test_yoy_table_json_and_a_non_standard_baseline(seed):
    # Comparing 2015/16 with itself: every change is zero, worked out by the same arithmetic.
    rows = json.loads(
        run(
            "yoy_table",
            "--area",
            "hartlepool",
            "--period",
            "2015-16",
            "--baseline",
            "2015/16",
            "--format",
            "json",
        )
    )
    trc = next(row for row in rows if row["indicator"] == "TRC")
    assert (trc["change"], trc["pct_change"], trc["direction"]) == ("0", "0.0", "no change")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--area", "Atlantis", "--period", "2015/16", "--baseline", "2014/15"),
            "not a known area",
        ),
        (
            ("--area", "Hartlepol", "--period", "2015/16", "--baseline", "2014/15"),
            "Did you mean Hartlepool",
        ),
        (
            ("--area", "Hartlepool", "--period", "2015/17", "--baseline", "2014/15"),
            "not a financial year",
        ),
        (
            ("--area", "Hartlepool", "--period", "2030/31", "--baseline", "2029/30"),
            "There are no figures for 2030/31",
        ),
    ],
)
def test_yoy_table_bad_arguments(seed, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("yoy_table", *args)


def test_derive_denominators_prints_the_ranges(seed):
    text = run("derive_denominators")
    assert "Hartlepool" in text and "population" in text and "91,108" in text


def test_recompute_comparisons_stores_both_bases(catalogue):
    from io import StringIO

    from django.core.management import call_command

    from indicators.models import Basis, Comparison
    from indicators.services.imports import figures_import

    figures_import(
        content=b"area,indicator,period,value\nHartlepool,SHOP,2015/16,12\n",
        filename="f.csv",
        recompute=False,
    )
    out = StringIO()
    call_command("recompute_comparisons", stdout=out)
    assert "Recomputed" in out.getvalue()
    assert not Comparison.objects.filter(indicator__code="SHOP").exists()  # a draft
    assert (
        Comparison.on_basis(Basis.PROVISIONAL)
        .get(indicator__code="SHOP", area__name="Hartlepool")
        .provisional
    )
