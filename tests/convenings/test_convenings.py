from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from citypeers.convenings.enums import ConveningState
from citypeers.convenings.models import Convening
from citypeers.convenings.services import convenings as service
from tests.factories.accounts import UserFactory
from tests.factories.convenings import ConveningFactory, DelegationFactory
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True)


def _create(organiser, **overrides):
    values = {
        "actor": organiser,
        "title": "Peer convening 2030",
        "host": JurisdictionFactory(name="Host City"),
        "starts_on": date(2030, 5, 10),
        "ends_on": date(2030, 5, 12),
        "registration_opens_on": date(2030, 1, 15),
        "delegation_deadline": date(2030, 4, 15),
    }
    return service.create_convening(**{**values, **overrides})


def test_create_convening_starts_as_draft_with_default_rules(organiser):
    convening = _create(organiser)
    assert (convening.state, convening.slug) == ("draft", "peer-convening-2030")
    assert (convening.delegation_size, convening.min_senior_officials, convening.min_partners) == (
        3,
        2,
        1,
    )
    assert convening.partner_types == ["foundation", "anchor_institution", "chamber_of_commerce"]
    assert list(convening.state_changes.values_list("from_state", "to_state")) == [("", "draft")]


def test_create_convening_refuses_non_organisers(db):
    with pytest.raises(PermissionDenied):
        _create(UserFactory())


def test_create_convening_refuses_rules_a_delegation_cannot_meet(organiser):
    with pytest.raises(ValidationError) as exc:
        _create(organiser, delegation_size=2, min_senior_officials=2, min_partners=1)
    assert exc.value.message_dict == {
        "delegation_size": [
            "A delegation this size cannot hold the senior officials and partners asked for."
        ]
    }


def test_create_convening_refuses_a_deadline_after_the_first_day(organiser):
    with pytest.raises(ValidationError) as exc:
        _create(organiser, delegation_deadline=date(2030, 5, 11))
    assert exc.value.message_dict == {
        "delegation_deadline": ["The deadline must be on or before the first day."]
    }


def test_create_convening_refuses_an_unknown_partner_type(organiser):
    with pytest.raises(ValidationError) as exc:
        _create(organiser, partner_types=["bank"])
    assert list(exc.value.message_dict) == ["partner_types"]


PATH = [
    (ConveningState.DRAFT, ConveningState.OPEN),
    (ConveningState.OPEN, ConveningState.PROGRAMME),
    (ConveningState.PROGRAMME, ConveningState.LIVE),
    (ConveningState.LIVE, ConveningState.FOLLOW_UP),
    (ConveningState.FOLLOW_UP, ConveningState.CLOSED),
    (ConveningState.OPEN, ConveningState.DRAFT),
    (ConveningState.PROGRAMME, ConveningState.OPEN),
]


@pytest.mark.parametrize(("start", "end"), PATH, ids=[f"{a}-{b}" for a, b in PATH])
def test_transition_moves_one_step_and_logs_it(organiser, start, end):
    convening = ConveningFactory(state=start)
    service.transition_convening(convening=convening, to_state=end, actor=organiser, note="Go")
    convening.refresh_from_db()
    assert convening.state == end
    assert list(convening.state_changes.values_list("from_state", "to_state", "note")) == [
        (start, end, "Go")
    ]
    assert convening.history.first().history_user == organiser


BLOCKED = [
    (ConveningState.DRAFT, ConveningState.LIVE),
    (ConveningState.LIVE, ConveningState.PROGRAMME),
    (ConveningState.CLOSED, ConveningState.FOLLOW_UP),
    (ConveningState.FOLLOW_UP, ConveningState.LIVE),
]


@pytest.mark.parametrize(("start", "end"), BLOCKED, ids=[f"{a}-{b}" for a, b in BLOCKED])
def test_transition_refuses_a_move_not_allowed(organiser, start, end):
    convening = ConveningFactory(state=start)
    with pytest.raises(ValidationError):
        service.transition_convening(convening=convening, to_state=end, actor=organiser)
    assert Convening.objects.get(pk=convening.pk).state == start
    assert convening.state_changes.count() == 0


def test_transition_refuses_non_organisers(db):
    convening = ConveningFactory(state=ConveningState.DRAFT)
    with pytest.raises(PermissionDenied):
        service.transition_convening(
            convening=convening, to_state=ConveningState.OPEN, actor=UserFactory()
        )


def test_update_with_a_stale_version_names_both_versions(organiser):
    convening = ConveningFactory()
    service.update_convening(convening=convening, actor=organiser, version=1, title="First")
    with pytest.raises(ValidationError) as exc:
        service.update_convening(convening=convening, actor=organiser, version=1, title="Second")
    assert exc.value.message_dict["version"] == [
        "Someone else saved this convening while you were editing: you started from version 1, "
        "it is now at version 2."
    ]
    assert Convening.objects.get(pk=convening.pk).title == "First"


def test_add_room_refuses_a_duplicate_name(organiser):
    convening = ConveningFactory()
    service.add_room(convening=convening, actor=organiser, name="Hall", capacity=80)
    with pytest.raises(ValidationError):
        service.add_room(convening=convening, actor=organiser, name="Hall", capacity=20)
    assert list(convening.rooms.values_list("name", "capacity")) == [("Hall", 80)]


def test_invite_cities_adds_each_city_once(organiser):
    convening = ConveningFactory()
    a, b = JurisdictionFactory(), JurisdictionFactory()
    DelegationFactory(convening=convening, jurisdiction=a)
    created = service.invite_cities(convening=convening, actor=organiser, jurisdictions=[a, b, b])
    assert [d.jurisdiction for d in created] == [b]
    assert convening.delegations.count() == 2


def test_invite_cities_refused_once_live(organiser):
    convening = ConveningFactory(state=ConveningState.LIVE)
    with pytest.raises(ValidationError):
        service.invite_cities(
            convening=convening, actor=organiser, jurisdictions=[JurisdictionFactory()]
        )
