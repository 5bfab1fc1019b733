"""Rebuild the directory data shipped with CityPeers from Census Bureau files.

    python tools/build_directory.py [--data ../shared/data] [--out src/citypeers/directory/data]

Reads (public-domain U.S. Census Bureau files, downloaded by a developer, never at run time):
- census/pep2021_local_governments.csv: active local governments, Population Estimates Vintage 2021
  (SUMLEV 157/162 incorporated places, 061 minor civil divisions, 170 consolidated cities);
- census/national_place2020.txt: the 2020 national place file (class codes, functional status,
  counties of multi-county places, the GEOID of a consolidated city's balance);
- census/co-est2021-alldata.csv: county population estimates, Vintage 2021 (Latin-1);
- acs/acs_places.csv, acs/acs_cousubs.csv, acs/acs_counties.csv: ACS 5-year indicators.

Writes three small files under the package's data folder, sorted by GEOID so a rebuild from the
same input gives the same bytes (gzip without a time stamp):
- jurisdictions.csv.gz: one row per government with its GEOID (text, zeros kept), legal type,
  kind, state, county, 2021 population with its year and source, coordinates;
- indicators.csv.gz: ACS indicators, one row per GEOID (wide; empty cell = not available);
- indicator_definitions.csv: code, label, unit and theme of each indicator.

Standard library only: runs with any Python 3.11, no virtual environment and no network.
"""

import argparse
import csv
import gzip
import io
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "src" / "citypeers" / "directory" / "data"

PEP_SOURCE = "U.S. Census Bureau, Population Estimates Program, Vintage 2021"
PEP_YEAR = 2021
ACS_PLACES = ("U.S. Census Bureau, ACS 2019\u20132023 5-year", 2023)
ACS_COUNTIES = ("U.S. Census Bureau, ACS 2015\u20132019 5-year", 2019)

JURISDICTION_COLUMNS = [
    "geoid",
    "level",
    "name",
    "legal_type",
    "kind",
    "state",
    "state_fips",
    "county_fips",
    "county_name",
    "population",
    "population_year",
    "population_source",
    "lat",
    "lon",
]

# Census legal descriptions at the end of a place or county subdivision name, longest first.
PLACE_SUFFIXES = {
    "metropolitan government (balance)": "consolidated",
    "consolidated government (balance)": "consolidated",
    "unified government (balance)": "consolidated",
    "metro government (balance)": "consolidated",
    "metropolitan government": "consolidated",
    "consolidated government": "consolidated",
    "unified government": "consolidated",
    "city and borough": "consolidated",
    "charter township": "township",
    "metro township": "township",
    "city (balance)": "consolidated",
    "urban county": "consolidated",
    "municipality": "municipality",
    "corporation": "municipality",
    "plantation": "plantation",
    "(balance)": "consolidated",
    "township": "township",
    "borough": "borough",
    "village": "village",
    "city": "city",
    "town": "town",
}
SUFFIX_PATTERN = re.compile(
    r"^(?P<name>.+?)\s+(?P<suffix>"
    + "|".join(re.escape(s) for s in sorted(PLACE_SUFFIXES, key=len, reverse=True))
    + r")$"
)
# County-equivalent names (co-est CTYNAME) and their legal description.
COUNTY_SUFFIXES = [
    (" City and Borough", "city and borough"),
    (" Census Area", "census area"),
    (" Municipality", "municipality"),
    (" Borough", "borough"),
    (" Parish", "parish"),
    (" County", "county"),
    (" city", "independent city"),
]
# Place rows with no legal suffix in the PEP file.
UNSUFFIXED = {
    "Carson City": ("consolidated", "consolidated municipality"),
    "Princeton": ("municipality", ""),
    "Butte-Silver Bow": ("consolidated", "consolidated city-county"),
}

# ACS columns -> shipped indicator codes (the shared contract), label, unit, theme.
PLACE_INDICATORS = [
    ("housing_units", "housing_units", "Housing units", "housing units", "size"),
    ("land_area_sqmi", "land_area_sqmi", "Land area", "sq mi", "density"),
    (
        "pop_density_per_sqmi",
        "population_density",
        "Population density",
        "people per sq mi",
        "density",
    ),
    (
        "median_household_income",
        "median_household_income",
        "Median household income (250,000 means $250,000 or more)",
        "dollars",
        "economy",
    ),
    ("poverty_rate", "poverty_rate", "Below the poverty line", "% of people", "economy"),
    ("unemployment_rate", "unemployment_rate", "Unemployment rate", "% of labour force", "economy"),
    (
        "labor_force_participation_rate",
        "labor_force_participation",
        "Labour-force participation",
        "% of people 16+",
        "economy",
    ),
    (
        "pct_bachelors_or_higher",
        "bachelors_or_higher",
        "Bachelor's degree or higher",
        "% of people 25+",
        "economy",
    ),
    ("median_age", "median_age", "Median age", "years", "people"),
    ("pct_foreign_born", "foreign_born", "Foreign-born", "% of people", "people"),
    ("pct_white_nonhispanic", "white_non_hispanic", "White, not Hispanic", "% of people", "people"),
    ("pct_black", "black", "Black", "% of people", "people"),
    ("pct_asian", "asian", "Asian", "% of people", "people"),
    ("pct_hispanic", "hispanic", "Hispanic or Latino", "% of people", "people"),
    ("pct_not_married_15plus", "not_married", "Not married", "% of people 15+", "people"),
    ("median_gross_rent", "median_gross_rent", "Median gross rent", "dollars a month", "housing"),
    (
        "median_year_built",
        "median_year_built",
        "Median year built (1939 means 1939 or earlier)",
        "year",
        "housing",
    ),
]
COUSUB_COLUMNS = {"housing_units", "land_area_sqmi", "pop_density_per_sqmi"}
COUNTY_INDICATORS = [
    ("households", "households", "Households", "households", "size"),
    ("land_area_sqmi", "land_area_sqmi", None, None, None),
    ("pop_density_per_sqmi", "population_density", None, None, None),
    ("median_household_income", "median_household_income", None, None, None),
    ("per_capita_income", "per_capita_income", "Income per person", "dollars", "economy"),
    (
        "mean_household_income",
        "mean_household_income",
        "Mean household income",
        "dollars",
        "economy",
    ),
    ("poverty_rate", "poverty_rate", None, None, None),
    (
        "unemployment_rate_20_64",
        "unemployment_rate_20_64",
        "Unemployment rate, ages 20 to 64",
        "% of labour force 20 to 64",
        "economy",
    ),
    ("pct_bachelors_or_higher", "bachelors_or_higher", None, None, None),
    (
        "pct_hs_grad_or_higher",
        "high_school_or_higher",
        "High-school graduate or higher",
        "% of people 25+",
        "economy",
    ),
    ("median_age", "median_age", None, None, None),
    ("pct_age_65_plus", "age_65_plus", "Aged 65 and over", "% of people", "people"),
    ("pct_age_under_5", "age_under_5", "Aged under 5", "% of people", "people"),
    ("pct_under_18", "under_18", "Aged under 18", "% of people", "people"),
    ("pct_white_alone", "white_alone", "White alone", "% of people", "people"),
    ("pct_white_nonhispanic", "white_non_hispanic", None, None, None),
    ("pct_black", "black", None, None, None),
    ("pct_asian", "asian", None, None, None),
    (
        "pct_aian",
        "american_indian_alaska_native",
        "American Indian and Alaska Native",
        "% of people",
        "people",
    ),
    ("pct_hispanic", "hispanic", None, None, None),
    ("pct_two_or_more_races", "two_or_more_races", "Two or more races", "% of people", "people"),
    ("pct_uninsured", "uninsured", "Without health insurance", "% of people", "people"),
    ("pct_veterans_18plus", "veterans", "Veterans", "% of people 18+", "people"),
    ("mean_travel_time_min", "mean_travel_time", "Mean travel time to work", "minutes", "economy"),
    ("persons_per_household", "persons_per_household", "People per household", "people", "housing"),
    (
        "pct_households_with_computer",
        "computer",
        "Households with a computer",
        "% of households",
        "economy",
    ),
    (
        "pct_households_with_broadband",
        "broadband",
        "Households with broadband",
        "% of households",
        "economy",
    ),
    (
        "pct_households_without_broadband",
        "no_broadband",
        "Households without broadband",
        "% of households",
        "economy",
    ),
    (
        "pct_households_limited_english",
        "limited_english",
        "Limited-English households",
        "% of households",
        "people",
    ),
]
TOP_CODES = {"median_household_income": ("250001", "250000")}


def read_csv(path: Path, delimiter: str = ",") -> list[dict]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def split_place_name(full: str) -> tuple[str, str, str]:
    """(name, legal type, kind) from a Census name such as "Boise City city"."""
    if full in UNSUFFIXED:
        kind, legal = UNSUFFIXED[full]
        return full, legal, kind
    match = SUFFIX_PATTERN.match(full)
    if match:
        suffix = match.group("suffix")
        legal = suffix.removesuffix(" (balance)") if suffix != "(balance)" else ""
        return match.group("name"), legal, PLACE_SUFFIXES[suffix]
    if full.endswith(" County"):
        # "Macon-Bibb County", "Hartsville/Trousdale County": consolidated city-counties.
        return full, "consolidated city-county", "consolidated"
    raise ValueError(f"no legal type in {full!r}")


def split_county_name(full: str) -> tuple[str, str]:
    if full == "District of Columbia":
        return full, "district"
    if full == "Carson City":
        return full, "independent city"
    for suffix, legal in COUNTY_SUFFIXES:
        if full.endswith(suffix):
            return full, legal
    raise ValueError(f"no county type in {full!r}")


class Build:
    def __init__(self, data: Path):
        self.data = data
        self.kept: Counter = Counter()
        self.dropped: Counter = Counter()
        self.examples: dict[str, list[str]] = defaultdict(list)
        self.rows: dict[str, dict] = {}

    def drop(self, reason: str, example: str) -> None:
        self.dropped[reason] += 1
        if len(self.examples[reason]) < 3:
            self.examples[reason].append(example)

    def add(self, row: dict, reason: str) -> None:
        if row["geoid"] in self.rows:
            self.drop("duplicate GEOID (part of a place already kept)", row["name"])
            return
        self.rows[row["geoid"]] = row
        self.kept[reason] += 1

    # Inputs ------------------------------------------------------------------------------------

    def load(self) -> None:
        census, acs = self.data / "census", self.data / "acs"
        self.pep = read_csv(census / "pep2021_local_governments.csv")
        self.national = read_csv(census / "national_place2020.txt", delimiter="|")
        self.counties_pep = [
            r for r in read_csv(census / "co-est2021-alldata.csv") if r["SUMLEV"] == "050"
        ]
        self.acs_places = {r["GEOID"]: r for r in read_csv(acs / "acs_places.csv")}
        self.acs_cousubs = read_csv(acs / "acs_cousubs.csv")
        self.acs_counties = {r["GEOID"]: r for r in read_csv(acs / "acs_counties.csv")}
        self.usps = {r["STATEFP"]: r["STATE"] for r in self.national}
        for geoid, row in (*self.acs_counties.items(), *self.acs_places.items()):
            self.usps.setdefault(geoid[:2], row["STATE"])
        for row in self.acs_cousubs:
            self.usps.setdefault(row["GEOID"][:2], row["STATE"])
        self.national_by_geoid = {r["STATEFP"] + r["PLACEFP"]: r for r in self.national}
        self.county_names = {r["STATE"] + r["COUNTY"]: r["CTYNAME"] for r in self.counties_pep}
        self.county_names_by_state = defaultdict(set)
        for row in self.counties_pep:
            self.county_names_by_state[row["STATE"]].add(row["CTYNAME"])

    # Counties ----------------------------------------------------------------------------------

    def counties(self) -> None:
        for row in self.counties_pep:
            geoid = row["STATE"] + row["COUNTY"]
            name, legal = split_county_name(row["CTYNAME"])
            self.add(
                self._row(
                    geoid=geoid,
                    level="county",
                    name=name,
                    legal_type=legal,
                    kind="county",
                    state_fips=row["STATE"],
                    county_fips=geoid,
                    county_name=name,
                    population=row["POPESTIMATE2021"],
                ),
                "counties (co-est2021, SUMLEV 050)",
            )

    # Places ------------------------------------------------------------------------------------

    def places(self) -> None:
        consolidated = [r for r in self.pep if r["SUMLEV"] == "170"]
        # A place split across counties has a 162 total and a 157 row per county part: the
        # totals go first, so the parts are dropped as duplicates of their place's GEOID.
        totals_first = sorted(
            (r for r in self.pep if r["SUMLEV"] in ("157", "162")),
            key=lambda r: r["SUMLEV"] != "162",
        )
        for row in totals_first:
            geoid = row["STATE"] + row["PLACE"]
            # PEP 2021 is newer than the 2020 place file: Holiday Island (AR), a CDP there,
            # is an active town here and is kept.
            national = self.national_by_geoid.get(geoid)
            name, legal, kind = split_place_name(row["NAME"])
            county_fips, county_name = self._place_county(row, national)
            self.add(
                self._row(
                    geoid=geoid,
                    level="place",
                    name=name,
                    legal_type=legal,
                    kind=kind,
                    state_fips=row["STATE"],
                    county_fips=county_fips,
                    county_name=county_name,
                    population=row["population"],
                    lat=row["latitude"],
                    lon=row["longitude"],
                ),
                f"incorporated places (PEP SUMLEV {row['SUMLEV']})",
            )
        for row in consolidated:
            self._consolidated_city(row)
        self._places_missing_from_pep()

    def _place_county(self, row: dict, national: dict | None) -> tuple[str, str]:
        if row["COUNTY"] != "000":
            fips = row["STATE"] + row["COUNTY"]
            return fips, self.county_names.get(fips, "")
        names = [c for c in (national or {}).get("COUNTIES", "").split("~~~") if c]
        if len(names) == 1:
            fips = next(
                (
                    f
                    for f, n in self.county_names.items()
                    if f[:2] == row["STATE"] and n == names[0]
                ),
                "",
            )
            return fips, names[0]
        return "", ", ".join(names)

    def _consolidated_city(self, row: dict) -> None:
        """SUMLEV 170 (Indianapolis, Butte-Silver Bow, Milford CT) has no place code: the
        consolidated city takes the GEOID of its balance in the national place file."""
        base = split_place_name(row["NAME"])[0]
        balances = [
            r
            for r in self.national
            if r["STATEFP"] == row["STATE"]
            and r["CLASSFP"] == "C8"
            and r["PLACENAME"].startswith(base + " ")
        ]
        if len(balances) != 1:
            self.drop("consolidated city without a single balance place", row["NAME"])
            return
        balance = balances[0]
        counties = [c for c in balance["COUNTIES"].split("~~~") if c]
        county_fips = next(
            (
                f
                for f, n in self.county_names.items()
                if f[:2] == row["STATE"] and counties and n == counties[0]
            ),
            "",
        )
        legal = "consolidated city-county" if row["NAME"] == base else "consolidated city"
        self.add(
            self._row(
                geoid=balance["STATEFP"] + balance["PLACEFP"],
                level="place",
                name=base,
                legal_type=legal,
                kind="consolidated",
                state_fips=row["STATE"],
                county_fips=county_fips,
                county_name=", ".join(counties),
                population=row["population"],
                lat=row["latitude"],
                lon=row["longitude"],
            ),
            "consolidated cities (PEP SUMLEV 170, GEOID of their balance)",
        )

    def _places_missing_from_pep(self) -> None:
        """Active incorporated places of the 2020 place file that the PEP extract lacks
        (Nashville-Davidson, Louisville/Jefferson County, Lexington-Fayette, Baton Rouge, Utah
        metro townships, Vermont villages): kept with their ACS 2023 population."""
        for row in self.national:
            geoid = row["STATEFP"] + row["PLACEFP"]
            if geoid in self.rows or not row["TYPE"].startswith("INCORPORATED"):
                continue
            status = row["FUNCSTAT"]
            if status not in ("A", "B", "F") or (status == "F" and row["CLASSFP"] != "C8"):
                self.drop(
                    f"place file, not an active government (FUNCSTAT {status})", row["PLACENAME"]
                )
                continue
            name, legal, kind = split_place_name(row["PLACENAME"])
            if status == "B":
                kind = "consolidated"  # one set of officials with its parish (Baton Rouge)
            if name in self.county_names_by_state[row["STATEFP"]]:
                self.drop("place file, the county entry stands for it", row["PLACENAME"])
                continue
            acs = self.acs_places.get(geoid, {})
            if not acs.get("population"):
                self.drop("place file, no population in the ACS", row["PLACENAME"])
                continue
            counties = [c for c in row["COUNTIES"].split("~~~") if c]
            county_fips = ""
            if len(counties) == 1:
                county_fips = next(
                    (
                        f
                        for f, n in self.county_names.items()
                        if f[:2] == row["STATEFP"] and n == counties[0]
                    ),
                    "",
                )
            self.add(
                self._row(
                    geoid=geoid,
                    level="place",
                    name=name,
                    legal_type=legal,
                    kind=kind,
                    state_fips=row["STATEFP"],
                    county_fips=county_fips,
                    county_name=", ".join(counties),
                    population=acs["population"],
                    population_year=str(ACS_PLACES[1]),
                    population_source=ACS_PLACES[0],
                ),
                "active places missing from PEP (2020 place file, ACS 2023 population)",
            )

    # Minor civil divisions -----------------------------------------------------------------------

    def county_subdivisions(self) -> None:
        by_county = defaultdict(list)
        by_state = defaultdict(list)
        for row in self.acs_cousubs:
            full = row["NAME"].split(", ")[0]
            by_county[(row["GEOID"][:5], full)].append(row)
            by_state[(row["GEOID"][:2], full)].append(row)
        for row in self.pep:
            if row["SUMLEV"] != "061":
                continue
            county = row["STATE"] + row["COUNTY"]
            found = by_county.get((county, row["NAME"]), [])
            how = "county subdivisions (PEP SUMLEV 061, joined by state+county+name)"
            if not found and row["STATE"] == "09":
                found = by_state.get((row["STATE"], row["NAME"]), [])
                how = "county subdivisions in Connecticut (joined by state+name)"
            if not found:
                base = split_place_name(row["NAME"])[0]
                found = [
                    r
                    for (c, full), rows in by_county.items()
                    if c == county and split_place_name_safe(full) == base
                    for r in rows
                ]
                how = "county subdivisions whose legal type changed since 2021 (by base name)"
            if len(found) != 1:
                reason = "ambiguous" if found else "no GEOID in acs_cousubs.csv"
                self.drop(f"minor civil division, {reason}", f"{row['NAME']} ({row['STATE']})")
                continue
            name, legal, kind = split_place_name(row["NAME"])
            self.add(
                self._row(
                    geoid=found[0]["GEOID"],
                    level="county_subdivision",
                    name=name,
                    legal_type=legal,
                    kind=kind,
                    state_fips=row["STATE"],
                    county_fips=county,
                    county_name=self.county_names.get(county, ""),
                    population=row["population"],
                    lat=row["latitude"],
                    lon=row["longitude"],
                ),
                how,
            )

    def _row(self, **fields) -> dict:
        row = {column: "" for column in JURISDICTION_COLUMNS}
        row.update(
            state=self.usps[fields["state_fips"]],
            population_year=str(PEP_YEAR),
            population_source=PEP_SOURCE,
        )
        row.update(fields)
        return row

    # Indicators --------------------------------------------------------------------------------

    def indicators(self) -> tuple[list[dict], list[str], list[dict]]:
        definitions: dict[str, dict] = {}
        for _column, code, label, unit, theme in PLACE_INDICATORS:
            definitions[code] = {"code": code, "label": label, "unit": unit, "theme": theme}
        for _column, code, label, unit, theme in COUNTY_INDICATORS:
            if label:
                definitions[code] = {"code": code, "label": label, "unit": unit, "theme": theme}
        codes = list(definitions)
        rows = []
        cousubs = {r["GEOID"]: r for r in self.acs_cousubs}
        for geoid, entry in sorted(self.rows.items()):
            if entry["level"] == "place":
                source, mapping = self.acs_places.get(geoid), PLACE_INDICATORS
                vintage = ACS_PLACES
            elif entry["level"] == "county_subdivision":
                source = cousubs.get(geoid)
                mapping = [m for m in PLACE_INDICATORS if m[0] in COUSUB_COLUMNS]
                vintage = ACS_PLACES
            else:
                source, mapping, vintage = (
                    self.acs_counties.get(geoid),
                    COUNTY_INDICATORS,
                    ACS_COUNTIES,
                )
            if source is None:
                self.dropped[f"no ACS row for a {entry['level'].replace('_', ' ')}"] += 1
                continue
            out = {"geoid": geoid, "year": str(vintage[1]), "source": vintage[0]}
            for column, code, *_ in mapping:
                value = source.get(column, "")
                if code in TOP_CODES and value == TOP_CODES[code][0]:
                    value = TOP_CODES[code][1]
                out[code] = value
            if any(out.get(code) for code in codes):
                rows.append(out)
                self.kept["ACS indicator rows: " + entry["level"].replace("_", " ")] += 1
        return rows, codes, [definitions[code] for code in codes]


def split_place_name_safe(full: str) -> str:
    try:
        return split_place_name(full)[0]
    except ValueError:
        return full


def write_gzip_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    # mtime=0 and no file name: the same rows give the same bytes.
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as handle,
    ):
        handle.write(buffer.getvalue().encode("utf-8"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with census/, acs/")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    build = Build(args.data)
    build.load()
    build.counties()
    build.places()
    build.county_subdivisions()
    rows = [build.rows[geoid] for geoid in sorted(build.rows)]
    indicator_rows, codes, meta = build.indicators()
    args.out.mkdir(parents=True, exist_ok=True)
    write_gzip_csv(args.out / "jurisdictions.csv.gz", JURISDICTION_COLUMNS, rows)
    write_gzip_csv(
        args.out / "indicators.csv.gz", ["geoid", "year", "source", *codes], indicator_rows
    )
    with (args.out / "indicator_definitions.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(meta[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(meta)
    print(f"Kept {len(rows):,} jurisdictions:")
    for reason, count in sorted(build.kept.items()):
        print(f"  {count:>6,}  {reason}")
    print("Dropped:")
    for reason, count in sorted(build.dropped.items()):
        examples = "; ".join(build.examples.get(reason, []))
        print(f"  {count:>6,}  {reason}" + (f" (e.g. {examples})" if examples else ""))
    kinds = Counter(r["kind"] for r in rows)
    print("By kind: " + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items())))
    for name in ("jurisdictions.csv.gz", "indicators.csv.gz", "indicator_definitions.csv"):
        print(f"Wrote {args.out / name} ({(args.out / name).stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
