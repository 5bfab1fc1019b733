"""Single-line text: titles end up in email subjects and calendar files, where a line break is
either an injected header or a crash."""

import re

from django.core.exceptions import ValidationError

# C0 and C1 control characters (line breaks and tabs included), DEL, and the Unicode line and
# paragraph separators.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def validate_single_line(value: str) -> None:
    """Refuse control characters (line breaks, tabs, …) in a one-line field such as a title."""
    if CONTROL.search(value or ""):
        raise ValidationError(
            "Use one line of plain text: no line breaks, tabs or control characters.",
            code="control_characters",
        )


def single_line(text: str) -> str:
    """The text on one line: runs of control characters and spaces become one space.

    For output (email subjects, calendar fields) from text stored before the validator existed.
    """
    return " ".join(CONTROL.sub(" ", str(text or "")).split())


def plain_text(text: str) -> str:
    """Multi-line text without control characters other than line breaks (`\\n`)."""
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", " ", text)
    # Unicode's line and paragraph separators are line breaks too.
    return text.replace("\u2028", "\n").replace("\u2029", "\n")
