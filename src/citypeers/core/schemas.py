"""The base of every API request body, and field types shared by them."""

from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, BaseModel, ConfigDict

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


class FastOutput(BaseModel):
    """An output schema for large nested answers (peer explanations: ~40 features x 50 peers).

    ninja's `Schema` wraps every nested object in a Python getter before validating it, which
    costs more than the search itself; a plain pydantic model reads attributes or dict keys in
    pydantic's compiled core. Use it for nested items whose values are already plain (dicts or
    dataclasses of str / numbers), never for Django model instances that need ninja's resolvers.
    """

    model_config = ConfigDict(from_attributes=True)
