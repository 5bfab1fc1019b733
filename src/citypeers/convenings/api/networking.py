"""JSON API for 1:1 networking: a delegate's preferences, the meetings (the caller's; organisers
every one), the organisers' proposal, a delegate's request for a meeting and
each side's answer. Same access helpers, predicates and services as the pages: 404 for what the
caller may not see, 403 for what they may not do."""

from django.core.exceptions import ValidationError
from ninja import Status
from ninja.pagination import paginate

from citypeers.convenings.api.routing import router
from citypeers.convenings.enums import MeetingStatus
from citypeers.convenings.schemas_networking import (
    MeetingOut,
    MeetingRequestIn,
    MeetingResponseIn,
    PreferencesIn,
    PreferencesOut,
    ProposeMeetingsIn,
    ProposeMeetingsOut,
    RequestablePersonOut,
)
from citypeers.convenings.selectors import networking as selectors
from citypeers.convenings.services import networking as service
from citypeers.core.api.auth import REQUIRED_AUTH
from citypeers.core.api.pagination import PagePagination
from citypeers.knowledge.models import ChallengeArea


def _areas(field: str, slugs: list[str]) -> list[ChallengeArea]:
    found = list(ChallengeArea.objects.filter(slug__in=slugs))
    missing = sorted(set(slugs) - {a.slug for a in found})
    if missing:
        raise ValidationError({field: f"No challenge area: {', '.join(missing)}."})
    return found


def _suggestions_out(suggestions):
    return [
        {
            "area": s.area.slug,
            "name": s.area.name,
            "sources": [{"kind": x.kind, "text": x.text, "url": x.url} for x in s.sources],
        }
        for s in suggestions
    ]


def _preferences_out(seat):
    preferences = selectors.preferences_of(seat)
    suggested = preferences.suggested
    return {
        "delegate": seat.pk,
        "wants": [a.slug for a in preferences.wants],
        "offers": [a.slug for a in preferences.offers],
        "saved": preferences.saved,
        "suggested": None
        if suggested is None
        else {
            "wants": _suggestions_out(suggested.wants),
            "offers": _suggestions_out(suggested.offers),
        },
    }


def _person(delegate):
    return {
        "delegate": delegate.pk,
        "name": delegate.full_name,
        "city": delegate.delegation.jurisdiction.name,
    }


def meeting_out(meeting):
    return {
        "id": meeting.pk,
        "slot": meeting.slot,
        "table": meeting.table,
        "a": _person(meeting.delegate_a),
        "b": _person(meeting.delegate_b),
        "interest": meeting.interest,
        "reason": meeting.reason,
        "status": meeting.status,
        "requested_by": meeting.requested_by_id,
    }


@router.get(
    "/convenings/{slug}/networking/preferences",
    response=PreferencesOut,
    auth=REQUIRED_AUTH,
    url_name="networking_preferences",
)
def get_preferences(request, slug: str):
    """The caller's preferences; prefilled (`saved` false, `suggested` with each area's
    sources) until they save them."""
    convening = selectors.networking_convening_for_user(request.auth, slug)
    return _preferences_out(selectors.seat_for_preferences(request.auth, convening))


@router.put(
    "/convenings/{slug}/networking/preferences",
    response=PreferencesOut,
    auth=REQUIRED_AUTH,
    url_name="networking_preferences_put",
)
def put_preferences(request, slug: str, payload: PreferencesIn):
    convening = selectors.networking_convening_for_user(request.auth, slug)
    seat = selectors.seat_for_preferences(request.auth, convening)
    service.save_preferences(
        actor=request.auth,
        seat=seat,
        wants=_areas("wants", payload.wants),
        offers=_areas("offers", payload.offers),
    )
    return _preferences_out(seat)


@router.get(
    "/convenings/{slug}/networking/meetings",
    response=list[MeetingOut],
    auth=REQUIRED_AUTH,
    url_name="networking_meetings",
)
@paginate(PagePagination)
def list_meetings(request, slug: str):
    """The caller's meetings; organisers get every meeting of the convening."""
    convening = selectors.networking_convening_for_user(request.auth, slug)
    return [meeting_out(m) for m in selectors.meetings_for(request.auth, convening, everyone=True)]


@router.post(
    "/convenings/{slug}/networking/propose",
    response=ProposeMeetingsOut,
    auth=REQUIRED_AUTH,
    url_name="networking_propose",
)
def propose(request, slug: str, payload: ProposeMeetingsIn):
    """Run the scheduler over the saved preferences; accepted meetings are kept."""
    convening = selectors.networking_convening_for_user(request.auth, slug)
    selectors.require_meeting_proposer(request.auth, convening)
    new = service.propose_meetings(
        actor=request.auth, convening=convening, slots=payload.slots, tables=payload.tables
    )
    kept = convening.meetings.filter(status=MeetingStatus.ACCEPTED).count()
    return {
        "slots": payload.slots,
        "tables": payload.tables,
        "proposed": len(new),
        "accepted_kept": kept,
    }


@router.post(
    "/convenings/{slug}/networking/meetings/{pk}/respond",
    response=MeetingOut,
    auth=REQUIRED_AUTH,
    url_name="networking_respond",
)
def respond(request, slug: str, pk: int, payload: MeetingResponseIn):
    convening = selectors.networking_convening_for_user(request.auth, slug)
    meeting = selectors.meeting_for_user(request.auth, convening, pk)
    service.respond_to_meeting(
        actor=request.auth, meeting=meeting, accept=payload.answer == "accept"
    )
    return meeting_out(selectors.meetings_for(request.auth, convening).get(pk=meeting.pk))


@router.get(
    "/convenings/{slug}/networking/people",
    response=list[RequestablePersonOut],
    auth=REQUIRED_AUTH,
    url_name="networking_people",
)
@paginate(PagePagination)
def list_people(request, slug: str):
    """The delegates of other cities the caller may ask for a meeting (delegates only)."""
    convening = selectors.networking_convening_for_user(request.auth, slug)
    seat = selectors.seat_for_preferences(request.auth, convening)
    return [
        {"delegate": d.pk, "name": d.full_name, "city": d.delegation.jurisdiction.name}
        for d in selectors.requestable_delegates(seat)
    ]


@router.post(
    "/convenings/{slug}/networking/requests",
    response={201: MeetingOut},
    auth=REQUIRED_AUTH,
    url_name="networking_request",
)
def request_meeting(request, slug: str, payload: MeetingRequestIn):
    """Ask a delegate of another city for a meeting (in `slot`, or the first slot in which both
    are free); they are told and accept or decline. A refused slot or person is a 400."""
    convening = selectors.networking_convening_for_user(request.auth, slug)
    seat = selectors.seat_for_preferences(request.auth, convening)
    meeting = service.request_meeting(
        actor=request.auth,
        seat=seat,
        other=selectors.delegate_to_meet(seat, payload.delegate),
        slot=payload.slot,
        note=payload.note,
    )
    found = selectors.meetings_for(request.auth, convening).get(pk=meeting.pk)
    return Status(201, meeting_out(found))
