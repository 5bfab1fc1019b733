"""The API's authentication protocol: personal bearer tokens, or the browser session (with CSRF).

Which user a token belongs to is the accounts app's business. `core` only knows the protocol:
`settings.CITYPEERS_TOKEN_USER` names the function that turns a raw token into an active user
(or None). Naming it in settings keeps this module free of domain imports while the dependency
stays visible in one place.
"""

from functools import cache

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.module_loading import import_string
from ninja.security import HttpBearer, django_auth

TOKEN_HEADER_PREFIX = "Bearer "
__all__ = [
    "REQUIRED_AUTH",
    "bearer_token",
    "current_user",
    "request_token_user",
    "token_auth",
    "user_for_token",
]


@cache
def _token_resolver():
    return import_string(settings.CITYPEERS_TOKEN_USER)


def user_for_token(raw: str):
    """The active user who owns this unrevoked token, or None."""
    if not raw or len(raw) > 200:
        return None
    return _token_resolver()(raw)


def request_token_user(request, raw: str):
    """`user_for_token`, asked once per request: the auth check, the rate limit and the view all
    need the answer."""
    answers = request.__dict__.setdefault("_citypeers_token_users", {})
    if raw not in answers:
        answers[raw] = user_for_token(raw)
    return answers[raw]


def bearer_token(request) -> str | None:
    """The raw token of an `Authorization: Bearer` header, or None."""
    header = request.headers.get("Authorization", "")
    if header.startswith(TOKEN_HEADER_PREFIX):
        return header[len(TOKEN_HEADER_PREFIX) :].strip()
    return None


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = request_token_user(request, token)
        if user is not None:
            request.user = user
        return user


token_auth = TokenAuth()
# Write endpoints require one of these; read endpoints use `current_user` and filter by it.
REQUIRED_AUTH = [token_auth, django_auth]


def current_user(request):
    """Who is calling: the token's user, the session's user, or an anonymous visitor."""
    raw = bearer_token(request)
    if raw is not None:
        return request_token_user(request, raw) or AnonymousUser()
    return getattr(request, "user", None) or AnonymousUser()
