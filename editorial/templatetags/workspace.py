"""The admin index's way into the translation workspace.

{% load workspace %}
{% workspace_languages request.user as languages %}   {# [(code, own name, url), …] the user translates #}
"""

from django import template
from django.urls import reverse

from editorial.admin_languages import own_name
from editorial.roles import languages_of
from foundation.languages import translation_languages

register = template.Library()


@register.simple_tag
def workspace_languages(user):
    mine = set(languages_of(user))
    return [
        (lang, own_name(lang), reverse("workspace:language", args=[lang]))
        for lang in translation_languages()
        if lang in mine
    ]
