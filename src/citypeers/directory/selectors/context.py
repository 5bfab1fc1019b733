"""A jurisdiction's context figures (ACS indicators and any imported ones) for its profile
panel and the API: each with its source, vintage and percentile in the nation and its state.

Percentiles are stored with the values (`IndicatorValue.national_percentile`,
`state_percentile`, computed when indicators are loaded), so the panel costs one query.
"""

from dataclasses import dataclass

from citypeers.directory.enums import CensusLevel
from citypeers.directory.models import IndicatorValue, Jurisdiction

# The shipped themes, in the order the panel shows them; other themes follow alphabetically.
THEMES = ["size", "density", "economy", "people", "housing"]
THEME_LABELS = {
    "size": "Size",
    "density": "Density",
    "economy": "Economy",
    "people": "People",
    "housing": "Housing",
}
# Top-coded ACS medians: the stored bound means "this or more" / "this or earlier".
TOP_CODED = {"median_household_income": (250_000, "or more"), "median_year_built": (1939, "")}


@dataclass(frozen=True)
class ContextFigure:
    code: str
    label: str
    unit: str
    theme: str
    value: float
    year: int
    source: str
    national_percentile: float | None
    state_percentile: float | None
    compared_with: str  # "counties" or "places and towns"
    state: str

    @property
    def display(self) -> str:
        """The value as a reader expects it: "$72,500", "12.3%", "1969 or earlier"."""
        unit = self.unit.lower()
        if self.code == "median_year_built":
            text = f"{self.value:.0f}"
            return f"{text} or earlier" if self.value <= TOP_CODED[self.code][0] else text
        if unit.startswith("dollars"):
            text = f"${self.value:,.0f}"
            top = TOP_CODED.get(self.code)
            return f"{text} or more" if top and self.value >= top[0] else text
        if unit.startswith("%"):
            return f"{self.value:,.1f}%"
        if self.value == int(self.value):
            return f"{self.value:,.0f}"
        return f"{self.value:,.2f}".rstrip("0").rstrip(".")

    @property
    def unit_note(self) -> str:
        """What the display does not already say: "sq mi", "of people 25+", "a month"."""
        unit = self.unit.strip()
        if unit.startswith("%"):
            return unit[1:].strip()
        if unit.lower().startswith("dollars"):
            return unit[len("dollars") :].strip()
        if self.code == "median_year_built" or unit.lower() == "year":
            return ""
        return unit

    @property
    def short_label(self) -> str:
        """The label without its top-coding note (the display says "or more" itself)."""
        return self.label.split(" (", 1)[0] if self.code in TOP_CODED else self.label

    @property
    def theme_label(self) -> str:
        return THEME_LABELS.get(self.theme, self.theme.capitalize() or "Other")

    @property
    def national_bar(self) -> float:
        return self.national_percentile if self.national_percentile is not None else 0.0

    @property
    def state_bar(self) -> float:
        return self.state_percentile if self.state_percentile is not None else 0.0


def _theme_order(theme: str) -> tuple[int, str]:
    return (THEMES.index(theme) if theme in THEMES else len(THEMES), theme)


def figures_from(values, jurisdiction: Jurisdiction) -> list[ContextFigure]:
    """Context figures from indicator values (with their indicator loaded): the latest year of
    each indicator, grouped by theme in the panel's order."""
    latest: dict[int, IndicatorValue] = {}
    for value in values:
        if value.indicator_id not in latest or value.year > latest[value.indicator_id].year:
            latest[value.indicator_id] = value
    compared_with = (
        "counties" if jurisdiction.census_level == CensusLevel.COUNTY else "places and towns"
    )
    figures = [
        ContextFigure(
            code=v.indicator.code,
            label=v.indicator.label,
            unit=v.indicator.unit,
            theme=v.indicator.theme,
            value=v.value,
            year=v.year,
            source=v.source or v.indicator.source,
            national_percentile=v.national_percentile,
            state_percentile=v.state_percentile,
            compared_with=compared_with,
            state=jurisdiction.state,
        )
        for v in latest.values()
    ]
    return sorted(figures, key=lambda f: (_theme_order(f.theme), f.label))


def context_for(jurisdiction: Jurisdiction) -> list[ContextFigure]:
    """Every context figure of `jurisdiction`, with source, vintage and percentiles; 1 query."""
    values = IndicatorValue.objects.filter(jurisdiction=jurisdiction).select_related("indicator")
    return figures_from(values, jurisdiction)


def by_theme(figures: list[ContextFigure]) -> list[tuple[str, list[ContextFigure]]]:
    groups: dict[str, list[ContextFigure]] = {}
    for figure in figures:
        groups.setdefault(figure.theme_label, []).append(figure)
    return list(groups.items())
