import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from guide_helpers import CONTENT, SMALL_GUIDE, content_with_guide

from foundation.versions import content_changed_at


@pytest.fixture
def small_guide(db, tmp_path):
    """The test data set with SMALL_GUIDE, the content version known (query counts show a page's own)."""
    call_command("load_content", path=str(content_with_guide(tmp_path, SMALL_GUIDE)), stdout=io.StringIO())
    content_changed_at()


@pytest.fixture
def real_content(db):
    call_command("load_content", path=str(CONTENT), stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _english_after_each_test():
    yield
    translation.activate(settings.LANGUAGE_CODE)
