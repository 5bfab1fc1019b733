"""The replication panel on a solution page (knowledge), registered with `core.panels` under the
page name "solution" so knowledge never imports this app."""

from citypeers.accounts.permissions import jurisdiction_ids_with_role
from citypeers.coalitions.selectors import lineage_of
from citypeers.core.panels import Panel, register_panel


def _context(user, solution, empty: frozenset[str]) -> dict:
    lineage = lineage_of(user, solution)
    editable = jurisdiction_ids_with_role(user, "editor") - {solution.owner_id}
    replicating = {r.adopter_id for r in lineage.replications}
    places = [
        {"name": r.adopter.name, "state": r.adopter.state, "stage": r.get_stage_display(),
         "lat": r.adopter.latitude, "lon": r.adopter.longitude}
        for r in lineage.replications if r.adopter.latitude is not None
    ]
    if solution.owner.latitude is not None:
        places.insert(0, {"name": solution.owner.name, "state": solution.owner.state,
                          "stage": "Origin", "lat": solution.owner.latitude,
                          "lon": solution.owner.longitude, "origin": True})
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
