from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from citypeers.directory.models import Jurisdiction
from citypeers.workshops import candidates, selectors
from citypeers.workshops.enums import ACTIVE_STATUSES, CohortStatus
from citypeers.workshops.forms import AddCityForm
from citypeers.workshops.services import cohort as service
from citypeers.workshops.views.common import back

STATUS_ORDER = [
    CohortStatus.ACCEPTED,
    CohortStatus.INVITED,
    CohortStatus.PROPOSED,
    CohortStatus.DECLINED,
    CohortStatus.REMOVED,
]


def _mix(members) -> dict:
    """Counts per state, region and size band, for the organiser to see the balance."""
    mix = {"state": {}, "region": {}, "size_band": {}}
    for m in members:
        for key in mix:
            value = m.reasons.get(key) or "unknown"
            mix[key][value] = mix[key].get(value, 0) + 1
    return {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0])) for k, v in mix.items()}


@login_required
def cohort(request, slug):
    workshop = selectors.workshop_for_user(request.user, slug, for_edit=True)
    members = selectors.cohort_for_workshop(workshop)
    members.sort(key=lambda m: (STATUS_ORDER.index(m.status), m.jurisdiction.name))
    active = [m for m in members if m.status in ACTIVE_STATUSES]
    inactive = [m for m in members if m.status not in ACTIVE_STATUSES]
    in_cohort = {m.jurisdiction_id for m in members}
    pool = candidates.build_candidates(workshop)
    addable = sorted(
        (c for c in pool if c.key not in {m.jurisdiction.slug for m in members}),
        key=lambda c: c.name,
    )
    return render(
        request,
        "workshops/cohort.html",
        {
            "workshop": workshop,
            "active": active,
            "inactive": inactive,
            "run": selectors.latest_cohort_run(workshop),
            "candidate_count": len(pool),
            "addable": addable[:300],
            "in_cohort_count": len(in_cohort),
            "mix": _mix(active),
            "form": AddCityForm(),
            "proposed_count": sum(1 for m in active if m.status == CohortStatus.PROPOSED),
            "editable": workshop.state in service.OPEN_STATES,
        },
    )


def _member(request, slug, city):
    workshop = selectors.workshop_for_user(request.user, slug, for_edit=True)
    return selectors.cohort_member_for_user(request.user, workshop, city)


def _done(request, workshop, action):
    try:
        result = action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("workshops:cohort", slug=workshop.slug), None
    return redirect("workshops:cohort", slug=workshop.slug), result


@login_required
@require_POST
def run(request, slug):
    workshop = selectors.workshop_for_user(request.user, slug, for_edit=True)
    response, result = _done(
        request, workshop, lambda: service.run_cohort(workshop=workshop, by=request.user)
    )
    if result is not None:
        if result.status == "infeasible":
            # The run's panel on the cohort page says why; the flash only points there.
            messages.error(request, "No cohort could be proposed; the latest run says why.")
        else:
            messages.success(
                request,
                f"Proposed {result.chosen_count} cities from {result.candidate_count} candidates "
                f"({'proven optimal' if result.status == 'optimal' else result.method}).",
            )
    return response


@login_required
@require_POST
def add(request, slug):
    workshop = selectors.workshop_for_user(request.user, slug, for_edit=True)
    form = AddCityForm(request.POST)
    city = Jurisdiction.objects.filter(slug=request.POST.get("city", "")).first()
    if not form.is_valid() or city is None:
        messages.error(request, "No city in the directory has that slug.")
        return redirect("workshops:cohort", slug=workshop.slug)
    response, member = _done(
        request,
        workshop,
        lambda: service.add_city(workshop=workshop, jurisdiction=city, by=request.user),
    )
    if member is not None:
        messages.success(request, f"{city} is in the cohort and locked.")
    return response


@login_required
@require_POST
def lock(request, slug, city):
    member = _member(request, slug, city)
    locked = request.POST.get("locked", "1") == "1"
    response, _ = _done(
        request,
        member.workshop,
        lambda: service.set_lock(member=member, locked=locked, by=request.user),
    )
    return response


@login_required
@require_POST
def remove(request, slug, city):
    member = _member(request, slug, city)
    response, done = _done(
        request, member.workshop, lambda: service.remove_city(member=member, by=request.user)
    )
    if done is not None:
        messages.success(request, f"{member.jurisdiction} was removed; re-runs leave it out.")
    return response


@login_required
@require_POST
def invite(request, slug):
    workshop = selectors.workshop_for_user(request.user, slug, for_edit=True)
    response, invited = _done(
        request, workshop, lambda: service.invite_proposed(workshop=workshop, by=request.user)
    )
    if invited is not None:
        messages.success(
            request, f"Invited {len(invited)} cities. Their editors answer from their dashboards."
        )
    return response


@login_required
@require_POST
def respond(request, slug, city):
    workshop = selectors.workshop_for_user(request.user, slug)
    member = selectors.cohort_member_for_user(request.user, workshop, city)
    accept = request.POST.get("answer") == "accept"
    service.respond_to_invitation(member=member, accept=accept, by=request.user)
    messages.success(
        request,
        f"{member.jurisdiction} {'accepted' if accept else 'declined'} “{workshop.title}”.",
    )
    return back(request, workshop.get_absolute_url())
