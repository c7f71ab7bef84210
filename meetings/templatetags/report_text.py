"""``{{ text|report_html }}``: a report section's Markdown as safe HTML (meetings/rich_text.py)."""

from django import template

from meetings.rich_text import report_html as render

register = template.Library()


@register.filter
def report_html(text):
    return render(text or "")
