"""The content files of framework constants (content/constants/) and code histories (content/history/),
read and checked like the rest of content/: every problem named with its file, entry and reason."""

import datetime
import re
from pathlib import Path

from codes.frameworks import FrameworkConstant
from codes.timeline import HistoryEvent

FRAMEWORK_KEYS = {"framework", "position", "title", "snippet", "versions", "read", "constants"}
CONSTANT_KEYS = {"code", "name", "since", "until", "kind", "replaced_by", "source"}
SOURCE_KEYS = {"repo", "path", "refs"}
EVENT_KEYS = {"date", "kind", "document", "url", "name"}
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def read_frameworks(content, path: Path) -> None:
    """One framework's file: its versions and, per code, the names it used over version ranges."""
    doc = content._yaml(path)
    if not isinstance(doc, dict):
        content.problems.add(path, "file", "must be a mapping with `framework`, `versions` and `constants`")
        return
    add = content.problems.add
    unknown = set(doc) - FRAMEWORK_KEYS
    if unknown:
        add(path, "file", f"unknown keys {sorted(unknown)}")
    slug, versions = doc.get("framework"), doc.get("versions")
    if not isinstance(slug, str) or not slug:
        add(path, "file", "needs a `framework` slug")
        return
    if not isinstance(versions, list) or not versions or len(set(map(str, versions))) != len(versions):
        add(path, "file", "`versions` must list the versions read, oldest first, each once")
        return
    versions = [str(v) for v in versions]
    for key in ("title", "snippet", "read"):
        if not isinstance(doc.get(key), str) or not doc[key].strip():
            add(path, "file", f"needs `{key}`")
    rows = []
    for index, item in content._numbered(path, doc.get("constants")):
        row = _constant(content, path, f"constant {index}", item, versions)
        if row:
            rows.append(row)
    _check_ranges(content, path, rows, versions)
    content.frameworks.append(
        {
            "slug": slug,
            "title": str(doc.get("title", "")).strip(),
            "snippet": str(doc.get("snippet", "")).strip(),
            "position": doc.get("position", 0),
            "versions": versions,
            "constants": rows,
            "_path": path,
        }
    )


def _constant(content, path, label, item, versions) -> dict | None:
    add = content.problems.add
    before = len(content.problems.items)
    unknown = set(item) - CONSTANT_KEYS
    if unknown:
        add(path, label, f"unknown keys {sorted(unknown)}")
    slug, name = str(item.get("code", "")), item.get("name")
    label = f"constant {name!r} of {slug!r}"
    if ("http", slug) not in content.codes:
        add(path, label, f"unknown code {slug!r}")
    if not isinstance(name, str) or not name:
        add(path, label, "needs a `name`")
    since = str(item["since"]) if item.get("since") is not None else None
    until = str(item["until"]) if item.get("until") is not None else None
    if since not in versions:
        add(path, label, f"`since` must be one of the versions read, not {since!r}")
    if until is not None and until not in versions:
        add(path, label, f"`until` must be one of the versions read or empty, not {until!r}")
    if since in versions and until in versions and versions.index(until) < versions.index(since):
        add(path, label, f"ends ({until}) before it starts ({since})")
    if item.get("kind") not in FrameworkConstant.Kind.values:
        add(path, label, f"`kind` must be one of {FrameworkConstant.Kind.values}")
    source = item.get("source")
    if (
        not isinstance(source, dict)
        or set(source) != SOURCE_KEYS
        or not all(isinstance(source[key], str) and source[key].strip() for key in SOURCE_KEYS)
    ):
        add(path, label, "lacks its source: `source` needs `repo`, `path` and `refs` (where it was read)")
    if len(content.problems.items) > before:
        return None
    return {
        "code": slug,
        "name": name,
        "since": since,
        "until": until or "",
        "since_index": versions.index(since),
        "until_index": versions.index(until) if until else len(versions) - 1,
        "kind": item["kind"],
        "replaced_by": item.get("replaced_by") or "",
        "source": source,
    }


def _check_ranges(content, path, rows, versions) -> None:
    """The ranges of one name for one code follow each other: no version in two, none skipped between."""
    by_name: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        by_name.setdefault((row["code"], row["name"]), []).append(row)
    for (code, name), ranges in by_name.items():
        ranges.sort(key=lambda row: row["since_index"])
        for before, after in zip(ranges, ranges[1:], strict=False):
            label = f"constant {name!r} of {code!r}"
            if after["since_index"] <= before["until_index"]:
                content.problems.add(
                    path,
                    label,
                    f"ranges overlap: {before['since']}–{before['until'] or 'now'} and {after['since']}–",
                )
            elif after["since_index"] > before["until_index"] + 1:
                gap = versions[before["until_index"] + 1]
                content.problems.add(
                    path, label, f"ranges leave a gap at {gap} (a name that went away: say so)"
                )


def read_history(content, path: Path) -> None:
    """Each code's timeline: events in date order, each with its document and link."""
    doc = content._yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("codes"), dict):
        content.problems.add(path, "file", "must map `codes` to lists of events")
        return
    for key, events in doc["codes"].items():
        family, _, slug = str(key).partition("/")
        label = f"history of {key!r}"
        if (family, slug) not in content.codes:
            content.problems.add(path, label, "unknown code")
            continue
        if not isinstance(events, list):
            content.problems.add(path, label, "must be a list of events (an empty list says there are none)")
            continue
        rows = [
            row for n, item in enumerate(events, 1) if (row := _event(content, path, f"{label} #{n}", item))
        ]
        for before, after in zip(rows, rows[1:], strict=False):
            if after["date"] < before["date"]:
                content.problems.add(
                    path,
                    label,
                    f"out of order: {after['document']} ({after['date']}) after {before['document']}",
                )
        content.history[(family, slug)] = rows


def _event(content, path, label, item) -> dict | None:
    add = content.problems.add
    if not isinstance(item, dict):
        add(path, label, "must be a mapping")
        return None
    before = len(content.problems.items)
    unknown = set(item) - EVENT_KEYS
    if unknown:
        add(path, label, f"unknown keys {sorted(unknown)}")
    match = _DATE_RE.match(str(item.get("date", "")))
    date = None
    if match:
        try:
            date = datetime.date(int(match[1]), int(match[2]), int(match[3] or 1))
        except ValueError:
            match = None
    if not match:
        add(path, label, "`date` must be YYYY-MM or YYYY-MM-DD")
    if item.get("kind") not in HistoryEvent.Kind.values:
        add(path, label, f"`kind` must be one of {HistoryEvent.Kind.values}")
    for key in ("document", "url"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            add(path, label, f"needs `{key}`")
    if isinstance(item.get("url"), str) and not item["url"].startswith("https://"):
        add(path, label, "`url` must be an https link to the document")
    if len(content.problems.items) > before:
        return None
    return {
        "date": date,
        "precision": HistoryEvent.Precision.DAY if match[3] else HistoryEvent.Precision.MONTH,
        "kind": item["kind"],
        "document": item["document"].strip(),
        "url": item["url"].strip(),
        "name": str(item.get("name") or "").strip(),
    }
