"""The doors to assessments for pages and the API.

Missing and "not yours" give the same 404 (`assessment_for_viewer`, `evidence_for_user`,
`city_assessments_for_user`); an assessment the user may see but not act on, and a city page
the user may not start an assessment for, give 403 with the reason. Each action names its
predicate in `assessments.permissions`.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from citypeers.assessments import permissions
from citypeers.assessments.models import Assessment, EvidenceItem
from citypeers.assessments.selectors.assessments import assessment_for_viewer as _viewable
from citypeers.assessments.selectors.assessments import evidence_for_user as _visible_evidence
from citypeers.directory.models import Jurisdiction


def _asks_peers(user, assessment: Assessment) -> bool:
    return bool(permissions.can_request_conversation(user, assessment.jurisdiction))


ASSESSMENT_ACTIONS = {
    "answer": (permissions.can_answer_assessment, "This assessment cannot be changed by you now."),
    "submit": (
        permissions.can_submit_assessment,
        "Only the city's editors can submit an open assessment.",
    ),
    "share": (permissions.can_share_result, "Only the city's editors can change who sees it."),
    "evidence": (
        permissions.can_add_evidence,
        "Only the city's editors can add evidence to an open assessment.",
    ),
    "review": (
        permissions.can_review_assessment,
        "Only reviewers from outside the city can review a submitted assessment.",
    ),
    "ask_peers": (_asks_peers, "Only the city's members can ask peers for a conversation."),
}


def assessment_for_viewer(user, pk, *, for_edit: bool = False, to: str = "") -> Assessment:
    """An assessment the user may see in full, else 404; `for_edit` (answering) or `to` (one of
    ASSESSMENT_ACTIONS) refuse with 403 a viewer who may not do that now."""
    assessment = _viewable(user, pk)
    action = to or ("answer" if for_edit else "")
    if action:
        allowed, refusal = ASSESSMENT_ACTIONS[action]
        if not allowed(user, assessment):
            raise PermissionDenied(refusal)
    return assessment


def evidence_for_user(user, pk, *, for_edit: bool = False) -> EvidenceItem:
    """An evidence item the user may see, else 404; `for_edit`: 403 unless they edit its city."""
    item = _visible_evidence(user, pk)
    if for_edit and not permissions.can_share_result(user, item.response.assessment):
        raise PermissionDenied("Only the city's editors can remove evidence.")
    return item


def _city(slug: str) -> Jurisdiction:
    jurisdiction = Jurisdiction.objects.filter(slug=slug).first()
    if jurisdiction is None:
        raise Http404("No such city.")
    return jurisdiction


def city_assessments_for_user(user, slug: str) -> Jurisdiction:
    """A city whose assessments the user may see; the same 404 as a missing city otherwise."""
    jurisdiction = Jurisdiction.objects.filter(slug=slug).first()
    if jurisdiction is None or not permissions.can_view_city_assessments(user, jurisdiction):
        raise Http404("No assessments to show.")
    return jurisdiction


def city_for_new_assessment(user, slug: str) -> Jurisdiction:
    """A city the user may start an assessment for: 404 when missing, 403 for non-editors."""
    jurisdiction = _city(slug)
    if not permissions.can_start_assessment(user, jurisdiction):
        raise PermissionDenied("Only the city's editors can start an assessment.")
    return jurisdiction


def require_reviewer(user) -> None:
    if not permissions.is_assessment_reviewer(user):
        raise PermissionDenied("The review queue is for the network's reviewers.")


def require_network_overview(user) -> None:
    if not permissions.can_view_network_overview(user):
        raise PermissionDenied("The network overview is for network organisers.")
