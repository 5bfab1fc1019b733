"""Explanations in words, from the numbers in a `PeerResult` and a `ChallengeExplanation`."""

from citypeers.matching.engine.challenges import ChallengeExplanation
from citypeers.matching.engine.peers import FeatureContribution, PeerResult


def format_number(value: float | str | None, unit: str = "") -> str:
    """A figure without its unit, for tables whose header names the unit: years stay
    "1947" (never "1,947"), money and counts get thousands separators."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    unit = unit.strip().lower()
    if unit in {"year", "years built"}:
        return f"{value:.0f}"
    if unit.startswith("%") or unit == "percent":
        return f"{value:,.1f}"
    if unit.startswith(("$", "usd", "dollars")):
        return f"${value:,.0f}"
    if abs(value) >= 1000 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_value(value: float | str | None, unit: str = "") -> str:
    """A figure with its unit as a sentence says it: "12.3% of people", "$1,234 a month",
    "1947", "3,120 people per sq mi"."""
    if value is None or isinstance(value, str):
        return format_number(value, unit)
    lowered = unit.strip().lower()
    number = format_number(value, unit)
    if lowered in {"year", "years built"}:
        return number
    if lowered.startswith("%") or lowered == "percent":
        rest = unit.strip()[1:].strip() if lowered.startswith("%") else ""
        return f"{number}% {rest}".strip()
    if lowered.startswith(("$", "usd", "dollars")):
        rest = unit.strip().split(" ", 1)[1] if " " in unit.strip() else ""
        return f"{number} {rest}".strip()
    if abs(value) < 1000 and not float(value).is_integer():
        number = f"{value:.3g}"
    return f"{number} {unit}".strip() if unit and lowered not in {"people", "residents"} else number


# |Δz| (robust standard units) below which two values count as alike.
ALIKE_DELTA = 0.5
# Themes named in a sentence, most alike first.
THEMES_NAMED = 4


def contribution_phrase(c: FeatureContribution, *, with_share: bool = True) -> str:
    share = f"; {c.similarity_share:.0%} of the similarity" if with_share else ""
    if c.kind == "location":
        return f"location ({c.distance_km:,.0f} km apart{share})"
    if c.kind == "category":
        same = f"both {c.subject_value}" if c.delta == 0 else f"{c.subject_value} vs {c.peer_value}"
        return f"{c.label.lower()} ({same}{share})"
    values = f"{format_value(c.subject_value, c.unit)} vs {format_value(c.peer_value, c.unit)}"
    return f"{c.label.lower()} ({values}{share})"


def source_phrase(c: FeatureContribution) -> str:
    """E.g. "U.S. Census Bureau Population Estimates 2021" or "GeoNames vs … 2021"."""

    def one(source: str, year: int | None) -> str:
        text = source or "source not recorded"
        return f"{text} {year}" if year and str(year) not in text else text

    subject = one(c.subject_source, c.subject_year)
    peer = one(c.peer_source, c.peer_year)
    return subject if subject == peer else f"{subject} vs {peer}"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _theme_phrase(theme: str, c: FeatureContribution, *, with_share: bool) -> str:
    return f"{theme} — {contribution_phrase(c, with_share=with_share)}"


def context_sentence(result: PeerResult, subject_name: str, peer_name: str) -> str:
    """E.g. "Alike in size — population (653,833 vs 652,503; 21% of the similarity), economy — …".

    Names the most alike feature of up to four themes, the theme that differs most, what was
    missing, and where the figures named come from.
    """
    if not result.contributions:
        return "No context feature could be compared."
    several = len(result.contributions) > 1
    best: dict[str, FeatureContribution] = {}
    for c in result.contributions:  # sorted by similarity share, largest first
        if c.delta <= ALIKE_DELTA and c.theme not in best:
            best[c.theme] = c
    alike = list(best.items())[:THEMES_NAMED]
    named = [c for _t, c in alike]
    parts = []
    if alike:
        phrases = [_theme_phrase(t, c, with_share=several) for t, c in alike]
        parts.append("Alike in " + _join(phrases) + ".")
    differ = max(result.contributions, key=lambda c: (c.distance_share, c.delta))
    if differ.delta > ALIKE_DELTA:
        parts.append(f"Differs most in {_theme_phrase(differ.theme, differ, with_share=False)}.")
        named.append(differ)
    if result.missing:
        names = {"subject": subject_name, "peer": peer_name, "both": "both"}
        groups: dict[str, list[str]] = {}
        for m in result.missing:
            groups.setdefault(m.missing_for, []).append(m.label.lower())
        parts.append(
            " ".join(
                f"Not compared (missing for {names[who]}): {_join(labels)}."
                for who, labels in groups.items()
            )
        )
    sources: dict[str, list[str]] = {}
    for c in named:
        if c.kind != "location":
            sources.setdefault(source_phrase(c), []).append(c.label.lower())
    if sources:
        parts.append(
            "Sources: "
            + "; ".join(f"{_join(labels)}: {src}" for src, labels in sources.items())
            + "."
        )
    return " ".join(parts)


def challenge_sentence(ex: ChallengeExplanation, area_names: dict[str, str]) -> str:
    parts = []
    if ex.shared_areas:
        parts.append(
            "Both work on " + _join([area_names.get(a, a).lower() for a in ex.shared_areas]) + "."
        )
    if ex.they_tried:
        they = _join([f"“{s.title}”" for s in ex.they_tried[:2]])
        if ex.you_tried:
            you = _join([f"“{s.title}”" for s in ex.you_tried[:2]])
            note = " — a different approach" if ex.different_approach else ""
            parts.append(f"They tried {they}; you tried {you}{note}.")
        else:
            parts.append(f"They tried {they}; you have no solution recorded for it yet.")
    return " ".join(parts)
