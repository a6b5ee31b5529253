import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def site_content(django_db_setup, django_db_blocker):
    """The site's real content (content/), loaded once for a module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
