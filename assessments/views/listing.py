"""Long lists on pages: pagination and sortable column headers, the same on every page that has them."""
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.http import urlencode

PAGE_SIZE = 50


def page_of(request: HttpRequest, items, size: int = PAGE_SIZE) -> Page:
    """The page the ``page`` parameter asks for; the first or last page for anything out of range or not a number."""
    return Paginator(items, size).get_page(request.GET.get("page"))


def query_string(request: HttpRequest) -> str:
    """The current filters without the page number, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@dataclass(frozen=True)
class SortHeader:
    """A column header that sorts the list: ``url`` sorts by it, ``aria_sort`` says how it is sorted now."""

    key: str
    label: str
    url: str
    aria_sort: str  # "ascending", "descending" or "none", for the header's aria-sort
    numeric: bool = False


def sort_header(
    *, key: str, label: str = "", query: Mapping[str, str], sorted_by: str, descending: bool,
    descending_first: bool = False, numeric: bool = False, base_url: str = "",
) -> SortHeader:
    """The header of column ``key``, its link keeping ``query`` (the other filters).

    Clicking the column the list is sorted by flips the order; clicking another sorts by it,
    descending first if ``descending_first`` (scores: best first), else ascending.
    """
    current = sorted_by == key
    goes_descending = (not descending) if current else descending_first
    params = {**query, "sort": key, "order": "desc" if goes_descending else "asc"}
    return SortHeader(
        key=key, label=label, url=f"{base_url}?{urlencode(params)}", numeric=numeric,
        aria_sort=("descending" if descending else "ascending") if current else "none",
    )
