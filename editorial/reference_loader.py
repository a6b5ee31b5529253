"""Loads framework constants and code histories. Both are read from primary sources and regenerated from
the files on every load: the files are the truth, rows that left them are removed."""

from django.db import DatabaseError
from django.utils import timezone

from codes.frameworks import Framework, FrameworkConstant
from codes.timeline import HistoryEvent
from editorial.content_files import ContentError
from foundation.versions import mark_content_changed, mark_content_deleted

CONSTANT_FIELDS = (
    "since",
    "until",
    "since_index",
    "kind",
    "replaced_by",
    "source_repo",
    "source_path",
    "source_refs",
)
EVENT_FIELDS = ("date", "precision", "kind", "document", "url", "name")


def load_references(content, codes: dict, report) -> None:
    """``codes``: the loaded codes by (family, slug). Codes an editor deleted get no rows."""
    frameworks = {f.slug: f for f in Framework.objects.select_for_update()}
    for item in content.frameworks:
        framework = frameworks.get(item["slug"]) or Framework(slug=item["slug"])
        values = {key: item[key] for key in ("title", "snippet", "position", "versions")}
        if framework.pk is None or any(getattr(framework, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(framework, key, value)
            framework.save()
            report.updated.append(f"framework {framework.slug}")
        frameworks[framework.slug] = framework
        wanted = {}
        for row in item["constants"]:
            code = codes.get(("http", row["code"]))
            if code is None:
                continue
            source = row["source"]
            wanted[(code.pk, row["name"], row["since"])] = FrameworkConstant(
                framework=framework,
                code=code,
                name=row["name"],
                **{key: row[key] for key in ("since", "until", "since_index", "kind", "replaced_by")},
                source_repo=source["repo"],
                source_path=source["path"],
                source_refs=source["refs"],
            )
        existing = {(c.code_id, c.name, c.since): c for c in framework.constants.all()}
        _sync(f"constants of {framework.slug}", FrameworkConstant, existing, wanted, CONSTANT_FIELDS, report)

    wanted_events, existing_events = {}, {}
    for event in HistoryEvent.objects.all():
        existing_events[(event.code_id, event.position)] = event
    for key, rows in content.history.items():
        code = codes.get(key)
        if code is None:
            continue
        for position, row in enumerate(rows):
            wanted_events[(code.pk, position)] = HistoryEvent(code=code, position=position, **row)
    _sync("history events", HistoryEvent, existing_events, wanted_events, EVENT_FIELDS, report)


def _sync(label, model, existing: dict, wanted: dict, fields, report) -> None:
    created = [row for key, row in wanted.items() if key not in existing]
    changed = []
    for key, row in wanted.items():
        current = existing.get(key)
        if current is not None and any(getattr(current, f) != getattr(row, f) for f in fields):
            for f in fields:
                setattr(current, f, getattr(row, f))
            current.updated_at = timezone.now()
            changed.append(current)
    gone = [row.pk for key, row in existing.items() if key not in wanted]
    # Bulk writes skip save(): the content version is marked below.
    try:
        model.objects.bulk_create(created)
        if changed:
            model.objects.bulk_update(changed, [*fields, "updated_at"])
        if gone:
            model.objects.filter(pk__in=gone).delete()
    except DatabaseError as error:
        raise ContentError([f"{label}: the database refused them: {error}"]) from error
    if gone:
        mark_content_deleted()
    if created or changed:
        mark_content_changed()
        report.updated.append(f"{label}: {len(created)} added, {len(changed)} changed, {len(gone)} removed")
