"""Saving one text from the workspace, by the admin's own rules.

The text goes through the registered ModelAdmin of its record: its form (with the version mark of
``concurrency.py``, so a save over somebody else's newer save is refused and nothing is overwritten), its
permission checks (a translator changes only their languages), its ``save_model`` (the "still current"
confirmation, who last edited, and whatever the workflow adds there, a pending revision included: a change
to a live record by a translator who may not publish it waits for review) and its change log. The row is
locked from the check to the save, and the save is a revision in the history like any admin save.
"""

from __future__ import annotations

from dataclasses import dataclass

import reversion
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from editorial import history
from editorial.concurrency import TOKEN_FIELD, make_token
from editorial.roles import languages_of
from editorial.versioned_admin import CONFIRM_FIELD
from foundation.languages import language_name


@dataclass
class SaveResult:
    saved: bool
    form: object
    instance: object

    @property
    def proposals(self) -> list | None:
        """The pending revisions the save made instead of changing the live text (None: saved live)."""
        return getattr(self.form, "pending_revisions", None)

    @property
    def conflict(self):
        return getattr(self.form, "conflict", None)

    @property
    def errors(self) -> list[str]:
        return [str(message) for messages in self.form.errors.values() for message in messages]


def model_admin_of(model):
    return admin.site._registry[model]


def may_edit(request, item) -> bool:
    model_admin = model_admin_of(type(item.instance))
    return item.lang in languages_of(request.user) and model_admin.has_change_permission(
        request, item.instance
    )


def edit_form(request, item, data=None):
    """The admin's change form of the record, reduced to this one text."""
    model_admin = model_admin_of(type(item.instance))
    form_class = model_admin.get_form(request, item.instance, change=True, fields=[item.localized_field])
    if data is None:
        return form_class(instance=item.instance)
    return form_class(data, instance=item.instance)


def opening_mark(item) -> str:
    return make_token(item.instance)


def save_text(request, item, text: str, *, mark: str, still_current: bool = False) -> SaveResult:
    """Save ``text`` as ``item``'s translation, or say why not (conflict, invalid) without saving."""
    model = type(item.instance)
    model_admin = model_admin_of(model)
    if not may_edit(request, item):
        raise PermissionDenied
    data = QueryDict(mutable=True)
    data[item.localized_field] = text
    data[TOKEN_FIELD] = mark
    if still_current:
        data.setlist(CONFIRM_FIELD, [item.localized_field])
    with transaction.atomic():
        locked = model._base_manager.select_for_update(of=("self",)).get(pk=item.instance.pk)
        before = transaction.savepoint()
        # A change made outside the admin (the content loader) becomes a version of its own first.
        history.record_current_state(locked)
        item.instance = locked
        form = edit_form(request, item, data)
        if not form.is_valid():
            transaction.savepoint_rollback(before)
            return SaveResult(False, form, locked)
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(
                _("Translated in the workspace: %(text)s in %(language)s")
                % {"text": item.label, "language": language_name(item.lang)}
            )
            model_admin.save_model(request, form.instance, form, change=True)
        model_admin.log_change(
            request, form.instance, model_admin.construct_change_message(request, form, None)
        )
    return SaveResult(True, form, form.instance)
