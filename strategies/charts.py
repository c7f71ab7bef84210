"""plotly figure builders for strategies: they take rows from selectors and never query."""

import plotly.graph_objects as go

RAG_COLOURS = {"red": "#d4351c", "amber": "#f47738", "green": "#00703c"}


def progress_figure(*, rows) -> go.Figure:
    """Updates by RAG in each quarter (stacked bars), with the mean percentage complete."""
    labels = [row.label for row in rows]
    most = max((row.red + row.amber + row.green for row in rows), default=0)
    figure = go.Figure()
    for rag, colour in RAG_COLOURS.items():
        figure.add_trace(
            go.Bar(
                x=labels,
                y=[getattr(row, rag) for row in rows],
                name=rag.capitalize(),
                marker={"color": colour},
            )
        )
    figure.add_trace(
        go.Scatter(
            x=labels,
            y=[row.mean_percent for row in rows],
            name="Mean % complete",
            mode="lines+markers",
            yaxis="y2",
            line={"color": "#0b0c0c"},
        )
    )
    figure.update_layout(
        barmode="stack",
        margin={"l": 50, "r": 50, "t": 20, "b": 50},
        height=340,
        font={"family": "Arial, sans-serif", "size": 14},
        yaxis={
            "title": {"text": "Actions updated"},
            "rangemode": "tozero",
            "dtick": 1 if most <= 10 else None,  # whole actions, never 0.2 of one
        },
        yaxis2={
            "title": {"text": "Mean % complete"},
            "overlaying": "y",
            "side": "right",
            "range": [0, 100],
            "dtick": 20,
        },
        legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="#ffffff",
    )
    return figure
