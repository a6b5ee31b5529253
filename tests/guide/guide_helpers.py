"""The guide's test content: the real content files, and the test data set with a guide of one's own."""

import shutil
from pathlib import Path

from django.conf import settings

CONTENT = Path(settings.BASE_DIR) / "content"
TESTS = Path(__file__).parent.parent
SMALL_GUIDE = (TESTS / "fixtures" / "guide.yaml").read_text(encoding="utf-8")


def content_with_guide(tmp_path: Path, guide: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(TESTS / "fixtures" / "content", root)
    (root / "guide.yaml").write_text(guide, encoding="utf-8")
    return root
