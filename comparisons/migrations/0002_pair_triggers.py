"""Install the pair triggers (see comparisons/pair_rules.py)."""

from django.db import migrations

from comparisons import pair_rules


def forwards(apps, schema_editor):
    # On SQLite, later migrations may rebuild codes_statuscode; post_migrate installs the triggers.
    if schema_editor.connection.vendor != "sqlite":
        pair_rules.install(schema_editor.connection)


def backwards(apps, schema_editor):
    pair_rules.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("comparisons", "0001_initial"),
        ("codes", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
