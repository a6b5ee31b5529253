from modeltranslation.translator import TranslationOptions, register

from .models import Family, StatusCode


@register(Family)
class FamilyTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(StatusCode)
class StatusCodeTranslationOptions(TranslationOptions):
    fields = StatusCode.TEXT_FIELDS
