"""The API answers in JSON whatever goes wrong, and keeps out of the pages' language handling."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from foundation.api.negotiation import UnsupportedLanguage, choices

logger = logging.getLogger("config.api")

API_PREFIX = "/api/"
# How long a client should wait before retrying while the database is unreachable.
RETRY_AFTER_SECONDS = 30


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


class NotFoundWithFacts(exceptions.NotFound):
    """A 404 that says more than "not found": ``facts`` go into the error body beside its detail."""

    def __init__(self, detail=None, code=None, *, facts: dict | None = None):
        super().__init__(detail, code)
        self.facts = facts or {}


def error_body(status: int, code: str, detail: str, **extra) -> dict:
    return {"status": status, "code": code, "detail": detail, **extra}


def database_unavailable() -> JsonResponse:
    """The API's answer while the database cannot be reached."""
    response = JsonResponse(
        error_body(
            503, "database_unavailable", _("The service is briefly unavailable. Please retry shortly.")
        ),
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def exception_handler(exc, context):
    """DRF's handler with one JSON shape for every error, and a JSON 500 instead of a traceback page."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError(_("Bad request."))
    response = drf_exception_handler(exc, context)
    if response is None and isinstance(exc, (OperationalError, InterfaceError)):
        logger.error(
            "Database unavailable in %s: %s",
            context["request"].path if context.get("request") else "API",
            exc,
        )
        return database_unavailable()
    if response is None:
        logger.exception(
            "Unhandled error in %s", context["request"].path if context.get("request") else "API"
        )
        return Response(
            error_body(500, "server_error", _("Something went wrong on our side. Please try again later.")),
            status=500,
        )
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body(
            response.status_code,
            "invalid",
            _("Invalid query parameters: %(names)s.") % {"names": ", ".join(sorted(exc.detail))}
            if isinstance(exc.detail, dict)
            else " ".join(map(str, exc.detail)),
            errors=exc.detail if isinstance(exc.detail, dict) else {},
        )
        return response
    codes = exc.get_codes()
    extra = {"supported_languages": choices()} if isinstance(exc, UnsupportedLanguage) else {}
    extra.update(getattr(exc, "facts", {}))
    response.data = error_body(
        response.status_code, codes if isinstance(codes, str) else exc.default_code, str(exc.detail), **extra
    )
    return response


def not_found(request, *args, **kwargs):
    """Any /api/ address nothing answers to."""
    response = JsonResponse(
        error_body(404, "not_found", _("Nothing at this address. The API starts at /api/v1/.")), status=404
    )
    response["Content-Language"] = settings.LANGUAGE_CODE
    patch_vary_headers(response, ["Accept-Language"])
    return response
