from django.shortcuts import redirect


def back(request, fallback: str):
    """Redirect to a same-site `next`, else to `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(fallback)
