"""Search document sources for knowledge: published challenge statements and solutions."""

from citypeers.core.enums import PublicationStatus
from citypeers.knowledge.models import ChallengeStatement, Solution
from citypeers.knowledge.services.indexing import (
    CHALLENGE,
    SOLUTION,
    solution_document,
    statement_document,
)
from citypeers.search.registry import register_source


def statement_documents():
    statements = (
        ChallengeStatement.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("jurisdiction", "area", "area__parent")
        .order_by("pk")
    )
    for statement in statements.iterator(chunk_size=1000):
        yield statement_document(statement)


def solution_documents():
    solutions = (
        Solution.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("owner")
        .prefetch_related("challenges", "partners", "outcomes")
        .order_by("pk")
    )
    for solution in solutions.iterator(chunk_size=1000):
        yield solution_document(solution)


register_source(CHALLENGE, documents=statement_documents)
register_source(SOLUTION, documents=solution_documents)
