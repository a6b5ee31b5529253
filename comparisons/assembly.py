"""Comparison texts assembled from the facts of two codes, for pairs no editor has written yet.

Every sentence is translated whole, through gettext, with named placeholders for numbers, names and
facts only; no editorial text is ever spliced into a sentence. Sentences are chosen by the facts, so
each language can word each case its own way.
"""

from dataclasses import dataclass, field

from babel.lists import format_list
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, gettext_noop, pgettext, to_locale

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


@dataclass
class Assembled:
    title: str
    summary: list[Sentence] = field(default_factory=list)
    key_differences: list[Sentence] = field(default_factory=list)
    when_to_use: list[Sentence] = field(default_factory=list)

    @property
    def sentences(self) -> list[Sentence]:
        return [*self.summary, *self.key_differences, *self.when_to_use]

    def summary_text(self) -> str:
        return _join_sentences(self.summary)

    def as_text(self) -> dict[str, object]:
        return {
            "title": self.title,
            "summary": self.summary_text(),
            "key_differences": [str(s) for s in self.key_differences],
            "when_to_use": [str(s) for s in self.when_to_use],
        }

    def as_markdown(self) -> dict[str, str]:
        return {
            "title": self.title,
            "summary": _escape(self.summary_text()),
            "key_differences": "\n".join(f"- {_escape(s.text)}" for s in self.key_differences),
            "when_to_use": "\n\n".join(_escape(s.text) for s in self.when_to_use),
        }


def sentence_separator(previous: str) -> str:
    """What goes between a sentence and the next: nothing after a full-width full stop (Japanese, Chinese)."""
    return "" if previous.endswith(("。", "！", "？")) else " "


def _join_sentences(sentences: list[Sentence]) -> str:
    text = ""
    for sentence in sentences:
        if text:
            text += sentence_separator(text)
        text += sentence.text
    return text


def _escape(text: str) -> str:
    """Keep names such as "Retry-After" or "*" from being read as Markdown."""
    return "".join(f"\\{char}" if char in "\\`*_[]<>#" else char for char in text)


def _say(msgid: str, **values) -> Sentence:
    return Sentence(msgid, gettext(msgid) % values)


def code_name(code: StatusCode) -> str:
    """ "404 Not Found", with the title in the active language where one exists."""
    return f"{code.number} {(code.title or '').strip() or code.phrase}"


def _join(items: list[str]) -> str:
    """ "A, B and C" with the active language's own conjunction and punctuation (CLDR, through Babel)."""
    return format_list(items, style="standard", locale=to_locale(get_language() or "en"))


def _log_only(code: StatusCode) -> bool:
    return Emitter.LOG_ONLY in code.emitted_by


def _sends_elsewhere(code: StatusCode) -> bool:
    """A redirection that names another URL; 304 names none: it lets the client reuse its cached copy."""
    return code.status_class == 3 and "Location" in code.headers


def _asks_for_a_changed_request(code: StatusCode) -> bool:
    """A client error after which the same request fails again; 408, 421, 425 and 429 are not."""
    return code.status_class == 4 and code.retry == Retry.FIX_REQUEST and not _log_only(code)


# --- Class --------------------------------------------------------------------------------------

_CLASS_OF_ONE = {
    1: gettext_noop("%(code)s is an informational response (1xx): an interim answer before the final one."),
    2: gettext_noop("%(code)s is a success (2xx): the server did what the request asked."),
    3: gettext_noop(
        "%(code)s is a redirection (3xx): the client has to take a further step to complete the request."
    ),
    4: gettext_noop(
        "%(code)s is a client error (4xx): the server attributes the failure to the client's side."
    ),
    5: gettext_noop("%(code)s is a server error (5xx): the request failed on the server side."),
    None: gettext_noop(
        "%(code)s lies outside the standard classes 1xx to 5xx, so generic clients cannot classify it."
    ),
}
_CLASS_OF_BOTH = {
    1: gettext_noop("%(first)s and %(second)s are both informational responses (1xx)."),
    2: gettext_noop("%(first)s and %(second)s both report success (2xx)."),
    3: gettext_noop("%(first)s and %(second)s are both redirections (3xx)."),
    4: gettext_noop("%(first)s and %(second)s are both client errors (4xx)."),
    5: gettext_noop("%(first)s and %(second)s are both server errors (5xx)."),
    None: gettext_noop("%(first)s and %(second)s both lie outside the standard classes 1xx to 5xx."),
}


def _class_sentences(first, second, a, b) -> list[Sentence]:
    if first.status_class == second.status_class:
        return [_say(_CLASS_OF_BOTH[first.status_class], first=a, second=b)]
    return [
        _say(_CLASS_OF_ONE[first.status_class], code=a),
        _say(_CLASS_OF_ONE[second.status_class], code=b),
    ]


# --- Origin (registry and vendor) -----------------------------------------------------------------


def _expiry_passed(code: StatusCode) -> bool:
    return code.registry_expires is not None and code.registry_expires < timezone.localdate()


def _origin_sentence(code: StatusCode, name: str) -> Sentence:
    if code.vendor_id and code.vendor_documented:
        return _say(
            gettext_noop("%(code)s is not in the IANA registry; %(vendor)s defines it in its documentation."),
            code=name,
            vendor=code.vendor.name,
        )
    if code.vendor_id:
        return _say(
            gettext_noop(
                "%(code)s is not in the IANA registry; it is attributed to %(vendor)s, whose documentation "
                "does not define it."
            ),
            code=name,
            vendor=code.vendor.name,
        )
    if code.registry_status == Registry.UNOFFICIAL:
        return _say(
            gettext_noop("%(code)s is not in the IANA registry, and no single vendor defines it."), code=name
        )
    if code.registry_status == Registry.TEMPORARY and code.registry_expires:
        date = formats.date_format(code.registry_expires, "DATE_FORMAT")
        if _expiry_passed(code):
            return _say(
                gettext_noop(
                    "%(code)s has a temporary registration with IANA whose expiry date, %(date)s, has passed."
                ),
                code=name,
                date=date,
            )
        return _say(
            gettext_noop("%(code)s has a temporary registration with IANA, until %(date)s."),
            code=name,
            date=date,
        )
    if code.registry_status == Registry.TEMPORARY:
        return _say(gettext_noop("%(code)s has a temporary registration with IANA."), code=name)
    if code.registry_status == Registry.DEPRECATED:
        return _say(
            gettext_noop("%(code)s is registered with IANA but deprecated by %(spec)s."),
            code=name,
            spec=code.spec_title or "IANA",
        )
    if code.registry_status == Registry.UNUSED:
        return _say(gettext_noop("%(code)s is reserved in the IANA registry and not used."), code=name)
    if code.registry_status == Registry.OBSOLETE:
        return _say(gettext_noop("%(code)s is marked obsolete in the IANA registry."), code=name)
    if code.spec_title:
        return _say(
            gettext_noop("%(code)s is registered with IANA and defined in %(spec)s."),
            code=name,
            spec=code.spec_title,
        )
    return _say(gettext_noop("%(code)s is registered with IANA."), code=name)


def _origin_sentences(first, second, a, b) -> list[Sentence]:
    plain = {Registry.REGISTERED}
    if (
        first.registry_status in plain
        and second.registry_status in plain
        and not (first.vendor_id or second.vendor_id)
        and first.spec_title
        and first.spec_title.split(",")[0] == (second.spec_title or "").split(",")[0]
    ):
        return [
            _say(
                gettext_noop("Both are registered with IANA and defined in %(spec)s."),
                spec=first.spec_title.split(",")[0],
            )
        ]
    return [_origin_sentence(first, a), _origin_sentence(second, b)]


# --- Who produces it ------------------------------------------------------------------------------

_EMITTERS = {
    Emitter.ORIGIN: lambda: pgettext("who produces a code", "the origin server or application"),
    Emitter.PROXY: lambda: pgettext("who produces a code", "a proxy or gateway"),
    Emitter.CDN: lambda: pgettext("who produces a code", "a CDN edge"),
    Emitter.LOAD_BALANCER: lambda: pgettext("who produces a code", "a load balancer"),
}


def _emitter_names(code: StatusCode) -> list[str]:
    return [_EMITTERS[e]() for e in code.emitted_by if e in _EMITTERS]


def _emitter_sentences(first, second, a, b) -> list[Sentence]:
    sentences = []
    if first.emitted_by and set(first.emitted_by) == set(second.emitted_by) and _emitter_names(first):
        sentences.append(
            _say(gettext_noop("Both are produced by %(emitters)s."), emitters=_join(_emitter_names(first)))
        )
    else:
        for code, name in ((first, a), (second, b)):
            if _emitter_names(code):
                sentences.append(
                    _say(
                        gettext_noop("%(code)s is produced by %(emitters)s."),
                        code=name,
                        emitters=_join(_emitter_names(code)),
                    )
                )
    for code, name in ((first, a), (second, b)):
        if Emitter.LOG_ONLY in code.emitted_by:
            sentences.append(
                _say(
                    gettext_noop(
                        "%(code)s never reaches the client as a status line: it is written to server logs."
                    ),
                    code=name,
                )
            )
    return sentences


def _produced_elsewhere(code: StatusCode) -> bool:
    return bool(code.emitted_by) and Emitter.ORIGIN not in code.emitted_by


# --- Caching, retry, headers ----------------------------------------------------------------------


# How a cache may treat a code: an interim response is never stored (RFC 9111, Section 3 stores final
# responses only), a log-only code has no response at all, RFC 6585 forbids storing its four codes, and
# only some final codes are cacheable without explicit freshness (heuristically).
INTERIM, NO_RESPONSE, NEVER_STORED, HEURISTIC, EXPLICIT_ONLY = (
    "interim", "no_response", "never_stored", "heuristic", "explicit_only",
)  # fmt: skip
HEURISTIC_SOURCE = "RFC 9110, Section 15.1"


def cache_rule(code: StatusCode) -> str:
    if _log_only(code):
        return NO_RESPONSE
    if code.status_class == 1:
        return INTERIM
    if not code.storable:
        return NEVER_STORED
    return HEURISTIC if code.cacheable else EXPLICIT_ONLY


def _cache_source(code: StatusCode) -> str:
    """Where a code's cache rule is written: its own specification, unless that is RFC 9110 itself."""
    spec = code.spec_title or ""
    if cache_rule(code) == HEURISTIC and (not spec or spec.startswith("RFC 9110")):
        return HEURISTIC_SOURCE
    return spec


_CACHE_ONE = {
    INTERIM: gettext_noop("%(code)s is an interim response, which caches never store (RFC 9111, Section 3)."),
    NO_RESPONSE: gettext_noop(
        "%(code)s leaves no response for a cache to store: it exists only in server logs."
    ),
    NEVER_STORED: gettext_noop("%(code)s must not be stored by any cache (%(source)s)."),
    HEURISTIC: gettext_noop("%(code)s is cacheable by default (%(source)s)."),
    EXPLICIT_ONLY: gettext_noop(
        "%(code)s is not cacheable by default: a cache stores it only when the response explicitly allows it."
    ),
}
_CACHE_BOTH = {
    INTERIM: gettext_noop("Both are interim responses, which caches never store (RFC 9111, Section 3)."),
    NO_RESPONSE: gettext_noop(
        "Neither leaves a response for a cache to store: both exist only in server logs."
    ),
    NEVER_STORED: gettext_noop("No cache may store either of them (%(source)s)."),
    HEURISTIC: gettext_noop("Both are cacheable by default (%(source)s)."),
    EXPLICIT_ONLY: gettext_noop(
        "Neither is cacheable by default: a cache stores them only when the response explicitly allows it."
    ),
}


def _cache_sentences(first, second, a, b) -> list[Sentence]:
    rule = cache_rule(first)
    if rule == cache_rule(second):
        sources = list(dict.fromkeys(filter(None, (_cache_source(first), _cache_source(second)))))
        return [_say(_CACHE_BOTH[rule], source=_join(sources))]
    return [
        _say(_CACHE_ONE[cache_rule(code)], code=name, source=_cache_source(code))
        for code, name in ((first, a), (second, b))
    ]


_RETRY_ONE = {
    Retry.NOT_APPLICABLE: gettext_noop("After %(code)s there is nothing to retry."),
    Retry.FOLLOW: gettext_noop("After %(code)s, a client follows the redirect or uses its cached copy."),
    Retry.FIX_REQUEST: gettext_noop(
        "After %(code)s, the same request fails again: the request, the credentials or "
        "the URL must change first."
    ),
    Retry.AFTER_DELAY: gettext_noop(
        "After %(code)s, a client waits and tries again later, honouring Retry-After when "
        "the response sends it."
    ),
    Retry.IDEMPOTENT_ONLY: gettext_noop(
        "After %(code)s, a retry may succeed, but only idempotent requests such as GET "
        "are safe to repeat automatically."
    ),
    Retry.NEW_CONNECTION: gettext_noop(
        "After %(code)s, the client may send the same request again at once over a new connection, "
        "whatever its method: the server did not process it."
    ),
    Retry.AFTER_HANDSHAKE: gettext_noop(
        "After %(code)s, the client sends the same request again at once, after the TLS handshake has "
        "completed and not in early data."
    ),
    Retry.NO: gettext_noop("After %(code)s, retrying does not help."),
}
_RETRY_BOTH = {
    Retry.NOT_APPLICABLE: gettext_noop("After either code there is nothing to retry."),
    Retry.FOLLOW: gettext_noop("After either code, a client follows the redirect or uses its cached copy."),
    Retry.FIX_REQUEST: gettext_noop(
        "After either code, the same request fails again: the request, the credentials or "
        "the URL must change first."
    ),
    Retry.AFTER_DELAY: gettext_noop(
        "After either code, a client waits and tries again later, honouring Retry-After when "
        "the response sends it."
    ),
    Retry.IDEMPOTENT_ONLY: gettext_noop(
        "After either code, a retry may succeed, but only idempotent requests such as GET "
        "are safe to repeat automatically."
    ),
    Retry.NEW_CONNECTION: gettext_noop(
        "After either code, the client may send the same request again at once over a new connection, "
        "whatever its method: the server did not process it."
    ),
    Retry.AFTER_HANDSHAKE: gettext_noop(
        "After either code, the client sends the same request again at once, after the TLS handshake has "
        "completed and not in early data."
    ),
    Retry.NO: gettext_noop("After either code, retrying does not help."),
}


def _retry_sentences(first, second, a, b) -> list[Sentence]:
    if first.retry == second.retry:
        return [_say(_RETRY_BOTH[first.retry])]
    return [_say(_RETRY_ONE[first.retry], code=a), _say(_RETRY_ONE[second.retry], code=b)]


def _header_sentences(first, second, a, b) -> list[Sentence]:
    if first.headers and first.headers == second.headers:
        return [
            _say(
                gettext_noop("Both usually come with these headers: %(headers)s."),
                headers=_join(first.headers),
            )
        ]
    return [
        _say(
            gettext_noop("%(code)s usually comes with these headers: %(headers)s."),
            code=name,
            headers=_join(code.headers),
        )
        for code, name in ((first, a), (second, b))
        if code.headers
    ]


# --- When to use which ----------------------------------------------------------------------------

_SAME_CLASS_ADVICE = {
    1: gettext_noop(
        "Both are interim responses that a server or proxy sends before the final one; "
        "clients rarely need to act on them."
    ),
    2: gettext_noop(
        "Both report success; they differ in what the response carries, as the descriptions below show."
    ),
    3: gettext_noop(
        "Both send the client elsewhere; they differ in whether the move is permanent and whether the "
        "method may change, as the descriptions below show."
    ),
    4: gettext_noop(
        "Both tell the client that its request must change; the descriptions below show what causes each."
    ),
    5: gettext_noop(
        "Both say the request failed on the server side; the descriptions below show where each one arises."
    ),
}
# Said instead where the sentence above would be false for one of the two codes (304 sends the client
# nowhere; after 408, 421, 425 or 429 the same request can succeed; a log-only code reaches no client).
_SAME_CLASS_ADVICE_MIXED = {
    3: gettext_noop(
        "Both ask the client for a further step, but not both send it to another URL; the descriptions "
        "below show what each one asks."
    ),
    4: gettext_noop(
        "Both put the failure on the client's side, but not every such request has to change before it "
        "can succeed; the descriptions below show what causes each."
    ),
}
_CROSS_CLASS_ADVICE = {
    (2, 3): gettext_noop(
        "%(first)s answers the request at this URL; %(second)s sends the client to another one."
    ),
    (2, 4): gettext_noop(
        "%(first)s says the request succeeded and %(second)s says it failed: the two never describe the same "
        "outcome."
    ),
    (3, 4): gettext_noop(
        "%(first)s sends the client to another URL; %(second)s ends the request with an error."
    ),
    (4, 5): gettext_noop(
        "The difference is whose side failed: %(first)s puts the failure on the client's side, %(second)s "
        "says the server failed on a request that may well be valid."
    ),
}
# For a redirection that names no other URL (304).
_CROSS_CLASS_ADVICE_IN_PLACE = {
    (2, 3): gettext_noop(
        "%(first)s answers the request with content of its own; %(second)s tells the client to reuse "
        "what it already has."
    ),
    (3, 4): gettext_noop(
        "%(first)s tells the client to reuse what it already has; %(second)s ends the request with an error."
    ),
}


def _in_use(code: StatusCode) -> bool:
    return code.registry_status not in (Registry.UNUSED, Registry.OBSOLETE, Registry.DEPRECATED)


_SAME_CLASS_HOLDS = {3: _sends_elsewhere, 4: _asks_for_a_changed_request}


def _chosen_by_application(code: StatusCode) -> bool:
    return _in_use(code) and not _produced_elsewhere(code)


def _class_advice(first, second, a, b) -> list[Sentence]:
    """Neutral sentences on how the two classes relate; advice to choose only when a server may pick both."""
    x, y = first.status_class, second.status_class
    if x is None or y is None or not (_in_use(first) and _in_use(second)):
        # A code nobody may send has no class behaviour to weigh; its own advice says so.
        return []
    if x == y:
        holds = _SAME_CLASS_HOLDS.get(x, lambda code: True)
        mixed = not (holds(first) and holds(second))
        sentences = [_say(_SAME_CLASS_ADVICE_MIXED[x] if mixed else _SAME_CLASS_ADVICE[x])]
        if _chosen_by_application(first) and _chosen_by_application(second):
            sentences.append(
                _say(
                    gettext_noop(
                        "When you choose between them, pick the one whose description matches what "
                        "actually happened."
                    )
                )
            )
        return sentences
    if x == 1:
        return [
            _say(
                gettext_noop(
                    "%(interim)s is an interim response before the final one, so it is never an alternative "
                    "to %(other)s."
                ),
                interim=a,
                other=b,
            )
        ]
    # Classes 2 to 5: errors of either side relate to a success or redirect the same way.
    key = (x, min(y, 4)) if x < 4 else (4, 5)
    redirect = first if x == 3 else second if y == 3 else None
    if redirect is not None and not _sends_elsewhere(redirect):
        return [_say(_CROSS_CLASS_ADVICE_IN_PLACE[key], first=a, second=b)]
    return [_say(_CROSS_CLASS_ADVICE[key], first=a, second=b)]


def _code_advice(code: StatusCode, name: str) -> list[Sentence]:
    if code.registry_status == Registry.DEPRECATED:
        return [_say(gettext_noop("Do not send %(code)s: its specification deprecates it."), code=name)]
    if not _in_use(code):
        return [_say(gettext_noop("Do not send %(code)s: it is not in use."), code=name)]
    if not code.emitted_by:
        return [
            _say(
                gettext_noop(
                    "Nothing produces %(code)s today; if you meet it, find what in your stack still "
                    "emits the number."
                ),
                code=name,
            )
        ]
    if _produced_elsewhere(code):
        return [
            _say(
                gettext_noop(
                    "Your application does not send %(code)s itself; "
                    "look first at what produces it: %(emitters)s."
                ),
                code=name,
                emitters=_join(
                    _emitter_names(code) or [pgettext("who produces a code", "the server's logs")]
                ),
            )
        ]
    if code.vendor_id and code.vendor_documented:
        return [
            _say(
                gettext_noop(
                    "Send %(code)s only to clients that expect it as %(vendor)s defines it; "
                    "anywhere else, prefer a code registered with IANA."
                ),
                code=name,
                vendor=code.vendor.name,
            )
        ]
    if code.vendor_id:
        return [
            _say(
                gettext_noop(
                    "Avoid sending %(code)s: it is attributed to %(vendor)s but documented nowhere, so "
                    "clients cannot rely on its meaning."
                ),
                code=name,
                vendor=code.vendor.name,
            )
        ]
    if code.registry_status == Registry.UNOFFICIAL:
        return [_say(gettext_noop("Avoid sending %(code)s: clients cannot rely on its meaning."), code=name)]
    return []


def assembled_title(first: StatusCode, second: StatusCode, *, name=code_name) -> str:
    """ "HTTP 202 Accepted vs 520 …" in the active language; ``name`` formats each code's name."""
    return gettext("HTTP %(first)s vs %(second)s") % {"first": name(first), "second": name(second)}


def assemble(first: StatusCode, second: StatusCode) -> Assembled:
    """Texts for a pair, in the active language; the codes should be in canonical order."""
    a, b = code_name(first), code_name(second)
    result = Assembled(title=assembled_title(first, second))
    result.summary = _class_sentences(first, second, a, b)
    result.key_differences = [
        *_origin_sentences(first, second, a, b),
        *_emitter_sentences(first, second, a, b),
        *_cache_sentences(first, second, a, b),
        *_retry_sentences(first, second, a, b),
        *_header_sentences(first, second, a, b),
    ]
    result.when_to_use = [
        *_class_advice(first, second, a, b),
        *_code_advice(first, a),
        *_code_advice(second, b),
    ]
    return result
