"""Site search reads that depend on who is asking (search itself only takes visibility)."""

import re
from dataclasses import dataclass

from citypeers.accounts.permissions import is_network_member
from citypeers.knowledge.models import ChallengeArea
from citypeers.search.backends import SearchFilters, SearchResults, search
from citypeers.search.backends.base import BAND_LABELS, NO_FILTERS
from citypeers.search.query import parse_query
from citypeers.search.registry import KIND_LABELS, kind_label

KIND_RE = re.compile(r"^[a-z][a-z0-9_-]{0,19}$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
STATE_RE = re.compile(r"^[A-Z]{2}$")
GROUP_SIZE = 5
MAX_VALUES = 20  # per filter: bounds the SQL a request can ask for


def _values(raw: str | list[str] | None) -> list[str]:
    values = raw if isinstance(raw, list) else (raw or "").split(",")
    return [v.strip() for v in values if v and v.strip()][:MAX_VALUES]


def clean_filters(*, area=None, state=None, band=None, year=None) -> SearchFilters:
    """Filters from request values (comma-separated strings or lists); values that cannot be
    a slug, a state code, a band or a year are dropped, never an error."""
    years = [int(v) for v in _values(year) if v.isdigit() and 1800 <= int(v) <= 2200]
    return SearchFilters(
        areas=tuple(v for v in _values(area) if SLUG_RE.match(v)),
        states=tuple(v.upper() for v in _values(state) if STATE_RE.match(v.upper())),
        bands=tuple(v for v in _values(band) if v in BAND_LABELS),
        years=tuple(years),
    )


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def facet_choices(
    facets: dict[str, dict[str, int]], filters: SearchFilters
) -> dict[str, list[FacetValue]]:
    """Facet values with readable labels (area names, band wording), largest first; years
    newest first. Selected values stay listed even when their count is 0."""
    slugs = list(facets.get("area", {})) + list(filters.areas)
    names = (
        dict(ChallengeArea.objects.filter(slug__in=slugs).values_list("slug", "name"))
        if slugs
        else {}
    )
    selected = {
        "area": set(filters.areas),
        "state": set(filters.states),
        "band": set(filters.bands),
        "year": {str(y) for y in filters.years},
    }
    labels = {"area": names, "band": BAND_LABELS}
    choices = {}
    for facet in ("area", "state", "band", "year"):
        counts = dict(facets.get(facet, {}))
        for value in selected[facet]:
            counts.setdefault(value, 0)
        key = (lambda item: item[0]) if facet == "year" else (lambda item: (-item[1], item[0]))
        ordered = sorted(counts.items(), key=key, reverse=facet == "year")
        choices[facet] = [
            FacetValue(value, labels.get(facet, {}).get(value, value), n, value in selected[facet])
            for value, n in ordered
        ]
    return choices


def clean_kinds(raw: str | list[str] | None) -> list[str]:
    """`"solution,guide"` or a list → valid kind names (unknown-looking values are dropped)."""
    values = raw if isinstance(raw, list) else (raw or "").split(",")
    return [v for v in (x.strip().lower() for x in values) if KIND_RE.match(v)]


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    count: int
    results: SearchResults


def sees_private_documents(user) -> bool:
    """Private documents (network-only content) are for signed-in network members."""
    return bool(is_network_member(user))


def grouped_search(
    query: str, *, user, filters: SearchFilters = NO_FILTERS
) -> tuple[SearchResults, list[Group]]:
    """The best few hits of every kind that matched, in a stable kind order, after the
    overview (counts per kind, facets, and the corrected query if a misspelt one was fixed)."""
    include_private = sees_private_documents(user)
    overview = search(query, include_private=include_private, limit=0, filters=filters, facets=True)
    ran = overview.query or query
    order = list(KIND_LABELS) + sorted(set(overview.counts) - set(KIND_LABELS))
    groups = []
    for kind in order:
        count = overview.counts.get(kind, 0)
        if count:
            results = search(
                ran,
                kinds=[kind],
                include_private=include_private,
                limit=GROUP_SIZE,
                counts=overview.counts,
                filters=filters,
            )
            groups.append(Group(kind=kind, label=kind_label(kind), count=count, results=results))
    return overview, _places_last_unless_named(groups, ran)


def _places_last_unless_named(groups: list[Group], query) -> list[Group]:
    """City profiles lead when the search names a place ("Chattanooga"); for a topic
    ("housing") what cities wrote comes first and the profiles that mention it follow."""
    words = " ".join(parse_query(query).words if isinstance(query, str) else query.words)
    profiles = [g for g in groups if g.kind == "profile"]
    if not profiles or not profiles[0].results.hits:
        return groups
    named = profiles[0].results.hits[0].title.lower().startswith(f"{words}, ")
    return groups if named else [g for g in groups if g.kind != "profile"] + profiles
