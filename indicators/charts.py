"""plotly figure builders: they take rows from selectors and never query by themselves."""

from dataclasses import dataclass

import plotly.graph_objects as go

from indicators import periods

SERIES_COLOUR = "#1d70b8"
RESTATED_COLOUR = "#6f72af"
TARGET_COLOUR = "#d4351c"
BASELINE_COLOUR = "#505a5f"
PROVISIONAL_COLOUR = "#f47738"  # GOV.UK orange, as the Provisional tag


BREAK_COLOUR = "#0b0c0c"


def _segment(period, break_days: list) -> int:
    """Which stretch between series breaks a period falls in (by its first day)."""
    return sum(1 for day in break_days if period.start >= day)


def trend_figure(
    *, indicator, rows, target_levels: dict | None = None, lines=None, breaks=()
) -> go.Figure:
    """Values over periods of one kind; a definition change starts a new, unjoined series.

    ``lines`` (from ``selectors.trend_reference_lines``) adds the baseline and the target level
    as labelled horizontal lines; each of ``breaks`` (the indicator's ``SeriesBreak`` rows) cuts
    the line and is drawn as a labelled vertical line before the first period it applies to."""
    target_levels = target_levels or {}
    points = [(row.period, row.current_value) for row in rows if row.current_value is not None]
    figure = go.Figure()
    current, restated = [], []
    break_days = sorted(b.starts_on for b in breaks)
    for period, value in points:
        inside = indicator.is_valid_for(periods.parse(period.code))
        (current if inside else restated).append((period, float(value)))
    if restated:
        figure.add_trace(
            go.Scatter(
                x=[period.label for period, _ in restated],
                y=[v for _, v in restated],
                mode="lines+markers",
                name="On an earlier definition (re-stated)",
                line={"color": RESTATED_COLOUR, "dash": "dot"},
            )
        )
    stretches: dict[int, list] = {}
    for period, value in current:
        stretches.setdefault(_segment(period, break_days), []).append((period.label, value))
    for number, stretch in enumerate(stretches.values()):
        figure.add_trace(
            go.Scatter(
                x=[label for label, _ in stretch],
                y=[v for _, v in stretch],
                mode="lines+markers",
                name=indicator.name,
                legendgroup="series",
                showlegend=number == 0,
                line={"color": SERIES_COLOUR},
            )
        )
    labels = [row.period.label for row in rows]
    for day in break_days:
        first = next((i for i, row in enumerate(rows) if row.period.start >= day), None)
        if first is None or first == 0:
            continue
        figure.add_vline(
            x=first - 0.5,
            line={"color": BREAK_COLOUR, "dash": "dot", "width": 2},
            annotation_text=f"Series break: new definition from {day:%-d %b %Y}",
            annotation_position="top right",
        )
    marked = [
        (row.period.label, float(row.current_value))
        for row in rows
        if row.current_value is not None and getattr(row, "provisional", False)
    ]
    if marked:
        figure.add_trace(
            go.Scatter(
                x=[label for label, _ in marked],
                y=[v for _, v in marked],
                mode="markers",
                name="Provisional: not yet approved",
                marker={"symbol": "circle-open", "size": 14, "color": TARGET_COLOUR},
            )
        )
    if target_levels:
        figure.add_trace(
            go.Scatter(
                x=list(target_levels),
                y=[float(v) for v in target_levels.values()],
                mode="markers",
                name="Target",
                marker={"symbol": "line-ew-open", "size": 24, "color": TARGET_COLOUR},
            )
        )
    for line in lines or []:
        figure.add_hline(
            y=float(line.value),
            line={"color": TARGET_COLOUR if line.is_target else BASELINE_COLOUR, "dash": line.dash},
            annotation_text=line.label,
            annotation_position="top left",
        )
    figure.update_layout(
        margin={"l": 50, "r": 10, "t": 10, "b": 60},
        height=320,
        legend={"orientation": "h", "y": -0.25},
        font={"family": "system-ui, Arial, sans-serif"},
        yaxis={"rangemode": "tozero"},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": labels},
    )
    return figure


@dataclass(frozen=True)
class TrendSeries:
    """The periods of one kind an indicator's trend draws, as one chart of its own."""

    kind: str
    title: str
    rows: list


TREND_KINDS = (
    (periods.PeriodKind.FINANCIAL_YEAR, "Financial years"),
    (periods.PeriodKind.QUARTER, "Quarters"),
    (periods.PeriodKind.CALENDAR_YEAR, "Calendar years"),
    (periods.PeriodKind.MONTH, "Months"),
)


def trend_series(rows) -> list[TrendSeries]:
    """Each kind of period on its own series (years first), so that the quarters arriving never
    take the years' place; year-to-date and rolling periods overlap and are not drawn."""
    found = []
    for kind, title in TREND_KINDS:
        chosen = [row for row in rows if row.period.kind == kind]
        if chosen:
            found.append(TrendSeries(kind, title, chosen))
    return found


def chart_rows(rows) -> list:
    """The one trend a printed report draws: the first series (years before quarters) with at
    least two points, else the first there is."""
    series = trend_series(rows)
    longer = [s for s in series if len(s.rows) >= 2]
    return (longer or series)[0].rows if series else []


def district_figure(*, indicator, rows) -> go.Figure:
    """Districts' rates per 1,000 as bars, their force's rate as a line across them."""
    districts = [row for row in rows if row.area.kind == "district"]
    forces = [row for row in rows if row.area.kind == "force"]
    marked = [getattr(row, "provisional", False) for row in districts]
    figure = go.Figure(
        go.Bar(
            x=[row.area.name for row in districts],
            y=[float(row.rate_per_1000) for row in districts],
            name="District",
            marker={
                "color": [PROVISIONAL_COLOUR if m else SERIES_COLOUR for m in marked],
                "pattern": {"shape": ["/" if m else "" for m in marked]},
            },
            text=["Provisional" if m else "" for m in marked],
            textposition="inside",
        )
    )
    for force in forces:
        figure.add_hline(
            y=float(force.rate_per_1000),
            line={"color": TARGET_COLOUR, "dash": "dash"},
            annotation_text=f"{force.area.name}: {force.rate_per_1000}",
            annotation_position="top left",
        )
    figure.update_layout(
        margin={"l": 50, "r": 10, "t": 30, "b": 60},
        height=300,
        showlegend=False,
        font={"family": "system-ui, Arial, sans-serif"},
        yaxis={"title": {"text": f"per 1,000 {indicator.get_rate_denominator_display().lower()}"}},
    )
    return figure


def headline_figure(*, rows) -> go.Figure:
    """A small chart of an indicator's last periods for the dashboard's headline strip."""
    points = [row for row in rows if row.current_value is not None]
    figure = go.Figure(
        go.Scatter(
            x=[row.period.label for row in points],
            y=[float(row.current_value) for row in points],
            mode="lines+markers",
            line={"color": SERIES_COLOUR},
            marker={
                "color": [
                    PROVISIONAL_COLOUR if row.provisional else SERIES_COLOUR for row in points
                ],
                "size": [10 if row is points[-1] else 6 for row in points],
            },
            hovertemplate="%{x}: %{y:,}<extra></extra>",
        )
    )
    figure.update_layout(
        margin={"l": 40, "r": 8, "t": 8, "b": 24},
        height=140,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="white",
        showlegend=False,
        font={"family": "system-ui, Arial, sans-serif", "size": 11},
        yaxis={"rangemode": "tozero", "tickformat": ","},
        xaxis={"type": "category", "showticklabels": False},
    )
    return figure
