"""Where the time goes (pyinstrument), on a database the benchmark set up (bench/run's steps,
or a smaller set: BENCH_AREAS=40 BENCH_YEARS=4):

    python bench/profile.py recompute      a full recompute of the comparisons
    python bench/profile.py import FILE    an import of FILE whose counts are all changed by 1
    python bench/profile.py dashboard      ten warm requests to a member's dashboard

Each prints pyinstrument's call tree; bench/PROFILE.md says what the profiles showed.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from bench/
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shp.settings.local")

import django  # noqa: E402

django.setup()

from pyinstrument import Profiler  # noqa: E402


def recompute() -> None:
    from indicators.services.comparisons import comparisons_recompute

    comparisons_recompute()


def import_changed(path: Path) -> None:
    from indicators.models import Figure
    from indicators.services.imports import figures_import

    header, *rows = path.read_text().splitlines()

    def changed(row: str) -> str:
        start, value = row.rsplit(",", 1)
        return row if "." in value else f"{start},{int(value) + 1}"

    content = "\n".join([header, *map(changed, rows)]).encode()
    figures_import(
        content=content, filename=path.name, status=Figure.Status.APPROVED,
        max_bytes=len(content) + 1, recompute=False,
    )  # fmt: skip


def dashboard() -> None:
    from django.test import Client

    from indicators.models import Area, Period
    from shp import services
    from shp.models import User
    from shp.roles import Role

    member, _ = User.objects.get_or_create(username="bench-member")
    services.user_roles_set(user=member, roles={Role.MEMBER})
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(member)
    area = Area.objects.filter(kind="district").order_by("code").first().code
    year = Period.objects.filter(kind="financial_year").order_by("-start").first().code
    url = f"/indicators/dashboard/?area={area}&period={year}"
    client.get(url)  # fills the page cache
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(10):
        assert client.get(url).status_code == 200
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False))


if __name__ == "__main__":
    phase = sys.argv[1] if len(sys.argv) > 1 else ""
    if phase == "dashboard":
        dashboard()
        sys.exit(0)
    work = {"recompute": recompute, "import": lambda: import_changed(Path(sys.argv[2]))}
    if phase not in work:
        sys.exit(__doc__)
    profiler = Profiler(interval=0.002)
    profiler.start()
    work[phase]()
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False))
