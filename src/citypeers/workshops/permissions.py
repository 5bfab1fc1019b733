"""Named permission predicates for workshops (django-rules). Deny by default.

Who sees what:
- a workshop in planning: organisers only; later states: signed-in network members and the
  workshop's contributors; a published workshop's page and report: everyone;
- session notes (statements) and pre-work: organisers, the workshop's contributors and members
  of accepted cohort cities; what is shown of each statement follows its attribution consent;
- insights: organisers until published; then everyone (public) or network members (members).
"""

import rules

from citypeers.accounts.permissions import (
    can_edit_jurisdiction,
    can_organise_network,
    is_network_member,
    jurisdiction_ids_with_role,
)
from citypeers.workshops.enums import (
    CohortStatus,
    ContributorRole,
    InsightAudience,
    InsightState,
    WebinarStatus,
    WorkshopState,
)


def _contributor_roles(user, workshop) -> set[str]:
    """The user's roles in this workshop, cached on the workshop for the request."""
    if not getattr(user, "is_authenticated", False) or workshop is None:
        return set()
    cache = workshop.__dict__.setdefault("_contributor_roles", {})
    if user.pk not in cache:
        cache[user.pk] = set(workshop.contributors.filter(user=user).values_list("role", flat=True))
    return cache[user.pk]


@rules.predicate
def is_workshop_contributor(user, workshop) -> bool:
    return bool(_contributor_roles(user, workshop))


@rules.predicate
def is_workshop_note_taker(user, workshop) -> bool:
    return ContributorRole.NOTE_TAKER in _contributor_roles(user, workshop)


@rules.predicate
def is_workshop_participant(user, workshop) -> bool:
    """A member of a city that accepted its place in the cohort."""
    own = jurisdiction_ids_with_role(user)
    if not own or workshop is None:
        return False
    return workshop.cohort.filter(status=CohortStatus.ACCEPTED, jurisdiction_id__in=own).exists()


@rules.predicate
def is_workshop_public(user, workshop) -> bool:
    return workshop is not None and workshop.state == WorkshopState.PUBLISHED


@rules.predicate
def is_workshop_open_to_members(user, workshop) -> bool:
    return workshop is not None and workshop.state != WorkshopState.PLANNING


@rules.predicate
def is_invitation_open(user, member) -> bool:
    return (
        member is not None
        and member.status in (CohortStatus.INVITED, CohortStatus.ACCEPTED, CohortStatus.DECLINED)
        and member.workshop.state != WorkshopState.PUBLISHED
    )


@rules.predicate
def edits_cohort_city(user, member) -> bool:
    return member is not None and can_edit_jurisdiction(user, member.jurisdiction)


@rules.predicate
def is_accepted_member(user, member) -> bool:
    return member is not None and member.status == CohortStatus.ACCEPTED


@rules.predicate
def is_insight_published(user, insight) -> bool:
    return insight is not None and insight.state == InsightState.PUBLISHED


@rules.predicate
def is_insight_public(user, insight) -> bool:
    return insight is not None and insight.audience == InsightAudience.PUBLIC


@rules.predicate
def is_webinar_listed(user, webinar) -> bool:
    return webinar is not None and webinar.status != WebinarStatus.DRAFT


@rules.predicate
def is_webinar_open(user, webinar) -> bool:
    return webinar is not None and webinar.status == WebinarStatus.PUBLISHED


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


can_manage_workshop = can_organise_network
can_view_workshop = (
    can_organise_network
    | is_workshop_public
    | (is_workshop_open_to_members & is_network_member)
    | is_workshop_contributor
)
can_capture_session = can_organise_network | is_workshop_note_taker
# Cancelling tells every participant, so it stays with the people who plan sessions.
can_cancel_session = can_organise_network
can_view_workshop_notes = can_capture_session | is_workshop_contributor | is_workshop_participant
can_respond_to_invitation = is_invitation_open & edits_cohort_city
can_edit_prework = (is_accepted_member & edits_cohort_city) | can_organise_network
can_view_insight = (
    can_organise_network
    | (is_insight_published & is_insight_public)
    | (is_insight_published & is_network_member)
)
can_view_webinar = can_organise_network | is_webinar_listed
can_register_for_webinar = is_signed_in & is_webinar_open
