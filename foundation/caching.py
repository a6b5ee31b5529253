"""The per-language page cache with conditional GET and compression.

A stored page keeps what it was built from (foundation.versions' dependency tags): it is served until a
save stamps one of them, so an editor's save renews only the pages that show what was saved. Its ETag is
the digest of its body, one per encoding: the gzip body is compressed once, when the page is stored.
"""

import gzip
import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import cache, wraps
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from foundation.versions import (
    build_started_at,
    content_changed_at,
    lease_seconds,
    recording_dependencies,
    still_fresh,
)

# A stored page stays until what it shows changes; the timeout only bounds what a deploy leaves behind.
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
# Below this, gzip's header and the work cost more than they save.
COMPRESS_FROM_BYTES = 200
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@dataclass(frozen=True, slots=True)
class Stored:
    """A page as it is kept: its body, once compressed, its validators and what it was built from."""

    status: int
    content: bytes
    headers: dict
    gzipped: bytes | None
    digest: str
    built_at: float
    dependencies: frozenset
    # The content version under which it was last found fresh: while it holds, no check is needed.
    version: float

    def __getitem__(self, index):  # LocalPages sizes an entry by its body, entry[1]
        return self.content if index == 1 else None

    @property
    def size(self) -> int:
        return len(self.content) + len(self.gzipped or b"")

    @property
    def last_modified(self) -> int:
        return int(self.built_at)


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
        held = self.entries.get(key)
        if held is None:
            return None
        self.entries.move_to_end(key)
        return held[0]

    def put(self, version, key: str, entry, size: int | None = None) -> None:
        """Keep ``entry`` (a page: status, content, headers) of ``size`` bytes (by default its content)."""
        self._for(version)
        size = len(entry[1]) if size is None else size
        if size > self.limit // 8 or key in self.entries:
            return
        self.entries[key] = (entry, size)
        self.size += size
        while self.size > self.limit:
            _key, (_oldest, oldest_size) = self.entries.popitem(last=False)
            self.size -= oldest_size


_local_pages = LocalPages()


def storable(request, response) -> bool:
    """A 200 that carries nothing of one visitor: no cookie set, no CSRF token, no session read, no answer
    that varies by cookie. Only these are stored and compressed: a compressed secret leaks through the
    length of the body (BREACH)."""
    if response.status_code != 200 or response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.accessed:
        return False
    return "cookie" not in response.get("Vary", "").lower()


def store_page(response, *, built_at: float, dependencies, version: float) -> Stored:
    content = response.content
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    compressed = (
        gzip.compress(content, compresslevel=6, mtime=0) if len(content) >= COMPRESS_FROM_BYTES else None
    )
    return Stored(
        status=200,
        content=content,
        headers=headers,
        gzipped=compressed if compressed is not None and len(compressed) < len(content) else None,
        digest=hashlib.sha256(content).hexdigest()[:32],
        built_at=built_at,
        dependencies=frozenset(dependencies),
        version=version,
    )


def accepts_gzip(request) -> bool:
    return bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def variant_etag(digest: str, *, gzipped: bool) -> str:
    """The validator of one encoding of a body whose digest is ``digest``: a compressed copy is another
    representation, and a cache holding one must not answer with it a client that cannot read it."""
    return f'"{digest}-gzip"' if gzipped else f'"{digest}"'


def compress_answer(response) -> None:
    """Send a rendered API answer gzip-compressed (the caller chose its ETag with ``variant_etag``). Only
    answers of the content API come here: public data, no token nor session in them."""
    content = response.content
    if response.status_code == 200 and len(content) >= COMPRESS_FROM_BYTES:
        compressed = gzip.compress(content, compresslevel=6, mtime=0)
        if len(compressed) < len(content):
            response.content = compressed
            response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])


def fresh(entry: Stored | None, version: float) -> Stored | None:
    """``entry`` if nothing it was built from changed since (one cache round trip unless the content
    version is still the one it was found fresh under), else None."""
    if entry is None:
        return None
    if entry.version == version:
        return entry
    return replace(entry, version=version) if still_fresh(entry.built_at, entry.dependencies) else None


def serve(request, entry: Stored, *, client_cache: str | None = None):
    """``entry`` as this request asked for it: compressed when accepted, or a 304 when the client holds it."""
    compressed = entry.gzipped is not None and accepts_gzip(request)
    etag = variant_etag(entry.digest, gzipped=compressed)
    conditional = get_conditional_response(request, etag=etag, last_modified=entry.last_modified)
    if conditional is not None:
        response = conditional
    else:
        response = HttpResponse(entry.gzipped if compressed else entry.content, status=entry.status)
        for name, value in entry.headers.items():
            response[name] = value
        if compressed:
            response["Content-Encoding"] = "gzip"
    if entry.gzipped is not None:
        patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(entry.last_modified)
    if client_cache is None:
        # Browsers and shared caches may keep a copy but must ask again: an editor's save shows at once.
        patch_cache_control(response, public=True, no_cache=True)
    else:
        response["Cache-Control"] = client_cache
    return response


def cached_page(view=None, *, store: bool = True, every_language: bool = False):
    """Serve a page from the per-language cache and answer conditional GETs with 304.

    A stored page is served while nothing it was built from has changed (see the module); only 200
    responses without a visitor's cookie or token are stored. ``store=False`` keeps the ETag and 304
    handling, by content version, but renders every time (search pages with arbitrary queries).
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
            if not store:
                return _unstored(view, request, *args, **kwargs)
            version = content_changed_at().timestamp()
            key = f"atlas:page:{translation.get_language()}:{_request_identity(request)}"
            store_here = not settings.DEBUG
            local = store_here and lease_seconds() > 0
            entry = _local_pages.get(version, key) if local else None
            if entry is None and store_here:
                found = django_cache.get(key)
                entry = fresh(found, version)
                if entry is not None and entry is not found:
                    django_cache.set(key, entry, PAGE_CACHE_SECONDS)
                if entry is not None and local:
                    _local_pages.put(version, key, entry, size=entry.size)
            if entry is not None:
                return serve(request, entry)
            built_at = build_started_at()
            with recording_dependencies() as dependencies:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
            if not storable(request, response):
                return response
            entry = store_page(response, built_at=built_at, dependencies=dependencies, version=version)
            if store_here:
                django_cache.set(key, entry, PAGE_CACHE_SECONDS)
                if local:
                    _local_pages.put(version, key, entry, size=entry.size)
            return serve(request, entry)

        return wrapper

    return decorator(view) if view is not None else decorator


def _unstored(view, request, *args, **kwargs):
    """A page rendered on every request, with validators from the content version."""
    changed = content_changed_at()
    lang = translation.get_language()
    version = f"{changed.timestamp():.3f}|{lang}|{_request_identity(request)}"
    etag = f'"{hashlib.sha256(version.encode()).hexdigest()[:32]}"'
    last_modified = int(changed.timestamp())
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    response = conditional if conditional is not None else view(request, *args, **kwargs)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, no_cache=True)
    return response
