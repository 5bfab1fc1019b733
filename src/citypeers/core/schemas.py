"""The base of every API request body, and field types shared by them."""

from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, ConfigDict

from citypeers.core.text import CONTROL


def _single_line(value: str) -> str:
    if CONTROL.search(value):
        raise ValueError("use one line of plain text: no line breaks, tabs or control characters")
    return value


# A one-line text field (a title, a place): control characters are a 422.
SingleLine = Annotated[str, AfterValidator(_single_line)]


class InputSchema(Schema):
    """A JSON body the API writes from. A field it does not know is refused with a 422 that names
    it, never silently dropped: a misspelt `"titel"` must not look like a successful update."""

    model_config = ConfigDict(extra="forbid")
