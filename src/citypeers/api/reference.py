"""A readable API reference built from the OpenAPI document (plain data, no Django).

Swagger UI is a rich client-side app with contrast and nesting problems for assistive
technology; this turns the same document into plain records that a server-rendered page
shows as headings, tables and lists: operations grouped by tag, then their parameters, request
body and responses, then every schema with its fields.
"""

from dataclasses import dataclass, field

METHOD_ORDER = {"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}
REF_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class TypeInfo:
    """How a value is described in words, and the schema it refers to (for a link), if any."""

    text: str
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldDoc:
    name: str
    location: str  # "path", "query", "header" or "body" (a schema's field)
    type: TypeInfo
    required: bool
    description: str = ""
    default: str = ""


@dataclass(frozen=True)
class BodyDoc:
    content_type: str
    type: TypeInfo
    required: bool


@dataclass(frozen=True)
class ResponseDoc:
    status: str
    description: str
    type: TypeInfo | None


@dataclass(frozen=True)
class OperationDoc:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    needs_auth: bool
    parameters: tuple[FieldDoc, ...]
    body: BodyDoc | None
    responses: tuple[ResponseDoc, ...]


@dataclass(frozen=True)
class TagDoc:
    name: str
    anchor: str
    operations: tuple[OperationDoc, ...]


@dataclass(frozen=True)
class SchemaDoc:
    name: str
    anchor: str
    description: str
    type: TypeInfo
    fields: tuple[FieldDoc, ...] = ()


@dataclass(frozen=True)
class Reference:
    title: str
    version: str
    description: str
    tags: tuple[TagDoc, ...]
    schemas: tuple[SchemaDoc, ...] = field(default_factory=tuple)

    @property
    def operation_count(self) -> int:
        return sum(len(tag.operations) for tag in self.tags)


def schema_anchor(name: str) -> str:
    return f"schema-{name}"


def describe_type(schema: dict | None) -> TypeInfo:
    """A JSON Schema fragment in words: "string (date-time)", "list of Insight", "X or null"."""
    if not schema:
        return TypeInfo("any value")
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(REF_PREFIX)
        return TypeInfo(name, (name,))
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            parts = [describe_type(part) for part in schema[key]]
            joiner = " and " if key == "allOf" else " or "
            refs = tuple(ref for part in parts for ref in part.refs)
            return TypeInfo(joiner.join(part.text for part in parts), refs)
    if "enum" in schema:
        return TypeInfo("one of " + ", ".join(f"“{value}”" for value in schema["enum"]))
    kind = schema.get("type", "object")
    if kind == "array":
        item = describe_type(schema.get("items"))
        return TypeInfo(f"list of {item.text}", item.refs)
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        value = describe_type(schema["additionalProperties"])
        return TypeInfo(f"object of {value.text}", value.refs)
    text = {"integer": "integer", "number": "number", "boolean": "true or false"}.get(kind, kind)
    if schema.get("format"):
        text = f"{text} ({schema['format']})"
    limits = [
        f"{label} {schema[key]}"
        for key, label in (
            ("minLength", "at least"),
            ("maxLength", "at most"),
            ("minimum", "≥"),
            ("maximum", "≤"),
        )
        if key in schema
    ]
    if limits:
        unit = " characters" if kind == "string" else ""
        text = f"{text}, {', '.join(limits)}{unit}"
    return TypeInfo(text)


def _default(schema: dict) -> str:
    if "default" not in schema or schema["default"] in ("", None):
        return ""
    value = schema["default"]
    return str(value).lower() if isinstance(value, bool) else str(value)


def _parameter(param: dict) -> FieldDoc:
    schema = param.get("schema", {})
    return FieldDoc(
        name=param["name"],
        location=param.get("in", "query"),
        type=describe_type(schema),
        required=bool(param.get("required")),
        description=param.get("description") or schema.get("description", ""),
        default=_default(schema),
    )


def _first_content(content: dict | None) -> tuple[str, dict] | None:
    if not content:
        return None
    content_type = "application/json" if "application/json" in content else next(iter(content))
    return content_type, content[content_type].get("schema", {})


def _operation(path: str, method: str, operation: dict) -> OperationDoc:
    body = None
    request = operation.get("requestBody")
    if request and (found := _first_content(request.get("content"))):
        body = BodyDoc(found[0], describe_type(found[1]), bool(request.get("required")))
    responses = []
    for status, response in sorted(operation.get("responses", {}).items(), key=lambda s: str(s[0])):
        found = _first_content(response.get("content"))
        responses.append(
            ResponseDoc(
                status=str(status),
                description=response.get("description", ""),
                type=describe_type(found[1]) if found else None,
            )
        )
    return OperationDoc(
        method=method.upper(),
        path=path,
        anchor=operation.get("operationId") or f"{method}-{path}",
        summary=operation.get("summary", ""),
        description=operation.get("description", ""),
        needs_auth=bool(operation.get("security")),
        parameters=tuple(_parameter(p) for p in operation.get("parameters", [])),
        body=body,
        responses=tuple(responses),
    )


def _schema(name: str, schema: dict) -> SchemaDoc:
    required = set(schema.get("required", ()))
    fields = tuple(
        FieldDoc(
            name=prop,
            location="body",
            type=describe_type(spec),
            required=prop in required,
            description=spec.get("description", ""),
            default=_default(spec),
        )
        for prop, spec in schema.get("properties", {}).items()
    )
    return SchemaDoc(
        name=name,
        anchor=schema_anchor(name),
        description=schema.get("description", ""),
        type=describe_type({k: v for k, v in schema.items() if k != "properties"}),
        fields=fields,
    )


def build_reference(document: dict) -> Reference:
    """The reference for an OpenAPI 3 document: tags in first-seen order, operations by path."""
    by_tag: dict[str, list[OperationDoc]] = {}
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHOD_ORDER:
                continue
            for tag in operation.get("tags") or ["other"]:
                by_tag.setdefault(tag, []).append(_operation(path, method, operation))
    tags = tuple(
        TagDoc(
            name=name,
            anchor=f"tag-{name}",
            operations=tuple(sorted(ops, key=lambda o: (o.path, METHOD_ORDER[o.method.lower()]))),
        )
        for name, ops in by_tag.items()
    )
    info = document.get("info", {})
    schemas = document.get("components", {}).get("schemas", {})
    return Reference(
        title=info.get("title", "API"),
        version=str(info.get("version", "")),
        description=info.get("description", ""),
        tags=tags,
        schemas=tuple(_schema(name, schemas[name]) for name in sorted(schemas)),
    )
