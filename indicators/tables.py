"""django-tables2 tables of the indicators app; they format rows the selectors give them."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from indicators.arithmetic import Direction, Unit

GOVUK = {
    "th": {"class": "govuk-table__header", "scope": "col"},
    "td": {"class": "govuk-table__cell"},
}
NUMERIC = {
    "th": {"class": "govuk-table__header govuk-table__header--numeric", "scope": "col"},
    "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
}
RAG_TAGS = {"green": "govuk-tag--green", "amber": "govuk-tag--yellow", "red": "govuk-tag--red"}
ARROWS = {Direction.IMPROVED: "▲", Direction.WORSENED: "▼", Direction.NO_CHANGE: "▶"}


def _commentary_html(commentary) -> str:
    mark = mark_safe(PROVISIONAL_TAG + " ") if commentary.provisional else ""
    return format_html(
        '<p class="govuk-body-s" data-testid="row-commentary">{}<strong>Commentary, {}:</strong> '
        "{}</p>",
        mark,
        commentary.quarter,
        commentary.text,
    )


def number(value, unit: str = Unit.COUNT) -> str:
    if value is None:
        return "not available"
    text = f"{value.normalize():,f}"
    return f"{text}%" if unit == Unit.PERCENTAGE else text


class ComparisonTable(tables.Table):
    """The year-on-year table of one area and period."""

    indicator = tables.Column(
        accessor="indicator__name",
        verbose_name="Indicator",
        attrs=GOVUK,
        order_by=("indicator__display_order",),
    )
    baseline_value = tables.Column(verbose_name="Last year", attrs=NUMERIC, default="—")
    current_value = tables.Column(
        verbose_name="This period", attrs=NUMERIC, default="not available"
    )
    change = tables.Column(verbose_name="Change", attrs=NUMERIC, default="")
    pct_change_1dp = tables.Column(
        verbose_name="% change", attrs=NUMERIC, order_by=("pct_change",), default="n/a"
    )
    significance = tables.Column(
        accessor="pk", verbose_name="Beyond chance?", attrs=GOVUK, orderable=False
    )
    rate_per_1000 = tables.Column(verbose_name="Per 1,000", attrs=NUMERIC, default="")
    direction = tables.Column(
        verbose_name="Direction (against last year)", attrs=GOVUK, default="—"
    )
    rag = tables.Column(verbose_name="RAG (against target)", attrs=GOVUK, default="—")
    warnings = tables.Column(verbose_name="Warnings", attrs=GOVUK, orderable=False, default="—")
    figures = tables.Column(
        accessor="provisional", verbose_name="Figures", attrs=GOVUK, orderable=False
    )

    def __init__(
        self,
        *args,
        area_code: str = "",
        provisional: bool = False,
        significance=None,
        commentaries=None,
        **kwargs,
    ):
        if not provisional:  # on the approved basis every figure is approved: no column
            kwargs["exclude"] = (*kwargs.get("exclude", ()), "figures")
        super().__init__(*args, **kwargs)
        self.area_code = area_code
        self.significance = significance or {}
        self.commentaries = commentaries or {}

    class Meta:
        attrs = {
            "class": "govuk-table shp-yoy-table",
            "thead": {"class": "govuk-table__head"},
            "tbody": {"class": "govuk-table__body"},
        }
        row_attrs = {
            "class": lambda record: (
                f"govuk-table__row shp-depth-{min(getattr(record, 'depth', 0), 6)}"
            ),
            "data-code": lambda record: record.indicator.code,
            "data-ancestors": lambda record: " ".join(getattr(record, "ancestors", ())),
            "data-has-parts": lambda record: "true" if getattr(record, "has_parts", False) else "",
        }
        template_name = "indicators/includes/table.html"
        empty_text = "No figures for this area and period."

    def render_indicator(self, value, record):
        url = reverse("indicators:indicator-detail", kwargs={"code": record.indicator.code})
        link = format_html(
            '<a class="govuk-link" href="{}?area={}">{}</a>', url, self.area_code, value
        )
        if getattr(record, "depth", 0):
            link = format_html('<span class="govuk-visually-hidden">Part: </span>{}', link)
        about = []
        commentary = self.commentaries.get(record.indicator_id)
        if commentary is not None:
            about.append(_commentary_html(commentary))
        if record.rag_rule:
            about.append(format_html('<p class="govuk-body-s">RAG rule: {}</p>', record.rag_rule))
        if not about:
            return link
        return format_html(
            '{}<details class="govuk-details shp-row-details">'
            '<summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
            '{}<span class="govuk-visually-hidden">: {}</span></span></summary>'
            '<div class="govuk-details__text">{}</div></details>',
            link,
            "Commentary and RAG rule" if commentary else "About this row",
            value,
            format_html("".join("{}" for _ in about), *about),
        )

    def render_baseline_value(self, value, record):
        return _marked(number(value, record.indicator.unit), record.baseline_provisional)

    def render_current_value(self, value, record):
        return _marked(number(value, record.indicator.unit), record.provisional)

    def render_figures(self, value, record):
        return status_words(record)

    def render_change(self, value, record):
        text = number(value)
        return f"+{text}" if value > 0 else text

    def render_pct_change_1dp(self, value, record):
        text = f"{value:+.1f}" if value else f"{value:.1f}"
        return f"{text} pp" if record.change_unit == "pp" else f"{text}%"

    def render_significance(self, value):
        found = self.significance.get(value)
        if found is None or not found.verdict:
            return "—"
        tag = {"significant rise": "govuk-tag--pink", "significant fall": "govuk-tag--blue"}
        if found.verdict in tag:
            return format_html(
                '<strong class="govuk-tag {}">{}</strong>',
                tag[found.verdict],
                found.verdict.capitalize(),
            )
        return found.verdict.capitalize()

    def render_rate_per_1000(self, value, record):
        found = self.significance.get(record.pk)
        if found is None or found.rate_interval is None:
            return f"{value:,}"
        low, high = found.rate_interval
        return format_html(
            '{} <span class="govuk-body-s shp-interval">({} to {})</span>', f"{value:,}", low, high
        )

    def render_direction(self, value):
        if value not in ARROWS:
            return value or "—"
        return format_html('<span aria-hidden="true">{}</span> {}', ARROWS[value], value)

    def render_rag(self, value, record):
        tag = format_html(
            '<strong class="govuk-tag {}">{}</strong>', RAG_TAGS[value], value.capitalize()
        )
        reason = record.rag_reason
        if not reason:
            return tag
        return format_html('{}<p class="govuk-body-s shp-reason">{}</p>', tag, reason)

    def render_warnings(self, value):
        if not value:
            return "—"
        items = format_html("".join("<li>{}</li>" for _ in value), *value)
        return format_html(
            '<details class="govuk-details"><summary class="govuk-details__summary">'
            '<span class="govuk-details__summary-text">{} warning{}</span></summary>'
            '<div class="govuk-details__text"><ul class="govuk-list govuk-list--bullet">{}</ul>'
            "</div></details>",
            len(value),
            "" if len(value) == 1 else "s",
            items,
        )


PROVISIONAL_TAG = '<strong class="govuk-tag govuk-tag--orange shp-provisional">Provisional</strong>'


def _marked(text: str, provisional: bool):
    """A value, with the provisional tag when it rests on a figure not yet approved."""
    if not provisional:
        return text
    return format_html("{} " + PROVISIONAL_TAG, text)


def status_words(record) -> str:
    """Whether a row's figures are approved, in words."""
    if record.provisional and record.baseline_provisional:
        return "provisional (this period and last year)"
    if record.provisional:
        return "provisional"
    if record.baseline_provisional:
        return "provisional (last year)"
    return "approved"
