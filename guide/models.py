"""The decision guide ("which code should my API return?"): steps that ask a question, and answers that
lead either to another step or to a code or a comparison of two codes, with the RFC sentence that
decides it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codes.models import StatusCode
from foundation.text_changes import TracksTextChanges
from foundation.versions import TracksContentChanges


class StepQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Step.Status.PUBLISHED)


class Step(TracksContentChanges, TracksTextChanges, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The step's address: /en/which-code/<slug>/. Changing it breaks links to the step."),
    )
    is_start = models.BooleanField(
        _("first question"),
        default=False,
        help_text=_("The question the guide opens with, at /en/which-code/. Only one step can be it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Order in lists."))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )

    # Translated (see translation.py).
    question = models.CharField(_("question"), max_length=200, help_text=_("One question, ending with “?”."))
    help = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Markdown, optional. A sentence or two that helps to pick an answer."),
    )

    loaded_hashes = models.JSONField(default=dict, blank=True, editable=False)
    text_changed_at = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("last edited by"),
    )

    objects = StepQuerySet.as_manager()

    TEXT_FIELDS = ("question", "help")

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("guide question")
        verbose_name_plural = _("guide questions")
        constraints = [
            models.UniqueConstraint(
                fields=["is_start"],
                condition=Q(is_start=True),
                name="guide_one_first_question",
                violation_error_message=_("Another question is already the first one."),
            ),
        ]

    def __str__(self):
        return self.question or self.slug

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.is_start:
            return reverse("guide:start")
        return reverse("guide:step", kwargs={"slug": self.slug})

    def publish(self, *, by=None):
        self.status = self.Status.PUBLISHED
        self.published_at = timezone.now()
        self.updated_by = by
        self.save()

    def unpublish(self, *, by=None):
        self.status = self.Status.DRAFT
        self.updated_by = by
        self.save()


class Answer(TracksContentChanges, TracksTextChanges, models.Model):
    step = models.ForeignKey(
        Step, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    key = models.SlugField(
        _("key"), max_length=60, help_text=_("Names the answer within its question, e.g. “syntax”.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    next_step = models.ForeignKey(
        Step,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("next question"),
        help_text=_("Either a next question, or a code (and, for a comparison, a second code)."),
    )
    code = models.ForeignKey(
        StatusCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("code"),
        help_text=_("The code to return. With a second code, the answer leads to their comparison."),
    )
    other_code = models.ForeignKey(
        StatusCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second code"),
    )
    rfc_section = models.CharField(
        _("specification"), max_length=60, blank=True, help_text=_("E.g. “RFC 9110 §15.5.21”.")
    )
    rfc_url = models.URLField(_("specification link"), blank=True)
    rfc_quote = models.TextField(
        _("the deciding sentence"),
        blank=True,
        help_text=_("Quoted word for word from the specification, in English; one or two sentences."),
    )

    # Translated (see translation.py).
    label = models.CharField(_("answer"), max_length=200)
    verdict = models.TextField(
        _("why"),
        blank=True,
        help_text=_("Markdown. For an answer that leads to a code: why that code, in a sentence or two."),
    )

    loaded_hashes = models.JSONField(default=dict, blank=True, editable=False)
    text_changed_at = models.JSONField(default=dict, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("last edited by"),
    )

    TEXT_FIELDS = ("label", "verdict")

    class Meta:
        ordering = ["step", "position", "key"]
        verbose_name = _("guide answer")
        verbose_name_plural = _("guide answers")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "key"],
                name="guide_answer_key_unique_in_step",
                violation_error_message=_("This question already has an answer with this key."),
            ),
            models.CheckConstraint(
                condition=Q(next_step__isnull=False, code__isnull=True, other_code__isnull=True)
                | Q(next_step__isnull=True, code__isnull=False),
                name="guide_answer_one_target",
                violation_error_message=_("An answer leads either to a next question or to a code."),
            ),
            models.CheckConstraint(
                condition=~Q(code=models.F("other_code")),
                name="guide_answer_two_different_codes",
                violation_error_message=_("A comparison needs two different codes."),
            ),
        ]

    def __str__(self):
        return f"{self.step.slug}: {self.label or self.key}"

    def get_absolute_url(self):
        return self.step.get_absolute_url()

    @property
    def leads_to_code(self) -> bool:
        return self.code_id is not None

    def clean(self):
        super().clean()
        if self.next_step_id is not None and self.next_step_id == self.step_id:
            raise ValidationError({"next_step": _("An answer cannot lead back to its own question.")})
        if self.code_id is None:
            return
        if not (self.rfc_section and self.rfc_url and self.rfc_quote):
            raise ValidationError(
                _("An answer that leads to a code quotes the specification that decides it, with its link.")
            )
        if self.other_code_id is not None and self.other_code.family_id != self.code.family_id:
            raise ValidationError({"other_code": _("Both codes must belong to the same family.")})
