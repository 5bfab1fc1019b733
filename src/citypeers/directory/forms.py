"""HTML input for the directory: list filters, the story, people. Validation only, no saving."""

from django import forms

from citypeers.core.enums import PublicationStatus
from citypeers.directory.enums import GovernmentType, PopulationBand
from citypeers.directory.models import ProfilePerson
from citypeers.directory.selectors import FILTER_KINDS, SORTS, DirectoryFilters
from citypeers.directory.services.profiles import validate_story
from citypeers.directory.states import state_choices

SORT_LABELS = {
    "name": "Name (A to Z)",
    "-name": "Name (Z to A)",
    "-population": "Population (largest first)",
    "population": "Population (smallest first)",
}


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search by name or GEOID")
    state = forms.ChoiceField(required=False, label="State")
    band = forms.ChoiceField(required=False, label="Population")
    kind = forms.ChoiceField(required=False, label="Government type")
    sort = forms.ChoiceField(required=False, label="Sort by")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "All states"), *state_choices()]
        self.fields["band"].choices = [("", "Any size"), *PopulationBand.choices]
        self.fields["kind"].choices = [
            ("", "All types"),
            *[(k.value, GovernmentType(k).label) for k in FILTER_KINDS],
        ]
        self.fields["sort"].choices = [(key, SORT_LABELS[key]) for key in SORTS]

    def filters(self) -> DirectoryFilters:
        """The valid part of the query; invalid values are dropped (and shown as errors)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return DirectoryFilters(
            search=data.get("q") or "",
            state=data.get("state") or "",
            kind=data.get("kind") or "",
            band=data.get("band") or "",
            sort=data.get("sort") or "name",
        )


def add_uswds_classes(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        css = (
            "usa-textarea"
            if isinstance(widget, forms.Textarea)
            else "usa-select"
            if isinstance(widget, forms.Select)
            else "usa-input"
        )
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class StoryForm(forms.Form):
    summary = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Who you are, what you face and what you are proud of. Markdown allowed.",
    )
    future_plans = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you plan next and where you would like help. Markdown allowed.",
    )
    story_status = forms.ChoiceField(
        choices=PublicationStatus.choices,
        label="Status",
        help_text=(
            "Only a published story is shown to the public; drafts are visible to your editors."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_uswds_classes(self)

    def clean(self):
        cleaned = super().clean()
        errors = validate_story(
            summary=cleaned.get("summary", ""),
            future_plans=cleaned.get("future_plans", ""),
            story_status=cleaned.get("story_status", ""),
        )
        for name, messages in errors.items():
            for message in messages:
                if name in self.fields and name not in self.errors:
                    self.add_error(name, message)
        return cleaned


class PersonForm(forms.ModelForm):
    class Meta:
        model = ProfilePerson
        fields = ["name", "title", "email", "phone", "order"]
        help_texts = {
            "order": "People are listed by this number, then by name.",
            "email": "Shown to signed-in network members only.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_uswds_classes(self)
