"""The site search page. Thin: parse → visibility → one search or selector → render."""

from django.core.paginator import Paginator
from django.shortcuts import render

from citypeers.search.backends import search
from citypeers.search.registry import KIND_LABELS, kind_label
from citypeers.web.search_selectors import (
    clean_filters,
    clean_kinds,
    facet_choices,
    grouped_search,
    sees_private_documents,
)

PAGE_SIZE = 20
MAX_PAGE = 50
FACET_LEGENDS = [
    ("area", "Challenge area"),
    ("state", "State"),
    ("band", "Population"),
    ("year", "Year"),
]  # deeper pages are rarely useful and cost the engine more


class _Count:
    """Lets Django's Paginator page through a total the engine already counted."""

    def __init__(self, total):
        self.total = total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, item):
        return []


def search_page(request):
    query = request.GET.get("q", "")[:200]
    kinds = clean_kinds(request.GET.get("kind", ""))[:1]
    filters = clean_filters(
        area=request.GET.getlist("area"),
        state=request.GET.getlist("state"),
        band=request.GET.getlist("band"),
        year=request.GET.getlist("year"),
    )
    filter_query = request.GET.copy()
    for name in ("q", "kind", "page"):
        filter_query.pop(name, None)
    context = {
        "q": query,
        "kind": kinds[0] if kinds else "",
        "kind_labels": KIND_LABELS,
        "filter_querystring": filter_query.urlencode(),
        "facet_legends": FACET_LEGENDS,
    }
    if query.strip() and kinds:
        try:
            number = max(1, min(int(request.GET.get("page", 1)), MAX_PAGE))
        except ValueError:
            number = 1
        results = search(
            query,
            kinds=kinds,
            include_private=sees_private_documents(request.user),
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
            filters=filters,
            facets=True,
        )
        paginator = Paginator(_Count(min(results.total, PAGE_SIZE * MAX_PAGE)), PAGE_SIZE)
        page = paginator.get_page(number)
        querystring = request.GET.copy()
        querystring.pop("page", None)
        context.update(
            counts=results.counts,
            total=sum(results.counts.values()),
            results=results,
            kind_label=kind_label(kinds[0]),
            page=page,
            querystring=querystring.urlencode(),
            corrected=results.corrected,
            facets=facet_choices(results.facets, filters),
        )
    elif query.strip():
        overview, groups = grouped_search(query, user=request.user, filters=filters)
        context.update(
            counts=overview.counts,
            total=sum(overview.counts.values()),
            groups=groups,
            corrected=overview.corrected,
            facets=facet_choices(overview.facets, filters),
        )
    template = "search/search.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)
