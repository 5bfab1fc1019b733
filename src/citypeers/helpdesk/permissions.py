"""Named permission predicates for the help desk (django-rules). Deny by default.

A request is read by its asker, the members of the asking city, the organisers, the people
invited to answer and, when its visibility is "network members", every network member. The
organisers triage and route; invited people (and network members, for a network request) answer;
the asker or the asking city's editors accept an answer and publish the Q&A.
"""

import rules

from citypeers.accounts.permissions import (
    can_edit_jurisdiction,
    can_organise_network,
    is_member_of_jurisdiction,
    is_network_member,
    is_site_admin,
)
from citypeers.helpdesk.enums import ANSWERABLE, RequestStatus, RequestVisibility


@rules.predicate
def is_asker(user, help_request) -> bool:
    return bool(getattr(user, "is_authenticated", False) and help_request.asked_by_id == user.pk)


@rules.predicate
def is_member_of_asking_city(user, help_request) -> bool:
    return is_member_of_jurisdiction(user, help_request.jurisdiction)


@rules.predicate
def can_edit_asking_city(user, help_request) -> bool:
    return can_edit_jurisdiction(user, help_request.jurisdiction)


@rules.predicate
def is_invited(user, help_request) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    invited = getattr(help_request, "invited_user_ids", None)
    if invited is not None:
        return user.pk in invited
    return help_request.invitations.filter(user_id=user.pk).exists()


@rules.predicate
def is_network_request(user, help_request) -> bool:
    return help_request.visibility == RequestVisibility.NETWORK


@rules.predicate
def is_network_member_for(user, help_request) -> bool:
    return is_network_member(user)


@rules.predicate
def is_answerable(user, help_request) -> bool:
    return help_request.status in ANSWERABLE


@rules.predicate
def is_awaiting_acceptance(user, help_request) -> bool:
    return help_request.status in (RequestStatus.ANSWERED, RequestStatus.RESOLVED)


@rules.predicate
def is_resolved(user, help_request) -> bool:
    return help_request.status == RequestStatus.RESOLVED


@rules.predicate
def is_organiser_for(user, help_request) -> bool:
    return can_organise_network(user)


# Targets: a directory Jurisdiction (the city a request is asked for).
can_ask_for = is_member_of_jurisdiction | is_site_admin
# Objects: a HelpRequest.
can_view_request = (
    is_asker
    | is_member_of_asking_city
    | is_organiser_for
    | is_invited
    | (is_network_request & is_network_member_for)
)
can_triage_request = is_organiser_for
can_route_request = is_organiser_for
can_answer_request = is_answerable & (
    is_invited
    | is_organiser_for
    | (is_network_request & is_network_member_for & ~is_member_of_asking_city)
)
can_accept_answer = is_awaiting_acceptance & (is_asker | can_edit_asking_city)
can_publish_request = is_resolved & (is_asker | can_edit_asking_city)
# The organisers' queue.
can_view_queue = can_organise_network
