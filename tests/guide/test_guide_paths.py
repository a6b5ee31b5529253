"""The guide as a whole: from the first question every published question can be reached, none leads
nowhere or in circles, and every answer ends on a page that exists, in content/guide.yaml, in the loaded
database and on the site."""

import re

import pytest
from guide_helpers import CONTENT, SMALL_GUIDE, content_with_guide

from codes.models import StatusCode
from editorial.content_files import ContentError, ContentSet
from guide.checks import problems
from guide.selectors import guide_graph

# What the guide has to settle (400/422/415, 401/403/404, 404/410, 409/412/428, 429/503, 502/503/504,
# 301/302/303/307/308, 200/201/202/204).
COVERED = {
    "400", "422", "415", "401", "403", "404", "410", "409", "412", "428", "429", "503", "502", "504",
    "301", "302", "303", "307", "308", "200", "201", "202", "204",
}  # fmt: skip


def graph_of(content: ContentSet) -> dict:
    return {
        slug: {
            "start": step["is_start"],
            "published": step["status"] == "published",
            "answers": [
                {"key": key, "next": a["next"], "codes": [c for c in (a["code"], a["compare"]) if c]}
                for key, a in step["answers"].items()
            ],
        }
        for slug, step in content.guide.items()
    }


@pytest.fixture(scope="module")
def guide_file():
    return ContentSet(CONTENT)


def test_the_guide_file_has_no_dead_end_loop_unreachable_question_or_unknown_code(guide_file):
    known = {slug for _family, slug in guide_file.codes}
    assert guide_file.guide, "content/guide.yaml holds no question"
    assert problems(graph_of(guide_file), known_codes=known) == []


def test_the_guide_settles_every_dispute_it_promises(guide_file):
    reached = {
        c
        for step in guide_file.guide.values()
        for a in step["answers"].values()
        for c in (a["code"], a["compare"])
        if c
    }
    assert reached >= COVERED, sorted(COVERED - reached)


def test_every_answer_that_decides_quotes_an_rfc_section_with_its_link(guide_file):
    for slug, step in guide_file.guide.items():
        for key, answer in step["answers"].items():
            if answer["code"]:
                rfc = answer["values"]
                assert re.fullmatch(r"RFC \d{4} §[\d.]+", rfc["rfc_section"]), (slug, key)
                number = rfc["rfc_section"].split()[1]
                assert rfc["rfc_url"].startswith(f"https://www.rfc-editor.org/rfc/rfc{number}.html#section-")
                assert rfc["rfc_url"].endswith(rfc["rfc_section"].split("§")[1]), (slug, key)
                assert 40 <= len(rfc["rfc_quote"]) <= 300, (slug, key)


def step(answers, start=False, published=True):
    return {"start": start, "published": published, "answers": answers}


def leads(key, following=None, *codes):
    return {"key": key, "next": following, "codes": list(codes)}


GOOD = {
    "start": step([leads("a", "second"), leads("b", None, "404")], start=True),
    "second": step([leads("c", None, "410", "404")]),
}


def test_a_sound_guide_passes_the_checks():
    assert problems(GOOD, known_codes={"404", "410"}) == []


@pytest.mark.parametrize(
    ("guide", "expected"),
    [
        ({**GOOD, "second": step([])}, "question 'second' leads nowhere"),
        ({**GOOD, "second": step([leads("c")])}, "answer second/c leads nowhere"),
        ({**GOOD, "second": step([leads("c", "start")])}, "questions loop: start → second → start"),
        ({**GOOD, "third": step([leads("d", None, "404")])}, "question 'third' cannot be reached"),
        ({**GOOD, "second": step([leads("c", None, "499")])}, "leads to code '499', which does not exist"),
        (
            {**GOOD, "second": step([leads("c", "gone")])},
            "leads to question 'gone', which does not exist",
        ),
        (
            {
                **GOOD,
                "second": step([leads("c", "draft")]),
                "draft": step([leads("d", None, "404")], published=False),
            },
            "question 'second' leads nowhere: it has no answer a visitor sees",
        ),
        ({**GOOD, "start": step(GOOD["start"]["answers"])}, "exactly one published first question"),
    ],
)
def test_the_checks_catch_each_broken_guide(guide, expected):
    found = problems(guide, known_codes={"404", "410"})
    assert any(expected in problem for problem in found), found


def test_a_guide_file_that_loops_is_refused_with_the_reason(tmp_path):
    looping = SMALL_GUIDE.replace('        code: "451"\n        compare: "404"', "        next: start")
    with pytest.raises(ContentError) as refused:
        ContentSet(content_with_guide(tmp_path, looping))
    assert "questions loop: start → missing → start" in str(refused.value)


def test_a_guide_file_that_names_an_unknown_code_is_refused(tmp_path):
    with pytest.raises(ContentError) as refused:
        ContentSet(content_with_guide(tmp_path, SMALL_GUIDE.replace('code: "520"', 'code: "599"')))
    assert "leads to code '599', which does not exist" in str(refused.value)


def test_walking_every_link_of_the_loaded_guide_reaches_every_question_and_only_pages_that_exist(
    client, real_content, guide_file
):
    """From the first question, follow every answer: each leads to a page that answers 200 (a question,
    a code or a comparison), and every published question is reached."""
    start = "/en/which-code/"
    seen, todo, endings = {start}, [start], set()
    while todo:
        body = client.get(todo.pop()).content.decode()
        for href in re.findall(r'<p class="guide-label"><a href="([^"]+)"', body):
            if href in seen:
                continue
            seen.add(href)
            response = client.get(href)
            assert response.status_code == 200, href
            if href.startswith("/en/which-code/"):
                todo.append(href)
            else:
                endings.add(href)
    questions = {path for path in seen if path.startswith("/en/which-code/")}
    assert len(questions) == len(guide_file.guide)
    known = set(StatusCode.objects.values_list("slug", flat=True))
    assert problems(guide_graph(), known_codes=known) == []
    assert "/en/compare/http/400-vs-422/" in endings
    assert "/en/http/428/" in endings
