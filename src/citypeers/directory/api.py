"""JSON API routes for the directory list and exports, mounted under /api/v1/.

One jurisdiction's detail and story (`/jurisdictions/{key}`) are the profiles app's.
"""

import io
import json

from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from ninja import Query, Router
from ninja.pagination import paginate

from citypeers.core.api.pagination import PagePagination
from citypeers.core.spreadsheet import csv_writer
from citypeers.directory.enums import GovernmentType
from citypeers.directory.schemas import JurisdictionListOut, JurisdictionQuery
from citypeers.directory.selectors import (
    LIST_FIELDS,
    DirectoryFilters,
    directory_search,
)
from citypeers.directory.states import find_state

router = Router(tags=["directory"])

EXPORT_COLUMNS = [
    "geoid",
    "slug",
    "name",
    "state",
    "state_fips",
    "county_name",
    "county_fips",
    "kind",
    "legal_type",
    "population",
    "population_year",
    "population_source",
    "latitude",
    "longitude",
]
EXPORT_CHUNK = 2000


def _filters(query: JurisdictionQuery) -> DirectoryFilters:
    state = ""
    if query.state:
        found = find_state(query.state)
        if found is None:
            raise ValidationError(
                {"state": [f"Unknown state {query.state!r}: use a USPS code such as MA."]}
            )
        state = found.code
    if query.type and query.type not in GovernmentType.values:
        raise ValidationError(
            {"type": [f"Unknown type {query.type!r}: one of {', '.join(GovernmentType.values)}."]}
        )
    low, high = query.min_population, query.max_population
    if low is not None and high is not None and low > high:
        raise ValidationError({"min_population": ["min_population is larger than max_population."]})
    return DirectoryFilters(
        search=query.search,
        state=state,
        kind=query.type,
        min_population=low,
        max_population=high,
        sort=query.sort,
    )


@router.get("/jurisdictions", response=list[JurisdictionListOut], url_name="jurisdiction_list")
@paginate(PagePagination)
def jurisdiction_list(request, query: Query[JurisdictionQuery]):
    """The directory: search, filter by state, type and population, sort; paginated."""
    return directory_search(_filters(query)).only(*LIST_FIELDS, "latitude", "longitude")


def _export_rows(query: JurisdictionQuery):
    return (
        directory_search(_filters(query))
        .values_list(*EXPORT_COLUMNS)
        .iterator(chunk_size=EXPORT_CHUNK)
    )


@router.get("/export/jurisdictions.csv", url_name="jurisdiction_export_csv")
def export_csv(request, query: Query[JurisdictionQuery]):
    """The filtered directory as CSV, streamed."""
    rows = _export_rows(query)

    def stream():
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            writer.writerow(row)
            if buffer.tell() > 64_000:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="jurisdictions.csv"'
    return response


@router.get("/export/jurisdictions.json", url_name="jurisdiction_export_json")
def export_json(request, query: Query[JurisdictionQuery]):
    """The filtered directory as a JSON array, streamed."""
    rows = _export_rows(query)

    def stream():
        yield "["
        for index, row in enumerate(rows):
            yield ("," if index else "") + json.dumps(dict(zip(EXPORT_COLUMNS, row, strict=True)))
        yield "]"

    response = StreamingHttpResponse(stream(), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="jurisdictions.json"'
    return response
