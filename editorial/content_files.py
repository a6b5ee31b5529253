"""The content files under content/, read and checked before anything touches the database: every
problem named with its file, entry and reason."""

import re
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from modeltranslation.utils import build_localized_fieldname

from codes.models import Family, StatusCode
from comparisons.models import Comparison
from editorial.guide_content import read_guide, read_guide_translations
from editorial.reference_files import read_frameworks, read_history
from foundation.languages import LANGUAGE_CODES

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


CODE_FACT_KEYS = {
    "number", "slug", "phrase", "former_names", "registry_status", "vendor", "spec", "sources",
    "emitted_by", "cacheable", "retry", "headers", "example", "texts",
    "registry_expires", "vendor_documented", "storable",
}  # fmt: skip


COMPARISON_KEYS = {"codes", "status", "texts"}


FAMILY_KEYS = {"slug", "position", "texts"}


VENDOR_KEYS = {"slug", "name", "url"}


COMPARISON_TEXT_FIELDS = ("title", "summary", "key_differences", "when_to_use")


class _StrictLoader(yaml.SafeLoader):
    """YAML without aliases (a few lines of them can expand to gigabytes) and without a key given twice
    (the second silently replaced the first, a whole section with it)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "uses an alias (*name); write the value out", self.peek_event().start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str | int | float | bool) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"has the key {key!r} twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


class ContentError(Exception):
    """A content file is wrong; the message names the file, the entry and the problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _clean_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class _Problems:
    def __init__(self):
        self.items: list[str] = []

    def add(self, path: Path, entry: str, problem: str):
        self.items.append(f"{path}: {entry}: {problem}")


def localized(texts: dict[str, dict[str, str]]) -> dict[str, str]:
    """{"en": {"title": …}} as the model's fields: {"title_en": …}."""
    return {
        build_localized_fieldname(name, lang): value
        for lang, values in texts.items()
        for name, value in values.items()
    }


class ContentSet:
    """The parsed and validated content files, before anything touches the database."""

    def __init__(self, root: Path):
        self.root = root
        self.problems = _Problems()
        self.families: list[dict] = []
        self.vendors: list[dict] = []
        self.codes: dict[tuple[str, str], dict] = {}
        self.comparisons: dict[tuple[str, str, str], dict] = {}
        self.frameworks: list[dict] = []
        self.history: dict[tuple[str, str], list[dict]] = {}
        # The decision guide (editorial/guide_content.py): {step slug: step with its answers}.
        self.guide: dict[str, dict] = {}
        self.guide_family: str | None = None
        self._read()
        if self.problems.items:
            raise ContentError(self.problems.items)

    # Reading -----------------------------------------------------------------------------------

    def _yaml(self, path: Path) -> Any:
        try:
            return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            self.problems.add(path, "file", f"cannot be read as YAML: {error}")
            return None

    def _read(self):
        if not self.root.is_dir():
            self.problems.add(self.root, "folder", "does not exist")
            return
        self._read_families(self.root / "families.yaml")
        self._read_vendors(self.root / "vendors.yaml")
        for path in sorted((self.root / "codes").glob("*.yaml")):
            self._read_codes(path)
        for path in sorted((self.root / "comparisons").glob("*.yaml")):
            self._read_comparisons(path)
        read_guide(self, self.root / "guide.yaml")
        for path in sorted((self.root / "i18n").glob("*.yaml")):
            self._read_translations(path)
        for path in sorted((self.root / "constants").glob("*.yaml")):
            read_frameworks(self, path)
        for path in sorted((self.root / "history").glob("*.yaml")):
            read_history(self, path)

    def _texts(self, path, entry, texts, allowed_fields) -> dict[str, dict[str, str]]:
        if texts is None:
            return {}
        if not isinstance(texts, dict):
            self.problems.add(path, entry, "`texts` must map languages to texts")
            return {}
        result = {}
        for lang, values in texts.items():
            if lang not in LANGUAGE_CODES:
                self.problems.add(path, entry, f"unknown language {lang!r}")
                continue
            if not isinstance(values, dict):
                self.problems.add(path, entry, f"texts of {lang!r} must be a mapping")
                continue
            result[lang] = self._text_fields(path, f"{entry} [{lang}]", values, allowed_fields)
        return result

    def _text_fields(self, path, entry, values, allowed_fields) -> dict[str, str]:
        result = {}
        for name, value in values.items():
            if name not in allowed_fields:
                self.problems.add(path, entry, f"unknown text field {name!r}")
            elif value is not None and not isinstance(value, str):
                self.problems.add(path, entry, f"{name!r} must be text")
            else:
                result[name] = _clean_text(value or "")
        return result

    def _list_of(self, path, doc, name, key="slug") -> list:
        if not isinstance(doc, list):
            self.problems.add(path, "file", "must be a list of entries")
            return []
        good = []
        for index, item in enumerate(doc, start=1):
            label = f"entry {index}"
            if not isinstance(item, dict):
                self.problems.add(path, label, "must be a mapping")
                continue
            if key in item:
                label = f"{name} {item[key]!r}"
            good.append((label, item))
        return good

    def _read_families(self, path: Path):
        if not path.exists():
            self.problems.add(path, "file", "is missing")
            return
        for label, item in self._list_of(path, self._yaml(path), "family"):
            unknown = set(item) - FAMILY_KEYS
            if unknown:
                self.problems.add(path, label, f"unknown keys {sorted(unknown)}")
            slug = item.get("slug")
            if not isinstance(slug, str) or not SLUG_RE.match(slug):
                self.problems.add(path, label, "needs a lower-case `slug`")
                continue
            texts = self._texts(path, label, item.get("texts"), Family.TEXT_FIELDS)
            if not texts.get("en", {}).get("name"):
                self.problems.add(path, label, "needs an English `name`")
            self.families.append({"slug": slug, "position": item.get("position", 0), "texts": texts})

    def _read_vendors(self, path: Path):
        if not path.exists():
            self.problems.add(path, "file", "is missing")
            return
        for label, item in self._list_of(path, self._yaml(path), "vendor"):
            missing = VENDOR_KEYS - set(item)
            unknown = set(item) - VENDOR_KEYS
            if missing or unknown:
                self.problems.add(
                    path,
                    label,
                    f"needs exactly {sorted(VENDOR_KEYS)} (missing {sorted(missing)}, "
                    f"unknown {sorted(unknown)})",
                )
                continue
            self.vendors.append({key: _clean_text(item[key]) for key in VENDOR_KEYS})

    def _family_of(self, path, doc) -> str | None:
        if not isinstance(doc, dict):
            self.problems.add(path, "file", "must be a mapping with `family` and a list")
            return None
        family = doc.get("family")
        if family not in {item["slug"] for item in self.families}:
            self.problems.add(path, "file", f"unknown family {family!r}")
            return None
        return family

    def _read_codes(self, path: Path):
        doc = self._yaml(path)
        family = self._family_of(path, doc)
        if family is None:
            return
        vendors = {item["slug"] for item in self.vendors}
        for label, item in self._list_of(path, doc.get("codes"), "code"):
            before = len(self.problems.items)
            unknown = set(item) - CODE_FACT_KEYS
            if unknown:
                self.problems.add(path, label, f"unknown keys {sorted(unknown)}")
            slug = item.get("slug")
            if not isinstance(slug, str) or not SLUG_RE.match(slug) or "-vs-" in slug:
                self.problems.add(path, label, "needs a lower-case `slug` without “-vs-”")
            status = item.get("registry_status", StatusCode.Registry.REGISTERED)
            vendor = item.get("vendor")
            if vendor is not None and vendor not in vendors:
                self.problems.add(path, label, f"unknown vendor {vendor!r}")
            if vendor is not None and status != StatusCode.Registry.UNOFFICIAL:
                self.problems.add(path, label, "a vendor code must be `registry_status: unofficial`")
            retry = item.get("retry", StatusCode.Retry.NO)
            if retry is False:  # YAML 1.1 reads a bare `no` as false.
                retry = StatusCode.Retry.NO
            spec = item.get("spec") or {}
            if not isinstance(spec, dict) or set(spec) - {"title", "url"}:
                self.problems.add(path, label, "`spec` must have `title` and `url`")
                spec = {}
            facts = {
                "number": item.get("number"),
                "phrase": _clean_text(item.get("phrase", "")),
                "former_names": item.get("former_names", []),
                "registry_status": status,
                "spec_title": _clean_text(spec.get("title", "")),
                "spec_url": _clean_text(spec.get("url", "")),
                "sources": item.get("sources", []),
                "emitted_by": item.get("emitted_by", []),
                "cacheable": item.get("cacheable", False),
                "storable": item.get("storable", True),
                "vendor_documented": item.get("vendor_documented", True),
                "registry_expires": item.get("registry_expires"),
                "retry": retry,
                "headers": item.get("headers", []),
                "example": _clean_text(item.get("example", "")),
            }
            texts = self._texts(path, label, item.get("texts"), StatusCode.TEXT_FIELDS)
            if not texts.get("en", {}).get("summary"):
                self.problems.add(path, label, "needs an English `summary`")
            self._check_with_model(path, label, StatusCode(slug=slug, **facts, **localized(texts)))
            if len(self.problems.items) > before:
                continue
            key = (family, slug)
            if key in self.codes:
                self.problems.add(path, label, f"slug {slug!r} is already used in {self.codes[key]['_path']}")
                continue
            self.codes[key] = {"_path": path, "facts": {**facts, "vendor": vendor}, "texts": texts}

    def _read_comparisons(self, path: Path):
        doc = self._yaml(path)
        family = self._family_of(path, doc)
        if family is None:
            return
        for index, item in self._numbered(path, doc.get("comparisons")):
            pair = item.get("codes")
            label = f"comparison {index}" + (f" {pair!r}" if pair else "")
            before = len(self.problems.items)
            unknown = set(item) - COMPARISON_KEYS
            if unknown:
                self.problems.add(path, label, f"unknown keys {sorted(unknown)}")
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(s, str) for s in pair)):
                self.problems.add(path, label, "`codes` must list two code slugs")
                continue
            for slug in pair:
                if (family, slug) not in self.codes:
                    self.problems.add(path, label, f"unknown code {slug!r} in family {family!r}")
            if pair[0] == pair[1]:
                self.problems.add(path, label, "a comparison needs two different codes")
            status = item.get("status", "draft")
            texts = self._texts(path, label, item.get("texts"), COMPARISON_TEXT_FIELDS)
            self._check_with_model(path, label, Comparison(status=status, **localized(texts)))
            if len(self.problems.items) > before:
                continue
            low, high = sorted(pair, key=lambda s: (self.codes[(family, s)]["facts"]["number"], s))
            key = (family, low, high)
            if key in self.comparisons:
                self.problems.add(path, label, "this pair is already listed")
                continue
            self.comparisons[key] = {"_path": path, "status": status, "texts": texts}

    def _check_with_model(self, path, label, instance):
        """The model's own rules for one entry: field types, choices, lengths, links and its clean().

        Relations, uniqueness and constraints need the database and are left to the load, which runs in
        one transaction and names the entry the database refused."""
        relations = [field.name for field in instance._meta.fields if field.is_relation]
        try:
            instance.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                where = "" if name == NON_FIELD_ERRORS else f"`{name}`: "
                for message in messages:
                    self.problems.add(path, label, f"{where}{message}")

    def _numbered(self, path, items):
        if not isinstance(items, list):
            self.problems.add(path, "file", "must hold a list of entries")
            return []
        good = []
        for index, item in enumerate(items, start=1):
            if isinstance(item, dict):
                good.append((index, item))
            else:
                self.problems.add(path, f"entry {index}", "must be a mapping")
        return good

    def _read_translations(self, path: Path):
        lang = path.stem
        if lang not in LANGUAGE_CODES:
            self.problems.add(path, "file", f"is named after no language of {LANGUAGE_CODES}")
            return
        doc = self._yaml(path)
        if not isinstance(doc, dict) or set(doc) - {"codes", "comparisons", "families", "guide"}:
            self.problems.add(path, "file", "must map `codes`, `comparisons`, `families` or `guide`")
            return
        read_guide_translations(self, path, lang, doc.get("guide") or {})
        for slug, values in (doc.get("families") or {}).items():
            target = next((f for f in self.families if f["slug"] == slug), None)
            if target is None or not isinstance(values, dict):
                self.problems.add(path, f"family {slug!r}", "unknown family or not a mapping")
                continue
            target["texts"].setdefault(lang, {}).update(
                self._text_fields(path, f"family {slug!r}", values, Family.TEXT_FIELDS)
            )
        for key, values in (doc.get("codes") or {}).items():
            family, _, slug = str(key).partition("/")
            target = self.codes.get((family, slug))
            if target is None or not isinstance(values, dict):
                self.problems.add(path, f"code {key!r}", "unknown code or not a mapping")
                continue
            target["texts"].setdefault(lang, {}).update(
                self._text_fields(path, f"code {key!r}", values, StatusCode.TEXT_FIELDS)
            )
        for key, values in (doc.get("comparisons") or {}).items():
            family, _, pair = str(key).partition("/")
            low, _, high = pair.partition("-vs-")
            target = self.comparisons.get((family, low, high))
            if target is None or not isinstance(values, dict):
                self.problems.add(path, f"comparison {key!r}", "unknown comparison or not a mapping")
                continue
            target["texts"].setdefault(lang, {}).update(
                self._text_fields(path, f"comparison {key!r}", values, COMPARISON_TEXT_FIELDS)
            )
