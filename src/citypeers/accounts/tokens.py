"""Personal API tokens: which active user an unrevoked token belongs to.

`settings.CITYPEERS_TOKEN_USER` points here, so the API's authentication protocol in
`core.api.auth` can use it without importing accounts.
"""

from django.utils import timezone

from citypeers.accounts.models import ApiToken
from citypeers.core.tokens import hash_token

# Writing last_used_at on every call would turn each API read into a write.
LAST_USED_RESOLUTION_SECONDS = 60


def user_for_token(raw: str):
    """The active user who owns this unrevoked token, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if (
        token.last_used_at is None
        or (now - token.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
