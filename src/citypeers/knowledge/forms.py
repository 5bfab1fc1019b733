"""Forms for challenge statements, solutions (with outcome and link formsets) and list filters."""

from django import forms
from django.core.exceptions import ValidationError

from citypeers.accounts.models import Organisation
from citypeers.core.enums import PublicationStatus
from citypeers.core.forms import version_field
from citypeers.directory.enums import PopulationBand
from citypeers.knowledge.enums import CostBand, EvidenceLevel, SolutionStatus
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement
from citypeers.knowledge.selectors import SORTS, SolutionFilters, areas_for_choices
from citypeers.knowledge.services import LinkData, OutcomeData
from citypeers.knowledge.services.solutions import MAX_LINKS, MAX_OUTCOMES, PARTNER_KINDS
from citypeers.knowledge.validators import (
    ALLOWED_EXTENSIONS_TEXT,
    MAX_ATTACHMENT_BYTES,
    attachment_content_type,
)

INPUT = {"class": "usa-input"}
TEXTAREA = {"class": "usa-textarea"}
SELECT = {"class": "usa-select"}


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent.name}: {obj.name}" if obj.parent_id else obj.name


class AreaMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent.name}: {obj.name}" if obj.parent_id else obj.name


def _area_queryset():
    return ChallengeArea.objects.select_related("parent").order_by("order", "name")


class StatementForm(forms.ModelForm):
    area = AreaChoiceField(
        queryset=_area_queryset(),
        widget=forms.Select(attrs=SELECT),
        help_text="Pick the most specific area that fits.",
    )
    version = version_field()

    class Meta:
        model = ChallengeStatement
        fields = ["area", "priority", "narrative", "source_note", "status"]
        widgets = {
            "priority": forms.Select(attrs=SELECT),
            "narrative": forms.Textarea(attrs={**TEXTAREA, "rows": 6}),
            "source_note": forms.TextInput(attrs=INPUT),
            "status": forms.Select(attrs=SELECT),
        }
        help_texts = {
            "narrative": "What the city faces, in a few sentences. Markdown is allowed.",
            "status": "Drafts are seen only by your city's members.",
        }

    def __init__(self, *args, jurisdiction, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.jurisdiction = jurisdiction
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
        else:
            del self.fields["version"]  # a new statement has no version to be stale against

    def clean_narrative(self):
        narrative = self.cleaned_data["narrative"].strip()
        if len(narrative) < 20:
            raise ValidationError("Write at least a sentence (20 characters or more).")
        return narrative


class SolutionForm(forms.Form):
    title = forms.CharField(max_length=200, widget=forms.TextInput(attrs=INPUT))
    challenges = AreaMultipleChoiceField(
        queryset=_area_queryset(),
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 10}),
        help_text="Hold Ctrl (Cmd on a Mac) to pick several.",
    )
    problem = forms.CharField(
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 5}),
        help_text="The problem this tackled, and for whom.",
    )
    approach = forms.CharField(
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 7}),
        help_text="What the city did, step by step. Markdown is allowed.",
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.filter(kind__in=PARTNER_KINDS).order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 6}),
        help_text="Partner organisations and coalitions already on CityPeers.",
    )
    cost_band = forms.ChoiceField(
        choices=CostBand.choices, initial=CostBand.UNKNOWN, widget=forms.Select(attrs=SELECT)
    )
    started_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={**INPUT, "type": "date"}),
        label="Start date",
    )
    solution_status = forms.ChoiceField(
        choices=SolutionStatus.choices, label="Stage", widget=forms.Select(attrs=SELECT)
    )
    evidence_level = forms.ChoiceField(
        choices=EvidenceLevel.choices,
        widget=forms.Select(attrs=SELECT),
        help_text="How strong is the evidence that it works?",
    )
    source_note = forms.CharField(
        max_length=400,
        required=False,
        widget=forms.TextInput(attrs=INPUT),
        label="Sources",
        help_text="Where the facts and figures come from (title, URL, year).",
    )
    status = forms.ChoiceField(
        choices=PublicationStatus.choices,
        initial=PublicationStatus.DRAFT,
        widget=forms.Select(attrs=SELECT),
        label="Publication",
        help_text="Drafts are seen only by your city's members.",
    )
    version = version_field()

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["version"]  # a new solution has no version to be stale against

    @classmethod
    def initial_for(cls, solution) -> dict:
        return {
            "title": solution.title,
            "challenges": list(solution.challenges.all()),
            "problem": solution.problem,
            "approach": solution.approach,
            "partners": list(solution.partners.all()),
            "cost_band": solution.cost_band,
            "started_on": solution.started_on,
            "solution_status": solution.solution_status,
            "evidence_level": solution.evidence_level,
            "source_note": solution.source_note,
            "status": solution.status,
            "version": solution.version,
        }


class OutcomeForm(forms.Form):
    name = forms.CharField(max_length=200, widget=forms.TextInput(attrs=INPUT), label="Metric")
    baseline = forms.FloatField(
        required=False, widget=forms.NumberInput(attrs={**INPUT, "step": "any"})
    )
    value = forms.FloatField(
        widget=forms.NumberInput(attrs={**INPUT, "step": "any"}), label="Latest value"
    )
    unit = forms.CharField(max_length=40, required=False, widget=forms.TextInput(attrs=INPUT))
    measured_on = forms.DateField(
        required=False, label="Measured on", widget=forms.DateInput(attrs={**INPUT, "type": "date"})
    )


class LinkForm(forms.Form):
    title = forms.CharField(max_length=200, widget=forms.TextInput(attrs=INPUT))
    url = forms.URLField(widget=forms.URLInput(attrs=INPUT), label="URL", assume_scheme="https")


OutcomeFormSet = forms.formset_factory(
    OutcomeForm, extra=2, can_delete=True, max_num=MAX_OUTCOMES, validate_max=True
)
LinkFormSet = forms.formset_factory(
    LinkForm, extra=1, can_delete=True, max_num=MAX_LINKS, validate_max=True
)


def outcomes_from(formset) -> list[OutcomeData]:
    return [OutcomeData(**form.cleaned_data_without_delete) for form in _kept(formset)]


def links_from(formset) -> list[LinkData]:
    return [LinkData(**form.cleaned_data_without_delete) for form in _kept(formset)]


def _kept(formset):
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        form.cleaned_data_without_delete = {k: v for k, v in data.items() if k != "DELETE"}
        yield form


def outcome_initial(solution) -> list[dict]:
    return [
        {
            "name": o.name,
            "baseline": o.baseline,
            "value": o.value,
            "unit": o.unit,
            "measured_on": o.measured_on,
        }
        for o in solution.outcomes.all()
    ]


def link_initial(solution) -> list[dict]:
    return [{"title": li.title, "url": li.url} for li in solution.links.all()]


class AttachmentForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=INPUT),
        help_text="Defaults to the file name.",
    )
    file = forms.FileField(
        widget=forms.ClearableFileInput(attrs={"class": "usa-file-input"}),
        help_text=f"{ALLOWED_EXTENSIONS_TEXT}; up to {MAX_ATTACHMENT_BYTES // 1_048_576} MB.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        attachment_content_type(upload)
        return upload


SORT_CHOICES = [
    ("", "Relevance / recently updated"),
    ("updated", "Recently updated"),
    ("title", "Title (A to Z)"),
    ("city", "City (A to Z)"),
    ("evidence", "Strongest evidence first"),
    ("started", "Most recently started"),
]


class SolutionFilterForm(forms.Form):
    """The solution list's filters. Invalid values are dropped, never an error page."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.TextInput(attrs={**INPUT, "type": "search"}),
    )
    challenge = forms.ChoiceField(required=False, widget=forms.Select(attrs=SELECT))
    state = forms.CharField(
        required=False,
        max_length=2,
        widget=forms.TextInput(attrs={**INPUT, "placeholder": "e.g. TX"}),
    )
    population_band = forms.ChoiceField(
        required=False,
        label="Population",
        choices=[("", "Any size"), *PopulationBand.choices],
        widget=forms.Select(attrs=SELECT),
    )
    solution_status = forms.ChoiceField(
        required=False,
        label="Stage",
        choices=[("", "Any stage"), *SolutionStatus.choices],
        widget=forms.Select(attrs=SELECT),
    )
    evidence_level = forms.ChoiceField(
        required=False,
        label="Evidence",
        choices=[("", "Any evidence"), *EvidenceLevel.choices],
        widget=forms.Select(attrs=SELECT),
    )
    sort = forms.ChoiceField(
        required=False, choices=SORT_CHOICES, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Any challenge")]
        for area in areas_for_choices():
            label = f"— {area.name}" if area.parent_id else area.name
            choices.append((area.slug, label))
        self.fields["challenge"].choices = choices

    def filters(self) -> SolutionFilters:
        self.is_valid()
        data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}
        return SolutionFilters(
            search=data.get("q", ""),
            challenge=data.get("challenge", ""),
            state=data.get("state", "").upper() if data.get("state", "").isalpha() else "",
            population_band=data.get("population_band", ""),
            solution_status=data.get("solution_status", ""),
            evidence_level=data.get("evidence_level", ""),
            sort=data.get("sort", "") if data.get("sort", "") in SORTS else "",
        )
