"""Translation exchange: a language's texts as a PO file, and back.

Export: one entry per text, English as msgid, the record and field as msgctxt ("code http/404 summary",
"comparison http/202-vs-520 key_differences"). Missing texts have an empty msgstr; outdated ones carry the
current translation, marked fuzzy. The header says when the file was made (``X-Atlas-Exported-At``).

Import: entries that are unknown, empty, still fuzzy, or whose Markdown, links, code or placeholders do
not match the English are skipped and listed, each named by its record and field; a text changed in the
admin after the export is never overwritten. A translation made against an English that has changed since
is kept, marked outdated, for the translator to bring up to date. Every record is saved through
``save()`` in one revision (history, caches, "outdated" stamps), all in one transaction.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import polib
import reversion
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.utils import build_localized_fieldname

from codes.models import StatusCode
from comparisons.models import Comparison
from editorial.workspace_memory import source_when_translated
from foundation.languages import SOURCE_LANGUAGE, language_name, translation_languages
from foundation.text_changes import is_outdated

from . import history

EXPORTED_AT_HEADER = "X-Atlas-Exported-At"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024

SCOPES = {
    "todo": gettext_lazy("missing and outdated texts"),
    "missing": gettext_lazy("missing texts"),
    "outdated": gettext_lazy("outdated texts"),
    "all": gettext_lazy("every text"),
}


class ImportRefused(Exception):
    """The whole file is refused; the message says why."""


def _kinds():
    return {
        "code": StatusCode,
        "comparison": Comparison,
    }


def record_key(instance) -> str:
    return f"{instance.family.slug}/{instance.slug}"


def context_for(kind: str, instance, field_name: str) -> str:
    return f"{kind} {record_key(instance)} {field_name}"


def _text(instance, field_name: str, lang: str) -> str:
    return (
        (getattr(instance, build_localized_fieldname(field_name, lang)) or "").replace("\r\n", "\n").strip()
    )


def _records():
    kinds = _kinds()
    codes = kinds["code"].objects.select_related("family").order_by("family__slug", "number", "slug")
    comparisons = kinds["comparison"].objects.select_related("family").order_by("family__slug", "slug")
    return [("code", code) for code in codes] + [("comparison", c) for c in comparisons]


def export_po(lang: str, scope: str = "todo") -> polib.POFile:
    if lang not in translation_languages():
        raise ValueError(f"Cannot export {lang!r}.")
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "HTTP Status Atlas content",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        EXPORTED_AT_HEADER: timezone.now().isoformat(),
    }
    po.header = (
        f"HTTP Status Atlas texts in {language_name(lang)} ({SCOPES.get(scope, scope)}).\n"
        "Translate msgstr; keep Markdown, links and `code` as they are. Remove the fuzzy flag of a "
        "translation you have checked. msgctxt names the record and field: do not change it."
    )
    for kind, instance in _records():
        for field_name in instance.TEXT_FIELDS:
            source = _text(instance, field_name, SOURCE_LANGUAGE)
            if not source:
                continue
            current = _text(instance, field_name, lang)
            outdated = is_outdated(instance, field_name, lang)
            wanted = {
                "todo": not current or outdated,
                "missing": not current,
                "outdated": outdated,
                "all": True,
            }.get(scope, False)
            if not wanted:
                continue
            model_field = type(instance)._meta.get_field(field_name)
            # A fuzzy entry carries the English it was translated from (#| msgid), for the tool's diff.
            previous = source_when_translated(instance, field_name, lang) if outdated else None
            po.append(
                polib.POEntry(
                    msgctxt=context_for(kind, instance, field_name),
                    msgid=source,
                    msgstr=current,
                    previous_msgid=previous if previous and previous != source else None,
                    flags=["fuzzy"] if outdated else [],
                    comment=f"{instance}: {model_field.verbose_name}. {model_field.help_text}".strip(),
                )
            )
    return po


# --- Checks on one translation --------------------------------------------------------------------

_CODE_SPAN = re.compile(r"`+[^`\n]+?`+")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|<(https?://[^>\s]+)>")
_PLACEHOLDER = re.compile(r"%\([A-Za-z0-9_]+\)[sdif]|%[sdif]|\{[A-Za-z0-9_]*\}")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_FENCE = re.compile(r"^\s*(```|~~~)", re.MULTILINE)


def markup_problems(source: str, translation: str) -> list[str]:
    """What the translation lost or added of the English's Markdown, links, code and placeholders."""
    problems = []
    checks = [
        (_CODE_SPAN, _("code spans (`…`) differ from the English")),
        (_PLACEHOLDER, _("placeholders differ from the English")),
        (_FENCE, _("code blocks differ from the English")),
    ]
    for pattern, message in checks:
        if Counter(pattern.findall(source)) != Counter(pattern.findall(translation)):
            problems.append(message)
    links = [a or b for a, b in _LINK_TARGET.findall(source)]
    if Counter(links) != Counter(a or b for a, b in _LINK_TARGET.findall(translation)):
        problems.append(_("link targets differ from the English"))
    if len(_LIST_ITEM.findall(source)) != len(_LIST_ITEM.findall(translation)):
        problems.append(_("the number of list items differs from the English"))
    return problems


# --- Import -----------------------------------------------------------------------------------------


@dataclass
class Outcome:
    label: str
    field: str
    reason: str = ""
    url: str = ""
    field_label: str = ""


@dataclass
class ImportSummary:
    language: str
    updated: list[Outcome] = field(default_factory=list)
    confirmed: list[Outcome] = field(default_factory=list)
    # Stored, but translated from an English that changed after the export: marked outdated.
    kept_outdated: list[Outcome] = field(default_factory=list)
    unchanged: int = 0
    empty: int = 0
    fuzzy: list[Outcome] = field(default_factory=list)
    unknown: list[Outcome] = field(default_factory=list)
    changed_since_export: list[Outcome] = field(default_factory=list)
    invalid: list[Outcome] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.updated or self.confirmed or self.kept_outdated)

    @property
    def stored(self) -> int:
        return len(self.updated) + len(self.kept_outdated)

    @property
    def skipped(self) -> int:
        return (
            self.empty
            + len(self.fuzzy)
            + len(self.unknown)
            + len(self.changed_since_export)
            + len(self.invalid)
        )


def parse_po(data: bytes) -> polib.POFile:
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefused(_("The file is larger than 5 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(_("The file is not UTF-8 text. Save it as UTF-8 and try again.")) from None
    # polib reads a path from disk when given one: a real PO file always has more than one line.
    if "\x00" in text or "\n" not in text.strip():
        raise ImportRefused(_("The file is not a PO file."))
    try:
        return polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as error:
        raise ImportRefused(_("The file cannot be read as a PO file: %(error)s") % {"error": error}) from None


def _exported_at(po: polib.POFile) -> datetime:
    raw = po.metadata.get(EXPORTED_AT_HEADER, "").strip()
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise ImportRefused(
            _(
                "The file has no valid %(header)s header, so it was not exported here (or a tool removed "
                "the header). Export the language again and translate that file."
            )
            % {"header": EXPORTED_AT_HEADER}
        )
    if value > timezone.now():
        raise ImportRefused(_("The file says it was exported in the future; it was changed by hand."))
    return value


def _parse_context(msgctxt: str | None):
    parts = (msgctxt or "").split(" ")
    if len(parts) != 3:
        return None
    kind, key, field_name = parts
    family, _sep, slug = key.partition("/")
    if kind not in _kinds() or not family or not slug:
        return None
    return kind, family, slug, field_name


def import_po(po: polib.POFile, lang: str, *, user, admin_url=None) -> ImportSummary:
    """Apply a translated PO file to ``lang``; the summary lists every text and what happened to it."""
    declared = (po.metadata.get("Language") or "").strip().replace("_", "-").lower()
    if declared != lang:
        raise ImportRefused(
            _("The file is for the language “%(declared)s”, not %(language)s.")
            % {"declared": declared or "?", "language": language_name(lang)}
        )
    exported_at = _exported_at(po)
    summary = ImportSummary(language=lang)
    kinds = _kinds()
    wanted: dict[tuple[str, str, str], list] = {}
    seen = set()
    for entry in po:
        if entry.obsolete:
            continue
        parsed = _parse_context(entry.msgctxt)
        label = entry.msgctxt or entry.msgid[:40]
        if parsed is None or entry.msgid_plural or parsed[3] not in kinds[parsed[0]].TEXT_FIELDS:
            summary.unknown.append(Outcome(label, "", _("not a text of this site")))
            continue
        if entry.msgctxt in seen:
            summary.unknown.append(Outcome(label, parsed[3], _("listed twice")))
            continue
        seen.add(entry.msgctxt)
        if entry.fuzzy:
            kind, family, slug, field_name = parsed
            summary.fuzzy.append(
                Outcome(
                    f"{kind} {family}/{slug}",
                    field_name,
                    _("still marked fuzzy: remove the mark once the translation is checked"),
                )
            )
            continue
        if not entry.msgstr.strip():
            summary.empty += 1
            continue
        kind, family, slug, field_name = parsed
        wanted.setdefault((kind, family, slug), []).append((field_name, entry))

    with transaction.atomic():
        for (kind, family, slug), entries in wanted.items():
            model = kinds[kind]
            instance = (
                model._base_manager.select_for_update(of=("self",))
                .select_related("family")
                .filter(family__slug=family, slug=slug)
                .first()
            )
            if instance is None:
                summary.unknown += [
                    Outcome(f"{kind} {family}/{slug}", name, _("no such record")) for name, _e in entries
                ]
                continue
            _apply(instance, entries, lang, exported_at, summary, user=user, admin_url=admin_url)
    return summary


def _apply(instance, entries, lang, exported_at, summary: ImportSummary, *, user, admin_url):
    label = str(instance)
    url = admin_url(instance) if admin_url else ""

    def outcome(field_name, reason=""):
        verbose = str(type(instance)._meta.get_field(field_name).verbose_name)
        return Outcome(label, field_name, reason, url, verbose)

    changed, confirmed, updated, kept, kept_outcomes = [], [], [], [], []
    for field_name, entry in entries:
        localized = build_localized_fieldname(field_name, lang)
        translation = entry.msgstr.replace("\r\n", "\n").strip()
        current = _text(instance, field_name, lang)
        # The English the translator worked from: today's, or an older one.
        source = entry.msgid.replace("\r\n", "\n").strip()
        source_changed = source != _text(instance, field_name, SOURCE_LANGUAGE)
        changed_at = (instance.text_changed_at or {}).get(localized)
        if changed_at and datetime.fromisoformat(changed_at) > exported_at and translation != current:
            summary.changed_since_export.append(
                outcome(field_name, _("changed in the admin after the export; kept"))
            )
            continue
        if problems := markup_problems(source, translation):
            summary.invalid.append(outcome(field_name, "; ".join(problems)))
            continue
        max_length = type(instance)._meta.get_field(localized).max_length
        if max_length and len(translation) > max_length:
            summary.invalid.append(
                outcome(field_name, _("longer than %(max)d characters") % {"max": max_length})
            )
            continue
        if translation == current:
            if source_changed:
                summary.unchanged += 1
            elif is_outdated(instance, field_name, lang):
                confirmed.append(localized)
                summary.confirmed.append(outcome(field_name))
            else:
                summary.unchanged += 1
            continue
        setattr(instance, localized, translation)
        if source_changed:
            kept.append(localized)
            kept_outcomes.append(outcome(field_name, _("the English changed after the export")))
        else:
            changed.append(localized)
            updated.append(outcome(field_name))
    if not (changed or confirmed or kept):
        return
    try:
        instance.full_clean()
    except ValidationError as error:
        summary.invalid.append(
            Outcome(
                label, ", ".join(o.field for o in [*updated, *kept_outcomes]), " ".join(error.messages), url
            )
        )
        summary.confirmed = [o for o in summary.confirmed if o.label != label]
        return
    summary.updated += updated
    summary.kept_outdated += kept_outcomes
    fresh = type(instance)._base_manager.get(pk=instance.pk)
    history.record_current_state(fresh)
    if confirmed:
        instance.mark_texts_current(confirmed)
    if kept:
        # Dated to the export: older than the English it no longer matches, so it shows as outdated.
        instance.mark_texts_current(changed)
        instance.mark_texts_current(kept, at=exported_at)
        instance._keep_text_stamps = True
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(
            _("Imported %(count)d texts in %(language)s from a PO file")
            % {"count": len(changed) + len(confirmed) + len(kept), "language": language_name(lang)}
        )
        try:
            instance.save()
        except DatabaseError as error:
            raise ImportRefused(
                _("The database refused %(record)s: %(error)s") % {"record": label, "error": error}
            ) from None
