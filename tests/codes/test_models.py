import pytest
from django.db import IntegrityError

from codes.models import Family, StatusCode


def make_code(number, slug=None, family=None, **fields):
    family = family or Family.objects.get_or_create(slug="http", defaults={"name_en": "HTTP"})[0]
    return StatusCode.objects.create(
        family=family, number=number, slug=slug or str(number), phrase=fields.pop("phrase", "X"), **fields
    )


@pytest.mark.django_db
def test_class_follows_the_first_digit():
    assert make_code(404).status_class == 4
    assert make_code(103).status_class_name == "Informational"


@pytest.mark.django_db
def test_numbers_outside_100_to_599_have_no_class_and_do_not_crash():
    code = make_code(999, registry_status="unofficial")
    assert code.status_class is None
    assert str(code.status_class_name) == "Non-standard"
    assert make_code(0, slug="zero", registry_status="unofficial").status_class is None


@pytest.mark.django_db
def test_two_meanings_of_one_number_coexist_under_their_own_slugs():
    make_code(451)
    make_code(451, slug="451-iis", registry_status="unofficial")
    assert StatusCode.objects.filter(number=451).count() == 2


@pytest.mark.django_db
def test_slug_is_unique_within_a_family():
    make_code(404)
    with pytest.raises(IntegrityError):
        make_code(404)


@pytest.mark.django_db
def test_a_slug_cannot_contain_the_comparison_separator():
    with pytest.raises(IntegrityError):
        make_code(404, slug="404-vs-410")


@pytest.mark.django_db
def test_class_and_official_filters(content):
    assert {c.slug for c in StatusCode.objects.in_class(4)} == {"404", "451", "451-iis"}
    assert {c.slug for c in StatusCode.objects.official()} == {"202", "404", "451"}
    assert {c.slug for c in StatusCode.objects.unofficial()} == {"451-iis", "520", "999"}
