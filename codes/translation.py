from modeltranslation.translator import TranslationOptions, register

from .models import Family, StatusCode


@register(Family)
class FamilyTranslationOptions(TranslationOptions):
    fields = Family.TEXT_FIELDS


@register(StatusCode)
class StatusCodeTranslationOptions(TranslationOptions):
    fields = StatusCode.TEXT_FIELDS
