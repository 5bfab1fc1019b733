"""Emails sent by workshops and webinars. Called after commit (`core.effects.after_commit`), so a
rollback sends nothing and a failure is logged; subjects are forced onto one line."""

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string

from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.models import Membership
from citypeers.core.text import single_line
from citypeers.workshops.ics import webinar_calendar


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def city_contacts(jurisdiction_id: int) -> list[str]:
    """Editors and administrators of the city's organisation: the people who can answer."""
    return sorted(
        Membership.objects.filter(
            organisation__jurisdiction_id=jurisdiction_id,
            role__in=[MembershipRole.EDITOR, MembershipRole.ADMIN],
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )


def send_cohort_invitation(member) -> int:
    recipients = city_contacts(member.jurisdiction_id)
    if not recipients:
        return 0
    context = {
        "member": member,
        "workshop": member.workshop,
        "dashboard_url": _absolute("/dashboard/"),
        "workshop_url": _absolute(member.workshop.get_absolute_url()),
    }
    return send_mail(
        subject=single_line(f"Invitation: {member.workshop.title}"),
        message=render_to_string("workshops/emails/cohort_invitation.txt", context),
        from_email=None,
        recipient_list=recipients,
    )


def send_registration_email(registration, *, promoted: bool = False) -> None:
    webinar = registration.webinar
    context = {
        "registration": registration,
        "webinar": webinar,
        "promoted": promoted,
        "webinar_url": _absolute(webinar.get_absolute_url()),
    }
    message = EmailMessage(
        subject=single_line(
            f"{'You have a seat' if promoted else 'Registered'}: {webinar.title}"
            if registration.status == "confirmed"
            else f"On the waitlist: {webinar.title}"
        ),
        body=render_to_string("workshops/emails/registration.txt", context),
        to=[registration.user.email],
    )
    if registration.status == "confirmed":
        message.attach(f"{webinar.slug}.ics", webinar_calendar([webinar]), "text/calendar")
    message.send()


def send_reminder_email(registration) -> None:
    reminder_email(registration).send()


def reminder_email(registration) -> EmailMessage:
    """The reminder, ready to send (built apart so a sender can claim it just before sending)."""
    webinar = registration.webinar
    context = {
        "registration": registration,
        "webinar": webinar,
        "webinar_url": _absolute(webinar.get_absolute_url()),
    }
    message = EmailMessage(
        subject=single_line(f"Reminder: {webinar.title}"),
        body=render_to_string("workshops/emails/reminder.txt", context),
        to=[registration.user.email],
    )
    message.attach(f"{webinar.slug}.ics", webinar_calendar([webinar]), "text/calendar")
    return message
