"""No lost edits: a change form carries a version mark of the record as it was opened.

The mark (signed) holds the record's ``updated_at`` and a fingerprint of every field as it was opened.
On save the admin locks the row (``select_for_update``) and compares: if anybody saved in between (an
editor, a translator, an import or the content loader), the save is refused and the form comes back with

- the other person's changes listed (who, when, what),
- every field only they changed showing their new value (so saving again does not undo their work),
- every field both changed keeping this person's input, marked, with theirs beside it,
- a fresh mark, so saving again is a deliberate decision made with both versions in view.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext as _

from editorial.history import (
    FieldChange,
    author_of,
    content_fields,
    differences,
    field_label,
    state_of,
    version_state,
    versions_of,
)

SALT = "atlas.edit-mark"
TOKEN_FIELD = "concurrency_token"


def canonical(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return value.pk
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return value


def fingerprint(value: Any) -> str:
    encoded = json.dumps(canonical(value), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()[:12]


def stamp(instance) -> str:
    return instance.updated_at.isoformat() if instance.updated_at else ""


def make_token(instance) -> str:
    fields = {f.name: fingerprint(getattr(instance, f.attname)) for f in content_fields(type(instance))}
    return signing.dumps({"at": stamp(instance), "f": fields}, salt=SALT, compress=True)


def read_token(raw: str | None) -> dict | None:
    if not raw:
        return None
    try:
        token = signing.loads(raw, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(token, dict) or not isinstance(token.get("f"), dict):
        return None
    return token


@dataclass
class Conflict:
    """Somebody saved the record after this form was opened."""

    who: str
    when: Any
    changes: list[FieldChange]
    adopted: list[str] = field(default_factory=list)
    both: list[str] = field(default_factory=list)


def author_of_unknown() -> str:
    return _("The content loader or another process outside the admin")


def _to_millisecond(value):
    # Versions are serialised with DjangoJSONEncoder, which keeps milliseconds only.
    return value.replace(microsecond=value.microsecond // 1000 * 1000) if value else value


def _who_saved(instance) -> tuple[str, Any]:
    latest = versions_of(instance).first()
    if latest is not None and latest.field_dict.get("updated_at") == _to_millisecond(instance.updated_at):
        return author_of(latest.revision), latest.revision.date_created
    return author_of_unknown(), instance.updated_at


def _state_at(instance, token: dict) -> dict | None:
    """The record as it was when the form was opened, from the history (None if not recorded)."""
    try:
        opened_at = _to_millisecond(datetime.fromisoformat(token.get("at", "")))
    except ValueError:
        return None
    for version in versions_of(instance)[:50]:
        if version.field_dict.get("updated_at") == opened_at:
            return version_state(version, type(instance))
    return None


class VersionMarkField(forms.CharField):
    """The hidden version mark: never a change of the record (nor of the admin's change message)."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class ConcurrencyFormMixin(forms.Form):
    """For a ModelForm in the admin: refuses a save over somebody else's save."""

    concurrency_token = VersionMarkField(required=False)
    # Off for a preview: it saves nothing, so nothing can be lost.
    check_version_mark = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict: Conflict | None = None
        if self.instance.pk is not None and not self.is_bound:
            self.initial[TOKEN_FIELD] = make_token(self.instance)

    def _model_field_names(self) -> list[str]:
        names = {f.name for f in content_fields(type(self.instance))}
        return [name for name in self.fields if name in names]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or not self.check_version_mark:
            return cleaned
        token = read_token(self.data.get(self.add_prefix(TOKEN_FIELD)))
        if token is None:
            self._set_data(TOKEN_FIELD, make_token(self.instance))
            raise forms.ValidationError(
                _(
                    "This form has no valid version mark, so it cannot tell whether somebody else saved "
                    "in the meantime. Nothing was saved. Check the fields below and save again."
                ),
                code="no_version_mark",
            )
        if token.get("at") == stamp(self.instance):
            return cleaned
        self.conflict = self._resolve(token)
        raise forms.ValidationError(
            _("Not saved: somebody else saved this record after you opened it (see above)."),
            code="conflict",
        )

    def _set_data(self, name: str, value: str):
        if not hasattr(self.data, "_mutable") or not self.data._mutable:
            self.data = self.data.copy()
        self.data[self.add_prefix(name)] = value

    def _resolve(self, token: dict) -> Conflict:
        current = self.instance
        base = token["f"]
        model = type(current)
        now = state_of(current)
        theirs = {
            f.name
            for f in content_fields(model)
            if f.name in base and fingerprint(getattr(current, f.attname)) != base[f.name]
        }
        before = _state_at(current, token)
        if before is not None:
            changes = differences(model, before, now)
        else:
            changes = differences(model, {f.attname: None for f in content_fields(model)}, now)
            changes = [change for change in changes if change.name in theirs]
        who, when = _who_saved(current)
        conflict = Conflict(who=who, when=when, changes=changes)
        for name in self._model_field_names():
            if name not in theirs:
                continue
            model_field = model._meta.get_field(name)
            their_value = getattr(current, model_field.attname)
            mine_changed = name in self.cleaned_data and fingerprint(self.cleaned_data[name]) != base.get(
                name
            )
            if not mine_changed:
                self._adopt(name, their_value)
                conflict.adopted.append(field_label(model_field))
            elif fingerprint(self.cleaned_data[name]) != fingerprint(their_value):
                conflict.both.append(field_label(model_field))
                self.add_error(
                    name,
                    _(
                        "You and %(who)s both changed this. Your version is in the field; theirs: "
                        "“%(theirs)s”. Keep one, or merge them, and save again."
                    )
                    % {"who": who, "theirs": canonical(their_value)},
                )
        self._set_data(TOKEN_FIELD, make_token(current))
        return conflict

    def _adopt(self, name: str, value: Any):
        form_field = self.fields[name]
        if isinstance(form_field, forms.BooleanField):
            shown = "true" if value else "false"
        else:
            prepared = form_field.prepare_value(value)
            shown = "" if prepared is None else str(prepared)
        self._set_data(name, shown)
