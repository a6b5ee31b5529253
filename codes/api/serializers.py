from django.db import models
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from codes.frameworks import FrameworkConstant
from codes.models import Family, StatusCode, Vendor
from codes.presenters import event_sentence
from codes.timeline import HistoryEvent
from foundation.api.fields import (
    ON_REQUEST,
    LanguageField,
    TranslatedText,
    api_url,
    component_ref,
    enum_component,
    fallback_report,
    fallback_schema,
    page_url,
)

STATUS_CLASS = enum_component(
    "StatusClass",
    [1, 2, 3, 4, 5],
    names=["INFORMATIONAL", "SUCCESSFUL", "REDIRECTION", "CLIENT_ERROR", "SERVER_ERROR"],
    description="A code's class, its first digit (RFC 9110 §15): `5` for 5xx, the server errors.",
)


def choice_schema(name: str, choices) -> dict:
    """A stored choice and its label; the values are the enum component ``name``."""
    return {
        "type": "object",
        "properties": {
            "value": enum_component(name, choices.values),
            "label": {"type": "string", "description": "The value's name in the response's language."},
        },
        "required": ["value", "label"],
    }


class Choice(serializers.Field):
    """A stored choice with its translated label: {"value": "fix_request", "label": "…"}."""

    choices: type[models.TextChoices]

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {"value": value, "label": str(dict(self.choices.choices).get(value, value))}


@extend_schema_field(choice_schema("RegistryStatus", StatusCode.Registry))
class RegistryStatusField(Choice):
    choices = StatusCode.Registry


@extend_schema_field(choice_schema("Retry", StatusCode.Retry))
class RetryField(Choice):
    choices = StatusCode.Retry


class VendorSerializer(serializers.ModelSerializer):
    url = serializers.URLField(help_text="The vendor's own documentation of its codes.")

    class Meta:
        model = Vendor
        fields = ["slug", "name", "url"]


class VendorListItemSerializer(VendorSerializer):
    """A vendor with its number of codes and where to list them (``vendor=<slug>`` of the codes)."""

    code_count = serializers.IntegerField(help_text="Its codes in this atlas.")
    codes_url = serializers.SerializerMethodField(help_text="Its codes in this API.")

    class Meta(VendorSerializer.Meta):
        fields = [*VendorSerializer.Meta.fields, "code_count", "codes_url"]

    def get_codes_url(self, vendor) -> str:
        return api_url(self.context, "code-list", query={"vendor": vendor.slug})


class FamilyTextsSerializer(serializers.Serializer):
    name = TranslatedText("name")
    description = TranslatedText("description")


class FamilySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    codes_url = serializers.SerializerMethodField(help_text="The family's codes in this API.")
    comparisons_url = serializers.SerializerMethodField(help_text="The family's curated comparisons.")
    language = LanguageField()
    fallback_fields = serializers.SerializerMethodField()
    texts = FamilyTextsSerializer(source="*", read_only=True)

    class Meta:
        model = Family
        fields = ["url", "slug", "codes_url", "comparisons_url", "language", "fallback_fields", "texts"]

    def get_url(self, family) -> str:
        return api_url(self.context, "family-detail", family=family.slug)

    def get_codes_url(self, family) -> str:
        return api_url(self.context, "code-list", query={"family": family.slug})

    def get_comparisons_url(self, family) -> str:
        return api_url(self.context, "comparison-list", query={"family": family.slug})

    @extend_schema_field(fallback_schema(Family.TEXT_FIELDS))
    def get_fallback_fields(self, family):
        return fallback_report(family, Family.TEXT_FIELDS, self.context["language"])


class CodeLinksMixin(serializers.Serializer):
    url = serializers.SerializerMethodField(help_text="This code in the API.")
    html_url = serializers.SerializerMethodField(help_text="This code's page in the response's language.")

    def get_url(self, code) -> str:
        return api_url(self.context, "code-detail", family=code.family.slug, slug=code.slug)

    def get_html_url(self, code) -> str:
        return page_url(
            self.context["request"],
            "codes:detail",
            self.context["language"],
            family=code.family.slug,
            slug=code.slug,
        )


class CodeSummarySerializer(CodeLinksMixin, serializers.ModelSerializer):
    """A code in short, as other representations link to it."""

    family = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    number = serializers.IntegerField(read_only=True, help_text="The status code, e.g. `404`.")
    title = TranslatedText("title", help_text="The status's name in the response's language.")

    class Meta:
        model = StatusCode
        fields = ["url", "html_url", "family", "number", "slug", "phrase", "title"]


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "number": {
                "oneOf": [STATUS_CLASS, {"type": "null"}],
                "description": "1 to 5; null outside 100–599.",
            },
            "name": {"type": "string", "description": "The class's name in the response's language."},
        },
        "required": ["number", "name"],
    }
)
class StatusClassField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, code):
        return {"number": code.status_class, "name": str(code.status_class_name)}


class FactsSerializer(serializers.ModelSerializer):
    emitted_by = serializers.SerializerMethodField(help_text="What produces the code.")
    retry = RetryField(help_text="What a client should do about retrying.")
    cacheable = serializers.BooleanField(help_text="Heuristically cacheable by default (RFC 9110 §15.1).")
    headers = serializers.ListField(child=serializers.CharField(), help_text="Typical response headers.")

    class Meta:
        model = StatusCode
        fields = ["emitted_by", "cacheable", "retry", "headers"]

    @extend_schema_field({"type": "array", "items": choice_schema("Emitter", StatusCode.Emitter)})
    def get_emitted_by(self, code):
        labels = dict(StatusCode.Emitter.choices)
        return [{"value": value, "label": str(labels.get(value, value))} for value in code.emitted_by]


class SpecificationSerializer(serializers.Serializer):
    title = serializers.CharField(source="spec_title")
    url = serializers.CharField(source="spec_url", allow_null=True)


class CodeTextsSerializer(serializers.Serializer):
    title = TranslatedText("title")
    summary = TranslatedText("summary")
    description = TranslatedText("description")
    seen_when = TranslatedText("seen_when")
    client_action = TranslatedText("client_action")
    owner_action = TranslatedText("owner_action")


class CodeHtmlSerializer(serializers.Serializer):
    summary = TranslatedText("summary", html=True)
    description = TranslatedText("description", html=True)
    seen_when = TranslatedText("seen_when", html=True)
    client_action = TranslatedText("client_action", html=True)
    owner_action = TranslatedText("owner_action", html=True)


class CodeSerializer(CodeLinksMixin, serializers.ModelSerializer):
    family = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    number = serializers.IntegerField(read_only=True, help_text="The status code, e.g. `404`.")
    status_class = StatusClassField(help_text="The class, e.g. 5 for 5xx, and its name.")
    official = serializers.BooleanField(
        source="is_official", help_text="In the IANA registry and defined by no vendor."
    )
    registry_status = RegistryStatusField(help_text="Its standing in the IANA registry.")
    vendor = VendorSerializer(read_only=True, allow_null=True, help_text="Who defines an unofficial code.")
    former_names = serializers.ListField(child=serializers.CharField(), help_text="Earlier reason phrases.")
    specification = serializers.SerializerMethodField()
    sources = serializers.ListField(child=serializers.CharField(), help_text="Where the facts come from.")
    facts = FactsSerializer(source="*", read_only=True)
    example = serializers.SerializerMethodField(help_text="A short raw response.")
    language = LanguageField()
    fallback_fields = serializers.SerializerMethodField()
    texts = CodeTextsSerializer(source="*", read_only=True, help_text="Markdown, except the title.")
    html = CodeHtmlSerializer(source="*", read_only=True, help_text="The Markdown texts as sanitised HTML.")

    class Meta:
        model = StatusCode
        fields = [
            "url",
            "html_url",
            "family",
            "number",
            "slug",
            "phrase",
            "status_class",
            "official",
            "registry_status",
            "vendor",
            "former_names",
            "specification",
            "sources",
            "facts",
            "example",
            "language",
            "fallback_fields",
            "texts",
            "html",
            "updated_at",
        ]

    def get_fields(self):
        # "class" is a Python keyword: declared as status_class, published as "class".
        return {
            ("class" if name == "status_class" else name): field
            for name, field in super().get_fields().items()
        }

    @extend_schema_field(SpecificationSerializer(allow_null=True))
    def get_specification(self, code):
        if not (code.spec_title or code.spec_url):
            return None
        return {"title": code.spec_title, "url": code.spec_url or None}

    @extend_schema_field({"type": ["string", "null"]})
    def get_example(self, code) -> str | None:
        return code.example or None

    @extend_schema_field(fallback_schema(StatusCode.TEXT_FIELDS))
    def get_fallback_fields(self, code):
        return fallback_report(code, StatusCode.TEXT_FIELDS, self.context["language"])


class ConstantSourceSerializer(serializers.Serializer):
    repo = serializers.CharField(
        source="source_repo", help_text="The library's repository, e.g. `python/cpython`."
    )
    path = serializers.CharField(source="source_path", help_text="The file the name was read from.")
    refs = serializers.CharField(source="source_refs", help_text="The tags or commits it was read at.")


class ConstantNameSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The identifier (for Node.js, the reason phrase it holds).")
    since = serializers.CharField(help_text="The first version read in which the name has this standing.")
    until = serializers.CharField(
        allow_null=True, help_text="The last such version; null: still so in the newest version read."
    )
    standing = serializers.SerializerMethodField()
    replaced_by = serializers.CharField(allow_null=True, help_text="The name to use instead, if any.")
    snippet = serializers.SerializerMethodField(
        help_text="One line that answers with the code; current names only."
    )
    source = ConstantSourceSerializer(source="*", help_text="Where it was read.")

    @extend_schema_field(choice_schema("ConstantStanding", FrameworkConstant.Kind))
    def get_standing(self, constant):
        return {"value": constant.kind, "label": str(constant.get_kind_display())}

    def get_snippet(self, constant) -> str | None:
        return constant.snippet if constant.is_current else None

    def to_representation(self, constant):
        data = super().to_representation(constant)
        data["until"] = constant.until or None
        data["replaced_by"] = constant.replaced_by or None
        return data


class FrameworkNamesSerializer(serializers.Serializer):
    framework = serializers.CharField(source="framework.slug", help_text="E.g. `python`, `spring`, `rack`.")
    title = serializers.CharField(source="framework.title")
    versions_read = serializers.ListField(
        source="framework.versions", child=serializers.CharField(), help_text="Oldest first."
    )
    names = ConstantNameSerializer(
        source="constants", many=True, help_text="Empty: this library has no constant for the code."
    )


class HistoryEventSerializer(serializers.Serializer):
    date = serializers.SerializerMethodField(help_text="`YYYY-MM` or `YYYY-MM-DD`, as precise as the source.")
    kind = serializers.SerializerMethodField()
    document = serializers.CharField(help_text="E.g. `RFC 9110`.")
    url = serializers.URLField(help_text="The document.")
    name = serializers.CharField(help_text="The reason phrase the document gave; may be empty.")
    sentence = serializers.SerializerMethodField(help_text="The event in words, in the response's language.")

    def get_date(self, event) -> str:
        return event.date.isoformat() if event.precision == "day" else event.date.strftime("%Y-%m")

    @extend_schema_field(choice_schema("EventKind", HistoryEvent.Kind))
    def get_kind(self, event):
        return {"value": event.kind, "label": str(event.get_kind_display())}

    def get_sentence(self, event) -> str:
        return event_sentence(event, link=False)


class CodeWithReferencesSerializer(CodeSerializer):
    """One code, with what frameworks call it and its history (``code.references``)."""

    constants = FrameworkNamesSerializer(
        source="references.frameworks",
        many=True,
        read_only=True,
        help_text="Each library read, with the names it gives this code over its versions.",
    )
    history = HistoryEventSerializer(
        source="references.history",
        many=True,
        read_only=True,
        help_text="The documents that defined, renamed, moved or retired the code, oldest first.",
    )

    class Meta(CodeSerializer.Meta):
        fields = [*CodeSerializer.Meta.fields, "constants", "history"]


@extend_schema_field(
    {
        **component_ref("CodeHtml"),
        ON_REQUEST: True,
        "description": "Only with `?html=true`: the texts as HTML.",
    }
)
class CodeHtmlOnRequest(CodeHtmlSerializer):
    pass


@extend_schema_serializer(component_name="Code")
class CodeListItemSerializer(CodeSerializer):
    """A status code, as lists and the export give it: ``html`` only with ``?html=true``."""

    html = CodeHtmlOnRequest(source="*", read_only=True)

    def get_fields(self):
        fields = super().get_fields()
        if self.context.get("html") is False:
            del fields["html"]
        return fields
