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
    for record in records:
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
    )
