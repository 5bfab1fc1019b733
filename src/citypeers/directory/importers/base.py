"""What every importer shares: reading files, the progress bar, the report, dry runs."""

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from citypeers.directory.importers.tables import Row, TableError, parse_table

EXAMPLES_PER_REASON = 3


class ImportFileError(Exception):
    """The file cannot be imported at all (missing, empty, wrong columns)."""


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would have done)."""

    title: str
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    rejected: Counter = field(default_factory=Counter)
    ambiguous: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def reject(self, reason: str, example: str = "") -> None:
        self.rejected[reason] += 1
        self._example(reason, example)

    def skip(self, reason: str, example: str = "") -> None:
        self.skipped[reason] += 1
        self._example(reason, example)

    def _example(self, reason: str, example: str) -> None:
        if example and len(self.examples.setdefault(reason, [])) < EXAMPLES_PER_REASON:
            self.examples[reason].append(example)

    @property
    def changed(self) -> int:
        return self.created + self.updated

    def lines(self) -> list[str]:
        heading = f"{self.title}{' (dry run: nothing was saved)' if self.dry_run else ''}"
        out = [
            heading,
            f"  rows read:  {self.rows:,}",
            f"  created:    {self.created:,}",
            f"  updated:    {self.updated:,}",
            f"  unchanged:  {self.unchanged:,}",
            f"  ambiguous:  {len(self.ambiguous):,}",
            f"  skipped:    {sum(self.skipped.values()):,}",
            f"  rejected:   {sum(self.rejected.values()):,}",
        ]
        for label, counter in (("Skipped", self.skipped), ("Rejected", self.rejected)):
            if counter:
                out.append(f"{label}, by reason:")
                for reason, count in counter.most_common():
                    examples = "; ".join(self.examples.get(reason, []))
                    out.append(
                        f"  {count:>7,}  {reason}" + (f" (e.g. {examples})" if examples else "")
                    )
        if self.ambiguous:
            out.append("Ambiguous (not guessed; resolve by hand or add a GEOID):")
            out.extend(f"  {line}" for line in self.ambiguous[:50])
            if len(self.ambiguous) > 50:
                out.append(f"  … and {len(self.ambiguous) - 50:,} more")
        out.extend(self.notes)
        return out


class Progress:
    """A progress bar on stderr: redrawn in place on a terminal, a line every N rows otherwise."""

    def __init__(self, total: int, *, label: str, stream=None, every: int = 2000):
        self.total = max(total, 1)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.every = max(every, 1)
        self.done = 0
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def advance(self, count: int = 1) -> None:
        before = self.done // self.every
        self.done += count
        if self.done // self.every != before or self.done >= self.total:
            self._draw()

    def _draw(self) -> None:
        share = min(self.done / self.total, 1.0)
        bar = "#" * int(share * 30)
        text = f"{self.label} [{bar:<30}] {self.done:,}/{self.total:,} ({share:.0%})"
        if self.tty:
            self.stream.write("\r" + text + ("\n" if self.done >= self.total else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()


class _DryRunRollback(Exception):
    pass


@contextmanager
def atomic_import(dry_run: bool) -> Iterator[None]:
    """All or nothing; a dry run does all the work, then rolls it back."""
    try:
        with transaction.atomic():
            yield
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass


def read_table(
    path: Path | str, *, report: ImportReport, encoding: str | None = None
) -> tuple[list[str], list[Row]]:
    """Header and complete rows of a comma-, pipe- or tab-separated file (see `tables.py`).

    Strict UTF-8 unless `encoding` is given. Rows the importer cannot be sure of (wrong field
    count, a last line cut off) go to `report` as rejected, with their line.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    try:
        table = parse_table(raw, name=Path(path).name, encoding=encoding)
    except TableError as exc:
        raise ImportFileError(str(exc)) from None
    for reason, example in table.rejected:
        report.rows += 1
        report.reject(reason, example)
    report.notes.extend(table.notes)
    return table.header, table.rows


def require_columns(header: list[str], required: list[str], path) -> dict[str, int]:
    positions = {name: i for i, name in enumerate(header)}
    missing = [name for name in required if name not in positions]
    if missing:
        raise ImportFileError(
            f"{Path(path).name} has no column {', '.join(missing)} "
            f"(found: {', '.join(header[:12])}{'…' if len(header) > 12 else ''})."
        )
    return positions


def cell_getter(positions: dict[str, int]) -> Callable[[list[str], str], str]:
    def get(row: list[str], name: str) -> str:
        index = positions.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    return get
