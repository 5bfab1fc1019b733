"""A limit on failed sign-ins per client address, whichever accounts they name.

django-axes locks one account from one address after a few failures; password spraying tries
one or two passwords on many accounts and never trips that. This counts every failure from an
address (`settings.CITYPEERS_LOGIN_FAILURES_PER_ADDRESS`, e.g. 10 per 15 minutes) in the shared
cache, and once the count is reached that address may not sign in to any account until the
window ends, even with a right password. Other addresses are not affected. A success does not
reset the count, so an attacker's own account cannot be used to wipe it.

`AddressLoginThrottleBackend` stands first in `AUTHENTICATION_BACKENDS`; it refuses the attempt
the way axes does (PermissionDenied plus `request.axes_locked_out`), so the axes middleware
answers with the same 429 page.
"""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied

from citypeers.core.ratelimit import client_address, count_hit, over_limit, parse_rate

SCOPE = "login-failures"


def _rate():
    return parse_rate(settings.CITYPEERS_LOGIN_FAILURES_PER_ADDRESS)


class AddressLoginThrottleBackend:
    """Refuses any sign-in from an address that has used up its failures; signs nobody in (no
    `get_user`, so `force_login` and sessions pass it by, as they pass axes' backend)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        rate = _rate()
        if request is None or rate is None:
            return None
        if over_limit(SCOPE, client_address(request), rate) is not None:
            _pause(request)
            raise PermissionDenied("Too many failed sign-ins from this address.")
        return None


def count_failed_login(sender, credentials, request=None, **kwargs):
    rate = _rate()
    if request is None or rate is None:
        return
    address = client_address(request)
    count_hit(SCOPE, address, rate)
    if over_limit(SCOPE, address, rate) is not None:
        # Like axes, the failure that reaches the limit already answers with the pause page.
        _pause(request)


def _pause(request) -> None:
    request.axes_locked_out = True
    request.citypeers_login_paused_for_address = True


def connect() -> None:
    user_login_failed.connect(count_failed_login, dispatch_uid="citypeers-login-failures")
