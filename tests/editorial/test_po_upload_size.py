"""A PO upload over 5 MB is refused by its size, before anything reads it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from editorial import translation_admin
from editorial.po_exchange import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.django_db


def test_an_oversized_po_file_is_refused_without_being_read(editor_client, content, monkeypatch):
    parsed = []
    monkeypatch.setattr(translation_admin, "parse_po", lambda data: parsed.append(len(data)))
    big = SimpleUploadedFile(
        "de.po", b"#" * (MAX_UPLOAD_BYTES + 1), content_type="text/x-gettext-translation"
    )
    response = editor_client.post("/admin/codes/translationstatus/de/import/", {"po_file": big})
    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()
    assert "Nothing was imported." in response.content.decode()
    assert parsed == []
