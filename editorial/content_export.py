"""The database's content written back as the files under content/ (content/README.md): what editors
wrote, in a form that can be reviewed and versioned like code. ``load_content`` of the written folder changes
nothing.

English and Indonesian texts sit in the entries, as in the source files; the ten other languages go to
``i18n/<lang>.yaml``. Codes are written one file per family and class (``codes/http-4xx.yaml``), comparisons
one file per family. Empty texts are left out (the loader then leaves the field as it is).
"""

from collections import defaultdict
from pathlib import Path

import yaml
from modeltranslation.utils import build_localized_fieldname

from codes.models import Family, StatusCode, Vendor
from comparisons.models import Comparison
from editorial.content_files import COMPARISON_TEXT_FIELDS
from foundation.languages import LANGUAGE_CODES

# The languages written inside the entries; the others live in i18n/<lang>.yaml.
INLINE_LANGUAGES = ("en", "id")


class _Dumper(yaml.SafeDumper):
    """Markdown with line breaks as literal blocks, as people write it; everything else as PyYAML likes."""


def _text(dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def _write(path: Path, document, heading: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)
    path.write_text(f"# {heading}\n{body}", encoding="utf-8")


def _texts(instance, fields, languages) -> dict[str, dict[str, str]]:
    texts = {}
    for lang in languages:
        values = {
            name: value
            for name in fields
            if (value := getattr(instance, build_localized_fieldname(name, lang))) not in (None, "")
        }
        if values:
            texts[lang] = values
    return texts


def _code_entry(code: StatusCode) -> dict:
    entry = {
        "number": code.number,
        "slug": code.slug,
        "phrase": code.phrase,
        "former_names": code.former_names,
        "registry_status": code.registry_status,
        "vendor": code.vendor.slug if code.vendor else None,
        "spec": {"title": code.spec_title, "url": code.spec_url},
        "sources": code.sources,
        "emitted_by": code.emitted_by,
        "cacheable": code.cacheable,
        "storable": code.storable,
        "vendor_documented": code.vendor_documented,
        "registry_expires": code.registry_expires,
        "retry": code.retry,
        "headers": code.headers,
        "example": code.example,
    }
    texts = _texts(code, StatusCode.TEXT_FIELDS, INLINE_LANGUAGES)
    return {**entry, "texts": texts} if texts else entry


def export_content(root: Path) -> list[Path]:
    """Write the content files under ``root``; the paths written."""
    written = []
    translations = {lang: defaultdict(dict) for lang in LANGUAGE_CODES if lang not in INLINE_LANGUAGES}

    def translated(section: str, key: str, instance, fields) -> None:
        for lang, values in _texts(instance, fields, translations).items():
            translations[lang][section][key] = values

    families = list(Family.objects.order_by("position", "slug"))
    _write(
        root / "families.yaml",
        [
            {"slug": f.slug, "position": f.position, "texts": _texts(f, Family.TEXT_FIELDS, INLINE_LANGUAGES)}
            for f in families
        ],
        "Families of codes, as the database holds them.",
    )
    for family in families:
        translated("families", family.slug, family, Family.TEXT_FIELDS)
    written.append(root / "families.yaml")

    vendors = [{"slug": v.slug, "name": v.name, "url": v.url} for v in Vendor.objects.order_by("slug")]
    _write(root / "vendors.yaml", vendors, "Vendors of codes outside the IANA registry.")
    written.append(root / "vendors.yaml")

    files = defaultdict(list)
    codes = StatusCode.objects.select_related("family", "vendor").order_by("family__slug", "number", "slug")
    for code in codes:
        files[(code.family.slug, f"{code.number // 100}xx")].append(_code_entry(code))
        translated("codes", f"{code.family.slug}/{code.slug}", code, StatusCode.TEXT_FIELDS)
    for (family, klass), entries in files.items():
        path = root / "codes" / f"{family}-{klass}.yaml"
        _write(path, {"family": family, "codes": entries}, f"{family} {klass} codes.")
        written.append(path)

    files = defaultdict(list)
    comparisons = Comparison.objects.select_related("family", "code_a", "code_b").order_by(
        "family__slug", "code_a__number", "code_a__slug", "code_b__number", "code_b__slug"
    )
    for comparison in comparisons:
        pair = [comparison.code_a.slug, comparison.code_b.slug]
        entry = {"codes": pair, "status": comparison.status}
        if texts := _texts(comparison, COMPARISON_TEXT_FIELDS, INLINE_LANGUAGES):
            entry["texts"] = texts
        files[comparison.family.slug].append(entry)
        key = f"{comparison.family.slug}/{pair[0]}-vs-{pair[1]}"
        translated("comparisons", key, comparison, COMPARISON_TEXT_FIELDS)
    for family, entries in files.items():
        path = root / "comparisons" / f"{family}.yaml"
        _write(path, {"family": family, "comparisons": entries}, f"Curated {family} comparisons.")
        written.append(path)

    for lang, sections in translations.items():
        path = root / "i18n" / f"{lang}.yaml"
        document = {
            name: dict(sections[name]) for name in ("families", "codes", "comparisons") if sections[name]
        }
        _write(path, document, f"Texts in {lang} (codes, comparisons and families).")
        written.append(path)
    return written
