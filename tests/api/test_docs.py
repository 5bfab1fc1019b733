import re

import pytest

pytestmark = pytest.mark.integration


def test_docs_page_loads_swagger_from_our_own_server(client, db):
    response = client.get("/api/v1/docs")

    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert response.status_code == 200
    assert sources == [
        "/api/v1/docs/assets/swagger-ui.css",
        "/api/v1/docs/assets/favicon.png",
        "/api/v1/docs/assets/swagger-ui-bundle.js",
        "/api/v1/docs/assets/swagger-ui-init.js",
    ]


def test_docs_page_has_no_inline_script(client, db):
    html = client.get("/api/v1/docs").content.decode()

    script_tags = re.findall(r"<script[^>]*>", html)
    assert script_tags == [
        '<script type="application/json" id="swagger-settings">',
        '<script src="/api/v1/docs/assets/swagger-ui-bundle.js">',
        '<script src="/api/v1/docs/assets/swagger-ui-init.js">',
    ]


def test_docs_page_is_served_under_the_site_csp(client, db):
    policy = client.get("/api/v1/docs")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"].split()[0] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert directives["style-src"] == "'self'"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("swagger-ui.css", "text/css"),
        ("swagger-ui-bundle.js", "text/javascript"),
        ("swagger-ui-init.js", "text/javascript"),
        ("favicon.png", "image/png"),
    ],
)
def test_docs_assets_are_served(client, db, name, content_type):
    response = client.get(f"/api/v1/docs/assets/{name}")

    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == content_type
    assert response["Cache-Control"] == "public, max-age=86400"


@pytest.mark.parametrize("name", ["settings.py", "..%2F..%2Fmain.py", "swagger.html"])
def test_docs_assets_refuse_other_files(client, db, name):
    assert client.get(f"/api/v1/docs/assets/{name}").status_code == 404


def test_docs_settings_point_at_the_openapi_document(client, db):
    html = client.get("/api/v1/docs").content.decode()

    assert '"url": "/api/v1/openapi.json"' in html


def test_openapi_document_lists_the_accounts_operations(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {p for p in paths if p.startswith(("/api/v1/me", "/api/v1/organisations"))} == {
        "/api/v1/me",
        "/api/v1/organisations",
        "/api/v1/organisations/{slug}",
        "/api/v1/organisations/{slug}/invitations",
        "/api/v1/organisations/{slug}/invitations/{invitation_id}",
        "/api/v1/organisations/{slug}/membership",
        "/api/v1/organisations/{slug}/cities",
        "/api/v1/organisations/{slug}/cities/{key}",
    }
    assert [p for p in paths if "docs" in p] == []


def test_openapi_document_describes_bearer_tokens(client, db):
    schemes = client.get("/api/v1/openapi.json").json()["components"]["securitySchemes"]

    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
