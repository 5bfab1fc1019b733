"""HTML input for the replication ledger; saving goes through `services`."""

from django import forms

from citypeers.coalitions.engine.stages import allowed_targets
from citypeers.coalitions.enums import CostKind, FinancialModel, ReplicationVisibility
from citypeers.coalitions.models import BarrierKind
from citypeers.coalitions.services import BarrierData, CostData, OutcomeData
from citypeers.coalitions.services.replications import MAX_ROWS
from citypeers.core.forms import UswdsFormMixin

STAGE_LABELS = {
    "considering": "Considering",
    "adapting": "Adapting",
    "piloting": "Piloting",
    "scaling": "Scaling",
    "paused": "Paused",
    "dropped": "Dropped",
}


class ReplicationFieldsForm(UswdsFormMixin, forms.Form):
    adapted = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What you adapted",
        help_text="What you changed to fit your city (Markdown).",
    )
    financial_model = forms.ChoiceField(
        choices=FinancialModel.choices, required=False, label="Financial model"
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label="Partners involved"
    )
    prompted_by_insight = forms.ModelChoiceField(
        queryset=None, required=False, label="Prompted by an insight"
    )
    prompted_by_workshop = forms.ModelChoiceField(
        queryset=None, required=False, label="Prompted by a workshop"
    )
    prompted_by_note = forms.CharField(
        max_length=400, required=False, label="Or say what prompted it"
    )
    visibility = forms.ChoiceField(
        choices=ReplicationVisibility.choices,
        initial=ReplicationVisibility.NETWORK,
        help_text="Network members always see it; “Public” shows it to everyone.",
    )

    def __init__(self, *args, partners, insights, workshops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = partners
        self.fields["prompted_by_insight"].queryset = insights
        self.fields["prompted_by_workshop"].queryset = workshops


class StartReplicationForm(ReplicationFieldsForm):
    adopter = forms.ModelChoiceField(queryset=None, label="Your city", empty_label=None)

    field_order = ["adopter"]

    def __init__(self, *args, adopters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopter"].queryset = adopters


class EditReplicationForm(ReplicationFieldsForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class StageForm(UswdsFormMixin, forms.Form):
    stage = forms.ChoiceField(choices=())
    reason = forms.CharField(
        max_length=400, required=False, help_text="Needed to pause, drop or reconsider."
    )
    changed_on = forms.DateField(
        required=False, label="Date of the change", widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s, STAGE_LABELS[s]) for s in allowed_targets(current)]


class QuestionForm(UswdsFormMixin, forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="Your question", max_length=4000
    )


class AnswerForm(UswdsFormMixin, forms.Form):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


INPUT = {"class": "usa-input"}


class BarrierForm(forms.Form):
    kind = forms.ModelChoiceField(
        queryset=BarrierKind.objects.all(),
        label="Barrier",
        widget=forms.Select(attrs={"class": "usa-select"}),
    )
    notes = forms.CharField(required=False, widget=forms.TextInput(attrs=INPUT))


class CostForm(forms.Form):
    kind = forms.ChoiceField(
        choices=CostKind.choices, widget=forms.Select(attrs={"class": "usa-select"})
    )
    amount = forms.DecimalField(
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**INPUT, "step": "any"}),
    )
    currency = forms.CharField(max_length=3, initial="USD", widget=forms.TextInput(attrs=INPUT))
    year = forms.IntegerField(min_value=1990, max_value=2100, widget=forms.NumberInput(attrs=INPUT))
    note = forms.CharField(
        max_length=400,
        required=False,
        widget=forms.TextInput(attrs=INPUT),
        label="What it paid for; source",
    )


class OutcomeForm(forms.Form):
    metric = forms.ChoiceField(choices=(), widget=forms.Select(attrs={"class": "usa-select"}))
    baseline = forms.FloatField(
        required=False, widget=forms.NumberInput(attrs={**INPUT, "step": "any"})
    )
    value = forms.FloatField(
        widget=forms.NumberInput(attrs={**INPUT, "step": "any"}), label="Latest value"
    )
    unit = forms.CharField(max_length=40, required=False, widget=forms.TextInput(attrs=INPUT))
    unit_note = forms.CharField(
        max_length=400,
        required=False,
        widget=forms.TextInput(attrs=INPUT),
        label="Why the unit differs",
    )
    measured_on = forms.DateField(
        required=False, label="Measured on", widget=forms.DateInput(attrs={**INPUT, "type": "date"})
    )
    source_note = forms.CharField(
        max_length=400, required=False, widget=forms.TextInput(attrs=INPUT), label="Source"
    )

    def __init__(self, *args, metrics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [(m, m) for m in metrics]


BarrierFormSet = forms.formset_factory(
    BarrierForm, extra=2, can_delete=True, max_num=MAX_ROWS, validate_max=True
)
CostFormSet = forms.formset_factory(
    CostForm, extra=2, can_delete=True, max_num=MAX_ROWS, validate_max=True
)
OutcomeFormSet = forms.formset_factory(
    OutcomeForm, extra=2, can_delete=True, max_num=MAX_ROWS, validate_max=True
)


def _kept(formset):
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if data and not data.get("DELETE"):
            yield {k: v for k, v in data.items() if k != "DELETE"}


def barriers_from(formset) -> list[BarrierData]:
    return [BarrierData(**row) for row in _kept(formset)]


def costs_from(formset) -> list[CostData]:
    return [CostData(**row) for row in _kept(formset)]


def outcomes_from(formset) -> list[OutcomeData]:
    return [OutcomeData(**row) for row in _kept(formset)]


def initial_rows(replication) -> dict[str, list[dict]]:
    return {
        "barriers": [{"kind": b.kind, "notes": b.notes} for b in replication.barriers.all()],
        "costs": [
            {
                "kind": c.kind,
                "amount": c.amount,
                "currency": c.currency,
                "year": c.year,
                "note": c.note,
            }
            for c in replication.costs.all()
        ],
        "outcomes": [
            {
                "metric": o.metric,
                "baseline": o.baseline,
                "value": o.value,
                "unit": o.unit,
                "unit_note": o.unit_note,
                "measured_on": o.measured_on,
                "source_note": o.source_note,
            }
            for o in replication.outcomes.all()
        ],
    }
