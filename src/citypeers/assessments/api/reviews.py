"""Review by the network's reviewers: the queue, rating answers, validating, asking for more."""

from ninja import Router
from ninja.pagination import paginate

from citypeers.assessments import selectors, services
from citypeers.assessments.api.responses import answer_fields, response_out
from citypeers.assessments.schemas import AssessmentOut, DecisionIn, ResponseOut, ReviewIn
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.pagination import PagePagination

router = Router()


@router.get(
    "/assessment-reviews",
    response=list[AssessmentOut],
    url_name="assessment_review_queue",
    operation_id="citypeers_assessments_api_review_queue",
)
@paginate(PagePagination)
def review_queue(request):
    user = current_user(request)
    selectors.require_reviewer(user)
    return selectors.review_queue()


@router.put(
    "/assessments/{int:pk}/reviews/{criterion}",
    response=ResponseOut,
    auth=REQUIRED_AUTH,
    url_name="assessment_review",
    operation_id="citypeers_assessments_api_put_review",
)
def put_review(request, pk: int, criterion: str, payload: ReviewIn):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk, to="review")
    response = services.rate_response(
        assessment=assessment,
        criterion_key=criterion,
        reviewer=user,
        comment=payload.comment,
        evidence_requested=payload.evidence_requested,
        **answer_fields(payload),
    )
    return response_out(user, assessment, response)


@router.post(
    "/assessments/{int:pk}/validate",
    response=AssessmentOut,
    auth=REQUIRED_AUTH,
    url_name="assessment_validate",
    operation_id="citypeers_assessments_api_validate",
)
def validate(request, pk: int, payload: DecisionIn):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk, to="review")
    return services.validate_assessment(
        assessment=assessment, reviewer=user, summary=payload.summary
    )


@router.post(
    "/assessments/{int:pk}/request-evidence",
    response=AssessmentOut,
    auth=REQUIRED_AUTH,
    url_name="assessment_request_evidence",
    operation_id="citypeers_assessments_api_request_evidence",
)
def request_evidence(request, pk: int, payload: DecisionIn):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk, to="review")
    return services.request_evidence(assessment=assessment, reviewer=user, message=payload.summary)
