"""Pages: city tours on a convening (organisers add them; delegates sign up and cancel)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from citypeers.convenings import selectors
from citypeers.convenings.enums import TourSignupStatus
from citypeers.convenings.forms import TourForm
from citypeers.convenings.models import TourSignup
from citypeers.convenings.services import tours as service


@login_required
@require_POST
def add(request, slug):
    convening = selectors.convening_for_user(request.user, slug, for_edit=True)
    form = TourForm(request.POST)
    if form.is_valid():
        try:
            service.create_tour(convening=convening, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Tour added.")
    else:
        messages.error(request, "Give the tour a title, a start and a number of places.")
    return redirect(convening.get_absolute_url() + "#tours")


@login_required
@require_POST
def signup(request, slug, pk):
    convening = selectors.convening_for_user(request.user, slug)
    tour = get_object_or_404(convening.tours, pk=pk)
    seat = selectors.seat_for(request.user, convening)
    if seat is None:
        messages.error(request, "Only members of a delegation can sign up for tours.")
        return redirect(convening.get_absolute_url() + "#tours")
    try:
        result = service.sign_up(tour=tour, delegate=seat, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if result.status == TourSignupStatus.CONFIRMED:
            messages.success(request, f"You have a place on “{tour.title}”.")
        else:
            messages.info(request, f"“{tour.title}” is full for now: you are on the waitlist.")
    return redirect(convening.get_absolute_url() + "#tours")


@login_required
@require_POST
def cancel(request, slug, pk):
    convening = selectors.convening_for_user(request.user, slug)
    tour = get_object_or_404(convening.tours, pk=pk)
    mine = (
        TourSignup.objects.select_related("delegate__delegation")
        .filter(tour=tour, delegate__user=request.user)
        .exclude(status=TourSignupStatus.CANCELLED)
        .first()
    )
    if mine is not None:
        service.cancel(signup=mine, actor=request.user)
        messages.success(request, f"You gave up your place on “{tour.title}”.")
    return redirect(convening.get_absolute_url() + "#tours")
