"""CSV exports: text a spreadsheet would run as a formula stays text; numbers stay numbers."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citypeers.core.spreadsheet import FORMULA_STARTS, csv_dict_writer, csv_writer, safe_cell

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src" / "citypeers"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x.example","Click")', '\'=HYPERLINK("http://x.example","Click")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Plain title", "Plain title"),
        ("", ""),
        ("-97.5", "-97.5"),
        ("+1.5e3", "+1.5e3"),
        (-97.5, -97.5),
        (-3, -3),
        (Decimal("-0.125"), Decimal("-0.125")),
        (None, None),
        (True, True),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


@given(st.text())
def test_safe_text_never_starts_a_formula_and_keeps_the_text(text):
    cell = safe_cell(text)

    if cell == text:
        assert not text.startswith(FORMULA_STARTS) or re.fullmatch(r"[+-]?[\d.eE+-]+", text)
    else:
        assert cell == "'" + text


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.decimals(allow_nan=False)))
def test_numbers_are_never_changed(number):
    assert safe_cell(number) is number


def test_writers_escape_every_cell():
    buffer = io.StringIO()
    csv_writer(buffer).writerow(["=1+1", -4, "-4"])
    dict_writer = csv_dict_writer(buffer, ["a", "b"])
    dict_writer.writerow({"a": "@x", "b": -1.5})

    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [
        ["'=1+1", "-4", "-4"],
        ["'@x", "-1.5"],
    ]


def test_every_csv_export_writes_through_the_core_helper():
    raw = sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if re.search(r"csv\.(writer|DictWriter)\(", path.read_text())
    )

    assert raw == ["core/spreadsheet.py"]
