"""Context figures: the selector, the panel and the API's `indicators`."""

import pytest
from django.template.loader import render_to_string

from citypeers.directory.selectors.context import by_theme, context_for
from tests.factories.directory import (
    IndicatorFactory,
    IndicatorValueFactory,
    JurisdictionFactory,
)

pytestmark = pytest.mark.integration

ACS = "U.S. Census Bureau, ACS 2019\u20132023 5-year"


@pytest.fixture
def boston(db):
    city = JurisdictionFactory(
        name="Boston", state="MA", slug="boston-ma", geoid="2507000", census_level="place"
    )
    income = IndicatorFactory(
        code="median_household_income",
        label="Median household income (250,000 means $250,000 or more)",
        unit="dollars",
        theme="economy",
    )
    units = IndicatorFactory(
        code="housing_units", label="Housing units", unit="housing units", theme="size"
    )
    built = IndicatorFactory(
        code="median_year_built",
        label="Median year built (1939 means 1939 or earlier)",
        unit="year",
        theme="housing",
    )
    IndicatorValueFactory(
        jurisdiction=city, indicator=income, year=2019, value=71_000, source="older"
    )
    IndicatorValueFactory(
        jurisdiction=city,
        indicator=income,
        year=2023,
        value=250_000,
        source=ACS,
        national_percentile=99.5,
        state_percentile=98.0,
    )
    IndicatorValueFactory(
        jurisdiction=city,
        indicator=units,
        year=2023,
        value=290_123,
        source=ACS,
        national_percentile=100.0,
        state_percentile=100.0,
    )
    IndicatorValueFactory(
        jurisdiction=city,
        indicator=built,
        year=2023,
        value=1939,
        source=ACS,
        national_percentile=None,
        state_percentile=None,
    )
    return city


def test_context_for_gives_the_latest_value_of_each_indicator_by_theme_in_one_query(
    boston, django_assert_num_queries
):
    with django_assert_num_queries(1):
        figures = context_for(boston)

    assert [(f.theme, f.code, f.year, f.display, f.national_percentile) for f in figures] == [
        ("size", "housing_units", 2023, "290,123", 100.0),
        ("economy", "median_household_income", 2023, "$250,000 or more", 99.5),
        ("housing", "median_year_built", 2023, "1939 or earlier", None),
    ]
    assert [f.unit_note for f in figures] == ["housing units", "", ""]
    assert figures[1].short_label == "Median household income"
    assert {f.source for f in figures} == {ACS}
    assert figures[0].compared_with == "places and towns"


def test_context_panel_shows_value_source_vintage_and_percentile_bars(boston):
    html = render_to_string(
        "directory/_context_panel.html", {"themes": by_theme(context_for(boston))}
    )

    assert "$250,000 or more" in html
    assert f"2023, {ACS}" in html
    assert "Higher than 100% of places and towns in the nation, 98% in MA." in html
    assert '<rect x="0" y="1" width="99.5" height="5" fill="#1a4480"></rect>' in html
    assert html.count("<svg") == 2  # no bar without a percentile


def test_context_panel_is_empty_without_figures(db):
    assert render_to_string("directory/_context_panel.html", {"themes": []}).strip() == ""


def test_jurisdiction_api_lists_indicators_with_year_source_and_percentiles(client, boston):
    response = client.get("/api/v1/jurisdictions/2507000")

    assert response.status_code == 200
    assert response.json()["indicators"][:2] == [
        {
            "code": "housing_units",
            "label": "Housing units",
            "unit": "housing units",
            "theme": "size",
            "value": 290123.0,
            "year": 2023,
            "source": ACS,
            "national_percentile": 100.0,
            "state_percentile": 100.0,
        },
        {
            "code": "median_household_income",
            "label": "Median household income (250,000 means $250,000 or more)",
            "unit": "dollars",
            "theme": "economy",
            "value": 250000.0,
            "year": 2023,
            "source": ACS,
            "national_percentile": 99.5,
            "state_percentile": 98.0,
        },
    ]


def test_profile_page_shows_the_context_panel(client, boston):
    response = client.get("/directory/boston-ma/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="context-heading" class="font-heading-md">Context</h2>' in html
    assert "Higher than 100% of places and towns in the nation, 100% in MA." in html


@pytest.mark.parametrize("count", [1, 12])
def test_jurisdiction_api_query_count_does_not_grow_with_indicators(
    client, db, django_assert_num_queries, count
):
    city = JurisdictionFactory(geoid="2507000", slug="boston-ma")
    for _ in range(count):
        IndicatorValueFactory(jurisdiction=city)

    with django_assert_num_queries(8):
        response = client.get("/api/v1/jurisdictions/2507000")

    assert len(response.json()["indicators"]) == count
