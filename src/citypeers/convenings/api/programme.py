"""JSON API for the programme: proposals, votes, reviews, decisions, the timetable, agendas.

Same access helpers, predicates and services as the pages: 404 for what the caller may not see,
403 for what they see but may not do, 409 for a stale `version` / `If-Match`.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from ninja import Status
from ninja.pagination import paginate

from citypeers.convenings import permissions
from citypeers.convenings.api.routing import router
from citypeers.convenings.enums import ProposalStatus
from citypeers.convenings.models import Delegate, Room, TimeSlot
from citypeers.convenings.schemas_programme import (
    AgendaEntryOut,
    AgendaIn,
    PlacementIn,
    PlacementOut,
    ProposalDecisionIn,
    ProposalDetailOut,
    ProposalIn,
    ProposalOut,
    ProposalPatch,
    ProposalReviewIn,
    TimetableOut,
)
from citypeers.convenings.selectors import programme as selectors
from citypeers.convenings.services import proposals as proposal_service
from citypeers.convenings.services import timetable as timetable_service
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.pagination import PagePagination
from citypeers.core.api.versions import StaleEditOut, expected_version, set_etag
from citypeers.knowledge.models import ChallengeArea


def _area(slug):
    if not slug:
        return None
    area = ChallengeArea.objects.filter(slug=slug).first()
    if area is None:
        raise ValidationError({"challenge_area": f"No challenge area “{slug}”."})
    return area


def _speakers(convening, ids):
    found = list(
        Delegate.objects.select_related("delegation").filter(
            pk__in=ids, delegation__convening=convening, accepted_at__isnull=False
        )
    )
    missing = sorted(set(ids) - {d.pk for d in found})
    if missing:
        raise ValidationError(
            {"speakers": f"Not delegates of this convening: {', '.join(map(str, missing))}."}
        )
    return found


def _detail(request, proposal):
    fresh = selectors.proposal_for_user(request.auth, proposal.convening, proposal.pk)
    fresh.review_averages = (
        {"relevance": fresh.relevance_avg, "feasibility": fresh.feasibility_avg}
        if permissions.can_review_proposal(request.auth, fresh)
        else None
    )
    return fresh


def _proposal(request, slug, pk, *, for_edit=False):
    convening = selectors.programme_convening_for_user(request.auth, slug)
    return selectors.proposal_for_user(request.auth, convening, pk, for_edit=for_edit)


@router.get(
    "/convenings/{slug}/proposals",
    response=list[ProposalOut],
    auth=REQUIRED_AUTH,
    url_name="proposals_list",
)
@paginate(PagePagination)
def list_proposals(request, slug: str, status: str = ""):
    convening = selectors.programme_convening_for_user(request.auth, slug)
    queryset = selectors.proposals_for(convening, request.auth)
    return queryset.filter(status=status) if status else queryset


@router.post(
    "/convenings/{slug}/proposals",
    response={201: ProposalDetailOut},
    auth=REQUIRED_AUTH,
    url_name="proposal_create",
)
def create_proposal(request, slug: str, payload: ProposalIn):
    convening = selectors.programme_convening_for_user(request.auth, slug)
    data = payload.dict()
    data["challenge_area"] = _area(data["challenge_area"])
    data["speakers"] = _speakers(convening, data["speakers"])
    proposal = proposal_service.propose_session(convening=convening, actor=request.auth, **data)
    return Status(201, _detail(request, proposal))


@router.get(
    "/convenings/{slug}/proposals/{pk}",
    response=ProposalDetailOut,
    auth=REQUIRED_AUTH,
    url_name="proposal_detail",
)
def get_proposal(request, slug: str, pk: int, response: HttpResponse):
    """One proposal; the `ETag` header is its version, for `If-Match` on a later PATCH."""
    proposal = _detail(request, _proposal(request, slug, pk))
    set_etag(response, proposal.version)
    return proposal


@router.patch(
    "/convenings/{slug}/proposals/{pk}",
    response={200: ProposalDetailOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="proposal_update",
)
def update_proposal(request, slug: str, pk: int, payload: ProposalPatch):
    proposal = _proposal(request, slug, pk, for_edit=True)
    changes = payload.dict(exclude_unset=True)
    version = expected_version(request, changes.pop("version", None))
    # `null` clears what may be empty and is refused for what may not (never stored as NULL).
    if changes.get("needs", "") is None:
        changes["needs"] = ""
    required = sorted(f for f in ("title", "format", "description") if f in changes)
    if missing := [f for f in required if changes[f] is None]:
        raise ValidationError({f: ["This field cannot be empty."] for f in missing})
    if "challenge_area" in changes:
        changes["challenge_area"] = _area(changes["challenge_area"])
    speakers = changes.pop("speakers", None)
    if speakers is not None:
        speakers = _speakers(proposal.convening, speakers)
    proposal_service.update_proposal(
        proposal=proposal,
        actor=request.auth,
        expected_version=version,
        speakers=speakers,
        **changes,
    )
    return _detail(request, proposal)


@router.post(
    "/convenings/{slug}/proposals/{pk}/vote",
    response=ProposalDetailOut,
    auth=REQUIRED_AUTH,
    url_name="proposal_vote",
)
def vote(request, slug: str, pk: int):
    proposal = _proposal(request, slug, pk)
    proposal_service.vote(proposal=proposal, actor=request.auth)
    return _detail(request, proposal)


@router.delete(
    "/convenings/{slug}/proposals/{pk}/vote",
    response=ProposalDetailOut,
    auth=REQUIRED_AUTH,
    url_name="proposal_unvote",
)
def unvote(request, slug: str, pk: int):
    proposal = _proposal(request, slug, pk)
    proposal_service.unvote(proposal=proposal, actor=request.auth)
    return _detail(request, proposal)


@router.post(
    "/convenings/{slug}/proposals/{pk}/review",
    response=ProposalDetailOut,
    auth=REQUIRED_AUTH,
    url_name="proposal_review",
)
def review(request, slug: str, pk: int, payload: ProposalReviewIn):
    proposal = _proposal(request, slug, pk)
    proposal_service.review(proposal=proposal, actor=request.auth, **payload.dict())
    return _detail(request, proposal)


@router.post(
    "/convenings/{slug}/proposals/{pk}/decision",
    response={200: ProposalDetailOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="proposal_decision",
)
def decide(request, slug: str, pk: int, payload: ProposalDecisionIn):
    proposal = _proposal(request, slug, pk)
    proposal_service.decide(
        proposal=proposal,
        actor=request.auth,
        accept=payload.decision == ProposalStatus.ACCEPTED,
        message=payload.message,
        expected_version=expected_version(request, payload.version),
    )
    return _detail(request, proposal)


@router.post(
    "/convenings/{slug}/proposals/{pk}/confirm",
    response=ProposalDetailOut,
    auth=REQUIRED_AUTH,
    url_name="proposal_speaker_confirm",
)
def confirm(request, slug: str, pk: int):
    proposal = _proposal(request, slug, pk)
    proposal_service.confirm_speaking(proposal=proposal, actor=request.auth)
    return _detail(request, proposal)


# ---- timetable --------------------------------------------------------------------------------


def _timetable_out(convening):
    timetable = selectors.timetable_of(convening)
    return {
        "published": timetable.is_published,
        "proposed_at": timetable.proposed_at,
        "penalty": timetable.penalty,
        "slots": list(convening.slots.all()),
        "placements": list(selectors.placements_of(convening)),
        "conflicts": timetable.conflicts,
    }


@router.get("/convenings/{slug}/timetable", response=TimetableOut, url_name="timetable_detail")
def get_timetable(request, slug: str):
    convening = selectors.timetable_convening_for_user(current_user(request), slug)
    return _timetable_out(convening)


def _builder_convening(request, slug):
    convening = selectors.programme_convening_for_user(request.auth, slug)
    if not permissions.can_build_timetable(request.auth):
        raise Http404("No such convening.")
    return convening


@router.post(
    "/convenings/{slug}/timetable/propose",
    response=TimetableOut,
    auth=REQUIRED_AUTH,
    url_name="timetable_propose",
)
def propose(request, slug: str):
    convening = _builder_convening(request, slug)
    timetable_service.propose_timetable(convening=convening, actor=request.auth)
    return _timetable_out(convening)


@router.post(
    "/convenings/{slug}/timetable/publish",
    response=TimetableOut,
    auth=REQUIRED_AUTH,
    url_name="timetable_publish",
)
def publish(request, slug: str):
    convening = _builder_convening(request, slug)
    timetable_service.publish_timetable(convening=convening, actor=request.auth)
    return _timetable_out(convening)


@router.put(
    "/convenings/{slug}/timetable/placements/{pk}",
    response=PlacementOut,
    auth=REQUIRED_AUTH,
    url_name="timetable_place",
)
def place(request, slug: str, pk: int, payload: PlacementIn):
    convening = _builder_convening(request, slug)
    proposal = selectors.proposal_for_user(request.auth, convening, pk)
    room = Room.objects.filter(convening=convening, name=payload.room).first()
    slot = TimeSlot.objects.filter(convening=convening, pk=payload.slot).first()
    if room is None:
        raise ValidationError({"room": f"No room “{payload.room}” at this convening."})
    if slot is None:
        raise ValidationError({"slot": f"No slot {payload.slot} at this convening."})
    timetable_service.place_session(proposal=proposal, actor=request.auth, room=room, slot=slot)
    return selectors.placements_of(convening).get(proposal=proposal)


# ---- agenda -----------------------------------------------------------------------------------


def _agenda_convening(request, slug):
    convening = selectors.programme_convening_for_user(request.auth, slug)
    if not permissions.can_keep_agenda(request.auth, convening):
        raise Http404("No such agenda.")
    return convening


def _entry_out(entry):
    placement = entry.placement
    return {
        "proposal": entry.item.proposal_id,
        "title": entry.item.proposal.title,
        "room": placement.room.name if placement else None,
        "starts_at": placement.slot.starts_at if placement else None,
        "ends_at": placement.slot.ends_at if placement else None,
        "clashes_with": entry.clashes_with,
    }


@router.get(
    "/convenings/{slug}/agenda",
    response=list[AgendaEntryOut],
    auth=REQUIRED_AUTH,
    url_name="agenda",
)
@paginate(PagePagination)
def get_agenda(request, slug: str):
    """The caller's agenda in time order; `clashes_with` names the entries at the same time."""
    convening = _agenda_convening(request, slug)
    return [_entry_out(e) for e in selectors.agenda_for(request.auth, convening)]


@router.post(
    "/convenings/{slug}/agenda",
    response={201: AgendaEntryOut},
    auth=REQUIRED_AUTH,
    url_name="agenda_add",
)
def add_to_agenda(request, slug: str, payload: AgendaIn):
    convening = _agenda_convening(request, slug)
    proposal = selectors.proposal_for_user(request.auth, convening, payload.proposal)
    timetable_service.add_to_agenda(proposal=proposal, actor=request.auth)
    entries = selectors.agenda_for(request.auth, convening)
    return Status(201, _entry_out(next(e for e in entries if e.item.proposal_id == proposal.pk)))


@router.delete(
    "/convenings/{slug}/agenda/{pk}",
    response={204: None},
    auth=REQUIRED_AUTH,
    url_name="agenda_remove",
)
def remove_from_agenda(request, slug: str, pk: int):
    convening = _agenda_convening(request, slug)
    proposal = selectors.proposal_for_user(request.auth, convening, pk)
    timetable_service.remove_from_agenda(proposal=proposal, actor=request.auth)
    return Status(204, None)
