"""Write bench/RESULTS.md from the JSON lines the benchmark phases printed."""

import json
import os
import platform
import sys
from datetime import date
from pathlib import Path


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


setup, import1, import2, recompute, recompute2 = (json.loads(a) for a in sys.argv[1:6])
postgres = sys.argv[6]
print(f"""# Benchmark results

Measured by `bench/run` on {date.today():%-d %B %Y}.

Machine: {cpu_model()}, {os.cpu_count()} cores, {memory_gb()} memory; {platform.platform()};
Python {platform.python_version()}; {postgres} (throwaway cluster, fsync off).

Data set: {setup["areas"]} areas (districts grouped into forces) × {setup["indicators"]} indicators
× 12 financial years of quarters = {setup["all_rows"]:,} entered figures (generated, seeded:
`bench/national.py`). The 1,000,000-row file is {setup["import_mb"]} MB.

| what | rows | seconds | rows per second | peak memory of the process |
| --- | ---: | ---: | ---: | ---: |
| import a 1,000,000-row CSV (all new) | {import1["rows"]:,} | {import1["seconds"]} | {import1["rows_per_second"]:,} | {import1["peak_mb"]:,} MB |
| import the whole set ({import2["created"]:,} new, {import2["updated"]:,} changed, {import2["unchanged"]:,} unchanged) | {import2["rows"]:,} | {import2["seconds"]} | {import2["rows_per_second"]:,} | {import2["peak_mb"]:,} MB |
| full recompute of comparisons ({recompute["figures"]:,} figures → {recompute["comparisons"]:,} comparisons) | {recompute["comparisons"]:,} | {recompute["seconds"]} | {round(recompute["comparisons"] / recompute["seconds"]):,} | {recompute["peak_mb"]:,} MB |
| the same recompute run again | {recompute2["comparisons"]:,} | {recompute2["seconds"]} | {round(recompute2["comparisons"] / recompute2["seconds"]):,} | {recompute2["peak_mb"]:,} MB |

The recompute derives the longer periods (financial and calendar years, year to date, rolling 12
months), the totals from their parts and the force areas from their districts, then compares each
value with the same period a year earlier; that is why there are more comparisons than figures.
""")

pages = json.loads(sys.argv[7]) if len(sys.argv) > 7 else None
if pages:
    peak = pages.pop("peak_mb")
    rows = "\n".join(
        f"| {name} | {p['requests']} | {p['median_ms']:,} | {p['max_ms']:,} | {p['queries']} |"
        for name, p in pages.items()
    )
    print(f"""## Pages on the national-scale data

Server time of each page through the whole Django stack (Django's test client in one process,
signed in as a partnership member, no network), over {next(iter(pages.values()))["requests"]}
requests spread over three random areas, after the recompute (the slowest is usually the first
request, on a cold database cache). Peak memory of that process:
{peak:,} MB.

| page | requests | median ms | slowest ms | SQL queries |
| --- | ---: | ---: | ---: | ---: |
{rows}
""")
