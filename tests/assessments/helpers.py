"""Answer sets for tests: build finished assessments through the services."""

from decimal import Decimal

from citypeers.assessments import services
from citypeers.assessments.engine.scoring import Answer
from citypeers.assessments.enums import ResultSharing
from tests.factories.assessments import AssessmentFactory


def answers_meeting(spec, met_keys) -> dict[str, dict]:
    """Every criterion answered; those in `met_keys` met (checklists fully ticked)."""
    answers = {}
    for criterion in spec.criteria:
        met = criterion.key in met_keys
        if criterion.type == "binary" and criterion.checklist:
            answers[criterion.key] = {
                "checklist": [i.key for i in criterion.checklist] if met else []
            }
        elif criterion.type == "binary":
            answers[criterion.key] = {"met": met}
        elif criterion.type == "ordinal":
            answers[criterion.key] = {"level": spec.top_level if met else spec.bottom_level}
        else:
            answers[criterion.key] = {"value": 100 if met else 0}
    return answers


def answers_as_engine_input(spec, met_keys) -> dict[str, Answer]:
    """`answers_meeting` as the pure engine's answers, for engine tests."""
    out = {}
    for key, answer in answers_meeting(spec, set(met_keys)).items():
        value = answer.get("value")
        out[key] = Answer(
            met=answer.get("met"),
            checklist=frozenset(answer.get("checklist", ())),
            level=answer.get("level"),
            value=Decimal(value) if value is not None else None,
        )
    return out


def attach_required_evidence(assessment, met_keys) -> None:
    """A link for each required evidence item of the met criteria, so the draft can be submitted."""
    for criterion in assessment.version.spec.criteria:
        if criterion.key not in met_keys:
            continue
        for requirement in criterion.evidence:
            if requirement.required:
                services.add_evidence(
                    assessment=assessment,
                    criterion_key=criterion.key,
                    user=None,
                    url=f"https://evidence.example/{criterion.key}/{requirement.key}",
                    requirement_key=requirement.key,
                )


def finished_assessment(
    jurisdiction, *, met_keys=(), sharing=ResultSharing.PEERS, cycle=2025, version=None, **extra
):
    kwargs = {"jurisdiction": jurisdiction, "cycle": cycle, **extra}
    if version is not None:
        kwargs["version"] = version
    assessment = AssessmentFactory(**kwargs)
    services.record_answers(
        assessment=assessment, answers=answers_meeting(assessment.version.spec, set(met_keys))
    )
    attach_required_evidence(assessment, set(met_keys))
    services.submit_assessment(assessment=assessment, user=None)
    services.set_sharing(assessment=assessment, sharing=sharing)
    return assessment
