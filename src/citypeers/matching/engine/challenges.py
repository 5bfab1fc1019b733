"""Challenge similarity: shared taxonomy areas plus TF-IDF text similarity, and "they tried X".

Inputs are plain dataclasses (statements and solutions with their owner ids and area slugs);
the TF-IDF model (scikit-learn, fitted offline on the network's own text) is built once per
`ChallengeIndex`. For a subject s and a city i:

    C(s, i) = AREA_SHARE · area(s, i) + (1 - AREA_SHARE) · cos(tfidf_s, tfidf_i)

- With a chosen challenge area X: area = 1 if i stated X (or a sub-area of X) or has a solution
  for it, 0.5 if i only works on X's top-level area, else 0; the texts compared are both
  cities' texts in X's top-level area (the subject's whole text when it has none there).
- Without: area = Jaccard overlap of the two cities' top-level areas; whole texts compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer

AREA_SHARE = 0.6
# Two solutions whose approach texts are less alike than this count as "a different approach".
DIFFERENT_APPROACH_BELOW = 0.35


@dataclass(frozen=True)
class StatementDoc:
    id: int
    owner_id: int
    area: str
    priority: str
    text: str


@dataclass(frozen=True)
class SolutionDoc:
    id: int
    owner_id: int
    slug: str
    title: str
    areas: frozenset[str]
    status: str
    evidence_rank: int
    text: str


@dataclass(frozen=True)
class SolutionRef:
    id: int
    slug: str
    title: str
    status: str


@dataclass(frozen=True)
class ChallengeExplanation:
    shared_areas: tuple[str, ...]  # top-level slugs both cities work on
    peer_states_area: bool  # the peer stated the chosen (or a shared) area
    they_tried: tuple[SolutionRef, ...]
    you_tried: tuple[SolutionRef, ...]
    approach_similarity: float | None  # max cosine between their and your solutions
    different_approach: bool
    text_similarity: float


@dataclass
class ChallengeIndex:
    """Who stated and solved what, with TF-IDF vectors per city and per (city, top area)."""

    parent: dict[str, str | None]
    statements: dict[int, list[StatementDoc]]
    solutions: dict[int, list[SolutionDoc]]
    vectorizer: HashingVectorizer | None  # None when there is no text to compare
    city_rows: dict[int, int]
    city_vectors: sparse.csr_matrix
    area_rows: dict[tuple[int, str], int]
    area_vectors: sparse.csr_matrix
    solution_rows: dict[int, int]
    solution_vectors: sparse.csr_matrix
    areas_of: dict[int, frozenset[str]] = field(default_factory=dict)  # top-level areas per city

    def top(self, slug: str) -> str:
        seen = set()
        while self.parent.get(slug) and slug not in seen:
            seen.add(slug)
            slug = self.parent[slug] or slug  # never empty: the loop checked it
        return slug

    def within(self, slug: str | None, area: str) -> bool:
        """True if `slug` is `area` or one of its descendants."""
        seen = set()
        while slug and slug not in seen:
            if slug == area:
                return True
            seen.add(slug)
            slug = self.parent.get(slug)
        return False

    @property
    def city_ids(self) -> list[int]:
        return sorted(self.areas_of)


def _empty(rows: int = 0) -> sparse.csr_matrix:
    from scipy import sparse  # noqa: PLC0415 - heavy import, only needed once an index is built

    return sparse.csr_matrix((rows, 1))


def build_challenge_index(
    statements: Iterable[StatementDoc],
    solutions: Iterable[SolutionDoc],
    parent: Mapping[str, str | None],
) -> ChallengeIndex:
    statements, solutions = list(statements), list(solutions)
    index = ChallengeIndex(
        parent=dict(parent),
        statements={},
        solutions={},
        vectorizer=None,
        city_rows={},
        city_vectors=_empty(),
        area_rows={},
        area_vectors=_empty(),
        solution_rows={},
        solution_vectors=_empty(),
    )
    areas_of: dict[int, set[str]] = {}
    for st in statements:
        index.statements.setdefault(st.owner_id, []).append(st)
        areas_of.setdefault(st.owner_id, set()).add(index.top(st.area))
    for sol in solutions:
        index.solutions.setdefault(sol.owner_id, []).append(sol)
        for area in sol.areas:
            areas_of.setdefault(sol.owner_id, set()).add(index.top(area))
    index.areas_of = {city: frozenset(a) for city, a in areas_of.items()}
    _fit_tfidf(index, statements, solutions)
    return index


# Hashed n-gram columns: no vocabulary dictionary to grow and sort (at 100k solutions the
# 1-2-gram vocabulary has millions of entries and `TfidfVectorizer` took minutes); collisions at
# 2^20 columns are rare enough not to move cosines noticeably.
HASH_FEATURES = 2**20


def _fit_tfidf(
    index: ChallengeIndex, statements: list[StatementDoc], solutions: list[SolutionDoc]
) -> None:
    """TF-IDF (English stop words, 1-2-grams, sublinear tf, smooth idf, max_df 0.9) as
    scikit-learn's `TfidfVectorizer` computes it, with every text tokenised once.

    Term counts of a city (all its texts) and of a (city, top area) are sums of its documents'
    counts, so they come from sparse aggregation instead of re-tokenising joined texts (which
    also stops bigrams from spanning two documents). The idf is fitted, as before, on one
    document per city plus one per solution.
    """
    docs = [st.text for st in statements] + [sol.text for sol in solutions]
    if not any(doc.strip() for doc in docs):
        return
    from scipy import sparse  # noqa: PLC0415 - heavy import, only needed once an index is built
    from sklearn.feature_extraction.text import HashingVectorizer  # noqa: PLC0415 - heavy import, only needed once an index is built
    from sklearn.preprocessing import normalize  # noqa: PLC0415 - heavy import, only needed once an index is built

    hasher = HashingVectorizer(
        stop_words="english",
        ngram_range=(1, 2),
        n_features=HASH_FEATURES,
        alternate_sign=False,
        norm=None,
        dtype=np.float64,
    )
    counts = hasher.transform(docs).tocsr()
    n_st = len(statements)
    city_rows: dict[int, int] = {}
    area_rows: dict[tuple[int, str], int] = {}
    city_of, area_of, doc_cols_c, doc_cols_a = [], [], [], []
    for d, (owner, areas) in enumerate(
        [(st.owner_id, (st.area,)) for st in statements]
        + [(sol.owner_id, tuple(sol.areas)) for sol in solutions]
    ):
        city_of.append(city_rows.setdefault(owner, len(city_rows)))
        doc_cols_c.append(d)
        for top in dict.fromkeys(index.top(a) for a in areas):
            area_of.append(area_rows.setdefault((owner, top), len(area_rows)))
            doc_cols_a.append(d)
    n_docs = len(docs)
    to_city = sparse.csr_matrix(
        (np.ones(len(city_of)), (city_of, doc_cols_c)), shape=(len(city_rows), n_docs)
    )
    to_area = sparse.csr_matrix(
        (np.ones(len(area_of)), (area_of, doc_cols_a)), shape=(len(area_rows), n_docs)
    )
    city_counts = (to_city @ counts).tocsr()
    area_counts = (to_area @ counts).tocsr()
    solution_counts = counts[n_st:]
    # Document frequency over the fitting corpus: one document per city, one per solution.
    n_fit = city_counts.shape[0] + solution_counts.shape[0]
    df = np.bincount(city_counts.indices, minlength=HASH_FEATURES) + np.bincount(
        solution_counts.indices, minlength=HASH_FEATURES
    )
    keep = df > 0
    if city_counts.shape[0] >= 10:
        keep &= df <= 0.9 * n_fit
    if not keep.any():  # only stop words, or every term in nearly every document
        return
    idf = np.where(keep, np.log((1.0 + n_fit) / (1.0 + df)) + 1.0, 0.0)

    def tfidf(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
        out = matrix.astype(np.float64, copy=True)
        np.log(out.data, out=out.data)
        out.data += 1.0
        out.data *= idf[out.indices]
        out.eliminate_zeros()
        return normalize(out, norm="l2", copy=False)

    index.vectorizer = hasher
    index.city_rows = city_rows
    index.city_vectors = tfidf(city_counts)
    index.area_rows = area_rows
    index.area_vectors = tfidf(area_counts)
    index.solution_rows = {s.id: i for i, s in enumerate(solutions)}
    index.solution_vectors = tfidf(solution_counts)


# scipy ships without type hints: its sparse rows are `Any` here.
def _vector(index: ChallengeIndex, city: int, top_area: str | None) -> Any:
    if index.vectorizer is None:
        return None
    if top_area is not None and (city, top_area) in index.area_rows:
        return index.area_vectors[index.area_rows[(city, top_area)]]
    if city in index.city_rows:
        return index.city_vectors[index.city_rows[city]]
    return None


def _cosines(
    index: ChallengeIndex, subject_vec: Any, cities: list[int], top_area: str | None
) -> np.ndarray:
    """TF-IDF vectors are L2-normalised, so the dot product is the cosine."""
    if subject_vec is None or not cities:
        return np.zeros(len(cities))
    if top_area is None:
        rows = [index.city_rows.get(c, -1) for c in cities]
        source = index.city_vectors
    else:
        rows = [index.area_rows.get((c, top_area), -1) for c in cities]
        source = index.area_vectors
    rows_arr = np.array(rows)
    sims = np.zeros(len(cities))
    ok = rows_arr >= 0
    if ok.any():
        sims[ok] = np.asarray((source[rows_arr[ok]] @ subject_vec.T).todense()).ravel()
    return np.clip(sims, 0.0, 1.0)


def _area_match(index: ChallengeIndex, city: int, area: str) -> float:
    slugs = [s.area for s in index.statements.get(city, [])]
    slugs += [a for sol in index.solutions.get(city, []) for a in sol.areas]
    if any(index.within(s, area) for s in slugs):
        return 1.0
    if index.top(area) in index.areas_of.get(city, frozenset()):
        return 0.5
    return 0.0


def challenge_scores(
    index: ChallengeIndex, subject: int, cities: Iterable[int], *, area: str | None = None
) -> dict[int, float]:
    """C(subject, city) ∈ [0, 1] for the cities that have any challenge content."""
    cities = [c for c in cities if c in index.areas_of and c != subject]
    if not cities:
        return {}
    if area is not None:
        top = index.top(area)
        subject_vec = _vector(index, subject, top)
        area_part = np.array([_area_match(index, c, area) for c in cities])
        text_part = _cosines(index, subject_vec, cities, top)
    else:
        mine = index.areas_of.get(subject, frozenset())
        if not mine:
            return {}
        area_part = np.array(
            [len(mine & index.areas_of[c]) / len(mine | index.areas_of[c]) for c in cities]
        )
        text_part = _cosines(index, _vector(index, subject, None), cities, None)
    scores = AREA_SHARE * area_part + (1 - AREA_SHARE) * text_part
    return {c: float(s) for c, s in zip(cities, scores, strict=True) if s > 0}


def _refs(solutions: Iterable[SolutionDoc]) -> tuple[SolutionRef, ...]:
    ordered = sorted(solutions, key=lambda s: (-s.evidence_rank, s.title))
    return tuple(SolutionRef(s.id, s.slug, s.title, s.status) for s in ordered)


def challenge_explanation(
    index: ChallengeIndex, subject: int, peer: int, *, area: str | None = None
) -> ChallengeExplanation:
    """What both work on and, for the chosen area (or the subject's stated ones), who tried what."""
    mine = index.areas_of.get(subject, frozenset())
    theirs = index.areas_of.get(peer, frozenset())
    shared = tuple(sorted(mine & theirs))
    if area is not None:

        def relevant(s: SolutionDoc) -> bool:
            return any(index.within(a, area) for a in s.areas)

        peer_states = any(index.within(s.area, area) for s in index.statements.get(peer, []))
    else:
        # No chosen area: the areas the subject stated (or works on) that the peer also works on.
        stated = {index.top(s.area) for s in index.statements.get(subject, [])} or set(mine)
        focus = stated & theirs

        def relevant(s: SolutionDoc) -> bool:
            return any(index.top(a) in focus for a in s.areas)

        peer_states = any(index.top(s.area) in focus for s in index.statements.get(peer, []))
    they = [s for s in index.solutions.get(peer, []) if relevant(s)]
    you = [s for s in index.solutions.get(subject, []) if relevant(s)]
    approach = None
    if they and you and index.vectorizer is not None:
        a = index.solution_vectors[[index.solution_rows[s.id] for s in they]]
        b = index.solution_vectors[[index.solution_rows[s.id] for s in you]]
        approach = float(np.asarray((a @ b.T).todense()).max())
    top = index.top(area) if area else None
    text = (
        _cosines(index, _vector(index, subject, top), [peer], top)[0]
        if peer in index.areas_of
        else 0.0
    )
    return ChallengeExplanation(
        shared_areas=shared,
        peer_states_area=peer_states,
        they_tried=_refs(they),
        you_tried=_refs(you),
        approach_similarity=approach,
        different_approach=bool(they) and (approach is None or approach < DIFFERENT_APPROACH_BELOW),
        text_similarity=float(text),
    )


def solution_owners(index: ChallengeIndex, area: str) -> frozenset[int]:
    """Cities with at least one solution for `area` (or a sub-area of it)."""
    return frozenset(
        city
        for city, sols in index.solutions.items()
        if any(index.within(a, area) for s in sols for a in s.areas)
    )
