"""JSON API for one city's profile, mounted under /api/v1/ by citypeers.api.urls."""

from django.http import HttpResponse
from ninja import Router
from ninja.pagination import paginate

from citypeers.assessments.selectors import certification_for_profile
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.pagination import PagePagination
from citypeers.core.api.versions import StaleEditOut, expected_version, set_etag
from citypeers.directory.models import Jurisdiction
from citypeers.directory.schemas import jurisdiction_list_item
from citypeers.directory.selectors import jurisdiction_by_key
from citypeers.directory.selectors.context import context_for
from citypeers.profiles import services as profiles
from citypeers.profiles.audit import city_audit_trail
from citypeers.profiles.schemas import AuditEntryOut, JurisdictionOut, StoryPatch
from citypeers.profiles.selectors import (
    audit_trail_for_user,
    profile_counts,
    profile_memberships,
    profile_people,
    story_visible,
)

router = Router(tags=["directory"])


def _detail(user, entry: Jurisdiction) -> dict:
    story = None
    if story_visible(user, entry):
        story = {
            "summary": entry.summary,
            "future_plans": entry.future_plans,
            "status": entry.story_status,
            "is_demo": entry.story_is_demo,
            "version": entry.story_version,
        }
    return {
        **jurisdiction_list_item(entry),
        "state_fips": entry.state_fips,
        "county_fips": entry.county_fips,
        "census_level": entry.census_level,
        "legal_type": entry.legal_type,
        "functional_status": entry.functional_status,
        "timezone": entry.timezone,
        "population_band": entry.population_band,
        "story": story,
        "counts": profile_counts(user, entry),
        # What the page shows besides: contacts for network members (null for others),
        # coalition memberships, and the certification the viewer may see.
        "people": profile_people(user, entry),
        "memberships": [
            {
                "organisation": m.organisation.slug,
                "name": m.organisation.name,
                "joined_on": m.joined_on,
            }
            for m in profile_memberships(entry)
        ],
        "certification": certification_for_profile(user, entry),
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


# Operation ids are kept from when these lived in the directory app: clients are built on them.
@router.get(
    "/jurisdictions/{key}",
    response=JurisdictionOut,
    url_name="jurisdiction_detail",
    operation_id="citypeers_directory_api_jurisdiction_detail",
)
def jurisdiction_detail(request, key: str, response: HttpResponse):
    """One entry by 7-digit place GEOID (5-digit county FIPS) or slug. The `ETag` header is
    the story's version, for `If-Match` on a later PATCH."""
    entry = jurisdiction_by_key(key)
    set_etag(response, entry.story_version)
    return _detail(current_user(request), entry)


@router.patch(
    "/jurisdictions/{key}",
    response={200: JurisdictionOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="jurisdiction_update",
    operation_id="citypeers_directory_api_jurisdiction_update",
)
def jurisdiction_update(request, key: str, payload: StoryPatch, response: HttpResponse):
    """Change the profile story (editors of the city and site admins). With `If-Match` (or
    `version`) a stale copy is refused with 409."""
    user = current_user(request)
    entry = jurisdiction_by_key(key)
    changes = payload.dict()
    version = expected_version(request, changes.pop("version"))
    profiles.update_story(jurisdiction=entry, actor=user, expected_version=version, **changes)
    set_etag(response, entry.story_version)
    return _detail(user, entry)


@router.get(
    "/jurisdictions/{key}/audit",
    response=list[AuditEntryOut],
    auth=REQUIRED_AUTH,
    url_name="jurisdiction_audit",
)
@paginate(PagePagination)
def jurisdiction_audit(request, key: str):
    """Every recorded change to the city's objects, newest first: who, when, which object and
    which fields (names only). For network organisers and site admins."""
    entry = audit_trail_for_user(current_user(request), jurisdiction_by_key(key))
    return city_audit_trail(entry)
