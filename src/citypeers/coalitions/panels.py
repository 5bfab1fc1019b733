"""Panels this app adds to pages of apps below it (`core.panels`), so they never import it: the
replication panel on a solution page (knowledge, page "solution") and replications with their
measured outcomes on an assessment roadmap (assessments, page "roadmap")."""

from citypeers.accounts.permissions import jurisdiction_ids_with_role
from citypeers.coalitions.selectors import lineage_of, replications_visible_to
from citypeers.core.panels import Panel, register_panel


def _context(user, solution, empty: frozenset[str]) -> dict:
    lineage = lineage_of(user, solution)
    editable = jurisdiction_ids_with_role(user, "editor") - {solution.owner_id}
    replicating = {r.adopter_id for r in lineage.replications}
    places = [
        {
            "name": r.adopter.name,
            "state": r.adopter.state,
            "stage": r.get_stage_display(),
            "lat": r.adopter.latitude,
            "lon": r.adopter.longitude,
        }
        for r in lineage.replications
        if r.adopter.latitude is not None
    ]
    if solution.owner.latitude is not None:
        places.insert(
            0,
            {
                "name": solution.owner.name,
                "state": solution.owner.state,
                "stage": "Origin",
                "lat": solution.owner.latitude,
                "lon": solution.owner.longitude,
                "origin": True,
            },
        )
    return {
        "lineage": lineage,
        "places": places,
        "can_replicate": bool(editable - replicating),
    }


register_panel(
    "solution",
    Panel(
        name="replications",
        template="coalitions/_solution_panel.html",
        slot="main",
        order=10,
        context=_context,
        query_budget=4,
    ),
)


def _roadmap_context(user, assessment, empty: frozenset[str]) -> dict:
    """The city's replications with measured outcomes, each tied to the assessment criteria
    of the insight that prompted it: what changed since the plan was last made."""
    replications = list(
        replications_visible_to(user)
        .filter(adopter_id=assessment.jurisdiction_id)
        .select_related("solution", "solution__owner", "prompted_by_insight")
        .prefetch_related("outcomes")
        .order_by("-updated_at")
    )
    return {
        "replications": [
            {
                "replication": r,
                "outcomes": list(r.outcomes.all()),
                "criteria": list(r.prompted_by_insight.criteria_codes)
                if r.prompted_by_insight
                else [],
            }
            for r in replications
        ]
    }


register_panel(
    "roadmap",
    Panel(
        name="replication-outcomes",
        template="coalitions/_roadmap_panel.html",
        slot="main",
        order=10,
        context=_roadmap_context,
        query_budget=2,
    ),
)
