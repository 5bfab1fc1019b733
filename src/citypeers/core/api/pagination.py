from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase


class PagePagination(PaginationBase):
    """`?page=N&page_size=M` → `{count, page, page_size, results}`."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int = Field(25, ge=1, le=200)

    class Output(Schema):
        count: int
        page: int
        page_size: int
        results: list[Any]

    items_attribute: str = "results"

    def paginate_queryset(self, queryset, pagination: Input, **params):
        start = (pagination.page - 1) * pagination.page_size
        return {
            "count": self._items_count(queryset),
            "page": pagination.page,
            "page_size": pagination.page_size,
            "results": list(queryset[start : start + pagination.page_size]),
        }


class MappedQuerySet:
    """A queryset whose page is turned into output dicts after fetching, so `PagePagination`
    counts and slices in the database and only the page is mapped."""

    def __init__(self, queryset, mapper):
        self.queryset, self.mapper = queryset, mapper

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        return [self.mapper(row) for row in self.queryset[item]]
