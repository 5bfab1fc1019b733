from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from citypeers.accounts.enums import INVITATION_LIFETIME_DAYS, InvitationStatus, MembershipRole
from citypeers.accounts.models import Invitation, Membership, Organisation, User
from citypeers.accounts.permissions import can_invite_to_organisation
from citypeers.accounts.services.memberships import add_member
from citypeers.accounts.services.users import create_user
from citypeers.core.text import single_line
from citypeers.core.tokens import hash_token, new_token


def invitation_url(raw_token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "accounts:invitation", kwargs={"token": raw_token}
    )


def _send(invitation: Invitation, raw_token: str, sender: User | None) -> None:
    """Email the one-time link. Sent inside the transaction on purpose: if the mail server
    refuses it, the invitation is rolled back instead of existing with a link nobody got."""
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "sender": sender,
        "url": invitation_url(raw_token),
        "network_name": settings.NETWORK_NAME,
        "lifetime_days": INVITATION_LIFETIME_DAYS,
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context)
    send_mail(
        single_line(subject),
        render_to_string("accounts/email/invitation.txt", context),
        None,
        [invitation.email],
    )
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at", "updated_at"])


def _lock(invitation: Invitation) -> Invitation:
    """Lock the row and reload it in place, so concurrent accept/resend/revoke see one state."""
    list(Invitation.objects.select_for_update().filter(pk=invitation.pk).values_list("pk"))
    invitation.refresh_from_db()
    return invitation


@transaction.atomic
def create_invitation(
    *, organisation: Organisation, email: str, role: str, invited_by: User | None
) -> tuple[Invitation, str]:
    """Invite someone by email to join `organisation` with `role`, and send them the link.

    Returns the invitation and the raw token (only its hash is stored). The link works once
    and expires after INVITATION_LIFETIME_DAYS days.
    """
    if invited_by is not None and not can_invite_to_organisation(invited_by, organisation):
        raise PermissionDenied("Only the organisation's administrators invite people.")
    email = (email or "").strip().lower()
    validate_email(email)
    if role not in MembershipRole.values:
        raise ValidationError({"role": "Choose member, editor or administrator."})
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": f"{email} is already a member of {organisation}."})
    open_invitation = Invitation.objects.filter(
        organisation=organisation,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists()
    if open_invitation:
        raise ValidationError(
            {"email": f"{email} already has an open invitation; resend it from the list."}
        )
    raw = new_token()
    invitation = Invitation(
        email=email,
        organisation=organisation,
        role=role,
        invited_by=invited_by,
        token_hash=hash_token(raw),
        expires_at=timezone.now() + timedelta(days=INVITATION_LIFETIME_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    _send(invitation, raw, invited_by)
    return invitation, raw


@transaction.atomic
def resend_invitation(*, invitation: Invitation, sent_by: User | None) -> tuple[Invitation, str]:
    """Send a fresh link (the old one stops working) and restart the 14-day clock."""
    _lock(invitation)
    if invitation.status in {InvitationStatus.ACCEPTED, InvitationStatus.REVOKED}:
        raise ValidationError(f"This invitation was {invitation.status}; send a new one instead.")
    raw = new_token()
    invitation.token_hash = hash_token(raw)
    invitation.expires_at = timezone.now() + timedelta(days=INVITATION_LIFETIME_DAYS)
    invitation.save(update_fields=["token_hash", "expires_at", "updated_at"])
    _send(invitation, raw, sent_by)
    return invitation, raw


@transaction.atomic
def revoke_invitation(*, invitation: Invitation) -> Invitation:
    """Make the link unusable. Accepted invitations cannot be revoked (remove the member)."""
    _lock(invitation)
    if invitation.status == InvitationStatus.ACCEPTED:
        raise ValidationError("This invitation was already accepted; remove the member instead.")
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
    return invitation


@transaction.atomic
def accept_invitation(
    *,
    invitation: Invitation,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
) -> Membership:
    """Accept an invitation, as the signed-in `user` or by creating the invited account.

    A signed-in user must be the person invited (same email). Without a user, a new account
    is created for the invited email with `full_name` and a validated `password`.
    """
    _lock(invitation)
    status = invitation.status
    if status != InvitationStatus.PENDING:
        raise ValidationError(f"This invitation is {InvitationStatus(status).label.lower()}.")
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                "An account with this email address exists: sign in to accept the invitation."
            )
        if not full_name.strip():
            raise ValidationError({"full_name": "Tell us your name."})
        if not password:
            raise ValidationError({"password": "Choose a password."})
        user = create_user(
            email=invitation.email,
            password=password,
            full_name=full_name,
            validate_new_password=True,
        )
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError(
            f"This invitation was sent to {invitation.email}; "
            "sign in with that address to accept it."
        )
    membership = add_member(organisation=invitation.organisation, user=user, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return membership
