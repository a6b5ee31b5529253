from pathlib import Path

from django.core.management.base import BaseCommand

from editorial.backups import restore_backup


class Command(BaseCommand):
    help = (
        "Restore a file written by backup_content into an empty database (created and migrated beforehand). "
        "A database that already holds content or accounts is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        restore_backup(file)
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
