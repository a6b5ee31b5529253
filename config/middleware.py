"""Requests no view can answer sensibly are refused up front."""

from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

from .api_errors import error_body, is_api

NUL = "\x00"


class RejectNulMiddleware:
    """A NUL character in the address or the query is never meaningful, and PostgreSQL cannot even
    compare it: answer 400 (JSON under /api/) instead of letting a lookup fail with a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if NUL in request.path or NUL in query or any(NUL in v for v in request.GET.values()):
            message = _("The address contains a character that is not allowed.")
            if is_api(request):
                return JsonResponse(error_body(400, "bad_request", message), status=400)
            return HttpResponse(loader.get_template("400.html").render({"message": message}), status=400)
        return self.get_response(request)
