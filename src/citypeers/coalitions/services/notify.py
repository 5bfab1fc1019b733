"""Emails to the origin city about replications of its solution. Called after commit, so a
rolled-back write sends nothing; a sent-at row makes each notice go out once."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.models import Membership
from citypeers.coalitions.models import NotificationSent, Replication, ReplicationQuestion


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def origin_contacts(jurisdiction_id: int) -> list[str]:
    """Editors and administrators of the origin city's organisation."""
    return sorted(
        Membership.objects.filter(
            organisation__jurisdiction_id=jurisdiction_id,
            role__in=[MembershipRole.EDITOR, MembershipRole.ADMIN],
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )


def _claim(replication_id: int, key: str) -> bool:
    """Record that the notice `key` is going out; False if it already went."""
    try:
        with transaction.atomic():
            NotificationSent.objects.create(replication_id=replication_id, key=key)
    except IntegrityError:
        return False
    return True


def notify_origin_of_replication(replication_id: int) -> int:
    replication = (
        Replication.objects.select_related("solution", "solution__owner", "adopter")
        .filter(pk=replication_id)
        .first()
    )
    if replication is None:
        return 0
    recipients = origin_contacts(replication.solution.owner_id)
    if not recipients or not _claim(replication_id, "started"):
        return 0
    context = {"replication": replication, "record_url": _absolute(replication.get_absolute_url())}
    return send_mail(
        subject=f"{replication.adopter.name} is replicating “{replication.solution.title}”",
        message=render_to_string("coalitions/emails/replication_started.txt", context),
        from_email=None,
        recipient_list=recipients,
    )


def notify_origin_of_question(question_id: int) -> int:
    question = (
        ReplicationQuestion.objects.select_related(
            "replication", "replication__solution", "replication__adopter"
        )
        .filter(pk=question_id)
        .first()
    )
    if question is None:
        return 0
    replication = question.replication
    recipients = origin_contacts(replication.solution.owner_id)
    if not recipients or not _claim(replication.pk, f"question-{question_id}"):
        return 0
    context = {
        "replication": replication,
        "question": question,
        "record_url": _absolute(replication.get_absolute_url()),
    }
    return send_mail(
        subject=f"A question about {replication.adopter.name}'s replication of your solution",
        message=render_to_string("coalitions/emails/question_asked.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
