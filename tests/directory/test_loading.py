"""The shipped directory (package data) loaded into the test database: the bars it must meet."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Q

from citypeers.directory.enums import CensusLevel, GovernmentType
from citypeers.directory.models import IndicatorValue, Jurisdiction
from citypeers.directory.setup import setup_site

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PEP = "U.S. Census Bureau, Population Estimates Program, Vintage 2021"
UNCONFIRMED = [GovernmentType.PLACE, GovernmentType.CDP, GovernmentType.OTHER, ""]


def test_setup_site_loads_the_shipped_census_directory_and_a_second_run_changes_nothing(db):
    first = io.StringIO()

    setup_site(first)

    total = Jurisdiction.objects.count()
    assert total >= 28_000
    assert Jurisdiction.objects.filter(Q(geoid=None) | Q(geoid="")).count() == 0
    assert Jurisdiction.objects.filter(kind__in=UNCONFIRMED).count() == 0
    assert Jurisdiction.objects.filter(census_level="").count() == 0
    assert (
        Jurisdiction.objects.filter(
            Q(name="Manhattan", state="NY") | Q(name="Boston Seaport", state="MA")
        ).count()
        == 0
    )
    assert Jurisdiction.objects.filter(legal_type="CDP").count() == 0
    assert (
        Jurisdiction.objects.filter(
            Q(population=None) | Q(population_year=None) | Q(population_source="")
        ).count()
        == 0
    )
    with_context = (
        IndicatorValue.objects.exclude(jurisdiction__census_level=CensusLevel.COUNTY)
        .values("jurisdiction")
        .distinct()
        .count()
    )
    assert with_context >= 25_000
    assert IndicatorValue.objects.filter(Q(source="") | Q(national_percentile=None)).count() == 0

    boston = Jurisdiction.objects.get(slug="boston-ma")
    assert (boston.name, boston.geoid, boston.kind, boston.legal_type) == (
        "Boston",
        "2507000",
        GovernmentType.CITY,
        "city",
    )
    assert (boston.population, boston.population_year, boston.population_source) == (
        654_776,
        2021,
        PEP,
    )
    assert boston.indicator_values.get(indicator__code="median_household_income").source == (
        "U.S. Census Bureau, ACS 2019\u20132023 5-year"
    )
    bethel = Jurisdiction.objects.get(state="CT", name="Bethel")
    assert (len(bethel.geoid), bethel.kind, bethel.census_level) == (
        10,
        GovernmentType.TOWN,
        CensusLevel.COUNTY_SUBDIVISION,
    )
    indianapolis = Jurisdiction.objects.get(geoid="1836003")
    marion = Jurisdiction.objects.get(geoid="18097")
    assert (indianapolis.name, indianapolis.kind, indianapolis.population) == (
        "Indianapolis",
        GovernmentType.CONSOLIDATED,
        891_342,
    )
    assert (marion.name, marion.kind, indianapolis.county_fips) == (
        "Marion County",
        GovernmentType.COUNTY,
        "18097",
    )
    assert Jurisdiction.objects.get(geoid="4752006").name == "Nashville-Davidson"

    second = io.StringIO()
    call_command("load_directory", stdout=second)

    assert Jurisdiction.objects.count() == total
    assert f"matched {total:,} existing entries (0 updated), created 0, merged 0, removed 0" in (
        second.getvalue()
    )
    assert "indicators: 0 values created, 0 updated, 0 ranked" in second.getvalue()
