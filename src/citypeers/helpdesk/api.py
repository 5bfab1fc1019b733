"""JSON API for the help desk, mounted under /api/v1/ by citypeers.api.urls.

Reads filter by the caller; writes need a token or session and go through the same services
(and so the same permission predicates and validation) as the pages."""

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from citypeers.assessments.models import Criterion
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.pagination import MappedQuerySet, PagePagination
from citypeers.core.enums import PublicationStatus
from citypeers.directory.selectors import jurisdiction_by_key
from citypeers.helpdesk import selectors, services
from citypeers.helpdesk.enums import RequestStatus
from citypeers.helpdesk.models import HelpRequest
from citypeers.helpdesk.schemas import (
    HelpAnswerIn,
    HelpAnswerOut,
    HelpInviteIn,
    HelpPublishIn,
    HelpRequestIn,
    HelpRequestListOut,
    HelpRequestOut,
    HelpRoutingOut,
    HelpTriageIn,
    answer_out,
    detail_out,
    list_out,
    routing_out,
)
from citypeers.knowledge.models import ChallengeArea, Solution

router = Router(tags=["help desk"])


class HelpRequestQuery(Schema):
    status: RequestStatus | None = None
    mine: bool = False


class QueueQuery(Schema):
    status: str = ""
    older_than: str = ""
    area: str = ""


def _detail(user, pk: int) -> dict:
    return detail_out(selectors.help_request_for_user(user, pk))


def _city(key: str):
    try:
        return jurisdiction_by_key(key[:120])
    except Http404:
        raise ValidationError({"jurisdiction": [f"No city “{key}”."]}) from None


@router.get("/help-requests", response=list[HelpRequestListOut], url_name="help_request_list")
@paginate(PagePagination)
def list_help_requests(request, filters: Query[HelpRequestQuery]):
    """Help requests you may see, newest first; `?status=` and `?mine=true` narrow them."""
    user = current_user(request)
    queryset = selectors.list_for(user, status=filters.status or "", mine=filters.mine)
    return MappedQuerySet(queryset, list_out)


@router.post(
    "/help-requests",
    response={201: HelpRequestOut},
    auth=REQUIRED_AUTH,
    url_name="help_request_create",
)
def create_help_request(request, payload: HelpRequestIn):
    """Ask the network for help on behalf of a city you are a member of (status "new")."""
    user = request.auth
    area = ChallengeArea.objects.filter(slug=payload.area[:80]).first()
    if area is None:
        raise ValidationError({"area": [f"No challenge area “{payload.area}”."]})
    criterion = None
    if payload.criterion is not None:
        criterion = Criterion.objects.filter(pk=payload.criterion).first()
        if criterion is None:
            raise ValidationError({"criterion": [f"No criterion {payload.criterion}."]})
    help_request = services.open_request(
        jurisdiction=_city(payload.jurisdiction),
        actor=user,
        title=payload.title,
        question=payload.question,
        area=area,
        criterion=criterion,
        urgency=payload.urgency,
        tried=payload.tried,
        visibility=payload.visibility,
    )
    return Status(201, _detail(user, help_request.pk))


@router.get(
    "/help-requests/queue",
    response=list[HelpRequestListOut],
    auth=REQUIRED_AUTH,
    url_name="help_request_queue",
)
@paginate(PagePagination)
def help_request_queue(request, filters: Query[QueueQuery]):
    """The organisers' queue, oldest first: `status` ("" active, "all", or one status) and
    `older_than` ("1", "7" or "30" days) and `area` (a challenge area slug; a top-level area
    includes its sub-areas)."""
    selectors.require_queue_viewer(request.auth)
    queryset = selectors.queue(
        status=filters.status[:12], older_than=filters.older_than[:3], area=filters.area[:80]
    )
    return MappedQuerySet(queryset, list_out)


@router.get("/help-requests/{request_id}", response=HelpRequestOut, url_name="help_request_detail")
def get_help_request(request, request_id: int):
    return _detail(current_user(request), request_id)


@router.post(
    "/help-requests/{request_id}/triage",
    response=HelpRequestOut,
    auth=REQUIRED_AUTH,
    url_name="help_request_triage",
)
def triage_help_request(request, request_id: int, payload: HelpTriageIn):
    """Organisers: accept, merge into a duplicate (`duplicate`) or close with a `reason`."""
    user = request.auth
    help_request = selectors.help_request_for_user(user, request_id, for_edit=True)
    duplicate = None
    if payload.duplicate is not None:
        duplicate = HelpRequest.objects.filter(pk=payload.duplicate).first()
        if duplicate is None:
            raise ValidationError({"duplicate": [f"No help request {payload.duplicate}."]})
    services.triage_request(
        help_request=help_request,
        actor=user,
        decision=payload.decision,
        reason=payload.reason,
        duplicate=duplicate,
    )
    return _detail(user, request_id)


@router.get(
    "/help-requests/{request_id}/suggestions",
    response=HelpRoutingOut,
    auth=REQUIRED_AUTH,
    url_name="help_request_suggestions",
)
def help_request_suggestions(request, request_id: int):
    """Organisers: peer cities that solved it and experts whose expertise matches, with the
    reasons and the people who would be invited."""
    help_request = selectors.help_request_for_routing(request.auth, request_id)
    return routing_out(selectors.routing_for(help_request))


@router.post(
    "/help-requests/{request_id}/invitations",
    response=HelpRequestOut,
    auth=REQUIRED_AUTH,
    url_name="help_request_invite",
)
def invite_to_help_request(request, request_id: int, payload: HelpInviteIn):
    """Organisers: invite people to answer (suggested ones keep their reasons)."""
    user = request.auth
    help_request = selectors.help_request_for_user(user, request_id, for_edit=True)
    routing = selectors.routing_for(help_request)
    invitees = services.invitees_from(routing, payload.user_ids)
    if len(invitees) != len(set(payload.user_ids)):
        raise ValidationError({"user_ids": ["Some of these people do not exist."]})
    services.invite_people(help_request=help_request, invitees=invitees, actor=user)
    return _detail(user, request_id)


@router.post(
    "/help-requests/{request_id}/answers",
    response={201: HelpAnswerOut},
    auth=REQUIRED_AUTH,
    url_name="help_request_answer",
)
def answer_help_request(request, request_id: int, payload: HelpAnswerIn):
    """Answer a request you are invited to (or any network request, as a network member)."""
    help_request = selectors.help_request_for_user(request.auth, request_id)
    answer = services.answer_request(
        help_request=help_request, actor=request.auth, body=payload.body
    )
    return Status(201, answer_out(answer))


@router.post(
    "/help-answers/{answer_id}/accept",
    response=HelpAnswerOut,
    auth=REQUIRED_AUTH,
    url_name="help_answer_accept",
)
def accept_help_answer(request, answer_id: int):
    """The asker (or the asking city's editors) accepts the answer that helped."""
    answer = selectors.answer_for_user(request.auth, answer_id)
    return answer_out(services.accept_answer(answer=answer, actor=request.auth))


@router.post(
    "/help-requests/{request_id}/publish",
    response=HelpRequestOut,
    auth=REQUIRED_AUTH,
    url_name="help_request_publish",
)
def publish_help_request(request, request_id: int, payload: HelpPublishIn):
    """With `consent: true`, a resolved request becomes a public Q&A in the library."""
    user = request.auth
    help_request = selectors.help_request_for_user(user, request_id)
    slugs = list(dict.fromkeys(payload.linked_solutions))
    solutions = list(Solution.objects.filter(slug__in=slugs, status=PublicationStatus.PUBLISHED))
    missing = sorted(set(slugs) - {s.slug for s in solutions})
    if missing:
        raise ValidationError(
            {"linked_solutions": [f"No published solution: {', '.join(missing)}."]}
        )
    services.publish_request(
        help_request=help_request,
        actor=user,
        consent=payload.consent,
        linked_solutions=solutions,
    )
    return _detail(user, request_id)
