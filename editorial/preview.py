"""Preview a record's public page, as the form holds it, in any language, before anything is saved.

The public page renders itself: inside a transaction that is always rolled back, the form's state is
written (a comparison as published, since only published ones show their texts) and the public view that
the record's URL resolves to is called without its page cache. Visitors never see it (nothing is
committed, no cache is written or invalidated). Should the public page be unable to render, a plain page of
the texts, through the same Markdown renderer (foundation.markup), is shown instead.
"""

from __future__ import annotations

import copy
import inspect
import logging
import re

from django.db import DatabaseError, transaction
from django.http import HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from editorial.admin_languages import own_name
from foundation.languages import language_codes
from foundation.markup import render_markdown

logger = logging.getLogger(__name__)


class _RollBack(Exception):
    def __init__(self, response):
        super().__init__("preview rendered")
        self.response = response


def _public_request(request, path: str, lang: str):
    public = copy.copy(request)
    public.method = "GET"
    public.GET = QueryDict()
    public.POST = QueryDict()
    public.path = public.path_info = path
    public.LANGUAGE_CODE = lang
    public.META = {**request.META, "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": ""}
    for header in ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE"):
        public.META.pop(header, None)
    return public


def _render_public(request, instance, lang: str, prepare) -> HttpResponse | None:
    """The public page of ``instance`` (written, then rolled back); None if it cannot render."""
    try:
        with transaction.atomic():
            if prepare is not None:
                prepare(instance)
            instance.save()
            with translation.override(lang):
                path = instance.get_absolute_url()
                match = resolve(path)
                if not hasattr(match.func, "__wrapped__"):
                    # Without a way around the page cache, a preview could be stored as the public page.
                    raise _RollBack(None)
                view = inspect.unwrap(match.func)
                response = view(_public_request(request, path, lang), *match.args, **match.kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
            # Always: nothing of the preview may be committed.
            raise _RollBack(response)
    except _RollBack as done:
        response = done.response
    except (Resolver404, DatabaseError):
        return None
    except Exception:  # noqa: BLE001 - the public page is not ready: show the plain preview instead
        logger.exception("The public page could not render a preview of %r.", instance)
        return None
    if response is None or response.status_code != 200:
        return None
    return response


_BODY = re.compile(rb"(<body[^>]*>)", re.IGNORECASE)
_HEAD_END = re.compile(rb"(</head>)", re.IGNORECASE)


def _banner(request, lang: str, edit_url: str) -> str:
    """The preview's banner: what it is, the same preview in another language, the way back to the form."""
    posted = []
    if request.method == "POST":
        # The form's state travels along, so another language previews the same unsaved input.
        posted = [
            (name, value)
            for name, values in request.POST.lists()
            if name not in ("_preview", "_preview_language")
            for value in values
        ]
    interface = translation.get_language()
    return render_to_string(
        "admin/editorial/_preview_banner.html",
        {
            "notice": _("Preview in %(language)s: not saved, not visible to visitors.")
            % {"language": own_name(lang)},
            "posted": posted,
            "action": request.path,
            "lang": lang,
            "languages": [(code, own_name(code)) for code in language_codes()],
            "edit_url": edit_url,
            "interface_language": interface,
            "interface_direction": "rtl" if translation.get_language_bidi() else "ltr",
        },
    ).strip()


def _with_banner(response: HttpResponse, banner: str) -> HttpResponse:
    content = response.content
    stylesheet = format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">',
        static("admin/atlas-preview.css"),
        static("editorial/preview.css"),
    )
    content = _HEAD_END.sub(stylesheet.encode() + rb"\1", content, count=1)
    content = _BODY.sub(rb"\1" + banner.encode(), content, count=1)
    response.content = content
    return response


def plain_preview(request, instance, lang: str, banner: str) -> HttpResponse:
    texts = []
    for name in instance.TEXT_FIELDS:
        own = (getattr(instance, build_localized_fieldname(name, lang)) or "").strip()
        english = (getattr(instance, build_localized_fieldname(name, "en")) or "").strip()
        texts.append(
            {
                "label": type(instance)._meta.get_field(name).verbose_name,
                "html": render_markdown(own or english),
                "english": not own and bool(english),
            }
        )
    html = render_to_string(
        "admin/editorial/preview.html",
        {
            "instance": instance,
            "texts": texts,
            "lang": lang,
            "language": own_name(lang),
            "bidi": lang in ("ar",),
            "banner": mark_safe(banner),  # noqa: S308 - rendered from our own template
        },
        request=request,
    )
    return HttpResponse(html)


def render_preview(request, instance, lang: str, *, edit_url: str, prepare=None) -> HttpResponse:
    banner = _banner(request, lang, edit_url)
    response = _render_public(request, instance, lang, prepare)
    if response is not None:
        response = _with_banner(response, banner)
    else:
        response = plain_preview(request, instance, lang, banner)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    for header in ("ETag", "Last-Modified"):
        if response.has_header(header):
            del response[header]
    return response
