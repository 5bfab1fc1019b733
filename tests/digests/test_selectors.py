from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citypeers.core.schedule import periodic_jobs
from citypeers.digests import selectors
from citypeers.digests.engine import period_for
from citypeers.digests.models import DigestDelivery
from citypeers.digests.services import deliver_digests, set_digest_preference
from citypeers.digests.sources import CandidatePool
from tests.digests.conftest import NEXT_WEEK, add_replication_and_request

pytestmark = pytest.mark.integration


def _digest(city, now=None):
    now = now or timezone.now() + NEXT_WEEK
    period = period_for("weekly", timezone.localdate(now))
    return selectors.build_digest(
        city, frequency="weekly", window=selectors.period_window(period, now=now)
    )


def _lines(digest):
    return [(item.candidate.kind, item.candidate.title, item.reason) for item in digest.items]


def test_cities_with_different_challenges_get_different_digests_each_item_explained(network):
    housing = _lines(_digest(network.housing_city))
    transit = _lines(_digest(network.transit_city))

    assert housing == [
        (
            "peer_criterion",
            "Peerville, CO met “An adopted open data policy”",
            "Peer Peerville, CO met criterion “An adopted open data policy” that you lack"
            " — a roadmap step in Open and shared data",
        ),
        (
            "insight",
            "Start a land trust with public land",
            "On your challenge: Housing affordability",
        ),
        (
            "solution",
            "Community land trust",
            "On your challenge: Housing affordability (from Peerville, CO)",
        ),
        (
            "event",
            "Webinar: Bus rapid transit on a budget",
            "Upcoming, open to every city in the network",
        ),
    ]
    assert transit == [
        (
            "event",
            "Webinar: Bus rapid transit on a budget",
            "Upcoming, on your challenge: Public transit",
        ),
        ("solution", "Bus lanes", "On your challenge: Public transit (from Peerville, CO)"),
    ]


def test_replications_and_help_requests_reach_the_city_whose_solution_they_concern(network):
    add_replication_and_request(network)

    kinds = {item.candidate.kind: item.reason for item in _digest(network.transit_city).items}

    assert kinds["replication"].startswith("Peerville, CO is replicating your solution")
    assert kinds["help_request"] == (
        "Peerville, CO asks about Public transit, where your city has a solution"
    )


def test_news_older_than_the_period_is_left_out(network):
    much_later = timezone.now() + NEXT_WEEK * 3

    assert [i.candidate.kind for i in _digest(network.housing_city, much_later).items] == []


def test_a_digest_costs_a_constant_number_of_queries(network, django_assert_max_num_queries):
    now = timezone.now() + NEXT_WEEK
    window = selectors.period_window(period_for("weekly", timezone.localdate(now)), now=now)
    pool = CandidatePool()
    pool.gather(window)

    with django_assert_max_num_queries(14):
        selectors.build_digest(network.housing_city, frequency="weekly", window=window, pool=pool)


def test_agendas_cost_the_same_queries_for_one_city_as_for_three_but_the_peer_search(network):
    one, three = [network.housing_city], [network.housing_city, network.transit_city, network.peer]
    selectors.city_agendas(three)
    counts = []
    for cities in (one, three):
        with CaptureQueriesContext(connection) as queries:
            selectors.city_agendas(cities)
        counts.append(len(queries))

    # The matching engine's search reads each city's peers: one query a city.
    assert counts[1] - counts[0] == 2


def test_sources_run_once_per_window_whatever_the_number_of_digests(
    network, django_assert_num_queries
):
    now = timezone.now() + NEXT_WEEK
    window = selectors.period_window(period_for("weekly", timezone.localdate(now)), now=now)
    pool = CandidatePool()
    pool.gather(window)

    with django_assert_num_queries(0):
        pool.gather(window)


def test_due_recipients_are_members_at_their_frequency_minus_never(network):
    set_digest_preference(
        actor=network.transit_member, jurisdiction=network.transit_city, frequency="never"
    )

    due = selectors.due_recipients(now=timezone.now())

    assert [(r.user_id, r.jurisdiction_id, r.period.frequency) for r in due] == [
        (network.housing_member.pk, network.housing_city.pk, "weekly")
    ]


def test_the_digest_job_is_registered_hourly():
    jobs = {job.name: job.every for job in periodic_jobs()}

    assert jobs["digests"] == timedelta(hours=1)


def test_a_batch_of_digests_reads_its_people_and_agendas_once(network):
    now = timezone.now() + NEXT_WEEK
    period = period_for("weekly", timezone.localdate(now)).key
    housing = (network.housing_member.pk, network.housing_city.pk, period)
    transit = (network.transit_member.pk, network.transit_city.pk, period)
    pool = CandidatePool()
    counts = []
    for jobs in ([housing], [housing, transit]):
        DigestDelivery.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            deliver_digests(jobs=jobs, now=now, pool=pool)
        counts.append(len(queries))

    per_digest = counts[1] - counts[0]
    assert per_digest <= 8


def test_a_guide_published_on_a_citys_challenge_is_in_its_digest_and_not_the_others(network):
    from citypeers.guides import services as guides
    from tests.factories.accounts import UserFactory

    organiser = UserFactory(is_network_organiser=True)
    guide = guides.create_guide(
        actor=organiser,
        title="Keeping homes affordable",
        purpose="Land trusts.",
        audience="housing staff",
        area=network.housing,
        required_approvals=1,
        outside_approval_required=False,
    )
    chapter = guides.add_chapter(actor=None, guide=guide, title="One")
    guides.add_section(actor=None, chapter=chapter, title="Start", body="Text.")
    reviewer = UserFactory()
    edition = guides.cut_edition(
        actor=organiser, guide=guide, release_notes="First.", reviewers=[reviewer]
    )
    guides.decide_review(actor=reviewer, edition=edition, decision="approved")
    guides.publish_edition(actor=organiser, edition=edition)

    housing = _lines(_digest(network.housing_city))
    transit = _lines(_digest(network.transit_city))

    assert (
        "guide",
        "Keeping homes affordable (edition 1.0)",
        "On your challenge: Housing affordability",
    ) in housing
    assert [line for line in transit if line[0] == "guide"] == []


def test_an_answered_question_on_a_citys_challenge_is_in_its_digest(network):
    from citypeers.helpdesk.enums import RequestStatus
    from tests.factories.helpdesk import HelpRequestFactory

    HelpRequestFactory(
        jurisdiction=network.peer,
        area=network.housing,
        title="How did you fund the land trust?",
        status=RequestStatus.PUBLISHED,
        published_at=timezone.now(),
    )

    housing = _lines(_digest(network.housing_city))
    transit = _lines(_digest(network.transit_city))

    assert (
        "qa",
        "Answered: How did you fund the land trust?",
        "On your challenge: Housing affordability (from Peerville, CO)",
    ) in housing
    assert [line for line in transit if line[0] == "qa"] == []
