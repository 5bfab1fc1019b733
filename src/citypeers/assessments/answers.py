"""Bridge between stored responses and the pure engine's `Answer`s."""

from collections.abc import Iterable

from citypeers.assessments.engine.scoring import Answer


def self_answer(response) -> Answer:
    return Answer(
        met=response.met,
        checklist=frozenset(response.checklist or ()),
        level=response.level,
        value=response.value,
    )


def review_answer(response) -> Answer:
    return Answer(
        met=response.review_met,
        checklist=frozenset(response.review_checklist or ()),
        level=response.review_level,
        value=response.review_value,
    )


def is_reviewed(response) -> bool:
    return response.reviewed_at is not None


def answers_by_key(responses: Iterable, *, validated: bool = False) -> dict[str, Answer]:
    """{criterion key: Answer}. `responses` must have `criterion` loaded."""
    read = review_answer if validated else self_answer
    return {r.criterion.key: read(r) for r in responses}
