from tests.access.registry import Route, everyone

ROUTES = [
    Route("api:openapi-json", everyone()),
    Route("api:openapi-view", everyone()),
    Route("api:reference", everyone()),
    Route("api:docs_asset", everyone(), kwargs=lambda w: {"name": "swagger-ui-init.js"}),
]
