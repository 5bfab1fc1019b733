"""The feature matrix and the challenge index, built once per worker and kept fresh.

Each worker process keeps, in module globals, the directory facts, the indicator grid, the
`FeatureMatrix` made of them, and the `ChallengeIndex`. Before use, at most every
`CITYPEERS_MATCHING_RECHECK_SECONDS` (default 2 s; 0 with debug on), one SQL query (≈1 ms at
25k cities, index-only or tiny scans) reads a fingerprint of the sources:

- directory: row count and the sum of populations (index-covered), plus the directory counter
  of `FeatureDataVersion` (bumped when a city's coordinates, kind, state or population are
  edited: see `signals.py`);
- indicators: count and max `updated_at` of indicators, max id of indicator values (inserts),
  and the indicator counter (bumped on in-place edits and deletes, and by
  `services.mark_features_stale()` after bulk writes that send no signals);
- knowledge: counts and max `updated_at` of statements and solutions, count of solution-area
  links and of challenge areas.

Only the part that changed is rebuilt: directory facts (≈0.1 s), the indicator grid (≈1-3 s
at 25k x 40 values), then the standardised matrix (≈0.3 s), or the challenge index (ms).
A request never rebuilds when nothing changed.
"""

import hashlib
import threading
import time
from dataclasses import dataclass, replace

import numpy as np
from django.conf import settings
from django.db import connection

from citypeers.accounts.models import JurisdictionMembership
from citypeers.core.enums import PublicationStatus
from citypeers.directory.enums import GovernmentType
from citypeers.directory.models import Indicator, IndicatorValue, Jurisdiction
from citypeers.knowledge.enums import EVIDENCE_RANK
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.matching.engine import (
    ChallengeIndex,
    CityAttributes,
    FeatureMatrix,
    FeatureSpec,
    SolutionDoc,
    StatementDoc,
    build_challenge_index,
    build_feature_matrix,
)
from citypeers.matching.engine.twoway import PRIORITY_WEIGHT, offer_strength
from citypeers.matching.grid import (
    DirectoryFacts,
    IndicatorGrid,
    read_directory_facts,
    read_indicator_grid,
)
from citypeers.matching.models import FeatureDataVersion

DEFAULT_RECHECK_SECONDS = 2.0
# An indicator enters the matrix once this many cities have a value for it.
MIN_INDICATOR_VALUES = 3
UNKNOWN_KINDS = {GovernmentType.PLACE, ""}

POPULATION = FeatureSpec(
    code="population",
    label="Population",
    theme="size",
    kind="numeric",
    transform="log",
    unit="people",
    default_weight=1.0,
    source="Directory (Census Population Estimates)",
)
# The geography level a city is compared within by default (`level` filter).
LEVELS = ("place", "county_subdivision", "county")
GOVERNMENT_TYPE = FeatureSpec(
    code="government_type",
    label="Government type",
    theme="place",
    kind="category",
    default_weight=0.5,
    source="Census import",
)
LOCATION = FeatureSpec(
    code="location",
    label="Location",
    theme="place",
    kind="location",
    default_weight=0.0,
    unit="km",
    source="Directory coordinates",
)


@dataclass(frozen=True)
class Built:
    fingerprint: tuple
    value: object
    seconds: float


_lock = threading.Lock()
CACHED = ("directory", "indicators", "features", "challenges")
_state: dict = {**dict.fromkeys(CACHED), "checked_at": 0.0, "fingerprint": None}


def _fingerprint_sql() -> str:
    j = Jurisdiction._meta.db_table
    ind = Indicator._meta.db_table
    iv = IndicatorValue._meta.db_table
    ver = FeatureDataVersion._meta.db_table
    st = ChallengeStatement._meta.db_table
    so = Solution._meta.db_table
    link = Solution.challenges.through._meta.db_table
    area = ChallengeArea._meta.db_table
    # One pass per table, each served by an index or a tiny table; no scan of the wide
    # directory rows (MAX(updated_at) there would cost ~10 ms at 25k cities).
    return (
        "SELECT * FROM"
        f" (SELECT COUNT(*) AS n, SUM(population) AS p, MIN(id) AS lo, MAX(id) AS hi"
        f" FROM {j}) AS j,"
        f" (SELECT MAX(directory_version) AS d, MAX(indicator_version) AS i FROM {ver}) AS ver,"
        f" (SELECT COUNT(*) AS n, MAX(updated_at) AS u FROM {ind}) AS ind,"
        f" (SELECT MAX(id) AS m FROM {iv}) AS iv,"
        f" (SELECT COUNT(*) AS n, MAX(updated_at) AS u, MAX(id) AS m FROM {st}) AS st,"
        f" (SELECT COUNT(*) AS n, MAX(updated_at) AS u, MAX(id) AS m FROM {so}) AS so,"
        f" (SELECT COUNT(*) AS n FROM {link}) AS link,"
        f" (SELECT COUNT(*) AS n FROM {area}) AS area"
    )


@dataclass(frozen=True)
class Fingerprint:
    directory: tuple
    indicators: tuple
    knowledge: tuple


def fingerprint() -> Fingerprint:
    """The three parts of the sources' fingerprint: one query."""
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        row = tuple(str(v) for v in cursor.fetchone())
    # Max ids as well as counts: after a rollback (tests) or a delete-and-insert, counts and
    # sums can repeat while the ids differ, and a matrix of stale ids must not survive that.
    db = (connection.alias, str(connection.settings_dict.get("NAME")))
    return Fingerprint(
        directory=(*db, *row[0:5]), indicators=(*db, row[5], *row[6:9]), knowledge=(*db, *row[9:])
    )


def _round(text: str) -> str:
    try:
        return f"{float(text):.6f}"
    except ValueError:
        return text


def _recheck_seconds() -> float:
    """0 with debug on (development and tests see every change at once), else 2 s."""
    default = 0.0 if settings.DEBUG else DEFAULT_RECHECK_SECONDS
    return float(getattr(settings, "CITYPEERS_MATCHING_RECHECK_SECONDS", default))


def _current_fingerprint(force: bool = False) -> Fingerprint:
    now = time.monotonic()
    if force or _state["fingerprint"] is None or now - _state["checked_at"] >= _recheck_seconds():
        _state["fingerprint"] = fingerprint()
        _state["checked_at"] = now
    return _state["fingerprint"]


def _cached(name: str, key, build):
    built = _state[name]
    if built is None or built.fingerprint != key:
        with _lock:
            built = _state[name]
            if built is None or built.fingerprint != key:
                started = time.perf_counter()
                built = Built(key, build(), time.perf_counter() - started)
                _state[name] = built
    return built.value


def feature_matrix(*, force_check: bool = False) -> FeatureMatrix:
    """The standardised matrix of every city, rebuilt only when its sources changed."""
    fp = _current_fingerprint(force_check)
    facts = _cached("directory", fp.directory, read_directory_facts)
    grid = _cached("indicators", fp.indicators, read_indicator_grid)
    return _cached("features", (fp.directory, fp.indicators), lambda: build_matrix(facts, grid))


def current(*, force_check: bool = False) -> tuple[FeatureMatrix, "KnowledgeData"]:
    """Matrix and challenge index after one fingerprint check (what one request should use)."""
    matrix = feature_matrix(force_check=force_check)
    return matrix, _cached("challenges", _state["fingerprint"].knowledge, build_knowledge_from_db)


def challenge_index_checked() -> "KnowledgeData":
    """The challenge index for the fingerprint `feature_matrix()` just read (no second query)."""
    if _state["fingerprint"] is None:
        return challenge_index()
    return _cached("challenges", _state["fingerprint"].knowledge, build_knowledge_from_db)


def challenge_index(*, force_check: bool = False) -> "KnowledgeData":
    return _cached(
        "challenges", _current_fingerprint(force_check).knowledge, build_knowledge_from_db
    )


def forget() -> None:
    """Drop everything cached (tests; after a restore)."""
    with _lock:
        for name in CACHED:
            _state[name] = None
        _state.update(checked_at=0.0, fingerprint=None)


def build_seconds() -> dict[str, float | None]:
    return {name: (None if _state[name] is None else _state[name].seconds) for name in CACHED}


def build_matrix(facts: DirectoryFacts, grid: IndicatorGrid) -> FeatureMatrix:
    known_kinds = np.array(["" if k in UNKNOWN_KINDS else k for k in facts.kind], dtype=object)
    specs: list[FeatureSpec] = [POPULATION]
    values: dict[str, np.ndarray] = {
        "population": np.where(facts.population > 0, facts.population, np.nan)
    }
    # Align the grid's rows to the directory's (a city may have no indicator value at all).
    aligned = np.full((len(facts.ids), len(grid.indicators)), np.nan)
    aligned_years = np.full((len(facts.ids), len(grid.indicators)), np.nan)
    if len(grid.ids):
        pos = np.searchsorted(grid.ids, facts.ids).clip(max=len(grid.ids) - 1)
        found = grid.ids[pos] == facts.ids
        aligned[found] = grid.values[pos[found]]
        aligned_years[found] = grid.years[pos[found]]
    years = {POPULATION.code: facts.population_year}
    sources = {POPULATION.code: facts.population_source}
    for c, indicator in enumerate(grid.indicators):
        column = aligned[:, c]
        if np.isfinite(column).sum() < MIN_INDICATOR_VALUES or indicator.code == POPULATION.code:
            continue
        specs.append(
            FeatureSpec(
                code=indicator.code,
                label=indicator.label,
                theme=indicator.theme or "other",
                kind="numeric",
                transform="auto",
                unit=indicator.unit,
                default_weight=1.0,
                source=indicator.source,
            )
        )
        values[indicator.code] = column
        years[indicator.code] = aligned_years[:, c]
    specs = _balance_themes(specs)
    if len({k for k in known_kinds if k}) >= 2:
        specs.append(GOVERNMENT_TYPE)
        values[GOVERNMENT_TYPE.code] = known_kinds
    specs.append(LOCATION)
    values[LOCATION.code] = facts.latlon
    attrs = CityAttributes(
        state=facts.state, population=facts.population, kind=facts.kind, level=facts.level
    )
    return build_feature_matrix(facts.ids, specs, values, attrs=attrs, years=years, sources=sources)


def _balance_themes(specs: list[FeatureSpec]) -> list[FeatureSpec]:
    """Each theme weighs 1 by default, shared by its features (PCIT-style themes).

    Without this, five county-level demography rates would outvote population four to one.
    Features off by default (location) do not take a share.
    """
    counts: dict[str, int] = {}
    for spec in specs:
        if spec.default_weight > 0:
            counts[spec.theme] = counts.get(spec.theme, 0) + 1
    return [
        replace(s, default_weight=round(s.default_weight / counts[s.theme], 6))
        if s.default_weight > 0
        else s
        for s in specs
    ]


@dataclass(frozen=True)
class KnowledgeData:
    index: ChallengeIndex
    area_names: dict[str, str]
    area_ids: dict[str, int]
    needs: dict[int, dict[str, float]]  # city → top-level area → priority weight
    offers: dict[int, dict[str, list[tuple[int, float]]]]  # city → area → (solution, strength)
    solutions: dict[int, SolutionDoc]


def build_knowledge_from_db() -> KnowledgeData:
    areas = list(ChallengeArea.objects.values_list("id", "slug", "parent__slug", "name"))
    parent = {slug: parent_slug for _id, slug, parent_slug, _name in areas}
    statements = [
        StatementDoc(id=i, owner_id=j, area=a, priority=p, text=t)
        for i, j, a, p, t in ChallengeStatement.objects.filter(
            status=PublicationStatus.PUBLISHED
        ).values_list("id", "jurisdiction_id", "area__slug", "priority", "narrative")
    ]
    links: dict[int, set[str]] = {}
    link_rows = Solution.challenges.through.objects.filter(
        solution__status=PublicationStatus.PUBLISHED
    ).values_list("solution_id", "challengearea__slug")
    for solution_id, slug in link_rows:
        links.setdefault(solution_id, set()).add(slug)
    solutions = [
        SolutionDoc(
            id=i,
            owner_id=o,
            slug=s,
            title=t,
            areas=frozenset(links.get(i, ())),
            status=status,
            evidence_rank=EVIDENCE_RANK.get(ev, 1),
            text=f"{t}. {problem} {approach}",
        )
        for i, o, s, t, problem, approach, status, ev in Solution.objects.filter(
            status=PublicationStatus.PUBLISHED
        ).values_list(
            "id",
            "owner_id",
            "slug",
            "title",
            "problem",
            "approach",
            "solution_status",
            "evidence_level",
        )
    ]
    index = build_challenge_index(statements, solutions, parent)
    needs: dict[int, dict[str, float]] = {}
    for st in statements:
        area = needs.setdefault(st.owner_id, {})
        top = index.top(st.area)
        area[top] = max(area.get(top, 0.0), PRIORITY_WEIGHT.get(st.priority, 0.7))
    offers: dict[int, dict[str, list[tuple[int, float]]]] = {}
    for sol in solutions:
        strength = offer_strength(sol.status, sol.evidence_rank)
        for top in sorted({index.top(a) for a in sol.areas}):
            offers.setdefault(sol.owner_id, {}).setdefault(top, []).append((sol.id, strength))
    return KnowledgeData(
        index=index,
        area_names={slug: name for _id, slug, _p, name in areas},
        area_ids={slug: i for i, slug, _p, _n in areas},
        needs=needs,
        offers=offers,
        solutions={s.id: s for s in solutions},
    )


def coalition_member_ids(organisation_id: int) -> frozenset[int]:
    return frozenset(
        JurisdictionMembership.objects.filter(organisation_id=organisation_id).values_list(
            "jurisdiction_id", flat=True
        )
    )


def data_version() -> str:
    """What context peers depend on (directory facts and indicators), for callers that cache
    pages showing peers. Costs at most the fingerprint query, on the recheck timer."""
    fp = _current_fingerprint()
    return hashlib.sha1(repr((fp.directory, fp.indicators)).encode()).hexdigest()[:16]
