"""The searchable copies of challenge statements and solutions (published ones only).

Drafts are never indexed: search visibility knows "public" and "network members", while a
draft belongs to one city, so keeping drafts out of the index is what keeps them private.
"""

from django.urls import reverse

from citypeers.knowledge.models import ChallengeStatement, Solution
from citypeers.search.registry import DocumentData
from citypeers.search.services import index_document, refresh_document, remove_document

SOLUTION = "solution"
CHALLENGE = "challenge"


def statement_url(statement: ChallengeStatement) -> str:
    return reverse("knowledge:city", kwargs={"slug": statement.jurisdiction.slug}) + (
        f"#challenge-{statement.pk}"
    )


def statement_document(statement: ChallengeStatement) -> DocumentData:
    jurisdiction = statement.jurisdiction
    return DocumentData(
        kind=CHALLENGE,
        object_id=statement.pk,
        title=f"{statement.area.name} in {jurisdiction.name}, {jurisdiction.state}",
        body="\n".join(
            p
            for p in [
                statement.narrative,
                statement.area.parent.name if statement.area.parent else "",
                statement.source_note,
            ]
            if p
        ),
        url=statement_url(statement),
        is_public=True,
        state=jurisdiction.state,
        jurisdiction_id=jurisdiction.pk,
        is_demo=statement.is_demo,
        areas=(statement.area.slug,),
        year=statement.created_at.year if statement.created_at else None,
        population=jurisdiction.population,
    )


def _solution_year(solution: Solution) -> int | None:
    """The year the work started, else the year it was recorded."""
    if solution.started_on:
        return solution.started_on.year
    return solution.created_at.year if solution.created_at else None


def solution_document(solution: Solution) -> DocumentData:
    owner = solution.owner
    areas = list(solution.challenges.all())
    challenges = [a.name for a in areas]
    partners = [p.name for p in solution.partners.all()]
    outcomes = [o.name for o in solution.outcomes.all()]
    body = [
        f"{owner.name}, {owner.state}",
        solution.problem,
        solution.approach,
        "Challenges: " + "; ".join(challenges) if challenges else "",
        "Partners: " + "; ".join(partners) if partners else "",
        "Outcomes: " + "; ".join(outcomes) if outcomes else "",
    ]
    return DocumentData(
        kind=SOLUTION,
        object_id=solution.pk,
        title=solution.title,
        body="\n".join(p for p in body if p),
        url=solution.get_absolute_url(),
        is_public=True,
        state=owner.state,
        jurisdiction_id=owner.pk,
        is_demo=solution.is_demo,
        areas=tuple(a.slug for a in areas),
        year=_solution_year(solution),
        population=owner.population,
    )


def reindex_statement(statement: ChallengeStatement) -> None:
    if statement.is_published:
        index_document(**statement_document(statement).as_kwargs())
    else:
        remove_document(kind=CHALLENGE, object_id=statement.pk)
    refresh_document(kind="profile", object_id=statement.jurisdiction_id)


def reindex_solution(solution: Solution) -> None:
    if solution.is_published:
        index_document(**solution_document(solution).as_kwargs())
    else:
        remove_document(kind=SOLUTION, object_id=solution.pk)
