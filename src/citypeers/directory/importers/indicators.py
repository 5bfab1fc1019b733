"""`import indicators`: any wide CSV of numeric columns keyed by GEOID.

Each numeric cell becomes an IndicatorValue (indicator, year, source) for the directory entry
with that GEOID. data.census.gov downloads work as they are: `GEO_ID` values such as
`1600000US1608830` are cut to the GEOID after "US", the second (descriptive) header row becomes
the indicators' labels, and annotation cells ("-", "(X)", "N", "*****"…) are skipped and
counted, as are text columns such as NAME.
"""

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from citypeers.directory.bulk import insert_many, update_many
from citypeers.directory.importers.base import (
    ImportFileError,
    ImportReport,
    Progress,
    atomic_import,
    cell_getter,
    read_table,
    require_columns,
)
from citypeers.directory.importers.tables import ascii_digits, parse_number
from citypeers.directory.models import Indicator, IndicatorValue, Jurisdiction
from citypeers.directory.signals import bulk_changed

YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
GEOID_PATTERN = re.compile(r"^[0-9]{5}$|^[0-9]{7}$|^[0-9]{10}$")
NAME_COLUMNS = {"name", "geographic area name", "geography"}
# A themes file row with this theme leaves its column out (e.g. population, which the
# directory keeps on each entry).
SKIP_THEME = "skip"
# What gives entries of each GEOID length their GEOID, for "import that first" messages.
GEOID_SOURCES = {
    5: "counties: `citypeers import census-population co-est2021-alldata.csv`",
    7: "places: `citypeers import census-places national_place2020.txt`",
    10: (
        "county subdivisions (towns, townships): `citypeers import census-population` with a "
        "SUB-EST file that has a COUSUB column"
    ),
}


def normalise_geoid(raw: str) -> str:
    """ "0644000" from "1600000US0644000", "0644000" or a spreadsheet-mangled "644000"."""
    text = raw.strip()
    if "US" in text:
        text = text.split("US", 1)[1]
    if ascii_digits(text) and len(text) in (4, 6, 9):
        # Leading zero lost by a spreadsheet: counties are 5, places 7, subdivisions 10.
        text = "0" + text
    return text


def default_theme(path: Path | str) -> str:
    """An indicator set imported without a theme is a theme of its own, named after its file."""
    return slugify(YEAR_IN_NAME.sub("", Path(path).stem)).strip("-_")[:40] or "imported"


def humanise(column: str) -> str:
    """ "Median household income" from "median_household_income"; other names as they are."""
    if re.fullmatch(r"[a-z0-9_]+", column) and "_" in column:
        text = column.replace("_", " ")
        return text[:1].upper() + text[1:]
    return column


@dataclass(frozen=True)
class ColumnMeta:
    code: str = ""
    theme: str = ""
    label: str = ""
    unit: str = ""


def read_theme_map(path: Path | str, *, encoding: str | None = None) -> dict[str, ColumnMeta]:
    """A user's mapping file: `column,theme` and optionally `code`, `label` and `unit`.

    The theme `skip` leaves a column out.
    """
    report = ImportReport(title="themes")
    header, rows = read_table(path, report=report, encoding=encoding)
    columns = {name.lower(): i for i, name in enumerate(header)}
    if "column" not in columns or "theme" not in columns:
        raise ImportFileError(
            f"{Path(path).name} (themes) needs the columns column and theme "
            f"(optionally code, label and unit); found: {', '.join(header)}."
        )
    if report.rejected:
        problems = "; ".join(e for examples in report.examples.values() for e in examples)
        raise ImportFileError(f"{Path(path).name} (themes) has broken rows: {problems}.")
    get = cell_getter(columns)
    mapping = {}
    for row in rows:
        column = get(row, "column")
        mapping[column] = ColumnMeta(
            code=slugify(get(row, "code"))[:80],
            theme=get(row, "theme")[:40],
            label=get(row, "label")[:200],
            unit=get(row, "unit")[:40],
        )
    return mapping


def import_indicators(
    *,
    path: Path | str,
    key: str = "GEOID",
    source: str = "",
    year: int | None = None,
    theme: str = "",
    themes_file: Path | str | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    progress_stream=None,
    progress_every: int = 2000,
) -> ImportReport:
    """Store every numeric cell as a value of its column's indicator for that year and source.

    Creates indicators that do not exist yet (code = slug of the column name), themed by
    `themes_file`, else `theme`, else a theme named after the file. An explicit `theme`,
    mapping or `source` also updates existing indicators. Re-importing the same file changes
    nothing and tells no listener. Atomic; a dry run saves nothing.
    """
    name = Path(path).name
    report = ImportReport(title=f"Indicators from {name}", dry_run=dry_run)
    mapping = read_theme_map(themes_file, encoding=encoding) if themes_file else {}
    header, table = read_table(path, report=report, encoding=encoding)
    positions = require_columns(header, [key], path)
    key_index = positions[key]
    if year is None:
        match = YEAR_IN_NAME.search(name)
        if match is None:
            raise ImportFileError(f"Cannot tell the year of {name}: pass --year.")
        year = int(match.group(1))
    explicit_source = source[:200]
    source = explicit_source or name
    report.title = f"Indicators from {name} ({source}, {year})"
    labels = {}
    if table and not GEOID_PATTERN.match(normalise_geoid(table[0][key_index])):
        # data.census.gov puts a descriptive header in the second row.
        labels = dict(zip(header, table[0], strict=False))
        table = table[1:]
    columns = _numeric_columns(header, table, key_index, report)
    for _, column in columns:
        if mapping.get(column, ColumnMeta()).theme == SKIP_THEME:
            report.skip("column skipped by the themes file", column)
    columns = [(i, c) for i, c in columns if mapping.get(c, ColumnMeta()).theme != SKIP_THEME]
    if not columns:
        raise ImportFileError(f"{name} has no numeric columns besides {key}.")
    unknown = sorted(set(mapping) - {column for _, column in columns})
    if unknown:
        report.notes.append(f"Themes file names columns not imported: {', '.join(unknown)}")
    metas = {
        column: ColumnMeta(
            code=mapping.get(column, ColumnMeta()).code,
            theme=(mapping.get(column, ColumnMeta()).theme or theme)[:40],
            label=mapping.get(column, ColumnMeta()).label or labels.get(column, ""),
            unit=mapping.get(column, ColumnMeta()).unit,
        )
        for _, column in columns
    }
    progress = Progress(
        len(table), label="indicators", stream=progress_stream, every=progress_every
    )
    with atomic_import(dry_run):
        indicators, changed = _indicators(
            columns,
            metas,
            default=default_theme(path),
            source=explicit_source,
            file_name=name,
            report=report,
        )
        _import_values(table, key_index, columns, indicators, year, source, report, progress)
        if changed or report.changed:
            transaction.on_commit(
                lambda: bulk_changed.send(IndicatorValue, directory=False, indicators=True)
            )
    return report


def _numeric_columns(header, table, key_index, report) -> list[tuple[int, str]]:
    columns = []
    for index, column in enumerate(header):
        if index == key_index or not column:
            continue
        cells = [row[index] for row in table]
        if column.strip().lower() in NAME_COLUMNS or not any(
            parse_number(c) is not None for c in cells
        ):
            report.skip("text column (not an indicator)", column)
            continue
        columns.append((index, column))
    return columns


def _indicators(
    columns, metas, *, default, source, file_name, report
) -> tuple[dict[str, Indicator], int]:
    """The indicator of each column, created or updated; and how many were changed."""
    codes = {
        column: metas[column].code or slugify(column)[:80] or f"column-{index}"
        for index, column in columns
    }
    existing = {i.code: i for i in Indicator.objects.filter(code__in=codes.values())}
    indicators, changed = {}, 0
    for _, column in columns:
        code, meta = codes[column], metas[column]
        indicator = existing.get(code)
        if indicator is None:
            indicator = Indicator(
                code=code,
                label=(meta.label or humanise(column))[:200],
                unit=meta.unit,
                theme=meta.theme or default,
                source=source or file_name,
            )
            indicator.full_clean()
            indicator.save()
            existing[code] = indicator
            changed += 1
            report.notes.append(
                f"New indicator: {code} ({indicator.label}), theme {indicator.theme}"
            )
        else:
            wanted = {"theme": meta.theme, "source": source, "label": meta.label, "unit": meta.unit}
            updates = {
                field: value
                for field, value in wanted.items()
                if value and getattr(indicator, field) != value
            }
            if updates:
                for field, value in updates.items():
                    report.notes.append(
                        f"Indicator {code}: {field} {getattr(indicator, field)!r} → {value!r}"
                    )
                    setattr(indicator, field, value)
                indicator.full_clean()
                indicator.save(update_fields=[*updates, "updated_at"])
                changed += 1
        indicators[column] = indicator
    return indicators, changed


def _missing_geoid_message(unmatched: Counter, with_geoid: int) -> str:
    kinds = "; ".join(
        GEOID_SOURCES.get(length, f"{length}-digit GEOIDs") for length in sorted(unmatched)
    )
    if with_geoid == 0:
        return (
            "No directory entry has a Census GEOID yet, so no row can be matched. Import the "
            f"Census files that give them first ({kinds}), then this file again."
        )
    return (
        "None of the file's GEOIDs is in the directory. The entries they name get their GEOID "
        f"from a Census import ({kinds}); run it first, then this file again."
    )


def _import_values(table, key_index, columns, indicators, year, source, report, progress):
    by_geoid = dict(Jurisdiction.objects.exclude(geoid=None).values_list("geoid", "id"))
    indicator_ids = [i.pk for i in indicators.values()]
    existing = {
        (v.jurisdiction_id, v.indicator_id): v
        for v in IndicatorValue.objects.filter(indicator_id__in=indicator_ids, year=year)
    }
    annotations: Counter = Counter()
    unmatched: Counter = Counter()
    matched = 0
    to_create, to_update, seen = [], [], set()
    for row in table:
        line = row.line
        report.rows += 1
        progress.advance()
        raw_key = row[key_index]
        geoid = normalise_geoid(raw_key)
        jurisdiction_id = by_geoid.get(geoid)
        if jurisdiction_id is None:
            if GEOID_PATTERN.match(geoid):
                unmatched[len(geoid)] += 1
                report.reject("no directory entry with this GEOID", f"line {line}: {raw_key!r}")
            else:
                report.reject("not a GEOID", f"line {line}: {raw_key!r}")
            continue
        matched += 1
        if jurisdiction_id in seen:
            report.reject("duplicate GEOID in the file", f"line {line}: {geoid}")
            continue
        seen.add(jurisdiction_id)
        for index, column in columns:
            cell = row[index]
            value = parse_number(cell)
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
    if not matched and unmatched:
        raise ImportFileError(_missing_geoid_message(unmatched, len(by_geoid)))
    if unmatched:
        report.notes.append(
            f"{sum(unmatched.values()):,} rows name a GEOID no directory entry has; "
            + _missing_geoid_message(unmatched, len(by_geoid)).split(". ", 1)[1]
        )
    insert_many(IndicatorValue, to_create)
    update_many(IndicatorValue, to_update)
    if annotations:
        summary = ", ".join(f"{cell!r} x {count:,}" for cell, count in annotations.most_common(8))
        report.notes.append(f"Non-numeric cells: {summary}")
