"""Every URL pattern and persona gets exactly the status its app declared (deny by default)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.registry import PERSONAS, all_routes

pytestmark = pytest.mark.integration

IGNORED_NAMESPACES = {"admin"}
# Django's static/media helpers and Ninja's docs assets are not application routes.
IGNORED_NAMES = {"api:api-root"}


def named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in IGNORED_NAMESPACES:
                continue
            prefix = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from named_patterns(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


ROUTES = all_routes()


@pytest.fixture
def world(module_world):
    return module_world  # one world for the whole matrix (tests/conftest.py)


class _RenderedOnce:
    """Stands in for `weasyprint.HTML`: the same document and base URL give the same PDF, so
    each distinct one is laid out once for the whole matrix. The matrix checks who may download
    a PDF; what the PDF holds is tested beside each view."""

    real = None
    rendered: dict = {}

    def __init__(self, **kwargs):
        self.key = tuple(sorted(kwargs.items()))

    def write_pdf(self):
        if self.key not in self.rendered:
            self.rendered[self.key] = self.real(**dict(self.key)).write_pdf()
        return self.rendered[self.key]


@pytest.fixture(scope="module", autouse=True)
def pdfs_rendered_once():
    import weasyprint

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_RenderedOnce, "real", weasyprint.HTML)
        patch.setattr(_RenderedOnce, "rendered", {})
        patch.setattr(weasyprint, "HTML", _RenderedOnce)
        yield


def test_every_url_pattern_has_an_access_route():
    declared = {route.name for route in ROUTES}
    missing = sorted(set(named_patterns()) - declared - IGNORED_NAMES)
    assert missing == []


def test_every_declared_route_exists():
    existing = set(named_patterns())
    assert sorted({r.name for r in ROUTES} - existing) == []


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}:{r.name}")
def test_route_access(client, world, route, persona):
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    url = reverse(route.name, kwargs=route.kwargs(world)) + route.query
    call = getattr(client, route.method)
    data = route.data(world) if route.data else None
    extra = {"content_type": route.content_type} if route.content_type else {}
    response = (
        call(url, data=data, headers=route.headers, **extra)
        if data is not None
        else call(url, headers=route.headers)
    )
    assert response.status_code == route.expected(persona), (
        f"{route.method.upper()} {url} as {persona}: {response.status_code}"
    )
