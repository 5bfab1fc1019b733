"""The permission matrix: every URL pattern by persona, with the expected status.

Each app describes its routes in `tests/<app>/routes.py` as a list `ROUTES` of `Route`s, and
may add objects to the shared world in `tests/<app>/world.py` (a function `extend(world)`).
`tests/test_access_matrix.py` checks that every named URL pattern has a `Route` and that each
persona gets exactly the expected status.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = ["anon", "member", "editor", "city_admin", "other_editor", "organiser", "site_admin"]
APPS = [
    "web",
    "accounts",
    "directory",
    "knowledge",
    "search",
    "matching",
    "assessments",
    "workshops",
    "convenings",
    "coalitions",
    "helpdesk",
    "guides",
    "digests",
    "notifications",
    "profiles",
    "api",
]

LOGIN = 302  # an anonymous visitor is sent to the sign-in page


@dataclass(frozen=True)
class Route:
    """One URL pattern and what each persona gets from it.

    `kwargs` builds the URL arguments from the world; `expect` maps persona → status, and
    `default` covers personas not named. `method`/`data` say how to call it; with
    `content_type="application/json"` the data is sent as a JSON body.
    """

    name: str
    expect: dict[str, int]
    kwargs: Callable = lambda world: {}
    default: int | None = None
    method: str = "get"
    data: Callable | None = None
    query: str = ""
    headers: dict = field(default_factory=dict)
    content_type: str | None = None  # e.g. "application/json" for API writes

    def expected(self, persona: str) -> int:
        if persona in self.expect:
            return self.expect[persona]
        if self.default is None:
            raise KeyError(f"{self.name}: no expectation for {persona}")
        return self.default


def everyone(status: int = 200) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status: int = 200, anon: int = LOGIN) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, status), "anon": anon}


def _optional_module(app: str, name: str):
    try:
        return importlib.import_module(f"tests.{app}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name in {f"tests.{app}", f"tests.{app}.{name}"}:
            return None
        raise


def all_routes() -> list[Route]:
    routes = []
    for app in APPS:
        module = _optional_module(app, "routes")
        if module is not None:
            routes.extend(module.ROUTES)
    return routes


def extend_world(world) -> None:
    for app in APPS:
        module = _optional_module(app, "world")
        if module is not None:
            module.extend(world)
