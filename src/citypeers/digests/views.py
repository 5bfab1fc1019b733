"""Pages for digests: my digest on demand, how often, and the one-click unsubscribe (which
works signed out: the signed link is the authority)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from citypeers.core.forms import apply_service_errors
from citypeers.digests import selectors, services
from citypeers.digests.enums import Frequency
from citypeers.digests.forms import PreferencesForm


@login_required
def index(request):
    """The digest of each of my cities, as it would be sent now."""
    cities = list(selectors.digest_cities_for_user(request.user))
    frequencies = selectors.frequencies_for_user(request.user, cities)
    now = timezone.now()
    digests = []
    pool = selectors.CandidatePool()
    agendas = selectors.city_agendas(cities)
    for city in cities:
        frequency = frequencies[city.pk]
        shown = frequency if frequency != Frequency.NEVER else Frequency.WEEKLY
        digests.append(
            (
                selectors.build_digest(
                    city,
                    frequency=shown,
                    window=selectors.on_demand_window(shown, now=now),
                    pool=pool,
                    agenda=agendas[city.pk],
                ),
                frequency,
            )
        )
    return render(
        request,
        "digests/index.html",
        {"digests": digests, "deliveries": selectors.deliveries_for_user(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    cities = list(selectors.digest_cities_for_user(request.user))
    current = selectors.frequencies_for_user(request.user, cities)
    form = PreferencesForm(request.POST or None, cities=cities, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                for city, frequency in form.choices():
                    services.set_digest_preference(
                        actor=request.user, jurisdiction=city, frequency=frequency
                    )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Your digest choices are saved.")
            return redirect("digests:settings")
    return render(request, "digests/settings.html", {"form": form, "cities": cities})


@csrf_exempt  # RFC 8058: mail clients POST the one-click unsubscribe without a session
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks to confirm (so a link scanner cannot unsubscribe anyone); POST unsubscribes."""
    try:
        _user, city = services.read_unsubscribe_token(token)
    except ValidationError:
        return render(request, "digests/unsubscribe_invalid.html", status=404)
    if request.method == "POST":
        services.unsubscribe(token=token)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Unsubscribed.", content_type="text/plain")
        return render(request, "digests/unsubscribe_done.html", {"city": city})
    return render(request, "digests/unsubscribe.html", {"city": city, "token": token})


def open_digest(request, token):
    """A link from a digest email: record the digest as opened, then go where the link
    points. Only a path on this site is followed (never another host)."""
    services.record_open(token)
    target = request.GET.get("next", "")
    if not (
        target.startswith("/")
        and url_has_allowed_host_and_scheme(target, allowed_hosts=None, require_https=False)
    ):
        target = reverse("digests:index")
    return redirect(target)
