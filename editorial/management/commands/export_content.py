from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from editorial.content_export import export_content


class Command(BaseCommand):
    help = (
        "Write the database's content (codes, vendors, families, comparisons, texts in every language) as "
        "content/ YAML files into FOLDER, in the files and order of content/, to review and version what "
        "editors wrote. load_content of that folder changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--like",
            type=Path,
            default=Path(settings.BASE_DIR) / "content",
            help="The content folder whose files and order to follow (default: content/ in the project).",
        )

    def handle(self, *args, folder: Path, like: Path, **options):
        if folder.exists() and any(folder.iterdir()):
            raise CommandError(f"{folder} is not empty: give a new or empty folder.")
        written = export_content(folder, like=like)
        self.stdout.write(f"Wrote {len(written)} files under {folder}.")
