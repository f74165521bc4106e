"""Full-text search structures for the catalogue, one per database (see learning/search.py).

PostgreSQL: a GIN index on the same weighted tsvector expression the search query uses.
SQLite: an FTS5 table over the opportunity's search fields, kept in step by triggers.
"""

from django.db import migrations

# The weighted document the search ranks: titles (A) weigh more than the rest (B).
WEIGHTED = (
    "(setweight(to_tsvector('english'::regconfig, coalesce({t}search_title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce({t}search_body, '')), 'B'))"
)
QUALIFIED = WEIGHTED.format(t='"learning_opportunity".')

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE learning_opportunity_fts USING fts5(
        search_title, search_body,
        content='learning_opportunity', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER learning_opportunity_fts_insert AFTER INSERT ON learning_opportunity BEGIN
        INSERT INTO learning_opportunity_fts(rowid, search_title, search_body)
        VALUES (new.id, new.search_title, new.search_body);
    END""",
    """CREATE TRIGGER learning_opportunity_fts_delete AFTER DELETE ON learning_opportunity BEGIN
        INSERT INTO learning_opportunity_fts(learning_opportunity_fts, rowid, search_title,
            search_body) VALUES ('delete', old.id, old.search_title, old.search_body);
    END""",
    """CREATE TRIGGER learning_opportunity_fts_update
        AFTER UPDATE OF search_title, search_body ON learning_opportunity BEGIN
        INSERT INTO learning_opportunity_fts(learning_opportunity_fts, rowid, search_title,
            search_body) VALUES ('delete', old.id, old.search_title, old.search_body);
        INSERT INTO learning_opportunity_fts(rowid, search_title, search_body)
        VALUES (new.id, new.search_title, new.search_body);
    END""",
    "INSERT INTO learning_opportunity_fts(learning_opportunity_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS learning_opportunity_fts_update",
    "DROP TRIGGER IF EXISTS learning_opportunity_fts_delete",
    "DROP TRIGGER IF EXISTS learning_opportunity_fts_insert",
    "DROP TABLE IF EXISTS learning_opportunity_fts",
]
PG_FORWARD = [
    f"CREATE INDEX learning_opportunity_search ON learning_opportunity USING gin ({QUALIFIED})"
]
PG_BACKWARD = ["DROP INDEX IF EXISTS learning_opportunity_search"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}),
        )
    ]
