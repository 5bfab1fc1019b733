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
from citypeers.coalitions.views.manage import (
    coalition_edit,
    coalition_partner_edit,
    coalition_partner_remove,
    coalition_partners,
    member_import,
    partnership_edit,
    project_delete,
    project_edit,
    project_new,
)
from citypeers.coalitions.views.regions import (
    coalition_dashboard,
    coalition_detail,
    coalition_index,
    partnership_dashboard,
    partnership_detail,
)
from citypeers.coalitions.views.report import coalition_report, partnership_report

__all__ = [
    "coalition_dashboard",
    "coalition_detail",
    "coalition_edit",
    "coalition_index",
    "coalition_partner_edit",
    "coalition_partner_remove",
    "coalition_partners",
    "coalition_report",
    "journey",
    "member_import",
    "partnership_dashboard",
    "partnership_detail",
    "partnership_edit",
    "partnership_report",
    "project_delete",
    "project_edit",
    "project_new",
    "question_answer",
    "question_ask",
    "replication_delete",
    "replication_detail",
    "replication_edit",
    "replication_stage",
    "replication_start",
]
