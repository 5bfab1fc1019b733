"""The feature matrix and the challenge index, built once per worker and kept fresh.

Each worker process keeps one `FeatureMatrix` and one `ChallengeIndex` in module globals. Before
use, at most every `CITYPEERS_MATCHING_RECHECK_SECONDS` (default 2 s), one SQL query reads a
cheap fingerprint of the source tables:

- directory: row count, max `updated_at`, sums of population, latitude, longitude and of the
  length of `kind` (one scan of ~25k rows: catches importers that `bulk_update` without
  touching `updated_at`);
- indicators: count and max `updated_at`; indicator values: max id (inserts);
- the `FeatureDataVersion` row (bumped on in-place edits and deletes, see `signals.py`, and by
  `services.mark_features_stale()` after bulk writes);
- knowledge: counts and max `updated_at` of statements and solutions, count of solution–area
  links and of challenge areas.

When the directory/indicator part changes the matrix is rebuilt (≈1–3 s at 25k × 40); when the
knowledge part changes only the challenge index is rebuilt (milliseconds). A request never
rebuilds when nothing changed.
"""

import threading
import time
from dataclasses import dataclass

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
from citypeers.matching.models import FeatureDataVersion

DEFAULT_RECHECK_SECONDS = 2.0
# An indicator enters the matrix once this many cities have a value for it.
MIN_INDICATOR_VALUES = 3
UNKNOWN_KINDS = {GovernmentType.PLACE, ""}

POPULATION = FeatureSpec(
    code="population", label="Population", theme="size", kind="numeric", transform="log",
    unit="people", default_weight=1.0, source="Directory (GeoNames or Census estimates)",
)
GOVERNMENT_TYPE = FeatureSpec(
    code="government_type", label="Government type", theme="governance", kind="category",
    default_weight=0.5, source="Census import",
)
LOCATION = FeatureSpec(
    code="location", label="Location", theme="place", kind="location", default_weight=0.0,
    unit="km", source="Directory coordinates",
)


@dataclass(frozen=True)
class Built:
    fingerprint: tuple
    value: object
    seconds: float


_lock = threading.Lock()
_state: dict = {"features": None, "challenges": None, "checked_at": 0.0, "fingerprint": None}


def _fingerprint_sql() -> str:
    j = Jurisdiction._meta.db_table
    ind = Indicator._meta.db_table
    iv = IndicatorValue._meta.db_table
    ver = FeatureDataVersion._meta.db_table
    st = ChallengeStatement._meta.db_table
    so = Solution._meta.db_table
    link = Solution.challenges.through._meta.db_table
    area = ChallengeArea._meta.db_table
    return (
        f"SELECT (SELECT COUNT(*) FROM {j}), (SELECT MAX(updated_at) FROM {j}),"
        f" (SELECT SUM(population) FROM {j}), (SELECT SUM(latitude) FROM {j}),"
        f" (SELECT SUM(longitude) FROM {j}), (SELECT SUM(LENGTH(kind)) FROM {j}),"
        f" (SELECT COUNT(*) FROM {ind}), (SELECT MAX(updated_at) FROM {ind}),"
        f" (SELECT MAX(id) FROM {iv}), (SELECT MAX(version) FROM {ver}),"
        f" (SELECT COUNT(*) FROM {st}), (SELECT MAX(updated_at) FROM {st}),"
        f" (SELECT COUNT(*) FROM {so}), (SELECT MAX(updated_at) FROM {so}),"
        f" (SELECT COUNT(*) FROM {link}), (SELECT COUNT(*) FROM {area}),"
        f" (SELECT MAX(version) FROM {ver})"
    )


def fingerprint() -> tuple[tuple, tuple]:
    """(features part, knowledge part): one query."""
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        row = tuple(str(v) for v in cursor.fetchone())
    # Sums of floats can differ in the last digit between runs of the same data: round them.
    features = (*row[:3], _round(row[3]), _round(row[4]), *row[5:10])
    return features, row[10:]


def _round(text: str) -> str:
    try:
        return f"{float(text):.6f}"
    except ValueError:
        return text


def _recheck_seconds() -> float:
    return float(getattr(settings, "CITYPEERS_MATCHING_RECHECK_SECONDS", DEFAULT_RECHECK_SECONDS))


def _current_fingerprint(force: bool = False) -> tuple[tuple, tuple]:
    now = time.monotonic()
    if force or _state["fingerprint"] is None or now - _state["checked_at"] >= _recheck_seconds():
        _state["fingerprint"] = fingerprint()
        _state["checked_at"] = now
    return _state["fingerprint"]


def feature_matrix(*, force_check: bool = False) -> FeatureMatrix:
    key, _ = _current_fingerprint(force_check)
    built = _state["features"]
    if built is None or built.fingerprint != key:
        with _lock:
            built = _state["features"]
            if built is None or built.fingerprint != key:
                started = time.perf_counter()
                built = Built(key, build_matrix_from_db(), time.perf_counter() - started)
                _state["features"] = built
    return built.value


def challenge_index(*, force_check: bool = False) -> "KnowledgeData":
    _, key = _current_fingerprint(force_check)
    built = _state["challenges"]
    if built is None or built.fingerprint != key:
        with _lock:
            built = _state["challenges"]
            if built is None or built.fingerprint != key:
                started = time.perf_counter()
                built = Built(key, build_knowledge_from_db(), time.perf_counter() - started)
                _state["challenges"] = built
    return built.value


def forget() -> None:
    """Drop the cached matrix and index (tests; after a restore)."""
    with _lock:
        _state.update(features=None, challenges=None, checked_at=0.0, fingerprint=None)


def build_seconds() -> dict[str, float | None]:
    return {
        name: (None if _state[name] is None else _state[name].seconds)
        for name in ("features", "challenges")
    }


def build_matrix_from_db() -> FeatureMatrix:
    rows = list(
        Jurisdiction.objects.order_by("id").values_list(
            "id", "state", "population", "latitude", "longitude", "kind"
        )
    )
    n = len(rows)
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=n)
    population = np.array([np.nan if r[2] is None else r[2] for r in rows], dtype=np.float64)
    latlon = np.array(
        [(np.nan, np.nan) if r[3] is None or r[4] is None else (r[3], r[4]) for r in rows],
        dtype=np.float64,
    ).reshape(n, 2)
    kinds = np.array([r[5] or "" for r in rows], dtype=object)
    known_kinds = np.array(["" if k in UNKNOWN_KINDS else k for k in kinds], dtype=object)
    specs: list[FeatureSpec] = [POPULATION]
    values: dict[str, np.ndarray] = {"population": np.where(population > 0, population, np.nan)}
    specs_ind, values_ind = _indicator_features(ids)
    specs += specs_ind
    values.update(values_ind)
    if len({k for k in known_kinds if k}) >= 2:
        specs.append(GOVERNMENT_TYPE)
        values[GOVERNMENT_TYPE.code] = known_kinds
    specs.append(LOCATION)
    values[LOCATION.code] = latlon
    attrs = CityAttributes(
        state=np.array([r[1] for r in rows], dtype=object), population=population, kind=kinds
    )
    return build_feature_matrix(ids, specs, values, attrs=attrs)


def _indicator_features(ids: np.ndarray) -> tuple[list[FeatureSpec], dict[str, np.ndarray]]:
    indicators = list(Indicator.objects.order_by("theme", "code"))
    if not indicators:
        return [], {}
    row_of = {int(i): r for r, i in enumerate(ids)}
    column_of = {ind.pk: c for c, ind in enumerate(indicators)}
    grid = np.full((len(ids), len(indicators)), np.nan)
    # Oldest first, so the latest year wins for each (city, indicator).
    values = IndicatorValue.objects.order_by("year").values_list(
        "jurisdiction_id", "indicator_id", "value"
    )
    for jurisdiction_id, indicator_id, value in values.iterator(chunk_size=20_000):
        row = row_of.get(jurisdiction_id)
        if row is not None:
            grid[row, column_of[indicator_id]] = value
    specs, columns = [], {}
    for ind, c in column_of.items():
        indicator = indicators[c]
        if np.isfinite(grid[:, c]).sum() < MIN_INDICATOR_VALUES or indicator.code == "population":
            continue
        specs.append(
            FeatureSpec(
                code=indicator.code, label=indicator.label, theme=indicator.theme or "other",
                kind="numeric", transform="auto", unit=indicator.unit,
                default_weight=1.0, source=indicator.source,
            )
        )
        columns[indicator.code] = grid[:, c]
    return specs, columns


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
            id=i, owner_id=o, slug=s, title=t, areas=frozenset(links.get(i, ())),
            status=status, evidence_rank=EVIDENCE_RANK.get(ev, 1),
            text=f"{t}. {problem} {approach}",
        )
        for i, o, s, t, problem, approach, status, ev in Solution.objects.filter(
            status=PublicationStatus.PUBLISHED
        ).values_list(
            "id", "owner_id", "slug", "title", "problem", "approach", "solution_status",
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
