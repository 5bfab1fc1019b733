"""Reads: visibility of lists, peer groups (with the matching fallback), benchmarks, roadmaps."""

import pytest

from citypeers.assessments import selectors
from citypeers.assessments.enums import ResultSharing
from citypeers.assessments.selectors import benchmarks as benchmark_module
from tests.assessments.helpers import finished_assessment
from tests.factories.assessments import AssessmentFactory, default_version
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


def _peers(count, *, state="TX", population=50_000, sharing=ResultSharing.PEERS, met_keys=()):
    return [
        finished_assessment(
            JurisdictionFactory(state=state, population=population + i),
            met_keys=met_keys,
            sharing=sharing,
        )
        for i in range(count)
    ]


def test_assessments_visible_to_anonymous_only_public_finished(db):
    public = finished_assessment(JurisdictionFactory(), sharing=ResultSharing.PUBLIC)
    finished_assessment(JurisdictionFactory(), sharing=ResultSharing.PEERS)
    AssessmentFactory(sharing=ResultSharing.PUBLIC)  # a draft never shows
    from django.contrib.auth.models import AnonymousUser

    assert list(selectors.assessments_visible_to(AnonymousUser())) == [public]


def test_assessments_visible_to_member_own_and_shared(world):
    visible = set(selectors.assessments_visible_to(world.users["member"]))
    assert visible == {world.home_draft, world.home_submitted, world.other_shared}


def test_assessments_visible_to_other_editor_excludes_private(world):
    visible = set(selectors.assessments_visible_to(world.users["other_editor"]))
    assert visible == {world.other_shared}


def test_matched_peer_ids_fallback_when_matching_is_missing(db, monkeypatch):
    monkeypatch.setattr(benchmark_module, "_matched_peer_ids", None)
    city = JurisdictionFactory(state="OR", population=60_000)
    near = JurisdictionFactory(state="OR", population=61_000)
    far = JurisdictionFactory(state="OR", population=95_000)
    JurisdictionFactory(state="OR", population=150_000)  # another band
    JurisdictionFactory(state="WA", population=60_500)  # another state
    ids, how = selectors.matched_peer_ids(city, k=10)
    assert (ids, how) == ([near.pk, far.pk], "similar cities (same state and size band)")


def test_matched_peer_ids_uses_matching_when_available(db, monkeypatch):
    peer = JurisdictionFactory()
    monkeypatch.setattr(benchmark_module, "_matched_peer_ids", lambda j, k=10: [peer.pk])
    assert selectors.matched_peer_ids(JurisdictionFactory()) == ([peer.pk], "matched peers")


def test_matched_peer_ids_falls_back_when_matching_returns_nothing(db, monkeypatch):
    monkeypatch.setattr(benchmark_module, "_matched_peer_ids", lambda j, k=10: [])
    city = JurisdictionFactory(state="NM", population=40_000)
    other = JurisdictionFactory(state="NM", population=41_000)
    assert selectors.matched_peer_ids(city) == (
        [other.pk],
        "similar cities (same state and size band)",
    )


def test_benchmarks_hidden_below_five_sharing_cities(db):
    mine = finished_assessment(JurisdictionFactory(state="TX"))
    _peers(4)
    headline, _ = selectors.headline_result(mine)
    groups = {g["key"]: g for g in selectors.benchmarks_for(mine, headline)}
    assert (groups["state"]["percentile"], groups["state"]["size"]) == (None, None)
    assert groups["state"]["hidden_reason"].startswith("Hidden: fewer than 5 cities")


def test_benchmarks_shown_from_five_sharing_cities(db):
    spec = default_version().spec
    keys = [c.key for c in spec.criteria]
    mine = finished_assessment(JurisdictionFactory(state="TX"), met_keys=keys[:20])
    _peers(3, met_keys=keys[:10])
    _peers(2, met_keys=keys[:30])
    headline, _ = selectors.headline_result(mine)
    groups = {g["key"]: g for g in selectors.benchmarks_for(mine, headline)}
    assert (groups["state"]["size"], groups["state"]["percentile"], groups["state"]["median"]) == (
        5,
        60,
        23.3,
    )


def test_benchmarks_ignore_private_results(db):
    mine = finished_assessment(JurisdictionFactory(state="TX"))
    _peers(4)
    _peers(3, sharing=ResultSharing.PRIVATE)
    headline, _ = selectors.headline_result(mine)
    groups = {g["key"]: g for g in selectors.benchmarks_for(mine, headline)}
    assert groups["state"]["size"] is None


def test_chart_comparison_uses_first_group_with_five(db, monkeypatch):
    monkeypatch.setattr(benchmark_module, "_matched_peer_ids", None)
    mine = finished_assessment(JurisdictionFactory(state="TX", population=200_000))
    _peers(5, state="CA", population=200_000)
    comparison = selectors.chart_comparison(mine)
    assert (comparison["label"], comparison["size"], len(comparison["medians"])) == (
        "Cities of 100,000 to 499,999",
        5,
        8,
    )


def test_chart_comparison_hidden_reason_when_too_few(db):
    mine = finished_assessment(JurisdictionFactory())
    assert selectors.chart_comparison(mine)["medians"] is None


def test_shared_results_names_behind_peers_sharing_hidden_from_anonymous(db):
    from django.contrib.auth.models import AnonymousUser

    version = default_version()
    finished_assessment(JurisdictionFactory(), sharing=ResultSharing.PEERS)
    public = finished_assessment(JurisdictionFactory(), sharing=ResultSharing.PUBLIC)
    names = [r.name for r in selectors.shared_results(version, viewer=AnonymousUser())]
    assert names == [str(public.jurisdiction)]


def test_shared_results_prefers_latest_cycle(db):
    city = JurisdictionFactory()
    finished_assessment(city, cycle=2023)
    finished_assessment(city, cycle=2024)
    assert [r.cycle for r in selectors.shared_results(default_version())] == [2024]


def test_roadmap_lists_sharing_peers_that_meet_each_step(db):
    mine = finished_assessment(JurisdictionFactory())
    peer = finished_assessment(JurisdictionFactory(), met_keys={"od-policy"})
    finished_assessment(
        JurisdictionFactory(), met_keys={"od-policy"}, sharing=ResultSharing.PRIVATE
    )
    headline, _ = selectors.headline_result(mine)
    plan = {item["step"].key: item for item in selectors.roadmap_for(mine, headline, viewer=None)}
    assert (
        [p.jurisdiction_id for p in plan["od-policy"]["peers"]],
        plan["od-policy"]["peer_count"],
    ) == ([peer.jurisdiction_id], 1)


def test_progress_for_lists_cycles_in_order(db):
    city = JurisdictionFactory()
    finished_assessment(city, cycle=2024)
    finished_assessment(city, cycle=2023)
    assert [p["cycle"] for p in selectors.progress_for(city, "city-data-practices")] == [2023, 2024]


def test_level_distribution_counts_latest_per_city(db):
    spec = default_version().spec
    keys = [c.key for c in spec.criteria]
    city = JurisdictionFactory()
    finished_assessment(city, cycle=2023, met_keys=keys[:10])
    finished_assessment(city, cycle=2024, met_keys=keys[:40])
    finished_assessment(JurisdictionFactory(), met_keys=keys[:25])
    distribution = selectors.level_distribution(default_version())
    assert distribution["counts"] == {"No level yet": 0, "Silver": 1, "Gold": 0, "Platinum": 1}
