"""Session proposals: propose and edit (optimistic concurrency), vote, review, decide, confirm.

Emails about a decision go out after the transaction commits; a mail failure is logged and never
undoes the saved decision (`core.effects.after_commit`).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from citypeers.convenings import permissions
from citypeers.convenings.enums import PROPOSAL_STATES, ProposalStatus
from citypeers.convenings.models import (
    Convening,
    Delegate,
    ProposalReview,
    ProposalVote,
    SessionProposal,
    SessionSpeaker,
)
from citypeers.convenings.services.timetable import notify_if_published
from citypeers.core.effects import after_commit
from citypeers.core.services import attribute_change, claim_version
from citypeers.core.text import single_line

EDITABLE_FIELDS = ("title", "format", "challenge_area", "description", "needs")


def _require_open(convening: Convening) -> None:
    if convening.state not in PROPOSAL_STATES:
        raise ValidationError(
            "The convening takes session proposals only while open or in programme."
        )


def _speakers(convening: Convening, speakers) -> list[Delegate]:
    chosen = list(speakers or [])
    for delegate in chosen:
        if delegate.delegation.convening_id != convening.pk or not delegate.is_confirmed:
            raise ValidationError({"speakers": f"{delegate.full_name} is not a delegate here."})
    return chosen


def _set_speakers(proposal: SessionProposal, speakers: list[Delegate]) -> None:
    wanted = {d.pk for d in speakers}
    proposal.speaker_rows.exclude(delegate_id__in=wanted).delete()
    have = set(proposal.speaker_rows.values_list("delegate_id", flat=True))
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(proposal=proposal, delegate_id=pk) for pk in sorted(wanted - have)
    )


@transaction.atomic
def propose_session(
    *,
    convening: Convening,
    actor,
    title: str,
    format: str,
    description: str,
    challenge_area=None,
    needs: str = "",
    speakers=(),
    is_demo: bool = False,
) -> SessionProposal:
    """A delegate or organiser proposes a session; speakers are delegates of any city."""
    if not permissions.can_take_part_in_programme(actor, convening):
        raise PermissionDenied("Only the convening's delegates and organisers propose sessions.")
    _require_open(convening)
    proposal = SessionProposal(
        convening=convening,
        title=title.strip(),
        format=format,
        challenge_area=challenge_area,
        description=description.strip(),
        needs=needs.strip(),
        proposer=actor,
        is_demo=is_demo,
    )
    proposal.full_clean()
    attribute_change(proposal, actor, "Proposed")
    proposal.save()
    _set_speakers(proposal, _speakers(convening, speakers))
    return proposal


@transaction.atomic
def update_proposal(
    *, proposal: SessionProposal, actor, expected_version: int | None, speakers=None, **changes
) -> SessionProposal:
    """The proposer or an organiser edits a proposal; a stale `expected_version` is refused."""
    if not permissions.can_edit_proposal(actor, proposal):
        raise PermissionDenied("Only the proposer or an organiser edits a proposal.")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    if proposal.status != ProposalStatus.PROPOSED and not permissions.can_decide_proposal(actor):
        raise ValidationError(
            "The organisers have decided on this proposal; ask them to change it."
        )
    claim_version(proposal, expected_version=expected_version, noun="proposal")
    for name, value in changes.items():
        setattr(proposal, name, value.strip() if isinstance(value, str) else value)
    proposal.full_clean()
    attribute_change(proposal, actor, "Edited")
    proposal.save(update_fields=[*changes, "version", "updated_at"])
    if speakers is not None:
        _set_speakers(proposal, _speakers(proposal.convening, speakers))
    return proposal


@transaction.atomic
def vote(*, proposal: SessionProposal, actor) -> bool:
    """One vote a person, never on their own proposal. Voting twice changes nothing.
    Returns whether a vote was added."""
    if not permissions.can_vote_on_proposal(actor, proposal):
        if permissions.is_proposer(actor, proposal):
            raise PermissionDenied("You cannot vote on your own proposal.")
        raise PermissionDenied("Only the convening's delegates and organisers vote.")
    if proposal.status == ProposalStatus.DECLINED:
        raise ValidationError("This proposal was declined.")
    try:
        with transaction.atomic():
            _, created = ProposalVote.objects.get_or_create(proposal=proposal, voter=actor)
    except IntegrityError:
        created = False  # a simultaneous vote by the same person got there first
    return created


@transaction.atomic
def unvote(*, proposal: SessionProposal, actor) -> bool:
    if not permissions.can_vote_on_proposal(actor, proposal):
        raise PermissionDenied("Only the convening's delegates and organisers vote.")
    deleted, _ = ProposalVote.objects.filter(proposal=proposal, voter=actor).delete()
    return bool(deleted)


@transaction.atomic
def review(
    *, proposal: SessionProposal, actor, relevance: int, feasibility: int, comment: str = ""
) -> ProposalReview:
    """An organiser scores the proposal (1 to 5 on each criterion); reviewing again replaces it."""
    if not permissions.can_review_proposal(actor, proposal):
        raise PermissionDenied("Only organisers review proposals.")
    found = ProposalReview.objects.filter(proposal=proposal, reviewer=actor).first()
    row = found or ProposalReview(proposal=proposal, reviewer=actor)
    row.relevance, row.feasibility, row.comment = relevance, feasibility, comment.strip()
    row.full_clean(validate_constraints=False)
    row.save()
    return row


def _decision_recipients(proposal: SessionProposal) -> list[str]:
    emails = {proposal.proposer.email} if proposal.proposer_id and proposal.proposer else set()
    emails |= set(proposal.speaker_rows.values_list("delegate__email", flat=True))
    return sorted(e for e in emails if e)


def send_decision(proposal_id: int) -> None:
    proposal = SessionProposal.objects.select_related("convening").get(pk=proposal_id)
    context = {
        "proposal": proposal,
        "convening": proposal.convening,
        "url": settings.SITE_URL.rstrip("/") + proposal.get_absolute_url(),
        "network_name": settings.NETWORK_NAME,
    }
    send_mail(
        single_line(f"{proposal.get_status_display()}: {proposal.title}"),
        render_to_string("convenings/emails/proposal_decision.txt", context),
        None,
        _decision_recipients(proposal),
    )


@transaction.atomic
def decide(
    *, proposal: SessionProposal, actor, accept: bool, message: str, expected_version: int | None
) -> SessionProposal:
    """An organiser accepts or declines with a message; the proposer and speakers are emailed
    after commit. A declined session leaves the timetable."""
    if not permissions.can_decide_proposal(actor, proposal):
        raise PermissionDenied("Only organisers accept or decline proposals.")
    if not message.strip():
        raise ValidationError({"message": "Write the proposer a message about the decision."})
    claim_version(proposal, expected_version=expected_version, noun="proposal")
    proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
    proposal.decision_message = message.strip()
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor
    attribute_change(proposal, actor, f"Decision: {proposal.status}")
    proposal.save(
        update_fields=[
            "status",
            "decision_message",
            "decided_at",
            "decided_by",
            "version",
            "updated_at",
        ]
    )
    if not accept and hasattr(proposal, "placement"):
        proposal.placement.delete()
        notify_if_published(proposal.convening, [proposal.pk])
    pk = proposal.pk
    after_commit(lambda: send_decision(pk), what=f"decision email for proposal {pk}")
    return proposal


@transaction.atomic
def confirm_speaking(*, proposal: SessionProposal, actor) -> SessionSpeaker:
    """A speaker says they will speak (once the session is accepted)."""
    if not permissions.can_confirm_speaking(actor, proposal):
        raise PermissionDenied("Only the session's speakers confirm.")
    if proposal.status != ProposalStatus.ACCEPTED:
        raise ValidationError("Speakers confirm once the session is accepted.")
    row = (
        SessionSpeaker.objects.select_for_update()
        .filter(proposal=proposal, delegate__user=actor)
        .first()
    )
    if row is None:
        raise PermissionDenied("Only the session's speakers confirm.")
    if row.confirmed_at is None:
        row.confirmed_at = timezone.now()
        row.save(update_fields=["confirmed_at"])
    return row
