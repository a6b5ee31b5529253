from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "codes"
    verbose_name = _("Status codes")

    def ready(self):
        from foundation.versions import keep_deletions_in

        from .models import ContentDeletion

        keep_deletions_in(ContentDeletion)
