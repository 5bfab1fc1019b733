"""HTML views for knowledge. Thin: parse → permission → one service or selector → render."""

from citypeers.knowledge.views.solutions import (
    attachment_add,
    attachment_delete,
    attachment_download,
    solution_create,
    solution_delete,
    solution_detail,
    solution_edit,
    solution_history,
    solution_list,
)
from citypeers.knowledge.views.statements import (
    city_knowledge,
    statement_create,
    statement_delete,
    statement_edit,
    statement_history,
)
from citypeers.knowledge.views.taxonomy import challenge_area_detail, challenge_area_list

__all__ = [
    "attachment_add",
    "attachment_delete",
    "attachment_download",
    "challenge_area_detail",
    "challenge_area_list",
    "city_knowledge",
    "solution_create",
    "solution_delete",
    "solution_detail",
    "solution_edit",
    "solution_history",
    "solution_list",
    "statement_create",
    "statement_delete",
    "statement_edit",
    "statement_history",
]
