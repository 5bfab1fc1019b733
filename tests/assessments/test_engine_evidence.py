import pytest
from hypothesis import given
from hypothesis import strategies as st

from citypeers.assessments.engine.evidence import missing_evidence
from citypeers.assessments.engine.loader import load_file
from citypeers.assessments.engine.scoring import score
from citypeers.assessments.frameworks import DIRECTORY
from tests.assessments.helpers import answers_as_engine_input

pytestmark = pytest.mark.unit

SPEC, _ = load_file(DIRECTORY / "city-data-practices-2025.1.yaml")
REQUIRED = {c.key: [e.key for e in c.evidence if e.required] for c in SPEC.criteria}
FIRST = SPEC.criteria[0]


def result_meeting(keys):
    return score(SPEC, answers_as_engine_input(SPEC, set(keys)))


def test_met_criterion_without_its_required_item_is_listed():
    result = result_meeting([FIRST.key])

    [gap] = missing_evidence(SPEC, result, {})

    assert (gap.criterion, gap.title, gap.area, gap.requirements) == (
        FIRST.key,
        FIRST.title,
        FIRST.area,
        ("The charter or terms of reference",),
    )


def test_unmet_criteria_need_no_evidence():
    assert missing_evidence(SPEC, result_meeting([]), {}) == []


def test_an_item_without_a_requirement_key_counts_for_the_open_requirement():
    assert missing_evidence(SPEC, result_meeting([FIRST.key]), {FIRST.key: [""]}) == []


def test_an_optional_item_does_not_stand_in_for_a_required_one():
    [gap] = missing_evidence(SPEC, result_meeting([FIRST.key]), {FIRST.key: ["minutes"]})

    assert gap.criterion == FIRST.key


INDEXES = st.sets(st.integers(min_value=0, max_value=len(SPEC.criteria) - 1))


@given(INDEXES, INDEXES)
def test_attaching_more_evidence_never_adds_a_gap(met_indexes, attached_indexes):
    result = result_meeting(SPEC.criteria[i].key for i in met_indexes)
    fewer = {SPEC.criteria[i].key: [""] for i in attached_indexes}
    more = {key: [*REQUIRED[key]] for key in REQUIRED} | fewer

    gaps_before = {g.criterion for g in missing_evidence(SPEC, result, fewer)}
    gaps_after = {g.criterion for g in missing_evidence(SPEC, result, more)}

    assert gaps_after <= gaps_before
    assert gaps_after == set()


@given(INDEXES)
def test_gaps_are_exactly_the_met_criteria_with_required_evidence(met_indexes):
    keys = {SPEC.criteria[i].key for i in met_indexes}
    result = result_meeting(keys)

    gaps = [g.criterion for g in missing_evidence(SPEC, result, {})]

    assert gaps == [c.key for c in SPEC.criteria if result.criteria[c.key].met and REQUIRED[c.key]]
