"""One phase of the benchmark, in its own process so that its peak memory is its own.

    python bench/run_bench.py setup WORKDIR      create the catalogue and the CSV files
    python bench/run_bench.py import FILE         import a file of figures (timed)
    python bench/run_bench.py recompute           recompute every comparison (timed)

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
        "check": Comparison.objects.count(),
    }


if __name__ == "__main__":
    phase = sys.argv[1]
    if phase == "setup":
        print(json.dumps(setup(Path(sys.argv[2]))))
    elif phase == "import":
        print(json.dumps(import_file(Path(sys.argv[2]))))
    elif phase == "recompute":
        print(json.dumps(recompute()))
    else:
        sys.exit(__doc__)
