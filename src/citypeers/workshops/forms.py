"""HTML input validation for workshops. No saving here: views pass cleaned data to services."""

from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation
from citypeers.core.forms import version_field
from citypeers.core.text import validate_single_line
from citypeers.knowledge.enums import CostBand
from citypeers.knowledge.models import ChallengeArea
from citypeers.workshops.enums import (
    Attribution,
    ContributorRole,
    Effort,
    InsightAudience,
    StatementKind,
    WorkshopFormat,
)
from citypeers.workshops.models import validate_time_zone
from citypeers.workshops.services.common import split_lines, split_tags

TIME_ZONES = [
    ("America/New_York", "Eastern (America/New_York)"),
    ("America/Chicago", "Central (America/Chicago)"),
    ("America/Denver", "Mountain (America/Denver)"),
    ("America/Phoenix", "Arizona (America/Phoenix)"),
    ("America/Los_Angeles", "Pacific (America/Los_Angeles)"),
    ("America/Anchorage", "Alaska (America/Anchorage)"),
    ("Pacific/Honolulu", "Hawaii (Pacific/Honolulu)"),
    ("America/Puerto_Rico", "Atlantic (America/Puerto_Rico)"),
    ("UTC", "UTC"),
]
LOCAL_INPUT = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=LOCAL_INPUT, **kwargs)


def _usa(form: forms.Form) -> None:
    """USWDS classes on every widget, so templates can render fields plainly."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            continue
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "usa-checkbox__input")
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            widget.attrs.setdefault("class", "usa-select")
        elif isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("class", "usa-textarea")
            widget.attrs.setdefault("rows", 4)
        else:
            widget.attrs.setdefault("class", "usa-input")


def in_zone(value, zone_name: str):
    """Read a datetime typed in `zone_name` (Django parsed it in the current zone)."""
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    return timezone.make_aware(naive, ZoneInfo(zone_name))


def local_input(value, zone_name: str) -> str:
    return timezone.localtime(value, ZoneInfo(zone_name)).strftime(LOCAL_INPUT)


def area_choices():
    return ChallengeArea.objects.select_related("parent").order_by(
        "parent__order", "parent__name", "order", "name"
    )


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent.name} / {obj.name}" if obj.parent_id else obj.name


class WorkshopForm(forms.Form):
    title = forms.CharField(max_length=200, validators=[validate_single_line])
    area = AreaChoiceField(queryset=ChallengeArea.objects.none(), label="Challenge area")
    purpose = forms.CharField(widget=forms.Textarea, help_text="What the cohort should leave with.")
    format = forms.ChoiceField(choices=WorkshopFormat.choices)
    starts_on = forms.DateField(widget=DateInput())
    ends_on = forms.DateField(widget=DateInput())
    time_zone = forms.ChoiceField(choices=TIME_ZONES, help_text="Session times are shown in it.")
    capacity = forms.IntegerField(
        min_value=1,
        max_value=2000,
        initial=40,
        help_text="Seats for people across cities and experts.",
    )
    cohort_min = forms.IntegerField(
        min_value=2, max_value=200, initial=6, label="Cohort: at least this many cities"
    )
    cohort_max = forms.IntegerField(
        min_value=2, max_value=200, initial=10, label="Cohort: at most this many cities"
    )
    max_per_state = forms.IntegerField(
        min_value=1, required=False, help_text="Leave empty for no limit."
    )
    max_per_region = forms.IntegerField(
        min_value=1,
        required=False,
        label="Max per Census region",
        help_text="Northeast, Midwest, South, West. Leave empty for no limit.",
    )
    max_per_size_band = forms.IntegerField(
        min_value=1,
        required=False,
        label="Max per population band",
        help_text=(
            "Under 10k, 10k to 30k, 30k to 100k, 100k to 500k, 500k and over. "
            "Leave empty for no limit."
        ),
    )
    require_exchange = forms.BooleanField(
        required=False,
        initial=True,
        label="Every city must have something to teach and something to learn in the cohort",
    )
    host_organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Hold Ctrl or ⌘ to choose several.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = area_choices()
        self.fields["host_organisations"].queryset = Organisation.objects.exclude(
            kind=OrganisationKind.LOCAL_GOVERNMENT
        ).order_by("name")
        if "version" in self.initial:  # editing: carry the version the organiser read
            self.fields["version"] = version_field()
        _usa(self)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The workshop cannot end before it starts.")
        if (
            data.get("cohort_min")
            and data.get("cohort_max")
            and data["cohort_max"] < data["cohort_min"]
        ):
            self.add_error("cohort_max", "The maximum must be at least the minimum.")
        return data


class TransitionForm(forms.Form):
    to_state = forms.CharField(max_length=20)
    note = forms.CharField(max_length=300, required=False)


class AddCityForm(forms.Form):
    city = forms.SlugField(
        label="City", help_text="Choose a city that stated the challenge, or type a directory slug."
    )


class ContributorForm(forms.Form):
    role = forms.ChoiceField(choices=ContributorRole.choices)
    email = forms.EmailField(required=False, label="Person (email of their CityPeers account)")
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Partner organisation"
    )
    session = forms.ModelChoiceField(queryset=None, required=False)
    topic = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.PARTNER
        ).order_by("name")
        self.fields["session"].queryset = workshop.sessions.all()
        _usa(self)


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        max_length=400,
        required=False,
        validators=[validate_single_line],
        help_text="Sent to every participant with the notice.",
    )


class SessionForm(forms.Form):
    title = forms.CharField(max_length=200, validators=[validate_single_line])
    starts_at = forms.DateTimeField(widget=LocalDateTimeInput(), input_formats=[LOCAL_INPUT])
    ends_at = forms.DateTimeField(widget=LocalDateTimeInput(), input_formats=[LOCAL_INPUT])
    location = forms.CharField(
        max_length=300,
        required=False,
        help_text="Room and address.",
        validators=[validate_single_line],
    )
    video_url = forms.URLField(assume_scheme="https", required=False, label="Video link")
    agenda = forms.CharField(
        widget=forms.Textarea, required=False, help_text="The running order. Markdown."
    )

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        for name in ("starts_at", "ends_at"):
            self.fields[name].help_text = f"In {zone}."
        if "version" in self.initial:  # editing: carry the version the organiser read
            self.fields["version"] = version_field()
        _usa(self)

    def clean(self):
        data = super().clean()
        for name in ("starts_at", "ends_at"):
            if data.get(name):
                data[name] = in_zone(data[name], self.zone)
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "A session must end after it starts.")
        return data


class PreWorkForm(forms.Form):
    challenge = forms.CharField(
        widget=forms.Textarea,
        label="Your challenge",
        help_text="What you face, in a few sentences.",
    )
    tried = forms.CharField(widget=forms.Textarea, label="What you tried")
    worked = forms.CharField(
        widget=forms.Textarea,
        required=False,
        label="What worked",
        help_text="With numbers where you have them.",
    )
    barriers = forms.CharField(widget=forms.Textarea, required=False, label="Barriers")
    attribution = forms.ChoiceField(
        choices=Attribution.choices,
        initial=Attribution.CITY_ONLY,
        label="How may this be credited in insights?",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.initial:  # rewriting a saved brief: carry the version read
            self.fields["version"] = version_field()
        _usa(self)


class StatementForm(forms.Form):
    kind = forms.ChoiceField(choices=StatementKind.choices)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What was said")
    jurisdiction = forms.ModelChoiceField(
        queryset=None, required=False, label="City", empty_label="— no city —"
    )
    speaker_name = forms.CharField(max_length=200, required=False, label="Speaker")
    attribution = forms.ChoiceField(
        choices=Attribution.choices,
        initial=Attribution.UNATTRIBUTED,
        label="The speaker agreed to be credited as",
    )

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = cities
        _usa(self)


class InsightForm(forms.Form):
    title = forms.CharField(max_length=200, validators=[validate_single_line])
    area = AreaChoiceField(queryset=ChallengeArea.objects.none(), label="Challenge area")
    challenge = forms.CharField(widget=forms.Textarea, label="The challenge it answers")
    steps = forms.CharField(
        widget=forms.Textarea, label="Recommended actions", help_text="One step per line, in order."
    )
    preconditions = forms.CharField(widget=forms.Textarea, required=False)
    cost_band = forms.ChoiceField(choices=CostBand.choices, label="Cost")
    effort = forms.ChoiceField(choices=Effort.choices)
    metrics = forms.CharField(
        widget=forms.Textarea, required=False, label="Metrics to track", help_text="One per line."
    )
    criteria_codes = forms.CharField(
        required=False,
        label="Related assessment criteria",
        help_text=(
            "Criterion keys from the assessment framework, comma-separated "
            "(e.g. od-portal, pa-goals)."
        ),
    )
    tags = forms.CharField(required=False, help_text="Comma-separated.")
    evidence_note = forms.CharField(
        widget=forms.Textarea, required=False, label="Evidence in words"
    )
    evidence_cities = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    evidence_solutions = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    evidence_prework = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    audience = forms.ChoiceField(
        choices=InsightAudience.choices, label="Who may read it once published"
    )

    def __init__(self, *args, cities, solutions, prework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = area_choices()
        self.fields["evidence_cities"].queryset = cities
        self.fields["evidence_solutions"].queryset = solutions
        self.fields["evidence_solutions"].label_from_instance = lambda s: f"{s.title} ({s.owner})"
        self.fields["evidence_prework"].queryset = prework
        self.fields["evidence_prework"].label_from_instance = lambda p: (
            f"Pre-work: {p.jurisdiction}"
        )
        if "version" in self.initial:  # editing: carry the version the organiser read
            self.fields["version"] = version_field()
        _usa(self)

    def clean_steps(self):
        steps = split_lines(self.cleaned_data["steps"])
        if not steps:
            raise forms.ValidationError("Give at least one recommended action.")
        return steps

    def clean_metrics(self):
        return split_lines(self.cleaned_data["metrics"])

    def clean_criteria_codes(self):
        return [c.lower() for c in split_tags(self.cleaned_data["criteria_codes"])]

    def clean_tags(self):
        return split_tags(self.cleaned_data["tags"])


class WebinarForm(forms.Form):
    title = forms.CharField(max_length=200, validators=[validate_single_line])
    description = forms.CharField(widget=forms.Textarea, help_text="Markdown.")
    area = AreaChoiceField(
        queryset=ChallengeArea.objects.none(), required=False, label="Challenge area"
    )
    time_zone = forms.ChoiceField(choices=TIME_ZONES, help_text="The times below are in this zone.")
    starts_at = forms.DateTimeField(widget=LocalDateTimeInput(), input_formats=[LOCAL_INPUT])
    ends_at = forms.DateTimeField(widget=LocalDateTimeInput(), input_formats=[LOCAL_INPUT])
    capacity = forms.IntegerField(min_value=1, max_value=100_000, initial=100)
    video_url = forms.URLField(
        assume_scheme="https",
        required=False,
        label="Video link",
        help_text="Shown to confirmed registrants only.",
    )
    co_hosts = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        label="Co-hosts",
    )
    recording_url = forms.URLField(
        assume_scheme="https", required=False, label="Recording (after the webinar)"
    )
    materials = forms.CharField(
        widget=forms.Textarea, required=False, help_text="Slides and links, Markdown."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = area_choices()
        self.fields["co_hosts"].queryset = Organisation.objects.order_by("name")
        if "version" in self.initial:  # editing: carry the version the organiser read
            self.fields["version"] = version_field()
        _usa(self)

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone")
        if zone:
            validate_time_zone(zone)
            for name in ("starts_at", "ends_at"):
                if data.get(name):
                    data[name] = in_zone(data[name], zone)
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "A webinar must end after it starts.")
        return data


class AttendanceForm(forms.Form):
    attended = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = registrations
        self.fields["attended"].label_from_instance = lambda r: (
            f"{r.user.display_name} ({r.user.email})"
        )
