"""Reads for workshops that depend on who is asking.

`<noun>_for_user(user, key, *, for_edit=False)` raises the same 404 for "missing" and "not
yours"; with `for_edit`, an object the user may see but not change answers 403
(PermissionDenied), since its existence is no secret to them. Views and the API get private
objects only through these helpers and the gates below.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.models import User
from citypeers.accounts.permissions import (
    can_organise_network,
    is_network_member,
    jurisdiction_ids_with_role,
)
from citypeers.directory.enums import POPULATION_BAND_BOUNDS
from citypeers.directory.models import Jurisdiction
from citypeers.workshops import permissions
from citypeers.workshops.enums import (
    ACTIVE_STATUSES,
    CohortStatus,
    InsightAudience,
    InsightState,
    RegistrationStatus,
    WebinarStatus,
    WorkshopState,
)
from citypeers.workshops.models import (
    CohortMember,
    CohortRun,
    Contributor,
    Insight,
    PreWork,
    Registration,
    Session,
    Statement,
    Webinar,
    Workshop,
)

ORGANISERS_ONLY = "Only network organisers may do this."


def require_organiser(user) -> None:
    """The gate of the pages and operations that only organisers use (403 for others)."""
    if not permissions.can_manage_workshop(user):
        raise PermissionDenied(ORGANISERS_ONLY)


# ---- workshops ------------------------------------------------------------------------------


def workshops_visible_to(user) -> QuerySet[Workshop]:
    queryset = Workshop.objects.select_related("area").prefetch_related("host_organisations")
    if can_organise_network(user):
        return queryset
    visible = Q(state=WorkshopState.PUBLISHED)
    if is_network_member(user):
        visible |= ~Q(state=WorkshopState.PLANNING)
    if getattr(user, "is_authenticated", False):
        visible |= Q(contributors__user=user)
    return queryset.filter(pk__in=Workshop.objects.filter(visible).values("pk"))


def workshop_for_user(user, slug: str, *, for_edit: bool = False) -> Workshop:
    workshop = Workshop.objects.select_related("area", "area__parent").filter(slug=slug).first()
    if workshop is None or not permissions.can_view_workshop(user, workshop):
        raise Http404("No such workshop.")
    if for_edit:
        require_organiser(user)
    return workshop


def workshop_history(workshop: Workshop):
    return workshop.state_changes.select_related("changed_by")


def cohort_for_workshop(workshop: Workshop) -> list[CohortMember]:
    return list(
        workshop.cohort.select_related("jurisdiction").order_by("status", "jurisdiction__name")
    )


def active_cohort(workshop: Workshop) -> QuerySet[CohortMember]:
    return workshop.cohort.filter(status__in=ACTIVE_STATUSES).select_related("jurisdiction")


def cohort_member_for_user(user, workshop: Workshop, jurisdiction_slug: str) -> CohortMember:
    member = (
        workshop.cohort.select_related("jurisdiction", "workshop")
        .filter(jurisdiction__slug=jurisdiction_slug)
        .first()
    )
    if member is None:
        raise Http404("This city is not in the cohort.")
    return member


def latest_cohort_run(workshop: Workshop) -> CohortRun | None:
    return workshop.cohort_runs.select_related("run_by").first()


def pending_invitations_for_user(user) -> list[CohortMember]:
    """Invitations waiting for an answer from one of the user's cities (editors may answer)."""
    own = jurisdiction_ids_with_role(user)
    if not own:
        return []
    return list(
        CohortMember.objects.filter(status=CohortStatus.INVITED, jurisdiction_id__in=own)
        .exclude(workshop__state=WorkshopState.PUBLISHED)
        .select_related("workshop", "workshop__area", "jurisdiction")
        .order_by("workshop__starts_on")[:10]
    )


def workshops_of_user(user) -> list[CohortMember]:
    """Workshops one of the user's cities accepted, soonest first."""
    own = jurisdiction_ids_with_role(user)
    if not own:
        return []
    return list(
        CohortMember.objects.filter(status=CohortStatus.ACCEPTED, jurisdiction_id__in=own)
        .select_related("workshop", "jurisdiction")
        .order_by("-workshop__starts_on")[:10]
    )


def editable_jurisdiction_ids(user) -> set[int]:
    return jurisdiction_ids_with_role(user, MembershipRole.EDITOR)


# ---- experts and sessions -------------------------------------------------------------------


def contributors_for_workshop(workshop: Workshop) -> QuerySet[Contributor]:
    return workshop.contributors.select_related("user", "organisation", "session")


def suggested_experts(workshop: Workshop, *, limit: int = 8) -> list[User]:
    """Users whose expertise tags mention the workshop's challenge area, not yet involved."""
    words = {workshop.area.name}
    if workshop.area.parent is not None:  # no query when there is no parent
        words.add(workshop.area.parent.name)
    words |= {w for w in workshop.area.name.split() if len(w) > 4}
    match = Q()
    for word in words:
        match |= Q(expertise__icontains=word)
    involved = workshop.contributors.filter(user__isnull=False).values("user_id")
    return list(
        User.objects.filter(match, is_active=True)
        .exclude(pk__in=involved)
        .order_by("full_name")[:limit]
    )


def sessions_for_workshop(workshop: Workshop) -> QuerySet[Session]:
    return workshop.sessions.annotate(statement_count=Count("statements")).prefetch_related(
        Prefetch(
            "contributors",
            queryset=Contributor.objects.select_related("user", "organisation"),
        )
    )


def session_for_user(user, workshop: Workshop, pk: int, *, for_edit: bool = False) -> Session:
    """A session of a workshop the user may see; `for_edit`: organisers only."""
    session = workshop.sessions.filter(pk=pk).first()
    if session is None:
        raise Http404("No such session.")
    if for_edit:
        require_organiser(user)
    session.workshop = workshop
    return session


def session_for_capture(user, workshop: Workshop, pk: int) -> Session:
    """The note-taker's door to a session: organisers and note-takers (403 for others)."""
    session = session_for_user(user, workshop, pk)
    if not permissions.can_capture_session(user, workshop):
        raise PermissionDenied("Only organisers and note-takers may capture notes.")
    return session


def session_notes_for_user(user, workshop: Workshop, pk: int) -> Session:
    """A session whose notes the user may read; the same 404 as a missing session otherwise."""
    session = session_for_user(user, workshop, pk)
    if not permissions.can_view_workshop_notes(user, workshop):
        raise Http404("No such session.")
    return session


def statements_for_session(session: Session) -> QuerySet[Statement]:
    return session.statements.select_related("jurisdiction")


def prework_for_workshop(workshop: Workshop) -> QuerySet[PreWork]:
    return workshop.prework.select_related("jurisdiction")


def prework_member_for_user(user, workshop: Workshop, city: str, *, for_edit: bool = False):
    """The cohort city of a pre-work page: the city's editors write it, the workshop team reads
    it; others get 403 (the cohort is no secret to those who may see the workshop)."""
    member = cohort_member_for_user(user, workshop, city)
    may_edit = permissions.can_edit_prework(user, member)
    if not may_edit and not permissions.can_view_workshop_notes(user, workshop):
        raise PermissionDenied("Only the city's editors and the workshop team may see this.")
    if for_edit and not may_edit:
        raise PermissionDenied("Only editors of a participating city may write its pre-work.")
    return member


def prework_for_user(user, workshop: Workshop, city: str) -> PreWork:
    """A cohort city's pre-work for its editors and the workshop team; else the same 404 as
    missing pre-work."""
    member = cohort_member_for_user(user, workshop, city)
    team = permissions.can_view_workshop_notes(user, workshop)
    if not team and member.jurisdiction_id not in editable_jurisdiction_ids(user):
        raise Http404("No such pre-work.")
    prework = prework_for_workshop(workshop).filter(jurisdiction=member.jurisdiction).first()
    if prework is None:
        raise Http404("No such pre-work.")
    return prework


# ---- insights -------------------------------------------------------------------------------


def insights_visible_to(user) -> QuerySet[Insight]:
    queryset = Insight.objects.select_related("area", "workshop").prefetch_related(
        Prefetch("evidence_cities", queryset=Jurisdiction.objects.order_by("name"))
    )
    if can_organise_network(user):
        return queryset
    published = Q(state=InsightState.PUBLISHED)
    if is_network_member(user):
        return queryset.filter(published)
    return queryset.filter(published, audience=InsightAudience.PUBLIC)


def filter_insights(
    queryset: QuerySet[Insight],
    *,
    q: str = "",
    area: str = "",
    workshop: str = "",
    state: str = "",
    band: str = "",
    status: str = "",
) -> QuerySet[Insight]:
    if q:
        queryset = queryset.filter(
            Q(title__icontains=q) | Q(challenge__icontains=q) | Q(evidence_note__icontains=q)
        )
    if area:
        queryset = queryset.filter(Q(area__slug=area) | Q(area__parent__slug=area))
    if workshop:
        queryset = queryset.filter(workshop__slug=workshop)
    if status:
        queryset = queryset.filter(state=status)
    city_filter = Q()
    if state:
        city_filter &= Q(state=state.upper())
    if band in POPULATION_BAND_BOUNDS:
        low, high = POPULATION_BAND_BOUNDS[band]
        city_filter &= Q(population__gte=low)
        if high is not None:
            city_filter &= Q(population__lt=high)
    if city_filter:
        matching = Insight.evidence_cities.through.objects.filter(
            jurisdiction__in=Jurisdiction.objects.filter(city_filter)
        ).values("insight_id")
        queryset = queryset.filter(pk__in=matching)
    return queryset


def insight_for_user(user, slug: str, *, for_edit: bool = False) -> Insight:
    insight = (
        Insight.objects.select_related("area", "workshop", "reviewed_by")
        .prefetch_related(
            Prefetch("evidence_cities", queryset=Jurisdiction.objects.order_by("name")),
            "evidence_solutions__owner",
            "evidence_prework__jurisdiction",
        )
        .filter(slug=slug)
        .first()
    )
    if insight is None or not permissions.can_view_insight(user, insight):
        raise Http404("No such insight.")
    if for_edit:
        require_organiser(user)
    return insight


def report_insights(user, workshop: Workshop) -> QuerySet[Insight]:
    return (
        insights_visible_to(user)
        .filter(workshop=workshop, state=InsightState.PUBLISHED)
        .prefetch_related("evidence_solutions")
    )


def insights_for_jurisdiction(user, jurisdiction) -> list[Insight]:
    """Up to five visible published insights whose evidence includes this city (one query)."""
    published = Q(state=InsightState.PUBLISHED)
    if not is_network_member(user):
        published &= Q(audience=InsightAudience.PUBLIC)
    # Only what the profile panel shows: the ORM's cost grows with the columns selected.
    return list(
        Insight.objects.filter(published, evidence_cities=jurisdiction)
        .select_related("area")
        .only("id", "slug", "title", "is_demo", "published_at", "area__id", "area__name")
        .order_by("-published_at")[:5]
    )


# ---- webinars -------------------------------------------------------------------------------


def webinars_visible_to(user) -> QuerySet[Webinar]:
    confirmed = Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
    queryset = (
        Webinar.objects.select_related("area")
        .prefetch_related("co_hosts")
        .annotate(confirmed_count=confirmed)
    )
    if can_organise_network(user):
        return queryset
    return queryset.exclude(status=WebinarStatus.DRAFT)


def upcoming_webinars(user) -> QuerySet[Webinar]:
    return webinars_visible_to(user).filter(ends_at__gte=timezone.now()).order_by("starts_at")


def webinar_for_user(user, slug: str, *, for_edit: bool = False) -> Webinar:
    webinar = webinars_visible_to(user).filter(slug=slug).first()
    if webinar is None:
        raise Http404("No such webinar.")
    if for_edit:
        require_organiser(user)
    return webinar


def registration_for_user(user, webinar: Webinar) -> Registration:
    """The user's own registration for a webinar they may see; 404 when they have none."""
    registration = registration_of(user, webinar)
    if registration is None:
        raise Http404("You are not registered for this webinar.")
    return registration


def registration_of(user, webinar: Webinar) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return webinar.registrations.filter(user=user).first()


def waitlist_position(registration: Registration) -> int | None:
    if registration is None or registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = registration.webinar.registrations.filter(
        status=RegistrationStatus.WAITLISTED, queued_at__lt=registration.queued_at
    ).count()
    return ahead + 1


def registrations_for_webinar(webinar: Webinar) -> QuerySet[Registration]:
    return webinar.registrations.select_related("user").order_by("status", "queued_at")


def calendar_webinars() -> QuerySet[Webinar]:
    """What the public iCalendar feed carries: every listed webinar."""
    return Webinar.objects.exclude(status=WebinarStatus.DRAFT).order_by("starts_at")
