"""Pages: a city's delegation with its rule checklist, partner invitations, organiser tools."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from citypeers.convenings import selectors
from citypeers.convenings.engine.composition import is_complete, may_change
from citypeers.convenings.forms import (
    AcceptPartnerForm,
    CommitmentForm,
    ExceptionForm,
    OfficialForm,
    PartnerForm,
    ProgressForm,
)
from citypeers.convenings.permissions import can_edit_delegation, can_manage_convening
from citypeers.convenings.services import delegations as service
from citypeers.core.forms import apply_service_errors


def _load(request, slug, city, *, for_edit=False):
    convening = selectors.convening_for_user(request.user, slug)
    return selectors.delegation_for_user(request.user, convening, city, for_edit=for_edit)


def _page(request, delegation, *, official_form=None, partner_form=None, status=200):
    checks = selectors.delegation_checks(delegation)
    can_edit = can_edit_delegation(request.user, delegation)
    can_manage = can_manage_convening(request.user)
    return render(
        request,
        "convenings/delegation.html",
        {
            "convening": delegation.convening,
            "delegation": delegation,
            "delegates": list(delegation.delegates.select_related("organisation", "user")),
            "exceptions": list(delegation.exceptions.select_related("granted_by")),
            "checks": checks,
            "complete": is_complete(checks),
            "open_for_changes": can_manage or may_change(checks),
            "can_edit": can_edit,
            "can_manage": can_manage,
            "official_form": official_form or OfficialForm(initial={"version": delegation.version}),
            "partner_form": partner_form or PartnerForm(initial={"version": delegation.version}),
            "exception_form": ExceptionForm() if can_manage else None,
            "commitments": selectors.commitments_for(delegation),
            "commitment_form": CommitmentForm(),
            "progress_form": ProgressForm(),
        },
        status=status,
    )


@login_required
def delegation(request, slug, city):
    return _page(request, _load(request, slug, city))


@login_required
@require_POST
def add_official(request, slug, city):
    delegation = _load(request, slug, city, for_edit=True)
    form = OfficialForm(request.POST)
    if form.is_valid():
        try:
            service.add_official(delegation=delegation, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['full_name']} added.")
            return redirect(delegation)
    return _page(request, delegation, official_form=form, status=400)


@login_required
@require_POST
def invite_partner(request, slug, city):
    delegation = _load(request, slug, city, for_edit=True)
    form = PartnerForm(request.POST)
    if form.is_valid():
        try:
            service.invite_partner(delegation=delegation, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Invitation sent to {form.cleaned_data['email']}. "
                "The seat counts once they accept.",
            )
            return redirect(delegation)
    return _page(request, delegation, partner_form=form, status=400)


@login_required
@require_POST
def remove_delegate(request, slug, city, pk):
    delegation = _load(request, slug, city, for_edit=True)
    delegate = get_object_or_404(delegation.delegates, pk=pk)
    try:
        service.remove_delegate(delegate=delegate, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{delegate.full_name} removed.")
    return redirect(delegation)


@login_required
@require_POST
def submit(request, slug, city):
    delegation = _load(request, slug, city, for_edit=True)
    try:
        service.submit_delegation(
            delegation=delegation, actor=request.user, version=_version(request)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Delegation submitted. The network will confirm it.")
    return redirect(delegation)


@login_required
@require_POST
def confirm(request, slug, city):
    delegation = _load(request, slug, city, for_edit=True)
    try:
        service.confirm_delegation(
            delegation=delegation, actor=request.user, version=_version(request)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Delegation confirmed.")
    return redirect(delegation)


@login_required
@require_POST
def grant_exception(request, slug, city):
    delegation = _load(request, slug, city, for_edit=True)
    form = ExceptionForm(request.POST)
    if form.is_valid():
        service.grant_exception(delegation=delegation, actor=request.user, **form.cleaned_data)
        messages.success(request, "Exception recorded; the city sees its reason.")
    else:
        messages.error(request, "Choose a rule and say why.")
    return redirect(delegation)


def _version(request) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


def partner_invitation(request, token):
    """The one-time link a partner receives; it answers 404 once used or expired."""
    delegate = service.delegate_for_token(token)
    if delegate is None:
        return render(request, "convenings/partner_invitation_invalid.html", status=404)
    form = AcceptPartnerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user if request.user.is_authenticated else None
        try:
            accepted = service.accept_partner_invitation(
                raw_token=token, user=user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if user is None:
                login(request, accepted.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, f"You are in {delegate.delegation.jurisdiction.name}'s delegation."
            )
            return redirect(accepted.delegation)
    return render(
        request,
        "convenings/partner_invitation.html",
        {"delegate": delegate, "form": form, "convening": delegate.delegation.convening},
    )
