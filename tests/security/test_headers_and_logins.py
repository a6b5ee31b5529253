import pytest

pytestmark = pytest.mark.django_db


def login(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "ed", "password": password})


def test_repeated_failed_admin_logins_are_throttled(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200
    assert login(client, "wrong").status_code == 429
    # Now even the right password is refused for a while.
    response = login(client, "pw-for-tests-only")
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_a_successful_login_resets_the_count(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong")
    assert login(client, "pw-for-tests-only").status_code == 302
    client.logout()
    assert login(client, "wrong").status_code == 200


def test_security_headers_on_the_admin(client):
    response = client.get("/admin/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_api_docs_need_no_inline_code(client):
    response = client.get("/api/docs/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<style" not in body
    assert "<script>" not in body
    assert "unsafe-inline" not in response["Content-Security-Policy"]
