import re

from citypeers.core.services import unique_slug as core_unique_slug
from citypeers.workshops.enums import RESERVED_SLUGS


def unique_slug(model, text: str, *, max_length: int = 100) -> str:
    """A slug from `text` that no row of `model` uses yet (and that no workshop URL reserves)."""
    return core_unique_slug(model, text, max_length=max_length, reserved=RESERVED_SLUGS)


def split_lines(text: str) -> list[str]:
    """Non-empty lines, stripped: the form for ordered steps and metrics."""
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


def split_tags(text: str) -> list[str]:
    seen, out = set(), []
    for tag in (text or "").split(","):
        tag = tag.strip()
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            out.append(tag)
    return out


# "1.", "2)", "(3)", "Step 4:" or a circled digit at the start of a step; pages number steps
# themselves, so a typed number would show twice ("① 1.").
STEP_NUMBER = re.compile(
    r"^\s*(?:step\s+\d{1,2}\s*[:.)-]|\(?\d{1,2}[.):]|[\u2460-\u2473])\s*", re.IGNORECASE
)


def strip_step_number(step: str) -> str:
    return STEP_NUMBER.sub("", step, count=1).strip()
