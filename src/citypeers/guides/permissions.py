"""Named permission predicates for guides (django-rules). Deny by default.

The consortium (accepted members) reads the working draft; its writers (lead, authors,
editors) write it; the lead and the network organisers manage it (invite, cut editions, ask for
reviews, resolve comments, publish). A reviewer reads and reviews the editions they were asked
to review. Published editions are public.
"""

import rules

from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.permissions import (
    can_organise_network,
    is_site_admin,
    jurisdiction_ids_with_role,
)
from citypeers.guides.enums import WRITING_ROLES, EditionStatus, MemberRole, MemberStatus


def consortium_roles(guide) -> dict[int, str]:
    """{user id: role} of the guide's accepted members; selectors preload `_roles`."""
    cached = getattr(guide, "_roles", None)
    if cached is None:
        cached = dict(
            guide.members.filter(status=MemberStatus.ACCEPTED).values_list("user_id", "role")
        )
        guide._roles = cached
    return cached


def _role(user, guide) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return consortium_roles(guide).get(user.pk)


@rules.predicate
def is_organiser(user, obj=None) -> bool:
    return can_organise_network(user)


@rules.predicate
def edits_a_city(user) -> bool:
    return bool(jurisdiction_ids_with_role(user, MembershipRole.EDITOR))


@rules.predicate
def is_consortium_member(user, guide) -> bool:
    return _role(user, guide) is not None


@rules.predicate
def is_guide_writer(user, guide) -> bool:
    return _role(user, guide) in WRITING_ROLES


@rules.predicate
def is_guide_lead(user, guide) -> bool:
    return _role(user, guide) == MemberRole.LEAD


@rules.predicate
def is_invitee(user, member) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and member.user_id == user.pk
        and member.status == MemberStatus.INVITED
    )


@rules.predicate
def is_published_edition(user, edition) -> bool:
    return edition.status == EditionStatus.PUBLISHED


@rules.predicate
def is_in_review(user, edition) -> bool:
    return edition.status == EditionStatus.IN_REVIEW


@rules.predicate
def is_asked_to_review(user, edition) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    reviewer_ids = getattr(edition, "reviewer_ids", None)
    if reviewer_ids is None:
        reviewer_ids = set(edition.reviews.values_list("reviewer_id", flat=True))
        edition.reviewer_ids = reviewer_ids
    return user.pk in reviewer_ids


@rules.predicate
def reads_edition_guide(user, edition) -> bool:
    return is_consortium_member(user, edition.guide) or is_organiser(user)


@rules.predicate
def manages_edition_guide(user, edition) -> bool:
    return is_guide_lead(user, edition.guide) or is_organiser(user)


@rules.predicate
def writes_edition_guide(user, edition) -> bool:
    return is_guide_writer(user, edition.guide)


# Targets: none (creating a guide).
can_create_guide = is_organiser | edits_a_city | is_site_admin
# Objects: a Guide.
can_view_draft = is_consortium_member | is_organiser | is_site_admin
can_write_guide = is_guide_writer
can_manage_guide = is_guide_lead | is_organiser | is_site_admin
# Objects: a GuideMember (an invitation).
can_answer_invitation = is_invitee
# Objects: an Edition.
can_view_edition = is_published_edition | reads_edition_guide | is_asked_to_review | is_site_admin
can_review_edition = is_in_review & is_asked_to_review
can_comment_edition = is_in_review & (is_asked_to_review | writes_edition_guide)
can_manage_edition = manages_edition_guide | is_site_admin
