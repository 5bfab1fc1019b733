"""Named permission predicates for convenings (django-rules). Deny by default.

Who sees what:
- a draft convening: organisers only; once open, everyone sees its page;
- a delegation (names, emails, titles): organisers, members of the delegation's city and its
  delegates; its city's editors (and organisers) change it.
- the programme (proposals, votes): organisers and the convening's delegates (a user linked to a
  confirmed seat); organisers review, decide and build the timetable; speakers confirm;
- the timetable: organisers always, everyone once it is published on a published convening;
- a personal agenda: the convening's delegates, each their own;
- networking: the convening's delegates keep their own preferences, ask a delegate of another
  city for a meeting and answer their own meetings (a request is accepted by the person asked
  only); organisers set the slots and tables, propose meetings and see every meeting.
"""

import rules

from citypeers.accounts.permissions import (
    can_edit_jurisdiction,
    can_organise_network,
    jurisdiction_ids_with_role,
)
from citypeers.convenings.enums import ConveningState
from citypeers.convenings.models import Delegate, SessionSpeaker, Timetable


@rules.predicate
def is_convening_published(user, convening) -> bool:
    return convening is not None and convening.state != ConveningState.DRAFT


@rules.predicate
def is_delegation_city_member(user, delegation) -> bool:
    return delegation is not None and delegation.jurisdiction_id in jurisdiction_ids_with_role(user)


@rules.predicate
def is_delegation_city_editor(user, delegation) -> bool:
    return delegation is not None and can_edit_jurisdiction(user, delegation.jurisdiction)


@rules.predicate
def is_delegate(user, delegation) -> bool:
    if delegation is None or not getattr(user, "is_authenticated", False):
        return False
    return delegation.delegates.filter(user=user).exists()


can_manage_convening = can_organise_network
can_view_convening = can_organise_network | is_convening_published
can_view_delegation = can_organise_network | is_delegation_city_member | is_delegate
can_edit_delegation = can_organise_network | is_delegation_city_editor

can_edit_commitments = can_edit_delegation


@rules.predicate
def is_convening_delegate(user, convening) -> bool:
    if convening is None or not getattr(user, "is_authenticated", False):
        return False
    return Delegate.objects.filter(
        user=user, delegation__convening=convening, accepted_at__isnull=False
    ).exists()


@rules.predicate
def is_proposal_convening_delegate(user, proposal) -> bool:
    return proposal is not None and is_convening_delegate(user, proposal.convening)


@rules.predicate
def is_proposer(user, proposal) -> bool:
    return (
        proposal is not None
        and proposal.proposer_id is not None
        and proposal.proposer_id == getattr(user, "pk", None)
    )


@rules.predicate
def is_proposal_speaker(user, proposal) -> bool:
    if proposal is None or not getattr(user, "is_authenticated", False):
        return False
    return SessionSpeaker.objects.filter(proposal=proposal, delegate__user=user).exists()


@rules.predicate
def is_timetable_published(user, convening) -> bool:
    return (
        convening is not None
        and Timetable.objects.filter(convening=convening, published_at__isnull=False).exists()
    )


can_take_part_in_programme = can_organise_network | is_convening_delegate
can_view_proposal = can_organise_network | is_proposal_convening_delegate
can_edit_proposal = can_organise_network | is_proposer
can_vote_on_proposal = (can_organise_network | is_proposal_convening_delegate) & ~is_proposer
can_review_proposal = can_organise_network
can_decide_proposal = can_organise_network
can_confirm_speaking = is_proposal_speaker
can_build_timetable = can_organise_network
can_view_timetable = can_organise_network | (is_convening_published & is_timetable_published)
can_keep_agenda = is_convening_delegate


@rules.predicate
def is_meeting_party(user, meeting) -> bool:
    if meeting is None or not getattr(user, "is_authenticated", False):
        return False
    return Delegate.objects.filter(
        pk__in=(meeting.delegate_a_id, meeting.delegate_b_id), user=user
    ).exists()


@rules.predicate
def is_meeting_requester(user, meeting) -> bool:
    if meeting is None or meeting.requested_by_id is None:
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    return Delegate.objects.filter(pk=meeting.requested_by_id, user=user).exists()


can_keep_networking_preferences = is_convening_delegate
can_request_meeting = is_convening_delegate
can_accept_meeting = is_meeting_party & ~is_meeting_requester
can_view_networking = can_organise_network | is_convening_delegate
can_propose_meetings = can_organise_network
can_respond_to_meeting = is_meeting_party
can_view_meeting = can_organise_network | is_meeting_party
