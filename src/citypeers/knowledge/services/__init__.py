"""Writes for knowledge. Every change to knowledge data goes through a function here.

Callers (views, the API, setup) check permissions first with `knowledge.permissions`; these
functions validate (`full_clean`), write atomically, record who did it in the history, and keep
the search index in step.
"""

from citypeers.knowledge.services.solutions import (
    LinkData,
    OutcomeData,
    add_attachment,
    create_solution,
    delete_attachment,
    delete_solution,
    update_solution,
)
from citypeers.knowledge.services.statements import (
    create_statement,
    delete_statement,
    update_statement,
)
from citypeers.knowledge.services.taxonomy import seed_taxonomy

__all__ = [
    "LinkData",
    "OutcomeData",
    "add_attachment",
    "create_solution",
    "create_statement",
    "delete_attachment",
    "delete_solution",
    "delete_statement",
    "seed_taxonomy",
    "update_solution",
    "update_statement",
]
