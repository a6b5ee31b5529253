from modeltranslation.translator import TranslationOptions, register

from .models import Answer, Step


@register(Step)
class StepTranslationOptions(TranslationOptions):
    fields = Step.TEXT_FIELDS


@register(Answer)
class AnswerTranslationOptions(TranslationOptions):
    fields = Answer.TEXT_FIELDS
