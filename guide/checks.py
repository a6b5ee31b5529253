"""What makes a decision guide usable: one first question, every published question reachable from it,
every published question with an answer a visitor sees, every answer leading somewhere that exists, and
no way round in circles. An answer towards a draft question is hidden until the draft is published.

A guide is read as ``{slug: {"start": bool, "published": bool, "answers": [{"key", "next", "codes"}]}}``
(selectors.guide_graph() from the database, the content loader from content/guide.yaml), so the files
and the database are held to the same rules.
"""


def problems(steps: dict, *, known_codes: set[str]) -> list[str]:
    found = []
    published = {slug for slug, step in steps.items() if step["published"]}
    starts = [slug for slug in published if steps[slug]["start"]]
    if len(starts) != 1:
        found.append(f"the guide needs exactly one published first question, it has {len(starts)}")
    for slug in sorted(published):
        answers = steps[slug]["answers"]
        # An answer towards a draft question is not shown until that question is published.
        shown = [a for a in answers if a["next"] is None or a["next"] not in steps or a["next"] in published]
        if not shown:
            found.append(f"question {slug!r} leads nowhere: it has no answer a visitor sees")
        for answer in answers:
            where = f"answer {slug}/{answer['key']}"
            if answer["next"] is None and not answer["codes"]:
                found.append(f"{where} leads nowhere")
            elif answer["next"] is not None and answer["next"] not in steps:
                found.append(f"{where} leads to question {answer['next']!r}, which does not exist")
            for code in answer["codes"]:
                if code not in known_codes:
                    found.append(f"{where} leads to code {code!r}, which does not exist")
    edges = {
        slug: [a["next"] for a in steps[slug]["answers"] if a["next"] in published] for slug in published
    }
    found += [f"questions loop: {' → '.join(cycle)}" for cycle in _cycles(edges, first=starts[:1])]
    if len(starts) == 1:
        reached = _reachable(edges, starts[0])
        found += [
            f"question {slug!r} cannot be reached from the first question"
            for slug in sorted(published - reached)
        ]
    return found


def _reachable(edges: dict, start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for following in edges[todo.pop()]:
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return seen


def _cycles(edges: dict, first: list[str]) -> list[list[str]]:
    """Loops among the questions (depth-first from the first question, then from any other)."""
    state: dict[str, int] = {}
    cycles = []

    def visit(slug, path):
        state[slug] = 1
        for following in edges[slug]:
            if state.get(following) == 1:
                cycles.append([*path[path.index(following) :], following])
            elif following not in state:
                visit(following, [*path, following])
        state[slug] = 2

    for slug in [*first, *sorted(edges)]:
        if slug not in state:
            visit(slug, [slug])
    return cycles
