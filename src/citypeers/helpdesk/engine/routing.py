"""Who could answer a help request, and why: peer cities that solved it and experts whose
expertise matches. Pure: the caller gathers plain facts from the database.

Cities score by what they did in the request's challenge area:
- a published solution in the exact area counts 3, in a sibling area (same parent) 1.5;
  its evidence adds 0.5 per outcome with a measure (at most 1.5 per solution);
- replicating a solution of the area counts by how far it got (scaling 2, piloting 1.5,
  adapting 1, considering 0.5); paused and dropped replications count nothing;
- meeting the assessment criterion the request names counts 2.
Experts score 1 per expertise tag that shares a word with the area (its name or slug) or the
question.
Every suggestion carries the reasons that earned its score, in words.
"""

import re
from dataclasses import dataclass, field

SOLUTION_IN_AREA = 3.0
SOLUTION_IN_SIBLING_AREA = 1.5
OUTCOME_BONUS = 0.5
MAX_OUTCOME_BONUS = 1.5
CRITERION_MET = 2.0
STAGE_WEIGHTS: dict[str, float] = {
    "scaling": 2.0,
    "piloting": 1.5,
    "adapting": 1.0,
    "considering": 0.5,
}
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "city",
        "do",
        "for",
        "from",
        "has",
        "have",
        "how",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "we",
        "what",
        "with",
        "you",
        "your",
    ]
)
WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class RequestFacts:
    asking_city_id: int
    area_id: int
    area_name: str
    area_slug: str = ""
    sibling_area_ids: frozenset[int] = frozenset()
    criterion_key: str = ""
    criterion_title: str = ""
    text: str = ""


@dataclass(frozen=True)
class SolutionFact:
    title: str
    area_ids: frozenset[int]
    measured_outcomes: int = 0


@dataclass(frozen=True)
class ReplicationFact:
    solution_title: str
    stage: str


@dataclass(frozen=True)
class CityEvidence:
    city_id: int
    name: str
    solutions: tuple[SolutionFact, ...] = ()
    replications: tuple[ReplicationFact, ...] = ()
    criteria_met: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Expert:
    user_id: int
    name: str
    tags: tuple[str, ...]
    city_id: int | None = None


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "city" or "expert"
    key: int  # the city id or the user id
    name: str
    score: float
    reasons: tuple[str, ...] = field(default_factory=tuple)


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2)


def _score_city(facts: RequestFacts, city: CityEvidence) -> Suggestion | None:
    score = 0.0
    reasons: list[str] = []
    for solution in sorted(city.solutions, key=lambda s: s.title):
        if facts.area_id in solution.area_ids:
            points = SOLUTION_IN_AREA
            reason = f"Published solution “{solution.title}” in {facts.area_name}"
        elif solution.area_ids & facts.sibling_area_ids:
            points = SOLUTION_IN_SIBLING_AREA
            reason = f"Published solution “{solution.title}” in a related challenge area"
        else:
            continue
        bonus = min(MAX_OUTCOME_BONUS, OUTCOME_BONUS * max(0, solution.measured_outcomes))
        if bonus:
            n = solution.measured_outcomes
            reason += f", with {n} measured outcome{'s' if n != 1 else ''}"
        score += points + bonus
        reasons.append(reason)
    for replication in sorted(city.replications, key=lambda r: (r.solution_title, r.stage)):
        weight = STAGE_WEIGHTS.get(replication.stage, 0.0)
        if weight:
            score += weight
            reasons.append(f"Replicating “{replication.solution_title}” ({replication.stage})")
    if facts.criterion_key and facts.criterion_key in city.criteria_met:
        score += CRITERION_MET
        reasons.append(f"Meets the assessment criterion “{facts.criterion_title}”")
    if score <= 0:
        return None
    return Suggestion("city", city.city_id, city.name, round(score, 3), tuple(reasons))


def rank_cities(
    facts: RequestFacts, cities: list[CityEvidence], *, limit: int = 10
) -> list[Suggestion]:
    """Peer cities that solved the problem, best first; never the asking city."""
    scored = [
        suggestion
        for city in cities
        if city.city_id != facts.asking_city_id
        and (suggestion := _score_city(facts, city)) is not None
    ]
    scored.sort(key=lambda s: (-s.score, s.name, s.key))
    return scored[: max(0, limit)]


def rank_experts(
    facts: RequestFacts, experts: list[Expert], *, limit: int = 10
) -> list[Suggestion]:
    """People whose expertise tags share a word with the area or the question, best first;
    never someone answering for the asking city."""
    area_words = words(facts.area_name) | words(facts.area_slug.replace("-", " "))
    text_words = words(facts.text) | words(facts.criterion_title)
    scored: list[Suggestion] = []
    for expert in experts:
        if expert.city_id is not None and expert.city_id == facts.asking_city_id:
            continue
        reasons: list[str] = []
        for tag in sorted(set(expert.tags)):
            tag_words = words(tag)
            if tag_words & area_words:
                reasons.append(f"Expertise “{tag}” matches the area {facts.area_name}")
            elif tag_words & text_words:
                shared = ", ".join(sorted(tag_words & text_words))
                reasons.append(f"Expertise “{tag}” matches the question ({shared})")
        if reasons:
            scored.append(
                Suggestion(
                    "expert", expert.user_id, expert.name, float(len(reasons)), tuple(reasons)
                )
            )
    scored.sort(key=lambda s: (-s.score, s.name, s.key))
    return scored[: max(0, limit)]
