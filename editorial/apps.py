from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editors' and translators' workflow over the content models: admin, drafts, preview, history,
    conflicts, roles, translation status, PO exchange and the content files."""

    name = "editorial"
    verbose_name = _("Editorial")
