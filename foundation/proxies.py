"""Who the client is behind the TLS proxy: the one address that the login lockout and the throttles key on."""

import ipaddress
from functools import cache

from django.conf import settings


@cache
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.ATLAS_TRUSTED_PROXIES)))


def client_address(request) -> str:
    """The connecting address; when that is a trusted proxy (``ATLAS_TRUSTED_PROXIES``), the address it
    added to X-Forwarded-For, read from the right, past any further trusted proxies. A client talking to
    the server directly cannot choose its address with a header of its own."""
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    while hops and _trusted(address):
        hop = hops.pop()
        try:
            address = str(ipaddress.ip_address(hop))
        except ValueError:
            break  # not an address: the proxy's own view stands
    return address
