"""Loads the content files under content/ into the database.

The loader is idempotent and runs in one transaction. For every field it remembers a hash of the
value it last wrote (``loaded_hashes``); a field whose current value no longer matches was changed by
an editor and is kept, never overwritten. Every entry it ever created is listed (``LoadedEntry``): one
that is gone from the database was deleted by an editor and stays deleted.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from codes.models import Family, LoadedEntry, StatusCode, Vendor
from comparisons.models import Comparison
from editorial.concurrency import canonical
from editorial.content_files import ContentError, ContentSet, localized
from editorial.reference_loader import load_references
from guide.models import Answer, Step


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def value_hash(value: Any) -> str:
    """The same hash for every spelling of one value: None and "", CRLF and LF (as a browser sends it)."""
    encoded = json.dumps(canonical(value), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()[:16]


def _merge(instance, values: dict[str, Any], label: str, report: Report) -> list[str]:
    """Apply file values to an instance, keeping what an editor changed. Returns changed fields."""
    changed = []
    hashes = dict(instance.loaded_hashes or {})
    for name, new in values.items():
        current = getattr(instance, name)
        if canonical(current) == canonical(new):
            hashes[name] = value_hash(new)
            continue
        if instance.pk is not None:
            last = hashes.get(name)
            # A field added after the last load holds its default, which no editor chose.
            default = instance._meta.get_field(name).get_default()
            never_loaded_but_filled = last is None and current not in (None, "", [], {}, default)
            if never_loaded_but_filled or (last is not None and last != value_hash(current)):
                report.kept.append(f"{label}: {name}")
                continue
        setattr(instance, name, new)
        changed.append(name)
        hashes[name] = value_hash(new)
    if hashes != (instance.loaded_hashes or {}):
        instance.loaded_hashes = hashes
        changed.append("loaded_hashes")
    return changed


def _save(instance, changed: list[str], label: str, path, report: Report):
    created = instance.pk is None
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise ContentError([f"{path}: {label}: {error}"]) from error
    auto = [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]
    try:
        if created:
            instance.save()
        elif changed:
            instance.save(update_fields=[*changed, *auto])
    except DatabaseError as error:
        raise ContentError([f"{path}: {label}: the database refused it: {error}"]) from error
    if created:
        report.created.append(label)
    elif changed:
        edited = [name for name in changed if name != "loaded_hashes"]
        if edited:
            report.updated.append(f"{label} ({', '.join(edited)})")


class _Entries:
    """The entries the loader created before: one missing from the database was deleted by an editor."""

    def __init__(self, report: Report):
        self.report = report
        self.known = set(LoadedEntry.objects.values_list("label", flat=True))
        self.new: list[str] = []

    def deleted(self, label: str) -> bool:
        if label in self.known:
            self.report.kept.append(f"{label}: deleted by an editor, not loaded again")
            return True
        return False

    def created(self, label: str) -> None:
        self.new.append(label)

    def save(self) -> None:
        LoadedEntry.objects.bulk_create([LoadedEntry(label=label) for label in self.new])


def load_content(root: Path) -> Report:
    """Load every content file under ``root``; all or nothing."""
    content = ContentSet(root)
    report = Report()
    with transaction.atomic():
        entries = _Entries(report)
        families = {f.slug: f for f in Family.objects.select_for_update()}
        for item in content.families:
            label = f"family {item['slug']}"
            family = families.get(item["slug"])
            if family is None:
                if entries.deleted(label):
                    continue
                family = Family(slug=item["slug"])
                entries.created(label)
            values = {"position": item["position"], **localized(item["texts"])}
            changed = _merge(family, values, label, report)
            _save(family, changed, label, root / "families.yaml", report)
            families[family.slug] = family

        vendors = {v.slug: v for v in Vendor.objects.select_for_update()}
        for item in content.vendors:
            label = f"vendor {item['slug']}"
            vendor = vendors.get(item["slug"])
            if vendor is None:
                if entries.deleted(label):
                    continue
                vendor = Vendor(slug=item["slug"])
                entries.created(label)
            changed = _merge(vendor, {"name": item["name"], "url": item["url"]}, label, report)
            _save(vendor, changed, label, root / "vendors.yaml", report)
            vendors[vendor.slug] = vendor

        # Rows are locked until the load commits: an editor's save cannot slip in between the check that
        # keeps edited fields and the write, and a form opened before the load is refused on save.
        codes = {
            (c.family.slug, c.slug): c
            for c in StatusCode.objects.select_related("family").select_for_update(of=("self",))
        }
        for (family_slug, slug), item in content.codes.items():
            label = f"code {family_slug}/{slug}"
            facts = dict(item["facts"])
            vendor_slug = facts.pop("vendor")
            code = codes.get((family_slug, slug))
            if code is None:
                if entries.deleted(label) or _lacks(report, label, families, family_slug):
                    continue
                if vendor_slug and _lacks(report, label, vendors, vendor_slug):
                    continue
                code = StatusCode(family=families[family_slug], slug=slug)
                entries.created(label)
            vendor = vendors.get(vendor_slug) if vendor_slug else None
            # The vendor is a fact like the others: an editor's choice of vendor is kept.
            values = {**facts, "vendor_id": vendor.pk if vendor else None, **localized(item["texts"])}
            if vendor_slug and vendor is None:
                values.pop("vendor_id")
            changed = _merge(code, values, label, report)
            _save(code, changed, label, item["_path"], report)
            codes[(family_slug, slug)] = code

        existing = {
            (c.family.slug, c.code_a.slug, c.code_b.slug): c
            for c in Comparison.objects.select_related("family", "code_a", "code_b").select_for_update(
                of=("self",)
            )
        }
        for (family_slug, low, high), item in content.comparisons.items():
            label = f"comparison {family_slug}/{low}-vs-{high}"
            comparison = existing.get((family_slug, low, high))
            if comparison is None:
                if entries.deleted(label) or any(
                    _lacks(report, label, codes, (family_slug, slug)) for slug in (low, high)
                ):
                    continue
                comparison = Comparison(
                    family=families[family_slug],
                    code_a=codes[(family_slug, low)],
                    code_b=codes[(family_slug, high)],
                )
                entries.created(label)
            values = {"status": item["status"], **localized(item["texts"])}
            changed = _merge(comparison, values, label, report)
            _save(comparison, changed, label, item["_path"], report)
        load_references(content, codes, report)
        _load_guide(content, codes, entries, report)
        entries.save()
    return report


# The decision guide ------------------------------------------------------------------------------


def _load_guide(content: ContentSet, codes: dict, entries: "_Entries", report: Report) -> None:
    """Questions first, then their answers, which may lead to any question."""
    family = content.guide_family
    steps = {s.slug: s for s in Step.objects.select_for_update()}
    for slug, item in content.guide.items():
        label = f"guide step {slug}"
        step = steps.get(slug)
        if step is None:
            if entries.deleted(label):
                continue
            step = Step(slug=slug)
            entries.created(label)
        values = {
            "position": item["position"],
            "is_start": item["is_start"],
            "status": item["status"],
            **localized(item["texts"]),
        }
        _save(step, _merge(step, values, label, report), label, item["_path"], report)
        steps[slug] = step
    answers = {
        (a.step.slug, a.key): a for a in Answer.objects.select_related("step").select_for_update(of=("self",))
    }
    for slug, item in content.guide.items():
        for key, entry in item["answers"].items():
            label = f"guide answer {slug}/{key}"
            answer = answers.get((slug, key))
            targets = [(family, c) for c in (entry["code"], entry["compare"]) if c]
            if answer is None:
                if entries.deleted(label) or _lacks(report, label, steps, slug):
                    continue
                if entry["next"] and _lacks(report, label, steps, entry["next"]):
                    continue
                if any(_lacks(report, label, codes, target) for target in targets):
                    continue
                answer = Answer(step=steps[slug], key=key)
                entries.created(label)
            values = {
                "position": entry["position"],
                "next_step_id": steps[entry["next"]].pk if entry["next"] in steps else None,
                "code_id": codes[targets[0]].pk if targets and targets[0] in codes else None,
                "other_code_id": codes[targets[1]].pk if len(targets) > 1 and targets[1] in codes else None,
                **entry["values"],
                **localized(entry["texts"]),
            }
            _save(answer, _merge(answer, values, label, report), label, item["_path"], report)


def _lacks(report: Report, label: str, loaded: dict, key) -> bool:
    """An entry needs another that an editor deleted: it is left out, and the report says so."""
    if key in loaded:
        return False
    name = "/".join(key) if isinstance(key, tuple) else key
    report.kept.append(f"{label}: not loaded, it needs {name}, which an editor deleted")
    return True
