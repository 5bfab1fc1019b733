"""Every list (page and API) costs the same number of queries for 1 item as for 3."""

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.factories.convenings import (
    ConveningFactory,
    DelegateFactory,
    DelegationFactory,
    PartnerDelegateFactory,
    RoomFactory,
)

pytestmark = pytest.mark.integration


def _convenings(n, parent):
    for _ in range(n):
        RoomFactory(convening=ConveningFactory())


def _delegations(n, parent):
    for _ in range(n):
        delegation = DelegationFactory(convening=parent)
        DelegateFactory(delegation=delegation)
        PartnerDelegateFactory(delegation=delegation)


def _delegates(n, parent):
    delegation = parent.delegations.get(jurisdiction__slug="counted")
    for _ in range(n):
        DelegateFactory(delegation=delegation)
        PartnerDelegateFactory(delegation=delegation)


# (url name, maker, kwargs, expected queries) — signed in as an organiser.
CASES = [
    ("convenings:index", _convenings, {}, 4),
    ("api:convenings_list", _convenings, {}, 5),
    ("convenings:delegations", _delegations, {"slug": "parent"}, 6),
    ("convenings:delegations_csv", _delegations, {"slug": "parent"}, 6),
    ("convenings:delegation", _delegates, {"slug": "parent", "city": "counted"}, 12),
    ("api:delegation_detail", _delegates, {"slug": "parent", "city": "counted"}, 7),
]


@pytest.mark.parametrize(("name", "maker", "kwargs", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_is_constant(
    client, db, django_assert_num_queries, name, maker, kwargs, expected, count
):
    from tests.factories.directory import JurisdictionFactory

    organiser = UserFactory(is_network_organiser=True)
    parent = ConveningFactory(slug="parent")
    DelegationFactory(convening=parent, jurisdiction=JurisdictionFactory(slug="counted"))
    maker(count, parent)
    client.force_login(organiser)
    url = reverse(name, kwargs=kwargs)
    client.get(url)  # warm caches (session, site settings)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def _commitments(n, parent):
    from tests.factories.convenings import CommitmentFactory
    from tests.factories.knowledge import SolutionFactory

    delegation = parent.delegations.get(jurisdiction__slug="counted")
    for _ in range(n):
        commitment = CommitmentFactory(delegation=delegation, solution=SolutionFactory())
        commitment.reports.create(status="in_progress", note="Going")


FOLLOW_UP_CASES = [
    ("convenings:follow_up", {"slug": "parent"}, 5),
    ("convenings:outcomes", {"slug": "parent"}, 5),
    ("api:convening_commitments", {"slug": "parent"}, 6),
    ("api:commitments_list", {"slug": "parent", "city": "counted"}, 7),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "expected"), FOLLOW_UP_CASES, ids=[c[0] for c in FOLLOW_UP_CASES]
)
@pytest.mark.parametrize("count", [1, 3])
def test_follow_up_query_count_is_constant(
    client, db, django_assert_num_queries, name, kwargs, expected, count
):
    from tests.factories.directory import JurisdictionFactory

    organiser = UserFactory(is_network_organiser=True)
    parent = ConveningFactory(slug="parent")
    DelegationFactory(convening=parent, jurisdiction=JurisdictionFactory(slug="counted"))
    _commitments(count, parent)
    client.force_login(organiser)
    url = reverse(name, kwargs=kwargs)
    client.get(url)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
