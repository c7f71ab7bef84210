"""Search across published papers, minutes and decisions (what the reader may see)."""

from django.views.generic import TemplateView

from meetings.selectors import search as paper_search
from shp.permissions import PUBLIC, AccessRequiredMixin


class SearchView(AccessRequiredMixin, TemplateView):
    access = PUBLIC
    template_name = "meetings/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        kind = self.request.GET.get("kind", "")
        error = ""
        if len(query) > paper_search.MAX_QUERY:
            error = f"Search words must be {paper_search.MAX_QUERY} characters or fewer"
        elif kind not in ("", *paper_search.KINDS):
            error = "Choose what to search from the list"
        elif query and not paper_search.words_of(query):
            error = "Enter words to search for"
        hits = (
            []
            if error or not query
            else paper_search.search(user=self.request.user, query=query, kind=kind)
        )
        context.update(
            query=query[: paper_search.MAX_QUERY],
            kind=kind if kind in paper_search.KINDS else "",
            kinds=paper_search.KINDS,
            hits=hits,
            error=error,
            searched=bool(query) and not error,
        )
        return context
