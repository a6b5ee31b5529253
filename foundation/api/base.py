"""What every API endpoint shares: pagination, caching with validators, language negotiation, envelopes."""

import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import wraps
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import QuerySet
from django.http.response import HttpResponseRedirectBase
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import filters, pagination, serializers
from rest_framework.exceptions import NotAcceptable, NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from foundation.api.errors import PageNotFound
from foundation.api.fields import LANGUAGE_SCHEMA, LanguageField, page_language
from foundation.api.negotiation import (
    ALL,
    DEFAULT,
    LANG_PARAM,
    UnsupportedLanguage,
    content_language,
    negotiate,
)
from foundation.api.throttling import uncount_request
from foundation.caching import LocalPages, accepts_gzip, compress_answer, variant_etag
from foundation.versions import (
    build_started_at,
    content_changed_at,
    lease_seconds,
    recording_dependencies,
    still_fresh,
)

# Server-side copies live until what they were built from changes; the timeout bounds what a deploy leaves.
CACHE_SECONDS = 60 * 60 * 24
# Answers this worker served lately (with a version lease): no round trip to Redis, served while it is away.
_local_answers = LocalPages()


# Clients and shared caches may reuse an answer this long before revalidating it with its ETag.
CLIENT_MAX_AGE = 60


@dataclass(frozen=True)
class Redirect:
    """A cacheable "moved permanently" answer."""

    location: str


class MovedSerializer(serializers.Serializer):
    """A 301's body: the resource's canonical address, as in ``Location``."""

    location = serializers.URLField(help_text="The canonical address; the query you sent is kept.")


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """An answer's data (pickled: served as built), its digest, and what it was built from."""

    data: bytes
    digest: str
    built_at: float
    dependencies: frozenset
    # The content version under which it was last found fresh.
    version: float

    def __getitem__(self, index):  # LocalPages sizes an entry by entry[1]
        return self.data if index == 1 else None


def _fresh_answer(stored, version: float):
    if not isinstance(stored, StoredAnswer):
        return None
    if stored.version == version:
        return stored
    return replace(stored, version=version) if still_fresh(stored.built_at, stored.dependencies) else None


class Pagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        """A page of keys first, then that page's rows: ordering whole rows (every text in 12 languages)
        to keep 50 of them made the database read and sort the whole table."""
        self.language = getattr(view, "language", DEFAULT)
        try:
            if not isinstance(queryset, QuerySet):
                return super().paginate_queryset(queryset, request, view)
            keys = super().paginate_queryset(queryset.values_list("pk", flat=True), request, view)
        except NotFound as error:
            raise PageNotFound(error.detail) from error
        if keys is None:
            return None
        rows = queryset.in_bulk(keys)
        return [rows[key] for key in keys]

    def get_paginated_response(self, data):
        """The page, with the language it is in first."""
        return Response({"language": self.language, **super().get_paginated_response(data).data})

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        envelope["properties"].update(
            count={"type": "integer", "minimum": 0, "description": "Items in the whole list."},
            next={
                "type": ["string", "null"],
                "format": "uri",
                "description": "The next page; null on the last.",
            },
            previous={
                "type": ["string", "null"],
                "format": "uri",
                "description": "The previous page; null on the first.",
            },
        )
        envelope["required"] = [*envelope["required"], "next", "previous"]
        envelope["properties"] = {"language": LANGUAGE_SCHEMA, **envelope["properties"]}
        envelope["required"] = ["language", *envelope["required"]]
        return envelope


class HtmlQuerySerializer(serializers.Serializer):
    html = serializers.BooleanField(
        required=False,
        default=False,
        help_text="`true`: each item also carries its texts as sanitised HTML (`html`).",
    )


class PageQuerySerializer(HtmlQuerySerializer):
    page = serializers.IntegerField(required=False, min_value=1, help_text="The page, from 1.")
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=Pagination.max_page_size,
        help_text=f"Items a page: {Pagination.page_size} unless given, at most {Pagination.max_page_size}.",
    )


def parameter_names(serializer_class) -> set[str]:
    return set(serializer_class().fields)


def link_header(request, data: dict) -> str:
    """RFC 8288 links to the other pages of a paginated answer: next, prev, first and last."""
    size = int(request.query_params.get("page_size") or Pagination.page_size)
    last = max(1, -(-data["count"] // size))
    url = request.build_absolute_uri()
    links = {
        "next": data.get("next"),
        "prev": data.get("previous"),
        "first": remove_query_param(url, "page"),
        "last": replace_query_param(url, "page", last) if last > 1 else remove_query_param(url, "page"),
    }
    return ", ".join(f'<{target}>; rel="{rel}"' for rel, target in links.items() if target)


class ContentAPIMixin:
    """Language negotiation, per-language caching, ETag/Last-Modified and headers for every endpoint.

    The whole answer, messages and labels included, is produced inside ``translation.override``;
    ``?lang=all`` keeps labels in English and gives every text in every language.
    """

    language: str = DEFAULT
    language_error: UnsupportedLanguage | None = None
    # Accept allows no JSON: a success is answered 406, an error as the problem it is (RFC 9110 §12.5.1
    # lets a server disregard Accept; a problem document is what a client that only accepts
    # application/problem+json asks for, and is more use to any client than a 406).
    not_acceptable: NotAcceptable | None = None
    # The query parameters besides ``lang``: any other is refused with a 400 that names it.
    query_parameter_classes: tuple = ()

    def dispatch(self, request, *args, **kwargs):
        try:
            self.language = negotiate(request)
        except UnsupportedLanguage as error:
            self.language_error = error
        with translation.override(page_language(self.language)):
            response = super().dispatch(request, *args, **kwargs)
            # Render here so that nothing lazy is turned into text outside the language.
            if callable(getattr(response, "render", None)):
                response.render()
        if getattr(response, "gzip_accepted", False):
            compress_answer(response)
        return response

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except NotAcceptable as error:
            self.not_acceptable = error
            return super().perform_content_negotiation(request, force=True)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.language_error is not None:
            raise self.language_error
        self.refuse_unknown_parameters(request)

    def parameter_classes(self) -> list:
        classes = list(self.query_parameter_classes)
        if getattr(self, "action", None) == "list" and getattr(self, "pagination_class", None):
            classes += [PageQuerySerializer, getattr(self, "query_serializer_class", None)]
        return [serializer_class for serializer_class in classes if serializer_class]

    def refuse_unknown_parameters(self, request):
        """A 400 for a parameter the endpoint does not take or a value it refuses, before any answer
        (a 304 included) is looked for."""
        if getattr(self, request.method.lower(), None) is None:
            return  # a method the endpoint does not answer: 405, whatever the query
        accepted = {LANG_PARAM}.union(*map(parameter_names, self.parameter_classes()))
        unknown = sorted(set(request.query_params) - accepted)
        if unknown:
            message = _("Unknown parameter. This endpoint takes: %(names)s.") % {
                "names": ", ".join(sorted(accepted))
            }
            raise ValidationError({name[:40]: [message] for name in unknown})
        for serializer_class in self.parameter_classes():
            self.validated_query(serializer_class)

    def finalize_response(self, request, response, *args, **kwargs):
        if self.not_acceptable is not None and (response.status_code < 300 or response.status_code == 304):
            response = self.handle_exception(self.not_acceptable)
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = content_language(self.language)
        patch_vary_headers(response, ["Accept-Language"])
        data = getattr(response, "data", None)
        if response.status_code == 200 and isinstance(data, dict) and "next" in data and "count" in data:
            response["Link"] = link_header(request, data)
        rate_limit = getattr(self, "rate_limit", None)
        if rate_limit is not None:
            for name, value in rate_limit.headers().items():
                response[name] = value
        return response

    def wants_html(self) -> bool:
        value = self.request.query_params.get("html", "")
        return value.lower() in {"true", "1", "yes", "on"}

    def get_serializer_context(self):
        return {
            "request": self.request,
            "view": self,
            "format": self.format_kwarg,
            "language": self.language,
            # None while the schema is generated, which lists the field.
            "html": None if getattr(self, "swagger_fake_view", False) else self.wants_html(),
        }

    def search_language(self) -> str:
        return DEFAULT if self.language == ALL else self.language

    def representation_uri(self) -> str:
        """This answer's address with its query in a fixed order: one cache entry however it is spelt."""
        query = urlencode(
            sorted((key, value) for key, values in self.request.GET.lists() for value in values)
        )
        base = self.request.build_absolute_uri(self.request.path)
        return f"{base}?{query}" if query else base

    def respond(self, build: Callable[[], object]):
        """Answer with ``build()``'s data (or Redirect), from the cache while nothing it was built from has
        changed; its ETag is the digest of the data, so each resource revalidates on its own. A resource
        that does not exist raises before any validator is compared: a 404, never a 304."""
        version = content_changed_at().timestamp()
        digest = hashlib.sha256(f"{self.representation_uri()}|{self.language}".encode()).hexdigest()
        key = f"atlas:api:{self.language}:{digest}"
        local = lease_seconds() > 0
        stored = _local_answers.get(version, key) if local else None
        if stored is None:
            found = cache.get(key)
            stored = _fresh_answer(found, version)
            if stored is None:
                built_at = build_started_at()
                with recording_dependencies() as dependencies:
                    answer = build()
                data = pickle.dumps(answer)
                stored = StoredAnswer(
                    data, hashlib.sha256(data).hexdigest()[:32], built_at, frozenset(dependencies), version
                )
            if stored is not found:
                cache.set(key, stored, CACHE_SECONDS)
            if local:
                _local_answers.put(version, key, stored, size=len(stored.data))
        gzip_accepted = accepts_gzip(self.request)
        headers = {
            "ETag": variant_etag(stored.digest, gzipped=gzip_accepted),
            "Vary": "Accept-Encoding",
            "Last-Modified": http_date(int(stored.built_at)),
            "Cache-Control": f"public, max-age={CLIENT_MAX_AGE}",
        }
        conditional = get_conditional_response(
            self.request, etag=headers["ETag"], last_modified=int(stored.built_at)
        )
        if conditional is not None:
            if conditional.status_code == 304:
                # A revalidation costs the server next to nothing: it does not count against the limit.
                uncount_request(self.request)
                for name, value in headers.items():
                    conditional[name] = value
            return conditional
        answer = pickle.loads(stored.data)
        if isinstance(answer, Redirect):
            return Response({"location": answer.location}, status=301, headers={"Location": answer.location})
        response = Response(answer, headers=headers)
        response.gzip_accepted = gzip_accepted
        return response

    def validated_query(self, serializer_class) -> dict:
        query = serializer_class(data=self.request.query_params.dict())
        query.is_valid(raise_exception=True)
        return query.validated_data


def envelope(name: str, item):
    """An unpaginated list with the language it is in."""
    return extend_schema_serializer(many=False)(
        type(
            name,
            (serializers.Serializer,),
            {
                "language": LanguageField(),
                "count": serializers.IntegerField(),
                "results": item(many=True),
            },
        )
    )


class QueryParameters(filters.BaseFilterBackend):
    """A list's query parameters, validated by the view's ``query_serializer_class`` (a JSON 400 that names
    the parameter, a page or page size that is not a number included), then handed to the view's
    ``select(**parameters)``, which reads them through its selectors."""

    def filter_queryset(self, request, queryset, view):
        view.validated_query(PageQuerySerializer)
        return view.select(**view.validated_query(view.query_serializer_class))


def cached_answer(handler):
    """Serve a view's answer from the cache while the content has not changed, with ETag and
    Last-Modified and 304s (ContentAPIMixin.respond); the view itself answers as DRF views do."""

    @wraps(handler)
    def answer(self, request, *args, **kwargs):
        def build():
            response = handler(self, request, *args, **kwargs)
            if isinstance(response, HttpResponseRedirectBase):
                return Redirect(response["Location"])
            return response.data

        return self.respond(build)

    return answer
