"""Readable diffs and three-way merges of a section's Markdown, line by line.

A section is short prose: a line-level diff reads well and a merge of two edits succeeds
exactly when they changed different lines of the text both started from.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class DiffLine:
    op: str  # "same", "added" or "removed"
    text: str


@dataclass(frozen=True)
class DiffSummary:
    added: int
    removed: int

    def __str__(self) -> str:
        if not (self.added or self.removed):
            return "no change to the text"
        return f"{self.added} line(s) added, {self.removed} removed"


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """Every line of old and new in reading order, marked same, removed or added."""
    a, b = old.splitlines(), new.splitlines()
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            lines.extend(DiffLine("same", text) for text in a[i1:i2])
            continue
        lines.extend(DiffLine("removed", text) for text in a[i1:i2])
        lines.extend(DiffLine("added", text) for text in b[j1:j2])
    return lines


def summarise(old: str, new: str) -> DiffSummary:
    lines = diff_lines(old, new)
    return DiffSummary(
        added=sum(1 for line in lines if line.op == "added"),
        removed=sum(1 for line in lines if line.op == "removed"),
    )


def _changes(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    """The edits that turn base into other: (start, end, replacement) over base's lines."""
    matcher = SequenceMatcher(a=base, b=other, autojunk=False)
    return [
        (i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def _touch(first: tuple[int, int, list[str]], second: tuple[int, int, list[str]]) -> bool:
    """Two edits of base conflict when their ranges overlap or both insert at one place."""
    (a1, a2, _), (b1, b2, _) = first, second
    if a1 == a2 or b1 == b2:  # an insertion: conflicts with anything at or around its point
        return a1 <= b2 and b1 <= a2
    return a1 < b2 and b1 < a2


def merge_texts(base: str, mine: str, theirs: str) -> str | None:
    """Both edits applied to base, or None when they changed the same lines.

    `mine` and `theirs` were each made from `base`. Identical edits merge into one."""
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    base_lines = base.splitlines()
    my_edits = _changes(base_lines, mine.splitlines())
    their_edits = _changes(base_lines, theirs.splitlines())
    edits = list(their_edits)
    for mine_edit in my_edits:
        if mine_edit in their_edits:
            continue
        if any(_touch(mine_edit, theirs_edit) for theirs_edit in their_edits):
            return None
        edits.append(mine_edit)
    merged = list(base_lines)
    # Apply from the end so earlier offsets stay valid; insertions before replacements at a tie.
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        merged[start:end] = replacement
    text = "\n".join(merged)
    return text + "\n" if mine.endswith("\n") and theirs.endswith("\n") else text
