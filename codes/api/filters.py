"""Query parameters of the list endpoints, validated before any query runs."""

from rest_framework import serializers

from codes.models import Family, StatusCode, Vendor
from codes.selectors import MAX_QUERY_LENGTH

# No slug is longer than its column: a longer one is refused (400) rather than looked for.
FAMILY_SLUG_LENGTH = Family._meta.get_field("slug").max_length
VENDOR_SLUG_LENGTH = Vendor._meta.get_field("slug").max_length
CODE_SLUG_LENGTH = StatusCode._meta.get_field("slug").max_length


class CodeQuerySerializer(serializers.Serializer):
    family = serializers.SlugField(
        required=False, max_length=FAMILY_SLUG_LENGTH, help_text="A family slug, e.g. `http`."
    )
    status_class = serializers.ChoiceField(
        choices=[1, 2, 3, 4, 5], required=False, help_text="The class: `5` for 5xx."
    )
    official = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="`true`: in the IANA registry and defined by no vendor; `false`: every other code.",
    )
    vendor = serializers.SlugField(
        required=False, max_length=VENDOR_SLUG_LENGTH, help_text="A vendor slug, e.g. `cloudflare`."
    )
    registry_status = serializers.ChoiceField(choices=StatusCode.Registry.values, required=False)
    search = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_QUERY_LENGTH,
        help_text=(
            "Number, reason phrase, former names, or words of the texts in the chosen language "
            "(English with `lang=all`). Every word must match; exact numbers come first."
        ),
    )

    def get_fields(self):
        # "class" is a Python keyword: declared as status_class, read from ?class=.
        fields = super().get_fields()
        fields["class"] = fields.pop("status_class")
        fields["class"].source = "status_class"
        return fields
