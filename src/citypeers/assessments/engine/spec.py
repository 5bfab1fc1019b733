"""A framework version as plain, immutable data: what the loader produces and the engine reads."""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any

BINARY = "binary"
ORDINAL = "ordinal"
NUMERIC = "numeric"
CRITERION_TYPES = (BINARY, ORDINAL, NUMERIC)

BLOCKS_POINTS = "blocks_points"
ADVISORY = "advisory"
PREREQUISITE_EFFECTS = (BLOCKS_POINTS, ADVISORY)

EFFORTS = {"low": 1, "medium": 2, "high": 3}

PERCENT_OF_POINTS = "percent_of_points"
MEAN_LEVEL = "mean_level"
LEVEL_BASES = (PERCENT_OF_POINTS, MEAN_LEVEL)
OVERALL = "overall"
EVERY_AREA = "every_area"
LEVEL_SCOPES = (OVERALL, EVERY_AREA)
ROUNDINGS = ("floor", "half_up", "exact")


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    text: str


@dataclass(frozen=True)
class EvidenceRequirement:
    key: str
    text: str
    kinds: tuple[str, ...]
    required: bool = False


@dataclass(frozen=True)
class Prerequisite:
    criterion: str
    effect: str


@dataclass(frozen=True)
class Target:
    at_least: Decimal | None = None
    at_most: Decimal | None = None

    def is_met_by(self, value: Decimal) -> bool:
        if self.at_least is not None and value < self.at_least:
            return False
        return not (self.at_most is not None and value > self.at_most)


@dataclass(frozen=True)
class Criterion:
    key: str
    area: str
    title: str
    description: str
    type: str = BINARY
    points: Fraction = Fraction(1)
    effort: str = "medium"
    crosswalk: tuple[tuple[str, str], ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    checklist_at_least: int = 0
    evidence: tuple[EvidenceRequirement, ...] = ()
    prerequisites: tuple[Prerequisite, ...] = ()
    # ordinal: the level from which the criterion counts as met (for prerequisites and roadmaps)
    met_at_level: int | None = None
    level_descriptions: tuple[tuple[int, str], ...] = ()
    # numeric
    unit: str = ""
    period: str = ""
    target: Target | None = None

    @property
    def effort_rank(self) -> int:
        return EFFORTS[self.effort]

    @property
    def primary_code(self) -> str:
        """The first cross-reference code (e.g. the current version of the model framework)."""
        return self.crosswalk[0][1] if self.crosswalk else ""


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    description: str
    criteria: tuple[Criterion, ...]
    crosswalk: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ScaleLevel:
    level: int
    key: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Tier:
    key: str
    title: str
    at_least: Fraction


@dataclass(frozen=True)
class LevelScheme:
    basis: str
    scope: str
    rounding: str
    tiers: tuple[Tier, ...]
    # Whether a validated level is a certification shown on the city's profile.
    certifies: bool = True

    def describe(self) -> str:
        """The rule in words, shown next to every result."""
        rounding = {
            "floor": "rounded down to a whole number",
            "half_up": "rounded to the nearest whole number (halves up)",
            "exact": "not rounded",
        }[self.rounding]
        if self.basis == PERCENT_OF_POINTS:
            measure = f"the percentage of available points ({rounding})"
            unit = " %"
        else:
            measure = f"the average stage of the ratings ({rounding})"
            unit = ""
        where = "overall" if self.scope == OVERALL else "in every practice area"
        steps = ", ".join(f"{t.title} at least {_fmt(t.at_least)}{unit}" for t in self.tiers)
        return f"Levels compare {measure} {where}: {steps}."


def _fmt(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):g}"


@dataclass(frozen=True)
class FrameworkVersionSpec:
    framework_slug: str
    framework_title: str
    version: str
    status: str
    areas: tuple[Area, ...]
    levels: LevelScheme
    publisher: str = ""
    licence: str = ""
    about: str = ""
    modelled_on: dict[str, Any] = field(default_factory=dict)
    released_on: str = ""
    population_at_least: int | None = None
    scale: tuple[ScaleLevel, ...] = ()

    # Cached: a spec is immutable and these are read for every criterion of every score.
    @cached_property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for area in self.areas for c in area.criteria)

    @cached_property
    def criteria_by_key(self) -> dict[str, Criterion]:
        return {c.key: c for c in self.criteria}

    @cached_property
    def top_level(self) -> int:
        return max((s.level for s in self.scale), default=0)

    @cached_property
    def bottom_level(self) -> int:
        return min((s.level for s in self.scale), default=0)

    @cached_property
    def prerequisite_order(self) -> tuple[Criterion, ...]:
        """Criteria with every prerequisite before its dependants (the loader rejects cycles)."""
        by_key = self.criteria_by_key
        placed: dict[str, None] = {}

        def visit(key: str, trail: tuple[str, ...]) -> None:
            if key in placed:
                return
            if key in trail:
                raise ValueError(f"prerequisite cycle at {key}")
            for prerequisite in by_key[key].prerequisites:
                visit(prerequisite.criterion, (*trail, key))
            placed[key] = None

        for criterion in self.criteria:
            visit(criterion.key, ())
        return tuple(by_key[key] for key in placed)

    def scale_title(self, level: int | None) -> str:
        for step in self.scale:
            if step.level == level:
                return step.title
        return ""

    @property
    def label(self) -> str:
        return f"{self.framework_title} {self.version}"
