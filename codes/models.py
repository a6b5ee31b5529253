from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from foundation.text_changes import TracksTextChanges
from foundation.versions import TracksContentChanges

# Status classes as RFC 9110 §15 names them; numbers outside 100–599 belong to no class.
STATUS_CLASSES = {
    1: _("Informational"),
    2: _("Successful"),
    3: _("Redirection"),
    4: _("Client error"),
    5: _("Server error"),
}


def status_class_of(number: int) -> int | None:
    """The class digit of a status number (5 for 503); None outside 100–599."""
    digit = number // 100
    return digit if digit in STATUS_CLASSES else None


# Registry states a list marks beside a code; a plain registration or a vendor code needs no mark here.
REGISTRY_BADGES = {
    "temporary": _("Temporary"),
    "unused": _("Unused"),
    "obsolete": _("Obsolete"),
    "deprecated": _("Deprecated"),
}


def registry_badge_of(registry_status: str) -> str | None:
    return REGISTRY_BADGES.get(registry_status)


class Family(TracksContentChanges, models.Model):
    """A family of codes: HTTP now; gRPC, WebSocket close codes or SMTP replies later."""

    slug = models.SlugField(_("slug"), max_length=20, unique=True, help_text=_("Used in URLs, e.g. “http”."))
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    loaded_hashes = models.JSONField(default=dict, blank=True, editable=False)
    # The version mark of an opened change form (codes/concurrency.py).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Written per language (codes/translation.py).
    TEXT_FIELDS = ("name", "description")

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("family")
        verbose_name_plural = _("families")

    def __str__(self):
        return self.name


class Vendor(TracksContentChanges, models.Model):
    """Whoever defines a code that is not in the IANA registry (Cloudflare, nginx, IIS…)."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    url = models.URLField(
        _("documentation link"), help_text=_("The vendor's own page documenting its codes.")
    )
    loaded_hashes = models.JSONField(default=dict, blank=True, editable=False)
    # The version mark of an opened change form (codes/concurrency.py).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")

    def __str__(self):
        return self.name


class StatusCodeQuerySet(models.QuerySet):
    def in_family(self, slug: str):
        return self.filter(family__slug=slug)

    def in_class(self, digit: int):
        return self.filter(number__gte=digit * 100, number__lt=(digit + 1) * 100)

    def official(self):
        return self.filter(vendor__isnull=True).exclude(registry_status=StatusCode.Registry.UNOFFICIAL)

    def unofficial(self):
        return self.filter(Q(vendor__isnull=False) | Q(registry_status=StatusCode.Registry.UNOFFICIAL))


class StatusCode(TracksContentChanges, TracksTextChanges, models.Model):
    class Registry(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        TEMPORARY = "temporary", _("Temporary registration")
        UNUSED = "unused", _("Reserved, unused")
        OBSOLETE = "obsolete", _("Obsolete")
        DEPRECATED = "deprecated", _("Registered, deprecated")
        UNOFFICIAL = "unofficial", _("Unofficial")

    class Emitter(models.TextChoices):
        ORIGIN = "origin", _("Origin server")
        PROXY = "proxy", _("Proxy or gateway")
        CDN = "cdn", _("CDN")
        LOAD_BALANCER = "load_balancer", _("Load balancer")
        LOG_ONLY = "log_only", _("Logs only")

    class Retry(models.TextChoices):
        NOT_APPLICABLE = "not_applicable", _("Nothing to retry")
        FOLLOW = "follow", _("Follow the redirect or use the cache")
        FIX_REQUEST = "fix_request", _("Fix the request before trying again")
        AFTER_DELAY = "after_delay", _("Retry later, honouring Retry-After")
        NEW_CONNECTION = "new_connection", _("Retry at once on a new connection")
        AFTER_HANDSHAKE = "after_handshake", _("Retry at once after the full handshake")
        IDEMPOTENT_ONLY = "idempotent_only", _("Retry idempotent requests only")
        NO = "no", _("Retrying will not help")

    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="codes", verbose_name=_("family")
    )
    number = models.PositiveIntegerField(_("number"))
    slug = models.SlugField(
        _("slug"),
        max_length=40,
        help_text=_(
            "Used in URLs. Usually the number (“404”); a second meaning of the same number gets its "
            "own slug, e.g. “451-iis”. Must not contain “-vs-”."
        ),
    )
    phrase = models.CharField(
        _("reason phrase"),
        max_length=120,
        help_text=_("The official English reason phrase (or the vendor's), current name."),
    )
    former_names = models.JSONField(
        _("former names"),
        default=list,
        blank=True,
        help_text=_("Earlier reason phrases, e.g. “Payload Too Large” for 413."),
    )
    registry_status = models.CharField(
        _("registry status"), max_length=20, choices=Registry.choices, default=Registry.REGISTERED
    )
    registry_expires = models.DateField(
        _("registration expires"),
        null=True,
        blank=True,
        help_text=_("For a temporary registration: the expiry date the IANA registry gives."),
    )
    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="codes",
        verbose_name=_("vendor"),
        help_text=_("Empty for codes in the IANA registry."),
    )
    vendor_documented = models.BooleanField(
        _("documented by the vendor"),
        default=True,
        help_text=_(
            "Off when the vendor's own documentation does not define the code and it is only seen "
            "from, or attributed to, the vendor's products."
        ),
    )
    spec_title = models.CharField(
        _("specification"), max_length=160, blank=True, help_text=_("E.g. “RFC 9110, Section 15.5.5”.")
    )
    spec_url = models.URLField(
        _("specification link"),
        max_length=300,
        blank=True,
        help_text=_("A link to the exact section, or to the vendor's own documentation."),
    )
    sources = models.JSONField(
        _("sources"), default=list, blank=True, help_text=_("Links the facts come from.")
    )
    emitted_by = models.JSONField(
        _("emitted by"),
        default=list,
        blank=True,
        help_text=_("Who produces it: origin, proxy, cdn, load_balancer, log_only."),
    )
    cacheable = models.BooleanField(
        _("cacheable by default"),
        default=False,
        help_text=_("Heuristically cacheable by default per RFC 9110 §15.1."),
    )
    storable = models.BooleanField(
        _("a cache may store it"),
        default=True,
        help_text=_(
            "Off when the specification forbids caches to store it, as RFC 6585 does for 428, 429, 431 "
            "and 511."
        ),
    )
    retry = models.CharField(_("retry advice"), max_length=20, choices=Retry.choices, default=Retry.NO)
    headers = models.JSONField(
        _("typical headers"),
        default=list,
        blank=True,
        help_text=_("Response headers that usually come with it, e.g. Location or Retry-After."),
    )
    example = models.TextField(_("example response"), blank=True)

    # Translated (see translation.py).
    title = models.CharField(
        _("title"), max_length=160, blank=True, help_text=_("The status's name in this language.")
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True, help_text=_("One sentence."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown. What it means on the wire.")
    )
    seen_when = models.TextField(
        _("when you see it"), blank=True, help_text=_("Markdown. When and why it typically appears.")
    )
    client_action = models.TextField(
        _("what to do as a client"), blank=True, help_text=_("Markdown. Advice for a client or visitor.")
    )
    owner_action = models.TextField(
        _("what to do as the owner"),
        blank=True,
        help_text=_("Markdown. Advice for the site or API owner."),
    )

    # Hashes of the values the content loader last wrote, per field: an edited field no longer matches
    # and is kept on the next load.
    loaded_hashes = models.JSONField(default=dict, blank=True, editable=False)
    # When each localized text last changed ({"summary_de": ISO time, ...}): what makes a translation
    # outdated (see translation_status.py).
    text_changed_at = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = StatusCodeQuerySet.as_manager()

    TEXT_FIELDS = ("title", "summary", "description", "seen_when", "client_action", "owner_action")
    # What a link to a code shows (lists of comparisons name their codes by these).
    NAMED_BY = ("number", "slug", "phrase", "title")
    # What code_choices() lists: changing one of them changes every list of codes.
    LISTED_FIELDS = ("number", "slug", "phrase", "vendor_id", "family_id")

    class Meta:
        ordering = ["family", "number", "slug"]
        verbose_name = _("status code")
        verbose_name_plural = _("status codes")
        constraints = [
            models.UniqueConstraint(
                fields=["family", "slug"],
                name="code_slug_unique_in_family",
                violation_error_message=_("This family already has a code with this slug."),
            ),
            models.CheckConstraint(
                condition=~Q(slug__contains="-vs-"),
                name="code_slug_without_vs",
                violation_error_message=_("A slug must not contain “-vs-”: comparisons use it."),
            ),
            models.CheckConstraint(
                condition=Q(registry_status="unofficial") | Q(vendor__isnull=True),
                name="code_vendor_only_unofficial",
                violation_error_message=_("A code with a vendor must have the registry status “Unofficial”."),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.phrase}"

    def get_absolute_url(self):
        return reverse("codes:detail", kwargs={"family": self.family.slug, "slug": self.slug})

    def change_tags(self) -> list[str]:
        """What a save makes stale: what shows this code, and lists ordered by last change."""
        return [self.content_tag(), "statuscode:any"]

    def list_tags(self) -> list[str]:
        return ["statuscode:list"]

    @property
    def status_class(self) -> int | None:
        return status_class_of(self.number)

    @property
    def status_class_name(self):
        return STATUS_CLASSES.get(self.status_class, _("Non-standard"))

    @property
    def vendor_name(self) -> str | None:
        """As CodeChoice rows carry it: who defines the code, None for the IANA registry's."""
        return self.vendor.name if self.vendor_id else None

    @property
    def is_official(self) -> bool:
        return self.vendor_id is None and self.registry_status != self.Registry.UNOFFICIAL

    @property
    def registry_expired(self) -> bool:
        return self.registry_expires is not None and self.registry_expires < timezone.localdate()

    @property
    def registry_badge(self) -> str | None:
        """What a list shows beside a code whose registration is not plain: temporary, unused…"""
        return registry_badge_of(self.registry_status)

    def clean(self):
        super().clean()
        allowed = set(self.Emitter.values)
        if not isinstance(self.emitted_by, list) or not set(self.emitted_by) <= allowed:
            raise ValidationError(
                {"emitted_by": _("Use a list of: %(values)s.") % {"values": ", ".join(sorted(allowed))}}
            )
        for name in ("former_names", "headers", "sources"):
            value = getattr(self, name)
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ValidationError({name: _("Use a list of texts.")})


class TranslatorLanguage(models.Model):
    """A language a translator may work in. Translators change only these languages' texts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="translator_languages",
        verbose_name=_("translator"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=[(code, name) for code, name in settings.LANGUAGES if code != "en"],
        help_text=_("English is the source language: only editors change it."),
    )

    class Meta:
        ordering = ["user", "language"]
        verbose_name = _("translator's language")
        verbose_name_plural = _("translators' languages")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "language"],
                name="translator_language_unique",
                violation_error_message=_("This translator already has this language."),
            ),
            models.CheckConstraint(
                condition=~Q(language="en"),
                name="translator_language_not_source",
                violation_error_message=_("English is the source language: only editors change it."),
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.language})"


class TranslationStatus(TranslatorLanguage):
    """The admin's translation status page (per language: complete, missing, outdated), as an admin entry."""

    class Meta:
        proxy = True
        verbose_name = _("translation status")
        verbose_name_plural = _("translation status")


class LoadedEntry(models.Model):
    """An entry of the content files that the loader created once, e.g. “comparison http/460-vs-499”.

    An entry listed here that is missing from the database was deleted by an editor: the loader leaves it
    deleted rather than bring it back.
    """

    label = models.CharField(_("entry"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("loaded content entry")
        verbose_name_plural = _("loaded content entries")

    def __str__(self):
        return self.label


# Models kept in their own modules, registered with the app here.
from codes.deletions import ContentDeletion  # noqa: E402, F401
from codes.frameworks import Framework, FrameworkConstant  # noqa: E402, F401
from codes.timeline import HistoryEvent  # noqa: E402, F401
