"""HTML input for the directory list: its filters. Validation only, no saving."""

from django import forms

from citypeers.directory.enums import GovernmentType, PopulationBand
from citypeers.directory.selectors import FILTER_KINDS, SORTS, DirectoryFilters
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
