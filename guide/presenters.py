"""The guide as its pages show it: each question and its answers in the page's language, where each
answer leads, and the page's title, languages and breadcrumbs."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from comparisons.models import pair_slug
from comparisons.presenters import default_title
from foundation.completeness import field_filled
from foundation.languages import LANGUAGE_CODES, SOURCE_LANGUAGE
from foundation.seo import Page, build_page
from foundation.texts import Text, localized

from .models import Answer, Step


@dataclass(frozen=True)
class AnswerView:
    answer: Answer
    label: Text
    verdict: Text
    url: str
    kind: str  # "step", "code" or "comparison"
    target: str  # "422 Unprocessable Content", "401 Unauthorized vs 403 Forbidden" or the next question

    @property
    def decides(self) -> bool:
        return self.kind != "step"


def answer_target(answer: Answer) -> tuple[str, str, str]:
    """(kind, url, name) of where an answer leads."""
    if answer.next_step_id is not None:
        return "step", answer.next_step.get_absolute_url(), localized(answer.next_step, "question").plain
    code, other = answer.code, answer.other_code
    if other is None:
        return "code", code.get_absolute_url(), f"{code.number} {code.phrase}"
    url = reverse("comparisons:detail", kwargs={"family": code.family.slug, "pair": pair_slug(code, other)})
    return "comparison", url, default_title(code, other)


def present_answer(answer: Answer) -> AnswerView:
    kind, url, target = answer_target(answer)
    return AnswerView(answer, localized(answer, "label"), localized(answer, "verdict"), url, kind, target)


@dataclass
class StepView:
    step: Step
    question: Text
    help: Text
    answers: list[AnswerView]
    asked_before: list[tuple[Text, str]]

    @property
    def fell_back(self) -> bool:
        return self.question.fell_back or any(a.label.fell_back or a.verdict.fell_back for a in self.answers)


def present_step(step: Step, asked_before=()) -> StepView:
    return StepView(
        step,
        localized(step, "question"),
        localized(step, "help"),
        [present_answer(answer) for answer in step.answers.all()],
        [(localized(s, "question"), s.get_absolute_url()) for s in asked_before],
    )


def languages_written(step: Step) -> list[str]:
    """Languages in which the question and every answer are written: only those are indexed."""
    answers = list(step.answers.all())
    return [
        lang
        for lang in LANGUAGE_CODES
        if lang == SOURCE_LANGUAGE
        or (
            field_filled(step, "question", lang)
            and all(
                field_filled(answer, name, lang)
                for answer in answers
                for name in Answer.TEXT_FIELDS
                if field_filled(answer, name, SOURCE_LANGUAGE)
            )
        )
    ]


def guide_title() -> str:
    return _("Which status code should my API return?")


def step_page(request, view: StepView) -> Page:
    step = view.step
    start = reverse("guide:start")
    crumbs = [(_("Home"), reverse("front:home")), (guide_title(), start)]
    if not step.is_start:
        crumbs.append((view.question.plain, step.get_absolute_url()))
    return build_page(
        request,
        title=guide_title() if step.is_start else view.question.plain,
        description=view.help.plain
        or _(
            "Answer a few questions and get the status code the RFCs call for, "
            "with the sentence that decides it."
        ),
        url_name="guide:start" if step.is_start else "guide:step",
        kwargs=None if step.is_start else {"slug": step.slug},
        translated=languages_written(step),
        breadcrumbs=crumbs,
    )
