"""Browser tests: Playwright (from PyPI) driving Debian's Chromium against pytest-django's live server.

No browser is ever downloaded: Playwright starts the machine's /usr/bin/chromium (or $ATLAS_CHROMIUM).
Where Chromium, Java or vnu.jar is missing the tests are skipped with the reason, except under CI=true,
where they fail: a CI run must never pass with them left out.
"""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from browser_helpers import DESKTOP, STAFF_LOGIN_PW
from django.conf import settings
from django.core.management import call_command

CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VNU_JAR = Path(__file__).parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages_for_browser_tests():
    """The pages speak Indonesian and Arabic only with compiled catalogues (`make test` compiles them too)."""
    catalogues = [
        path
        for path in Path(settings.BASE_DIR).glob("**/locale/*/LC_MESSAGES/django.po")
        if not {".venv", "node_modules"} & set(path.parts)
    ]
    stale = [
        path
        for path in catalogues
        if not path.with_suffix(".mo").exists()
        or path.with_suffix(".mo").stat().st_mtime < path.stat().st_mtime
    ]
    if stale and shutil.which("msgfmt"):
        call_command("compilemessages", ignore_patterns=[".venv", "node_modules"], verbosity=0)


def missing(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


# One browser per test module: the event loop it brings must be gone before any other test directory runs.
@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        missing(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set ATLAS_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed: pip install -e '.[test]'")
    # Playwright's sync API keeps an event loop running in this thread while the browser is open, and
    # Django's ORM refuses to run beside one unless told it is on purpose: only while these tests run.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser, live_server):
    """Opens pages in fresh browser contexts (own cookies), closed after the test."""
    contexts = []

    def open_page(*, viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, base_url=live_server.url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def site(live_server, content):
    """The small test data set, served by the live server."""
    return live_server


@pytest.fixture
def staff(db, django_user_model):
    """Creates staff users with a password (they log in through the form) in their editorial group."""
    call_command("create_editorial_groups", stdout=io.StringIO())

    def create(username, *, role, languages=""):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", STAFF_LOGIN_PW, is_staff=True
        )
        if role == "editor":
            call_command("create_editorial_groups", editor=username, stdout=io.StringIO())
        else:
            call_command(
                "create_editorial_groups", translator=username, languages=languages, stdout=io.StringIO()
            )
        return user

    return create


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where the tests leave screenshots to look at: $ATLAS_SCREENSHOTS, else a temporary folder."""
    folder = os.environ.get("ATLAS_SCREENSHOTS")
    if not folder:
        return tmp_path_factory.mktemp("screenshots")
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def vnu():
    """The W3C Nu HTML Checker: checks files in one Java run, returns its messages per file."""
    java = shutil.which("java")
    if not java:
        missing("java is not installed: apt-get install openjdk-17-jre-headless")
    if not VNU_JAR.exists():
        missing(f"vnu.jar is missing at {VNU_JAR}: run `npm ci --ignore-scripts --prefix tests/browser`")

    def check(files: list[Path]) -> dict[str, list[dict]]:
        result = subprocess.run(
            [java, "-jar", str(VNU_JAR), "--format", "json", *map(str, files)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        # The JSON report goes to stderr; the exit code is 1 when there are errors.
        report = json.loads(result.stderr)
        by_file: dict[str, list[dict]] = {str(path): [] for path in files}
        for message in report["messages"]:
            by_file.setdefault(message.get("url", "").removeprefix("file:"), []).append(message)
        return by_file

    return check
