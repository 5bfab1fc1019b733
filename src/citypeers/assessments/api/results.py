"""What an assessment adds up to: the result, the roadmap, benchmarks and a city's progress."""

from ninja import Router

from citypeers.assessments import selectors, services
from citypeers.assessments.models import Assessment
from citypeers.assessments.schemas import (
    BenchmarksOut,
    ProgressPointOut,
    ResultOut,
    RoadmapStepOut,
)
from citypeers.core.api.auth import current_user

router = Router()


@router.get(
    "/assessments/{int:pk}/result",
    response=ResultOut,
    url_name="assessment_result",
    operation_id="citypeers_assessments_api_get_result",
)
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
        "is_demo": assessment.is_demo,
    }


def _peer(p) -> dict:
    return {
        "slug": p.slug,
        "name": p.name,
        "percent": p.percent,
        "level": p.level,
        "cycle": p.cycle,
        "is_demo": p.is_demo,
    }


@router.get(
    "/assessments/{int:pk}/roadmap",
    response=list[RoadmapStepOut],
    url_name="assessment_roadmap",
    operation_id="citypeers_assessments_api_get_roadmap",
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
    "/assessments/{int:pk}/benchmarks",
    response=BenchmarksOut,
    url_name="assessment_benchmarks",
    operation_id="citypeers_assessments_api_get_benchmarks",
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
        "peer_median_demo_count": comparison["demo_count"],
    }


@router.get(
    "/assessment-progress/{slug}",
    response=list[ProgressPointOut],
    url_name="assessment_progress",
    operation_id="citypeers_assessments_api_get_progress",
)
def get_progress(request, slug: str):
    user = current_user(request)
    jurisdiction = selectors.city_assessments_for_user(user, slug)
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
                    "is_demo": p["is_demo"],
                }
            )
    return points
