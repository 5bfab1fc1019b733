"""Reads for the replication ledger that depend on who is asking.

Public records are visible to everyone; network members see every record; a city's own members
see its records even before it joins the network. Lookups 404 alike for missing and not yours.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from citypeers.accounts.permissions import (
    is_network_member,
    is_site_admin,
    jurisdiction_ids_with_role,
)
from citypeers.coalitions.enums import ReplicationStage, ReplicationVisibility
from citypeers.coalitions.models import (
    BarrierKind,
    Replication,
    ReplicationBarrier,
    ReplicationQuestion,
    StageChange,
)
from citypeers.coalitions.permissions import (
    can_answer_about_replication,
    can_ask_about_replication,
    can_edit_replication,
)
from citypeers.knowledge.selectors import editable_jurisdictions, solutions_visible_to


def replications_visible_to(user) -> QuerySet[Replication]:
    """Records this user may read, over solutions this user may read."""
    queryset = Replication.objects.filter(solution__in=solutions_visible_to(user).values("pk"))
    if is_site_admin(user) or is_network_member(user):
        return queryset
    public = Q(visibility=ReplicationVisibility.PUBLIC)
    own = jurisdiction_ids_with_role(user)
    return queryset.filter(public | Q(adopter_id__in=own)) if own else queryset.filter(public)


def replication_for_user(user, pk: int, *, for_edit: bool = False) -> Replication:
    """One record with everything its page shows; the same 404 for missing and not yours
    (and, with `for_edit`, for a record this user may read but not change)."""
    replication = (
        replications_visible_to(user)
        .select_related(
            "solution",
            "solution__owner",
            "adopter",
            "prompted_by_insight",
            "prompted_by_workshop",
        )
        .prefetch_related(
            "partners",
            "solution__outcomes",
            Prefetch("barriers", queryset=ReplicationBarrier.objects.select_related("kind")),
            "costs",
            "outcomes",
            Prefetch("stage_changes", queryset=StageChange.objects.select_related("actor")),
            "questions__asked_by",
            "questions__answered_by",
        )
        .filter(pk=pk)
        .first()
    )
    if replication is None or (for_edit and not can_edit_replication(user, replication)):
        raise Http404("No such replication.")
    return replication


def replication_for_asking(user, pk: int) -> Replication:
    """A record this user may ask a question about; the same 404 as a missing one otherwise."""
    replication = replication_for_user(user, pk)
    if not can_ask_about_replication(user, replication):
        raise Http404("No such replication.")
    return replication


def question_for_answering(user, pk: int) -> ReplicationQuestion:
    """A question this user may answer (the origin city's editors); else the missing 404."""
    replication_id = (
        ReplicationQuestion.objects.filter(pk=pk).values_list("replication_id", flat=True).first()
    )
    if replication_id is None:
        raise Http404("No such question.")
    try:
        replication = replication_for_user(user, replication_id)
    except Http404:
        raise Http404("No such question.") from None
    if not can_answer_about_replication(user, replication):
        raise Http404("No such question.")
    return next(q for q in replication.questions.all() if q.pk == pk)


def adopters_for_user(user, solution) -> list:
    """The cities this user may record a replication of `solution` for (403 when none)."""
    cities = [c for c in editable_jurisdictions(user) if c.pk != solution.owner_id]
    if not cities:
        raise PermissionDenied("Only editors of another city can record a replication.")
    return cities


def barrier_kinds() -> list[BarrierKind]:
    return list(BarrierKind.objects.all())


def origin_metrics(solution) -> dict[str, str]:
    """The origin solution's outcome metrics: name → unit (what a replication measures)."""
    return {o.name: o.unit for o in solution.outcomes.all()}


# --- lineage: where a solution has been replicated ------------------------------------------


@dataclass
class Lineage:
    replications: list[Replication]
    stage_counts: list[tuple[str, str, int]]
    top_barriers: list[tuple[str, int]]
    outcome_rows: list[dict] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.replications)


def lineage_of(user, solution) -> Lineage:
    """Replications of `solution` this user may see, with stage counts, the barriers most
    often met and outcomes beside the origin's (3 queries)."""
    replications = list(
        replications_visible_to(user)
        .filter(solution=solution)
        .select_related("adopter")
        .prefetch_related(
            Prefetch("barriers", queryset=ReplicationBarrier.objects.select_related("kind")),
            "outcomes",
        )
        .order_by("adopter__name")
    )
    stages = Counter(r.stage for r in replications)
    stage_counts = [
        (value, label, stages[value]) for value, label in ReplicationStage.choices if stages[value]
    ]
    barriers = Counter(b.kind.name for r in replications for b in r.barriers.all())
    origin = {o.name: o for o in solution.outcomes.all()}
    rows = []
    for name, origin_outcome in origin.items():
        measured = [(r, o) for r in replications for o in r.outcomes.all() if o.metric == name]
        rows.append({"metric": name, "origin": origin_outcome, "replications": measured})
    return Lineage(
        replications=replications,
        stage_counts=stage_counts,
        top_barriers=sorted(barriers.items(), key=lambda kv: (-kv[1], kv[0]))[:5],
        outcome_rows=rows,
    )


def replications_by_city(user, jurisdiction) -> QuerySet[Replication]:
    return (
        replications_visible_to(user)
        .filter(adopter=jurisdiction)
        .select_related("solution", "solution__owner")
        .order_by("-updated_at")
    )
