"""Real ACS places loaded into the test database: the directory entries and their indicators.

Reads `acs_places.csv` beside the checkout (only tests and benches do); the indicators go in
through `import indicators` with the themes file the docs give users.
"""

import csv
import io
import os
from pathlib import Path

import pytest

from citypeers.directory.enums import CensusLevel, GovernmentType
from citypeers.directory.importers.indicators import import_indicators
from citypeers.directory.models import Jurisdiction
from citypeers.directory.naming import normalise_name, split_legal_name

ROOT = Path(__file__).resolve().parents[2]
ACS_DIR = Path(os.environ.get("CITYPEERS_ACS_DIR", ROOT.parent / "shared" / "data" / "acs"))
THEMES_FILE = ROOT / "docs" / "examples" / "acs_places_themes.csv"
SOURCE = "U.S. Census Bureau, ACS 2019\u20132023 5-year"
INDICATOR_COLUMNS = [
    "housing_units",
    "land_area_sqmi",
    "pop_density_per_sqmi",
    "median_household_income",
    "poverty_rate",
    "unemployment_rate",
    "labor_force_participation_rate",
    "pct_bachelors_or_higher",
    "median_age",
    "pct_foreign_born",
    "pct_white_nonhispanic",
    "pct_black",
    "pct_asian",
    "pct_hispanic",
    "median_gross_rent",
    "median_year_built",
    "pct_not_married_15plus",
]


def acs_rows(*, min_population: int, complete: bool = True) -> list[dict]:
    path = ACS_DIR / "acs_places.csv"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        r
        for r in rows
        if int(r["population"] or 0) >= min_population
        and (not complete or all(r[c] for c in INDICATOR_COLUMNS))
    ]


def load_places(rows: list[dict], tmp_path: Path) -> dict[str, int]:
    """Directory entries for `rows` (GEOID, name, state, ACS population) and their indicators.

    Returns GEOID → jurisdiction id.
    """
    entries = []
    for r in rows:
        name, legal = split_legal_name(r["NAME"].rsplit(",", 1)[0])
        entries.append(
            Jurisdiction(
                slug=f"{normalise_name(name).replace(' ', '-')}-{r['STATE'].lower()}-{r['GEOID']}",
                name=name,
                name_normalised=normalise_name(name),
                state=r["STATE"],
                state_fips=r["GEOID"][:2],
                geoid=r["GEOID"],
                kind=GovernmentType.CDP if legal == "CDP" else GovernmentType.CITY,
                census_level=CensusLevel.PLACE,
                legal_type=legal,
                population=int(r["population"]),
                population_year=2023,
                population_source=SOURCE,
            )
        )
    Jurisdiction.objects.bulk_create(entries, batch_size=2000)
    path = tmp_path / "acs_places_2023.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["GEOID", *INDICATOR_COLUMNS])
        writer.writeheader()
        writer.writerows({k: r[k] for k in ["GEOID", *INDICATOR_COLUMNS]} for r in rows)
    import_indicators(
        path=path,
        key="GEOID",
        year=2023,
        source=SOURCE,
        themes_file=THEMES_FILE,
        progress_stream=io.StringIO(),
    )
    return dict(Jurisdiction.objects.values_list("geoid", "id"))
