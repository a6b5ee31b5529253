"""The per-language page cache with conditional GET, keyed by the release and the content version."""

import hashlib
from collections import OrderedDict
from functools import cache, wraps
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from foundation.versions import content_changed_at, lease_seconds, versioned_key

# Keys change with every content save; the timeout only bounds what a deploy leaves behind.
PAGE_CACHE_SECONDS = 24 * 60 * 60


def release_fingerprint() -> str:
    """Changes when templates, compiled translations or hashed static files change: a deploy."""
    # While developing, templates change under a running server: look again on every request.
    return _fingerprint() if settings.DEBUG else _cached_fingerprint()


def _fingerprint() -> str:
    digest = hashlib.sha256()
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "locale"]
    files = [path for root in roots if root.exists() for path in sorted(root.rglob("*")) if path.is_file()]
    files = [path for path in files if path.suffix in {".html", ".svg", ".mo", ".txt", ".xml"}]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        files.append(manifest)
    for path in files:
        # STATIC_ROOT may lie outside the project (wherever a deploy puts it): name the manifest alone.
        name = path.relative_to(settings.BASE_DIR) if path.is_relative_to(settings.BASE_DIR) else path.name
        digest.update(str(name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


_cached_fingerprint = cache(_fingerprint)


# The query parameters any page reads (lists: page; sitemaps: p; search: q; compare: family, a, b). Any
# other (?utm=…) changes nothing on a page, so it must not make a cache entry of its own: anybody could
# fill the cache with them. A view that reads a new parameter adds it here.
PAGE_PARAMETERS = ("page", "p", "q", "family", "a", "b")


def _request_identity(request) -> str:
    query = urlencode(sorted((key, value) for key in PAGE_PARAMETERS for value in request.GET.getlist(key)))
    raw = "|".join([release_fingerprint(), request.scheme, request.get_host(), request.path, query]).encode()
    return hashlib.sha256(raw).hexdigest()[:32]


KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag")
LOCAL_PAGES_BYTES = 32 * 2**20


class LocalPages:
    """Pages (and API answers) this worker served lately, for the content version it holds: a hit costs no
    round trip to the shared cache, and they keep being served while Redis is away. Used only with a
    version lease (foundation.versions); emptied when the version changes, and at most ``limit`` bytes, the
    least recently served leaving first.
    """

    def __init__(self, limit: int = LOCAL_PAGES_BYTES):
        self.limit = limit
        self.version = None
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.size = 0

    def _for(self, version) -> None:
        if version != self.version:
            self.version, self.entries, self.size = version, OrderedDict(), 0

    def get(self, version, key: str):
        self._for(version)
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, version, key: str, entry, size: int | None = None) -> None:
        """Keep ``entry`` (a page: status, content, headers) of ``size`` bytes (by default its content)."""
        self._for(version)
        size = len(entry[1]) if size is None else size
        if size > self.limit // 8 or key in self.entries:
            return
        self.entries[key] = entry
        self.size += size
        while self.size > self.limit:
            _key, oldest = self.entries.popitem(last=False)
            self.size -= len(oldest[1])


_local_pages = LocalPages()


def cached_page(view=None, *, store: bool = True, every_language: bool = False):
    """Serve a page from the per-language cache and answer conditional GETs with 304.

    The ETag and the cache key both carry the content version (foundation.versions), so the first request
    after an editor's save renders afresh. Only 200 responses are stored; ``store=False`` keeps the
    ETag and 304 handling but renders every time (search pages with arbitrary queries).
    ``every_language``: one response for all visitors whatever their language (the sitemap lists every
    language itself), rendered in the default language and stored once.
    """

    def decorator(view):
        @wraps(view)
        @require_safe
        def wrapper(request, *args, **kwargs):
            if every_language:
                with translation.override(settings.LANGUAGE_CODE):
                    return per_language(request, *args, **kwargs)
            return per_language(request, *args, **kwargs)

        def per_language(request, *args, **kwargs):
            changed = content_changed_at()
            lang = translation.get_language()
            identity = _request_identity(request)
            version = f"{changed.timestamp():.3f}|{lang}|{identity}"
            etag = f'"{hashlib.sha256(version.encode()).hexdigest()[:32]}"'
            last_modified = int(changed.timestamp())
            conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
            if conditional is not None:
                return _with_validators(conditional, etag, last_modified)
            key = versioned_key("page", lang, identity, changed=changed)
            store_here = store and not settings.DEBUG
            local = store_here and lease_seconds() > 0
            stored = _local_pages.get(changed, key) if local else None
            if stored is None and store_here:
                stored = django_cache.get(key)
                if stored is not None and local:
                    _local_pages.put(changed, key, stored)
            if stored is not None:
                status, content, headers = stored
                response = HttpResponse(content, status=status)
                for name, value in headers.items():
                    response[name] = value
                return _with_validators(response, etag, last_modified)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code != 200:
                return response
            if store_here:
                headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
                entry = (200, response.content, headers)
                django_cache.set(key, entry, PAGE_CACHE_SECONDS)
                if local:
                    _local_pages.put(changed, key, entry)
            return _with_validators(response, etag, last_modified)

        return wrapper

    return decorator(view) if view is not None else decorator


def _with_validators(response, etag: str, last_modified: int):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Browsers and shared caches may keep a copy but must ask again: an editor's save shows at once.
    patch_cache_control(response, public=True, no_cache=True)
    return response
