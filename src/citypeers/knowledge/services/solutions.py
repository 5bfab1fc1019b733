"""Writes for solutions, their outcomes, links and attachments."""

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from citypeers.accounts.enums import OrganisationKind
from citypeers.core.enums import PublicationStatus
from citypeers.core.services import (
    attribute_change,
    bulk_create_attributed,
    claim_version,
    unique_slug,
)
from citypeers.knowledge.enums import CostBand, EvidenceLevel, SolutionStatus
from citypeers.knowledge.models import (
    Solution,
    SolutionAttachment,
    SolutionLink,
    SolutionOutcome,
)
from citypeers.knowledge.permissions import can_add_entries_for, can_edit_entry
from citypeers.knowledge.services.indexing import SOLUTION, reindex_solution
from citypeers.knowledge.services.statements import check_actor
from citypeers.knowledge.validators import MAX_ATTACHMENTS, attachment_content_type
from citypeers.search.services import remove_document

MAX_OUTCOMES = 30
MAX_LINKS = 20
PARTNER_KINDS = (OrganisationKind.PARTNER, OrganisationKind.COALITION)
FIELDS = (
    "title",
    "problem",
    "approach",
    "cost_band",
    "started_on",
    "solution_status",
    "evidence_level",
    "source_note",
    "status",
)


@dataclass(frozen=True)
class OutcomeData:
    name: str
    value: float
    baseline: float | None = None
    unit: str = ""
    measured_on: dt.date | None = None


@dataclass(frozen=True)
class LinkData:
    title: str
    url: str


def _check_challenges(challenges) -> list:
    challenges = list(challenges or [])
    if not challenges:
        raise ValidationError({"challenges": ["Choose at least one challenge this addresses."]})
    return challenges


def _check_partners(partners) -> list:
    partners = list(partners or [])
    wrong = [p.name for p in partners if p.kind not in PARTNER_KINDS]
    if wrong:
        raise ValidationError(
            {"partners": [f"Not a partner organisation or coalition: {', '.join(wrong)}."]}
        )
    return partners


def _check_started_on(value) -> None:
    if value is not None and not (1900 <= value.year <= 2100):
        raise ValidationError({"started_on": ["Enter a start date between 1900 and 2100."]})


def _outcome_rows(solution, outcomes: Sequence[OutcomeData]) -> list[SolutionOutcome]:
    if len(outcomes) > MAX_OUTCOMES:
        raise ValidationError({"outcomes": [f"At most {MAX_OUTCOMES} outcomes."]})
    rows = []
    for index, data in enumerate(outcomes, start=1):
        for label, number in (("value", data.value), ("baseline", data.baseline)):
            if number is not None and not math.isfinite(number):
                raise ValidationError({"outcomes": [f"Outcome {index}: {label} must be a number."]})
        row = SolutionOutcome(
            solution=solution,
            name=(data.name or "").strip(),
            value=data.value,
            baseline=data.baseline,
            unit=(data.unit or "").strip(),
            measured_on=data.measured_on,
        )
        try:
            row.full_clean(exclude=["solution"])
        except ValidationError as exc:
            raise ValidationError(
                {"outcomes": [f"Outcome {index}: {m}" for m in exc.messages]}
            ) from exc
        _check_started_on(data.measured_on)
        rows.append(row)
    return rows


def _link_rows(solution, links: Sequence[LinkData]) -> list[SolutionLink]:
    if len(links) > MAX_LINKS:
        raise ValidationError({"links": [f"At most {MAX_LINKS} links."]})
    rows = []
    for index, data in enumerate(links, start=1):
        row = SolutionLink(
            solution=solution, title=(data.title or "").strip(), url=(data.url or "").strip()
        )
        try:
            row.full_clean(exclude=["solution"])
        except ValidationError as exc:
            raise ValidationError({"links": [f"Link {index}: {m}" for m in exc.messages]}) from exc
        rows.append(row)
    return rows


def _outcome_key(o) -> tuple:
    return (o.name, o.baseline, o.value, o.unit, o.measured_on)


@transaction.atomic
def create_solution(
    *,
    owner,
    title: str,
    problem: str,
    approach: str,
    challenges: Iterable,
    partners: Iterable = (),
    cost_band: str = CostBand.UNKNOWN,
    started_on: dt.date | None = None,
    solution_status: str = SolutionStatus.PLANNED,
    evidence_level: str = EvidenceLevel.ANECDOTAL,
    source_note: str = "",
    status: str = PublicationStatus.DRAFT,
    outcomes: Sequence[OutcomeData] = (),
    links: Sequence[LinkData] = (),
    is_demo: bool = False,
    slug: str = "",
    actor=None,
) -> Solution:
    """Create a solution owned by `owner` with its challenges, partners, outcomes and links.

    Raises ValidationError with field keys. The slug comes from the title (made unique) unless
    given. Published solutions are indexed for search.
    """
    check_actor(actor, can_add_entries_for, owner)
    challenges = _check_challenges(challenges)
    partners = _check_partners(partners)
    _check_started_on(started_on)
    solution = Solution(
        owner=owner,
        title=(title or "").strip(),
        problem=(problem or "").strip(),
        approach=(approach or "").strip(),
        cost_band=cost_band,
        started_on=started_on,
        solution_status=solution_status,
        evidence_level=evidence_level,
        source_note=(source_note or "").strip(),
        status=status,
        is_demo=is_demo,
        slug=slug or unique_slug(Solution, title or "", max_length=120, fallback="solution"),
    )
    solution.full_clean()
    outcome_rows = _outcome_rows(solution, outcomes)
    link_rows = _link_rows(solution, links)
    attribute_change(solution, actor)
    solution.save()
    solution.challenges.set(challenges)
    solution.partners.set(partners)
    bulk_create_attributed(SolutionOutcome, outcome_rows, actor)
    bulk_create_attributed(SolutionLink, link_rows, actor)
    reindex_solution(solution)
    return solution


@transaction.atomic
def update_solution(
    *,
    solution: Solution,
    challenges: Iterable | None = None,
    partners: Iterable | None = None,
    outcomes: Sequence[OutcomeData] | None = None,
    links: Sequence[LinkData] | None = None,
    actor=None,
    expected_version: int | None = None,
    **fields,
) -> Solution:
    """Change fields and (when given) replace challenges, partners, outcomes or links.

    One history record per call; changes to related rows are named in its change reason.
    `expected_version` is the version the editor read: if someone saved since, StaleEdit is
    raised and nothing is written. Every call bumps the version.
    """
    check_actor(actor, can_edit_entry, solution)
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    claim_version(solution, expected_version=expected_version, noun="solution")
    for name, value in fields.items():
        setattr(solution, name, value.strip() if isinstance(value, str) else value)
    if "started_on" in fields:
        _check_started_on(solution.started_on)
    solution.full_clean()
    related_changes = []
    if challenges is not None:
        challenges = _check_challenges(challenges)
        if {c.pk for c in challenges} != set(solution.challenges.values_list("pk", flat=True)):
            solution.challenges.set(challenges)
            related_changes.append("challenges")
    if partners is not None:
        partners = _check_partners(partners)
        if {p.pk for p in partners} != set(solution.partners.values_list("pk", flat=True)):
            solution.partners.set(partners)
            related_changes.append("partners")
    if outcomes is not None:
        rows = _outcome_rows(solution, outcomes)
        before = sorted(_outcome_key(o) for o in solution.outcomes.all())
        if sorted(_outcome_key(o) for o in rows) != before:
            solution.outcomes.all().delete()
            bulk_create_attributed(SolutionOutcome, rows, actor)
            related_changes.append("outcomes")
    if links is not None:
        link_rows = _link_rows(solution, links)
        before = sorted((li.title, li.url) for li in solution.links.all())
        if sorted((li.title, li.url) for li in link_rows) != before:
            solution.links.all().delete()
            bulk_create_attributed(SolutionLink, link_rows, actor)
            related_changes.append("links")
    attribute_change(
        solution, actor, "Also changed: " + ", ".join(related_changes) if related_changes else ""
    )
    # Only the fields this call changes: a concurrent edit of other fields is not undone.
    solution.save(update_fields=[*fields, "version", "updated_at"])
    reindex_solution(solution)
    return solution


@transaction.atomic
def delete_solution(*, solution: Solution, actor=None) -> None:
    """Delete a solution with its outcomes, links and attachment files; history is kept."""
    check_actor(actor, can_edit_entry, solution)
    pk = solution.pk
    files = [a.file for a in solution.attachments.all()]
    attribute_change(solution, actor)
    solution.delete()
    remove_document(kind=SOLUTION, object_id=pk)
    # Files go only once the rows are gone for good.
    # The list only calls `delete` on each file; its Nones are thrown away.
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])  # type: ignore[func-returns-value]


@transaction.atomic
def add_attachment(*, solution: Solution, title: str, file, actor=None) -> SolutionAttachment:
    """Attach an uploaded file after checking its type, content and size."""
    check_actor(actor, can_edit_entry, solution)
    if solution.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError({"file": [f"A solution can have at most {MAX_ATTACHMENTS} files."]})
    try:
        content_type = attachment_content_type(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    attachment = SolutionAttachment(
        solution=solution,
        title=(title or "").strip() or file.name[:200],
        file=file,
        content_type=content_type,
        size=file.size,
    )
    attachment.full_clean()
    attachment.save()
    attribute_change(solution, actor, f"Added attachment: {attachment.title}")
    solution.save(update_fields=["updated_at"])
    return attachment


@transaction.atomic
def delete_attachment(*, attachment: SolutionAttachment, actor=None) -> None:
    check_actor(actor, can_edit_entry, attachment.solution)
    solution, file = attachment.solution, attachment.file
    title = attachment.title
    attachment.delete()
    attribute_change(solution, actor, f"Removed attachment: {title}")
    solution.save(update_fields=["updated_at"])
    transaction.on_commit(lambda: file.delete(save=False))
