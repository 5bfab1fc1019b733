"""The replication report of a coalition or a partnership: what spread, where it stalled and
why, which barriers came up, and what it cost per unit of outcome where both are recorded.

Reads only the records the viewer may see (`replications_visible_to`), in 5 queries whatever
the number of records (who may see what, the records, then their costs, outcomes and
barriers).
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from citypeers.coalitions.enums import ReplicationStage
from citypeers.coalitions.models import Replication, ReplicationBarrier
from citypeers.coalitions.selectors import replications_visible_to

STALLED = (ReplicationStage.PAUSED, ReplicationStage.DROPPED)


@dataclass
class Spread:
    """One origin solution and the cities replicating it, by stage."""

    solution: object
    stages: Counter = field(default_factory=Counter)
    states: set[str] = field(default_factory=set)

    @property
    def adopters(self) -> int:
        return sum(self.stages.values())

    @property
    def by_stage(self) -> list[tuple[str, int]]:
        return [(s.label, self.stages[s.value]) for s in ReplicationStage if self.stages[s.value]]


@dataclass(frozen=True)
class CostPerOutcome:
    replication: Replication
    metric: str
    change: float  # value minus baseline, in the outcome's unit
    unit: str
    cost: Decimal
    currency: str

    @property
    def per_unit(self) -> Decimal:
        return (self.cost / Decimal(str(abs(self.change)))).quantize(Decimal("0.01"))


@dataclass
class ReplicationReport:
    total: int
    spread: list[Spread]
    stalled: list[Replication]
    barriers: list[tuple[str, int]]
    cost_per_outcome: list[CostPerOutcome]
    stage_counts: list[tuple[str, int]]
    # Year → records whose loop closed that year (see `closed_in`).
    loops_closed: list[tuple[int, int]] = field(default_factory=list)


def closed_in(record: Replication) -> int | None:
    """The year a record closed the loop: it was prompted by a workshop or one of its insights
    (a cohort that worked on the challenge) and has an outcome measured, in the year of its
    first measurement. None while either is missing."""
    if record.prompted_by_insight_id is None and record.prompted_by_workshop_id is None:
        return None
    years = [o.measured_on.year for o in record.outcomes.all() if o.measured_on is not None]
    return min(years) if years else None


def _records(user, ids: set[int] | QuerySet) -> list[Replication]:
    return list(
        replications_visible_to(user)
        .filter(Q(adopter_id__in=ids) | Q(solution__owner_id__in=ids))
        .select_related("solution", "solution__owner", "adopter")
        .prefetch_related(
            "costs",
            "outcomes",
            Prefetch("barriers", queryset=ReplicationBarrier.objects.select_related("kind")),
        )
        .order_by("solution__title", "adopter__name", "pk")
    )


def _cost_per_outcome(record: Replication) -> list[CostPerOutcome]:
    """Where a record has costs in one currency and outcomes measured against a baseline."""
    currencies = {c.currency for c in record.costs.all()}
    if len(currencies) != 1:
        return []
    cost = sum((c.amount for c in record.costs.all()), Decimal(0))
    currency = next(iter(currencies))
    rows = []
    for outcome in record.outcomes.all():
        if outcome.baseline is None or outcome.value == outcome.baseline or not cost:
            continue
        rows.append(
            CostPerOutcome(
                replication=record,
                metric=outcome.metric,
                change=outcome.value - outcome.baseline,
                unit=outcome.unit,
                cost=cost,
                currency=currency,
            )
        )
    return rows


def replication_report(user, ids: set[int] | QuerySet) -> ReplicationReport:
    """The report over records whose adopting or origin city is one of `ids`."""
    records = _records(user, ids)
    spread: dict[int, Spread] = {}
    barriers: Counter = Counter()
    costs: list[CostPerOutcome] = []
    stages: Counter = Counter()
    loops: Counter = Counter()
    for record in records:
        if (year := closed_in(record)) is not None:
            loops[year] += 1
        row = spread.setdefault(record.solution_id, Spread(solution=record.solution))
        row.stages[record.stage] += 1
        row.states.add(record.adopter.state)
        stages[record.stage] += 1
        barriers.update({b.kind.name for b in record.barriers.all()})
        costs += _cost_per_outcome(record)
    return ReplicationReport(
        total=len(records),
        spread=sorted(spread.values(), key=lambda s: (-s.adopters, str(s.solution))),
        stalled=[r for r in records if r.stage in STALLED],
        barriers=sorted(barriers.items(), key=lambda item: (-item[1], item[0])),
        cost_per_outcome=costs,
        stage_counts=[(s.label, stages[s.value]) for s in ReplicationStage if stages[s.value]],
        loops_closed=sorted(loops.items(), reverse=True),
    )
