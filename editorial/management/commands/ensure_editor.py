import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure an editor can log in to the admin: create the account if it does not exist. "
        "Username from ATLAS_EDITOR_USERNAME (default “editor”), password from ATLAS_EDITOR_PASSWORD "
        "(default: a random one, printed once)."
    )

    def handle(self, *args, **options):
        username = os.environ.get("ATLAS_EDITOR_USERNAME", "editor")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Editor account “{username}” exists. Forgot the password? "
                f"Run: python manage.py changepassword {username}"
            )
            return
        password = os.environ.get("ATLAS_EDITOR_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        shown = "(from ATLAS_EDITOR_PASSWORD)" if os.environ.get("ATLAS_EDITOR_PASSWORD") else password
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the editor account. Log in at http://127.0.0.1:8000/admin/ "
                f"as “{username}” with password {shown}"
            )
        )
