"""Taking an assessment: start, answer, attach evidence, submit, share."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from citypeers.assessments.answers import answers_by_key
from citypeers.assessments.engine.eligibility import eligibility_problem
from citypeers.assessments.engine.evidence import MissingEvidence, missing_evidence
from citypeers.assessments.engine.scoring import ScoreResult, score
from citypeers.assessments.engine.spec import BINARY, NUMERIC, ORDINAL
from citypeers.assessments.enums import (
    AssessmentStatus,
    ResultKind,
    ResultSharing,
)
from citypeers.assessments.models import (
    Assessment,
    Certification,
    FrameworkVersion,
    Response,
    Result,
)
from citypeers.assessments.permissions import can_edit_assessment_city, can_start_assessment
from citypeers.core.services import claim_version

EARLIEST_CYCLE = 2015


@transaction.atomic
def _check_user(user, allowed, target) -> None:
    """The named predicate for the acting user; demo seeding and imports pass none."""
    if user is not None and not allowed(user, target):
        raise PermissionDenied("Only the city's editors can change its assessments.")


def start_assessment(*, jurisdiction, version: FrameworkVersion, cycle: int, user) -> Assessment:
    """Open a draft for one cycle. Refuses ineligible places and duplicate cycles."""
    _check_user(user, can_start_assessment, jurisdiction)
    problem = eligibility_problem(
        version.spec,
        place=str(jurisdiction),
        population=jurisdiction.population,
        source=" ".join(
            p
            for p in (jurisdiction.population_source, str(jurisdiction.population_year or ""))
            if p
        ),
    )
    if problem:
        raise ValidationError(problem)
    latest = timezone.now().year + 1
    if not EARLIEST_CYCLE <= cycle <= latest:
        raise ValidationError({"cycle": f"Choose a year between {EARLIEST_CYCLE} and {latest}."})
    if Assessment.objects.filter(jurisdiction=jurisdiction, version=version, cycle=cycle).exists():
        raise ValidationError(
            {"cycle": f"{jurisdiction} already has a {cycle} assessment for {version}."}
        )
    assessment = Assessment(
        jurisdiction=jurisdiction, version=version, cycle=cycle, started_by=user
    )
    assessment.full_clean()
    assessment.save()
    return assessment


def _require_editable(assessment: Assessment) -> None:
    if not assessment.is_editable:
        raise ValidationError(
            f"This assessment is {assessment.get_status_display().lower()} and can no longer "
            "be changed."
        )


def _decimal(value, label: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"value": f"{label}: enter a number."}) from exc
    if not number.is_finite() or abs(number) >= Decimal("1e11"):
        raise ValidationError({"value": f"{label}: enter a number."})
    return number.quantize(Decimal("0.001"))


def _answer_field(criterion) -> str:
    if criterion.type == BINARY:
        return "checklist" if criterion.checklist else "met"
    return "level" if criterion.type == ORDINAL else "value"


def _refuse_inapplicable(criterion, **given) -> None:
    """A value for a field this criterion's type does not use is an error, not silently dropped
    (`{"met": true}` for a checklist criterion used to store "not met")."""
    expected = _answer_field(criterion)
    how = {
        "checklist": "by ticking its checklist items (met follows from them)",
        "met": "with met (true or false)",
        "level": "with a stage (level)",
        "value": "with a figure (value)",
    }[expected]
    errors = {
        name: f"“{criterion.title}” is answered {how}; {name} does not apply to it."
        for name, value in given.items()
        if name != expected and value not in (None, [], "")
    }
    if errors:
        raise ValidationError(errors)


def clean_answer(spec, criterion_key: str, *, met=None, checklist=None, level=None, value=None):
    """Check an answer against its criterion's type; returns the fields to store."""
    criterion = spec.criteria_by_key.get(criterion_key)
    if criterion is None:
        raise ValidationError(f"'{criterion_key}' is not a criterion of {spec.label}.")
    _refuse_inapplicable(criterion, met=met, checklist=checklist, level=level, value=value)
    fields: dict[str, Any] = {"met": None, "checklist": [], "level": None, "value": None}
    if criterion.type == BINARY:
        if criterion.checklist:
            known = [item.key for item in criterion.checklist]
            ticked = [key for key in known if key in set(checklist or ())]
            unknown = set(checklist or ()) - set(known)
            if unknown:
                raise ValidationError(
                    {"checklist": f"Unknown checklist item(s): {', '.join(sorted(unknown))}."}
                )
            fields["checklist"] = ticked
            fields["met"] = len(ticked) >= criterion.checklist_at_least
        else:
            fields["met"] = met
    elif criterion.type == ORDINAL:
        if level is not None:
            levels = [s.level for s in spec.scale]
            if level not in levels:
                raise ValidationError(
                    {"level": f"Choose a stage from {levels[0]} to {levels[-1]}."}
                )
        fields["level"] = level
    elif criterion.type == NUMERIC:
        fields["value"] = _decimal(value, criterion.title)
    return criterion, fields


@transaction.atomic
def save_response(
    *,
    assessment: Assessment,
    criterion_key: str,
    user,
    notes: str = "",
    expected_version: int | None = None,
    **answer,
) -> Response:
    """Record (or change) the city's answer to one criterion of a draft.

    `expected_version` is the version of the answer the editor read (0: there was none yet): if
    someone saved since, StaleEdit is raised and nothing is written. Every change bumps it.
    """
    _check_user(user, can_edit_assessment_city, assessment)
    _require_editable(assessment)
    _, fields = clean_answer(assessment.version.spec, criterion_key, **answer)
    criterion = assessment.version.criteria.get(key=criterion_key)
    response, created = Response.objects.get_or_create(assessment=assessment, criterion=criterion)
    if not created:
        claim_version(response, expected_version=expected_version, noun="answer")
    for name, value in fields.items():
        setattr(response, name, value)
    response.notes = notes.strip()
    response.updated_by = user
    response.full_clean()
    # Only the answer's own fields: a reviewer's rating saved meanwhile is not undone.
    response.save(update_fields=[*fields, "notes", "updated_by", "version", "updated_at"])
    return response


def compute_self_result(assessment: Assessment) -> ScoreResult:
    responses = assessment.responses.select_related("criterion")
    return score(assessment.version.spec, answers_by_key(responses))


def unanswered_titles(assessment: Assessment, result: ScoreResult) -> list[str]:
    return [
        c.title for c in assessment.version.spec.criteria if not result.criteria[c.key].answered
    ]


def store_result(*, assessment: Assessment, kind: str, result: ScoreResult) -> Result:
    data = result.as_dict()
    stored, _ = Result.objects.update_or_create(
        assessment=assessment,
        kind=kind,
        defaults={
            "points": Decimal(str(data["points"])),
            "max_points": Decimal(str(data["max_points"])),
            "percent": Decimal(str(data["percent"])),
            "level_key": result.level_key or "",
            "level_title": result.level_title,
            "data": data,
        },
    )
    return stored


@dataclass(frozen=True)
class SubmissionCheck:
    """What stands between a draft and its submission (nothing, when `ready`)."""

    result: ScoreResult
    unanswered: list[str] = field(default_factory=list)
    missing_evidence: list[MissingEvidence] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.unanswered and not self.missing_evidence

    @property
    def messages(self) -> list[str]:
        out = []
        if self.unanswered:
            shown = "; ".join(self.unanswered[:3]) + ("…" if len(self.unanswered) > 3 else "")
            out.append(
                f"Answer every criterion before submitting: {len(self.unanswered)} still open "
                f"({shown})."
            )
        if self.missing_evidence:
            count = len(self.missing_evidence)
            shown = "; ".join(
                f"{gap.title}: {', '.join(gap.requirements)}" for gap in self.missing_evidence[:3]
            ) + ("…" if count > 3 else "")
            out.append(
                f"Attach the required evidence for {count} criteri{'on' if count == 1 else 'a'} "
                f"marked as met ({shown})."
            )
        return out


def submission_check(assessment: Assessment) -> SubmissionCheck:
    """Unanswered criteria and met criteria lacking required evidence (three queries)."""
    responses = list(assessment.responses.select_related("criterion").prefetch_related("evidence"))
    result = score(assessment.version.spec, answers_by_key(responses))
    attached = {r.criterion.key: [e.requirement_key for e in r.evidence.all()] for r in responses}
    return SubmissionCheck(
        result=result,
        unanswered=unanswered_titles(assessment, result),
        missing_evidence=missing_evidence(assessment.version.spec, result, attached),
    )


@transaction.atomic
def submit_assessment(*, assessment: Assessment, user) -> Assessment:
    """Submit a complete draft (or a resubmission after an evidence request) for review.

    Refused, with every reason, while a criterion is unanswered or a criterion marked as met
    lacks the evidence its framework requires.
    """
    _check_user(user, can_edit_assessment_city, assessment)
    _require_editable(assessment)
    check = submission_check(assessment)
    if not check.ready:
        raise ValidationError(" ".join(check.messages), code="not_ready")
    result = check.result
    store_result(assessment=assessment, kind=ResultKind.SELF, result=result)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.full_clean()
    assessment.save(update_fields=["status", "submitted_at", "updated_at"])
    return assessment


@transaction.atomic
def set_sharing(
    *, assessment: Assessment, sharing: str, show_certification: bool | None = None
) -> Assessment:
    """Choose who besides members and reviewers sees the result (and the certified level)."""
    if sharing not in ResultSharing.values:
        raise ValidationError({"sharing": "Choose private, peers or public."})
    assessment.sharing = sharing
    assessment.full_clean()
    assessment.save(update_fields=["sharing", "updated_at"])
    if show_certification is not None:
        Certification.objects.filter(assessment=assessment).update(
            show_on_profile=show_certification
        )
    return assessment


@transaction.atomic
def record_answers(*, assessment: Assessment, answers: dict[str, dict], user=None) -> int:
    """Save many answers of a draft at once (demo seeding, imports). Returns how many.

    Each answer is checked like `save_response`; existing responses are replaced.
    """
    _require_editable(assessment)
    spec = assessment.version.spec
    criteria = {c.key: c for c in assessment.version.criteria.all()}
    rows = []
    for key, answer in answers.items():
        notes = answer.pop("notes", "")
        _, fields = clean_answer(spec, key, **answer)
        rows.append(
            Response(
                assessment=assessment,
                criterion=criteria[key],
                notes=notes,
                updated_by=user,
                **fields,
            )
        )
    Response.objects.filter(assessment=assessment, criterion__key__in=list(answers)).delete()
    Response.objects.bulk_create(rows)
    return len(rows)
