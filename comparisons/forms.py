from django import forms
from django.utils.translation import gettext_lazy as _

from codes.models import STATUS_CLASSES, StatusCode

from .models import pair_slug


def code_label(code: StatusCode) -> str:
    """ "520 Web Server Returned an Unknown Error (Cloudflare)": the vendor tells 451 and 451-iis apart."""
    label = f"{code.number} {code.phrase}"
    return f"{label} ({code.vendor.name})" if code.vendor_id else label


def grouped_choices(codes: list[StatusCode]) -> list:
    groups: dict[int | None, list] = {}
    for code in codes:
        groups.setdefault(code.status_class, []).append((code.slug, code_label(code)))
    choices: list = [("", _("Choose a code…"))]
    for digit in [*STATUS_CLASSES, None]:
        if digit in groups:
            name = f"{digit}xx · {STATUS_CLASSES[digit]}" if digit else _("Non-standard")
            choices.append((name, groups[digit]))
    return choices


class CompareForm(forms.Form):
    """Two codes of one family; works as a plain GET form, no JavaScript needed."""

    a = forms.ChoiceField(label=_("First code"))
    b = forms.ChoiceField(label=_("Second code"))

    def __init__(self, data=None, *, codes: list[StatusCode], **kwargs):
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

    @property
    def pair(self) -> str:
        """The canonical pair slug, lower number first."""
        return pair_slug(self.codes[self.cleaned_data["a"]], self.codes[self.cleaned_data["b"]])
