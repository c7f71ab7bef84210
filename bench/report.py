"""Write bench/RESULTS.md from the JSON lines the benchmark phases printed, each measure beside
its bare limit and its goal (issue: national scale).

    python bench/report.py wrk FILE          wrk's output as one line of JSON
    python bench/report.py results JSON...   the markdown file (see bench/run for the order)
"""

import json
import os
import platform
import re
import sys
from datetime import date
from pathlib import Path

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def memory_gb() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    return "unknown"


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(path: str) -> dict:
    """Requests per second, latency percentiles and errors from wrk's --latency output."""
    text = Path(path).read_text()
    percentiles = {
        f"p{p}_ms": round(_ms(v), 1) for p, v in re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", text, re.M)
    }
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in sockets.groups()) if sockets else 0),
        **percentiles,
    }


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def results(args: list[str]) -> str:
    setup, copy, import1, import2, recompute, bare, quarter, pages, packs, load = (
        json.loads(a) for a in args[:10]
    )
    postgres = args[10]
    import_ratio = copy["seconds"] / import1["seconds"]
    per_row = recompute["seconds"] / recompute["comparisons"]
    bare_per_row = bare["seconds"] / bare["rows"]
    recompute_ratio = per_row / bare_per_row
    trivial = pages.pop("trivial page (accessibility statement)")
    peak_pages = pages.pop("peak_mb")
    dashboard = pages["dashboard (year)"]
    public = pages["public page (quarter)"]
    dashboard_ratio = dashboard["p95_ms"] / trivial["p95_ms"]
    public_ratio = public["p95_ms"] / trivial["p95_ms"]
    constant = len(set(packs.values())) == 1
    load_ok = load["errors"] == 0 and load.get("p99_ms", 1e9) <= 500
    table = [
        (
            "import of 1,000,000 rows with full validation, vs COPY of the same file",
            f"{import1['seconds']} s ({import1['rows_per_second']:,} rows/s)",
            f"{copy['seconds']} s ({copy['rows_per_second']:,} rows/s)",
            f"{import_ratio:.3f}× COPY",
            "≥ 0.3× COPY",
            _met(import_ratio >= 0.3),
        ),
        (
            f"full recompute of {recompute['figures']:,} figures → {recompute['comparisons']:,} "
            "comparisons, vs a bare pandas read + year-earlier merge + COPY of as many rows",
            f"{recompute['seconds']} s, peak {recompute['peak_mb']:,} MB",
            f"{bare['seconds']} s, peak {bare['peak_mb']:,} MB",
            f"{recompute_ratio:.1f}× per row written",
            "≤ 2× per row, peak ≤ 1,024 MB",
            _met(recompute_ratio <= 2 and recompute["peak_mb"] <= 1024),
        ),
        (
            f"recompute after one area's quarter changes ({quarter['figures_changed']} figures)",
            f"{quarter['seconds']} s",
            "—",
            "—",
            "≤ 2 s",
            _met(quarter["seconds"] <= 2),
        ),
        (
            "member's dashboard p95, vs a trivial page (the accessibility statement)",
            f"{dashboard['p95_ms']} ms",
            f"{trivial['p95_ms']} ms",
            f"{dashboard_ratio:.2f}×",
            "≤ 3×",
            _met(dashboard_ratio <= 3),
        ),
        (
            "public figures page p95, vs the same trivial page",
            f"{public['p95_ms']} ms",
            f"{trivial['p95_ms']} ms",
            f"{public_ratio:.2f}×",
            "≤ 3×",
            _met(public_ratio <= 3),
        ),
        (
            "agenda pack composition queries, 1 / 4 / 8 reports",
            " / ".join(str(packs[k]) for k in ("1", "4", "8")),
            "—",
            "—",
            "constant",
            _met(constant),
        ),
        (
            "gunicorn (4 workers, database connections kept as in production), 50 concurrent "
            "clients for a minute (wrk), dashboards and "
            "public pages in turn, each opened once before the minute",
            f"{load['rps']:.1f} requests/s, p50 {load.get('p50_ms')} ms, "
            f"p99 {load.get('p99_ms')} ms, {load['errors']} errors",
            "—",
            "—",
            "0 errors, p99 ≤ 500 ms",
            _met(load_ok),
        ),
    ]
    rows = "\n".join("| " + " | ".join(str(c) for c in row) + " |" for row in table)
    page_rows = "\n".join(
        f"| {name} | {p['cold_ms']:,} | {p['requests']} | {p['median_ms']:,} | {p['p95_ms']:,} "
        f"| {p['max_ms']:,} | {p['queries']} |"
        for name, p in {"trivial page (accessibility statement)": trivial, **pages}.items()
    )
    return f"""# Benchmark results

Measured by `bench/run` in one run on {date.today():%-d %B %Y}, on one throwaway PostgreSQL.

Machine: {cpu_model()}, {os.cpu_count()} cores, {memory_gb()} memory; {platform.platform()};
Python {platform.python_version()}; {postgres} (throwaway cluster, fsync off).

Data set: {setup["areas"]} areas (districts grouped into forces) × {setup["indicators"]} indicators
× {setup["years"]} financial years of quarters = {setup["all_rows"]:,} entered figures (generated, seeded:
`bench/national.py`). The 1,000,000-row file is {setup["import_mb"]} MB.

## Each measure beside its bare limit

| measure | measured | bare limit | ratio | goal | |
| --- | --- | --- | --- | --- | --- |
{rows}

Importing the whole set again ({import2["created"]:,} new, {import2["updated"]:,} changed,
{import2["unchanged"]:,} unchanged rows) took {import2["seconds"]} s, peak
{import2["peak_mb"]:,} MB. Where a goal is not met, `bench/PROFILE.md` says where the time goes.

## Pages on the national-scale data

Server time of each page through the whole Django stack (Django's test client in one process,
signed in as a partnership member, no network). After the recompute, the first request to each
page for three random areas fills the page cache (its time is given apart); then
{trivial["requests"]} requests to each page, spread over those areas and the pages taken in turn,
are timed. Peak memory of that process:
{peak_pages:,} MB.

| page | first request ms (cache empty) | requests | median ms | p95 ms | slowest ms | SQL queries |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
{page_rows}
"""


if __name__ == "__main__":
    if sys.argv[1] == "wrk":
        print(json.dumps(wrk(sys.argv[2])))
    elif sys.argv[1] == "results":
        print(results(sys.argv[2:]))
    else:
        sys.exit(__doc__)
