"""Backups of everything editors did: the content with its texts in every language, its history, the
loader's memory of what it wrote and what editors deleted, and the accounts (users, groups, permissions).

A backup is Django's XML serialization of those models (gzip-compressed when the file name ends in
``.xml.gz``), with natural keys for content types and permissions so that it loads into any migrated
database; primary keys are kept, because the history refers to content and accounts by them. XML, not JSON:
Django's JSON encoder cuts times to milliseconds, and the times of the last saves are the content's version
(its ETags).
"""

import io
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from codes.models import StatusCode
from foundation.versions import mark_content_changed

# Everything an editor's work lives in. Sessions, login attempts and caches are left out: they are not work.
BACKED_UP = [
    "auth.group",
    "auth.user",
    "codes",
    "comparisons",
    "guide",
    "reversion",
    "admin.logentry",
]


SUFFIXES = (".xml", ".xml.gz")


def _check_name(path: Path) -> None:
    if not path.name.endswith(SUFFIXES):
        raise CommandError(f"Name the backup file *.xml.gz (compressed) or *.xml, not {path.name}.")


def write_backup(path: Path) -> None:
    _check_name(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    call_command(
        "dumpdata",
        *BACKED_UP,
        format="xml",
        natural_foreign=True,
        output=str(path),
        stdout=io.StringIO(),
    )


def restore_backup(path: Path) -> None:
    """Load a backup into an empty, migrated database; refuse one that already holds content or accounts."""
    _check_name(path)
    if not path.is_file():
        raise CommandError(f"No backup at {path}.")
    if StatusCode.objects.exists() or get_user_model().objects.exists():
        raise CommandError(
            "This database already holds content or accounts: a backup is restored into an empty one. "
            "Create a new database, run `python manage.py migrate` on it, then restore."
        )
    with transaction.atomic():
        call_command("loaddata", str(path), stdout=io.StringIO())
        # Pages cached for an earlier database must not be served for this one.
        mark_content_changed()
