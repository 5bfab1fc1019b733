"""Load the directory shipped with the package: Census local governments and ACS indicators.

`load_shipped_directory()` brings any database to the shipped list, in bulk and idempotently:
an empty directory is filled; a directory loaded from an older list (GeoNames places) is
upgraded in place (see `directory/upgrade.py` for how entries are matched), keeping each
matched entry's pk and slug so nothing attached to it is lost; a second run changes nothing.
"""

import csv
import gzip
import io
import re
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

import numpy as np
from django.db import connection, transaction
from django.db.models import Model, Q
from django.db.models.fields.reverse_related import ManyToManyRel

from citypeers.directory.bulk import insert_many, insert_rows, record_history, update_many
from citypeers.directory.enums import CensusLevel
from citypeers.directory.models import Indicator, IndicatorValue, Jurisdiction
from citypeers.directory.naming import (
    consolidated_short_name,
    normalise_name,
    split_legal_name,
    unique_slug,
)
from citypeers.directory.signals import bulk_changed
from citypeers.directory.upgrade import Existing, Shipped, UpgradePlan, plan_upgrade

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
JURISDICTIONS_FILE = DATA_DIR / "jurisdictions.csv.gz"
INDICATORS_FILE = DATA_DIR / "indicators.csv.gz"
DEFINITIONS_FILE = DATA_DIR / "indicator_definitions.csv"
INDICATOR_SOURCE = "U.S. Census Bureau, American Community Survey 5-year estimates"
CHANGE_REASON = "Shipped Census directory"
# Entries that answer to a name the Census file does not give them (the city's own name).
ALIASES = {
    ("DC", "11001"): ["washington"],
    ("HI", "15003"): ["honolulu"],
    ("VA", "51013"): ["arlington"],
}
# "Clinton Township", "New York City": older lists keep the legal word in the name.
_TRAILING_LEGAL_WORD = re.compile(r"\s+(charter township|township|city|town|village|borough)$")
# Fields the shipped list owns; coordinates only when it has them, population only when it
# is not older than the one already stored.
SHIPPED_FIELDS = [
    "name",
    "name_normalised",
    "state",
    "state_fips",
    "county_name",
    "county_fips",
    "kind",
    "geoid",
    "census_level",
    "legal_type",
    "functional_status",
]
POPULATION_FIELDS = ["population", "population_year", "population_source"]
BATCH = 500


@dataclass
class LoadReport:
    """What one run did; `lines()` is what `setup_site` prints."""

    shipped: int = 0
    matched: int = 0
    updated: int = 0
    created: int = 0
    merged: int = 0
    removed: int = 0
    left: list[str] = field(default_factory=list)
    indicators_created: int = 0
    indicators_updated: int = 0
    ranked: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(
            self.updated
            or self.created
            or self.merged
            or self.removed
            or self.indicators_created
            or self.indicators_updated
        )

    def lines(self) -> list[str]:
        lines = [
            f"directory: {self.shipped:,} shipped local governments; matched {self.matched:,} "
            f"existing entries ({self.updated:,} updated), created {self.created:,}, "
            f"merged {self.merged:,}, removed {self.removed:,}, left {len(self.left):,}",
            f"indicators: {self.indicators_created:,} values created, "
            f"{self.indicators_updated:,} updated, {self.ranked:,} ranked",
        ]
        lines += [f"left (has content, no Census match): {name}" for name in self.left]
        return lines


def _read_gzip_csv(path: Path) -> list[dict]:
    with gzip.open(path, "rb") as handle:
        return list(csv.DictReader(io.StringIO(handle.read().decode("utf-8"))))


@cache
def _rows_of(path: Path) -> tuple[dict, ...]:
    return tuple(_read_gzip_csv(path))


def shipped_rows() -> tuple[dict, ...]:
    return _rows_of(JURISDICTIONS_FILE)


def _int(text: str) -> int | None:
    return int(text) if text else None


def _float(text: str) -> float | None:
    return float(text) if text else None


def _values(row: dict, *, name_normalised: bool = True) -> dict:
    """The model field values of one shipped row (`name_normalised` only when asked)."""
    values = {
        "name": row["name"],
        "state": row["state"],
        "state_fips": row["state_fips"],
        "county_name": row["county_name"][:200],
        "county_fips": row["county_fips"],
        "kind": row["kind"],
        "geoid": row["geoid"],
        "census_level": row["level"],
        "legal_type": row["legal_type"],
        "functional_status": "A",
        "population": _int(row["population"]),
        "population_year": _int(row["population_year"]),
        "population_source": row["population_source"],
        "latitude": _float(row["lat"]),
        "longitude": _float(row["lon"]),
    }
    if name_normalised:
        values["name_normalised"] = normalise_name(row["name"])
    return values


def _fresh_order(row: dict):
    # Largest first so the best-known place of a name keeps the short slug; places before
    # towns before counties at equal population; GEOID last so the order is total.
    levels = {CensusLevel.PLACE: 0, CensusLevel.COUNTY_SUBDIVISION: 1, CensusLevel.COUNTY: 2}
    return (-(_int(row["population"]) or 0), levels.get(row["level"], 3), row["geoid"])


def _new_entry(row: dict, taken: set[str]) -> Jurisdiction:
    values = _values(row)
    county = values["county_name"] if "," not in values["county_name"] else ""
    if values["census_level"] == CensusLevel.COUNTY:
        county = ""
    slug = unique_slug(values["name"], values["state"], county, taken, tiebreak=values["geoid"])
    return Jurisdiction(slug=slug, **values)


def shipped_entries() -> list[Jurisdiction]:
    """Unsaved entries for every shipped local government, with the slugs of a fresh install."""
    taken: set[str] = set()
    return [_new_entry(row, taken) for row in sorted(shipped_rows(), key=_fresh_order)]


# Matching existing entries -------------------------------------------------------------------


def _shipped_keys(row: dict) -> tuple[str, ...]:
    """The names a shipped entry answers to: its own, its city's (consolidated governments,
    "Boise City" = Boise), the parts of "San Buenaventura (Ventura)", and known aliases."""
    name = row["name"]
    keys = [normalise_name(name)]
    if row["kind"] == "consolidated":
        keys.append(normalise_name(consolidated_short_name(name) or ""))
    if row["kind"] == "city" and name.endswith(" City"):
        keys.append(normalise_name(name.removesuffix(" City")))
    if "(" in name:
        before, _, inside = name.partition("(")
        keys += [normalise_name(before), normalise_name(inside.rstrip(")"))]
    keys += ALIASES.get((row["state"], row["geoid"]), [])
    return tuple(dict.fromkeys(k for k in keys if k))


def _existing_keys(name: str) -> tuple[str, ...]:
    literal = normalise_name(name)
    keys = [
        literal,
        normalise_name(split_legal_name(name)[0]),
        _TRAILING_LEGAL_WORD.sub("", literal),
    ]
    return tuple(dict.fromkeys(k for k in keys if k))


def jurisdictions_with_content() -> set[int]:
    """Entries something is attached to (statements, solutions, memberships, people, …) or
    whose story was written; indicator values are data, not content."""
    ids: set[int] = set()
    for relation in Jurisdiction._meta.related_objects:
        model = relation.related_model
        if model is IndicatorValue:
            continue
        if relation.many_to_many:
            # `many_to_many` is true only on a ManyToManyRel, whose `through` is a model class
            # once the apps are loaded; the stubs can infer neither.
            through = cast("type[Model]", cast(ManyToManyRel, relation).through)
            column = next(
                f.attname
                for f in through._meta.concrete_fields
                if getattr(f, "related_model", None) is Jurisdiction
            )
            ids.update(through._base_manager.values_list(column, flat=True).distinct())
        else:
            ids.update(
                model._base_manager.exclude(**{f"{relation.field.name}__isnull": True})
                .values_list(relation.field.attname, flat=True)
                .distinct()
            )
    ids.update(
        Jurisdiction.objects.filter(~Q(summary="") | ~Q(future_plans="")).values_list(
            "pk", flat=True
        )
    )
    return ids


def _plan(existing: Sequence[Mapping[str, Any]], rows: tuple[dict[str, Any], ...]) -> UpgradePlan:
    if not existing:
        return plan_upgrade([], [])
    content = jurisdictions_with_content()
    geoids = {row["geoid"] for row in rows}
    # Names are compared only when some entry has no shipped GEOID (an upgrade).
    by_name = any(e["geoid"] not in geoids for e in existing)
    current = [
        Existing(
            pk=e["pk"],
            state=e["state"],
            name_keys=_existing_keys(e["name"]) if not e["geoid"] else (),
            geoid=e["geoid"] or None,
            level=e["census_level"] or "",
            county_fips=e["county_fips"] or "",
            population=e["population"],
            has_content=e["pk"] in content,
        )
        for e in existing
    ]
    shipped = [
        Shipped(
            geoid=row["geoid"],
            state=row["state"],
            name_keys=_shipped_keys(row) if by_name else (),
            level=row["level"],
            county_fips=row["county_fips"],
            population=_int(row["population"]),
        )
        for row in rows
    ]
    return plan_upgrade(current, shipped)


# Loading ---------------------------------------------------------------------------------------


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(f"  {text}")


@transaction.atomic
def load_shipped_directory(*, stdout=None) -> LoadReport:
    """Bring the directory and its shipped indicators to the shipped list; returns a report.

    Atomic. Prints progress to `stdout` (a management command's) when given.
    """
    started = time.monotonic()
    report = LoadReport()
    rows = shipped_rows()
    report.shipped = len(rows)
    existing = list(
        Jurisdiction.objects.values(
            "pk", "slug", "name", "state", "geoid", "census_level", "county_fips", "population"
        )
    )
    _say(stdout, f"directory: {len(existing):,} entries in the database, {len(rows):,} shipped")
    plan = _plan(existing, rows)
    report.matched = len(plan.matched)
    report.merged = len(plan.merged)
    report.removed = len(plan.removed)
    names = {e["pk"]: f"{e['name']}, {e['state']}" for e in existing}
    report.left = [f"{names[pk]} ({why})" for pk, why in sorted(plan.left.items())]
    doomed = list(plan.merged) + plan.removed
    for start in range(0, len(doomed), BATCH):
        Jurisdiction.objects.filter(pk__in=doomed[start : start + BATCH]).delete()
    if doomed:
        _say(stdout, f"directory: removed {len(doomed):,} entries that are not local governments")
    report.updated = _update_matched(plan.matched, rows)
    if report.updated:
        _say(stdout, f"directory: updated {report.updated:,} entries in place")
    report.created = _create_missing(set(plan.matched.values()), rows)
    _say(stdout, f"directory: created {report.created:,} entries")
    report.indicators_created, report.indicators_updated, report.ranked = _load_indicators(stdout)
    if report.changed:
        transaction.on_commit(
            lambda: bulk_changed.send(Jurisdiction, directory=True, indicators=True)
        )
    report.seconds = time.monotonic() - started
    return report


def _update_matched(matched: dict[int, str], rows) -> int:
    if not matched:
        return 0
    by_geoid = {row["geoid"]: row for row in rows}
    fields = [*SHIPPED_FIELDS, *POPULATION_FIELDS, "latitude", "longitude"]
    changes = []
    pks = list(matched)
    for start in range(0, len(pks), BATCH):
        for current in Jurisdiction.objects.filter(pk__in=pks[start : start + BATCH]).values(
            "pk", *fields
        ):
            names = _changed_fields(current, by_geoid[matched[current["pk"]]])
            if names:
                changes.append((current, names))
    if not changes:
        return 0
    # Free the GEOIDs being moved first: two entries may swap them within one update.
    moving = [current["pk"] for current, names in changes if "geoid" in names]
    for start in range(0, len(moving), BATCH):
        Jurisdiction.objects.filter(pk__in=moving[start : start + BATCH]).update(geoid=None)
    objects = {}
    for start in range(0, len(changes), BATCH):
        chunk = [current["pk"] for current, _ in changes[start : start + BATCH]]
        objects.update(Jurisdiction.objects.in_bulk(chunk))
    updates = []
    for current, names in changes:
        entry = objects[current["pk"]]
        for name in names:
            setattr(entry, name, current[name])
        updates.append((entry, names))
    update_many(Jurisdiction, updates)
    record_history([entry for entry, _ in updates], history_type="~", reason=CHANGE_REASON)
    return len(updates)


def _changed_fields(current: dict, row: dict) -> list[str]:
    """The fields `row` changes, with their new values written into `current`."""
    values = _values(row, name_normalised=row["name"] != current["name"])
    if "name_normalised" not in values:
        values["name_normalised"] = current["name_normalised"]
    names = [f for f in SHIPPED_FIELDS if current[f] != values[f]]
    if values["latitude"] is not None and (current["latitude"], current["longitude"]) != (
        values["latitude"],
        values["longitude"],
    ):
        names += ["latitude", "longitude"]
    year = current["population_year"]
    if year is None or (
        values["population_year"] is not None and year <= values["population_year"]
    ):
        names += [f for f in POPULATION_FIELDS if current[f] != values[f]]
    for name in names:
        current[name] = values[name]
    return names


def _create_missing(matched_geoids: set[str], rows) -> int:
    taken = set(Jurisdiction.objects.values_list("slug", flat=True))
    missing = sorted((r for r in rows if r["geoid"] not in matched_geoids), key=_fresh_order)
    entries = [_new_entry(row, taken) for row in missing]
    for start in range(0, len(entries), 5000):
        # No per-row history: the shipped data is the baseline later changes are compared to.
        insert_many(Jurisdiction, entries[start : start + 5000])
    return len(entries)


# Indicators ------------------------------------------------------------------------------------


def _definitions() -> list[dict]:
    with DEFINITIONS_FILE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _shipped_indicators() -> dict[str, int]:
    indicators = {}
    for spec in _definitions():
        wanted = {
            "label": spec["label"],
            "unit": spec["unit"],
            "theme": spec["theme"],
            "source": INDICATOR_SOURCE,
        }
        indicator, created = Indicator.objects.get_or_create(code=spec["code"], defaults=wanted)
        if not created and any(getattr(indicator, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(indicator, key, value)
            indicator.full_clean()
            indicator.save()
        indicators[spec["code"]] = indicator.pk
    return indicators


def _raw(sql: str) -> list[tuple]:
    # Hundreds of thousands of rows: a plain cursor is several times faster than values_list.
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _load_indicators(stdout) -> tuple[int, int, int]:
    """Create and update the shipped values and (re)rank every value; returns the counts."""
    indicators = _shipped_indicators()
    ids = dict(Jurisdiction.objects.exclude(geoid=None).values_list("geoid", "pk"))
    table = connection.ops.quote_name(IndicatorValue._meta.db_table)
    stored = {
        (j, i, y): [pk, value, source, national, in_state]
        for pk, j, i, y, value, source, national, in_state in _raw(
            "SELECT id, jurisdiction_id, indicator_id, year, value, source, "
            f"national_percentile, state_percentile FROM {table}"
        )
    }
    shipped_ids = set(indicators.values())
    new: dict[tuple, list] = {}
    changed = 0
    for row in _read_gzip_csv(INDICATORS_FILE):
        jurisdiction = ids.get(row["geoid"])
        if jurisdiction is None:
            continue
        year, source = int(row["year"]), row["source"]
        for code, indicator in indicators.items():
            text = row.get(code, "")
            if not text:
                continue
            value = float(text)
            key = (jurisdiction, indicator, year)
            found = stored.get(key)
            if found is None:
                new[key] = [None, value, source, None, None]
            elif found[2] == source and found[1] != value and indicator in shipped_ids:
                found[1] = value
                found[3] = "changed"  # forces the update below
                changed += 1
    if not new and not changed and all(item[3] is not None for item in stored.values()):
        _say(stdout, "indicators: every shipped value is present and ranked")
        return 0, 0, 0
    ranks = _ranks({**stored, **new})
    updates = []
    for key, (pk, value, _source, national, in_state) in stored.items():
        if ranks[key] != (national, in_state):
            updates.append(
                (
                    IndicatorValue(
                        pk=pk,
                        value=value,
                        national_percentile=ranks[key][0],
                        state_percentile=ranks[key][1],
                    ),
                    ["value", "national_percentile", "state_percentile"],
                )
            )
    objects = [
        (*key, value, source, *ranks[key]) for key, (_pk, value, source, _n, _s) in new.items()
    ]
    names = ["jurisdiction", "indicator", "year", "value", "source"]
    names += ["national_percentile", "state_percentile"]
    for start in range(0, len(objects), 20_000):
        insert_rows(IndicatorValue, names, objects[start : start + 20_000])
    update_many(IndicatorValue, updates)
    _say(
        stdout,
        f"indicators: {len(objects):,} values created, {changed:,} updated, "
        f"{len(updates) - changed:,} re-ranked",
    )
    return len(objects), changed, len(objects) + len(updates)


def _ranks(values: dict[tuple, list]) -> dict[tuple, tuple[float, float]]:
    """Each value's percentile among comparable entries in the nation and in its state:
    the same indicator and year, counties among counties, places and towns among each other.
    The percentile is the percent of the other values that are lower (0 lowest, 100 highest)."""
    places = {
        pk: (level == CensusLevel.COUNTY, state)
        for pk, level, state in Jurisdiction.objects.values_list("pk", "census_level", "state")
    }
    nation: dict[tuple, list[tuple]] = defaultdict(list)
    states: dict[tuple, list[tuple]] = defaultdict(list)
    for key in values:
        is_county, state = places[key[0]]
        nation[(key[1], key[2], is_county)].append(key)
        states[(key[1], key[2], is_county, state)].append(key)
    national = _percentiles(nation, values)
    in_state = _percentiles(states, values)
    return {key: (national[key], in_state[key]) for key in values}


def _percentiles(groups: dict[tuple, list[tuple]], values: dict[tuple, list]) -> dict:
    result: dict[tuple, float] = {}
    for keys in groups.values():
        numbers = np.array([values[key][1] for key in keys], dtype=float)
        if len(keys) < 2:
            ranks = np.full(len(keys), 50.0)
        else:
            lower = np.searchsorted(np.sort(numbers), numbers, side="left")
            ranks = np.round(100.0 * lower / (len(keys) - 1), 1)
        result.update(zip(keys, ranks.tolist(), strict=True))
    return result


def rank_indicator_values() -> int:
    """Re-rank every indicator value (after an import added or changed some)."""
    return _load_indicators(None)[2]
