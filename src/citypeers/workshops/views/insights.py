from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from citypeers.core.enums import PublicationStatus
from citypeers.core.forms import apply_service_errors, stale_edit_context
from citypeers.core.pagination import paginate
from citypeers.core.services import StaleEdit
from citypeers.directory.enums import PopulationBand
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import ChallengeArea, Solution
from citypeers.workshops import selectors
from citypeers.workshops.enums import ACTIVE_STATUSES, INSIGHT_TRANSITIONS, InsightState
from citypeers.workshops.forms import InsightForm
from citypeers.workshops.models import PreWork, Workshop
from citypeers.workshops.permissions import (
    can_manage_workshop,
    can_view_workshop,
    can_view_workshop_notes,
)
from citypeers.workshops.services import insights as service


def library(request):
    user = request.user
    params = {
        k: request.GET.get(k, "").strip()
        for k in ("q", "area", "workshop", "state", "band", "status")
    }
    if not can_manage_workshop(user):
        params["status"] = ""
    insights = selectors.filter_insights(selectors.insights_visible_to(user), **params)
    return render(
        request,
        "workshops/insights.html",
        {
            "page_result": paginate(request, insights, per_page=20),
            "params": params,
            "areas": ChallengeArea.objects.filter(parent__isnull=True).order_by("order", "name"),
            "workshops": selectors.workshops_visible_to(user)
            .select_related(None)
            .prefetch_related(None)
            .only("slug", "title"),
            "bands": PopulationBand.choices,
            "statuses": InsightState.choices,
            "can_manage": can_manage_workshop(user),
        },
    )


def detail(request, slug):
    insight = selectors.insight_for_user(request.user, slug)
    return render(
        request,
        "workshops/insight.html",
        {
            "insight": insight,
            "transitions": [(s, InsightState(s).label) for s in INSIGHT_TRANSITIONS[insight.state]],
            "can_manage": can_manage_workshop(request.user),
            "can_notes": insight.workshop is not None
            and can_view_workshop_notes(request.user, insight.workshop),
            # A public insight may come from a workshop the reader cannot open (yet): name it,
            # link it only when it opens.
            "can_open_workshop": insight.workshop is not None
            and can_view_workshop(request.user, insight.workshop),
        },
    )


def _evidence_choices(workshop):
    if workshop is None:
        return Jurisdiction.objects.none(), Solution.objects.none(), PreWork.objects.none()
    city_ids = workshop.cohort.filter(status__in=ACTIVE_STATUSES).values("jurisdiction_id")
    cities = Jurisdiction.objects.filter(pk__in=city_ids).order_by("name")
    solutions = (
        Solution.objects.filter(owner_id__in=city_ids, status=PublicationStatus.PUBLISHED)
        .select_related("owner")
        .order_by("owner__name", "title")
    )
    return cities, solutions, selectors.prework_for_workshop(workshop)


def _initial_for(insight) -> dict:
    """The edit form's values for `insight` (also "theirs" after a stale save)."""
    return {
        "title": insight.title,
        "area": insight.area,
        "challenge": insight.challenge,
        "steps": "\n".join(insight.steps),
        "preconditions": insight.preconditions,
        "cost_band": insight.cost_band,
        "effort": insight.effort,
        "metrics": "\n".join(insight.metrics),
        "criteria_codes": ", ".join(insight.criteria_codes),
        "tags": ", ".join(insight.tags),
        "evidence_note": insight.evidence_note,
        "audience": insight.audience,
        "evidence_cities": list(insight.evidence_cities.all()),
        "evidence_solutions": list(insight.evidence_solutions.all()),
        "evidence_prework": list(insight.evidence_prework.all()),
        "version": insight.version,
    }


def _insight_form(request, workshop, insight=None):
    cities, solutions, prework = _evidence_choices(workshop)
    initial = {"area": workshop.area if workshop else None}
    if insight is not None:
        initial = _initial_for(insight)
    form = InsightForm(
        request.POST or None, initial=initial, cities=cities, solutions=solutions, prework=prework
    )
    stale = {}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        evidence = {
            k: data.pop(k) for k in ("evidence_cities", "evidence_solutions", "evidence_prework")
        }
        try:
            if insight is None:
                saved = service.create_insight(
                    by=request.user, workshop=workshop, **data, **evidence
                )
            else:
                version = data.pop("version")
                saved = service.update_insight(
                    insight=insight, by=request.user, expected_version=version, **data, **evidence
                )
        except StaleEdit as exc:
            current = exc.current  # lists as the form cleans them, to compare like with like
            theirs = {
                **_initial_for(current),
                "steps": current.steps,
                "metrics": current.metrics,
                "criteria_codes": current.criteria_codes,
                "tags": current.tags,
            }
            stale = stale_edit_context(form, exc, theirs)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Insight saved.")
            return redirect(saved)
    return render(
        request,
        "workshops/insight_form.html",
        {
            "form": form,
            "workshop": workshop,
            "insight": insight,
            **stale,
        },
    )


@login_required
def create(request, slug):
    workshop = selectors.workshop_for_user(request.user, slug, for_edit=True)
    return _insight_form(request, workshop)


@login_required
def edit(request, slug):
    insight = selectors.insight_for_user(request.user, slug, for_edit=True)
    workshop = Workshop.objects.filter(pk=insight.workshop_id).select_related("area").first()
    return _insight_form(request, workshop, insight)


@login_required
@require_POST
def transition(request, slug):
    insight = selectors.insight_for_user(request.user, slug, for_edit=True)
    try:
        service.transition_insight(
            insight=insight, to_state=request.POST.get("to_state", ""), by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The insight is now “{insight.get_state_display()}”.")
    return redirect(insight)
