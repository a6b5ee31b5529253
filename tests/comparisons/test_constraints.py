import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from codes.models import Family, StatusCode
from comparisons.models import Comparison


@pytest.fixture
def codes(content):
    return {c.slug: c for c in StatusCode.objects.all()}


@pytest.fixture
def smtp_code(db):
    smtp = Family.objects.create(slug="smtp", name_en="SMTP", position=2)
    return StatusCode.objects.create(family=smtp, number=250, slug="250", phrase="OK")


def test_pair_is_stored_lower_number_first(codes):
    comparison = Comparison.objects.create(
        family=codes["404"].family, code_a=codes["404"], code_b=codes["202"]
    )
    comparison.refresh_from_db()
    assert (comparison.code_a.slug, comparison.code_b.slug, comparison.slug) == ("202", "404", "202-vs-404")


def test_same_number_pair_is_ordered_by_slug(codes):
    comparison = Comparison.objects.create(
        family=codes["451"].family, code_a=codes["451-iis"], code_b=codes["451"]
    )
    assert comparison.slug == "451-vs-451-iis"


def test_reversed_duplicate_is_refused_by_the_database(codes):
    # 202-vs-520 exists in the test content.
    with pytest.raises(IntegrityError), transaction.atomic():
        Comparison.objects.create(family=codes["520"].family, code_a=codes["520"], code_b=codes["202"])


def test_self_pair_is_refused_by_the_database(codes):
    with pytest.raises(IntegrityError), transaction.atomic():
        Comparison.objects.bulk_create(
            [Comparison(family=codes["404"].family, code_a=codes["404"], code_b=codes["404"], slug="x")]
        )


def test_wrong_order_written_around_save_is_refused_by_the_database(codes):
    with pytest.raises(IntegrityError), transaction.atomic():
        Comparison.objects.bulk_create(
            [Comparison(family=codes["404"].family, code_a=codes["404"], code_b=codes["202"], slug="x")]
        )


def test_cross_family_pair_is_refused_by_the_database(codes, smtp_code):
    with pytest.raises(IntegrityError), transaction.atomic():
        Comparison.objects.bulk_create(
            [Comparison(family=codes["202"].family, code_a=codes["202"], code_b=smtp_code, slug="x")]
        )


def test_full_clean_explains_each_rule(codes, smtp_code):
    http = codes["202"].family
    cases = [
        (Comparison(family=http, code_a=codes["404"], code_b=codes["404"]), "two different codes"),
        (Comparison(family=http, code_a=codes["520"], code_b=codes["202"]), "already exists"),
        (Comparison(family=http, code_a=codes["202"], code_b=smtp_code), "same family"),
    ]
    for comparison, message in cases:
        with pytest.raises(ValidationError, match=message):
            comparison.full_clean()


def test_publish_sets_the_timestamp_and_editor(codes, editor):
    draft = Comparison.objects.get(slug="404-vs-451")
    assert draft.published_at is None
    draft.publish(by=editor)
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.published_at is not None
    assert draft.updated_by == editor
