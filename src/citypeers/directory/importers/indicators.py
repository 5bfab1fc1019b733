"""`import indicators`: any wide CSV of numeric columns keyed by GEOID.

Each numeric cell becomes an IndicatorValue (indicator, year, source) for the directory entry
with that GEOID. data.census.gov downloads work as they are: `GEO_ID` values such as
`1600000US1608830` are cut to the GEOID after "US", the second (descriptive) header row becomes
the indicators' labels, and annotation cells ("-", "(X)", "N", "*****"…) are skipped and
counted, as are text columns such as NAME.
"""

import math
import re
from collections import Counter
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from citypeers.directory.bulk import insert_many, update_many
from citypeers.directory.importers.base import (
    ImportFileError,
    ImportReport,
    Progress,
    atomic_import,
    read_table,
    require_columns,
)
from citypeers.directory.models import Indicator, IndicatorValue, Jurisdiction
from citypeers.directory.signals import bulk_changed

YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
GEOID_PATTERN = re.compile(r"^\d{5}$|^\d{7}$|^\d{10}$")
NAME_COLUMNS = {"name", "geographic area name", "geography"}


def normalise_geoid(raw: str) -> str:
    """ "0644000" from "1600000US0644000", "0644000" or a spreadsheet-mangled "644000"."""
    text = raw.strip()
    if "US" in text:
        text = text.split("US", 1)[1]
    if text.isdigit() and len(text) in (4, 6, 9):
        # Leading zero lost by a spreadsheet: counties are 5, places 7, subdivisions 10.
        text = "0" + text
    return text


def _number(cell: str) -> float | None:
    text = cell.strip().replace(",", "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def import_indicators(
    *,
    path: Path | str,
    key: str = "GEOID",
    source: str = "",
    year: int | None = None,
    theme: str = "",
    dry_run: bool = False,
    progress_stream=None,
    progress_every: int = 2000,
) -> ImportReport:
    """Store every numeric cell as a value of its column's indicator for that year and source.

    Creates indicators that do not exist yet (code = slug of the column name). Re-importing
    the same file changes nothing. Atomic; a dry run saves nothing.
    """
    header, table = read_table(path)
    positions = require_columns(header, [key], path)
    key_index = positions[key]
    name = Path(path).name
    if year is None:
        match = YEAR_IN_NAME.search(name)
        if match is None:
            raise ImportFileError(f"Cannot tell the year of {name}: pass --year.")
        year = int(match.group(1))
    source = source or name
    report = ImportReport(title=f"Indicators from {name} ({source}, {year})", dry_run=dry_run)
    labels = {}
    if table and not GEOID_PATTERN.match(normalise_geoid(table[0][key_index])):
        # data.census.gov puts a descriptive header in the second row.
        labels = dict(zip(header, table[0], strict=False))
        table = table[1:]
    columns = _numeric_columns(header, table, key_index, report)
    if not columns:
        raise ImportFileError(f"{name} has no numeric columns besides {key}.")
    progress = Progress(
        len(table), label="indicators", stream=progress_stream, every=progress_every
    )
    with atomic_import(dry_run):
        indicators = _indicators(columns, labels, source=source, theme=theme, report=report)
        _import_values(table, key_index, columns, indicators, year, source, report, progress)
        transaction.on_commit(
            lambda: bulk_changed.send(IndicatorValue, directory=False, indicators=True)
        )
    return report


def _numeric_columns(header, table, key_index, report) -> list[tuple[int, str]]:
    columns = []
    for index, column in enumerate(header):
        if index == key_index or not column:
            continue
        cells = [row[index] for row in table if index < len(row)]
        if column.strip().lower() in NAME_COLUMNS or not any(_number(c) is not None for c in cells):
            report.skip("text column (not an indicator)", column)
            continue
        columns.append((index, column))
    return columns


def _indicators(columns, labels, *, source, theme, report) -> dict[str, Indicator]:
    codes = {column: slugify(column)[:80] or f"column-{index}" for index, column in columns}
    existing = {i.code: i for i in Indicator.objects.filter(code__in=codes.values())}
    indicators = {}
    for _, column in columns:
        code = codes[column]
        indicator = existing.get(code)
        if indicator is None:
            indicator = Indicator(
                code=code,
                label=(labels.get(column) or column)[:200],
                theme=theme[:40],
                source=source[:200],
            )
            indicator.full_clean()
            indicator.save()
            existing[code] = indicator
            report.notes.append(f"New indicator: {code} ({indicator.label})")
        indicators[column] = indicator
    return indicators


def _import_values(table, key_index, columns, indicators, year, source, report, progress):
    by_geoid = dict(Jurisdiction.objects.exclude(geoid=None).values_list("geoid", "id"))
    indicator_ids = [i.pk for i in indicators.values()]
    existing = {
        (v.jurisdiction_id, v.indicator_id): v
        for v in IndicatorValue.objects.filter(indicator_id__in=indicator_ids, year=year)
    }
    annotations: Counter = Counter()
    to_create, to_update, seen = [], [], set()
    for line, row in enumerate(table, start=2):
        report.rows += 1
        progress.advance()
        raw_key = row[key_index] if key_index < len(row) else ""
        geoid = normalise_geoid(raw_key)
        jurisdiction_id = by_geoid.get(geoid)
        if jurisdiction_id is None:
            report.reject("no directory entry with this GEOID", f"line {line}: {raw_key!r}")
            continue
        if jurisdiction_id in seen:
            report.reject("duplicate GEOID in the file", f"line {line}: {geoid}")
            continue
        seen.add(jurisdiction_id)
        for index, column in columns:
            cell = row[index] if index < len(row) else ""
            value = _number(cell)
            if value is None:
                annotations[cell.strip() or "(empty)"] += 1
                report.skip("non-numeric cell skipped", f"{column} line {line}: {cell.strip()!r}")
                continue
            indicator = indicators[column]
            current = existing.get((jurisdiction_id, indicator.pk))
            if current is None:
                to_create.append(
                    IndicatorValue(
                        jurisdiction_id=jurisdiction_id,
                        indicator=indicator,
                        year=year,
                        value=value,
                        source=source[:200],
                    )
                )
                report.created += 1
            elif current.value != value or current.source != source[:200]:
                current.value, current.source = value, source[:200]
                to_update.append((current, ("value", "source")))
                report.updated += 1
            else:
                report.unchanged += 1
    insert_many(IndicatorValue, to_create)
    update_many(IndicatorValue, to_update)
    if annotations:
        summary = ", ".join(f"{cell!r} x {count:,}" for cell, count in annotations.most_common(8))
        report.notes.append(f"Non-numeric cells: {summary}")
