"""Synthesised insights: write, review, publish (and index for search)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from citypeers.core.services import claim_version
from citypeers.search.services import remove_document
from citypeers.workshops.enums import INSIGHT_TRANSITIONS, InsightAudience, InsightState
from citypeers.workshops.indexing import INSIGHT, insight_document, refresh
from citypeers.workshops.models import Insight
from citypeers.workshops.permissions import can_manage_workshop
from citypeers.workshops.services.common import strip_step_number, unique_slug

FIELDS = (
    "title",
    "area",
    "workshop",
    "challenge",
    "steps",
    "preconditions",
    "cost_band",
    "effort",
    "metrics",
    "criteria_codes",
    "tags",
    "evidence_note",
    "audience",
)


def _require_organiser(by) -> None:
    if not can_manage_workshop(by):
        raise PermissionDenied("Only network organisers may write insights.")


def _clean_lists(values: dict) -> None:
    for key in ("steps", "metrics", "criteria_codes", "tags"):
        if key in values:
            values[key] = [str(v).strip() for v in values[key] or [] if str(v).strip()]
    if "steps" in values:
        values["steps"] = [s for s in map(strip_step_number, values["steps"]) if s]
    if "criteria_codes" in values:
        # Criteria are referred to by their framework key (e.g. "pa-goals"), which is lower case.
        values["criteria_codes"] = [c.lower() for c in values["criteria_codes"]]


def _set_evidence(insight, cities, solutions, prework) -> None:
    if cities is not None:
        insight.evidence_cities.set(cities)
    if solutions is not None:
        insight.evidence_solutions.set(solutions)
    if prework is not None:
        if any(p.workshop_id != insight.workshop_id for p in prework):
            raise ValidationError(
                {"evidence_prework": "Pre-work must come from the same workshop."}
            )
        insight.evidence_prework.set(prework)


@transaction.atomic
def create_insight(
    *,
    by,
    title: str,
    area,
    challenge: str,
    steps: list[str],
    workshop=None,
    preconditions: str = "",
    cost_band: str = "unknown",
    effort: str = "medium",
    metrics=(),
    criteria_codes=(),
    tags=(),
    evidence_note: str = "",
    audience: str = InsightAudience.MEMBERS,
    evidence_cities=None,
    evidence_solutions=None,
    evidence_prework=None,
    is_demo: bool = False,
) -> Insight:
    """A new insight in draft."""
    _require_organiser(by)
    values = dict(
        title=title,
        area=area,
        workshop=workshop,
        challenge=challenge,
        steps=list(steps),
        preconditions=preconditions,
        cost_band=cost_band,
        effort=effort,
        metrics=list(metrics),
        criteria_codes=list(criteria_codes),
        tags=list(tags),
        evidence_note=evidence_note,
        audience=audience,
    )
    _clean_lists(values)
    if not values["steps"]:
        raise ValidationError({"steps": "Give at least one recommended action."})
    insight = Insight(slug=unique_slug(Insight, title), created_by=by, is_demo=is_demo, **values)
    insight.full_clean()
    insight.save()
    _set_evidence(insight, evidence_cities, evidence_solutions, evidence_prework)
    return insight


@transaction.atomic
def update_insight(
    *,
    insight: Insight,
    by,
    evidence_cities=None,
    evidence_solutions=None,
    evidence_prework=None,
    expected_version: int | None = None,
    **changes,
) -> Insight:
    """Change an insight. `expected_version` is the version the editor read: if someone saved
    since, StaleEdit is raised and nothing is written. Only the given fields are saved."""
    _require_organiser(by)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    _clean_lists(changes)
    if "steps" in changes and not changes["steps"]:
        raise ValidationError({"steps": "Give at least one recommended action."})
    claim_version(insight, expected_version=expected_version, noun="insight")
    for field, value in changes.items():
        setattr(insight, field, value)
    insight.full_clean()
    insight.save(update_fields=[*changes, "version", "updated_at"])
    _set_evidence(insight, evidence_cities, evidence_solutions, evidence_prework)
    if insight.state == InsightState.PUBLISHED:
        _index(insight)
    return insight


def _index(insight: Insight) -> None:
    refresh(INSIGHT, insight_document(insight), insight.pk)


@transaction.atomic
def transition_insight(*, insight: Insight, to_state: str, by) -> Insight:
    """draft → reviewed → published (or back to draft); publishing indexes it for search."""
    _require_organiser(by)
    if to_state not in INSIGHT_TRANSITIONS[insight.state]:
        raise ValidationError(
            f"An insight in “{insight.get_state_display()}” cannot move to “{to_state}”."
        )
    if to_state == InsightState.REVIEWED:
        if insight.created_by_id is not None and insight.created_by_id == by.pk:
            raise ValidationError(
                "A second person must review this insight: its author cannot review it."
            )
        insight.reviewed_by = by
    if to_state == InsightState.PUBLISHED and insight.reviewed_by_id is None:
        raise ValidationError("This insight has no reviewer yet; a second person must review it.")
    if to_state == InsightState.PUBLISHED:
        insight.published_at = timezone.now()
    insight.state = to_state
    insight.full_clean()
    insight.save()
    if to_state == InsightState.PUBLISHED:
        _index(insight)
    else:
        remove_document(kind=INSIGHT, object_id=insight.pk)
    if to_state == InsightState.DRAFT:
        # A changed draft needs a fresh review.
        insight.reviewed_by = None
        insight.save(update_fields=["reviewed_by", "updated_at"])
    return insight
