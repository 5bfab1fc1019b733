"""Workshops' figures for the organisers' view of the network (`web.network_selectors`):
counts only, one query each."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from citypeers.workshops.enums import InsightState, WebinarStatus, WorkshopState
from citypeers.workshops.models import CohortMember, Insight, PreWork, Webinar, Workshop

# Workshops under way: cities are being recruited, sessions held or insights written.
WORKSHOPS_IN_PROGRESS = (
    WorkshopState.RECRUITING,
    WorkshopState.IN_SESSION,
    WorkshopState.SYNTHESISING,
)
UPCOMING_DAYS = 30


@dataclass(frozen=True)
class WebinarFigures:
    live: int  # published and on now
    upcoming: int  # published, starting in the next UPCOMING_DAYS days


def workshops_in_progress() -> dict[str, int]:
    """{state: workshops in it} for the states of a workshop under way, zeros included."""
    rows = (
        Workshop.objects.filter(state__in=WORKSHOPS_IN_PROGRESS)
        .values("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {row["state"]: row["n"] for row in rows}
    return {state: found.get(state, 0) for state in WORKSHOPS_IN_PROGRESS}


def webinar_figures(*, now: datetime | None = None) -> WebinarFigures:
    now = now or timezone.now()
    published = Q(status=WebinarStatus.PUBLISHED)
    counts = Webinar.objects.aggregate(
        live=Count("pk", filter=published & Q(starts_at__lte=now, ends_at__gt=now)),
        upcoming=Count(
            "pk",
            filter=published
            & Q(starts_at__gt=now, starts_at__lte=now + timedelta(days=UPCOMING_DAYS)),
        ),
    )
    return WebinarFigures(live=counts["live"], upcoming=counts["upcoming"])


def published_insights_by_area() -> dict[int, int]:
    """{top-level challenge area id: published insights in it or its sub-areas}; one query."""
    rows = (
        Insight.objects.filter(state=InsightState.PUBLISHED)
        .annotate(top=Coalesce("area__parent_id", "area_id"))
        .values("top")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["top"]: row["n"] for row in rows}


def city_activity_since(since: datetime) -> list[QuerySet]:
    """(city id, day) rows for cohort answers and pre-work written since `since`, for a union."""
    return [
        CohortMember.objects.filter(responded_at__gte=since)
        .annotate(city=F("jurisdiction_id"), day=TruncDate("responded_at"))
        .values_list("city", "day")
        .order_by(),
        PreWork.objects.filter(updated_at__gte=since)
        .annotate(city=F("jurisdiction_id"), day=TruncDate("updated_at"))
        .values_list("city", "day")
        .order_by(),
    ]
