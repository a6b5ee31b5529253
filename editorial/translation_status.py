"""How far each language has come: the admin's translation status page, record by record."""

from __future__ import annotations

from dataclasses import dataclass, field

from foundation.completeness import State, language_state
from foundation.text_changes import missing_fields, outdated_fields

# --- The admin's translation status page --------------------------------------------------------


@dataclass
class RecordWork:
    """One record that needs work in a language: which texts are missing and which are outdated."""

    instance: object
    missing: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)


@dataclass
class Tally:
    total: int = 0
    complete: int = 0
    partial: int = 0
    missing: int = 0
    outdated: int = 0
    work: list[RecordWork] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.total) if self.total else 100

    def add(self, instance, lang: str):
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
        if missing or outdated:
            self.work.append(RecordWork(instance, missing, outdated))


def language_report(lang: str, *, codes, comparisons, guide=()) -> dict[str, Tally]:
    """Completeness and outstanding work of one language over the given codes, comparisons and questions
    and answers of the decision guide."""
    report = {"codes": Tally(), "comparisons": Tally(), "guide": Tally()}
    for record in guide:
        report["guide"].add(record, lang)
    for code in codes:
        report["codes"].add(code, lang)
    for comparison in comparisons:
        report["comparisons"].add(comparison, lang)
    return report
