"""History of codes and comparisons: versions (django-reversion), differences and restoring.

Every admin save is recorded by ``VersionAdmin`` with who, when and every language's texts (the model is
registered when the admin loads, after modeltranslation added its columns). Changes made elsewhere (the
content loader) are recorded as a version of their own before the next edit, so an edit can always be
undone. Restoring goes through ``Model.save()``: caches are invalidated and the loader keeps the restored
text as an editor's change.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import reversion
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from reversion.models import Version

from editorial.admin_languages import own_name
from foundation.languages import language_codes
from foundation.text_changes import TracksTextChanges

# Restoring a version changes texts and facts, never whether a comparison is published.
NOT_RESTORED = {"status"}


def content_fields(model) -> list:
    """The fields a version is about: editable columns, translated texts by language."""
    originals = set(getattr(model, "TEXT_FIELDS", ()))
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in originals
    ]


def restorable_fields(model) -> list:
    return [field for field in content_fields(model) if field.name not in NOT_RESTORED]


def state_of(instance) -> dict[str, Any]:
    return {field.attname: getattr(instance, field.attname) for field in content_fields(type(instance))}


def version_state(version: Version, model) -> dict[str, Any]:
    data = version.field_dict
    return {field.attname: data.get(field.attname) for field in content_fields(model)}


def _normalized(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return value


def same_state(first: dict, second: dict) -> bool:
    return all(_normalized(first.get(k)) == _normalized(second.get(k)) for k in {*first, *second})


def versions_of(instance):
    return (
        Version.objects.get_for_object(instance)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def record_current_state(instance, comment: str | None = None) -> Version | None:
    """Record the stored state as a version unless the latest version already holds it.

    Called before an edit, a restore or an import: a change made outside the admin (the content loader)
    then stays in the history and can be restored. Must not run inside another revision block.
    """
    latest = versions_of(instance).first()
    if latest is not None and same_state(version_state(latest, type(instance)), state_of(instance)):
        return None
    with reversion.create_revision():
        reversion.add_to_revision(instance)
        reversion.set_comment(
            comment
            or (
                _("Changed outside the admin (content files)")
                if latest is not None
                else _("Stored state before the first recorded edit")
            )
        )
    return versions_of(instance).first()


# --- Differences -----------------------------------------------------------------------------------

_TOKENS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|\w+|\s+|[^\w\s]", re.UNICODE)


def _display(field, value: Any) -> str:
    if value is None:
        return ""
    if field.is_relation:
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value).replace("\r\n", "\n")


def inline_diff(before: str, after: str) -> SafeString:
    """``after`` with words added marked <ins>, and words removed from ``before`` marked <del>."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    # (kind, removed, added): runs of changes separated only by spaces read better as one change.
    runs: list[list] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        removed, added = "".join(old[a1:a2]), "".join(new[b1:b2])
        if op == "equal":
            runs.append(["equal", removed, added])
        elif runs and runs[-1][0] == "change":
            runs[-1][1] += removed
            runs[-1][2] += added
        elif (
            len(runs) >= 2 and runs[-2][0] == "change" and runs[-1][0] == "equal" and not runs[-1][1].strip()
        ):
            space = runs.pop()[1]
            runs[-1][1] += space + removed
            runs[-1][2] += space + added
        else:
            runs.append(["change", removed, added])
    parts = []
    for kind, removed, added in runs:
        if kind == "equal":
            parts.append(escape(removed))
            continue
        if removed:
            parts.append(format_html("<del>{}</del>", removed))
        if added:
            parts.append(format_html("<ins>{}</ins>", added))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every piece escaped above


@dataclass
class FieldChange:
    name: str
    label: str
    language: str | None
    before: str
    after: str

    @property
    def diff(self) -> SafeString:
        return inline_diff(self.before, self.after)


def field_label(field) -> str:
    language = getattr(field, "language", None)
    label = str(getattr(field, "translated_field", field).verbose_name)
    label = label[:1].upper() + label[1:]
    if language:
        return f"{label} ({own_name(language)})"
    return label


def differences(model, before: dict, after: dict) -> list[FieldChange]:
    """What changed from one state to another, field by field (texts per language)."""
    changes = []
    for field in content_fields(model):
        old, new = before.get(field.attname), after.get(field.attname)
        if _normalized(old) == _normalized(new) or (old in (None, "") and new in (None, "")):
            continue
        changes.append(
            FieldChange(
                name=field.name,
                label=field_label(field),
                language=getattr(field, "language", None),
                before=_display(field, old),
                after=_display(field, new),
            )
        )
    return changes


def author_of(revision) -> str:
    if revision.user is not None:
        return revision.user.get_username()
    return _("The content loader or another process outside the admin")


def describe_version(version: Version) -> str:
    who = author_of(version.revision)
    when = date_format(localtime(version.revision.date_created), "DATETIME_FORMAT")
    return _("%(when)s by %(who)s") % {"when": when, "who": who}


# --- Restoring -----------------------------------------------------------------------------------


class RestoreError(Exception):
    """The version cannot be restored; the message says why, for the editor."""


@contextmanager
def _refusal_as_restore_error() -> Iterator[None]:
    """Run a restore in one transaction; a refusal by the model or the database becomes a RestoreError."""
    try:
        with transaction.atomic():
            yield
    except ValidationError as error:
        raise RestoreError(" ".join(error.messages)) from None
    except DatabaseError as error:
        raise RestoreError(_("The database refused it: %(error)s") % {"error": error}) from None


def restore(model, pk, version: Version, *, user) -> Any:
    """Put every restorable field, every language included, back as ``version`` holds it.

    One step: the current state is recorded first (so the restore can itself be undone), then the record
    is saved through ``save()`` inside a new revision. The publication status is left as it is.
    """
    if str(version.object_id) != str(pk) or version.content_type.model_class() is not model:
        raise RestoreError(_("This version belongs to another record."))
    try:
        with _refusal_as_restore_error():
            instance = model._base_manager.select_for_update(of=("self",)).get(pk=pk)
            record_current_state(instance)
            data = version.field_dict
            for field in restorable_fields(model):
                if field.attname in data:
                    setattr(instance, field.attname, data[field.attname])
            if isinstance(instance, TracksTextChanges):
                _restore_text_stamps(instance, data)
            instance.full_clean()
            with reversion.create_revision():
                reversion.set_user(user)
                reversion.set_comment(
                    _("Restored the version of %(version)s") % {"version": describe_version(version)}
                )
                instance.save()
    except model.DoesNotExist:
        raise RestoreError(_("The record no longer exists.")) from None
    return instance


def _restore_text_stamps(instance, data: dict) -> None:
    """The texts come back with the times they had then, so "outdated" stays truthful."""
    texts = instance.localized_text_fields()
    stamps = {key: value for key, value in (instance.text_changed_at or {}).items() if key not in texts}
    stamps.update({key: value for key, value in (data.get("text_changed_at") or {}).items() if key in texts})
    instance.text_changed_at = stamps
    instance._keep_text_stamps = True


def restore_deleted(model, version: Version, *, user) -> Any:
    """Bring back a deleted record as ``version`` holds it, through ``save()``."""
    if version.content_type.model_class() is not model:
        raise RestoreError(_("This version belongs to another kind of record."))
    if model._base_manager.filter(pk=version.object_id).exists():
        raise RestoreError(_("This record exists: open it and restore a version from its history."))
    with _refusal_as_restore_error():
        instance = version._object_version.object
        instance._state.adding = True
        instance._keep_text_stamps = True
        instance.full_clean()
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(
                _("Recovered after deletion, as of %(version)s") % {"version": describe_version(version)}
            )
            instance.save(force_insert=True)
    return instance


def languages_in(changes: list[FieldChange]) -> list[str]:
    codes = language_codes()
    return [code for code in codes if any(change.language == code for change in changes)]
