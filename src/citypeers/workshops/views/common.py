from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect

from citypeers.workshops.permissions import can_manage_workshop


def require_organiser(user) -> None:
    if not can_manage_workshop(user):
        raise PermissionDenied("Only network organisers may do this.")


def form_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError onto the form, field by field where possible."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def back(request, fallback: str):
    """Redirect to a same-site `next`, else to `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(fallback)
