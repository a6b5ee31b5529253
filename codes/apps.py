from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "codes"
    verbose_name = _("Status codes")

    def ready(self):
        from config.cache import on_recovery

        from .freshness import distrust_cached_version

        on_recovery(distrust_cached_version)
