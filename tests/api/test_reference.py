import pytest
from hypothesis import given
from hypothesis import strategies as st

from citypeers.api.reference import TypeInfo, build_reference, describe_type

pytestmark = pytest.mark.unit

DOCUMENT = {
    "info": {"title": "Demo API", "version": "1", "description": "Demo."},
    "paths": {
        "/api/v1/things/{slug}": {
            "get": {
                "operationId": "get_thing",
                "summary": "Get Thing",
                "tags": ["things"],
                "parameters": [
                    {"in": "path", "name": "slug", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    200: {
                        "description": "OK",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                        },
                    },
                    404: {"description": "Not found."},
                },
            },
            "delete": {"operationId": "delete_thing", "tags": ["things"], "security": [{}]},
        },
        "/api/v1/other": {"get": {"operationId": "other", "responses": {}}},
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "maxLength": 20},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "owner": {"anyOf": [{"$ref": "#/components/schemas/Owner"}, {"type": "null"}]},
                },
            }
        }
    },
}


def test_build_reference_groups_operations_by_tag_in_method_order():
    reference = build_reference(DOCUMENT)

    assert [(t.name, [(o.method, o.anchor) for o in t.operations]) for t in reference.tags] == [
        ("things", [("GET", "get_thing"), ("DELETE", "delete_thing")]),
        ("other", [("GET", "other")]),
    ]
    get = reference.tags[0].operations[0]
    assert [(p.name, p.location, p.type.text, p.required) for p in get.parameters] == [
        ("slug", "path", "string", True)
    ]
    assert [(r.status, r.type) for r in get.responses] == [
        ("200", TypeInfo("Thing", ("Thing",))),
        ("404", None),
    ]
    assert (get.needs_auth, reference.tags[0].operations[1].needs_auth) == (False, True)


def test_build_reference_describes_schema_fields():
    [thing] = build_reference(DOCUMENT).schemas

    assert [(f.name, f.type.text, f.required) for f in thing.fields] == [
        ("name", "string, at most 20 characters", True),
        ("tags", "list of string", False),
        ("owner", "Owner or null", False),
    ]


SCHEMAS = st.recursive(
    st.sampled_from(
        [{"type": "string"}, {"type": "integer"}, {"$ref": "#/components/schemas/X"}, {}]
    ),
    lambda inner: st.one_of(
        st.builds(lambda i: {"type": "array", "items": i}, inner),
        st.builds(lambda a, b: {"anyOf": [a, b]}, inner, inner),
    ),
    max_leaves=6,
)


@given(SCHEMAS)
def test_describe_type_always_gives_words_and_only_real_references(schema):
    described = describe_type(schema)

    assert described.text.strip() != ""
    assert set(described.refs) <= {"X"}
