from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontConfig(AppConfig):
    """What visitors and programs enter by: home, search, sitemaps, robots, the API root."""

    name = "front"
    verbose_name = _("Front")
