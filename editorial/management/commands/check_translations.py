from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from editorial.content_files import ContentError, ContentSet
from editorial.translation_checks import check_text
from foundation.languages import translation_languages

SOURCE_LANGUAGE = "en"


def translation_findings(content: ContentSet, language: str):
    """(entry, field, finding) for every text of the content files in ``language``.

    Every code and published comparison with an English text needs its translation; comparison
    titles are checked only where the English has one (an empty title is built from the codes).
    """
    entries = [(f"family {family['slug']}", family["texts"]) for family in content.families]
    entries += [(f"code {family}/{slug}", code["texts"]) for (family, slug), code in content.codes.items()]
    entries += [
        (f"comparison {family}/{low}-vs-{high}", comparison["texts"])
        for (family, low, high), comparison in content.comparisons.items()
        if comparison["status"] == "published"
    ]
    for label, texts in entries:
        source = texts.get(SOURCE_LANGUAGE, {})
        translated = texts.get(language, {})
        for name, english in source.items():
            for finding in check_text(english, translated.get(name, ""), language):
                yield label, name, finding


class Command(BaseCommand):
    help = (
        "Check the content files' translations against their English source: missing texts, code spans, "
        "links, RFC references and numbers kept, Markdown structure, English left in, glossary terms."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "languages", nargs="*", help="Language codes (default: every language but English)."
        )
        parser.add_argument("--path", default=str(Path(settings.BASE_DIR) / "content"))
        parser.add_argument("--kind", action="append", help="Only findings of this kind (repeatable).")

    def handle(self, *args, languages, path, kind, **options):
        known = translation_languages()
        unknown = sorted(set(languages) - set(known))
        if unknown:
            raise CommandError(f"Unknown language {', '.join(unknown)}; choose from {', '.join(known)}.")
        try:
            content = ContentSet(Path(path))
        except ContentError as error:
            raise CommandError("The content files have problems:\n" + "\n".join(error.problems)) from None
        total = 0
        for language in languages or known:
            count = 0
            for label, name, finding in translation_findings(content, language):
                if kind and finding.kind not in kind:
                    continue
                count += 1
                self.stdout.write(f"{language} {label} {name}: {finding}")
            self.stdout.write(f"{language}: {count} findings", self.style.SUCCESS if not count else None)
            total += count
        if total:
            raise CommandError(f"{total} findings.")
