"""HTML views for accounts. Thin: parse → permission → one service or selector → render."""

from citypeers.accounts.views.account import (
    account,
    api_token_create,
    api_token_revoke,
    invitation,
    invitation_accept_mine,
)
from citypeers.accounts.views.auth import (
    LoginView,
    LogoutView,
    PasswordChangeDoneView,
    PasswordChangeView,
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
)
from citypeers.accounts.views.member_cities import (
    organisation_cities,
    organisation_city_add,
    organisation_city_remove,
)
from citypeers.accounts.views.organisations import (
    invitation_resend,
    invitation_revoke,
    member_remove,
    member_role,
    organisation_create,
    organisation_detail,
    organisation_edit,
    organisation_invite,
    organisation_leave,
    organisation_list,
)

__all__ = [
    "LoginView",
    "LogoutView",
    "PasswordChangeDoneView",
    "PasswordChangeView",
    "PasswordResetCompleteView",
    "PasswordResetConfirmView",
    "PasswordResetDoneView",
    "PasswordResetView",
    "account",
    "api_token_create",
    "api_token_revoke",
    "invitation",
    "invitation_accept_mine",
    "invitation_resend",
    "invitation_revoke",
    "member_remove",
    "member_role",
    "organisation_cities",
    "organisation_city_add",
    "organisation_city_remove",
    "organisation_create",
    "organisation_detail",
    "organisation_edit",
    "organisation_invite",
    "organisation_leave",
    "organisation_list",
]
