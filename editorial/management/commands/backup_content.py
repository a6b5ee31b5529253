from pathlib import Path

from django.core.management.base import BaseCommand

from editorial.backups import BACKED_UP, write_backup


class Command(BaseCommand):
    help = (
        "Write everything editors did to one file: codes, vendors, families and comparisons with their texts "
        "in every language, their history, and the users and groups. FILE: a name ending in .xml.gz "
        "(compressed) or .xml. restore_content loads it into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        write_backup(file)
        self.stdout.write(f"Wrote {', '.join(BACKED_UP)} to {file} ({file.stat().st_size:,} bytes).")
