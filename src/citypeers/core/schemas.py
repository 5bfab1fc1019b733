"""The base of every API request body."""

from ninja import Schema
from pydantic import ConfigDict


class InputSchema(Schema):
    """A JSON body the API writes from. A field it does not know is refused with a 422 that names
    it, never silently dropped: a misspelt `"titel"` must not look like a successful update."""

    model_config = ConfigDict(extra="forbid")
