from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from codes.models import TranslatorLanguage
from editorial.roles import EDITOR_PERMISSIONS, EDITORS, ROLE_SETTINGS, TRANSLATOR_PERMISSIONS, TRANSLATORS
from foundation.languages import translation_languages


def permissions_for(spec) -> list[Permission]:
    wanted = [
        (app_label, f"{action}_{model}")
        for app_label, models in spec.items()
        for model, actions in models.items()
        for action in actions
    ]
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _app, codename in wanted]
        )
    }
    missing = [f"{app}.{codename}" for app, codename in wanted if (app, codename) not in found]
    if missing:
        raise CommandError(f"Permissions missing (run migrate first): {', '.join(missing)}")
    return [found[key] for key in wanted]


class Command(BaseCommand):
    help = (
        "Create (or bring up to date) the groups “Editors” (everything) and “Translators” (only their "
        "languages' texts). With --translator USERNAME --languages de,fr: make that user a translator of "
        "those languages. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--translator", help="Username of a staff account to make a translator.")
        parser.add_argument("--languages", default="", help="Comma-separated language codes, e.g. de,fr.")
        parser.add_argument("--editor", help="Username of a staff account to put in the Editors group.")

    @transaction.atomic
    def handle(self, *args, translator=None, languages="", editor=None, **options):
        for name, spec in ((EDITORS, EDITOR_PERMISSIONS), (TRANSLATORS, TRANSLATOR_PERMISSIONS)):
            group, created = Group.objects.get_or_create(name=name)
            # The role settings editors tick in the admin (publishing without review) stay as they are.
            settings_kept = group.permissions.filter(
                content_type__app_label="editorial", codename__in=ROLE_SETTINGS
            )
            group.permissions.set([*permissions_for(spec), *settings_kept])
            self.stdout.write(f"{'Created' if created else 'Updated'} the group “{name}”.")
        User = get_user_model()
        if editor:
            user = self._user(User, editor)
            user.groups.add(Group.objects.get(name=EDITORS))
            self.stdout.write(self.style.SUCCESS(f"“{editor}” is an editor."))
        if translator:
            codes = [code.strip() for code in languages.split(",") if code.strip()]
            unknown = [code for code in codes if code not in translation_languages()]
            if not codes or unknown:
                raise CommandError(
                    f"Give --languages from: {', '.join(translation_languages())}"
                    + (f" (unknown: {', '.join(unknown)})" if unknown else "")
                )
            user = self._user(User, translator)
            user.groups.add(Group.objects.get(name=TRANSLATORS))
            for code in codes:
                TranslatorLanguage.objects.get_or_create(user=user, language=code)
            self.stdout.write(self.style.SUCCESS(f"“{translator}” translates: {', '.join(codes)}."))

    def _user(self, User, username):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(
                f"No account “{username}”. Create it first (createsuperuser or the admin)."
            ) from None
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        return user
