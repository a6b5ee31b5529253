"""content/guide.yaml, the decision guide, read and checked like the other content files: every problem
named with its file, entry and reason, and the guide as a whole held to guide/checks.py (no question
that leads nowhere, loops or cannot be reached, no answer towards a code that does not exist)."""

from pathlib import Path

from modeltranslation.utils import build_localized_fieldname

from guide.checks import problems as guide_problems
from guide.models import Answer, Step

STEP_KEYS = {"slug", "start", "status", "position", "texts", "answers"}
ANSWER_KEYS = {"key", "next", "code", "compare", "rfc", "texts"}
RFC_KEYS = {"section", "url", "quote"}


def read_guide(content, path: Path) -> None:
    """Fill ``content.guide`` ({step slug: step}) from ``path``; a missing file is no guide."""
    if not path.exists():
        return
    doc = content._yaml(path)
    family = content._family_of(path, doc)
    if family is None:
        return
    content.guide_family = family
    for position, item in content._numbered(path, doc.get("steps")):
        slug = item.get("slug")
        label = f"step {slug!r}" if slug else f"step {position}"
        unknown = set(item) - STEP_KEYS
        if unknown:
            content.problems.add(path, label, f"unknown keys {sorted(unknown)}")
        if not isinstance(slug, str) or slug in content.guide:
            content.problems.add(path, label, "needs a `slug` used by no other step")
            continue
        texts = content._texts(path, label, item.get("texts"), Step.TEXT_FIELDS)
        if not texts.get("en", {}).get("question"):
            content.problems.add(path, label, "needs an English `question`")
        step = {
            "_path": path,
            "position": item.get("position", position * 10),
            "is_start": bool(item.get("start", False)),
            "status": item.get("status", Step.Status.DRAFT),
            "texts": texts,
            "answers": {},
        }
        content._check_with_model(
            path,
            label,
            Step(slug=slug, **{k: step[k] for k in ("position", "is_start", "status")}, **_fields(texts)),
        )
        for index, answer in content._numbered(path, item.get("answers")):
            _read_answer(content, path, family, slug, step, index, answer)
        content.guide[slug] = step
    graph = {
        slug: {
            "start": step["is_start"],
            "published": step["status"] == Step.Status.PUBLISHED,
            "answers": [
                {"key": key, "next": a["next"], "codes": [c for c in (a["code"], a["compare"]) if c]}
                for key, a in step["answers"].items()
            ],
        }
        for slug, step in content.guide.items()
    }
    known = {slug for fam, slug in content.codes if fam == family}
    for problem in guide_problems(graph, known_codes=known):
        content.problems.add(path, "guide", problem)


def _read_answer(content, path, family, slug, step, index, item) -> None:
    key = item.get("key")
    label = f"answer {slug}/{key or index}"
    unknown = set(item) - ANSWER_KEYS
    if unknown:
        content.problems.add(path, label, f"unknown keys {sorted(unknown)}")
    if not isinstance(key, str) or key in step["answers"]:
        content.problems.add(path, label, "needs a `key` used by no other answer of the step")
        return
    rfc = item.get("rfc") or {}
    if not isinstance(rfc, dict) or set(rfc) - RFC_KEYS:
        content.problems.add(path, label, "`rfc` must have `section`, `url` and `quote`")
        rfc = {}
    code, compare, following = item.get("code"), item.get("compare"), item.get("next")
    if (following is None) == (code is None) or (compare is not None and code is None):
        content.problems.add(path, label, "needs either `next` or `code` (with `compare` for a comparison)")
    if code is not None and not all(rfc.get(name) for name in RFC_KEYS):
        content.problems.add(
            path, label, "an answer that leads to a code quotes its `rfc` section, url and quote"
        )
    texts = content._texts(path, label, item.get("texts"), Answer.TEXT_FIELDS)
    if not texts.get("en", {}).get("label"):
        content.problems.add(path, label, "needs an English `label`")
    values = {
        "rfc_section": str(rfc.get("section", "")).strip(),
        "rfc_url": str(rfc.get("url", "")).strip(),
        "rfc_quote": " ".join(str(rfc.get("quote", "")).split()),
    }
    content._check_with_model(path, label, Answer(key=key, position=index * 10, **values, **_fields(texts)))
    step["answers"][key] = {
        "position": index * 10,
        "next": following,
        "code": None if code is None else str(code),
        "compare": None if compare is None else str(compare),
        "values": values,
        "texts": texts,
    }


def _fields(texts: dict) -> dict:
    return {
        build_localized_fieldname(name, lang): value
        for lang, values in texts.items()
        for name, value in values.items()
    }


def read_guide_translations(content, path: Path, lang: str, entries: dict) -> None:
    """`guide:` of content/i18n/<lang>.yaml: "start" for a step, "start/success" for an answer."""
    for key, values in entries.items():
        slug, _, answer_key = str(key).partition("/")
        step = content.guide.get(slug)
        target = step if not answer_key or step is None else step["answers"].get(answer_key)
        fields = Answer.TEXT_FIELDS if answer_key else Step.TEXT_FIELDS
        if target is None or not isinstance(values, dict):
            content.problems.add(path, f"guide {key!r}", "unknown step or answer, or not a mapping")
            continue
        target["texts"].setdefault(lang, {}).update(
            content._text_fields(path, f"guide {key!r}", values, fields)
        )
