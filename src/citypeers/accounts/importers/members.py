"""`import members`: resolve a network's member list (name, state) to directory entries.

Columns: `name` and `state` (USPS code, FIPS code or state name), optionally `geoid`. Names may
be written "Boston", "Boston city" or "City of Boston". Several matching entries are reported
as ambiguous, never guessed; a legal suffix in the name ("Springfield township") narrows the
candidates to that type, and otherwise a single incorporated place wins over unconfirmed
places, townships and CDPs of the same name.

Every row left out (ambiguous, not in the directory, listed twice, missing a name or state) is
kept in the report's `left_out`, in file order, so the people fixing the list see each one.
"""

from dataclasses import dataclass, field
from pathlib import Path

from citypeers.accounts.models import Organisation
from citypeers.accounts.services.member_cities import add_member_cities
from citypeers.directory.enums import CensusLevel, GovernmentType
from citypeers.directory.importers.base import (
    ImportFileError,
    ImportReport,
    Progress,
    atomic_import,
    cell_getter,
    read_table,
)
from citypeers.directory.importers.indicators import normalise_geoid
from citypeers.directory.models import Jurisdiction
from citypeers.directory.naming import candidate_keys, kind_for_legal_type, split_legal_name
from citypeers.directory.states import find_state


@dataclass(frozen=True)
class LeftOutRow:
    """A row of the member list that was not matched to exactly one government."""

    line: int
    name: str
    state: str
    reason: str
    # Directory slugs of the governments an ambiguous row could mean (else empty).
    candidates: tuple[str, ...] = ()


AMBIGUOUS = "ambiguous"


@dataclass
class MemberImportReport(ImportReport):
    left_out: list[LeftOutRow] = field(default_factory=list)

    def leave_out(self, row: LeftOutRow, example: str) -> None:
        self.left_out.append(row)
        if row.reason == AMBIGUOUS:
            self.ambiguous.append(example)
        else:
            self.reject(row.reason, example)


# The columns of a CSV of the rows left out (the coalition page's download, `--left-out`).
LEFT_OUT_COLUMNS = ["line", "name", "state", "reason", "directory entries"]


def left_out_rows(report: MemberImportReport) -> list[list]:
    """The rows left out as CSV rows, in LEFT_OUT_COLUMNS order (entries space-separated)."""
    return [[r.line, r.name, r.state, r.reason, " ".join(r.candidates)] for r in report.left_out]


class MemberIndex:
    def __init__(self):
        self.by_key: dict[tuple[str, str], list[Jurisdiction]] = {}
        self.by_geoid: dict[str, Jurisdiction] = {}
        for entry in Jurisdiction.objects.only(
            "id", "slug", "name", "name_normalised", "state", "kind", "census_level", "geoid"
        ):
            self.by_key.setdefault((entry.state, entry.name_normalised), []).append(entry)
            if entry.geoid:
                self.by_geoid[entry.geoid] = entry

    def resolve(self, name: str, state: str) -> tuple[Jurisdiction | None, list[Jurisdiction]]:
        _, suffix = split_legal_name(name)
        kind_hint = kind_for_legal_type(suffix) if suffix else None
        wants_county = "county" in name.lower()
        for key in candidate_keys(name):
            found = [
                e
                for e in self.by_key.get((state, key), [])
                if wants_county or e.kind != GovernmentType.COUNTY
            ]
            if kind_hint and len(found) > 1:
                found = [e for e in found if e.kind == kind_hint] or found
            if len(found) > 1:
                places = [e for e in found if e.census_level == CensusLevel.PLACE]
                found = places if len(places) == 1 else found
            if len(found) == 1:
                return found[0], found
            if found:
                return None, found
        return None, []


def import_members(
    *,
    path: Path | str,
    network: str,
    dry_run: bool = False,
    encoding: str | None = None,
    progress_stream=None,
    progress_every: int = 500,
) -> MemberImportReport:
    """Add each listed jurisdiction to the organisation `network` (by slug). Atomic."""
    organisation = Organisation.objects.filter(slug=network).first()
    if organisation is None:
        raise ImportFileError(f"No organisation with the slug {network!r}.")
    report = MemberImportReport(
        title=f"Members of {organisation.name} from {Path(path).name}", dry_run=dry_run
    )
    header, table = read_table(path, report=report, encoding=encoding)
    positions = {column.lower(): i for i, column in enumerate(header)}
    if "name" not in positions or "state" not in positions:
        raise ImportFileError(f"{Path(path).name} needs the columns name and state.")
    get = cell_getter(positions)
    progress = Progress(len(table), label="members", stream=progress_stream, every=progress_every)
    index = MemberIndex()
    resolved: dict[int, Jurisdiction] = {}
    for row in table:
        line = row.line
        report.rows += 1
        progress.advance()
        name, state_text = get(row, "name"), get(row, "state")
        geoid = normalise_geoid(get(row, "geoid")) if "geoid" in positions else ""
        if geoid and geoid in index.by_geoid:
            entry = index.by_geoid[geoid]
        else:
            state = find_state(state_text)
            if not name or state is None:
                report.leave_out(
                    LeftOutRow(line, name, state_text, "missing name or unknown state"),
                    f"line {line}: {name!r}, {state_text!r}",
                )
                continue
            entry, candidates = index.resolve(name, state.code)
            if entry is None and candidates:
                slugs = tuple(sorted(c.slug for c in candidates))
                report.leave_out(
                    LeftOutRow(line, name, state.code, AMBIGUOUS, slugs),
                    f"line {line}: {name}, {state.code} → {', '.join(slugs[:6])}",
                )
                continue
            if entry is None:
                report.leave_out(
                    LeftOutRow(line, name, state.code, "not in the directory"),
                    f"line {line}: {name}, {state.code}",
                )
                continue
        if entry.pk in resolved:
            report.leave_out(
                LeftOutRow(line, name, entry.state, "listed twice", (entry.slug,)),
                f"line {line}: {name} = {entry.slug}",
            )
            continue
        resolved[entry.pk] = entry
    with atomic_import(dry_run):
        added, existing = add_member_cities(
            organisation=organisation, jurisdiction_ids=list(resolved)
        )
    report.created, report.unchanged = added, existing
    return report
