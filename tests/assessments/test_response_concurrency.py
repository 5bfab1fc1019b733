"""Two editors answer one criterion from the same version: the second save is refused, so no
answer is lost; the page and the API say so."""

import pytest
from django.urls import reverse

from citypeers.accounts.enums import MembershipRole
from citypeers.assessments import services
from citypeers.assessments.models import Response
from citypeers.assessments.views.taking import STALE_ANSWER
from citypeers.core.services import StaleEdit
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory
from tests.factories.assessments import AssessmentFactory

pytestmark = pytest.mark.integration
TRIALS = 10
CRITERION = "od-policy"


@pytest.fixture
def assessment(db):
    return AssessmentFactory()


@pytest.fixture
def editor(assessment):
    organisation = CityOrganisationFactory(jurisdiction=assessment.jurisdiction)
    return MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user


def _save(assessment, editor, version, **answer):
    return services.save_response(
        assessment=assessment,
        criterion_key=CRITERION,
        user=editor,
        expected_version=version,
        **answer,
    )


def test_second_stale_answer_is_refused_and_writes_nothing(assessment, editor):
    _save(assessment, editor, 0, met=False, notes="Draft")
    _save(assessment, editor, 1, met=True, notes="A's notes")

    with pytest.raises(StaleEdit) as refused:
        _save(assessment, editor, 1, met=False, notes="B's notes")

    saved = Response.objects.get(assessment=assessment)
    assert (saved.met, saved.notes, saved.version, refused.value.current_version) == (
        True,
        "A's notes",
        2,
        2,
    )


def test_a_first_answer_given_meanwhile_is_not_overwritten(assessment, editor):
    _save(assessment, editor, 0, met=True, notes="A was first")

    with pytest.raises(StaleEdit):
        _save(assessment, editor, 0, met=False, notes="B read no answer")

    saved = Response.objects.get(assessment=assessment)
    assert (saved.met, saved.notes) == (True, "A was first")


def test_two_concurrent_answers_lose_no_update(assessment, editor):
    """Each trial: both read one version; A saves; B is refused, reads again and saves."""
    lost = 0
    for trial in range(TRIALS):
        read = Response.objects.filter(assessment=assessment).first()
        version = read.version if read else 0
        _save(assessment, editor, version, met=True, notes=f"A {trial}")
        try:
            _save(assessment, editor, version, met=True, notes=f"A {trial} B {trial}")
        except StaleEdit as stale:
            _save(assessment, editor, stale.current_version, met=True, notes=f"A {trial} B {trial}")
        lost += Response.objects.get(assessment=assessment).notes != f"A {trial} B {trial}"

    assert lost == 0


def test_stale_api_put_with_if_match_answers_409(client, assessment, editor):
    client.force_login(editor)
    url = f"/api/v1/assessments/{assessment.pk}/responses/{CRITERION}"
    first = client.put(url, {"met": True}, content_type="application/json")
    etag = first.headers["ETag"]
    second = client.put(
        url,
        {"met": False, "notes": "A"},
        content_type="application/json",
        headers={"If-Match": etag},
    )

    third = client.put(
        url,
        {"met": True, "notes": "B"},
        content_type="application/json",
        headers={"If-Match": etag},
    )

    saved = Response.objects.get(assessment=assessment)
    assert (etag, second.status_code, second.json()["version"]) == ('W/"1"', 200, 2)
    assert (third.status_code, third.json()["current_version"], third.headers["ETag"]) == (
        409,
        2,
        'W/"2"',
    )
    assert (saved.met, saved.notes) == (False, "A")


def test_stale_answer_page_post_keeps_the_other_answer_and_says_so(client, assessment, editor):
    _save(assessment, editor, 0, met=True, notes="A's notes")
    client.force_login(editor)

    response = client.post(
        reverse("assessments:answer", args=[assessment.pk, "open-data"]),
        {f"{CRITERION}-met": "no", f"{CRITERION}-notes": "B's notes", f"{CRITERION}-version": "0"},
    )

    saved = Response.objects.get(assessment=assessment)
    cards = {c["criterion"].key: c["error"] for c in response.context["cards"]}
    assert (response.status_code, saved.notes, cards[CRITERION]) == (200, "A's notes", STALE_ANSWER)
