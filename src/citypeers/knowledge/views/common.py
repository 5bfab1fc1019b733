"""Small helpers shared by the knowledge views."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def require(request, allowed: bool):
    """None when allowed; a sign-in redirect for visitors; PermissionDenied for the signed in."""
    if allowed:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied("Only this city's editors can do this.")
