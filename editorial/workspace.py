"""A translator's workspace: every text of one language, in the order visitors meet them.

The order, first to last:

1. titles and summaries before bodies: they are what lists, search results, link previews and the top of
   every page show;
2. within each of those, published curated comparisons first, then codes from the most visited down,
   then draft comparisons (nobody sees them yet);
3. within a record, the order of its fields on the page.

No visit counts are stored anywhere, so "most visited" is read from the site itself: a code is the more
visited the more published curated comparisons link to it (each is a page of its own, featured on the
home page), then codes of the IANA registry come before vendor and unofficial codes, then by number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from codes.models import StatusCode
from comparisons.models import Comparison
from editorial.models import PendingRevision
from editorial.text_rules import text_rule_warnings
from editorial.translation_checks import Finding, check_text
from foundation.completeness import field_filled
from foundation.languages import SOURCE_LANGUAGE
from foundation.text_changes import is_outdated

# What a visitor reads first on every page, in lists and in search results.
HEADLINE_FIELDS = ("title", "summary")
KINDS = {"comparison": Comparison, "code": StatusCode}

MISSING, OUTDATED, DONE = "missing", "outdated", "done"
STATE_LABELS = {MISSING: _("missing"), OUTDATED: _("outdated"), DONE: _("translated")}
# A missing or outdated text with a change waiting for review is not to do again: it has its own list.
IN_REVIEW = "review"
FILTERS = {
    "todo": _("To do (missing or outdated)"),
    "missing": _("Missing"),
    "outdated": _("Outdated"),
    IN_REVIEW: PendingRevision.State.PENDING.label,
    "warnings": _("Has warnings"),
    "all": _("All texts"),
}


@dataclass
class WorkItem:
    """One text of one record in one language."""

    kind: str
    instance: object
    field: str
    lang: str
    state: str
    rank: tuple
    findings: list[Finding] = field(default_factory=list)
    # A change of this text in this language waits for review (visitors still read the live one).
    in_review: bool = False

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.instance.pk}-{self.field}"

    @property
    def source(self) -> str:
        return text_of(self.instance, self.field, SOURCE_LANGUAGE)

    @property
    def text(self) -> str:
        return text_of(self.instance, self.field, self.lang)

    @property
    def localized_field(self) -> str:
        return build_localized_fieldname(self.field, self.lang)

    @property
    def label(self) -> str:
        verbose = str(type(self.instance)._meta.get_field(self.field).verbose_name)
        return verbose[:1].upper() + verbose[1:]

    @property
    def state_label(self) -> str:
        if self.in_review:
            return f"{STATE_LABELS[self.state]} · {PendingRevision.State.PENDING.label}"
        return str(STATE_LABELS[self.state])

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.kind != "missing"]


def text_of(instance, field_name: str, lang: str) -> str:
    return (
        (getattr(instance, build_localized_fieldname(field_name, lang)) or "").replace("\r\n", "\n").strip()
    )


def state_of(instance, field_name: str, lang: str) -> str:
    if not field_filled(instance, field_name, lang):
        return MISSING
    return OUTDATED if is_outdated(instance, field_name, lang) else DONE


def records() -> tuple[list, list]:
    """Every code and comparison, with what their titles and the ordering read (two queries)."""
    codes = list(StatusCode.objects.select_related("family").order_by("number", "slug"))
    comparisons = list(
        Comparison.objects.select_related("family", "code_a", "code_b").order_by(
            "code_a__number", "code_b__number", "slug"
        )
    )
    return codes, comparisons


def visits_proxy(comparisons) -> Counter:
    """How many published curated comparisons link to each code (by id)."""
    links = Counter()
    for comparison in comparisons:
        if comparison.status == Comparison.Status.PUBLISHED:
            links[comparison.code_a_id] += 1
            links[comparison.code_b_id] += 1
    return links


def record_ranks(codes, comparisons) -> dict[tuple[str, int], tuple]:
    """Each record's place among records, most seen first (see the module's docstring)."""
    links = visits_proxy(comparisons)
    ranks = {}
    for position, comparison in enumerate(comparisons):
        published = comparison.status == Comparison.Status.PUBLISHED
        ranks[("comparison", comparison.pk)] = (0 if published else 2, 0, 0, position)
    for position, code in enumerate(codes):
        ranks[("code", code.pk)] = (1, -links[code.pk], 0 if code.is_official else 1, position)
    return ranks


def field_rank(model, field_name: str) -> tuple[int, int]:
    return (0 if field_name in HEADLINE_FIELDS else 1, model.TEXT_FIELDS.index(field_name))


def texts_in_review(lang: str) -> set[tuple[str, int, str]]:
    """(kind, record, column) of every text of ``lang`` that a pending revision changes or confirms."""
    kinds = {model._meta.model_name: kind for kind, model in KINDS.items()}
    revisions = (
        PendingRevision.objects.pending()
        .in_languages([lang])
        .filter(content_type__app_label__in={model._meta.app_label for model in KINDS.values()})
        .filter(content_type__model__in=kinds)
        .values_list("content_type__model", "object_id", "values", "confirmed")
    )
    return {
        (kinds[model_name], pk, column)
        for model_name, pk, values, confirmed in revisions
        for column in [*values, *confirmed]
    }


def all_items(lang: str, codes, comparisons, *, checked: bool = False) -> list[WorkItem]:
    """Every text the English has, in ``lang``, ordered for translating (``checked``: with findings)."""
    ranks = record_ranks(codes, comparisons)
    in_review = texts_in_review(lang)
    items = []
    for kind, instances in (("comparison", comparisons), ("code", codes)):
        for instance in instances:
            record_rank = ranks[(kind, instance.pk)]
            for name in instance.TEXT_FIELDS:
                if not field_filled(instance, name, SOURCE_LANGUAGE):
                    continue
                headline, position = field_rank(type(instance), name)
                item = WorkItem(
                    kind,
                    instance,
                    name,
                    lang,
                    state_of(instance, name, lang),
                    (headline, *record_rank, position),
                )
                item.in_review = item.state != DONE and (kind, instance.pk, item.localized_field) in in_review
                if checked and item.state != MISSING:
                    item.findings = item_findings(item, item.text)
                items.append(item)
    items.sort(key=lambda item: item.rank)
    return items


def item_findings(item: WorkItem, text: str) -> list[Finding]:
    """The translation checks and the help text's rule, on ``text`` as the translation of ``item``."""
    return check_text(item.source, text, item.lang) + text_rule_warnings(
        type(item.instance), item.field, text
    )


def matches(item: WorkItem, wanted: str) -> bool:
    if wanted == "todo":
        return item.state in (MISSING, OUTDATED) and not item.in_review
    if wanted == IN_REVIEW:
        return item.in_review
    if wanted == "warnings":
        return bool(item.warnings)
    if wanted == "all":
        return True
    return item.state == wanted


@dataclass
class Progress:
    total: int
    done: int
    missing: int
    outdated: int
    in_review: int
    # None when the texts were not checked (the lists of missing and outdated texts).
    warnings: int | None

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def check_items(items: list[WorkItem]) -> None:
    """Run the checks on the translated texts among ``items``."""
    for item in items:
        if item.state != MISSING:
            item.findings = item_findings(item, item.text)


def progress_of(items: list[WorkItem], *, checked: bool = False) -> Progress:
    states = Counter(item.state for item in items)
    return Progress(
        total=len(items),
        done=states[DONE],
        missing=states[MISSING],
        outdated=states[OUTDATED],
        in_review=sum(1 for item in items if item.in_review),
        warnings=sum(1 for item in items if item.warnings) if checked else None,
    )


def next_after(items: list[WorkItem], current: WorkItem | None, wanted: str) -> WorkItem | None:
    """The next text to do after ``current`` in the list's order, wrapping round; None when none is left."""
    todo = [item for item in items if matches(item, wanted) and (current is None or item.key != current.key)]
    if not todo:
        return None
    if current is None:
        return todo[0]
    later = [item for item in todo if item.rank > current.rank]
    return later[0] if later else todo[0]


def find_item(items: list[WorkItem], kind: str, pk: int, field_name: str) -> WorkItem | None:
    key = f"{kind}-{pk}-{field_name}"
    return next((item for item in items if item.key == key), None)
