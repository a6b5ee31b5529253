"""The lock file is in step: every dependency of pyproject.toml (with the test and bench extras) is pinned in
requirements.lock within its range, and what is installed in the environment is exactly what the lock pins.

Run with the project's interpreter: .venv/bin/python .ci/check_lock.py
"""

import sys
import tomllib
from importlib.metadata import distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pins() -> dict[str, str]:
    found = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, _, version = line.split(" ")[0].partition("==")
            found[canonicalize_name(name)] = version
    return found


def main() -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"]]
    for extra in ("test", "bench"):
        wanted += project["optional-dependencies"][extra]
    locked = pins()
    problems = []
    for text in wanted:
        requirement = Requirement(text)
        version = locked.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name} is not in requirements.lock")
        elif version not in requirement.specifier:
            problems.append(
                f"{requirement.name}=={version} in requirements.lock is outside {requirement.specifier}"
            )
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    for name, version in sorted(installed.items()):
        if name in {"pip", "setuptools", "wheel"} and name not in locked:
            continue
        if locked.get(name) != version:
            problems.append(f"installed {name}=={version}, locked {locked.get(name, 'nothing')}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("Run: make lock (after changing pyproject.toml), then make install.", file=sys.stderr)
        return 1
    print(f"requirements.lock: {len(locked)} pinned with hashes; the environment holds exactly those.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
