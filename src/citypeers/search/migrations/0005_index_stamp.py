"""A stamp of the search index that every write moves, and indexes for large matches.

A process keeps a column snapshot of the index (`citypeers.search.backends.large_matches`)
and checks with one cheap read that it is still current:
- SQLite: `search_generation` holds one row whose value triggers replace on every write to the
  documents or their areas (SQLite has one writer at a time, so the row costs no waiting).
- PostgreSQL: a single row would make concurrent writers queue on its lock, so statement
  triggers append to `search_changelog` instead and the stamp is (count, max id) of it: a
  transaction committing late still changes the count. The log is trimmed to its last
  thousands of rows when a snapshot is rebuilt.
The index on (kind, lower(title)) finds the places titled exactly by the words searched
without scanning profiles; on SQLite the one on the facet columns lets the snapshot be read
without reading every body.
"""

from django.db import migrations

# A fresh random stamp rather than a count: a rolled-back transaction would make a count
# repeat a value that once stood for other content.
BUMP = "UPDATE search_generation SET value = random() WHERE id = 1;"
WATCHED = [
    ("doc", "search_searchdocument", ("INSERT", "UPDATE", "DELETE")),
    ("area", "search_searchdocumentarea", ("INSERT", "UPDATE", "DELETE")),
]

FORWARD = {
    "sqlite": [
        "CREATE TABLE search_generation (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "value INTEGER NOT NULL)",
        "INSERT INTO search_generation (id, value) VALUES (1, 0)",
        *(
            f"CREATE TRIGGER search_generation_{short}_{event[0].lower()} AFTER {event} ON {table} "
            f"BEGIN {BUMP} END"
            for short, table, events in WATCHED
            for event in events
        ),
        "CREATE INDEX search_document_kind_lower_title ON search_searchdocument "
        "(kind, lower(title))",
        # Covers the snapshot's read, so it scans a narrow index rather than every body.
        "CREATE INDEX search_document_facets ON search_searchdocument "
        "(kind, is_public, state, year, population)",
    ],
    "postgresql": [
        "CREATE TABLE search_changelog (id bigserial PRIMARY KEY)",
        "CREATE FUNCTION search_log_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN INSERT INTO search_changelog DEFAULT VALUES; RETURN NULL; END $$",
        *(
            f"CREATE TRIGGER search_changelog_{short} AFTER INSERT OR UPDATE OR DELETE "
            f"OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION search_log_change()"
            for short, table, _ in WATCHED
        ),
        "CREATE INDEX search_document_kind_lower_title ON search_searchdocument "
        "(kind, lower(title) text_pattern_ops)",
    ],
}
BACKWARD = {
    "postgresql": [
        "DROP INDEX IF EXISTS search_document_kind_lower_title",
        *(
            f"DROP TRIGGER IF EXISTS search_changelog_{short} ON {table}"
            for short, table, _ in WATCHED
        ),
        "DROP FUNCTION IF EXISTS search_log_change()",
        "DROP TABLE IF EXISTS search_changelog",
    ],
    "sqlite": [
        "DROP INDEX IF EXISTS search_document_facets",
        "DROP INDEX IF EXISTS search_document_kind_lower_title",
        *(
            f"DROP TRIGGER IF EXISTS search_generation_{short}_{event[0].lower()}"
            for short, _, events in WATCHED
            for event in events
        ),
        "DROP TABLE IF EXISTS search_generation",
    ]
}


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_fulltext_terms")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
