import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citypeers.directory.importers.tables import (
    TableError,
    parse_number,
    parse_table,
    parse_whole_number,
)

pytestmark = pytest.mark.unit

HEADER = "GEOID,name,share\n"


def test_parse_table_reads_rows_with_their_lines():
    raw = (HEADER + '2507000,Boston,12.5\n\n0644000,"Los Angeles\nCA",3\n').encode()

    table = parse_table(raw, name="t.csv")

    assert table.header == ["GEOID", "name", "share"]
    assert [(row.line, list(row)) for row in table.rows] == [
        (2, ["2507000", "Boston", "12.5"]),
        (4, ["0644000", "Los Angeles\nCA", "3"]),
    ]
    assert (table.rejected, table.notes) == ([], [])


def test_parse_table_rejects_a_last_line_without_line_end_it_may_be_cut():
    raw = (HEADER + "2507000,Boston,75.0\n0644000,Los Angeles,7").encode()

    table = parse_table(raw, name="cut.csv")

    assert [list(row) for row in table.rows] == [["2507000", "Boston", "75.0"]]
    assert table.rejected == [
        ("last line has no line end: the file may be cut off (not imported)", "line 3")
    ]
    assert table.notes[0].startswith("Warning: cut.csv does not end with a line break")


def test_parse_table_rejects_rows_with_the_wrong_field_count_by_line():
    # "6100," is "61000" with its last digit turned into a delimiter: not a trailing comma.
    raw = (
        HEADER + "2507000,Boston\n0644000,Los Angeles,3,4\n1608830,Boise,6100,\n0100124,A,2\n"
    ).encode()

    table = parse_table(raw, name="t.csv")

    assert [list(row) for row in table.rows] == [["0100124", "A", "2"]]
    assert table.rejected == [
        ("wrong number of fields (not imported)", "line 2: 2 instead of 3"),
        ("wrong number of fields (not imported)", "line 3: 4 instead of 3"),
        ("wrong number of fields (not imported)", "line 4: 4 instead of 3"),
    ]


def test_parse_table_rejects_both_halves_of_a_line_broken_inside_a_value():
    raw = (HEADER + "2507000,Boston,61\n000\n0644000,Los Angeles,3\n").encode()

    table = parse_table(raw, name="t.csv")

    assert [list(row) for row in table.rows] == [["0644000", "Los Angeles", "3"]]
    assert table.rejected == [
        (
            "line broken in two: the value before the break may be cut (not imported)",
            "lines 2-3",
        )
    ]


def test_parse_table_stops_at_an_unterminated_quote():
    raw = (HEADER + '2507000,"Boston,1\n0644000,Los Angeles,2\n').encode()

    with pytest.raises(TableError) as exc:
        parse_table(raw, name="q.csv")

    assert str(exc.value) == (
        "q.csv: the quoted field that starts on line 2 is never closed, so the rest of the "
        "file would be read as one value. Nothing was imported; the file may be cut off or "
        "have a stray quote."
    )


def test_parse_table_fails_on_one_latin1_byte_and_suggests_an_encoding():
    raw = (HEADER + "3525170,Española,1\n").encode("latin-1")

    with pytest.raises(TableError) as exc:
        parse_table(raw, name="l.csv")

    assert str(exc.value) == (
        "l.csv is not UTF-8: line 2 has the byte 0xF1 ('3525170,Espa\\\\xf1ola,1'). Nothing was "
        "imported. If the file is Latin-1 (older Census files) or Windows-1252, say so with "
        "--encoding latin-1 or --encoding cp1252."
    )


def test_parse_table_with_an_explicit_encoding_keeps_accents():
    raw = (HEADER + "3525170,Española,1\n").encode("latin-1")

    table = parse_table(raw, name="l.csv", encoding="latin-1")

    assert list(table.rows[0]) == ["3525170", "Española", "1"]


def test_parse_table_refuses_duplicate_columns():
    with pytest.raises(TableError) as exc:
        parse_table(b"GEOID,share,share\n1,2,3\n", name="d.csv")

    assert str(exc.value) == (
        "d.csv has the column share more than once; a value cannot be told apart from its "
        "twin. Rename or remove the duplicate."
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            b"PK\x03\x04rest",
            "x.csv is not a text table: it looks like a ZIP archive or an Excel "
            "workbook (.xlsx): export it as CSV.",
        ),
        (
            b"GEOID,a\n1,\x00\x01\n",
            "x.csv is not a text table: line 2 holds the control "
            "character '\\x00'. Is it a binary file, or saved in another encoding "
            "(pass --encoding)?",
        ),
        (b"", "x.csv is empty."),
        (b"\n \n", "x.csv is empty."),
    ],
)
def test_parse_table_binary_or_empty_input_is_a_clear_error(raw, message):
    with pytest.raises(TableError) as exc:
        parse_table(raw, name="x.csv")

    assert str(exc.value) == message


def test_parse_table_unknown_encoding_is_a_clear_error():
    with pytest.raises(TableError) as exc:
        parse_table(b"a\n1\n", name="x.csv", encoding="klingon")

    assert str(exc.value) == "Unknown encoding 'klingon' (try utf-8, latin-1 or cp1252)."


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("75.0", 75.0),
        ("-0.25", -0.25),
        ("1,234.5", 1234.5),
        (" 12 ", 12.0),
        ("2e3", 2000.0),
        (".5", 0.5),
        ("1,2", None),
        ("1_000", None),
        ("nan", None),
        ("inf", None),
        ("٣", None),
        ("12%", None),
        ("(X)", None),
        ("", None),
    ],
)
def test_parse_number_reads_only_plain_numbers(text, value):
    assert parse_number(text) == value


def test_parse_whole_number_refuses_signs_decimals_and_other_digits():
    assert [parse_whole_number(t) for t in ("12,345", "007", "-1", "1.0", "²", "")] == [
        12345,
        7,
        None,
        None,
        None,
        None,
    ]


cells = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
    | st.sampled_from(["\n", '"', ",", "|", "\t"]),
    max_size=8,
)


def _csv(rows) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=8))
def test_parse_table_round_trips_what_csv_writes(rows):
    raw = _csv([["GEOID", "name", "share"], *rows]).encode()

    table = parse_table(raw, name="t.csv")

    kept = [r for r in rows if any(c.strip() for c in r)]
    assert [list(row) for row in table.rows] == kept
    assert table.rejected == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=6), st.data())
def test_parse_table_never_hands_on_a_cut_value(rows, data):
    full = _csv([["GEOID", "name", "share"], *rows]).encode()
    cut = data.draw(st.integers(min_value=0, max_value=len(full) - 1))
    raw = full[:cut]

    try:
        table = parse_table(raw, name="t.csv")
    except TableError:
        return
    kept = [r for r in rows if any(c.strip() for c in r)]
    # Every row handed on is one of the written rows, in order, unchanged.
    assert [list(row) for row in table.rows] == kept[: len(table.rows)]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.sampled_from([None, "latin-1", "utf-8"]))
def test_parse_table_on_any_bytes_returns_a_table_or_a_table_error(raw, encoding):
    try:
        table = parse_table(raw, name="junk.bin", encoding=encoding)
    except TableError as exc:
        assert str(exc)
    else:
        assert all(len(row) == len(table.header) for row in table.rows)
