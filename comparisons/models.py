from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codes.models import Family, StatusCode
from foundation.text_changes import TracksTextChanges
from foundation.versions import TracksContentChanges

SLUG_SEPARATOR = "-vs-"


def canonical_order(first: StatusCode, second: StatusCode) -> tuple[StatusCode, StatusCode]:
    """Lower number first; two meanings of one number are ordered by slug."""
    return tuple(sorted((first, second), key=lambda code: (code.number, code.slug)))


def pair_slug(first: StatusCode, second: StatusCode) -> str:
    low, high = canonical_order(first, second)
    return f"{low.slug}{SLUG_SEPARATOR}{high.slug}"


def pair_tag(first_pk: int, second_pk: int) -> str:
    """The dependency of the page of two codes on whether a comparison of them exists."""
    low, high = sorted((first_pk, second_pk))
    return f"pair:{low}-{high}"


def involving_tag(code_pk: int) -> str:
    """The dependency of a list of the comparisons of one code."""
    return f"comparisons-of:{code_pk}"


class ComparisonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Comparison.Status.PUBLISHED)

    def in_family(self, slug: str):
        return self.filter(family__slug=slug)

    def involving(self, code: StatusCode):
        return self.filter(Q(code_a=code) | Q(code_b=code))

    def in_list_order(self):
        """The order of every list of comparisons: by the first code's number, then the second's."""
        return self.order_by("code_a__number", "code_b__number", "slug")


class Comparison(TracksContentChanges, TracksTextChanges, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="comparisons", verbose_name=_("family")
    )
    code_a = models.ForeignKey(
        StatusCode,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("first code"),
        help_text=_("The two codes may be picked in any order; the lower number is stored first."),
    )
    code_b = models.ForeignKey(
        StatusCode, on_delete=models.PROTECT, related_name="+", verbose_name=_("second code")
    )
    slug = models.SlugField(_("slug"), max_length=90, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )

    # Translated (see translation.py).
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Optional. Leave empty for “HTTP 202 Accepted vs 520 …”, built from the codes."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences."))
    key_differences = models.TextField(
        _("key differences"), blank=True, help_text=_("Markdown list of 3–6 points.")
    )
    when_to_use = models.TextField(
        _("when to use which"),
        blank=True,
        help_text=_("Markdown. For codes nobody returns on purpose: how to tell them apart."),
    )

    loaded_hashes = models.JSONField(default=dict, blank=True, editable=False)
    # When each localized text last changed: what makes a translation outdated (codes/translation_status.py).
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

    objects = ComparisonQuerySet.as_manager()

    TEXT_FIELDS = ("title", "summary", "key_differences", "when_to_use")
    # What a link to a comparison shows of it (its codes' names are the codes' own).
    NAMED_BY = ("slug", "title")
    # What decides whether and where a comparison is listed.
    LISTED_FIELDS = ("status", "slug", "code_a_id", "code_b_id", "family_id")

    class Meta:
        ordering = ["family", "slug"]
        verbose_name = _("comparison")
        verbose_name_plural = _("comparisons")
        constraints = [
            models.CheckConstraint(
                condition=~Q(code_a=F("code_b")),
                name="comparison_two_different_codes",
                violation_error_message=_("A comparison needs two different codes."),
            ),
            models.UniqueConstraint(
                Least("code_a", "code_b"),
                Greatest("code_a", "code_b"),
                name="comparison_pair_unique",
                violation_error_message=_("A comparison of these two codes already exists."),
            ),
            models.UniqueConstraint(
                fields=["family", "slug"],
                name="comparison_slug_unique_in_family",
                violation_error_message=_("A comparison of these two codes already exists."),
            ),
        ]
        # The family and canonical-order rules span two tables; the database enforces them with
        # triggers (see migrations/0002_pair_triggers.py), clean() explains them to editors.

    def __str__(self):
        return self.default_title()

    def save(self, *args, **kwargs):
        self.put_in_canonical_order()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("comparisons:detail", kwargs={"family": self.family.slug, "pair": self.slug})

    def change_tags(self) -> list[str]:
        """What a save makes stale: what shows it, its pair's page, and lists ordered by last change."""
        return [self.content_tag(), pair_tag(self.code_a_id, self.code_b_id), "comparison:any"]

    def list_tags(self) -> list[str]:
        """Lists, and the lists of the comparisons of its codes, before and after the save (a save that
        changes a comparison's codes takes it out of one list and into another)."""
        codes = {self.code_a_id, self.code_b_id}
        loaded = getattr(self, "_loaded_as", None)
        if loaded is not None:
            listed = dict(zip(self.LISTED_FIELDS, loaded[1], strict=True))
            codes |= {listed["code_a_id"], listed["code_b_id"]}
        return [
            "comparison:list",
            *(involving_tag(pk) for pk in sorted(pk for pk in codes if isinstance(pk, int))),
        ]

    def default_title(self) -> str:
        """The title built from the two codes, in the active language."""
        if not (self.code_a_id and self.code_b_id):
            return self.slug or "—"
        from .assembly import assembled_title

        return assembled_title(self.code_a, self.code_b)

    def put_in_canonical_order(self):
        if self.code_a_id and self.code_b_id and self.code_a_id != self.code_b_id:
            self.code_a, self.code_b = canonical_order(self.code_a, self.code_b)
            self.slug = pair_slug(self.code_a, self.code_b)

    def clean(self):
        super().clean()
        if not (self.code_a_id and self.code_b_id):
            return
        if self.code_a_id == self.code_b_id:
            raise ValidationError(_("A comparison needs two different codes."))
        if self.family_id is None and self.code_a.family_id == self.code_b.family_id:
            self.family = self.code_a.family
        if self.code_a.family_id != self.code_b.family_id:
            raise ValidationError(_("Both codes must belong to the same family."))
        if self.family_id is not None and self.code_a.family_id != self.family_id:
            raise ValidationError({"family": _("The codes belong to another family than the comparison.")})
        self.put_in_canonical_order()

    def publish(self, *, by=None):
        self.status = self.Status.PUBLISHED
        self.published_at = timezone.now()
        self.updated_by = by
        self.save()

    def unpublish(self, *, by=None):
        self.status = self.Status.DRAFT
        self.updated_by = by
        self.save()
