"""Answer sets for tests: build finished assessments through the services."""

from citypeers.assessments import services
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
    services.submit_assessment(assessment=assessment, user=None)
    services.set_sharing(assessment=assessment, sharing=sharing)
    return assessment
