"""The API answers every error as an RFC 9457 problem (``application/problem+json``), whatever went wrong,
and keeps out of the pages' language handling.

Each kind of problem has its own ``type`` URI, an API resource that explains it
(``/api/v1/problems/<slug>/``); ``title`` and ``detail`` are in the response's language. The members of
the earlier error body stay as extension members: ``code`` (``not_found``, ``invalid``…), ``errors`` and
``supported_languages``.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost, PermissionDenied, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from foundation.api.negotiation import UnsupportedLanguage, choices, content_language, negotiate

logger = logging.getLogger("config.api")

API_PREFIX = "/api/"
PROBLEM_JSON = "application/problem+json"
# How long a client should wait before retrying while the database is unreachable.
RETRY_AFTER_SECONDS = 30


@dataclass(frozen=True)
class Problem:
    slug: str
    status: int
    code: str
    title: Promise
    description: Promise


PROBLEMS = {
    problem.slug: problem
    for problem in [
        Problem(
            "invalid-parameters",
            400,
            "invalid",
            gettext_lazy("Invalid query parameters"),
            gettext_lazy(
                "A query parameter has a value the endpoint does not take, or the endpoint takes no "
                "parameter of that name. The member errors lists the messages for each parameter."
            ),
        ),
        Problem(
            "unsupported-language",
            400,
            "unsupported_language",
            gettext_lazy("Unsupported language"),
            gettext_lazy(
                "The lang parameter names a language the API does not offer. The member "
                "supported_languages lists the values it takes."
            ),
        ),
        Problem(
            "bad-request",
            400,
            "bad_request",
            gettext_lazy("Bad request"),
            gettext_lazy("The request could not be understood, for example a malformed address or host."),
        ),
        Problem(
            "no-endpoint",
            404,
            "not_found",
            gettext_lazy("No such endpoint"),
            gettext_lazy("No endpoint answers at this address. The API starts at /api/v1/."),
        ),
        Problem(
            "no-such-resource",
            404,
            "not_found",
            gettext_lazy("Not found"),
            gettext_lazy("The family, code, comparison or problem type named in the address does not exist."),
        ),
        Problem(
            "unregistered-code",
            404,
            "unregistered_code",
            gettext_lazy("Unregistered status code"),
            gettext_lazy(
                "The number is a possible status code (100 to 599) that no registry known here lists. The "
                "members say what its class means to a client and which registered codes are nearest."
            ),
        ),
        Problem(
            "no-such-page",
            404,
            "not_found",
            gettext_lazy("No such page"),
            gettext_lazy("The page number is past the last page of the list."),
        ),
        Problem(
            "method-not-allowed",
            405,
            "method_not_allowed",
            gettext_lazy("Method not allowed"),
            gettext_lazy("The API is read-only: it answers GET, HEAD and OPTIONS."),
        ),
        Problem(
            "not-acceptable",
            406,
            "not_acceptable",
            gettext_lazy("Not acceptable"),
            gettext_lazy("The Accept header allows no media type the API serves: it serves JSON."),
        ),
        Problem(
            "too-many-requests",
            429,
            "throttled",
            gettext_lazy("Too many requests"),
            gettext_lazy(
                "This client address has used up its requests for the current window. The header "
                "Retry-After says how many seconds to wait."
            ),
        ),
        Problem(
            "server-error",
            500,
            "server_error",
            gettext_lazy("Server error"),
            gettext_lazy("Something went wrong on our side. Please try again later."),
        ),
        Problem(
            "service-unavailable",
            503,
            "database_unavailable",
            gettext_lazy("Service unavailable"),
            gettext_lazy(
                "The service is briefly unavailable. The header Retry-After says how many seconds to wait."
            ),
        ),
    ]
}
# The problem of each DRF error code that has exactly one.
PROBLEM_OF_CODE = {
    "invalid": "invalid-parameters",
    "unsupported_language": "unsupported-language",
    "parse_error": "bad-request",
    "method_not_allowed": "method-not-allowed",
    "not_acceptable": "not-acceptable",
    "throttled": "too-many-requests",
}


class PageNotFound(exceptions.NotFound):
    """A page number past the end of a list."""

    problem = "no-such-page"


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


class PageLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware for the pages only.

    For an unknown /api/ address, Django's version would redirect to /en/api/…, which the pages' URL
    patterns accept (/<lang>/<family>/<slug>/), and answer with an HTML page; the API negotiates its
    own language instead (foundation/api/negotiation.py).
    """

    def process_request(self, request):
        if is_api(request):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return None
        return super().process_request(request)

    def process_response(self, request, response):
        if is_api(request):
            return response
        return super().process_response(request, response)


def problem_type(request, slug: str) -> str:
    """The ``type`` URI of a problem: absolute where the request's host is one we serve."""
    path = reverse("v1:problem-detail", kwargs={"problem": slug})
    if request is None:
        return path
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        return path


class NotFoundWithFacts(exceptions.NotFound):
    """A 404 of its own problem type that says more than "not found": ``facts`` join the problem's members."""

    def __init__(
        self, detail=None, code=None, *, problem: str = "no-such-resource", facts: dict | None = None
    ):
        super().__init__(detail, code)
        self.problem = problem
        self.facts = facts or {}


def problem_body(request, slug: str, detail: str | None = None, **extra) -> dict:
    problem = PROBLEMS[slug]
    body = {
        "type": problem_type(request, slug),
        "title": str(problem.title),
        "status": problem.status,
        "detail": str(detail if detail is not None else problem.description),
    }
    if request is not None:
        body["instance"] = request.path
    return {**body, "code": problem.code, **extra}


def problem_response(request, slug: str, detail: str | None = None, **extra) -> JsonResponse:
    """A problem answered outside DRF's views (unknown address, middleware, error handlers)."""
    body = problem_body(request, slug, detail, **extra)
    response = JsonResponse(body, status=body["status"], content_type=PROBLEM_JSON)
    if slug == "service-unavailable":
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def database_unavailable(request=None) -> JsonResponse:
    """The API's answer while the database cannot be reached."""
    return problem_response(
        request, "service-unavailable", _("The service is briefly unavailable. Please retry shortly.")
    )


def _problem_of(exc) -> str:
    if hasattr(exc, "problem"):
        return exc.problem
    if isinstance(exc, exceptions.NotFound):
        return "no-such-resource"
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
    if isinstance(exc, exceptions.ValidationError):
        return "invalid-parameters"
    return PROBLEM_OF_CODE.get(codes if isinstance(codes, str) else exc.default_code, "bad-request")


def exception_handler(exc, context):
    """DRF's handler with a problem for every error, and a problem 500 instead of a traceback page."""
    request = context.get("request")
    if isinstance(exc, Http404):
        # The lookups' own messages are for logs, in English: the answer says it in its language.
        exc = exceptions.NotFound(PROBLEMS["no-such-resource"].description)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError(_("Bad request."))
    response = drf_exception_handler(exc, context)
    if response is None and isinstance(exc, (OperationalError, InterfaceError)):
        logger.error("Database unavailable in %s: %s", request.path if request else "API", exc)
        body, headers = (
            problem_body(
                request, "service-unavailable", _("The service is briefly unavailable. Please retry shortly.")
            ),
            {"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
        return Response(body, status=503, headers=headers, content_type=PROBLEM_JSON)
    if response is None:
        logger.exception("Unhandled error in %s", request.path if request else "API")
        return Response(problem_body(request, "server-error"), status=500, content_type=PROBLEM_JSON)
    slug = _problem_of(exc)
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        body = problem_body(
            request,
            slug,
            _("Invalid query parameters: %(names)s.") % {"names": ", ".join(sorted(detail))}
            if isinstance(detail, dict)
            else " ".join(map(str, detail)),
            errors=detail if isinstance(detail, dict) else {},
        )
    else:
        extra = {"supported_languages": choices()} if isinstance(exc, UnsupportedLanguage) else {}
        extra.update(getattr(exc, "facts", {}))
        body = problem_body(request, slug, str(exc.detail), **extra)
        body["status"] = response.status_code
    response.data = body
    response.content_type = PROBLEM_JSON
    return response


def not_found(request, *args, **kwargs):
    """Any /api/ address nothing answers to, in the language the request asks for."""
    try:
        language = negotiate(request)
    except UnsupportedLanguage:
        language = settings.LANGUAGE_CODE
    with translation.override(settings.LANGUAGE_CODE if language == "all" else language):
        response = problem_response(
            request, "no-endpoint", _("Nothing at this address. The API starts at /api/v1/.")
        )
    response["Content-Language"] = content_language(language)
    patch_vary_headers(response, ["Accept-Language"])
    return response
