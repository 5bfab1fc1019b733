from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from citypeers.workshops.permissions import can_manage_workshop


def require_organiser(user) -> None:
    if not can_manage_workshop(user):
        raise PermissionDenied("Only network organisers may do this.")


def back(request, fallback: str):
    """Redirect to a same-site `next`, else to `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(fallback)
