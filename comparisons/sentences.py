"""The pieces assembled sentences are made of: a translated sentence, lists joined as each language
joins them, and what the facts of a code say about it."""

from dataclasses import dataclass

from babel.lists import format_list
from django.utils import timezone
from django.utils.translation import get_language, gettext, pgettext, to_locale

from codes.models import StatusCode

Registry = StatusCode.Registry


Emitter = StatusCode.Emitter


Retry = StatusCode.Retry


@dataclass(frozen=True)
class Sentence:
    msgid: str
    text: str

    def __str__(self):
        return self.text


def sentence_separator(previous: str) -> str:
    """What goes between a sentence and the next: nothing after a full-width full stop (Japanese, Chinese)."""
    return "" if previous.endswith(("。", "！", "？")) else " "


def escape_markdown(text: str) -> str:
    """Keep names such as "Retry-After" or "*" from being read as Markdown."""
    return "".join(f"\\{char}" if char in "\\`*_[]<>#" else char for char in text)


def say(msgid: str, **values) -> Sentence:
    return Sentence(msgid, gettext(msgid) % values)


def code_name(code: StatusCode) -> str:
    """ "404 Not Found", with the title in the active language where one exists."""
    return f"{code.number} {(code.title or '').strip() or code.phrase}"


def join_items(items: list[str]) -> str:
    """ "A, B and C" with the active language's own conjunction and punctuation (CLDR, through Babel)."""
    return format_list(items, style="standard", locale=to_locale(get_language() or "en"))


def log_only(code: StatusCode) -> bool:
    return Emitter.LOG_ONLY in code.emitted_by


def sends_elsewhere(code: StatusCode) -> bool:
    """A redirection that names another URL; 304 names none: it lets the client reuse its cached copy."""
    return code.status_class == 3 and "Location" in code.headers


def asks_for_a_changed_request(code: StatusCode) -> bool:
    """A client error after which the same request fails again; 408, 421, 425 and 429 are not."""
    return code.status_class == 4 and code.retry == Retry.FIX_REQUEST and not log_only(code)


def expiry_passed(code: StatusCode) -> bool:
    return code.registry_expires is not None and code.registry_expires < timezone.localdate()


EMITTERS = {
    Emitter.ORIGIN: lambda: pgettext("who produces a code", "the origin server or application"),
    Emitter.PROXY: lambda: pgettext("who produces a code", "a proxy or gateway"),
    Emitter.CDN: lambda: pgettext("who produces a code", "a CDN edge"),
    Emitter.LOAD_BALANCER: lambda: pgettext("who produces a code", "a load balancer"),
}


def emitter_names(code: StatusCode) -> list[str]:
    return [EMITTERS[e]() for e in code.emitted_by if e in EMITTERS]


def produced_elsewhere(code: StatusCode) -> bool:
    return bool(code.emitted_by) and Emitter.ORIGIN not in code.emitted_by


def in_use(code: StatusCode) -> bool:
    return code.registry_status not in (Registry.UNUSED, Registry.OBSOLETE, Registry.DEPRECATED)
