from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from foundation.languages import language_name


class PendingRevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=PendingRevision.State.PENDING)

    def of_record(self, instance):
        # Joined by name: the content type's cache would make the number of queries depend on the past.
        opts = type(instance)._meta
        return self.filter(
            content_type__app_label=opts.app_label, content_type__model=opts.model_name, object_id=instance.pk
        )

    def in_languages(self, languages):
        return self.filter(language__in=languages)


class PendingRevision(models.Model):
    """A change to a live record that visitors do not see until somebody allowed to publishes it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("kind of record")
    )
    object_id = models.PositiveBigIntegerField(_("record number"))
    record = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("record"), max_length=200)
    # A code of settings.LANGUAGES; no choices, so that renaming a language needs no migration.
    language = models.CharField(_("language"), max_length=10, db_index=True)
    values = models.JSONField(
        _("proposed texts"), default=dict, help_text=_("The changed texts by column, as proposed.")
    )
    base_values = models.JSONField(
        _("texts it was based on"),
        default=dict,
        help_text=_("The live texts of the same columns when the change was proposed."),
    )
    confirmed = models.JSONField(
        _("confirmed as up to date"),
        default=list,
        blank=True,
        help_text=_("Translations the proposer checked against the current English and left as they are."),
    )
    based_on = models.DateTimeField(
        _("based on the version of"), help_text=_("When the live record had last changed at the proposal.")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposed_revisions",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    objects = PendingRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("pending revision")
        verbose_name_plural = _("pending revisions")
        permissions = [
            (
                "publish_own_language",
                _("May publish changes to live pages in their own languages without review"),
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]
        constraints = [
            # One open proposal per person, record and language: saving again updates it.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language", "proposed_by"],
                condition=Q(state="pending"),
                name="pending_revision_one_open_per_proposer",
                violation_error_message=_("You already have a pending revision of this text."),
            ),
            models.CheckConstraint(
                condition=Q(state="pending", reviewed_at__isnull=True)
                | (~Q(state="pending") & Q(reviewed_at__isnull=False)),
                name="pending_revision_reviewed_once_decided",
                violation_error_message=_("A published or rejected revision has a review time."),
            ),
        ]

    def __str__(self):
        return f"{self.object_repr} ({self.language})"

    @staticmethod
    def content_type_of(model) -> ContentType:
        return ContentType.objects.get_for_model(model)

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING
