"""Sessions (planning and cancelling), pre-work and captured statements."""

from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from citypeers.accounts.models import User
from citypeers.core.services import claim_version
from citypeers.core.text import single_line
from citypeers.notifications.services import notify as notify_person
from citypeers.workshops.enums import (
    ACTIVE_STATUSES,
    SESSION_CANCELLED_NOTICE,
    Attribution,
    CohortStatus,
)
from citypeers.workshops.models import CohortMember, PreWork, Session, Statement, Workshop
from citypeers.workshops.permissions import (
    can_cancel_session,
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
    if session is not None and session.is_cancelled:
        raise ValidationError("A cancelled session cannot be changed; plan a new one.")
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
def cancel_session(*, session: Session, by, reason: str = "") -> Session:
    """Cancel a session that has not ended, once, and tell every participant of the workshop.

    The participants are the people of each city whose cohort place is accepted and everyone
    with a role in the workshop (speakers, partners, advisers, note-takers); each gets an
    in-app notice, and an email unless they turned that kind off. A session already cancelled
    or already over raises ValidationError and nobody is told twice."""
    if not can_cancel_session(by, session.workshop):
        raise PermissionDenied("Only network organisers may cancel sessions.")
    locked = Session.objects.select_for_update().select_related("workshop").get(pk=session.pk)
    if locked.is_cancelled:
        raise ValidationError("This session is already cancelled.")
    if locked.ends_at <= timezone.now():
        raise ValidationError("This session is over; it can no longer be cancelled.")
    locked.cancelled_at = timezone.now()
    locked.cancellation_reason = single_line(reason)[:400]
    locked.version += 1
    locked.full_clean()
    locked.save(update_fields=["cancelled_at", "cancellation_reason", "version", "updated_at"])
    _tell_participants_of_cancellation(locked)
    return locked


def session_participants(workshop: Workshop):
    """Active people taking part in the workshop: members of its accepted cities and the people
    holding a role in it (each once)."""
    accepted = CohortMember.objects.filter(workshop=workshop, status=CohortStatus.ACCEPTED).values(
        "jurisdiction_id"
    )
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(memberships__organisation__jurisdiction_id__in=accepted)
            | Q(workshop_roles__workshop=workshop)
        )
        .distinct()
        .order_by("pk")
    )


def _tell_participants_of_cancellation(session: Session) -> None:
    workshop = session.workshop
    when = session.starts_at.astimezone(ZoneInfo(workshop.time_zone))
    body = f"The session on {when:%-d %B %Y at %H:%M %Z} will not take place."
    if session.cancellation_reason:
        body += f" Reason: {session.cancellation_reason}"
    for user in session_participants(workshop):
        notify_person(
            user=user,
            kind=SESSION_CANCELLED_NOTICE,
            title=f"Cancelled: {session.title} ({workshop.title})",
            url=session.get_absolute_url(),
            body=body,
        )


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
