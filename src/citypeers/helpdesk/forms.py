"""Forms for the help desk pages. Validation that matters lives in the services; these give
clear messages early and USWDS styling (`core.forms.UswdsFormMixin`)."""

from django import forms

from citypeers.core.enums import PublicationStatus
from citypeers.core.forms import UswdsFormMixin
from citypeers.core.text import validate_single_line
from citypeers.helpdesk.enums import (
    RequestStatus,
    RequestVisibility,
    TriageDecision,
    Urgency,
)
from citypeers.knowledge.models import ChallengeArea, Solution


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent.name}: {obj.name}" if obj.parent_id else obj.name


class HelpRequestForm(UswdsFormMixin, forms.Form):
    jurisdiction = forms.ModelChoiceField(queryset=None, label="For which city", empty_label=None)
    title = forms.CharField(
        max_length=200,
        label="Your question in one line",
        validators=[validate_single_line],
        help_text="For example: How did you get residents to use the 311 app?",
    )
    question = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="What would you like help with?",
        help_text="The situation, what you need to decide and by when. Markdown is allowed.",
    )
    area = AreaChoiceField(
        queryset=ChallengeArea.objects.select_related("parent").order_by("order", "name"),
        label="Challenge area",
    )
    criterion = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Assessment criterion it is about",
        help_text="Cities that meet it are suggested as peers.",
    )
    urgency = forms.ChoiceField(choices=Urgency.choices, initial=Urgency.MEDIUM)
    tried = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="What have you tried already?",
    )
    visibility = forms.ChoiceField(
        choices=RequestVisibility.choices,
        initial=RequestVisibility.NETWORK,
        widget=forms.RadioSelect,
        label="Who may see it",
        help_text="Your city's members, the organisers and the people they invite always can.",
    )

    def __init__(self, *args, cities, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = cities
        self.fields["criterion"].queryset = criteria
        if cities.count() == 1:
            self.fields["jurisdiction"].initial = cities.first()


class TriageForm(UswdsFormMixin, forms.Form):
    decision = forms.ChoiceField(choices=TriageDecision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        max_length=400,
        required=False,
        validators=[validate_single_line],
        help_text="Needed to close; shown to the asker.",
    )
    duplicate = forms.ModelChoiceField(
        queryset=None, required=False, label="Duplicate of", help_text="Needed to merge."
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = candidates


class InviteForm(forms.Form):
    people = forms.TypedMultipleChoiceField(coerce=int, label="People to invite")

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = choices


class AnswerForm(UswdsFormMixin, forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Your answer",
        help_text="What your city did, what it cost, what you would do differently. Markdown.",
    )


class PublishForm(UswdsFormMixin, forms.Form):
    consent = forms.BooleanField(
        required=True,
        label="I agree to publish the question and the accepted answer for everyone to read",
        error_messages={"required": "Tick the box to agree to publishing."},
    )
    linked_solutions = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Solutions the answer draws on",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, area_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["linked_solutions"].queryset = (
            Solution.objects.filter(status=PublicationStatus.PUBLISHED, challenges__in=area_ids)
            .select_related("owner")
            .distinct()
            .order_by("title")
        )


class QueueFilterForm(UswdsFormMixin, forms.Form):
    status = forms.ChoiceField(
        choices=[
            ("", "Active (someone has to act)"),
            ("all", "Any status"),
            *RequestStatus.choices,
        ],
        required=False,
    )
    older_than = forms.ChoiceField(
        choices=[
            ("", "Any age"),
            ("1", "Older than a day"),
            ("7", "Older than a week"),
            ("30", "Older than a month"),
        ],
        required=False,
        label="Age",
    )
    area = forms.ChoiceField(required=False, label="Challenge area")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        areas = ChallengeArea.objects.filter(parent__isnull=True).order_by("order", "name")
        self.fields["area"].choices = [("", "Any area"), *((a.slug, a.name) for a in areas)]
