from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citypeers.convenings.engine.composition import (
    DEADLINE,
    OFFICIAL,
    PARTNER,
    PARTNERS,
    RULE_ORDER,
    SENIOR_OFFICIALS,
    SIZE,
    SUBSTITUTES,
    CompositionRules,
    Member,
    check_delegation,
    is_complete,
    may_change,
)

pytestmark = pytest.mark.unit

TODAY = date(2030, 4, 1)
RULES = CompositionRules(deadline=date(2030, 4, 15))
PARTNER_TYPES = ["foundation", "anchor_institution", "chamber_of_commerce", "company", ""]

members = st.builds(
    Member,
    kind=st.sampled_from([OFFICIAL, PARTNER]),
    senior=st.booleans(),
    partner_type=st.sampled_from(PARTNER_TYPES),
    substitute=st.booleans(),
    confirmed=st.booleans(),
)
rule_sets = st.builds(
    CompositionRules,
    size=st.integers(1, 6),
    min_senior_officials=st.integers(0, 3),
    min_partners=st.integers(0, 2),
    max_substitutes=st.integers(0, 3),
    deadline=st.one_of(st.none(), st.dates(date(2030, 1, 1), date(2030, 12, 31))),
)


def by_code(checks):
    return {c.code: c for c in checks}


def test_default_team_of_two_senior_officials_and_a_foundation_meets_every_rule():
    team = [
        Member(kind=OFFICIAL, senior=True),
        Member(kind=OFFICIAL, senior=True),
        Member(kind=PARTNER, partner_type="foundation"),
    ]
    checks = check_delegation(RULES, team, today=TODAY)
    assert [c.status for c in checks] == ["met"] * 5


def test_a_company_partner_does_not_count_as_a_community_partner():
    team = [
        Member(kind=OFFICIAL, senior=True),
        Member(kind=OFFICIAL, senior=True),
        Member(kind=PARTNER, partner_type="company"),
    ]
    checks = by_code(check_delegation(RULES, team, today=TODAY))
    assert checks[PARTNERS].status == "missing"
    assert checks[PARTNERS].detail == (
        "0 of at least 1: invite 1 partner from an anchor institution, "
        "a chamber of commerce or a foundation."
    )


def test_missing_senior_official_says_how_many_to_add():
    team = [Member(kind=OFFICIAL, senior=False), Member(kind=PARTNER, partner_type="foundation")]
    checks = by_code(check_delegation(RULES, team, today=TODAY))
    assert checks[SENIOR_OFFICIALS].detail == "0 of at least 2: add 2 senior city officials."
    assert checks[SIZE].detail == "2 of 3: add 1 more."


def test_pending_partner_invitation_is_named_but_not_counted():
    team = [
        Member(kind=OFFICIAL, senior=True),
        Member(kind=OFFICIAL, senior=True),
        Member(kind=PARTNER, partner_type="foundation", confirmed=False),
    ]
    checks = by_code(check_delegation(RULES, team, today=TODAY))
    assert checks[SIZE].detail == "2 of 3: add 1 more. 1 invitation is still open."
    assert checks[PARTNERS].met is False


def test_after_the_deadline_changes_need_an_exception():
    late = TODAY + timedelta(days=30)
    checks = check_delegation(RULES, [], today=late)
    assert may_change(checks) is False
    assert by_code(checks)[DEADLINE].status == "closed"
    waived = check_delegation(RULES, [], today=late, waivers={DEADLINE: "Flight changes"})
    assert may_change(waived) is True
    assert by_code(waived)[DEADLINE].status == "waived"


def test_a_waiver_for_a_met_rule_is_not_shown():
    checks = check_delegation(RULES, [], today=TODAY, waivers={DEADLINE: "Not needed"})
    assert by_code(checks)[DEADLINE].waived_reason == ""


@given(rule_sets, st.lists(members, max_size=8), st.dates(date(2030, 1, 1), date(2030, 12, 31)))
def test_every_rule_is_answered_once_in_order(rules, team, today):
    checks = check_delegation(rules, team, today=today)
    assert [c.code for c in checks] == list(RULE_ORDER)


@given(rule_sets, st.lists(members, max_size=8))
def test_size_is_met_exactly_when_confirmed_seated_members_match(rules, team):
    seated = sum(1 for m in team if m.confirmed and not m.substitute)
    checks = by_code(check_delegation(rules, team, today=TODAY))
    assert checks[SIZE].met == (seated == rules.size)


@given(rule_sets, st.lists(members, max_size=8))
def test_adding_a_senior_official_never_breaks_the_senior_rule(rules, team):
    before = by_code(check_delegation(rules, team, today=TODAY))[SENIOR_OFFICIALS].met
    after = by_code(
        check_delegation(rules, [*team, Member(kind=OFFICIAL, senior=True)], today=TODAY)
    )[SENIOR_OFFICIALS].met
    assert after >= before


@given(rule_sets, st.lists(members, max_size=8))
def test_unconfirmed_members_change_no_count(rules, team):
    confirmed = [m for m in team if m.confirmed]
    with_pending = by_code(check_delegation(rules, team, today=TODAY))
    without = by_code(check_delegation(rules, confirmed, today=TODAY))
    for code in (SENIOR_OFFICIALS, PARTNERS, SUBSTITUTES):
        assert with_pending[code].met == without[code].met


@given(rule_sets, st.lists(members, max_size=8))
def test_waiving_every_missing_rule_completes_the_delegation(rules, team):
    checks = check_delegation(rules, team, today=TODAY)
    waivers = {c.code: "Organiser decision" for c in checks if not c.met}
    waived = check_delegation(rules, team, today=TODAY, waivers=waivers)
    assert is_complete(waived) is True
    assert all(c.ok for c in waived)


@given(rule_sets, st.lists(members, max_size=8))
def test_complete_means_every_composition_rule_ok(rules, team):
    checks = by_code(check_delegation(rules, team, today=TODAY))
    expected = all(checks[c].met for c in (SIZE, SENIOR_OFFICIALS, PARTNERS, SUBSTITUTES))
    assert is_complete(checks.values()) == expected
