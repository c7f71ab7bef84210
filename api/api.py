"""The read API (django-ninja: typed parameters and answers, and an OpenAPI 3 schema made from
them). Every list is paged (``page``, ``page_size`` up to 500) and also comes as CSV at the
same path with ``.csv``. Anonymous callers get what the public pages show; a signed-in caller
(a session, or a partner system's token: api/middleware.py) gets what its roles and
organisation may read. Throttled per caller."""

import re
from datetime import date
from typing import Annotated, Literal

from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Schema, Status
from pydantic import Field, field_validator

from api import figure_selectors, selectors
from api.figure_selectors import NotAllowed
from api.pages import MAX_PAGE_SIZE, csv_response, page_of
from api.schemas import (
    AgendaItemOut,
    AreaPage,
    CommitteePage,
    ComparisonOut,
    ComparisonPage,
    DecisionPage,
    DocumentPage,
    EnteredFigureOut,
    EnteredFigurePage,
    ErrorOut,
    FigurePage,
    IndicatorPage,
    MeetingPage,
)
from api.throttles import AnonymousCallerThrottle, SignedInCallerThrottle
from meetings.models import Meeting

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# Filter text, as the schema says: up to 200 characters, none of them NUL (which no database
# column holds).
Text = Annotated[str, Field(max_length=200, pattern=r"^[^\x00]*$")]
REFUSED = {422: ErrorOut, 429: ErrorOut}  # bad parameters; too many requests

api = NinjaAPI(
    title="Safer Partnership read API",
    version="1",
    description="Areas, indicators, published figures, comparisons, entered figures, "
    "committees, meetings, agendas, published documents and decisions. Partner systems send "
    "a token (made on the API tokens page) as “Authorization: Bearer <key>” and read what "
    "the token's user may read.",
    docs_url=None,  # our own page at /api/ (no script from elsewhere)
    openapi_url="/openapi.json",
    throttle=[
        AnonymousCallerThrottle(settings.API_RATE_ANONYMOUS),
        SignedInCallerThrottle(settings.API_RATE_SIGNED_IN),
    ],
    urls_namespace="api",
)


class PagingParams(Schema):
    page: int = 1
    page_size: int = 100


def _paged(rows, paging: PagingParams) -> dict:
    page = max(paging.page, 1)
    size = min(max(paging.page_size, 1), MAX_PAGE_SIZE)
    return page_of(rows, page=page, page_size=size)


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


class FigureFilters(Schema):
    area: Text = ""
    indicator: Text = ""
    theme: Text = ""
    period_from: Text = ""
    period_to: Text = ""


def _iso_date(value):
    """A date as YYYY-MM-DD, as the schema says (not a number of seconds since 1970)."""
    if value is None:
        return None
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("Give the date as YYYY-MM-DD")
    return value


class MeetingFilters(Schema):
    committee: Text = ""
    date_from: date | None = None
    date_to: date | None = None

    _dates = field_validator("date_from", "date_to", mode="before")(_iso_date)


class EnteredFilters(Schema):
    """Filters of comparisons and entered figures; periods compared by their first day."""

    area: Text = ""
    indicator: Text = ""
    theme: Text = ""
    period_from: date | None = None
    period_to: date | None = None
    figures: Literal["approved", "provisional"] = "approved"

    _dates = field_validator("period_from", "period_to", mode="before")(_iso_date)

    def selector_arguments(self) -> dict:
        arguments = self.dict()
        arguments["provisional"] = arguments.pop("figures") == "provisional"
        return arguments


@api.get(
    "/areas", response={200: AreaPage, **REFUSED}, summary="Areas (districts and the force area)"
)
def areas(request, paging: Query[PagingParams]):
    return _paged(selectors.areas(), paging)


@api.get("/areas.csv", include_in_schema=False)
def areas_csv(request):
    return csv_response(selectors.areas(), columns=["code", "name", "kind"], filename="areas.csv")


@api.get("/indicators", response={200: IndicatorPage, **REFUSED}, summary="The indicator catalogue")
def indicators(request, paging: Query[PagingParams], theme: Text = ""):
    return _paged(selectors.indicators(theme=theme), paging)


@api.get("/indicators.csv", include_in_schema=False)
def indicators_csv(request, theme: Text = ""):
    rows = selectors.indicators(theme=theme)
    return csv_response(rows, columns=["code", "name", "theme", "unit"], filename="indicators.csv")


@api.get(
    "/figures",
    response={200: FigurePage, **REFUSED},
    summary="Published figures",
    description="Approved figures with the same period a year before, change and rate per "
    "1,000; small numbers suppressed as on the public page. Periods are compared by their first "
    "day (YYYY-MM-DD).",
)
def figures(request, paging: Query[PagingParams], filters: Query[FigureFilters]):
    return _paged(selectors.figures(**filters.dict()), paging)


@api.get("/figures.csv", include_in_schema=False)
def figures_csv(request, filters: Query[FigureFilters]):
    rows = selectors.figures(**filters.dict())
    return csv_response(rows, columns=selectors.FIGURE_COLUMNS, filename="figures.csv")


@api.get("/meetings", response={200: MeetingPage, **REFUSED}, summary="Meetings, newest first")
def meetings(request, paging: Query[PagingParams], filters: Query[MeetingFilters]):
    return _paged(selectors.meetings(base_url=_base(request), **filters.dict()), paging)


@api.get("/meetings.csv", include_in_schema=False)
def meetings_csv(request, filters: Query[MeetingFilters]):
    rows = selectors.meetings(base_url=_base(request), **filters.dict())
    columns = ["id", "committee", "date", "start_time", "venue", "status", "agenda_published"]
    return csv_response(rows, columns=[*columns, "url"], filename="meetings.csv")


@api.get(
    "/meetings/{meeting_id}/agenda",
    response={200: list[AgendaItemOut], 404: ErrorOut, **REFUSED},
    summary="A published agenda's items (empty until it is published)",
)
def agenda(request, meeting_id: int):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=meeting_id)
    return selectors.agenda(meeting=meeting, user=request.user, base_url=_base(request))


@api.get("/meetings/{meeting_id}/agenda.csv", include_in_schema=False)
def agenda_csv(request, meeting_id: int):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=meeting_id)
    rows = selectors.agenda(meeting=meeting, user=request.user, base_url=_base(request))
    columns = ["number", "title", "section", "exempt_paragraph", "report_url"]
    return csv_response(rows, columns=columns, filename=f"agenda-{meeting.pk}.csv")


@api.get(
    "/decisions", response={200: DecisionPage, **REFUSED}, summary="Decisions, newest meeting first"
)
def decisions(request, paging: Query[PagingParams], filters: Query[MeetingFilters]):
    rows = selectors.decisions(user=request.user, base_url=_base(request), **filters.dict())
    return _paged(rows, paging)


@api.get("/decisions.csv", include_in_schema=False)
def decisions_csv(request, filters: Query[MeetingFilters]):
    rows = selectors.decisions(user=request.user, base_url=_base(request), **filters.dict())
    columns = ["committee", "meeting_date", "minute_number", "minute_title", "decision", "text"]
    return csv_response(
        rows, columns=[*columns, "minutes_confirmed", "url"], filename="decisions.csv"
    )


def _figures_for(read, request, filters: EnteredFilters) -> tuple[list, dict | None]:
    """The rows ``read`` gives this caller, or the reason (as an answer's body) it may not."""
    try:
        return read(user=request.user, **filters.selector_arguments()), None
    except NotAllowed as refusal:
        return [], {"detail": str(refusal)}


@api.get(
    "/comparisons",
    response={200: ComparisonPage, 403: ErrorOut, **REFUSED},
    summary="Year-on-year comparisons",
    description="Each value against the same period a year earlier: change, % change, rate per "
    "1,000, direction, target status and RAG. Approved figures only, and for anonymous callers "
    "suppressed as on the public page; figures=provisional includes figures not yet approved "
    "(members, the performance lead, democratic services, administrators), each marked.",
)
def comparisons(request, paging: Query[PagingParams], filters: Query[EnteredFilters]):
    rows, refusal = _figures_for(figure_selectors.comparisons, request, filters)
    return Status(403, refusal) if refusal else _paged(rows, paging)


@api.get("/comparisons.csv", include_in_schema=False)
def comparisons_csv(request, filters: Query[EnteredFilters]):
    rows, refusal = _figures_for(figure_selectors.comparisons, request, filters)
    if refusal:
        return api.create_response(request, refusal, status=403)
    return csv_response(rows, columns=list(ComparisonOut.model_fields), filename="comparisons.csv")


@api.get(
    "/entered-figures",
    response={200: EnteredFigurePage, 401: ErrorOut, **REFUSED},
    summary="Figures as entered (signed-in partners)",
    description="Approved values; with figures=provisional also the working values of figures "
    "not yet approved that the caller may see (an officer: their own organisation's), each "
    "marked provisional.",
)
def entered_figures(request, paging: Query[PagingParams], filters: Query[EnteredFilters]):
    rows, refusal = _figures_for(figure_selectors.entered_figures, request, filters)
    return Status(401, refusal) if refusal else _paged(rows, paging)


@api.get("/entered-figures.csv", include_in_schema=False)
def entered_figures_csv(request, filters: Query[EnteredFilters]):
    rows, refusal = _figures_for(figure_selectors.entered_figures, request, filters)
    if refusal:
        return api.create_response(request, refusal, status=401)
    columns = list(EnteredFigureOut.model_fields)
    return csv_response(rows, columns=columns, filename="entered-figures.csv")


@api.get("/committees", response={200: CommitteePage, **REFUSED}, summary="Committees")
def committees(request, paging: Query[PagingParams]):
    return _paged(selectors.committees(base_url=_base(request)), paging)


@api.get("/committees.csv", include_in_schema=False)
def committees_csv(request):
    rows = selectors.committees(base_url=_base(request))
    columns = ["slug", "name", "parent", "active", "url"]
    return csv_response(rows, columns=columns, filename="committees.csv")


@api.get(
    "/documents",
    response={200: DocumentPage, **REFUSED},
    summary="Published documents, newest meeting first",
    description="Reports and their uploaded appendices, the public agenda pack and public "
    "minutes of published meetings; never an exempt item's papers.",
)
def documents(request, paging: Query[PagingParams], filters: Query[MeetingFilters]):
    return _paged(selectors.documents(base_url=_base(request), **filters.dict()), paging)


@api.get("/documents.csv", include_in_schema=False)
def documents_csv(request, filters: Query[MeetingFilters]):
    rows = selectors.documents(base_url=_base(request), **filters.dict())
    columns = ["meeting_id", "committee", "meeting_date", "kind", "title", "url"]
    return csv_response(rows, columns=columns, filename="documents.csv")
