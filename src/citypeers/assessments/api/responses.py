"""Answers: each criterion's response with its evidence and review, written by the city."""

from django.http import HttpResponse
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from citypeers.assessments import selectors, services
from citypeers.assessments.permissions import (
    can_view_evidence,
)
from citypeers.assessments.schemas import (
    CriterionAnswerIn,
    EvidenceOut,
    EvidenceUrlIn,
    ResponseIn,
    ResponseOut,
)
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.pagination import PagePagination
from citypeers.core.api.versions import StaleEditOut, expected_version, set_etag

router = Router()


def answer_fields(payload: CriterionAnswerIn) -> dict:
    return {
        "met": payload.met,
        "checklist": payload.checklist or [],
        "level": payload.level,
        "value": payload.value,
    }


def response_out(user, assessment, response) -> dict:
    return {
        "criterion": response.criterion.key,
        "met": response.met,
        "checklist": response.checklist,
        "level": response.level,
        "value": response.value,
        "notes": response.notes,
        "version": response.version,
        "evidence": [e for e in response.evidence.all() if can_view_evidence(user, e, assessment)],
        "review": {
            "met": response.review_met,
            "checklist": response.review_checklist,
            "level": response.review_level,
            "value": response.review_value,
            "comment": response.review_comment,
            "evidence_requested": response.evidence_requested,
            "reviewed_at": response.reviewed_at,
        },
    }


@router.get(
    "/assessments/{int:pk}/responses",
    response=list[ResponseOut],
    url_name="assessment_responses",
    operation_id="citypeers_assessments_api_list_responses",
)
@paginate(PagePagination)
def list_responses(request, pk: int):
    user = current_user(request)
    assessment = selectors.assessment_for_viewer(user, pk)
    return [response_out(user, assessment, r) for r in selectors.responses_for(assessment).values()]


@router.put(
    "/assessments/{int:pk}/responses/{criterion}",
    response={200: ResponseOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="assessment_response",
    operation_id="citypeers_assessments_api_put_response",
)
def put_response(request, pk: int, criterion: str, payload: ResponseIn, response: HttpResponse):
    """Answer one criterion. With `If-Match` (or `version`) a stale copy is refused with 409."""
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk, to="answer")
    saved = services.save_response(
        assessment=assessment,
        criterion_key=criterion,
        user=user,
        notes=payload.notes,
        expected_version=expected_version(request, payload.version),
        **answer_fields(payload),
    )
    set_etag(response, saved.version)
    return response_out(user, assessment, saved)


@router.post(
    "/assessments/{int:pk}/responses/{criterion}/evidence",
    response={201: EvidenceOut},
    auth=REQUIRED_AUTH,
    url_name="assessment_evidence",
    operation_id="citypeers_assessments_api_add_link_evidence",
)
def add_link_evidence(request, pk: int, criterion: str, payload: EvidenceUrlIn):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk, to="evidence")
    item = services.add_evidence(
        assessment=assessment,
        criterion_key=criterion,
        user=user,
        title=payload.title,
        visibility=payload.visibility,
        url=payload.url,
        requirement_key=payload.requirement_key,
    )
    return Status(201, item)
