"""Framework versions: the published list and one version with its areas and criteria."""

from ninja import Router
from ninja.pagination import paginate

from citypeers.assessments import selectors
from citypeers.assessments.schemas import FrameworkDetailOut, FrameworkVersionOut
from citypeers.core.api.pagination import PagePagination

router = Router()


@router.get(
    "/assessment-frameworks",
    response=list[FrameworkVersionOut],
    url_name="assessment_frameworks",
    operation_id="citypeers_assessments_api_list_frameworks",
)
@paginate(PagePagination)
def list_frameworks(request):
    return [FrameworkVersionOut.from_version(v) for v in selectors.published_versions()]


@router.get(
    "/assessment-frameworks/{slug}/{version}",
    response=FrameworkDetailOut,
    url_name="assessment_framework",
    operation_id="citypeers_assessments_api_framework_detail",
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
