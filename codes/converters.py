from django.urls import register_converter


class StatusClassConverter:
    """ "5xx" in a URL, 5 in the view."""

    regex = "[1-5]xx"

    def to_python(self, value: str) -> int:
        return int(value[0])

    def to_url(self, value: int) -> str:
        return f"{int(value)}xx"


register_converter(StatusClassConverter, "statusclass")
