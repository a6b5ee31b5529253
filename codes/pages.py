"""What every public page shares: editorial texts that may fall back to English, the page's languages
(switcher, hreflang, canonical, noindex), and the per-language page cache with conditional GET.
"""

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cache, wraps
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache as django_cache
from django.core.paginator import InvalidPage, Paginator
from django.core.paginator import Page as ListPage
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.html import strip_tags
from django.utils.http import http_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from modeltranslation.utils import build_localized_fieldname

from .completeness import field_filled
from .freshness import content_changed_at, lease_seconds, versioned_key
from .markup import render_markdown

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
SITE_NAME = "HTTP Status Atlas"
# Keys change with every content save; the timeout only bounds what a deploy leaves behind.
PAGE_CACHE_SECONDS = 24 * 60 * 60


# --- Texts that may fall back to English ----------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One editorial text as a page shows it: in the active language, or in English with a note."""

    raw: str
    lang: str
    fell_back: bool
    markdown: bool = True

    def __bool__(self):
        return bool(self.raw.strip())

    def __str__(self):
        return self.raw

    @property
    def html(self) -> SafeString:
        return render_markdown(self.raw)

    @property
    def inline_html(self) -> SafeString:
        """The text for use inside a paragraph: a single paragraph loses its <p> wrapper."""
        html = str(render_markdown(self.raw))
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return mark_safe(html)  # noqa: S308 - sanitised by render_markdown

    @property
    def plain(self) -> str:
        """The text without markup, for titles and meta descriptions."""
        return " ".join(strip_tags(render_markdown(self.raw)).split())


def localized(instance, name: str, *, lang: str | None = None) -> Text:
    """The text ``name`` in the active language; English, marked as such, when that is empty."""
    lang = lang or translation.get_language() or settings.LANGUAGE_CODE
    if field_filled(instance, name, lang):
        return Text(getattr(instance, build_localized_fieldname(name, lang)).strip(), lang, False)
    english = getattr(instance, build_localized_fieldname(name, "en"), None) or ""
    return Text(english.strip(), "en", lang != "en")


def languages_with(instance, fields) -> list[str]:
    """Languages in which at least one of the main texts ``fields`` is written (English always)."""
    return [
        lang
        for lang in LANGUAGE_CODES
        if lang == settings.LANGUAGE_CODE or any(field_filled(instance, name, lang) for name in fields)
    ]


def isolate(text: str) -> str:
    """Keep a left-to-right name ("202 Accepted") in one piece inside a right-to-left sentence.

    For plain-text strings (titles, headings built in Python); templates use <bdi> instead.
    """
    return f"\u2068{text}\u2069" if translation.get_language_bidi() else text


def meta_description(text: str, limit: int = 160) -> str:
    return Truncator(" ".join(text.split())).chars(limit)


# --- Long lists -----------------------------------------------------------------------------------

# Comparisons on one page of a list: every pair of codes would otherwise make one page of megabytes.
COMPARISONS_PER_PAGE = 60


def list_page(request, items, *, per_page: int | None = None) -> ListPage:
    """The page of ``items`` that ``?page=`` asks for (the first without it); 404 for any other value.

    ``?page=1`` shows the first page, whose canonical address has no page number (page_query).
    """
    number = request.GET.get("page", "1")
    paginator = Paginator(items, per_page or COMPARISONS_PER_PAGE)
    try:
        return paginator.page(number)
    except InvalidPage:
        raise Http404(_("There is no such page.")) from None


def page_query(page: ListPage | None) -> str:
    """``?page=N`` for the pages after the first, which are pages of their own for search engines."""
    return f"?page={page.number}" if page is not None and page.number > 1 else ""


# --- Languages, alternates and SEO ----------------------------------------------------------------


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    absolute_url: str
    translated: bool
    current: bool
    bidi: bool


@dataclass
class Page:
    """Everything base.html needs for the head, the switcher and the breadcrumbs."""

    title: str
    description: str
    canonical: str
    languages: list[LanguageLink]
    hreflang: list[tuple[str, str]]
    noindex: bool
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)
    json_ld: SafeString = mark_safe("")
    og_type: str = "website"

    @property
    def full_title(self) -> str:
        return f"{self.title} · {SITE_NAME}" if self.title != SITE_NAME else SITE_NAME

    @property
    def og_locale(self) -> str:
        return translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE)

    @property
    def og_alternate_locales(self) -> list[str]:
        return [translation.to_locale(code) for code, _url in self.hreflang if code != "x-default"][:11]


def x_default_path(english_path: str) -> str:
    """The unprefixed path: LocaleMiddleware sends it on to the visitor's best language."""
    prefix = f"/{settings.LANGUAGE_CODE}/"
    return "/" + english_path.removeprefix(prefix) if english_path.startswith(prefix) else english_path


def build_page(
    request,
    *,
    title: str,
    description: str,
    url_name: str,
    kwargs: dict | None = None,
    translated: list[str] | None = None,
    noindex: bool = False,
    breadcrumbs: list[tuple[str, str]] | None = None,
    json_ld: list[dict] | None = None,
    og_type: str = "website",
    query: str = "",
) -> Page:
    """Describe a page that exists under ``url_name`` in every language.

    ``translated`` lists the languages in which the page's main texts exist (all when None); only
    those get an hreflang alternate, and the page is ``noindex`` in any other language. ``query``
    (``?page=2``) is part of the page's address in every language.
    """
    current = translation.get_language()
    translated = LANGUAGE_CODES if translated is None else translated
    links = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            path = reverse(url_name, kwargs=kwargs) + query
        info = translation.get_language_info(code)
        links.append(
            LanguageLink(
                code=code,
                name=info["name_local"],
                url=path,
                absolute_url=request.build_absolute_uri(path),
                translated=code in translated,
                current=code == current,
                bidi=info["bidi"],
            )
        )
    noindex = noindex or current not in translated
    hreflang = []
    if translated:
        hreflang = [(link.code, link.absolute_url) for link in links if link.translated]
        english = next(link for link in links if link.code == settings.LANGUAGE_CODE)
        if english.translated:
            hreflang.append(("x-default", request.build_absolute_uri(x_default_path(english.url))))
    canonical = next(link.absolute_url for link in links if link.current)
    crumbs = breadcrumbs or []
    ld = list(json_ld or [])
    if len(crumbs) > 1:
        ld.append(
            {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": str(name),
                        "item": request.build_absolute_uri(url),
                    }
                    for position, (name, url) in enumerate(crumbs, start=1)
                ],
            }
        )
    return Page(
        title=str(title),
        description=meta_description(str(description)),
        canonical=canonical,
        languages=links,
        hreflang=hreflang,
        noindex=noindex,
        breadcrumbs=crumbs,
        json_ld=json_ld_block(ld),
        og_type=og_type,
    )


def json_ld_block(items: list[dict]) -> SafeString:
    """JSON-LD ready for a <script type="application/ld+json"> element (a data block, not a script)."""
    if not items:
        return mark_safe("")
    data = items[0] if len(items) == 1 else {"@context": "https://schema.org", "@graph": items}
    if len(items) > 1:
        for item in data["@graph"]:
            item.pop("@context", None)
    text = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    text = text.replace("\u2068", "").replace("\u2069", "")  # isolates are for display only
    # The same escaping as json_script: nothing in the data can close the element.
    return mark_safe(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


# --- Page cache and conditional GET ---------------------------------------------------------------


def release_fingerprint() -> str:
    """Changes when templates, compiled translations or hashed static files change: a deploy."""
    # While developing, templates change under a running server: look again on every request.
    return _fingerprint() if settings.DEBUG else _cached_fingerprint()


def _fingerprint() -> str:
    digest = hashlib.sha256()
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "locale"]
    files = [path for root in roots if root.exists() for path in sorted(root.rglob("*")) if path.is_file()]
    files = [path for path in files if path.suffix in {".html", ".svg", ".mo", ".txt", ".xml"}]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        files.append(manifest)
    for path in files:
        # STATIC_ROOT may lie outside the project (wherever a deploy puts it): name the manifest alone.
        name = path.relative_to(settings.BASE_DIR) if path.is_relative_to(settings.BASE_DIR) else path.name
        digest.update(str(name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


_cached_fingerprint = cache(_fingerprint)


# The query parameters any page reads (lists: page; sitemaps: p; search: q; compare: family, a, b). Any
# other (?utm=…) changes nothing on a page, so it must not make a cache entry of its own: anybody could
# fill the cache with them. A view that reads a new parameter adds it here.
PAGE_PARAMETERS = ("page", "p", "q", "family", "a", "b")


def _request_identity(request) -> str:
    query = urlencode(sorted((key, value) for key in PAGE_PARAMETERS for value in request.GET.getlist(key)))
    raw = "|".join([release_fingerprint(), request.scheme, request.get_host(), request.path, query]).encode()
    return hashlib.sha256(raw).hexdigest()[:32]


KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag")
LOCAL_PAGES_BYTES = 32 * 2**20


class LocalPages:
    """Pages (and API answers) this worker served lately, for the content version it holds: a hit costs no
    round trip to the shared cache, and they keep being served while Redis is away. Used only with a
    version lease (codes.freshness); emptied when the version changes, and at most ``limit`` bytes, the
    least recently served leaving first.
    """

    def __init__(self, limit: int = LOCAL_PAGES_BYTES):
        self.limit = limit
        self.version = None
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.size = 0

    def _for(self, version) -> None:
        if version != self.version:
            self.version, self.entries, self.size = version, OrderedDict(), 0

    def get(self, version, key: str):
        self._for(version)
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, version, key: str, entry, size: int | None = None) -> None:
        """Keep ``entry`` (a page: status, content, headers) of ``size`` bytes (by default its content)."""
        self._for(version)
        size = len(entry[1]) if size is None else size
        if size > self.limit // 8 or key in self.entries:
            return
        self.entries[key] = entry
        self.size += size
        while self.size > self.limit:
            _key, oldest = self.entries.popitem(last=False)
            self.size -= len(oldest[1])


_local_pages = LocalPages()


def cached_page(view=None, *, store: bool = True, every_language: bool = False):
    """Serve a page from the per-language cache and answer conditional GETs with 304.

    The ETag and the cache key both carry the content version (codes.freshness), so the first request
    after an editor's save renders afresh. Only 200 responses are stored; ``store=False`` keeps the
    ETag and 304 handling but renders every time (search pages with arbitrary queries).
    ``every_language``: one response for all visitors whatever their language (the sitemap lists every
    language itself), rendered in the default language and stored once.
    """

    def decorator(view):
        @wraps(view)
        @require_safe
        def wrapper(request, *args, **kwargs):
            if every_language:
                with translation.override(settings.LANGUAGE_CODE):
                    return per_language(request, *args, **kwargs)
            return per_language(request, *args, **kwargs)

        def per_language(request, *args, **kwargs):
            changed = content_changed_at()
            lang = translation.get_language()
            identity = _request_identity(request)
            version = f"{changed.timestamp():.3f}|{lang}|{identity}"
            etag = f'"{hashlib.sha256(version.encode()).hexdigest()[:32]}"'
            last_modified = int(changed.timestamp())
            conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
            if conditional is not None:
                return _with_validators(conditional, etag, last_modified)
            key = versioned_key("page", lang, identity, changed=changed)
            store_here = store and not settings.DEBUG
            local = store_here and lease_seconds() > 0
            stored = _local_pages.get(changed, key) if local else None
            if stored is None and store_here:
                stored = django_cache.get(key)
                if stored is not None and local:
                    _local_pages.put(changed, key, stored)
            if stored is not None:
                status, content, headers = stored
                response = HttpResponse(content, status=status)
                for name, value in headers.items():
                    response[name] = value
                return _with_validators(response, etag, last_modified)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code != 200:
                return response
            if store_here:
                headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
                entry = (200, response.content, headers)
                django_cache.set(key, entry, PAGE_CACHE_SECONDS)
                if local:
                    _local_pages.put(changed, key, entry)
            return _with_validators(response, etag, last_modified)

        return wrapper

    return decorator(view) if view is not None else decorator


def _with_validators(response, etag: str, last_modified: int):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Browsers and shared caches may keep a copy but must ask again: an editor's save shows at once.
    patch_cache_control(response, public=True, no_cache=True)
    return response


# --- A code as the pages show it ------------------------------------------------------------------


@dataclass
class CodeView:
    """A status code with its texts resolved for the active language, ready for a template."""

    code: object
    title: Text
    summary: Text
    description: Text
    seen_when: Text
    client_action: Text
    owner_action: Text

    @property
    def name(self) -> str:
        """ "404 Not Found": the official reason phrase, the same in every language."""
        return f"{self.code.number} {self.code.phrase}"

    @property
    def local_title(self) -> Text | None:
        """The status's name in the active language, when an editor wrote one that differs."""
        if (
            self.title
            and not self.title.fell_back
            and self.title.raw.casefold() != self.code.phrase.casefold()
        ):
            return self.title
        return None

    @property
    def url(self) -> str:
        return self.code.get_absolute_url()

    @property
    def emitters(self) -> list[str]:
        labels = dict(type(self.code).Emitter.choices)
        return [str(labels[value]) for value in self.code.emitted_by if value in labels]

    @property
    def has_advice(self) -> bool:
        return bool(self.client_action or self.owner_action)


def present_code(code) -> CodeView:
    return CodeView(code, *(localized(code, name) for name in type(code).TEXT_FIELDS))
