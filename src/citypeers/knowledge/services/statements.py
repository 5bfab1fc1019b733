"""Writes for challenge statements."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from citypeers.core.enums import PublicationStatus
from citypeers.core.services import attribute_change, claim_version
from citypeers.knowledge.enums import Priority
from citypeers.knowledge.models import ChallengeStatement
from citypeers.knowledge.permissions import can_add_entries_for, can_edit_entry
from citypeers.knowledge.services.indexing import CHALLENGE, reindex_statement
from citypeers.search.services import refresh_document, remove_document

EDITABLE_FIELDS = ("area", "priority", "narrative", "source_note", "status")


def check_actor(actor, allowed, target) -> None:
    """The named predicate for the acting user; system writes (setup, importers) pass none."""
    if actor is not None and not allowed(actor, target):
        raise PermissionDenied("Only this city's editors can change its statements and solutions.")


@transaction.atomic
def create_statement(
    *,
    jurisdiction,
    area,
    narrative: str,
    priority: str = Priority.MEDIUM,
    source_note: str = "",
    status: str = PublicationStatus.DRAFT,
    is_demo: bool = False,
    actor=None,
) -> ChallengeStatement:
    """Record that `jurisdiction` faces a challenge in `area` (one statement per area).

    Raises ValidationError (e.g. a second statement for the same area). Indexes the statement
    for search when published and refreshes the city's profile document.
    """
    check_actor(actor, can_add_entries_for, jurisdiction)
    statement = ChallengeStatement(
        jurisdiction=jurisdiction,
        area=area,
        narrative=(narrative or "").strip(),
        priority=priority,
        source_note=(source_note or "").strip(),
        status=status,
        is_demo=is_demo,
    )
    statement.full_clean()
    attribute_change(statement, actor)
    statement.save()
    reindex_statement(statement)
    return statement


@transaction.atomic
def update_statement(
    *, statement: ChallengeStatement, actor=None, expected_version: int | None = None, **changes
) -> ChallengeStatement:
    """Change any of area, priority, narrative, source_note, status; keeps a history record.

    `expected_version` is the version the editor read: if someone saved since, StaleEdit is
    raised and nothing is written. Every call bumps the version.
    """
    check_actor(actor, can_edit_entry, statement)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    claim_version(statement, expected_version=expected_version, noun="challenge statement")
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(statement, name, value)
    statement.full_clean()
    attribute_change(statement, actor)
    # Only the fields this call changes: a concurrent edit of other fields is not undone.
    statement.save(update_fields=[*changes, "version", "updated_at"])
    reindex_statement(statement)
    return statement


@transaction.atomic
def delete_statement(*, statement: ChallengeStatement, actor=None) -> None:
    """Delete a statement (its history stays) and drop it from search."""
    check_actor(actor, can_edit_entry, statement)
    jurisdiction_id, pk = statement.jurisdiction_id, statement.pk
    attribute_change(statement, actor)
    statement.delete()
    remove_document(kind=CHALLENGE, object_id=pk)
    refresh_document(kind="profile", object_id=jurisdiction_id)
