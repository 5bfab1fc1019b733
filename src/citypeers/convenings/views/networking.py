"""Pages: 1:1 networking. A delegate keeps their preferences, asks a delegate of another city
for a meeting and answers their meetings (each with why it was suggested); organisers see every
meeting and propose the schedule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from citypeers.convenings import permissions
from citypeers.convenings.forms_networking import (
    PreferencesForm,
    ProposeMeetingsForm,
    RequestMeetingForm,
)
from citypeers.convenings.selectors import networking as selectors
from citypeers.convenings.services import networking as service
from citypeers.core.forms import apply_service_errors
from citypeers.core.pagination import paginate


def _page(request, convening, *, form=None, propose_form=None, request_form=None, status=200):
    seat = selectors.seat_of(request.user, convening)
    can_propose = permissions.can_propose_meetings(request.user, convening)
    plan = selectors.plan_of(convening)
    context = {"convening": convening, "seat": seat, "can_propose": can_propose, "plan": plan}
    if seat is not None:
        preferences = selectors.preferences_of(seat)
        context["preferences_saved"] = preferences.saved
        suggested = preferences.suggested
        context["suggested"] = suggested
        if suggested is not None:
            context["suggested_lists"] = [
                ("I want to learn about", suggested.wants),
                ("I can offer experience in", suggested.offers),
            ]
        context["form"] = form or PreferencesForm(
            initial={"wants": preferences.wants, "offers": preferences.offers}
        )
        context["my_meetings"] = list(selectors.meetings_for(request.user, convening))
        context["request_form"] = request_form or RequestMeetingForm(seat=seat, slots=plan.slots)
    if can_propose:
        context["propose_form"] = propose_form or ProposeMeetingsForm(
            initial={"slots": plan.slots, "tables": plan.tables}
        )
        context["page_result"] = paginate(
            request, selectors.meetings_for(request.user, convening, everyone=True), per_page=50
        )
    return render(request, "convenings/networking.html", context, status=status)


@login_required
def networking(request, slug):
    convening = selectors.networking_convening_for_user(request.user, slug)
    if request.method != "POST":
        return _page(request, convening)
    seat = selectors.seat_for_preferences(request.user, convening)
    form = PreferencesForm(request.POST)
    if not form.is_valid():
        return _page(request, convening, form=form, status=400)
    service.save_preferences(
        actor=request.user,
        seat=seat,
        wants=form.cleaned_data["wants"],
        offers=form.cleaned_data["offers"],
    )
    messages.success(request, "Your networking preferences are saved.")
    return redirect("convenings:networking", slug=convening.slug)


@login_required
@require_POST
def propose(request, slug):
    convening = selectors.networking_convening_for_user(request.user, slug)
    selectors.require_meeting_proposer(request.user, convening)
    form = ProposeMeetingsForm(request.POST)
    if not form.is_valid():
        return _page(request, convening, propose_form=form, status=400)
    new = service.propose_meetings(
        actor=request.user,
        convening=convening,
        slots=form.cleaned_data["slots"],
        tables=form.cleaned_data["tables"],
    )
    messages.success(request, f"{len(new)} meetings proposed; accepted meetings were kept.")
    return redirect("convenings:networking", slug=convening.slug)


@login_required
@require_POST
def respond(request, slug, pk):
    convening = selectors.networking_convening_for_user(request.user, slug)
    meeting = selectors.meeting_for_user(request.user, convening, pk)
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        messages.error(request, "Choose accept or decline.")
        return redirect("convenings:networking", slug=convening.slug)
    accept = answer == "accept"
    try:
        service.respond_to_meeting(actor=request.user, meeting=meeting, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("convenings:networking", slug=convening.slug)
    messages.success(request, "Meeting accepted." if accept else "Meeting declined.")
    return redirect("convenings:networking", slug=convening.slug)


@login_required
@require_POST
def request_meeting(request, slug):
    convening = selectors.networking_convening_for_user(request.user, slug)
    seat = selectors.seat_for_preferences(request.user, convening)
    form = RequestMeetingForm(request.POST, seat=seat, slots=selectors.plan_of(convening).slots)
    if form.is_valid():
        try:
            meeting = service.request_meeting(
                actor=request.user,
                seat=seat,
                other=form.cleaned_data["delegate"],
                slot=form.cleaned_data["slot"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Meeting requested with {meeting.delegate_b.full_name} in slot {meeting.slot}, "
                f"table {meeting.table}; they are told.",
            )
            return redirect("convenings:networking", slug=convening.slug)
    return _page(request, convening, request_form=form, status=400)
