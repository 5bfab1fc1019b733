"""Who a city sends: officials, partners invited by email, substitutes, organiser exceptions.

Every change re-reads the delegation under a row lock and bumps its `version`, so two editors
of one city cannot overwrite each other unseen.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import User
from citypeers.accounts.services.users import create_user
from citypeers.convenings.engine.composition import RULE_ORDER, is_complete, may_change
from citypeers.convenings.enums import (
    DELEGATION_EDIT_STATES,
    PARTNER_INVITATION_LIFETIME_DAYS,
    DelegateKind,
    DelegationStatus,
)
from citypeers.convenings.models import Delegate, Delegation, RuleException
from citypeers.convenings.permissions import can_edit_delegation, can_manage_convening
from citypeers.convenings.selectors import delegation_checks
from citypeers.core.services import StaleEdit, attribute_change
from citypeers.core.tokens import hash_token, new_token


def _lock(delegation: Delegation, version: int | None) -> Delegation:
    locked = (
        Delegation.objects.select_for_update()
        .select_related("convening", "jurisdiction")
        .get(pk=delegation.pk)
    )
    if version is not None and version != locked.version:
        raise StaleEdit(locked, expected_version=version, noun="delegation")
    return locked


def _bump(delegation: Delegation, actor, reason: str) -> None:
    delegation.version += 1
    attribute_change(delegation, actor, reason)
    delegation.save(update_fields=["version", "status", "updated_at"])


def _require_change_allowed(delegation: Delegation, actor) -> None:
    """City editors change their delegation before the deadline (or with an exception) while
    the convening takes delegations; organisers may always."""
    if not can_edit_delegation(actor, delegation):
        raise PermissionDenied(
            "Only the city's editors or an organiser may change this delegation."
        )
    if can_manage_convening(actor):
        return
    if delegation.convening.state not in DELEGATION_EDIT_STATES:
        raise ValidationError("The convening no longer takes changes to delegations.")
    if not may_change(delegation_checks(delegation)):
        raise ValidationError(
            f"The deadline ({delegation.convening.delegation_deadline:%-d %B %Y}) has passed; "
            "ask an organiser for an exception."
        )
    if delegation.status == DelegationStatus.CONFIRMED:
        raise ValidationError("The network has confirmed this delegation; ask an organiser.")


def _reopen(delegation: Delegation) -> None:
    # A submitted list that changes must be submitted again.
    if delegation.status == DelegationStatus.SUBMITTED:
        delegation.status = DelegationStatus.INVITED


@transaction.atomic
def add_official(
    *,
    delegation: Delegation,
    actor,
    full_name: str,
    email: str,
    job_title: str = "",
    is_senior: bool = False,
    is_substitute: bool = False,
    user=None,
    version: int | None = None,
) -> Delegate:
    """Seat a city official (confirmed at once: the city's editor vouches for them)."""
    locked = _lock(delegation, version)
    _require_change_allowed(locked, actor)
    delegate = Delegate(
        delegation=locked,
        user=user,
        full_name=full_name.strip(),
        email=(email or "").strip().lower(),
        job_title=job_title.strip(),
        kind=DelegateKind.OFFICIAL,
        is_senior=is_senior,
        is_substitute=is_substitute,
        accepted_at=timezone.now(),
    )
    _save_delegate(delegate)
    _reopen(locked)
    _bump(locked, actor, f"Added {delegate.full_name}")
    delegation.version, delegation.status = locked.version, locked.status
    return delegate


def _save_delegate(delegate: Delegate) -> None:
    validate_email(delegate.email)
    if Delegate.objects.filter(delegation=delegate.delegation, email=delegate.email).exists():
        raise ValidationError({"email": f"{delegate.email} is already in this delegation."})
    delegate.full_clean()
    delegate.save()


def partner_invitation_url(raw_token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "convenings:partner_invitation", kwargs={"token": raw_token}
    )


@transaction.atomic
def invite_partner(
    *,
    delegation: Delegation,
    actor,
    full_name: str,
    email: str,
    organisation,
    relationship: str,
    job_title: str = "",
    is_substitute: bool = False,
    version: int | None = None,
) -> tuple[Delegate, str]:
    """Invite a partner by email; they hold the seat once they accept the one-time link.

    Only a hash of the token is stored; the email is sent inside the transaction so a refused
    message leaves no invitation behind. Returns the delegate and the raw token.
    """
    locked = _lock(delegation, version)
    _require_change_allowed(locked, actor)
    if organisation is None or organisation.kind != OrganisationKind.PARTNER:
        raise ValidationError({"organisation": "Choose the partner organisation they represent."})
    if not relationship.strip():
        raise ValidationError({"relationship": "Say how this partner works with the city."})
    raw = new_token()
    delegate = Delegate(
        delegation=locked,
        full_name=full_name.strip(),
        email=(email or "").strip().lower(),
        job_title=job_title.strip(),
        kind=DelegateKind.PARTNER,
        organisation=organisation,
        relationship=relationship.strip(),
        is_substitute=is_substitute,
        token_hash=hash_token(raw),
        invitation_expires_at=timezone.now() + timedelta(days=PARTNER_INVITATION_LIFETIME_DAYS),
    )
    _save_delegate(delegate)
    _reopen(locked)
    _bump(locked, actor, f"Invited partner {delegate.full_name}")
    delegation.version, delegation.status = locked.version, locked.status
    context = {
        "delegate": delegate,
        "delegation": locked,
        "convening": locked.convening,
        "sender": actor,
        "url": partner_invitation_url(raw),
        "network_name": settings.NETWORK_NAME,
        "lifetime_days": PARTNER_INVITATION_LIFETIME_DAYS,
    }
    send_mail(
        f"Join {locked.jurisdiction.name}'s delegation to {locked.convening.title}",
        render_to_string("convenings/emails/partner_invitation.txt", context),
        None,
        [delegate.email],
    )
    return delegate, raw


def delegate_for_token(raw: str) -> Delegate | None:
    """The pending partner seat this link opens, or None (unknown, used or expired)."""
    if not raw:
        return None
    delegate = (
        Delegate.objects.select_related(
            "delegation__convening", "delegation__jurisdiction", "organisation"
        )
        .filter(token_hash=hash_token(raw), accepted_at__isnull=True)
        .first()
    )
    if (
        delegate is None
        or delegate.invitation_expires_at is None
        or delegate.invitation_expires_at <= timezone.now()
    ):
        return None
    return delegate


@transaction.atomic
def accept_partner_invitation(
    *, raw_token: str, user=None, full_name: str = "", password: str = ""
) -> Delegate:
    """The invited partner takes their seat, signed in or with a new account for the invited
    address (`full_name`, `password`); the link stops working."""
    delegate = delegate_for_token(raw_token)
    if delegate is None:
        raise ValidationError("This invitation link is not valid any more.")
    delegate = Delegate.objects.select_for_update().get(pk=delegate.pk)
    if delegate.accepted_at is not None:
        raise ValidationError("This invitation link is not valid any more.")
    if not getattr(user, "is_authenticated", False):
        if User.objects.filter(email__iexact=delegate.email).exists():
            raise ValidationError(
                "An account with this email address exists: sign in to accept the invitation."
            )
        if not full_name.strip():
            raise ValidationError({"full_name": "Tell us your name."})
        if not password:
            raise ValidationError({"password": "Choose a password."})
        user = create_user(
            email=delegate.email, password=password, full_name=full_name, validate_new_password=True
        )
    elif user.email.lower() != delegate.email:
        raise ValidationError(
            f"This invitation was sent to {delegate.email}; sign in with that address to accept it."
        )
    delegate.user = user
    delegate.accepted_at = timezone.now()
    delegate.token_hash = ""
    delegate.save(update_fields=["user", "accepted_at", "token_hash", "updated_at"])
    locked = _lock(delegate.delegation, None)
    _bump(locked, user, f"{delegate.full_name} accepted")
    return delegate


@transaction.atomic
def remove_delegate(*, delegate: Delegate, actor, version: int | None = None) -> None:
    locked = _lock(delegate.delegation, version)
    _require_change_allowed(locked, actor)
    name = delegate.full_name
    delegate.delete()
    _reopen(locked)
    _bump(locked, actor, f"Removed {name}")


@transaction.atomic
def submit_delegation(*, delegation: Delegation, actor, version: int | None = None) -> Delegation:
    """The city says its list is final; every composition rule must be met or waived."""
    locked = _lock(delegation, version)
    _require_change_allowed(locked, actor)
    checks = delegation_checks(locked)
    if not is_complete(checks):
        missing = ", ".join(c.label.lower() for c in checks if not c.ok and c.code != "deadline")
        raise ValidationError(f"Not yet: {missing}.")
    locked.status = DelegationStatus.SUBMITTED
    _bump(locked, actor, "Submitted")
    return locked


@transaction.atomic
def confirm_delegation(*, delegation: Delegation, actor, version: int | None = None) -> Delegation:
    """The network accepts a submitted delegation."""
    if not can_manage_convening(actor):
        raise PermissionDenied("Only network organisers confirm delegations.")
    locked = _lock(delegation, version)
    if locked.status != DelegationStatus.SUBMITTED:
        raise ValidationError("Only a submitted delegation can be confirmed.")
    if not is_complete(delegation_checks(locked)):
        raise ValidationError("A rule is missing; grant an exception or ask the city to fix it.")
    locked.status = DelegationStatus.CONFIRMED
    _bump(locked, actor, "Confirmed")
    return locked


@transaction.atomic
def decline_delegation(*, delegation: Delegation, actor) -> Delegation:
    locked = _lock(delegation, None)
    _require_change_allowed(locked, actor)
    locked.status = DelegationStatus.DECLINED
    _bump(locked, actor, "Declined")
    return locked


@transaction.atomic
def grant_exception(*, delegation: Delegation, actor, rule: str, reason: str) -> RuleException:
    """Let the delegation stand without `rule`; the reason is shown to the city."""
    if not can_manage_convening(actor):
        raise PermissionDenied("Only network organisers grant exceptions.")
    if rule not in RULE_ORDER:
        raise ValidationError({"rule": "Choose one of the delegation rules."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the exception is granted."})
    locked = _lock(delegation, None)
    exception, _ = RuleException.objects.update_or_create(
        delegation=locked,
        rule=rule,
        defaults={
            "reason": reason.strip()[:300],
            "granted_by": actor,
            "created_at": timezone.now(),
        },
    )
    _bump(locked, actor, f"Exception: {rule}")
    return exception


@transaction.atomic
def revoke_exception(*, exception: RuleException, actor) -> None:
    if not can_manage_convening(actor):
        raise PermissionDenied("Only network organisers revoke exceptions.")
    locked = _lock(exception.delegation, None)
    exception.delete()
    _bump(locked, actor, "Exception revoked")
