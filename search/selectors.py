"""What search reads from the database: the codes of one language and a pair's curated comparison, as rows."""

from modeltranslation.utils import build_localized_fieldname

from codes.models import Family, StatusCode, Vendor
from codes.selectors import list_codes
from comparisons.models import Comparison
from foundation.versions import change_marks

# The texts whose words a search reaches after names (the title is a name).
CODE_TEXTS = ("summary", "description", "seen_when", "client_action", "owner_action")


def _with_english(field: str, language: str) -> list[str]:
    names = [build_localized_fieldname(field, "en")]
    if language != "en":
        names.append(build_localized_fieldname(field, language))
    return names


def code_rows(*, language: str) -> list[dict]:
    """Every code with its names and its texts in ``language`` and in English."""
    fields = ["number", "slug", "family__slug", "phrase", "former_names", "vendor__name", "updated_at"]
    for field in ("title", *CODE_TEXTS):
        fields += _with_english(field, language)
    return list(list_codes().values(*fields))


def code_marks() -> tuple:
    """What changes whenever a row ``code_rows`` reads changes, in one small query (no texts read)."""
    return change_marks([StatusCode, Vendor, Family])


def curated_comparison(*, family: str, slug: str, language: str) -> dict | None:
    """The published comparison of a pair, with its title in ``language`` and in English; None if there is
    none (the pair's page is then assembled from the two codes)."""
    return (
        Comparison.objects.published()
        .filter(family__slug=family, slug=slug)
        .values("slug", *_with_english("title", language))
        .first()
    )


def localized_value(row: dict, field: str, language: str, prefix: str = "") -> tuple[str, bool]:
    """A row's text in ``language``, else English; and whether it fell back."""
    own = (row.get(prefix + build_localized_fieldname(field, language)) or "").strip()
    if own:
        return own, False
    return (row.get(prefix + build_localized_fieldname(field, "en")) or "").strip(), language != "en"
