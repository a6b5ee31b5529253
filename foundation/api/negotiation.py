"""Which language an API response speaks: ``?lang=`` wins, then ``Accept-Language``, then English.

The API negotiates on its own: page URLs carry their language in the path, API URLs do not, and an
API client's language cookie from the site must not decide what a program receives.
"""

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework import status
from rest_framework.exceptions import APIException

from foundation.languages import language_codes

LANG_PARAM = "lang"
ALL = "all"
DEFAULT = settings.LANGUAGE_CODE


def choices() -> list[str]:
    """Every value ``?lang=`` accepts."""
    return [*language_codes(), ALL]


class UnsupportedLanguage(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "unsupported_language"

    def __init__(self, value: str):
        self.value = value
        super().__init__(
            _("Unsupported language “%(lang)s”. Use one of: %(supported)s.")
            % {"lang": value[:40], "supported": ", ".join(choices())}
        )


def from_accept_language(header: str) -> str | None:
    for code, quality in parse_accept_lang_header(header):
        if code == "*" or quality <= 0:
            continue
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def negotiate(request) -> str:
    """The language code to answer in, or ``"all"``; UnsupportedLanguage for an unknown ``?lang=``."""
    requested = request.GET.get(LANG_PARAM)
    if requested is not None:
        # Exactly as listed: the documented values are the whole contract.
        if requested not in choices():
            raise UnsupportedLanguage(requested)
        return requested
    return from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", "")) or DEFAULT


def content_language(language: str) -> str:
    """The Content-Language header for a response in ``language``."""
    return ", ".join(language_codes()) if language == ALL else language
