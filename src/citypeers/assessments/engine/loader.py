"""Read a framework YAML file into a `FrameworkVersionSpec`, checking everything on the way.

Every problem is collected (not just the first) and names where it is, e.g.
"criterion 'pa-reviews': prerequisite 'pa-goal' is not a criterion of this version".
Prerequisite cycles are reported with the full loop.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

import yaml

from citypeers.assessments.engine.spec import (
    BINARY,
    CRITERION_TYPES,
    EFFORTS,
    EVERY_AREA,
    LEVEL_BASES,
    LEVEL_SCOPES,
    MEAN_LEVEL,
    NUMERIC,
    ORDINAL,
    PREREQUISITE_EFFECTS,
    ROUNDINGS,
    Area,
    ChecklistItem,
    Criterion,
    EvidenceRequirement,
    FrameworkVersionSpec,
    LevelScheme,
    Prerequisite,
    ScaleLevel,
    Target,
    Tier,
)

SCHEMA = "citypeers.framework/1"
# libyaml's safe loader is about ten times faster than the pure-Python one; same semantics.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
EVIDENCE_KINDS = ("file", "url")
KEY_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_.")

TOP_KEYS = {"schema", "framework", "version"}
FRAMEWORK_KEYS = {"slug", "title", "publisher", "licence", "about", "modelled_on"}
VERSION_KEYS = {"id", "status", "released_on", "eligibility", "scale", "levels", "areas"}
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


class FrameworkError(ValueError):
    """A framework file that cannot be loaded; `problems` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class _Problems:
    items: list[str]

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}" if where else message)


def load_file(path: str | Path) -> tuple[FrameworkVersionSpec, dict]:
    """Parse and validate one YAML file. Returns the spec and the plain data it came from."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise FrameworkError([f"cannot read {path}: {exc.strerror or exc}"]) from exc
    return load_text(text)


def load_text(text: str) -> tuple[FrameworkVersionSpec, dict]:
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise FrameworkError([f"not valid YAML: {exc}"]) from exc
    return parse(data), data


def parse(data) -> FrameworkVersionSpec:
    """Validate plain data (as read from YAML or stored JSON) and build the spec."""
    problems = _Problems([])
    if not isinstance(data, dict):
        raise FrameworkError(["the file must be a mapping with 'framework' and 'version'"])
    _unknown(problems, "file", data, TOP_KEYS)
    if data.get("schema") != SCHEMA:
        problems.add("file", f"'schema' must be '{SCHEMA}'")
    framework = _mapping(problems, "framework", data.get("framework"))
    version = _mapping(problems, "version", data.get("version"))
    _unknown(problems, "framework", framework, FRAMEWORK_KEYS)
    _unknown(problems, "version", version, VERSION_KEYS)
    slug = _key(problems, "framework", framework.get("slug"), "slug")
    title = _text(problems, "framework", framework.get("title"), "title")
    version_id = str(version.get("id") or "").strip()
    if not version_id:
        problems.add("version", "'id' is required (e.g. \"2025.1\")")
    scale = _scale(problems, version.get("scale"))
    levels = _levels(problems, version.get("levels"))
    areas = _areas(problems, version.get("areas"), scale)
    if levels is not None and levels.basis == MEAN_LEVEL:
        if not scale:
            problems.add("version.levels", "basis 'mean_level' needs a 'scale' of ordinal levels")
        for area in areas:
            if levels.scope == EVERY_AREA and not any(c.type == ORDINAL for c in area.criteria):
                problems.add(
                    f"area '{area.key}'",
                    "basis 'mean_level' in every area needs at least one ordinal criterion",
                )
    _check_prerequisites(problems, areas)
    eligibility = version.get("eligibility") or {}
    population_at_least = None
    if not isinstance(eligibility, dict):
        problems.add("version.eligibility", "must be a mapping")
    else:
        _unknown(problems, "version.eligibility", eligibility, {"population_at_least"})
        if "population_at_least" in eligibility:
            population_at_least = eligibility["population_at_least"]
            if not isinstance(population_at_least, int) or population_at_least < 0:
                problems.add("version.eligibility", "'population_at_least' must be a whole number")
    released = version.get("released_on", "")
    if isinstance(released, date):
        released = released.isoformat()
    modelled_on = framework.get("modelled_on") or {}
    if problems.items:
        raise FrameworkError(problems.items)
    return FrameworkVersionSpec(
        framework_slug=slug,
        framework_title=title,
        version=version_id,
        status=str(version.get("status") or "published"),
        areas=tuple(areas),
        levels=levels,
        publisher=str(framework.get("publisher") or ""),
        licence=str(framework.get("licence") or ""),
        about=str(framework.get("about") or ""),
        modelled_on=dict(modelled_on) if isinstance(modelled_on, dict) else {},
        released_on=str(released or ""),
        population_at_least=population_at_least,
        scale=tuple(scale),
    )


def _mapping(problems, where, value) -> dict:
    if value is None:
        problems.add(where, "is required")
        return {}
    if not isinstance(value, dict):
        problems.add(where, "must be a mapping")
        return {}
    return value


def _unknown(problems, where, value, allowed) -> None:
    if isinstance(value, dict):
        for name in sorted(set(value) - allowed):
            problems.add(where, f"unknown field '{name}' (allowed: {', '.join(sorted(allowed))})")


def _key(problems, where, value, name) -> str:
    if not isinstance(value, str) or not value:
        problems.add(where, f"'{name}' is required")
        return ""
    if not set(value) <= KEY_CHARS:
        problems.add(where, f"'{name}' '{value}' may use only a-z, 0-9, '-', '_' and '.'")
    return value


def _text(problems, where, value, name) -> str:
    if not isinstance(value, str) or not value.strip():
        problems.add(where, f"'{name}' is required")
        return ""
    return value.strip()


def _number(problems, where, value, name) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        problems.add(where, f"'{name}' must be a number")
        return None
    try:
        return Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        problems.add(where, f"'{name}' must be a number")
        return None


def _crosswalk(problems, where, value) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        problems.add(where, "'crosswalk' must map a scheme to a code, e.g. {wwc_v3: DM2}")
        return ()
    return tuple((str(k), str(v)) for k, v in value.items())


def _scale(problems, value) -> list[ScaleLevel]:
    if value is None:
        return []
    if not isinstance(value, list) or not value:
        problems.add("version.scale", "must be a list of levels")
        return []
    scale = []
    for index, step in enumerate(value):
        where = f"version.scale[{index}]"
        if not isinstance(step, dict):
            problems.add(where, "must be a mapping")
            continue
        level = step.get("level")
        if not isinstance(level, int):
            problems.add(where, "'level' must be a whole number")
            continue
        scale.append(
            ScaleLevel(
                level=level,
                key=_key(problems, where, step.get("key"), "key"),
                title=_text(problems, where, step.get("title"), "title"),
                description=str(step.get("description") or ""),
            )
        )
    levels = [s.level for s in scale]
    if levels != sorted(set(levels)):
        problems.add("version.scale", "levels must be distinct and listed from lowest to highest")
    return scale


def _levels(problems, value) -> LevelScheme | None:
    where = "version.levels"
    data = _mapping(problems, where, value)
    if not data:
        return None
    _unknown(problems, where, data, {"basis", "scope", "rounding", "tiers", "certifies"})
    certifies = data.get("certifies", True)
    if not isinstance(certifies, bool):
        problems.add(where, "'certifies' must be true or false")
    basis = data.get("basis")
    scope = data.get("scope", "overall")
    rounding = data.get("rounding")
    if basis not in LEVEL_BASES:
        problems.add(where, f"'basis' must be one of {', '.join(LEVEL_BASES)}")
    if scope not in LEVEL_SCOPES:
        problems.add(where, f"'scope' must be one of {', '.join(LEVEL_SCOPES)}")
    if rounding not in ROUNDINGS:
        problems.add(where, f"'rounding' must be stated explicitly: one of {', '.join(ROUNDINGS)}")
    tiers = []
    raw_tiers = data.get("tiers")
    if not isinstance(raw_tiers, list) or not raw_tiers:
        problems.add(where, "'tiers' must list at least one level")
        raw_tiers = []
    for index, tier in enumerate(raw_tiers):
        tier_where = f"{where}.tiers[{index}]"
        if not isinstance(tier, dict):
            problems.add(tier_where, "must be a mapping")
            continue
        _unknown(problems, tier_where, tier, {"key", "title", "at_least"})
        threshold = _number(problems, tier_where, tier.get("at_least"), "at_least")
        if threshold is None:
            continue
        tiers.append(
            Tier(
                key=_key(problems, tier_where, tier.get("key"), "key"),
                title=_text(problems, tier_where, tier.get("title"), "title"),
                at_least=threshold,
            )
        )
    thresholds = [t.at_least for t in tiers]
    if thresholds != sorted(set(thresholds)):
        problems.add(where, "tier thresholds ('at_least') must rise strictly from first to last")
    if basis not in LEVEL_BASES or scope not in LEVEL_SCOPES or rounding not in ROUNDINGS:
        return None
    return LevelScheme(
        basis=basis, scope=scope, rounding=rounding, tiers=tuple(tiers), certifies=certifies is True
    )


def _areas(problems, value, scale) -> list[Area]:
    if not isinstance(value, list) or not value:
        problems.add("version.areas", "must list at least one practice area")
        return []
    areas, area_keys, criterion_keys = [], set(), set()
    for index, raw in enumerate(value):
        if not isinstance(raw, dict):
            problems.add(f"version.areas[{index}]", "must be a mapping")
            continue
        key = _key(problems, f"version.areas[{index}]", raw.get("key"), "key")
        where = f"area '{key}'" if key else f"version.areas[{index}]"
        if key in area_keys:
            problems.add(where, "the key is used twice")
        area_keys.add(key)
        _unknown(problems, where, raw, AREA_KEYS)
        criteria = []
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
                title=_text(problems, where, raw.get("title"), "title"),
                description=str(raw.get("description") or ""),
                criteria=tuple(criteria),
                crosswalk=_crosswalk(problems, where, raw.get("crosswalk")),
            )
        )
    return areas


def _criterion(problems, fallback_where, raw, area_key, scale) -> Criterion | None:
    if not isinstance(raw, dict):
        problems.add(fallback_where, "must be a mapping")
        return None
    key = _key(problems, fallback_where, raw.get("key"), "key")
    where = f"criterion '{key}'" if key else fallback_where
    _unknown(problems, where, raw, CRITERION_KEYS)
    kind = raw.get("type", BINARY)
    if kind not in CRITERION_TYPES:
        problems.add(where, f"'type' must be one of {', '.join(CRITERION_TYPES)}")
        kind = BINARY
    points = _number(problems, where, raw.get("points", 1), "points")
    if points is not None and points <= 0:
        problems.add(where, "'points' must be more than zero")
    effort = raw.get("effort", "medium")
    if effort not in EFFORTS:
        problems.add(where, f"'effort' must be one of {', '.join(EFFORTS)}")
        effort = "medium"
    checklist, at_least = _checklist(problems, where, raw.get("checklist"), kind)
    met_at_level = None
    level_descriptions: tuple = ()
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
        parsed = {}
        for level, sentence in descriptions.items():
            # Stored copies come back from JSON with string keys.
            number = int(level) if str(level).isdigit() else None
            if number not in levels:
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
        title=_text(problems, where, raw.get("title"), "title"),
        description=str(raw.get("description") or "").strip(),
        type=kind,
        points=points or Fraction(1),
        effort=effort,
        crosswalk=_crosswalk(problems, where, raw.get("crosswalk")),
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


def _checklist(problems, where, value, kind):
    if value is None:
        return (), 0
    if kind != BINARY:
        problems.add(where, "a checklist applies to binary criteria only")
        return (), 0
    if not isinstance(value, dict):
        problems.add(where, "'checklist' must have 'items' and optionally 'at_least'")
        return (), 0
    _unknown(problems, f"{where} checklist", value, {"items", "at_least"})
    items = []
    for index, raw in enumerate(value.get("items") or []):
        if not isinstance(raw, dict):
            problems.add(f"{where} checklist[{index}]", "must be a mapping")
            continue
        items.append(
            ChecklistItem(
                key=_key(problems, f"{where} checklist[{index}]", raw.get("key"), "key"),
                text=_text(problems, f"{where} checklist[{index}]", raw.get("text"), "text"),
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


def _evidence(problems, where, value) -> tuple[EvidenceRequirement, ...]:
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
        _unknown(problems, item_where, raw, {"key", "text", "kinds", "required"})
        kinds = tuple(raw.get("kinds") or EVIDENCE_KINDS)
        for kind in kinds:
            if kind not in EVIDENCE_KINDS:
                problems.add(
                    item_where, f"kind '{kind}' must be one of {', '.join(EVIDENCE_KINDS)}"
                )
        result.append(
            EvidenceRequirement(
                key=_key(problems, item_where, raw.get("key"), "key"),
                text=_text(problems, item_where, raw.get("text"), "text"),
                kinds=kinds,
                required=bool(raw.get("required", False)),
            )
        )
    return tuple(result)


def _prerequisites(problems, where, value) -> tuple[Prerequisite, ...]:
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


def _target(problems, where, value) -> Target | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= {"at_least", "at_most"} or not value:
        problems.add(where, "'target' must have 'at_least' and/or 'at_most'")
        return None
    bounds = {}
    for name in ("at_least", "at_most"):
        if name in value:
            number = _number(problems, where, value[name], f"target.{name}")
            bounds[name] = (
                Decimal(number.numerator) / Decimal(number.denominator) if number else None
            )
    return Target(**bounds)


def _check_prerequisites(problems, areas: list[Area]) -> None:
    known = {c.key: c for area in areas for c in area.criteria}
    graph: dict[str, list[str]] = {}
    for criterion in known.values():
        edges = []
        for prerequisite in criterion.prerequisites:
            if prerequisite.criterion == criterion.key:
                problems.add(f"criterion '{criterion.key}'", "lists itself as a prerequisite")
            elif prerequisite.criterion not in known:
                problems.add(
                    f"criterion '{criterion.key}'",
                    f"prerequisite '{prerequisite.criterion}' is not a criterion of this version",
                )
            else:
                edges.append(prerequisite.criterion)
        graph[criterion.key] = edges
    cycle = find_cycle(graph)
    if cycle:
        problems.add(f"criterion '{cycle[0]}'", f"prerequisites form a cycle: {' → '.join(cycle)}")


def find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """The first cycle found as a closed path [a, b, …, a], or None. Iterative DFS."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    for start in graph:
        if colour[start] != white:
            continue
        stack = [(start, iter(graph[start]))]
        path = [start]
        colour[start] = grey
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = black
                stack.pop()
                path.pop()
            elif colour.get(child, black) == grey:
                return [*path[path.index(child) :], child]
            elif colour.get(child) == white:
                colour[child] = grey
                path.append(child)
                stack.append((child, iter(graph[child])))
    return None
