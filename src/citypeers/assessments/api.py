"""JSON API routes for assessments, mounted under /api/v1/ by citypeers.api.urls.

Same selectors and services as the pages, so the privacy rules are the same: answers and the
roadmap for the city's members and reviewers; the result and benchmarks also for whoever the
city shared its result with.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from citypeers.api.auth import REQUIRED_AUTH, current_user
from citypeers.api.pagination import PagePagination
from citypeers.assessments import selectors, services
from citypeers.assessments.models import Assessment
from citypeers.assessments.permissions import (
    can_add_evidence,
    can_answer_assessment,
    can_review_assessment,
    can_share_result,
    can_start_assessment,
    can_submit_assessment,
    can_view_city_assessments,
    can_view_evidence,
    is_assessment_reviewer,
)
from citypeers.assessments.schemas import (
    AssessmentIn,
    AssessmentOut,
    BenchmarksOut,
    DecisionIn,
    EvidenceOut,
    EvidenceUrlIn,
    FrameworkDetailOut,
    FrameworkVersionOut,
    ProgressPointOut,
    ResponseIn,
    ResponseOut,
    ResultOut,
    ReviewIn,
    RoadmapStepOut,
    SharingIn,
)
from citypeers.directory.models import Jurisdiction

router = Router(tags=["assessments"])


def _answer_fields(payload: ResponseIn) -> dict:
    return {
        "met": payload.met,
        "checklist": payload.checklist or [],
        "level": payload.level,
        "value": payload.value,
    }


@router.get(
    "/assessment-frameworks", response=list[FrameworkVersionOut], url_name="assessment_frameworks"
)
@paginate(PagePagination)
def list_frameworks(request):
    return [FrameworkVersionOut.from_version(v) for v in selectors.published_versions()]


@router.get(
    "/assessment-frameworks/{slug}/{version}",
    response=FrameworkDetailOut,
    url_name="assessment_framework",
)
def framework_detail(request, slug: str, version: str):
    found = selectors.framework_version(slug, version)
    spec = found.spec
    base = FrameworkVersionOut.from_version(found).dict()
    return {
        **base,
        "about": spec.about,
        "modelled_on": spec.modelled_on,
        "levels": {
            "basis": spec.levels.basis,
            "scope": spec.levels.scope,
            "rounding": spec.levels.rounding,
            "tiers": [
                {"key": t.key, "title": t.title, "at_least": float(t.at_least)}
                for t in spec.levels.tiers
            ],
        },
        "scale": [{"level": s.level, "key": s.key, "title": s.title} for s in spec.scale],
        "practice_areas": [
            {
                "key": area.key,
                "title": area.title,
                "criteria": [
                    {
                        "key": c.key,
                        "title": c.title,
                        "description": c.description,
                        "type": c.type,
                        "points": float(c.points),
                        "effort": c.effort,
                        "crosswalk": dict(c.crosswalk),
                        "checklist": [{"key": i.key, "text": i.text} for i in c.checklist],
                        "checklist_at_least": c.checklist_at_least or None,
                        "evidence": [
                            {
                                "key": e.key,
                                "text": e.text,
                                "kinds": list(e.kinds),
                                "required": e.required,
                            }
                            for e in c.evidence
                        ],
                        "prerequisites": [
                            {"criterion": p.criterion, "effect": p.effect} for p in c.prerequisites
                        ],
                    }
                    for c in area.criteria
                ],
            }
            for area in spec.areas
        ],
    }


@router.get("/assessments", response=list[AssessmentOut], url_name="assessments")
@paginate(PagePagination)
def list_assessments(request, jurisdiction: str = "", cycle: int | None = None):
    qs = selectors.assessments_visible_to(current_user(request)).order_by("-cycle", "pk")
    if jurisdiction:
        qs = qs.filter(jurisdiction__slug=jurisdiction)
    if cycle is not None:
        qs = qs.filter(cycle=cycle)
    return qs


@router.post(
    "/assessments", response={201: AssessmentOut}, auth=REQUIRED_AUTH, url_name="assessments"
)
def create_assessment(request, payload: AssessmentIn):
    user = request.auth
    jurisdiction = Jurisdiction.objects.filter(slug=payload.jurisdiction).first()
    if jurisdiction is None:
        raise Http404("No such jurisdiction.")
    if not can_start_assessment(user, jurisdiction):
        raise PermissionDenied("Only the city's editors can start an assessment.")
    version = selectors.framework_version(payload.framework, payload.version)
    assessment = services.start_assessment(
        jurisdiction=jurisdiction, version=version, cycle=payload.cycle, user=user
    )
    return Status(201, selectors.assessment_for_user(user, assessment.pk))


@router.get("/assessments/{int:pk}", response=AssessmentOut, url_name="assessment")
def get_assessment(request, pk: int):
    return selectors.assessment_for_user(current_user(request), pk)


def _response_out(user, assessment, response) -> dict:
    return {
        "criterion": response.criterion.key,
        "met": response.met,
        "checklist": response.checklist,
        "level": response.level,
        "value": response.value,
        "notes": response.notes,
        "evidence": [e for e in response.evidence.all() if can_view_evidence(user, e, assessment)],
        "review": {
            "met": response.review_met,
            "checklist": response.review_checklist,
            "level": response.review_level,
            "value": response.review_value,
            "comment": response.review_comment,
            "evidence_requested": response.evidence_requested,
            "reviewed_at": response.reviewed_at,
        },
    }


@router.get(
    "/assessments/{int:pk}/responses",
    response=list[ResponseOut],
    url_name="assessment_responses",
)
@paginate(PagePagination)
def list_responses(request, pk: int):
    user = current_user(request)
    assessment = selectors.assessment_for_viewer(user, pk)
    return [
        _response_out(user, assessment, r) for r in selectors.responses_for(assessment).values()
    ]


@router.put(
    "/assessments/{int:pk}/responses/{criterion}",
    response=ResponseOut,
    auth=REQUIRED_AUTH,
    url_name="assessment_response",
)
def put_response(request, pk: int, criterion: str, payload: ResponseIn):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk)
    if not can_answer_assessment(user, assessment):
        raise PermissionDenied("This assessment cannot be changed by you now.")
    response = services.save_response(
        assessment=assessment,
        criterion_key=criterion,
        user=user,
        notes=payload.notes,
        **_answer_fields(payload),
    )
    return _response_out(user, assessment, response)


@router.post(
    "/assessments/{int:pk}/responses/{criterion}/evidence",
    response={201: EvidenceOut},
    auth=REQUIRED_AUTH,
    url_name="assessment_evidence",
)
def add_link_evidence(request, pk: int, criterion: str, payload: EvidenceUrlIn):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk)
    if not can_add_evidence(user, assessment):
        raise PermissionDenied("Only the city's editors can add evidence.")
    item = services.add_evidence(
        assessment=assessment,
        criterion_key=criterion,
        user=user,
        title=payload.title,
        visibility=payload.visibility,
        url=payload.url,
        requirement_key=payload.requirement_key,
    )
    return Status(201, item)


@router.post(
    "/assessments/{int:pk}/submit",
    response=AssessmentOut,
    auth=REQUIRED_AUTH,
    url_name="assessment_submit",
)
def submit(request, pk: int):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk)
    if not can_submit_assessment(user, assessment):
        raise PermissionDenied("Only the city's editors can submit an open assessment.")
    return services.submit_assessment(assessment=assessment, user=user)


@router.put(
    "/assessments/{int:pk}/sharing",
    response=AssessmentOut,
    auth=REQUIRED_AUTH,
    url_name="assessment_sharing",
)
def put_sharing(request, pk: int, payload: SharingIn):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk)
    if not can_share_result(user, assessment):
        raise PermissionDenied("Only the city's editors can change who sees the result.")
    return services.set_sharing(
        assessment=assessment,
        sharing=payload.sharing,
        show_certification=payload.show_certification,
    )


@router.get("/assessments/{int:pk}/result", response=ResultOut, url_name="assessment_result")
def get_result(request, pk: int):
    assessment = selectors.assessment_for_user(current_user(request), pk)
    self_result = services.compute_self_result(assessment)
    validated = services.compute_validated_result(assessment) if assessment.validated_at else None
    certification = getattr(assessment, "certification", None) if validated else None
    return {
        "assessment": assessment.pk,
        "status": assessment.status,
        "provisional": not assessment.is_finished,
        "level_rule": assessment.version.spec.levels.describe(),
        "self_assessed": self_result.as_dict(),
        "validated": validated.as_dict() if validated else None,
        "certified_level": certification.level_key if certification else None,
    }


def _peer(p) -> dict:
    return {
        "slug": p.slug,
        "name": p.name,
        "percent": p.percent,
        "level": p.level,
        "cycle": p.cycle,
    }


@router.get(
    "/assessments/{int:pk}/roadmap", response=list[RoadmapStepOut], url_name="assessment_roadmap"
)
def get_roadmap(request, pk: int):
    user = current_user(request)
    assessment = selectors.assessment_for_viewer(user, pk)
    headline, _ = selectors.headline_result(assessment)
    plan = selectors.roadmap_for(assessment, headline, viewer=user)
    return [
        {
            "position": item["step"].position,
            "criterion": item["step"].key,
            "title": item["step"].title,
            "area": item["step"].area,
            "effort": item["step"].effort,
            "horizon_months": item["step"].horizon_months,
            "unlocks": list(item["step"].unlocks),
            "waits_for": list(item["step"].waits_for),
            "blocks_points": item["step"].blocks_points,
            "peers_meeting": item["peer_count"],
            "peers": [_peer(p) for p in item["peers"]],
            "resources": [
                {"title": r.title, "kind": r.kind, "url": r.url, "is_demo": r.is_demo}
                for r in item["resources"]
            ],
        }
        for item in plan
    ]


@router.get(
    "/assessments/{int:pk}/benchmarks", response=BenchmarksOut, url_name="assessment_benchmarks"
)
def get_benchmarks(request, pk: int):
    assessment = selectors.assessment_for_user(current_user(request), pk)
    headline, _ = selectors.headline_result(assessment)
    comparison = selectors.chart_comparison(assessment)
    return {
        "assessment": assessment.pk,
        "percent": round(float(headline.percent), 1),
        "groups": selectors.benchmarks_for(assessment, headline),
        "peer_median_by_area": comparison["medians"],
        "peer_median_group": comparison["label"],
        "peer_median_hidden_reason": comparison["reason"],
    }


@router.get(
    "/assessment-progress/{slug}", response=list[ProgressPointOut], url_name="assessment_progress"
)
def get_progress(request, slug: str):
    user = current_user(request)
    jurisdiction = get_object_or_404(Jurisdiction, slug=slug)
    if not can_view_city_assessments(user, jurisdiction):
        raise Http404("Not found.")
    slugs = (
        Assessment.objects.filter(jurisdiction=jurisdiction)
        .values_list("version__framework__slug", flat=True)
        .distinct()
    )
    points = []
    for framework in sorted(set(slugs)):
        for p in selectors.progress_for(jurisdiction, framework):
            points.append(
                {
                    "framework": framework,
                    "cycle": p["cycle"],
                    "version": p["version"],
                    "assessment": p["assessment_id"],
                    "self_assessed": p["self"],
                    "validated": p["validated"],
                    "level": p["level"],
                }
            )
    return points


@router.get("/assessment-reviews", response=list[AssessmentOut], url_name="assessment_review_queue")
@paginate(PagePagination)
def review_queue(request):
    user = current_user(request)
    if not is_assessment_reviewer(user):
        raise PermissionDenied("The review queue is for the network's reviewers.")
    return selectors.review_queue()


@router.put(
    "/assessments/{int:pk}/reviews/{criterion}",
    response=ResponseOut,
    auth=REQUIRED_AUTH,
    url_name="assessment_review",
)
def put_review(request, pk: int, criterion: str, payload: ReviewIn):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk)
    if not can_review_assessment(user, assessment):
        raise PermissionDenied("Only reviewers from outside the city can review it.")
    response = services.rate_response(
        assessment=assessment,
        criterion_key=criterion,
        reviewer=user,
        comment=payload.comment,
        evidence_requested=payload.evidence_requested,
        **_answer_fields(payload),
    )
    return _response_out(user, assessment, response)


@router.post(
    "/assessments/{int:pk}/validate",
    response=AssessmentOut,
    auth=REQUIRED_AUTH,
    url_name="assessment_validate",
)
def validate(request, pk: int, payload: DecisionIn):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk)
    if not can_review_assessment(user, assessment):
        raise PermissionDenied("Only reviewers from outside the city can validate it.")
    return services.validate_assessment(
        assessment=assessment, reviewer=user, summary=payload.summary
    )


@router.post(
    "/assessments/{int:pk}/request-evidence",
    response=AssessmentOut,
    auth=REQUIRED_AUTH,
    url_name="assessment_request_evidence",
)
def request_evidence(request, pk: int, payload: DecisionIn):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk)
    if not can_review_assessment(user, assessment):
        raise PermissionDenied("Only reviewers from outside the city can review it.")
    return services.request_evidence(assessment=assessment, reviewer=user, message=payload.summary)
