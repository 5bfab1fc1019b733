"""The analyst's reference: on real ACS places, textbook z-scores and Euclidean distance (numpy
only, straight from the file) and the engine (features read back from the database, equal
weights, the same scaling) name the same ten peers."""

import numpy as np
import pytest

from citypeers.matching import cache
from citypeers.matching.engine import FeatureSpec, build_feature_matrix, find_peers
from tests.matching.acs import INDICATOR_COLUMNS, acs_rows, load_places

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CITIES = {
    "2507000": "Boston, MA",
    "1608830": "Boise City, ID",
    "0820000": "Denver, CO",
    "1921000": "Des Moines, IA",
    "4805000": "Austin, TX",
    "3008950": "Bozeman, MT",
    "5010675": "Burlington, VT",
}


def reference_top10(x: np.ndarray, subject: int) -> list[int]:
    """z-scores over the compared cities, Euclidean distance over the indicators both have."""
    z = (x - np.nanmean(x, axis=0)) / np.nanstd(x, axis=0)
    diff = z - z[subject]
    d = np.sqrt(np.nansum(diff**2, axis=1))
    d[subject] = np.inf
    return np.argsort(d, kind="stable")[:10].tolist()


@pytest.fixture
def acs_places(db, tmp_path):
    rows = acs_rows(min_population=10_000)
    ids = load_places(rows, tmp_path)
    return rows, ids


def test_engine_and_reference_name_the_same_ten_peers_on_real_acs_places(acs_places):
    rows, ids = acs_places
    columns = ["population", *INDICATOR_COLUMNS]
    x = np.array([[float(r[c]) for c in columns] for r in rows])
    geoids = [r["GEOID"] for r in rows]
    # The engine gets the same figures back from the database, as the app reads them.
    facts, grid = cache.read_directory_facts(), cache.read_indicator_grid()
    row_of_id = {int(i): k for k, i in enumerate(grid.ids)}
    codes = [ind.code for ind in grid.indicators]
    order = [row_of_id[ids[g]] for g in geoids]
    population = dict(zip(facts.ids.tolist(), facts.population.tolist(), strict=True))
    values = {"population": np.array([population[ids[g]] for g in geoids])}
    values.update({code: grid.values[order, c] for c, code in enumerate(codes)})
    specs = [
        FeatureSpec(code, code, transform="none", scaling="standard")
        for code in ["population", *codes]
    ]
    matrix = build_feature_matrix(np.array([ids[g] for g in geoids]), specs, values)
    weights = np.ones(len(specs))

    recall = {}
    for geoid in CITIES:
        subject = geoids.index(geoid)
        reference = {geoids[i] for i in reference_top10(x, subject)}
        engine = find_peers(matrix, subject, weights=weights, k=10, explain=False)
        recall[geoid] = len(reference & {geoids[r.row] for r in engine}) / 10

    assert len(rows) >= 3000
    assert len(codes) == len(INDICATOR_COLUMNS)
    assert recall == dict.fromkeys(CITIES, 1.0)


def test_on_real_acs_places_every_theme_moves_bostons_peers_and_reasons_name_themes(acs_places):
    from citypeers.directory.models import Jurisdiction
    from citypeers.matching import selectors
    from citypeers.matching.params import peer_params

    boston = Jurisdiction.objects.get(geoid="2507000")

    def top10(**data):
        search = selectors.peer_search(boston, peer_params({"k": "10", **data}))
        return search, [m.jurisdiction.geoid for m in search.ranked]

    search, default = top10()
    themes = ["size", "density", "economy", "housing", "people"]
    # Place (government type) moves a ranking only among peers of different types: see
    # test_engine_themes; here the ten are all cities.
    moved = {theme: top10(**{f"t_{theme}": "0"})[1] != default for theme in themes}
    first = search.ranked[0]
    named = {c.theme for c in first.result.contributions}

    assert search.themes == ["size", "density", "economy", "housing", "people", "place"]
    assert moved == dict.fromkeys(themes, True)
    assert len(default) == 10
    assert named >= {"size", "density", "economy", "housing", "people"}
    assert first.context_text.count(" — ") >= 3
    assert "U.S. Census Bureau, ACS 2019\u20132023 5-year" in first.context_text
    assert "median gross rent ($2,093 vs " in first.context_text
    assert "median_gross_rent" not in first.context_text
