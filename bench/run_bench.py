"""One phase of the benchmark, in its own process so that its peak memory is its own.

    python bench/run_bench.py setup WORKDIR      create the catalogue and the CSV files
    python bench/run_bench.py import FILE         import a file of figures (timed)
    python bench/run_bench.py recompute           recompute every comparison (timed)
    python bench/run_bench.py pages               server time of the dashboard and other pages

Each phase prints one line of JSON with what it measured.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from bench/
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shp.settings.local")

import django  # noqa: E402

django.setup()

from bench import national  # noqa: E402
from indicators.models import Comparison, Figure  # noqa: E402
from indicators.services.comparisons import comparisons_recompute  # noqa: E402
from indicators.services.imports import figures_import  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup(workdir: Path) -> dict:
    areas, indicators = national.create_catalogue()
    one_million = national.write_figures_csv(
        workdir / "import_1m.csv", areas, indicators, limit=1_000_000
    )
    everything = national.write_figures_csv(workdir / "all.csv", areas, indicators)
    return {
        "areas": len(areas),
        "indicators": len(indicators),
        "import_rows": one_million,
        "all_rows": everything,
        "import_mb": round((workdir / "import_1m.csv").stat().st_size / 1e6, 1),
    }


def import_file(path: Path) -> dict:
    content = path.read_bytes()
    started = time.perf_counter()
    result = figures_import(
        content=content,
        filename=path.name,
        status=Figure.Status.APPROVED,
        max_bytes=len(content) + 1,
        recompute=False,
    )
    seconds = time.perf_counter() - started
    return {
        "file": path.name,
        "rows": len(result.changes),
        "created": result.count("create"),
        "updated": result.count("update"),
        "unchanged": result.count("unchanged"),
        "seconds": round(seconds, 1),
        "rows_per_second": round(len(result.changes) / seconds),
        "peak_mb": round(peak_mb()),
    }


def recompute() -> dict:
    figures = Figure.objects.count()
    started = time.perf_counter()
    stored = comparisons_recompute()
    seconds = time.perf_counter() - started
    return {
        "figures": figures,
        "comparisons": stored,
        "seconds": round(seconds, 1),
        "peak_mb": round(peak_mb()),
        "check": Comparison.all_bases.count(),
    }


PAGE_REPEATS = 15


def pages() -> dict:
    """Server time (the whole Django stack, no network) and queries of the pages members and
    the public read, for several areas and periods, after the recompute."""
    import statistics

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from indicators.models import Area, Indicator, Period
    from shp import services
    from shp.models import User
    from shp.roles import Role

    member, _ = User.objects.get_or_create(username="bench-member")
    services.user_roles_set(user=member, roles={Role.MEMBER})
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(member)
    areas = list(Area.objects.order_by("?").values_list("code", flat=True)[:3])
    year = Period.objects.filter(kind="financial_year").order_by("-start").first().code
    quarter = Period.objects.filter(kind="quarter").order_by("-start").first().code
    indicator = Indicator.objects.filter(parent__isnull=True).first().code
    urls = {
        "dashboard (year)": [f"/indicators/dashboard/?area={a}&period={year}" for a in areas],
        "dashboard (quarter)": [f"/indicators/dashboard/?area={a}&period={quarter}" for a in areas],
        "indicator page": [f"/indicators/catalogue/{indicator}/?area={a}" for a in areas],
        "public page (quarter)": [
            f"/indicators/published/?area={a}&period={quarter}" for a in areas
        ],
    }
    results = {}
    for name, targets in urls.items():
        times, queries = [], []
        for index in range(PAGE_REPEATS):
            url = targets[index % len(targets)]
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            queries.append(len(captured))
        times.sort()
        results[name] = {
            "median_ms": round(statistics.median(times) * 1000),
            "max_ms": round(times[-1] * 1000),
            "queries": max(queries),
            "requests": len(times),
        }
    results["peak_mb"] = round(peak_mb())
    return results


if __name__ == "__main__":
    phase = sys.argv[1]
    if phase == "setup":
        print(json.dumps(setup(Path(sys.argv[2]))))
    elif phase == "import":
        print(json.dumps(import_file(Path(sys.argv[2]))))
    elif phase == "recompute":
        print(json.dumps(recompute()))
    elif phase == "pages":
        print(json.dumps(pages()))
    else:
        sys.exit(__doc__)
