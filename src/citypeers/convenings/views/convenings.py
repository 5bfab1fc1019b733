"""Pages: the list of convenings, setting one up, its states, rooms and invitation list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from citypeers.convenings import permissions, selectors
from citypeers.convenings.enums import ConveningState
from citypeers.convenings.forms import (
    ConveningForm,
    InviteCitiesForm,
    RoomForm,
    TourForm,
    TransitionForm,
)
from citypeers.convenings.permissions import can_manage_convening
from citypeers.convenings.services import convenings as service
from citypeers.core.forms import apply_service_errors
from citypeers.core.pagination import paginate


def index(request):
    convenings = selectors.convenings_visible_to(request.user).order_by("-starts_on", "title")
    return render(
        request,
        "convenings/index.html",
        {
            "page_result": paginate(request, convenings, per_page=20),
            "can_manage": can_manage_convening(request.user),
        },
    )


@login_required
def create(request):
    selectors.require_organiser(request.user)
    form = ConveningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version")
        try:
            convening = service.create_convening(actor=request.user, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Convening created. Next: add rooms and invite cities.")
            return redirect(convening)
    return render(request, "convenings/convening_form.html", {"form": form, "convening": None})


@login_required
def edit(request, slug):
    convening = selectors.convening_for_user(request.user, slug, for_edit=True)
    initial = {f: getattr(convening, f) for f in service.EDITABLE_FIELDS}
    initial["host"] = convening.host.slug
    initial["version"] = convening.version
    form = ConveningForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            service.update_convening(
                convening=convening, actor=request.user, version=version, **data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Convening saved.")
            return redirect(convening)
    return render(request, "convenings/convening_form.html", {"form": form, "convening": convening})


def detail(request, slug):
    convening = selectors.convening_for_user(request.user, slug)
    can_manage = can_manage_convening(request.user)
    labels = dict(ConveningState.choices)
    return render(
        request,
        "convenings/detail.html",
        {
            "convening": convening,
            "can_manage": can_manage,
            "rooms": list(convening.rooms.all()),
            "my_delegations": selectors.my_delegations(request.user, convening),
            "invited_count": convening.delegations.count(),
            "transitions": [(s, labels[s]) for s in service.allowed_transitions(convening)]
            if can_manage
            else [],
            "history": list(selectors.convening_history(convening)) if can_manage else [],
            "room_form": RoomForm() if can_manage else None,
            "tours": selectors.tours_for(convening, request.user),
            "tour_form": TourForm() if can_manage else None,
            "invite_form": InviteCitiesForm() if can_manage else None,
            "can_take_part": permissions.can_take_part_in_programme(request.user, convening),
            "can_view_timetable": permissions.can_view_timetable(request.user, convening),
            "can_keep_agenda": permissions.can_keep_agenda(request.user, convening),
            "can_network": permissions.can_view_networking(request.user, convening),
        },
    )


@login_required
@require_POST
def transition(request, slug):
    convening = selectors.convening_for_user(request.user, slug, for_edit=True)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            service.transition_convening(
                convening=convening,
                to_state=form.cleaned_data["to_state"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"The convening is now “{convening.get_state_display()}”.")
    return redirect(convening)


@login_required
@require_POST
def add_room(request, slug):
    convening = selectors.convening_for_user(request.user, slug, for_edit=True)
    form = RoomForm(request.POST)
    if form.is_valid():
        try:
            service.add_room(convening=convening, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Room added.")
    else:
        messages.error(request, "Give the room a name and a capacity of at least one.")
    return redirect(convening)


@login_required
@require_POST
def remove_room(request, slug, pk):
    convening = selectors.convening_for_user(request.user, slug, for_edit=True)
    room = get_object_or_404(convening.rooms, pk=pk)
    service.remove_room(room=room, actor=request.user)
    messages.success(request, "Room removed.")
    return redirect(convening)


@login_required
@require_POST
def invite(request, slug):
    convening = selectors.convening_for_user(request.user, slug, for_edit=True)
    form = InviteCitiesForm(request.POST)
    if form.is_valid():
        try:
            created = service.invite_cities(
                convening=convening, actor=request.user, jurisdictions=form.cleaned_data["cities"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, f"{len(created)} cit{'y' if len(created) == 1 else 'ies'} invited."
            )
    else:
        messages.error(request, " ".join(form.errors.get("cities", ["Name at least one city."])))
    return redirect("convenings:delegations", slug=convening.slug)
