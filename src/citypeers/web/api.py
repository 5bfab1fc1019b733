"""JSON API route for site search, mounted under /api/v1/ by citypeers.api.urls."""

from ninja import Field, Query, Router, Schema

from citypeers.core.api.auth import current_user
from citypeers.search.backends import search
from citypeers.web.search_selectors import clean_filters, clean_kinds, sees_private_documents

router = Router(tags=["search"])


class SearchQuery(Schema):
    q: str = Field("", max_length=500, description="What to look for (websearch syntax)")
    kind: str = Field("", max_length=200, description="Kinds, comma-separated, e.g. solution")
    area: str = Field("", max_length=1000, description="Challenge area slugs, comma-separated")
    state: str = Field("", max_length=200, description="State codes, comma-separated, e.g. TN,GA")
    band: str = Field(
        "",
        max_length=200,
        description="Population bands, comma-separated: under-10k, 10k-50k, 50k-250k, "
        "250k-1m, 1m-plus",
    )
    year: str = Field("", max_length=200, description="Years, comma-separated")
    facets: bool = Field(False, description="Also count the matches by area, state, band, year")
    page: int = Field(1, ge=1, le=1000)
    page_size: int = Field(20, ge=1, le=100)


class SearchHitOut(Schema):
    kind: str
    object_id: int
    title: str
    url: str
    state: str
    jurisdiction_id: int | None
    rank: float
    is_demo: bool
    title_html: str = Field(description="Title, HTML-escaped, matches in <mark>")
    snippet_html: str = Field(description="Best passage, HTML-escaped, matches in <mark>")


class SearchOut(Schema):
    q: str
    count: int
    page: int
    page_size: int
    counts: dict[str, int] = Field(description="Matches per kind, before the kind filter")
    corrected: str = Field(
        description="The query run instead, when the one sent found nothing and a name in it "
        "looked misspelt (empty otherwise)"
    )
    facets: dict[str, dict[str, int]] = Field(
        description="With facets=true: matches by area, state, band and year, filters applied"
    )
    results: list[SearchHitOut]


# The operation id is kept from when site search lived in the search app.
@router.get(
    "/search",
    response=SearchOut,
    url_name="search",
    operation_id="citypeers_search_api_search_everything",
)
def search_everything(request, params: Query[SearchQuery]):
    """One search over profiles, challenges, solutions, insights, guides and events.

    Filters combine (AND across area, state, band and year; OR within one). Private documents
    are included only for signed-in network members. Any text is accepted.
    """
    results = search(
        params.q,
        kinds=clean_kinds(params.kind) or None,
        include_private=sees_private_documents(current_user(request)),
        limit=params.page_size,
        offset=(params.page - 1) * params.page_size,
        filters=clean_filters(
            area=params.area, state=params.state, band=params.band, year=params.year
        ),
        facets=params.facets,
    )
    return {
        "q": params.q,
        "count": results.total,
        "page": params.page,
        "page_size": params.page_size,
        "counts": results.counts,
        "corrected": results.corrected,
        "facets": results.facets,
        "results": [
            {
                "kind": h.kind,
                "object_id": h.object_id,
                "title": h.title,
                "url": h.url,
                "state": h.state,
                "jurisdiction_id": h.jurisdiction_id,
                "rank": h.rank,
                "is_demo": h.is_demo,
                "title_html": str(h.title_html),
                "snippet_html": str(h.snippet_html),
            }
            for h in results.hits
        ],
    }
