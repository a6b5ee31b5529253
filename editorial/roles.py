"""Who may do what in the admin.

Editors (the "Editors" group, and superusers) may do everything. Translators (the "Translators" group)
change only the texts of the languages given to them (``TranslatorLanguage``): never English, never a
structured fact, never the publication status, and they cannot add, delete, publish, unpublish or
restore. The admin enforces this on the server, whatever a request carries.

A translator's change to a live page waits for review as a pending revision (revisions.py), unless their
group or account has the permission "May publish changes to live pages in their own languages without
review" (``editorial.publish_own_language``): the role setting editors tick in the admin's groups. With it,
a translator also reviews the pending revisions of their own languages; never of another.
"""

from modeltranslation.utils import build_localized_fieldname

from foundation.languages import language_codes

EDITORS = "Editors"
TRANSLATORS = "Translators"

# Permissions that are settings of a role, ticked by editors on a group and kept by create_editorial_groups.
ROLE_SETTINGS = ("publish_own_language",)

# Permissions each group receives (see the create_editorial_groups command).
EDITOR_PERMISSIONS = {
    "codes": {
        "family": ("view", "add", "change", "delete"),
        "vendor": ("view", "add", "change", "delete"),
        "statuscode": ("view", "add", "change", "delete"),
        "translatorlanguage": ("view", "add", "change", "delete"),
        "translationstatus": ("view",),
    },
    "comparisons": {"comparison": ("view", "add", "change", "delete")},
    "editorial": {"pendingrevision": ("view", "change")},
    "guide": {"step": ("view", "add", "change", "delete"), "answer": ("view", "add", "change", "delete")},
}
TRANSLATOR_PERMISSIONS = {
    "codes": {
        "family": ("view",),
        "vendor": ("view",),
        "statuscode": ("view", "change"),
        "translationstatus": ("view",),
    },
    "comparisons": {"comparison": ("view", "change")},
    "editorial": {"pendingrevision": ("view",)},
    "guide": {"step": ("view", "change"), "answer": ("view", "change")},
}


def _group_names(user) -> set[str]:
    cached = getattr(user, "_atlas_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        user._atlas_group_names = cached
    return cached


def is_editor(user) -> bool:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or EDITORS in _group_names(user)


def is_translator(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and not is_editor(user)
        and TRANSLATORS in _group_names(user)
    )


def languages_of(user) -> list[str]:
    """The languages whose texts ``user`` may change, in the order of settings.LANGUAGES."""
    if is_editor(user):
        return language_codes()
    if not is_translator(user):
        return []
    cached = getattr(user, "_atlas_languages", None)
    if cached is None:
        own = set(user.translator_languages.values_list("language", flat=True))
        cached = [code for code in language_codes() if code in own and code != "en"]
        user._atlas_languages = cached
    return cached


def editable_text_fields(user, model) -> list[str]:
    """Localized text columns of ``model`` that ``user`` may change."""
    return [
        build_localized_fieldname(name, lang) for name in model.TEXT_FIELDS for lang in languages_of(user)
    ]


def all_model_field_names(model) -> set[str]:
    """Every name a form could carry for ``model``: concrete fields by name and attname."""
    names = set()
    for field in model._meta.concrete_fields:
        names.add(field.name)
        names.add(field.attname)
    return names
