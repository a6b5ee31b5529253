"""Every text of the content files exists in every language, keeps what its English source must keep,
reads as its own language and uses the language's glossary; and the checks tell a bad translation from a
good one."""

import io
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from editorial.content_files import ContentSet
from editorial.management.commands.check_translations import translation_findings
from editorial.translation_checks import check_text, glossary_path, load_glossary

CONTENT = Path(settings.BASE_DIR) / "content"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
# Indonesian texts live beside the English ones; the others in content/i18n/, each with a glossary.
WITH_GLOSSARY = [code for code in TRANSLATED if code != "id"]


@pytest.fixture(scope="module")
def content():
    return ContentSet(CONTENT)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_is_written_in_the_language_and_keeps_its_source(content, language):
    findings = [f"{label} {name}: {item}" for label, name, item in translation_findings(content, language)]
    assert not findings, f"{len(findings)} findings, e.g.\n" + "\n".join(findings[:15])


@pytest.mark.parametrize("language", WITH_GLOSSARY)
def test_each_language_has_a_glossary_of_its_terms(language):
    doc = yaml.safe_load(glossary_path(language).read_text(encoding="utf-8"))
    glossary = load_glossary(language)
    assert doc["language"] == language
    assert len(glossary.terms) >= 25
    english = [term.english.lower() for term in glossary.terms]
    for word in ("request", "response", "header", "cache", "proxy", "client", "server", "timeout"):
        assert any(word in entry for entry in english), word


SOURCE = (
    "The server MUST send `WWW-Authenticate` with the 401 (RFC 9110, Section 15.5.2); see "
    "https://www.rfc-editor.org/rfc/rfc9110.html for the details.\n\n- First point.\n- Second point."
)
GOOD_DE = (
    "Der Server MUSS mit der 401 den Header `WWW-Authenticate` senden (RFC 9110, Section 15.5.2); "
    "Einzelheiten stehen unter https://www.rfc-editor.org/rfc/rfc9110.html.\n\n"
    "- Erster Punkt.\n- Zweiter Punkt."
)


def kinds(findings) -> set[str]:
    return {finding.kind for finding in findings}


def test_a_faithful_translation_passes_the_checks():
    assert check_text(SOURCE, GOOD_DE, "de") == []


@pytest.mark.parametrize(
    ("translation", "kind"),
    [
        ("", "missing"),
        (GOOD_DE.replace("`WWW-Authenticate`", "WWW-Authenticate"), "code"),
        (GOOD_DE.replace("https://www.rfc-editor.org/rfc/rfc9110.html", "der RFC"), "url"),
        (GOOD_DE.replace("(RFC 9110, Section 15.5.2)", "(Abschnitt 15.5.2)").replace("rfc9110", "x"), "rfc"),
        (GOOD_DE.replace("mit der 401 ", ""), "number"),
        (GOOD_DE.replace("\n- Zweiter Punkt.", " Zweiter Punkt."), "markdown"),
        (SOURCE, "identical"),
    ],
)
def test_each_check_catches_what_it_is_for(translation, kind):
    assert kind in kinds(check_text(SOURCE, translation, "de"))


def test_a_paragraph_left_in_english_is_caught():
    source = "First paragraph.\n\nSecond paragraph."
    translation = (
        "Der erste Absatz ist übersetzt und liest sich wie ein deutscher Text über Server.\n\n"
        "The second paragraph was left in English and tells the reader what the server does."
    )
    assert kinds(check_text(source, translation, "de")) == {"english"}


def test_a_quoted_server_message_is_not_counted_as_english():
    source = 'Apache says "You don\'t have permission to access this resource" when a file is unreadable.'
    translation = (
        'Apache meldet "You don\'t have permission to access this resource", wenn eine Datei für den '
        "Webserver-Benutzer nicht lesbar ist."
    )
    assert check_text(source, translation, "de") == []


def test_a_rejected_glossary_term_is_caught_outside_code_spans():
    glossary = load_glossary("fr")
    term = next(term for term in glossary.terms if term.avoid)
    text = f"Le serveur renvoie {term.avoid[0]} dans ce cas, avec `{term.avoid[0]}` dans le code."
    findings = check_text("The server returns it in this case, with `code`.", text, "fr", glossary=glossary)
    assert "glossary" in kinds(findings)
    clean = text.replace(f" {term.avoid[0]} ", f" {term.use} ", 1)
    clean_findings = check_text("The server returns it, with `x`.", clean, "fr", glossary=glossary)
    assert "glossary" not in kinds(clean_findings)


def test_check_translations_command_reports_and_fails_on_findings(tmp_path):
    root = tmp_path / "content"
    root.mkdir()
    for name in ("families.yaml", "vendors.yaml"):
        (root / name).write_text((CONTENT / name).read_text(encoding="utf-8"), encoding="utf-8")
    (root / "codes").mkdir()
    (root / "codes" / "http-2xx.yaml").write_text(
        (CONTENT / "codes" / "http-2xx.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (root / "comparisons").mkdir()
    (root / "i18n").mkdir()
    out = io.StringIO()
    with pytest.raises(Exception, match="findings"):
        call_command("check_translations", "de", path=str(root), stdout=out)
    assert "missing: no translation yet" in out.getvalue()
