"""Generate a national-scale data set: about 350 areas × 80 indicators × 12 years of quarters.

The catalogue is synthetic (codes BENCH_*), with the same shape as the real one: totals made of
parts, counts, percentages and rates, areas grouped into forces. Values are random but seeded, so
every run measures the same work.
"""

import csv
import os
import random
from pathlib import Path

from django.db import transaction

from indicators.models import Area, Denominator, Indicator

AREAS = int(os.environ.get("BENCH_AREAS", "350"))  # fewer for a quick trial of bench/run
AREAS_PER_FORCE = 8
INDICATORS = 80
YEARS = range(2018 - int(os.environ.get("BENCH_YEARS", "12")), 2018)  # to 2017/18


@transaction.atomic
def create_catalogue() -> tuple[list[Area], list[Indicator]]:
    """Areas (grouped into forces), their denominators and a synthetic indicator catalogue."""
    forces = [
        Area.objects.create(code=f"BF{f:03d}", name=f"Bench force {f}", kind=Area.Kind.FORCE)
        for f in range(AREAS // AREAS_PER_FORCE + 1)
    ]
    districts = []
    for a in range(AREAS - len(forces)):
        districts.append(
            Area.objects.create(
                code=f"BD{a:04d}",
                name=f"Bench district {a}",
                kind=Area.Kind.DISTRICT,
                parent=forces[a // AREAS_PER_FORCE],
            )
        )
    Denominator.objects.bulk_create(
        Denominator(
            area=d,
            year=y,
            population=100_000 + 37 * d.pk,
            population_source="bench",
            households=45_000 + 11 * d.pk,
            households_source="bench",
        )
        for d in districts
        for y in YEARS
    )
    indicators = []
    # 10 totals of 5 parts each (60), 10 stand-alone counts, 5 percentages, 5 rates.
    for t in range(10):
        total = Indicator.objects.create(
            code=f"BENCH_T{t}",
            name=f"Bench total {t}",
            theme="victim_based",
            rate_denominator="population",
        )
        indicators.append(total)
        for p in range(5):
            indicators.append(
                Indicator.objects.create(
                    code=f"BENCH_T{t}_P{p}",
                    name=f"Bench total {t} part {p}",
                    theme="victim_based",
                    parent=total,
                    parent_rule="sum",
                    rate_denominator="population",
                )
            )
    for c in range(10):
        indicators.append(
            Indicator.objects.create(code=f"BENCH_C{c}", name=f"Bench count {c}", theme="asb")
        )
    for c in range(5):
        indicators.append(
            Indicator.objects.create(
                code=f"BENCH_PCT{c}",
                name=f"Bench percentage {c}",
                theme="substance_misuse",
                unit="percentage",
                polarity="higher",
            )
        )
    for c in range(5):
        indicators.append(
            Indicator.objects.create(
                code=f"BENCH_R{c}", name=f"Bench rate {c}", theme="offending", unit="rate"
            )
        )
    assert len(indicators) == INDICATORS
    return forces + districts, indicators


def write_figures_csv(path: Path, areas, indicators, *, limit: int | None = None) -> int:
    """Quarterly figures for every area and indicator; parts sum exactly to their totals."""
    rng = random.Random(2016)
    rows = 0
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["area", "indicator", "period", "value"])
        districts = [a for a in areas if a.kind == Area.Kind.DISTRICT]
        by_parent: dict[int, list] = {}
        for indicator in indicators:
            if indicator.parent_id:
                by_parent.setdefault(indicator.parent_id, []).append(indicator)
        for area in districts:
            for year in YEARS:
                for quarter in range(1, 5):
                    period = f"{year}/{(year + 1) % 100:02d} Q{quarter}"
                    for indicator in indicators:
                        if indicator.parent_id:
                            continue
                        if indicator.unit == "percentage":
                            value = f"{rng.uniform(0, 100):.1f}"
                        elif indicator.unit == "rate":
                            value = f"{rng.uniform(0, 50):.2f}"
                        elif indicator.pk in by_parent:
                            parts = [rng.randint(0, 400) for _ in by_parent[indicator.pk]]
                            for part, count in zip(by_parent[indicator.pk], parts, strict=True):
                                writer.writerow([area.code, part.code, period, count])
                                rows += 1
                            value = str(sum(parts))
                        else:
                            value = str(rng.randint(0, 2000))
                        writer.writerow([area.code, indicator.code, period, value])
                        rows += 1
                        if limit and rows >= limit:
                            return rows
    return rows
