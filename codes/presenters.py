"""A code as the pages show it: its texts in the page's language and the facts in words."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from codes.models import STATUS_CLASSES
from foundation.seo import Page, build_page, tech_article
from foundation.texts import Text, isolate, languages_with, localized


@dataclass
class CodeView:
    """A status code with its texts resolved for the active language, ready for a template."""

    code: object
    title: Text
    summary: Text
    description: Text
    seen_when: Text
    client_action: Text
    owner_action: Text

    @property
    def name(self) -> str:
        """ "404 Not Found": the official reason phrase, the same in every language."""
        return f"{self.code.number} {self.code.phrase}"

    @property
    def local_title(self) -> Text | None:
        """The status's name in the active language, when an editor wrote one that differs."""
        if (
            self.title
            and not self.title.fell_back
            and self.title.raw.casefold() != self.code.phrase.casefold()
        ):
            return self.title
        return None

    @property
    def url(self) -> str:
        return self.code.get_absolute_url()

    @property
    def emitters(self) -> list[str]:
        labels = dict(type(self.code).Emitter.choices)
        return [str(labels[value]) for value in self.code.emitted_by if value in labels]

    @property
    def has_advice(self) -> bool:
        return bool(self.client_action or self.owner_action)


def present_code(code) -> CodeView:
    return CodeView(code, *(localized(code, name) for name in type(code).TEXT_FIELDS))


# A code page exists in a language when one of these is written in it.
MAIN_TEXTS = ("title", "summary", "description")


CLASS_BLURBS = {
    1: gettext_lazy("Interim answers: the request arrived and the work goes on."),
    2: gettext_lazy("The request was received, understood and carried out."),
    3: gettext_lazy("The client has one more step to take, usually to another URL."),
    4: gettext_lazy("Something in the request is wrong; sent again unchanged, it fails again."),
    5: gettext_lazy("The server, or something in front of it, failed on a request that may well be valid."),
}


@dataclass
class ClassGroup:
    digit: int | None
    family: str
    official: list[CodeView] = field(default_factory=list)
    vendor: list[CodeView] = field(default_factory=list)

    @property
    def name(self):
        return STATUS_CLASSES.get(self.digit, _("Non-standard"))

    @property
    def label(self) -> str:
        return f"{self.digit}xx" if self.digit else "—"

    @property
    def blurb(self):
        return CLASS_BLURBS.get(
            self.digit, _("Numbers outside 100–599, which generic clients cannot classify.")
        )

    @property
    def url(self) -> str | None:
        if self.digit is None:
            return None
        return reverse("front:class", kwargs={"family": self.family, "digit": self.digit})

    @property
    def card_url(self) -> str:
        """Where a card of this class leads: its page, or for numbers outside the classes their section."""
        if self.url:
            return self.url
        return reverse("codes:family", kwargs={"family": self.family}) + "#class-other"

    @property
    def count(self) -> int:
        return len(self.official) + len(self.vendor)


def group_by_class(codes, family: str) -> list[ClassGroup]:
    groups: dict[int | None, ClassGroup] = {}
    for code in codes:
        group = groups.setdefault(code.status_class, ClassGroup(code.status_class, family))
        (group.official if code.is_official else group.vendor).append(present_code(code))
    return [groups[digit] for digit in [*STATUS_CLASSES, None] if digit in groups]


def home_crumb():
    return (_("Home"), reverse("front:home"))


# --- A code's page --------------------------------------------------------------------------------


def code_heading(view: CodeView) -> str:
    return isolate(f"HTTP {view.name}")


def neighbours(siblings, code) -> tuple:
    """The codes before and after ``code`` in its family's order (None at either end)."""
    position = next((i for i, sibling in enumerate(siblings) if sibling.pk == code.pk), None)
    previous_code = siblings[position - 1] if position else None
    next_code = siblings[position + 1] if position is not None and position + 1 < len(siblings) else None
    return previous_code, next_code


def code_page(request, code, view: CodeView) -> Page:
    """Title, breadcrumbs, languages and structured data of a code's page."""
    family = code.family.slug
    heading = code_heading(view)
    if view.local_title:
        title = _("HTTP %(code)s (%(name)s): meaning and what to do") % {
            "code": isolate(view.name),
            "name": view.local_title.raw,
        }
    else:
        title = _("HTTP %(code)s: meaning and what to do") % {"code": isolate(view.name)}
    url = reverse("codes:detail", kwargs={"family": family, "slug": code.slug})
    family_url = reverse("codes:family", kwargs={"family": family})
    crumbs = [home_crumb(), (localized(code.family, "name").raw or family, family_url)]
    if code.status_class:
        crumbs.append((f"{code.status_class}xx", ClassGroup(code.status_class, family).url))
    crumbs.append((str(code.number), url))
    about = {
        "@type": "DefinedTerm",
        "name": view.name,
        "termCode": str(code.number),
        "inDefinedTermSet": request.build_absolute_uri(family_url),
    }
    return build_page(
        request,
        title=title,
        description=view.summary.plain or heading,
        url_name="codes:detail",
        kwargs={"family": family, "slug": code.slug},
        translated=languages_with(code, MAIN_TEXTS),
        breadcrumbs=crumbs,
        og_type="article",
        json_ld=[
            tech_article(
                request,
                headline=heading,
                description=view.summary.plain,
                url=url,
                modified=code.updated_at,
                about=about,
            )
        ],
    )


# --- What frameworks call a code, and its history -------------------------------------------------

# One sentence per kind of event, whole, so that every language can order its words.
EVENT_SENTENCES = {
    "defined": gettext_lazy("Defined as “%(name)s” in %(document)s."),
    "renamed": gettext_lazy("Renamed “%(name)s” in %(document)s."),
    "moved": gettext_lazy("Specified in %(document)s, as “%(name)s”."),
    "deprecated": gettext_lazy("Deprecated by %(document)s."),
    "obsoleted": gettext_lazy("Marked obsolete by %(document)s."),
    "dropped": gettext_lazy("Left out of %(document)s, which replaced the document that defined it."),
    "reserved": gettext_lazy("Reserved as unused by %(document)s."),
    "registered_temporarily": gettext_lazy("Registered temporarily as “%(name)s”, citing %(document)s."),
    "expired": gettext_lazy("The temporary registration ended (%(document)s)."),
}


def event_sentence(event, *, link: bool = True) -> str:
    """The event in words in the active language; with ``link``, HTML with the document linked."""
    if link:
        document = format_html('<a href="{}">{}</a>', event.url, event.document)
        name = escape(event.name)
        return mark_safe(str(EVENT_SENTENCES[event.kind]) % {"name": name, "document": document})  # noqa: S308
    return str(EVENT_SENTENCES[event.kind]) % {"name": event.name, "document": event.document}


def version_range(constant) -> str:
    """ "3.5 to 3.11", "3.13 and later", "1.5.0 only", "as of main"; a range that starts at the oldest version
    read says so, since the name may be older still."""
    versions = constant.framework.versions
    if not constant.until and constant.since == versions[-1]:
        return _("as of %(version)s") % {"version": constant.since}
    if constant.since == versions[0] and len(versions) > 1:
        if constant.until == constant.since:
            return _("%(version)s, the oldest version read") % {"version": constant.since}
        if not constant.until:
            return _("every version read (%(since)s and later)") % {"since": constant.since}
        return _("up to %(until)s (oldest read: %(since)s)") % {
            "since": constant.since,
            "until": constant.until,
        }
    if not constant.until:
        return _("%(since)s and later") % {"since": constant.since}
    if constant.until == constant.since:
        return _("%(version)s only") % {"version": constant.since}
    return _("%(since)s to %(until)s") % {"since": constant.since, "until": constant.until}


@dataclass
class ConstantRow:
    name: str
    versions: str
    standing: str
    kind: str
    replaced_by: str
    source: str
    is_current: bool


@dataclass
class FrameworkRow:
    title: str
    slug: str
    versions_read: str
    rows: list[ConstantRow]
    snippet: str | None
    sources: str


def framework_rows(references) -> list[FrameworkRow]:
    result = []
    for entry in references.frameworks:
        rows = [
            ConstantRow(
                name=constant.name,
                versions=version_range(constant),
                standing=str(
                    _("Earlier name")
                    if constant.kind == "current" and constant.until
                    else constant.get_kind_display()
                ),
                kind=constant.kind,
                replaced_by=constant.replaced_by,
                source=f"{constant.source_repo} · {constant.source_path} · {constant.source_refs}",
                is_current=constant.is_current,
            )
            for constant in sorted(entry.constants, key=lambda c: (not c.is_current, -c.since_index, c.name))
        ]
        current = next((constant for constant in entry.constants if constant.is_current), None)
        versions = entry.framework.versions
        result.append(
            FrameworkRow(
                title=entry.framework.title,
                slug=entry.framework.slug,
                versions_read=f"{versions[0]}–{versions[-1]}" if len(versions) > 1 else versions[0],
                rows=rows,
                snippet=current.snippet if current else None,
                sources="; ".join(dict.fromkeys(row.source for row in rows)),
            )
        )
    return result


@dataclass
class TimelineRow:
    date: object
    precision: str
    iso: str
    sentence: str


def timeline_rows(references) -> list[TimelineRow]:
    return [
        TimelineRow(
            date=event.date,
            precision=event.precision,
            iso=event.date.isoformat() if event.precision == "day" else event.date.strftime("%Y-%m"),
            sentence=event_sentence(event),
        )
        for event in references.history
    ]


def unregistered_page(request, family: str, number: int) -> Page:
    """A number no code here has: never indexed, no language alternates."""
    page = build_page(
        request,
        title=_("HTTP %(number)s is not a registered status code") % {"number": number},
        description=_("%(number)s is not in the IANA registry; a client treats it as %(base)s.")
        % {"number": number, "base": number // 100 * 100},
        url_name="codes:detail",
        kwargs={"family": family, "slug": str(number)},
        translated=[],
        noindex=True,
        breadcrumbs=[
            home_crumb(),
            (str(number), reverse("codes:detail", kwargs={"family": family, "slug": str(number)})),
        ],
    )
    page.canonical = ""
    return page
