"""HTML input for accounts. Validation only: saving happens in services."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from citypeers.accounts.enums import MembershipRole, OrganisationKind, PartnerType
from citypeers.core.forms import UswdsFormMixin, version_field


class EmailAuthenticationForm(UswdsFormMixin, AuthenticationForm):
    """Sign in with an email address. The address is lower-cased before authentication so
    the login throttle counts "Ann@x.org" and "ann@x.org" as the same person."""

    username = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": "That email address and password do not match an account.",
        "inactive": "This account is inactive.",
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class StyledPasswordResetForm(UswdsFormMixin, PasswordResetForm):
    pass


class StyledSetPasswordForm(UswdsFormMixin, SetPasswordForm):
    pass


class StyledPasswordChangeForm(UswdsFormMixin, PasswordChangeForm):
    pass


class ProfileForm(UswdsFormMixin, forms.Form):
    full_name = forms.CharField(label="Full name", max_length=200)
    job_title = forms.CharField(
        label="Job title",
        max_length=200,
        required=False,
        help_text="For example “Chief Data Officer, Mayor's Office”.",
    )
    expertise = forms.CharField(
        label="Expertise",
        max_length=400,
        required=False,
        help_text="Comma-separated tags others can find you by, e.g. “open data, broadband”.",
    )


class ApiTokenForm(UswdsFormMixin, forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text="What will use it, e.g. “Open data portal sync”.",
    )


ORGANISATION_HELP = {
    "partner_type": "Required for partner organisations; leave empty for the others.",
    "website": "Starts with https://",
}


class OrganisationForm(UswdsFormMixin, forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(
        choices=[(k, label) for k, label in OrganisationKind.choices if k != "local_government"],
        help_text="Local governments are created from their directory entry.",
    )
    partner_type = forms.ChoiceField(
        choices=[("", "—"), *PartnerType.choices],
        required=False,
        help_text=ORGANISATION_HELP["partner_type"],
    )
    website = forms.URLField(
        required=False, assume_scheme="https", help_text=ORGANISATION_HELP["website"]
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == OrganisationKind.PARTNER and not data.get("partner_type"):
            self.add_error("partner_type", "Say what kind of partner this is.")
        if kind and kind != OrganisationKind.PARTNER:
            data["partner_type"] = ""
        return data


class OrganisationEditForm(OrganisationForm):
    """Kind and directory entry are fixed once created."""

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = version_field()
        del self.fields["kind"]
        self.kind = organisation.kind
        if organisation.kind != OrganisationKind.PARTNER:
            del self.fields["partner_type"]

    def clean(self):
        data = forms.Form.clean(self)
        if self.kind == OrganisationKind.PARTNER and not data.get("partner_type"):
            self.add_error("partner_type", "Say what kind of partner this is.")
        return data


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Name contains")
    kind = forms.ChoiceField(choices=[("", "All kinds"), *OrganisationKind.choices], required=False)
    partner_type = forms.ChoiceField(
        choices=[("", "All partner types"), *PartnerType.choices],
        required=False,
        label="Partner type",
    )


class InvitationForm(UswdsFormMixin, forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    role = forms.ChoiceField(
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,
        help_text=(
            "Editors can change the organisation's content; administrators also manage members."
        ),
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=MembershipRole.choices)


class CitySearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Find a city by name or GEOID")

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class MemberCityForm(forms.Form):
    jurisdiction = forms.CharField(max_length=120)


class AcceptInvitationForm(UswdsFormMixin, forms.Form):
    """Create the invited account: a name and a password typed twice."""

    full_name = forms.CharField(label="Full name", max_length=200)
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters; not only numbers, not a common password.",
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first:
            try:
                password_validation.validate_password(
                    first, user=_Candidate(self.email, data.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class _Candidate:
    """Stands in for the not-yet-created user so similarity checks see the email and name."""

    def __init__(self, email, full_name):
        self.email = email
        self.full_name = full_name
