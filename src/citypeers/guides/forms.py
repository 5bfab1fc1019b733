"""Forms for the guide pages. The services hold the rules; these give early, clear messages
and USWDS styling."""

from django import forms

from citypeers.accounts.models import User
from citypeers.core.forms import UswdsFormMixin, version_field
from citypeers.core.text import validate_single_line
from citypeers.guides.enums import BlockKind, MemberRole, ReviewDecision
from citypeers.knowledge.models import ChallengeArea, Solution
from citypeers.workshops.enums import InsightState
from citypeers.workshops.models import Insight


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent.name}: {obj.name}" if obj.parent_id else obj.name


def _keys(text: str) -> list[str]:
    return sorted({key.strip() for key in text.replace("\n", ",").split(",") if key.strip()})


class GuideForm(UswdsFormMixin, forms.Form):
    title = forms.CharField(max_length=200, validators=[validate_single_line])
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why the guide exists and what a reader will be able to do after reading it.",
    )
    audience = forms.CharField(
        max_length=300, help_text="For example: city CIOs and digital-inclusion staff."
    )
    area = AreaChoiceField(
        queryset=ChallengeArea.objects.select_related("parent").order_by("order", "name"),
        label="Challenge area",
    )
    lead_city = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Your city in the consortium",
        help_text="Leave empty if you lead for a partner organisation or the network.",
    )
    criteria = forms.CharField(
        required=False,
        label="Assessment criteria it addresses",
        help_text="Criterion keys, separated by commas: the guide shows on those roadmap steps.",
    )
    required_approvals = forms.IntegerField(min_value=1, max_value=5, initial=2)
    outside_approval_required = forms.BooleanField(
        required=False,
        initial=True,
        label="One approval must come from a reviewer outside the consortium",
    )

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_city"].queryset = cities

    def clean_criteria(self):
        return _keys(self.cleaned_data["criteria"])


class InviteMemberForm(UswdsFormMixin, forms.Form):
    email = forms.EmailField(
        label="Their email address", help_text="They need a CityPeers account."
    )
    role = forms.ChoiceField(choices=[c for c in MemberRole.choices if c[0] != MemberRole.LEAD])

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError("No CityPeers account uses this address.")
        self.user = user
        return email


class ChapterForm(UswdsFormMixin, forms.Form):
    title = forms.CharField(
        max_length=200, validators=[validate_single_line], label="Chapter title"
    )


class SectionForm(UswdsFormMixin, forms.Form):
    title = forms.CharField(max_length=200, validators=[validate_single_line])
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        label="Text",
        help_text="Markdown: ## headings, **bold**, lists, links, tables.",
    )
    version = version_field()


class NewSectionForm(UswdsFormMixin, forms.Form):
    title = forms.CharField(
        max_length=200, validators=[validate_single_line], label="Section title"
    )


class BlockForm(UswdsFormMixin, forms.Form):
    kind = forms.ChoiceField(choices=BlockKind.choices)
    title = forms.CharField(max_length=200, required=False, validators=[validate_single_line])
    solution = forms.ModelChoiceField(
        queryset=Solution.objects.filter(status="published")
        .select_related("owner")
        .order_by("title"),
        required=False,
        help_text="For a case study.",
    )
    insight = forms.ModelChoiceField(
        queryset=Insight.objects.filter(state=InsightState.PUBLISHED).order_by("title"),
        required=False,
        help_text="For an insight.",
    )
    items = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="For a checklist: one item per line.",
    )
    url = forms.URLField(
        required=False, assume_scheme="https", label="Address", help_text="For a resource."
    )
    file = forms.FileField(
        required=False,
        label="Or a file",
        help_text="For a resource: PDF, Office document, image or text, up to 10 MB.",
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean_items(self):
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class EditionForm(UswdsFormMixin, forms.Form):
    release_notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), help_text="What this edition contains or changes."
    )
    major = forms.BooleanField(
        required=False, label="A major edition (2.0 rather than 1.1)", help_text="For a rewrite."
    )
    reviewers = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Reviewers' email addresses, one per line. You can add more later.",
    )

    def clean_reviewers(self):
        emails = [e.strip() for e in self.cleaned_data["reviewers"].split() if e.strip()]
        users = {u.email.lower(): u for u in User.objects.filter(email__in=emails, is_active=True)}
        missing = [e for e in emails if e.lower() not in users]
        if missing:
            raise forms.ValidationError(f"No CityPeers account uses: {', '.join(missing)}.")
        return list(users.values())


class ReviewerForm(UswdsFormMixin, forms.Form):
    email = forms.EmailField(label="Reviewer's email address")

    def clean_email(self):
        user = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if user is None:
            raise forms.ValidationError("No CityPeers account uses this address.")
        self.user = user
        return user.email


class DecisionForm(UswdsFormMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[c for c in ReviewDecision.choices if c[0] != ReviewDecision.PENDING],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required to request changes.",
    )


class CommentForm(UswdsFormMixin, forms.Form):
    section = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Comment")

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "The whole edition"), *sections]


class ResolveForm(UswdsFormMixin, forms.Form):
    resolution = forms.CharField(max_length=400, label="How it was resolved")
