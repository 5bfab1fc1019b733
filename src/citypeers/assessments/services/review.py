"""Validation by network reviewers: rate criteria, request evidence, validate, certify."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.models import Membership
from citypeers.assessments.answers import answers_by_key
from citypeers.assessments.engine.scoring import ScoreResult, score
from citypeers.assessments.enums import AssessmentStatus, ResultKind
from citypeers.assessments.models import Assessment, Certification, Response, Reviewer
from citypeers.assessments.permissions import can_review_assessment
from citypeers.assessments.services.assessments import clean_answer, store_result
from citypeers.core.effects import after_commit
from citypeers.core.text import single_line

REVIEWABLE = (AssessmentStatus.SUBMITTED, AssessmentStatus.EVIDENCE_REQUESTED)


def _require_reviewable(assessment: Assessment, reviewer) -> None:
    if assessment.status not in REVIEWABLE:
        raise ValidationError("Only submitted assessments can be reviewed.")
    if not can_review_assessment(reviewer, assessment):
        raise PermissionDenied(
            "Only a reviewer of the network who is not a member of this city reviews its "
            "assessment."
        )


@transaction.atomic
def rate_response(
    *,
    assessment: Assessment,
    criterion_key: str,
    reviewer,
    comment: str = "",
    evidence_requested: bool = False,
    **answer,
) -> Response:
    """The reviewer's own answer for one criterion, with a comment and an evidence request."""
    _require_reviewable(assessment, reviewer)
    _, fields = clean_answer(assessment.version.spec, criterion_key, **answer)
    criterion = assessment.version.criteria.get(key=criterion_key)
    response, _ = Response.objects.get_or_create(assessment=assessment, criterion=criterion)
    response.review_met = fields["met"]
    response.review_checklist = fields["checklist"]
    response.review_level = fields["level"]
    response.review_value = fields["value"]
    response.review_comment = comment.strip()
    response.evidence_requested = evidence_requested
    response.reviewed_by = reviewer
    response.reviewed_at = timezone.now()
    response.full_clean()
    response.save()
    return response


def _city_editors(assessment: Assessment) -> list[str]:
    return list(
        Membership.objects.filter(
            organisation__jurisdiction=assessment.jurisdiction,
            role__in=[MembershipRole.EDITOR, MembershipRole.ADMIN],
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )


@transaction.atomic
def request_evidence(*, assessment: Assessment, reviewer, message: str = "") -> Assessment:
    """Send the assessment back to the city for the evidence flagged on its criteria.

    Emails the city's editors and administrators with the list of criteria concerned.
    """
    _require_reviewable(assessment, reviewer)
    flagged = list(assessment.responses.filter(evidence_requested=True).select_related("criterion"))
    if not flagged:
        raise ValidationError("Tick “request evidence” on at least one criterion first.")
    assessment.status = AssessmentStatus.EVIDENCE_REQUESTED
    assessment.review_summary = message.strip()
    assessment.full_clean()
    assessment.save(update_fields=["status", "review_summary", "updated_at"])
    lines = [f"- {r.criterion.title}: {r.review_comment or 'please add evidence'}" for r in flagged]
    recipients = _city_editors(assessment)
    if recipients:
        body = (
            f"A reviewer asked {assessment.jurisdiction} for more evidence on "
            f"{len(flagged)} criteria of {assessment.version}:\n\n"
            + "\n".join(lines)
            + (f"\n\n{message.strip()}" if message.strip() else "")
            + f"\n\nOpen the assessment: {settings.SITE_URL}{assessment.get_absolute_url()}"
        )
        after_commit(
            lambda: send_mail(
                subject=single_line(f"Evidence requested for your {assessment.cycle} assessment"),
                message=body,
                from_email=None,
                recipient_list=recipients,
            ),
            what=f"evidence request email for assessment {assessment.pk}",
        )
    return assessment


def compute_validated_result(assessment: Assessment) -> ScoreResult:
    responses = assessment.responses.select_related("criterion")
    return score(assessment.version.spec, answers_by_key(responses, validated=True))


@transaction.atomic
def validate_assessment(*, assessment: Assessment, reviewer, summary: str = "") -> Assessment:
    """Finish the review: store the validated score and, if it reaches a level of a
    certifying framework, grant the certified level (the only way one is granted)."""
    _require_reviewable(assessment, reviewer)
    spec = assessment.version.spec
    rated = set(
        assessment.responses.filter(reviewed_at__isnull=False).values_list(
            "criterion__key", flat=True
        )
    )
    missing = [c.title for c in spec.criteria if c.key not in rated]
    if missing:
        raise ValidationError(
            f"Rate every criterion before validating: {len(missing)} not rated yet "
            f"({'; '.join(missing[:3])}{'…' if len(missing) > 3 else ''})."
        )
    result = compute_validated_result(assessment)
    store_result(assessment=assessment, kind=ResultKind.VALIDATED, result=result)
    now = timezone.now()
    assessment.status = AssessmentStatus.VALIDATED
    assessment.validated_at = now
    assessment.validated_by = reviewer
    assessment.review_summary = summary.strip()
    assessment.full_clean()
    assessment.save()
    if spec.levels.certifies and result.level_key:
        certification = Certification(
            jurisdiction=assessment.jurisdiction,
            assessment=assessment,
            framework_title=spec.framework_title,
            version_label=spec.version,
            cycle=assessment.cycle,
            level_key=result.level_key,
            level_title=result.level_title,
            granted_at=now,
            granted_by=reviewer,
            is_demo=assessment.is_demo,
        )
        certification.full_clean()
        certification.save()
    return assessment


@transaction.atomic
def add_reviewer(*, user, added_by=None, note: str = "") -> Reviewer:
    reviewer, _ = Reviewer.objects.get_or_create(
        user=user, defaults={"added_by": added_by, "note": note[:200]}
    )
    return reviewer


@transaction.atomic
def remove_reviewer(*, user) -> None:
    Reviewer.objects.filter(user=user).delete()
