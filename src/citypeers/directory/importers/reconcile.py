"""Match Census rows to directory entries, create the missing ones, and save in bulk.

Matching rules (docs/directory.md):
1. By GEOID: 7 digits for places, 5 for counties, 10 for county subdivisions; zeros kept.
2. Else by state + normalised name, among entries no Census import has claimed yet (and, for
   towns and townships, entries already confirmed as county subdivisions). When both sides
   know the county, it must agree.
3. Exactly one candidate → match. Several → ambiguous, reported, never guessed. None → new.

Rows are matched in rounds: once a row claims an entry, that entry stops being a candidate for
other rows, which may make them unambiguous. Two rows claiming one entry are both ambiguous.
Because a round only ever removes candidates, a second import of the same file resolves every
row to the entry it got the first time, so it changes nothing.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from citypeers.directory.bulk import insert_many, record_history, update_many
from citypeers.directory.enums import CensusLevel, GovernmentType
from citypeers.directory.importers.base import ImportReport, Progress
from citypeers.directory.models import Jurisdiction
from citypeers.directory.naming import (
    consolidated_short_name,
    normalise_name,
    unique_slug,
)
from citypeers.directory.signals import bulk_changed

# Census files sometimes reach us with characters already lost: "Ca\ufffdon City", "Utqiag?vik".
FIELDS = Jurisdiction._meta.fields
LOST_CHARACTER = re.compile(r"\ufffd|(?<=\w)\?(?=\w)")


@dataclass
class CensusRow:
    """One Census geography, as every importer hands it to the reconciler."""

    line: int
    level: str  # a CensusLevel value
    state: str
    state_fips: str
    name: str  # common name, legal suffix removed ("Boise City")
    geoid: str = ""
    legal_type: str = ""
    kind: str = GovernmentType.OTHER
    county_fips: str = ""
    county_name: str = ""
    population: int | None = None
    population_year: int | None = None
    population_source: str = ""
    functional_status: str = ""
    latitude: float | None = None
    longitude: float | None = None
    create: bool = True  # False: only upgrade an existing entry (e.g. a CDP)

    @property
    def key(self) -> str:
        return normalise_name(self.name)

    @property
    def identity(self) -> tuple:
        if self.geoid:
            return ("geoid", self.geoid)
        return (self.level, self.state, self.county_fips, self.key)

    def describe(self) -> str:
        where = f", county {self.county_fips}" if self.county_fips else ""
        return f"line {self.line}: {self.name}, {self.state}{where}"


@dataclass
class Resolution:
    entry: Jurisdiction | None = None
    candidates: list[Jurisdiction] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        return self.entry is None and len(self.candidates) > 1


class DirectoryIndex:
    """Every directory entry in memory, indexed for matching (about 25k rows, ~0.5 s)."""

    def __init__(self):
        self.entries = list(Jurisdiction.objects.all())
        self.by_geoid: dict[str, Jurisdiction] = {}
        self.by_key: dict[tuple[str, str], list[Jurisdiction]] = defaultdict(list)
        self.by_state: dict[str, list[Jurisdiction]] = defaultdict(list)
        self.slugs = {entry.slug for entry in self.entries}
        self.claimed: set[int] = set()  # id() of entries a row has taken in this import
        for entry in self.entries:
            self._add(entry)

    def _add(self, entry: Jurisdiction) -> None:
        if entry.geoid:
            self.by_geoid[entry.geoid] = entry
        self.by_key[(entry.state, entry.name_normalised)].append(entry)
        self.by_state[entry.state].append(entry)

    def county(self, fips: str) -> Jurisdiction | None:
        entry = self.by_geoid.get(fips)
        return entry if entry is not None and entry.kind == GovernmentType.COUNTY else None

    def county_named(self, state: str, name: str) -> Jurisdiction | None:
        found = [
            entry
            for entry in self.by_key.get((state, normalise_name(name)), [])
            if entry.kind == GovernmentType.COUNTY
        ]
        return found[0] if len(found) == 1 else None

    def _eligible(self, entry: Jurisdiction, row: CensusRow) -> bool:
        if id(entry) in self.claimed or entry.geoid or entry.kind == GovernmentType.COUNTY:
            return False
        if row.level == CensusLevel.COUNTY_SUBDIVISION:
            return entry.census_level in (CensusLevel.UNCONFIRMED, CensusLevel.COUNTY_SUBDIVISION)
        return entry.census_level == CensusLevel.UNCONFIRMED

    def _same_county(self, entry: Jurisdiction, row: CensusRow) -> bool:
        return not row.county_fips or not entry.county_fips or entry.county_fips == row.county_fips

    def _by_name(self, row: CensusRow, key: str) -> list[Jurisdiction]:
        return [
            entry
            for entry in self.by_key.get((row.state, key), [])
            if self._eligible(entry, row) and self._same_county(entry, row)
        ]

    def _by_pattern(self, row: CensusRow) -> list[Jurisdiction]:
        # Let each lost character stand for at most one letter.
        parts = [normalise_name(part) for part in LOST_CHARACTER.split(row.name)]
        pattern = re.compile("[a-z]?".join(re.escape(part) for part in parts) + "$")
        return [
            entry
            for entry in self.by_state.get(row.state, [])
            if self._eligible(entry, row)
            and self._same_county(entry, row)
            and pattern.match(entry.name_normalised)
        ]

    def _by_other_spelling(self, row: CensusRow) -> list[Jurisdiction]:
        """The same place under the name GeoNames gives it: "Boise" for the Census "Boise City",
        "New York City" for "New York", "Ventura" for "San Buenaventura (Ventura)".

        Only when the county agrees (both known) or, for a place in several counties, the
        populations are within PLAUSIBLE_RATIO: a township or village called "Union" is not
        "Union City" two counties away.
        """
        found = []
        for key in other_spellings(row.name):
            for entry in self._by_name(row, key):
                same_county = bool(row.county_fips and entry.county_fips)
                if same_county or _plausible_population(entry.population, row.population):
                    found.append(entry)
        return list({id(e): e for e in found}.values())

    def _listed_subdivisions(self, row: CensusRow) -> list[Jurisdiction]:
        """Towns and townships already listed with their 10-digit GEOID under the row's name,
        in the row's county, else the only one of that name in the state (Connecticut's county
        codes changed to planning regions after 2021): a population file without COUSUB codes
        (PEP) names them so."""
        listed = [
            entry
            for entry in self.by_key.get((row.state, row.key), [])
            if id(entry) not in self.claimed
            and entry.census_level == CensusLevel.COUNTY_SUBDIVISION
            and entry.geoid
            and len(entry.geoid) == 10
        ]
        in_county = [e for e in listed if e.geoid.startswith(row.county_fips)]
        return in_county or (listed if len(listed) == 1 else [])

    def resolve(self, row: CensusRow) -> Resolution:
        if row.geoid and row.geoid in self.by_geoid:
            return Resolution(entry=self.by_geoid[row.geoid])
        if row.level == CensusLevel.COUNTY:
            return Resolution()
        if row.level == CensusLevel.COUNTY_SUBDIVISION and not row.geoid and row.county_fips:
            listed = self._listed_subdivisions(row)
            if len(listed) == 1:
                return Resolution(entry=listed[0], candidates=listed)
        if LOST_CHARACTER.search(row.name):
            candidates = self._by_pattern(row)
        else:
            candidates = self._by_name(row, row.key)
            short = consolidated_short_name(row.name)
            if not candidates and row.kind == GovernmentType.CONSOLIDATED and short:
                candidates = self._by_name(row, normalise_name(short))
            if not candidates and row.level == CensusLevel.PLACE:
                candidates = self._by_other_spelling(row)
        if len(candidates) == 1:
            return Resolution(entry=candidates[0], candidates=candidates)
        return Resolution(candidates=candidates)

    def claim(self, entry: Jurisdiction, row: CensusRow) -> None:
        """Take `entry` for `row`: no other row of this import may match it by name."""
        self.claimed.add(id(entry))
        if row.geoid:
            self.by_geoid.setdefault(row.geoid, entry)

    def add_new(self, entry: Jurisdiction) -> None:
        self.entries.append(entry)
        self._add(entry)


PLAUSIBLE_RATIO = 1.5
PARENTHESIS = re.compile(r"^(?P<outer>.+?)\s*\((?P<inner>[^()]+)\)$")


def other_spellings(name: str) -> list[str]:
    """Normalised names the same place may go by elsewhere (see `_by_other_spelling`)."""
    key = normalise_name(name)
    keys = [key[: -len(" city")]] if key.endswith(" city") else [f"{key} city"]
    match = PARENTHESIS.match(name.strip())
    if match:
        keys += [normalise_name(match.group("inner")), normalise_name(match.group("outer"))]
    return [k for k in keys if k and k != key]


def _plausible_population(a: int | None, b: int | None) -> bool:
    if not a or not b:
        return False
    return max(a, b) <= PLAUSIBLE_RATIO * min(a, b)


def _changes(entry: Jurisdiction, row: CensusRow) -> dict:
    """The fields this row sets on an existing entry (only those that differ)."""
    values = {
        "census_level": row.level,
        "kind": row.kind,
        "state_fips": row.state_fips or entry.state_fips,
    }
    if row.geoid:
        values["geoid"] = row.geoid
    if row.legal_type:
        values["legal_type"] = row.legal_type
    if row.functional_status:
        values["functional_status"] = row.functional_status
    if row.name and not LOST_CHARACTER.search(row.name):
        values["name"] = row.name
        values["name_normalised"] = row.key
    if row.county_fips and not entry.county_fips:
        values["county_fips"] = row.county_fips
    if row.county_name and not entry.county_name:
        values["county_name"] = row.county_name
    if row.latitude is not None and entry.latitude is None:
        values["latitude"], values["longitude"] = row.latitude, row.longitude
    newer = entry.population_year is None or (row.population_year or 0) >= entry.population_year
    if row.population is not None and newer:
        values["population"] = row.population
        values["population_year"] = row.population_year
        values["population_source"] = row.population_source
    return {name: value for name, value in values.items() if getattr(entry, name) != value}


def _new_entry(row: CensusRow, index: DirectoryIndex) -> Jurisdiction:
    return Jurisdiction(
        slug=unique_slug(
            row.name,
            row.state,
            row.county_name,
            index.slugs,
            tiebreak=row.geoid or row.county_fips or str(row.line),
        ),
        name=row.name,
        name_normalised=row.key,
        state=row.state,
        state_fips=row.state_fips,
        county_name=row.county_name,
        county_fips=row.county_fips,
        kind=row.kind,
        census_level=row.level,
        geoid=row.geoid or None,
        legal_type=row.legal_type,
        functional_status=row.functional_status,
        population=row.population,
        population_year=row.population_year if row.population is not None else None,
        population_source=row.population_source if row.population is not None else "",
        latitude=row.latitude,
        longitude=row.longitude,
    )


def reconcile(
    rows: list[CensusRow],
    *,
    report: ImportReport,
    change_reason: str,
    progress: Progress | None = None,
    index: DirectoryIndex | None = None,
) -> DirectoryIndex:
    """Match, update and create directory entries for `rows`; fill in `report`."""
    index = index or DirectoryIndex()
    rows = _without_duplicates(rows, report)
    # Counties first (places find their county's name), then places, then county subdivisions,
    # so a New England town never takes the entry of a same-named city.
    to_update: list[tuple[Jurisdiction, tuple[str, ...]]] = []
    to_create: list[Jurisdiction] = []
    now = timezone.now()
    tick = progress.advance if progress else (lambda: None)
    for level in (CensusLevel.COUNTY, CensusLevel.PLACE, CensusLevel.COUNTY_SUBDIVISION):
        level_rows = [row for row in rows if row.level == level]
        for row in level_rows:
            if row.county_fips and not row.county_name:
                county = index.county(row.county_fips)
                row.county_name = county.name if county else ""
            elif row.county_name and not row.county_fips and row.level != CensusLevel.COUNTY:
                county = index.county_named(row.state, row.county_name)
                row.county_fips = county.county_fips if county else ""
        matched, new, ambiguous = _match_in_rounds(level_rows, index)
        for row, entry in matched:
            tick()
            changes = _changes(entry, row)
            if changes:
                before = {name: getattr(entry, name) for name in changes}
                for name, value in changes.items():
                    setattr(entry, name, value)
                try:
                    entry.clean_fields(exclude=[f.name for f in FIELDS if f.name not in changes])
                except ValidationError as exc:
                    for name, value in before.items():
                        setattr(entry, name, value)
                    report.reject(f"invalid values: {'; '.join(exc.messages)}", row.describe())
                    continue
                entry.updated_at = now
                to_update.append((entry, tuple(sorted(changes))))
                report.updated += 1
            else:
                report.unchanged += 1
        for row in new:
            tick()
            if not row.create:
                label = GovernmentType(row.kind).label
                report.skip(f"{label} not in the directory (not created)", row.describe())
                continue
            entry = _new_entry(row, index)
            try:
                entry.clean_fields()
            except ValidationError as exc:
                index.slugs.discard(entry.slug)
                report.reject(f"invalid values: {'; '.join(exc.messages)}", row.describe())
                continue
            index.add_new(entry)
            to_create.append(entry)
            report.created += 1
        for row, candidates in ambiguous:
            tick()
            names = ", ".join(sorted(c.slug for c in candidates)[:5])
            report.ambiguous.append(f"{row.describe()} → {names}")
    _save(to_create, to_update, change_reason)
    return index


def _without_duplicates(rows: list[CensusRow], report: ImportReport) -> list[CensusRow]:
    seen: dict[tuple, int] = {}
    unique = []
    for row in rows:
        if row.identity in seen:
            example = f"{row.describe()} = line {seen[row.identity]}"
            report.reject("duplicate of an earlier row", example)
            continue
        seen[row.identity] = row.line
        unique.append(row)
    return unique


def _match_in_rounds(rows: list[CensusRow], index: DirectoryIndex):
    matched: list[tuple[CensusRow, Jurisdiction]] = []
    new: list[CensusRow] = []
    pending = rows
    while True:
        claims: dict[int, list[CensusRow]] = defaultdict(list)
        entries: dict[int, Jurisdiction] = {}
        unresolved: list[tuple[CensusRow, list[Jurisdiction]]] = []
        for row in pending:
            resolution = index.resolve(row)
            if resolution.entry is not None:
                claims[id(resolution.entry)].append(row)
                entries[id(resolution.entry)] = resolution.entry
            elif resolution.ambiguous:
                unresolved.append((row, resolution.candidates))
            else:
                new.append(row)
        progressed = False
        for key, claimants in claims.items():
            if len(claimants) == 1:
                index.claim(entries[key], claimants[0])
                matched.append((claimants[0], entries[key]))
                progressed = True
            else:
                unresolved.extend((row, [entries[key]]) for row in claimants)
        if not progressed or not unresolved:
            return matched, new, unresolved
        pending = [row for row, _ in unresolved]


def _save(to_create, to_update, change_reason) -> None:
    if to_update:
        update_many(Jurisdiction, [(entry, (*fields, "updated_at")) for entry, fields in to_update])
        record_history([entry for entry, _ in to_update], history_type="~", reason=change_reason)
    if to_create:
        insert_many(Jurisdiction, to_create)
        ids = dict(Jurisdiction.objects.values_list("slug", "id"))
        for entry in to_create:
            entry.pk = ids[entry.slug]
        record_history(to_create, history_type="+", reason=change_reason)
    if to_update or to_create:
        transaction.on_commit(
            lambda: bulk_changed.send(Jurisdiction, directory=True, indicators=False)
        )
