"""The seed's 2015/16 performance appendix, loaded through the same services as any upload."""

from django.conf import settings

from indicators.models import Figure
from indicators.services.comparisons import comparisons_recompute
from indicators.services.imports import figures_import
from indicators.services.reference import published_values_import, targets_import

FIXTURES = (
    "indicators/areas.json",
    "indicators/catalogue.json",
    "indicators/report_definitions.json",
)
SEED = settings.BASE_DIR / "fixtures" / "indicators"


def demo_load() -> list[str]:
    """Import the seed figures, targets and published tables, then compute the comparisons."""
    figures = SEED / "seed_2015_16_figures.csv"
    result = figures_import(
        content=figures.read_bytes(),
        filename=figures.name,
        status=Figure.Status.APPROVED,
        recompute=False,
    )
    targets = targets_import(content=(SEED / "seed_2015_16_targets.csv").read_bytes())
    published = published_values_import(content=(SEED / "seed_2015_16_published.csv").read_bytes())
    comparisons = comparisons_recompute()
    return [
        f"Figures: {result.count('create')} new, {result.count('update')} updated, "
        f"{result.count('unchanged')} unchanged",
        f"Targets: {targets}; published table rows: {published}; comparisons: {comparisons}",
    ]
