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


def apply_errors(form, error) -> None:
    """Show a service's ValidationError on the form (field errors where the field exists)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
