"""What the peer matrix is built from, read from the database in a few plain queries.

`read_directory_facts` (one row per directory entry) and `read_indicator_grid` (every
indicator value, the latest year per city and indicator, with that year). Used by `cache.py`.
"""

from dataclasses import dataclass

import numpy as np
from django.db import connection

from citypeers.directory.enums import CensusLevel, GovernmentType
from citypeers.directory.models import Indicator, IndicatorValue, Jurisdiction


@dataclass(frozen=True)
class DirectoryFacts:
    ids: np.ndarray
    state: np.ndarray
    population: np.ndarray
    latlon: np.ndarray
    kind: np.ndarray
    level: np.ndarray  # "place", "county_subdivision" or "county"
    population_year: np.ndarray  # float, NaN unknown
    population_source: np.ndarray  # str


@dataclass(frozen=True)
class IndicatorGrid:
    indicators: list  # Indicator rows, one per grid column
    ids: np.ndarray  # sorted jurisdiction ids, one per grid row
    values: np.ndarray  # (len(ids), len(indicators)), latest year, NaN when missing
    years: np.ndarray  # (len(ids), len(indicators)), that value's year, NaN when missing


def geography_level(kind: str, census_level: str) -> str:
    """Counties, county subdivisions (towns, townships) and places (everything else)."""
    if kind == GovernmentType.COUNTY or census_level == CensusLevel.COUNTY:
        return "county"
    if census_level == CensusLevel.COUNTY_SUBDIVISION:
        return "county_subdivision"
    return "place"


def read_directory_facts() -> DirectoryFacts:
    rows = list(
        Jurisdiction.objects.order_by("id").values_list(
            "id",
            "state",
            "population",
            "latitude",
            "longitude",
            "kind",
            "census_level",
            "population_year",
            "population_source",
        )
    )
    n = len(rows)
    return DirectoryFacts(
        ids=np.fromiter((r[0] for r in rows), dtype=np.int64, count=n),
        state=np.array([r[1] for r in rows], dtype=object),
        population=np.array([np.nan if r[2] is None else r[2] for r in rows], dtype=np.float64),
        latlon=np.array(
            [(np.nan, np.nan) if r[3] is None or r[4] is None else (r[3], r[4]) for r in rows],
            dtype=np.float64,
        ).reshape(n, 2),
        kind=np.array([r[5] or "" for r in rows], dtype=object),
        level=np.array([geography_level(r[5], r[6]) for r in rows], dtype=object),
        population_year=np.array(
            [np.nan if r[7] is None else r[7] for r in rows], dtype=np.float64
        ),
        population_source=np.array([r[8] or "" for r in rows], dtype=object),
    )


def read_indicator_grid() -> IndicatorGrid:
    """Every indicator value, the latest year per (city, indicator), as a dense grid.

    One plain query and vectorised placement: at 450k values the ORM's per-row objects cost
    ≈3 s, this ≈0.4 s.
    """
    indicators = list(Indicator.objects.order_by("theme", "code"))
    column_of = {ind.pk: c for c, ind in enumerate(indicators)}
    table = IndicatorValue._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT jurisdiction_id, indicator_id, value, year FROM {table}")
        rows = cursor.fetchall()
    data = np.array(rows, dtype=np.float64).reshape(len(rows), 4)
    city = data[:, 0].astype(np.int64)
    ids = np.unique(city)
    lookup = np.full(max(column_of, default=0) + 1, -1, dtype=np.int64)
    for pk, c in column_of.items():
        lookup[pk] = c
    r = np.searchsorted(ids, city)
    c = lookup[data[:, 1].astype(np.int64)]
    # The latest year wins for each (city, indicator): sort by year, keep each cell's last.
    order = np.lexsort((data[:, 3], c, r))
    cell = r[order] * max(len(indicators), 1) + c[order]
    last = order[np.r_[cell[1:] != cell[:-1], True]] if len(order) else order
    grid = np.full((len(ids), len(indicators)), np.nan)
    years = np.full((len(ids), len(indicators)), np.nan)
    grid[r[last], c[last]] = data[last, 2]
    years[r[last], c[last]] = data[last, 3]
    return IndicatorGrid(indicators=indicators, ids=ids, values=grid, years=years)
