"""Caching what pages read that is the same for everyone — the dashboard's choices, each
row's significance, the headline strip, the public page's table — under keys that carry the
comparisons' version, which every recompute raises when it stores its rows: a finished
recompute makes every older entry unreachable, in every process, without deleting anything.
The cache is Django's (shared Redis in production: CACHE_URL)."""

import threading
from collections import OrderedDict
from contextvars import ContextVar

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from indicators.models import ComparisonsVersion

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
    memo = _request_memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    version = ComparisonsVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0
    if memo is not None:
        memo["version"] = version
    return version


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


def comparisons_version_raise() -> None:
    """Called in the transaction that stores new comparisons."""
    raised = ComparisonsVersion.objects.filter(pk=1).update(
        number=F("number") + 1, stored_at=timezone.now()
    )
    if not raised:
        ComparisonsVersion.objects.create(pk=1, number=1, stored_at=timezone.now())


def cached(name: str, *parts, compute):
    """``compute()``, kept under ``name`` and ``parts`` until the comparisons change. Callers
    treat what comes back as read-only: it is shared by the requests of this process."""
    key = ":".join(str(part) for part in ("figures", comparisons_version(), name, *parts))
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
