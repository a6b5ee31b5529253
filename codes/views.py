"""A family's and a code's pages."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from codes import selectors
from codes.presenters import (
    code_heading,
    code_page,
    framework_rows,
    group_by_class,
    home_crumb,
    neighbours,
    present_code,
    timeline_rows,
    unregistered_page,
)
from codes.unregistered import (
    CLASS_RULE_QUOTE,
    CLASS_RULE_SOURCE,
    CLASS_RULE_URL,
    UnregisteredNumber,
    unregistered_number,
)
from foundation.caching import cached_page
from foundation.seo import build_page
from foundation.texts import localized


@cached_page
def family_index(request, family):
    family_obj = selectors.get_family(slug=family)
    codes = list(selectors.list_codes(family=family, language=translation.get_language()))
    name = localized(family_obj, "name").raw or family_obj.slug
    title = _("All %(family)s status codes") % {"family": name}
    description = localized(family_obj, "description")
    page = build_page(
        request,
        title=title,
        description=description.plain or title,
        url_name="codes:family",
        kwargs={"family": family},
        breadcrumbs=[home_crumb(), (name, reverse("codes:family", kwargs={"family": family}))],
    )
    context = {
        "page": page,
        "family": family_obj,
        "family_name": name,
        "description": description,
        "title": title,
        "classes": group_by_class(codes, family),
        "official_count": sum(code.is_official for code in codes),
        "vendor_count": sum(not code.is_official for code in codes),
    }
    return TemplateResponse(request, "codes/family.html", context)


@cached_page
def code_detail(request, family, slug):
    try:
        code = selectors.get_code(family=family, slug=slug)
    except Http404:
        if (number := unregistered_number(family, slug)) is None:
            raise
        return _unregistered(request, family, number)
    view = present_code(code)
    siblings = selectors.code_choices(family=family)
    previous_code, next_code = neighbours(siblings, code)
    references = selectors.code_references(code=code)
    context = {
        "page": code_page(request, code, view),
        "view": view,
        "code": code,
        "heading": code_heading(view),
        "others": [present_code(other) for other in selectors.other_meanings(code=code)],
        "siblings": siblings,
        "previous_code": previous_code,
        "next_code": next_code,
        "frameworks": framework_rows(references),
        "has_constants": references.has_constants,
        "timeline": timeline_rows(references),
    }
    return TemplateResponse(request, "codes/detail.html", context)


def _unregistered(request, family, number):
    """A 404 that still helps: the number is in no registry known here, but its class has a meaning."""
    found = UnregisteredNumber(number, selectors.nearest_codes(family=family, number=number))
    context = {
        "page": unregistered_page(request, family, number),
        "found": found,
        "nearest": [present_code(code) for code in found.nearest],
        "rule": {"source": CLASS_RULE_SOURCE, "url": CLASS_RULE_URL, "quote": CLASS_RULE_QUOTE},
    }
    return TemplateResponse(request, "codes/unregistered.html", context, status=404)
