"""A page on another origin calls the API as a browser does: CORS lets it send If-None-Match and read the
ETag, Link and RateLimit-* headers, and the second fetch of an unchanged answer is a 304."""

from urllib.parse import urlsplit

FETCH_TWICE = """async (url) => {
    const first = await fetch(url, {cache: "no-store"});
    const etag = first.headers.get("ETag");
    const second = await fetch(url, {cache: "no-store", headers: {"If-None-Match": etag}});
    return {
        first: first.status,
        etag: etag,
        limit: first.headers.get("RateLimit-Limit"),
        remaining: first.headers.get("RateLimit-Remaining"),
        second: second.status,
    };
}"""
BLANK = "<!doctype html><title>client</title>"


def open_client_page(page, site) -> str:
    """A blank page at http://localhost:<port>, answered by the browser itself (so no policy of the site's
    own pages applies); the API's origin it calls, http://127.0.0.1:<port>, is another origin."""
    port = urlsplit(site.url).port
    address = f"http://localhost:{port}/cors-client/"
    # Chromium asks before a page reaches a loopback address (Local Network Access); a user would allow it.
    page.context.grant_permissions(["local-network-access"], origin=f"http://localhost:{port}")
    page.route(address, lambda route: route.fulfill(status=200, content_type="text/html", body=BLANK))
    page.goto(address)
    return f"http://127.0.0.1:{port}"


def test_a_page_on_another_origin_revalidates_an_api_answer_and_gets_a_304(site, page):
    api = open_client_page(page, site)
    result = page.evaluate(FETCH_TWICE, f"{api}/api/v1/codes/http/404/?lang=id")
    assert result["first"] == 200
    assert result["etag"]
    assert int(result["limit"]) > int(result["remaining"]) >= 0
    assert result["second"] == 304


def test_a_page_on_another_origin_reads_the_pagination_links(site, page):
    api = open_client_page(page, site)
    link = page.evaluate(
        "async (url) => (await fetch(url)).headers.get('Link')", f"{api}/api/v1/codes/?page_size=2"
    )
    assert 'rel="next"' in link
    assert 'rel="last"' in link
