"""API input and output shapes for the directory (separate in and out schemas)."""

from typing import Literal

from ninja import Field, Schema

from citypeers.directory.selectors import SORTS

SortKey = Literal[tuple(SORTS)]  # type: ignore[valid-type]


class JurisdictionQuery(Schema):
    search: str = Field("", max_length=100, description="Part of the name, or a GEOID prefix")
    state: str = Field("", max_length=20, description="USPS code (MA), FIPS code (25) or name")
    min_population: int | None = Field(None, ge=0, le=100_000_000)
    max_population: int | None = Field(None, ge=0, le=100_000_000)
    type: str = Field("", max_length=20, description="Government type, e.g. city, town, county")
    sort: SortKey = Field("name", description="name, -name, population or -population")


class JurisdictionListOut(Schema):
    slug: str
    geoid: str | None
    name: str
    state: str
    county_name: str
    kind: str
    population: int | None
    population_year: int | None
    population_source: str
    latitude: float | None
    longitude: float | None
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj["url"] if isinstance(obj, dict) else obj.get_absolute_url()


def jurisdiction_list_item(entry) -> dict:
    """The list fields of one entry, as the API gives them (detail pages add to them)."""
    return {
        "slug": entry.slug,
        "geoid": entry.geoid,
        "name": entry.name,
        "state": entry.state,
        "county_name": entry.county_name,
        "kind": entry.kind,
        "population": entry.population,
        "population_year": entry.population_year,
        "population_source": entry.population_source,
        "latitude": entry.latitude,
        "longitude": entry.longitude,
        "url": entry.get_absolute_url(),
    }


class IndicatorOut(Schema):
    code: str
    label: str
    unit: str
    theme: str = Field(description="size, density, economy, people or housing (shipped ACS)")
    value: float
    year: int = Field(description="End year of the estimate's vintage (ACS 2019-2023: 2023)")
    source: str
    national_percentile: float | None = Field(
        None, description="Percent of comparable entries in the nation with a lower value"
    )
    state_percentile: float | None = Field(
        None, description="Percent of comparable entries in the state with a lower value"
    )


def jurisdiction_ref(entry) -> dict:
    """How other apps' API answers name a city: id, slug, name, state, population."""
    return {
        "id": entry.pk,
        "slug": entry.slug,
        "name": entry.name,
        "state": entry.state,
        "population": entry.population,
    }
