"""The OpenAPI document, with the error answers every operation can give.

Errors are produced in one place (the exception handlers in api/urls.py), so they are documented
in one place too: without this, clients and contract testers (Schemathesis) see only the success
status and treat every 4xx as undocumented.
"""

from ninja import NinjaAPI

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in words"},
        "errors": {"description": "Per-field messages (400) or the schema errors (422)"},
    },
    "required": ["detail"],
}
ERRORS = {
    400: "The input is well-formed but not acceptable (see `detail` and `errors`).",
    401: "Credentials are required and were missing or wrong.",
    403: "You may not do this.",
    404: "Not found, or not visible to you.",
    422: "The input does not match the schema (see `detail` and `errors`).",
    429: "Too many requests from this client; retry after the seconds in `Retry-After`.",
}
METHODS = {"get", "put", "post", "patch", "delete"}


class CityPeersAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"].setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        ref = {"$ref": "#/components/schemas/Error"}
        error = {"content": {"application/json": {"schema": ref}}}
        for item in schema["paths"].values():
            for method, operation in item.items():
                if method not in METHODS:
                    continue
                responses = operation.setdefault("responses", {})
                for status, description in ERRORS.items():
                    if status == 401 and not operation.get("security"):
                        continue  # public operations answer without credentials
                    responses.setdefault(status, {"description": description, **error})
        return schema
