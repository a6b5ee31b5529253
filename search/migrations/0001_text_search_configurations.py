"""PostgreSQL only: the unaccent extension and one text search configuration per language that has a
stemmer (accents folded, then stemmed), named atlas_<language>. search/stemming.py stems with them. On
SQLite nothing is done: the same matching runs in Python without stemming."""

from django.db import migrations

# Our language -> PostgreSQL's built-in configuration (SELECT cfgname FROM pg_ts_config). Japanese,
# Korean and Chinese have none; they are matched by pairs of characters instead.
CONFIGURATIONS = {
    "en": "english",
    "id": "indonesian",
    "es": "spanish",
    "pt_br": "portuguese",
    "fr": "french",
    "de": "german",
    "ru": "russian",
    "tr": "turkish",
    "ar": "arabic",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, builtin in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS atlas_{name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION atlas_{name} (COPY = pg_catalog.{builtin})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION atlas_{name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {builtin}_stem"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS atlas_{name}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create, drop)]
