"""Reads for directory that depend on who is asking, and the directory search."""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from citypeers.accounts.models import JurisdictionMembership
from citypeers.core.enums import PublicationStatus
from citypeers.directory.enums import POPULATION_BAND_BOUNDS, GovernmentType
from citypeers.directory.models import IndicatorValue, Jurisdiction
from citypeers.directory.naming import normalise_name
from citypeers.directory.permissions import (
    can_edit_profile,
    can_see_profile_history,
    can_see_profile_people,
)
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.knowledge.selectors import solutions_visible_to, statements_visible_to

SORTS = {
    "name": ("name", "state", "id"),
    "-name": ("-name", "-state", "-id"),
    "population": ("population", "name", "id"),
    "-population": ("-population", "name", "id"),
}
LIST_FIELDS = (
    "id",
    "slug",
    "name",
    "state",
    "county_name",
    "kind",
    "population",
    "population_year",
    "population_source",
    "geoid",
    "census_level",
)
PROFILE_SOLUTIONS = 12
# What a solution card shows: loading only these halves the cost of the solutions query
# (long texts and timestamps are the bulk of a row's conversion time).
PROFILE_SOLUTION_FIELDS = (
    "id",
    "slug",
    "title",
    "status",
    "solution_status",
    "is_demo",
    "owner_id",
    "updated_at",
)
PROFILE_INDICATORS = 40
# Government types offered as a filter (GeoNames "place" means "not yet confirmed").
FILTER_KINDS = [kind for kind in GovernmentType if kind != GovernmentType.OTHER]


@dataclass(frozen=True)
class DirectoryFilters:
    """A validated directory query; the page form and the API both build one."""

    search: str = ""
    state: str = ""
    kind: str = ""
    band: str = ""
    min_population: int | None = None
    max_population: int | None = None
    sort: str = "name"


def directory_search(filters: DirectoryFilters) -> QuerySet[Jurisdiction]:
    queryset = Jurisdiction.objects.all()
    text = filters.search.strip()
    if text:
        if text.isdigit():
            queryset = queryset.filter(geoid__startswith=text)
        else:
            words = normalise_name(text)
            queryset = queryset.filter(name_normalised__contains=words) if words else queryset
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.band:
        low, high = POPULATION_BAND_BOUNDS[filters.band]
        queryset = queryset.filter(population__gte=low)
        if high is not None:
            queryset = queryset.filter(population__lt=high)
    if filters.min_population is not None:
        queryset = queryset.filter(population__gte=filters.min_population)
    if filters.max_population is not None:
        queryset = queryset.filter(population__lte=filters.max_population)
    return queryset.order_by(*SORTS.get(filters.sort, SORTS["name"]))


def jurisdiction_by_key(key: str) -> Jurisdiction:
    """An entry by GEOID (5, 7 or 10 digits) or slug; Http404 when there is none."""
    key = (key or "").strip()
    lookup = Q(geoid=key) if key.isdigit() else Q(slug=key)
    found = Jurisdiction.objects.filter(lookup).first()
    if found is None:
        raise Http404("No such jurisdiction.")
    return found


def story_visible(user, jurisdiction: Jurisdiction) -> bool:
    return jurisdiction.story_status == PublicationStatus.PUBLISHED or can_edit_profile(
        user, jurisdiction
    )


def profile_people(user, jurisdiction: Jurisdiction):
    if not can_see_profile_people(user):
        return None
    return list(jurisdiction.people.all())


def profile_context(
    user, jurisdiction: Jurisdiction, *, empty: frozenset[str] = frozenset()
) -> dict:
    """Everything the profile page shows, in a fixed number of queries.

    `empty` names parts known to have no rows at all (from `known_empty_parts`): their queries
    are skipped, since most of the 25,000 cities have no statements, memberships or indicators.
    The set is passed on as `profile_empty` for the other apps' panels.
    """
    solutions = solutions_visible_to(user).filter(owner=jurisdiction)
    shown = (
        []
        if "solutions" in empty
        else list(
            solutions.only(*PROFILE_SOLUTION_FIELDS)
            .prefetch_related(Prefetch("challenges", ChallengeArea.objects.only("id", "name")))
            .order_by("-updated_at")[:PROFILE_SOLUTIONS]
        )
    )
    return {
        "jurisdiction": jurisdiction,
        "can_edit": can_edit_profile(user, jurisdiction),
        "can_see_history": can_see_profile_history(user, jurisdiction),
        "show_story": story_visible(user, jurisdiction),
        "statements": []
        if "statements" in empty
        else list(
            statements_visible_to(user)
            .filter(jurisdiction=jurisdiction)
            .order_by("area__order", "area__name")
        ),
        "solutions": shown,
        # Most cities have fewer than a page of solutions: then the list is the count.
        "solution_count": solutions.count() if len(shown) == PROFILE_SOLUTIONS else len(shown),
        "people": profile_people(user, jurisdiction),
        "memberships": []
        if "memberships" in empty
        else list(
            JurisdictionMembership.objects.filter(jurisdiction=jurisdiction)
            .select_related("organisation")
            .order_by("organisation__name")
        ),
        "indicators": [] if "indicators" in empty else latest_indicator_values(jurisdiction),
        # Read by other apps' panels (certification, workshop insights) to skip their queries.
        "profile_empty": empty,
    }


def latest_indicator_values(jurisdiction: Jurisdiction) -> list[IndicatorValue]:
    values = (
        IndicatorValue.objects.filter(jurisdiction=jurisdiction)
        .select_related("indicator")
        .order_by("indicator__theme", "indicator__code", "-year")
    )
    latest, seen = [], set()
    for value in values[: PROFILE_INDICATORS * 4]:
        if value.indicator_id not in seen:
            seen.add(value.indicator_id)
            latest.append(value)
    return latest[:PROFILE_INDICATORS]


def profile_counts(user, jurisdiction: Jurisdiction) -> dict[str, int]:
    people = profile_people(user, jurisdiction)
    return {
        "statements": statements_visible_to(user).filter(jurisdiction=jurisdiction).count(),
        "solutions": solutions_visible_to(user).filter(owner=jurisdiction).count(),
        "people": len(people) if people is not None else 0,
        "memberships": JurisdictionMembership.objects.filter(jurisdiction=jurisdiction).count(),
        "indicators": IndicatorValue.objects.filter(jurisdiction=jurisdiction).count(),
    }


def _aggregate(queryset: QuerySet, field: str, value):
    """A correlated subquery: one aggregate of the rows of `queryset` that point at the city."""
    return Subquery(
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(value=value)
        .values("value")[:1]
    )


# Each count is None when the city has no such rows (the subquery finds no group).
_VERSION_COUNTS = {
    "statements": "st_n",
    "solutions": "so_n",
    "memberships": "ms_n",
    "indicators": "iv_n",
    "certifications": "ce_n",
    "insights": "in_n",
}
_SLUG_PLACEHOLDER = "\x00citypeers-profile-slug\x00"
# SQL of the version query and its annotation names, per database alias. Compiling ten
# correlated subqueries costs the ORM about 3 ms a request while SQLite runs them in well
# under 0.1 ms, so the query is compiled once per process and run with the slug as its
# only parameter.
_version_sql: dict[str, tuple[str, tuple[str, ...]]] = {}


def _version_annotations() -> dict:
    versions = {
        "st_n": _aggregate(ChallengeStatement.objects.all(), "jurisdiction", Count("id")),
        "st_u": _aggregate(ChallengeStatement.objects.all(), "jurisdiction", Max("updated_at")),
        "so_n": _aggregate(Solution.objects.all(), "owner", Count("id")),
        "so_u": _aggregate(Solution.objects.all(), "owner", Max("updated_at")),
        "ms_n": _aggregate(JurisdictionMembership.objects.all(), "jurisdiction", Count("id")),
        "ms_m": _aggregate(JurisdictionMembership.objects.all(), "jurisdiction", Max("id")),
        "iv_n": _aggregate(IndicatorValue.objects.all(), "jurisdiction", Count("id")),
        "iv_m": _aggregate(IndicatorValue.objects.all(), "jurisdiction", Max("id")),
    }
    # Other apps' profile panels: whether the city has any rows there lets a public render
    # skip their queries (and a new certification or insight link refreshes the cached page).
    # Looked up by name so the directory does not import apps built on top of it.
    if apps.is_installed("citypeers.assessments"):
        certifications = apps.get_model("assessments", "Certification").objects.all()
        versions["ce_n"] = _aggregate(certifications, "jurisdiction", Count("id"))
        versions["ce_u"] = _aggregate(certifications, "jurisdiction", Max("updated_at"))
    if apps.is_installed("citypeers.workshops"):
        evidence = apps.get_model("workshops", "Insight").evidence_cities.through.objects.all()
        versions["in_n"] = _aggregate(evidence, "jurisdiction", Count("id"))
        versions["in_m"] = _aggregate(evidence, "jurisdiction", Max("id"))
    return versions


def _compiled_version_sql(alias: str) -> tuple[str, tuple[str, ...]]:
    compiled = _version_sql.get(alias)
    if compiled is None:
        annotations = _version_annotations()
        queryset = Jurisdiction.objects.filter(slug=_SLUG_PLACEHOLDER).annotate(**annotations)
        sql, params = queryset[:1].query.get_compiler(alias).as_sql()
        if tuple(params) != (_SLUG_PLACEHOLDER,):  # a backend that inlines more parameters
            raise ImproperlyConfigured(f"Unexpected version query parameters: {params!r}")
        compiled = _version_sql[alias] = (sql, tuple(annotations))
    return compiled


def profile_with_version(slug: str) -> tuple[Jurisdiction, tuple]:
    """The city and a version of what its public profile shows from the directory and the
    knowledge base, in one query (each part is an index lookup on the city's foreign key).

    Counts catch inserts and deletes, max `updated_at` catches edits (a statement published,
    a solution changed). Http404 when there is no such city.
    """
    sql, names = _compiled_version_sql(DEFAULT_DB_ALIAS)
    jurisdiction = next(iter(Jurisdiction.objects.raw(sql, [slug])), None)
    if jurisdiction is None:
        raise Http404("No such jurisdiction.")
    version = (
        jurisdiction.updated_at,
        *(getattr(jurisdiction, name) for name in names),
    )
    return jurisdiction, version


def known_empty_parts(jurisdiction: Jurisdiction) -> frozenset[str]:
    """Parts of a city from `profile_with_version` that have no rows at all (drafts count).
    A part whose app is not installed (no count) is never called empty."""
    return frozenset(
        part for part, name in _VERSION_COUNTS.items() if not getattr(jurisdiction, name, 1)
    )
