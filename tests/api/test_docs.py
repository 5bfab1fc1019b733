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


def test_reference_page_lists_every_operation_by_tag_without_script(client, db):
    from citypeers.api.urls import api

    document = api.get_openapi_schema(path_prefix="/api/v1/")
    operations = sum(
        1 for item in document["paths"].values() for method in item if method != "parameters"
    )

    response = client.get("/api/v1/reference")

    html = response.content.decode()
    main = html.split('<main id="main-content"', 1)[1].split("</main>", 1)[0]
    assert response.status_code == 200
    assert re.findall(r"<script", main) == []
    assert len(re.findall(r'<section class="cp-api-op"', main)) == operations
    assert f"{operations} operations under <code>/api/v1/</code>" in main
    assert '<a class="usa-link" href="/api/v1/docs">Swagger UI</a>' in main


def test_reference_page_shows_parameters_bodies_and_responses(client, db):
    html = client.get("/api/v1/reference").content.decode()

    patch = html.split('id="citypeers_workshops_api_library_update_webinar"', 1)[1]
    patch = patch.split("</section>", 1)[0]
    heading = '<span class="cp-api-method">PATCH</span> <code>/api/v1/webinars/{slug}</code>'
    assert heading in patch
    assert '<th scope="row"><code>slug</code></th><td>path</td><td>string</td><td>yes</td>' in patch
    assert (
        'Request body (application/json, required): <a class="usa-link" '
        'href="#schema-WebinarPatch">WebinarPatch</a>'
    ) in patch
    assert (
        '<li><strong>403</strong>: You may not do this. Body: <a class="usa-link" '
        'href="#schema-Error">Error</a>.</li>'
    ) in patch
    assert "see <code>detail</code> and <code>errors</code>" in patch
    assert 'id="schema-WebinarPatch"' in html
