"""The words a search matched, marked in a text that is escaped first."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.folding import fold_with_offsets, is_cjk

SNIPPET_LENGTH = 180


def _spans(folded: str, terms: set[str]) -> list[tuple[int, int]]:
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            whole = is_cjk(term[0]) or (
                (start == 0 or not folded[start - 1].isalnum())
                and (end == len(folded) or not folded[end].isalnum())
            )
            if whole or (end < len(folded) and len(term) >= 4):
                # A word that begins with the term (as it is typed) is marked too.
                while end < len(folded) and folded[end].isalnum() and not is_cjk(folded[end]):
                    end += 1
                if start == 0 or not folded[start - 1].isalnum() or is_cjk(term[0]):
                    spans.append((start, end))
            start = folded.find(term, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: set[str], *, around: bool = False) -> SafeString:
    """``text`` escaped, with the words that match ``terms`` in <mark>; with ``around``, cut to a passage
    round the first of them."""
    folded, offsets = fold_with_offsets(text)
    spans = [(offsets[start], offsets[end - 1] + 1) for start, end in _spans(folded, terms)] if terms else []
    begin, finish = 0, len(text)
    if around and len(text) > SNIPPET_LENGTH:
        first = spans[0][0] if spans else 0
        begin = max(0, first - SNIPPET_LENGTH // 3)
        finish = min(len(text), begin + SNIPPET_LENGTH)
    parts, cursor = ["…" if begin else ""], begin
    for start, end in spans:
        if start < cursor or end > finish:
            continue
        parts += [escape(text[cursor:start]), "<mark>", escape(text[start:end]), "</mark>"]
        cursor = end
    parts += [escape(text[cursor:finish]), "…" if finish < len(text) else ""]
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped
