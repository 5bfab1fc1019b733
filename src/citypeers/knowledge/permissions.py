"""Named permission predicates for knowledge (django-rules). Deny by default.

A city's challenge statements and solutions are edited by that city's editors (and site
admins); published entries are public, drafts are seen by the city's members.
"""

import rules

from citypeers.accounts.permissions import (
    can_edit_jurisdiction,
    is_member_of_jurisdiction,
    is_site_admin,
)
from citypeers.core.enums import PublicationStatus


@rules.predicate
def is_published(user, obj) -> bool:
    return getattr(obj, "status", None) == PublicationStatus.PUBLISHED


@rules.predicate
def is_member_of_owner(user, obj) -> bool:
    return is_member_of_jurisdiction(user, _owner(obj))


@rules.predicate
def can_edit_owner(user, obj) -> bool:
    return can_edit_jurisdiction(user, _owner(obj))


def _owner(obj):
    return getattr(obj, "owner", None) or getattr(obj, "jurisdiction", None)


# Objects: a Solution (owner) or a ChallengeStatement (jurisdiction).
can_view_entry = is_published | is_member_of_owner | is_site_admin
can_edit_entry = can_edit_owner
# Targets: a directory Jurisdiction.
can_add_entries_for = can_edit_jurisdiction
