"""Which existing directory entry becomes which shipped Census entry. Pure: no Django.

`citypeers setup_site` upgrades a directory loaded from an older shipped list (GeoNames places,
some confirmed by Census imports) in place. Each existing entry is matched to a shipped entry:

1. by GEOID when it has one (and only by GEOID: a CDP's GEOID matches nothing, its name is not
   tried);
2. otherwise by state and normalised name (its literal name first, then without a legal
   suffix: "New York City" -> "new york"), among shipped entries of the same Census level when
   the entry has one; a shipped entry answers to its own name and to its aliases (the city of a
   consolidated government: "nashville" for Nashville-Davidson). Of several candidates, an
   unclaimed one in the entry's county wins, then the closest population. A candidate whose
   population is more than `MAX_POPULATION_RATIO` times larger or smaller is not the same
   place (a GeoNames CDP "Brandon" is not a township "Brandon" of 800 people).

An entry whose best shipped entry another entry already claimed is a duplicate of it: it is
merged (deleted) when it has no content, takes the claim over when only it has content, and is
left alone (reported) when both have content. Unmatched entries with content are left alone;
unmatched entries without content are removed.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

MAX_POPULATION_RATIO = 5.0


@dataclass(frozen=True)
class Existing:
    pk: int
    state: str
    name_keys: tuple[str, ...]
    geoid: str | None = None
    level: str = ""
    county_fips: str = ""
    population: int | None = None
    has_content: bool = False


@dataclass(frozen=True)
class Shipped:
    geoid: str
    state: str
    name_keys: tuple[str, ...]
    level: str
    county_fips: str = ""
    population: int | None = None


@dataclass
class UpgradePlan:
    matched: dict[int, str] = field(default_factory=dict)  # existing pk -> shipped GEOID
    merged: dict[int, int] = field(default_factory=dict)  # removed duplicate pk -> kept pk
    removed: list[int] = field(default_factory=list)
    left: dict[int, str] = field(default_factory=dict)  # pk -> why it was left alone


def _distance(a: int | None, b: int | None) -> float:
    if not a or not b:
        return math.inf
    return abs(math.log(a / b))


def _plausible(entry: Existing, candidate: Shipped) -> bool:
    return _distance(entry.population, candidate.population) <= math.log(MAX_POPULATION_RATIO)


def plan_upgrade(existing: list[Existing], shipped: list[Shipped]) -> UpgradePlan:
    plan = UpgradePlan()
    by_geoid = {s.geoid: s for s in shipped}
    by_name: dict[tuple[str, str], list[Shipped]] = defaultdict(list)
    for entry in shipped:
        for key in entry.name_keys:
            by_name[(entry.state, key)].append(entry)
    claimed: dict[str, Existing] = {}
    pending: list[Existing] = []
    for entry in sorted(existing, key=lambda e: e.pk):
        if entry.geoid:
            target = by_geoid.get(entry.geoid)
            if target is not None:
                claimed[target.geoid] = entry
                plan.matched[entry.pk] = target.geoid
            else:
                _unmatched(plan, entry, "its GEOID is not a shipped local government")
        else:
            pending.append(entry)
    # Largest first: the best-known place of a name claims the closest candidate.
    pending.sort(key=lambda e: (-(e.population or 0), e.pk))
    for entry in pending:
        candidates = _candidates(entry, by_name)
        free = [c for c in candidates if c.geoid not in claimed]
        if free:
            target = free[0]
            claimed[target.geoid] = entry
            plan.matched[entry.pk] = target.geoid
        elif candidates:
            _duplicate(plan, entry, claimed, candidates[0])
        else:
            _unmatched(plan, entry, "no shipped local government of that name and size")
    return plan


def _candidates(entry: Existing, by_name) -> list[Shipped]:
    for key in entry.name_keys:
        found = [
            c
            for c in by_name.get((entry.state, key), [])
            if (not entry.level or c.level == entry.level) and _plausible(entry, c)
        ]
        if found:
            return sorted(
                found,
                key=lambda c: (
                    not (entry.county_fips and entry.county_fips == c.county_fips),
                    _distance(entry.population, c.population),
                    c.geoid,
                ),
            )
    return []


def _duplicate(plan: UpgradePlan, entry: Existing, claimed, target: Shipped) -> None:
    holder = claimed[target.geoid]
    if not entry.has_content:
        plan.merged[entry.pk] = holder.pk
    elif not holder.has_content:
        # The entry with content keeps its pk (and its content); the empty one goes.
        del plan.matched[holder.pk]
        plan.matched[entry.pk] = target.geoid
        for merged, kept in plan.merged.items():
            if kept == holder.pk:
                plan.merged[merged] = entry.pk
        plan.merged[holder.pk] = entry.pk
        claimed[target.geoid] = entry
    else:
        plan.left[entry.pk] = f"duplicate of entry {holder.pk}; both have content"


def _unmatched(plan: UpgradePlan, entry: Existing, reason: str) -> None:
    if entry.has_content:
        plan.left[entry.pk] = reason
    else:
        plan.removed.append(entry.pk)
