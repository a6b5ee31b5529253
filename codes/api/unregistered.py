"""The API's answer for a number from 100 to 599 that no code here has: a 404 of its own kind
(``unregistered_code``) that still says what the number means to a client and which codes are nearest."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from codes.selectors import nearest_codes
from codes.unregistered import (
    CLASS_RULE_QUOTE,
    CLASS_RULE_SOURCE,
    CLASS_RULE_URL,
    UnregisteredNumber,
)
from foundation.api.errors import NotFoundWithFacts
from foundation.api.fields import api_url


class NearbyCodeSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    slug = serializers.CharField()
    phrase = serializers.CharField(help_text="The official (or vendor's) English reason phrase.")
    url = serializers.URLField(help_text="The code in this API.")


class ClassRuleSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="`RFC 9110 §15`.")
    url = serializers.URLField()
    quote = serializers.CharField(help_text="The rule, word for word (English).")


class UnregisteredCodeSerializer(serializers.Serializer):
    """A code's 404: for a number from 100 to 599 that is in no registry known here (`unregistered_code`),
    what it means to a client and the nearest codes; for anything else (`not_found`), none of these."""

    number = serializers.IntegerField(required=False)
    status_class = serializers.IntegerField(required=False, help_text="The first digit: 2 for 299.")
    treated_as = serializers.IntegerField(
        required=False, help_text="The x00 code of the class, which clients fall back to."
    )
    class_meaning = serializers.CharField(
        required=False, help_text="What a client makes of the class (response's language)."
    )
    class_rule = ClassRuleSerializer(required=False)
    nearest = NearbyCodeSerializer(
        many=True, required=False, help_text="The class's x00 first, then by distance."
    )


def unregistered_code(request, family: str, number: int, *, language: str) -> NotFoundWithFacts:
    found = UnregisteredNumber(number, nearest_codes(family=family, number=number))
    context = {"request": request, "language": language}
    facts = {
        "number": number,
        "status_class": found.status_class,
        "treated_as": found.treated_as,
        "class_meaning": found.client_reading,
        "class_rule": {"source": CLASS_RULE_SOURCE, "url": CLASS_RULE_URL, "quote": CLASS_RULE_QUOTE},
        "nearest": [
            {
                "number": code.number,
                "slug": code.slug,
                "phrase": code.phrase,
                "url": api_url(context, "code-detail", family=code.family.slug, slug=code.slug),
            }
            for code in found.nearest
        ],
    }
    detail = _(
        "%(number)s is not in the IANA registry of HTTP status codes and no vendor's use of it is known "
        "here; a client treats it as %(base)s."
    ) % {"number": number, "base": found.treated_as}
    return NotFoundWithFacts(detail, "unregistered_code", problem="unregistered-code", facts=facts)
