"""A code as the pages show it: its texts in the page's language and the facts in words."""

from dataclasses import dataclass, field

from django.urls import reverse
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
