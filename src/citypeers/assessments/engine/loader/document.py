"""The file as a whole: YAML in, the framework and version fields, the scale and the levels."""

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from citypeers.assessments.engine.loader import fields
from citypeers.assessments.engine.loader.criteria import parse_areas
from citypeers.assessments.engine.loader.fields import FrameworkError
from citypeers.assessments.engine.loader.prerequisites import check_prerequisites
from citypeers.assessments.engine.spec import (
    EVERY_AREA,
    LEVEL_BASES,
    LEVEL_SCOPES,
    MEAN_LEVEL,
    ORDINAL,
    ROUNDINGS,
    FrameworkVersionSpec,
    LevelScheme,
    ScaleLevel,
    Tier,
)

SCHEMA = "citypeers.framework/1"
# libyaml's safe loader is about ten times faster than the pure-Python one; same semantics.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TOP_KEYS = {"schema", "framework", "version"}
FRAMEWORK_KEYS = {"slug", "title", "publisher", "licence", "about", "modelled_on"}
VERSION_KEYS = {"id", "status", "released_on", "eligibility", "scale", "levels", "areas"}


def load_file(path: str | Path) -> tuple[FrameworkVersionSpec, dict[str, Any]]:
    """Parse and validate one YAML file. Returns the spec and the plain data it came from."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise FrameworkError([f"cannot read {path}: {exc.strerror or exc}"]) from exc
    return load_text(text)


def load_text(text: str) -> tuple[FrameworkVersionSpec, dict[str, Any]]:
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise FrameworkError([f"not valid YAML: {exc}"]) from exc
    return parse(data), data


def parse(data: object) -> FrameworkVersionSpec:
    """Validate plain data (as read from YAML or stored JSON) and build the spec."""
    problems = fields.Problems([])
    if not isinstance(data, dict):
        raise FrameworkError(["the file must be a mapping with 'framework' and 'version'"])
    fields.unknown(problems, "file", data, TOP_KEYS)
    if data.get("schema") != SCHEMA:
        problems.add("file", f"'schema' must be '{SCHEMA}'")
    framework = fields.mapping(problems, "framework", data.get("framework"))
    version = fields.mapping(problems, "version", data.get("version"))
    fields.unknown(problems, "framework", framework, FRAMEWORK_KEYS)
    fields.unknown(problems, "version", version, VERSION_KEYS)
    slug = fields.key(problems, "framework", framework.get("slug"), "slug")
    title = fields.text(problems, "framework", framework.get("title"), "title")
    version_id = str(version.get("id") or "").strip()
    if not version_id:
        problems.add("version", "'id' is required (e.g. \"2025.1\")")
    scale = _scale(problems, version.get("scale"))
    levels = _levels(problems, version.get("levels"))
    areas = parse_areas(problems, version.get("areas"), scale)
    if levels is not None and levels.basis == MEAN_LEVEL:
        if not scale:
            problems.add("version.levels", "basis 'mean_level' needs a 'scale' of ordinal levels")
        for area in areas:
            if levels.scope == EVERY_AREA and not any(c.type == ORDINAL for c in area.criteria):
                problems.add(
                    f"area '{area.key}'",
                    "basis 'mean_level' in every area needs at least one ordinal criterion",
                )
    check_prerequisites(problems, areas)
    eligibility = version.get("eligibility") or {}
    population_at_least = None
    if not isinstance(eligibility, dict):
        problems.add("version.eligibility", "must be a mapping")
    else:
        fields.unknown(problems, "version.eligibility", eligibility, {"population_at_least"})
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
        # None only for an empty `levels: {}`, which `_levels` does not report as a problem.
        levels=levels,  # type: ignore[arg-type]
        publisher=str(framework.get("publisher") or ""),
        licence=str(framework.get("licence") or ""),
        about=str(framework.get("about") or ""),
        modelled_on=dict(modelled_on) if isinstance(modelled_on, dict) else {},
        released_on=str(released or ""),
        population_at_least=population_at_least,
        scale=tuple(scale),
    )


def _scale(problems: fields.Problems, value: object) -> list[ScaleLevel]:
    if value is None:
        return []
    if not isinstance(value, list) or not value:
        problems.add("version.scale", "must be a list of levels")
        return []
    scale: list[ScaleLevel] = []
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
                key=fields.key(problems, where, step.get("key"), "key"),
                title=fields.text(problems, where, step.get("title"), "title"),
                description=str(step.get("description") or ""),
            )
        )
    levels = [s.level for s in scale]
    if levels != sorted(set(levels)):
        problems.add("version.scale", "levels must be distinct and listed from lowest to highest")
    return scale


def _levels(problems: fields.Problems, value: object) -> LevelScheme | None:
    where = "version.levels"
    data = fields.mapping(problems, where, value)
    if not data:
        return None
    fields.unknown(problems, where, data, {"basis", "scope", "rounding", "tiers", "certifies"})
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
        fields.unknown(problems, tier_where, tier, {"key", "title", "at_least"})
        threshold = fields.number(problems, tier_where, tier.get("at_least"), "at_least")
        if threshold is None:
            continue
        tiers.append(
            Tier(
                key=fields.key(problems, tier_where, tier.get("key"), "key"),
                title=fields.text(problems, tier_where, tier.get("title"), "title"),
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
