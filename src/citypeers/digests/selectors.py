"""Reads for digests: whose digest is due, a city's agenda for the engine, the digest itself,
and the access helpers (`digest_city_for_user`: the same 404 for a city that does not exist
and one the person is not a member of).

A digest costs a constant number of queries: its city's agenda (`city_agenda`, eight queries
and the peer search) plus the sources, which a `CandidatePool` runs once per window."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from citypeers.accounts.models import JurisdictionMembership, Membership
from citypeers.accounts.permissions import jurisdiction_ids_with_role
from citypeers.assessments.models import Assessment, Criterion, Response
from citypeers.coalitions.enums import ReplicationStage
from citypeers.coalitions.models import Replication
from citypeers.digests.engine import Agenda, Period, RankedItem, period_for, rank
from citypeers.digests.enums import DEFAULT_FREQUENCY, FINAL_STATUSES, DeliveryStatus, Frequency
from citypeers.digests.models import DigestDelivery, DigestPreference
from citypeers.digests.permissions import can_choose_digest, can_read_digest, is_signed_in
from citypeers.digests.sources import CandidatePool, Window
from citypeers.digests.sources.network import criterion_key
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.matching.selectors.peers import peer_ids_for

# A delivery the mail server refused is retried by later scheduler runs, this many times in all.
MAX_ATTEMPTS = 3
# A queued delivery not finished after this long is queued again (its worker may have died).
STALE_QUEUED = timedelta(minutes=30)
# How far back a digest shown on demand looks, by frequency.
ON_DEMAND_DAYS: dict[str, int] = {"weekly": 7, "fortnightly": 14, "monthly": 31}
DIGEST_LIMIT = 10


@dataclass(frozen=True)
class Digest:
    jurisdiction: Jurisdiction
    frequency: str
    window: Window
    items: list[RankedItem]

    @property
    def is_empty(self) -> bool:
        return not self.items

    @property
    def has_demo_items(self) -> bool:
        return any(item.candidate.is_demo for item in self.items)


@dataclass(frozen=True)
class Recipient:
    user_id: int
    jurisdiction_id: int
    period: Period


# Access helpers --------------------------------------------------------------------------------


def require_signed_in(user) -> None:
    if not is_signed_in(user):
        raise PermissionDenied("Sign in to see your digests.")


def digest_cities_for_user(user) -> QuerySet[Jurisdiction]:
    """The cities whose digest this person may get: those they are a member of."""
    return Jurisdiction.objects.filter(pk__in=jurisdiction_ids_with_role(user)).order_by(
        "name", "state", "pk"
    )


def digest_city_for_user(user, key: str, *, for_edit: bool = False) -> Jurisdiction:
    """A city by slug, or the same 404 whether it does not exist or the person is not one of
    its members."""
    city = Jurisdiction.objects.filter(slug=(key or "")[:120]).first()
    allowed = can_choose_digest if for_edit else can_read_digest
    if city is None or not allowed(user, city):
        raise Http404("No such city among yours.")
    return city


def frequencies_for_user(user, cities) -> dict[int, str]:
    """City id → the person's chosen frequency (weekly when they never chose)."""
    chosen = dict(
        DigestPreference.objects.filter(user=user, jurisdiction__in=cities).values_list(
            "jurisdiction_id", "frequency"
        )
    )
    return {city.pk: chosen.get(city.pk, DEFAULT_FREQUENCY) for city in cities}


def deliveries_for_user(user, *, limit: int = 10) -> list[DigestDelivery]:
    return list(DigestDelivery.objects.filter(user=user).select_related("jurisdiction")[:limit])


# The agenda ------------------------------------------------------------------------------------


def _related_areas(stated: dict[int, int | None]) -> dict[int, int]:
    """Sub-areas and parents of the stated areas → the stated area they relate to."""
    related: dict[int, int] = {}
    parents = {parent: area for area, parent in stated.items() if parent}
    rows = ChallengeArea.objects.filter(
        Q(parent_id__in=list(stated)) | Q(pk__in=list(parents))
    ).values_list("pk", "parent_id")
    for pk, parent_id in rows:
        if pk in stated:
            continue
        if parent_id in stated:
            related[pk] = parent_id
        elif pk in parents:
            related[pk] = parents[pk]
    return related


def _gaps(city: Jurisdiction) -> dict[str, str]:
    """Criteria not met in the city's latest assessment of each framework (key → title)."""
    latest: dict[int, int] = {}
    rows = (
        Assessment.objects.filter(jurisdiction=city)
        .order_by("-cycle", "-pk")
        .values_list("pk", "version__framework_id")
    )
    for pk, framework_id in rows:
        latest.setdefault(framework_id, pk)
    if not latest:
        return {}
    met = Response.objects.filter(
        assessment_id__in=list(latest.values()), criterion_id=OuterRef("pk")
    ).filter(Q(review_met=True) | Q(review_met__isnull=True, met=True))
    unmet = (
        Criterion.objects.filter(
            version__assessments__pk__in=list(latest.values()),
        )
        .annotate(is_met=Exists(met))
        .filter(is_met=False)
        .values_list("key", "title", "version__framework_id")
    )
    return {criterion_key(framework_id, key): title for key, title, framework_id in unmet}


def _peer_ids(city: Jurisdiction) -> frozenset[int]:
    """Context peers (the matching engine's defaults) and the cities sharing a network with
    this one."""
    networks = JurisdictionMembership.objects.filter(jurisdiction=city).values("organisation_id")
    fellows = set(
        JurisdictionMembership.objects.filter(organisation_id__in=Subquery(networks))
        .exclude(jurisdiction=city)
        .values_list("jurisdiction_id", flat=True)
    )
    try:
        context = set(peer_ids_for(city, k=10))
    except ValidationError:
        context = set()
    return frozenset((fellows | context) - {city.pk})


def city_agenda(city: Jurisdiction) -> Agenda:
    """What the city cares about: its statements, gaps, peers, replications, own solutions."""
    challenges: dict[int, tuple[str, str]] = {}
    stated: dict[int, int | None] = {}
    statements = ChallengeStatement.objects.filter(jurisdiction=city).values_list(
        "area_id", "area__name", "priority", "area__parent_id"
    )
    for area_id, name, priority, parent_id in statements:
        challenges[area_id] = (name, priority)
        stated[area_id] = parent_id
    own_solution_ids: set[str] = set()
    own_areas: dict[int, str] = {}
    for pk, area_id, name in Solution.objects.filter(owner=city).values_list(
        "pk", "challenges__id", "challenges__name"
    ):
        own_solution_ids.add(str(pk))
        if area_id is not None:
            own_areas[area_id] = name
    labels = dict(ReplicationStage.choices)
    replicating = {
        str(solution_id): labels.get(stage, stage)
        for solution_id, stage in Replication.objects.filter(adopter=city)
        .exclude(stage=ReplicationStage.DROPPED)
        .values_list("solution_id", "stage")
    }
    return Agenda(
        city_id=city.pk,
        city_name=str(city),
        challenges=challenges,
        related_areas=_related_areas(stated) if stated else {},
        gaps=_gaps(city),
        peer_ids=_peer_ids(city),
        replicating=replicating,
        own_solution_ids=frozenset(own_solution_ids),
        own_areas=own_areas,
    )


# The digest ------------------------------------------------------------------------------------


def _midnight(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def period_window(period: Period, *, now: datetime) -> Window:
    """What a scheduled digest covers: news of the period before `period`, events upcoming
    from the hour it is built (so every digest built in that hour shares one pool entry)."""
    return Window(
        since=_midnight(period.covers_from),
        until=_midnight(period.starts_on),
        now=now.replace(minute=0, second=0, microsecond=0),
    )


def on_demand_window(frequency: str, *, now: datetime) -> Window:
    days = ON_DEMAND_DAYS.get(frequency, 7)
    return Window(since=now - timedelta(days=days), until=now, now=now)


def build_digest(
    city: Jurisdiction,
    *,
    frequency: str,
    window: Window,
    pool: CandidatePool | None = None,
    limit: int = DIGEST_LIMIT,
) -> Digest:
    """The ranked digest for `city` over `window` (items any network member may read)."""
    pool = pool or CandidatePool()
    items = rank(pool.gather(window), city_agenda(city), now=window.now, limit=limit)
    return Digest(jurisdiction=city, frequency=frequency, window=window, items=items)


# Fan-out ---------------------------------------------------------------------------------------


def due_recipients(*, now: datetime) -> list[Recipient]:
    """Every member whose digest for the current period is not yet sent, recorded empty, given
    up on, or being worked on: one (person, city) pair per membership in a city, at the
    person's chosen frequency (weekly by default; "never" is left out). Two queries."""
    today = timezone.localdate(now)
    chosen = DigestPreference.objects.filter(
        user_id=OuterRef("user_id"), jurisdiction_id=OuterRef("organisation__jurisdiction_id")
    ).values("frequency")[:1]
    rows = (
        Membership.objects.filter(organisation__jurisdiction__isnull=False, user__is_active=True)
        .exclude(user__email="")
        .annotate(frequency=Subquery(chosen))
        .values_list("user_id", "organisation__jurisdiction_id", "frequency")
        .order_by("organisation__jurisdiction_id", "user_id")
    )
    periods: dict[str, Period] = {}
    wanted: list[Recipient] = []
    for user_id, city_id, frequency in rows:
        frequency = frequency or DEFAULT_FREQUENCY
        if frequency == Frequency.NEVER:
            continue
        if frequency not in periods:
            periods[frequency] = period_for(frequency, today)
        wanted.append(Recipient(user_id, city_id, periods[frequency]))
    if not wanted:
        return []
    done = set()
    stale = now - STALE_QUEUED
    for user_id, city_id, period, status, attempts, updated in DigestDelivery.objects.filter(
        period__in=[p.key for p in periods.values()]
    ).values_list("user_id", "jurisdiction_id", "period", "status", "attempts", "updated_at"):
        finished = status in FINAL_STATUSES or attempts >= MAX_ATTEMPTS
        in_queue = status == DeliveryStatus.QUEUED and updated > stale
        if finished or in_queue:
            done.add((user_id, city_id, period))
    return [r for r in wanted if (r.user_id, r.jurisdiction_id, r.period.key) not in done]
