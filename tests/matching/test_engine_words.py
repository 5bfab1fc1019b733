"""How peer explanations and comparison tables write figures: each unit as a reader expects."""

from hypothesis import given
from hypothesis import strategies as st

from citypeers.matching.engine import format_number, format_value


def test_a_year_is_never_written_with_a_thousands_separator():
    assert format_number(1947.0, "year") == "1947"
    assert format_value(1947.0, "year") == "1947"


def test_percentages_keep_what_they_are_a_share_of():
    assert format_value(12.345, "% of people") == "12.3% of people"
    assert format_value(4.0, "%") == "4.0%"
    assert format_number(12.345, "% of people 25+") == "12.3"


def test_money_is_in_dollars_with_its_period():
    assert format_value(1234.4, "dollars a month") == "$1,234 a month"
    assert format_value(72500.0, "dollars") == "$72,500"
    assert format_number(72500.0, "dollars") == "$72,500"


def test_counts_and_other_units():
    assert format_value(3120.0, "people per sq mi") == "3,120 people per sq mi"
    assert format_value(650000.0, "people") == "650,000"
    assert format_value(12.34, "sq mi") == "12.3 sq mi"
    assert format_number(12.345, "sq mi") == "12.35"


def test_missing_and_category_values_pass_through():
    assert format_value(None, "year") == "—"
    assert format_number(None, "") == "—"
    assert format_value("county", "") == "county"


@given(st.integers(min_value=1700, max_value=2100))
def test_any_year_reads_as_four_digits(year):
    assert format_number(float(year), "year") == str(year)
    assert format_value(float(year), "year") == str(year)


@given(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.sampled_from(
        ["", "people", "sq mi", "% of people", "dollars", "dollars a month", "year", "households"]
    ),
)
def test_every_figure_is_written_without_raising(value, unit):
    assert format_value(value, unit)
    assert format_number(value, unit)


def test_the_table_filter_writes_the_figure_for_its_unit():
    from django.template import Context, Template

    template = Template("{% load figures %}{{ v|figure:'year' }} {{ w|figure:u }} {{ n|figure }}")
    rendered = template.render(Context({"v": 1947.0, "w": 250.5, "u": "dollars", "n": None}))
    assert rendered == "1947 $250 —"
