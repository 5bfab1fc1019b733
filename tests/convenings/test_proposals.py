"""Session proposals: who proposes, votes, reviews and decides; decision emails; speakers."""

from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from citypeers.convenings.enums import ConveningState, ProposalStatus
from citypeers.convenings.models import ProposalVote
from citypeers.convenings.selectors.programme import proposals_for
from citypeers.convenings.services import proposals as service
from citypeers.core.services import StaleEdit
from tests.factories.accounts import UserFactory
from tests.factories.convenings import (
    ConveningFactory,
    DelegateFactory,
    DelegationFactory,
    ProposalReviewFactory,
    SessionProposalFactory,
    SessionSpeakerFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def convening(db):
    return ConveningFactory(slug="nola", title="Peer convening")


@pytest.fixture
def delegate(convening):
    user = UserFactory(email="ana@city.gov", full_name="Ana")
    return DelegateFactory(
        delegation=DelegationFactory(convening=convening), user=user, email="ana@city.gov"
    )


@pytest.fixture
def other_delegate(convening):
    user = UserFactory(email="ben@other.gov", full_name="Ben")
    return DelegateFactory(
        delegation=DelegationFactory(convening=convening), user=user, email="ben@other.gov"
    )


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True, email="org@network.org")


def _propose(convening, actor, **extra):
    data = {
        "title": "Broadband for every block",
        "format": "panel",
        "description": "Three cities compare their digital equity plans.",
        **extra,
    }
    return service.propose_session(convening=convening, actor=actor, **data)


def test_a_delegate_proposes_with_a_speaker_from_another_city(convening, delegate, other_delegate):
    proposal = _propose(convening, delegate.user, speakers=[other_delegate])

    assert (proposal.proposer, proposal.status, proposal.version) == (
        delegate.user,
        ProposalStatus.PROPOSED,
        1,
    )
    assert list(proposal.speakers.all()) == [other_delegate]
    assert proposal.history.first().history_user == delegate.user


def test_a_title_with_a_line_break_is_refused(convening, delegate):
    with pytest.raises(ValidationError) as error:
        _propose(convening, delegate.user, title="Broadband\r\nBcc: x@example.org")

    assert list(error.value.message_dict) == ["title"]


def test_someone_without_a_seat_cannot_propose(convening):
    with pytest.raises(PermissionDenied):
        _propose(convening, UserFactory())


def test_proposals_close_when_the_convening_goes_live(convening, delegate):
    convening.state = ConveningState.LIVE
    convening.save()

    with pytest.raises(ValidationError) as error:
        _propose(convening, delegate.user)

    assert error.value.messages == [
        "The convening takes session proposals only while open or in programme."
    ]


def test_a_speaker_from_another_convening_is_refused(convening, delegate):
    stranger = DelegateFactory(full_name="Stranger")

    with pytest.raises(ValidationError) as error:
        _propose(convening, delegate.user, speakers=[stranger])

    assert error.value.message_dict == {"speakers": ["Stranger is not a delegate here."]}


def test_one_vote_per_person(convening, delegate, other_delegate):
    proposal = _propose(convening, delegate.user)

    assert service.vote(proposal=proposal, actor=other_delegate.user) is True
    assert service.vote(proposal=proposal, actor=other_delegate.user) is False
    assert ProposalVote.objects.filter(proposal=proposal).count() == 1


def test_nobody_votes_on_their_own_proposal(convening, delegate):
    proposal = _propose(convening, delegate.user)

    with pytest.raises(PermissionDenied) as error:
        service.vote(proposal=proposal, actor=delegate.user)

    assert str(error.value) == "You cannot vote on your own proposal."


def test_organisers_vote_and_outsiders_do_not(convening, delegate, organiser):
    proposal = _propose(convening, delegate.user)

    service.vote(proposal=proposal, actor=organiser)
    with pytest.raises(PermissionDenied):
        service.vote(proposal=proposal, actor=UserFactory())

    assert list(proposal.votes.values_list("voter", flat=True)) == [organiser.pk]


def test_unvote_takes_the_vote_back(convening, delegate, other_delegate):
    proposal = _propose(convening, delegate.user)
    service.vote(proposal=proposal, actor=other_delegate.user)

    assert service.unvote(proposal=proposal, actor=other_delegate.user) is True
    assert proposal.votes.count() == 0


def test_the_htmx_vote_button_answers_with_itself(client, convening, delegate, other_delegate):
    proposal = _propose(convening, delegate.user)
    client.force_login(other_delegate.user)

    response = client.post(
        reverse("convenings:proposal_vote", kwargs={"slug": "nola", "pk": proposal.pk}),
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<span class="cv-vote" id="vote-{proposal.pk}">')
    assert "Voted ✓</button></form> <strong>1</strong> vote" in html


def test_reviews_are_for_organisers_and_averaged(convening, delegate, organiser):
    proposal = _propose(convening, delegate.user)
    ProposalReviewFactory(proposal=proposal, relevance=5, feasibility=2)

    service.review(proposal=proposal, actor=organiser, relevance=4, feasibility=3, comment="Good")
    with pytest.raises(PermissionDenied):
        service.review(proposal=proposal, actor=delegate.user, relevance=1, feasibility=1)

    row = proposals_for(convening, organiser).get(pk=proposal.pk)
    assert (row.relevance_avg, row.feasibility_avg) == (4.5, 2.5)


def test_a_score_outside_one_to_five_is_refused(convening, delegate, organiser):
    proposal = _propose(convening, delegate.user)

    with pytest.raises(ValidationError) as error:
        service.review(proposal=proposal, actor=organiser, relevance=6, feasibility=3)

    assert list(error.value.message_dict) == ["relevance"]


def test_a_decision_emails_the_proposer_and_speakers_after_commit(
    convening, delegate, other_delegate, organiser, django_capture_on_commit_callbacks
):
    proposal = _propose(convening, delegate.user, speakers=[other_delegate])

    with django_capture_on_commit_callbacks(execute=True):
        service.decide(
            proposal=proposal,
            actor=organiser,
            accept=True,
            message="Welcome to the programme.",
            expected_version=1,
        )

    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("Accepted: Broadband for every block", ["ana@city.gov", "ben@other.gov"])
    ]
    assert "Welcome to the programme." in mail.outbox[0].body
    assert proposal.history.first().history_user == organiser


def test_a_mail_failure_keeps_the_saved_decision(
    client, convening, delegate, organiser, django_capture_on_commit_callbacks
):
    proposal = _propose(convening, delegate.user)
    client.force_login(organiser)
    url = reverse("convenings:proposal_decide", kwargs={"slug": "nola", "pk": proposal.pk})

    with (
        mock.patch(
            "citypeers.convenings.services.proposals.send_mail", side_effect=OSError("down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(url, {"decision": "declined", "message": "No", "version": 1})

    proposal.refresh_from_db()
    assert (response.status_code, proposal.status) == (302, ProposalStatus.DECLINED)


def test_a_stale_decision_is_refused(convening, delegate, organiser):
    proposal = _propose(convening, delegate.user)
    service.update_proposal(
        proposal=proposal, actor=delegate.user, expected_version=1, title="Renamed"
    )

    with pytest.raises(StaleEdit) as error:
        service.decide(
            proposal=proposal, actor=organiser, accept=True, message="Yes", expected_version=1
        )

    assert error.value.current_version == 2


def test_the_edit_page_shows_a_stale_save(client, convening, delegate):
    proposal = _propose(convening, delegate.user)
    service.update_proposal(
        proposal=proposal, actor=delegate.user, expected_version=1, title="Renamed"
    )
    client.force_login(delegate.user)

    response = client.post(
        reverse("convenings:proposal_edit", kwargs={"slug": "nola", "pk": proposal.pk}),
        {"title": "Mine", "format": "panel", "description": "D", "version": 1},
    )

    assert response.status_code == 200
    assert 'id="stale-edit"' in response.content.decode()


def test_speakers_confirm_once_accepted(convening, delegate, other_delegate, organiser):
    proposal = SessionProposalFactory(convening=convening, proposer=delegate.user)
    row = SessionSpeakerFactory(proposal=proposal, delegate=other_delegate)

    with pytest.raises(ValidationError):
        service.confirm_speaking(proposal=proposal, actor=other_delegate.user)
    proposal.status = ProposalStatus.ACCEPTED
    proposal.save()
    service.confirm_speaking(proposal=proposal, actor=other_delegate.user)
    with pytest.raises(PermissionDenied):
        service.confirm_speaking(proposal=proposal, actor=delegate.user)

    row.refresh_from_db()
    assert row.confirmed_at is not None


def test_proposals_page_shows_review_averages_to_organisers_only(
    client, convening, delegate, other_delegate, organiser
):
    proposal = _propose(convening, delegate.user)
    ProposalReviewFactory(proposal=proposal, relevance=5, feasibility=4)
    url = reverse("convenings:proposals", kwargs={"slug": "nola"})

    client.force_login(organiser)
    as_organiser = client.get(url).content.decode()
    client.force_login(other_delegate.user)
    as_delegate = client.get(url).content.decode()

    assert "Relevance 5.0 · Feasibility 4.0" in as_organiser
    assert "Relevance" not in as_delegate


def test_api_creates_and_votes(client, convening, delegate, other_delegate):
    client.force_login(delegate.user)
    created = client.post(
        "/api/v1/convenings/nola/proposals",
        {
            "title": "Lightning: permits",
            "format": "lightning",
            "description": "Five minutes each.",
            "speakers": [other_delegate.pk],
        },
        content_type="application/json",
    )
    pk = created.json()["id"]
    client.force_login(other_delegate.user)
    voted = client.post(f"/api/v1/convenings/nola/proposals/{pk}/vote")

    assert created.status_code == 201
    assert created.json()["speakers"] == [
        {
            "delegate": other_delegate.pk,
            "name": other_delegate.full_name,
            "city": other_delegate.delegation.jurisdiction.name,
            "confirmed": False,
        }
    ]
    assert (voted.json()["votes"], voted.json()["voted"], voted.json()["review_averages"]) == (
        1,
        True,
        None,
    )


def test_api_refuses_a_title_with_a_line_break(client, convening, delegate):
    client.force_login(delegate.user)

    response = client.post(
        "/api/v1/convenings/nola/proposals",
        {"title": "A\nB", "format": "panel", "description": "D"},
        content_type="application/json",
    )

    assert response.status_code == 422


def test_api_shows_review_averages_to_organisers(client, convening, delegate, organiser):
    proposal = _propose(convening, delegate.user)
    ProposalReviewFactory(proposal=proposal, relevance=5, feasibility=3)
    client.force_login(organiser)

    response = client.get(f"/api/v1/convenings/nola/proposals/{proposal.pk}")

    assert response.json()["review_averages"] == {"relevance": 5.0, "feasibility": 3.0}
    assert response["ETag"] == 'W/"1"'


def test_api_refuses_a_stale_patch_with_409(client, convening, delegate):
    proposal = _propose(convening, delegate.user)
    client.force_login(delegate.user)
    url = f"/api/v1/convenings/nola/proposals/{proposal.pk}"
    client.patch(
        url, {"title": "First"}, content_type="application/json", headers={"If-Match": 'W/"1"'}
    )

    response = client.patch(
        url, {"title": "Second"}, content_type="application/json", headers={"If-Match": 'W/"1"'}
    )

    assert (response.status_code, response.json()["current_version"]) == (409, 2)


def test_api_null_clears_needs_and_is_refused_for_a_title(client, convening, delegate):
    """Found by the API fuzzer: `{"needs": null}` was stored as NULL and answered 500."""
    proposal = _propose(convening, delegate.user)
    client.force_login(delegate.user)
    url = f"/api/v1/convenings/nola/proposals/{proposal.pk}"

    cleared = client.patch(url, {"needs": None}, content_type="application/json")
    refused = client.patch(url, {"title": None}, content_type="application/json")

    proposal.refresh_from_db()
    assert (cleared.status_code, proposal.needs) == (200, "")
    assert (refused.status_code, refused.json()["errors"]) == (
        400,
        {"title": ["This field cannot be empty."]},
    )


def test_voting_on_a_declined_proposal_is_refused_with_a_message(
    client, convening, delegate, other_delegate
):
    proposal = SessionProposalFactory(
        convening=convening, proposer=delegate.user, status=ProposalStatus.DECLINED
    )
    client.force_login(other_delegate.user)

    response = client.post(
        reverse("convenings:proposal_vote", kwargs={"slug": "nola", "pk": proposal.pk}),
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == ["This proposal was declined."]
    assert proposal.votes.count() == 0
