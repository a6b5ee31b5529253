from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from codes.models import STATUS_CLASSES, StatusCode
from codes.selectors import CodeChoice

from .models import pair_slug


def code_label(code: StatusCode | CodeChoice) -> str:
    """ "520 Web Server Returned an Unknown Error (Cloudflare)": the vendor tells 451 and 451-iis apart."""
    label = f"{code.number} {code.phrase}"
    return f"{label} ({code.vendor_name})" if code.vendor_name else label


def grouped_choices(codes: list[StatusCode] | list[CodeChoice]) -> list:
    groups: dict[int | None, list] = {}
    for code in codes:
        groups.setdefault(code.status_class, []).append((code.slug, code_label(code)))
    choices: list = [("", _("Choose a code…"))]
    for digit in [*STATUS_CLASSES, None]:
        if digit in groups:
            name = f"{digit}xx · {STATUS_CLASSES[digit]}" if digit else _("Non-standard")
            choices.append((name, groups[digit]))
    return choices


class CodeSelect(forms.Select):
    """A Select that writes its options directly instead of through one widget template per option.

    The compare form offers every code twice on most pages; Django's per-option templates made it
    the most expensive part of rendering a page. The markup is the same as forms.Select's, and the
    options of a list of codes are written once per worker and language (``_option_lines``).
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = set(self.format_value(value))
        parts = [f"<select{flatatt(final_attrs)}>"]
        for option, line in _option_lines(_as_key(self.choices)):
            parts.append(line.replace(_UNSELECTED, _SELECTED, 1) if option in selected else line)
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label escaped in _option_lines


_UNSELECTED, _SELECTED = '">', '" selected>'


def _as_key(choices) -> tuple:
    """The choices as plain strings (labels may be lazy translations): what their markup is made of."""
    return tuple(
        (str(key), tuple((str(option), str(text)) for option, text in label))
        if isinstance(label, list | tuple)
        else ("" if key is None else str(key), str(label))
        for key, label in choices
    )


@lru_cache(maxsize=64)
def _option_lines(choices: tuple) -> tuple[tuple[str | None, str], ...]:
    """(value, markup) for each line of a select's options, unselected; value None for group tags."""
    lines = []
    for key, label in choices:
        if isinstance(label, tuple):  # a group: its name, its options
            lines.append((None, f'<optgroup label="{escape(key)}">'))
            lines.extend((option, _option(option, text)) for option, text in label)
            lines.append((None, "</optgroup>"))
        else:
            lines.append((key, _option(key, label)))
    return tuple(lines)


def _option(value: str, label: str) -> str:
    return f'<option value="{escape(value)}">{escape(label)}</option>'


class CompareForm(forms.Form):
    """Two codes of one family; works as a plain GET form, no JavaScript needed."""

    a = forms.ChoiceField(label=_("First code"), widget=CodeSelect)
    b = forms.ChoiceField(label=_("Second code"), widget=CodeSelect)

    def __init__(self, data=None, *, codes: list[StatusCode] | list[CodeChoice], **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.codes = {code.slug: code for code in codes}
        choices = grouped_choices(codes)
        for name in ("a", "b"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = _(
                "There is no such code here. Pick one from the list."
            )
            self.fields[name].error_messages["required"] = _("Pick a code.")

    def clean(self):
        data = super().clean()
        if data.get("a") and data.get("a") == data.get("b"):
            raise forms.ValidationError(_("Pick two different codes: a code cannot be compared with itself."))
        return data

    def refuse(self, message: str) -> None:
        """An error about the request as a whole, also when no code was picked (the form is unbound)."""
        if not hasattr(self, "cleaned_data"):
            self.cleaned_data = {}
        self.add_error(None, message)

    @property
    def pair(self) -> str:
        """The canonical pair slug, lower number first."""
        return pair_slug(self.codes[self.cleaned_data["a"]], self.codes[self.cleaned_data["b"]])
