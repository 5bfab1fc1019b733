import pytest
from hypothesis import given
from hypothesis import strategies as st

from citypeers.directory.enums import GovernmentType
from citypeers.directory.naming import (
    candidate_keys,
    kind_for_legal_type,
    normalise_name,
    split_legal_name,
    unique_slug,
)
from citypeers.directory.states import find_state

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("St. Louis", "saint louis"),
        ("Ste. Genevieve", "sainte genevieve"),
        ("Saint Paul", "saint paul"),
        ("O'Fallon", "ofallon"),
        ("Española", "espanola"),
        ("Winston-Salem", "winston salem"),
        ("  BOSTON ", "boston"),
        ("Ft. Myers", "fort myers"),
    ],
)
def test_normalise_name_folds_case_accents_and_abbreviations(raw, expected):
    assert normalise_name(raw) == expected


@pytest.mark.parametrize(
    ("census_name", "expected"),
    [
        ("Boise City city", ("Boise City", "city")),
        ("Juneau city and borough", ("Juneau", "city and borough")),
        (
            "Nashville-Davidson metropolitan government (balance)",
            ("Nashville-Davidson", "metropolitan government (balance)"),
        ),
        ("Abanda CDP", ("Abanda", "CDP")),
        ("Princeton", ("Princeton", "")),
        ("Bethel town", ("Bethel", "town")),
    ],
)
def test_split_legal_name_strips_the_census_suffix(census_name, expected):
    assert split_legal_name(census_name) == expected


def test_kind_for_legal_type_maps_suffixes_to_government_types():
    assert [
        kind_for_legal_type(s) for s in ("city", "town", "township", "CDP", "urban county")
    ] == [
        GovernmentType.CITY,
        GovernmentType.TOWN,
        GovernmentType.TOWNSHIP,
        GovernmentType.CDP,
        GovernmentType.CONSOLIDATED,
    ]


def test_candidate_keys_tries_the_literal_name_then_without_prefix_and_suffix():
    assert candidate_keys("City of Boston") == ["city of boston", "boston"]
    assert candidate_keys("Springfield city") == ["springfield city", "springfield"]


def test_unique_slug_uses_county_then_tiebreak_when_taken():
    taken: set[str] = set()
    slugs = [
        unique_slug("Springfield", "IL", "Sangamon County", taken, tiebreak="1"),
        unique_slug("Springfield", "IL", "Sangamon County", taken, tiebreak="2"),
        unique_slug("Springfield", "IL", "Sangamon County", taken, tiebreak="3"),
    ]
    assert slugs == [
        "springfield-il",
        "springfield-sangamon-county-il",
        "springfield-sangamon-county-il-3",
    ]


def test_find_state_accepts_code_fips_and_name():
    assert [find_state(t).code for t in ("ma", "25", "Massachusetts")] == ["MA", "MA", "MA"]
    assert find_state("ZZ") is None


@given(st.text(max_size=60))
def test_normalise_name_is_idempotent_and_plain(text):
    once = normalise_name(text)
    assert normalise_name(once) == once
    assert once == once.strip()
    assert "  " not in once


@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=30))
def test_unique_slug_never_repeats(names):
    taken: set[str] = set()
    slugs = [unique_slug(n, "TX", "", taken, tiebreak=str(i)) for i, n in enumerate(names)]
    assert len(set(slugs)) == len(slugs)
