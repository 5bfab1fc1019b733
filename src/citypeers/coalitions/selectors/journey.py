"""A city's journey: the loop from a stated challenge to a measured outcome, as one timeline.

challenge statements → peers → workshop cohorts joined → insights with the city as evidence →
replications (with their stage changes) → outcomes measured. Every step is read through the
owning app's visibility rules for the viewer.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from citypeers.coalitions.models import ReplicationOutcome, StageChange
from citypeers.coalitions.selectors import replications_visible_to
from citypeers.knowledge.selectors import statements_visible_to
from citypeers.matching.selectors.peers import peers_for
from citypeers.workshops.enums import CohortStatus, InsightState
from citypeers.workshops.models import CohortMember
from citypeers.workshops.selectors import insights_visible_to, workshops_visible_to

STEPS = ["challenge", "cohort", "insight", "replication", "stage", "outcome"]


@dataclass(frozen=True)
class Event:
    on: dt.date
    step: str
    title: str
    detail: str
    url: str


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localdate(value)
    return value


def journey_of(user, jurisdiction) -> tuple[list[Event], list]:
    """The city's events, oldest first, and its context peers."""
    events: list[Event] = []
    for s in statements_visible_to(user).filter(jurisdiction=jurisdiction):
        events.append(
            Event(
                _day(s.created_at),
                "challenge",
                f"Stated a challenge: {s.area}",
                s.get_priority_display() + " priority",
                "",
            )
        )
    visible_workshops = workshops_visible_to(user).values("pk")
    for member in CohortMember.objects.filter(
        jurisdiction=jurisdiction, status=CohortStatus.ACCEPTED, workshop__in=visible_workshops
    ).select_related("workshop"):
        events.append(
            Event(
                _day(member.responded_at or member.workshop.starts_on),
                "cohort",
                f"Joined the cohort of “{member.workshop.title}”",
                member.workshop.get_state_display(),
                member.workshop.get_absolute_url(),
            )
        )
    for insight in insights_visible_to(user).filter(
        state=InsightState.PUBLISHED, evidence_cities=jurisdiction
    ):
        events.append(
            Event(
                _day(insight.published_at or insight.updated_at),
                "insight",
                f"Evidence in the published insight “{insight.title}”",
                insight.area.name,
                insight.get_absolute_url(),
            )
        )
    replications = list(
        replications_visible_to(user)
        .filter(adopter=jurisdiction)
        .select_related("solution", "solution__owner", "prompted_by_insight")
    )
    by_id = {r.pk: r for r in replications}
    for change in StageChange.objects.filter(replication_id__in=by_id).order_by("changed_on"):
        r = by_id[change.replication_id]
        if not change.from_stage:
            prompt = (
                f" (prompted by “{r.prompted_by_insight.title}”)" if r.prompted_by_insight else ""
            )
            events.append(
                Event(
                    change.changed_on,
                    "replication",
                    f"Started replicating “{r.solution.title}” from "
                    f"{r.solution.owner.name}{prompt}",
                    "Considering",
                    r.get_absolute_url(),
                )
            )
        else:
            events.append(
                Event(
                    change.changed_on,
                    "stage",
                    f"“{r.solution.title}”: {change.get_from_stage_display()} → "
                    f"{change.get_to_stage_display()}",
                    change.reason,
                    r.get_absolute_url(),
                )
            )
    for outcome in ReplicationOutcome.objects.filter(replication_id__in=by_id):
        r = by_id[outcome.replication_id]
        baseline = "" if outcome.baseline is None else f" (baseline {outcome.baseline:g})"
        events.append(
            Event(
                outcome.measured_on or _day(r.updated_at),
                "outcome",
                f"Measured {outcome.metric}: {outcome.value:g} {outcome.unit}{baseline}",
                f"Replication of “{r.solution.title}”",
                r.get_absolute_url(),
            )
        )
    events.sort(key=lambda e: (e.on, STEPS.index(e.step)))
    return events, peers_for(jurisdiction, k=5)
