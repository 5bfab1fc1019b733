"""The JSON API at /api/v1/: one router per domain app, errors in one place."""

from functools import cache

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from citypeers.accounts.api import router as accounts_router
from citypeers.api.docs import OfflineSwagger, docs_asset_response
from citypeers.api.openapi import CityPeersAPI
from citypeers.api.parser import JsonObjectParser, body_error_response
from citypeers.api.reference import Reference, build_reference
from citypeers.assessments.api import router as assessments_router
from citypeers.directory.api import router as directory_router
from citypeers.knowledge.api import router as knowledge_router
from citypeers.matching.api import router as matching_router
from citypeers.search.api import router as search_router
from citypeers.workshops.api import router as workshops_router

api = CityPeersAPI(
    title="CityPeers API",
    version="1",
    description=(
        "Read and write CityPeers data. Public data needs no credentials; private data and "
        "writes need a personal API token (`Authorization: Bearer <token>`, created on your "
        "account page) or a signed-in browser session."
    ),
    urls_namespace="api",
    docs=OfflineSwagger(),
    parser=JsonObjectParser(),
)

for prefix, router in [
    ("", directory_router),
    ("", knowledge_router),
    ("", accounts_router),
    ("", search_router),
    ("", matching_router),
    ("", assessments_router),
    ("", workshops_router),
]:
    api.add_router(prefix, router)


@api.get("/reference", include_in_schema=False, url_name="reference")
def reference_page(request):
    """The accessible, server-rendered reference; Swagger UI stays at /docs."""
    return render(
        request,
        "api/reference.html",
        {
            "reference": api_reference(),
            "openapi_url": reverse("api:openapi-json"),
            "swagger_url": reverse("api:openapi-view"),
        },
    )


@cache
def api_reference() -> Reference:
    """Built once per process: the document only changes with the code."""
    return build_reference(api.get_openapi_schema(path_prefix=reverse("api:api-root")))


@api.get("/docs/assets/{name}", include_in_schema=False, url_name="docs_asset")
def docs_asset(request, name: str):
    """Swagger UI's own files, served from the installed package so the docs need no CDN."""
    return docs_asset_response(name)


def _messages(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in error.message_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


@api.exception_handler(DjangoValidationError)
def on_validation_error(request, exc):
    errors = _messages(exc)
    first = next(iter(errors.values()))[0]
    return api.create_response(request, {"detail": first, "errors": errors}, status=400)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, exc):
    parts = [
        f"{'.'.join(str(p) for p in err.get('loc', [])[1:]) or 'body'}: {err.get('msg')}"
        for err in exc.errors
    ]
    return api.create_response(
        request, {"detail": "; ".join(parts) or "Invalid input.", "errors": exc.errors}, status=422
    )


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
