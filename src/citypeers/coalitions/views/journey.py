"""A city's journey page: the loop from challenge to measured outcome."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from citypeers.coalitions.selectors.journey import journey_of
from citypeers.directory.selectors import jurisdiction_by_key


@login_required
def journey(request, slug):
    jurisdiction = jurisdiction_by_key(slug)
    events, peers = journey_of(request.user, jurisdiction)
    return render(
        request,
        "coalitions/journey.html",
        {
            "jurisdiction": jurisdiction,
            "events": events,
            "peers": peers,
        },
    )
