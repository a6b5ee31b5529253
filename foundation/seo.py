"""A page's languages and what search engines read: switcher, hreflang, canonical, noindex, JSON-LD."""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from foundation.languages import LANGUAGE_CODES
from foundation.texts import meta_description

SITE_NAME = "HTTP Status Atlas"


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    absolute_url: str
    translated: bool
    current: bool
    bidi: bool

    @property
    def direction(self) -> str:
        return "rtl" if self.bidi else "ltr"


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
        """The other locales among the first eleven alternates (Open Graph reads no more)."""
        current = self.og_locale
        locales = [translation.to_locale(code) for code, _url in self.hreflang if code != "x-default"][:11]
        return [locale for locale in locales if locale != current]


def x_default_path(english_path: str) -> str:
    """The unprefixed path: LocaleMiddleware sends it on to the visitor's best language."""
    prefix = f"/{settings.LANGUAGE_CODE}/"
    return "/" + english_path.removeprefix(prefix) if english_path.startswith(prefix) else english_path


def paths_in_every_language(url_name: str, kwargs: dict | None = None) -> dict[str, str]:
    """The path of a page in each language. The patterns are the same in every language; only the
    language prefix that i18n_patterns puts before them differs, so one reversal serves all."""
    current = translation.get_language()
    path = reverse(url_name, kwargs=kwargs)
    prefix = f"{get_script_prefix()}{current}/"
    if current not in LANGUAGE_CODES or not path.startswith(prefix):
        paths = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                paths[code] = reverse(url_name, kwargs=kwargs)
        return paths
    rest = path.removeprefix(prefix)
    return {code: f"{get_script_prefix()}{code}/{rest}" for code in LANGUAGE_CODES}


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
    site = request.build_absolute_uri("/").removesuffix("/")
    links = []
    for code, path in paths_in_every_language(url_name, kwargs).items():
        info = translation.get_language_info(code)
        links.append(
            LanguageLink(
                code=code,
                name=info["name_local"],
                url=path + query,
                absolute_url=site + path + query,
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


def tech_article(request, *, headline: str, description: str, url: str, modified, about) -> dict:
    """The schema.org TechArticle of a page about codes: what it explains and when it last changed."""
    return {
        "@context": "https://schema.org",
        "@type": "TechArticle",
        "headline": headline,
        "description": description,
        "inLanguage": translation.get_language(),
        "dateModified": modified.isoformat(),
        "url": request.build_absolute_uri(url),
        "about": about,
    }
