"""What the comparisons side adds to a code's page: the comparisons it appears in and a form to compare it."""

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from comparisons.forms import CompareForm
from comparisons.presenters import comparison_links
from comparisons.selectors import involving_as_titles

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
