"""One phase of the benchmark, in its own process so that its peak memory is its own.

    python bench/run_bench.py setup WORKDIR      create the catalogue and the CSV files
    python bench/run_bench.py copy FILE           the bare limit: PostgreSQL COPY of the file
    python bench/run_bench.py import FILE         import a file of figures (timed)
    python bench/run_bench.py recompute           recompute every comparison (timed)
    python bench/run_bench.py bare_recompute      the bare limit: pandas read, year-earlier
                                                  merge and COPY of as many rows
    python bench/run_bench.py pages               server time of the dashboard and other pages,
                                                  beside a trivial page in the same process
    python bench/run_bench.py packs               queries to compose packs of 1, 4 and 8 reports
    python bench/run_bench.py session             a member's session cookie (for the load test)
    python bench/run_bench.py recompute_after_quarter
                                                  one area's quarter changes; the recompute timed
    python bench/run_bench.py load_paths          the paths the load test asks for

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
        "years": len(national.YEARS),
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
        "rows": result.rows,
        "created": result.count("create"),
        "updated": result.count("update"),
        "unchanged": result.count("unchanged"),
        "seconds": round(seconds, 1),
        "rows_per_second": round(result.rows / seconds),
        "peak_mb": round(peak_mb()),
    }


def copy(path: Path) -> dict:
    """The bare limit of an import: COPY the same CSV into a table of the same four columns,
    no checks, no history."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute(
            "CREATE UNLOGGED TABLE bench_copy (area text, indicator text, period text, value text)"
        )
        with (
            path.open("rb") as handle,
            cursor.cursor.copy("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
        ):
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        cursor.execute("SELECT count(*) FROM bench_copy")
        rows = cursor.fetchone()[0]
        cursor.execute("DROP TABLE bench_copy")
    seconds = time.perf_counter() - started
    return {"rows": rows, "seconds": round(seconds, 2), "rows_per_second": round(rows / seconds)}


def bare_recompute() -> dict:
    """The bare limit of a recompute: read every figure with pandas, merge each with the same
    period a year earlier, and COPY as many rows as the recompute writes into a plain table."""
    import io

    import pandas as pd
    from django.db import connection

    from indicators.models import Comparison

    wanted = Comparison.all_bases.count()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT f.indicator_id, f.area_id, p.kind, p.start, f.approved_value "
            "FROM indicators_figure f JOIN indicators_period p ON p.id = f.period_id"
        )
        figures = pd.DataFrame(
            cursor.fetchall(), columns=["indicator", "area", "kind", "start", "value"]
        )
    figures["start"] = pd.to_datetime(figures["start"])
    before = figures.assign(start=figures["start"] + pd.DateOffset(years=1))
    merged = figures.merge(
        before, on=["indicator", "area", "kind", "start"], how="left", suffixes=("", "_before")
    )
    merged["change"] = merged["value"].astype(float) - merged["value_before"].astype(float)
    repeats = -(-wanted // max(len(merged), 1))  # as many rows as the recompute writes
    rows = pd.concat([merged] * repeats, ignore_index=True).iloc[:wanted]
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_bare")
        cursor.execute(
            "CREATE TABLE bench_bare (indicator int, area int, kind text, start date, "
            "value numeric, value_before numeric, change numeric)"
        )
        with cursor.cursor.copy("COPY bench_bare FROM STDIN WITH (FORMAT csv)") as copy:
            for first in range(0, len(rows), 250_000):
                buffer = io.StringIO()
                rows.iloc[first : first + 250_000].to_csv(buffer, header=False, index=False)
                copy.write(buffer.getvalue())
        cursor.execute("DROP TABLE bench_bare")
    seconds = time.perf_counter() - started
    return {"rows": len(rows), "seconds": round(seconds, 1), "peak_mb": round(peak_mb())}


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


PAGE_REPEATS = 100  # requests to each page: enough for a 95th percentile


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
        "trivial page (accessibility statement)": ["/accessibility/"],
        "dashboard (year)": [f"/indicators/dashboard/?area={a}&period={year}" for a in areas],
        "dashboard (quarter)": [f"/indicators/dashboard/?area={a}&period={quarter}" for a in areas],
        "indicator page": [f"/indicators/catalogue/{indicator}/?area={a}" for a in areas],
        "public page (quarter)": [
            f"/indicators/published/?area={a}&period={quarter}" for a in areas
        ],
    }
    cold = {name: [] for name in urls}
    for name, targets in urls.items():
        for url in targets:  # the first request after the recompute fills the page cache
            started = time.perf_counter()
            assert client.get(url).status_code == 200, url
            cold[name].append(time.perf_counter() - started)
    # The pages in turn, one request each per round, so that whatever else the machine does
    # meanwhile (autovacuum after the recompute, say) falls on every page alike.
    times = {name: [] for name in urls}
    queries = {name: [] for name in urls}
    for index in range(PAGE_REPEATS):
        for name, targets in urls.items():
            url = targets[index % len(targets)]
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times[name].append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            queries[name].append(len(captured))
    results = {}
    for name in urls:
        timed = sorted(times[name])
        results[name] = {
            "median_ms": round(statistics.median(timed) * 1000, 1),
            "p95_ms": round(statistics.quantiles(timed, n=20, method="inclusive")[-1] * 1000, 1),
            "max_ms": round(timed[-1] * 1000, 1),
            "queries": max(queries[name]),
            "cold_ms": round(max(cold[name]) * 1000, 1),
            "requests": len(timed),
        }
    results["peak_mb"] = round(peak_mb())
    return results


def recompute_after_quarter() -> dict:
    """One area's figures for the latest quarter change (as when an organisation's return is
    approved), then the recompute that follows is timed."""
    from indicators.models import Area, Period

    quarter = Period.objects.filter(kind="quarter").order_by("-start").first()
    area = Area.objects.filter(kind="district").order_by("code").first()
    figures = Figure.objects.filter(area=area, period=quarter, approved_value__isnull=False)
    lines = ["area,indicator,period,value"]
    for indicator_code, value in figures.values_list("indicator__code", "approved_value"):
        lines.append(f"{area.code},{indicator_code},{quarter.code},{value + 1}")
    figures_import(
        content="\n".join(lines).encode(), filename="quarter.csv",
        status=Figure.Status.APPROVED, recompute=False,
    )  # fmt: skip
    started = time.perf_counter()
    stored = comparisons_recompute(full=False)  # what the job queued by a save does
    seconds = time.perf_counter() - started
    return {
        "figures_changed": len(lines) - 1,
        "comparisons": stored,
        "seconds": round(seconds, 1),
        "peak_mb": round(peak_mb()),
    }


def load_paths() -> str:
    """The load test's paths: dashboards (member) and public pages for a few areas."""
    from indicators.models import Area, Period

    year = Period.objects.filter(kind="financial_year").order_by("-start").first().code
    quarter = Period.objects.filter(kind="quarter").order_by("-start").first().code
    paths = []
    for code in Area.objects.order_by("code").values_list("code", flat=True)[:10]:
        paths.append(f"M:/indicators/dashboard/?area={code}&period={year}")
        paths.append(f"/indicators/published/?area={code}&period={quarter.replace(' ', '%20')}")
    return " ".join(path.replace(" ", "%20") for path in paths)


def packs() -> dict:
    """Queries to compose the public pack of meetings with 1, 4 and 8 reports (each with an
    uploaded appendix), in a transaction rolled back afterwards."""
    import tempfile

    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext, override_settings

    from meetings.packs.compose import pack_compose
    from tests.meetings.factories import meeting_with_reports

    counts = {}
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        for reports in (1, 4, 8):
            meeting = meeting_with_reports(reports)
            meeting.refresh_from_db()
            with CaptureQueriesContext(connection) as captured:
                pack_compose(meeting=meeting, variant="public")
            counts[str(reports)] = len(captured)
        transaction.set_rollback(True)
    return counts


def session() -> dict:
    """A signed-in member's session cookie, for the load test's dashboard requests."""
    from django.test import Client

    from shp import services
    from shp.models import User
    from shp.roles import Role

    member, _ = User.objects.get_or_create(username="bench-member")
    services.user_roles_set(user=member, roles={Role.MEMBER})
    client = Client()
    client.force_login(member)
    return {"sessionid": client.cookies["sessionid"].value}


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
    elif phase == "copy":
        print(json.dumps(copy(Path(sys.argv[2]))))
    elif phase == "bare_recompute":
        print(json.dumps(bare_recompute()))
    elif phase == "packs":
        print(json.dumps(packs()))
    elif phase == "session":
        print(json.dumps(session()))
    elif phase == "recompute_after_quarter":
        print(json.dumps(recompute_after_quarter()))
    elif phase == "load_paths":
        print(load_paths())
    else:
        sys.exit(__doc__)
