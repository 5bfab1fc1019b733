"""Optimistic concurrency over HTTP: detail responses carry `ETag: W/"<version>"`, and updates
honour `If-Match` (or a `version` body field) so a client editing a stale copy gets 409."""

from django.http import HttpResponse
from ninja import Schema
from ninja.errors import HttpError


class StaleEditOut(Schema):
    detail: str
    current_version: int


def etag(version: int) -> str:
    return f'W/"{version}"'


def set_etag(response: HttpResponse, version: int) -> None:
    response.headers["ETag"] = etag(version)


def expected_version(request, body_version: int | None = None) -> int | None:
    """The version the client last read: from `If-Match` (`W/"3"`, `"3"` or `3`), else from the
    body's `version`; None when the client sends neither (or `If-Match: *`)."""
    header = (request.headers.get("If-Match") or "").strip()
    if not header:
        return body_version
    if header == "*":
        return None
    tag = header.removeprefix("W/").strip('"')
    if not tag.isdigit() or int(tag) < 1:
        raise HttpError(400, 'If-Match must be one ETag from this API, like W/"3".')
    version = int(tag)
    if body_version is not None and body_version != version:
        raise HttpError(
            400, f"If-Match names version {version} but the body says version {body_version}."
        )
    return version
