"""The pure engine: loading, scoring, roadmaps and statistics, without a database."""

from decimal import Decimal
from fractions import Fraction

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from citypeers.assessments.engine.eligibility import eligibility_problem
from citypeers.assessments.engine.loader import FrameworkError, find_cycle, load_file, parse
from citypeers.assessments.engine.roadmap import build_roadmap
from citypeers.assessments.engine.scoring import Answer, apply_rounding, score
from citypeers.assessments.engine.stats import median, percentile_rank
from citypeers.assessments.frameworks import DIRECTORY

pytestmark = pytest.mark.unit

DEFAULT_SPEC, DEFAULT_DATA = load_file(DIRECTORY / "city-data-practices-2025.1.yaml")
MATURITY_SPEC, _ = load_file(DIRECTORY / "data-maturity-ladder-2025.1.yaml")


def flat_framework(count: int, prerequisites: dict | None = None, **levels) -> dict:
    """A framework of `count` one-point binary criteria in one area (Silver/Gold/Platinum)."""
    prerequisites = prerequisites or {}
    return {
        "schema": "citypeers.framework/1",
        "framework": {"slug": "flat", "title": "Flat"},
        "version": {
            "id": "1",
            "levels": {
                "basis": "percent_of_points",
                "scope": "overall",
                "rounding": levels.get("rounding", "floor"),
                "tiers": [
                    {"key": "silver", "title": "Silver", "at_least": 51},
                    {"key": "gold", "title": "Gold", "at_least": 68},
                    {"key": "platinum", "title": "Platinum", "at_least": 85},
                ],
            },
            "areas": [
                {
                    "key": "all",
                    "title": "All",
                    "criteria": [
                        {
                            "key": f"c{i}",
                            "title": f"Criterion {i}",
                            **(
                                {
                                    "prerequisites": [
                                        {
                                            "criterion": prerequisites[f"c{i}"][0],
                                            "effect": prerequisites[f"c{i}"][1],
                                        }
                                    ]
                                }
                                if f"c{i}" in prerequisites
                                else {}
                            ),
                        }
                        for i in range(count)
                    ],
                }
            ],
        },
    }


def met(keys) -> dict[str, Answer]:
    return {key: Answer(met=True) for key in keys}


FLAT_43 = parse(flat_framework(43))


def test_default_framework_has_8_areas_and_43_criteria():
    assert (len(DEFAULT_SPEC.areas), len(DEFAULT_SPEC.criteria)) == (8, 43)


def test_default_framework_thresholds_are_51_68_85_at_least_floor():
    tiers = [(t.key, t.at_least) for t in DEFAULT_SPEC.levels.tiers]
    assert tiers == [("silver", 51), ("gold", 68), ("platinum", 85)]
    assert DEFAULT_SPEC.levels.rounding == "floor"


def test_default_framework_eligibility_is_30000_residents():
    assert DEFAULT_SPEC.population_at_least == 30_000


def test_default_framework_every_criterion_has_a_crosswalk_code():
    assert sum(1 for c in DEFAULT_SPEC.criteria if c.primary_code) == 43


def test_maturity_framework_is_ordinal_by_area():
    assert (MATURITY_SPEC.levels.basis, MATURITY_SPEC.levels.scope) == ("mean_level", "every_area")
    assert [s.level for s in MATURITY_SPEC.scale] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("points", "level"),
    [
        (0, None),
        (21, None),
        (22, "silver"),
        (29, "silver"),
        (30, "gold"),
        (36, "gold"),
        (37, "platinum"),
        (43, "platinum"),
    ],
)
def test_score_published_bands_with_43_one_point_criteria(points, level):
    result = score(FLAT_43, met(f"c{i}" for i in range(points)))
    assert (result.points, result.level_key) == (points, level)


@pytest.mark.parametrize(
    ("points", "level"),
    [(21, None), (22, "silver"), (29, "silver"), (30, "gold"), (36, "gold"), (37, "platinum")],
)
def test_score_default_framework_bands(points, level):
    keys = [c.key for c in DEFAULT_SPEC.criteria]
    # Meet criteria without blocks_points prerequisites first so nothing is blocked.
    blocking = {
        c.key
        for c in DEFAULT_SPEC.criteria
        if any(p.effect == "blocks_points" for p in c.prerequisites)
    }
    ordered = [k for k in keys if k not in blocking] + [k for k in keys if k in blocking]
    answers = {}
    for key in ordered[:points]:
        criterion = DEFAULT_SPEC.criteria_by_key[key]
        answers[key] = (
            Answer(checklist=frozenset(i.key for i in criterion.checklist))
            if criterion.checklist
            else Answer(met=True)
        )
    result = score(DEFAULT_SPEC, answers)
    assert (result.points, result.level_key) == (points, level)


def test_score_blocked_prerequisite_removes_dependent_points():
    spec = parse(flat_framework(3, {"c1": ("c0", "blocks_points")}))
    result = score(spec, met(["c1", "c2"]))
    assert (result.points, result.blocked, result.criteria["c1"].blocked_by) == (
        1,
        ("c1",),
        ("c0",),
    )


def test_score_met_prerequisite_releases_dependent_points():
    spec = parse(flat_framework(3, {"c1": ("c0", "blocks_points")}))
    assert score(spec, met(["c0", "c1"])).points == 2


def test_score_blocking_is_transitive():
    spec = parse(flat_framework(3, {"c1": ("c0", "blocks_points"), "c2": ("c1", "blocks_points")}))
    result = score(spec, met(["c1", "c2"]))
    assert (result.points, result.blocked) == (0, ("c1", "c2"))


def test_score_advisory_prerequisite_keeps_points():
    spec = parse(flat_framework(2, {"c1": ("c0", "advisory")}))
    assert score(spec, met(["c1"])).points == 1


def test_score_checklist_k_of_n():
    criterion = DEFAULT_SPEC.criteria_by_key["dm-inventory"]  # 3 of 4
    keys = [i.key for i in criterion.checklist]
    two = score(DEFAULT_SPEC, {"dm-inventory": Answer(checklist=frozenset(keys[:2]))})
    three = score(DEFAULT_SPEC, {"dm-inventory": Answer(checklist=frozenset(keys[:3]))})
    assert (two.criteria["dm-inventory"].met, three.criteria["dm-inventory"].met) == (False, True)


def test_score_ordinal_framework_area_stage_is_floor_of_mean_and_overall_is_lowest_area():
    answers = {c.key: Answer(level=4) for c in MATURITY_SPEC.criteria if c.type == "ordinal"}
    answers["st-direction"] = Answer(level=3)  # strategy mean 3.5 → stage 3
    answers["fo-stewards"] = Answer(value=Decimal("80"))
    result = score(MATURITY_SPEC, answers)
    stages = {a.key: a.level_key for a in result.areas}
    assert stages["strategy"] == "practising"
    assert stages["people"] == "embedding"
    assert (result.level_key, result.measure) == ("practising", 3)


def test_score_ordinal_points_are_share_of_the_scale():
    answers = {"st-direction": Answer(level=3)}
    result = score(MATURITY_SPEC, answers)
    assert result.criteria["st-direction"].earned == Fraction(1, 2)


def test_score_numeric_target_decides_met():
    low = score(MATURITY_SPEC, {"fo-stewards": Answer(value=Decimal("74.9"))})
    high = score(MATURITY_SPEC, {"fo-stewards": Answer(value=Decimal("75"))})
    assert (low.criteria["fo-stewards"].met, high.criteria["fo-stewards"].met) == (False, True)


@pytest.mark.parametrize(
    ("rounding", "value", "expected"),
    [
        ("floor", Fraction(679, 10), 67),
        ("half_up", Fraction(675, 10), 68),
        ("half_up", Fraction(674, 10), 67),
        ("exact", Fraction(679, 10), Fraction(679, 10)),
    ],
)
def test_apply_rounding_modes(rounding, value, expected):
    assert apply_rounding(value, rounding) == expected


def test_score_half_up_rounding_can_reach_a_level_floor_does_not():
    # 29.2 of 43 is impossible with whole points; use 100 criteria: 67.5 % → 68 with half_up.
    half_up = parse(flat_framework(200, rounding="half_up"))
    floor = parse(flat_framework(200, rounding="floor"))
    answers = met(f"c{i}" for i in range(135))  # 67.5 %
    assert (score(half_up, answers).level_key, score(floor, answers).level_key) == (
        "gold",
        "silver",
    )


@settings(max_examples=60, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=42)), st.integers(min_value=0, max_value=42))
def test_score_adding_a_met_criterion_never_lowers_the_level(met_indexes, extra):
    keys = [c.key for c in DEFAULT_SPEC.criteria]
    before = {
        keys[i]: Answer(
            met=True, checklist=frozenset(item.key for item in DEFAULT_SPEC.criteria[i].checklist)
        )
        for i in met_indexes
    }
    after = {
        **before,
        keys[extra]: Answer(
            met=True,
            checklist=frozenset(item.key for item in DEFAULT_SPEC.criteria[extra].checklist),
        ),
    }
    tiers = [None, "silver", "gold", "platinum"]
    first, second = score(DEFAULT_SPEC, before), score(DEFAULT_SPEC, after)
    assert tiers.index(second.level_key) >= tiers.index(first.level_key)
    assert second.points >= first.points


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=5), min_size=12, max_size=12),
    st.integers(min_value=0, max_value=11),
)
def test_score_raising_an_ordinal_rating_never_lowers_the_stage(levels, which):
    ordinal = [c.key for c in MATURITY_SPEC.criteria if c.type == "ordinal"]
    before = {key: Answer(level=level) for key, level in zip(ordinal, levels, strict=True)}
    raised = {**before, ordinal[which]: Answer(level=min(5, levels[which] + 1))}
    stages = [t.key for t in MATURITY_SPEC.levels.tiers]
    assert stages.index(score(MATURITY_SPEC, raised).level_key) >= stages.index(
        score(MATURITY_SPEC, before).level_key
    )


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_score_random_prerequisite_graphs_are_monotone(data):
    count = data.draw(st.integers(min_value=2, max_value=12))
    prerequisites = {}
    for i in range(1, count):
        if data.draw(st.booleans()):
            target = data.draw(st.integers(min_value=0, max_value=i - 1))  # earlier only: no cycles
            prerequisites[f"c{i}"] = (
                f"c{target}",
                data.draw(st.sampled_from(["blocks_points", "advisory"])),
            )
    spec = parse(flat_framework(count, prerequisites))
    chosen = data.draw(st.sets(st.integers(min_value=0, max_value=count - 1)))
    extra = data.draw(st.integers(min_value=0, max_value=count - 1))
    before = score(spec, met(f"c{i}" for i in chosen))
    after = score(spec, met(f"c{i}" for i in chosen | {extra}))
    assert after.points >= before.points


def test_load_cycle_is_an_error_naming_the_criterion():
    data = flat_framework(
        3, {"c0": ("c2", "advisory"), "c1": ("c0", "blocks_points"), "c2": ("c1", "advisory")}
    )
    with pytest.raises(FrameworkError) as caught:
        parse(data)
    assert caught.value.problems == [
        "criterion 'c0': prerequisites form a cycle: c0 → c2 → c1 → c0"
    ]


def test_load_unknown_prerequisite_is_an_error_naming_the_criterion():
    data = flat_framework(2, {"c1": ("c9", "blocks_points")})
    with pytest.raises(FrameworkError) as caught:
        parse(data)
    assert caught.value.problems == [
        "criterion 'c1': prerequisite 'c9' is not a criterion of this version"
    ]


def test_load_unknown_field_is_reported():
    data = flat_framework(1)
    data["version"]["areas"][0]["criteria"][0]["pionts"] = 2
    with pytest.raises(FrameworkError) as caught:
        parse(data)
    assert caught.value.problems[0].startswith("criterion 'c0': unknown field 'pionts'")


def test_load_rounding_must_be_explicit():
    data = flat_framework(1)
    del data["version"]["levels"]["rounding"]
    with pytest.raises(FrameworkError) as caught:
        parse(data)
    assert caught.value.problems == [
        "version.levels: 'rounding' must be stated explicitly: one of floor, half_up, exact"
    ]


def test_load_checklist_k_larger_than_n_is_an_error():
    data = flat_framework(1)
    data["version"]["areas"][0]["criteria"][0]["checklist"] = {
        "at_least": 3,
        "items": [{"key": "a", "text": "A"}, {"key": "b", "text": "B"}],
    }
    with pytest.raises(FrameworkError) as caught:
        parse(data)
    assert caught.value.problems == [
        "criterion 'c0': checklist 'at_least' must be between 1 and 2 (k of n)"
    ]


def test_load_duplicate_criterion_key_is_an_error():
    data = flat_framework(2)
    data["version"]["areas"][0]["criteria"][1]["key"] = "c0"
    with pytest.raises(FrameworkError) as caught:
        parse(data)
    assert caught.value.problems == ["criterion 'c0': the key is used twice"]


def test_load_stored_json_copy_parses_like_the_yaml():
    import json

    copy = json.loads(
        json.dumps(
            yaml.safe_load((DIRECTORY / "data-maturity-ladder-2025.1.yaml").read_text()),
            default=str,
        )
    )
    assert parse(copy) == MATURITY_SPEC


def test_find_cycle_none_for_a_dag():
    assert find_cycle({"a": ["b"], "b": ["c"], "c": []}) is None


def test_eligibility_below_floor_gives_a_clear_message():
    problem = eligibility_problem(
        DEFAULT_SPEC, place="Smallville, KS", population=12_345, source="Census 2020"
    )
    assert problem == (
        "City Data Practices is for governments of at least 30,000 residents; Smallville, KS has "
        "12,345 (Census 2020). The Data Maturity Ladder and other frameworks without a size rule "
        "are open to you."
    )


def test_eligibility_at_floor_is_allowed():
    assert eligibility_problem(DEFAULT_SPEC, place="X", population=30_000) is None


def test_eligibility_unknown_population_is_refused():
    assert eligibility_problem(DEFAULT_SPEC, place="X", population=None).startswith(
        "City Data Practices is for governments of at least 30,000 residents, and the directory"
    )


def test_eligibility_framework_without_rule_admits_everyone():
    assert eligibility_problem(MATURITY_SPEC, place="X", population=120) is None


def test_roadmap_puts_prerequisites_before_dependants():
    result = score(DEFAULT_SPEC, {})
    order = [s.key for s in build_roadmap(DEFAULT_SPEC, result, {})]
    pairs = [(p.criterion, c.key) for c in DEFAULT_SPEC.criteria for p in c.prerequisites]
    assert [pair for pair in pairs if order.index(pair[0]) > order.index(pair[1])] == []


def test_roadmap_orders_by_effort_then_peers():
    data = flat_framework(3)
    data["version"]["areas"][0]["criteria"][0]["effort"] = "high"
    spec = parse(data)
    steps = build_roadmap(spec, score(spec, {}), {"c2": 4, "c1": 1})
    assert [s.key for s in steps] == ["c2", "c1", "c0"]


def test_roadmap_unlocking_criteria_come_first():
    spec = parse(flat_framework(3, {"c2": ("c1", "blocks_points")}))
    steps = build_roadmap(spec, score(spec, met(["c2"])), {"c0": 10})
    assert ([s.key for s in steps], steps[0].unlocks) == (["c1", "c0"], ("c2",))


def test_roadmap_dependant_horizon_is_later_than_its_prerequisite():
    spec = parse(flat_framework(2, {"c1": ("c0", "blocks_points")}))
    steps = {s.key: s for s in build_roadmap(spec, score(spec, {}), {})}
    assert (steps["c0"].horizon_months, steps["c1"].horizon_months) == (6, 12)


def test_roadmap_skips_met_criteria():
    steps = build_roadmap(FLAT_43, score(FLAT_43, met(f"c{i}" for i in range(40))), {})
    assert [s.key for s in steps] == ["c40", "c41", "c42"]


def test_percentile_rank_counts_ties_as_half():
    assert percentile_rank(50, [10, 20, 50, 60, 70]) == 50


def test_percentile_rank_hidden_below_five():
    assert percentile_rank(50, [10, 20, 30, 40]) is None


def test_median_hidden_below_five():
    assert (median([1, 2, 3, 4]), median([1, 2, 3, 4, 100])) == (None, 3.0)
