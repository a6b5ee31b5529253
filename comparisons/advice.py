"""When to use which: how the two classes relate, and what each code asks of the one who would
send it."""

from django.utils.translation import gettext_noop, pgettext

from codes.models import StatusCode

from .sentences import (
    Registry,
    Sentence,
    asks_for_a_changed_request,
    emitter_names,
    in_use,
    join_items,
    produced_elsewhere,
    say,
    sends_elsewhere,
)

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


_SAME_CLASS_HOLDS = {3: sends_elsewhere, 4: asks_for_a_changed_request}


def _chosen_by_application(code: StatusCode) -> bool:
    return in_use(code) and not produced_elsewhere(code)


def class_advice(first, second, a, b) -> list[Sentence]:
    """Neutral sentences on how the two classes relate; advice to choose only when a server may pick both."""
    x, y = first.status_class, second.status_class
    if x is None or y is None or not (in_use(first) and in_use(second)):
        # A code nobody may send has no class behaviour to weigh; its own advice says so.
        return []
    if x == y:
        holds = _SAME_CLASS_HOLDS.get(x, lambda code: True)
        mixed = not (holds(first) and holds(second))
        sentences = [say(_SAME_CLASS_ADVICE_MIXED[x] if mixed else _SAME_CLASS_ADVICE[x])]
        if _chosen_by_application(first) and _chosen_by_application(second):
            sentences.append(
                say(
                    gettext_noop(
                        "When you choose between them, pick the one whose description matches what "
                        "actually happened."
                    )
                )
            )
        return sentences
    if x == 1:
        return [
            say(
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
    if redirect is not None and not sends_elsewhere(redirect):
        return [say(_CROSS_CLASS_ADVICE_IN_PLACE[key], first=a, second=b)]
    return [say(_CROSS_CLASS_ADVICE[key], first=a, second=b)]


def code_advice(code: StatusCode, name: str) -> list[Sentence]:
    if code.registry_status == Registry.DEPRECATED:
        return [say(gettext_noop("Do not send %(code)s: its specification deprecates it."), code=name)]
    if not in_use(code):
        return [say(gettext_noop("Do not send %(code)s: it is not in use."), code=name)]
    if not code.emitted_by:
        return [
            say(
                gettext_noop(
                    "Nothing produces %(code)s today; if you meet it, find what in your stack still "
                    "emits the number."
                ),
                code=name,
            )
        ]
    if produced_elsewhere(code):
        return [
            say(
                gettext_noop(
                    "Your application does not send %(code)s itself; "
                    "look first at what produces it: %(emitters)s."
                ),
                code=name,
                emitters=join_items(
                    emitter_names(code) or [pgettext("who produces a code", "the server's logs")]
                ),
            )
        ]
    if code.vendor_id and code.vendor_documented:
        return [
            say(
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
            say(
                gettext_noop(
                    "Avoid sending %(code)s: it is attributed to %(vendor)s but documented nowhere, so "
                    "clients cannot rely on its meaning."
                ),
                code=name,
                vendor=code.vendor.name,
            )
        ]
    if code.registry_status == Registry.UNOFFICIAL:
        return [say(gettext_noop("Avoid sending %(code)s: clients cannot rely on its meaning."), code=name)]
    return []
