"""Which language an API response speaks: ``?lang=`` wins, then ``Accept-Language``, then English.

``?lang=`` takes what the header takes (any case, a region or script subtag: ``pt-BR``, ``zh-Hans-CN``,
``id-ID``, ``ID``), so a browser's ``navigator.language`` can be passed through. Traditional Chinese
(``zh-Hant``, ``zh-TW``, ``zh-HK``, ``zh-MO``) is not offered: it is never answered with Simplified Chinese,
``?lang=`` refuses it with 400 and the header skips it.

The API negotiates on its own: page URLs carry their language in the path, API URLs do not, and an
API client's language cookie from the site must not decide what a program receives.
"""

import re

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


# Scripts and regions written in Traditional characters: Simplified Chinese is not a fallback for them.
TRADITIONAL_CHINESE = re.compile(r"^zh-(hant|tw|hk|mo)(-|$)")
LANGUAGE_TAG = re.compile(r"^[a-z]{1,8}(-[a-z0-9]{1,8})*$")


def match_language(tag: str) -> str | None:
    """The site's language for a BCP 47 tag (any case), or None where none fits."""
    tag = tag.strip().lower().replace("_", "-")
    if tag == ALL:
        return ALL
    if not LANGUAGE_TAG.match(tag) or TRADITIONAL_CHINESE.match(tag):
        return None
    try:
        return get_supported_language_variant(tag)
    except LookupError:
        return None


def from_accept_language(header: str) -> str | None:
    for code, quality in parse_accept_lang_header(header):
        if code == "*" or quality <= 0:
            continue
        matched = match_language(code)
        if matched is not None and matched != ALL:
            return matched
    return None


def negotiate(request) -> str:
    """The language code to answer in, or ``"all"``; UnsupportedLanguage for an unknown ``?lang=``."""
    requested = request.GET.get(LANG_PARAM)
    if requested is not None:
        matched = match_language(requested)
        if matched is None:
            raise UnsupportedLanguage(requested)
        return matched
    return from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", "")) or DEFAULT


def content_language(language: str) -> str:
    """The Content-Language header for a response in ``language``."""
    return ", ".join(language_codes()) if language == ALL else language
