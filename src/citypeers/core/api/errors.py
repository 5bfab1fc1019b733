"""Every error the API gives is JSON with a `detail` message, produced here in one place."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from citypeers.core.api.parser import body_error_response
from citypeers.core.api.throttling import throttled_message
from citypeers.core.api.versions import etag
from citypeers.core.services import StaleEdit


def _messages(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in error.message_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer model validation (400), stale edits (409), schema (422), rate limits (429), HTTP,
    404 and 403 errors as JSON."""

    @api.exception_handler(Throttled)
    def on_throttled(request, exc):
        # Ninja adds the Retry-After header to this answer.
        return api.create_response(request, {"detail": throttled_message(request)}, status=429)

    @api.exception_handler(StaleEdit)
    def on_stale_edit(request, exc):
        version = exc.current_version
        response = api.create_response(
            request, {"detail": exc.messages[0], "current_version": version}, status=409
        )
        response.headers["ETag"] = etag(version)
        return response

    @api.exception_handler(DjangoValidationError)
    def on_validation_error(request, exc):
        errors = _messages(exc)
        first = next(iter(errors.values()))[0]
        return api.create_response(request, {"detail": first, "errors": errors}, status=400)

    @api.exception_handler(NinjaValidationError)
    def on_schema_error(request, exc):
        if any(err.get("loc", [None])[0] == "path" for err in exc.errors):
            # `/challenges/abc` names no resource, like `/assessments/abc` (refused by the URL
            # converter): both are 404, not a complaint about the input.
            return api.create_response(request, {"detail": "Not found."}, status=404)
        parts = [
            f"{'.'.join(str(p) for p in err.get('loc', [])[1:]) or 'body'}: {err.get('msg')}"
            for err in exc.errors
        ]
        detail = "; ".join(parts) or "Invalid input."
        return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=422)

    @api.exception_handler(HttpError)
    def on_http_error(request, exc):
        status, detail = body_error_response(exc) or (exc.status_code, str(exc))
        return api.create_response(request, {"detail": detail}, status=status)

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return api.create_response(request, {"detail": "Not found."}, status=404)

    @api.exception_handler(PermissionDenied)
    def on_denied(request, exc):
        return api.create_response(
            request, {"detail": str(exc) or "You may not do this."}, status=403
        )
