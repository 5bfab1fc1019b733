"""Read the database into the cohort optimiser's plain input (no writes, a fixed number of queries).

Needs and offers are compared at the top level of the challenge taxonomy ("housing", not
"housing/rental assistance"), so a city that solved a sub-area counts as able to teach a city
that stated the broader area, and the reasons shown read naturally.
"""

from django.db.models import CharField, Prefetch, Value

from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.enums import EVIDENCE_RANK, EvidenceLevel, Priority
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.workshops.approaches import approach_key
from citypeers.workshops.engine import Candidate, CohortRules, Offer
from citypeers.workshops.enums import CohortStatus
from citypeers.workshops.regions import region_for

PRIORITY_POINTS = {Priority.HIGH: 2, Priority.MEDIUM: 1, Priority.LOW: 0, Priority.UNSTATED: 1}


def _top(area: ChallengeArea) -> ChallengeArea:
    return area.parent if area.parent_id else area


def focus_areas(workshop) -> list[ChallengeArea]:
    """The workshop's area and, for a top-level area, its sub-areas."""
    return [workshop.area, *workshop.area.children.all()]


def area_labels() -> dict[str, str]:
    return dict(ChallengeArea.objects.filter(parent__isnull=True).values_list("slug", "name"))


def build_candidates(workshop, *, extra_ids=()) -> list[Candidate]:
    """Every city with a published statement on the workshop's challenge or a published
    solution to it (a city that tried something brings experience), plus `extra_ids`."""
    focus = focus_areas(workshop)
    focus_top = _top(workshop.area).slug
    stated = (
        ChallengeStatement.objects.filter(area__in=focus, status=PublicationStatus.PUBLISHED)
        .order_by()
        .values_list("jurisdiction_id", "priority")
    )
    # Cities that published a solution to it, in the same query (no priority: "").
    solved = (
        Solution.objects.filter(challenges__in=focus, status=PublicationStatus.PUBLISHED)
        .annotate(no_priority=Value("", output_field=CharField()))
        .order_by()
        .values_list("owner_id", "no_priority")
    )
    priority: dict[int, int] = {}
    for jurisdiction_id, level in stated.union(solved):
        points = PRIORITY_POINTS.get(level, 0)
        priority[jurisdiction_id] = max(priority.get(jurisdiction_id, 0), points)
    ids = set(priority) | set(extra_ids)
    cities = Jurisdiction.objects.filter(pk__in=ids).only(
        "pk", "slug", "name", "state", "population"
    )
    needs: dict[int, set[str]] = {i: set() for i in ids}
    for jurisdiction_id, slug, parent_slug in ChallengeStatement.objects.filter(
        jurisdiction_id__in=ids, status=PublicationStatus.PUBLISHED
    ).values_list("jurisdiction_id", "area__slug", "area__parent__slug"):
        needs[jurisdiction_id].add(parent_slug or slug)
    solutions = (
        Solution.objects.filter(owner_id__in=ids, status=PublicationStatus.PUBLISHED)
        .only("pk", "slug", "title", "approach", "owner_id", "evidence_level")
        .prefetch_related(
            Prefetch("challenges", queryset=ChallengeArea.objects.select_related("parent"))
        )
    )
    offers: dict[int, list[Offer]] = {i: [] for i in ids}
    strong: set[int] = set()
    for solution in solutions:
        key = approach_key(solution.title, solution.approach)
        for area in {_top(a).slug for a in solution.challenges.all()}:
            offers[solution.owner_id].append(
                Offer(area=area, approach=key, label=solution.title, ref=solution.slug)
            )
            evaluated = (
                EVIDENCE_RANK[solution.evidence_level] >= EVIDENCE_RANK[EvidenceLevel.EVALUATED]
            )
            if area == focus_top and evaluated:
                strong.add(solution.owner_id)
    return [
        Candidate(
            key=city.slug,
            name=str(city),
            needs=frozenset(needs[city.pk]),
            offers=tuple(offers[city.pk]),
            state=city.state,
            region=region_for(city.state),
            size_band=city.population_band or "",
            bonus=priority.get(city.pk, 0) + (city.pk in strong),
        )
        for city in cities
    ]


def cohort_rules(workshop, members) -> CohortRules:
    """The organiser's rules plus the cohort's current commitments.

    Locked, invited and accepted cities stay (a re-run must not silently drop a city that was
    already asked); removed and declined cities stay out.
    """
    keep = {CohortStatus.INVITED, CohortStatus.ACCEPTED}
    locked = frozenset(
        m.jurisdiction.slug
        for m in members
        if m.status in keep or (m.locked and m.status == CohortStatus.PROPOSED)
    )
    excluded = frozenset(
        m.jurisdiction.slug
        for m in members
        if m.status in (CohortStatus.REMOVED, CohortStatus.DECLINED)
    )
    return CohortRules(
        focus_area=_top(workshop.area).slug,
        min_size=workshop.cohort_min,
        max_size=workshop.cohort_max,
        locked=locked,
        excluded=excluded,
        max_per_state=workshop.max_per_state,
        max_per_region=workshop.max_per_region,
        max_per_band=workshop.max_per_size_band,
        require_exchange=workshop.require_exchange,
        focus_weight=4,
        other_weight=1,
    )
