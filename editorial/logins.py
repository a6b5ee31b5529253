"""The admin's sign-in lockout answer (django-axes): the lockout page, with when to try again."""

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    context = {"failure_limit": get_failure_limit(request, credentials), "cooloff_timedelta": cool_off}
    response = render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
    # The lockout lasts the cool-off from the latest failed attempt: at most this long from now.
    response["Retry-After"] = str(int(cool_off.total_seconds()) if cool_off else 900)
    return response
