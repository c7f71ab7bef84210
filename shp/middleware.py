"""Caching headers: nothing served to a signed-in user is kept by a browser or proxy cache;
anonymous pages that set no cookie may be cached for a short while (caches still key them by
the Vary headers Django adds)."""

from django.utils.cache import patch_cache_control

PUBLIC_MAX_AGE = 300  # seconds


class CacheControlMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in user (their pages
    carry their name, drafts, exempt papers); ``public, max-age=300`` on anonymous GET pages that
    vary by nothing personal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers.pop("Cache-Control", None)
            patch_cache_control(response, private=True, no_store=True)
        elif (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and "Cache-Control" not in response.headers
            and not response.cookies  # a page that sets a cookie (CSRF, session) is not shared
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # nor one with a form's token
        ):
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response
