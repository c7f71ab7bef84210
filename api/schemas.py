"""The shapes of the API's answers (pydantic, through django-ninja)."""

from datetime import date

from ninja import Schema


class ErrorOut(Schema):
    """A refused request: the reasons (one per bad parameter), or one sentence."""

    detail: list[dict] | str


class AreaOut(Schema):
    code: str
    name: str
    kind: str


class IndicatorOut(Schema):
    code: str
    name: str
    theme: str
    unit: str


class FigureOut(Schema):
    area_code: str
    area_name: str
    area_type: str
    period_code: str
    period_type: str
    period_start: str
    period_end: str
    indicator_code: str
    indicator_name: str
    theme: str
    unit: str
    value: str
    value_status: str
    previous_year_value: str
    previous_year_status: str
    change: str
    pct_change: str
    rate_per_1000: str
    rate_denominator: str
    population_year: str


class MeetingOut(Schema):
    id: int
    committee: str
    date: date
    start_time: str
    venue: str
    status: str
    agenda_published: bool
    url: str


class AgendaItemOut(Schema):
    number: str
    title: str
    section: str
    exempt_paragraph: int | None
    report_url: str | None


class DecisionOut(Schema):
    committee: str
    meeting_date: date
    minute_number: int
    minute_title: str
    decision: str
    text: str
    minutes_confirmed: bool
    url: str


class AreaPage(Schema):
    count: int
    page: int
    pages: int
    results: list[AreaOut]


class IndicatorPage(AreaPage):
    results: list[IndicatorOut]


class FigurePage(AreaPage):
    results: list[FigureOut]


class MeetingPage(AreaPage):
    results: list[MeetingOut]


class DecisionPage(AreaPage):
    results: list[DecisionOut]


class ComparisonOut(Schema):
    indicator_code: str
    indicator_name: str
    unit: str
    area_code: str
    area_name: str
    period_code: str
    period_start: date
    baseline_period_code: str | None
    current_value: str | None
    current_status: str
    baseline_value: str | None
    baseline_status: str
    change: str | None
    change_unit: str
    pct_change: str | None
    rate_per_1000: str | None
    direction: str
    target_status: str
    rag: str
    provisional: bool
    baseline_provisional: bool
    warnings: list[str]


class ComparisonPage(AreaPage):
    results: list[ComparisonOut]


class EnteredFigureOut(Schema):
    indicator_code: str
    area_code: str
    period_code: str
    period_start: date
    value: str | None
    not_available_reason: str
    status: str
    provisional: bool


class EnteredFigurePage(AreaPage):
    results: list[EnteredFigureOut]


class CommitteeOut(Schema):
    slug: str
    name: str
    parent: str | None
    active: bool
    url: str


class CommitteePage(AreaPage):
    results: list[CommitteeOut]


class DocumentOut(Schema):
    meeting_id: int
    committee: str
    meeting_date: date
    kind: str
    title: str
    url: str


class DocumentPage(AreaPage):
    results: list[DocumentOut]
