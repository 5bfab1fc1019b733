"""Frameworks, assessments, responses and evidence, filtered by who is asking."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from citypeers.accounts.permissions import (
    is_network_member,
    is_site_admin,
    jurisdiction_ids_with_role,
)
from citypeers.assessments.enums import (
    FINISHED_STATUSES,
    AssessmentStatus,
    ResultKind,
    ResultSharing,
)
from citypeers.assessments.frameworks import DEFAULT_FRAMEWORK
from citypeers.assessments.models import (
    Assessment,
    Certification,
    EvidenceItem,
    FrameworkVersion,
    Resource,
    Response,
    Result,
)
from citypeers.assessments.permissions import (
    can_view_assessment,
    can_view_evidence,
    can_view_result,
    is_assessment_reviewer,
)

__all__ = [
    "assessment_for_user",
    "assessment_for_viewer",
    "assessments_visible_to",
    "certification_for_profile",
    "dashboard_panel",
    "default_version",
    "evidence_for_user",
    "framework_version",
    "published_versions",
    "resources_for_criteria",
    "responses_for",
    "result_rows",
    "review_queue",
    "visible_evidence",
]


def published_versions() -> QuerySet[FrameworkVersion]:
    return FrameworkVersion.objects.filter(status="published").select_related("framework")


def framework_version(slug: str, version: str) -> FrameworkVersion:
    found = published_versions().filter(framework__slug=slug, version=version).first()
    if found is None:
        raise Http404("No such framework version.")
    return found


def default_version() -> FrameworkVersion | None:
    return (
        published_versions().filter(framework__slug=DEFAULT_FRAMEWORK).order_by("-version").first()
    )


def _base() -> QuerySet[Assessment]:
    return Assessment.objects.select_related("jurisdiction", "version__framework")


def assessments_visible_to(user) -> QuerySet[Assessment]:
    """Everything whose result the user may at least see."""
    qs = _base()
    if is_site_admin(user) or is_assessment_reviewer(user):
        return qs
    shared = Q(status__in=FINISHED_STATUSES) & (
        Q(sharing__in=[ResultSharing.PEERS, ResultSharing.PUBLIC])
        if is_network_member(user)
        else Q(sharing=ResultSharing.PUBLIC)
    )
    own = jurisdiction_ids_with_role(user)
    return qs.filter(shared | Q(jurisdiction_id__in=own)) if own else qs.filter(shared)


def _lookup(pk) -> Assessment:
    try:
        return _base().get(pk=int(pk))
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise Http404("No such assessment.") from None


def assessment_for_user(user, pk) -> Assessment:
    """An assessment whose result the user may see (members, reviewers, or shared)."""
    assessment = _lookup(pk)
    if not can_view_result(user, assessment):
        raise Http404("No such assessment.")
    return assessment


def assessment_for_viewer(user, pk) -> Assessment:
    """An assessment the user may see in full: answers, notes, evidence, roadmap."""
    assessment = _lookup(pk)
    if not can_view_assessment(user, assessment):
        raise Http404("No such assessment.")
    return assessment


def responses_for(assessment: Assessment) -> dict[str, Response]:
    """{criterion key: Response} with criterion and evidence loaded (three queries)."""
    rows = assessment.responses.select_related("criterion").prefetch_related(
        Prefetch("evidence", queryset=EvidenceItem.objects.order_by("created_at"))
    )
    return {r.criterion.key: r for r in rows}


def visible_evidence(user, assessment: Assessment, items) -> list[EvidenceItem]:
    return [item for item in items if can_view_evidence(user, item, assessment)]


def evidence_for_user(user, pk) -> EvidenceItem:
    try:
        item = EvidenceItem.objects.select_related(
            "response__assessment__jurisdiction", "response__assessment__version"
        ).get(pk=int(pk))
    except (EvidenceItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such evidence.") from None
    assessment = item.response.assessment
    if not (can_view_result(user, assessment) and can_view_evidence(user, item, assessment)):
        raise Http404("No such evidence.")
    return item


def result_rows(assessment: Assessment) -> dict[str, Result]:
    return {r.kind: r for r in assessment.results.all()}


def review_queue() -> QuerySet[Assessment]:
    return (
        _base()
        .filter(status__in=[AssessmentStatus.SUBMITTED, AssessmentStatus.EVIDENCE_REQUESTED])
        .order_by("submitted_at", "pk")
    )


def resources_for_criteria(criterion_ids) -> dict[int, list[Resource]]:
    """{criterion id: [resources]} in two queries."""
    through = Resource.criteria.through.objects.filter(
        criterion_id__in=list(criterion_ids)
    ).select_related("resource")
    found: dict[int, list[Resource]] = {}
    for row in through:
        found.setdefault(row.criterion_id, []).append(row.resource)
    for resources in found.values():
        resources.sort(key=lambda r: r.title)
    return found


def certification_for_profile(user, jurisdiction) -> Certification | None:
    """The latest certification: public if the city shows it, always to its members. One query."""
    qs = Certification.objects.filter(jurisdiction=jurisdiction)
    if jurisdiction.pk not in jurisdiction_ids_with_role(user) and not is_site_admin(user):
        qs = qs.filter(show_on_profile=True)
    return qs.order_by("-cycle", "-granted_at").first()


def dashboard_panel(user) -> dict:
    """The user's cities' assessments (newest first) and, for reviewers, the queue size."""
    own = jurisdiction_ids_with_role(user)
    assessments = (
        list(
            _base()
            .filter(jurisdiction_id__in=own)
            .prefetch_related(
                Prefetch("results", queryset=Result.objects.filter(kind=ResultKind.SELF))
            )
            .order_by("jurisdiction__name", "-cycle")[:20]
        )
        if own
        else []
    )
    for assessment in assessments:
        rows = list(assessment.results.all())
        assessment.self_result = rows[0] if rows else None  # type: ignore[attr-defined]  # for the template
    reviewer = is_assessment_reviewer(user)
    queue = list(review_queue().exclude(jurisdiction_id__in=own)[:5]) if reviewer else []
    return {
        "assessments": assessments,
        "is_reviewer": reviewer,
        "queue": queue,
        "queue_count": review_queue().exclude(jurisdiction_id__in=own).count() if reviewer else 0,
    }
