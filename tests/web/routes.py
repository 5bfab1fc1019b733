from tests.access.registry import LOGIN, Route, everyone, signed_in

ORGANISERS_ONLY = {
    "anon": LOGIN,
    "member": 403,
    "editor": 403,
    "city_admin": 403,
    "other_editor": 403,
    "organiser": 200,
    "site_admin": 200,
}

ROUTES = [
    Route("web:home", everyone()),
    Route("web:about", everyone()),
    Route("web:healthz", everyone()),
    Route("web:dashboard", signed_in()),
    Route("web:network", ORGANISERS_ONLY),
    Route("api:network_health", {**ORGANISERS_ONLY, "anon": 401}),
]
