"""Writes of the API: making and revoking tokens, and noting when one was used."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken
from shp.errors import ApplicationError
from shp.permissions import user_roles

KEY_PREFIX = "shp_"
MAX_ACTIVE_TOKENS = 10
USED_AT_GRANULARITY = timedelta(minutes=1)  # one write a minute per token, not per request


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``user`` named ``name``; returns it and its key (never stored)."""
    name = " ".join(name.split())
    if not user_roles(user):
        raise ApplicationError("Only partners with a role in the partnership can make tokens.")
    if not name:
        raise ApplicationError("Enter what the token is for", field="name")
    if len(name) > 100:
        raise ApplicationError("The name must be 100 characters or fewer", field="name")
    mine = ApiToken.objects.active().select_for_update().filter(user=user)
    if mine.filter(name=name).exists():
        raise ApplicationError(f"You already have a token named “{name}”", field="name")
    if mine.count() >= MAX_ACTIVE_TOKENS:
        raise ApplicationError(
            f"You have {MAX_ACTIVE_TOKENS} tokens already: revoke one you no longer use first."
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:10], digest=key_digest(key))
    return token, key


def api_token_revoke(*, user, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens (from then on it is refused)."""
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise ApplicationError("There is no such token of yours.")
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        token.refresh_from_db()
    return token


def api_token_used(*, token: ApiToken) -> None:
    """Note that the token was used (at most once a minute)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USED_AT_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
