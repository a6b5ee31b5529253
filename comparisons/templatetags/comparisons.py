"""What the comparisons side adds to a code's page: the comparisons it appears in and a form to compare it."""

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from comparisons.forms import CompareForm
from comparisons.presenters import comparison_links
from comparisons.selectors import involving_as_titles
from foundation.caching import remembered_many
from foundation.versions import depends_on

register = template.Library()


@register.inclusion_tag("comparisons/_compared_with.html")
def comparisons_of(code):
    """The curated comparisons ``code`` appears in, linked, in the page's language."""
    return {
        "comparisons": comparison_links(involving_as_titles(code=code, language=translation.get_language()))
    }


@register.inclusion_tag("includes/_compare_form.html")
def compare_form_for(code, choices):
    """The compare form with ``code`` fixed as the first code and the other ``choices`` to pick from."""
    form = CompareForm(codes=[choice for choice in choices if choice.pk != code.pk], initial={"a": code.slug})
    form.fields["b"].label = _("Code to compare with")
    return {"form": form, "family": code.family, "fixed_first": code.slug}


@register.simple_tag
def pair_cards(rows):
    """The cards of comparison ``rows`` (presenters.ComparisonRow), each rendered once per language and
    kept until the comparison or one of its codes' names changes; every list that shows it reuses it."""
    lang = translation.get_language()

    def card(row):
        def build():
            comparison = row.comparison
            depends_on(
                comparison.content_tag(),
                f"family:{comparison.family_id}",
                f"statuscode:{comparison.code_a_id}:name",
                f"statuscode:{comparison.code_b_id}:name",
            )
            return render_to_string("includes/_pair_card.html", {"row": row})

        return build

    builds = {f"pair-card:{row.comparison.pk}:{lang}": card(row) for row in rows}
    cards = remembered_many(builds)
    return mark_safe("".join(cards[key] for key in builds))  # noqa: S308 - rendered templates
