from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from codes.api.serializers import CodeSummarySerializer
from comparisons.models import canonical_order, pair_slug
from foundation.api.fields import (
    LANGUAGE_SCHEMA,
    TranslatedText,
    api_url,
    fallback_report,
    fallback_schema,
    page_url,
)
from guide.models import Answer, Step


class RfcSerializer(serializers.Serializer):
    section = serializers.CharField(source="rfc_section", help_text="E.g. `RFC 9110 §15.5.21`.")
    url = serializers.URLField(source="rfc_url")
    quote = serializers.CharField(source="rfc_quote", help_text="The deciding sentence (English).")


class LeadsToSerializer(serializers.Serializer):
    """Where an answer leads: the next question, a code, or the comparison of two codes."""

    kind = serializers.ChoiceField(choices=["step", "code", "comparison"])
    url = serializers.URLField(help_text="The question, code or comparison in this API.")
    html_url = serializers.URLField(help_text="Its page in the response's language.")
    step = serializers.CharField(allow_null=True, help_text="The next question's slug (kind `step`).")
    codes = CodeSummarySerializer(many=True, help_text="The code, or the two codes compared.")


class AnswerSerializer(serializers.ModelSerializer):
    label = TranslatedText("label")
    verdict = TranslatedText("verdict", help_text="Markdown: why this code (answers that decide).")
    leads_to = serializers.SerializerMethodField()
    rfc = serializers.SerializerMethodField(help_text="What decides it; null for a question.")
    fallback_fields = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = ["key", "label", "verdict", "leads_to", "rfc", "fallback_fields"]

    @extend_schema_field(LeadsToSerializer)
    def get_leads_to(self, answer):
        request, lang = self.context["request"], self.context["language"]
        if answer.next_step_id is not None:
            step = answer.next_step
            return {
                "kind": "step",
                "url": api_url(self.context, "guide-step-detail", slug=step.slug),
                "html_url": step_html_url(request, lang, step),
                "step": step.slug,
                "codes": [],
            }
        codes = (
            [answer.code] if answer.other_code is None else canonical_order(answer.code, answer.other_code)
        )
        family = answer.code.family.slug
        if len(codes) == 1:
            url = api_url(self.context, "code-detail", family=family, slug=answer.code.slug)
            html = page_url(request, "codes:detail", lang, family=family, slug=answer.code.slug)
        else:
            pair = pair_slug(*codes)
            url = api_url(self.context, "comparison-detail", family=family, pair=pair)
            html = page_url(request, "comparisons:detail", lang, family=family, pair=pair)
        return {
            "kind": "code" if len(codes) == 1 else "comparison",
            "url": url,
            "html_url": html,
            "step": None,
            "codes": CodeSummarySerializer(codes, many=True, context=self.context).data,
        }

    @extend_schema_field(RfcSerializer(allow_null=True))
    def get_rfc(self, answer):
        return RfcSerializer(answer).data if answer.code_id is not None else None

    @extend_schema_field(fallback_schema(Answer.TEXT_FIELDS))
    def get_fallback_fields(self, answer):
        return fallback_report(answer, Answer.TEXT_FIELDS, self.context["language"])


def step_html_url(request, lang: str, step: Step) -> str:
    if step.is_start:
        return page_url(request, "guide:start", lang)
    return page_url(request, "guide:step", lang, slug=step.slug)


class StepSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="This question in the API.")
    html_url = serializers.SerializerMethodField(help_text="This question's page in the response's language.")
    start = serializers.BooleanField(source="is_start", help_text="The question the guide opens with.")
    language = serializers.SerializerMethodField()
    fallback_fields = serializers.SerializerMethodField()
    question = TranslatedText("question")
    help = TranslatedText("help", help_text="Markdown: what helps to pick an answer.")
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Step
        fields = [
            "url",
            "html_url",
            "slug",
            "start",
            "language",
            "fallback_fields",
            "question",
            "help",
            "answers",
        ]

    def get_url(self, step) -> str:
        return api_url(self.context, "guide-step-detail", slug=step.slug)

    def get_html_url(self, step) -> str:
        return step_html_url(self.context["request"], self.context["language"], step)

    @extend_schema_field(LANGUAGE_SCHEMA)
    def get_language(self, step) -> str:
        return self.context["language"]

    @extend_schema_field(fallback_schema(Step.TEXT_FIELDS))
    def get_fallback_fields(self, step):
        return fallback_report(step, Step.TEXT_FIELDS, self.context["language"])
