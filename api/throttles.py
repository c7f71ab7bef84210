"""How often callers may ask: anonymous callers counted by address, signed-in ones (a session
or a token) by user, each at its own rate (API_RATE_ANONYMOUS, API_RATE_SIGNED_IN)."""

from ninja.throttling import SimpleRateThrottle


class AnonymousCallerThrottle(SimpleRateThrottle):
    scope = "anonymous"

    def get_cache_key(self, request) -> str | None:
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class SignedInCallerThrottle(SimpleRateThrottle):
    scope = "signed-in"

    def get_cache_key(self, request) -> str | None:
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": f"user-{request.user.pk}"}
