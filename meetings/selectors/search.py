"""Search across published agenda papers, minutes and decisions, obeying who sees what
(meetings/permissions.py). On PostgreSQL: full-text search, ranked, with highlighted snippets;
elsewhere (SQLite, the embedded default) every word must appear, ranked by how often."""

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from meetings import permissions
from meetings.models import AgendaItem, Meeting, Minute
from meetings.selectors.decisions import decision_url, decisions_visible_to

MAX_QUERY = 200
MAX_WORDS = 12
PER_KIND = 50
SNIPPET_CHARS = 220
MARK_START, MARK_STOP = "\u2063[[", "]]\u2063"  # never typed; swapped for <mark> after escaping
REPORT_TEXT = (
    "report__subject",
    "report__purpose",
    "report__background",
    "report__proposals",
    "report__recommendations",
    "report__reasons",
)
KINDS = {"paper": "Agenda papers", "minute": "Minutes", "decision": "Decisions"}


@dataclass
class SearchHit:
    kind: str
    title: str
    url: str
    snippet: SafeString
    meeting: Meeting
    rank: float
    is_draft: bool = False

    @property
    def kind_label(self) -> str:
        return {"paper": "Agenda paper", "minute": "Minute", "decision": "Decision"}[self.kind]

    @property
    def day(self) -> date:
        return self.meeting.date


def words_of(query: str) -> list[str]:
    return re.findall(r"\w[\w'-]*", query.lower())[:MAX_WORDS]


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _papers(user) -> QuerySet[AgendaItem]:
    published = AgendaItem.objects.filter(meeting__published_at__isnull=False).exclude(
        meeting__status=Meeting.Status.CANCELLED
    )
    return published.select_related("meeting__committee", "report")


def _minutes(user) -> QuerySet[Minute]:
    minutes = Minute.objects.select_related("meeting__committee", "item__meeting", "item__report")
    if not permissions.may_read_draft_minutes(user):
        minutes = minutes.filter(permissions.public_minutes_q("meeting__"))
    return minutes


def _readable_exempt(user, rows, item_of) -> list:
    """Keep the rows whose item the user may read in full (exempt ones only for those entitled)."""
    if permissions.may_edit(user) or permissions.reads_all_papers(user):
        return list(rows)
    kept = []
    for row in rows:
        item = item_of(row)
        if item is None or not item.is_exempt or permissions.may_read_exempt(user, item):
            kept.append(row)
    return kept


def _joined(fields: tuple[str, ...]) -> Concat:
    parts = []
    for name in fields:
        if parts:
            parts.append(Value(" … "))
        parts.append(Coalesce(name, Value(""), output_field=TextField()))
    return Concat(*parts, output_field=TextField())


def _match(queryset, fields: tuple[str, ...], query: str, words: list[str], newest: str):
    """Rows matching the query, each with ``rank`` and ``headline`` (full text on PostgreSQL);
    ``newest`` orders rows of equal rank, newest meeting first."""
    if uses_full_text():
        vector = SearchVector(*fields, config="english")
        search = SearchQuery(query, search_type="websearch", config="english")
        text = _joined(fields)
        return (
            queryset.annotate(search=vector)
            .filter(search=search)
            .annotate(
                rank=SearchRank(vector, search),
                headline=SearchHeadline(
                    text,
                    search,
                    config="english",
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                ),
            )
            .order_by("-rank", newest)[:PER_KIND]
        )
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(any_field)
    rows = list(queryset.order_by(newest)[: PER_KIND * 4])
    for row in rows:
        text = " … ".join(filter(None, (_value(row, name) for name in fields)))
        lowered = text.lower()
        row.rank = sum(lowered.count(w) for w in words) / (1 + len(lowered) / 1000)
        row.headline = _fallback_headline(text, words)
    rows.sort(key=lambda r: -r.rank)  # stable: equal ranks stay newest first
    return rows[:PER_KIND]


def _value(row, path: str) -> str:
    value = row
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return ""
    return str(value)


def _fallback_headline(text: str, words: list[str]) -> str:
    """About SNIPPET_CHARS of text around the first word found, each word marked."""
    lowered = text.lower()
    starts = [lowered.find(w) for w in words if lowered.find(w) >= 0]
    first = min(starts, default=0)
    begin = max(0, first - SNIPPET_CHARS // 3)
    snippet = text[begin : begin + SNIPPET_CHARS]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    if pattern:
        snippet = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_STOP}", snippet)
    return ("… " if begin else "") + snippet + (" …" if begin + SNIPPET_CHARS < len(text) else "")


def highlighted(headline: str) -> SafeString:
    """The snippet escaped, with only the search's own marks turned into <mark>."""
    text = escape(" ".join((headline or "").split()))
    text = text.replace(escape(MARK_START), "<mark>").replace(escape(MARK_STOP), "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped above; only our own <mark> tags are added


def search(*, user, query: str, kind: str = "") -> list[SearchHit]:
    """What the user may read that matches ``query``, best first."""
    query = " ".join(query.split())[:MAX_QUERY]
    words = words_of(query)
    if not words:
        return []
    hits: list[SearchHit] = []
    if kind in ("", "paper"):
        rows = _match(_papers(user), ("title", *REPORT_TEXT), query, words, "-meeting__date")
        for item in _readable_exempt(user, rows, lambda i: i):
            hits.append(
                SearchHit(
                    "paper",
                    f"{item.number} {item.title}".strip(),
                    reverse("meetings:report-detail", kwargs={"pk": item.pk}),
                    highlighted(item.headline),
                    item.meeting,
                    item.rank,
                )
            )
    if kind in ("", "minute"):
        fields = ("title", "purpose", "issues")
        rows = _match(_minutes(user), fields, query, words, "-meeting__date")
        for minute in _readable_exempt(user, rows, lambda m: m.item):
            hits.append(
                SearchHit(
                    "minute",
                    f"Minute {minute.number}. {minute.title}",
                    reverse("meetings:minutes", kwargs={"pk": minute.meeting_id})
                    + f"#minute-{minute.number}",
                    highlighted(minute.headline),
                    minute.meeting,
                    minute.rank,
                    is_draft=not minute.meeting.minutes_confirmed,
                )
            )
    if kind in ("", "decision"):
        visible = decisions_visible_to(user=user)
        fields = ("text", "minute__title")
        rows = _match(visible, fields, query, words, "-minute__meeting__date")
        for decision in rows:
            minute = decision.minute
            hits.append(
                SearchHit(
                    "decision",
                    f"Decision {decision.numeral} under minute {minute.number}. {minute.title}",
                    decision_url(decision, user),
                    highlighted(decision.headline),
                    minute.meeting,
                    decision.rank,
                    is_draft=not minute.meeting.minutes_confirmed,
                )
            )
    hits.sort(key=lambda h: (-h.rank, -h.day.toordinal()))
    return hits
