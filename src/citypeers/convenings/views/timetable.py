"""Pages: the timetable grid (slots, proposal by the engine, hand placement, publication), a
room's sessions and a delegate's agenda, each with a printable PDF and an iCalendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from citypeers.convenings import permissions
from citypeers.convenings.forms_programme import PlacementForm, SlotForm
from citypeers.convenings.ics import placements_calendar
from citypeers.convenings.selectors import convening_for_user
from citypeers.convenings.selectors import programme as selectors
from citypeers.convenings.services import timetable as service
from citypeers.core.forms import apply_service_errors


def _pdf(request, template: str, context: dict, filename: str) -> HttpResponse:
    from weasyprint import HTML  # noqa: PLC0415 - loads Pango; only needed for this download

    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _builder_convening(request, slug):
    convening = selectors.programme_convening_for_user(request.user, slug)
    if not permissions.can_build_timetable(request.user):
        raise Http404("No such convening.")
    return convening


def _grid_context(request, convening) -> dict:
    rooms, rows = selectors.timetable_grid(convening)
    return {
        "convening": convening,
        "timetable": selectors.timetable_of(convening),
        "rooms": rooms,
        "rows": rows,
    }


def timetable(request, slug, placement_form=None, slot_form=None):
    convening = selectors.timetable_convening_for_user(request.user, slug)
    context = _grid_context(request, convening)
    can_build = permissions.can_build_timetable(request.user)
    if can_build:
        context.update(
            {
                "can_build": True,
                "unplaced": selectors.unplaced_accepted(convening),
                "slot_form": slot_form or SlotForm(convening=convening),
                "placement_form": placement_form or PlacementForm(convening=convening),
            }
        )
    if permissions.can_keep_agenda(request.user, convening):
        context["agenda_ids"] = selectors.agenda_proposal_ids(request.user, convening)
        context["can_keep_agenda"] = True
    return render(request, "convenings/timetable.html", context)


def timetable_pdf(request, slug):
    convening = selectors.timetable_convening_for_user(request.user, slug)
    return _pdf(
        request,
        "convenings/timetable_pdf.html",
        _grid_context(request, convening),
        f"{convening.slug}-timetable.pdf",
    )


def timetable_ics(request, slug):
    convening = selectors.timetable_convening_for_user(request.user, slug)
    return _ics(
        placements_calendar(convening.title, selectors.placements_of(convening)),
        f"{convening.slug}-timetable.ics",
    )


@login_required
@require_POST
def add_slot(request, slug):
    convening = _builder_convening(request, slug)
    form = SlotForm(request.POST, convening=convening)
    if form.is_valid():
        try:
            service.add_slot(
                convening=convening,
                actor=request.user,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Slot added.")
    else:
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
    return redirect("convenings:timetable", slug=convening.slug)


@login_required
@require_POST
def remove_slot(request, slug, pk):
    convening = _builder_convening(request, slug)
    slot = get_object_or_404(convening.slots, pk=pk)
    service.remove_slot(slot=slot, actor=request.user)
    messages.success(request, "Slot removed; its sessions are unplaced.")
    return redirect("convenings:timetable", slug=convening.slug)


@login_required
@require_POST
def propose(request, slug):
    convening = _builder_convening(request, slug)
    try:
        result = service.propose_timetable(convening=convening, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        n = len(result.conflicts)
        messages.success(
            request,
            "Timetable proposed"
            + (f" with {n} conflict{'s' if n != 1 else ''}: see below." if n else ", no conflict."),
        )
    return redirect("convenings:timetable", slug=convening.slug)


@login_required
@require_POST
def place(request, slug):
    convening = _builder_convening(request, slug)
    form = PlacementForm(request.POST, convening=convening)
    if form.is_valid():
        try:
            service.place_session(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            placed = f"“{form.cleaned_data['proposal'].title}” placed."
            messages.success(request, placed)
            if request.htmx:  # a drop on the grid: the script reloads the page
                return JsonResponse({"placed": placed})
            return redirect("convenings:timetable", slug=convening.slug)
    if request.htmx:
        refusals = [m for errors in form.errors.values() for m in errors]
        return JsonResponse({"errors": refusals}, status=400)
    response = timetable(request, slug, placement_form=form)
    response.status_code = 400
    return response


@login_required
@require_POST
def publish(request, slug):
    convening = _builder_convening(request, slug)
    try:
        service.publish_timetable(convening=convening, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Timetable published. Changes from now on notify people.")
    return redirect("convenings:timetable", slug=convening.slug)


def _room(request, slug, pk):
    convening = selectors.timetable_convening_for_user(request.user, slug)
    return convening, get_object_or_404(convening.rooms, pk=pk)


def room(request, slug, pk):
    convening, the_room = _room(request, slug, pk)
    return render(
        request,
        "convenings/room.html",
        {
            "convening": convening,
            "room": the_room,
            "placements": selectors.room_placements(the_room),
        },
    )


def room_pdf(request, slug, pk):
    convening, the_room = _room(request, slug, pk)
    return _pdf(
        request,
        "convenings/room_pdf.html",
        {
            "convening": convening,
            "room": the_room,
            "placements": selectors.room_placements(the_room),
        },
        f"{convening.slug}-room-{the_room.pk}.pdf",
    )


def room_ics(request, slug, pk):
    convening, the_room = _room(request, slug, pk)
    return _ics(
        placements_calendar(
            f"{convening.title}: {the_room.name}", selectors.room_placements(the_room)
        ),
        f"{convening.slug}-room-{the_room.pk}.ics",
    )


def _agenda_convening(request, slug):
    convening = selectors.programme_convening_for_user(request.user, slug)
    if not permissions.can_keep_agenda(request.user, convening):
        raise Http404("No such agenda.")
    return convening


@login_required
def agenda(request, slug):
    convening = _agenda_convening(request, slug)
    token = selectors.agenda_feed_token(request.user, convening)
    return render(
        request,
        "convenings/agenda.html",
        {
            "convening": convening,
            "entries": selectors.agenda_for(request.user, convening),
            "feed_url": request.build_absolute_uri(
                reverse("convenings:agenda_ics", kwargs={"slug": convening.slug, "token": token})
            ),
        },
    )


@login_required
def agenda_pdf(request, slug):
    convening = _agenda_convening(request, slug)
    return _pdf(
        request,
        "convenings/agenda_pdf.html",
        {"convening": convening, "entries": selectors.agenda_for(request.user, convening)},
        f"{convening.slug}-agenda.pdf",
    )


def agenda_ics(request, slug, token):
    """The agenda feed for calendar apps, which send no cookie: the signed token is the key."""
    convening = convening_for_user(AnonymousUser(), slug)
    user = selectors.agenda_user_for_token(convening, token)
    placements = [e.placement for e in selectors.agenda_for(user, convening) if e.placement]
    return _ics(
        placements_calendar(f"{convening.title}: my agenda", placements),
        f"{convening.slug}-agenda.ics",
    )


@login_required
@require_POST
def agenda_add(request, slug, pk):
    convening = _agenda_convening(request, slug)
    proposal = selectors.proposal_for_user(request.user, convening, pk)
    try:
        service.add_to_agenda(proposal=proposal, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"“{proposal.title}” is in your agenda.")
    return redirect("convenings:agenda", slug=convening.slug)


@login_required
@require_POST
def agenda_remove(request, slug, pk):
    convening = _agenda_convening(request, slug)
    proposal = selectors.proposal_for_user(request.user, convening, pk)
    service.remove_from_agenda(proposal=proposal, actor=request.user)
    messages.success(request, f"“{proposal.title}” left your agenda.")
    return redirect("convenings:agenda", slug=convening.slug)
