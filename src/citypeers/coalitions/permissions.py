"""Named permission predicates for the replication ledger (django-rules). Deny by default.

The adopting city's editors write its replication records. A record is read by network
members, by the adopting city's own members, and by everyone once the adopting city marks it
public. The origin city's editors answer questions on it; any network member may ask.
"""

import rules

from citypeers.accounts.permissions import (
    can_edit_jurisdiction,
    can_organise_network,
    is_admin_of_organisation,
    is_member_of_jurisdiction,
    is_network_member,
    is_site_admin,
)
from citypeers.coalitions.enums import ReplicationVisibility


@rules.predicate
def is_public_replication(user, replication) -> bool:
    return getattr(replication, "visibility", None) == ReplicationVisibility.PUBLIC


@rules.predicate
def is_member_of_adopter(user, replication) -> bool:
    return is_member_of_jurisdiction(user, replication.adopter)


@rules.predicate
def can_edit_adopter(user, replication) -> bool:
    return can_edit_jurisdiction(user, replication.adopter)


@rules.predicate
def can_edit_origin(user, replication) -> bool:
    return can_edit_jurisdiction(user, replication.solution.owner)


@rules.predicate
def is_network_member_for(user, replication) -> bool:
    return is_network_member(user)


# Objects: a Replication.
can_view_replication = (
    is_public_replication | is_network_member_for | is_member_of_adopter | is_site_admin
)
can_edit_replication = can_edit_adopter
can_ask_about_replication = is_network_member_for
can_answer_about_replication = can_edit_origin
# Targets: a directory Jurisdiction (the adopting city).
can_replicate_for = can_edit_jurisdiction


@rules.predicate
def is_admin_of_an_organiser(user, partnership) -> bool:
    return any(is_admin_of_organisation(user, o) for o in partnership.organisers.all())


# Coalitions (an accounts.Organisation of kind coalition): its administrators and organisers.
# Profile, partners, projects and the member list import.
can_manage_coalition = is_admin_of_organisation | can_organise_network
# Partnerships of coalitions: the programme's organisers create them and name their organisers.
can_manage_partnerships = can_organise_network
# A partnership: its organiser organisations' administrators edit it (members, agenda, text).
can_edit_partnership = is_admin_of_an_organiser | can_organise_network
