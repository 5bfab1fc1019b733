"""The cohort optimiser: pure functions over plain data, no database.

`propose_cohort(candidates, rules)` picks an exact ILP (PuLP + CBC) for pools up to
`EXACT_LIMIT` candidates and a greedy + swap local search beyond, and always reports an LP
upper bound so the gap is visible. `explain_cohort` says what each chosen city teaches whom and
learns from whom.
"""

from citypeers.workshops.engine.explain import explain_cohort
from citypeers.workshops.engine.problem import (
    Candidate,
    CohortResult,
    CohortRules,
    Offer,
    Problem,
    prepare,
)
from citypeers.workshops.engine.solve import (
    EXACT_LIMIT,
    exhaustive_cohort,
    heuristic_cohort,
    lp_bound,
    propose_cohort,
    solve_exact,
)

__all__ = [
    "EXACT_LIMIT",
    "Candidate",
    "CohortResult",
    "CohortRules",
    "Offer",
    "Problem",
    "exhaustive_cohort",
    "explain_cohort",
    "heuristic_cohort",
    "lp_bound",
    "prepare",
    "propose_cohort",
    "solve_exact",
]
