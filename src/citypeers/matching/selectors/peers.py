"""Peer search: rank a city's peers with weights, filters, a challenge area and pinned cities."""

from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import ValidationError
from django.http import Http404

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation
from citypeers.directory.models import Jurisdiction
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
    filter_mask,
    find_peers,
    resolve_weights,
    solution_owners,
)
from citypeers.matching.engine.challenges import SolutionRef
from citypeers.matching.params import PeerParams, split_theme_names
from citypeers.matching.selectors.cities import LIST_FIELDS, jurisdiction_by_key

DEFAULT_CHALLENGE_WEIGHT = 0.3


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


def _levels(params: PeerParams, matrix, row: int) -> frozenset[str]:
    if params.level == "all" or matrix.attrs.level is None:
        return frozenset()
    if params.level == "same":
        return frozenset({str(matrix.attrs.level[row])})
    return frozenset({params.level})


def _filters(params: PeerParams, knowledge, levels: frozenset[str] = frozenset()) -> Filters:
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
        levels=levels,
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
        assert knowledge is not None  # a challenge makes `_needs_knowledge` true
        if params.challenge not in knowledge.area_names:
            raise ValidationError(f"Unknown challenge area “{params.challenge}”.")
        area = Area(params.challenge, knowledge.area_names[params.challenge])
    weights, theme_weights = _weights(matrix, params)
    filters = _filters(params, knowledge, _levels(params, matrix, row))
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
        # `explain` makes `_needs_knowledge` true, so the index is there whenever it is read.
        if (
            explain
            and knowledge is not None
            and (area is not None or result.id in knowledge.index.areas_of)
        ):
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
