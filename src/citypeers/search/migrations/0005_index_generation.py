"""SQLite: an index generation stamp, and an index for "the place titled exactly so".

`search_generation` holds one row whose value triggers change on every write to the documents
or their areas, so a process can tell whether its column snapshot of the index (see
`citypeers.search.backends.columns`) is still current with one cheap read. The index on
(kind, lower(title)) answers the exact-place lookup of a query without scanning profiles, and
the one on the facet columns lets the snapshot be read without reading every body.
PostgreSQL counts its matches in SQL and needs neither.
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
    ]
}
BACKWARD = {
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
