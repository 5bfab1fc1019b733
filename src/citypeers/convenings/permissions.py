"""Named permission predicates for convenings (django-rules). Deny by default.

Who sees what:
- a draft convening: organisers only; once open, everyone sees its page;
- a delegation (names, emails, titles): organisers, members of the delegation's city and its
  delegates; its city's editors (and organisers) change it.
"""

import rules

from citypeers.accounts.permissions import (
    can_edit_jurisdiction,
    can_organise_network,
    jurisdiction_ids_with_role,
)
from citypeers.convenings.enums import ConveningState


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
