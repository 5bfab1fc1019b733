"""JSON API routes for directory, mounted under /api/v1/ by citypeers.api.urls."""

import csv
import io
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import StreamingHttpResponse
from ninja import Query, Router
from ninja.pagination import paginate

from citypeers.api.auth import REQUIRED_AUTH, current_user
from citypeers.api.pagination import PagePagination
from citypeers.directory.enums import GovernmentType
from citypeers.directory.models import Jurisdiction
from citypeers.directory.permissions import can_edit_profile
from citypeers.directory.schemas import (
    JurisdictionListOut,
    JurisdictionOut,
    JurisdictionQuery,
    StoryPatch,
)
from citypeers.directory.selectors import (
    LIST_FIELDS,
    DirectoryFilters,
    directory_search,
    jurisdiction_by_key,
)
from citypeers.directory.selectors.context import context_for
from citypeers.directory.selectors.profile import profile_counts, story_visible
from citypeers.directory.services import profiles
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


def _list_item(entry: Jurisdiction) -> dict:
    return {
        "slug": entry.slug,
        "geoid": entry.geoid,
        "name": entry.name,
        "state": entry.state,
        "county_name": entry.county_name,
        "kind": entry.kind,
        "population": entry.population,
        "population_year": entry.population_year,
        "population_source": entry.population_source,
        "latitude": entry.latitude,
        "longitude": entry.longitude,
        "url": entry.get_absolute_url(),
    }


def _detail(user, entry: Jurisdiction) -> dict:
    story = None
    if story_visible(user, entry):
        story = {
            "summary": entry.summary,
            "future_plans": entry.future_plans,
            "status": entry.story_status,
            "is_demo": entry.story_is_demo,
        }
    return {
        **_list_item(entry),
        "state_fips": entry.state_fips,
        "county_fips": entry.county_fips,
        "census_level": entry.census_level,
        "legal_type": entry.legal_type,
        "functional_status": entry.functional_status,
        "timezone": entry.timezone,
        "population_band": entry.population_band,
        "story": story,
        "counts": profile_counts(user, entry),
        "indicators": [
            {
                "code": figure.code,
                "label": figure.label,
                "unit": figure.unit,
                "theme": figure.theme,
                "value": figure.value,
                "year": figure.year,
                "source": figure.source,
                "national_percentile": figure.national_percentile,
                "state_percentile": figure.state_percentile,
            }
            for figure in context_for(entry)
        ],
    }


@router.get("/jurisdictions", response=list[JurisdictionListOut], url_name="jurisdiction_list")
@paginate(PagePagination)
def jurisdiction_list(request, query: Query[JurisdictionQuery]):
    """The directory: search, filter by state, type and population, sort; paginated."""
    return directory_search(_filters(query)).only(*LIST_FIELDS, "latitude", "longitude")


@router.get("/jurisdictions/{key}", response=JurisdictionOut, url_name="jurisdiction_detail")
def jurisdiction_detail(request, key: str):
    """One entry by 7-digit place GEOID (5-digit county FIPS) or slug."""
    return _detail(current_user(request), jurisdiction_by_key(key))


@router.patch(
    "/jurisdictions/{key}",
    response=JurisdictionOut,
    auth=REQUIRED_AUTH,
    url_name="jurisdiction_update",
)
def jurisdiction_update(request, key: str, payload: StoryPatch):
    """Change the profile story (editors of the city and site admins)."""
    user = current_user(request)
    entry = jurisdiction_by_key(key)
    if not can_edit_profile(user, entry):
        raise PermissionDenied("Only this city's editors may change its profile.")
    profiles.update_story(jurisdiction=entry, actor=user, **payload.dict())
    return _detail(user, entry)


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
        writer = csv.writer(buffer)
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
