"""Form a workshop's cohort: propose with the optimiser, adjust by hand, invite, answer."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from citypeers.core.effects import after_commit
from citypeers.directory.models import Jurisdiction
from citypeers.workshops import candidates as cohort_input
from citypeers.workshops.engine import explain_cohort, propose_cohort
from citypeers.workshops.enums import ACTIVE_STATUSES, CohortStatus, WorkshopState
from citypeers.workshops.models import CohortMember, CohortRun, Workshop
from citypeers.workshops.permissions import can_manage_workshop, can_respond_to_invitation
from citypeers.workshops.services import notify
from citypeers.workshops.services.workshops import transition_workshop

OPEN_STATES = (WorkshopState.PLANNING, WorkshopState.RECRUITING)


def _require_open(workshop: Workshop, by) -> None:
    if not can_manage_workshop(by):
        raise PermissionDenied("Only network organisers may change a cohort.")
    if workshop.state not in OPEN_STATES:
        raise ValidationError(
            "The cohort can only change while the workshop is planned or recruiting."
        )


def refresh_reasons(workshop: Workshop, members=None) -> None:
    """Recompute why each active city is in the cohort, against the cohort as it now stands."""
    members = (
        members
        if members is not None
        else list(workshop.cohort.filter(status__in=ACTIVE_STATUSES).select_related("jurisdiction"))
    )
    extra = [m.jurisdiction_id for m in members]
    pool = cohort_input.build_candidates(workshop, extra_ids=extra)
    reasons = explain_cohort(
        pool, [m.jurisdiction.slug for m in members], area_labels=cohort_input.area_labels()
    )
    for member in members:
        member.reasons = reasons.get(member.jurisdiction.slug, {})
    CohortMember.objects.bulk_update(members, ["reasons"])


@transaction.atomic
def run_cohort(*, workshop: Workshop, by, time_limit: float = 20.0) -> CohortRun:
    """Propose a cohort: keep locked, invited and accepted cities, replace the other proposals.

    Records the run (method, objective, LP bound, time) and the reasons for every city.
    """
    _require_open(workshop, by)
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    members = list(workshop.cohort.select_related("jurisdiction"))
    rules = cohort_input.cohort_rules(workshop, members)
    keep_ids = [m.jurisdiction_id for m in members if m.jurisdiction.slug in rules.locked]
    pool = cohort_input.build_candidates(workshop, extra_ids=keep_ids)
    result = propose_cohort(pool, rules, time_limit=time_limit)
    run = CohortRun(
        workshop=workshop,
        method=result.method,
        status=result.status,
        candidate_count=result.candidate_count,
        chosen_count=len(result.chosen),
        objective=result.objective,
        bound=result.bound,
        seconds=round(result.seconds + result.bound_seconds, 4),
        message=result.message,
        run_by=by,
    )
    run.full_clean()
    run.save()
    if result.status == "infeasible":
        return run
    chosen = set(result.chosen)
    by_slug = {m.jurisdiction.slug: m for m in members}
    stale = [
        m.pk
        for m in members
        if m.status == CohortStatus.PROPOSED and not m.locked and m.jurisdiction.slug not in chosen
    ]
    CohortMember.objects.filter(pk__in=stale).delete()
    new = Jurisdiction.objects.filter(slug__in=[k for k in chosen if k not in by_slug])
    CohortMember.objects.bulk_create(
        [CohortMember(workshop=workshop, jurisdiction=city) for city in new]
    )
    refresh_reasons(workshop)
    return run


@transaction.atomic
def add_city(*, workshop: Workshop, jurisdiction, by) -> CohortMember:
    """Put a city in the cohort by hand; it is locked so a re-run keeps it."""
    _require_open(workshop, by)
    member = workshop.cohort.filter(jurisdiction=jurisdiction).first()
    if member is not None and member.status == CohortStatus.DECLINED:
        raise ValidationError(f"{jurisdiction} declined this workshop.")
    if member is not None and member.status in ACTIVE_STATUSES:
        member.locked = True
        member.save(update_fields=["locked", "updated_at"])
        return member
    if member is None:
        member = CohortMember(workshop=workshop, jurisdiction=jurisdiction)
    member.status = CohortStatus.PROPOSED
    member.locked = True
    member.added_by_organiser = True
    member.full_clean()
    member.save()
    refresh_reasons(workshop)
    return member


@transaction.atomic
def set_lock(*, member: CohortMember, locked: bool, by) -> CohortMember:
    _require_open(member.workshop, by)
    if member.status not in ACTIVE_STATUSES:
        raise ValidationError("Only cities in the cohort can be locked.")
    member.locked = locked
    member.save(update_fields=["locked", "updated_at"])
    return member


@transaction.atomic
def remove_city(*, member: CohortMember, by) -> CohortMember:
    """Take a city out; it stays out on re-runs until added back by hand."""
    _require_open(member.workshop, by)
    member.status = CohortStatus.REMOVED
    member.locked = False
    member.save(update_fields=["status", "locked", "updated_at"])
    refresh_reasons(member.workshop)
    return member


@transaction.atomic
def invite_proposed(*, workshop: Workshop, by) -> list[CohortMember]:
    """Invite every proposed city; their editors answer from their dashboards (and by email)."""
    _require_open(workshop, by)
    members = list(
        workshop.cohort.filter(status=CohortStatus.PROPOSED).select_related(
            "jurisdiction", "workshop"
        )
    )
    if not members:
        raise ValidationError("There are no proposed cities to invite. Propose a cohort first.")
    for member in members:
        member.status = CohortStatus.INVITED
    CohortMember.objects.bulk_update(members, ["status"])
    if workshop.state == WorkshopState.PLANNING:
        transition_workshop(
            workshop=workshop, to_state=WorkshopState.RECRUITING, by=by, note="Invitations sent"
        )
    for member in members:
        after_commit(
            lambda m=member: notify.send_cohort_invitation(m),
            what=f"cohort invitation for member {member.pk}",
        )
    return members


@transaction.atomic
def respond_to_invitation(*, member: CohortMember, accept: bool, by) -> CohortMember:
    """The city's answer. It may change its mind until the report is published."""
    if not can_respond_to_invitation(by, member):
        raise PermissionDenied("Only the city's editors may answer this invitation.")
    member.status = CohortStatus.ACCEPTED if accept else CohortStatus.DECLINED
    member.responded_by = by
    member.responded_at = timezone.now()
    member.save(update_fields=["status", "responded_by", "responded_at", "updated_at"])
    return member
