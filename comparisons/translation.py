from modeltranslation.translator import TranslationOptions, register

from .models import Comparison


@register(Comparison)
class ComparisonTranslationOptions(TranslationOptions):
    fields = Comparison.TEXT_FIELDS
