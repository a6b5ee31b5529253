"""sitemap.xml: index pages, codes and published comparisons, each with its language alternates.

A code or comparison is listed in the languages its main texts are written in (the same rule as the
pages' hreflang links); assembled comparisons are never listed.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from codes import selectors as code_selectors
from codes.models import STATUS_CLASSES
from codes.pages import languages_with
from codes.views import MAIN_TEXTS as CODE_MAIN_TEXTS
from comparisons import selectors as comparison_selectors
from comparisons.views import MAIN_TEXTS as COMPARISON_MAIN_TEXTS


class AtlasSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class IndexSitemap(AtlasSitemap):
    priority = 0.8

    def items(self):
        pages = [("codes:home", {}), ("comparisons:index", {})]
        for family in code_selectors.list_families():
            pages.append(("codes:family", {"family": family.slug}))
            pages += [("codes:class", {"family": family.slug, "digit": digit}) for digit in STATUS_CLASSES]
        return pages

    def location(self, item):
        name, kwargs = item
        return reverse(name, kwargs=kwargs)


class CodeSitemap(AtlasSitemap):
    priority = 0.6

    def items(self):
        return list(code_selectors.list_codes())

    def lastmod(self, code):
        return code.updated_at

    def get_languages_for_item(self, code):
        return languages_with(code, CODE_MAIN_TEXTS)


class ComparisonSitemap(AtlasSitemap):
    priority = 0.7

    def items(self):
        return list(comparison_selectors.list_published())

    def lastmod(self, comparison):
        return comparison.updated_at

    def get_languages_for_item(self, comparison):
        return languages_with(comparison, COMPARISON_MAIN_TEXTS)


SITEMAPS = {"pages": IndexSitemap, "codes": CodeSitemap, "comparisons": ComparisonSitemap}
