"""The key differences of two codes, sentence by sentence from their facts: registry, who produces
them, caching, retrying, headers."""

from django.utils import formats
from django.utils.translation import gettext_noop

from codes.models import StatusCode

from .sentences import (
    Emitter,
    Registry,
    Retry,
    Sentence,
    emitter_names,
    expiry_passed,
    join_items,
    log_only,
    say,
)


def _origin_sentence(code: StatusCode, name: str) -> Sentence:
    if code.vendor_id and code.vendor_documented:
        return say(
            gettext_noop("%(code)s is not in the IANA registry; %(vendor)s defines it in its documentation."),
            code=name,
            vendor=code.vendor.name,
        )
    if code.vendor_id:
        return say(
            gettext_noop(
                "%(code)s is not in the IANA registry; it is attributed to %(vendor)s, whose documentation "
                "does not define it."
            ),
            code=name,
            vendor=code.vendor.name,
        )
    if code.registry_status == Registry.UNOFFICIAL:
        return say(
            gettext_noop("%(code)s is not in the IANA registry, and no single vendor defines it."), code=name
        )
    if code.registry_status == Registry.TEMPORARY and code.registry_expires:
        date = formats.date_format(code.registry_expires, "DATE_FORMAT")
        if expiry_passed(code):
            return say(
                gettext_noop(
                    "%(code)s has a temporary registration with IANA whose expiry date, %(date)s, has passed."
                ),
                code=name,
                date=date,
            )
        return say(
            gettext_noop("%(code)s has a temporary registration with IANA, until %(date)s."),
            code=name,
            date=date,
        )
    if code.registry_status == Registry.TEMPORARY:
        return say(gettext_noop("%(code)s has a temporary registration with IANA."), code=name)
    if code.registry_status == Registry.DEPRECATED:
        return say(
            gettext_noop("%(code)s is registered with IANA but deprecated by %(spec)s."),
            code=name,
            spec=code.spec_title or "IANA",
        )
    if code.registry_status == Registry.UNUSED:
        return say(gettext_noop("%(code)s is reserved in the IANA registry and not used."), code=name)
    if code.registry_status == Registry.OBSOLETE:
        return say(gettext_noop("%(code)s is marked obsolete in the IANA registry."), code=name)
    if code.spec_title:
        return say(
            gettext_noop("%(code)s is registered with IANA and defined in %(spec)s."),
            code=name,
            spec=code.spec_title,
        )
    return say(gettext_noop("%(code)s is registered with IANA."), code=name)


def origin_sentences(first, second, a, b) -> list[Sentence]:
    plain = {Registry.REGISTERED}
    if (
        first.registry_status in plain
        and second.registry_status in plain
        and not (first.vendor_id or second.vendor_id)
        and first.spec_title
        and first.spec_title.split(",")[0] == (second.spec_title or "").split(",")[0]
    ):
        return [
            say(
                gettext_noop("Both are registered with IANA and defined in %(spec)s."),
                spec=first.spec_title.split(",")[0],
            )
        ]
    return [_origin_sentence(first, a), _origin_sentence(second, b)]


def emitter_sentences(first, second, a, b) -> list[Sentence]:
    sentences = []
    if first.emitted_by and set(first.emitted_by) == set(second.emitted_by) and emitter_names(first):
        sentences.append(
            say(gettext_noop("Both are produced by %(emitters)s."), emitters=join_items(emitter_names(first)))
        )
    else:
        for code, name in ((first, a), (second, b)):
            if emitter_names(code):
                sentences.append(
                    say(
                        gettext_noop("%(code)s is produced by %(emitters)s."),
                        code=name,
                        emitters=join_items(emitter_names(code)),
                    )
                )
    for code, name in ((first, a), (second, b)):
        if Emitter.LOG_ONLY in code.emitted_by:
            sentences.append(
                say(
                    gettext_noop(
                        "%(code)s never reaches the client as a status line: it is written to server logs."
                    ),
                    code=name,
                )
            )
    return sentences


# How a cache may treat a code: an interim response is never stored (RFC 9111, Section 3 stores final
# responses only), a log-only code has no response at all, RFC 6585 forbids storing its four codes, and
# only some final codes are cacheable without explicit freshness (heuristically).
INTERIM, NO_RESPONSE, NEVER_STORED, HEURISTIC, EXPLICIT_ONLY = (
    "interim", "no_response", "never_stored", "heuristic", "explicit_only",
)  # fmt: skip


HEURISTIC_SOURCE = "RFC 9110, Section 15.1"


def cache_rule(code: StatusCode) -> str:
    if log_only(code):
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


def cache_sentences(first, second, a, b) -> list[Sentence]:
    rule = cache_rule(first)
    if rule == cache_rule(second):
        sources = list(dict.fromkeys(filter(None, (_cache_source(first), _cache_source(second)))))
        return [say(_CACHE_BOTH[rule], source=join_items(sources))]
    return [
        say(_CACHE_ONE[cache_rule(code)], code=name, source=_cache_source(code))
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


def retry_sentences(first, second, a, b) -> list[Sentence]:
    if first.retry == second.retry:
        return [say(_RETRY_BOTH[first.retry])]
    return [say(_RETRY_ONE[first.retry], code=a), say(_RETRY_ONE[second.retry], code=b)]


def header_sentences(first, second, a, b) -> list[Sentence]:
    if first.headers and first.headers == second.headers:
        return [
            say(
                gettext_noop("Both usually come with these headers: %(headers)s."),
                headers=join_items(first.headers),
            )
        ]
    return [
        say(
            gettext_noop("%(code)s usually comes with these headers: %(headers)s."),
            code=name,
            headers=join_items(code.headers),
        )
        for code, name in ((first, a), (second, b))
        if code.headers
    ]
