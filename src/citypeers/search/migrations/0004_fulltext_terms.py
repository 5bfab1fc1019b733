"""The full-text index also covers `terms` (taxonomy names and synonyms of a document's areas).

SQLite: `search_fts` is recreated with a third column and its triggers follow all three.
PostgreSQL: `search_vector` is regenerated with terms at weight C (title A, body B).
"""

from django.db import migrations

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]


def _sqlite_create(columns: list[str]) -> list[str]:
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE search_fts USING fts5({names}, content='search_searchdocument', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN "
        f"INSERT INTO search_fts(rowid, {names}) VALUES (new.id, {new}); END",
        "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {names}) "
        f"VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER search_fts_au AFTER UPDATE OF {names} ON search_searchdocument BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {names}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO search_fts(rowid, {names}) VALUES (new.id, {new}); END",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


def _postgres(with_terms: bool) -> list[str]:
    terms = (
        " || setweight(to_tsvector('english'::regconfig, coalesce(terms, '')), 'C')"
        if with_terms
        else ""
    )
    return [
        "DROP INDEX IF EXISTS search_document_vector_gin",
        "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
        "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
        f"setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B'){terms}) STORED",
        "CREATE INDEX search_document_vector_gin ON search_searchdocument "
        "USING GIN (search_vector)",
    ]


FORWARD = {
    "sqlite": SQLITE_DROP + _sqlite_create(["title", "body", "terms"]),
    "postgresql": _postgres(with_terms=True),
}
BACKWARD = {
    "sqlite": SQLITE_DROP + _sqlite_create(["title", "body"]),
    "postgresql": _postgres(with_terms=False),
}


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_document_facets")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
