"""The framework constants of content/constants/ agree with themselves: a name to use instead is a name the
library really has for the same code in the same versions."""

import copy
from pathlib import Path

import pytest
from django.conf import settings

from editorial.content_files import ContentSet

CONTENT = Path(settings.BASE_DIR) / "content"


@pytest.fixture(scope="module")
def frameworks():
    return ContentSet(CONTENT).frameworks


def replacement_problems(frameworks) -> list[str]:
    """Each `replaced_by` names a current constant of the same code whose range covers the replaced name's."""
    found = []
    for framework in frameworks:
        for row in framework["constants"]:
            if not row["replaced_by"]:
                continue
            covering = [
                other
                for other in framework["constants"]
                if other["code"] == row["code"]
                and other["name"] == row["replaced_by"]
                and other["kind"] == "current"
                and other["since_index"] <= row["since_index"]
                and other["until_index"] >= row["until_index"]
            ]
            if not covering:
                versions = f"{row['since']}–{row['until'] or 'now'}"
                found.append(
                    f"{framework['slug']}: {row['name']} ({row['code']}, {versions}) is replaced by "
                    f"{row['replaced_by']}, which is not its current name over those versions"
                )
    return found


def test_every_name_to_use_instead_is_the_current_name_of_the_same_code_then(frameworks):
    assert replacement_problems(frameworks) == []


def test_a_replacement_the_library_does_not_have_is_caught(frameworks):
    broken = copy.deepcopy(frameworks)
    python = next(framework for framework in broken if framework["slug"] == "python")
    alias = next(
        row for row in python["constants"] if row["name"] == "UNPROCESSABLE_ENTITY" and row["replaced_by"]
    )
    alias["replaced_by"] = "UNPROCESSABLE_REQUEST"
    assert replacement_problems(broken) == [
        "python: UNPROCESSABLE_ENTITY (422, 3.13–now) is replaced by UNPROCESSABLE_REQUEST, "
        "which is not its current name over those versions"
    ]


def test_python_keeps_the_old_names_as_aliases_of_the_rfc_9110_names_from_3_13(frameworks):
    python = next(framework for framework in frameworks if framework["slug"] == "python")
    rows = {(row["code"], row["name"]): row for row in python["constants"] if row["until"] == ""}
    for code, old, new in [
        ("413", "REQUEST_ENTITY_TOO_LARGE", "CONTENT_TOO_LARGE"),
        ("414", "REQUEST_URI_TOO_LONG", "URI_TOO_LONG"),
        ("416", "REQUESTED_RANGE_NOT_SATISFIABLE", "RANGE_NOT_SATISFIABLE"),
        ("422", "UNPROCESSABLE_ENTITY", "UNPROCESSABLE_CONTENT"),
    ]:
        assert (rows[(code, old)]["kind"], rows[(code, old)]["since"], rows[(code, old)]["replaced_by"]) == (
            "alias",
            "3.13",
            new,
        )
        assert (rows[(code, new)]["kind"], rows[(code, new)]["since"]) == ("current", "3.13")
