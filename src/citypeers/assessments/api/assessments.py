"""Assessments: list, start and read one; submit it and choose who sees its result."""

from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from citypeers.assessments import selectors, services
from citypeers.assessments.schemas import (
    AssessmentIn,
    AssessmentOut,
    SharingIn,
    SubmissionCheckOut,
)
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.pagination import PagePagination

router = Router()


@router.get(
    "/assessments",
    response=list[AssessmentOut],
    url_name="assessments",
    operation_id="citypeers_assessments_api_list_assessments",
)
@paginate(PagePagination)
def list_assessments(request, jurisdiction: str = "", cycle: int | None = None):
    qs = selectors.assessments_visible_to(current_user(request)).order_by("-cycle", "pk")
    if jurisdiction:
        qs = qs.filter(jurisdiction__slug=jurisdiction)
    if cycle is not None:
        qs = qs.filter(cycle=cycle)
    return qs


@router.post(
    "/assessments",
    response={201: AssessmentOut},
    auth=REQUIRED_AUTH,
    url_name="assessments",
    operation_id="citypeers_assessments_api_create_assessment",
)
def create_assessment(request, payload: AssessmentIn):
    user = request.auth
    jurisdiction = selectors.city_for_new_assessment(user, payload.jurisdiction)
    version = selectors.framework_version(payload.framework, payload.version)
    assessment = services.start_assessment(
        jurisdiction=jurisdiction, version=version, cycle=payload.cycle, user=user
    )
    return Status(201, selectors.assessment_for_user(user, assessment.pk))


@router.get(
    "/assessments/{int:pk}",
    response=AssessmentOut,
    url_name="assessment",
    operation_id="citypeers_assessments_api_get_assessment",
)
def get_assessment(request, pk: int):
    return selectors.assessment_for_user(current_user(request), pk)


@router.get(
    "/assessments/{int:pk}/submission-check",
    response=SubmissionCheckOut,
    url_name="assessment_submission_check",
    operation_id="citypeers_assessments_api_get_submission_check",
)
def get_submission_check(request, pk: int):
    """What would stop this assessment from being submitted now (unanswered criteria, evidence)."""
    check = services.submission_check(selectors.assessment_for_viewer(current_user(request), pk))
    return {
        "ready": check.ready,
        "messages": check.messages,
        "unanswered": check.unanswered,
        "missing_evidence": [
            {
                "criterion": gap.criterion,
                "title": gap.title,
                "area": gap.area,
                "requirements": list(gap.requirements),
            }
            for gap in check.missing_evidence
        ],
    }


@router.post(
    "/assessments/{int:pk}/submit",
    response=AssessmentOut,
    auth=REQUIRED_AUTH,
    url_name="assessment_submit",
    operation_id="citypeers_assessments_api_submit",
)
def submit(request, pk: int):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk, to="submit")
    return services.submit_assessment(assessment=assessment, user=user)


@router.put(
    "/assessments/{int:pk}/sharing",
    response=AssessmentOut,
    auth=REQUIRED_AUTH,
    url_name="assessment_sharing",
    operation_id="citypeers_assessments_api_put_sharing",
)
def put_sharing(request, pk: int, payload: SharingIn):
    user = request.auth
    assessment = selectors.assessment_for_viewer(user, pk, to="share")
    return services.set_sharing(
        assessment=assessment,
        sharing=payload.sharing,
        show_certification=payload.show_certification,
    )
