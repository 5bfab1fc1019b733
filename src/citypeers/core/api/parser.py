"""Request bodies: every JSON body the API accepts is an object.

Without this, a body such as `[]` or `"text"` slipped through: ninja's schemas read fields off
any value (they accept ORM objects), so a list became an update with no fields, a silent no-op.
"""

import json

from ninja.parser import Parser


class BodyNotJson(ValueError):
    pass


class BodyNotAnObject(ValueError):
    pass


class JsonObjectParser(Parser):
    def parse_body(self, request):
        try:
            data = json.loads(request.body)
        except ValueError as error:  # also UnicodeDecodeError
            raise BodyNotJson(str(error)) from error
        if not isinstance(data, dict):
            raise BodyNotAnObject(type(data).__name__)
        return data


def body_error_response(error: Exception) -> tuple[int, str] | None:
    """Status and message for a body the parser refused (ninja wraps it in an HttpError)."""
    cause = error.__cause__
    if isinstance(cause, BodyNotAnObject):
        return 422, 'The request body must be a JSON object, such as {"field": "value"}.'
    if isinstance(cause, BodyNotJson):
        return 400, f"The request body is not valid JSON ({cause})."
    return None
