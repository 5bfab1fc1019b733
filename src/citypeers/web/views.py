"""Site-wide pages: home, about (credits and data sources), the signed-in dashboard and the
organisers' home (the network's health)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from citypeers.core.access import sign_in_when_denied
from citypeers.web import network_selectors, selectors


def home(request):
    return render(request, "web/home.html", selectors.home_context())


def about(request):
    return render(request, "web/about.html")


@login_required
def dashboard(request):
    return render(request, "web/dashboard.html", selectors.dashboard_context(request.user))


@sign_in_when_denied
def network(request):
    """The organisers' home: the network, not a city. Each figure links to its list."""
    health = network_selectors.network_health(request.user)
    panels = [(p, health.more.get(p.name, {})) for p in network_selectors.network_panels()]
    return render(request, "web/network.html", {"health": health, "panels": panels})


def healthz(request):
    """A minimal view through the full middleware stack: the benchmarks' baseline."""
    return HttpResponse("ok", content_type="text/plain")
