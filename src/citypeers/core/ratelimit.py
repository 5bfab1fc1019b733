"""Request counting in fixed windows, kept in the shared cache.

The counters live in Django's default cache: Redis in production (`CITYPEERS_REDIS_URL`), so
every app server counts against the same figure, and local memory in development. A window's
count is created with `cache.add` and raised with `cache.incr`, both atomic on Redis and on the
local-memory cache, so concurrent requests never lose a count.
"""

import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}
RATE_PATTERN = re.compile(r"^(?P<count>\d+)/(?P<multiple>\d*)(?P<unit>[a-z]+)$")
PERIOD_WORDS = {1: "second", 60: "minute", 3600: "hour", 86400: "day"}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    def __str__(self) -> str:
        if self.seconds in PERIOD_WORDS:
            word = PERIOD_WORDS[self.seconds]
        elif self.seconds % 60 == 0:
            word = f"{self.seconds // 60} minutes"
        else:
            word = f"{self.seconds} seconds"
        return f"{self.count} per {word}"


def parse_rate(text: str | None) -> Rate | None:
    """`"600/min"`, `"10/15min"` or `"5/s"`; None or an empty string means no limit."""
    if not text:
        return None
    match = RATE_PATTERN.match(text.strip())
    if match is None or match["unit"] not in PERIODS:
        raise ValueError(f"Not a rate: {text!r} (expected e.g. '600/min' or '10/15min').")
    count, multiple, unit = int(match["count"]), int(match["multiple"] or 1), match["unit"]
    return Rate(count=count, seconds=multiple * PERIODS[unit])


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or the address the trusted proxies recorded.

    With `CITYPEERS_TRUSTED_PROXIES = n` (the number of proxies in front of the app servers), the
    n-th address from the right of X-Forwarded-For is the client; anything further left was
    written by the client and is not trusted.
    """
    proxies = settings.CITYPEERS_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, ident: str, rate: Rate, window: int) -> str:
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{rate.seconds}:{window}:{digest}"


def _window(rate: Rate, now: float) -> tuple[int, float]:
    """The current window's number and the seconds left in it."""
    window = int(now // rate.seconds)
    return window, (window + 1) * rate.seconds - now


def count_hit(scope: str, ident: str, rate: Rate) -> float | None:
    """Count one request; None while within the rate, else the seconds until the window ends."""
    window, left = _window(rate, time.time())
    key = _key(scope, ident, rate, window)
    if cache.add(key, 1, timeout=rate.seconds + 1):
        seen = 1
    else:
        try:
            seen = cache.incr(key)
        except ValueError:  # expired between add and incr: this is the window's first
            cache.add(key, 1, timeout=rate.seconds + 1)
            seen = 1
    return None if seen <= rate.count else left


def over_limit(scope: str, ident: str, rate: Rate) -> float | None:
    """Without counting: None while under the rate, else the seconds until the window ends."""
    window, left = _window(rate, time.time())
    seen = cache.get(_key(scope, ident, rate, window), 0)
    return None if seen < rate.count else left
