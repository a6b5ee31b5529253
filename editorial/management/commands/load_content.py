from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from editorial.loader import ContentError, load_content


class Command(BaseCommand):
    help = (
        "Load the status codes, vendors and comparisons from the content files. Idempotent; all or "
        "nothing; never overwrites a text an editor changed in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            default=str(Path(settings.BASE_DIR) / "content"),
            help="Folder with the content files (default: content/ in the project).",
        )

    def handle(self, *args, path, **options):
        try:
            report = load_content(Path(path))
        except ContentError as error:
            problems = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"Nothing was loaded. The content has problems:\n{problems}") from None
        for label in report.created:
            self.stdout.write(f"created {label}", self.style.SUCCESS)
        for label in report.updated:
            self.stdout.write(f"updated {label}", self.style.SUCCESS)
        for label in report.kept:
            self.stdout.write(f"kept editor's change to {label}", self.style.WARNING)
        if report.changed:
            self.stdout.write(
                f"Loaded: {len(report.created)} created, {len(report.updated)} updated, "
                f"{len(report.kept)} editor changes kept."
            )
        else:
            self.stdout.write(
                f"No changes: the database already holds this content"
                f" ({len(report.kept)} editor changes kept)."
                if report.kept
                else "No changes: the database already holds this content."
            )
