"""What a comparison page shows that other pages show too, rendered once and shared (foundation.shared).

Each code is on 98 other pairs' pages in its language: its blocks under "What each code means" and "What to
do", and its first comparisons as cards under "Related comparisons", are rendered for the first of them and
kept; so is the family's list of codes for the compare form. A page nobody asked for yet looks all of them
up in one round trip and renders only what is its own: its pair's texts, facts and diagram. Each part
records the rows it was built from, so a save renews only the parts that show what it changed.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from codes.presenters import CodeView
from codes.selectors import CodeChoice, code_choices_name, code_choices_part
from foundation.shared import loaded_tags, shared
from foundation.versions import depends_on

from . import selectors
from .presenters import comparison_rows

RELATED_LIMIT = 8
# Each code's first comparisons: one more than shown, for the page of a pair among them.
FIRST = RELATED_LIMIT + 1


@dataclass(frozen=True, slots=True)
class CodeBlocks:
    """A code's blocks on a comparison page, in one language."""

    meaning_html: str
    advice_html: str

    @property
    def meaning(self) -> SafeString:
        return mark_safe(self.meaning_html)  # noqa: S308 - rendered by the autoescaping template engine

    @property
    def advice(self) -> SafeString:
        return mark_safe(self.advice_html)  # noqa: S308 - rendered by the autoescaping template engine


@dataclass(frozen=True, slots=True)
class Card:
    """A comparison as a card among related comparisons, in one language (selectors.merged_related)."""

    pk: int
    code_a_id: int
    code_b_id: int
    place: tuple
    html: str

    @property
    def markup(self) -> SafeString:
        return mark_safe(self.html)  # noqa: S308 - rendered by the autoescaping template engine


@dataclass(frozen=True)
class PairParts:
    blocks: list[CodeBlocks]  # the first code's, then the second's
    related: list[Card]
    codes: list[CodeChoice]


def pair_parts(
    first: CodeView, second: CodeView, *, family: str, language: str, built_at: float
) -> PairParts:
    """The shared parts of the page of ``first`` and ``second`` in ``language``; ``built_at``: when the
    page began to read (its codes were read after it)."""
    items = (first, second)
    blocks = {item.code.pk: f"code-blocks:{family}:{item.code.slug}:{language}" for item in items}
    cards = {item.code.pk: f"comparison-cards:{item.code.pk}:{language}:{FIRST}" for item in items}
    builders = {
        **{blocks[item.code.pk]: (lambda item=item: _blocks(item)) for item in items},
        **{cards[item.code.pk]: (lambda code=item.code: _cards(code, language)) for item in items},
        **code_choices_part(family),
    }
    parts = shared(builders, built_at=built_at)
    related = selectors.merged_related(
        (parts[cards[item.code.pk]] for item in items),
        pair={first.code.pk, second.code.pk},
        limit=RELATED_LIMIT,
        place=lambda card: card.place,
    )
    return PairParts(
        blocks=[parts[blocks[item.code.pk]] for item in items],
        related=related,
        codes=parts[code_choices_name(family)],
    )


def _blocks(item: CodeView) -> CodeBlocks:
    # Rendered from the code read for this page: what it was built from is that row and its family's.
    depends_on(*loaded_tags(item.code))
    return CodeBlocks(
        meaning_html=str(render_to_string("comparisons/_code_meaning.html", {"item": item})),
        advice_html=str(render_to_string("comparisons/_code_advice.html", {"item": item})),
    )


def _cards(code, language: str) -> list[Card]:
    rows = list(selectors.involving_first(code=code, limit=FIRST, language=language))
    return [
        Card(
            pk=row.comparison.pk,
            code_a_id=row.comparison.code_a_id,
            code_b_id=row.comparison.code_b_id,
            place=selectors.list_place(row.comparison),
            html=str(render_to_string("includes/_pair_card.html", {"row": row})),
        )
        for row in comparison_rows(rows)
    ]
