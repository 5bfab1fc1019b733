"""Forms for the programme: proposals, reviews, decisions, time slots and hand placement."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from citypeers.convenings.enums import REVIEW_CRITERIA, ProposalStatus, SessionFormat
from citypeers.convenings.models import Convening
from citypeers.convenings.selectors.programme import delegates_of
from citypeers.core.forms import UswdsFormMixin, version_field
from citypeers.core.text import validate_single_line
from citypeers.knowledge.models import ChallengeArea

SCORES = [(n, str(n)) for n in range(1, 6)]


class DelegateChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.delegation.jurisdiction.name})"


class ProposalForm(UswdsFormMixin, forms.Form):
    title = forms.CharField(max_length=200, validators=[validate_single_line])
    format = forms.ChoiceField(choices=SessionFormat.choices)
    challenge_area = forms.ModelChoiceField(
        queryset=ChallengeArea.objects.order_by("name"),
        required=False,
        help_text="The challenge the session is about.",
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}))
    needs = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Equipment, room layout, anything else.",
    )
    speakers = DelegateChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Delegates of any city at the convening.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, convening: Convening, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speakers"].queryset = delegates_of(convening)


class ReviewForm(UswdsFormMixin, forms.Form):
    relevance = forms.TypedChoiceField(
        choices=SCORES, coerce=int, label=REVIEW_CRITERIA["relevance"]
    )
    feasibility = forms.TypedChoiceField(
        choices=SCORES, coerce=int, label=REVIEW_CRITERIA["feasibility"]
    )
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DecisionForm(UswdsFormMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[(ProposalStatus.ACCEPTED, "Accept"), (ProposalStatus.DECLINED, "Decline")]
    )
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text="Emailed to the proposer and speakers."
    )
    version = version_field()


class SlotForm(UswdsFormMixin, forms.Form):
    """A slot given as a day and two times in the convening's own time zone."""

    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, convening: Convening, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = ZoneInfo(convening.time_zone)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["starts_at"] = datetime.combine(data["day"], data["starts"], tzinfo=self.zone)
        data["ends_at"] = datetime.combine(data["day"], data["ends"], tzinfo=self.zone)
        if data["ends_at"] <= data["starts_at"]:
            raise forms.ValidationError("A slot ends after it starts.")
        return data


class SlotChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, zone: ZoneInfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone

    def label_from_instance(self, obj):
        starts = timezone.localtime(obj.starts_at, self.zone)
        ends = timezone.localtime(obj.ends_at, self.zone)
        return f"{starts:%a %-d %b %H:%M} to {ends:%H:%M}"


class PlacementForm(UswdsFormMixin, forms.Form):
    proposal = forms.ModelChoiceField(queryset=None, label="Session")
    room = forms.ModelChoiceField(queryset=None)
    slot = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, convening: Convening, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = convening.proposals.filter(
            status=ProposalStatus.ACCEPTED
        ).order_by("title")
        self.fields["room"].queryset = convening.rooms.all()
        zone = ZoneInfo(convening.time_zone)
        self.fields["slot"] = SlotChoiceField(queryset=convening.slots.all(), zone=zone)
        self.fields["slot"].widget.attrs["class"] = "usa-select"
