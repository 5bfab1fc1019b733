"""Forms for 1:1 networking: a delegate's preferences and the organisers' proposal."""

from django import forms

from citypeers.convenings.selectors.networking import requestable_delegates
from citypeers.core.forms import UswdsFormMixin
from citypeers.knowledge.models import ChallengeArea
from citypeers.knowledge.selectors import areas_for_choices


def grouped_area_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The taxonomy as choice groups: each top-level area (itself first) with its sub-areas."""
    areas = areas_for_choices()
    children: dict[int, list[ChallengeArea]] = {}
    for area in areas:
        if area.parent_id is not None:
            children.setdefault(area.parent_id, []).append(area)
    return [
        (
            top.name,
            [(top.pk, f"{top.name} (the whole area)")]
            + [(a.pk, a.name) for a in children.get(top.pk, [])],
        )
        for top in areas
        if top.parent_id is None
    ]


class PreferencesForm(UswdsFormMixin, forms.Form):
    wants = forms.ModelMultipleChoiceField(
        queryset=ChallengeArea.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="I want to learn about",
        help_text="Prefilled from your city's published challenge statements and the criteria "
        "its latest assessment does not meet yet.",
    )
    offers = forms.ModelMultipleChoiceField(
        queryset=ChallengeArea.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="I can offer experience in",
        help_text="Prefilled from the challenge areas of your city's published solutions.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = grouped_area_choices()
        for name in ("wants", "offers"):
            # Display only: the queryset still validates what is posted.
            self.fields[name].choices = choices
            self.fields[name].widget.template_name = "convenings/widgets/grouped_choices.html"


class ProposeMeetingsForm(UswdsFormMixin, forms.Form):
    slots = forms.IntegerField(min_value=1, max_value=24, label="Networking slots")
    tables = forms.IntegerField(min_value=1, max_value=500, label="Tables in each slot")


class DelegateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.delegation.jurisdiction.name})"


class RequestMeetingForm(UswdsFormMixin, forms.Form):
    delegate = DelegateChoiceField(queryset=None, label="Who would you like to meet?")
    slot = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="Networking slot",
        help_text="Leave it on “any free slot” to get the first slot in which you are both free.",
    )
    note = forms.CharField(
        max_length=300,
        required=False,
        label="What you would like to talk about",
        help_text="They see it with your request.",
    )

    def __init__(self, *args, seat, slots: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = requestable_delegates(seat)
        self.fields["slot"].choices = [("", "Any free slot")] + [
            (i, f"Slot {i}") for i in range(1, slots + 1)
        ]
