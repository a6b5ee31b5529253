"""The guide's test content: a small guide over the test data set's codes."""

import shutil
from pathlib import Path

from django.conf import settings

CONTENT = Path(settings.BASE_DIR) / "content"
FIXTURE_CONTENT = Path(__file__).parent.parent / "fixtures" / "content"

# A small guide over the test data set's codes (202, 404, 451, 520): a first question, two follow-ups,
# one draft, answers to a code and to a curated and an assembled comparison. Texts in English and
# Indonesian, as in content/guide.yaml.
SMALL_GUIDE = """
family: http
steps:
  - slug: start
    start: true
    status: published
    texts:
      en: {question: "What happened?", help: "Pick the closest."}
      id: {question: "Apa yang terjadi?", help: "Pilih yang paling mendekati."}
    answers:
      - key: missing
        next: missing
        texts:
          en: {label: "The resource is not there"}
          id: {label: "Resource-nya tidak ada"}
      - key: later
        code: "202"
        rfc:
          section: RFC 9110 §15.3.3
          url: https://www.rfc-editor.org/rfc/rfc9110.html#section-15.3.3
          quote: >-
            The 202 (Accepted) status code indicates that the request has been accepted for
            processing, but the processing has not been completed.
        texts:
          en: {label: "The work finishes later", verdict: "Return **202**."}
          id: {label: "Pekerjaannya selesai nanti", verdict: "Kirim **202**."}
      - key: unfinished
        next: unfinished
        texts:
          en: {label: "A question still in draft"}
          id: {label: "Pertanyaan yang masih draf"}
  - slug: missing
    status: published
    texts:
      en: {question: "Why is it not there?"}
      id: {question: "Mengapa resource-nya tidak ada?"}
    answers:
      - key: legal
        code: "451"
        compare: "404"
        rfc:
          section: RFC 7725 §3
          url: https://www.rfc-editor.org/rfc/rfc7725.html#section-3
          quote: >-
            This status code indicates that the server is denying access to the resource as
            a consequence of a legal demand.
        texts:
          en: {label: "A court ordered it removed", verdict: "Return **451**."}
          id: {label: "Pengadilan memerintahkan penghapusannya", verdict: "Kirim **451**."}
      - key: cdn
        code: "520"
        compare: "202"
        rfc:
          section: RFC 9110 §15.3.3
          url: https://www.rfc-editor.org/rfc/rfc9110.html#section-15.3.3
          quote: >-
            The 202 (Accepted) status code indicates that the request has been accepted for
            processing, but the processing has not been completed.
        texts:
          en: {label: "The CDN says something odd", verdict: "Compare them."}
          id: {label: "CDN-nya menjawab aneh", verdict: "Bandingkan keduanya."}
  - slug: unfinished
    status: draft
    texts:
      en: {question: "Not ready yet?"}
    answers:
      - key: only
        code: "404"
        rfc:
          section: RFC 9110 §15.5.5
          url: https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5
          quote: >-
            The 404 (Not Found) status code indicates that the origin server did not find a
            current representation for the target resource or is not willing to disclose
            that one exists.
        texts:
          en: {label: "Yes", verdict: "Return **404**."}
"""


def content_with_guide(tmp_path: Path, guide: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    (root / "guide.yaml").write_text(guide, encoding="utf-8")
    return root
