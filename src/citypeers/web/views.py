"""Site-wide pages: home, about (credits and data sources), the signed-in dashboard."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from citypeers.web import selectors


def home(request):
    return render(request, "web/home.html", selectors.home_context())


def about(request):
    return render(request, "web/about.html")


@login_required
def dashboard(request):
    return render(request, "web/dashboard.html", selectors.dashboard_context(request.user))


def healthz(request):
    """A minimal view through the full middleware stack: the benchmarks' baseline."""
    return HttpResponse("ok", content_type="text/plain")
