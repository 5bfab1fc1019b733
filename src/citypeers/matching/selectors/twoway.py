"""Two-way partners: cities where each side has a solution to a challenge the other stated."""

from dataclasses import dataclass

import numpy as np

from citypeers.directory.models import Jurisdiction
from citypeers.matching import cache
from citypeers.matching.engine import exact_terms, resolve_weights, two_way_for
from citypeers.matching.engine.challenges import SolutionRef
from citypeers.matching.selectors.cities import jurisdictions_by_id


@dataclass(frozen=True)
class TwoWayExchange:
    area: str
    area_name: str
    solution_ids: tuple[int, ...]
    strength: float


@dataclass(frozen=True)
class TwoWayMatch:
    """A partner where each side has a solution to a challenge the other stated."""

    partner_id: int
    score: float  # min of both directions: the weaker direction counts
    partner_to_subject: float  # how much the subject can learn from the partner
    subject_to_partner: float
    partner_teaches: tuple[TwoWayExchange, ...]
    subject_teaches: tuple[TwoWayExchange, ...]
    context_similarity: float | None = None


def two_way_partners(jurisdiction, *, limit: int = 20, _data=None) -> list[TwoWayMatch]:
    """Best two-way partners of a city (published statements and solutions only)."""
    matrix, knowledge = _data or cache.current()
    scores = two_way_for(jurisdiction.pk, knowledge.needs, knowledge.offers, limit=limit)
    if not scores:
        return []
    similarity: dict[int, float] = {}
    if jurisdiction.pk in matrix.row_of:
        rows = [matrix.row_of[s.b] for s in scores if s.b in matrix.row_of]
        weights = resolve_weights(matrix.specs)
        d2, _c, _d, _s = exact_terms(
            matrix, matrix.row_of[jurisdiction.pk], np.array(rows, dtype=np.int64), weights
        )
        for r, value in zip(rows, d2, strict=True):
            if np.isfinite(value):
                similarity[int(matrix.ids[r])] = float(100.0 * np.exp(-value / 2.0))

    def exchanges(items):
        return tuple(
            TwoWayExchange(
                e.area, knowledge.area_names.get(e.area, e.area), e.solution_ids, e.strength
            )
            for e in items
        )

    return [
        TwoWayMatch(
            partner_id=s.b,
            score=s.score,
            partner_to_subject=s.b_to_a,
            subject_to_partner=s.a_to_b,
            partner_teaches=exchanges(s.b_teaches),
            subject_teaches=exchanges(s.a_teaches),
            context_similarity=similarity.get(s.b),
        )
        for s in scores
    ]


def solution_refs(ids, knowledge) -> dict[int, SolutionRef]:
    """Titles and slugs of published solutions, from the cached index (no query)."""
    docs = knowledge.solutions
    return {
        i: SolutionRef(i, docs[i].slug, docs[i].title, docs[i].status) for i in ids if i in docs
    }


@dataclass(frozen=True)
class TwoWayPage:
    matches: list[TwoWayMatch]
    partners: dict[int, Jurisdiction]
    refs: dict[int, SolutionRef]
    needs: list[str]  # names of the areas the subject stated
    offers: list[str]  # names of the areas the subject has solutions for


def two_way_page(subject, *, limit: int = 20) -> TwoWayPage:
    """Partners with their rows and solution titles: one fingerprint check, one query for rows."""
    data = cache.current()
    knowledge = data[1]
    matches = two_way_partners(subject, limit=limit, _data=data)
    partners = jurisdictions_by_id(m.partner_id for m in matches) if matches else {}
    ids = {
        i for m in matches for e in (*m.partner_teaches, *m.subject_teaches) for i in e.solution_ids
    }
    names = knowledge.area_names
    return TwoWayPage(
        matches=[m for m in matches if m.partner_id in partners],
        partners=partners,
        refs=solution_refs(ids, knowledge),
        needs=[names.get(a, a) for a in sorted(knowledge.needs.get(subject.pk, {}))],
        offers=[names.get(a, a) for a in sorted(knowledge.offers.get(subject.pk, {}))],
    )
