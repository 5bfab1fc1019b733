"""The one writer of help requests, invitations and answers. Every function takes the acting
user, checks the named rules predicate, validates with `full_clean()` and records who changed the
status and why (django-simple-history). Notifications go through `citypeers.notifications`,
whose email leaves after commit."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from citypeers.accounts.models import User
from citypeers.accounts.permissions import jurisdiction_ids_with_role
from citypeers.core.enums import PublicationStatus
from citypeers.core.services import attribute_change
from citypeers.directory.models import Jurisdiction
from citypeers.helpdesk.enums import (
    NoticeKind,
    RequestStatus,
    RequestVisibility,
    TriageDecision,
    Urgency,
)
from citypeers.helpdesk.indexing import refresh_qa
from citypeers.helpdesk.models import Answer, HelpRequest, Invitation
from citypeers.helpdesk.permissions import (
    can_accept_answer,
    can_answer_request,
    can_ask_for,
    can_publish_request,
    can_route_request,
    can_triage_request,
)
from citypeers.notifications.services import notify

ROUTABLE = (RequestStatus.OPEN, RequestStatus.ROUTED, RequestStatus.ANSWERED)
TRIAGEABLE: dict[str, tuple[str, ...]] = {
    TriageDecision.ACCEPT: (RequestStatus.NEW,),
    TriageDecision.MERGE: (
        RequestStatus.NEW,
        RequestStatus.OPEN,
        RequestStatus.ROUTED,
        RequestStatus.ANSWERED,
    ),
    TriageDecision.CLOSE: (
        RequestStatus.NEW,
        RequestStatus.OPEN,
        RequestStatus.ROUTED,
        RequestStatus.ANSWERED,
    ),
}


@dataclass(frozen=True)
class Invitee:
    """A person an organiser invites, with the reasons the routing engine gave (if any)."""

    user: Any
    kind: str
    jurisdiction: Any = None
    reasons: list[str] = field(default_factory=list)


def invitees_from(routing, user_ids: Iterable[int]) -> list[Invitee]:
    """The chosen people, each with the kind, city and reasons of their suggestion in `routing`
    (a `selectors.Routing`); someone not suggested is invited as chosen by the organiser."""
    user_ids = list(user_ids)
    users = User.objects.in_bulk(user_ids)
    cities = {route.jurisdiction.pk: route.jurisdiction for route in routing.cities}
    invitees = []
    for user_id in user_ids:
        if user_id not in users:
            continue
        kind, city_id, reasons = routing.reasons_for(user_id)
        invitees.append(
            Invitee(
                user=users[user_id], kind=kind, jurisdiction=cities.get(city_id), reasons=reasons
            )
        )
    return invitees


def _save_status(help_request: HelpRequest, actor, reason: str, fields: list[str]) -> None:
    help_request.full_clean()
    attribute_change(help_request, actor, reason)
    help_request.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def open_request(
    *,
    jurisdiction,
    actor,
    title: str,
    question: str,
    area,
    urgency: str = Urgency.MEDIUM,
    tried: str = "",
    visibility: str = RequestVisibility.NETWORK,
    criterion=None,
    is_demo: bool = False,
) -> HelpRequest:
    """A member of `jurisdiction` asks the network for help (status "new", awaiting triage)."""
    if not can_ask_for(actor, jurisdiction):
        raise PermissionDenied("Only members of this city can ask for help on its behalf.")
    help_request = HelpRequest(
        jurisdiction=jurisdiction,
        asked_by=actor,
        title=title.strip(),
        question=question.strip(),
        area=area,
        criterion=criterion,
        urgency=urgency,
        tried=tried.strip(),
        visibility=visibility,
        is_demo=is_demo,
    )
    errors = {}
    if not help_request.question:
        errors["question"] = ["Say what you would like help with."]
    if not help_request.title:
        errors["title"] = ["Give the request a short title."]
    if errors:
        raise ValidationError(errors)
    help_request.full_clean()
    attribute_change(help_request, actor, "Asked")
    help_request.save()
    return help_request


@transaction.atomic
def triage_request(
    *, help_request: HelpRequest, actor, decision: str, reason: str = "", duplicate=None
) -> HelpRequest:
    """An organiser accepts the request, merges it into a duplicate or closes it with a reason.
    The asker is told."""
    if not can_triage_request(actor, help_request):
        raise PermissionDenied("Only network organisers triage help requests.")
    if decision not in TRIAGEABLE:
        raise ValidationError({"decision": ["Choose accept, merge or close."]})
    if help_request.status not in TRIAGEABLE[decision]:
        raise ValidationError(
            {
                "decision": [
                    f"A request that is {help_request.get_status_display().lower()} "
                    f"cannot be given “{TriageDecision(decision).label.lower()}”."
                ]
            }
        )
    reason = reason.strip()
    fields = ["status", "status_reason", "triaged_at"]
    if decision == TriageDecision.ACCEPT:
        help_request.status = RequestStatus.OPEN
        message = "Your help request was accepted; the organisers are finding people to answer."
    elif decision == TriageDecision.MERGE:
        if duplicate is None:
            raise ValidationError({"duplicate": ["Choose the request this one duplicates."]})
        if duplicate.pk == help_request.pk or duplicate.status in (
            RequestStatus.MERGED,
            RequestStatus.CLOSED,
        ):
            raise ValidationError({"duplicate": ["Merge into another request that is still open."]})
        help_request.status = RequestStatus.MERGED
        help_request.merged_into = duplicate
        fields.append("merged_into")
        message = f"Your help request was merged into “{duplicate.title}”, which asks the same."
    else:
        if not reason:
            raise ValidationError({"reason": ["Say why the request is closed."]})
        help_request.status = RequestStatus.CLOSED
        message = f"Your help request was closed: {reason}"
    help_request.status_reason = reason
    help_request.triaged_at = help_request.triaged_at or timezone.now()
    _save_status(help_request, actor, f"Triage: {decision}", fields)
    notify(
        user=help_request.asked_by,
        kind=NoticeKind.TRIAGED,
        title=f"Help request “{help_request.title}”: {help_request.get_status_display()}",
        body=message,
        url=help_request.get_absolute_url(),
    )
    return help_request


@transaction.atomic
def invite_people(
    *, help_request: HelpRequest, invitees: Iterable[Invitee], actor
) -> list[Invitation]:
    """An organiser invites chosen people to answer (status "routed"); each is told. Someone
    already invited is not invited twice."""
    if not can_route_request(actor, help_request):
        raise PermissionDenied("Only network organisers route help requests.")
    if help_request.status not in ROUTABLE:
        raise ValidationError(
            {"invitees": ["Accept the request before inviting people to answer it."]}
        )
    invitees = list(invitees)
    if not invitees:
        raise ValidationError({"invitees": ["Choose at least one person to invite."]})
    already = set(help_request.invitations.values_list("user_id", flat=True))
    created = []
    for invitee in invitees:
        user = invitee.user
        if user.pk in already or user.pk == help_request.asked_by_id:
            continue
        already.add(user.pk)
        invitation = Invitation(
            request=help_request,
            user=user,
            kind=invitee.kind,
            jurisdiction=invitee.jurisdiction,
            reasons=list(invitee.reasons),
            invited_by=actor,
        )
        invitation.full_clean(validate_constraints=False)
        invitation.save()
        created.append(invitation)
        notify(
            user=user,
            kind=NoticeKind.INVITED,
            title=f"Can you help {help_request.jurisdiction.name}? “{help_request.title}”",
            body="You were invited because: " + "; ".join(invitation.reasons)
            if invitation.reasons
            else "",
            url=help_request.get_absolute_url(),
        )
    if created and help_request.status == RequestStatus.OPEN:
        help_request.status = RequestStatus.ROUTED
        _save_status(help_request, actor, "Routed", ["status"])
    return created


def _answering_city(help_request: HelpRequest, actor):
    invitation = next(
        (i for i in help_request.invitations.all() if i.user_id == actor.pk and i.jurisdiction_id),
        None,
    )
    if invitation is not None:
        return invitation.jurisdiction
    ids = sorted(jurisdiction_ids_with_role(actor) - {help_request.jurisdiction_id})
    return Jurisdiction.objects.filter(pk=ids[0]).first() if ids else None


@transaction.atomic
def answer_request(*, help_request: HelpRequest, actor, body: str, is_demo: bool = False) -> Answer:
    """An invited person (or a network member, on a network request) answers; the asker is
    told. The first answer sets the time to first answer."""
    if not can_answer_request(actor, help_request):
        raise PermissionDenied("You are not invited to answer this request.")
    body = body.strip()
    if not body:
        raise ValidationError({"body": ["Write your answer."]})
    answer = Answer(
        request=help_request,
        author=actor,
        jurisdiction=_answering_city(help_request, actor),
        body=body,
        is_demo=is_demo,
    )
    answer.full_clean()
    answer.save()
    fields = []
    if help_request.first_answer_at is None:
        help_request.first_answer_at = answer.created_at
        fields.append("first_answer_at")
    if help_request.status in (RequestStatus.OPEN, RequestStatus.ROUTED):
        help_request.status = RequestStatus.ANSWERED
        fields.append("status")
    if fields:
        _save_status(help_request, actor, "Answered", fields)
    if help_request.asked_by_id != actor.pk:
        notify(
            user=help_request.asked_by,
            kind=NoticeKind.ANSWERED,
            title=f"New answer to “{help_request.title}” from {actor.display_name}",
            url=help_request.get_absolute_url() + f"#answer-{answer.pk}",
        )
    return answer


@transaction.atomic
def accept_answer(*, answer: Answer, actor) -> Answer:
    """The asker (or the asking city's editors) marks the answer that solved it ("resolved");
    its author is told. Accepting another answer replaces the first."""
    help_request = answer.request
    if not can_accept_answer(actor, help_request):
        raise PermissionDenied("Only the asker or the city's editors accept an answer.")
    Answer.objects.filter(request=help_request, is_accepted=True).exclude(pk=answer.pk).update(
        is_accepted=False
    )
    if not answer.is_accepted:
        answer.is_accepted = True
        answer.save(update_fields=["is_accepted", "updated_at"])
    help_request.status = RequestStatus.RESOLVED
    help_request.accepted_at = timezone.now()
    _save_status(help_request, actor, "Answer accepted", ["status", "accepted_at"])
    if answer.author_id and answer.author_id != actor.pk:
        notify(
            user=answer.author,
            kind=NoticeKind.ACCEPTED,
            title=f"Your answer to “{help_request.title}” was accepted",
            body=f"{help_request.jurisdiction.name} marked your answer as the one that helped.",
            url=help_request.get_absolute_url() + f"#answer-{answer.pk}",
        )
    return answer


@transaction.atomic
def publish_request(
    *, help_request: HelpRequest, actor, consent: bool, linked_solutions: Iterable = ()
) -> HelpRequest:
    """With the asker's consent, a resolved request joins the library as a public Q&A: the
    question, the accepted answer, linked solutions and the cities involved; it is indexed for
    site search and listed on those cities' profiles."""
    if not can_publish_request(actor, help_request):
        raise PermissionDenied("Only the asker or the city's editors publish a resolved request.")
    if not consent:
        raise ValidationError(
            {
                "consent": [
                    "Publishing shows the question and the accepted answer to everyone: "
                    "tick the box to agree."
                ]
            }
        )
    solutions = list(linked_solutions)
    drafts = [s.title for s in solutions if s.status != PublicationStatus.PUBLISHED]
    if drafts:
        raise ValidationError({"linked_solutions": ["Link published solutions only."]})
    accepted = Answer.objects.filter(request=help_request, is_accepted=True).first()
    if accepted is None:
        raise ValidationError({"consent": ["Accept an answer before publishing."]})
    help_request.publish_consent = True
    help_request.published_at = timezone.now()
    help_request.status = RequestStatus.PUBLISHED
    _save_status(
        help_request, actor, "Published as Q&A", ["publish_consent", "published_at", "status"]
    )
    help_request.linked_solutions.set(solutions)
    cities = {help_request.jurisdiction_id, *(s.owner_id for s in solutions)}
    if accepted.jurisdiction_id:
        cities.add(accepted.jurisdiction_id)
    help_request.involved_cities.set(sorted(cities))
    refresh_qa(help_request.pk)
    if accepted.author_id and accepted.author_id != actor.pk:
        notify(
            user=accepted.author,
            kind=NoticeKind.PUBLISHED,
            title=f"“{help_request.title}” is now in the library, with your answer",
            url=help_request.get_qa_url(),
        )
    return help_request
