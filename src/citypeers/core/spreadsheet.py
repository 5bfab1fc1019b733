"""CSV for people who open it in a spreadsheet: text that would run as a formula stays text.

A spreadsheet treats a cell starting with `=`, `+`, `-` or `@` (and, in some, a tab or carriage
return before one) as a formula, so a solution titled `=HYPERLINK("http://…","Click")` would
become a live link, or worse, in the file an organiser downloads. Such text gets a leading `'`,
which spreadsheets show as text and hide. Numbers are not text: `-97.5` stays a number whether it
arrives as a float, a Decimal or a string that is exactly a number. Every CSV export writes
through `csv_writer` or `csv_dict_writer`.
"""

import csv
import re
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value):
    """The value, or for text a spreadsheet would run as a formula, the text behind a `'`."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text):
        return "'" + text
    return value


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class _SafeDictWriter:
    def __init__(self, writer):
        self._writer = writer

    def writeheader(self):
        return self._writer.writeheader()

    def writerow(self, row: dict):
        return self._writer.writerow({k: safe_cell(v) for k, v in row.items()})

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(buffer, **options) -> _SafeWriter:
    return _SafeWriter(csv.writer(buffer, **options))


def csv_dict_writer(buffer, fieldnames, **options) -> _SafeDictWriter:
    return _SafeDictWriter(csv.DictWriter(buffer, fieldnames=fieldnames, **options))
