"""Which met criteria still lack the evidence their framework requires.

A requirement is satisfied by an item attached for it (its requirement key); items attached
without a key count for the criterion's open requirements in order, so a city that attached one
document to a criterion with one required item is done. Only met criteria need evidence: a city
that does not claim a practice has nothing to prove.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from citypeers.assessments.engine.scoring import ScoreResult
from citypeers.assessments.engine.spec import FrameworkVersionSpec


@dataclass(frozen=True)
class MissingEvidence:
    criterion: str
    title: str
    area: str
    requirements: tuple[str, ...]  # the texts of the required items still missing


def missing_evidence(
    spec: FrameworkVersionSpec, result: ScoreResult, attached: Mapping[str, Sequence[str]]
) -> list[MissingEvidence]:
    """Met criteria with required evidence not attached, in framework order.

    `attached` maps a criterion key to the requirement keys of its items ("" for an item
    attached without one).
    """
    missing = []
    for criterion in spec.criteria:
        required = [e for e in criterion.evidence if e.required]
        if not required or not result.criteria[criterion.key].met:
            continue
        keys = list(attached.get(criterion.key, ()))
        open_ = [e for e in required if e.key not in keys]
        unkeyed = sum(1 for k in keys if not k or k not in {e.key for e in criterion.evidence})
        open_ = open_[unkeyed:]
        if open_:
            missing.append(
                MissingEvidence(
                    criterion=criterion.key,
                    title=criterion.title,
                    area=criterion.area,
                    requirements=tuple(e.text for e in open_),
                )
            )
    return missing
