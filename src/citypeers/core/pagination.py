"""Pagination for HTML lists: one page object and the query string for the other pages."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

DEFAULT_PAGE_SIZE = 25


@dataclass(frozen=True)
class PageResult:
    page: Page
    querystring: str  # the current query without `page`, ready for `?{{ querystring }}&page=N`


def paginate(request, queryset, *, per_page: int = DEFAULT_PAGE_SIZE) -> PageResult:
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return PageResult(page=page, querystring=query.urlencode())
