"""How often one client may ask: counted atomically in the shared cache, per fixed window.

DRF's own throttle reads a client's history, appends and writes it back, so parallel requests of one
client overwrite each other's entries and many more get through than the rate allows. Here each request
is one atomic ``incr`` in Redis. While Redis is out of reach each worker counts on its own, so the limit
holds per worker.
"""

from dataclasses import dataclass
from threading import Lock
from time import time

from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from foundation.proxies import client_address

_local_counts: dict[str, int] = {}


@dataclass(frozen=True)
class RateLimit:
    """Where a client stands in its window, for the RateLimit-* response headers."""

    limit: int
    remaining: int
    reset: int
    window: int

    def headers(self) -> dict[str, str]:
        """The fields of draft-ietf-httpapi-ratelimit-headers (the -07 names, still what clients read)."""
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
            "RateLimit-Policy": f"{self.limit};w={self.window}",
        }


_local_lock = Lock()


def count_request(key: str, seconds: int) -> int:
    """Count one more request under ``key``, which lives ``seconds``; return the count so far."""
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr: a new window
        cache.add(key, 1, timeout=seconds)
        count = 1
    if count is not None:
        return count
    # The shared cache did not answer: count in this worker.
    with _local_lock:
        if len(_local_counts) > 10_000:
            _local_counts.clear()
        _local_counts[key] = _local_counts.get(key, 0) + 1
        return _local_counts[key]


def uncount_request(request) -> None:
    """Take back the request counted for ``request`` (one that cost next to nothing: a 304)."""
    key = getattr(request, "counted_under", None)
    if key is None:
        return
    request.counted_under = None
    try:
        cache.decr(key)
    except ValueError:  # the window has ended meanwhile
        return
    if key in _local_counts:
        with _local_lock:
            _local_counts[key] = max(0, _local_counts[key] - 1)


class AnonymousRateThrottle(SimpleRateThrottle):
    """Requests per client address (foundation.proxies) and fixed window; the rate is read on each request
    (DJANGO_API_THROTTLE_RATE), so it follows the settings in tests and after a reload."""

    scope = "anon"

    def __init__(self):
        pass  # the rate is read per request

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        return f"throttle:{self.scope}:{client_address(request)}"

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        now = time()
        window = int(now // self.duration)
        self.window_ends = (window + 1) * self.duration
        self.now = now
        key = f"{self.get_cache_key(request, view)}:{window}"
        count = count_request(key, self.duration + 1)
        request.counted_under = key
        standing = RateLimit(
            limit=self.num_requests,
            remaining=max(0, self.num_requests - count),
            reset=self.wait(),
            window=self.duration,
        )
        if view is not None:
            view.rate_limit = standing
        return count <= self.num_requests

    def wait(self):
        return max(1, int(self.window_ends - self.now) + 1)
