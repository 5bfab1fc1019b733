"""JSON API for the replication ledger, mounted under /api/v1/ by citypeers.api.urls.

Reads filter by the caller (`current_user`); writes need a token or session and go through the
same services (and so the same permission predicates and validation) as the pages.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from citypeers.accounts.models import Organisation
from citypeers.coalitions import selectors, services
from citypeers.coalitions.models import BarrierKind, ReplicationQuestion
from citypeers.coalitions.schemas import (
    AnswerIn,
    BarrierKindOut,
    LineageOut,
    QuestionIn,
    QuestionOut,
    ReplicationIn,
    ReplicationListOut,
    ReplicationOut,
    ReplicationPatch,
    StageIn,
)
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.lookup import get_or_404
from citypeers.core.api.pagination import MappedQuerySet, PagePagination
from citypeers.core.api.versions import StaleEditOut
from citypeers.directory.schemas import jurisdiction_ref
from citypeers.directory.selectors import jurisdiction_by_key
from citypeers.knowledge.selectors import solution_for_user
from citypeers.workshops.enums import InsightState
from citypeers.workshops.selectors import insights_visible_to, workshops_visible_to

router = Router()


class ReplicationQuery(Schema):
    solution: str = ""
    adopter: str = ""
    stage: str = ""


# --- lookups ----------------------------------------------------------------------------------


def _adopter(key: str):
    try:
        return jurisdiction_by_key(key)
    except Http404:
        raise ValidationError({"adopter": [f"No city “{key}”."]}) from None


def _partners(slugs: list[str]) -> list[Organisation]:
    found = list(Organisation.objects.filter(slug__in=slugs))
    missing = sorted(set(slugs) - {o.slug for o in found})
    if missing:
        raise ValidationError({"partners": [f"Unknown organisations: {', '.join(missing)}."]})
    return found


def _insight(user, slug: str | None):
    if not slug:
        return None
    insight = insights_visible_to(user).filter(slug=slug, state=InsightState.PUBLISHED).first()
    if insight is None:
        raise ValidationError({"prompted_by_insight": [f"No published insight “{slug}”."]})
    return insight


def _workshop(user, slug: str | None):
    if not slug:
        return None
    workshop = workshops_visible_to(user).filter(slug=slug).first()
    if workshop is None:
        raise ValidationError({"prompted_by_workshop": [f"No workshop “{slug}”."]})
    return workshop


def _barriers(items) -> list[services.BarrierData]:
    kinds = {k.slug: k for k in BarrierKind.objects.filter(slug__in=[b.kind for b in items])}
    missing = sorted({b.kind for b in items} - set(kinds))
    if missing:
        raise ValidationError({"barriers": [f"Unknown barriers: {', '.join(missing)}."]})
    return [services.BarrierData(kind=kinds[b.kind], notes=b.notes) for b in items]


# --- output -----------------------------------------------------------------------------------


def _list_out(r) -> dict:
    return {
        "id": r.pk,
        "url": r.get_absolute_url(),
        "solution": {
            "slug": r.solution.slug,
            "title": r.solution.title,
            "url": r.solution.get_absolute_url(),
            "owner": jurisdiction_ref(r.solution.owner),
        },
        "adopter": jurisdiction_ref(r.adopter),
        "stage": r.stage,
        "stage_changed_on": r.stage_changed_on,
        "visibility": r.visibility,
        "is_demo": r.is_demo,
        "version": r.version,
        "updated_at": r.updated_at,
    }


def _outcome(o) -> dict:
    return {
        "metric": o.metric,
        "baseline": o.baseline,
        "value": o.value,
        "unit": o.unit,
        "unit_note": o.unit_note,
        "measured_on": o.measured_on,
        "source_note": o.source_note,
    }


def _question(q) -> dict:
    return {
        "id": q.pk,
        "body": q.body,
        "asked_by": q.asked_by.display_name if q.asked_by else None,
        "asked_at": q.created_at,
        "answer": q.answer,
        "answered_by": q.answered_by.display_name if q.answered_by else None,
        "answered_at": q.answered_at,
    }


def _out(r) -> dict:
    return {
        **_list_out(r),
        "stage_reason": r.stage_reason,
        "adapted": r.adapted,
        "financial_model": r.financial_model,
        "partners": [p.slug for p in r.partners.all()],
        "prompted_by_insight": r.prompted_by_insight.slug if r.prompted_by_insight else None,
        "prompted_by_workshop": r.prompted_by_workshop.slug if r.prompted_by_workshop else None,
        "prompted_by_note": r.prompted_by_note,
        "barriers": [
            {"kind": b.kind.slug, "name": b.kind.name, "notes": b.notes} for b in r.barriers.all()
        ],
        "costs": [
            {
                "kind": c.kind,
                "amount": c.amount,
                "currency": c.currency,
                "year": c.year,
                "note": c.note,
            }
            for c in r.costs.all()
        ],
        "outcomes": [_outcome(o) for o in r.outcomes.all()],
        "stage_changes": [
            {
                "from_stage": s.from_stage,
                "to_stage": s.to_stage,
                "reason": s.reason,
                "changed_on": s.changed_on,
                "actor": s.actor.display_name if s.actor else None,
            }
            for s in r.stage_changes.all()
        ],
        "questions": [_question(q) for q in r.questions.all()],
    }


# --- routes -----------------------------------------------------------------------------------


@router.get("/barrier-kinds", response=list[BarrierKindOut], url_name="barrier_kinds")
def list_barrier_kinds(request):
    """The barrier taxonomy a replication names its barriers from."""
    return [{"slug": k.slug, "name": k.name} for k in selectors.barrier_kinds()]


@router.get("/replications", response=list[ReplicationListOut], url_name="replication_list")
@paginate(PagePagination)
def list_replications(request, filters: Query[ReplicationQuery]):
    """Replication records you may see; filter by origin solution slug, adopting city slug or
    stage."""
    queryset = (
        selectors.replications_visible_to(current_user(request))
        .select_related("solution", "solution__owner", "adopter")
        .order_by("-updated_at", "pk")
    )
    if filters.solution:
        queryset = queryset.filter(solution__slug=filters.solution[:140])
    if filters.adopter:
        queryset = queryset.filter(adopter__slug=filters.adopter[:120])
    if filters.stage:
        queryset = queryset.filter(stage=filters.stage[:12])
    return MappedQuerySet(queryset, _list_out)


@router.get(
    "/replications/{replication_id}", response=ReplicationOut, url_name="replication_detail"
)
def get_replication(request, replication_id: int):
    return _out(selectors.replication_for_user(current_user(request), replication_id))


@router.post(
    "/replications",
    response={201: ReplicationOut},
    auth=REQUIRED_AUTH,
    url_name="replication_create",
)
def create_replication(request, payload: ReplicationIn):
    """Record that a city you edit is replicating a solution (starts at "considering"); the
    origin city's editors are emailed."""
    user = request.auth
    solution = solution_for_user(user, payload.solution)
    replication = services.start_replication(
        solution=solution,
        adopter=_adopter(payload.adopter),
        actor=user,
        adapted=payload.adapted,
        financial_model=payload.financial_model,
        partners=_partners(payload.partners),
        prompted_by_insight=_insight(user, payload.prompted_by_insight),
        prompted_by_workshop=_workshop(user, payload.prompted_by_workshop),
        prompted_by_note=payload.prompted_by_note,
        visibility=payload.visibility,
    )
    return Status(201, _out(selectors.replication_for_user(user, replication.pk)))


@router.patch(
    "/replications/{replication_id}",
    response={200: ReplicationOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="replication_update",
)
def update_replication(request, replication_id: int, payload: ReplicationPatch):
    """Change the record. Lists given replace the old ones. `version` must be the version you
    read: a record changed since answers 409 naming both versions."""
    user = request.auth
    replication = selectors.replication_for_user(user, replication_id, for_edit=True)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    related = {}
    if changes.get("partners") is not None:
        related["partners"] = _partners(changes.pop("partners"))
    if payload.barriers is not None:
        related["barriers"] = _barriers(payload.barriers)
    if payload.costs is not None:
        related["costs"] = [services.CostData(**c.dict()) for c in payload.costs]
    if payload.outcomes is not None:
        related["outcomes"] = [services.OutcomeData(**o.dict()) for o in payload.outcomes]
    if "prompted_by_insight" in changes:
        changes["prompted_by_insight"] = _insight(user, changes["prompted_by_insight"])
    if "prompted_by_workshop" in changes:
        changes["prompted_by_workshop"] = _workshop(user, changes["prompted_by_workshop"])
    fields = {
        k: v
        for k, v in changes.items()
        if k not in {"partners", "barriers", "costs", "outcomes"}
        and (v is not None or k.startswith("prompted_by_"))
    }
    services.update_replication(
        replication=replication, actor=user, version=version, **related, **fields
    )
    return _out(selectors.replication_for_user(user, replication_id))


@router.post(
    "/replications/{replication_id}/stage",
    response={200: ReplicationOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="replication_stage",
)
def change_stage(request, replication_id: int, payload: StageIn):
    """Move the record to another stage. Allowed moves: one step forward or back between
    considering, adapting, piloting and scaling; pause or drop from any of them (with a
    reason); resume a paused one; reconsider a dropped one (with a reason). A refused move
    answers 400."""
    user = request.auth
    replication = selectors.replication_for_user(user, replication_id, for_edit=True)
    services.change_stage(
        replication=replication,
        stage=payload.stage,
        reason=payload.reason,
        changed_on=payload.changed_on,
        version=payload.version,
        actor=user,
    )
    return _out(selectors.replication_for_user(user, replication_id))


@router.delete(
    "/replications/{replication_id}",
    response={204: None},
    auth=REQUIRED_AUTH,
    url_name="replication_delete",
)
def delete_replication(request, replication_id: int):
    replication = selectors.replication_for_user(request.auth, replication_id, for_edit=True)
    services.delete_replication(replication=replication, actor=request.auth)
    return Status(204, None)


@router.post(
    "/replications/{replication_id}/questions",
    response={201: QuestionOut},
    auth=REQUIRED_AUTH,
    url_name="replication_question_create",
)
def ask_question(request, replication_id: int, payload: QuestionIn):
    """Ask the origin city a question on the record (network members); they are emailed."""
    replication = selectors.replication_for_user(request.auth, replication_id)
    question = services.ask_question(replication=replication, body=payload.body, actor=request.auth)
    return Status(201, _question(question))


@router.post(
    "/replication-questions/{question_id}/answer",
    response=QuestionOut,
    auth=REQUIRED_AUTH,
    url_name="replication_question_answer",
)
def answer_question(request, question_id: int, payload: AnswerIn):
    """The origin city's editors answer a question."""
    # One answer for a missing question and for one on a record this user may not read.
    missing = "No such replication question."
    replication_id = get_or_404(
        ReplicationQuestion.objects.values_list("replication_id", flat=True),
        pk=question_id,
        detail=missing,
    )
    replication = get_or_404(
        selectors.replication_for_user, request.auth, replication_id, detail=missing
    )
    question = next(q for q in replication.questions.all() if q.pk == question_id)
    question = services.answer_question(
        question=question, answer=payload.answer, actor=request.auth
    )
    return _question(question)


@router.get("/solutions/{slug}/lineage", response=LineageOut, url_name="solution_lineage")
def solution_lineage(request, slug: str):
    """Where a solution has been replicated: each record you may see, counts by stage, the
    barriers most often met and outcomes beside the origin's."""
    user = current_user(request)
    solution = solution_for_user(user, slug)
    lineage = selectors.lineage_of(user, solution)
    for replication in lineage.replications:
        replication.solution = solution
    return {
        "solution": {
            "slug": solution.slug,
            "title": solution.title,
            "url": solution.get_absolute_url(),
            "owner": jurisdiction_ref(solution.owner),
        },
        "count": lineage.count,
        "stages": {value: n for value, _label, n in lineage.stage_counts},
        "top_barriers": [{"name": name, "cities": n} for name, n in lineage.top_barriers],
        "outcomes": [
            {
                "metric": row["metric"],
                "origin": _outcome_from_solution(row["origin"]),
                "replications": [
                    {"adopter": jurisdiction_ref(r.adopter), **_outcome(o)}
                    for r, o in row["replications"]
                ],
            }
            for row in lineage.outcome_rows
        ],
        "replications": [_list_out(r) for r in lineage.replications],
    }


def _outcome_from_solution(o) -> dict:
    return {
        "metric": o.name,
        "baseline": o.baseline,
        "value": o.value,
        "unit": o.unit,
        "unit_note": "",
        "measured_on": o.measured_on,
        "source_note": "",
    }
