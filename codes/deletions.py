"""The time of the last deletion of content."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentDeletion(models.Model):
    """When content was last deleted: a deletion leaves no ``updated_at`` behind for the content version
    (codes/freshness.py) to read. One row."""

    deleted_at = models.DateTimeField(_("deleted"))

    class Meta:
        verbose_name = _("content deletion")
        verbose_name_plural = _("content deletions")

    def __str__(self):
        return self.deleted_at.isoformat()
