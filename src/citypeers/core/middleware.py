"""Every answer under the JSON API's prefix is JSON, including the errors Django produces itself.

Ninja's handlers answer what reaches an operation. Some errors happen before: a path that matches
no pattern (an unknown path, or `abc` where a route wants an integer id) gets Django's HTML 404 page
(with debug on, a list of every URL pattern), a method the route does not take gets an empty 405,
and a crash outside ninja's handlers gets the HTML 500 page. This turns those into
`{"detail": "..."}` with the same status (and the same `Allow` header).
"""

import json
from http import HTTPStatus

from django.http import HttpResponse
from django.urls import reverse

DETAILS = {
    404: "Not found.",
    405: "Method not allowed.",
    500: "Server error. It has been logged.",
}


def api_prefix() -> str:
    return reverse("api:api-root")


def _detail(status: int) -> str:
    if status in DETAILS:
        return DETAILS[status]
    try:
        return HTTPStatus(status).phrase + "."
    except ValueError:
        return "Error."


class JsonApiErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._prefix: str | None = None

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        if self._prefix is None:
            self._prefix = api_prefix()
        if not request.path.startswith(self._prefix):
            return response
        status = response.status_code
        replacement = HttpResponse(
            json.dumps({"detail": _detail(status)}),
            status=status,
            content_type="application/json; charset=utf-8",
        )
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                replacement[header] = response[header]
        return replacement
