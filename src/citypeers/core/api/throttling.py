"""Rate limits for the API: one counter per client, shared by every app server.

A client with a valid token (or a signed-in session) is counted by its user, so one person's
scripts share one allowance wherever they run; everyone else is counted by address. An invalid
token counts as anonymous, so inventing tokens buys no extra requests. The rates are
`settings.CITYPEERS_API_RATE_LIMITS` (`"anonymous"` and `"authenticated"`), read on every
request so a deployment (or a test) can change them without a restart of the module.
"""

import threading

from django.conf import settings
from ninja.throttling import BaseThrottle

from citypeers.core.api.auth import bearer_token, request_token_user
from citypeers.core.ratelimit import Rate, client_address, count_hit, parse_rate


def _client(request) -> tuple[str, str]:
    """(scope, identity) of the caller."""
    raw = bearer_token(request)
    user = request_token_user(request, raw) if raw is not None else getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return "authenticated", f"user:{user.pk}"
    return "anonymous", f"address:{client_address(request)}"


class ClientRateThrottle(BaseThrottle):
    """Ninja's throttle protocol over `core.ratelimit`; `wait()` is per thread because one
    instance serves every request of the process."""

    def __init__(self) -> None:
        self._last = threading.local()

    def allow_request(self, request) -> bool:
        scope, ident = _client(request)
        rate = parse_rate(settings.CITYPEERS_API_RATE_LIMITS.get(scope))
        if rate is None:
            return True
        wait = count_hit(f"api-{scope}", ident, rate)
        self._last.wait = wait
        request.citypeers_rate_limit = (scope, rate)
        return wait is None

    def wait(self) -> float | None:
        return getattr(self._last, "wait", None)


def throttled_message(request) -> str:
    """What a 429 says: which limit, for whom."""
    scope, rate = getattr(request, "citypeers_rate_limit", ("", None))
    if not isinstance(rate, Rate):
        return "Too many requests; wait and try again."
    who = "signed-in user or token" if scope == "authenticated" else "client address"
    return (
        f"Too many requests: the API allows {rate} per {who}. "
        "Wait the number of seconds in the Retry-After header and try again."
    )
