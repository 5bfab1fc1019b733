"""A city's open criteria: what its latest finished assessment does not meet yet, for pages
above assessments that suggest what the city could learn (the convenings' networking)."""

from dataclasses import dataclass

from citypeers.assessments.enums import FINISHED_STATUSES, ResultKind
from citypeers.assessments.models import Assessment, Criterion, Result
from citypeers.assessments.selectors.assessments import assessments_visible_to


@dataclass(frozen=True)
class OpenCriteria:
    assessment: Assessment
    criteria: list[Criterion]  # area loaded, in the framework's order


def open_criteria_of(user, jurisdiction_id: int) -> OpenCriteria | None:
    """The criteria the city's latest finished assessment that `user` may see does not meet
    (the validated result when there is one, else the self-assessed one); None without one."""
    assessment = (
        assessments_visible_to(user)
        .filter(jurisdiction_id=jurisdiction_id, status__in=FINISHED_STATUSES)
        .order_by("-cycle", "-submitted_at", "-pk")
        .first()
    )
    if assessment is None:
        return None
    results = {r.kind: r for r in Result.objects.filter(assessment=assessment)}
    result = results.get(ResultKind.VALIDATED) or results.get(ResultKind.SELF)
    if result is None:
        return None
    met = set(result.data.get("met", []))
    criteria = (
        Criterion.objects.filter(version_id=assessment.version_id)
        .exclude(key__in=met)
        .select_related("area")
        .order_by("order", "pk")
    )
    return OpenCriteria(assessment=assessment, criteria=list(criteria))
