"""Long lists in pages of a fixed size, with the query string of a page."""

from django.core.paginator import InvalidPage, Paginator
from django.core.paginator import Page as ListPage
from django.http import Http404
from django.utils.translation import gettext as _

COMPARISONS_PER_PAGE = 60


def list_page(request, items, *, per_page: int | None = None) -> ListPage:
    """The page of ``items`` that ``?page=`` asks for (the first without it); 404 for any other value.

    ``?page=1`` shows the first page, whose canonical address has no page number (page_query).
    """
    number = request.GET.get("page", "1")
    paginator = Paginator(items, per_page or COMPARISONS_PER_PAGE)
    try:
        return paginator.page(number)
    except InvalidPage:
        raise Http404(_("There is no such page.")) from None


def page_query(page: ListPage | None) -> str:
    """``?page=N`` for the pages after the first, which are pages of their own for search engines."""
    return f"?page={page.number}" if page is not None and page.number > 1 else ""
