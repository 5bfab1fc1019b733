import io

import pytest

from citypeers.workshops import setup
from citypeers.workshops.enums import InsightState, WebinarStatus
from citypeers.workshops.models import Insight, Statement, Webinar, Workshop
from tests.factories.accounts import UserFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import ChallengeAreaFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def demo_world(db):
    ChallengeAreaFactory(slug="housing-affordability", name="Housing affordability")
    UserFactory(is_network_organiser=True)
    UserFactory(is_superuser=True, is_staff=True)
    for (name, state), *_ in setup.HOUSING_CITIES:
        JurisdictionFactory(
            name=name, state=state, slug=f"{name.lower().replace(' ', '-')}-{state}"
        )


def test_setup_site_builds_labelled_demo_and_is_idempotent(demo_world):
    out = io.StringIO()

    setup.setup_site(out)
    setup.setup_site(out)

    workshop = Workshop.objects.get()
    assert workshop.is_demo
    assert 4 <= workshop.cohort.count() <= 6
    assert Statement.objects.filter(session__workshop=workshop, is_demo=True).count() == 6
    assert list(Insight.objects.values_list("state", "is_demo")) == [(InsightState.PUBLISHED, True)]
    assert list(Webinar.objects.values_list("status", "is_demo")) == [
        (WebinarStatus.PUBLISHED, True)
    ]
    assert out.getvalue().endswith(
        f"    workshops: demo workshop with {workshop.cohort.count()} cities "
        "(0 demo housing entries added), insight and webinar ready"
    )


def test_setup_site_skips_without_taxonomy(db):
    out = io.StringIO()

    setup.setup_site(out)

    assert (
        out.getvalue() == "    workshops: no housing challenge area or organiser yet; demo skipped"
    )
