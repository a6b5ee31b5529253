import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from guide_helpers import CONTENT


@pytest.fixture
def real_content(db):
    call_command("load_content", path=str(CONTENT), stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _english_after_each_test():
    yield
    translation.activate(settings.LANGUAGE_CODE)
