"""What an integrating developer does with the generated Python client; the test runs it and checks it
with ``mypy --strict``, and makes sure nothing in it overrides the types the schema gives."""

import sys
from http import HTTPStatus
from typing import Protocol

from http_status_atlas_api_client import Client
from http_status_atlas_api_client.api.codes import codes_list, codes_retrieve
from http_status_atlas_api_client.api.comparisons import comparisons_list, comparisons_retrieve
from http_status_atlas_api_client.api.vendors import vendors_list
from http_status_atlas_api_client.models import (
    Code,
    CodeDetail,
    CodeTexts,
    ComparisonDetail,
    LanguageCodeOrAll,
    Moved,
    PaginatedCodeList,
    PaginatedComparisonList,
    Problem,
    RegistryStatus,
    StatusClass,
    Vendor,
    VendorList,
)


class StatusCode(Protocol):
    """What a line about a code reads: a Code from a list and a CodeDetail both have it, with one type."""

    number: int
    phrase: str
    texts: CodeTexts
    vendor: None | Vendor


def line(code: StatusCode) -> str:
    vendor = f" ({code.vendor.name})" if code.vendor is not None else ""
    return f"{code.number} {code.texts.title or code.phrase}{vendor}"


def registered(code: Code | CodeDetail) -> bool:
    return code.registry_status.value is RegistryStatus.REGISTERED


def japanese_vendor_codes(client: Client) -> list[str]:
    """The 5xx codes some vendor defines, named in Japanese."""
    vendors = vendors_list.sync(client=client)
    assert isinstance(vendors, VendorList)
    page = codes_list.sync(
        client=client, class_=StatusClass.SERVER_ERROR, official=False, lang=LanguageCodeOrAll.JA
    )
    assert isinstance(page, PaginatedCodeList)
    assert page.language.value == "ja"
    known = {vendor.slug for vendor in vendors.results}
    return [
        line(code)
        for code in page.results
        if code.vendor is not None and code.vendor.slug in known and not registered(code)
    ]


def one_code_in_indonesian(client: Client) -> str:
    """A detail goes wherever a list item does."""
    code = codes_retrieve.sync("http", "404", client=client, lang=LanguageCodeOrAll.ID)
    assert isinstance(code, CodeDetail)
    assert registered(code)
    return line(code)


def indonesian_comparison_then_revalidate(client: Client) -> str:
    first = comparisons_retrieve.sync_detailed("http", "202-vs-520", client=client, lang=LanguageCodeOrAll.ID)
    comparison = first.parsed
    assert isinstance(comparison, ComparisonDetail)
    assert comparison.language.value == "id"
    etag = first.headers["ETag"]
    again = comparisons_retrieve.sync_detailed(
        "http", "202-vs-520", client=client, lang=LanguageCodeOrAll.ID, if_none_match=etag
    )
    assert again.status_code == HTTPStatus.NOT_MODIFIED, again.status_code
    return comparison.texts.title or comparison.slug


def reversed_pair(client: Client) -> str:
    moved = comparisons_retrieve.sync_detailed("http", "520-vs-202", client=client)
    assert moved.status_code == HTTPStatus.MOVED_PERMANENTLY, moved.status_code
    assert isinstance(moved.parsed, Moved)
    return moved.parsed.location


def every_comparison(client: Client) -> list[str]:
    slugs: list[str] = []
    number = 1
    while True:
        page = comparisons_list.sync(client=client, page=number, page_size=1)
        assert isinstance(page, PaginatedComparisonList)
        slugs += [comparison.slug for comparison in page.results]
        if page.next_ is None:
            assert len(slugs) == page.count
            return slugs
        number += 1


def a_problem(client: Client) -> Problem:
    answer = codes_list.sync_detailed(client=client, page=999, lang=LanguageCodeOrAll.ID)
    assert isinstance(answer.parsed, Problem)
    return answer.parsed


def main(base_url: str) -> None:
    client = Client(base_url=base_url)
    vendor_codes = japanese_vendor_codes(client)
    assert vendor_codes
    print("\n".join(vendor_codes))
    print(one_code_in_indonesian(client))
    print(indonesian_comparison_then_revalidate(client))
    assert reversed_pair(client).endswith("/comparisons/http/202-vs-520/")
    print(len(every_comparison(client)), "comparisons")
    problem = a_problem(client)
    assert problem.status == 404
    print(problem.type_, problem.title)


if __name__ == "__main__":
    main(sys.argv[1])
