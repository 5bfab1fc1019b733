"""Upgrading an older directory (GeoNames places with content attached) to the Census list."""

import csv
import gzip
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citypeers.directory.models import IndicatorValue, Jurisdiction, ProfilePerson
from citypeers.directory.services import loading
from citypeers.directory.upgrade import Existing, Shipped, plan_upgrade
from tests.factories.accounts import CityOrganisationFactory
from tests.factories.directory import JurisdictionFactory, ProfilePersonFactory
from tests.factories.knowledge import ChallengeStatementFactory

PEP = "U.S. Census Bureau, Population Estimates Program, Vintage 2021"
ACS = "U.S. Census Bureau, ACS 2019\u20132023 5-year"
SHIPPED = [
    # geoid, level, name, legal_type, kind, state, county_fips, county_name, population
    ("2507000", "place", "Boston", "city", "city", "MA", "25025", "Suffolk County", 654776),
    ("2555745", "place", "Quincy", "city", "city", "MA", "25021", "Norfolk County", 101636),
    (
        "25025",
        "county",
        "Suffolk County",
        "county",
        "county",
        "MA",
        "25025",
        "Suffolk County",
        797936,
    ),
    ("1772000", "place", "Springfield", "city", "city", "IL", "17167", "Sangamon County", 113394),
    (
        "1716772000",
        "county_subdivision",
        "Springfield",
        "township",
        "township",
        "IL",
        "17107",
        "Logan County",
        892,
    ),
    (
        "4752006",
        "place",
        "Nashville-Davidson",
        "metropolitan government",
        "consolidated",
        "TN",
        "47037",
        "Davidson County",
        684298,
    ),
    (
        "47037",
        "county",
        "Davidson County",
        "county",
        "county",
        "TN",
        "47037",
        "Davidson County",
        703953,
    ),
]


def _write_gzip(path, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0))


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A seven-government shipped list with one ACS indicator (housing units)."""
    places = tmp_path / "jurisdictions.csv.gz"
    _write_gzip(
        places,
        [
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
        ],
        [
            (g, level, name, legal, kind, state, g[:2], cf, cn, pop, 2021, PEP, "", "")
            for g, level, name, legal, kind, state, cf, cn, pop in SHIPPED
        ],
    )
    indicators = tmp_path / "indicators.csv.gz"
    _write_gzip(
        indicators,
        ["geoid", "year", "source", "housing_units"],
        [
            ("2507000", 2023, ACS, 290000),
            ("2555745", 2023, ACS, 46000),
            ("1772000", 2023, ACS, 56000),
        ],
    )
    definitions = tmp_path / "indicator_definitions.csv"
    definitions.write_text("code,label,unit,theme\nhousing_units,Housing units,units,size\n")
    monkeypatch.setattr(loading, "JURISDICTIONS_FILE", places)
    monkeypatch.setattr(loading, "INDICATORS_FILE", indicators)
    monkeypatch.setattr(loading, "DEFINITIONS_FILE", definitions)


def _geonames(name, state, population, slug, **extra):
    return JurisdictionFactory(
        name=name,
        state=state,
        slug=slug,
        population=population,
        population_year=None,
        population_source="GeoNames",
        kind="place",
        census_level="",
        **extra,
    )


@pytest.mark.django_db
def test_upgrade_keeps_pks_slugs_and_content_and_reports_each_outcome(shipped):
    boston = _geonames("Boston", "MA", 653_833, "boston-ma", county_fips="25025")
    person = ProfilePersonFactory(jurisdiction=boston)
    statement = ChallengeStatementFactory(jurisdiction=boston)
    south_boston = _geonames("South Boston", "MA", 571_281, "south-boston-ma")
    manhattan = _geonames("Manhattan", "NY", 1_487_536, "manhattan-ny")
    ProfilePersonFactory(jurisdiction=manhattan)
    springfield = _geonames("Springfield", "IL", 114_394, "springfield-il")
    nashville = _geonames("Nashville", "TN", 689_447, "nashville-tn")
    organisation = CityOrganisationFactory(jurisdiction=nashville)
    imported = JurisdictionFactory(
        name="Nashville-Davidson", state="TN", slug="nashville-davidson-tn", geoid="4752006"
    )
    suffolk = JurisdictionFactory(
        name="Suffolk County", state="MA", slug="suffolk-county-ma", geoid="25025", kind="county"
    )
    out = io.StringIO()

    report = loading.load_shipped_directory(stdout=out)

    assert (report.matched, report.updated, report.created, report.merged, report.removed) == (
        4,
        4,
        3,
        1,
        1,
    )
    assert report.left == ["Manhattan, NY (no shipped local government of that name and size)"]
    assert report.lines()[0] == (
        "directory: 7 shipped local governments; matched 4 existing entries (4 updated), "
        "created 3, merged 1, removed 1, left 1"
    )
    boston.refresh_from_db()
    assert (
        boston.slug,
        boston.geoid,
        boston.kind,
        boston.population,
        boston.population_year,
        boston.population_source,
        boston.census_level,
    ) == ("boston-ma", "2507000", "city", 654_776, 2021, PEP, "place")
    assert list(ProfilePerson.objects.filter(jurisdiction=boston)) == [person]
    statement.refresh_from_db()
    assert statement.jurisdiction_id == boston.pk
    springfield.refresh_from_db()
    assert (springfield.slug, springfield.geoid) == ("springfield-il", "1772000")
    nashville.refresh_from_db()
    organisation.refresh_from_db()
    assert (nashville.geoid, nashville.name, nashville.slug) == (
        "4752006",
        "Nashville-Davidson",
        "nashville-tn",
    )
    assert organisation.jurisdiction_id == nashville.pk
    assert not Jurisdiction.objects.filter(pk__in=[imported.pk, south_boston.pk]).exists()
    assert Jurisdiction.objects.get(pk=manhattan.pk).geoid is None
    assert Jurisdiction.objects.get(pk=suffolk.pk).population == 797_936
    assert sorted(Jurisdiction.objects.values_list("slug", flat=True)) == [
        "boston-ma",
        "davidson-county-tn",
        "manhattan-ny",
        "nashville-tn",
        "quincy-ma",
        "springfield-il",
        "springfield-logan-county-il",
        "suffolk-county-ma",
    ]
    assert IndicatorValue.objects.get(jurisdiction=boston).value == 290_000.0


@pytest.mark.django_db
def test_second_run_changes_nothing(shipped):
    _geonames("Boston", "MA", 653_833, "boston-ma")
    loading.load_shipped_directory()
    before = list(Jurisdiction.objects.order_by("pk").values())

    report = loading.load_shipped_directory()

    assert (report.updated, report.created, report.merged, report.removed, report.changed) == (
        0,
        0,
        0,
        0,
        False,
    )
    assert (report.indicators_created, report.indicators_updated, report.ranked) == (0, 0, 0)
    assert list(Jurisdiction.objects.order_by("pk").values()) == before


@pytest.mark.django_db
def test_percentiles_rank_places_among_places_in_nation_and_state(shipped):
    loading.load_shipped_directory()

    ranks = {
        v.jurisdiction.geoid: (v.national_percentile, v.state_percentile)
        for v in IndicatorValue.objects.select_related("jurisdiction")
    }

    assert ranks == {"2507000": (100.0, 100.0), "2555745": (0.0, 0.0), "1772000": (50.0, 50.0)}


@pytest.mark.django_db
def test_a_newer_population_is_not_replaced(shipped):
    boston = JurisdictionFactory(
        name="Boston",
        state="MA",
        slug="boston-ma",
        geoid="2507000",
        population=650_000,
        population_year=2023,
        population_source="Census 2023",
    )

    loading.load_shipped_directory()

    boston.refresh_from_db()
    assert (boston.population, boston.population_year, boston.kind) == (650_000, 2023, "city")


# The matching engine ---------------------------------------------------------------------------

names = st.sampled_from(["a", "b", "c"])
existing_entries = st.lists(
    st.builds(
        Existing,
        pk=st.integers(1, 10_000),
        state=st.sampled_from(["MA", "TX"]),
        name_keys=st.tuples(names),
        geoid=st.one_of(st.none(), st.sampled_from(["1", "2", "3", "9"])),
        population=st.one_of(st.none(), st.integers(1, 1_000)),
        has_content=st.booleans(),
    ),
    unique_by=(lambda e: e.pk, lambda e: e.geoid or f"none-{e.pk}"),
    max_size=12,
)
shipped_entries = st.lists(
    st.builds(
        Shipped,
        geoid=st.sampled_from(["1", "2", "3", "4", "5"]),
        state=st.sampled_from(["MA", "TX"]),
        name_keys=st.tuples(names),
        level=st.just("place"),
        population=st.integers(1, 1_000),
    ),
    unique_by=lambda s: s.geoid,
    max_size=5,
)


@pytest.mark.unit
@given(existing_entries, shipped_entries)
def test_every_entry_has_one_outcome_and_content_is_never_removed(existing, shipped):
    plan = plan_upgrade(existing, shipped)

    outcomes = [*plan.matched, *plan.merged, *plan.removed, *plan.left]
    content = {e.pk for e in existing if e.has_content}
    assert sorted(outcomes) == sorted(e.pk for e in existing)
    assert len(set(plan.matched.values())) == len(plan.matched)
    assert not content & (set(plan.removed) | set(plan.merged))
    assert all(kept in plan.matched for kept in plan.merged.values())


@pytest.mark.unit
@given(shipped_entries)
def test_entries_loaded_from_the_shipped_list_match_themselves(shipped):
    existing = [
        Existing(pk=i, state=s.state, name_keys=(), geoid=s.geoid, population=s.population)
        for i, s in enumerate(shipped, start=1)
    ]

    plan = plan_upgrade(existing, shipped)

    assert plan.matched == {i: s.geoid for i, s in enumerate(shipped, start=1)}
