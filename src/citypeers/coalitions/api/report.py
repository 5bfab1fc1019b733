"""The replication report as data: the same figures as the report pages, over the records the
caller may see."""

from ninja import Router, Schema

from citypeers.coalitions.selectors import regions
from citypeers.coalitions.selectors.report import replication_report
from citypeers.core.api.auth import current_user

router = Router()


class SpreadOut(Schema):
    solution: str
    solution_url: str
    origin: str
    adopting_cities: int
    states: int
    stages: dict[str, int]


class StalledOut(Schema):
    replication_id: int
    adopter: str
    solution: str
    stage: str
    since: str
    reason: str


class CostPerOutcomeOut(Schema):
    replication_id: int
    metric: str
    change: float
    unit: str
    cost: float
    currency: str
    cost_per_unit: float


class ReportOut(Schema):
    records: int
    stages: dict[str, int]
    loops_closed: dict[int, int]
    spread: list[SpreadOut]
    stalled: list[StalledOut]
    barriers: dict[str, int]
    cost_per_outcome: list[CostPerOutcomeOut]


def _report_out(request, ids) -> dict:
    report = replication_report(current_user(request), ids)
    return {
        "records": report.total,
        "stages": dict(report.stage_counts),
        "loops_closed": dict(report.loops_closed),
        "spread": [
            {
                "solution": row.solution.title,
                "solution_url": row.solution.get_absolute_url(),
                "origin": f"{row.solution.owner.name}, {row.solution.owner.state}",
                "adopting_cities": row.adopters,
                "states": len(row.states),
                "stages": dict(row.by_stage),
            }
            for row in report.spread
        ],
        "stalled": [
            {
                "replication_id": r.pk,
                "adopter": f"{r.adopter.name}, {r.adopter.state}",
                "solution": r.solution.title,
                "stage": r.stage,
                "since": r.stage_changed_on.isoformat(),
                "reason": r.stage_reason,
            }
            for r in report.stalled
        ],
        "barriers": dict(report.barriers),
        "cost_per_outcome": [
            {
                "replication_id": c.replication.pk,
                "metric": c.metric,
                "change": c.change,
                "unit": c.unit,
                "cost": float(c.cost),
                "currency": c.currency,
                "cost_per_unit": float(c.per_unit),
            }
            for c in report.cost_per_outcome
        ],
    }


@router.get(
    "/coalitions/{slug}/replication-report",
    response=ReportOut,
    url_name="coalition_replication_report",
)
def coalition_report(request, slug: str):
    """What spread among the coalition's member governments, where it stalled and why, the
    barriers met, the loops closed per year and the cost per unit of outcome where known."""
    coalition = regions.coalition_by_slug(slug)
    return _report_out(request, regions.members_of([coalition.pk]))


@router.get(
    "/partnerships/{slug}/replication-report",
    response=ReportOut,
    url_name="partnership_replication_report",
)
def partnership_report(request, slug: str):
    """The replication report over every coalition of the partnership."""
    partnership = regions.partnership_by_slug(slug)
    return _report_out(request, regions.members_of([c.pk for c in partnership.coalitions.all()]))
