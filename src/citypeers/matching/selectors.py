"""Reads for matching: peers, two-way partners and comparisons, ready for pages, API and CLI.

Peer results depend only on public data (directory facts, indicators, *published* challenge
statements and solutions), so they are the same for every caller. The engine runs on the
cached matrix (`cache.py`); each call costs the cache's fingerprint query (at most every few
seconds) plus one query for the result rows, however many results there are.
"""

import re
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation
from citypeers.directory.models import Jurisdiction
from citypeers.directory.naming import normalise_name
from citypeers.matching import cache
from citypeers.matching.engine import (
    ChallengeExplanation,
    FeatureSpec,
    Filters,
    PeerResult,
    challenge_explanation,
    challenge_scores,
    challenge_sentence,
    context_sentence,
    exact_terms,
    filter_mask,
    find_peers,
    resolve_weights,
    solution_owners,
    two_way_for,
)
from citypeers.matching.engine.challenges import SolutionRef
from citypeers.matching.params import PeerParams, split_theme_names

DEFAULT_CHALLENGE_WEIGHT = 0.3
LIST_FIELDS = (
    "id",
    "slug",
    "name",
    "state",
    "geoid",
    "population",
    "population_year",
    "population_source",
    "kind",
    "county_name",
    "latitude",
    "longitude",
)
_NAME_STATE = re.compile(r"^(?P<name>.+?),\s*(?P<state>[A-Za-z]{2})$")
_BRACKETED_SLUG = re.compile(r"\[(?P<slug>[-a-z0-9]+)\]\s*$")


# ---- finding a city ---------------------------------------------------------------------------


def jurisdiction_by_key(key: str) -> Jurisdiction:
    """A city by slug, GEOID, or "Name, ST" (largest population wins); 404 when none."""
    key = (key or "").strip()
    found = _by_key(key) if key else None
    if found is None:
        raise Http404(f"No city matches “{key}”.")
    return found


def _by_key(key: str) -> Jurisdiction | None:
    bracket = _BRACKETED_SLUG.search(key)
    if bracket:
        key = bracket.group("slug")
    queryset = Jurisdiction.objects.only(*LIST_FIELDS)
    if key.isdigit():
        return queryset.filter(geoid=key).first()
    match = _NAME_STATE.match(key)
    if match is None:
        return queryset.filter(slug=key.lower()).first()
    name, state = match.group("name").strip(), match.group("state").upper()
    return (
        queryset.filter(state=state)
        .filter(Q(name__iexact=name) | Q(name_normalised=normalise_name(name)))
        .order_by("-population", "id")
        .first()
    )


def city_options(query: str, *, limit: int = 15) -> list[Jurisdiction]:
    """Autocomplete over the whole directory: names starting with the text, biggest first."""
    query = (query or "").strip()
    if len(query) < 2:
        return []
    name = query.split(",")[0].strip()
    queryset = Jurisdiction.objects.only(*LIST_FIELDS).filter(
        Q(name__istartswith=name) | Q(name_normalised__startswith=normalise_name(name))
    )
    match = _NAME_STATE.match(query)
    if match:
        queryset = queryset.filter(state=match.group("state").upper())
    return list(queryset.order_by("-population", "name")[:limit])


def option_label(j: Jurisdiction, duplicates: set[tuple[str, str]]) -> str:
    """What a person types or picks: "Name, ST", with the slug when the pair is ambiguous."""
    label = f"{j.name}, {j.state}"
    return f"{label} [{j.slug}]" if (j.name, j.state) in duplicates else label


def display_key(j: Jurisdiction, typed: str) -> str:
    """What to show in the city box: "Name, ST" when that finds the same city again."""
    label = f"{j.name}, {j.state}"
    if typed == label or _by_key(label) == j:
        return label
    return f"{label} [{j.slug}]"


# ---- peers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    slug: str
    name: str


@dataclass
class PeerMatch:
    jurisdiction: Jurisdiction
    result: PeerResult
    context_text: str
    challenge: ChallengeExplanation | None
    challenge_text: str


@dataclass
class PeerSearch:
    subject: Jurisdiction
    params: PeerParams
    area: Area | None
    specs: tuple[FeatureSpec, ...]
    weights: dict[str, float]
    theme_weights: dict[str, float]
    challenge_weight: float
    matches: list[PeerMatch]
    subject_missing: list[FeatureSpec]
    filters: Filters
    solutions: dict[int, SolutionRef] = field(default_factory=dict)

    @property
    def ranked(self) -> list[PeerMatch]:
        return [m for m in self.matches if m.result.rank]

    @property
    def active_specs(self) -> list[FeatureSpec]:
        return [s for s in self.specs if self.weights[s.code] > 0]

    @property
    def themes(self) -> list[str]:
        return list(dict.fromkeys(s.theme for s in self.specs))


def _pinned_rows(keys, matrix) -> list[int]:
    rows = []
    for key in keys:
        try:
            j = jurisdiction_by_key(key)
        except Http404:
            raise ValidationError(f"Pinned city “{key}” is not in the directory.") from None
        if j.pk in matrix.row_of:
            rows.append(matrix.row_of[j.pk])
    return rows


def _filters(params: PeerParams, knowledge) -> Filters:
    id_sets = []
    if params.coalition:
        org = (
            Organisation.objects.filter(slug=params.coalition, kind=OrganisationKind.COALITION)
            .values_list("id", flat=True)
            .first()
        )
        if org is None:
            raise ValidationError(f"No coalition “{params.coalition}”.")
        id_sets.append(cache.coalition_member_ids(org))
    if params.has_solution:
        if not params.challenge:
            raise ValidationError(
                "Choose a challenge area to keep only cities with a solution for it."
            )
        id_sets.append(solution_owners(knowledge.index, params.challenge))
    low, high = params.population_bounds
    return Filters(
        same_state=params.same_state,
        population_min=low,
        population_max=high,
        kinds=frozenset(params.kinds),
        id_sets=tuple(id_sets),
    )


def _subject_row(subject: Jurisdiction):
    matrix = cache.feature_matrix()
    if subject.pk not in matrix.row_of:  # created since the last check
        matrix = cache.feature_matrix(force_check=True)
    if subject.pk not in matrix.row_of:
        raise ValidationError(f"{subject} is not in the peer matrix yet.")
    return matrix, matrix.row_of[subject.pk]


def _needs_knowledge(params: PeerParams, explain: bool) -> bool:
    """Context-only searches (the profile panel) must not wait for the challenge index."""
    return bool(
        explain
        or params.challenge
        or params.has_solution
        or params.challenge_weight is None
        or params.challenge_weight > 0
    )


def _weights(matrix, params: PeerParams):
    codes = {s.code for s in matrix.specs}
    themes = {s.theme for s in matrix.specs}
    features, theme_weights = split_theme_names(
        params.feature_weights, params.theme_weights, codes, themes
    )
    try:
        weights = resolve_weights(matrix.specs, features, theme_weights)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    return weights, theme_weights


def peer_search(
    subject: Jurisdiction, params: PeerParams, *, explain: bool = True, _recheck: bool = True
) -> PeerSearch:
    """Rank the subject's peers with the given weights, filters, challenge and pins."""
    matrix, row = _subject_row(subject)
    # The challenge index is built from every published text; a context-only search (the
    # profile panel) neither waits for its build nor pays for scoring every city's challenges.
    knowledge = cache.challenge_index_checked() if _needs_knowledge(params, explain) else None
    area = None
    if params.challenge:
        if params.challenge not in knowledge.area_names:
            raise ValidationError(f"Unknown challenge area “{params.challenge}”.")
        area = Area(params.challenge, knowledge.area_names[params.challenge])
    weights, theme_weights = _weights(matrix, params)
    filters = _filters(params, knowledge)
    pinned = _pinned_rows(params.pinned, matrix)
    scores = (
        challenge_scores(
            knowledge.index, subject.pk, knowledge.index.city_ids, area=params.challenge
        )
        if knowledge is not None
        else {}
    )
    challenge = None
    cw = 0.0
    if scores:
        challenge = np.zeros(matrix.n)
        for city, value in scores.items():
            if city in matrix.row_of:
                challenge[matrix.row_of[city]] = value
        cw = (
            DEFAULT_CHALLENGE_WEIGHT if params.challenge_weight is None else params.challenge_weight
        )
    try:
        results = find_peers(
            matrix,
            row,
            weights=weights,
            k=params.k,
            allowed=filter_mask(matrix, row, filters),
            pinned=pinned,
            challenge=challenge,
            challenge_weight=cw,
            explain=explain,
        )
    except ValueError as exc:
        raise ValidationError(
            f"{subject} has no value for any weighted context feature ({exc})"
        ) from None
    objects = Jurisdiction.objects.only(*LIST_FIELDS).in_bulk([r.id for r in results])
    if _recheck and len(objects) < len(results):
        # Ids the database no longer has: the matrix is older than the recheck timer knows.
        cache.feature_matrix(force_check=True)
        return peer_search(subject, params, explain=explain, _recheck=False)
    matches = []
    for result in results:
        peer = objects.get(result.id)
        if peer is None:  # deleted since the matrix was built
            continue
        ex = None
        text = ""
        if explain and (area is not None or result.id in knowledge.index.areas_of):
            ex = challenge_explanation(
                knowledge.index, subject.pk, result.id, area=params.challenge
            )
            text = challenge_sentence(ex, knowledge.area_names)
        matches.append(
            PeerMatch(
                jurisdiction=peer,
                result=result,
                context_text=context_sentence(result, subject.name, peer.name) if explain else "",
                challenge=ex,
                challenge_text=text,
            )
        )
    subject_missing = [
        spec
        for f, spec in enumerate(matrix.specs)
        if weights[f] > 0 and not matrix.M[row, matrix.col_feature == f].any()
    ]
    return PeerSearch(
        subject=subject,
        params=params,
        area=area,
        specs=matrix.specs,
        weights={s.code: float(w) for s, w in zip(matrix.specs, weights, strict=True)},
        theme_weights=theme_weights,
        challenge_weight=cw,
        matches=matches,
        subject_missing=subject_missing,
        filters=filters,
    )


def peer_ids_for(jurisdiction, *, k: int = 10) -> list[int]:
    """Context peers of a city (ids, best first) with the default weights and no filters.

    Uses the subject's stated challenges when it has any. [] when the city cannot be compared.
    """
    try:
        search = peer_search(jurisdiction, PeerParams(k=k, challenge_weight=0.0), explain=False)
    except ValidationError:
        return []
    return [m.result.id for m in search.ranked]


def peers_for(jurisdiction, *, k: int = 5) -> list[Jurisdiction]:
    """Context peers as directory rows (for panels): the fingerprint and one query."""
    try:
        search = peer_search(jurisdiction, PeerParams(k=k, challenge_weight=0.0), explain=False)
    except ValidationError:
        return []
    return [m.jurisdiction for m in search.ranked]


# ---- two-way ----------------------------------------------------------------------------------


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


def jurisdictions_by_id(ids) -> dict[int, Jurisdiction]:
    return Jurisdiction.objects.only(*LIST_FIELDS).in_bulk(list(ids))


# ---- comparison -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    spec: FeatureSpec
    subject: float | None
    peer_median: float | None
    all_median: float | None
    subject_z: float | None
    peer_median_z: float | None
    all_median_z: float | None
    peers_with_value: int


def _median(values: np.ndarray) -> float | None:
    values = values[np.isfinite(values)]
    return float(np.median(values)) if len(values) else None


def comparison_rows(search: PeerSearch) -> list[ComparisonRow]:
    """Per numeric feature: the city, its peer-group median and the all-directory median.

    Values are in the feature's own unit; the *_z values are on the robust standard scale, so
    features with different units fit one chart.
    """
    matrix = cache.current()[0]
    row = matrix.row_of[search.subject.pk]
    peer_rows = [
        matrix.row_of[m.jurisdiction.pk]
        for m in search.matches
        if m.jurisdiction.pk in matrix.row_of
    ]
    out = []
    for f, spec in enumerate(matrix.specs):
        if spec.kind != "numeric":
            continue
        raw, z = matrix.raw[:, f], matrix.zf[:, f]
        out.append(
            ComparisonRow(
                spec=spec,
                subject=None if not np.isfinite(raw[row]) else float(raw[row]),
                peer_median=_median(raw[peer_rows]),
                all_median=_median(raw),
                subject_z=None if not np.isfinite(z[row]) else float(z[row]),
                peer_median_z=_median(z[peer_rows]),
                all_median_z=_median(z),
                peers_with_value=int(np.isfinite(raw[peer_rows]).sum()),
            )
        )
    return out
