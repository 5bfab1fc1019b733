from django import forms

from citypeers.accounts.enums import OrganisationKind, PartnerType
from citypeers.accounts.models import Organisation
from citypeers.convenings.engine.composition import RULE_LABELS, RULE_ORDER
from citypeers.convenings.enums import CommitmentStatus, ConveningState
from citypeers.core.enums import PublicationStatus
from citypeers.core.forms import UswdsFormMixin
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import Solution
from citypeers.workshops.enums import InsightState
from citypeers.workshops.models import Insight

DATE = forms.DateInput(attrs={"type": "date"})


class JurisdictionSlugField(forms.CharField):
    """A city given by its directory slug (e.g. new-orleans-la)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        jurisdiction = Jurisdiction.objects.filter(slug=value.strip()).first()
        if jurisdiction is None:
            raise forms.ValidationError(f"No city with the directory key “{value}”.")
        return jurisdiction


class ConveningForm(UswdsFormMixin, forms.Form):
    title = forms.CharField(max_length=200)
    host = JurisdictionSlugField(
        label="Host city", help_text="The city's directory key, e.g. new-orleans-la."
    )
    summary = forms.CharField(widget=forms.Textarea, required=False)
    starts_on = forms.DateField(widget=DATE)
    ends_on = forms.DateField(widget=DATE)
    time_zone = forms.CharField(max_length=64, initial="America/New_York")
    registration_opens_on = forms.DateField(widget=DATE)
    delegation_deadline = forms.DateField(
        widget=DATE, help_text="Last day cities may change their delegation."
    )
    delegation_size = forms.IntegerField(min_value=1, max_value=20, initial=3)
    min_senior_officials = forms.IntegerField(min_value=0, max_value=20, initial=2)
    min_partners = forms.IntegerField(min_value=0, max_value=20, initial=1)
    partner_types = forms.MultipleChoiceField(
        choices=PartnerType.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=["foundation", "anchor_institution", "chamber_of_commerce"],
        required=False,
        help_text="Which kinds of partner count towards the partner rule.",
    )
    max_substitutes = forms.IntegerField(min_value=0, max_value=10, initial=2)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=ConveningState.choices)
    note = forms.CharField(max_length=300, required=False)


class RoomForm(UswdsFormMixin, forms.Form):
    name = forms.CharField(max_length=120)
    capacity = forms.IntegerField(min_value=1, max_value=10000)


class InviteCitiesForm(UswdsFormMixin, forms.Form):
    cities = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Directory keys, one a line or separated by commas.",
    )

    def clean_cities(self):
        keys = [
            k.strip() for k in self.cleaned_data["cities"].replace(",", "\n").split() if k.strip()
        ]
        found = list(Jurisdiction.objects.filter(slug__in=keys))
        unknown = sorted(set(keys) - {j.slug for j in found})
        if unknown:
            raise forms.ValidationError(f"Unknown directory keys: {', '.join(unknown)}.")
        return found


class OfficialForm(UswdsFormMixin, forms.Form):
    full_name = forms.CharField(max_length=200)
    email = forms.EmailField()
    job_title = forms.CharField(max_length=200, required=False)
    is_senior = forms.BooleanField(
        required=False,
        label="Senior role",
        help_text="Elected official, city manager, chief officer or department head.",
    )
    is_substitute = forms.BooleanField(required=False, label="Substitute")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PartnerForm(UswdsFormMixin, forms.Form):
    full_name = forms.CharField(max_length=200)
    email = forms.EmailField()
    job_title = forms.CharField(max_length=200, required=False)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.PARTNER).order_by("name"),
        to_field_name="slug",
    )
    relationship = forms.CharField(
        max_length=200, help_text="How they work with the city, e.g. funds the digital equity plan."
    )
    is_substitute = forms.BooleanField(required=False, label="Substitute")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ExceptionForm(UswdsFormMixin, forms.Form):
    rule = forms.ChoiceField(choices=[(c, RULE_LABELS[c]) for c in RULE_ORDER])
    reason = forms.CharField(max_length=300)


class AcceptPartnerForm(UswdsFormMixin, forms.Form):
    full_name = forms.CharField(max_length=200, required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False)


class CommitmentForm(UswdsFormMixin, forms.Form):
    title = forms.CharField(max_length=200, label="What you will try")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    solution = forms.ModelChoiceField(
        queryset=Solution.objects.filter(status=PublicationStatus.PUBLISHED).order_by("title"),
        to_field_name="slug",
        required=False,
        help_text="The solution from the library you build on, if any.",
    )
    insight = forms.ModelChoiceField(
        queryset=Insight.objects.filter(state=InsightState.PUBLISHED).order_by("title"),
        to_field_name="slug",
        required=False,
        help_text="Or the workshop insight you build on.",
    )
    owner_name = forms.CharField(max_length=200, label="Owner")
    owner_email = forms.EmailField(label="Owner's email", help_text="Check-in reminders go here.")
    due_on = forms.DateField(widget=DATE)


class ProgressForm(UswdsFormMixin, forms.Form):
    status = forms.ChoiceField(choices=CommitmentStatus.choices)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TourForm(UswdsFormMixin, forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    starts_at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    capacity = forms.IntegerField(min_value=1, max_value=5000)
    per_delegation = forms.IntegerField(
        min_value=1, required=False, initial=1, help_text="Empty: no limit per delegation."
    )
