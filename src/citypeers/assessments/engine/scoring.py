"""Score one assessment against a framework version. Pure: plain data in, plain data out.

Arithmetic uses `Fraction`, so thresholds such as 51 % of 43 points are compared exactly; the
framework's level scheme says how a percentage or a mean stage is rounded before comparing.
"""

import math
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

from citypeers.assessments.engine.spec import (
    BINARY,
    BLOCKS_POINTS,
    EVERY_AREA,
    MEAN_LEVEL,
    NUMERIC,
    ORDINAL,
    Criterion,
    FrameworkVersionSpec,
    LevelScheme,
    Tier,
)


@dataclass(frozen=True)
class Answer:
    """A city's (or a reviewer's) answer to one criterion. Only the fields of its type matter."""

    met: bool | None = None
    checklist: frozenset[str] = frozenset()
    level: int | None = None
    value: Decimal | None = None

    @property
    def answered(self) -> bool:
        return (
            self.met is not None
            or self.level is not None
            or self.value is not None
            or bool(self.checklist)
        )


@dataclass(frozen=True)
class CriterionScore:
    key: str
    area: str
    answered: bool
    met: bool
    earned: Fraction
    max_points: Fraction
    blocked_by: tuple[str, ...] = ()
    level: int | None = None

    @property
    def is_blocked(self) -> bool:
        """Points the city would have earned but lost to an unmet prerequisite."""
        return bool(self.blocked_by) and self.met


@dataclass(frozen=True)
class AreaScore:
    key: str
    title: str
    points: Fraction
    max_points: Fraction
    answered: int
    total: int
    mean_level: Fraction | None = None
    level_key: str | None = None
    level_title: str = ""

    @property
    def percent(self) -> Fraction:
        return self.points * 100 / self.max_points if self.max_points else Fraction(0)


@dataclass(frozen=True)
class ScoreResult:
    points: Fraction
    max_points: Fraction
    measure: Fraction  # the rounded figure the level scheme compared (percent or mean stage)
    level_key: str | None
    level_title: str
    areas: tuple[AreaScore, ...]
    criteria: dict[str, CriterionScore] = field(default_factory=dict)

    @property
    def percent(self) -> Fraction:
        return self.points * 100 / self.max_points if self.max_points else Fraction(0)

    @property
    def blocked(self) -> tuple[str, ...]:
        return tuple(k for k, c in self.criteria.items() if c.is_blocked)

    @property
    def met(self) -> tuple[str, ...]:
        return tuple(k for k, c in self.criteria.items() if c.met and not c.blocked_by)

    @property
    def answered(self) -> int:
        return sum(1 for c in self.criteria.values() if c.answered)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures (floats rounded to 0.1) for storage and the API."""
        return {
            "points": _num(self.points),
            "max_points": _num(self.max_points),
            "percent": _num(self.percent),
            "measure": _num(self.measure),
            "level": self.level_key,
            "level_title": self.level_title,
            "blocked": list(self.blocked),
            "met": list(self.met),
            "areas": [
                {
                    "key": a.key,
                    "title": a.title,
                    "points": _num(a.points),
                    "max_points": _num(a.max_points),
                    "percent": _num(a.percent),
                    "mean_level": None if a.mean_level is None else _num(a.mean_level),
                    "level": a.level_key,
                    "level_title": a.level_title,
                    "answered": a.answered,
                    "total": a.total,
                }
                for a in self.areas
            ],
        }


def _num(value: Fraction) -> float:
    return round(float(value), 1)


def criterion_fraction(
    criterion: Criterion, answer: Answer, spec: FrameworkVersionSpec
) -> tuple[Fraction, bool]:
    """(share of the criterion's points earned before prerequisites, whether it is met)."""
    if criterion.type == BINARY:
        if criterion.checklist:
            ticked = answer.checklist & {item.key for item in criterion.checklist}
            met = len(ticked) >= criterion.checklist_at_least
        else:
            met = answer.met is True
        return Fraction(int(met)), met
    if criterion.type == ORDINAL:
        if answer.level is None:
            return Fraction(0), False
        bottom, top = spec.bottom_level, spec.top_level
        level = min(max(answer.level, bottom), top)
        share = Fraction(level - bottom, top - bottom) if top > bottom else Fraction(1)
        return share, level >= (criterion.met_at_level or top)
    if criterion.type == NUMERIC:
        if answer.value is None:
            return Fraction(0), False
        met = criterion.target.is_met_by(answer.value) if criterion.target else True
        return Fraction(int(met)), met
    raise ValueError(f"unknown criterion type {criterion.type}")


def score(spec: FrameworkVersionSpec, answers: dict[str, Answer]) -> ScoreResult:
    """Points, percentages and levels per area and overall, and the criteria blocked."""
    empty = Answer()
    results: dict[str, CriterionScore] = {}
    for criterion in spec.prerequisite_order:
        answer = answers.get(criterion.key, empty)
        share, met = criterion_fraction(criterion, answer, spec)
        blocked_by = tuple(
            p.criterion
            for p in criterion.prerequisites
            if p.effect == BLOCKS_POINTS
            and not (results[p.criterion].met and not results[p.criterion].blocked_by)
        )
        earned = Fraction(0) if blocked_by else criterion.points * share
        results[criterion.key] = CriterionScore(
            key=criterion.key,
            area=criterion.area,
            answered=answer.answered,
            met=met,
            earned=earned,
            max_points=criterion.points,
            blocked_by=blocked_by,
            level=answer.level if criterion.type == ORDINAL else None,
        )
    scheme = spec.levels
    areas = []
    for area in spec.areas:
        scores = [results[c.key] for c in area.criteria]
        ordinal_levels = [
            Fraction(s.level if s.level is not None else spec.bottom_level)
            for s, c in zip(scores, area.criteria, strict=True)
            if c.type == ORDINAL
        ]
        mean = sum(ordinal_levels, Fraction(0)) / len(ordinal_levels) if ordinal_levels else None
        partial = AreaScore(
            key=area.key,
            title=area.title,
            points=sum((s.earned for s in scores), Fraction(0)),
            max_points=sum((s.max_points for s in scores), Fraction(0)),
            answered=sum(1 for s in scores if s.answered),
            total=len(scores),
            mean_level=mean,
        )
        tier = _tier_for(scheme, _area_measure(scheme, partial))
        areas.append(
            replace(
                partial,
                level_key=tier.key if tier else None,
                level_title=tier.title if tier else "",
            )
        )
    points = sum((a.points for a in areas), Fraction(0))
    max_points = sum((a.max_points for a in areas), Fraction(0))
    measure = _overall_measure(scheme, areas, results, spec, points, max_points)
    tier = _tier_for(scheme, measure)
    return ScoreResult(
        points=points,
        max_points=max_points,
        measure=measure,
        level_key=tier.key if tier else None,
        level_title=tier.title if tier else "",
        areas=tuple(areas),
        criteria=results,
    )


def apply_rounding(value: Fraction, rounding: str) -> Fraction:
    if rounding == "floor":
        return Fraction(math.floor(value))
    if rounding == "half_up":
        return Fraction(math.floor(value + Fraction(1, 2)))
    return value


def _area_measure(scheme: LevelScheme, area: AreaScore) -> Fraction:
    raw = area.mean_level if scheme.basis == MEAN_LEVEL else area.percent
    return apply_rounding(raw or Fraction(0), scheme.rounding)


def _overall_measure(
    scheme: LevelScheme,
    areas: list[AreaScore],
    results: dict[str, CriterionScore],
    spec: FrameworkVersionSpec,
    points: Fraction,
    max_points: Fraction,
) -> Fraction:
    if scheme.scope == EVERY_AREA:
        return min((_area_measure(scheme, a) for a in areas), default=Fraction(0))
    if scheme.basis == MEAN_LEVEL:
        levels = [
            Fraction(level if (level := results[c.key].level) is not None else spec.bottom_level)
            for c in spec.criteria
            if c.type == ORDINAL
        ]
        raw = sum(levels, Fraction(0)) / len(levels) if levels else Fraction(0)
    else:
        raw = points * 100 / max_points if max_points else Fraction(0)
    return apply_rounding(raw, scheme.rounding)


def _tier_for(scheme: LevelScheme, measure: Fraction) -> Tier | None:
    """The highest tier whose threshold the measure reaches ("at least")."""
    reached = None
    for tier in scheme.tiers:
        if measure >= tier.at_least:
            reached = tier
    return reached
