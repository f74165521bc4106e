"""A stored search document for each vacancy, so the public job board (careers.jobs) finds words
in the title, the employer's name and the description through an index, not by reading text.

PostgreSQL: a ``search_document`` tsvector column with a GIN index, written by a trigger before
every insert and every change of the title, description or partner (titles weigh most, then the
employer, then the description); a partner's new name rewrites its vacancies' documents. A
generated column cannot read the partner's name from its own table, hence the triggers.

SQLite: an FTS5 table ``talent_vacancy_fts`` (rowid = the vacancy's id) kept in step by
triggers on both tables. A later migration that makes SQLite rebuild ``talent_vacancy`` (or
``partners_organisation``) drops their triggers: create them again there (test_jobs checks the
search follows a change and a rename).
"""

from django.db import migrations

PG_FORWARD = [
    "ALTER TABLE talent_vacancy ADD COLUMN search_document tsvector",
    """CREATE FUNCTION talent_vacancy_document() RETURNS trigger AS $$
    BEGIN
        NEW.search_document :=
            setweight(to_tsvector('english'::regconfig, coalesce(NEW.title, '')), 'A') ||
            setweight(to_tsvector('english'::regconfig, coalesce(
                (SELECT name FROM partners_organisation WHERE id = NEW.organisation_id), '')), 'B')
            || setweight(to_tsvector('english'::regconfig, coalesce(NEW.description, '')), 'C');
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER talent_vacancy_document
        BEFORE INSERT OR UPDATE OF title, description, organisation_id ON talent_vacancy
        FOR EACH ROW EXECUTE FUNCTION talent_vacancy_document()""",
    """CREATE FUNCTION talent_vacancy_employer_renamed() RETURNS trigger AS $$
    BEGIN
        UPDATE talent_vacancy SET title = title WHERE organisation_id = NEW.id;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER talent_vacancy_employer_renamed
        AFTER UPDATE OF name ON partners_organisation
        FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
        EXECUTE FUNCTION talent_vacancy_employer_renamed()""",
    "UPDATE talent_vacancy SET title = title",
    "CREATE INDEX talent_vacancy_document ON talent_vacancy USING gin (search_document)",
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS talent_vacancy_employer_renamed ON partners_organisation",
    "DROP FUNCTION IF EXISTS talent_vacancy_employer_renamed()",
    "DROP TRIGGER IF EXISTS talent_vacancy_document ON talent_vacancy",
    "DROP FUNCTION IF EXISTS talent_vacancy_document()",
    "DROP INDEX IF EXISTS talent_vacancy_document",
    "ALTER TABLE talent_vacancy DROP COLUMN IF EXISTS search_document",
]

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE talent_vacancy_fts USING fts5(
        title, employer, description, tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER talent_vacancy_fts_insert AFTER INSERT ON talent_vacancy BEGIN
        INSERT INTO talent_vacancy_fts(rowid, title, employer, description)
        VALUES (new.id, new.title, (SELECT name FROM partners_organisation WHERE id = new.organisation_id), new.description);
    END""",
    """CREATE TRIGGER talent_vacancy_fts_delete AFTER DELETE ON talent_vacancy BEGIN
        DELETE FROM talent_vacancy_fts WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER talent_vacancy_fts_update
        AFTER UPDATE OF title, description, organisation_id ON talent_vacancy BEGIN
        DELETE FROM talent_vacancy_fts WHERE rowid = old.id;
        INSERT INTO talent_vacancy_fts(rowid, title, employer, description)
        VALUES (new.id, new.title, (SELECT name FROM partners_organisation WHERE id = new.organisation_id), new.description);
    END""",
    """CREATE TRIGGER talent_vacancy_fts_employer
        AFTER UPDATE OF name ON partners_organisation BEGIN
        UPDATE talent_vacancy_fts SET employer = new.name
        WHERE rowid IN (SELECT id FROM talent_vacancy WHERE organisation_id = new.id);
    END""",
    """INSERT INTO talent_vacancy_fts(rowid, title, employer, description)
        SELECT v.id, v.title, o.name, v.description
        FROM talent_vacancy v JOIN partners_organisation o ON o.id = v.organisation_id""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS talent_vacancy_fts_employer",
    "DROP TRIGGER IF EXISTS talent_vacancy_fts_update",
    "DROP TRIGGER IF EXISTS talent_vacancy_fts_delete",
    "DROP TRIGGER IF EXISTS talent_vacancy_fts_insert",
    "DROP TABLE IF EXISTS talent_vacancy_fts",
]


def _execute(schema_editor, *, postgresql, sqlite):
    """The statements for this database (another database gets no search document)."""
    chosen = {"postgresql": postgresql, "sqlite": sqlite}.get(schema_editor.connection.vendor)
    for statement in chosen or ():
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    _execute(schema_editor, postgresql=PG_FORWARD, sqlite=SQLITE_FORWARD)


def backwards(apps, schema_editor):
    _execute(schema_editor, postgresql=PG_BACKWARD, sqlite=SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("talent", "0009_apprenticeship_is_a_contract")]

    operations = [migrations.RunPython(forwards, backwards)]
