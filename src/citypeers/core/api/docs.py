"""Browsable API docs that work offline and under our Content-Security-Policy.

Ninja's default Swagger page loads Swagger UI from a CDN unless `ninja` is an installed app.
We serve Swagger UI's files from the installed django-ninja package instead (no CDN, no
inline script: the settings travel as a JSON data block that `swagger-ui-init.js` reads).
"""

import json
import mimetypes
from pathlib import Path

import ninja
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from ninja.openapi.docs import Swagger

ASSET_DIR = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.png"})
ASSET_MAX_AGE = 24 * 60 * 60


class OfflineSwagger(Swagger):
    template = "api/swagger.html"

    def render_page(self, request, api, **kwargs):
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {"swagger_settings": json.dumps(settings), "api": api}
        return render(request, self.template, context)


def docs_asset_response(name: str) -> FileResponse:
    """One of Swagger UI's files from the django-ninja package; 404 for anything else."""
    if name not in ASSETS:
        raise Http404("No such file.")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse((ASSET_DIR / name).open("rb"), content_type=content_type)
    response["Cache-Control"] = f"public, max-age={ASSET_MAX_AGE}"
    return response


def asset_url(name: str) -> str:
    return reverse("api:docs_asset", kwargs={"name": name})
