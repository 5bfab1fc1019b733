"""Commitments a delegation makes, their progress reports and the 3/6/12-month check-ins."""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from citypeers.convenings.engine.followup import add_months, due_milestones
from citypeers.convenings.enums import CommitmentStatus, ConveningState
from citypeers.convenings.models import Commitment, Delegation, ProgressReport, ReminderSent
from citypeers.convenings.permissions import can_edit_delegation
from citypeers.core.services import StaleEdit, attribute_change

# Reminders go out while organisers follow up; a closed convening sends nothing more.
REMINDER_STATES = (ConveningState.LIVE, ConveningState.FOLLOW_UP)
OPEN_STATUSES = (CommitmentStatus.NOT_STARTED, CommitmentStatus.IN_PROGRESS)


def _require_editor(actor, delegation: Delegation) -> None:
    if not can_edit_delegation(actor, delegation):
        raise PermissionDenied("Only the city's editors or an organiser may change commitments.")


@transaction.atomic
def create_commitment(
    *,
    delegation: Delegation,
    actor,
    title: str,
    owner_name: str,
    owner_email: str,
    due_on: date,
    description: str = "",
    solution=None,
    insight=None,
    owner=None,
    is_demo: bool = False,
) -> Commitment:
    """Record what the delegation will try, linked to the solution or insight it builds on."""
    _require_editor(actor, delegation)
    commitment = Commitment(
        delegation=delegation,
        title=title.strip(),
        description=description.strip(),
        solution=solution,
        insight=insight,
        owner=owner,
        owner_name=owner_name.strip(),
        owner_email=owner_email.strip().lower(),
        due_on=due_on,
        is_demo=is_demo,
    )
    if due_on < delegation.convening.ends_on:
        raise ValidationError({"due_on": "A commitment falls due after the convening ends."})
    commitment.full_clean()
    attribute_change(commitment, actor, "Committed")
    commitment.save()
    return commitment


@transaction.atomic
def report_progress(
    *, commitment: Commitment, actor, status: str, note: str = "", version: int | None = None
) -> ProgressReport:
    """Add a check-in; the commitment takes the reported status."""
    locked = (
        Commitment.objects.select_for_update()
        .select_related("delegation__jurisdiction", "delegation__convening")
        .get(pk=commitment.pk)
    )
    _require_editor(actor, locked.delegation)
    if version is not None and version != locked.version:
        raise StaleEdit(locked, expected_version=version, noun="commitment")
    if status not in CommitmentStatus.values:
        raise ValidationError({"status": "Choose not started, in progress, done or dropped."})
    if status == CommitmentStatus.DROPPED and not note.strip():
        raise ValidationError({"note": "Say why the commitment was dropped; peers learn from it."})
    report = ProgressReport(commitment=locked, status=status, note=note.strip(), reported_by=actor)
    report.full_clean()
    report.save()
    locked.status = status
    locked.version += 1
    attribute_change(locked, actor, f"Progress: {status}")
    locked.save(update_fields=["status", "version", "updated_at"])
    commitment.status, commitment.version = locked.status, locked.version
    return report


def due_reminders(*, today: date) -> list[tuple[int, int]]:
    """(commitment id, months) for every open commitment whose next check-in is due."""
    commitments = (
        Commitment.objects.filter(
            status__in=OPEN_STATUSES, delegation__convening__state__in=REMINDER_STATES
        )
        .select_related("delegation__convening")
        .prefetch_related("reminders")
    )
    due = []
    for commitment in commitments:
        sent = [r.months for r in commitment.reminders.all()]
        for months in due_milestones(commitment.delegation.convening.ends_on, today, sent):
            due.append((commitment.pk, months))
    return due


def send_reminder(*, commitment_id: int, months: int) -> bool:
    """Email the owner the check-in for `months`, once. Returns whether it was sent now.

    The sent record is written first, in the same transaction as the email: a second run
    (or a second worker) finds it and sends nothing; a failed email rolls the record back.
    """
    try:
        with transaction.atomic():
            commitment = (
                Commitment.objects.select_related(
                    "delegation__jurisdiction", "delegation__convening"
                )
                .filter(pk=commitment_id, status__in=OPEN_STATUSES)
                .first()
            )
            if commitment is None:
                return False
            ReminderSent.objects.create(commitment=commitment, months=months)
            convening = commitment.delegation.convening
            context = {
                "commitment": commitment,
                "convening": convening,
                "months": months,
                "network_name": settings.NETWORK_NAME,
                "url": settings.SITE_URL.rstrip("/")
                + commitment.delegation.get_absolute_url()
                + "#commitments",
                "milestone_on": add_months(convening.ends_on, months),
            }
            send_mail(
                f"{months}-month check-in: {commitment.title}",
                render_to_string("convenings/emails/commitment_reminder.txt", context),
                None,
                [commitment.owner_email],
            )
    except IntegrityError:
        return False
    return True


def follow_up_url(convening) -> str:
    return reverse("convenings:follow_up", kwargs={"slug": convening.slug})
