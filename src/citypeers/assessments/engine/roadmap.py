"""Turn a score into an ordered improvement plan. Pure.

Order: a criterion never comes before one of its unmet prerequisites; among the criteria that
are free to start, those that unlock others come first, then lower effort, then the ones more
peers already meet (they are proven and someone can explain them), then framework order.
"""

import heapq
from dataclasses import dataclass, replace

from citypeers.assessments.engine.scoring import ScoreResult
from citypeers.assessments.engine.spec import BLOCKS_POINTS, FrameworkVersionSpec

HORIZONS = (3, 6, 12)  # months: "next quarter", "next half-year", "within a year"
EFFORT_HORIZON = {"low": 3, "medium": 6, "high": 12}


@dataclass(frozen=True)
class RoadmapStep:
    position: int
    key: str
    title: str
    area: str
    effort: str
    peers_meeting: int
    unlocks: tuple[str, ...]  # criteria (unmet, or met but blocked) waiting for this one
    waits_for: tuple[str, ...]  # unmet prerequisites that come earlier in the plan
    blocks_points: bool  # an unmet prerequisite would cancel this criterion's points
    horizon_months: int

    @property
    def reasons(self) -> list[str]:
        parts = []
        if self.unlocks:
            parts.append(f"prerequisite of {', '.join(self.unlocks)}")
        if self.waits_for:
            kind = "needs" if self.blocks_points else "best after"
            parts.append(f"{kind} {', '.join(self.waits_for)}")
        parts.append(f"{self.effort} effort")
        if self.peers_meeting:
            noun = "peer city meets" if self.peers_meeting == 1 else "peer cities meet"
            parts.append(f"{self.peers_meeting} {noun} it")
        return parts


def build_roadmap(
    spec: FrameworkVersionSpec, result: ScoreResult, peers_meeting: dict[str, int]
) -> list[RoadmapStep]:
    criteria = spec.criteria
    order = {c.key: index for index, c in enumerate(criteria)}
    unmet = {c.key for c in criteria if not result.criteria[c.key].met}
    # Blocked criteria are met but waiting: their prerequisite "unlocks" them too.
    waiting = unmet | {k for k, s in result.criteria.items() if s.blocked_by}
    dependants: dict[str, list[str]] = {key: [] for key in order}
    for criterion in criteria:
        for prerequisite in criterion.prerequisites:
            dependants[prerequisite.criterion].append(criterion.key)
    by_key = spec.criteria_by_key
    pending = {
        key: {p.criterion for p in by_key[key].prerequisites if p.criterion in unmet}
        for key in unmet
    }

    def priority(key: str) -> tuple[int, int, int, int]:
        unlocks = any(d in waiting for d in dependants[key])
        return (
            0 if unlocks else 1,
            by_key[key].effort_rank,
            -peers_meeting.get(key, 0),
            order[key],
        )

    ready = [(priority(k), k) for k, needs in pending.items() if not needs]
    heapq.heapify(ready)
    steps: list[RoadmapStep] = []
    horizon: dict[str, int] = {}
    while ready:
        _, key = heapq.heappop(ready)
        criterion = by_key[key]
        before = [p.criterion for p in criterion.prerequisites if p.criterion in unmet]
        months = EFFORT_HORIZON[criterion.effort]
        for earlier in before:
            months = max(months, _next_horizon(horizon[earlier]))
        horizon[key] = months
        steps.append(
            RoadmapStep(
                position=len(steps) + 1,
                key=key,
                title=criterion.title,
                area=criterion.area,
                effort=criterion.effort,
                peers_meeting=peers_meeting.get(key, 0),
                unlocks=tuple(d for d in dependants[key] if d in waiting),
                waits_for=tuple(before),
                blocks_points=any(
                    p.effect == BLOCKS_POINTS
                    for p in criterion.prerequisites
                    if p.criterion in unmet
                ),
                horizon_months=months,
            )
        )
        for dependant in dependants[key]:
            if dependant in pending and key in pending[dependant]:
                pending[dependant].discard(key)
                if not pending[dependant]:
                    heapq.heappush(ready, (priority(dependant), dependant))
    # Present the plan by horizon. A dependant's horizon is always later than its
    # prerequisite's, so this keeps prerequisites first.
    steps.sort(key=lambda s: (s.horizon_months, s.position))
    return [replace(step, position=index) for index, step in enumerate(steps, start=1)]


def _next_horizon(months: int) -> int:
    later = [h for h in HORIZONS if h > months]
    return later[0] if later else HORIZONS[-1]
