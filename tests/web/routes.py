from tests.access.registry import Route, everyone, signed_in

ROUTES = [
    Route("web:home", everyone()),
    Route("web:about", everyone()),
    Route("web:healthz", everyone()),
    Route("web:dashboard", signed_in()),
]
