"""API: workshops, experts, cohorts, sessions, statements and pre-work."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Router, Status
from ninja.pagination import paginate

from citypeers.accounts.models import Organisation, User
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.pagination import PagePagination
from citypeers.core.api.versions import StaleEditOut, expected_version, set_etag
from citypeers.workshops import selectors
from citypeers.workshops.api.common import area_for, city_for
from citypeers.workshops.permissions import (
    can_manage_workshop,
    can_view_workshop_notes,
)
from citypeers.workshops.schemas import (
    CityIn,
    CohortMemberOut,
    CohortOut,
    CohortResponseIn,
    CohortRunOut,
    ContributorIn,
    ContributorOut,
    LockIn,
    PreWorkIn,
    PreWorkOut,
    SessionCancelIn,
    SessionIn,
    SessionOut,
    SessionStatementIn,
    SessionStatementOut,
    TransitionIn,
    WorkshopIn,
    WorkshopOut,
    WorkshopPatch,
)
from citypeers.workshops.services import cohort as cohort_service
from citypeers.workshops.services import sessions as session_service
from citypeers.workshops.services import workshops as workshop_service

router = Router()


# ---- workshops ------------------------------------------------------------------------------


@router.get("/workshops", response=list[WorkshopOut], url_name="workshops_list")
@paginate(PagePagination)
def list_workshops(request, state: str = ""):
    workshops = selectors.workshops_visible_to(current_user(request)).order_by("-starts_on", "pk")
    return workshops.filter(state=state) if state else workshops


@router.post(
    "/workshops", response={201: WorkshopOut}, auth=REQUIRED_AUTH, url_name="workshop_create"
)
def create_workshop(request, payload: WorkshopIn):
    selectors.require_organiser(request.auth)
    data = payload.dict()
    hosts = list(Organisation.objects.filter(slug__in=data.pop("host_organisations")))
    data["area"] = area_for(data["area"])
    workshop = workshop_service.create_workshop(by=request.auth, host_organisations=hosts, **data)
    return Status(201, workshop)


@router.get("/workshops/{slug}", response=WorkshopOut, url_name="workshop_detail")
def get_workshop(request, slug: str, response: HttpResponse):
    """One workshop; the `ETag` header is its version, for `If-Match` on a later PATCH."""
    workshop = selectors.workshop_for_user(current_user(request), slug)
    set_etag(response, workshop.version)
    return workshop


@router.patch(
    "/workshops/{slug}",
    response={200: WorkshopOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="workshop_update",
)
def update_workshop(request, slug: str, payload: WorkshopPatch, response: HttpResponse):
    """Change details. With `If-Match` (or `version`) a stale copy is refused with 409."""
    workshop = selectors.workshop_for_user(request.auth, slug, for_edit=True)
    changes = payload.dict(exclude_unset=True)
    version = expected_version(request, changes.pop("version", None))
    workshop = workshop_service.update_workshop(
        workshop=workshop, by=request.auth, expected_version=version, **changes
    )
    set_etag(response, workshop.version)
    return workshop


@router.post(
    "/workshops/{slug}/transition",
    response=WorkshopOut,
    auth=REQUIRED_AUTH,
    url_name="workshop_transition",
)
def transition_workshop(request, slug: str, payload: TransitionIn):
    workshop = selectors.workshop_for_user(request.auth, slug)
    return workshop_service.transition_workshop(
        workshop=workshop, to_state=payload.to_state, note=payload.note, by=request.auth
    )


@router.get(
    "/workshops/{slug}/contributors", response=list[ContributorOut], url_name="contributors_list"
)
@paginate(PagePagination)
def list_contributors(request, slug: str):
    user = current_user(request)
    workshop = selectors.workshop_for_user(user, slug)
    contributors = selectors.contributors_for_workshop(workshop)
    return contributors if can_manage_workshop(user) else contributors.exclude(role="note_taker")


@router.post(
    "/workshops/{slug}/contributors",
    response={201: ContributorOut},
    auth=REQUIRED_AUTH,
    url_name="contributor_create",
)
def add_contributor(request, slug: str, payload: ContributorIn):
    workshop = selectors.workshop_for_user(request.auth, slug, for_edit=True)
    person = None
    if payload.email:
        person = User.objects.filter(email__iexact=payload.email).first()
        if person is None:
            raise ValidationError({"email": "No CityPeers account uses this email."})
    organisation = None
    if payload.organisation:
        organisation = Organisation.objects.filter(slug=payload.organisation).first()
        if organisation is None:
            raise ValidationError({"organisation": "No such organisation."})
    session = (
        workshop.sessions.filter(pk=payload.session_id).first() if payload.session_id else None
    )
    contributor = workshop_service.add_contributor(
        workshop=workshop,
        by=request.auth,
        role=payload.role,
        user=person,
        organisation=organisation,
        session=session,
        topic=payload.topic,
    )
    return Status(201, contributor)


# ---- cohort ---------------------------------------------------------------------------------


def _organised_workshop(user, slug):
    return selectors.workshop_for_user(user, slug, for_edit=True)


def _cohort(workshop) -> dict:
    return {
        "members": selectors.cohort_for_workshop(workshop),
        "last_run": selectors.latest_cohort_run(workshop),
    }


@router.get(
    "/workshops/{slug}/cohort", response=CohortOut, auth=REQUIRED_AUTH, url_name="cohort_detail"
)
def get_cohort(request, slug: str):
    return _cohort(_organised_workshop(request.auth, slug))


@router.post(
    "/workshops/{slug}/cohort/run", response=CohortRunOut, auth=REQUIRED_AUTH, url_name="cohort_run"
)
def run_cohort(request, slug: str):
    workshop = _organised_workshop(request.auth, slug)
    return cohort_service.run_cohort(workshop=workshop, by=request.auth)


@router.post(
    "/workshops/{slug}/cohort/members",
    response={201: CohortMemberOut},
    auth=REQUIRED_AUTH,
    url_name="cohort_add",
)
def add_city(request, slug: str, payload: CityIn):
    workshop = _organised_workshop(request.auth, slug)
    member = cohort_service.add_city(
        workshop=workshop, jurisdiction=city_for(payload.city), by=request.auth
    )
    return Status(201, member)


@router.post(
    "/workshops/{slug}/cohort/members/{city}/lock",
    response=CohortMemberOut,
    auth=REQUIRED_AUTH,
    url_name="cohort_lock",
)
def lock_city(request, slug: str, city: str, payload: LockIn):
    workshop = _organised_workshop(request.auth, slug)
    member = selectors.cohort_member_for_user(request.auth, workshop, city)
    return cohort_service.set_lock(member=member, locked=payload.locked, by=request.auth)


@router.delete(
    "/workshops/{slug}/cohort/members/{city}",
    response=CohortMemberOut,
    auth=REQUIRED_AUTH,
    url_name="cohort_remove",
)
def remove_city(request, slug: str, city: str):
    workshop = _organised_workshop(request.auth, slug)
    member = selectors.cohort_member_for_user(request.auth, workshop, city)
    return cohort_service.remove_city(member=member, by=request.auth)


@router.post(
    "/workshops/{slug}/cohort/invite",
    response=list[CohortMemberOut],
    auth=REQUIRED_AUTH,
    url_name="cohort_invite",
)
def invite(request, slug: str):
    workshop = _organised_workshop(request.auth, slug)
    return cohort_service.invite_proposed(workshop=workshop, by=request.auth)


@router.post(
    "/workshops/{slug}/cohort/members/{city}/response",
    response=CohortMemberOut,
    auth=REQUIRED_AUTH,
    url_name="cohort_respond",
)
def respond(request, slug: str, city: str, payload: CohortResponseIn):
    workshop = selectors.workshop_for_user(request.auth, slug)
    member = selectors.cohort_member_for_user(request.auth, workshop, city)
    return cohort_service.respond_to_invitation(
        member=member, accept=payload.accept, by=request.auth
    )


# ---- sessions, pre-work, statements ---------------------------------------------------------


@router.get("/workshops/{slug}/sessions", response=list[SessionOut], url_name="sessions_list")
@paginate(PagePagination)
def list_sessions(request, slug: str):
    user = current_user(request)
    workshop = selectors.workshop_for_user(user, slug)
    sessions = list(workshop.sessions.all())
    participant = can_view_workshop_notes(user, workshop)
    for session in sessions:
        session.workshop = workshop
        if not participant:
            session.video_url = None  # the join link is for the cohort and its experts
    return sessions


@router.post(
    "/workshops/{slug}/sessions",
    response={201: SessionOut},
    auth=REQUIRED_AUTH,
    url_name="session_create",
)
def create_session(request, slug: str, payload: SessionIn):
    workshop = _organised_workshop(request.auth, slug)
    session = session_service.save_session(workshop=workshop, by=request.auth, **payload.dict())
    return Status(201, session)


@router.post(
    "/workshops/{slug}/sessions/{pk}/cancel",
    response=SessionOut,
    auth=REQUIRED_AUTH,
    url_name="session_cancel",
)
def cancel_session(request, slug: str, pk: int, payload: SessionCancelIn):
    """Cancel a session that has not ended; every participant of the workshop is notified (in
    the app and by email). A second cancellation answers 400 and tells nobody again."""
    workshop = _organised_workshop(request.auth, slug)
    session = selectors.session_for_user(request.auth, workshop, pk, for_edit=True)
    return session_service.cancel_session(session=session, by=request.auth, reason=payload.reason)


def _session_with_notes(user, slug, pk):
    workshop = selectors.workshop_for_user(user, slug)
    return selectors.session_notes_for_user(user, workshop, pk)


@router.get(
    "/workshops/{slug}/sessions/{pk}/statements",
    response=list[SessionStatementOut],
    url_name="statements_list",
)
@paginate(PagePagination)
def list_statements(request, slug: str, pk: int):
    session = _session_with_notes(current_user(request), slug, pk)
    return selectors.statements_for_session(session)


@router.post(
    "/workshops/{slug}/sessions/{pk}/statements",
    response={201: SessionStatementOut},
    auth=REQUIRED_AUTH,
    url_name="statement_create",
)
def create_statement(request, slug: str, pk: int, payload: SessionStatementIn):
    session = _session_with_notes(request.auth, slug, pk)
    data = payload.dict()
    city = data.pop("city")
    statement = session_service.capture_statement(
        session=session, by=request.auth, jurisdiction=city_for(city) if city else None, **data
    )
    return Status(201, statement)


@router.get("/workshops/{slug}/prework/{city}", response=PreWorkOut, url_name="prework_detail")
def get_prework(request, slug: str, city: str):
    user = current_user(request)
    workshop = selectors.workshop_for_user(user, slug)
    return selectors.prework_for_user(user, workshop, city)


@router.put(
    "/workshops/{slug}/prework/{city}",
    response={200: PreWorkOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="prework_save",
)
def save_prework(request, slug: str, city: str, payload: PreWorkIn):
    workshop = selectors.workshop_for_user(request.auth, slug)
    member = selectors.cohort_member_for_user(request.auth, workshop, city)
    data = payload.dict()
    version = expected_version(request, data.pop("version", None))
    return session_service.save_prework(
        member=member, by=request.auth, expected_version=version, **data
    )
