from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoundationConfig(AppConfig):
    """What every page and endpoint shares: texts and their fallback, SEO, pagination, the page cache,
    the content version, and the API's base classes and errors."""

    name = "foundation"
    verbose_name = _("Foundation")

    def ready(self):
        from . import production  # noqa: F401 - registers the production check of `check --deploy`
        from .cache import on_recovery
        from .versions import distrust_cached_version

        on_recovery(distrust_cached_version)
