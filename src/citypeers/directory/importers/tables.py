"""Reading a delimited file into rows the importers can trust. Pure: bytes in, a `Table` out.

Nothing is guessed. The text is decoded strictly (UTF-8 unless the caller names another
encoding), binary files and broken quoting stop the import with a message, and a row is
handed on only when it has exactly the header's fields and ends with a line end (a last
line without one may have been cut off mid-value, so it is rejected, not trusted).
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

# Census rows are short; a field this long means a lost closing quote swallowed the file.
FIELD_LIMIT = 1_000_000
# Control characters never found in a text table (tab, CR and LF excluded).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NUMBER = re.compile(
    r"[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d*)?(?:[eE][+-]?\d+)?|[+-]?\.\d+", re.ASCII
)
WHOLE_NUMBER = re.compile(r"\d+|\d{1,3}(?:,\d{3})+", re.ASCII)
MAGIC = {
    b"PK\x03\x04": "a ZIP archive or an Excel workbook (.xlsx): export it as CSV",
    b"\x1f\x8b": "a gzip-compressed file: decompress it first",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls): export it as CSV",
    b"%PDF": "a PDF document",
}


class TableError(Exception):
    """The file cannot be read as a table at all; the message says why and what to do."""


class Row(list):
    """The cells of one record, with the file line it starts on."""

    __slots__ = ("line",)

    def __init__(self, cells, line: int):
        super().__init__(cells)
        self.line = line


@dataclass
class Table:
    header: list[str]
    rows: list[Row]
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (reason, example)
    notes: list[str] = field(default_factory=list)


def parse_number(text: str) -> float | None:
    """A plain decimal number ("1,234.5", "-0.3", "2e3"), else None: never a partial reading."""
    text = text.strip()
    if not NUMBER.fullmatch(text):
        return None
    value = float(text.replace(",", ""))
    return value if value == value and abs(value) != float("inf") else None


def parse_whole_number(text: str) -> int | None:
    """ "12,345" → 12345; anything else (signs, decimals, other scripts' digits) → None."""
    text = text.strip()
    return int(text.replace(",", "")) if WHOLE_NUMBER.fullmatch(text) else None


def ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def decode(raw: bytes, *, name: str, encoding: str | None = None) -> str:
    """The file's text, decoded strictly; a message with the line and a fix when it fails."""
    for magic, what in MAGIC.items():
        if raw.startswith(magic):
            raise TableError(f"{name} is not a text table: it looks like {what}.")
    if encoding is None:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        else:
            encoding = "utf-8-sig"
        chosen = False
    else:
        chosen = True
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise TableError(
                f"Unknown encoding {encoding!r} (try utf-8, latin-1 or cp1252)."
            ) from None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        context = raw[start : exc.start + 12].split(b"\n", 1)[0]
        shown = context.decode(encoding, errors="backslashreplace")
        byte = raw[exc.start : exc.start + 1].hex().upper()
        if chosen:
            raise TableError(
                f"{name} is not valid {encoding}: line {line} has the byte 0x{byte} ({shown!r})."
            ) from None
        raise TableError(
            f"{name} is not UTF-8: line {line} has the byte 0x{byte} ({shown!r}). Nothing was "
            "imported. If the file is Latin-1 (older Census files) or Windows-1252, say so "
            "with --encoding latin-1 or --encoding cp1252."
        ) from None
    bad = CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise TableError(
            f"{name} is not a text table: line {line} holds the control character "
            f"{bad.group()!r}. Is it a binary file, or saved in another encoding "
            "(pass --encoding)?"
        )
    return text


def parse_table(raw: bytes, *, name: str, encoding: str | None = None) -> Table:
    """Header and complete rows of a comma-, pipe- or tab-separated file.

    Rows with the wrong number of fields, and a last line without a line end, are rejected
    with their line; blank lines are ignored. Raises TableError for what cannot be read.
    """
    text = decode(raw, name=name, encoding=encoding)
    if not text.strip():
        raise TableError(f"{name} is empty.")
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max(",|\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    limit = csv.field_size_limit()
    csv.field_size_limit(FIELD_LIMIT)
    try:
        records = _records(reader, name)
    finally:
        csv.field_size_limit(limit)
    header = records[0][1]
    header = [column.strip() for column in header]
    _check_header(header, name)
    table = Table(header=header, rows=[])
    complete = text.rstrip(" \t").endswith(("\n", "\r"))
    last = len(records) - 1
    for i, (line, cells) in enumerate(records[1:], start=1):
        if i == last and not complete:
            table.rejected.append(
                (
                    "last line has no line end: the file may be cut off (not imported)",
                    f"line {line}",
                )
            )
            table.notes.append(
                f"Warning: {name} does not end with a line break, so its last line (line "
                f"{line}) may be cut off and was not imported. If the file is complete, add "
                "a line break at its end and import it again."
            )
            continue
        if len(cells) != len(header):
            previous = table.rows[-1] if table.rows else None
            if len(cells) == 1 < len(header) and previous and previous.line == line - 1:
                # A line break inside the last value leaves a whole-looking row ("…,61") and
                # a one-field line ("000"): neither can be trusted.
                table.rows.pop()
                table.rejected.append(
                    (
                        "line broken in two: the value before the break may be cut (not imported)",
                        f"lines {line - 1}-{line}",
                    )
                )
                continue
            table.rejected.append(
                (
                    "wrong number of fields (not imported)",
                    f"line {line}: {len(cells)} instead of {len(header)}",
                )
            )
            continue
        table.rows.append(Row(cells, line))
    return table


def _records(reader, name: str) -> list[tuple[int, list[str]]]:
    records = []
    line = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        reason = str(exc)
        if "end of data" in reason or "field larger" in reason:
            raise TableError(
                f"{name}: the quoted field that starts on line {line} is never closed, so the "
                "rest of the file would be read as one value. Nothing was imported; the file "
                "may be cut off or have a stray quote."
            ) from None
        raise TableError(f"{name}: line {line} is not valid CSV ({reason}).") from None
    if not records:
        raise TableError(f"{name} is empty.")
    return records


def _check_header(header: list[str], name: str) -> None:
    seen: dict[str, int] = {}
    duplicates = []
    for column in header:
        if column and column in seen and column not in duplicates:
            duplicates.append(column)
        seen[column] = 1
    if duplicates:
        raise TableError(
            f"{name} has the column {', '.join(duplicates)} more than once; a value cannot be "
            "told apart from its twin. Rename or remove the duplicate."
        )
