"""Small template helpers shared by every app's pages."""

from django import template

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
