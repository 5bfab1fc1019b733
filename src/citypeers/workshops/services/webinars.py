"""Webinars: plan, publish, register with a waitlist, remind, record attendance.

Seat accounting locks the webinar row (`select_for_update`) for every change to who holds a
seat, so concurrent registrations on PostgreSQL cannot oversell; SQLite serialises writers
anyway (BEGIN IMMEDIATE).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from citypeers.core.effects import after_commit, run_logged
from citypeers.core.services import claim_version
from citypeers.notifications.services import notify as notify_person
from citypeers.workshops.enums import WEBINAR_CANCELLED_NOTICE, RegistrationStatus, WebinarStatus
from citypeers.workshops.indexing import EVENT, refresh, webinar_document
from citypeers.workshops.models import Registration, Webinar
from citypeers.workshops.permissions import can_manage_workshop, can_register_for_webinar
from citypeers.workshops.services import notify
from citypeers.workshops.services.common import unique_slug

EDITABLE_FIELDS = (
    "title",
    "description",
    "area",
    "starts_at",
    "ends_at",
    "time_zone",
    "capacity",
    "video_url",
    "recording_url",
    "materials",
)


def _require_organiser(by) -> None:
    if not can_manage_workshop(by):
        raise PermissionDenied("Only network organisers may manage webinars.")


def _validate(webinar: Webinar) -> None:
    if webinar.starts_at and webinar.ends_at and webinar.ends_at <= webinar.starts_at:
        raise ValidationError({"ends_at": "A webinar must end after it starts."})
    if webinar.capacity is not None and webinar.capacity < 1:
        raise ValidationError({"capacity": "A webinar needs at least one seat."})
    webinar.full_clean()


def _index(webinar: Webinar) -> None:
    refresh(EVENT, webinar_document(webinar), webinar.pk)


@transaction.atomic
def create_webinar(
    *,
    by,
    title: str,
    description: str,
    starts_at,
    ends_at,
    capacity: int = 100,
    time_zone: str = "America/New_York",
    area=None,
    video_url: str = "",
    co_hosts=(),
    is_demo: bool = False,
) -> Webinar:
    """A draft webinar; publish it to open registration."""
    _require_organiser(by)
    webinar = Webinar(
        slug=unique_slug(Webinar, title),
        title=title,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        time_zone=time_zone,
        area=area,
        video_url=video_url,
        created_by=by,
        is_demo=is_demo,
    )
    _validate(webinar)
    webinar.save()
    webinar.co_hosts.set(co_hosts)
    return webinar


@transaction.atomic
def update_webinar(
    *, webinar: Webinar, by, co_hosts=None, expected_version: int | None = None, **changes
) -> Webinar:
    """Change details; a larger capacity promotes people from the waitlist at once.

    `expected_version` is the version the organiser read: if someone saved since, StaleEdit is
    raised and nothing is written. Every call bumps the version.
    """
    _require_organiser(by)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    locked = Webinar.objects.select_for_update().get(pk=webinar.pk)
    claim_version(locked, expected_version=expected_version, noun="webinar")
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.sequence += 1
    _validate(locked)
    # Only the fields this call changes: a concurrent edit of other fields is not undone.
    locked.save(update_fields=[*changes, "sequence", "version", "updated_at"])
    if co_hosts is not None:
        locked.co_hosts.set(co_hosts)
    _fill_seats(locked)
    _index(locked)
    return locked


@transaction.atomic
def set_webinar_status(*, webinar: Webinar, status: str, by) -> Webinar:
    _require_organiser(by)
    if status not in WebinarStatus.values:
        raise ValidationError("Unknown status.")
    cancelling = status == WebinarStatus.CANCELLED and webinar.status != WebinarStatus.CANCELLED
    webinar.status = status
    webinar.sequence += 1
    webinar.save(update_fields=["status", "sequence", "updated_at"])
    _index(webinar)
    if cancelling:
        _tell_registrants_of_cancellation(webinar)
    return webinar


def _tell_registrants_of_cancellation(webinar: Webinar) -> None:
    """Everyone holding a seat or a waitlist place hears of it, once, in the app and by email."""
    registrations = Registration.objects.filter(webinar=webinar).exclude(
        status=RegistrationStatus.CANCELLED
    )
    for registration in registrations.select_related("user"):
        notify_person(
            user=registration.user,
            kind=WEBINAR_CANCELLED_NOTICE,
            title=f"Cancelled: {webinar.title}",
            url=webinar.get_absolute_url(),
            body=f"The webinar on {webinar.starts_at:%-d %B %Y} will not take place.",
        )


def _confirmed_count(webinar: Webinar) -> int:
    return Registration.objects.filter(webinar=webinar, status=RegistrationStatus.CONFIRMED).count()


@transaction.atomic
def register(*, webinar: Webinar, user) -> Registration:
    """Take a seat, or a place on the waitlist when the webinar is full. Idempotent."""
    if not can_register_for_webinar(user, webinar):
        raise PermissionDenied("Registration is not open for this webinar.")
    locked = Webinar.objects.select_for_update().get(pk=webinar.pk)
    if locked.ends_at <= timezone.now():
        raise ValidationError("This webinar has already taken place.")
    registration = Registration.objects.filter(webinar=locked, user=user).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        return registration
    status = (
        RegistrationStatus.CONFIRMED
        if _confirmed_count(locked) < locked.capacity
        else RegistrationStatus.WAITLISTED
    )
    if registration is None:
        registration = Registration(webinar=locked, user=user)
    registration.status = status
    registration.queued_at = timezone.now()
    registration.reminder_sent_at = None
    registration.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # the unique (webinar, user) row appeared meanwhile
        raise ValidationError("You are already registered.") from exc
    after_commit(
        lambda: notify.send_registration_email(registration),
        what=f"registration email for registration {registration.pk}",
    )
    return registration


def _fill_seats(webinar: Webinar) -> list[Registration]:
    """Promote the longest-waiting people into free seats. The caller holds the row lock."""
    free = webinar.capacity - _confirmed_count(webinar)
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.select_related("user", "webinar")
        .filter(webinar=webinar, status=RegistrationStatus.WAITLISTED)
        .order_by("queued_at", "pk")[:free]
    )
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        after_commit(
            lambda r=registration: notify.send_registration_email(r, promoted=True),
            what=f"seat email for registration {registration.pk}",
        )
    return promoted


@transaction.atomic
def cancel_registration(*, registration: Registration, by) -> Registration:
    """Give up a seat (or a waitlist place); the next person waiting gets the seat."""
    if by.pk != registration.user_id and not can_manage_workshop(by):
        raise PermissionDenied("You may only cancel your own registration.")
    locked = Webinar.objects.select_for_update().get(pk=registration.webinar_id)
    registration.refresh_from_db()
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    _fill_seats(locked)
    return registration


@transaction.atomic
def record_attendance(*, webinar: Webinar, attended_user_ids, by) -> int:
    """Mark who attended among the confirmed registrants; returns how many attended."""
    _require_organiser(by)
    confirmed = Registration.objects.filter(webinar=webinar, status=RegistrationStatus.CONFIRMED)
    attended = set(attended_user_ids)
    confirmed.filter(user_id__in=attended).update(attended=True)
    confirmed.exclude(user_id__in=attended).update(attended=False)
    return confirmed.filter(attended=True).count()


def send_reminders(*, webinar_id: int) -> int:
    """Email each confirmed registrant who has not had a reminder yet; returns how many were sent.

    Each reminder is claimed before its email goes out: one committed conditional UPDATE marks
    the registration as reminded, and only the job whose UPDATE changed the row sends. So a job
    queued twice, run by two workers at once, or run again after its worker was killed never
    sends a reminder twice (tools/kill_check.py). A worker killed between the claim and the
    send loses that one reminder: at most once, never twice. A reminder that cannot be sent
    is logged and un-claimed, so it stays due for the next run; it does not stop the others.
    """
    webinar = Webinar.objects.filter(pk=webinar_id, status=WebinarStatus.PUBLISHED).first()
    if webinar is None or webinar.ends_at <= timezone.now():
        return 0
    due = Registration.objects.filter(
        webinar=webinar, status=RegistrationStatus.CONFIRMED, reminder_sent_at__isnull=True
    )
    sent = 0
    for registration in due.select_related("user", "webinar"):
        built: list = []
        what = f"reminder for registration {registration.pk}"
        # Built before the claim, so only the send itself lies between claim and effect.
        if not run_logged(
            lambda r=registration, into=built: into.append(notify.reminder_email(r)), what=what
        ):
            continue
        now = timezone.now()
        with transaction.atomic():
            claimed = due.filter(pk=registration.pk).update(reminder_sent_at=now)
        if not claimed:
            continue  # another run sent it meanwhile
        if run_logged(built[0].send, what=what):
            sent += 1
        else:
            Registration.objects.filter(pk=registration.pk, reminder_sent_at=now).update(
                reminder_sent_at=None
            )
    return sent
