import json

from django.core.management.base import BaseCommand
from django.test import Client

from foundation.api.examples import EXAMPLES_FILE, record


class Command(BaseCommand):
    help = "Record the API schema's examples from this database (load the published content first)."

    def handle(self, *args, **options):
        answers = record(Client(REMOTE_ADDR="127.0.0.1"))
        EXAMPLES_FILE.write_text(json.dumps(answers, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        self.stdout.write(f"{len(answers)} examples written to {EXAMPLES_FILE}")
