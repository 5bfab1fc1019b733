from tests.access.registry import LOGIN, Route

# A city's audit trail is for network organisers and site admins, whoever else asks.
AUDIT_PAGE = {
    "anon": LOGIN,
    "member": 403,
    "editor": 403,
    "city_admin": 403,
    "other_editor": 403,
    "organiser": 200,
    "site_admin": 200,
}
AUDIT_API = {**AUDIT_PAGE, "anon": 401}


def _home(world):
    return {"slug": world.home.slug}


ROUTES = [
    Route("profiles:audit", AUDIT_PAGE, kwargs=_home),
    Route("profiles:audit", AUDIT_PAGE, kwargs=_home, query="?page=999"),
    Route(
        "profiles:audit", {"anon": LOGIN}, default=404, kwargs=lambda w: {"slug": "no-such-place"}
    ),
    Route("api:jurisdiction_audit", AUDIT_API, kwargs=lambda w: {"key": w.home.slug}),
    Route(
        "api:jurisdiction_audit",
        {**AUDIT_API, "organiser": 200, "site_admin": 200},
        kwargs=lambda w: {"key": w.other.slug},
        query="?page=2&page_size=5",
    ),
    Route(
        "api:jurisdiction_audit",
        {"anon": 401},
        default=404,
        kwargs=lambda w: {"key": "no-such-place"},
    ),
]
