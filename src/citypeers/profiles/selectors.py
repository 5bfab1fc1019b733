"""Reads for a city's profile page, which depend on who is asking.

The page shows the directory's facts, the knowledge base's statements and solutions, the
city's people and memberships, and the panels other apps register (`core.panels`).
"""

from dataclasses import dataclass
from functools import cache, partial

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, Max, QuerySet
from django.http import Http404

from citypeers.accounts.models import JurisdictionMembership
from citypeers.core.enums import PublicationStatus
from citypeers.core.panels import Panel, panels_for, per_city
from citypeers.core.prepared import NUMBER_MARKS, TEXT_MARKS, PreparedQuery, instance
from citypeers.directory.models import IndicatorValue, Jurisdiction
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.knowledge.selectors import (
    can_see_drafts_of,
    solutions_visible_to,
    statements_visible_to,
)
from citypeers.profiles.permissions import (
    can_edit_profile,
    can_read_city_audit,
    can_see_profile_history,
    can_see_profile_people,
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


def profile_for_user(
    user, slug: str, *, for_edit: bool = False, history: bool = False, audit: bool = False
):
    """A city's profile (public: 404 only when missing); `for_edit` (story and people) and
    `history` refuse with 403 someone who is not one of its editors, `audit` anyone but
    network organisers and site admins."""
    jurisdiction = Jurisdiction.objects.filter(slug=slug).first()
    if jurisdiction is None:
        raise Http404("No such city.")
    return _gate(user, jurisdiction, for_edit=for_edit, history=history, audit=audit)


def audit_trail_for_user(user, jurisdiction: Jurisdiction) -> Jurisdiction:
    """The city whose audit trail the user may read (403 with the reason otherwise)."""
    return _gate(user, jurisdiction, audit=True)


def _gate(user, jurisdiction, *, for_edit=False, history=False, audit=False) -> Jurisdiction:
    if audit and not can_read_city_audit(user, jurisdiction):
        raise PermissionDenied("Only network organisers may read a city's audit trail.")
    if for_edit and not can_edit_profile(user, jurisdiction):
        raise PermissionDenied("Only this city's editors may change its profile.")
    if history and not can_see_profile_history(user, jurisdiction):
        raise PermissionDenied("Only this city's editors may see its change history.")
    return jurisdiction


def story_visible(user, jurisdiction: Jurisdiction) -> bool:
    return jurisdiction.story_status == PublicationStatus.PUBLISHED or can_edit_profile(
        user, jurisdiction
    )


def profile_people(user, jurisdiction: Jurisdiction):
    if not can_see_profile_people(user):
        return None
    return list(jurisdiction.people.all())


def profile_memberships(jurisdiction: Jurisdiction) -> list[JurisdictionMembership]:
    """The coalitions and networks the city belongs to (public), by name."""
    return list(
        JurisdictionMembership.objects.filter(jurisdiction=jurisdiction)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def profile_context(
    user, jurisdiction: Jurisdiction, *, empty: frozenset[str] = frozenset()
) -> dict:
    """Everything the profile page shows, in a fixed number of queries.

    `empty` names parts known to have no rows at all (from `known_empty_parts`): their queries
    are skipped, since most of the 25,000 cities have no statements, memberships or indicators.
    The set is passed on as `profile_empty` for the other apps' panels.
    """
    shown = [] if "solutions" in empty else profile_solutions(user, jurisdiction)
    return {
        "jurisdiction": jurisdiction,
        "can_edit": can_edit_profile(user, jurisdiction),
        "can_see_history": can_see_profile_history(user, jurisdiction),
        "show_story": story_visible(user, jurisdiction),
        "statements": [] if "statements" in empty else profile_statements(user, jurisdiction),
        "solutions": shown,
        # Most cities have fewer than a page of solutions: then the list is the count.
        "solution_count": (
            profile_solution_count(user, jurisdiction)
            if len(shown) == PROFILE_SOLUTIONS
            else len(shown)
        ),
        "people": profile_people(user, jurisdiction),
        "memberships": [] if "memberships" in empty else profile_memberships(jurisdiction),
        "indicators": [] if "indicators" in empty else latest_indicator_values(jurisdiction),
        # Read by other apps' panels (certification, workshop insights) to skip their queries.
        "profile_empty": empty,
        "main_panels": panel_items(user, jurisdiction, "main", empty),
        "aside_panels": panel_items(user, jurisdiction, "aside", empty),
    }


@dataclass(frozen=True)
class PanelItem:
    panel: Panel
    data: dict


def panel_items(user, jurisdiction: Jurisdiction, slot: str, empty: frozenset[str]) -> list:
    """The registered panels of one slot with the data their context functions return."""
    return [
        PanelItem(panel, panel.context(user, jurisdiction, empty) if panel.context else {})
        for panel in panels_for("profile", slot)
    ]


def _owned_solutions(owner_id, *, drafts: bool) -> QuerySet:
    solutions = Solution.objects.filter(owner_id=owner_id)
    if not drafts:
        solutions = solutions.filter(status=PublicationStatus.PUBLISHED)
    return solutions


def _profile_solution_rows(owner_id, *, drafts: bool) -> QuerySet:
    """The newest solutions of a city with their challenge areas' names, a row per pair."""
    solutions = _owned_solutions(owner_id, drafts=drafts)
    newest = solutions.order_by("-updated_at", "-id").values("id")[:PROFILE_SOLUTIONS]
    return (
        Solution.objects.filter(id__in=newest)
        .order_by("-updated_at", "-id", "challenges__name")
        .values_list(*PROFILE_SOLUTION_FIELDS, "challenges__name")
    )


def _profile_solution_count(owner_id, *, drafts: bool) -> QuerySet:
    return (
        _owned_solutions(owner_id, drafts=drafts)
        .values("owner_id")
        .annotate(count=Count("id"))
        .values_list("count")
    )


_PROFILE_SOLUTIONS = {
    drafts: PreparedQuery(partial(_profile_solution_rows, drafts=drafts), [NUMBER_MARKS[0]])
    for drafts in (False, True)
}
_PROFILE_SOLUTION_COUNT = {
    drafts: PreparedQuery(partial(_profile_solution_count, drafts=drafts), [NUMBER_MARKS[0]])
    for drafts in (False, True)
}


def profile_solutions(user, jurisdiction: Jurisdiction) -> list[Solution]:
    """The solution cards of a profile, newest first, each with `challenge_names`.

    One prepared query (see `core.prepared`): a profile is the most visited page, and compiling
    this query and a prefetch cost the ORM more than the database spends running them.
    """
    drafts = can_see_drafts_of(user, jurisdiction.pk)
    solutions: dict[int, Solution] = {}
    for *fields, challenge_name in _PROFILE_SOLUTIONS[drafts].rows(jurisdiction.pk):
        solution = solutions.get(fields[0])
        if solution is None:
            solution = instance(Solution, PROFILE_SOLUTION_FIELDS, fields, DEFAULT_DB_ALIAS)
            solution.challenge_names = []
            solutions[solution.pk] = solution
        if challenge_name is not None:
            solution.challenge_names.append(challenge_name)
    return list(solutions.values())


STATEMENT_FIELDS = (
    "id",
    "jurisdiction_id",
    "area_id",
    "priority",
    "narrative",
    "source_note",
    "status",
    "is_demo",
)
AREA_FIELDS = ("id", "name", "parent_id")


def _profile_statement_rows(jurisdiction_id, *, drafts: bool) -> QuerySet:
    statements = ChallengeStatement.objects.filter(jurisdiction_id=jurisdiction_id)
    if not drafts:
        statements = statements.filter(status=PublicationStatus.PUBLISHED)
    return statements.order_by("area__order", "area__name", "id").values_list(
        *STATEMENT_FIELDS, "area__name", "area__parent_id", "area__parent__name"
    )


_PROFILE_STATEMENTS = {
    drafts: PreparedQuery(partial(_profile_statement_rows, drafts=drafts), [NUMBER_MARKS[0]])
    for drafts in (False, True)
}


def profile_statements(user, jurisdiction: Jurisdiction) -> list[ChallengeStatement]:
    """A city's challenge statements with their area and its parent, in taxonomy order."""
    drafts = can_see_drafts_of(user, jurisdiction.pk)
    statements = []
    for row in _PROFILE_STATEMENTS[drafts].rows(jurisdiction.pk):
        *fields, area_name, parent_id, parent_name = row
        statement = instance(ChallengeStatement, STATEMENT_FIELDS, fields, DEFAULT_DB_ALIAS)
        area = instance(
            ChallengeArea, AREA_FIELDS, (statement.area_id, area_name, parent_id), DEFAULT_DB_ALIAS
        )
        area.parent = (
            None
            if parent_id is None
            else instance(ChallengeArea, ("id", "name"), (parent_id, parent_name), DEFAULT_DB_ALIAS)
        )
        statement.area = area
        statements.append(statement)
    return statements


def profile_solution_count(user, jurisdiction: Jurisdiction) -> int:
    drafts = can_see_drafts_of(user, jurisdiction.pk)
    rows = _PROFILE_SOLUTION_COUNT[drafts].rows(jurisdiction.pk)
    return rows[0][0] if rows else 0


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


# Each count is None when the city has no such rows (the subquery finds no group).
_OWN_VERSION_COUNTS = {
    "statements": "st_n",
    "solutions": "so_n",
    "memberships": "ms_n",
    "indicators": "iv_n",
}


def _version_counts() -> dict[str, str]:
    """Part name → the version alias counting its rows, the page's own and the panels'."""
    counts = dict(_OWN_VERSION_COUNTS)
    counts.update({p.part: p.count_alias for p in panels_for("profile") if p.part})
    return counts


def _version_annotations() -> dict:
    versions = {
        "st_n": per_city(ChallengeStatement.objects.all(), "jurisdiction", Count("id")),
        "st_u": per_city(ChallengeStatement.objects.all(), "jurisdiction", Max("updated_at")),
        "so_n": per_city(Solution.objects.all(), "owner", Count("id")),
        "so_u": per_city(Solution.objects.all(), "owner", Max("updated_at")),
        "ms_n": per_city(JurisdictionMembership.objects.all(), "jurisdiction", Count("id")),
        "ms_m": per_city(JurisdictionMembership.objects.all(), "jurisdiction", Max("id")),
        "iv_n": per_city(IndicatorValue.objects.all(), "jurisdiction", Count("id")),
        "iv_m": per_city(IndicatorValue.objects.all(), "jurisdiction", Max("id")),
    }
    # Registered panels add theirs: whether the city has any rows there lets a public render
    # skip their queries, and a new certification or insight link refreshes the cached page.
    for panel in panels_for("profile"):
        if panel.version is not None:
            versions.update(panel.version())
    return versions


# Its ten correlated subqueries cost the ORM about 3 ms a request to compile while SQLite runs
# them in well under 0.1 ms, so the version query is prepared (compiled once per process).
def _version_query(slug) -> QuerySet:
    return Jurisdiction.objects.filter(slug=slug).annotate(**_version_annotations())[:1]


_VERSION_QUERY = PreparedQuery(_version_query, [TEXT_MARKS[0]])


@cache
def _version_names() -> tuple[str, ...]:
    return tuple(_version_annotations())


def profile_with_version(slug: str) -> tuple[Jurisdiction, tuple]:
    """The city and a version of what its public profile shows from the directory and the
    knowledge base, in one query (each part is an index lookup on the city's foreign key).

    Counts catch inserts and deletes, max `updated_at` catches edits (a statement published,
    a solution changed). Http404 when there is no such city.
    """
    jurisdiction = next(iter(_VERSION_QUERY.raw(slug)), None)
    if jurisdiction is None:
        raise Http404("No such jurisdiction.")
    version = (
        jurisdiction.updated_at,
        *(getattr(jurisdiction, name) for name in _version_names()),
    )
    return jurisdiction, version


def known_empty_parts(jurisdiction: Jurisdiction) -> frozenset[str]:
    """Parts of a city from `profile_with_version` that have no rows at all (drafts count).
    A part whose app is not installed (no count) is never called empty."""
    return frozenset(
        part for part, name in _version_counts().items() if not getattr(jurisdiction, name, 1)
    )


PDF_SOLUTIONS = 30


def profile_pdf_context(jurisdiction: Jurisdiction) -> dict:
    """What the printable public profile shows: the public view only (an anonymous reader),
    so a PDF handed to a council never carries member-only contacts or drafts."""
    public = AnonymousUser()
    solutions = list(
        solutions_visible_to(public)
        .filter(owner=jurisdiction)
        .prefetch_related("outcomes", "challenges")
        .order_by("-updated_at", "-id")[:PDF_SOLUTIONS]
    )
    return {
        "jurisdiction": jurisdiction,
        "show_story": jurisdiction.story_status == PublicationStatus.PUBLISHED,
        "statements": profile_statements(public, jurisdiction),
        "solutions": solutions,
        "solution_total": solutions_visible_to(public).filter(owner=jurisdiction).count(),
        "memberships": profile_memberships(jurisdiction),
        "indicators": latest_indicator_values(jurisdiction),
        # Panels' data by panel name (the PDF shows certification and insights as text).
        "panel_data": {
            item.panel.name: item.data
            for slot in ("main", "aside")
            for item in panel_items(public, jurisdiction, slot, frozenset())
        },
    }
