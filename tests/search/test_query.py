import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citypeers.search.query import (
    MAX_TERMS,
    ParsedQuery,
    Term,
    parse_query,
    to_fts5,
    to_tsquery,
)

pytestmark = pytest.mark.unit

FTS_METACHARACTERS = [
    'water"',
    "AND",
    "NEAR(",
    "*",
    "col:x",
    "OR",
    "NOT",
    '"',
    "(",
    ")",
    "^x",
    "-",
    "title:heat",
    "a AND (b",
    '""',
    "NEAR(a b, 3)",
    "'",
    "\x00",
    "+",
    "{}",
]


@pytest.fixture(scope="module")
def fts():
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    connection.execute("INSERT INTO t VALUES ('Water for all', 'Street trees cool the city')")
    yield connection
    connection.close()


def _match(fts, raw):
    query = parse_query(raw)
    if query.is_empty:
        return []
    return fts.execute("SELECT rowid FROM t WHERE t MATCH ?", [to_fts5(query)]).fetchall()


def test_parse_query_words_are_anded():
    assert parse_query("Water Trees") == ParsedQuery(
        clauses=((Term(("water",)), Term(("trees",), prefix=True)),)
    )


def test_parse_query_quotes_make_a_phrase():
    assert parse_query('"street trees" cool') == ParsedQuery(
        clauses=((Term(("street", "trees")), Term(("cool",), prefix=True)),)
    )


def test_parse_query_or_splits_clauses():
    assert to_fts5(parse_query("heat or water")) == '("heat") OR ("water" *)'


def test_parse_query_minus_excludes():
    assert to_fts5(parse_query("heat -water")) == '(("heat") NOT "water")'


def test_parse_query_only_exclusions_is_empty():
    assert parse_query("-water -heat").is_empty is True


def test_parse_query_metacharacters_become_plain_words():
    assert to_fts5(parse_query('water" NEAR( col:x *')) == '("water" AND "near" AND "col x")'


def test_parse_query_limits_terms():
    query = parse_query(" ".join(f"w{i}" for i in range(40)))
    assert len(query.clauses[0]) == MAX_TERMS


def test_to_tsquery_renders_the_same_query():
    assert to_tsquery(parse_query('"street trees" -water or heat')) == (
        "(('street' <-> 'trees') & !'water') | ('heat':*)"
    )


def test_the_last_bare_word_is_a_prefix_unless_quoted_negated_or_one_letter():
    assert [
        [t.prefix for clause in parse_query(raw).clauses for t in clause]
        for raw in ("hous", "land tru", '"land trust"', "heat -wat", "heat a", "tree or hou")
    ] == [[True], [False, True], [False], [False, False], [False, False], [False, True]]


def test_fts5_prefix_finds_longer_words(fts):
    assert [_match(fts, raw) for raw in ("stre", "coo", "wat", '"stre"', "s")] == [
        [(1,)],
        [(1,)],
        [(1,)],
        [],
        [],
    ]


@pytest.mark.parametrize("raw", FTS_METACHARACTERS)
def test_fts5_metacharacters_never_raise(fts, raw):
    assert isinstance(_match(fts, raw), list)


def test_fts5_match_finds_stemmed_words(fts):
    assert _match(fts, "tree cooling") == [(1,)]


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_fts5_any_text_never_raises(fts, raw):
    assert isinstance(_match(fts, raw), list)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*FTS_METACHARACTERS, "water", "heat", "-", "or"]), max_size=8))
def test_fts5_metacharacter_mixes_never_raise(fts, parts):
    assert isinstance(_match(fts, " ".join(parts)), list)


@given(st.text())
def test_parse_query_words_are_alphanumeric(raw):
    assert all(w.isalnum() for w in parse_query(raw).words)
