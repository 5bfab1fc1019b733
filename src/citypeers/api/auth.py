"""API authentication: personal bearer tokens, or the browser session (with CSRF)."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from citypeers.core.tokens import hash_token

TOKEN_HEADER_PREFIX = "Bearer "
__all__ = ["REQUIRED_AUTH", "current_user", "hash_token", "token_auth", "user_for_token"]


def user_for_token(raw: str):
    """The active user who owns this unrevoked token, or None."""
    if not raw or len(raw) > 200:
        return None
    from citypeers.accounts.models import ApiToken  # noqa: PLC0415 - keeps api.auth import-light for settings

    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


token_auth = TokenAuth()
# Write endpoints require one of these; read endpoints use `current_user` and filter by it.
REQUIRED_AUTH = [token_auth, django_auth]


def current_user(request):
    """Who is calling: the token's user, the session's user, or an anonymous visitor."""
    header = request.headers.get("Authorization", "")
    if header.startswith(TOKEN_HEADER_PREFIX):
        user = user_for_token(header[len(TOKEN_HEADER_PREFIX):].strip())
        return user or AnonymousUser()
    return getattr(request, "user", None) or AnonymousUser()
