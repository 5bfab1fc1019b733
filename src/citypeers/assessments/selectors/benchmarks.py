"""Peer results, benchmarks, roadmaps and progress.

Only results that cities chose to share (with peers or the public) and that were submitted
feed anything here, and every aggregate needs at least `MIN_GROUP` other cities.
"""

from dataclasses import dataclass, field

from citypeers.accounts.permissions import is_network_member
from citypeers.assessments.answers import answers_by_key
from citypeers.assessments.engine.roadmap import RoadmapStep, build_roadmap
from citypeers.assessments.engine.scoring import ScoreResult, score
from citypeers.assessments.engine.stats import MIN_GROUP, area_medians, median, percentile_rank
from citypeers.assessments.enums import FINISHED_STATUSES, ResultKind, ResultSharing
from citypeers.assessments.models import Assessment, Criterion, Result
from citypeers.assessments.selectors.assessments import resources_for_criteria
from citypeers.directory.enums import POPULATION_BAND_BOUNDS, PopulationBand
from citypeers.directory.models import Jurisdiction

try:  # the matching app provides explainable peers; until it does, use a simple fallback
    from citypeers.matching.selectors import peer_ids_for as _matched_peer_ids
except ImportError:
    _matched_peer_ids = None  # type: ignore[assignment]  # checked for None before use

__all__ = [
    "PeerResult",
    "benchmarks_for",
    "chart_comparison",
    "headline_result",
    "level_distribution",
    "matched_peer_ids",
    "peer_group_label",
    "progress_for",
    "roadmap_for",
    "shared_results",
]


@dataclass
class PeerResult:
    jurisdiction_id: int
    name: str
    slug: str
    state: str
    population: int | None
    cycle: int
    kind: str
    percent: float
    level: str
    areas: dict[str, float] = field(default_factory=dict)
    met: frozenset[str] = frozenset()
    sharing: str = ResultSharing.PEERS
    is_demo: bool = False  # an invented demo result: say so wherever the city is named

    @property
    def band(self) -> str | None:
        for band, (low, high) in POPULATION_BAND_BOUNDS.items():
            if (
                self.population is not None
                and self.population >= low
                and (high is None or self.population < high)
            ):
                return band
        return None


def matched_peer_ids(jurisdiction: Jurisdiction, *, k: int = 10) -> tuple[list[int], str]:
    """(peer ids, how they were found). Falls back to same state and population band.

    Remembered on the jurisdiction object, so one request asks the matching engine once.
    """
    cached = getattr(jurisdiction, "_assessment_peer_ids", None)
    if cached is not None and cached[0] == k:
        return cached[1]
    found = _find_peer_ids(jurisdiction, k)
    jurisdiction._assessment_peer_ids = (k, found)  # type: ignore[attr-defined]  # per-request memo
    return found


def _find_peer_ids(jurisdiction: Jurisdiction, k: int) -> tuple[list[int], str]:
    if _matched_peer_ids is not None:
        try:
            ids = list(_matched_peer_ids(jurisdiction, k=k))
        except (AttributeError, LookupError, ValueError):
            ids = []
        if ids:
            return ids, "matched peers"
    band = jurisdiction.population_band
    if band is None:
        return [], "matched peers"
    low, high = POPULATION_BAND_BOUNDS[band]
    qs = Jurisdiction.objects.filter(state=jurisdiction.state, population__gte=low)
    if high is not None:
        qs = qs.filter(population__lt=high)
    rows = qs.exclude(pk=jurisdiction.pk).values_list("pk", "population")
    # Closest in size first, so the k kept are the most alike.
    ordered = sorted(rows, key=lambda row: abs((row[1] or 0) - (jurisdiction.population or 0)))
    return [pk for pk, _ in ordered[:k]], "similar cities (same state and size band)"


def shared_results(version, *, viewer=None, exclude_id: int | None = None) -> list[PeerResult]:
    """Each sharing city's latest finished result for this version (validated preferred).

    Names behind "peers"-only sharing are returned to network members only; callers that show
    aggregates pass `viewer=None` and never display names.
    """
    sharing = [ResultSharing.PEERS, ResultSharing.PUBLIC]
    rows = (
        Result.objects.filter(
            assessment__version=version,
            assessment__status__in=FINISHED_STATUSES,
            assessment__sharing__in=sharing,
        )
        .select_related("assessment__jurisdiction")
        .order_by("assessment__jurisdiction_id", "-assessment__cycle")
    )
    latest: dict[int, PeerResult] = {}
    for row in rows:
        jurisdiction = row.assessment.jurisdiction
        current = latest.get(jurisdiction.pk)
        candidate_better = current is None or (
            row.assessment.cycle > current.cycle
            or (row.assessment.cycle == current.cycle and row.kind == ResultKind.VALIDATED)
        )
        if not candidate_better:
            continue
        latest[jurisdiction.pk] = PeerResult(
            jurisdiction_id=jurisdiction.pk,
            name=str(jurisdiction),
            slug=jurisdiction.slug,
            state=jurisdiction.state,
            population=jurisdiction.population,
            cycle=row.assessment.cycle,
            kind=row.kind,
            percent=float(row.percent),
            level=row.level_title,
            areas={a["key"]: a["percent"] for a in row.data.get("areas", [])},
            met=frozenset(row.data.get("met", [])),
            sharing=row.assessment.sharing,
            is_demo=row.assessment.is_demo,
        )
    if exclude_id is not None:
        latest.pop(exclude_id, None)
    results = list(latest.values())
    if viewer is not None and not is_network_member(viewer):
        results = [r for r in results if r.sharing == ResultSharing.PUBLIC]
    return results


def headline_result(assessment: Assessment) -> tuple[ScoreResult, str]:
    """The figure to compare: validated if there is one, else the self-assessment."""
    responses = list(assessment.responses.select_related("criterion"))
    spec = assessment.version.spec
    if assessment.validated_at is not None:
        return score(spec, answers_by_key(responses, validated=True)), ResultKind.VALIDATED
    return score(spec, answers_by_key(responses)), ResultKind.SELF


def peer_group_label(key: str, jurisdiction: Jurisdiction) -> str:
    if key == "band":
        band = jurisdiction.population_band
        return f"Cities of {PopulationBand(band).label.lower()}" if band else "Same size band"
    if key == "state":
        return f"Cities in {jurisdiction.state}"
    return "Matched peers"


def _groups(assessment: Assessment, pool: list[PeerResult]) -> list[tuple[str, str, list]]:
    jurisdiction = assessment.jurisdiction
    peer_ids, how = matched_peer_ids(jurisdiction)
    peer_set = set(peer_ids)
    band = jurisdiction.population_band
    return [
        ("peers", how.capitalize(), [r for r in pool if r.jurisdiction_id in peer_set]),
        (
            "band",
            peer_group_label("band", jurisdiction),
            [r for r in pool if band is not None and r.band == band],
        ),
        (
            "state",
            peer_group_label("state", jurisdiction),
            [r for r in pool if r.state == jurisdiction.state],
        ),
    ]


def benchmarks_for(assessment: Assessment, result: ScoreResult) -> list[dict]:
    """Percentile and median per peer group; hidden (with the reason) below the minimum."""
    pool = shared_results(assessment.version, exclude_id=assessment.jurisdiction_id)
    own = round(float(result.percent), 1)
    groups = []
    for key, label, members in _groups(assessment, pool):
        values = [r.percent for r in members]
        shown = len(values) >= MIN_GROUP
        groups.append(
            {
                "key": key,
                "label": label,
                "size": len(values) if shown else None,
                "percentile": percentile_rank(own, values) if shown else None,
                "median": median(values) if shown else None,
                # How many of the group's results are invented demo content (said beside it).
                "demo_count": sum(r.is_demo for r in members) if shown else None,
                "hidden_reason": ""
                if shown
                else (
                    f"Hidden: fewer than {MIN_GROUP} cities in this group share their results, "
                    "so no figure could be traced back to one city."
                ),
            }
        )
    return groups


def chart_comparison(assessment: Assessment) -> dict:
    """Area medians from the first peer group with enough sharing cities, or why none."""
    pool = shared_results(assessment.version, exclude_id=assessment.jurisdiction_id)
    keys = [a.key for a in assessment.version.spec.areas]
    for _, label, members in _groups(assessment, pool):
        medians = area_medians([m.areas for m in members], keys)
        if medians is not None:
            return {
                "label": label,
                "size": len(members),
                "medians": medians,
                "reason": "",
                "demo_count": sum(m.is_demo for m in members),
            }
    return {
        "label": "",
        "size": 0,
        "medians": None,
        "demo_count": 0,
        "reason": (
            f"The peer median is hidden: fewer than {MIN_GROUP} comparable cities (matched "
            "peers, same size band or same state) share their results for this framework "
            "version."
        ),
    }


def roadmap_for(assessment: Assessment, result: ScoreResult, *, viewer) -> list[dict]:
    """Roadmap steps with resources and the sharing peers that already meet each step."""
    peers = shared_results(assessment.version, viewer=viewer, exclude_id=assessment.jurisdiction_id)
    matched, _ = matched_peer_ids(assessment.jurisdiction)
    rank = {pk: index for index, pk in enumerate(matched)}
    meeting: dict[str, list[PeerResult]] = {}
    for peer in peers:
        for key in peer.met:
            meeting.setdefault(key, []).append(peer)
    steps: list[RoadmapStep] = build_roadmap(
        assessment.version.spec, result, {k: len(v) for k, v in meeting.items()}
    )
    criteria = {
        c.key: c
        for c in Criterion.objects.filter(version=assessment.version).select_related("area")
    }
    resources = resources_for_criteria(c.pk for c in criteria.values())
    plan = []
    for step in steps:
        row = criteria[step.key]
        who = sorted(
            meeting.get(step.key, []),
            key=lambda p: (rank.get(p.jurisdiction_id, len(rank)), -p.percent, p.name),
        )
        plan.append(
            {
                "step": step,
                "criterion": row,
                "spec": assessment.version.spec.criteria_by_key[step.key],
                "resources": resources.get(row.pk, []),
                "peers": who[:5],
                "peer_count": len(who),
            }
        )
    return plan


def progress_for(jurisdiction: Jurisdiction, framework_slug: str) -> list[dict]:
    """A city's finished results across cycles for one framework (one query)."""
    rows = (
        Result.objects.filter(
            assessment__jurisdiction=jurisdiction,
            assessment__version__framework__slug=framework_slug,
            assessment__status__in=FINISHED_STATUSES,
        )
        .select_related("assessment__version")
        .order_by("assessment__cycle", "kind")
    )
    by_cycle: dict[int, dict] = {}
    for row in rows:
        entry = by_cycle.setdefault(
            row.assessment.cycle,
            {
                "cycle": row.assessment.cycle,
                "version": row.assessment.version.version,
                "assessment_id": row.assessment_id,
                "is_demo": row.assessment.is_demo,
                "self": None,
                "validated": None,
                "level": "",
            },
        )
        entry[row.kind] = float(row.percent)
        if row.kind == ResultKind.VALIDATED or not entry["level"]:
            entry["level"] = row.level_title
    return list(by_cycle.values())


def level_distribution(version) -> dict:
    """How many cities reach each level (latest finished assessment per city, any sharing).

    For organisers, who may see every assessment anyway.
    """
    rows = (
        Result.objects.filter(assessment__version=version, assessment__status__in=FINISHED_STATUSES)
        .values_list("assessment__jurisdiction_id", "assessment__cycle", "kind", "level_title")
        .order_by("assessment__jurisdiction_id", "assessment__cycle", "kind")
    )
    latest: dict[int, tuple[int, str, str]] = {}
    for jurisdiction_id, cycle, kind, level in rows:
        current = latest.get(jurisdiction_id)
        if (
            current is None
            or cycle > current[0]
            or (cycle == current[0] and kind == ResultKind.VALIDATED)
        ):
            latest[jurisdiction_id] = (cycle, kind, level)
    tiers = [t.title for t in version.spec.levels.tiers]
    counts = {title: 0 for title in ["No level yet", *tiers]}
    validated = 0
    for _, kind, level in latest.values():
        counts[level or "No level yet"] = counts.get(level or "No level yet", 0) + 1
        validated += kind == ResultKind.VALIDATED
    return {"counts": counts, "cities": len(latest), "validated": validated}
