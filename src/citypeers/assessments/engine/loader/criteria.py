"""Practice areas and their criteria: type, points, checklist, evidence, prerequisites, target."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

from citypeers.assessments.engine.loader import fields
from citypeers.assessments.engine.loader.fields import Problems
from citypeers.assessments.engine.spec import (
    BINARY,
    CRITERION_TYPES,
    EFFORTS,
    NUMERIC,
    ORDINAL,
    PREREQUISITE_EFFECTS,
    Area,
    ChecklistItem,
    Criterion,
    EvidenceRequirement,
    Prerequisite,
    ScaleLevel,
    Target,
)

EVIDENCE_KINDS = ("file", "url")
AREA_KEYS = {"key", "title", "description", "crosswalk", "criteria"}
CRITERION_KEYS = {
    "key",
    "title",
    "description",
    "type",
    "points",
    "effort",
    "crosswalk",
    "checklist",
    "evidence",
    "prerequisites",
    "met_at_level",
    "level_descriptions",
    "unit",
    "period",
    "target",
}


def parse_areas(problems: Problems, value: object, scale: list[ScaleLevel]) -> list[Area]:
    if not isinstance(value, list) or not value:
        problems.add("version.areas", "must list at least one practice area")
        return []
    areas: list[Area] = []
    area_keys: set[str] = set()
    criterion_keys: set[str] = set()
    for index, raw in enumerate(value):
        if not isinstance(raw, dict):
            problems.add(f"version.areas[{index}]", "must be a mapping")
            continue
        key = fields.key(problems, f"version.areas[{index}]", raw.get("key"), "key")
        where = f"area '{key}'" if key else f"version.areas[{index}]"
        if key in area_keys:
            problems.add(where, "the key is used twice")
        area_keys.add(key)
        fields.unknown(problems, where, raw, AREA_KEYS)
        criteria: list[Criterion] = []
        raw_criteria = raw.get("criteria")
        if not isinstance(raw_criteria, list) or not raw_criteria:
            problems.add(where, "must list at least one criterion")
            raw_criteria = []
        for c_index, raw_criterion in enumerate(raw_criteria):
            criterion = _criterion(
                problems, f"{where} criteria[{c_index}]", raw_criterion, key, scale
            )
            if criterion is None:
                continue
            if criterion.key in criterion_keys:
                problems.add(f"criterion '{criterion.key}'", "the key is used twice")
            criterion_keys.add(criterion.key)
            criteria.append(criterion)
        areas.append(
            Area(
                key=key,
                title=fields.text(problems, where, raw.get("title"), "title"),
                description=str(raw.get("description") or ""),
                criteria=tuple(criteria),
                crosswalk=fields.crosswalk(problems, where, raw.get("crosswalk")),
            )
        )
    return areas


def _criterion(
    problems: Problems, fallback_where: str, raw: object, area_key: str, scale: list[ScaleLevel]
) -> Criterion | None:
    if not isinstance(raw, dict):
        problems.add(fallback_where, "must be a mapping")
        return None
    key = fields.key(problems, fallback_where, raw.get("key"), "key")
    where = f"criterion '{key}'" if key else fallback_where
    fields.unknown(problems, where, raw, CRITERION_KEYS)
    kind = raw.get("type", BINARY)
    if kind not in CRITERION_TYPES:
        problems.add(where, f"'type' must be one of {', '.join(CRITERION_TYPES)}")
        kind = BINARY
    points = fields.number(problems, where, raw.get("points", 1), "points")
    if points is not None and points <= 0:
        problems.add(where, "'points' must be more than zero")
    effort = raw.get("effort", "medium")
    if effort not in EFFORTS:
        problems.add(where, f"'effort' must be one of {', '.join(EFFORTS)}")
        effort = "medium"
    checklist, at_least = _checklist(problems, where, raw.get("checklist"), kind)
    met_at_level = None
    level_descriptions: tuple[tuple[int, str], ...] = ()
    levels = [s.level for s in scale]
    if kind == ORDINAL:
        if not scale:
            problems.add(where, "an ordinal criterion needs the version's 'scale'")
        met_at_level = raw.get("met_at_level", max(levels, default=0))
        if levels and met_at_level not in levels:
            problems.add(where, f"'met_at_level' {met_at_level} is not a level of the scale")
        descriptions = raw.get("level_descriptions") or {}
        if not isinstance(descriptions, dict):
            problems.add(where, "'level_descriptions' must map a level to a sentence")
            descriptions = {}
        parsed: dict[int, str] = {}
        for level, sentence in descriptions.items():
            # Stored copies come back from JSON with string keys.
            number = int(level) if str(level).isdigit() else None
            if number is None or number not in levels:
                problems.add(where, f"'level_descriptions' names level {level}, not on the scale")
            else:
                parsed[number] = str(sentence)
        level_descriptions = tuple(sorted(parsed.items()))
    elif raw.get("met_at_level") is not None or raw.get("level_descriptions"):
        problems.add(
            where, "'met_at_level' and 'level_descriptions' apply to ordinal criteria only"
        )
    target = None
    if kind == NUMERIC:
        if not raw.get("unit"):
            problems.add(where, "a numeric criterion needs a 'unit'")
        target = _target(problems, where, raw.get("target"))
    elif raw.get("target") is not None:
        problems.add(where, "'target' applies to numeric criteria only")
    return Criterion(
        key=key,
        area=area_key,
        title=fields.text(problems, where, raw.get("title"), "title"),
        description=str(raw.get("description") or "").strip(),
        type=kind,
        points=points or Fraction(1),
        effort=effort,
        crosswalk=fields.crosswalk(problems, where, raw.get("crosswalk")),
        checklist=checklist,
        checklist_at_least=at_least,
        evidence=_evidence(problems, where, raw.get("evidence")),
        prerequisites=_prerequisites(problems, where, raw.get("prerequisites")),
        met_at_level=met_at_level,
        level_descriptions=level_descriptions,
        unit=str(raw.get("unit") or ""),
        period=str(raw.get("period") or ""),
        target=target,
    )


def _checklist(
    problems: Problems, where: str, value: object, kind: str
) -> tuple[tuple[ChecklistItem, ...], Any]:
    if value is None:
        return (), 0
    if kind != BINARY:
        problems.add(where, "a checklist applies to binary criteria only")
        return (), 0
    if not isinstance(value, dict):
        problems.add(where, "'checklist' must have 'items' and optionally 'at_least'")
        return (), 0
    fields.unknown(problems, f"{where} checklist", value, {"items", "at_least"})
    items: list[ChecklistItem] = []
    for index, raw in enumerate(value.get("items") or []):
        if not isinstance(raw, dict):
            problems.add(f"{where} checklist[{index}]", "must be a mapping")
            continue
        items.append(
            ChecklistItem(
                key=fields.key(problems, f"{where} checklist[{index}]", raw.get("key"), "key"),
                text=fields.text(problems, f"{where} checklist[{index}]", raw.get("text"), "text"),
            )
        )
    if not items:
        problems.add(where, "the checklist has no items")
    if len({i.key for i in items}) != len(items):
        problems.add(where, "checklist item keys must be distinct")
    at_least = value.get("at_least", len(items))
    if not isinstance(at_least, int) or not 1 <= at_least <= max(len(items), 1):
        problems.add(where, f"checklist 'at_least' must be between 1 and {len(items)} (k of n)")
        at_least = len(items)
    return tuple(items), at_least


def _evidence(problems: Problems, where: str, value: object) -> tuple[EvidenceRequirement, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(where, "'evidence' must be a list")
        return ()
    result = []
    for index, raw in enumerate(value):
        item_where = f"{where} evidence[{index}]"
        if not isinstance(raw, dict):
            problems.add(item_where, "must be a mapping")
            continue
        fields.unknown(problems, item_where, raw, {"key", "text", "kinds", "required"})
        kinds = tuple(raw.get("kinds") or EVIDENCE_KINDS)
        for kind in kinds:
            if kind not in EVIDENCE_KINDS:
                problems.add(
                    item_where, f"kind '{kind}' must be one of {', '.join(EVIDENCE_KINDS)}"
                )
        result.append(
            EvidenceRequirement(
                key=fields.key(problems, item_where, raw.get("key"), "key"),
                text=fields.text(problems, item_where, raw.get("text"), "text"),
                kinds=kinds,
                required=bool(raw.get("required", False)),
            )
        )
    return tuple(result)


def _prerequisites(problems: Problems, where: str, value: object) -> tuple[Prerequisite, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(where, "'prerequisites' must be a list")
        return ()
    result = []
    for raw in value:
        if not isinstance(raw, dict) or "criterion" not in raw:
            problems.add(where, "each prerequisite needs 'criterion' and 'effect'")
            continue
        effect = raw.get("effect", "blocks_points")
        if effect not in PREREQUISITE_EFFECTS:
            problems.add(
                where,
                f"prerequisite effect '{effect}' must be one of {', '.join(PREREQUISITE_EFFECTS)}",
            )
            continue
        result.append(Prerequisite(criterion=str(raw["criterion"]), effect=effect))
    return tuple(result)


def _target(problems: Problems, where: str, value: object) -> Target | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= {"at_least", "at_most"} or not value:
        problems.add(where, "'target' must have 'at_least' and/or 'at_most'")
        return None
    bounds = {}
    for name in ("at_least", "at_most"):
        if name in value:
            number = fields.number(problems, where, value[name], f"target.{name}")
            bounds[name] = (
                Decimal(number.numerator) / Decimal(number.denominator) if number else None
            )
    return Target(**bounds)
