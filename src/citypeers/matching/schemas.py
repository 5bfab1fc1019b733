"""API input and output schemas for matching, and the conversion from selector results."""

from django.urls import reverse
from ninja import Field, Schema

from citypeers.core.schemas import FastOutput
from citypeers.matching.params import DEFAULT_K, MAX_K


class PeerQuery(Schema):
    k: int = Field(DEFAULT_K, ge=1, le=MAX_K, description="How many peers (1-50).")
    challenge: str | None = Field(
        None, description="A challenge area slug, e.g. housing-affordability."
    )
    weights: str | None = Field(
        None,
        description=(
            "Comma-separated name:weight pairs (0-10): a feature code (population, location, "
            "government_type or an indicator code), `theme.<theme>`, or `challenge` (0-1)."
        ),
    )
    same_state: str | None = Field(None, description="any, same or other.")
    band: str | None = Field(None, description="Population band, e.g. 100k-500k.")
    type: str | None = Field(None, description="Government types, comma-separated (city, town, …).")
    level: str | None = Field(
        None,
        description=(
            "Geographies to compare with: same (the city's own level, default), place, "
            "county_subdivision, county or all."
        ),
    )
    coalition: str | None = Field(None, description="Only members of this coalition (its slug).")
    has_solution: bool = Field(False, description="Only cities with a solution for the challenge.")
    pinned: str | None = Field(None, description="Up to 5 cities (slug or GEOID), comma-separated.")


class TwoWayQuery(Schema):
    limit: int = Field(20, ge=1, le=100)


class JurisdictionRefOut(FastOutput):
    id: int
    slug: str
    geoid: str | None
    name: str
    state: str
    population: int | None
    url: str


class FeatureOut(FastOutput):
    code: str
    label: str
    theme: str
    kind: str
    unit: str
    weight: float
    source: str


class ContributionOut(FastOutput):
    code: str
    label: str
    theme: str
    kind: str
    unit: str
    weight: float
    subject_value: float | str | None
    peer_value: float | str | None
    delta: float = Field(description="Difference in robust standard units (location: 1,000 km).")
    distance_km: float | None
    similarity_share: float = Field(description="This feature's share of the similarity (0-1).")
    distance_share: float = Field(description="This feature's share of the distance (0-1).")
    subject_source: str = Field(description="Where the subject's figure comes from.")
    subject_year: int | None = Field(description="The year of the subject's figure.")
    peer_source: str = Field(description="Where the peer's figure comes from.")
    peer_year: int | None = Field(description="The year of the peer's figure.")


class MissingOut(FastOutput):
    code: str
    label: str
    missing_for: str


class SolutionRefOut(FastOutput):
    id: int
    slug: str
    title: str
    status: str
    url: str


class ChallengeOut(FastOutput):
    shared_areas: list[str]
    peer_states_area: bool
    they_tried: list[SolutionRefOut]
    you_tried: list[SolutionRefOut]
    approach_similarity: float | None
    different_approach: bool
    text_similarity: float
    summary: str


class ExplanationOut(FastOutput):
    summary: str
    features: list[ContributionOut]
    missing: list[MissingOut]
    challenge: ChallengeOut | None


class PeerOut(FastOutput):
    rank: int = Field(description="1-based; 0 for a pinned city outside the ranking.")
    pinned: bool
    in_filter: bool
    jurisdiction: JurisdictionRefOut
    score: float = Field(description="0-100, context similarity blended with challenge similarity.")
    similarity: float = Field(description="0-100 from context features alone.")
    challenge_similarity: float
    coverage: float = Field(description="Share of the weighted features both cities have.")
    distance: float | None
    explanation: ExplanationOut


class AreaOut(FastOutput):
    slug: str
    name: str


class PeersOut(Schema):
    subject: JurisdictionRefOut
    challenge: AreaOut | None
    k: int
    challenge_weight: float
    features: list[FeatureOut]
    subject_missing: list[str]
    results: list[PeerOut]


class ExchangeOut(Schema):
    area: str
    area_name: str
    solutions: list[SolutionRefOut]
    strength: float


class TwoWayOut(Schema):
    partner: JurisdictionRefOut
    score: float = Field(description="Mutual benefit: the weaker of the two directions.")
    partner_to_subject: float
    subject_to_partner: float
    partner_teaches: list[ExchangeOut]
    subject_teaches: list[ExchangeOut]
    context_similarity: float | None


class TwoWayListOut(Schema):
    subject: JurisdictionRefOut
    results: list[TwoWayOut]


class FeatureListOut(Schema):
    count: int
    themes: list[str]
    results: list[FeatureOut]


def _url(j) -> str:
    try:
        return j.get_absolute_url()
    except Exception:
        return ""


def jurisdiction_ref(j) -> dict:
    return {
        "id": j.pk,
        "slug": j.slug,
        "geoid": j.geoid,
        "name": j.name,
        "state": j.state,
        "population": j.population,
        "url": _url(j),
    }


def solution_ref(ref) -> dict:
    try:
        url = reverse("knowledge:solution", kwargs={"slug": ref.slug})
    except Exception:
        url = ""
    return {"id": ref.id, "slug": ref.slug, "title": ref.title, "status": ref.status, "url": url}


def _plain(item) -> dict:
    """A result dataclass of plain values as a dict (`asdict` deep-copies: 4x slower here)."""
    return {name: getattr(item, name) for name in item.__slots__}


def feature_out(spec, weight: float) -> dict:
    return {
        "code": spec.code,
        "label": spec.label,
        "theme": spec.theme,
        "kind": spec.kind,
        "unit": spec.unit,
        "weight": weight,
        "source": spec.source,
    }


def peers_out(search) -> dict:
    results = []
    for m in search.matches:
        r = m.result
        challenge = None
        if m.challenge is not None:
            c = m.challenge
            challenge = {
                "shared_areas": list(c.shared_areas),
                "peer_states_area": c.peer_states_area,
                "they_tried": [solution_ref(s) for s in c.they_tried],
                "you_tried": [solution_ref(s) for s in c.you_tried],
                "approach_similarity": c.approach_similarity,
                "different_approach": c.different_approach,
                "text_similarity": c.text_similarity,
                "summary": m.challenge_text,
            }
        results.append(
            {
                "rank": r.rank,
                "pinned": r.pinned,
                "in_filter": r.in_filter,
                "jurisdiction": jurisdiction_ref(m.jurisdiction),
                "score": round(r.score, 4),
                "similarity": round(r.similarity, 4),
                "challenge_similarity": round(r.challenge, 4),
                "coverage": round(r.coverage, 4),
                "distance": None if r.distance != r.distance else r.distance,
                "explanation": {
                    "summary": " ".join(t for t in (m.context_text, m.challenge_text) if t),
                    "features": [_plain(c) for c in r.contributions],
                    "missing": [_plain(x) for x in r.missing],
                    "challenge": challenge,
                },
            }
        )
    return {
        "subject": jurisdiction_ref(search.subject),
        "challenge": None
        if search.area is None
        else {"slug": search.area.slug, "name": search.area.name},
        "k": search.params.k,
        "challenge_weight": search.challenge_weight,
        "features": [feature_out(s, search.weights[s.code]) for s in search.specs],
        "subject_missing": [s.code for s in search.subject_missing],
        "results": results,
    }


def two_way_out(subject, matches, partners: dict, refs: dict) -> dict:
    def exchanges(items):
        return [
            {
                "area": e.area,
                "area_name": e.area_name,
                "strength": e.strength,
                "solutions": [solution_ref(refs[i]) for i in e.solution_ids if i in refs],
            }
            for e in items
        ]

    return {
        "subject": jurisdiction_ref(subject),
        "results": [
            {
                "partner": jurisdiction_ref(partners[m.partner_id]),
                "score": m.score,
                "partner_to_subject": m.partner_to_subject,
                "subject_to_partner": m.subject_to_partner,
                "partner_teaches": exchanges(m.partner_teaches),
                "subject_teaches": exchanges(m.subject_teaches),
                "context_similarity": m.context_similarity,
            }
            for m in matches
            if m.partner_id in partners
        ],
    }
