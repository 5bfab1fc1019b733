"""Uploaded files: stored under names nobody can guess, handed out only by permission-checked views.

No URL serves `MEDIA_ROOT` (not even with debug on): a file's only door is its app's download
view, which checks the permission and then calls `download_response`. In production the front
server can do the copying: with `CITYPEERS_MEDIA_ACCEL_PREFIX` set (nginx: an `internal`
location aliased to `MEDIA_ROOT`), the view answers with an `X-Accel-Redirect` header instead of
streaming the file through the Python worker.
"""

import secrets
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header


def unguessable_name(folder: str, filename: str) -> str:
    """`<folder>/<32 random hex digits>/<original file name>`.

    The random folder makes the path impossible to guess; the original name stays last, so it is
    what people see and what their browser saves.
    """
    return f"{folder.strip('/')}/{secrets.token_hex(16)}/{filename}"


def display_name(field_file) -> str:
    """The original file name (the last part of the stored name)."""
    return field_file.name.rsplit("/", 1)[-1]


def download_response(field_file, *, content_type: str = "") -> HttpResponse:
    """The stored file as a download, after the caller has checked the permission.

    Raises Http404 when the file is missing from storage.
    """
    content_type = content_type or "application/octet-stream"
    filename = display_name(field_file)
    prefix = settings.CITYPEERS_MEDIA_ACCEL_PREFIX
    if prefix:
        if not field_file.storage.exists(field_file.name):
            raise Http404("The file is missing from storage.")
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError:
            raise Http404("The file is missing from storage.") from None
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type=content_type
        )
    # Permission-checked content: never kept by a shared cache.
    patch_cache_control(response, private=True)
    return response
