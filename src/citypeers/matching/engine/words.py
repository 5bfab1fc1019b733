"""Explanations in words, from the numbers in a `PeerResult` and a `ChallengeExplanation`."""

from citypeers.matching.engine.challenges import ChallengeExplanation
from citypeers.matching.engine.peers import FeatureContribution, PeerResult


def format_value(value, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if unit in {"%", "percent"}:
        return f"{value:.1f}%"
    if unit in {"$", "USD", "dollars"}:
        return f"${value:,.0f}"
    text = f"{value:,.0f}" if abs(value) >= 1000 or float(value).is_integer() else f"{value:.3g}"
    return f"{text} {unit}".strip() if unit and unit not in {"people", "residents"} else text


# |Δz| (robust standard units) below which two values count as alike.
ALIKE_DELTA = 0.5


def contribution_phrase(c: FeatureContribution, *, with_share: bool = True) -> str:
    share = f"; {c.similarity_share:.0%} of the similarity" if with_share else ""
    if c.kind == "location":
        return f"location ({c.distance_km:,.0f} km apart{share})"
    if c.kind == "category":
        same = f"both {c.subject_value}" if c.delta == 0 else f"{c.subject_value} vs {c.peer_value}"
        return f"{c.label.lower()} ({same}{share})"
    values = f"{format_value(c.subject_value, c.unit)} vs {format_value(c.peer_value, c.unit)}"
    return f"{c.label.lower()} ({values}{share})"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def context_sentence(result: PeerResult, subject_name: str, peer_name: str) -> str:
    """E.g. "Alike in population (653,833 vs 652,503; 61% of the similarity) and …"."""
    if not result.contributions:
        return "No context feature could be compared."
    several = len(result.contributions) > 1
    alike = [c for c in result.contributions if c.delta <= ALIKE_DELTA][:3]
    parts = []
    if alike:
        parts.append(
            "Alike in " + _join([contribution_phrase(c, with_share=several) for c in alike]) + "."
        )
    differ = max(result.contributions, key=lambda c: (c.distance_share, c.delta))
    if differ.delta > ALIKE_DELTA:
        parts.append(f"Differs most in {contribution_phrase(differ, with_share=False)}.")
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
