"""Population and household denominators by area and year, including force areas' sums."""

from dataclasses import dataclass

from indicators.models import Area, Denominator


@dataclass(frozen=True)
class DenominatorTable:
    """Denominators by (area id, year, 'population'|'households'); a year without its own
    estimate uses the latest earlier one, and a force area without its own uses its districts'."""

    values: dict[tuple[int, int, str], int]
    districts_of: dict[int, list[int]]

    @classmethod
    def load(cls) -> "DenominatorTable":
        values = {}
        for d in Denominator.objects.all():
            values[(d.area_id, d.year, "population")] = d.population
            if d.households:
                values[(d.area_id, d.year, "households")] = d.households
        districts_of: dict[int, list[int]] = {}
        for area_id, parent_id in Area.objects.filter(parent__isnull=False).values_list(
            "pk", "parent_id"
        ):
            districts_of.setdefault(parent_id, []).append(area_id)
        return cls(values, districts_of)

    def get(self, area_id: int, year: int, kind: str) -> int | None:
        return self.get_with_year(area_id, year, kind)[0]

    def get_with_year(self, area_id: int, year: int, kind: str) -> tuple[int | None, int | None]:
        """The denominator and the year of the estimate used (None, None if there is none)."""
        if not kind:
            return None, None
        own = self._latest(area_id, year, kind)
        if own[0] is not None:
            return own
        districts = self.districts_of.get(area_id)
        if not districts:
            return None, None
        parts = [self._latest(district, year, kind) for district in districts]
        if any(value is None for value, _ in parts):
            return None, None
        return sum(value for value, _ in parts), min(used for _, used in parts)

    def _latest(self, area_id: int, year: int, kind: str) -> tuple[int | None, int | None]:
        for candidate in range(year, year - 10, -1):
            value = self.values.get((area_id, candidate, kind))
            if value is not None:
                return value, candidate
        return None, None


def denominator_year(spec) -> int:
    """Which mid-year estimate a period uses: its calendar year, or its financial year's start."""
    from indicators.periods import PeriodKind

    if spec.kind == PeriodKind.CALENDAR_YEAR:
        return spec.start.year
    return spec.financial_year
