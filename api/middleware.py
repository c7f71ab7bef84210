"""Token authentication for the read API: ``Authorization: Bearer <key>`` on a request under
/api/ makes the request the token's user's; a key that is wrong, revoked or of an inactive
user is refused with 401 (never answered as if anonymous)."""

from django.http import JsonResponse

from api.models import ApiToken
from api.services import api_token_used, key_digest

API_PREFIX = "/api/"
TOKEN_PAGES = "/api/tokens/"  # pages for people (session and CSRF), not read with a token


def _refused(reason: str) -> JsonResponse:
    response = JsonResponse({"detail": reason}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


class ApiTokenMiddleware:
    """After Django's AuthenticationMiddleware: a token replaces the (anonymous) session user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        path = request.path
        if not header or not path.startswith(API_PREFIX) or path.startswith(TOKEN_PAGES):
            return self.get_response(request)
        scheme, _, key = header.partition(" ")
        key = key.strip()
        if scheme.lower() != "bearer" or not key or len(key) > 200:
            return _refused("Send the token as: Authorization: Bearer <key>.")
        token = (
            ApiToken.objects.active().select_related("user").filter(digest=key_digest(key)).first()
        )
        if token is None:
            return _refused("This token is not valid: it may be mistyped or revoked.")
        api_token_used(token=token)
        request.user = token.user
        request.api_token = token
        return self.get_response(request)
