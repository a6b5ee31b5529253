"""Redis as the shared cache, behind a circuit breaker.

redis-py's socket timeout applies per call, and a page makes several cache calls: against a Redis that
accepts connections and never answers, each one would wait its timeout. After a failed call the breaker
(pybreaker) stays open for ``BREAKER_RESET_SECONDS``; meanwhile every cache call fails at once, which
django-redis's ``IGNORE_EXCEPTIONS`` turns into a miss, and the site serves from the database and this
worker's memory. Then one call tries Redis again.
"""

import logging

import pybreaker
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger("foundation.cache")

BREAKER_RESET_SECONDS = 10


class _Listener(pybreaker.CircuitBreakerListener):
    def state_change(self, breaker, old, new):
        if new.name == pybreaker.STATE_OPEN:
            logger.warning("Redis at %s is not answering: serving without it for a while.", breaker.name)
        elif new.name == pybreaker.STATE_CLOSED and old.name != pybreaker.STATE_CLOSED:
            logger.warning("Redis at %s answers again.", breaker.name)
            for callback in list(_on_recovery):
                callback()


# Called when Redis answers again after failing (codes.freshness forgets the version it may have missed).
_on_recovery: list = []
# One breaker per Redis address, shared by every thread of this process.
_breakers: dict[str, pybreaker.CircuitBreaker] = {}


def on_recovery(callback) -> None:
    if callback not in _on_recovery:
        _on_recovery.append(callback)


def breaker_for(location: str) -> pybreaker.CircuitBreaker:
    if location not in _breakers:
        _breakers[location] = pybreaker.CircuitBreaker(
            fail_max=1,
            reset_timeout=BREAKER_RESET_SECONDS,
            # Only an unreachable or silent Redis opens the breaker, not a missing key (incr's ValueError).
            exclude=[lambda error: not isinstance(error, ConnectionInterrupted)],
            listeners=[_Listener()],
            name=location,
        )
    return _breakers[location]


class _GuardedClient:
    """django-redis's client, each call through the breaker."""

    def __init__(self, client, breaker: pybreaker.CircuitBreaker):
        self._client = client
        self._breaker = breaker

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def guarded(*args, **kwargs):
            try:
                return self._breaker.call(attribute, *args, **kwargs)
            except pybreaker.CircuitBreakerError as error:
                raise ConnectionInterrupted(connection=None) from error

        return guarded


class CircuitBreakerRedisCache(RedisCache):
    @property
    def client(self):
        return _GuardedClient(super().client, breaker_for(str(self._server)))

    @property
    def available(self) -> bool:
        """False while the breaker is open: the shared cache is out of reach."""
        return breaker_for(str(self._server)).current_state != pybreaker.STATE_OPEN
