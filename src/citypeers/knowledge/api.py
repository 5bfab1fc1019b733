"""JSON API routes for knowledge, mounted under /api/v1/ by citypeers.api.urls.

Reads filter by the caller (`current_user`); writes need a token or session and go through the
same services and permission predicates as the forms.
"""

import io
import json

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from citypeers.accounts.models import Organisation
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.pagination import MappedQuerySet, PagePagination
from citypeers.core.api.versions import StaleEditOut, expected_version, set_etag
from citypeers.core.spreadsheet import csv_dict_writer
from citypeers.directory.models import Jurisdiction
from citypeers.directory.schemas import jurisdiction_ref
from citypeers.directory.selectors import jurisdiction_by_key
from citypeers.knowledge import selectors, services
from citypeers.knowledge.models import ChallengeArea
from citypeers.knowledge.schemas import (
    ChallengeAreaOut,
    SolutionIn,
    SolutionListOut,
    SolutionOut,
    SolutionPatch,
    StatementIn,
    StatementOut,
    StatementPatch,
)

router = Router(tags=["knowledge"])

EXPORT_LIMIT = 50_000


class StatementQuery(Schema):
    area: str = ""
    jurisdiction: str = ""
    state: str = ""


class SolutionQuery(Schema):
    search: str = ""
    challenge: str = ""
    state: str = ""
    population_band: str = ""
    solution_status: str = ""
    evidence_level: str = ""
    owner: str = ""
    sort: str = ""

    def filters(self) -> selectors.SolutionFilters:
        return selectors.SolutionFilters(**{k: (v or "")[:200] for k, v in self.dict().items()})


# --- lookups ----------------------------------------------------------------------------------


def _jurisdiction(key: str) -> Jurisdiction:
    """A city named in a request body, by GEOID or slug as everywhere in the API."""
    try:
        return jurisdiction_by_key(key)
    except Http404:
        raise ValidationError({"jurisdiction": [f"No city “{key}”."]}) from None


def _area(slug: str) -> ChallengeArea:
    area = ChallengeArea.objects.filter(slug=slug).first()
    if area is None:
        raise ValidationError({"area": [f"No challenge area “{slug}”."]})
    return area


def _areas(slugs: list[str]) -> list[ChallengeArea]:
    areas = list(ChallengeArea.objects.filter(slug__in=slugs))
    missing = sorted(set(slugs) - {a.slug for a in areas})
    if missing:
        raise ValidationError({"challenges": [f"Unknown challenge areas: {', '.join(missing)}."]})
    return areas


def _partners(slugs: list[str]) -> list[Organisation]:
    found = list(Organisation.objects.filter(slug__in=slugs))
    missing = sorted(set(slugs) - {o.slug for o in found})
    if missing:
        raise ValidationError({"partners": [f"Unknown organisations: {', '.join(missing)}."]})
    return found


# --- output -----------------------------------------------------------------------------------


def _statement_out(s) -> dict:
    return {
        "id": s.pk,
        "jurisdiction": jurisdiction_ref(s.jurisdiction),
        "area": {"slug": s.area.slug, "name": s.area.name},
        "priority": s.priority,
        "narrative": s.narrative,
        "source_note": s.source_note,
        "status": s.status,
        "is_demo": s.is_demo,
        "created_at": s.created_at,
        "updated_at": s.updated_at,
        "version": s.version,
    }


def _solution_list_out(s) -> dict:
    return {
        "slug": s.slug,
        "title": s.title,
        "url": s.get_absolute_url(),
        "owner": jurisdiction_ref(s.owner),
        "challenges": [{"slug": a.slug, "name": a.name} for a in s.challenges.all()],
        "solution_status": s.solution_status,
        "evidence_level": s.evidence_level,
        "cost_band": s.cost_band,
        "started_on": s.started_on,
        "status": s.status,
        "is_demo": s.is_demo,
        "updated_at": s.updated_at,
    }


def _solution_out(s) -> dict:
    return {
        **_solution_list_out(s),
        "problem": s.problem,
        "approach": s.approach,
        "source_note": s.source_note,
        "created_at": s.created_at,
        "version": s.version,
        "partners": [
            {"slug": p.slug, "name": p.name, "kind": p.kind, "partner_type": p.partner_type}
            for p in s.partners.all()
        ],
        "outcomes": [
            {
                "name": o.name,
                "baseline": o.baseline,
                "value": o.value,
                "unit": o.unit,
                "measured_on": o.measured_on,
            }
            for o in s.outcomes.all()
        ],
        "links": [{"title": li.title, "url": li.url} for li in s.links.all()],
        "attachments": [
            {
                "id": a.pk,
                "title": a.title,
                "content_type": a.content_type,
                "size": a.size,
                "url": reverse("knowledge:attachment", kwargs={"pk": a.pk}),
            }
            for a in s.attachments.all()
        ],
    }


# --- taxonomy ---------------------------------------------------------------------------------


@router.get("/challenge-areas", response=list[ChallengeAreaOut], url_name="challenge_areas")
def list_challenge_areas(request):
    """The two-level challenge taxonomy, top-level areas each followed by their sub-areas."""
    rows = []
    for area in selectors.challenge_area_tree():
        for node in [area, *area.subareas]:
            rows.append(
                {
                    "slug": node.slug,
                    "name": node.name,
                    "description": node.description,
                    "parent": area.slug if node is not area else None,
                    "statement_count": node.statement_count,
                    "solution_count": node.solution_count,
                }
            )
    return rows


# --- challenge statements -------------------------------------------------------------------


@router.get("/challenges", response=list[StatementOut], url_name="challenge_list")
@paginate(PagePagination)
def list_challenges(request, filters: Query[StatementQuery]):
    """Challenge statements you may see; filter by area (includes sub-areas), city, state."""
    selected = selectors.StatementFilters(
        area=filters.area[:80], jurisdiction=filters.jurisdiction[:120], state=filters.state[:2]
    )
    return MappedQuerySet(
        selectors.filter_statements(current_user(request), selected), _statement_out
    )


@router.get("/challenges/{statement_id}", response=StatementOut, url_name="challenge_detail")
def get_challenge(request, statement_id: int, response: HttpResponse):
    """One statement; the `ETag` header is its version, for `If-Match` on a later PATCH."""
    statement = selectors.statement_for_user(current_user(request), statement_id)
    set_etag(response, statement.version)
    return _statement_out(statement)


@router.post(
    "/challenges", response={201: StatementOut}, auth=REQUIRED_AUTH, url_name="challenge_create"
)
def create_challenge(request, payload: StatementIn):
    jurisdiction = selectors.city_for_new_entries(request.auth, _jurisdiction(payload.jurisdiction))
    statement = services.create_statement(
        jurisdiction=jurisdiction,
        area=_area(payload.area),
        priority=payload.priority,
        narrative=payload.narrative,
        source_note=payload.source_note,
        status=payload.status,
        actor=request.auth,
    )
    return Status(201, _statement_out(statement))


@router.patch(
    "/challenges/{statement_id}",
    response={200: StatementOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="challenge_update",
)
def update_challenge(request, statement_id: int, payload: StatementPatch, response: HttpResponse):
    """Change some fields. With `If-Match` (or `version`) a stale copy is refused with 409."""
    statement = selectors.statement_for_user(request.auth, statement_id, for_edit=True)
    changes = payload.dict(exclude_unset=True)
    version = expected_version(request, changes.pop("version", None))
    if changes.get("area") is not None:
        changes["area"] = _area(changes["area"])
    changes = {k: v for k, v in changes.items() if v is not None}
    statement = services.update_statement(
        statement=statement, actor=request.auth, expected_version=version, **changes
    )
    set_etag(response, statement.version)
    return _statement_out(statement)


@router.delete(
    "/challenges/{statement_id}",
    response={204: None},
    auth=REQUIRED_AUTH,
    url_name="challenge_delete",
)
def delete_challenge(request, statement_id: int):
    statement = selectors.statement_for_user(request.auth, statement_id, for_edit=True)
    services.delete_statement(statement=statement, actor=request.auth)
    return Status(204, None)


# --- solutions --------------------------------------------------------------------------------


@router.get("/solutions", response=list[SolutionListOut], url_name="solution_list")
@paginate(PagePagination)
def list_solutions(request, filters: Query[SolutionQuery]):
    """Solutions you may see. `search` is full-text (ranked by relevance unless `sort` is set)."""
    queryset = selectors.filter_solutions(current_user(request), filters.filters())
    return MappedQuerySet(queryset, _solution_list_out)


@router.get("/solutions/{slug}", response=SolutionOut, url_name="solution_detail")
def get_solution(request, slug: str, response: HttpResponse):
    """One solution; the `ETag` header is its version, for `If-Match` on a later PATCH."""
    solution = selectors.solution_for_user(current_user(request), slug)
    set_etag(response, solution.version)
    return _solution_out(solution)


def _outcomes(items):
    return [services.OutcomeData(**o.dict()) for o in items]


def _links(items):
    return [services.LinkData(**li.dict()) for li in items]


@router.post(
    "/solutions", response={201: SolutionOut}, auth=REQUIRED_AUTH, url_name="solution_create"
)
def create_solution(request, payload: SolutionIn):
    owner = selectors.city_for_new_entries(request.auth, _jurisdiction(payload.owner))
    data = payload.dict(exclude={"owner", "challenges", "partners", "outcomes", "links"})
    solution = services.create_solution(
        owner=owner,
        challenges=_areas(payload.challenges),
        partners=_partners(payload.partners),
        outcomes=_outcomes(payload.outcomes),
        links=_links(payload.links),
        actor=request.auth,
        **data,
    )
    return Status(201, _solution_out(selectors.solution_for_user(request.auth, solution.slug)))


@router.patch(
    "/solutions/{slug}",
    response={200: SolutionOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="solution_update",
)
def update_solution(request, slug: str, payload: SolutionPatch, response: HttpResponse):
    """Change some fields. With `If-Match` (or `version`) a stale copy is refused with 409."""
    solution = selectors.solution_for_user(request.auth, slug, for_edit=True)
    changes = payload.dict(exclude_unset=True)
    version = expected_version(request, changes.pop("version", None))
    related = {}
    if changes.get("challenges") is not None:
        related["challenges"] = _areas(changes.pop("challenges"))
    if changes.get("partners") is not None:
        related["partners"] = _partners(changes.pop("partners"))
    if changes.get("outcomes") is not None:
        related["outcomes"] = _outcomes(payload.outcomes)
        changes.pop("outcomes")
    if changes.get("links") is not None:
        related["links"] = _links(payload.links)
        changes.pop("links")
    # Explicit nulls clear only what may be empty (the start date); others mean "unchanged".
    fields = {k: v for k, v in changes.items() if v is not None or k == "started_on"}
    fields = {
        k: v for k, v in fields.items() if k not in {"challenges", "partners", "outcomes", "links"}
    }
    solution = services.update_solution(
        solution=solution, actor=request.auth, expected_version=version, **related, **fields
    )
    set_etag(response, solution.version)
    return _solution_out(selectors.solution_for_user(request.auth, slug))


@router.delete(
    "/solutions/{slug}", response={204: None}, auth=REQUIRED_AUTH, url_name="solution_delete"
)
def delete_solution(request, slug: str):
    solution = selectors.solution_for_user(request.auth, slug, for_edit=True)
    services.delete_solution(solution=solution, actor=request.auth)
    return Status(204, None)


# --- export -----------------------------------------------------------------------------------

EXPORT_COLUMNS = [
    "slug",
    "title",
    "url",
    "owner",
    "owner_state",
    "owner_population",
    "challenges",
    "solution_status",
    "evidence_level",
    "cost_band",
    "started_on",
    "status",
    "is_demo",
    "problem",
    "approach",
    "partners",
    "outcomes",
    "source_note",
    "updated_at",
]


def _export_rows(request, filters: SolutionQuery):
    queryset = selectors.filter_solutions(current_user(request), filters.filters())
    queryset = queryset.prefetch_related("partners", "outcomes")[:EXPORT_LIMIT]
    for s in queryset:
        yield {
            "slug": s.slug,
            "title": s.title,
            "url": request.build_absolute_uri(s.get_absolute_url()),
            "owner": s.owner.name,
            "owner_state": s.owner.state,
            "owner_population": s.owner.population,
            "challenges": "; ".join(a.slug for a in s.challenges.all()),
            "solution_status": s.solution_status,
            "evidence_level": s.evidence_level,
            "cost_band": s.cost_band,
            "started_on": s.started_on.isoformat() if s.started_on else "",
            "status": s.status,
            "is_demo": s.is_demo,
            "problem": s.problem,
            "approach": s.approach,
            "partners": "; ".join(p.name for p in s.partners.all()),
            "outcomes": "; ".join(_outcome_text(o) for o in s.outcomes.all()),
            "source_note": s.source_note,
            "updated_at": s.updated_at.isoformat(),
        }


@router.get("/export/solutions.csv", url_name="solution_export_csv")
def export_solutions_csv(request, filters: Query[SolutionQuery]):
    """Every solution you may see (same filters as the list) as CSV; `is_demo` marks demo rows."""
    buffer = io.StringIO()
    writer = csv_dict_writer(buffer, EXPORT_COLUMNS)
    writer.writeheader()
    for row in _export_rows(request, filters):
        writer.writerow(row)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="citypeers-solutions.csv"'
    return response


@router.get("/export/solutions.json", url_name="solution_export_json")
def export_solutions_json(request, filters: Query[SolutionQuery]):
    """The same export as JSON: `{"count": n, "results": [...]}`."""
    rows = list(_export_rows(request, filters))
    response = HttpResponse(
        json.dumps({"count": len(rows), "results": rows}, default=str),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="citypeers-solutions.json"'
    return response


def _outcome_text(outcome) -> str:
    """One outcome in an export cell: "name: baseline→value unit"."""
    baseline = outcome.baseline if outcome.baseline is not None else ""
    return f"{outcome.name}: {baseline}→{outcome.value} {outcome.unit}".strip()
