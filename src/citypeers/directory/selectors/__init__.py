"""The directory's public reads: search and filters, and finding an entry by GEOID or slug.

Kept apart from the profile reads (`selectors/profile.py`), which depend on the knowledge base,
so that apps below it (accounts) can search the directory.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from citypeers.directory.enums import POPULATION_BAND_BOUNDS, GovernmentType
from citypeers.directory.models import Jurisdiction
from citypeers.directory.naming import normalise_name

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
