"""Writes for replication records: start one, edit it (optimistic concurrency), move its stage."""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from citypeers.accounts.enums import OrganisationKind
from citypeers.coalitions.engine.stages import TransitionRefused, check_move
from citypeers.coalitions.enums import FinancialModel, ReplicationStage, ReplicationVisibility
from citypeers.coalitions.models import (
    BarrierKind,
    Replication,
    ReplicationBarrier,
    ReplicationCost,
    ReplicationOutcome,
    StageChange,
)
from citypeers.coalitions.permissions import can_edit_replication, can_replicate_for
from citypeers.coalitions.services import notify
from citypeers.coalitions.services.indexing import refresh_replication
from citypeers.core.services import StaleEdit, attribute_change, bulk_create_attributed

MAX_ROWS = 30
PARTNER_KINDS = (OrganisationKind.PARTNER, OrganisationKind.COALITION)
FIELDS = (
    "adapted",
    "financial_model",
    "prompted_by_insight",
    "prompted_by_workshop",
    "prompted_by_note",
    "visibility",
)


@dataclass(frozen=True)
class BarrierData:
    kind: BarrierKind
    notes: str = ""


@dataclass(frozen=True)
class CostData:
    kind: str
    amount: Decimal
    year: int
    currency: str = "USD"
    note: str = ""


@dataclass(frozen=True)
class OutcomeData:
    metric: str
    value: float
    baseline: float | None = None
    unit: str = ""
    unit_note: str = ""
    measured_on: dt.date | None = None
    source_note: str = ""


def _check_partners(partners) -> list:
    partners = list(partners or [])
    wrong = [p.name for p in partners if p.kind not in PARTNER_KINDS]
    if wrong:
        raise ValidationError(
            {"partners": [f"Not a partner organisation or coalition: {', '.join(wrong)}."]}
        )
    return partners


def _check_prompt(fields: dict) -> None:
    insight = fields.get("prompted_by_insight")
    if insight is not None and getattr(insight, "state", "published") != "published":
        raise ValidationError({"prompted_by_insight": ["Cite a published insight."]})


@transaction.atomic
def start_replication(
    *,
    solution,
    adopter,
    actor,
    adapted: str = "",
    financial_model: str = FinancialModel.UNKNOWN,
    partners=(),
    prompted_by_insight=None,
    prompted_by_workshop=None,
    prompted_by_note: str = "",
    visibility: str = ReplicationVisibility.NETWORK,
    is_demo: bool = False,
    started_on: dt.date | None = None,
) -> Replication:
    """Record that `adopter` is considering `solution` (stage "considering").

    Checks `can_replicate_for` on the adopting city; a city cannot replicate its own solution.
    Writes the first stage change and, after commit, emails the origin city's editors.
    """
    if not can_replicate_for(actor, adopter):
        raise PermissionDenied("Only this city's editors can record a replication.")
    if solution.owner_id == adopter.pk:
        raise ValidationError({"adopter": ["A city cannot replicate its own solution."]})
    if Replication.objects.filter(solution=solution, adopter=adopter).exists():
        raise ValidationError(
            {"solution": [f"{adopter.name} already has a record for this solution."]}
        )
    fields = {
        "adapted": adapted,
        "financial_model": financial_model,
        "prompted_by_insight": prompted_by_insight,
        "prompted_by_workshop": prompted_by_workshop,
        "prompted_by_note": prompted_by_note,
        "visibility": visibility,
    }
    _check_prompt(fields)
    today = started_on or timezone.localdate()
    replication = Replication(
        solution=solution,
        adopter=adopter,
        stage=ReplicationStage.CONSIDERING,
        stage_changed_on=today,
        is_demo=is_demo,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    replication.full_clean()
    attribute_change(replication, actor, "Started")
    replication.save()
    replication.partners.set(_check_partners(partners))
    StageChange.objects.create(
        replication=replication,
        from_stage="",
        to_stage=ReplicationStage.CONSIDERING,
        changed_on=today,
        actor=replication.created_by,
    )
    pk = replication.pk
    refresh_replication(pk)
    transaction.on_commit(lambda: notify.notify_origin_of_replication(pk))
    return replication


def _check_version(replication: Replication, version: int | None) -> None:
    if version is not None and version != replication.version:
        raise StaleEdit(replication, expected_version=version, noun="replication record")


def _barrier_rows(replication, barriers: Sequence[BarrierData]) -> list[ReplicationBarrier]:
    kinds = [b.kind.pk for b in barriers]
    if len(kinds) != len(set(kinds)):
        raise ValidationError({"barriers": ["Name each barrier once."]})
    return [
        ReplicationBarrier(replication=replication, kind=b.kind, notes=b.notes.strip())
        for b in barriers
    ]


def _cost_rows(replication, costs: Sequence[CostData]) -> list[ReplicationCost]:
    rows = []
    for index, data in enumerate(costs, start=1):
        row = ReplicationCost(
            replication=replication,
            kind=data.kind,
            amount=data.amount,
            currency=(data.currency or "USD").upper(),
            year=data.year,
            note=data.note.strip(),
        )
        try:
            row.full_clean(exclude=["replication"])
        except ValidationError as error:
            raise ValidationError(
                {"costs": [f"Cost {index}: {m}" for m in error.messages]}
            ) from None
        rows.append(row)
    return rows


def _outcome_rows(replication, outcomes: Sequence[OutcomeData]) -> list[ReplicationOutcome]:
    """Outcomes must use the origin solution's metrics; a different unit needs a note."""
    origin = {o.name: o.unit for o in replication.solution.outcomes.all()}
    rows = []
    for index, data in enumerate(outcomes, start=1):
        if data.metric not in origin:
            known = ", ".join(sorted(origin)) or "none recorded"
            raise ValidationError(
                {
                    "outcomes": [
                        f"Outcome {index}: “{data.metric}” is not one of the origin "
                        f"solution's metrics ({known})."
                    ]
                }
            )
        for label, number in (("value", data.value), ("baseline", data.baseline)):
            if number is not None and not math.isfinite(number):
                raise ValidationError({"outcomes": [f"Outcome {index}: {label} must be a number."]})
        if data.unit != origin[data.metric] and not data.unit_note.strip():
            raise ValidationError(
                {
                    "outcomes": [
                        f"Outcome {index}: the origin measures “{data.metric}” in "
                        f"“{origin[data.metric]}”; use that unit or say why yours differs."
                    ]
                }
            )
        rows.append(
            ReplicationOutcome(
                replication=replication,
                metric=data.metric,
                value=data.value,
                baseline=data.baseline,
                unit=data.unit,
                unit_note=data.unit_note.strip(),
                measured_on=data.measured_on,
                source_note=data.source_note.strip(),
            )
        )
    return rows


@transaction.atomic
def update_replication(
    *,
    replication: Replication,
    actor,
    version: int | None = None,
    partners=None,
    barriers: Sequence[BarrierData] | None = None,
    costs: Sequence[CostData] | None = None,
    outcomes: Sequence[OutcomeData] | None = None,
    **fields,
) -> Replication:
    """Change what was adapted, the financial model, prompts, visibility, partners, barriers,
    costs and outcomes. Lists given replace the old ones; None leaves them.

    `version` is the version the editor read: a stale save raises ValidationError naming both.
    """
    if not can_edit_replication(actor, replication):
        raise PermissionDenied("Only the adopting city's editors can change this record.")
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    locked = Replication.objects.select_for_update().get(pk=replication.pk)
    _check_version(locked, version)
    for name, value in fields.items():
        setattr(replication, name, value)
    _check_prompt(fields)
    for rows, limit_name in ((barriers, "barriers"), (costs, "costs"), (outcomes, "outcomes")):
        if rows is not None and len(rows) > MAX_ROWS:
            raise ValidationError({limit_name: [f"At most {MAX_ROWS}."]})
    replication.version = locked.version + 1
    replication.full_clean()
    attribute_change(replication, actor, "Edited")
    replication.save(update_fields=[*fields, "version", "updated_at"])
    if partners is not None:
        replication.partners.set(_check_partners(partners))
    if barriers is not None:
        new = _barrier_rows(replication, barriers)
        replication.barriers.all().delete()
        bulk_create_attributed(ReplicationBarrier, new, actor)
    if costs is not None:
        new_costs = _cost_rows(replication, costs)
        replication.costs.all().delete()
        bulk_create_attributed(ReplicationCost, new_costs, actor)
    if outcomes is not None:
        new_outcomes = _outcome_rows(replication, outcomes)
        replication.outcomes.all().delete()
        bulk_create_attributed(ReplicationOutcome, new_outcomes, actor)
    refresh_replication(replication.pk)
    return replication


@transaction.atomic
def change_stage(
    *,
    replication: Replication,
    stage: str,
    actor,
    reason: str = "",
    changed_on: dt.date | None = None,
    version: int | None = None,
) -> StageChange:
    """Move the record to `stage` if the stage machine allows it (engine/stages.py), recording
    the change with its date, actor and reason. Pausing and dropping need a reason."""
    if not can_edit_replication(actor, replication):
        raise PermissionDenied("Only the adopting city's editors can change this record.")
    locked = Replication.objects.select_for_update().get(pk=replication.pk)
    _check_version(locked, version)
    try:
        check_move(locked.stage, stage, reason)
    except TransitionRefused as refused:
        raise ValidationError({"stage": [str(refused)]}, code="refused") from None
    when = changed_on or timezone.localdate()
    if when < locked.stage_changed_on:
        raise ValidationError(
            {
                "changed_on": [
                    f"The last stage change was on {locked.stage_changed_on}; "
                    "a new one cannot be earlier."
                ]
            }
        )
    change = StageChange(
        replication=replication,
        from_stage=locked.stage,
        to_stage=stage,
        reason=reason.strip(),
        changed_on=when,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    change.full_clean()
    change.save()
    replication.stage = stage
    replication.stage_reason = reason.strip()
    replication.stage_changed_on = when
    replication.version = locked.version + 1
    attribute_change(replication, actor, f"Stage: {stage}")
    replication.save(
        update_fields=["stage", "stage_reason", "stage_changed_on", "version", "updated_at"]
    )
    refresh_replication(replication.pk)
    return change


@transaction.atomic
def delete_replication(*, replication: Replication, actor) -> None:
    if not can_edit_replication(actor, replication):
        raise PermissionDenied("Only the adopting city's editors can delete this record.")
    attribute_change(replication, actor, "Deleted")
    pk = replication.pk
    replication.delete()
    refresh_replication(pk)
