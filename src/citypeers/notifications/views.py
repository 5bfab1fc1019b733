"""A person's notifications: the list, mark one read (and follow it), mark all read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from citypeers.core.pagination import paginate
from citypeers.notifications import selectors, services


@login_required
def notification_list(request):
    unread_only = request.GET.get("show") == "unread"
    queryset = selectors.notifications_for(request.user, unread_only=unread_only)
    return render(
        request,
        "notifications/list.html",
        {
            "page_result": paginate(request, queryset),
            "unread_only": unread_only,
            "unread_count": selectors.unread_count(request.user),
        },
    )


@login_required
@require_POST
def notification_read(request, pk):
    notification = selectors.notification_for_user(request.user, pk)
    services.mark_read(notification=notification, actor=request.user)
    target = notification.url if request.POST.get("follow") else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    if request.htmx:
        return render(request, "notifications/_item.html", {"notification": notification})
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    services.mark_all_read(actor=request.user)
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def email_settings(request):
    """Which kinds of notice come by email as well (all do until a person says otherwise)."""
    choices = selectors.email_choices(request.user)
    if request.method == "POST":
        wanted = set(request.POST.getlist("email"))
        services.set_email_preferences(
            actor=request.user, choices={c.code: c.code in wanted for c in choices}
        )
        messages.success(request, "Your email choices are saved.")
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"choices": choices})
