"""HTML input for coalition profiles, partners, projects, partnerships and member lists."""

from django import forms
from django.db.models import F
from django.db.models.functions import Coalesce

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation
from citypeers.core.forms import UswdsFormMixin, version_field
from citypeers.knowledge.models import ChallengeArea


class CoalitionProfileForm(UswdsFormMixin, forms.Form):
    mission = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="Markdown."
    )
    region_states = forms.CharField(
        required=False,
        max_length=200,
        label="States",
        help_text="Two-letter codes separated by commas, e.g. TX, OK.",
    )
    region_counties = forms.CharField(required=False, max_length=400, label="Counties")
    region_metro = forms.CharField(required=False, max_length=200, label="Metropolitan area")
    source_note = forms.CharField(
        required=False,
        max_length=400,
        label="Source",
        help_text="Where the mission and region come from.",
    )
    version = version_field()

    def clean_region_states(self) -> list[str]:
        text = self.cleaned_data["region_states"]
        return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


class PartnerForm(UswdsFormMixin, forms.Form):
    partner = forms.ModelChoiceField(queryset=None, label="Organisation")
    role = forms.CharField(
        required=False, max_length=200, help_text="e.g. research partner, funder, host."
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = (
            Organisation.objects.filter(
                kind__in=[OrganisationKind.PARTNER, OrganisationKind.COALITION]
            )
            .exclude(pk=coalition.pk)
            .order_by("name")
        )


class PartnerRoleForm(UswdsFormMixin, forms.Form):
    role = forms.CharField(required=False, max_length=200)


class ProjectForm(UswdsFormMixin, forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="Markdown."
    )
    area = forms.ModelChoiceField(
        queryset=ChallengeArea.objects.order_by("order", "name"),
        required=False,
        label="Challenge area",
    )
    solution = forms.ModelChoiceField(queryset=None, required=False, label="Builds on a solution")

    def __init__(self, *args, solutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["solution"].queryset = solutions


class EditProjectForm(ProjectForm):
    version = version_field()


class AreaChoiceField(forms.ModelMultipleChoiceField):
    """Challenge areas and sub-areas, each sub-area named with its area."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.parent.name}: {obj.name}" if obj.parent_id else obj.name


class PartnershipForm(UswdsFormMixin, forms.Form):
    name = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="Markdown."
    )
    coalitions = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.COALITION).order_by("name"),
        label="Member coalitions",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    agenda = AreaChoiceField(
        queryset=ChallengeArea.objects.select_related("parent").order_by(
            Coalesce("parent__order", "order"),
            Coalesce("parent__name", "name"),
            F("parent").asc(nulls_first=True),
            "order",
            "name",
        ),
        required=False,
        label="Shared agenda (challenge areas)",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    source_note = forms.CharField(required=False, max_length=400, label="Source")
    version = version_field()


class MemberImportForm(UswdsFormMixin, forms.Form):
    file = forms.FileField(
        label="Member list (CSV)",
        help_text="Columns name and state (USPS code, FIPS code or name); geoid optional.",
    )
    dry_run = forms.BooleanField(
        required=False, initial=True, label="Check only: show the report, save nothing"
    )
