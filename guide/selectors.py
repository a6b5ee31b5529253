"""Reads of the decision guide, shared by the pages, the API, the sitemap and the checks."""

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from .models import Answer, Step


def shown_answers() -> QuerySet[Answer]:
    """Answers as visitors see them: those leading to a draft question are left out."""
    return (
        Answer.objects.filter(Q(next_step__isnull=True) | Q(next_step__status=Step.Status.PUBLISHED))
        .select_related("next_step", "code__family", "other_code__family")
        .order_by("position", "key")
    )


def published_steps() -> QuerySet[Step]:
    """Published questions, each with its shown answers (two queries however many there are)."""
    return Step.objects.published().prefetch_related(Prefetch("answers", queryset=shown_answers()))


def get_step(*, slug: str | None = None) -> Step:
    """A published question with its answers; without ``slug``, the first question."""
    lookup = {"is_start": True} if slug is None else {"slug": slug}
    step = published_steps().filter(**lookup).first()
    if step is None:
        raise Http404("No such question in the guide." if slug else "The guide has no first question yet.")
    return step


def steps_leading_to(step: Step) -> QuerySet[Step]:
    """The published questions with an answer that leads to ``step``."""
    return Step.objects.published().filter(answers__next_step=step).distinct().order_by("position", "slug")


def published_for_sitemap() -> list[dict]:
    return list(
        Step.objects.published().order_by("position", "slug").values("slug", "is_start", "updated_at")
    )


def guide_graph() -> dict:
    """Every question, published or not, as checks.problems() reads a guide: its answers' targets."""
    steps = {
        row["slug"]: {
            "start": row["is_start"],
            "published": row["status"] == Step.Status.PUBLISHED,
            "answers": [],
        }
        for row in Step.objects.values("slug", "is_start", "status")
    }
    rows = Answer.objects.order_by("position", "key").values(
        "key",
        step_slug=F("step__slug"),
        next_slug=F("next_step__slug"),
        code_slug=F("code__slug"),
        other_slug=F("other_code__slug"),
    )
    for row in rows:
        steps[row["step_slug"]]["answers"].append(
            {
                "key": row["key"],
                "next": row["next_slug"],
                "codes": [slug for slug in (row["code_slug"], row["other_slug"]) if slug],
            }
        )
    return steps
