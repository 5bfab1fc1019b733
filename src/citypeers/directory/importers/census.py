"""The two Census importers: the national place file and Population Estimates files.

`import_census_places`: the pipe-delimited national place file (national_place2020.txt):
STATE|STATEFP|PLACEFP|PLACENS|PLACENAME|TYPE|CLASSFP|FUNCSTAT|COUNTIES.

`import_census_population`: Population Estimates CSVs. Sub-county files (SUB-EST20xx) give
SUMLEV 162 (incorporated place), 157 (place within a county), 061 (minor civil division), 050
(county) and others; county files (CO-EST20xx) give 040 and 050. The population column is the
latest `POPESTIMATE<year>`; files that carry a plain `population` column need the year from
`--year` or from the file name (e.g. pep2021_….csv).
"""

import re
from collections import defaultdict
from pathlib import Path

from citypeers.directory.enums import CensusLevel, GovernmentType
from citypeers.directory.importers.base import (
    ImportFileError,
    ImportReport,
    Progress,
    atomic_import,
    cell_getter,
    read_table,
    require_columns,
)
from citypeers.directory.importers.reconcile import CensusRow, reconcile
from citypeers.directory.importers.tables import ascii_digits, parse_number, parse_whole_number
from citypeers.directory.naming import kind_for_legal_type, split_legal_name
from citypeers.directory.states import find_state

POPULATION_SOURCE = "U.S. Census Bureau Population Estimates"
PLACES_CHANGE_REASON = "Census national place file import"
POPULATION_COLUMN = re.compile(r"^POPESTIMATE(\d{4})$", re.IGNORECASE)
YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
SUMMARY_LEVELS = {
    "050": CensusLevel.COUNTY,
    "061": CensusLevel.COUNTY_SUBDIVISION,
    "157": CensusLevel.PLACE,
    "162": CensusLevel.PLACE,
}
SKIPPED_LEVELS = {
    "010": "nation total",
    "020": "region total",
    "030": "division total",
    "040": "state total",
    "071": "part of a minor civil division within a place",
    "170": "consolidated city (its balance is imported as a place)",
    "172": "part of a consolidated city",
}


def _coordinates(lat_text: str, lon_text: str) -> tuple[float | None, float | None] | None:
    """(lat, lon), (None, None) when both are empty, None when they are not a valid pair."""
    if not lat_text and not lon_text:
        return None, None
    lat, lon = parse_number(lat_text), parse_number(lon_text)
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


# National place file ---------------------------------------------------------------------------


def import_census_places(
    *,
    path: Path | str,
    dry_run: bool = False,
    include_cdps: bool = False,
    encoding: str | None = None,
    progress_stream=None,
    progress_every: int = 2000,
) -> ImportReport:
    """Confirm places, their GEOID, legal type and functional status; add missing governments.

    Incorporated places missing from the directory are created; census-designated places only
    upgrade an existing entry unless `include_cdps`. Atomic; a dry run saves nothing.
    """
    report = ImportReport(title=f"Census places from {Path(path).name}", dry_run=dry_run)
    header, table = read_table(path, report=report, encoding=encoding)
    positions = require_columns(
        header, ["STATE", "STATEFP", "PLACEFP", "PLACENAME", "TYPE", "FUNCSTAT"], path
    )
    get = cell_getter(positions)
    rows = []
    for cells in table:
        report.rows += 1
        row = _place_row(cells.line, cells, get, report, include_cdps=include_cdps)
        if row is not None:
            rows.append(row)
    progress = Progress(len(rows), label="places", stream=progress_stream, every=progress_every)
    with atomic_import(dry_run):
        reconcile(rows, report=report, change_reason=PLACES_CHANGE_REASON, progress=progress)
    return report


def _place_row(line, cells, get, report, *, include_cdps: bool) -> CensusRow | None:
    state = find_state(get(cells, "STATE")) or find_state(get(cells, "STATEFP"))
    state_fips, place_fips = get(cells, "STATEFP"), get(cells, "PLACEFP")
    if state is None:
        report.reject("unknown state", f"line {line}: {get(cells, 'STATE')!r}")
        return None
    if not (re.fullmatch(r"[0-9]{2}", state_fips) and re.fullmatch(r"[0-9]{5}", place_fips)):
        report.reject("GEOID is not 2 + 5 digits", f"line {line}: {state_fips!r} {place_fips!r}")
        return None
    name, legal_type = split_legal_name(get(cells, "PLACENAME"))
    if not name:
        report.reject("empty place name", f"line {line}")
        return None
    incorporated = get(cells, "TYPE").upper().startswith("INCORPORATED")
    counties = [c.strip() for c in get(cells, "COUNTIES").split("~~~") if c.strip()]
    return CensusRow(
        line=line,
        level=CensusLevel.PLACE,
        state=state.code,
        state_fips=state.fips,
        name=name,
        geoid=state_fips + place_fips,
        legal_type=legal_type,
        kind=kind_for_legal_type(legal_type, incorporated=incorporated),
        county_name=counties[0] if len(counties) == 1 else "",
        functional_status=get(cells, "FUNCSTAT")[:1],
        create=incorporated or include_cdps,
    )


# Population estimates ----------------------------------------------------------------------------


def import_census_population(
    *,
    path: Path | str,
    year: int | None = None,
    source: str = "",
    dry_run: bool = False,
    encoding: str | None = None,
    progress_stream=None,
    progress_every: int = 2000,
) -> ImportReport:
    """Store population (with its year and source) for places, towns/townships and counties.

    Creates the governments the directory lacks. Atomic; a dry run saves nothing.
    """
    report = ImportReport(title=f"Census population from {Path(path).name}", dry_run=dry_run)
    header, table = read_table(path, report=report, encoding=encoding)
    positions = require_columns(header, ["SUMLEV", "STATE", "COUNTY"], path)
    get = cell_getter(positions)
    population_column, year = _population_column(header, year, path)
    name_column = "NAME" if "NAME" in positions else "CTYNAME"
    source = source or POPULATION_SOURCE
    report.notes.append(f"Population column: {population_column} (year {year}); source: {source}")
    rows = []
    parts: dict[tuple[str, str], list[CensusRow]] = defaultdict(list)
    totals: set[tuple[str, str]] = set()
    for cells in table:
        line = cells.line
        report.rows += 1
        sumlev = get(cells, "SUMLEV").zfill(3)
        if sumlev in SKIPPED_LEVELS:
            report.skip(f"SUMLEV {sumlev}: {SKIPPED_LEVELS[sumlev]}")
            continue
        if sumlev not in SUMMARY_LEVELS:
            report.reject(f"unknown summary level {sumlev!r}", f"line {line}")
            continue
        row = _population_row(
            line,
            cells,
            get,
            report,
            level=SUMMARY_LEVELS[sumlev],
            name_column=name_column,
            population_column=population_column,
            year=year,
            source=source,
        )
        if row is None:
            continue
        if sumlev == "157":
            parts[(row.geoid, "parts")].append(row)
        else:
            if sumlev == "162":
                totals.add((row.geoid, "parts"))
            rows.append(row)
    # A place in several counties has a 162 total plus one 157 row per county; a file may give
    # a single-county place as one 157 row only, which is then the place's total.
    for key, place_parts in parts.items():
        if key in totals:
            for _ in place_parts:
                report.skip("SUMLEV 157: county part of a place whose total (162) is imported")
        elif len(place_parts) == 1:
            rows.append(place_parts[0])
        else:
            for part in place_parts:
                report.reject(
                    "place split across counties with no SUMLEV 162 total", part.describe()
                )
    progress = Progress(len(rows), label="population", stream=progress_stream, every=progress_every)
    with atomic_import(dry_run):
        reconcile(rows, report=report, change_reason=f"{source} {year} import", progress=progress)
    return report


def _population_column(header: list[str], year: int | None, path) -> tuple[str, int]:
    estimates = sorted(
        (int(m.group(1)), column) for column in header if (m := POPULATION_COLUMN.match(column))
    )
    if estimates:
        if year is not None:
            for found_year, column in estimates:
                if found_year == year:
                    return column, year
            raise ImportFileError(f"{Path(path).name} has no POPESTIMATE{year} column.")
        return estimates[-1][1], estimates[-1][0]
    column = next((c for c in header if c.lower() == "population"), None)
    if column is None:
        raise ImportFileError(
            f"{Path(path).name} has no POPESTIMATE<year> column and no population column."
        )
    if year is None:
        match = YEAR_IN_NAME.search(Path(path).name)
        if match is None:
            raise ImportFileError(
                f"Cannot tell which year {Path(path).name} estimates: pass --year."
            )
        year = int(match.group(1))
    return column, year


def _population_row(
    line, cells, get, report, *, level, name_column, population_column, year, source
) -> CensusRow | None:
    state = find_state(get(cells, "STATE").zfill(2))
    if state is None:
        report.reject("unknown state FIPS code", f"line {line}: {get(cells, 'STATE')!r}")
        return None
    county = get(cells, "COUNTY").zfill(3)
    county_fips = state.fips + county if ascii_digits(county) and county != "000" else ""
    population_text = get(cells, population_column)
    population = parse_whole_number(population_text)
    if population is None:
        report.reject(
            f"{population_column} is not a whole number", f"line {line}: {population_text!r}"
        )
        return None
    coordinates = _coordinates(get(cells, "latitude"), get(cells, "longitude"))
    if coordinates is None:
        report.skip(
            "latitude/longitude not a valid coordinate (row imported without location)",
            f"line {line}: {get(cells, 'latitude')!r}, {get(cells, 'longitude')!r}",
        )
        coordinates = (None, None)
    raw_name = get(cells, name_column)
    if level == CensusLevel.COUNTY:
        name, legal_type, kind, geoid = raw_name, "county", GovernmentType.COUNTY, county_fips
        if not county_fips:
            report.reject("county row without a county code", f"line {line}")
            return None
    else:
        name, legal_type = split_legal_name(raw_name)
        kind = kind_for_legal_type(legal_type)
        geoid = _subcounty_geoid(
            level, state.fips, county, get(cells, "PLACE"), get(cells, "COUSUB")
        )
        if level == CensusLevel.PLACE and not geoid:
            report.reject("place row without a 5-digit PLACE code", f"line {line}: {raw_name}")
            return None
    if not name:
        report.reject("empty name", f"line {line}")
        return None
    return CensusRow(
        line=line,
        level=level,
        state=state.code,
        state_fips=state.fips,
        name=name,
        geoid=geoid,
        legal_type=legal_type,
        kind=kind,
        county_fips=county_fips,
        population=population,
        population_year=year,
        population_source=source,
        functional_status=get(cells, "FUNCSTAT")[:1],
        latitude=coordinates[0],
        longitude=coordinates[1],
    )


def _subcounty_geoid(level, state_fips: str, county: str, place: str, cousub: str) -> str:
    if level == CensusLevel.PLACE:
        place = place.zfill(5)
        return state_fips + place if ascii_digits(place) and place != "00000" else ""
    # Minor civil divisions: state + county + cousub (10 digits) when the file has COUSUB.
    cousub = cousub.zfill(5) if cousub else ""
    if ascii_digits(cousub) and cousub != "00000" and ascii_digits(county):
        return state_fips + county + cousub
    return ""
