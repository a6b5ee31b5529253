"""How far each language has come: the admin's translation status page, record by record."""

from __future__ import annotations

from dataclasses import dataclass, field

from modeltranslation.utils import build_localized_fieldname

from editorial.text_rules import rule_warnings
from editorial.translation_checks import Finding, check_text
from foundation.completeness import State, field_filled, language_state
from foundation.languages import SOURCE_LANGUAGE
from foundation.text_changes import missing_fields, outdated_fields

# --- The admin's translation status page --------------------------------------------------------


@dataclass
class RecordWork:
    """One record that needs work in a language: which texts are missing and which are outdated."""

    instance: object
    missing: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    # (field name, findings) of translated texts the checks flag.
    warnings: list[tuple[str, list[Finding]]] = field(default_factory=list)


@dataclass
class Tally:
    total: int = 0
    complete: int = 0
    partial: int = 0
    missing: int = 0
    outdated: int = 0
    flagged: int = 0
    texts: int = 0
    texts_done: int = 0
    work: list[RecordWork] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.total) if self.total else 100

    @property
    def text_percent(self) -> int:
        """Texts (not records) translated and up to date, as a share of every text the English has."""
        return round(100 * self.texts_done / self.texts) if self.texts else 100

    def add(self, instance, lang: str, *, checked: bool = False):
        self.total += 1
        state = language_state(instance, instance.TEXT_FIELDS, lang)
        if state is State.COMPLETE:
            self.complete += 1
        elif state is State.PARTIAL:
            self.partial += 1
        else:
            self.missing += 1
        missing = missing_fields(instance, lang)
        outdated = outdated_fields(instance, lang)
        if outdated:
            self.outdated += 1
        sourced = [name for name in instance.TEXT_FIELDS if field_filled(instance, name, SOURCE_LANGUAGE)]
        self.texts += len(sourced)
        self.texts_done += len([name for name in sourced if name not in missing and name not in outdated])
        warnings = (
            _warnings(instance, lang, [name for name in sourced if name not in missing]) if checked else []
        )
        if warnings:
            self.flagged += 1
        if missing or outdated or warnings:
            self.work.append(RecordWork(instance, missing, outdated, warnings))


def _warnings(instance, lang: str, names) -> list[tuple[str, list[Finding]]]:
    found = []
    for name in names:
        source = getattr(instance, build_localized_fieldname(name, SOURCE_LANGUAGE)) or ""
        findings = check_text(
            source, getattr(instance, build_localized_fieldname(name, lang)) or "", lang
        ) + rule_warnings(instance, name, lang)
        if findings:
            found.append((name, findings))
    return found


def language_report(lang: str, *, codes, comparisons, guide=(), checked: bool = False) -> dict[str, Tally]:
    """Completeness and outstanding work of one language: comparisons first (fewer, and curated), then codes,
    then the questions and answers of the decision guide.

    ``checked`` also runs the translation checks on every translated text (the language's own page).
    """
    report = {"comparisons": Tally(), "codes": Tally(), "guide": Tally()}
    for comparison in comparisons:
        report["comparisons"].add(comparison, lang, checked=checked)
    for code in codes:
        report["codes"].add(code, lang, checked=checked)
    for record in guide:
        report["guide"].add(record, lang, checked=checked)
    return report
