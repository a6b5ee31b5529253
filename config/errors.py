"""Server errors: a styled page (JSON under /api/), and 503 with Retry-After while the database is away."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from foundation.api.errors import RETRY_AFTER_SECONDS, database_unavailable, is_api, problem_response

DATABASE_DOWN = (OperationalError, InterfaceError)


@requires_csrf_token
def server_error(request):
    """handler500: never a traceback; a database outage is a 503 the client may retry."""
    exc = sys.exc_info()[1]
    unavailable = isinstance(exc, DATABASE_DOWN)
    status = 503 if unavailable else 500
    if is_api(request):
        if unavailable:
            return database_unavailable(request)
        return problem_response(request, "server-error")
    # Rendered without the request's context processors: they may need the database.
    body = loader.get_template("503.html" if unavailable else "500.html").render({})
    response = HttpResponse(body, status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@requires_csrf_token
def bad_request(request, exception=None):
    """handler400 (a bad Host, too many query parameters…): JSON under /api/, the styled page elsewhere."""
    message = _("The request could not be understood.")
    if is_api(request):
        return problem_response(request, "bad-request", message)
    return HttpResponse(loader.get_template("400.html").render({"message": message}), status=400)
