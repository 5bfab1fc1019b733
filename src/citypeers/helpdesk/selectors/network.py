"""The help desk's figures for the organisers' view of the network (`web.network_selectors`):
counts only, one query each, for people who may see every request."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from citypeers.helpdesk.enums import ACTIVE, RequestStatus
from citypeers.helpdesk.models import Answer, HelpRequest


@dataclass(frozen=True)
class AgeBucket:
    label: str
    count: int
    # The organisers' queue filter (`older_than`) that lists this bucket (with older ones);
    # "" for the youngest bucket, which the queue's default lists.
    older_than: str


# (label, youngest age in days, the queue's `older_than` filter for it)
AGE_BUCKETS = (
    ("Under a day", 0, ""),
    ("1 to 7 days", 1, "1"),
    ("7 to 30 days", 7, "7"),
    ("Over 30 days", 30, "30"),
)


def open_requests_by_age(*, now: datetime | None = None) -> list[AgeBucket]:
    """Requests someone still has to act on (new, open, routed, answered), by age; one query."""
    now = now or timezone.now()
    bounds = [now - timedelta(days=days) for _, days, _ in AGE_BUCKETS] + [None]
    aggregates = {}
    for index, (_, _, _) in enumerate(AGE_BUCKETS):
        newest, oldest = bounds[index], bounds[index + 1]
        condition = Q(created_at__lte=newest) if index else Q()
        if oldest is not None:
            condition &= Q(created_at__gt=oldest)
        aggregates[f"b{index}"] = Count("pk", filter=condition)
    counts = HelpRequest.objects.filter(status__in=ACTIVE).aggregate(**aggregates)
    return [
        AgeBucket(label=label, count=counts[f"b{index}"], older_than=older_than)
        for index, (label, _, older_than) in enumerate(AGE_BUCKETS)
    ]


def requests_by_area() -> dict[int, int]:
    """{top-level challenge area id: help requests asked in it or its sub-areas}, leaving out
    requests merged into another (they are counted once, as the one kept); one query."""
    rows = (
        HelpRequest.objects.exclude(status=RequestStatus.MERGED)
        .annotate(top=Coalesce("area__parent_id", "area_id"))
        .values("top")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["top"]: row["n"] for row in rows}


def city_activity_since(since: datetime) -> list[QuerySet]:
    """(city id, day) rows for requests asked and answers given since `since`, for a union."""
    return [
        HelpRequest.objects.filter(created_at__gte=since)
        .annotate(city=F("jurisdiction_id"), day=TruncDate("created_at"))
        .values_list("city", "day")
        .order_by(),
        Answer.objects.filter(created_at__gte=since, jurisdiction__isnull=False)
        .annotate(city=F("jurisdiction_id"), day=TruncDate("created_at"))
        .values_list("city", "day")
        .order_by(),
    ]
