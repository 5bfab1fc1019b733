"""Writes: loading frameworks, taking, evidence, submission, review, validation, requests."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from citypeers.accounts.enums import MembershipRole
from citypeers.assessments import services
from citypeers.assessments.engine.loader import FrameworkError
from citypeers.assessments.enums import AssessmentStatus, ResultKind, ResultSharing
from citypeers.assessments.models import Certification, Criterion, FrameworkVersion, Result
from tests.assessments.helpers import (
    answers_meeting,
    attach_required_evidence,
    finished_assessment,
)
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory, UserFactory
from tests.factories.assessments import (
    DEFAULT_FILE,
    AssessmentFactory,
    ReviewerFactory,
    default_version,
    maturity_version,
)
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


def test_load_framework_file_creates_43_criteria(db):
    outcome = services.load_framework_file(path=DEFAULT_FILE)
    assert (outcome.action, Criterion.objects.filter(version=outcome.version).count()) == (
        "created",
        43,
    )


def test_load_framework_file_twice_is_unchanged(db):
    services.load_framework_file(path=DEFAULT_FILE)
    again = services.load_framework_file(path=DEFAULT_FILE)
    assert (again.action, FrameworkVersion.objects.count()) == ("unchanged", 1)


def test_load_framework_changed_version_in_use_is_refused(db, tmp_path):
    AssessmentFactory()
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        DEFAULT_FILE.read_text().replace(
            "title: Rules that keep data secure", "title: Rules that keep data safe"
        )
    )
    with pytest.raises(FrameworkError) as caught:
        services.load_framework_file(path=changed)
    assert caught.value.problems == [
        "version 2025.1 of 'city-data-practices' is already used by assessments and cannot "
        "change; give the new content a new version id"
    ]


def test_load_framework_changed_version_unused_is_updated(db, tmp_path):
    services.load_framework_file(path=DEFAULT_FILE)
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        DEFAULT_FILE.read_text().replace(
            "title: Rules that keep data secure", "title: Rules that keep data safe"
        )
    )
    outcome = services.load_framework_file(path=changed)
    assert (outcome.action, outcome.version.criteria.get(key="dm-security").title) == (
        "updated",
        "Rules that keep data safe",
    )


def test_start_assessment_ineligible_city_gets_the_reason(db):
    small = JurisdictionFactory(name="Smallville", population=12_000, population_source="Census")
    with pytest.raises(ValidationError) as caught:
        services.start_assessment(
            jurisdiction=small, version=default_version(), cycle=2025, user=None
        )
    assert caught.value.messages[0].startswith(
        "City Data Practices is for governments of at least 30,000 residents; Smallville, TX has "
        "12,000 (Census 2021)."
    )


def test_start_assessment_small_city_may_take_the_maturity_ladder(db):
    small = JurisdictionFactory(population=900)
    assessment = services.start_assessment(
        jurisdiction=small, version=maturity_version(), cycle=2025, user=None
    )
    assert assessment.status == AssessmentStatus.DRAFT


def test_start_assessment_same_cycle_twice_is_refused(db):
    city = JurisdictionFactory()
    services.start_assessment(jurisdiction=city, version=default_version(), cycle=2025, user=None)
    with pytest.raises(ValidationError) as caught:
        services.start_assessment(
            jurisdiction=city, version=default_version(), cycle=2025, user=None
        )
    assert caught.value.message_dict["cycle"] == [
        f"{city} already has a 2025 assessment for City Data Practices 2025.1."
    ]


def test_save_response_checklist_decides_met(db):
    assessment = AssessmentFactory()
    response = services.save_response(
        assessment=assessment,
        criterion_key="dm-inventory",
        user=None,
        checklist=["method", "fresh", "published"],
    )
    assert (response.met, response.checklist) == (True, ["method", "fresh", "published"])


def test_save_response_unknown_checklist_item_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        services.save_response(
            assessment=AssessmentFactory(),
            criterion_key="dm-inventory",
            user=None,
            checklist=["nope"],
        )
    assert caught.value.message_dict == {"checklist": ["Unknown checklist item(s): nope."]}


def test_save_response_level_outside_scale_is_refused(db):
    assessment = AssessmentFactory(version=maturity_version())
    with pytest.raises(ValidationError) as caught:
        services.save_response(
            assessment=assessment, criterion_key="st-direction", user=None, level=7
        )
    assert caught.value.message_dict == {"level": ["Choose a stage from 1 to 5."]}


def test_save_response_after_submission_is_refused(db):
    assessment = finished_assessment(JurisdictionFactory())
    with pytest.raises(ValidationError) as caught:
        services.save_response(
            assessment=assessment, criterion_key="od-policy", user=None, met=True
        )
    assert caught.value.messages == [
        "This assessment is submitted for review and can no longer be changed."
    ]


def test_submit_incomplete_assessment_is_refused_with_count(db):
    assessment = AssessmentFactory()
    services.save_response(assessment=assessment, criterion_key="od-policy", user=None, met=True)
    with pytest.raises(ValidationError) as caught:
        services.submit_assessment(assessment=assessment, user=None)
    assert caught.value.messages[0].startswith(
        "Answer every criterion before submitting: 42 still open ("
    )


def test_submit_stores_self_result(db):
    spec = default_version().spec
    met_keys = {c.key for c in spec.criteria[:30]}
    assessment = finished_assessment(JurisdictionFactory(), met_keys=met_keys)
    stored = Result.objects.get(assessment=assessment, kind=ResultKind.SELF)
    assert (assessment.status, stored.level_key) == (AssessmentStatus.SUBMITTED, "gold")


def test_add_evidence_pdf_upload_is_stored(db):
    assessment = AssessmentFactory()
    upload = SimpleUploadedFile("charter.pdf", b"%PDF-1.7 body", content_type="application/pdf")
    item = services.add_evidence(
        assessment=assessment,
        criterion_key="dm-governance",
        user=None,
        upload=upload,
        visibility="private",
    )
    assert (item.kind, item.content_type, item.title, item.visibility) == (
        "file",
        "application/pdf",
        "charter.pdf",
        "private",
    )


def test_add_evidence_disallowed_type_is_refused(db):
    upload = SimpleUploadedFile("run.exe", b"MZ....")
    with pytest.raises(ValidationError) as caught:
        services.add_evidence(
            assessment=AssessmentFactory(), criterion_key="od-policy", user=None, upload=upload
        )
    assert caught.value.message_dict["file"] == [
        "Upload one of these file types: CSV, DOCX, JPEG, JPG, PDF, PNG, PPTX, TXT, XLSX."
    ]


def test_add_evidence_fake_pdf_is_refused(db):
    upload = SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError) as caught:
        services.add_evidence(
            assessment=AssessmentFactory(), criterion_key="od-policy", user=None, upload=upload
        )
    assert caught.value.message_dict["file"] == ["The file's content is not a real PDF."]


def test_add_evidence_too_large_is_refused(db):
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as caught:
        services.add_evidence(
            assessment=AssessmentFactory(), criterion_key="od-policy", user=None, upload=upload
        )
    assert caught.value.message_dict["file"] == ["Files may be at most 10 MB; this one is 10.0 MB."]


def test_add_evidence_url_must_be_http(db):
    with pytest.raises(ValidationError) as caught:
        services.add_evidence(
            assessment=AssessmentFactory(),
            criterion_key="od-policy",
            user=None,
            url="javascript:alert(1)",
        )
    assert caught.value.message_dict["url"] == ["Enter a full web address starting with https://."]


def _reviewed(assessment, reviewer, *, met_keys):
    for criterion in assessment.version.spec.criteria:
        services.rate_response(
            assessment=assessment,
            criterion_key=criterion.key,
            reviewer=reviewer,
            **answers_meeting(assessment.version.spec, met_keys)[criterion.key],
        )


def test_validate_grants_certification_from_validated_score(db):
    spec = default_version().spec
    assessment = finished_assessment(
        JurisdictionFactory(), met_keys={c.key for c in spec.criteria[:40]}
    )
    reviewer = UserFactory(is_network_organiser=True)
    _reviewed(assessment, reviewer, met_keys={c.key for c in spec.criteria[:30]})
    services.validate_assessment(assessment=assessment, reviewer=reviewer)
    certification = Certification.objects.get(assessment=assessment)
    validated = Result.objects.get(assessment=assessment, kind=ResultKind.VALIDATED)
    self_result = Result.objects.get(assessment=assessment, kind=ResultKind.SELF)
    assert (certification.level_key, validated.level_key, self_result.level_key) == (
        "gold",
        "gold",
        "platinum",
    )


def test_validate_without_level_grants_no_certification(db):
    assessment = finished_assessment(JurisdictionFactory(), met_keys=set())
    reviewer = UserFactory(is_network_organiser=True)
    _reviewed(assessment, reviewer, met_keys=set())
    services.validate_assessment(assessment=assessment, reviewer=reviewer)
    assert Certification.objects.filter(assessment=assessment).count() == 0


def test_validate_maturity_framework_never_certifies(db):
    version = maturity_version()
    keys = {c.key for c in version.spec.criteria}
    assessment = finished_assessment(JurisdictionFactory(), met_keys=keys, version=version)
    reviewer = UserFactory(is_network_organiser=True)
    _reviewed(assessment, reviewer, met_keys=keys)
    services.validate_assessment(assessment=assessment, reviewer=reviewer)
    assert (assessment.status, Certification.objects.count()) == (AssessmentStatus.VALIDATED, 0)


def test_validate_before_every_criterion_is_rated_is_refused(db):
    assessment = finished_assessment(JurisdictionFactory())
    with pytest.raises(ValidationError) as caught:
        services.validate_assessment(assessment=assessment, reviewer=ReviewerFactory().user)
    assert caught.value.messages[0].startswith(
        "Rate every criterion before validating: 43 not rated yet ("
    )


def test_validate_draft_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        services.validate_assessment(
            assessment=AssessmentFactory(), reviewer=ReviewerFactory().user
        )
    assert caught.value.messages == ["Only submitted assessments can be reviewed."]


def test_request_evidence_returns_assessment_and_emails_editors(
    db, django_capture_on_commit_callbacks
):
    city = JurisdictionFactory()
    organisation = CityOrganisationFactory(jurisdiction=city)
    editor = MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user
    MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER)
    assessment = finished_assessment(city)
    services.rate_response(
        assessment=assessment,
        criterion_key="od-policy",
        reviewer=ReviewerFactory().user,
        met=False,
        comment="Link is broken",
        evidence_requested=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.request_evidence(
            assessment=assessment, reviewer=ReviewerFactory().user, message="Thanks"
        )
    assert (assessment.status, len(mail.outbox), mail.outbox[0].to) == (
        AssessmentStatus.EVIDENCE_REQUESTED,
        1,
        [editor.email],
    )


def test_request_evidence_reopens_answers_for_resubmission(db):
    assessment = finished_assessment(JurisdictionFactory())
    services.rate_response(
        assessment=assessment,
        criterion_key="od-policy",
        reviewer=ReviewerFactory().user,
        met=False,
        evidence_requested=True,
    )
    services.request_evidence(assessment=assessment, reviewer=ReviewerFactory().user)
    services.save_response(assessment=assessment, criterion_key="od-policy", user=None, met=True)
    attach_required_evidence(assessment, {"od-policy"})
    services.submit_assessment(assessment=assessment, user=None)
    assert assessment.status == AssessmentStatus.SUBMITTED


def test_submit_refuses_met_criteria_without_required_evidence(db):
    assessment = AssessmentFactory()
    spec = assessment.version.spec
    services.record_answers(assessment=assessment, answers=answers_meeting(spec, {"od-policy"}))

    with pytest.raises(ValidationError) as caught:
        services.submit_assessment(assessment=assessment, user=None)

    assert caught.value.messages == [
        "Attach the required evidence for 1 criterion marked as met (An adopted open data "
        "policy: The adopted policy, ordinance or executive order)."
    ]
    assessment.refresh_from_db()
    assert (assessment.status, assessment.results.count()) == (AssessmentStatus.DRAFT, 0)


def test_submit_lists_unanswered_and_missing_evidence_together(db):
    assessment = AssessmentFactory()
    spec = assessment.version.spec
    answers = answers_meeting(spec, {"od-policy"})
    first_open = spec.criteria[0]
    del answers[first_open.key]
    services.record_answers(assessment=assessment, answers=answers)

    check = services.submission_check(assessment)

    assert (check.ready, check.unanswered, [g.criterion for g in check.missing_evidence]) == (
        False,
        [first_open.title],
        ["od-policy"],
    )


def test_request_conversation_emails_peer_admins(db, django_capture_on_commit_callbacks):
    here, peer = JurisdictionFactory(), JurisdictionFactory()
    admin = MembershipFactory(
        organisation=CityOrganisationFactory(jurisdiction=peer), role=MembershipRole.ADMIN
    ).user
    criterion = default_version().criteria.get(key="od-policy")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_conversation(
            from_jurisdiction=here,
            to_jurisdiction=peer,
            criterion=criterion,
            user=UserFactory(),
            message="How did you pass the policy?",
            peer_ids_meeting={peer.pk},
        )
    assert (request.notified, mail.outbox[0].to, mail.outbox[0].subject) == (
        1,
        [admin.email],
        f"{here} would like to talk about “An adopted open data policy”",
    )


def test_request_conversation_to_city_not_sharing_is_refused(db):
    here, peer = JurisdictionFactory(), JurisdictionFactory()
    criterion = default_version().criteria.get(key="od-policy")
    with pytest.raises(ValidationError) as caught:
        services.request_conversation(
            from_jurisdiction=here,
            to_jurisdiction=peer,
            criterion=criterion,
            user=UserFactory(),
            peer_ids_meeting=set(),
        )
    assert caught.value.messages == [f"{peer} does not share a result that meets this criterion."]


def test_request_conversation_twice_is_refused(db):
    here, peer = JurisdictionFactory(), JurisdictionFactory()
    criterion = default_version().criteria.get(key="od-policy")
    kwargs = {
        "from_jurisdiction": here,
        "to_jurisdiction": peer,
        "criterion": criterion,
        "user": UserFactory(),
        "peer_ids_meeting": {peer.pk},
    }
    services.request_conversation(**kwargs)
    with pytest.raises(ValidationError) as caught:
        services.request_conversation(**kwargs)
    assert caught.value.messages == [
        f"You already asked {peer} about “An adopted open data policy”."
    ]


def test_set_sharing_hides_certification_from_profile(db):
    assessment = finished_assessment(JurisdictionFactory())
    Certification.objects.create(
        jurisdiction=assessment.jurisdiction,
        assessment=assessment,
        framework_title="x",
        version_label="1",
        cycle=2025,
        level_key="gold",
        level_title="Gold",
        granted_at=assessment.created_at,
    )
    services.set_sharing(
        assessment=assessment, sharing=ResultSharing.PUBLIC, show_certification=False
    )
    assert (assessment.sharing, Certification.objects.get().show_on_profile) == ("public", False)


def test_set_sharing_unknown_value_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        services.set_sharing(assessment=AssessmentFactory(), sharing="everyone")
    assert caught.value.message_dict == {"sharing": ["Choose private, peers or public."]}


def test_only_a_network_reviewer_from_outside_the_city_reviews(db):
    assessment = finished_assessment(JurisdictionFactory())
    with pytest.raises(PermissionDenied) as caught:
        services.rate_response(
            assessment=assessment, criterion_key="od-policy", reviewer=UserFactory(), met=True
        )
    assert str(caught.value) == (
        "Only a reviewer of the network who is not a member of this city reviews its assessment."
    )
