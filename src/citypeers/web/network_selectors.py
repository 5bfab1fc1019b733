"""The organisers' home: the network's health in figures, read from each owning app's
selectors (one query per figure, about a dozen in all) and cached briefly as one set.

Who may see it is decided here (`require_network_organiser`); the page and the API only ask.
Figures that belong to an app above this one's knowledge, such as the digests sent and opened,
come from panels registered on the "network" page of `core.panels`: a panel's `context(user,
None, frozenset())` returns its figures (JSON-ready), its template shows them, and no panel
registered means nothing is shown.
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.permissions import can_organise_network
from citypeers.accounts.selectors import organisation_counts_by_kind
from citypeers.assessments.selectors import network as assessments
from citypeers.assessments.selectors.network import ReviewFigures
from citypeers.coalitions.enums import ReplicationStage
from citypeers.coalitions.selectors import network as coalitions
from citypeers.convenings.enums import ConveningState
from citypeers.convenings.selectors import network as convenings
from citypeers.core.panels import panels_for
from citypeers.helpdesk.selectors import network as helpdesk
from citypeers.helpdesk.selectors.network import AgeBucket
from citypeers.knowledge.selectors import challenge_area_tree
from citypeers.knowledge.selectors import city_activity_since as knowledge_activity
from citypeers.workshops.enums import WorkshopState
from citypeers.workshops.selectors import network as workshops
from citypeers.workshops.selectors.network import WebinarFigures

ORGANISERS_ONLY = "The network's health is for network organisers and site admins."
PAGE = "network"  # the `core.panels` page other apps add figures to
CACHE_KEY = "web:network-health:v1"
CACHE_SECONDS = 60  # long enough to spare a busy dashboard, short enough to look live
WINDOWS = (30, 90)  # days: active in this window vs the one before it


def require_network_organiser(user) -> None:
    """The gate of the organisers' home and its API (403 with the reason for others)."""
    if not can_organise_network(user):
        raise PermissionDenied(ORGANISERS_ONLY)


@dataclass(frozen=True)
class ActiveCities:
    days: int
    current: int  # cities with activity in the last `days` days
    previous: int  # cities with activity in the `days` days before that

    @property
    def change(self) -> int:
        return self.current - self.previous


@dataclass(frozen=True)
class AreaBalance:
    slug: str
    name: str
    statements: int  # demand: cities stating the challenge (published statements)
    help_requests: int  # demand: help requests asked (merged duplicates left out)
    solutions: int  # supply: published solutions
    insights: int  # supply: published workshop insights

    @property
    def demand(self) -> int:
        return self.statements + self.help_requests

    @property
    def supply(self) -> int:
        return self.solutions + self.insights


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class NetworkHealth:
    computed_at: datetime
    member_cities: int
    active_cities: list[ActiveCities]
    areas: list[AreaBalance]
    open_requests: list[AgeBucket]
    workshops: list[Count]
    webinars: WebinarFigures
    convenings: list[Count]
    review: ReviewFigures
    replications: list[Count]
    more: dict[str, dict] = field(default_factory=dict)  # figures from registered panels

    @property
    def open_request_total(self) -> int:
        return sum(bucket.count for bucket in self.open_requests)

    def as_dict(self) -> dict:
        return asdict(self)


def _active_cities(now: datetime) -> list[ActiveCities]:
    """Distinct cities with any activity per window, from one UNION of every app's rows."""
    today = timezone.localdate(now)
    longest = max(WINDOWS) * 2
    since = now - timedelta(days=longest + 1)
    sources = [
        *knowledge_activity(since),
        *helpdesk.city_activity_since(since),
        *assessments.city_activity_since(since),
        *workshops.city_activity_since(since),
        *coalitions.city_activity_since(since),
    ]
    ages: list[tuple[int, int]] = []  # (city id, days ago) of each day a city was active
    for city, day in sources[0].union(*sources[1:]):
        if city is not None and day is not None:
            ages.append((city, (today - _as_date(day)).days))
    figures = []
    for days in WINDOWS:
        current = {city for city, age in ages if 0 <= age < days}
        previous = {city for city, age in ages if days <= age < 2 * days}
        figures.append(ActiveCities(days=days, current=len(current), previous=len(previous)))
    return figures


def _as_date(value) -> date:
    # A UNION's day column may come back as text on SQLite.
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _areas() -> list[AreaBalance]:
    requests = helpdesk.requests_by_area()
    insights = workshops.published_insights_by_area()
    return [
        AreaBalance(
            slug=area.slug,
            name=area.name,
            statements=area.statement_count,
            help_requests=requests.get(area.pk, 0),
            solutions=area.solution_count,
            insights=insights.get(area.pk, 0),
        )
        for area in challenge_area_tree()
    ]


def _counts(found: dict[str, int], labels: dict[str, str]) -> list[Count]:
    return [Count(key=key, label=str(labels[key]), count=n) for key, n in found.items()]


def _compute(user, now: datetime) -> NetworkHealth:
    return NetworkHealth(
        computed_at=now,
        member_cities=organisation_counts_by_kind().get(OrganisationKind.LOCAL_GOVERNMENT, 0),
        active_cities=_active_cities(now),
        areas=_areas(),
        open_requests=helpdesk.open_requests_by_age(now=now),
        workshops=_counts(workshops.workshops_in_progress(), dict(WorkshopState.choices)),
        webinars=workshops.webinar_figures(now=now),
        convenings=_counts(convenings.convenings_in_progress(), dict(ConveningState.choices)),
        review=assessments.awaiting_review(),
        replications=_counts(coalitions.replications_by_stage(), dict(ReplicationStage.choices)),
        more={
            panel.name: panel.context(user, None, frozenset()) if panel.context else {}
            for panel in panels_for(PAGE)
        },
    )


def network_health(user, *, now: datetime | None = None, fresh: bool = False) -> NetworkHealth:
    """Every figure of the organisers' home, for a user who passed `require_network_organiser`.

    The set is the same for every organiser, so it is cached for CACHE_SECONDS; `fresh` (or
    an explicit `now`, as tests pass) computes it again."""
    require_network_organiser(user)
    if now is None and not fresh:
        cached = cache.get(CACHE_KEY)
        if cached is not None:
            return cached
    health = _compute(user, now or timezone.now())
    if now is None:
        cache.set(CACHE_KEY, health, CACHE_SECONDS)
    return health


def network_panels() -> list:
    """The panels other apps registered on this page, in order (templates for the page)."""
    return panels_for(PAGE)
