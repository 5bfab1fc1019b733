"""Networking preferences suggested from the delegate's city: published challenge statements and
the open criteria of its latest assessment (wants), published solutions (offers), each area with
where it came from; private assessments stay private."""

import pytest
from django.urls import reverse

from citypeers.assessments.enums import AssessmentStatus, ResultKind, ResultSharing
from citypeers.assessments.models import Criterion, Result
from citypeers.convenings.selectors import networking as selectors
from citypeers.convenings.selectors.suggestions import suggestions_for
from citypeers.convenings.services import networking as service
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory, UserFactory
from tests.factories.assessments import AssessmentFactory
from tests.factories.convenings import ConveningFactory, DelegateFactory, DelegationFactory
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    ChallengeStatementFactory,
    SolutionFactory,
)

pytestmark = pytest.mark.integration

OPEN = ("od-policy", "dm-governance")  # open data → "open-data"; managing data → the fallback


def _city_delegate(*, member=True):
    convening = ConveningFactory()
    delegation = DelegationFactory(convening=convening)
    user = UserFactory()
    if member:
        organisation = CityOrganisationFactory(jurisdiction=delegation.jurisdiction)
        MembershipFactory(user=user, organisation=organisation)
    return DelegateFactory(delegation=delegation, user=user)


def _assessment_with_open_criteria(city, *, sharing=ResultSharing.PRIVATE, cycle=2025):
    assessment = AssessmentFactory(
        jurisdiction=city, status=AssessmentStatus.SUBMITTED, sharing=sharing, cycle=cycle
    )
    keys = Criterion.objects.filter(version=assessment.version).values_list("key", flat=True)
    Result.objects.create(
        assessment=assessment,
        kind=ResultKind.SELF,
        points=1,
        max_points=2,
        percent=50,
        data={"met": [k for k in keys if k not in OPEN]},
    )
    return assessment


@pytest.fixture
def areas(db):
    return {
        "housing": ChallengeAreaFactory(slug="affordable-housing-supply", name="Housing supply"),
        "open-data": ChallengeAreaFactory(slug="open-data", name="Open data"),
        "data": ChallengeAreaFactory(slug="data-driven-government", name="Data-driven government"),
        "transit": ChallengeAreaFactory(slug="transit", name="Transit"),
    }


def test_suggestions_name_each_source(areas):
    seat = _city_delegate()
    city = seat.delegation.jurisdiction
    ChallengeStatementFactory(jurisdiction=city, area=areas["housing"])
    assessment = _assessment_with_open_criteria(city)
    solution = SolutionFactory(
        owner=city, title="Bus lanes in a year", challenges=[areas["transit"]]
    )
    policy = Criterion.objects.get(version=assessment.version, key="od-policy")
    governance = Criterion.objects.get(version=assessment.version, key="dm-governance")

    suggested = suggestions_for(seat)

    wants = [(s.area.slug, [(x.kind, x.text, x.url) for x in s.sources]) for s in suggested.wants]
    offers = [(s.area.slug, [(x.kind, x.text, x.url) for x in s.sources]) for s in suggested.offers]
    url = assessment.get_absolute_url()
    assert wants == [
        (
            "data-driven-government",
            [("assessment", f"From your assessment (2025): criterion “{governance.title}”", url)],
        ),
        (
            "affordable-housing-supply",
            [("statement", "From your city's challenge statement on Housing supply", "")],
        ),
        (
            "open-data",
            [("assessment", f"From your assessment (2025): criterion “{policy.title}”", url)],
        ),
    ]
    assert offers == [
        (
            "transit",
            [
                (
                    "solution",
                    "From your city's solution “Bus lanes in a year”",
                    solution.get_absolute_url(),
                )
            ],
        )
    ]


def test_prefilled_preferences_tick_the_suggested_areas_until_saved(areas):
    seat = _city_delegate()
    _assessment_with_open_criteria(seat.delegation.jurisdiction)

    before = selectors.preferences_of(seat)
    service.save_preferences(actor=seat.user, seat=seat, wants=[areas["transit"]], offers=[])
    after = selectors.preferences_of(seat)

    assert ([a.slug for a in before.wants], before.saved) == (
        ["data-driven-government", "open-data"],
        False,
    )
    assert ([a.slug for a in after.wants], after.saved, after.suggested) == (
        ["transit"],
        True,
        None,
    )


def test_only_the_latest_finished_assessment_counts(areas):
    seat = _city_delegate()
    city = seat.delegation.jurisdiction
    _assessment_with_open_criteria(city, cycle=2024)
    latest = AssessmentFactory(jurisdiction=city, status=AssessmentStatus.SUBMITTED, cycle=2025)
    keys = Criterion.objects.filter(version=latest.version).values_list("key", flat=True)
    Result.objects.create(
        assessment=latest,
        kind=ResultKind.SELF,
        points=2,
        max_points=2,
        percent=100,
        data={"met": list(keys)},
    )
    AssessmentFactory(jurisdiction=city, status=AssessmentStatus.DRAFT, cycle=2026)

    assert suggestions_for(seat).wants == []


def test_a_partner_outside_the_city_gets_no_suggestion_from_a_private_assessment(areas):
    seat = _city_delegate(member=False)
    _assessment_with_open_criteria(seat.delegation.jurisdiction)

    assert suggestions_for(seat).wants == []


def test_a_partner_sees_a_result_shared_with_everyone(areas):
    seat = _city_delegate(member=False)
    _assessment_with_open_criteria(seat.delegation.jurisdiction, sharing=ResultSharing.PUBLIC)

    assert [s.area.slug for s in suggestions_for(seat).wants] == [
        "data-driven-government",
        "open-data",
    ]


def test_the_api_returns_the_suggestions_with_their_sources(client, areas):
    seat = _city_delegate()
    city = seat.delegation.jurisdiction
    ChallengeStatementFactory(jurisdiction=city, area=areas["housing"])
    client.force_login(seat.user)
    url = reverse("api:networking_preferences", kwargs={"slug": seat.delegation.convening.slug})

    body = client.get(url).json()

    assert body == {
        "delegate": seat.pk,
        "wants": ["affordable-housing-supply"],
        "offers": [],
        "saved": False,
        "suggested": {
            "wants": [
                {
                    "area": "affordable-housing-supply",
                    "name": "Housing supply",
                    "sources": [
                        {
                            "kind": "statement",
                            "text": "From your city's challenge statement on Housing supply",
                            "url": "",
                        }
                    ],
                }
            ],
            "offers": [],
        },
    }


def test_the_page_says_where_each_suggestion_comes_from_and_groups_the_areas(client, areas):
    seat = _city_delegate()
    city = seat.delegation.jurisdiction
    areas["open-data"].parent = areas["data"]
    areas["open-data"].save()
    ChallengeStatementFactory(jurisdiction=city, area=areas["housing"])
    client.force_login(seat.user)

    page = client.get(
        reverse("convenings:networking", kwargs={"slug": seat.delegation.convening.slug})
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("From your city&#x27;s challenge statement on Housing supply") == 1
    assert html.count('<legend class="usa-legend usa-legend--small text-bold">') == 6
    assert html.count('<legend class="usa-legend">I want to learn about ') == 1
    assert html.count('for=""') == 0
    assert html.count('id="id_wants-hint"') == 1
    assert html.count('aria-describedby="id_wants-hint"') == 4
    assert [group for group, _ in page.context["form"].fields["wants"].choices] == [
        "Data-driven government",
        "Housing supply",
        "Transit",
    ]


COSTS = [("convenings:networking", 19), ("api:networking_preferences", 16)]


@pytest.mark.parametrize(("name", "expected"), COSTS, ids=[c[0] for c in COSTS])
@pytest.mark.parametrize("count", [1, 3])
def test_suggestions_cost_the_same_whatever_their_number_and_the_people(
    client, areas, django_assert_num_queries, count, name, expected
):
    seat = _city_delegate()
    city = seat.delegation.jurisdiction
    convening = seat.delegation.convening
    _assessment_with_open_criteria(city)
    for i in range(count):
        area = ChallengeAreaFactory(slug=f"extra-{i}", name=f"Extra {i}")
        ChallengeStatementFactory(jurisdiction=city, area=area)
        SolutionFactory(owner=city, challenges=[area, areas["transit"]])
        DelegateFactory(delegation=DelegationFactory(convening=convening), user=UserFactory())
    client.force_login(seat.user)
    url = reverse(name, kwargs={"slug": convening.slug})
    client.get(url)  # warm caches (session, site settings)

    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
