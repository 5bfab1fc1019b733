"""Reads for the knowledge base that depend on who is asking.

Published content is public; drafts are visible to the owning city's members and site admins.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate
from django.http import Http404

from citypeers.accounts.permissions import (
    is_network_member,
    is_site_admin,
    jurisdiction_ids_with_role,
)
from citypeers.core.enums import PublicationStatus
from citypeers.directory.enums import POPULATION_BAND_BOUNDS
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge import permissions
from citypeers.knowledge.enums import EVIDENCE_RANK
from citypeers.knowledge.models import (
    ChallengeArea,
    ChallengeStatement,
    Solution,
    SolutionAttachment,
)
from citypeers.search.backends import matching_ids, rank_of

SOLUTION_KIND = "solution"
CHALLENGE_KIND = "challenge"


def _visible(queryset: QuerySet, user, owner_field: str) -> QuerySet:
    if is_site_admin(user):
        return queryset
    published = Q(status=PublicationStatus.PUBLISHED)
    own = jurisdiction_ids_with_role(user)
    if own:
        return queryset.filter(published | Q(**{f"{owner_field}__in": own}))
    return queryset.filter(published)


def can_see_drafts_of(user, jurisdiction_id: int) -> bool:
    """Whether `solutions_visible_to` and `statements_visible_to` include this city's drafts."""
    return is_site_admin(user) or jurisdiction_id in jurisdiction_ids_with_role(user)


def solutions_visible_to(user) -> QuerySet[Solution]:
    return _visible(Solution.objects.all(), user, "owner_id")


def statements_visible_to(user) -> QuerySet[ChallengeStatement]:
    return _visible(
        ChallengeStatement.objects.select_related("area", "area__parent"), user, "jurisdiction_id"
    )


# --- taxonomy -------------------------------------------------------------------------------


def challenge_area_tree() -> list[ChallengeArea]:
    """Top-level areas with `.subareas`, and published counts rolled up to the top level.

    Each area gets `statement_count` (cities stating it) and `solution_count`; a top-level
    area's counts include its sub-areas (distinct solutions, distinct cities).
    """
    published = PublicationStatus.PUBLISHED
    areas = list(
        ChallengeArea.objects.annotate(
            own_statements=Count(
                "statements", filter=Q(statements__status=published), distinct=True
            ),
            own_solutions=Count("solutions", filter=Q(solutions__status=published), distinct=True),
        ).order_by("order", "name")
    )
    top: list[ChallengeArea] = [a for a in areas if a.parent_id is None]
    by_parent: dict[int, list[ChallengeArea]] = {}
    for area in areas:
        area.statement_count = area.own_statements
        area.solution_count = area.own_solutions
        if area.parent_id is not None:
            by_parent.setdefault(area.parent_id, []).append(area)
    rolled = _rolled_up_counts()
    for top_area in top:
        top_area.subareas = by_parent.get(top_area.pk, [])
        top_area.statement_count, top_area.solution_count = rolled.get(top_area.pk, (0, 0))
    return top


def _rolled_up_counts() -> dict[int, tuple[int, int]]:
    """{top-level area id: (distinct cities stating it or a sub-area, distinct solutions)}."""
    published = PublicationStatus.PUBLISHED
    statements = ChallengeStatement.objects.filter(status=published).values_list(
        "jurisdiction_id", "area_id", "area__parent_id"
    )
    solutions = Solution.challenges.through.objects.filter(solution__status=published).values_list(
        "solution_id", "challengearea_id", "challengearea__parent_id"
    )
    cities: dict[int, set] = {}
    found: dict[int, set] = {}
    for jurisdiction_id, area_id, parent_id in statements:
        cities.setdefault(parent_id or area_id, set()).add(jurisdiction_id)
    for solution_id, area_id, parent_id in solutions:
        found.setdefault(parent_id or area_id, set()).add(solution_id)
    keys = set(cities) | set(found)
    return {k: (len(cities.get(k, ())), len(found.get(k, ()))) for k in keys}


def city_activity_since(since: datetime) -> list[QuerySet]:
    """(city id, day) rows for challenge statements and solutions changed since `since`, for
    the organisers' count of active cities (`web.network_selectors`)."""
    return [
        ChallengeStatement.objects.filter(updated_at__gte=since)
        .annotate(city=F("jurisdiction_id"), day=TruncDate("updated_at"))
        .values_list("city", "day")
        .order_by(),
        Solution.objects.filter(updated_at__gte=since)
        .annotate(city=F("owner_id"), day=TruncDate("updated_at"))
        .values_list("city", "day")
        .order_by(),
    ]


def challenge_area_by_slug(slug: str) -> ChallengeArea:
    area = ChallengeArea.objects.select_related("parent").filter(slug=slug).first()
    if area is None:
        raise Http404("No such challenge area.")
    return area


def area_ids_with_descendants(area: ChallengeArea) -> list[int]:
    return [area.pk, *ChallengeArea.objects.filter(parent=area).values_list("pk", flat=True)]


def areas_for_choices() -> list[ChallengeArea]:
    return list(ChallengeArea.objects.select_related("parent").order_by("order", "name"))


# --- statements -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementFilters:
    area: str = ""  # slug; a top-level area includes its sub-areas
    jurisdiction: str = ""  # GEOID or slug, as in /jurisdictions/{id}
    state: str = ""


def filter_statements(user, filters: StatementFilters) -> QuerySet[ChallengeStatement]:
    queryset = statements_visible_to(user).select_related("jurisdiction")
    if filters.area:
        area = ChallengeArea.objects.filter(slug=filters.area).first()
        if area is None:
            return queryset.none()
        queryset = queryset.filter(area_id__in=area_ids_with_descendants(area))
    if filters.jurisdiction:
        # Same keys as /jurisdictions/{id}: a Census GEOID or a slug.
        key = filters.jurisdiction
        queryset = queryset.filter(Q(jurisdiction__geoid=key) | Q(jurisdiction__slug=key))
    if filters.state:
        queryset = queryset.filter(jurisdiction__state=filters.state.upper())
    return queryset.order_by("jurisdiction__name", "area__order", "area__name", "pk")


def statement_for_user(user, pk, *, for_edit: bool = False) -> ChallengeStatement:
    """A visible statement, else 404; `for_edit`: 403 unless the user edits its city."""
    statement = (
        statements_visible_to(user).select_related("jurisdiction").filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if statement is None:
        raise Http404("No such challenge statement.")
    if for_edit and not permissions.can_edit_entry(user, statement):
        raise PermissionDenied("Only this city's editors can change its challenge statements.")
    return statement


def city_for_new_entries(user, jurisdiction: Jurisdiction) -> Jurisdiction:
    """The city a new statement or solution is for, if the user may add them (403 otherwise)."""
    if not permissions.can_add_entries_for(user, jurisdiction):
        raise PermissionDenied("Only this city's editors can add statements and solutions.")
    return jurisdiction


def history_for_user(user, instance) -> list["HistoryEntry"]:
    """A visible statement's or solution's change history: network members only (403)."""
    if not is_network_member(user):
        raise PermissionDenied("Only network members see the change history.")
    return history_of(instance)


def jurisdiction_by_slug(slug: str) -> Jurisdiction:
    jurisdiction = Jurisdiction.objects.filter(slug=slug).first()
    if jurisdiction is None:
        raise Http404("No such city.")
    return jurisdiction


def editable_jurisdictions(user) -> list[Jurisdiction]:
    """The cities this user may add statements and solutions for (site admins: none listed)."""
    ids = jurisdiction_ids_with_role(user, "editor")
    return list(Jurisdiction.objects.filter(pk__in=ids).order_by("name")) if ids else []


def statements_of(user, jurisdiction) -> QuerySet[ChallengeStatement]:
    return (
        statements_visible_to(user)
        .filter(jurisdiction=jurisdiction)
        .order_by("area__order", "area__name")
    )


# --- solutions --------------------------------------------------------------------------------

SORTS: dict[str, tuple[str, ...] | None] = {
    "relevance": None,  # only with a search query; falls back to "updated"
    "updated": ("-updated_at", "-pk"),
    "title": ("title", "pk"),
    "city": ("owner__name", "title", "pk"),
    "evidence": ("-evidence_rank", "title", "pk"),
    "started": ("-started_on", "title", "pk"),
}


@dataclass(frozen=True)
class SolutionFilters:
    search: str = ""
    challenge: str = ""  # area slug; a top-level area includes its sub-areas
    state: str = ""
    population_band: str = ""
    solution_status: str = ""
    evidence_level: str = ""
    owner: str = ""  # jurisdiction slug
    sort: str = ""


def _evidence_rank():
    return Case(
        *[When(evidence_level=level, then=Value(rank)) for level, rank in EVIDENCE_RANK.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


def filter_solutions(user, filters: SolutionFilters) -> QuerySet[Solution]:
    """Visible solutions matching the filters, ready for a list (owner and challenges loaded).

    A search query filters by the full-text backend's matches and ranks by relevance.
    """
    queryset = (
        solutions_visible_to(user)
        .select_related("owner")
        .prefetch_related(
            Prefetch("challenges", queryset=ChallengeArea.objects.order_by("order", "name"))
        )
    )
    if filters.challenge:
        area = ChallengeArea.objects.filter(slug=filters.challenge).first()
        if area is None:
            return queryset.none()
        queryset = queryset.filter(challenges__in=area_ids_with_descendants(area)).distinct()
    if filters.state:
        queryset = queryset.filter(owner__state=filters.state.upper())
    if filters.population_band in POPULATION_BAND_BOUNDS:
        low, high = POPULATION_BAND_BOUNDS[filters.population_band]
        queryset = queryset.filter(owner__population__gte=low)
        if high is not None:
            queryset = queryset.filter(owner__population__lt=high)
    if filters.solution_status:
        queryset = queryset.filter(solution_status=filters.solution_status)
    if filters.evidence_level:
        queryset = queryset.filter(evidence_level=filters.evidence_level)
    if filters.owner:
        queryset = queryset.filter(owner__slug=filters.owner)
    sort = filters.sort if filters.sort in SORTS else ""
    matches = matching_ids(filters.search, kind=SOLUTION_KIND) if filters.search else None
    if matches is not None:
        queryset = queryset.filter(pk__in=matches)
        if sort in ("", "relevance"):
            rank = rank_of(
                filters.search, kind=SOLUTION_KIND, outer_pk=f'"{Solution._meta.db_table}"."id"'
            )
            return queryset.annotate(search_rank=rank).order_by("-search_rank", "-pk")
    if sort == "evidence":
        queryset = queryset.annotate(evidence_rank=_evidence_rank())
    return queryset.order_by(*SORTS.get(sort) or SORTS["updated"])  # type: ignore[misc]  # "updated" is set


def solution_for_user(user, slug: str, *, for_edit: bool = False) -> Solution:
    """One visible solution with everything its page shows; 404 if missing or not visible;
    `for_edit`: 403 unless the user edits its owner city."""
    solution = (
        solutions_visible_to(user)
        .select_related("owner")
        .prefetch_related(
            Prefetch("challenges", queryset=ChallengeArea.objects.select_related("parent")),
            "partners",
            "outcomes",
            "links",
            "attachments",
        )
        .filter(slug=slug)
        .first()
    )
    if solution is None:
        raise Http404("No such solution.")
    if for_edit and not permissions.can_edit_entry(user, solution):
        raise PermissionDenied("Only this city's editors can change its solutions.")
    return solution


def attachment_for_user(user, pk, *, for_edit: bool = False) -> SolutionAttachment:
    """A file of a visible solution, else 404; `for_edit`: 403 unless the user edits it."""
    attachment = (
        SolutionAttachment.objects.select_related("solution", "solution__owner")
        .filter(pk=pk)
        .first()
    )
    if attachment is None or not permissions.can_view_entry(user, attachment.solution):
        raise Http404("No such file.")
    if for_edit and not permissions.can_edit_entry(user, attachment.solution):
        raise PermissionDenied("Only this city's editors can change its solutions.")
    return attachment


def solutions_for_areas(user, area_ids: list[int]) -> QuerySet[Solution]:
    return (
        solutions_visible_to(user)
        .filter(challenges__in=area_ids)
        .distinct()
        .select_related("owner")
        .order_by("title", "pk")
    )


def solutions_of(user, jurisdiction) -> QuerySet[Solution]:
    return solutions_visible_to(user).filter(owner=jurisdiction).order_by("title", "pk")


def states_with_solutions() -> list[str]:
    return list(
        Solution.objects.filter(status=PublicationStatus.PUBLISHED)
        .values_list("owner__state", flat=True)
        .distinct()
        .order_by("owner__state")
    )


# --- history ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    when: object
    who: str
    action: str
    fields: list[str]
    note: str


HISTORY_ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def history_of(instance) -> list[HistoryEntry]:
    """Who changed what and when, newest first, with the names of the changed fields."""
    records = list(
        instance.history.select_related("history_user").order_by("history_date", "history_id")
    )
    labels = {f.name: str(f.verbose_name).capitalize() for f in instance._meta.fields}
    position = {name: index for index, name in enumerate(labels)}
    entries = []
    previous = None
    for record in records:
        fields: list[str] = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=["updated_at", "created_at"])
            changed = sorted(delta.changed_fields, key=lambda name: position.get(name, 99))
            fields = [labels.get(name, name) for name in changed]
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.display_name if user else "System"),
                action=HISTORY_ACTIONS.get(record.history_type, record.history_type),
                fields=fields,
                note=record.history_change_reason or "",
            )
        )
        previous = record
    return list(reversed(entries))
