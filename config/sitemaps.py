"""The sitemap: an index (/sitemap.xml) of sections, each split into files the protocol allows.

Index pages, codes and published comparisons, each with its language alternates. A code or comparison is
listed in the languages its main texts are written in (the same rule as the pages' hreflang links);
assembled comparisons are never listed. The lists read no text: which languages a record is written in
is decided by the database.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from codes import selectors as code_selectors
from codes.models import STATUS_CLASSES
from codes.presenters import MAIN_TEXTS as CODE_MAIN_TEXTS
from comparisons import selectors as comparison_selectors
from comparisons.presenters import MAIN_TEXTS as COMPARISON_MAIN_TEXTS
from guide import selectors as guide_selectors
from guide.presenters import languages_written as guide_languages_written

# URLs per file, alternates aside: far below the protocol's 50,000 URLs and 50 MB, so that a file
# renders in about a second at the scale of every pair of codes.
URLS_PER_FILE = 5000


class AtlasSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = URLS_PER_FILE


class IndexSitemap(AtlasSitemap):
    priority = 0.8

    def items(self):
        pages = [("front:home", {}), ("comparisons:index", {})]
        for family in code_selectors.list_families():
            pages.append(("codes:family", {"family": family.slug}))
            pages += [("front:class", {"family": family.slug, "digit": digit}) for digit in STATUS_CLASSES]
        return pages

    def location(self, item):
        name, kwargs = item
        return reverse(name, kwargs=kwargs)


class RowSitemap(AtlasSitemap):
    """Rows from a selector: each row's path is reversed once per language, not once per alternate."""

    url_name: str
    slug_kwarg: str

    def rows(self) -> list[dict]:
        raise NotImplementedError

    def items(self):
        # Django's index asks a section for its pages and its last change: one query for both.
        if not hasattr(self, "_rows"):
            self._rows = self.rows()
        return self._rows

    def location(self, row):
        paths = row.setdefault("paths", {})
        lang = translation.get_language()
        if lang not in paths:
            paths[lang] = reverse(
                self.url_name, kwargs={"family": row["family_slug"], self.slug_kwarg: row["slug"]}
            )
        return paths[lang]

    def lastmod(self, row):
        return row["updated_at"]

    def get_languages_for_item(self, row):
        return row["languages"]


class CodeSitemap(RowSitemap):
    priority = 0.6
    url_name = "codes:detail"
    slug_kwarg = "slug"

    def rows(self):
        return code_selectors.codes_for_sitemap(main_texts=CODE_MAIN_TEXTS)


class ComparisonSitemap(RowSitemap):
    priority = 0.7
    url_name = "comparisons:detail"
    slug_kwarg = "pair"

    def rows(self):
        return comparison_selectors.published_for_sitemap(main_texts=COMPARISON_MAIN_TEXTS)


class GuideSitemap(AtlasSitemap):
    """The decision guide's published questions, each in the languages its question and answers are
    written in."""

    priority = 0.7

    def items(self):
        if not hasattr(self, "_steps"):
            self._steps = list(guide_selectors.published_steps())
        return self._steps

    def location(self, step):
        return step.get_absolute_url()

    def lastmod(self, step):
        return max([step.updated_at, *(answer.updated_at for answer in step.answers.all())])

    def get_languages_for_item(self, step):
        return guide_languages_written(step)


SITEMAPS = {
    "pages": IndexSitemap,
    "codes": CodeSitemap,
    "comparisons": ComparisonSitemap,
    "guide": GuideSitemap,
}
