"""PostgreSQL behind a circuit breaker (``ENGINE = "foundation.database"``): see base.py."""
