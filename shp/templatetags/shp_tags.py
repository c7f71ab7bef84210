"""Small template helpers shared by every app's pages."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html")
def shp_breadcrumbs(*labels_and_urls):
    """Breadcrumbs after "Home": alternate label and URL; an empty URL marks the current page."""
    pairs = list(zip(labels_and_urls[::2], labels_and_urls[1::2], strict=True))
    return {"crumbs": pairs}


@register.filter
def get_item(mapping, key):
    """``mapping|get_item:key``: a dictionary lookup by a variable key (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def css_string(value) -> str:
    """``value`` as the inside of a double-quoted CSS string (for ``content: "…"`` in a
    ``<style>`` element, where HTML entities are not decoded): quotes, backslashes and the
    characters that could close the element are written as CSS escapes."""
    escapes = {"\\": "\\5C ", '"': "\\22 ", "<": "\\3C ", ">": "\\3E ", "&": "\\26 "}
    text = " ".join(str(value).split())  # no newlines inside a CSS string
    return mark_safe("".join(escapes.get(character, character) for character in text))  # noqa: S308


@register.filter
def figure(value, places=None) -> str:
    """A number with thousands separators and no trailing zeros ("8133.00" → "8,133"), or with
    ``places`` decimal places (``rate|figure:1``: "1234.5"→ "1,234.5"); words such as "not
    available" pass through unchanged."""
    from decimal import Decimal, InvalidOperation

    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return value
    if not number.is_finite():
        return value
    if places is not None:
        return f"{number:,.{int(places)}f}"
    return f"{number.normalize():,f}"
