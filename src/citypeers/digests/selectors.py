"""Reads for digests: whose digest is due, a city's agenda for the engine, the digest itself,
and the access helpers (`digest_city_for_user`: the same 404 for a city that does not exist
and one the person is not a member of).

A digest costs a constant number of queries: its city's agenda (`city_agendas` reads a
batch of cities' in ten queries, plus each one's peer search in memory) plus the sources,
which a `CandidatePool` runs once per window."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
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
# A coalition larger than this is a network, not a group of peers.
PEER_NETWORK_MAX = 200


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


def _related_areas(stated: dict[int, dict[int, int | None]]) -> dict[int, dict[int, int]]:
    """Per city: sub-areas and parents of its stated areas → the stated area they relate to."""
    area_ids = {area for areas in stated.values() for area in areas}
    parent_ids = {parent for areas in stated.values() for parent in areas.values() if parent}
    if not area_ids:
        return {}
    rows = list(
        ChallengeArea.objects.filter(Q(parent_id__in=area_ids) | Q(pk__in=parent_ids)).values_list(
            "pk", "parent_id"
        )
    )
    related: dict[int, dict[int, int]] = {}
    for city_id, areas in stated.items():
        parents = {parent: area for area, parent in areas.items() if parent}
        mine: dict[int, int] = {}
        for pk, parent_id in rows:
            if pk in areas:
                continue
            if parent_id in areas:
                mine[pk] = parent_id
            elif pk in parents:
                mine[pk] = parents[pk]
        related[city_id] = mine
    return related


def _gaps(city_ids: list[int]) -> dict[int, dict[str, str]]:
    """Per city: criteria not met in its latest assessment of each framework (key → title)."""
    latest: dict[tuple[int, int], tuple[int, int]] = {}
    rows = (
        Assessment.objects.filter(jurisdiction_id__in=city_ids)
        .order_by("-cycle", "-pk")
        .values_list("pk", "jurisdiction_id", "version_id", "version__framework_id")
    )
    for pk, city_id, version_id, framework_id in rows:
        latest.setdefault((city_id, framework_id), (pk, version_id))
    if not latest:
        return {}
    assessment_ids = [pk for pk, _ in latest.values()]
    criteria: dict[int, list[tuple[int, str, str, int]]] = {}
    for pk, key, title, version_id, framework_id in Criterion.objects.filter(
        version_id__in={version for _, version in latest.values()}
    ).values_list("pk", "key", "title", "version_id", "version__framework_id"):
        criteria.setdefault(version_id, []).append((pk, key, title, framework_id))
    met = set(
        Response.objects.filter(assessment_id__in=assessment_ids)
        .filter(Q(review_met=True) | Q(review_met__isnull=True, met=True))
        .values_list("assessment_id", "criterion_id")
    )
    gaps: dict[int, dict[str, str]] = {}
    for (city_id, _), (assessment_id, version_id) in latest.items():
        mine = gaps.setdefault(city_id, {})
        for pk, key, title, framework_id in criteria.get(version_id, []):
            if (assessment_id, pk) not in met:
                mine[criterion_key(framework_id, key)] = title
    return gaps


def _fellows(city_ids: list[int]) -> dict[int, set[int]]:
    """Per city: the cities sharing a coalition with it (coalitions of at most
    `PEER_NETWORK_MAX` members: in a national league everyone would be a peer)."""
    networks: dict[int, set[int]] = {}
    for city_id, organisation_id in JurisdictionMembership.objects.filter(
        jurisdiction_id__in=city_ids
    ).values_list("jurisdiction_id", "organisation_id"):
        networks.setdefault(organisation_id, set()).add(city_id)
    small = (
        JurisdictionMembership.objects.filter(organisation_id__in=list(networks))
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .filter(n__lte=PEER_NETWORK_MAX)
        .values("organisation_id")
    )
    fellows: dict[int, set[int]] = {}
    for organisation_id, member_id in JurisdictionMembership.objects.filter(
        organisation_id__in=Subquery(small)
    ).values_list("organisation_id", "jurisdiction_id"):
        for city_id in networks.get(organisation_id, ()):
            if member_id != city_id:
                fellows.setdefault(city_id, set()).add(member_id)
    return fellows


def _context_peers(city: Jurisdiction) -> set[int]:
    try:
        return set(peer_ids_for(city, k=10))
    except ValidationError:
        return set()


def city_agendas(cities: list[Jurisdiction]) -> dict[int, Agenda]:
    """What each city cares about: its statements, gaps, peers, replications, own solutions.
    Ten queries for any number of cities, plus the peer search of each (in memory)."""
    ids = [city.pk for city in cities]
    challenges: dict[int, dict[int, tuple[str, str]]] = {}
    stated: dict[int, dict[int, int | None]] = {}
    for city_id, area_id, name, priority, parent_id in ChallengeStatement.objects.filter(
        jurisdiction_id__in=ids
    ).values_list("jurisdiction_id", "area_id", "area__name", "priority", "area__parent_id"):
        challenges.setdefault(city_id, {})[area_id] = (name, priority)
        stated.setdefault(city_id, {})[area_id] = parent_id
    own_ids: dict[int, set[str]] = {}
    own_areas: dict[int, dict[int, str]] = {}
    for city_id, pk, area_id, name in Solution.objects.filter(owner_id__in=ids).values_list(
        "owner_id", "pk", "challenges__id", "challenges__name"
    ):
        own_ids.setdefault(city_id, set()).add(str(pk))
        if area_id is not None:
            own_areas.setdefault(city_id, {})[area_id] = name
    labels = dict(ReplicationStage.choices)
    replicating: dict[int, dict[str, str]] = {}
    for city_id, solution_id, stage in (
        Replication.objects.filter(adopter_id__in=ids)
        .exclude(stage=ReplicationStage.DROPPED)
        .values_list("adopter_id", "solution_id", "stage")
    ):
        replicating.setdefault(city_id, {})[str(solution_id)] = labels.get(stage, stage)
    related = _related_areas(stated)
    gaps = _gaps(ids)
    fellows = _fellows(ids)
    return {
        city.pk: Agenda(
            city_id=city.pk,
            city_name=str(city),
            challenges=challenges.get(city.pk, {}),
            related_areas=related.get(city.pk, {}),
            gaps=gaps.get(city.pk, {}),
            peer_ids=frozenset((fellows.get(city.pk, set()) | _context_peers(city)) - {city.pk}),
            replicating=replicating.get(city.pk, {}),
            own_solution_ids=frozenset(own_ids.get(city.pk, set())),
            own_areas=own_areas.get(city.pk, {}),
        )
        for city in cities
    }


def city_agenda(city: Jurisdiction) -> Agenda:
    return city_agendas([city])[city.pk]


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
    agenda: Agenda | None = None,
    limit: int = DIGEST_LIMIT,
) -> Digest:
    """The ranked digest for `city` over `window` (items any network member may read).
    Pass the `agenda` when it was read for several cities at once (`city_agendas`)."""
    pool = pool or CandidatePool()
    agenda = agenda or city_agenda(city)
    candidates = pool.index(window).for_agenda(agenda)
    items = rank(candidates, agenda, now=window.now, limit=limit)
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
