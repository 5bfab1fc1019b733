"""The signed-in person's own things: profile, API tokens, invitations addressed to them."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from citypeers.accounts import selectors, services
from citypeers.accounts.enums import InvitationStatus
from citypeers.accounts.forms import AcceptInvitationForm, ApiTokenForm, ProfileForm
from citypeers.accounts.views.helpers import error_text

ACCOUNT_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _account_page(request, *, profile_form=None, token_form=None, new_token=None, status=200):
    user = request.user
    context = {
        "profile_form": profile_form
        or ProfileForm(
            initial={
                "full_name": user.full_name,
                "job_title": user.job_title,
                "expertise": user.expertise,
            }
        ),
        "token_form": token_form or ApiTokenForm(),
        "new_token": new_token,
        "tokens": selectors.api_tokens_for_user(user),
        "memberships": selectors.organisations_for_user(user),
        "invitations": selectors.pending_invitations_for_user(user),
    }
    return render(request, "accounts/account.html", context, status=status)


@login_required
def account(request):
    if request.method != "POST":
        return _account_page(request)
    form = ProfileForm(request.POST)
    if not form.is_valid():
        return _account_page(request, profile_form=form, status=400)
    try:
        services.update_profile(user=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error_text(error))
        return _account_page(request, profile_form=form, status=400)
    messages.success(request, "Your profile is saved.")
    return redirect("accounts:account")


@login_required
@require_POST
def api_token_create(request):
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _account_page(request, token_form=form, status=400)
    try:
        _token, raw = services.create_api_token(user=request.user, name=form.cleaned_data["name"])
    except ValidationError as error:
        form.add_error(None, error_text(error))
        return _account_page(request, token_form=form, status=400)
    # Rendered, not redirected: the secret exists only in this response.
    response = _account_page(request, new_token=raw, status=201)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = selectors.api_token_for_user(request.user, pk)
    services.revoke_api_token(token=token)
    messages.success(request, f"The token “{token.name}” no longer works.")
    return redirect("accounts:account")


def invitation(request, token):
    """The page an invitation email links to: accept as the signed-in user or create an account."""
    invite = selectors.invitation_for_token(token)
    status = invite.status
    context = {"invitation": invite, "status": status, "token": token}
    if status != InvitationStatus.PENDING:
        return render(request, "accounts/invitation_closed.html", context, status=410)
    user = request.user
    context["email_matches"] = user.is_authenticated and user.email.lower() == invite.email.lower()
    context["account_exists"] = (
        not user.is_authenticated and selectors.user_by_email(invite.email) is not None
    )
    context["login_url"] = f"{reverse('accounts:login')}?next={request.path}"
    form = None
    if not user.is_authenticated and not context["account_exists"]:
        form = AcceptInvitationForm(
            request.POST if request.method == "POST" else None, email=invite.email
        )
    context["form"] = form
    if request.method != "POST":
        return render(request, "accounts/invitation.html", context)
    if user.is_authenticated:
        if not context["email_matches"]:
            return render(request, "accounts/invitation.html", context, status=400)
        return _accept(request, invite, user=user)
    if form is None or not form.is_valid():
        return render(request, "accounts/invitation.html", context, status=400)
    return _accept(
        request,
        invite,
        full_name=form.cleaned_data["full_name"],
        password=form.cleaned_data["password1"],
        form=form,
        context=context,
    )


def _accept(request, invite, *, user=None, full_name="", password="", form=None, context=None):
    try:
        membership = services.accept_invitation(
            invitation=invite, user=user, full_name=full_name, password=password
        )
    except ValidationError as error:
        if form is None:
            messages.error(request, error_text(error))
            return redirect("web:dashboard")
        form.add_error(None, error_text(error))
        return render(request, "accounts/invitation.html", context, status=400)
    if user is None:
        login(request, membership.user, backend=ACCOUNT_BACKEND)
    messages.success(
        request,
        f"Welcome to {membership.organisation.name}. You are "
        f"{membership.get_role_display().lower()}.",
    )
    return redirect(membership.organisation.get_absolute_url())


@login_required
@require_POST
def invitation_accept_mine(request, pk):
    """Accept an invitation addressed to my email from the dashboard, without the email link."""
    invite = selectors.pending_invitation_for_user(request.user, pk)
    return _accept(request, invite, user=request.user)
