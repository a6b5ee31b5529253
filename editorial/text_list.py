"""A list of short texts (former names, headers, sources) edited line by line instead of typed as JSON."""

from __future__ import annotations

import json

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


class TextListWidget(forms.Widget):
    """One input a line, a free line at the end (to add one without JavaScript), add and remove buttons."""

    template_name = "admin/editorial/widgets/text_list.html"

    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                value = [value]
        return [str(item) for item in value or []]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["rows"] = [*context["widget"]["value"], ""]
        context["widget"]["label"] = self.attrs.get("data-label", "")
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates, not the form renderer's (which sees only Django's own widgets).
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))  # noqa: S308

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return data.getlist(name)
        value = data.get(name)
        return value if isinstance(value, list) else [value] if value is not None else []

    def id_for_label(self, id_):
        return id_


class TextListField(forms.Field):
    widget = TextListWidget

    def to_python(self, value):
        if value in self.empty_values:
            return []
        if isinstance(value, str):
            value = [value]
        # Empty lines are how a line is removed without JavaScript.
        return [" ".join(str(item).split()) for item in value if item and str(item).strip()]

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "data-label": str(self.label or "")}

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)


class ChoicesField(forms.TypedMultipleChoiceField):
    """A list of fixed values (who emits a code) as checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("class", "atlas-choices")

    def clean(self, value):
        # Kept in the order of the choices, whatever order they were ticked in.
        chosen = set(super().clean(value))
        return [key for key, _label in self.choices if key in chosen]
