"""Assessments' figures for the organisers' view of the network (`web.network_selectors`)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Min, Q, QuerySet
from django.db.models.functions import TruncDate

from citypeers.assessments.enums import AssessmentStatus
from citypeers.assessments.models import Assessment


@dataclass(frozen=True)
class ReviewFigures:
    submitted: int  # waiting for a reviewer
    evidence_requested: int  # back with the city, waiting for its evidence
    oldest_submitted_at: datetime | None


def awaiting_review() -> ReviewFigures:
    """What the review queue holds (`selectors.review_queue`), counted in one query."""
    counts = Assessment.objects.filter(
        status__in=[AssessmentStatus.SUBMITTED, AssessmentStatus.EVIDENCE_REQUESTED]
    ).aggregate(
        submitted=Count("pk", filter=Q(status=AssessmentStatus.SUBMITTED)),
        evidence_requested=Count("pk", filter=Q(status=AssessmentStatus.EVIDENCE_REQUESTED)),
        oldest=Min("submitted_at", filter=Q(status=AssessmentStatus.SUBMITTED)),
    )
    return ReviewFigures(
        submitted=counts["submitted"],
        evidence_requested=counts["evidence_requested"],
        oldest_submitted_at=counts["oldest"],
    )


def city_activity_since(since: datetime) -> list[QuerySet]:
    """(city id, day) rows for assessments changed since `since`, for a union."""
    return [
        Assessment.objects.filter(updated_at__gte=since)
        .annotate(city=F("jurisdiction_id"), day=TruncDate("updated_at"))
        .values_list("city", "day")
        .order_by()
    ]
