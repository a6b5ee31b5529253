"""The database's content written back as the files under content/ (content/README.md): what editors
wrote, in a form that can be reviewed and versioned like code. ``load_content`` of the written folder changes
nothing.

The files follow the layout of a reference folder (the project's content/ by default): an entry goes to the
file that holds it there, in the same place among its neighbours, under the same heading comment, with
Markdown as literal blocks and short lists on one line as people write them; so ``diff -r content <export>``
shows what editors changed, not how the export writes YAML. An entry the reference does not know goes to the
file of its kind (``codes/<family>-<class>.yaml``, the family's last comparisons file, ``i18n/<lang>.yaml``),
after the known ones.

English and Indonesian texts sit in the entries, as in the source files; the ten other languages go to
``i18n/<lang>.yaml``. Empty texts are left out (the loader then leaves the field as it is). The decision guide
and the reference files (``guide.yaml``, ``constants/``, ``history/``, ``i18n/glossary/``) are not written.
"""

import json
import re
import textwrap
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
# The text fields holding Markdown, written as literal blocks as content/ writes them.
CODE_MARKDOWN_FIELDS = ("description", "seen_when", "client_action", "owner_action")
COMPARISON_MARKDOWN_FIELDS = ("key_differences", "when_to_use")


class Block(str):
    """Markdown, written as a literal block."""


class Inline(list):
    """A short list, written on one line."""


class Quoted(str):
    """A string written in double quotes."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        # A list under a key is indented below it, as people write it.
        return super().increase_indent(flow, False)


def _text(dumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    # Plain where YAML allows it; otherwise, and where YAML would read something else ("404", "no"),
    # in double quotes, as content/ mostly has it.
    implicit = dumper.resolve(yaml.ScalarNode, value, (True, False))
    plain = implicit == "tag:yaml.org,2002:str" and dumper.analyze_scalar(value).allow_block_plain
    style = None if plain else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _block(dumper, value: Block):
    # With its final line break the block is written `|`, as people write it (the loader strips it).
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value).rstrip("\n") + "\n", style="|")


def _inline(dumper, value: Inline):
    # Names with spaces quoted, as in `former_names: ["Payload Too Large"]`.
    items = [Quoted(item) if isinstance(item, str) and " " in item else item for item in value]
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)


def _quoted(dumper, value: Quoted):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


_Dumper.add_representer(str, _text)
_Dumper.add_representer(Block, _block)
_Dumper.add_representer(Inline, _inline)
_Dumper.add_representer(Quoted, _quoted)


class Reference:
    """Where a content folder keeps each entry: its file, its place in it, and each file's heading."""

    def __init__(self, root: Path | None):
        self.root = root
        self.places: dict[tuple, tuple[str, int]] = {}
        self.files_of: dict[tuple[str, str], list[str]] = defaultdict(list)
        if root is None or not root.is_dir():
            return
        for kind, key_of in (("codes", self._code_key), ("comparisons", self._comparison_key)):
            for path in sorted((root / kind).glob("*.yaml")):
                document = self._read(path)
                family = document.get("family")
                self.files_of[(kind, family)].append(path.name)
                for index, item in enumerate(document.get(kind) or []):
                    self.places[(kind, family, *key_of(item))] = (f"{kind}/{path.name}", index)
        for path in sorted((root / "i18n").glob("*.yaml")):
            for section, entries in (self._read(path) or {}).items():
                for index, key in enumerate(entries or {}):
                    self.places[("i18n", path.stem, section, key)] = (f"i18n/{path.name}", index)
        for name in ("families.yaml", "vendors.yaml"):
            for index, item in enumerate(self._read(root / name) or []):
                self.places[(name, item.get("slug"))] = (name, index)

    @staticmethod
    def _read(path: Path):
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            return {}

    @staticmethod
    def _code_key(item) -> tuple:
        return (str(item.get("slug")),)

    @staticmethod
    def _comparison_key(item) -> tuple:
        return tuple(sorted(str(slug) for slug in item.get("codes") or []))

    def file(self, key: tuple, default: str) -> str:
        return self.places.get(key, (default, None))[0]

    def rank(self, key: tuple) -> tuple[int, int]:
        """Known entries in their reference order, then the others in the order they come."""
        place = self.places.get(key)
        return (0, place[1]) if place else (1, 0)

    def entries(self, relative: str) -> dict[str, str]:
        """The entries of the reference's file, each as written there, by what it says."""
        path = self.root / relative if self.root else None
        if not (path and path.is_file()):
            return {}
        text = path.read_text(encoding="utf-8")
        return {_meaning(part): part for is_entry, part in _segments(text) if is_entry}

    def heading(self, relative: str, default: str) -> str:
        """The comment lines that open the reference's file (if any), or ``default`` for a new file."""
        path = self.root / relative if self.root else None
        if not (path and path.is_file()):
            return f"# {default}\n"
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break
            lines.append(line + "\n")
        return "".join(lines)


def _write(root: Path, relative: str, document, heading: str, reference: "Reference") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)
    # A blank line between two codes or two comparisons, as in content/.
    entries_spaced = isinstance(document, dict) and "family" in document
    # An entry that holds what the reference's holds is written as the reference writes it, comments and
    # quotes included: the diff then shows the entries editors changed, and only those.
    known = reference.entries(relative)
    text, previous_was_entry = "", False
    for is_entry, part in _segments(body):
        if is_entry:
            if previous_was_entry and entries_spaced:
                text += "\n"
            part = known.get(_meaning(part), part)
        text += part
        previous_was_entry = is_entry
    path.write_text(heading + text, encoding="utf-8")
    return path


# Where an entry begins: a list item at the top or under a key (codes, comparisons, families, vendors), or a
# key under a section (i18n/<lang>.yaml).
ENTRY_START = re.compile(r"^(- |  - |  [^\s#-][^:]*:\s*$)")


def _segments(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into its entries and what lies between them (keys, comments), in order; an entry
    without the blank lines that follow it."""
    segments: list[list] = []
    for line in text.splitlines(keepends=True):
        if ENTRY_START.match(line):
            segments.append([True, line])
        elif line.startswith((" ", "\n")) and segments and segments[-1][0]:
            segments[-1][1] += line
        elif not line.strip() or line.startswith("#"):
            continue
        else:
            segments.append([False, line])
    return [(is_entry, part.rstrip("\n") + "\n") for is_entry, part in segments]


def _meaning(entry: str) -> str:
    """What an entry's YAML says, whatever its quotes, blocks, comments and final line breaks (an empty
    text or list says what a missing one does: the loader reads both alike)."""

    def normal(value):
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, list):
            return [normal(item) for item in value]
        if isinstance(value, dict):
            normalized = {str(k): normal(v) for k, v in value.items() if v not in ("", None, [])}
            # A comparison's two codes, in either order.
            if isinstance(normalized.get("codes"), list) and all(
                isinstance(c, str) for c in normalized["codes"]
            ):
                normalized["codes"] = sorted(normalized["codes"])
            return normalized
        return value

    try:
        value = yaml.safe_load(textwrap.dedent(entry))
    except yaml.YAMLError:
        return entry
    return json.dumps(normal(value), sort_keys=True, default=str)


def _texts(instance, fields, languages, markdown=()) -> dict[str, dict[str, str]]:
    texts = {}
    for lang in languages:
        values = {
            name: Block(value) if name in markdown else value
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
        "former_names": Inline(code.former_names),
        "registry_status": code.registry_status,
        "vendor": code.vendor.slug if code.vendor else None,
        "spec": {"title": code.spec_title, "url": code.spec_url},
        "sources": code.sources,
        "emitted_by": Inline(code.emitted_by),
        "cacheable": code.cacheable,
        "storable": code.storable,
        "vendor_documented": code.vendor_documented,
        "registry_expires": code.registry_expires,
        "retry": code.retry,
        "headers": Inline(code.headers),
        "example": Block(code.example) if code.example else code.example,
    }
    # Facts at the loader's default are left out, as the files leave them out.
    for name, default in (("storable", True), ("vendor_documented", True), ("registry_expires", None)):
        if entry[name] == default:
            del entry[name]
    texts = _texts(code, StatusCode.TEXT_FIELDS, INLINE_LANGUAGES, CODE_MARKDOWN_FIELDS)
    return {**entry, "texts": texts} if texts else entry


def export_content(root: Path, *, like: Path | None = None) -> list[Path]:
    """Write the content files under ``root`` in the layout of the folder ``like``; the paths written."""
    reference = Reference(like)
    written = []
    translations = {lang: defaultdict(list) for lang in LANGUAGE_CODES if lang not in INLINE_LANGUAGES}

    def translated(section: str, key: str, instance, fields, markdown=()) -> None:
        for lang, values in _texts(instance, fields, translations, markdown).items():
            translations[lang][section].append((key, values))

    families = sorted(
        Family.objects.all(), key=lambda f: (reference.rank(("families.yaml", f.slug)), f.position)
    )
    document = [
        {"slug": f.slug, "position": f.position, "texts": _texts(f, Family.TEXT_FIELDS, INLINE_LANGUAGES)}
        for f in families
    ]
    heading = reference.heading("families.yaml", "Families of codes, as the database holds them.")
    written.append(_write(root, "families.yaml", document, heading, reference))
    for family in families:
        translated("families", family.slug, family, Family.TEXT_FIELDS)

    vendors = sorted(Vendor.objects.order_by("slug"), key=lambda v: reference.rank(("vendors.yaml", v.slug)))
    document = [{"slug": v.slug, "name": v.name, "url": v.url} for v in vendors]
    heading = reference.heading("vendors.yaml", "Vendors of codes outside the IANA registry.")
    written.append(_write(root, "vendors.yaml", document, heading, reference))

    files = defaultdict(list)
    codes = StatusCode.objects.select_related("family", "vendor").order_by("family__slug", "number", "slug")
    for code in codes:
        key = ("codes", code.family.slug, code.slug)
        relative = reference.file(key, f"codes/{code.family.slug}-{code.number // 100}xx.yaml")
        files[(relative, code.family.slug)].append((reference.rank(key), _code_entry(code)))
        translated(
            "codes", f"{code.family.slug}/{code.slug}", code, StatusCode.TEXT_FIELDS, CODE_MARKDOWN_FIELDS
        )
    for (relative, family), entries in files.items():
        document = {"family": family, "codes": [entry for _rank, entry in sorted(entries, key=_by_rank)]}
        heading = reference.heading(relative, f"{family} codes.")
        written.append(_write(root, relative, document, heading, reference))

    files = defaultdict(list)
    comparisons = Comparison.objects.select_related("family", "code_a", "code_b").order_by(
        "family__slug", "code_a__number", "code_a__slug", "code_b__number", "code_b__slug"
    )
    for comparison in comparisons:
        family = comparison.family.slug
        pair = [comparison.code_a.slug, comparison.code_b.slug]
        key = ("comparisons", family, *sorted(pair))
        known_files = reference.files_of[("comparisons", family)]
        relative = reference.file(key, f"comparisons/{known_files[-1] if known_files else family + '.yaml'}")
        entry = {"codes": Inline(pair), "status": comparison.status}
        if texts := _texts(comparison, COMPARISON_TEXT_FIELDS, INLINE_LANGUAGES, COMPARISON_MARKDOWN_FIELDS):
            entry["texts"] = texts
        files[(relative, family)].append((reference.rank(key), entry))
        translated(
            "comparisons",
            f"{family}/{pair[0]}-vs-{pair[1]}",
            comparison,
            COMPARISON_TEXT_FIELDS,
            COMPARISON_MARKDOWN_FIELDS,
        )
    for (relative, family), entries in files.items():
        document = {
            "family": family,
            "comparisons": [entry for _rank, entry in sorted(entries, key=_by_rank)],
        }
        heading = reference.heading(relative, f"Curated {family} comparisons.")
        written.append(_write(root, relative, document, heading, reference))

    for lang, sections in translations.items():
        if not sections:
            continue
        relative = f"i18n/{lang}.yaml"
        document = {}
        for name in ("families", "codes", "comparisons"):
            if sections[name]:
                ranked = [
                    (reference.rank(("i18n", lang, name, key)), key, values) for key, values in sections[name]
                ]
                document[name] = {key: values for _rank, key, values in sorted(ranked, key=_by_rank)}
        heading = reference.heading(relative, f"Texts in {lang} (codes, comparisons and families).")
        written.append(_write(root, relative, document, heading, reference))
    return written


def _by_rank(item) -> tuple[int, int]:
    return item[0]
