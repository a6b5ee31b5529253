from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, reading its rate on each request rather than once at import.

    So the rate follows the settings (DJANGO_API_THROTTLE_RATE) in tests and after a reload.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
