"""The page side of the permission convention.

Access helpers (`<noun>_for_user(user, key, *, for_edit=False)`, in each app's selectors) raise
Http404 alike for "missing" and "not yours", and PermissionDenied for an object the user may see
but not change; services check the named `rules` predicate for the acting user. Views and API
handlers never test a permission themselves (`tests/core/test_conventions.py`).
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def sign_in_when_denied(view):
    """A page that may be open to some visitors: a refusal sends a visitor who is not signed in
    to the sign-in page (and back), and stays a 403 for the signed in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())

    return wrapper
