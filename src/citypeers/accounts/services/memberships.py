from django.core.exceptions import ValidationError
from django.db import transaction

from citypeers.accounts.enums import ROLE_RANK, MembershipRole
from citypeers.accounts.models import Membership, Organisation, User
from citypeers.accounts.permissions import forget_roles

LAST_ADMIN_MESSAGE = "An organisation needs at least one administrator; appoint another first."
LEAVE_LAST_ADMIN_MESSAGE = (
    "You are the last administrator of {organisation}: make someone else an administrator "
    "before you leave."
)


@transaction.atomic
def add_member(*, organisation: Organisation, user: User, role: str) -> Membership:
    """Make `user` a member with `role`. An existing member keeps the higher of the two roles."""
    membership = Membership.objects.filter(organisation=organisation, user=user).first()
    if membership is None:
        membership = Membership(organisation=organisation, user=user, role=role)
    elif ROLE_RANK[role] > ROLE_RANK[membership.role]:
        membership.role = role
    else:
        return membership
    membership.full_clean()
    membership.save()
    forget_roles(user)
    return membership


def _is_last_admin(membership: Membership) -> bool:
    if membership.role != MembershipRole.ADMIN:
        return False
    admins = Membership.objects.select_for_update().filter(
        organisation_id=membership.organisation_id, role=MembershipRole.ADMIN
    )
    return not admins.exclude(pk=membership.pk).exists()


@transaction.atomic
def change_member_role(*, membership: Membership, role: str) -> Membership:
    """Give a member another role; the last administrator cannot be demoted."""
    if role not in MembershipRole.values:
        raise ValidationError({"role": "Choose member, editor or administrator."})
    if role != MembershipRole.ADMIN and _is_last_admin(membership):
        raise ValidationError(LAST_ADMIN_MESSAGE)
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role", "updated_at"])
    forget_roles(membership.user)
    return membership


@transaction.atomic
def remove_member(*, membership: Membership) -> None:
    """Take a person out of an organisation; the last administrator cannot be removed."""
    _delete(membership, user=membership.user, last_admin_message=LAST_ADMIN_MESSAGE)


def _delete(membership: Membership, *, user: User, last_admin_message: str) -> None:
    if _is_last_admin(membership):
        raise ValidationError(last_admin_message)
    membership.delete()
    forget_roles(user)


@transaction.atomic
def leave_organisation(*, user: User, organisation: Organisation) -> None:
    """Take `user` out of `organisation` at their own request.

    The last administrator cannot leave. The membership's history keeps a deletion record
    attributed to the person who left, as when an administrator removes a member.
    """
    membership = (
        Membership.objects.select_for_update().filter(organisation=organisation, user=user).first()
    )
    if membership is None:
        raise ValidationError(f"You are not a member of {organisation}.")
    # django-simple-history reads these two attributes when it records the deletion.
    membership._history_user = user  # type: ignore[attr-defined]
    membership._change_reason = "Left the organisation"  # type: ignore[attr-defined]
    _delete(
        membership,
        user=user,
        last_admin_message=LEAVE_LAST_ADMIN_MESSAGE.format(organisation=organisation),
    )
