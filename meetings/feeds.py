"""RSS feed of published, non-exempt papers."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

from meetings import selectors
from shp.permissions import PUBLIC


class PublishedPapersFeed(Feed):
    """The newest published papers (never exempt ones); anyone may subscribe."""

    access = PUBLIC
    title = "Published meeting papers"
    link = reverse_lazy("meetings:meeting-list")
    description = "Agenda papers of the partnership's meetings, as they are published."

    def items(self):
        return selectors.published_papers()

    def item_title(self, item):
        meeting = item.item.meeting
        return f"{item.subject} ({meeting.committee}, {meeting.date:%-d %B %Y})"

    def item_description(self, item):
        return item.purpose

    def item_link(self, item):
        return item.item.get_absolute_url()

    def item_pubdate(self, item):
        return item.item.meeting.published_at
