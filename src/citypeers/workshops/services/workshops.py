"""Plan a workshop, move it through its states, and bring in experts."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from citypeers.accounts.enums import OrganisationKind
from citypeers.core.services import claim_version
from citypeers.workshops.enums import (
    WORKSHOP_TRANSITIONS,
    CohortStatus,
    ContributorRole,
    InsightState,
    WorkshopState,
)
from citypeers.workshops.indexing import refresh_workshop
from citypeers.workshops.models import Contributor, Insight, Workshop, WorkshopStateChange
from citypeers.workshops.permissions import can_manage_workshop
from citypeers.workshops.services.common import unique_slug

EDITABLE_FIELDS = (
    "title",
    "area",
    "purpose",
    "format",
    "starts_on",
    "ends_on",
    "time_zone",
    "capacity",
    "cohort_min",
    "cohort_max",
    "max_per_state",
    "max_per_region",
    "max_per_size_band",
    "require_exchange",
)


def _require_organiser(user) -> None:
    if not can_manage_workshop(user):
        raise PermissionDenied("Only network organisers may change workshops.")


@transaction.atomic
def create_workshop(
    *,
    by,
    title: str,
    area,
    purpose: str,
    starts_on: date,
    ends_on: date,
    format: str = "virtual",
    time_zone: str = "America/New_York",
    capacity: int = 40,
    cohort_min: int = 6,
    cohort_max: int = 10,
    max_per_state: int | None = None,
    max_per_region: int | None = None,
    max_per_size_band: int | None = None,
    require_exchange: bool = True,
    host_organisations=(),
    is_demo: bool = False,
) -> Workshop:
    """Create a workshop in planning and record the first entry of its history."""
    _require_organiser(by)
    workshop = Workshop(
        slug=unique_slug(Workshop, title),
        title=title,
        area=area,
        purpose=purpose,
        format=format,
        starts_on=starts_on,
        ends_on=ends_on,
        time_zone=time_zone,
        capacity=capacity,
        cohort_min=cohort_min,
        cohort_max=cohort_max,
        max_per_state=max_per_state,
        max_per_region=max_per_region,
        max_per_size_band=max_per_size_band,
        require_exchange=require_exchange,
        created_by=by,
        is_demo=is_demo,
    )
    _validate(workshop)
    workshop.save()
    workshop.host_organisations.set(host_organisations)
    WorkshopStateChange.objects.create(
        workshop=workshop, from_state="", to_state=workshop.state, changed_by=by, note="Created"
    )
    return workshop


def _validate(workshop: Workshop) -> None:
    errors = {}
    if workshop.starts_on and workshop.ends_on and workshop.ends_on < workshop.starts_on:
        errors["ends_on"] = "The workshop cannot end before it starts."
    if workshop.cohort_min and workshop.cohort_max and workshop.cohort_max < workshop.cohort_min:
        errors["cohort_max"] = "The maximum cohort size must be at least the minimum."
    if workshop.cohort_min is not None and workshop.cohort_min < 2:
        errors["cohort_min"] = "A cohort needs at least two cities."
    if errors:
        raise ValidationError(errors)
    workshop.full_clean()


@transaction.atomic
def update_workshop(
    *,
    workshop: Workshop,
    by,
    host_organisations=None,
    expected_version: int | None = None,
    **changes,
) -> Workshop:
    """Change details. `expected_version` is the version the editor read: if someone saved
    since, StaleEdit is raised and nothing is written. Only the given fields are saved, so a
    state change made meanwhile is not undone."""
    _require_organiser(by)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    claim_version(workshop, expected_version=expected_version, noun="workshop")
    for field, value in changes.items():
        setattr(workshop, field, value)
    _validate(workshop)
    workshop.save(update_fields=[*changes, "version", "updated_at"])
    if host_organisations is not None:
        workshop.host_organisations.set(host_organisations)
    refresh_workshop(workshop)
    return workshop


def allowed_transitions(workshop: Workshop) -> tuple[str, ...]:
    return WORKSHOP_TRANSITIONS[workshop.state]


MIN_PUBLISHED_COHORT = 2


def publication_gaps(workshop: Workshop) -> list[str]:
    """What a workshop still lacks before its report may be published (empty when ready).

    A published report stands for a cohort that met and a reviewed synthesis, so it needs
    cities that accepted their place, a session that has ended, and at least one insight that
    a second person reviewed and that names the cities its evidence comes from. Three queries.
    """
    gaps = []
    accepted = workshop.cohort.filter(status=CohortStatus.ACCEPTED).count()
    if accepted < MIN_PUBLISHED_COHORT:
        gaps.append(
            f"A cohort: at least {MIN_PUBLISHED_COHORT} cities must have accepted their place "
            f"({accepted} ha{'s' if accepted == 1 else 've'} so far)."
        )
    if not workshop.sessions.filter(ends_at__lte=timezone.now()).exists():
        gaps.append("A held session: no session of this workshop has ended yet.")
    reviewed = Insight.objects.filter(
        workshop=workshop, state__in=(InsightState.REVIEWED, InsightState.PUBLISHED)
    )
    if not reviewed.exists():
        gaps.append("A reviewed insight: no insight from this workshop has been reviewed yet.")
    elif not reviewed.filter(evidence_cities__isnull=False).exists():
        gaps.append(
            "Cities in the report: no reviewed insight names the cities its evidence comes from."
        )
    return gaps


@transaction.atomic
def transition_workshop(*, workshop: Workshop, to_state: str, by, note: str = "") -> Workshop:
    """Move the workshop one allowed step and log it in its history."""
    _require_organiser(by)
    locked = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if to_state not in WORKSHOP_TRANSITIONS[locked.state]:
        raise ValidationError(
            f"A workshop in “{locked.get_state_display()}” cannot move to "
            f"“{WorkshopState(to_state).label if to_state in WorkshopState.values else to_state}”."
        )
    if to_state == WorkshopState.PUBLISHED:
        gaps = publication_gaps(locked)
        if gaps:
            raise ValidationError(
                "The workshop cannot be published yet. Still missing: " + " ".join(gaps),
                code="not_ready",
            )
    WorkshopStateChange.objects.create(
        workshop=locked, from_state=locked.state, to_state=to_state, changed_by=by, note=note[:300]
    )
    locked.state = to_state
    locked.save(update_fields=["state", "updated_at"])
    refresh_workshop(locked)
    workshop.state = to_state
    return workshop


@transaction.atomic
def add_contributor(
    *,
    workshop: Workshop,
    by,
    role: str,
    user=None,
    organisation=None,
    session=None,
    topic: str = "",
) -> Contributor:
    """Add a speaker, partner, advisory-board expert or note-taker.

    Partners come from partner organisations; advisory-board experts are people with
    expertise tags on their account.
    """
    _require_organiser(by)
    errors = {}
    if user is None and organisation is None:
        errors["user"] = "Choose a person or an organisation."
    if role == ContributorRole.PARTNER and (
        organisation is None or organisation.kind != OrganisationKind.PARTNER
    ):
        errors["organisation"] = "Partners must be partner organisations."
    if role == ContributorRole.ADVISOR and (user is None or not user.expertise.strip()):
        errors["user"] = "Advisory-board experts are people with expertise tags on their account."
    if role == ContributorRole.NOTE_TAKER and user is None:
        errors["user"] = "A note-taker is a person."
    if session is not None and session.workshop_id != workshop.pk:
        errors["session"] = "That session belongs to another workshop."
    if user is not None and workshop.contributors.filter(user=user, role=role).exists():
        errors["user"] = "This person already has that role in the workshop."
    if errors:
        raise ValidationError(errors)
    contributor = Contributor(
        workshop=workshop,
        role=role,
        user=user,
        organisation=organisation,
        session=session,
        topic=topic,
    )
    contributor.full_clean()
    contributor.save()
    return contributor


@transaction.atomic
def remove_contributor(*, contributor: Contributor, by) -> None:
    _require_organiser(by)
    contributor.delete()
