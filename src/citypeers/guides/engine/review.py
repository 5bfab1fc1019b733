"""What a guide edition still needs before it may be published: the review rules, pure.

The guide's rules say how many approvals it needs and whether one must come from outside the
consortium. An approval counts only from a reviewer who did not write the guide and is not the
person publishing, so nobody can author, review and publish alone.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReviewRules:
    required_approvals: int = 2
    outside_approval_required: bool = True


@dataclass(frozen=True)
class Review:
    reviewer_id: int
    reviewer_name: str
    decision: str  # "pending", "approved" or "changes_requested"
    outside_consortium: bool


@dataclass(frozen=True)
class Readiness:
    missing: tuple[str, ...]
    counted_approvals: int

    @property
    def ready(self) -> bool:
        return not self.missing


def readiness(
    rules: ReviewRules,
    reviews: list[Review],
    *,
    author_ids: frozenset[int],
    publisher_id: int | None,
    open_comments: int,
) -> Readiness:
    """The reasons an edition cannot be published yet (none: it can)."""
    counted = [
        r
        for r in reviews
        if r.decision == "approved"
        and r.reviewer_id not in author_ids
        and r.reviewer_id != publisher_id
    ]
    missing: list[str] = []
    short = rules.required_approvals - len(counted)
    if short > 0:
        noun = "approval" if short == 1 else "approvals"
        missing.append(
            f"{short} more reviewer {noun} (the guide needs {rules.required_approvals}, "
            f"it has {len(counted)})."
        )
    if rules.outside_approval_required and not any(r.outside_consortium for r in counted):
        missing.append("An approval from a reviewer outside the consortium.")
    changes = sorted(r.reviewer_name for r in reviews if r.decision == "changes_requested")
    if changes:
        missing.append(f"Changes requested by {', '.join(changes)} must be answered.")
    if open_comments:
        noun = "comment" if open_comments == 1 else "comments"
        missing.append(f"{open_comments} unresolved review {noun}.")
    if publisher_id is not None and any(
        r.reviewer_id == publisher_id and r.decision == "approved" for r in reviews
    ):
        missing.append(
            "You approved this edition as a reviewer: someone else in the consortium must "
            "publish it."
        )
    return Readiness(missing=tuple(missing), counted_approvals=len(counted))


def next_edition_number(published: list[tuple[int, int]], *, major: bool) -> tuple[int, int]:
    """1.0 for the first edition; then the next minor (1.1) or major (2.0) number."""
    if not published:
        return (1, 0)
    last_major, last_minor = max(published)
    return (last_major + 1, 0) if major else (last_major, last_minor + 1)
