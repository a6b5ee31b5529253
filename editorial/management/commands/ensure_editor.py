import io
import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial.roles import EDITORS


class Command(BaseCommand):
    help = (
        "Make sure an editor can log in to the admin: create the account if it does not exist, as a staff "
        "member of the group “Editors” (not a superuser). Username from ATLAS_EDITOR_USERNAME (default "
        "“editor”), password from ATLAS_EDITOR_PASSWORD (checked like any password; default: a random one, "
        "printed once)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        username = os.environ.get("ATLAS_EDITOR_USERNAME", "editor")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Editor account “{username}” exists. Forgot the password? "
                f"Run: python manage.py changepassword {username}"
            )
            return
        given = os.environ.get("ATLAS_EDITOR_PASSWORD")
        password = given or secrets.token_urlsafe(12)
        user = User(username=username, is_staff=True)
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            raise CommandError("ATLAS_EDITOR_PASSWORD is refused: " + " ".join(error.messages)) from None
        user.set_password(password)
        user.save()
        call_command("create_editorial_groups", stdout=io.StringIO())
        user.groups.add(Group.objects.get(name=EDITORS))
        shown = "(from ATLAS_EDITOR_PASSWORD)" if given else password
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the editor account. Log in at http://127.0.0.1:8000/admin/ "
                f"as “{username}” with password {shown}"
            )
        )
