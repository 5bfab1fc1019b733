"""The JSON API at /api/v1/: this package sits on top of every app and only mounts routers.

The plumbing they share (pagination, body parser, errors, auth protocol, docs) is in
`citypeers.core.api`.
"""

from functools import cache

from django.shortcuts import render
from django.urls import reverse

from citypeers.accounts.api import router as accounts_router
from citypeers.api.reference import Reference, build_reference
from citypeers.assessments.api import router as assessments_router
from citypeers.coalitions.api import router as coalitions_router
from citypeers.convenings.api import router as convenings_router
from citypeers.core.api.docs import OfflineSwagger, docs_asset_response
from citypeers.core.api.errors import install_error_handlers
from citypeers.core.api.openapi import CityPeersAPI
from citypeers.core.api.parser import JsonObjectParser
from citypeers.core.api.throttling import ClientRateThrottle
from citypeers.digests.api import router as digests_router
from citypeers.directory.api import router as directory_router
from citypeers.guides.api import router as guides_router
from citypeers.helpdesk.api import router as helpdesk_router
from citypeers.knowledge.api import router as knowledge_router
from citypeers.matching.api import router as matching_router
from citypeers.notifications.api import router as notifications_router
from citypeers.profiles.api import router as profiles_router
from citypeers.web.api import router as search_router
from citypeers.web.network_api import router as network_router
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
    throttle=[ClientRateThrottle()],
)

for router in [
    directory_router,
    profiles_router,
    knowledge_router,
    accounts_router,
    search_router,
    matching_router,
    assessments_router,
    workshops_router,
    convenings_router,
    coalitions_router,
    helpdesk_router,
    guides_router,
    digests_router,
    notifications_router,
    network_router,
]:
    api.add_router("", router)

install_error_handlers(api)


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
