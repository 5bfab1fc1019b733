"""Hard filters applied before ranking: state, population band, government kind, id sets."""

from dataclasses import dataclass

import numpy as np

from citypeers.matching.engine.features import FeatureMatrix


@dataclass(frozen=True)
class Filters:
    """Hard filters applied before ranking. `id_sets`: a city must be in each set."""

    same_state: bool | None = None  # True: same state only; False: other states only
    population_min: float | None = None
    population_max: float | None = None  # exclusive
    kinds: frozenset[str] = frozenset()
    levels: frozenset[str] = frozenset()  # geography levels (place, county_subdivision, county)
    id_sets: tuple[frozenset[int], ...] = ()

    @property
    def active(self) -> bool:
        return bool(
            self.same_state is not None
            or self.population_min is not None
            or self.population_max is not None
            or self.kinds
            or self.levels
            or self.id_sets
        )


def filter_mask(
    matrix: FeatureMatrix, subject_row: int, filters: Filters | None
) -> np.ndarray | None:
    """Boolean (n,) of cities that pass the hard filters, or None when nothing is filtered."""
    if filters is None or not filters.active:
        return None
    attrs = matrix.attrs
    mask = np.ones(matrix.n, dtype=bool)
    if filters.same_state is not None:
        same = attrs.state == attrs.state[subject_row]
        mask &= same if filters.same_state else ~same
    pop = attrs.population
    if filters.population_min is not None:
        mask &= np.nan_to_num(pop, nan=-1.0) >= filters.population_min
    if filters.population_max is not None:
        mask &= np.nan_to_num(pop, nan=np.inf) < filters.population_max
    if filters.kinds:
        mask &= np.isin(attrs.kind, sorted(filters.kinds))
    if filters.levels and attrs.level is not None:
        if len(filters.levels) == 1:  # the usual case; isin on strings sorts them all
            mask &= attrs.level == next(iter(filters.levels))
        else:
            mask &= np.isin(attrs.level, sorted(filters.levels))
    for ids in filters.id_sets:
        mask &= np.isin(matrix.ids, np.fromiter(ids, dtype=np.int64, count=len(ids)))
    return mask
