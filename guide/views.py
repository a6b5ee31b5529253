"""The decision guide's pages: one address per question."""

from django.http import HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from foundation.caching import cached_page

from . import selectors
from .presenters import guide_title, present_step, step_page


def _step_response(request, step):
    view = present_step(step, asked_before=[] if step.is_start else selectors.steps_leading_to(step))
    context = {"page": step_page(request, view), "view": view, "guide_title": guide_title()}
    return TemplateResponse(request, "guide/step.html", context)


@cached_page
def guide_start(request):
    return _step_response(request, selectors.get_step())


@cached_page
def guide_step(request, slug):
    step = selectors.get_step(slug=slug)
    if step.is_start:
        return HttpResponsePermanentRedirect(reverse("guide:start"))
    return _step_response(request, step)
