from django import forms

from citypeers.core.forms import UswdsFormMixin
from citypeers.digests.enums import Frequency


class PreferencesForm(UswdsFormMixin, forms.Form):
    """One "how often" choice per city the person belongs to (field `city_<id>`)."""

    def __init__(self, *args, cities, current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.cities = list(cities)
        for city in self.cities:
            self.fields[f"city_{city.pk}"] = forms.ChoiceField(
                label=f"Digest for {city}",
                choices=Frequency.choices,
                initial=current.get(city.pk),
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose how often, or “Never”.",
                    "invalid_choice": "Choose one of the options shown.",
                },
            )
        # The mixin set classes before these fields existed.
        for field in self.fields.values():
            field.widget.attrs["class"] = "usa-radio__input"

    def choices(self) -> list[tuple]:
        return [(city, self.cleaned_data[f"city_{city.pk}"]) for city in self.cities]

    def city_fields(self):
        return [(city, self[f"city_{city.pk}"]) for city in self.cities]
