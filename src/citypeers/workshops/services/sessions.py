"""Sessions, pre-work and captured statements."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from citypeers.core.services import claim_version
from citypeers.workshops.enums import ACTIVE_STATUSES, Attribution
from citypeers.workshops.models import CohortMember, PreWork, Session, Statement, Workshop
from citypeers.workshops.permissions import (
    can_capture_session,
    can_edit_prework,
    can_manage_workshop,
)


@transaction.atomic
def save_session(
    *,
    workshop: Workshop,
    by,
    title: str,
    starts_at,
    ends_at,
    agenda: str = "",
    location: str = "",
    video_url: str = "",
    session: Session | None = None,
    expected_version: int | None = None,
) -> Session:
    """Create a session (or update `session`). Times are aware datetimes, stored in UTC.

    `expected_version` is the version the editor read: a session saved since raises
    StaleEdit and nothing is written."""
    if not can_manage_workshop(by):
        raise PermissionDenied("Only network organisers may plan sessions.")
    if starts_at is None or ends_at is None or starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValidationError({"starts_at": "Give the start and end with their time zone."})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "A session must end after it starts."})
    if session is not None:
        claim_version(session, expected_version=expected_version, noun="session")
    session = session or Session(workshop=workshop)
    session.title = title
    session.agenda = agenda
    session.starts_at = starts_at
    session.ends_at = ends_at
    session.location = location
    session.video_url = video_url
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def capture_statement(
    *,
    session: Session,
    by,
    kind: str,
    text: str,
    attribution: str = Attribution.UNATTRIBUTED,
    speaker_name: str = "",
    jurisdiction=None,
    is_demo: bool = False,
) -> Statement:
    """Append one statement to a session's notes.

    A named credit needs a speaker name; a city credit needs a city in the cohort.
    """
    if not can_capture_session(by, session.workshop):
        raise PermissionDenied("Only organisers and note-takers may capture notes.")
    errors = {}
    if not text.strip():
        errors["text"] = "Write what was said."
    if attribution == Attribution.NAMED and not speaker_name.strip():
        errors["speaker_name"] = "A named statement needs the speaker's name."
    if attribution in (Attribution.NAMED, Attribution.CITY_ONLY) and jurisdiction is None:
        errors["jurisdiction"] = "Choose the speaker's city, or capture it unattributed."
    if (
        jurisdiction is not None
        and not CohortMember.objects.filter(
            workshop=session.workshop, jurisdiction=jurisdiction, status__in=ACTIVE_STATUSES
        ).exists()
    ):
        errors["jurisdiction"] = "That city is not in this workshop's cohort."
    if errors:
        raise ValidationError(errors)
    statement = Statement(
        session=session,
        kind=kind,
        text=text.strip(),
        attribution=attribution,
        speaker_name=speaker_name.strip() if attribution == Attribution.NAMED else "",
        jurisdiction=jurisdiction,
        captured_by=by,
        is_demo=is_demo,
    )
    statement.full_clean()
    statement.save()
    return statement


@transaction.atomic
def delete_statement(*, statement: Statement, by) -> None:
    if not can_capture_session(by, statement.session.workshop):
        raise PermissionDenied("Only organisers and note-takers may edit notes.")
    statement.delete()


@transaction.atomic
def save_prework(
    *,
    member: CohortMember,
    by,
    challenge: str,
    tried: str,
    worked: str = "",
    barriers: str = "",
    attribution: str = Attribution.CITY_ONLY,
    expected_version: int | None = None,
) -> PreWork:
    """A participating city's structured brief; one per city and workshop, editable.

    `expected_version` is the version the editor read (none when writing the first one): a
    brief saved since raises StaleEdit and nothing is written."""
    if not can_edit_prework(by, member):
        raise PermissionDenied("Only editors of a participating city may write its pre-work.")
    prework = PreWork.objects.filter(
        workshop=member.workshop, jurisdiction=member.jurisdiction
    ).first()
    if prework is not None:
        claim_version(prework, expected_version=expected_version, noun="pre-work brief")
    else:
        prework = PreWork(workshop=member.workshop, jurisdiction=member.jurisdiction)
    prework.challenge = challenge
    prework.tried = tried
    prework.worked = worked
    prework.barriers = barriers
    prework.attribution = attribution
    prework.submitted_by = by
    prework.full_clean()
    prework.save()
    return prework
