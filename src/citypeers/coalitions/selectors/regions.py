"""Reads for coalition and partnership pages and the regional dashboard.

Counts are over unique member governments: a city in two coalitions of a partnership counts
once. The dashboard costs the same number of queries for 5 or 500 member governments.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS
from django.db.models import CharField, Count, Max, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.http import Http404

from citypeers.accounts.enums import MembershipRole, OrganisationKind
from citypeers.accounts.models import JurisdictionMembership, Membership, Organisation
from citypeers.accounts.permissions import (
    can_organise_network,
    is_network_member,
    is_site_admin,
    jurisdiction_ids_with_role,
)
from citypeers.assessments.models import Certification
from citypeers.coalitions.models import (
    CoalitionPartner,
    CoalitionProfile,
    CoalitionProject,
    Partnership,
    Replication,
)
from citypeers.coalitions.models.regions import seed_fingerprint
from citypeers.coalitions.permissions import can_edit_partnership, can_manage_coalition
from citypeers.coalitions.selectors import replications_visible_to
from citypeers.core.enums import PublicationStatus
from citypeers.core.prepared import NUMBER_MARKS, TEXT_MARKS, PreparedQuery, instance
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.workshops.enums import InsightState
from citypeers.workshops.models import Insight
from citypeers.workshops.selectors import insights_visible_to

# Assessment levels are shown only over at least this many certified member governments.
MIN_GROUP = 5
# The dashboard lists the most recently updated replications; counts cover all of them.
REPLICATION_ROWS = 25
REPLICATION_COLUMNS = (
    "pk",
    "stage",
    "stage_changed_on",
    "is_demo",
    "updated_at",
    "solution_id",
    "solution__slug",
    "solution__title",
    "solution__owner_id",
    "solution__owner__name",
    "solution__owner__state",
    "adopter_id",
    "adopter__name",
    "adopter__state",
)


def coalition_by_slug(slug: str) -> Organisation:
    coalition = (
        Organisation.objects.filter(slug=slug, kind=OrganisationKind.COALITION)
        .select_related("coalition_profile")
        .first()
    )
    if coalition is None:
        raise Http404("No such coalition.")
    return coalition


def profile_of(coalition: Organisation) -> CoalitionProfile | None:
    try:
        return coalition.coalition_profile
    except CoalitionProfile.DoesNotExist:
        return None


def partnership_by_slug(slug: str) -> Partnership:
    partnership = (
        Partnership.objects.filter(slug=slug)
        .prefetch_related(
            Prefetch(
                "coalitions",
                queryset=Organisation.objects.select_related("coalition_profile")
                .annotate(member_count=Count("jurisdictionmembership", distinct=True))
                .order_by("name"),
            ),
            "organisers",
            "agenda",
        )
        .first()
    )
    if partnership is None:
        raise Http404("No such partnership.")
    return partnership


def coalition_for_user(user, slug: str, *, for_edit: bool = False) -> Organisation:
    """A coalition (public); with `for_edit`, the same 404 unless this user manages it."""
    coalition = coalition_by_slug(slug)
    if for_edit and not can_manage_coalition(user, coalition):
        raise Http404("No such coalition.")
    return coalition


def partners_of(coalition: Organisation) -> list[CoalitionPartner]:
    return list(coalition.coalition_partners.select_related("partner"))


def coalition_partner_for_user(
    user, slug: str, partner_slug: str, *, for_edit: bool = False
) -> CoalitionPartner:
    """One partner row of a coalition, found by the partner organisation's slug."""
    coalition = coalition_for_user(user, slug, for_edit=for_edit)
    row = (
        CoalitionPartner.objects.filter(coalition=coalition, partner__slug=partner_slug)
        .select_related("partner")
        .first()
    )
    if row is None:
        raise Http404("No such partner.")
    row.coalition = coalition
    return row


def projects_of(coalition: Organisation) -> list[CoalitionProject]:
    return list(coalition.coalition_projects.select_related("area", "solution"))


def coalition_project_for_user(
    user, slug: str, pk: int, *, for_edit: bool = False
) -> CoalitionProject:
    coalition = coalition_for_user(user, slug, for_edit=for_edit)
    project = (
        CoalitionProject.objects.filter(coalition=coalition, pk=pk)
        .select_related("area", "solution")
        .first()
    )
    if project is None:
        raise Http404("No such project.")
    project.coalition = coalition
    return project


def partnership_for_user(user, slug: str, *, for_edit: bool = False) -> Partnership:
    """A partnership (public); with `for_edit`, the same 404 unless this user may edit it."""
    partnership = partnership_by_slug(slug)
    if for_edit and not can_edit_partnership(user, partnership):
        raise Http404("No such partnership.")
    return partnership


def partnership_edited_since_seeded(partnership: Partnership) -> bool:
    """Whether people changed this partnership after the demo seed wrote it, so the seed must
    leave it alone: one people made (not demo), one edited through the pages or the API (its
    version moved), or one whose text or lists no longer match what the seed wrote (an edit
    from anywhere else, the Django admin included)."""
    if not partnership.is_demo or partnership.version > 1:
        return True
    if not partnership.seed_fingerprint:  # seeded before the seed kept its fingerprint
        return False
    current = seed_fingerprint(
        name=partnership.name,
        description=partnership.description,
        source_note=partnership.source_note,
        coalitions=partnership.coalitions.values_list("slug", flat=True),
        organisers=partnership.organisers.values_list("slug", flat=True),
        agenda=partnership.agenda.values_list("slug", flat=True),
    )
    return current != partnership.seed_fingerprint


def members_of(coalition_ids: list[int]) -> QuerySet:
    """The member governments' ids as a subquery: the dashboard filters by it inside each of
    its queries instead of sending hundreds of ids (each prepared by the ORM) seven times."""
    return JurisdictionMembership.objects.filter(organisation_id__in=coalition_ids).values(
        "jurisdiction_id"
    )


def member_ids(coalition_ids: list[int]) -> set[int]:
    return set(
        JurisdictionMembership.objects.filter(organisation_id__in=coalition_ids).values_list(
            "jurisdiction_id", flat=True
        )
    )


@dataclass
class CoalitionPage:
    members: list[Jurisdiction]
    partners: list[CoalitionPartner]
    contacts: list[Membership]
    projects: list[CoalitionProject]
    partnerships: list[Partnership]


def coalition_page(coalition: Organisation, *, with_contacts: bool) -> CoalitionPage:
    members = list(Jurisdiction.objects.filter(member_of=coalition).order_by("state", "name"))
    contacts = (
        list(
            Membership.objects.filter(
                organisation=coalition,
                role__in=[MembershipRole.ADMIN, MembershipRole.EDITOR],
                user__is_active=True,
            )
            .select_related("user")
            .order_by("user__full_name")
        )
        if with_contacts
        else []
    )
    return CoalitionPage(
        members=members,
        partners=partners_of(coalition),
        contacts=contacts,
        projects=projects_of(coalition),
        partnerships=list(coalition.partnerships.order_by("name")),
    )


# --- the regional dashboard -----------------------------------------------------------------


class MemberRow(NamedTuple):
    """What the dashboard shows of each member government: a plain row, since hundreds of
    members as model instances cost more than all the queries."""

    pk: int
    name: str
    slug: str
    state: str
    latitude: float | None
    longitude: float | None
    population: int | None
    population_year: int | None
    population_source: str


MEMBER_FIELDS = MemberRow._fields


class ReplicationRow(NamedTuple):
    """A row of the dashboard's replications table (`REPLICATION_COLUMNS`), flat: building a
    replication, its solution and two cities as model instances cost more than the query."""

    pk: int
    stage: str
    stage_changed_on: date
    is_demo: bool
    updated_at: datetime
    solution_id: int
    solution_slug: str
    solution_title: str
    owner_id: int
    owner_name: str
    owner_state: str
    adopter_id: int
    adopter_name: str
    adopter_state: str


AREA_FIELDS = tuple(f.attname for f in ChallengeArea._meta.concrete_fields)
SOLUTION_FIELDS = ("id", "slug", "title", "is_demo", "updated_at", "owner_id")
INSIGHT_FIELDS = ("id", "slug", "title", "published_at")


@dataclass
class Dashboard:
    members: list
    areas: list[dict]
    solutions: list[Solution]
    solution_count: int
    replications: list
    replication_count: int
    stage_counts: dict[str, int]
    levels: list[tuple[str, int]] | None
    certified_count: int
    certification_cycle: int | None
    insights: list
    states: list[str] = field(default_factory=list)

    @property
    def member_count(self) -> int:
        return len(self.members)


# The dashboard's queries, each a `values_list` over the member governments' ids (`ids`: a set
# or a subquery) and what the audience may read. `dashboard` runs them through the ORM;
# `subject_dashboard` runs the same querysets compiled once per process (`core.prepared`).


def _members_query(user, ids) -> QuerySet:
    # Plain rows: hundreds of members as model instances cost more than all the queries.
    return (
        Jurisdiction.objects.filter(pk__in=ids)
        .order_by("state", "name")
        .values_list(*MEMBER_FIELDS)
    )


def _statements_query(user, ids) -> QuerySet:
    return ChallengeStatement.objects.filter(
        jurisdiction_id__in=ids, status=PublicationStatus.PUBLISHED
    ).values_list("jurisdiction_id", "area_id", "area__parent_id")


def _areas_query(user, ids) -> QuerySet:
    return (
        ChallengeArea.objects.filter(parent__isnull=True)
        .order_by("order", "name")
        .values_list(*AREA_FIELDS)
    )


def _in_region(user, ids) -> QuerySet:
    return replications_visible_to(user).filter(
        Q(adopter_id__in=ids) | Q(solution__owner_id__in=ids)
    )


def _stages_query(user, ids) -> QuerySet:
    return _in_region(user, ids).values_list("stage")


def _replications_query(user, ids) -> QuerySet:
    # Only the columns the table shows: a replication, its solution and two cities are wide
    # rows, and building them whole cost more than the query.
    return (
        _in_region(user, ids)
        .order_by("-updated_at", "pk")
        .values_list(*REPLICATION_COLUMNS)[:REPLICATION_ROWS]
    )


def _certifications_query(user, ids) -> QuerySet:
    return Certification.objects.filter(jurisdiction_id__in=ids).values_list(
        "jurisdiction_id", "cycle", "level_title"
    )


def _insights_query(user, ids) -> QuerySet:
    # The rows hold the insight's id, so DISTINCT drops only the evidence join's repeats.
    return (
        insights_visible_to(user)
        .select_related(None)
        .prefetch_related(None)
        .filter(state=InsightState.PUBLISHED, evidence_cities__in=ids)
        .distinct()
        .order_by("-published_at")
        .values_list(*INSIGHT_FIELDS)[:10]
    )


def _region_solutions(ids) -> QuerySet:
    return Solution.objects.filter(owner_id__in=ids, status=PublicationStatus.PUBLISHED)


def _solutions_query(user, ids) -> QuerySet:
    return (
        _region_solutions(ids)
        .order_by("-updated_at")
        .values_list(*SOLUTION_FIELDS, "owner__name")[:10]
    )


def _solution_count_query(user, ids) -> QuerySet:
    # One row over all of them (no grouping), so that the count is a `values_list` too.
    return (
        _region_solutions(ids)
        .order_by()
        .annotate(_all=Value(1))
        .values("_all")
        .annotate(count=Count("id"))
        .values_list("count")
    )


# Name, query, and whether only the page's lists need it (not the CSV or the API).
DASHBOARD_QUERIES = (
    ("members", _members_query, False),
    ("statements", _statements_query, False),
    ("areas", _areas_query, False),
    ("stages", _stages_query, False),
    ("replications", _replications_query, True),
    ("certifications", _certifications_query, False),
    ("insights", _insights_query, True),
    ("solutions", _solutions_query, True),
    ("solution_count", _solution_count_query, False),
)


def dashboard(user, ids: set[int] | QuerySet, *, lists: bool = True) -> Dashboard:
    """Everything the regional dashboard shows for these member governments (9 queries).
    Without `lists` (the CSV and the API), only the figures: no replications, solutions or
    insights listed (6 queries)."""
    return _assemble(
        {
            name: list(query(user, ids))
            for name, query, for_lists in DASHBOARD_QUERIES
            if lists or not for_lists
        }
    )


def _subject_members(kind: str, pk) -> QuerySet:
    if kind == "coalition":
        return members_of([pk])
    return partnership_members(pk)


def _audience_shape(user) -> tuple | None:
    """What the dashboard's SQL depends on about the audience, when only the kind of reader
    does (the visibility selectors give the same SQL to every such reader); None for a member
    of particular cities, whose drafts and records the SQL names."""
    if is_site_admin(user):
        return ("admin",)
    if jurisdiction_ids_with_role(user):
        return None
    return ("network" if is_network_member(user) else "public", bool(can_organise_network(user)))


# (kind, audience shape, query name, rows listed) -> the query compiled for that shape (the
# number of replications listed is part of the SQL, and tests change it).
_PREPARED_DASHBOARD: dict[tuple, PreparedQuery] = {}
# The top-level challenge areas are the same for every dashboard: a query without values.
SUBJECTLESS = frozenset({"areas"})


def _prepared_rows(kind: str, shape: tuple, name: str, query, user, pk: int) -> list[tuple]:
    key = (kind, shape, name, REPLICATION_ROWS)
    prepared = _PREPARED_DASHBOARD.get(key)
    if name in SUBJECTLESS:
        if prepared is None:
            prepared = _PREPARED_DASHBOARD[key] = PreparedQuery(lambda: query(user, ()), [])
        return prepared.rows()
    if prepared is None:
        prepared = _PREPARED_DASHBOARD[key] = PreparedQuery(
            lambda mark: query(user, _subject_members(kind, mark)), [NUMBER_MARKS[0]]
        )
    return prepared.rows(pk)


def subject_dashboard(user, kind: str, pk: int, *, lists: bool = True) -> Dashboard:
    """`dashboard` over a coalition's (`kind` "coalition") or a partnership's member
    governments, the same queries compiled once per process and audience shape: compiling
    them cost the ORM several times what the database spends running them."""
    shape = _audience_shape(user)
    if shape is None:
        return dashboard(user, _subject_members(kind, pk), lists=lists)
    return _assemble(
        {
            name: _prepared_rows(kind, shape, name, query, user, pk)
            for name, query, for_lists in DASHBOARD_QUERIES
            if lists or not for_lists
        }
    )


def _assemble(rows: dict[str, list[tuple]]) -> Dashboard:
    members = [MemberRow(*row) for row in rows["members"]]
    stage_counts = dict(Counter(stage for (stage,) in rows["stages"]))
    levels, certified, cycle = _latest_levels(rows["certifications"])
    count = rows["solution_count"]
    return Dashboard(
        members=members,
        areas=_heat_rows(rows["statements"], rows["areas"], total=len(members)),
        solutions=[_solution(row) for row in rows.get("solutions", ())],
        solution_count=count[0][0] if count else 0,
        replications=[ReplicationRow(*row) for row in rows.get("replications", ())],
        replication_count=sum(stage_counts.values()),
        stage_counts=stage_counts,
        levels=levels,
        certified_count=certified,
        certification_cycle=cycle,
        insights=[
            instance(Insight, INSIGHT_FIELDS, row, DEFAULT_DB_ALIAS)
            for row in rows.get("insights", ())
        ],
        states=sorted({m.state for m in members}),
    )


def _solution(row: tuple) -> Solution:
    *fields, owner_name = row
    solution = instance(Solution, SOLUTION_FIELDS, fields, DEFAULT_DB_ALIAS)
    solution.owner = instance(
        Jurisdiction, ("id", "name"), (solution.owner_id, owner_name), DEFAULT_DB_ALIAS
    )
    return solution


def _heat_table(ids: set[int] | QuerySet, *, total: int | None = None) -> list[dict]:
    """Top-level challenge areas by how many member governments state a challenge there
    (sub-areas count towards their top-level area; each city once per area)."""
    return _heat_rows(
        list(_statements_query(None, ids)),
        list(_areas_query(None, ids)),
        total=len(ids) if total is None else total,
    )


def _heat_rows(statements: list[tuple], areas: list[tuple], *, total: int) -> list[dict]:
    cities: dict[int, set[int]] = defaultdict(set)
    for city, area, parent in statements:
        cities[parent or area].add(city)
    top = max((len(c) for c in cities.values()), default=0)
    rows = []
    for fields in areas:
        area = instance(ChallengeArea, AREA_FIELDS, fields, DEFAULT_DB_ALIAS)
        n = len(cities.get(area.pk, ()))
        rows.append(
            {
                "area": area,
                "cities": n,
                "share": n / total if total else 0,
                "heat": round(4 * n / top) if top else 0,
            }
        )
    return rows


def _levels(ids: set[int] | QuerySet) -> tuple[list[tuple[str, int]] | None, int, int | None]:
    return _latest_levels(list(_certifications_query(None, ids)))


def _latest_levels(rows: list[tuple]) -> tuple[list[tuple[str, int]] | None, int, int | None]:
    """Each member's latest certification level, counted; None when fewer than MIN_GROUP
    members are certified (so no single city can be picked out)."""
    latest: dict[int, tuple[int, str]] = {}
    for city, cycle, level in rows:
        if city not in latest or cycle > latest[city][0]:
            latest[city] = (cycle, level)
    newest = max((c for c, _ in latest.values()), default=None)
    if len(latest) < MIN_GROUP:
        return None, len(latest), newest
    counts = Counter(level for _, level in latest.values())
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])), len(latest), newest


# --- what the dashboard's cached copy depends on --------------------------------------------


def _whole(queryset: QuerySet, *values) -> Subquery:
    """Aggregates over all rows of `queryset` (no grouping) joined in one text value, so that
    a table costs one subquery however many of its figures the version needs."""
    parts = []
    for value in values:
        parts += [Cast(value, output_field=CharField()), Value("/")]
    return Subquery(
        queryset.order_by()
        .annotate(_all=Value(1))
        .values("_all")
        .annotate(value=Concat(*parts, output_field=CharField()))
        .values("value")[:1],
        output_field=CharField(),
    )


def _data_version(own_members: QuerySet) -> dict:
    """Counts (inserts, deletes) and latest changes (edits) of every table the dashboard
    reads, over the member governments (`own_members`: their membership rows).

    Directory facts (a member's name, population, location) are left out: they change with
    a Census import, not with anyone's work, and reading them for hundreds of members would
    cost as much as the rest together; the cache's lifetime bounds how long they lag."""
    members = own_members.values("jurisdiction_id")
    in_region = Replication.objects.filter(
        Q(adopter_id__in=members) | Q(solution__owner_id__in=members)
    )
    return {
        "v_members": _whole(own_members, Count("id"), Max("id")),
        "v_areas": _whole(ChallengeArea.objects.all(), Count("id"), Max("id")),
        "v_statements": _whole(
            ChallengeStatement.objects.filter(jurisdiction_id__in=members),
            Count("id"),
            Max("updated_at"),
        ),
        "v_solutions": _whole(
            Solution.objects.filter(owner_id__in=members), Count("id"), Max("updated_at")
        ),
        # The origin solution's change too: one outside the region unpublished or renamed.
        "v_replications": _whole(
            in_region, Count("id"), Max("updated_at"), Max("solution__updated_at")
        ),
        "v_certifications": _whole(
            Certification.objects.filter(jurisdiction_id__in=members),
            Count("id"),
            Max("updated_at"),
        ),
        "v_insights": _whole(
            Insight.evidence_cities.through.objects.filter(jurisdiction_id__in=members),
            Count("id"),
            Max("insight__updated_at"),
        ),
    }


# The member subqueries take the slug as a value rather than the outer row (no correlation),
# so the database runs each once instead of once per row it scans.
def _coalition_version_query(slug) -> QuerySet:
    own = JurisdictionMembership.objects.filter(
        organisation__slug=slug, organisation__kind=OrganisationKind.COALITION
    )
    return (
        Organisation.objects.filter(slug=slug, kind=OrganisationKind.COALITION)
        .annotate(**_data_version(own))
        .values_list(*SUBJECT_FIELDS, *VERSION_NAMES)[:1]
    )


def _partnership_version_query(slug) -> QuerySet:
    coalitions = Partnership.coalitions.through.objects.filter(partnership__slug=slug)
    own = JurisdictionMembership.objects.filter(
        organisation_id__in=coalitions.values("organisation_id")
    )
    return (
        Partnership.objects.filter(slug=slug)
        .annotate(
            v_coalitions=_whole(coalitions, Count("id"), Max("id")),
            **_data_version(own),
        )
        .values_list(*SUBJECT_FIELDS, "v_coalitions", *VERSION_NAMES)[:1]
    )


@dataclass(frozen=True)
class DashboardSubject:
    """The coalition or partnership a dashboard is about: what its page shows of it."""

    pk: int
    slug: str
    name: str
    is_demo: bool


SUBJECT_FIELDS = ("pk", "slug", "name", "is_demo", "updated_at")
VERSION_NAMES = tuple(_data_version(JurisdictionMembership.objects.none()))
# Eight subqueries: compiling them costs the ORM more than the database spends running them,
# and this query runs on every dashboard request (the cached copy's key), so it is prepared.
_COALITION_VERSION = PreparedQuery(_coalition_version_query, [TEXT_MARKS[0]])
_PARTNERSHIP_VERSION = PreparedQuery(_partnership_version_query, [TEXT_MARKS[0]])


def _with_version(query: PreparedQuery, slug: str, missing: str):
    rows = query.rows(slug)
    if not rows:
        raise Http404(missing)
    pk, slug, name, is_demo, *version = rows[0]
    return DashboardSubject(pk=pk, slug=slug, name=name, is_demo=is_demo), tuple(version)


def coalition_with_version(slug: str) -> tuple[DashboardSubject, tuple]:
    """A coalition and a version of everything its dashboard shows, in one query; Http404
    when there is no such coalition."""
    return _with_version(_COALITION_VERSION, slug, "No such coalition.")


def partnership_with_version(slug: str) -> tuple[DashboardSubject, tuple]:
    """A partnership and a version of everything its dashboard shows, in one query."""
    return _with_version(_PARTNERSHIP_VERSION, slug, "No such partnership.")


def partnership_members(partnership_id: int) -> QuerySet:
    """The partnership's member governments' ids as a subquery (each coalition's roster)."""
    return JurisdictionMembership.objects.filter(organisation__partnerships=partnership_id).values(
        "jurisdiction_id"
    )


def dashboard_audience(user) -> str:
    """Who sees the same dashboard as this user: the replications and insights it lists
    depend only on this (site admin; network member or not; the cities the user belongs to,
    whose drafts and network records they also see)."""
    if is_site_admin(user):
        return "admin"
    tier = "network" if is_network_member(user) else "public"
    own = ",".join(str(pk) for pk in sorted(jurisdiction_ids_with_role(user)))
    return f"{tier}:{own}"
