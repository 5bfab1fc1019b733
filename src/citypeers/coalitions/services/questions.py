"""Questions on a replication record, answered by the origin city."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from citypeers.coalitions.models import ReplicationQuestion
from citypeers.coalitions.permissions import (
    can_answer_about_replication,
    can_ask_about_replication,
)
from citypeers.coalitions.services import notify

MAX_BODY = 4000


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: ["Write something first."]})
    if len(value) > MAX_BODY:
        raise ValidationError({field: [f"At most {MAX_BODY} characters."]})
    return value


@transaction.atomic
def ask_question(*, replication, body: str, actor) -> ReplicationQuestion:
    """Add a question to the record; the origin city's editors are emailed after commit."""
    if not can_ask_about_replication(actor, replication):
        raise PermissionDenied("Only network members can ask questions here.")
    question = ReplicationQuestion(
        replication=replication, asked_by=actor, body=_text(body, "body")
    )
    question.full_clean()
    question.save()
    pk = question.pk
    transaction.on_commit(lambda: notify.notify_origin_of_question(pk))
    return question


@transaction.atomic
def answer_question(*, question: ReplicationQuestion, answer: str, actor) -> ReplicationQuestion:
    """The origin city's answer (replaces an earlier one by the same city)."""
    if not can_answer_about_replication(actor, question.replication):
        raise PermissionDenied("Only the origin city's editors can answer.")
    question.answer = _text(answer, "answer")
    question.answered_by = actor
    question.answered_at = timezone.now()
    question.full_clean()
    question.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
    return question
