"""The plan of the house: each app imports only from its own layer or the layers below, modules stay small
enough to read, and views stay thin.

Layers, lowest first: `foundation` (what every page and endpoint shares), `codes`, `comparisons`
(which builds on codes), `editorial` (the workflow over any content model), `front` (home, search,
sitemaps, API root) and `config` (wiring). A reference through `apps.get_model("app", …)` counts as an import.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LAYERS = ["foundation", "codes", "comparisons", "guide", "search", "editorial", "front", "config"]
MAX_MODULE_LINES = 400
MAX_VIEW_LINES = 30


def modules() -> list[Path]:
    found = []
    for top in [*LAYERS, "bench"]:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" not in path.parts:
                found.append(path)
    return found


def imported_apps(path: Path) -> set[tuple[str, int]]:
    """(app, line) for every app the module imports, by name or through apps.get_model()."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(ROOT).parts[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add((package if node.level else (node.module or "").split(".")[0], node.lineno))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add((node.args[0].value.split(".")[0], node.lineno))
    return {(app, line) for app, line in found if app in LAYERS}


def upward_imports(paths) -> list[str]:
    problems = []
    for path in paths:
        app = path.relative_to(ROOT).parts[0]
        if app not in LAYERS:
            continue
        for imported, line in sorted(imported_apps(path)):
            if LAYERS.index(imported) > LAYERS.index(app):
                problems.append(f"{path.relative_to(ROOT)}:{line} ({app}) imports {imported}")
    return problems


def test_no_app_imports_from_a_layer_above_it():
    problems = upward_imports(modules())
    assert not problems, "\n".join(problems)


def test_the_check_catches_an_upward_import(tmp_path, monkeypatch):
    fake_root = tmp_path
    (fake_root / "codes").mkdir()
    module = fake_root / "codes" / "views.py"
    module.write_text('from comparisons.views import thing\nCmp = apps.get_model("editorial", "X")\n')
    monkeypatch.setattr(f"{__name__}.ROOT", fake_root)
    assert upward_imports([module]) == [
        "codes/views.py:1 (codes) imports comparisons",
        "codes/views.py:2 (codes) imports editorial",
    ]


def test_modules_stay_readable():
    long = []
    for path in modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not long, "\n".join(long)


def view_functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    yield f"{node.name}.{item.name}", item


@pytest.mark.parametrize("path", [p for p in modules() if p.name == "views.py"], ids=str)
def test_views_stay_thin(path):
    fat = [
        f"{name}: {node.end_lineno - node.lineno + 1} lines"
        for name, node in view_functions(path)
        if node.end_lineno - node.lineno + 1 > MAX_VIEW_LINES
    ]
    assert not fat, f"{path.relative_to(ROOT)}: " + ", ".join(fat)
