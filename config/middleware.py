"""Requests no view can answer sensibly are refused up front."""

from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

from foundation.api.errors import is_api, problem_response
from foundation.page_throttle import retry_after, too_many_requests

NUL = "\x00"


class RejectNulMiddleware:
    """A NUL character in the path is never meaningful, and PostgreSQL cannot even compare it with a
    slug: answer 400 (JSON under /api/) instead of letting a lookup fail with a server error. Query
    parameters are the views' to validate (search drops control characters, the API names the field)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path:
            message = _("The address contains a character that is not allowed.")
            if is_api(request):
                return problem_response(request, "bad-request", message)
            return HttpResponse(loader.get_template("400.html").render({"message": message}), status=400)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """No page needs a camera, a microphone, the location or any other powerful browser feature."""

    POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.POLICY)
        return response


class PageThrottleMiddleware:
    """Pages per client address and minute (ATLAS_PAGE_THROTTLE_RATE): past the rate, the 429 page with
    Retry-After. After the language middleware, so the page speaks the visitor's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (wait := retry_after(request)) is not None:
            return too_many_requests(wait)
        return self.get_response(request)
