from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


def _drop_sqlite_pair_triggers(sender, using, **kwargs):
    from django.db import connections

    from . import pair_rules

    if connections[using].vendor == "sqlite":
        pair_rules.remove(connections[using])


def _restore_sqlite_pair_triggers(sender, using, plan=None, **kwargs):
    from django.db import connections

    from . import pair_rules

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    if {"codes_statuscode", "comparisons_comparison"} <= tables:
        pair_rules.install(connection)


class ComparisonsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comparisons"
    verbose_name = _("Comparisons")

    def ready(self):
        # SQLite cannot rebuild codes_statuscode while a trigger names it: lift the triggers
        # around every migrate (see pair_rules.py).
        pre_migrate.connect(_drop_sqlite_pair_triggers, sender=self)
        post_migrate.connect(_restore_sqlite_pair_triggers, sender=self)
