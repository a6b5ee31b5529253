import pytest
from django.core.cache import cache

from codes.models import Family, StatusCode, Vendor
from comparisons.models import Comparison


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every API test starts with empty response caches and throttle counters."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def more_content(content):
    """The fixture data set and then some: another family, 40 more codes, 12 more published comparisons."""
    http = Family.objects.get(slug="http")
    cloudflare = Vendor.objects.get(slug="cloudflare")
    grpc = Family.objects.create(slug="grpc", name_en="gRPC", name_de="gRPC", position=2)
    created = []
    for number in range(530, 570):
        vendor = cloudflare if number % 2 else None
        created.append(
            StatusCode.objects.create(
                family=http,
                number=number,
                slug=str(number),
                phrase=f"Phrase {number}",
                registry_status="unofficial" if vendor else "registered",
                vendor=vendor,
                title_en=f"Title {number}",
                title_ind=f"Judul {number}",
                summary_en=f"Summary {number}.",
                description_en="Some **Markdown**.",
            )
        )
    StatusCode.objects.create(family=grpc, number=14, slug="unavailable", phrase="UNAVAILABLE")
    for first, second in zip(created[:12], created[12:24], strict=True):
        Comparison.objects.create(
            family=http,
            code_a=first,
            code_b=second,
            status=Comparison.Status.PUBLISHED,
            summary_en="A summary.",
            key_differences_en="- one\n- two",
            summary_ind="Ringkasan.",
        )
    Comparison.objects.create(
        family=http,
        code_a=created[30],
        code_b=created[31],
        status=Comparison.Status.DRAFT,
        summary_en="Draft.",
    )
