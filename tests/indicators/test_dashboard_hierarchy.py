"""The dashboard's table as the catalogue's hierarchy, and the words where RAG and direction
seem to disagree."""

import re

import pytest
from django.urls import reverse

from indicators.arithmetic import Direction
from indicators.hierarchy import in_hierarchy
from indicators.models import Comparison, Indicator
from indicators.reasons import rag_direction_reason
from shp.roles import Role
from shp.templatetags.shp_tags import figure

pytestmark = pytest.mark.django_db
URL = reverse("indicators:dashboard")


def _rows(body: str) -> list[tuple[str, str, str]]:
    """(depth class, code, ancestors) of each row of the table's body, in page order."""
    table = body.split('class="govuk-table shp-yoy-table"')[1].split("</table>")[0]
    rows = []
    for tag in re.findall(r"<tr ([^>]*data-code[^>]*)>", table):
        attrs = dict(re.findall(r'([a-z-]+)="([^"]*)"', tag))
        depth = re.search(r"shp-depth-\d", attrs["class"]).group()
        rows.append((depth, attrs["data-code"], attrs.get("data-ancestors", "")))
    return rows


def test_each_total_comes_first_with_its_parts_indented_beneath(client, role_user, seed):
    client.force_login(role_user(Role.MEMBER))
    rows = _rows(client.get(URL, {"area": "E06000001", "period": "2015/16"}).content.decode())
    parents = dict(Indicator.objects.values_list("code", "parent__code"))
    shown = [code for _, code, _ in rows]
    assert (
        len(shown)
        == Comparison.objects.filter(area__code="E06000001", period__code="2015/16").count()
    )
    chains = {code: ancestors.split() for _, code, ancestors in rows}
    nested = [(depth, code, ancestors) for depth, code, ancestors in rows if ancestors]
    assert nested, "the seed has parts under totals"
    for depth, code, ancestors in nested:
        chain = ancestors.split()
        assert chain[-1] == parents[code]  # the nearest total is its parent
        assert depth == f"shp-depth-{len(chain)}"
        assert shown.index(chain[-1]) < shown.index(code)  # the total comes first
        between = shown[shown.index(chain[-1]) + 1 : shown.index(code)]
        assert all(chain[-1] in chains[b] for b in between)  # only its total's other parts


def test_a_column_sort_gives_a_flat_list(client, role_user, seed):
    client.force_login(role_user(Role.MEMBER))
    query = {"area": "E06000001", "period": "2015/16", "sort": "pct_change_1dp"}
    rows = _rows(client.get(URL, query).content.decode())
    assert {depth for depth, _, _ in rows} == {"shp-depth-0"}


def test_a_part_whose_total_is_filtered_out_stands_at_the_top(seed):
    rows = list(
        Comparison.objects.filter(area__code="E06000001", period__code="2015/16")
        .select_related("indicator")
        .exclude(indicator__code="TRC")
    )
    ordered = in_hierarchy(rows)
    assert len(ordered) == len(rows)
    orphans = [
        row for row in ordered if row.indicator.parent and row.indicator.parent.code == "TRC"
    ]
    assert orphans and all(row.depth == 0 for row in orphans)


@pytest.mark.parametrize(
    ("rag", "direction", "words"),
    [
        ("green", Direction.WORSENED, "Worse than a year earlier, but still meeting its target"),
        ("red", Direction.IMPROVED, "Better than a year earlier, but not yet meeting its target"),
        ("amber", Direction.IMPROVED, "Better than a year earlier, but only just short of"),
        ("green", Direction.IMPROVED, ""),
        ("red", Direction.WORSENED, ""),
        ("", Direction.WORSENED, ""),
    ],
)
def test_a_reason_only_where_rag_and_direction_disagree(rag, direction, words):
    reason = rag_direction_reason(rag=rag, direction=direction)
    assert reason.startswith(words) if words else reason == ""


def test_the_dashboard_labels_rag_and_direction_and_gives_the_reason(client, role_user, seed):
    client.force_login(role_user(Role.MEMBER))
    body = client.get(URL, {"area": "E06000001", "period": "2015/16"}).content.decode()
    assert "RAG (against target)" in body and "Direction (against last year)" in body
    disagree = [
        c
        for c in Comparison.objects.filter(area__code="E06000001", period__code="2015/16")
        if c.rag_reason
    ]
    for row in disagree:
        assert row.rag_reason in body
    table = body.split('class="govuk-table shp-yoy-table"')[1]
    assert (
        table.count("RAG rule:")
        == Comparison.objects.filter(area__code="E06000001", period__code="2015/16")
        .exclude(rag_rule="")
        .count()
    )  # once per row that has one, in its details


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        ("8133.0000", None, "8,133"),
        ("-825", None, "-825"),
        ("1234.5", 1, "1,234.5"),
        ("20.0", 1, "20.0"),
        ("not available", None, "not available"),
        (None, None, ""),
    ],
)
def test_figures_carry_thousands_separators(value, places, shown):
    assert figure(value, places) == shown
