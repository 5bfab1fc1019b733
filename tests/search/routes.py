from tests.access.registry import Route, everyone

ROUTES = [
    Route("search:search", everyone()),
    Route("search:search", everyone(), query="?q=housing"),
    Route("search:search", everyone(), query="?q=housing&kind=solution&page=2"),
    Route("api:search", everyone(), query="?q=water%22+NEAR(&kind=solution"),
]
