"""HTML input for assessments. Validation only; the services do the saving."""

from django import forms
from django.utils import timezone

from citypeers.assessments.engine.spec import BINARY, NUMERIC, ORDINAL, Area
from citypeers.assessments.enums import EvidenceVisibility, ResultSharing
from citypeers.assessments.services import EVIDENCE_MAX_BYTES, EVIDENCE_TYPES


class StartForm(forms.Form):
    version = forms.ModelChoiceField(
        queryset=None,
        empty_label=None,
        label="Framework",
        help_text="The framework version to assess against. Versions never change once used.",
    )
    cycle = forms.IntegerField(
        label="Cycle (year)",
        min_value=2015,
        max_value=2100,
        help_text="The year this assessment describes. One assessment per year and version.",
    )

    def __init__(self, *args, versions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions
        self.fields["cycle"].initial = timezone.now().year


class EvidenceForm(forms.Form):
    title = forms.CharField(max_length=200, required=False, label="Title")
    url = forms.URLField(required=False, max_length=500, label="Link", assume_scheme="https")
    file = forms.FileField(
        required=False,
        label="File",
        help_text=(
            f"{', '.join(sorted({e.lstrip('.').upper() for e in EVIDENCE_TYPES}))}; "
            f"at most {EVIDENCE_MAX_BYTES // (1024 * 1024)} MB."
        ),
    )
    visibility = forms.ChoiceField(
        choices=EvidenceVisibility.choices,
        initial=EvidenceVisibility.REVIEWERS,
        label="Who may see it",
    )
    requirement_key = forms.SlugField(required=False, max_length=80)

    def clean(self):
        data = super().clean()
        if bool(data.get("url")) == bool(data.get("file")):
            raise forms.ValidationError("Attach either a file or a link (one of the two).")
        return data


class SharingForm(forms.Form):
    sharing = forms.ChoiceField(
        choices=ResultSharing.choices, widget=forms.RadioSelect, label="Who may see our result"
    )
    show_certification = forms.BooleanField(
        required=False, label="Show our certified level on our public profile"
    )


class ConversationForm(forms.Form):
    criterion = forms.SlugField(max_length=80)
    peer = forms.IntegerField(min_value=1)
    message = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Message (optional)",
    )


class ReviewDecisionForm(forms.Form):
    summary = forms.CharField(
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Note to the city",
    )


def parse_answers(area: Area, data, *, prefix: str = "") -> tuple[dict[str, dict], dict[str, str]]:
    """Read one area's answers from POST data: ({criterion key: answer fields}, {key: error}).

    Field names are `<prefix><key>-met` (yes/no), `-checklist` (several), `-level`,
    `-value`, `-notes`, `-comment` and `-evidence_requested`.
    """
    answers: dict[str, dict] = {}
    errors: dict[str, str] = {}
    for criterion in area.criteria:
        name = f"{prefix}{criterion.key}"
        fields: dict = {"notes": (data.get(f"{name}-notes") or "")[:5000]}
        if criterion.type == BINARY:
            if criterion.checklist:
                fields["checklist"] = data.getlist(f"{name}-checklist")
            else:
                raw = data.get(f"{name}-met")
                fields["met"] = {"yes": True, "no": False}.get(raw)
        elif criterion.type == ORDINAL:
            raw = data.get(f"{name}-level") or ""
            if raw and not raw.isdigit():
                errors[criterion.key] = "Choose a stage."
                continue
            fields["level"] = int(raw) if raw else None
        elif criterion.type == NUMERIC:
            fields["value"] = (data.get(f"{name}-value") or "").strip() or None
        fields["comment"] = (data.get(f"{name}-comment") or "")[:4000]
        fields["evidence_requested"] = data.get(f"{name}-evidence_requested") == "on"
        answers[criterion.key] = fields
    return answers, errors
