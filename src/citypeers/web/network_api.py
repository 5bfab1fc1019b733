"""JSON API for the organisers' home (`GET /api/v1/network/health`), mounted under /api/v1/ by
citypeers.api.urls. The same figures as the page, from `web.network_selectors`."""

from datetime import datetime
from typing import Any

from ninja import Field, Router, Schema

from citypeers.core.api.auth import REQUIRED_AUTH
from citypeers.web.network_selectors import network_health

router = Router(tags=["network"])


class NetworkActiveCitiesOut(Schema):
    days: int
    current: int = Field(description="Cities with any activity in the last `days` days")
    previous: int = Field(description="Cities with any activity in the `days` days before that")
    change: int


class NetworkAreaOut(Schema):
    slug: str
    name: str
    statements: int = Field(description="Demand: cities stating the challenge (published)")
    help_requests: int = Field(description="Demand: help requests asked, duplicates left out")
    solutions: int = Field(description="Supply: published solutions")
    insights: int = Field(description="Supply: published workshop insights")
    demand: int
    supply: int


class NetworkAgeBucketOut(Schema):
    label: str
    count: int
    older_than: str = Field(description="The help desk queue's `older_than` filter for it")


class NetworkCountOut(Schema):
    key: str
    label: str
    count: int


class NetworkWebinarsOut(Schema):
    live: int
    upcoming: int = Field(description="Published, starting in the next 30 days")


class NetworkReviewOut(Schema):
    submitted: int
    evidence_requested: int
    oldest_submitted_at: datetime | None


class NetworkHealthOut(Schema):
    computed_at: datetime
    member_cities: int = Field(description="Local governments with an organisation")
    active_cities: list[NetworkActiveCitiesOut]
    areas: list[NetworkAreaOut] = Field(description="Top-level challenge areas")
    open_requests: list[NetworkAgeBucketOut] = Field(description="Help requests waiting, by age")
    workshops: list[NetworkCountOut] = Field(description="Workshops under way, by state")
    webinars: NetworkWebinarsOut
    convenings: list[NetworkCountOut] = Field(description="Convenings under way, by state")
    review: NetworkReviewOut
    replications: list[NetworkCountOut] = Field(description="Replication records, by stage")
    more: dict[str, dict[str, Any]] = Field(
        description="Figures other parts of CityPeers add (e.g. digests sent and opened); "
        "a part with nothing to report is absent"
    )


@router.get(
    "/network/health", response=NetworkHealthOut, auth=REQUIRED_AUTH, url_name="network_health"
)
def get_network_health(request):
    """The network's health, as on the organisers' home page: active cities and trend, demand
    and supply by challenge area, open help requests by age, workshops and events under way,
    assessments awaiting review and replications by stage. For network organisers and site
    admins (403 for others); cached for a minute."""
    return network_health(request.auth)
