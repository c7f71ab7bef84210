"""API tokens: keys partner systems send to read the API as the user they were made for."""

from django.conf import settings
from django.db import models

from shp.models import TimeStampedModel


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Tokens not revoked, of users still active."""
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(TimeStampedModel):
    """A key sent as ``Authorization: Bearer <key>``; the API then answers as ``user`` (that
    user's roles and organisation). Only a digest of the key is stored: it is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for.")
    prefix = models.CharField(max_length=12, help_text="The key's first characters.")
    digest = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="api_token_unique_active_name",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
