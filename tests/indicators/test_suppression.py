"""Small-number suppression: primary (1 to 4) and secondary (so no total gives one away)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from indicators.models import Figure
from indicators.services.comparisons import comparisons_recompute
from indicators.services.imports import figures_import
from indicators.suppression import suppressed_cells


def D(values):
    return {key: (None if v is None else Decimal(v)) for key, v in values.items()}


def test_one_to_four_are_hidden_and_zero_and_five_are_not():
    values = D({"a": 0, "b": 1, "c": 4, "d": 5})
    primary, secondary = suppressed_cells(values, counts=set(values), relations=[])
    assert primary == {"b", "c"} and secondary == set()


def test_only_counts_are_suppressed():
    values = D({"pct": 3, "count": 3})
    primary, _ = suppressed_cells(values, counts={"count"}, relations=[])
    assert primary == {"count"}


def test_a_total_with_one_hidden_part_hides_the_smallest_other_part():
    values = D({"total": 40, "small": 3, "zero": 0, "mid": 12, "big": 25})
    primary, secondary = suppressed_cells(
        values, counts=set(values), relations=[("total", ["small", "zero", "mid", "big"])]
    )
    assert primary == {"small"}
    assert secondary == {"mid"}  # the smallest non-zero part: zero would give nothing away


def test_a_hidden_total_with_all_parts_shown_hides_a_part():
    values = D({"total": 4, "a": 0, "b": 4})
    primary, secondary = suppressed_cells(
        values, counts=set(values), relations=[("total", ["a", "b"])]
    )
    assert primary == {"total", "b"} and secondary == set()
    values = D({"total": 7, "a": 3, "b": 4})
    primary, secondary = suppressed_cells(
        values, counts=set(values), relations=[("total", ["a", "b"])]
    )
    assert primary == {"a", "b"} and secondary == set()


def test_secondary_suppression_follows_through_nested_relations():
    # force = d1 + d2 + d3 for each of two categories, and total = cat1 + cat2 in each area.
    values = D(
        {
            ("c1", "F"): 30,
            ("c1", "d1"): 2,
            ("c1", "d2"): 10,
            ("c1", "d3"): 18,
            ("c2", "F"): 60,
            ("c2", "d1"): 20,
            ("c2", "d2"): 15,
            ("c2", "d3"): 25,
            ("t", "F"): 90,
            ("t", "d1"): 22,
            ("t", "d2"): 25,
            ("t", "d3"): 43,
        }
    )
    relations = [((c, "F"), [(c, d) for d in ("d1", "d2", "d3")]) for c in ("c1", "c2", "t")]
    relations += [(("t", a), [("c1", a), ("c2", a)]) for a in ("F", "d1", "d2", "d3")]
    primary, secondary = suppressed_cells(values, counts=set(values), relations=relations)
    hidden = primary | secondary
    assert primary == {("c1", "d1")}
    for total, parts in relations:
        members = [total, *parts]
        assert sum(m in hidden for m in members) != 1, (total, hidden)


@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=2, max_size=6),
)
def test_no_relation_is_ever_left_with_a_single_hidden_member(parts):
    values = {f"p{i}": Decimal(v) for i, v in enumerate(parts)}
    values["total"] = Decimal(sum(parts))
    relations = [("total", [k for k in values if k != "total"])]
    primary, secondary = suppressed_cells(values, counts=set(values), relations=relations)
    hidden = primary | secondary
    assert sum(k in hidden for k in values) != 1
    assert primary == {k for k, v in values.items() if 1 <= v <= 4}


@pytest.mark.django_db
def test_the_public_page_shows_approved_figures_only_and_suppresses_small_counts(client, catalogue):
    rows = (
        "area,indicator,period,value\n"
        "Hartlepool,VAP,2016/17 Q1,500\nHartlepool,HOMICIDE,2016/17 Q1,2\n"
        "Hartlepool,VWI,2016/17 Q1,200\nHartlepool,VWOI,2016/17 Q1,298\n"
    )
    figures_import(content=rows.encode(), filename="a.csv", status="approved", recompute=False)
    figures_import(
        content=b"area,indicator,period,value\nHartlepool,SHOP,2016/17 Q1,987\n",
        filename="draft.csv",
        recompute=False,
    )
    comparisons_recompute()  # as the job queued by an import does: it stores what is public
    page = client.get(
        reverse("indicators:public-performance"), {"area": "E06000001", "period": "2016/17 Q1"}
    ).content.decode()
    assert "Violence against the person" in page and "500" in page
    assert "fewer than 5" in page
    assert "not shown" in page  # violence with injury, the smaller other part
    assert "200" not in page and "298" in page
    assert "Shoplifting" not in page and "987" not in page  # a draft is never public
    assert Figure.objects.filter(status="draft").count() == 1
    assert (
        client.get(reverse("indicators:public-performance"), {"period": "1999/00"}).status_code
        == 404
    )


@pytest.mark.django_db
def test_a_year_is_added_up_for_the_public_only_from_all_its_approved_quarters(client, catalogue):
    quarters = "".join(f"Hartlepool,SHOP,2016/17 Q{q},{100 + q}\n" for q in range(1, 5))
    quarters += "".join(f"Hartlepool,VEH,2016/17 Q{q},{50 + q}\n" for q in range(1, 4))
    figures_import(
        content=("area,indicator,period,value\n" + quarters).encode(),
        filename="q.csv",
        status="approved",
        recompute=False,
    )
    figures_import(
        content=b"area,indicator,period,value\nHartlepool,VEH,2016/17 Q4,60\n",
        filename="draft.csv",
        recompute=False,
    )
    comparisons_recompute()
    url = reverse("indicators:public-performance")
    page = client.get(url, {"area": "E06000001", "period": "2016/17"}).content.decode()
    assert str(sum(100 + q for q in range(1, 5))) in page  # all four quarters approved
    assert "Shoplifting" in page
    assert "Vehicle offences" not in page  # one quarter still a draft: no year total
