"""What a delegate could want to learn and offer, with where each suggestion comes from: their
city's published challenge statements and its latest assessment's open criteria (wants), and the
challenge areas of its published solutions (offers). Read through the knowledge and assessments
selectors, so the delegate sees only what they may see (a partner from outside the city never
sees a private assessment)."""

from dataclasses import dataclass, field

from citypeers.assessments.selectors.gaps import open_criteria_of
from citypeers.convenings.models import Delegate
from citypeers.core.enums import PublicationStatus
from citypeers.knowledge.models import ChallengeArea
from citypeers.knowledge.selectors import solutions_of, statements_of

# The assessment frameworks are about data practice; each practice area points at the closest
# challenge area of the taxonomy, and any other area at the data-driven government area itself.
PRACTICE_AREA_TO_CHALLENGE: dict[str, str] = {
    "open-data": "open-data",
    "openness": "open-data",
    "performance": "performance-management",
    "budget-finance": "performance-management",
    "decisions": "performance-management",
    "evaluation": "evaluation",
    "contracting": "evaluation",
    "tools": "smart-city-technology",
    "community": "civic-engagement",
}
FALLBACK_CHALLENGE = "data-driven-government"


@dataclass(frozen=True)
class Source:
    kind: str  # "statement", "assessment" or "solution"
    text: str
    url: str = ""


@dataclass
class Suggestion:
    area: ChallengeArea
    sources: list[Source] = field(default_factory=list)


@dataclass
class Suggestions:
    wants: list[Suggestion]
    offers: list[Suggestion]


def _collect(found: dict[int, Suggestion], area: ChallengeArea, source: Source) -> None:
    found.setdefault(area.pk, Suggestion(area=area)).sources.append(source)


def _ordered(found: dict[int, Suggestion]) -> list[Suggestion]:
    return sorted(found.values(), key=lambda s: (s.area.name, s.area.pk))


def _gap_wants(seat: Delegate, found: dict[int, Suggestion]) -> None:
    gaps = open_criteria_of(seat.user, seat.delegation.jurisdiction_id)
    if gaps is None or not gaps.criteria:
        return
    slugs = {PRACTICE_AREA_TO_CHALLENGE.get(c.area.key, FALLBACK_CHALLENGE) for c in gaps.criteria}
    areas = {a.slug: a for a in ChallengeArea.objects.filter(slug__in=slugs | {FALLBACK_CHALLENGE})}
    url = gaps.assessment.get_absolute_url()
    for criterion in gaps.criteria:
        slug = PRACTICE_AREA_TO_CHALLENGE.get(criterion.area.key, FALLBACK_CHALLENGE)
        area = areas.get(slug) or areas.get(FALLBACK_CHALLENGE)
        if area is None:
            continue
        text = f"From your assessment ({gaps.assessment.cycle}): criterion “{criterion.title}”"
        _collect(found, area, Source(kind="assessment", text=text, url=url))


def suggestions_for(seat: Delegate) -> Suggestions:
    """Wants and offers suggested to the delegate, each area with the sources that led to it."""
    city = seat.delegation.jurisdiction
    wants: dict[int, Suggestion] = {}
    statements = statements_of(seat.user, city).filter(status=PublicationStatus.PUBLISHED)
    for statement in statements:
        text = f"From your city's challenge statement on {statement.area.name}"
        _collect(wants, statement.area, Source(kind="statement", text=text))
    _gap_wants(seat, wants)
    offers: dict[int, Suggestion] = {}
    solutions = (
        solutions_of(seat.user, city)
        .filter(status=PublicationStatus.PUBLISHED)
        .prefetch_related("challenges")
    )
    for solution in solutions:
        for area in solution.challenges.all():
            text = f"From your city's solution “{solution.title}”"
            url = solution.get_absolute_url()
            _collect(offers, area, Source(kind="solution", text=text, url=url))
    return Suggestions(wants=_ordered(wants), offers=_ordered(offers))
