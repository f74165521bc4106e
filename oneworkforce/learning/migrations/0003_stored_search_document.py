"""PostgreSQL: keep the weighted search document in a stored generated column with its own GIN
index, so ranking reads the stored vector instead of re-parsing every matching row's text
(measured in bench/bench_learning.py: search p95 from about 1 s to under 100 ms at 20,000
listings). SQLite keeps its FTS5 table; nothing changes there."""

from django.db import migrations

# The weighted document the search ranks: titles (A) weigh more than the rest (B).
WEIGHTED = (
    "(setweight(to_tsvector('english'::regconfig, coalesce({t}search_title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce({t}search_body, '')), 'B'))"
)
QUALIFIED = WEIGHTED.format(t='"learning_opportunity".')

PG_FORWARD = [
    "DROP INDEX IF EXISTS learning_opportunity_search",
    "ALTER TABLE learning_opportunity ADD COLUMN search_document tsvector "
    f"GENERATED ALWAYS AS {WEIGHTED.format(t='')} STORED",
    "CREATE INDEX learning_opportunity_document ON learning_opportunity USING gin (search_document)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS learning_opportunity_document",
    "ALTER TABLE learning_opportunity DROP COLUMN IF EXISTS search_document",
    f"CREATE INDEX learning_opportunity_search ON learning_opportunity USING gin ({QUALIFIED})",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_full_text_search")]

    operations = [migrations.RunPython(_run(PG_FORWARD), _run(PG_BACKWARD))]
