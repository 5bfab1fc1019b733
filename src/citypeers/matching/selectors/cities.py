"""Finding a city by what a person types: slug, GEOID or "Name, ST", and autocomplete options."""

import re

from django.db.models import Q
from django.http import Http404

from citypeers.directory.models import Jurisdiction
from citypeers.directory.naming import normalise_name

LIST_FIELDS = (
    "id",
    "slug",
    "name",
    "state",
    "geoid",
    "population",
    "population_year",
    "population_source",
    "kind",
    "county_name",
    "latitude",
    "longitude",
)
_NAME_STATE = re.compile(r"^(?P<name>.+?),\s*(?P<state>[A-Za-z]{2})$")
_BRACKETED_SLUG = re.compile(r"\[(?P<slug>[-a-z0-9]+)\]\s*$")


def jurisdiction_by_key(key: str) -> Jurisdiction:
    """A city by slug, GEOID, or "Name, ST" (largest population wins); 404 when none."""
    key = (key or "").strip()
    found = _by_key(key) if key else None
    if found is None:
        raise Http404(f"No city matches “{key}”.")
    return found


def _by_key(key: str) -> Jurisdiction | None:
    bracket = _BRACKETED_SLUG.search(key)
    if bracket:
        key = bracket.group("slug")
    queryset = Jurisdiction.objects.only(*LIST_FIELDS)
    if key.isdigit():
        return queryset.filter(geoid=key).first()
    match = _NAME_STATE.match(key)
    if match is None:
        return queryset.filter(slug=key.lower()).first()
    name, state = match.group("name").strip(), match.group("state").upper()
    return (
        queryset.filter(state=state)
        .filter(Q(name__iexact=name) | Q(name_normalised=normalise_name(name)))
        .order_by("-population", "id")
        .first()
    )


def city_options(query: str, *, limit: int = 15) -> list[Jurisdiction]:
    """Autocomplete over the whole directory: names starting with the text, biggest first."""
    query = (query or "").strip()
    if len(query) < 2:
        return []
    name = query.split(",")[0].strip()
    queryset = Jurisdiction.objects.only(*LIST_FIELDS).filter(
        Q(name__istartswith=name) | Q(name_normalised__startswith=normalise_name(name))
    )
    match = _NAME_STATE.match(query)
    if match:
        queryset = queryset.filter(state=match.group("state").upper())
    return list(queryset.order_by("-population", "name")[:limit])


def option_label(j: Jurisdiction, duplicates: set[tuple[str, str]]) -> str:
    """What a person types or picks: "Name, ST", with the slug when the pair is ambiguous."""
    label = f"{j.name}, {j.state}"
    return f"{label} [{j.slug}]" if (j.name, j.state) in duplicates else label


def display_key(j: Jurisdiction, typed: str) -> str:
    """What to show in the city box: "Name, ST" when that finds the same city again."""
    label = f"{j.name}, {j.state}"
    if typed == label or _by_key(label) == j:
        return label
    return f"{label} [{j.slug}]"


def jurisdictions_by_id(ids) -> dict[int, Jurisdiction]:
    return Jurisdiction.objects.only(*LIST_FIELDS).in_bulk(list(ids))
