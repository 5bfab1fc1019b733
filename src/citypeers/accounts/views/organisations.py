"""Organisation pages: a public list and profile; members and invitations for insiders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from citypeers.accounts import selectors, services
from citypeers.accounts.enums import MembershipRole, OrganisationKind, PartnerType
from citypeers.accounts.forms import (
    InvitationForm,
    MemberRoleForm,
    OrganisationEditForm,
    OrganisationFilterForm,
    OrganisationForm,
)
from citypeers.accounts.permissions import (
    can_create_organisation,
    can_edit_organisation,
    can_invite_to_organisation,
    can_manage_network_members,
    can_manage_organisation_members,
    can_view_organisation_members,
    role_in_organisation,
)
from citypeers.accounts.views.helpers import error_text
from citypeers.core.forms import stale_edit_context
from citypeers.core.pagination import paginate
from citypeers.core.services import StaleEdit


def organisation_list(request):
    filters = OrganisationFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    queryset = selectors.organisation_list(
        kind=data.get("kind", ""),
        partner_type=data.get("partner_type", ""),
        search=data.get("q", ""),
    )
    context = {
        "filters": filters,
        "result": paginate(request, queryset),
        "kinds": OrganisationKind,
        "partner_types": PartnerType,
        "can_create": can_create_organisation(request.user),
    }
    return render(request, "accounts/organisation_list.html", context)


def organisation_detail(request, slug):
    organisation = selectors.organisation_by_slug(slug)
    user = request.user
    manage = can_manage_organisation_members(user, organisation)
    coalition = organisation.kind == OrganisationKind.COALITION
    context = {
        "organisation": organisation,
        "my_role": role_in_organisation(user, organisation),
        "can_see_members": can_view_organisation_members(user, organisation),
        "members": selectors.organisation_members_for_user(user, organisation),
        "can_manage": manage,
        "can_edit": can_edit_organisation(user),
        "can_invite": can_invite_to_organisation(user, organisation),
        "invitations": selectors.invitations_for_organisation(organisation) if manage else [],
        "is_coalition": coalition,
        "can_manage_cities": coalition and can_manage_network_members(user, organisation),
        "network_members": selectors.member_jurisdictions(organisation) if coalition else [],
        "role_form": MemberRoleForm(),
        "invite_form": InvitationForm(),
    }
    return render(request, "accounts/organisation_detail.html", context)


@login_required
def organisation_create(request):
    selectors.require_organisation_creator(request.user)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, f"{organisation.name} is created.")
            return redirect(organisation.get_absolute_url())
    status = 400 if form.is_bound else 200
    return render(request, "accounts/organisation_form.html", {"form": form}, status=status)


@login_required
def organisation_edit(request, slug):
    organisation = selectors.organisation_for_user(request.user, slug, for_edit=True)
    initial = {f: getattr(organisation, f) for f in services.organisations.EDITABLE_FIELDS}
    initial["version"] = organisation.version
    form = OrganisationEditForm(request.POST or None, initial=initial, organisation=organisation)
    stale = {}
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.update_organisation(
                organisation=organisation,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **fields,
            )
        except StaleEdit as error:
            theirs = {name: getattr(error.current, name) for name in fields}
            stale = stale_edit_context(form, error, theirs)
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, "The organisation's details are saved.")
            return redirect(organisation.get_absolute_url())
    context = {"form": form, "organisation": organisation, **stale}
    status = 400 if form.is_bound else 200
    return render(request, "accounts/organisation_form.html", context, status=status)


@login_required
def organisation_invite(request, slug):
    organisation = selectors.organisation_for_user(request.user, slug, to="invite")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _raw = services.create_invitation(
                organisation=organisation, invited_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, f"An invitation is on its way to {invitation.email}.")
            return redirect(organisation.get_absolute_url() + "#invitations")
    context = {"form": form, "organisation": organisation}
    status = 400 if form.is_bound else 200
    return render(request, "accounts/organisation_invite.html", context, status=status)


def _managed(request, slug):
    return selectors.organisation_for_user(request.user, slug, to="members")


def _back(organisation, anchor="members"):
    return redirect(f"{organisation.get_absolute_url()}#{anchor}")


@login_required
@require_POST
def member_role(request, slug, pk):
    organisation = _managed(request, slug)
    membership = selectors.membership_for_manager(request.user, organisation, pk)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose member, editor or administrator.")
        return _back(organisation)
    try:
        services.change_member_role(membership=membership, role=form.cleaned_data["role"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, f"{membership.user} is now {membership.get_role_display().lower()}."
        )
    return _back(organisation)


@login_required
@require_POST
def member_remove(request, slug, pk):
    organisation = _managed(request, slug)
    membership = selectors.membership_for_manager(request.user, organisation, pk)
    try:
        services.remove_member(membership=membership)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"{membership.user} is no longer a member.")
    return _back(organisation)


@login_required
@require_POST
def invitation_resend(request, slug, pk):
    organisation = _managed(request, slug)
    invitation = selectors.invitation_for_manager(request.user, organisation, pk)
    try:
        services.resend_invitation(invitation=invitation, sent_by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"A new link is on its way to {invitation.email}.")
    return _back(organisation, "invitations")


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    organisation = _managed(request, slug)
    invitation = selectors.invitation_for_manager(request.user, organisation, pk)
    try:
        services.revoke_invitation(invitation=invitation)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"The invitation for {invitation.email} no longer works.")
    return _back(organisation, "invitations")


@login_required
def organisation_leave(request, slug):
    """Confirm, then leave: a person's own way out of an organisation."""
    organisation = selectors.organisation_by_slug(slug)
    membership = selectors.own_membership(request.user, organisation)
    context = {
        "organisation": organisation,
        "membership": membership,
        "last_admin": membership.role == MembershipRole.ADMIN
        and selectors.admin_count(organisation) == 1,
    }
    if request.method != "POST":
        return render(request, "accounts/organisation_leave.html", context)
    try:
        services.leave_organisation(user=request.user, organisation=organisation)
    except ValidationError as error:
        context["error"] = error_text(error)
        return render(request, "accounts/organisation_leave.html", context, status=400)
    messages.success(request, f"You have left {organisation.name}.")
    return redirect(organisation.get_absolute_url())
