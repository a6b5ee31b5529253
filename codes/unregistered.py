"""A number from 100 to 599 that no HTTP code here has: what a client makes of it and the codes nearby.

RFC 9110 §15 makes every such number meaningful by its first digit: a client that does not know a code
treats it as the x00 code of its class. The page and the API say so instead of a bare "not found".
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import STATUS_CLASSES, StatusCode

# The IANA registry and RFC 9110 speak of HTTP; another family of codes has rules of its own.
HTTP_FAMILY = "http"

CLASS_RULE_SOURCE = "RFC 9110 §15"
CLASS_RULE_URL = "https://www.rfc-editor.org/rfc/rfc9110.html#section-15"
CLASS_RULE_QUOTE = (
    "However, a client MUST understand the class of any status code, as indicated by the first digit, and "
    "treat an unrecognized status code as being equivalent to the x00 status code of that class."
)

# What a client does with the x00 of each class, said of an unknown code of that class.
CLIENT_READING = {
    1: _("It is an interim response: the client waits for the final one."),
    2: _("The request succeeded."),
    3: _("The client has to take a further step, usually towards another URL, to complete the request."),
    4: _("Something in the request is wrong; sent again unchanged, it fails again."),
    5: _("The server failed on a request that may well be valid; the client may retry later."),
}


def unregistered_number(family: str, slug: str) -> int | None:
    """The number ``slug`` names, when it is one from 100 to 599 in the HTTP family; else None."""
    if family != HTTP_FAMILY or len(slug) != 3 or not slug.isdigit():
        return None
    number = int(slug)
    return number if 100 <= number <= 599 else None


@dataclass(frozen=True)
class UnregisteredNumber:
    number: int
    nearest: list[StatusCode]

    @property
    def status_class(self) -> int:
        return self.number // 100

    @property
    def class_name(self) -> str:
        return str(STATUS_CLASSES[self.status_class])

    @property
    def treated_as(self) -> int:
        return self.status_class * 100

    @property
    def client_reading(self) -> str:
        return str(CLIENT_READING[self.status_class])

    @property
    def same_number(self) -> list[StatusCode]:
        """Codes of this number with another slug (a vendor's second meaning): known here after all."""
        return [code for code in self.nearest if code.number == self.number]
