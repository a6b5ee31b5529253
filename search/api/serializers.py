from rest_framework import serializers

from foundation.api.fields import LanguageField
from search.service import RESULT_LIMIT

MAX_QUERY_LENGTH = 200


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_QUERY_LENGTH, trim_whitespace=True, help_text="What to look for."
    )
    limit = serializers.IntegerField(min_value=1, max_value=RESULT_LIMIT, default=RESULT_LIMIT)


class HitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["code", "comparison", "pair"],
        help_text="A code, a curated comparison, or the comparison assembled for a pair no editor wrote.",
    )
    family = serializers.CharField()
    slug = serializers.CharField()
    numbers = serializers.ListField(child=serializers.IntegerField())
    name = serializers.CharField(help_text="The name in the answer's language (English where it has none).")
    phrase = serializers.CharField(help_text="The English name.")
    reason = serializers.ChoiceField(
        choices=["number", "name", "english", "former", "text", "partial", "pair", "closest"],
        help_text="Where the query matched: number, name, English name, former name, texts, some words only.",
    )
    matched = serializers.SerializerMethodField(help_text="The indexed words the query matched (folded).")
    url = serializers.SerializerMethodField(help_text="The page in the answer's language.")

    def get_matched(self, hit) -> list[str]:
        return sorted(hit.terms)

    def get_url(self, hit) -> str:
        return self.context["request"].build_absolute_uri(hit.url)


class SearchAnswerSerializer(serializers.Serializer):
    language = LanguageField()
    query = serializers.CharField()
    count = serializers.IntegerField(source="total", help_text="Every result found, beyond the limit too.")
    results = HitSerializer(many=True, source="hits")
    closest = HitSerializer(many=True, help_text="When nothing matched: the codes with the nearest names.")
