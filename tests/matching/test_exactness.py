"""Recall@10 = 1.0 against brute force on real data: the shipped directory and Census files.

Skipped when the files are absent (the Census files sit beside a checkout, not inside it).
"""

import csv
import gzip
from pathlib import Path

import numpy as np
import pytest

from citypeers.matching.engine import FeatureSpec, all_pairs_topk, build_feature_matrix, find_peers
from tests.matching.helpers import assert_same_ranking, brute_force_numpy

pytestmark = [pytest.mark.unit, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
DIRECTORY = ROOT / "src/citypeers/directory/data/jurisdictions.csv.gz"
CENSUS = ROOT.parent / "shared/data/census"
PEP = CENSUS / "pep2021_local_governments.csv"
COUNTIES = CENSUS / "co-est2021-alldata.csv"
K = 10


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return np.nan


def _directory_matrix():
    with gzip.open(DIRECTORY, "rt", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    specs = [
        FeatureSpec("population", "Population", theme="size", transform="log"),
        FeatureSpec("location", "Location", theme="place", kind="location"),
    ]
    values = {
        "population": np.array([_number(r["population"]) or np.nan for r in rows]),
        "location": np.array([[_number(r["lat"]), _number(r["lon"])] for r in rows]),
    }
    return build_feature_matrix(np.arange(len(rows)), specs, values)


def _census_matrix():
    """Local governments (PEP 2021) with their county's 2021 demographic rates as indicators."""
    with COUNTIES.open(encoding="latin-1") as handle:
        counties = {
            r["STATE"] + r["COUNTY"]: r for r in csv.DictReader(handle) if r["SUMLEV"] == "050"
        }
    with PEP.open(encoding="utf-8") as handle:
        places = list(csv.DictReader(handle))
    columns = [
        "RBIRTH2021",
        "RDEATH2021",
        "RNATURALCHG2021",
        "RINTERNATIONALMIG2021",
        "RDOMESTICMIG2021",
        "RNETMIG2021",
    ]
    specs = [FeatureSpec("population", "Population", transform="log")]
    specs += [FeatureSpec(c.lower(), c) for c in columns]
    specs += [
        FeatureSpec("county_growth", "County growth 2020-21"),
        FeatureSpec("location", "Location", kind="location"),
    ]
    values = {"population": np.array([_number(p["population"]) for p in places])}
    county_of = [counties.get(p["STATE"] + p["COUNTY"], {}) for p in places]
    for c in columns:
        values[c.lower()] = np.array([_number(cty.get(c)) for cty in county_of])
    values["county_growth"] = np.array(
        [
            _number(cty.get("NPOPCHG2021")) / _number(cty.get("POPESTIMATE2020")) if cty else np.nan
            for cty in county_of
        ]
    )
    values["location"] = np.array(
        [[_number(p["latitude"]), _number(p["longitude"])] for p in places]
    )
    return build_feature_matrix(np.arange(len(places)), specs, values)


def _check_every(matrix, weights, step):
    checked = 0
    for subject in range(0, matrix.n, step):
        try:
            got = find_peers(matrix, subject, weights=weights, k=K, explain=False)
        except ValueError:  # no population for this place: nothing to compare
            assert brute_force_numpy(matrix, subject, weights, K) == ([], [])
            continue
        assert_same_ranking(
            [r.row for r in got],
            [r.similarity for r in got],
            *brute_force_numpy(matrix, subject, weights, K),
        )
        checked += 1
    return checked


@pytest.mark.skipif(not DIRECTORY.exists(), reason="the shipped directory is not built")
def test_top10_identical_to_brute_force_on_the_shipped_directory():
    matrix = _directory_matrix()
    assert matrix.n > 20_000
    # Population alone (many near-ties), then with location.
    assert _check_every(matrix, np.array([1.0, 0.0]), 97) > 200
    assert _check_every(matrix, np.array([1.0, 0.5]), 97) > 200


@pytest.mark.skipif(not DIRECTORY.exists(), reason="the shipped directory is not built")
def test_all_pairs_top10_identical_to_single_queries_on_the_shipped_directory():
    matrix = _directory_matrix()
    weights = np.array([1.0, 0.5])
    rows, sims = all_pairs_topk(matrix, weights, k=K)
    for subject in range(0, matrix.n, 211):
        ref_rows, ref_d2 = brute_force_numpy(matrix, subject, weights, K)
        assert_same_ranking(rows[subject].tolist(), sims[subject].tolist(), ref_rows, ref_d2)


@pytest.mark.skipif(not (PEP.exists() and COUNTIES.exists()), reason="Census files not present")
def test_top10_identical_to_brute_force_on_census_indicators():
    matrix = _census_matrix()
    assert matrix.n > 25_000
    weights = np.ones(len(matrix.specs))
    assert _check_every(matrix, weights, 83) > 300
