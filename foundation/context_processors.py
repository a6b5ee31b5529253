"""What every template may read beside the request."""

from foundation.caching import release_fingerprint


def release(request) -> dict:
    """The release fingerprint: template fragments kept by a worker ({% cache %}) vary on it."""
    return {"release": release_fingerprint()}
