"""Pending revisions: a change to a live record waits for review instead of going live.

Who saves what:
- a record visitors cannot see yet (a draft comparison or guide question) is saved directly, as before;
- a change to a live record (a code, a published comparison, a published question and its answers) by
  somebody allowed to publish it is saved directly too: editors, and translators in their own languages
  when their group (or their account) has the permission ``editorial.publish_own_language``;
- anybody else's change is kept as a ``PendingRevision`` per language, and the live row is left as it was.

Publishing goes through the record's admin form and ``save_model`` under a row lock, as any admin save:
the version mark refuses a save over somebody else's newer one, the history records it (with the proposer
and the reviewer), ``save()`` stamps changed translations and invalidates the caches. A revision whose
texts were based on live texts that changed since is a conflict: both are shown, and publishing it needs
an explicit decision.
"""

from __future__ import annotations

from dataclasses import dataclass

import reversion
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from editorial import history
from editorial.concurrency import TOKEN_FIELD
from editorial.models import PendingRevision
from editorial.roles import is_editor, is_translator, languages_of
from foundation.text_changes import TracksTextChanges

PUBLISH_OWN_LANGUAGE = "editorial.publish_own_language"


class ReviewError(Exception):
    """The revision cannot be published or rejected; the message says why, for the reviewer."""


def is_live(instance) -> bool:
    """Whether visitors see ``instance``: published when it has a status, its question's state for an
    answer, always for a code."""
    status_choices = getattr(type(instance), "Status", None)
    if status_choices is not None and hasattr(instance, "status"):
        return instance.status == status_choices.PUBLISHED
    step = getattr(type(instance), "step", None)
    if step is not None and hasattr(step, "field"):
        return is_live(instance.step)
    return True


def may_publish(user, lang: str) -> bool:
    """Editors publish every language; a translator their own, where their role allows it."""
    if is_editor(user):
        return True
    return is_translator(user) and lang in languages_of(user) and user.has_perm(PUBLISH_OWN_LANGUAGE)


def language_of_column(model, name: str) -> str | None:
    return getattr(model._meta.get_field(name), "language", None)


def _localized_texts(model) -> set[str]:
    if not issubclass(model, TracksTextChanges):
        return set()
    return set(model.localized_text_fields())


def _dated(value) -> str:
    return date_format(localtime(value), "DATETIME_FORMAT")


# --- Proposing -------------------------------------------------------------------------------------


def _form_changes(obj, form) -> tuple[list[str], list[str]]:
    """The translated texts ``form`` changed in ``obj``, and those it confirmed as still current."""
    from editorial.versioned_admin import CONFIRM_FIELD

    texts = _localized_texts(type(obj))
    if not texts:
        return [], []
    changed = [name for name in obj.changed_texts() if name in texts and name in form.fields]
    confirmed = [
        name for name in form.cleaned_data.get(CONFIRM_FIELD, []) if name in texts and name not in changed
    ]
    return changed, confirmed


def proposal_needed(request, obj, form) -> bool:
    """Whether this user's save of ``obj`` (a stored record) becomes a pending revision."""
    if obj.pk is None or is_editor(request.user) or not _localized_texts(type(obj)):
        return False
    live = type(obj)._base_manager.filter(pk=obj.pk).first()
    if live is None or not is_live(live):
        return False
    changed, confirmed = _form_changes(obj, form)
    languages = {language_of_column(type(obj), name) for name in [*changed, *confirmed]}
    languages = languages or set(languages_of(request.user))
    return not all(may_publish(request.user, lang) for lang in languages)


def propose_from_form(request, obj, form) -> list[PendingRevision]:
    """Keep what ``form`` changed in ``obj`` as pending revisions (one per language); ``obj``'s row is
    left as it is. Saving again updates the proposer's open revision of the same record and language."""
    changed, confirmed = _form_changes(obj, form)
    return propose(
        obj,
        {name: getattr(obj, name) or "" for name in changed},
        confirmed=confirmed,
        user=request.user,
    )


def propose(obj, values: dict[str, str], *, confirmed: list[str] = (), user) -> list[PendingRevision]:
    model = type(obj)
    live = model._base_manager.get(pk=obj.pk)
    by_language: dict[str, dict] = {}
    for name, value in values.items():
        by_language.setdefault(language_of_column(model, name), {"values": {}, "confirmed": []})
        by_language[language_of_column(model, name)]["values"][name] = value.replace("\r\n", "\n")
    for name in confirmed:
        by_language.setdefault(language_of_column(model, name), {"values": {}, "confirmed": []})
        by_language[language_of_column(model, name)]["confirmed"].append(name)
    proposals = []
    for lang, change in by_language.items():
        open_revision = (
            PendingRevision.objects.of_record(live)
            .pending()
            .select_for_update(of=("self",))
            .filter(language=lang, proposed_by=user)
            .first()
        )
        revision = open_revision or PendingRevision(
            content_type=PendingRevision.content_type_of(model),
            object_id=live.pk,
            language=lang,
            proposed_by=user,
        )
        revision.object_repr = str(live)[:200]
        revision.based_on = live.updated_at or timezone.now()
        revision.values = {**revision.values, **change["values"]}
        # The texts this proposal was typed over: the live texts now (the version mark made sure of it).
        revision.base_values = {
            **revision.base_values,
            **{name: getattr(live, name) or "" for name in change["values"]},
        }
        revision.confirmed = sorted({*revision.confirmed, *change["confirmed"]} - set(revision.values))
        revision.save()
        proposals.append(revision)
    return proposals


# --- Reading ---------------------------------------------------------------------------------------


def pending_for(instance, *, languages=None, field: str | None = None) -> list[PendingRevision]:
    """The open revisions of ``instance`` (in ``languages``; touching ``field``), newest first."""
    if instance is None or instance.pk is None:
        return []
    revisions = PendingRevision.objects.of_record(instance).pending().select_related("proposed_by")
    if languages is not None:
        revisions = revisions.in_languages(languages)
    found = list(revisions)
    if field is not None:
        found = [revision for revision in found if field in revision.values or field in revision.confirmed]
    return found


def live_record(revision: PendingRevision):
    model = revision.content_type.model_class()
    return model._base_manager.filter(pk=revision.object_id).first()


@dataclass
class FieldReview:
    name: str
    label: str
    live: str
    base: str
    proposed: str

    @property
    def conflict(self) -> bool:
        """The live text changed after the proposal was typed over it."""
        return _comparable(self.live) != _comparable(self.base)

    @property
    def diff(self):
        return history.inline_diff(self.live, self.proposed)

    @property
    def live_changes(self):
        return history.inline_diff(self.base, self.live)

    @property
    def unchanged(self) -> bool:
        return _comparable(self.live) == _comparable(self.proposed)


def _comparable(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").strip()


def field_reviews(revision: PendingRevision, live) -> list[FieldReview]:
    model = revision.content_type.model_class()
    reviews = []
    for name, proposed in revision.values.items():
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a column dropped since the proposal is skipped, not fatal
            continue
        reviews.append(
            FieldReview(
                name=name,
                label=history.field_label(field),
                live=(getattr(live, name, "") or "") if live is not None else "",
                base=revision.base_values.get(name, "") or "",
                proposed=proposed or "",
            )
        )
    return reviews


def confirmed_labels(revision: PendingRevision) -> list[str]:
    model = revision.content_type.model_class()
    return [history.field_label(model._meta.get_field(name)) for name in revision.confirmed]


# --- Reviewing -------------------------------------------------------------------------------------


def publish(
    request,
    revision: PendingRevision,
    *,
    texts: dict[str, str],
    mark: str,
    over_conflict: bool,
    note: str = "",
):
    """Apply ``texts`` (the proposal as the reviewer leaves it) to the live record through its admin form
    and ``save_model``, in one transaction; raise ReviewError, saving nothing, when it cannot be."""
    from editorial.versioned_admin import CONFIRM_FIELD

    model = revision.content_type.model_class()
    model_admin = admin.site._registry[model]
    with transaction.atomic():
        revision = (
            PendingRevision.objects.select_for_update(of=("self",))
            .select_related("proposed_by")
            .get(pk=revision.pk)
        )
        if not revision.is_pending:
            raise ReviewError(_("This revision was already reviewed."))
        if not may_publish(request.user, revision.language):
            raise PermissionDenied
        live = model._base_manager.select_for_update(of=("self",)).filter(pk=revision.object_id).first()
        if live is None:
            raise ReviewError(_("The record no longer exists."))
        if not model_admin.has_change_permission(request, live):
            raise PermissionDenied
        reviews = field_reviews(revision, live)
        if any(review.conflict for review in reviews) and not over_conflict:
            raise ReviewError(
                _(
                    "The live text changed after this revision was proposed. Compare both below, merge "
                    "them in the proposal if needed, and confirm that the proposal replaces the live text."
                )
            )
        history.record_current_state(live)
        names = [review.name for review in reviews]
        form_class = model_admin.get_form(request, live, change=True, fields=[*names, *revision.confirmed])
        data = QueryDict(mutable=True)
        for review in reviews:
            data[review.name] = texts.get(review.name, review.proposed)
        for name in revision.confirmed:
            data[name] = getattr(live, name) or ""
        data[TOKEN_FIELD] = mark
        form = form_class(data, instance=live)
        if CONFIRM_FIELD in form.fields:
            still_outdated = {value for value, _label in form.fields[CONFIRM_FIELD].choices}
            form.data.setlist(CONFIRM_FIELD, [name for name in revision.confirmed if name in still_outdated])
        if not form.is_valid():
            if getattr(form, "conflict", None) is not None:
                raise ReviewError(
                    _(
                        "Somebody saved this record after you opened this page. Nothing was published: "
                        "review again."
                    )
                )
            raise ReviewError(
                " ".join(str(message) for messages in form.errors.values() for message in messages)
            )
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(
                _(
                    "Published the %(language)s revision proposed by %(proposer)s on %(when)s; "
                    "reviewed by %(reviewer)s"
                )
                % {
                    "language": revision.language_name,
                    "proposer": revision.proposed_by.get_username(),
                    "when": _dated(revision.proposed_at),
                    "reviewer": request.user.get_username(),
                }
            )
            model_admin.save_model(request, form.instance, form, change=True)
        model_admin.log_change(
            request, form.instance, model_admin.construct_change_message(request, form, None)
        )
        revision.state = PendingRevision.State.PUBLISHED
        revision.reviewed_by = request.user
        revision.reviewed_at = timezone.now()
        revision.review_note = note.strip()
        revision.save()
    return form.instance


def reject(request, revision: PendingRevision, *, note: str = "") -> None:
    with transaction.atomic():
        revision = PendingRevision.objects.select_for_update().get(pk=revision.pk)
        if not revision.is_pending:
            raise ReviewError(_("This revision was already reviewed."))
        if not may_publish(request.user, revision.language):
            raise PermissionDenied
        revision.state = PendingRevision.State.REJECTED
        revision.reviewed_by = request.user
        revision.reviewed_at = timezone.now()
        revision.review_note = note.strip()
        revision.save()


def revisions_of(instance, *, languages=None) -> list[PendingRevision]:
    """Every revision proposed for ``instance``, whatever became of it, newest first."""
    found = PendingRevision.objects.of_record(instance).select_related("proposed_by", "reviewed_by")
    if languages is not None:
        found = found.in_languages(languages)
    return list(found)
