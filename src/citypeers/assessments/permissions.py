"""Named permission predicates for assessments (django-rules). Deny by default.

Answers, notes, evidence and the roadmap belong to the city's members and the reviewers. The
result (scores and level) reaches further only when the city shares it: with signed-in network
members ("peers") or with everyone ("public"). Each evidence item has its own visibility too.
"""

import rules

from citypeers.accounts.permissions import (
    can_edit_jurisdiction,
    can_organise_network,
    is_member_of_jurisdiction,
    is_network_member,
    is_network_organiser,
    is_site_admin,
)
from citypeers.assessments.enums import AssessmentStatus, EvidenceVisibility, ResultSharing
from citypeers.assessments.models import Reviewer

REVIEWABLE = (AssessmentStatus.SUBMITTED, AssessmentStatus.EVIDENCE_REQUESTED)


@rules.predicate
def has_reviewer_role(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_citypeers_is_reviewer", None)
    if cached is None:
        cached = Reviewer.objects.filter(user_id=user.pk).exists()
        user._citypeers_is_reviewer = cached
    return cached


is_assessment_reviewer = is_network_organiser | is_site_admin | has_reviewer_role


@rules.predicate
def is_member_of_assessment_city(user, assessment) -> bool:
    return is_member_of_jurisdiction(user, assessment.jurisdiction)


@rules.predicate
def can_edit_assessment_city(user, assessment) -> bool:
    return can_edit_jurisdiction(user, assessment.jurisdiction)


@rules.predicate
def is_open_for_answers(user, assessment) -> bool:
    return assessment.is_editable


@rules.predicate
def is_not_validated(user, assessment) -> bool:
    return assessment.status != AssessmentStatus.VALIDATED


@rules.predicate
def is_awaiting_review(user, assessment) -> bool:
    return assessment.status in REVIEWABLE


@rules.predicate
def is_finished(user, assessment) -> bool:
    return assessment.is_finished


@rules.predicate
def is_shared_with_peers(user, assessment) -> bool:
    return assessment.sharing in (ResultSharing.PEERS, ResultSharing.PUBLIC)


@rules.predicate
def is_shared_publicly(user, assessment) -> bool:
    return assessment.sharing == ResultSharing.PUBLIC


@rules.predicate
def is_reviewer_for(user, assessment) -> bool:
    return is_assessment_reviewer(user)


can_start_assessment = can_edit_jurisdiction
# Full access: answers, notes, the roadmap and evidence (subject to each item's visibility).
can_view_assessment = is_member_of_assessment_city | is_reviewer_for
can_answer_assessment = can_edit_assessment_city & is_open_for_answers
can_submit_assessment = can_edit_assessment_city & is_open_for_answers
can_share_result = can_edit_assessment_city
# Evidence may still be added while reviewers look at a submitted assessment.
can_add_evidence = can_edit_assessment_city & is_not_validated
# Reviewers never validate their own city.
can_review_assessment = is_reviewer_for & ~is_member_of_assessment_city & is_awaiting_review
can_view_result = can_view_assessment | (
    is_finished & ((is_shared_with_peers & is_network_member) | is_shared_publicly)
)
can_view_network_overview = can_organise_network


@rules.predicate
def can_view_city_assessments(user, jurisdiction) -> bool:
    return bool(is_member_of_jurisdiction(user, jurisdiction) or is_assessment_reviewer(user))


@rules.predicate
def can_request_conversation(user, jurisdiction) -> bool:
    return bool(is_member_of_jurisdiction(user, jurisdiction) or is_site_admin(user))


def can_view_evidence(user, item, assessment) -> bool:
    """Members always; reviewers (organisers, site admins, the reviewer role) unless private;
    peers and the public only if both the item and the assessment's result are shared that widely.

    "Only our members" means exactly that: no reviewer, organiser or site admin sees the item, its
    title or its link, on any page, in the API or through the download view.
    """
    if is_member_of_jurisdiction(user, assessment.jurisdiction):
        return True
    visibility = item.visibility
    if visibility == EvidenceVisibility.PRIVATE:
        return False
    if is_assessment_reviewer(user):
        return True
    if visibility == EvidenceVisibility.REVIEWERS or not assessment.is_finished:
        return False
    if assessment.sharing == ResultSharing.PUBLIC and visibility == EvidenceVisibility.PUBLIC:
        return True
    return bool(
        assessment.sharing in (ResultSharing.PEERS, ResultSharing.PUBLIC)
        and is_network_member(user)
    )
