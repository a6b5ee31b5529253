"""The W3C Nu HTML Checker (vnu.jar from npm, run with the machine's Java) finds no error in the home, code,
comparison and search pages in English, Indonesian and Arabic, as the test server sends them."""

from browser_helpers import page_urls, server_html


def errors_of(messages: list[dict]) -> list[str]:
    return [
        f"line {message.get('lastLine')}: {message['message']} [{message.get('extract', '').strip()}]"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]


def test_pages_are_valid_html(site, vnu, tmp_path):
    paths = {}
    for name, path in page_urls():
        file = tmp_path / f"{name}.html"
        file.write_text(server_html(site.url, path), encoding="utf-8")
        paths[file] = path
    # A planted mistake in the same run shows that the checker really reads the files.
    planted = tmp_path / "planted.html"
    planted.write_text('<!doctype html><html lang="en"><title>x</title><p id="a" id="a">', encoding="utf-8")
    reports = vnu([*paths, planted])
    assert errors_of(reports[str(planted)]), "vnu found nothing wrong in a page with a doubled attribute"
    errors = [
        f"{paths[file]} {error}"
        for file in paths
        for error in errors_of(reports.get(str(file), [{"type": "error", "message": "not checked"}]))
    ]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)
