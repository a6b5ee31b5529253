"""Django's PostgreSQL backend, each new connection through a circuit breaker.

A database that accepts connections and never answers costs each request the connect timeout, and the
requests queued behind it in a worker wait for each other's timeouts too. After a failed connection
the breaker (pybreaker) stays open for ``ATLAS_DATABASE_BREAKER_SECONDS``; meanwhile every connection fails at
once with an OperationalError, which the pages and the API answer with 503 and Retry-After. Then one
connection tries the database again.
"""

import logging

import pybreaker
from django.conf import settings
from django.db.backends.postgresql import base

logger = logging.getLogger("foundation.database")

# One breaker per database address, shared by every thread of this process.
_breakers: dict[str, pybreaker.CircuitBreaker] = {}


class _Listener(pybreaker.CircuitBreakerListener):
    def state_change(self, breaker, old, new):
        if new.name == pybreaker.STATE_OPEN:
            logger.error("The database at %s is not answering: refusing requests for a while.", breaker.name)
        elif new.name == pybreaker.STATE_CLOSED and old.name != pybreaker.STATE_CLOSED:
            logger.warning("The database at %s answers again.", breaker.name)


def breaker_for(address: str) -> pybreaker.CircuitBreaker:
    if address not in _breakers:
        _breakers[address] = pybreaker.CircuitBreaker(
            fail_max=1,
            reset_timeout=settings.ATLAS_DATABASE_BREAKER_SECONDS,
            listeners=[_Listener()],
            name=address,
        )
    return _breakers[address]


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        address = "{}:{}/{}".format(*(conn_params.get(key, "") for key in ("host", "port", "dbname")))
        try:
            return breaker_for(address).call(super().get_new_connection, conn_params)
        except pybreaker.CircuitBreakerError as error:
            # Django turns the driver's OperationalError into its own, as for a refused connection.
            raise self.Database.OperationalError(f"The database at {address} is not answering.") from error
