"""Caching what pages read that is the same for everyone — the dashboard's choices, each
row's significance, the headline strip, the public page's table — under keys that carry the
comparisons' version, which a recompute raises when it stores its rows: a finished recompute
makes every older entry unreachable, in every process, without deleting anything. What reads
one area's rows is kept under that area's version, which only a recompute storing that area's
rows raises (a save in one force leaves the others' pages warm); what spans areas (the
pickers' choices) under the version every recompute raises. The cache is Django's (shared
Redis in production: CACHE_URL)."""

import threading
from collections import OrderedDict
from collections.abc import Iterable
from contextvars import ContextVar

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from indicators.models import Area, ComparisonsVersion

CACHE_SECONDS = 24 * 60 * 60  # an entry no recompute replaced still goes after a day
_MISSING = object()
# The shared cache's values are unpickled on every read; a versioned key never goes stale, so
# each process also keeps its most recent entries as they are (no unpickling).
RECENT_ENTRIES = 256
_recent: OrderedDict = OrderedDict()
_lock = threading.Lock()
# Within one request the version is read once (RequestVersionMiddleware); elsewhere every time.
_request_memo: ContextVar[dict | None] = ContextVar("comparisons_version_memo", default=None)


def comparisons_version() -> int:
    """The version of the stored comparisons (0 before the first recompute)."""
    return _version(None)


def area_version(area_id: int) -> str:
    """The version of one area's stored rows, as a part of a cache key."""
    return f"a{area_id}.{_version(area_id)}"


def _version(area_id: int | None) -> int:
    memo = _request_memo.get()
    if memo is not None and "versions" in memo:
        return memo["versions"].get(area_id, 0)
    # Every version in one query (a row for each area and one more): a request asking for the
    # pickers' version and then its area's reads them once.
    versions = dict(ComparisonsVersion.objects.values_list("area_id", "number"))
    if memo is not None:
        memo["versions"] = versions
    return versions.get(area_id, 0)


class RequestVersionMiddleware:
    """One request reads the comparisons' version once, however many cached parts it shows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def comparisons_version_raise(area_ids: Iterable[int] | None = None) -> None:
    """Called in the transaction that stores new comparisons: raises the version of every
    recompute and of the areas whose rows it stored (``None``: every area)."""
    now = timezone.now()
    if not ComparisonsVersion.objects.filter(area__isnull=True).update(
        number=F("number") + 1, stored_at=now
    ):
        ComparisonsVersion.objects.create(number=1, stored_at=now)
    if area_ids is None:
        area_ids = Area.objects.values_list("pk", flat=True)
    area_ids = set(area_ids)
    stored = ComparisonsVersion.objects.filter(area__in=area_ids)
    first = area_ids - set(stored.values_list("area_id", flat=True))
    stored.update(number=F("number") + 1, stored_at=now)
    ComparisonsVersion.objects.bulk_create(
        ComparisonsVersion(area_id=pk, number=1, stored_at=now) for pk in first
    )


def cached(name: str, *parts, compute, area=None):
    """``compute()``, kept under ``name`` and ``parts`` until the comparisons change — those of
    ``area`` alone when what is computed reads only that area's rows. Callers treat what
    comes back as read-only: it is shared by the requests of this process."""
    version = comparisons_version() if area is None else area_version(area.pk)
    key = ":".join(str(part) for part in ("figures", version, name, *parts))
    with _lock:
        value = _recent.get(key, _MISSING)
        if value is not _MISSING:
            _recent.move_to_end(key)
            return value
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    with _lock:
        _recent[key] = value
        while len(_recent) > RECENT_ENTRIES:
            _recent.popitem(last=False)
    return value


def cached_clear_recent() -> None:
    """Forget this process's copies (tests start each database at version 0 again)."""
    with _lock:
        _recent.clear()
