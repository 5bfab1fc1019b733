from citypeers.coalitions.views.journey import journey
from citypeers.coalitions.views.ledger import (
    question_answer,
    question_ask,
    replication_delete,
    replication_detail,
    replication_edit,
    replication_stage,
    replication_start,
)
from citypeers.coalitions.views.regions import (
    coalition_dashboard,
    coalition_detail,
    coalition_index,
    partnership_dashboard,
    partnership_detail,
)

__all__ = [
    "coalition_dashboard",
    "coalition_detail",
    "coalition_index",
    "journey",
    "partnership_dashboard",
    "partnership_detail",
    "question_answer",
    "question_ask",
    "replication_delete",
    "replication_detail",
    "replication_edit",
    "replication_stage",
    "replication_start",
]
