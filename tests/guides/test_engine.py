"""The pure guide engines: diffs, three-way merges, review readiness and edition numbers."""

from hypothesis import assume, given
from hypothesis import strategies as st

from citypeers.guides.engine.review import Review, ReviewRules, next_edition_number, readiness
from citypeers.guides.engine.text import diff_lines, merge_texts, summarise

LINE = st.text(alphabet="abcxyz ", min_size=1, max_size=6)
LINES = st.lists(LINE, min_size=0, max_size=8)


def text(lines: list[str]) -> str:
    return "\n".join(lines)


def test_diff_marks_each_line():
    lines = diff_lines("a\nb\nc", "a\nB\nc\nd")
    assert [(line.op, line.text) for line in lines] == [
        ("same", "a"),
        ("removed", "b"),
        ("added", "B"),
        ("same", "c"),
        ("added", "d"),
    ]
    assert str(summarise("a\nb", "a\nc\nd")) == "2 line(s) added, 1 removed"
    assert str(summarise("a", "a")) == "no change to the text"


@given(LINES, LINES)
def test_the_diff_rebuilds_both_texts(old, new):
    lines = diff_lines(text(old), text(new))
    assert [x.text for x in lines if x.op != "added"] == text(old).splitlines()
    assert [x.text for x in lines if x.op != "removed"] == text(new).splitlines()


def test_edits_of_different_lines_merge():
    base = "one\ntwo\nthree\nfour"
    mine = "ONE\ntwo\nthree\nfour"
    theirs = "one\ntwo\nthree\nFOUR"
    assert merge_texts(base, mine, theirs) == "ONE\ntwo\nthree\nFOUR"


def test_edits_of_the_same_line_conflict():
    assert merge_texts("one\ntwo", "one\nTWO", "one\n2") is None


def test_insertions_at_one_place_conflict_but_identical_edits_merge():
    assert merge_texts("a\nb", "a\nx\nb", "a\ny\nb") is None
    assert merge_texts("a\nb", "a\nx\nb", "a\nx\nb") == "a\nx\nb"


@given(LINES, LINES)
def test_an_unchanged_side_takes_the_other(base, other):
    assert merge_texts(text(base), text(base), text(other)) == text(other)
    assert merge_texts(text(base), text(other), text(base)) == text(other)


@given(st.lists(LINE, min_size=4, max_size=8, unique=True), LINE, LINE)
def test_far_apart_replacements_keep_both(base, first, last):
    # Prose rarely repeats a line; with repeats a line diff is ambiguous and may refuse.
    assume(first not in base and last not in base)
    mine = [first, *base[1:]]
    theirs = [*base[:-1], last]
    merged = merge_texts(text(base), text(mine), text(theirs))
    assert merged is not None
    assert merged.splitlines() == [first, *base[1:-1], last]


def _review(pk, decision="approved", outside=False, name=None):
    return Review(pk, name or f"R{pk}", decision, outside)


def test_ready_with_two_approvals_one_from_outside():
    result = readiness(
        ReviewRules(2, True),
        [_review(1), _review(2, outside=True)],
        author_ids=frozenset({9}),
        publisher_id=9,
        open_comments=0,
    )
    assert (result.ready, result.counted_approvals) == (True, 2)


def test_missing_approvals_are_named():
    result = readiness(
        ReviewRules(2, True),
        [_review(1), _review(2, "changes_requested", name="Dana"), _review(3, "pending")],
        author_ids=frozenset(),
        publisher_id=9,
        open_comments=2,
    )
    assert result.missing == (
        "1 more reviewer approval (the guide needs 2, it has 1).",
        "An approval from a reviewer outside the consortium.",
        "Changes requested by Dana must be answered.",
        "2 unresolved review comments.",
    )


def test_an_author_or_the_publisher_cannot_count_as_a_reviewer():
    result = readiness(
        ReviewRules(1, False),
        [_review(1), _review(2)],
        author_ids=frozenset({1}),
        publisher_id=2,
        open_comments=0,
    )
    assert result.counted_approvals == 0
    assert result.missing == (
        "1 more reviewer approval (the guide needs 1, it has 0).",
        "You approved this edition as a reviewer: someone else in the consortium must publish it.",
    )


@given(st.lists(st.tuples(st.integers(1, 9), st.integers(0, 9)), max_size=5), st.booleans())
def test_edition_numbers_only_grow(published, major):
    number = next_edition_number(published, major=major)
    assert all(number > n for n in published)
    if not published:
        assert number == (1, 0)
    elif major:
        assert number == (max(published)[0] + 1, 0)
    else:
        assert number == (max(published)[0], max(published)[1] + 1)
