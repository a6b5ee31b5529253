"""The specifications and registry changes that defined, renamed or retired each code, in order."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from foundation.versions import TracksContentChanges


class HistoryEvent(TracksContentChanges, models.Model):
    """One step in a code's history: a document (an RFC, an IANA registry change) and what it did."""

    class Kind(models.TextChoices):
        DEFINED = "defined", _("Defined")
        RENAMED = "renamed", _("Renamed")
        MOVED = "moved", _("Moved")
        DEPRECATED = "deprecated", _("Deprecated")
        OBSOLETED = "obsoleted", _("Obsoleted")
        DROPPED = "dropped", _("Left out")
        RESERVED = "reserved", _("Reserved")
        REGISTERED_TEMPORARILY = "registered_temporarily", _("Registered temporarily")
        EXPIRED = "expired", _("Expired")

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")

    code = models.ForeignKey(
        "codes.StatusCode", on_delete=models.CASCADE, related_name="history", verbose_name=_("code")
    )
    date = models.DateField(_("date"))
    precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=Precision.choices,
        default=Precision.MONTH,
        help_text=_("RFCs are dated by month, registry changes by day."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    document = models.CharField(_("document"), max_length=120, help_text=_("E.g. “RFC 9110”."))
    url = models.URLField(_("link"), max_length=300)
    name = models.CharField(
        _("name at the time"),
        max_length=120,
        blank=True,
        help_text=_("The reason phrase this document gave."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["code", "date", "position"]
        verbose_name = _("history event")
        verbose_name_plural = _("history events")
        constraints = [
            models.UniqueConstraint(fields=["code", "position"], name="history_event_position_unique"),
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "defined",
                        "renamed",
                        "moved",
                        "deprecated",
                        "obsoleted",
                        "dropped",
                        "reserved",
                        "registered_temporarily",
                        "expired",
                    ]
                ),  # fmt: skip
                name="history_event_kind_known",
            ),
        ]

    def __str__(self):
        return f"{self.code_id}: {self.kind} {self.document} ({self.date})"
