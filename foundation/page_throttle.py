"""How many pages one client may ask for: a generous fixed window per client address, counted in the
shared cache like the API's throttle (foundation/api/throttling.py), so that one client cannot keep the
workers busy or fill the cache. The admin, static files and the API (which has its own) are not counted."""

from time import time

from django.conf import settings
from django.http import HttpResponse
from django.template import loader

from foundation.api.errors import is_api
from foundation.api.throttling import count_request
from foundation.proxies import client_address

EXEMPT_PREFIXES = ("/admin/", "/static/")
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """A rate such as "600/minute" as (600, 60), as DRF reads its rates."""
    number, period = rate.split("/")
    return int(number), PERIODS[period.strip()[0]]


def retry_after(request) -> int | None:
    """Seconds until this client may ask again, or None while it is within the rate."""
    rate = settings.ATLAS_PAGE_THROTTLE_RATE
    if not rate or is_api(request) or request.path_info.startswith(EXEMPT_PREFIXES):
        return None
    allowed, seconds = parse_rate(rate)
    now = time()
    window = int(now // seconds)
    if count_request(f"throttle:pages:{client_address(request)}:{window}", seconds + 1) <= allowed:
        return None
    return max(1, int((window + 1) * seconds - now) + 1)


def too_many_requests(wait: int) -> HttpResponse:
    """The styled 429 page, in the request's language; rendered without the database."""
    response = HttpResponse(loader.get_template("429.html").render({}), status=429)
    response["Retry-After"] = str(wait)
    return response
