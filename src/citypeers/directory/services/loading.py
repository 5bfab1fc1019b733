"""Load the directory shipped with the package (GeoNames places and US counties)."""

import csv
import gzip
import io
from pathlib import Path

from django.db import transaction

from citypeers.directory.bulk import insert_many
from citypeers.directory.enums import CensusLevel, GovernmentType
from citypeers.directory.models import Jurisdiction
from citypeers.directory.naming import normalise_name, unique_slug

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PLACES_FILE = DATA_DIR / "us_places.csv.gz"
COUNTIES_FILE = DATA_DIR / "us_counties.csv.gz"
GEONAMES_SOURCE = "GeoNames"


def _read(path: Path) -> list[dict]:
    with gzip.open(path, "rb") as handle:
        return list(csv.DictReader(io.StringIO(handle.read().decode("utf-8"))))


def _number(text: str, kind=float):
    try:
        return kind(text)
    except (TypeError, ValueError):
        return None


def shipped_entries() -> list[Jurisdiction]:
    """Unsaved entries for every shipped place and county, with unique, stable slugs.

    Largest first, so the best-known place of a name keeps the short slug
    (`springfield-il`), and the smaller ones get their county in theirs.
    """
    places = _read(PLACES_FILE)
    counties = _read(COUNTIES_FILE)
    rows = [("place", row) for row in places] + [("county", row) for row in counties]
    rows.sort(
        key=lambda item: (
            -(_number(item[1].get("population"), int) or 0),
            item[0] != "place",
            item[1].get("geonameid") or item[1].get("fips"),
        )
    )
    taken: set[str] = set()
    entries = []
    for source, row in rows:
        if source == "place":
            entries.append(_place(row, taken))
        else:
            entries.append(_county(row, taken))
    return entries


def _place(row: dict, taken: set[str]) -> Jurisdiction:
    return Jurisdiction(
        slug=unique_slug(
            row["name"], row["state"], row["county"], taken, tiebreak=row["geonameid"]
        ),
        name=row["name"],
        name_normalised=normalise_name(row["name"]),
        state=row["state"],
        state_fips=row["state_fips"],
        county_name=row["county"],
        county_fips=row["county_fips"],
        kind=GovernmentType.PLACE,
        geonames_id=int(row["geonameid"]),
        population=_number(row["population"], int),
        population_source=GEONAMES_SOURCE if row["population"] else "",
        latitude=_number(row["lat"]),
        longitude=_number(row["lon"]),
        timezone=row["timezone"],
    )


def _county(row: dict, taken: set[str]) -> Jurisdiction:
    return Jurisdiction(
        slug=unique_slug(row["name"], row["state"], "", taken, tiebreak=row["fips"]),
        name=row["name"],
        name_normalised=normalise_name(row["name"]),
        state=row["state"],
        state_fips=row["state_fips"],
        county_name=row["name"],
        county_fips=row["fips"],
        geoid=row["fips"],
        kind=GovernmentType.COUNTY,
        census_level=CensusLevel.COUNTY,
        legal_type="county",
    )


@transaction.atomic
def load_shipped_directory(*, force: bool = False) -> int:
    """Bulk-load the shipped directory into an empty table; returns how many rows were added.

    Does nothing (returns 0) when the directory already has entries, unless `force`, which
    adds only the shipped entries whose GeoNames id or county FIPS is missing.
    """
    if Jurisdiction.objects.exists() and not force:
        return 0
    entries = shipped_entries()
    if force:
        known_geonames = set(
            Jurisdiction.objects.exclude(geonames_id=None).values_list("geonames_id", flat=True)
        )
        known_geoids = set(Jurisdiction.objects.exclude(geoid=None).values_list("geoid", flat=True))
        known_slugs = set(Jurisdiction.objects.values_list("slug", flat=True))
        entries = [
            e
            for e in entries
            if e.geonames_id not in known_geonames
            and e.geoid not in known_geoids
            and e.slug not in known_slugs
        ]
    # No per-row history: the shipped data is the baseline every later change is compared to.
    insert_many(Jurisdiction, entries)
    return len(entries)
