"""How frameworks and libraries name each status code, version by version, read from their own source."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from foundation.versions import TracksContentChanges


class Framework(TracksContentChanges, models.Model):
    """A library that names status codes: Python's ``http.HTTPStatus``, Spring's ``HttpStatus``…"""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    title = models.CharField(_("name"), max_length=80, help_text=_("E.g. “Python http.HTTPStatus”."))
    snippet = models.CharField(
        _("snippet"),
        max_length=200,
        help_text=_("One line that answers with the code; {name} and {code} are filled in."),
    )
    versions = models.JSONField(
        _("versions checked"),
        default=list,
        help_text=_("The releases whose source was read, oldest first; version ranges use these names."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self):
        return self.title


class FrameworkConstant(TracksContentChanges, models.Model):
    """One name a framework gives a code, over the versions it holds for with one standing."""

    class Kind(models.TextChoices):
        CURRENT = "current", _("Current name")
        ALIAS = "alias", _("Kept as an alias")
        DEPRECATED = "deprecated", _("Deprecated")
        REMOVED = "removed", _("Absent")

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="constants", verbose_name=_("framework")
    )
    code = models.ForeignKey(
        "codes.StatusCode", on_delete=models.CASCADE, related_name="constants", verbose_name=_("code")
    )
    name = models.CharField(_("name"), max_length=120)
    since = models.CharField(_("from version"), max_length=40)
    until = models.CharField(
        _("to version"), max_length=40, blank=True, help_text=_("Empty: still so in the newest version read.")
    )
    # Where ``since`` stands in the framework's versions: orders the ranges.
    since_index = models.PositiveSmallIntegerField(default=0, editable=False)
    kind = models.CharField(_("standing"), max_length=20, choices=Kind.choices, default=Kind.CURRENT)
    replaced_by = models.CharField(_("replaced by"), max_length=120, blank=True)
    source_repo = models.CharField(_("source repository"), max_length=120)
    source_path = models.CharField(_("source file"), max_length=200)
    source_refs = models.CharField(
        _("source versions"), max_length=200, help_text=_("The tags or commits the file was read at.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["framework__position", "since_index", "name"]
        verbose_name = _("framework constant")
        verbose_name_plural = _("framework constants")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code", "name", "since"], name="framework_constant_unique_range"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["current", "alias", "deprecated", "removed"]),
                name="framework_constant_kind_known",
            ),
        ]

    def __str__(self):
        return f"{self.framework.slug}: {self.name}"

    @property
    def snippet(self) -> str:
        return self.framework.snippet.replace("{name}", self.name).replace("{code}", str(self.code.number))

    @property
    def is_current(self) -> bool:
        return self.kind == self.Kind.CURRENT and not self.until
