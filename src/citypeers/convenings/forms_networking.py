"""Forms for 1:1 networking: a delegate's preferences and the organisers' proposal."""

from django import forms

from citypeers.core.forms import UswdsFormMixin
from citypeers.knowledge.models import ChallengeArea


class PreferencesForm(UswdsFormMixin, forms.Form):
    wants = forms.ModelMultipleChoiceField(
        queryset=ChallengeArea.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="I want to learn about",
        help_text="Prefilled from your city's published challenge statements.",
    )
    offers = forms.ModelMultipleChoiceField(
        queryset=ChallengeArea.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="I can offer experience in",
        help_text="Prefilled from the challenge areas of your city's published solutions.",
    )


class ProposeMeetingsForm(UswdsFormMixin, forms.Form):
    slots = forms.IntegerField(min_value=1, max_value=24, label="Networking slots")
    tables = forms.IntegerField(min_value=1, max_value=500, label="Tables in each slot")
