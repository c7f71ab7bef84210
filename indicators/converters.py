"""URL converters: a financial quarter as ``2016-17-q1``."""

from indicators import periods


def quarter_slug(spec: periods.PeriodSpec) -> str:
    """``2016/17 Q1`` → ``2016-17-q1``."""
    return spec.code.replace("/", "-").replace(" ", "-").lower()


class QuarterConverter:
    regex = r"[0-9]{4}-[0-9]{2}-q[1-4]"

    def to_python(self, value: str) -> periods.PeriodSpec:
        try:
            return periods.parse(value[:7] + " " + value[8:])
        except periods.PeriodError as error:
            raise ValueError(str(error)) from None

    def to_url(self, value) -> str:
        if isinstance(value, str):
            value = periods.parse(value)
        return quarter_slug(value)
