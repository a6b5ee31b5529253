"""Template tags for public pages: the notice on an outdated translation.

{% load editorial %}
{% outdated_notice code %}          {# the active language; nothing when the translation is current #}
"""

from django import template
from django.urls import translate_url
from django.utils import translation

from foundation.languages import SOURCE_LANGUAGE
from foundation.text_changes import outdated_fields

register = template.Library()


@register.inclusion_tag("includes/_outdated_notice.html", takes_context=True)
def outdated_notice(context, instance, lang=None):
    lang = lang or translation.get_language()
    fields = outdated_fields(instance, lang) if instance is not None and lang != SOURCE_LANGUAGE else []
    request = context.get("request")
    source_url = translate_url(request.path, SOURCE_LANGUAGE) if fields and request is not None else ""
    if source_url == getattr(request, "path", None):
        source_url = ""
    return {"outdated_fields": fields, "source_url": source_url}
