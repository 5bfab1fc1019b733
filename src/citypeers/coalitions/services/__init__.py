"""Writes for the replication ledger; one module per sub-area, re-exported here."""

from citypeers.coalitions.services.questions import answer_question, ask_question
from citypeers.coalitions.services.regions import (
    add_coalition_project,
    import_member_list,
    remove_coalition_partner,
    remove_coalition_project,
    save_coalition_profile,
    save_partnership,
    set_coalition_partner,
    update_coalition_project,
    update_partnership,
)
from citypeers.coalitions.services.replications import (
    BarrierData,
    CostData,
    OutcomeData,
    change_stage,
    delete_replication,
    start_replication,
    update_replication,
)

__all__ = [
    "BarrierData",
    "CostData",
    "OutcomeData",
    "add_coalition_project",
    "answer_question",
    "ask_question",
    "change_stage",
    "delete_replication",
    "import_member_list",
    "remove_coalition_partner",
    "remove_coalition_project",
    "save_coalition_profile",
    "save_partnership",
    "set_coalition_partner",
    "start_replication",
    "update_coalition_project",
    "update_partnership",
    "update_replication",
]
