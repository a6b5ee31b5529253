"""The release fingerprint that page ETags and cache keys carry."""

import pytest

from foundation.caching import _cached_fingerprint, _fingerprint


@pytest.fixture
def static_root_elsewhere(settings, tmp_path):
    manifest = tmp_path / "staticfiles.json"
    manifest.write_text('{"paths": {"css/site.css": "css/site.1a2b3c.css"}}')
    settings.STATIC_ROOT = tmp_path
    _cached_fingerprint.cache_clear()
    yield manifest
    _cached_fingerprint.cache_clear()


def test_new_static_files_outside_the_project_change_the_fingerprint(static_root_elsewhere):
    before = _fingerprint()
    static_root_elsewhere.write_text('{"paths": {"css/site.css": "css/site.4d5e6f.css"}}')
    assert _fingerprint() != before


@pytest.mark.django_db
def test_cached_pages_work_with_static_root_outside_the_project(
    client, content, settings, static_root_elsewhere
):
    # Broke: with DEBUG off and STATIC_ROOT outside the project, every cached page answered 500.
    settings.DEBUG = False
    assert client.get("/en/http/202/").status_code == 200
