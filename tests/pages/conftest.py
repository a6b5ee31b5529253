import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from foundation.versions import content_changed_at


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages():
    """Compile the interface translations when a .po is newer than its .mo (as `make messages` does)."""
    catalogues = Path(settings.BASE_DIR).glob("**/locale/*/LC_MESSAGES/django.po")
    catalogues = [path for path in catalogues if ".venv" not in path.parts]
    stale = [
        path
        for path in catalogues
        if not path.with_suffix(".mo").exists()
        or path.with_suffix(".mo").stat().st_mtime < path.stat().st_mtime
    ]
    if stale and shutil.which("msgfmt"):
        call_command("compilemessages", ignore_patterns=[".venv"], verbosity=0)


@pytest.fixture(autouse=True)
def _english_after_each_test():
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def warm(content):
    """The content version is cached (as on a running site), so query counts show the page's own reads."""
    content_changed_at()
