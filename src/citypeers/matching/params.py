"""Peer query parameters: one parser for the page, the API and the command line.

Raises django ValidationError with a message a person can act on; never lets bad input through
to the engine.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from citypeers.directory.enums import POPULATION_BAND_BOUNDS, GovernmentType

DEFAULT_K = 10
MAX_K = 50
MAX_PINNED = 5
MAX_WEIGHT = 10.0
CHALLENGE_KEY = "challenge"
THEME_PREFIX = "theme."
# Which geographies a city is compared with: its own level by default.
LEVEL_CHOICES = {
    "same": "The city's own level",
    "place": "Places (cities, towns, villages)",
    "county_subdivision": "County subdivisions (towns, townships)",
    "county": "Counties",
    "all": "All levels",
}


@dataclass(frozen=True)
class PeerParams:
    k: int = DEFAULT_K
    challenge: str | None = None  # a challenge area slug
    feature_weights: dict[str, float] = field(default_factory=dict)
    theme_weights: dict[str, float] = field(default_factory=dict)
    challenge_weight: float | None = None  # None: 0.3 when there is challenge content, else 0
    same_state: bool | None = None
    band: str | None = None
    kinds: tuple[str, ...] = ()
    level: str = "same"  # a LEVEL_CHOICES key
    coalition: str | None = None  # an organisation slug
    has_solution: bool = False
    pinned: tuple[str, ...] = ()  # jurisdiction keys (slug, GEOID or "Name, ST")

    @property
    def population_bounds(self) -> tuple[int | None, int | None]:
        if self.band is None:
            return None, None
        return POPULATION_BAND_BOUNDS[self.band]


def _number(name: str, text: str, low: float, high: float) -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise ValidationError(f"{name}: “{text}” is not a number.") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise ValidationError(f"{name} must be between {low:g} and {high:g}.")
    return value


def parse_weights(text: str) -> tuple[dict[str, float], dict[str, float], float | None]:
    """`feature:weight,theme.economy:0.5,challenge:0.4` → (features, themes, challenge weight).

    A bare name is a feature code, or a theme when no feature has that code (checked later,
    against the features the directory has).
    """
    features: dict[str, float] = {}
    themes: dict[str, float] = {}
    challenge = None
    for part in (p.strip() for p in (text or "").split(",")):
        if not part:
            continue
        name, sep, value = part.partition(":")
        name = name.strip()
        if not sep or not name:
            raise ValidationError(f"weights: “{part}” should look like name:weight.")
        if name == CHALLENGE_KEY:
            challenge = _number("challenge weight", value, 0, 1)
        elif name.startswith(THEME_PREFIX):
            themes[name[len(THEME_PREFIX) :]] = _number(f"weight for {name}", value, 0, MAX_WEIGHT)
        else:
            features[name] = _number(f"weight for {name}", value, 0, MAX_WEIGHT)
    return features, themes, challenge


def _list(data: Mapping, name: str) -> list[str]:
    if hasattr(data, "getlist"):
        values = data.getlist(name)
    else:
        raw = data.get(name)
        values = raw if isinstance(raw, list | tuple) else ([] if raw is None else [raw])
    out = []
    for value in values:
        out += [v.strip() for v in str(value).split(",") if v.strip()]
    return out


def _one(data: Mapping, name: str) -> str:
    value = data.get(name)
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return "" if value is None else str(value).strip()


def peer_params(data: Mapping) -> PeerParams:
    """Parse GET-style data: k, challenge, weights, w_<feature>, t_<theme>, same_state, band,
    type, level, coalition, has_solution, pinned."""
    k_text = _one(data, "k")
    k = DEFAULT_K if not k_text else int(_number("k", k_text, 1, MAX_K))
    if k_text and float(k_text) != k:
        raise ValidationError("k must be a whole number.")
    features, themes, challenge_weight = parse_weights(_one(data, "weights"))
    for key in list(data.keys()):
        if key.startswith("w_") and _one(data, key) != "":
            features[key[2:]] = _number(f"weight for {key[2:]}", _one(data, key), 0, MAX_WEIGHT)
        elif key.startswith("t_") and _one(data, key) != "":
            themes[key[2:]] = _number(f"weight for theme {key[2:]}", _one(data, key), 0, MAX_WEIGHT)
    if _one(data, "challenge_weight"):
        challenge_weight = _number("challenge_weight", _one(data, "challenge_weight"), 0, 1)
    same_state = {"": None, "any": None, "same": True, "other": False}.get(_one(data, "same_state"))
    if _one(data, "same_state") not in {"", "any", "same", "other"}:
        raise ValidationError("same_state must be one of: any, same, other.")
    band = _one(data, "band") or None
    if band is not None and band not in POPULATION_BAND_BOUNDS:
        raise ValidationError(f"band must be one of: {', '.join(POPULATION_BAND_BOUNDS)}.")
    kinds = tuple(_list(data, "type"))
    unknown = sorted(set(kinds) - set(GovernmentType.values))
    if unknown:
        raise ValidationError(
            f"type: unknown government type {', '.join(unknown)}; "
            f"use {', '.join(GovernmentType.values)}."
        )
    level = _one(data, "level") or "same"
    if level not in LEVEL_CHOICES:
        raise ValidationError(f"level must be one of: {', '.join(LEVEL_CHOICES)}.")
    pinned = tuple(dict.fromkeys(_list(data, "pinned")))
    if len(pinned) > MAX_PINNED:
        raise ValidationError(f"You can pin at most {MAX_PINNED} cities.")
    has_solution = _one(data, "has_solution").lower() in {"1", "true", "on", "yes"}
    return PeerParams(
        k=k,
        challenge=_one(data, "challenge") or None,
        feature_weights=features,
        theme_weights=themes,
        challenge_weight=challenge_weight,
        same_state=same_state,
        band=band,
        kinds=kinds,
        level=level,
        coalition=_one(data, "coalition") or None,
        has_solution=has_solution,
        pinned=pinned,
    )


def split_theme_names(
    features: dict[str, float], themes: dict[str, float], codes: set[str], theme_names: set[str]
) -> tuple[dict[str, float], dict[str, float]]:
    """Move bare names that are themes (not feature codes) from `features` to `themes`."""
    features, themes = dict(features), dict(themes)
    for name in list(features):
        if name not in codes and name in theme_names:
            themes[name] = features.pop(name)
    return features, themes
