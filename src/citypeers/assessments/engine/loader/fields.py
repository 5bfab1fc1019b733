"""Checks of single fields, shared by every part of a framework file, and the error they make.

Each check records a problem and returns a harmless stand-in, so loading goes on and every
problem in the file is reported at once.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

KEY_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_.")


class FrameworkError(ValueError):
    """A framework file that cannot be loaded; `problems` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class Problems:
    items: list[str]

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}" if where else message)


def mapping(problems: "Problems", where: str, value: object) -> dict[str, Any]:
    if value is None:
        problems.add(where, "is required")
        return {}
    if not isinstance(value, dict):
        problems.add(where, "must be a mapping")
        return {}
    return value


def unknown(problems: "Problems", where: str, value: object, allowed: set[str]) -> None:
    if isinstance(value, dict):
        for name in sorted(set(value) - allowed):
            problems.add(where, f"unknown field '{name}' (allowed: {', '.join(sorted(allowed))})")


def key(problems: "Problems", where: str, value: object, name: str) -> str:
    if not isinstance(value, str) or not value:
        problems.add(where, f"'{name}' is required")
        return ""
    if not set(value) <= KEY_CHARS:
        problems.add(where, f"'{name}' '{value}' may use only a-z, 0-9, '-', '_' and '.'")
    return value


def text(problems: "Problems", where: str, value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        problems.add(where, f"'{name}' is required")
        return ""
    return value.strip()


def number(problems: "Problems", where: str, value: object, name: str) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        problems.add(where, f"'{name}' must be a number")
        return None
    try:
        return Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        problems.add(where, f"'{name}' must be a number")
        return None


def crosswalk(problems: "Problems", where: str, value: object) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        problems.add(where, "'crosswalk' must map a scheme to a code, e.g. {wwc_v3: DM2}")
        return ()
    return tuple((str(k), str(v)) for k, v in value.items())
