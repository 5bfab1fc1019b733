"""Every list (page and API) costs the same number of queries for 1 item as for 3."""

import pytest
from django.urls import reverse

from citypeers.workshops.enums import CohortStatus, WorkshopState
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.workshops import (
    CohortMemberFactory,
    ContributorFactory,
    InsightFactory,
    RegistrationFactory,
    SessionFactory,
    StatementFactory,
    WebinarFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.integration


def _workshops(n, organiser, parent):
    for _ in range(n):
        w = WorkshopFactory(state=WorkshopState.PUBLISHED)
        w.host_organisations.set([OrganisationFactory()])


def _insights(n, organiser, parent):
    for _ in range(n):
        InsightFactory(
            evidence_cities=[JurisdictionFactory(), JurisdictionFactory()],
            workshop=WorkshopFactory(),
        )


def _webinars(n, organiser, parent):
    for _ in range(n):
        webinar = WebinarFactory()
        webinar.co_hosts.set([OrganisationFactory()])
        RegistrationFactory(webinar=webinar)


def _sessions(n, organiser, parent):
    for _ in range(n):
        session = SessionFactory(workshop=parent)
        ContributorFactory(workshop=parent, session=session)
        StatementFactory(session=session)


def _statements(n, organiser, parent):
    session = parent.sessions.first() or SessionFactory(workshop=parent)
    for _ in range(n):
        StatementFactory(session=session, jurisdiction=JurisdictionFactory())


def _cohort(n, organiser, parent):
    for _ in range(n):
        CohortMemberFactory(workshop=parent, status=CohortStatus.PROPOSED)


def _contributors(n, organiser, parent):
    for _ in range(n):
        ContributorFactory(workshop=parent, organisation=OrganisationFactory())


def _registrations(n, organiser, parent):
    webinar = WebinarFactory(slug="counted")
    for _ in range(n):
        RegistrationFactory(webinar=webinar)


def _url(name, parent, **extra):
    def build():
        kwargs = {}
        if name in {
            "workshops:detail",
            "workshops:cohort",
            "workshops:experts",
            "api:sessions_list",
            "api:contributors_list",
            "api:statements_list",
            "workshops:report",
        }:
            kwargs["slug"] = parent.slug
        if name == "api:statements_list":
            kwargs["pk"] = parent.sessions.first().pk
        if name == "workshops:webinar_attendance":
            kwargs["slug"] = "counted"
        return reverse(name, kwargs=kwargs)

    return build


# (url name, maker, expected queries) — signed in as an organiser, who sees everything.
CASES = [
    ("workshops:index", _workshops, 6),
    ("api:workshops_list", _workshops, 5),
    ("workshops:insights", _insights, 7),
    ("api:insights_list", _insights, 5),
    ("workshops:webinars", _webinars, 5),
    ("api:webinars_list", _webinars, 5),
    ("workshops:detail", _sessions, 12),
    ("api:sessions_list", _sessions, 4),
    ("api:statements_list", _statements, 6),
    ("workshops:cohort", _cohort, 7),
    ("workshops:experts", _contributors, 7),
    ("api:contributors_list", _contributors, 5),
    ("workshops:webinar_attendance", _registrations, 7),
]


@pytest.mark.parametrize(("name", "maker", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_is_constant(
    client, db, django_assert_num_queries, name, maker, expected, count
):
    organiser = UserFactory(is_network_organiser=True)
    parent = WorkshopFactory(state=WorkshopState.RECRUITING, slug="parent")
    SessionFactory(workshop=parent)
    maker(count, organiser, parent)
    client.force_login(organiser)
    url = _url(name, parent)()

    with django_assert_num_queries(expected):
        response = client.get(url)

    assert response.status_code == 200
