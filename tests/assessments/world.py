"""Assessment objects for the permission matrix.

home_draft: the home city's private draft (with private and reviewer-only evidence).
home_submitted: the home city's submitted, private assessment (reviewable).
other_shared: the other city's submitted result, shared with peers (with public evidence).
evidence[(city, visibility)]: a file of every visibility on home_submitted ("home") and on
other_shared ("other"), for the download matrix.
"""

from citypeers.assessments.enums import EvidenceVisibility, ResultSharing
from tests.assessments.helpers import finished_assessment
from tests.factories.assessments import (
    AssessmentFactory,
    EvidenceItemFactory,
    FileEvidenceFactory,
    ResponseFactory,
    default_version,
)


def extend(world):
    world.assess_version = default_version()
    world.home_draft = AssessmentFactory(jurisdiction=world.home, cycle=2025)
    response = ResponseFactory(assessment=world.home_draft)
    world.home_private_evidence = FileEvidenceFactory(
        response=response, visibility=EvidenceVisibility.PRIVATE
    )
    world.home_reviewer_evidence = EvidenceItemFactory(
        response=response, visibility=EvidenceVisibility.REVIEWERS
    )
    world.home_submitted = finished_assessment(
        world.home, cycle=2024, met_keys={"od-policy"}, sharing=ResultSharing.PRIVATE
    )
    world.other_shared = finished_assessment(
        world.other, cycle=2025, met_keys={"od-policy", "od-portal"}, sharing=ResultSharing.PEERS
    )
    shared_response = world.other_shared.responses.get(criterion__key="od-policy")
    world.other_public_evidence = FileEvidenceFactory(
        response=shared_response, visibility=EvidenceVisibility.PUBLIC
    )
    world.evidence = {}
    for city, assessment in [("home", world.home_submitted), ("other", world.other_shared)]:
        response = assessment.responses.get(criterion__key="od-policy")
        for visibility in EvidenceVisibility.values:
            world.evidence[(city, visibility)] = FileEvidenceFactory(
                response=response, visibility=visibility, title=f"{city} {visibility} file"
            )
