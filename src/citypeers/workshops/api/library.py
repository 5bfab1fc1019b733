"""API: the insights library and webinars (with registration)."""

from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from citypeers.accounts.models import Organisation
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.pagination import PagePagination
from citypeers.core.api.versions import StaleEditOut, expected_version, set_etag
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import Solution
from citypeers.workshops import selectors
from citypeers.workshops.api.common import area_for
from citypeers.workshops.models import Registration
from citypeers.workshops.models.workshops import validate_time_zone
from citypeers.workshops.permissions import (
    can_manage_workshop,
)
from citypeers.workshops.schemas import (
    InsightIn,
    InsightOut,
    RegistrationOut,
    TransitionIn,
    WebinarIn,
    WebinarOut,
    WebinarPatch,
    WebinarStatusIn,
)
from citypeers.workshops.services import insights as insight_service
from citypeers.workshops.services import webinars as webinar_service

router = Router()


class InsightFilters(Schema):
    q: str = ""
    area: str = ""
    workshop: str = ""
    state: str = ""
    band: str = ""
    status: str = ""


# ---- insights -------------------------------------------------------------------------------


@router.get("/insights", response=list[InsightOut], url_name="insights_list")
@paginate(PagePagination)
def list_insights(request, filters: Query[InsightFilters]):
    user = current_user(request)
    params = filters.dict()
    if not can_manage_workshop(user):
        params["status"] = ""
    return selectors.filter_insights(selectors.insights_visible_to(user), **params)


@router.get("/insights/{slug}", response=InsightOut, url_name="insight_detail")
def get_insight(request, slug: str):
    return selectors.insight_for_user(current_user(request), slug)


@router.post("/insights", response={201: InsightOut}, auth=REQUIRED_AUTH, url_name="insight_create")
def create_insight(request, payload: InsightIn):
    selectors.require_organiser(request.auth)
    data = payload.dict()
    data["area"] = area_for(data["area"])
    workshop_slug = data.pop("workshop")
    data["workshop"] = (
        selectors.workshop_for_user(request.auth, workshop_slug) if workshop_slug else None
    )
    data["evidence_cities"] = list(Jurisdiction.objects.filter(slug__in=data["evidence_cities"]))
    data["evidence_solutions"] = list(Solution.objects.filter(slug__in=data["evidence_solutions"]))
    return Status(201, insight_service.create_insight(by=request.auth, **data))


@router.post(
    "/insights/{slug}/transition",
    response=InsightOut,
    auth=REQUIRED_AUTH,
    url_name="insight_transition",
)
def transition_insight(request, slug: str, payload: TransitionIn):
    insight = selectors.insight_for_user(request.auth, slug)
    return insight_service.transition_insight(
        insight=insight, to_state=payload.to_state, by=request.auth
    )


# ---- webinars -------------------------------------------------------------------------------


@router.get("/webinars", response=list[WebinarOut], url_name="webinars_list")
@paginate(PagePagination)
def list_webinars(request, upcoming: bool = False):
    user = current_user(request)
    webinars = (
        selectors.upcoming_webinars(user)
        if upcoming
        else selectors.webinars_visible_to(user).order_by("-starts_at")
    )
    return webinars


@router.get("/webinars/{slug}", response=WebinarOut, url_name="webinar_detail")
def get_webinar(request, slug: str, response: HttpResponse):
    """One webinar; the `ETag` header is its version, for `If-Match` on a later PATCH."""
    webinar = selectors.webinar_for_user(current_user(request), slug)
    set_etag(response, webinar.version)
    return webinar


def _webinar_values(data: dict, zone: str) -> dict:
    """Schema values → service arguments: slugs to rows, times without an offset in `zone`."""
    if "area" in data:
        data["area"] = area_for(data["area"]) if data["area"] else None
    if data.get("co_hosts") is not None:
        slugs = data["co_hosts"]
        data["co_hosts"] = list(Organisation.objects.filter(slug__in=slugs))
        if len(data["co_hosts"]) != len(set(slugs)):
            raise ValidationError({"co_hosts": "Every co-host must be an organisation slug."})
    validate_time_zone(zone)
    for key in ("starts_at", "ends_at"):
        if data.get(key) is not None and timezone.is_naive(data[key]):
            data[key] = timezone.make_aware(data[key], ZoneInfo(zone))
    return data


@router.post("/webinars", response={201: WebinarOut}, auth=REQUIRED_AUTH, url_name="webinar_create")
def create_webinar(request, payload: WebinarIn):
    """A draft webinar, as on the page; publish it through …/status."""
    selectors.require_organiser(request.auth)
    data = _webinar_values(payload.dict(), payload.time_zone)
    webinar = webinar_service.create_webinar(by=request.auth, **data)
    return Status(201, selectors.webinar_for_user(request.auth, webinar.slug))


@router.patch(
    "/webinars/{slug}",
    response={200: WebinarOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="webinar_update",
)
def update_webinar(request, slug: str, payload: WebinarPatch, response: HttpResponse):
    """Change details; a larger capacity promotes people from the waitlist at once. With
    `If-Match` (or `version`) a stale copy is refused with 409."""
    webinar = selectors.webinar_for_user(request.auth, slug, for_edit=True)
    changes = payload.dict(exclude_unset=True)
    version = expected_version(request, changes.pop("version", None))
    for key in ("title", "description", "starts_at", "ends_at", "time_zone", "capacity"):
        if key in changes and changes[key] is None:
            raise ValidationError({key: "This field cannot be empty."})
    for key in ("video_url", "recording_url", "materials"):
        if key in changes and changes[key] is None:
            changes[key] = ""
    changes = _webinar_values(changes, changes.get("time_zone") or webinar.time_zone)
    saved = webinar_service.update_webinar(
        webinar=webinar, by=request.auth, expected_version=version, **changes
    )
    set_etag(response, saved.version)
    return selectors.webinar_for_user(request.auth, slug)


@router.post(
    "/webinars/{slug}/status", response=WebinarOut, auth=REQUIRED_AUTH, url_name="webinar_status"
)
def set_webinar_status(request, slug: str, payload: WebinarStatusIn):
    """Publish, cancel or take back to draft, as the page's buttons do."""
    webinar = selectors.webinar_for_user(request.auth, slug, for_edit=True)
    webinar_service.set_webinar_status(webinar=webinar, status=payload.status, by=request.auth)
    return selectors.webinar_for_user(request.auth, slug)


def _registration_out(registration: Registration) -> dict:
    return {
        "webinar": registration.webinar.slug,
        "status": registration.status,
        "attended": registration.attended,
        "waitlist_position": selectors.waitlist_position(registration),
    }


@router.get(
    "/webinars/{slug}/registration",
    response=RegistrationOut,
    auth=REQUIRED_AUTH,
    url_name="webinar_registration",
)
def get_registration(request, slug: str):
    webinar = selectors.webinar_for_user(request.auth, slug)
    return _registration_out(selectors.registration_for_user(request.auth, webinar))


@router.post(
    "/webinars/{slug}/registration",
    response={201: RegistrationOut},
    auth=REQUIRED_AUTH,
    url_name="webinar_register",
)
def register(request, slug: str):
    webinar = selectors.webinar_for_user(request.auth, slug)
    registration = webinar_service.register(webinar=webinar, user=request.auth)
    return Status(201, _registration_out(registration))


@router.delete(
    "/webinars/{slug}/registration",
    response=RegistrationOut,
    auth=REQUIRED_AUTH,
    url_name="webinar_unregister",
)
def unregister(request, slug: str):
    webinar = selectors.webinar_for_user(request.auth, slug)
    registration = selectors.registration_for_user(request.auth, webinar)
    return _registration_out(
        webinar_service.cancel_registration(registration=registration, by=request.auth)
    )
