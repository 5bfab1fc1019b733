"""Forms for a city's story and people; validation is shared with the API via the services."""

from django import forms

from citypeers.core.enums import PublicationStatus
from citypeers.core.forms import UswdsFormMixin, version_field
from citypeers.directory.models import ProfilePerson
from citypeers.profiles.services import validate_story


class StoryForm(UswdsFormMixin, forms.Form):
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
    version = version_field()

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


class PersonForm(UswdsFormMixin, forms.ModelForm):
    class Meta:
        model = ProfilePerson
        fields = ["name", "title", "email", "phone", "order"]
        help_texts = {
            "order": "People are listed by this number, then by name.",
            "email": "Shown to signed-in network members only.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # editing: carry the version the editor read
            self.fields["version"] = version_field()
            self.initial.setdefault("version", self.instance.version)
