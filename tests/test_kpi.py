"""KPI scorecards (DOMAIN.md §4, §8; seed 003): scoring rules, checks, totals, ratings, merit matrix, storage.

Expected numbers come from the hand formula of DOMAIN.md §4 written out below
(``hand_linear``), from seed 003's scoring table, from DOMAIN.md's own worked
example, or from the CAMMS scorecard help ("Calculation Method").
"""

from __future__ import annotations

import math
import shutil

import numpy as np
import pandas as pd
import pytest

from hrcore import errors, kpi
from hrcore.demo import build_demo
from hrcore.store import Store

PERIOD = "2026-09"  # the demo's latest month (staff appraised monthly), where a few cards are still drafts


def hand_linear(actual, target, up=True, k=5.0, floor=0.0, cap=150.0):
    """DOMAIN.md §4: a = actual/target (target/actual when lower is better); 100 + k·(a − 1)·100 in [floor, cap]."""
    a = actual / target if up else (target / actual if actual > 0 else math.inf)
    return min(max(100 + k * (a - 1) * 100, floor), cap)


def hand_rating(total):
    """DOMAIN.md §4: A ≥ 110 > B ≥ 95 > C ≥ 80 > D."""
    return "A" if total >= 110 else "B" if total >= 95 else "C" if total >= 80 else "D"


def frame(rows, columns=("indicator_id", "weight", "target", "actual", "rule", "score", "thresholds")):
    return pd.DataFrame(rows, columns=list(columns))


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("kpi") / "demo.duckdb"
    store = Store(path)
    build_demo(store, employees=300, seed=3)
    store.close()
    return path


@pytest.fixture
def store(demo_file, tmp_path):
    """A private copy of the demo company (built once per module: build_demo(store, employees=300, seed=3))."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(demo_file, path)
    s = Store(path)
    yield s
    s.close()


def db_lines(store, scorecard_id):
    """A card's lines with their direction, read straight from the tables."""
    return store.query("SELECT l.*, coalesce(i.higher_is_better, true) AS up FROM scorecard_lines l "
                       "LEFT JOIN kpi_indicators i USING (indicator_id) WHERE scorecard_id = ? ORDER BY indicator_id",
                       [scorecard_id])


def hand_card(lines):
    scores = [hand_linear(r.actual, r.target, r.up, r.per_point, r.floor, r.cap) for r in lines.itertuples()]
    return scores, sum(w * s for w, s in zip(lines["weight"], scores))


def drafts(store):
    """Draft cards of the latest quarter split by whether every line has an actual (plain SQL)."""
    d = store.query("SELECT c.scorecard_id, bool_and(l.actual IS NOT NULL) AS complete FROM scorecards c "
                    "JOIN scorecard_lines l USING (scorecard_id) WHERE c.period = ? AND c.status = 'draft' "
                    "GROUP BY 1 ORDER BY 1", [PERIOD])
    return sorted(d.loc[d["complete"], "scorecard_id"]), sorted(d.loc[~d["complete"], "scorecard_id"])


# --------------------------------------------------------------------------- linear rule
@pytest.mark.parametrize("actual, expected", [(95, 75), (104, 120), (115, 150), (130, 150), (100, 100)])
def test_linear_score_follows_seed_003_five_points_per_point_capped_at_150(actual, expected):
    # Seed 003: 月度销售额目标完成率, 标准100%, 每降低1%扣5分, 每超过1%加5分, 最高分不超过150分
    assert kpi.linear_score(actual, 100) == pytest.approx(expected)
    # the seed's monthly sales standard is 1200万元: 1,140 of 1,200 is 95 %
    assert kpi.linear_score(actual * 12, 1_200) == pytest.approx(expected)


def test_linear_score_of_a_rate_uses_the_ratio_per_domain_example():
    # DOMAIN.md §4: target 95 %, actual 93 % -> a = 0.9789, score 89.5 with k = 5
    assert 93 / 95 == pytest.approx(0.9789, abs=1e-4)
    assert kpi.linear_score(93, 95) == pytest.approx(100 + 5 * (93 / 95 - 1) * 100)
    assert round(kpi.linear_score(93, 95), 1) == 89.5


def test_linear_score_clips_to_floor_and_cap():
    assert kpi.linear_score(70, 100) == 0            # 100 − 150 below the seed's floor 0
    assert kpi.linear_score(70, 100, floor=20) == 20
    assert kpi.linear_score(130, 100, cap=200) == 200       # 100 + 150 = 250 above a cap of 200
    assert kpi.linear_score(108, 100, cap=200) == pytest.approx(140)


def test_linear_score_higher_is_better_matches_camms_more_is_better():
    # CAMMS "Calculation Method": More is better, Target 85% | Actual 95% -> achievement 1.1176
    assert kpi.linear_score(95, 85, per_point=1, cap=1e9) == pytest.approx(100 * 1.1176, abs=1e-2)


def test_linear_score_lower_is_better_uses_target_over_actual_per_domain_not_camms():
    # CAMMS: Less is better, Target 10% | Actual 8% -> 1 − 8/10 + 1 = 1.2. The product follows DOMAIN.md §4
    # instead: a = target/actual = 10/8 = 1.25, so k = 5 gives 100 + 5·25 = 225 -> capped 150, and k = 1 gives 125.
    assert kpi.linear_score(8, 10, higher_is_better=False) == 150
    assert kpi.linear_score(8, 10, per_point=1, higher_is_better=False) == pytest.approx(125)


def test_linear_score_lower_is_better_with_actual_zero_scores_the_cap():
    assert kpi.linear_score(0, 5, higher_is_better=False) == 150
    assert kpi.linear_score(0, 5, cap=180, higher_is_better=False) == 180


def test_linear_score_works_element_wise_on_arrays_and_keeps_a_series_index():
    actual, target = np.array([1140.0, 93.0, 8.0, 0.0]), np.array([1200.0, 95.0, 10.0, 4.0])
    up = np.array([True, True, False, False])
    expected = [hand_linear(a, t, u) for a, t, u in zip(actual, target, up)]
    assert kpi.linear_score(actual, target, higher_is_better=up) == pytest.approx(expected)
    series = pd.Series(actual, index=["sales", "rate", "turnover", "accidents"])
    out = kpi.linear_score(series, target, higher_is_better=up)
    assert isinstance(out, pd.Series) and list(out.index) == list(series.index)
    assert out.to_numpy() == pytest.approx(expected)


@pytest.mark.parametrize("kwargs, argument", [
    ({"actual": 5, "target": 0}, "target"), ({"actual": 5, "target": -3}, "target"),
    ({"actual": [5, 6], "target": [10, 0]}, "target"),
    ({"actual": 5, "target": 10, "floor": 160, "cap": 150}, "floor"),
    ({"actual": 5, "target": 10, "per_point": -1}, "per_point")])
def test_linear_score_rejects_bad_arguments_naming_them(kwargs, argument):
    with pytest.raises(ValueError, match=argument):
        kpi.linear_score(**kwargs)


# --------------------------------------------------------------------------- issue 29: above 100 %, losses, zero targets
def test_completion_above_100_percent_is_rewarded_up_to_the_cap():
    # Seed 003's table, 月度销售额目标完成率: target 100 %, 5 points per point over or under, at most 150.
    # 110 % -> 100 + 5 x 10 = 150; 104 % -> 120; 120 % -> 200, capped at 150.
    assert kpi.linear_score([110.0, 104.0, 120.0], 100.0).tolist() == [150.0, 120.0, 150.0]
    card = frame([("monthly_sales_completion", 1.0, 100, 110, "linear", None, None)])
    bounded = kpi.seed_library().set_index("indicator_id")["bounded_share"]
    result = kpi.evaluate_card(card, pd.Series({"monthly_sales_completion": True}), appraisee="E1", appraiser="E2",
                               bounded=bounded)
    assert result.problems == [] and result.total == 150.0 and result.rating == "A"


def test_an_over_spent_budget_scores_below_100_and_is_not_refused():
    # DOMAIN.md §4: lower is better, a = target / actual; 105 % of budget: 100 + 5 x (100/105 - 1) x 100 = 76.19.
    card = frame([("expense_ratio", 1.0, 100, 105, "linear", None, None)])
    result = kpi.evaluate_card(card, pd.Series({"expense_ratio": False}), appraisee="E1", appraiser="E2",
                               bounded=pd.Series({"expense_ratio": False}))
    assert result.problems == [] and result.total == pytest.approx(100 + 5 * (100 / 105 - 1) * 100)
    assert round(result.total, 2) == 76.19


def test_a_bounded_share_still_refuses_values_above_100_percent():
    # The seed's 重要岗位招聘试用通过率 is a pass rate: 101 % cannot happen.
    assert "key_hire_probation" in kpi.SEED_BOUNDED
    card = frame([("key_hire_probation", 1.0, 90, 101, "linear", None, None)])
    bounded = kpi.seed_library().set_index("indicator_id")["bounded_share"]
    problems = kpi.check_card(card, "E1", "E2", bounded)
    assert [(p.code, p.values) for p in problems] == [("over_100", {"value": 101})]


def test_a_loss_against_a_profit_target_scores_the_floor():
    # DOMAIN.md §4: a negative actual is allowed where the indicator can be negative and scores the rule's floor.
    # Profit target 200, a loss of 50: a = -0.25, 100 + 5 x (-125) = -525, clipped to the floor 0 (or 20).
    assert kpi.linear_score(-50, 200) == 0.0 and kpi.linear_score(-50, 200, floor=20) == 20.0
    card = frame([("profit", 0.6, 200, -50, "linear", None, None), ("sales", 0.4, 100, 110, "linear", None, None)])
    result = kpi.evaluate_card(card, pd.Series({"profit": True, "sales": True}), appraisee="E1", appraiser="E2",
                               bounded=pd.Series({"profit": False, "sales": False}))
    assert result.problems == [] and result.lines["score"].tolist() == [0.0, 150.0]
    assert result.total == pytest.approx(0.4 * 150)  # 60, a D


@pytest.mark.parametrize("rule, thresholds, actual, expected", [
    # Zero incidents (target 0, lower is better), by hand: stepwise at most 0 -> 120, at most 1 -> 100,
    # at most 3 -> 60, more -> 0; pass/fail: 0 incidents pass (100), 1 fails (0).
    ("threshold", "[[0, 120], [1, 100], [3, 60]]", 0, 120.0), ("threshold", "[[0, 120], [1, 100], [3, 60]]", 2, 60.0),
    ("threshold", "[[0, 120], [1, 100], [3, 60]]", 4, 0.0), ("pass_fail", None, 0, 100.0), ("pass_fail", None, 1, 0.0)])
def test_a_zero_incidents_indicator_scores_stepwise_or_pass_fail(rule, thresholds, actual, expected):
    card = frame([("incidents", 1.0, 0, actual, rule, None, thresholds)])
    result = kpi.evaluate_card(card, pd.Series({"incidents": False}), appraisee="E1", appraiser="E2")
    assert result.problems == [] and result.total == expected


def test_stepwise_thresholds_read_and_write_as_text():
    assert kpi.steps_text('[[0, 120], [1, 100], [3, 60]]') == "0: 120; 1: 100; 3: 60"
    assert kpi.parse_steps("0: 120; 1: 100; 3: 60") == "[[0.0, 120.0], [1.0, 100.0], [3.0, 60.0]]"
    assert kpi.parse_steps("0：120；1：100") == "[[0.0, 120.0], [1.0, 100.0]]"  # full-width punctuation
    assert kpi.parse_steps("") is None and kpi.steps_text(None) == ""
    assert kpi.parse_steps("ninety") == "ninety"  # kept as typed: the check reports bad steps


# --------------------------------------------------------------------------- other rules
def test_points_score_counts_percentage_points():
    assert kpi.points_score(93.0, 95.0) == 90                                 # DOMAIN.md §4: −2 points -> 90
    assert kpi.points_score(3.0, 2.0, higher_is_better=False) == 100 + 5 * (2 - 3)
    assert kpi.points_score(100.0, 70.0) == 150 and kpi.points_score(60.0, 95.0) == 0   # 250 and −75 clipped


def test_threshold_score_takes_the_highest_step_reached_inclusive():
    steps = [(98, 120), (90, 80), (95, 100)]  # given out of order on purpose
    assert kpi.threshold_score([89.99, 90, 94.9, 95, 99], steps) == [0.0, 80.0, 80.0, 100.0, 120.0]
    out = kpi.threshold_score(pd.Series([96.0, 85.0], index=["x", "y"]), steps)
    assert list(out.index) == ["x", "y"] and out.tolist() == [100.0, 0.0]


def test_threshold_score_lower_is_better_takes_the_lowest_step_reached_inclusive():
    steps = [(5, 100), (2, 120)]  # at most 5 complaints: 100, at most 2: 120
    assert [kpi.threshold_score(x, steps, higher_is_better=False) for x in (1, 2, 2.01, 5, 5.01)] == \
        [120.0, 120.0, 100.0, 100.0, 0.0]
    with pytest.raises(ValueError, match="steps"):
        kpi.threshold_score(3, [])


@pytest.mark.parametrize("up", [True, False])
def test_threshold_score_of_a_missing_actual_is_nan_not_a_step(up):
    # NaN in -> NaN out, as linear_score does; no actual must not reach the top step
    assert math.isnan(kpi.threshold_score(np.nan, [(90, 80), (95, 100)], higher_is_better=up))


def test_pass_fail_score_passes_when_the_target_is_reached():
    assert kpi.pass_fail_score([95, 94.9, 96], 95).tolist() == [100.0, 0.0, 100.0]
    assert kpi.pass_fail_score([3, 3.1], 3, higher_is_better=False).tolist() == [100.0, 0.0]
    assert kpi.pass_fail_score(80, 90, pass_score=120, fail_score=50) == 50


# --------------------------------------------------------------------------- lines, totals, ratings
MIXED = pd.DataFrame({
    "indicator_id": ["sales", "turnover", "yield", "audit", "attitude", "leads", "rate"],
    "target": [1200, 10, None, 95, None, 250, 95],
    "actual": [1140, 8, 96, 95, None, None, 93],
    "rule": ["linear", "linear", "threshold", "pass_fail", "manual", "linear", "linear"],
    "per_point": [5, 1, None, None, None, 5, 5],
    "score": [None, None, None, None, 88, None, None],
    "thresholds": [None, None, "[[90, 80], [95, 100], [98, 120]]", None, None, None, None]},
    index=[10, 11, 12, 13, 14, 15, 16])
UP = pd.Series({"turnover": False})  # the others are unknown, hence higher is better


def test_score_lines_scores_each_line_by_its_own_rule_and_keeps_the_index():
    out = kpi.score_lines(MIXED, UP)
    expected = [hand_linear(1140, 1200), hand_linear(8, 10, up=False, k=1), 100, 100, 88, np.nan,
                hand_linear(93, 95)]
    assert list(out.index) == list(MIXED.index)
    np.testing.assert_allclose(out.to_numpy(), expected)  # 75, 125, step 95, met, manual, missing actual -> NaN


def test_score_lines_points_mode_scores_linear_lines_by_percentage_points():
    out = kpi.score_lines(MIXED, UP, mode="points")
    assert out[16] == 100 + 5 * (93 - 95) and out[11] == 100 + 1 * (10 - 8)
    assert out[12] == 100 and out[14] == 88  # other rules do not depend on the mode
    with pytest.raises(ValueError, match="mode"):
        kpi.score_lines(MIXED, UP, mode="percent")


def test_seed_card_total_is_the_weighted_sum_of_line_scores():
    # Seed 003: sales and profit completion at 20 % each (95 % -> 75, 104 % -> 120) plus three other lines
    lines = frame([("monthly_sales_completion", 0.2, 100, 95, "linear", None, None),
                   ("monthly_profit_completion", 0.2, 100, 104, "linear", None, None),
                   ("core_turnover", 0.2, 5, 4, "linear", None, None),        # 5/4 = 1.25 -> 225, capped 150
                   ("employee_satisfaction", 0.2, None, None, "manual", 90, None),
                   ("key_hire_probation", 0.2, 90, 92, "pass_fail", None, None)])
    scores = kpi.score_lines(lines, pd.Series({"core_turnover": False}))
    assert scores.tolist() == pytest.approx([75, 120, 150, 90, 100])
    assert kpi.total_score(lines["weight"], scores) == pytest.approx(0.2 * 75 + 0.2 * 120 + 0.2 * 150 + 0.2 * 90
                                                                     + 0.2 * 100)  # = 107


def test_weighted_scorecard_worked_example_with_a_lower_is_better_line():
    # Hand example, weights 40/30/20/10: revenue 1080/1000 -> 140; satisfaction 87.3/90 = 0.97 -> 85;
    # complaint rate (lower is better) 12/12.5 = 0.96 -> 80; training 16/16 -> 100.
    # Total 0.4·140 + 0.3·85 + 0.2·80 + 0.1·100 = 56 + 25.5 + 16 + 10 = 107.5 -> B (95 ≤ 107.5 < 110).
    lines = frame([("revenue", 0.4, 1000, 1080, "linear", None, None),
                   ("satisfaction", 0.3, 90, 87.3, "linear", None, None),
                   ("complaints", 0.2, 12, 12.5, "linear", None, None),
                   ("training", 0.1, 16, 16, "linear", None, None)])
    result = kpi.evaluate_card(lines, pd.Series({"complaints": False}), appraisee="E1", appraiser="E2")
    assert result.lines["score"].tolist() == pytest.approx([140, 85, 80, 100])
    assert result.total == pytest.approx(107.5) and result.rating == "B" and result.problems == []


def test_total_score_is_the_dot_product_of_weights_and_scores():
    w, s = np.array([0.3, 0.25, 0.2, 0.15, 0.1]), np.array([101.1, 71.7, 100.0, 85.4, 100.5])
    assert kpi.total_score(w, s) == pytest.approx(float(np.dot(w, s)))


def test_rate_uses_inclusive_lower_bounds():
    assert [kpi.rate(x) for x in (110, 109.99, 95, 94.99, 80, 79.99)] == ["A", "B", "B", "C", "C", "D"]
    assert kpi.rate(np.nan) is None
    assert kpi.rate([150, np.nan, 0]).tolist() == ["A", None, "D"]


def test_rate_accepts_custom_bands_in_any_order():
    bands = [("Good", 70), ("Excellent", 90)]
    assert kpi.rate([90, 89.9, 70, 69.9], bands, lowest="Poor").tolist() == ["Excellent", "Good", "Good", "Poor"]


# --------------------------------------------------------------------------- checks before scoring
CLEAN = frame([("a", 0.5, 100, 98, "linear", None, None), ("b", 0.3, 95, 93, "linear", None, None),
               ("c", 0.2, None, None, "manual", 90, None)])
UNITS = pd.Series({"a": False, "b": True})
"""Which indicators are bounded shares: b (a pass rate in %) is, a (an amount in CNY k) is not."""


def test_check_card_passes_a_clean_card():
    assert kpi.check_card(CLEAN, "E1", "E2", UNITS) == []


@pytest.mark.parametrize("column, row, value, code, indicator, values", [
    ("weight", 0, 0.4, "weights_sum", None, {"total": 0.9}),
    ("indicator_id", 2, "a", "duplicate", "a", {}),
    ("actual", 1, None, "missing_actual", "b", {}),
    ("target", 0, 0, "bad_target", "a", {}),
    ("actual", 1, -5, "negative_actual", "b", {"value": -5}),  # b is a bounded share: 0 to 100 %
    ("actual", 1, 101, "over_100", "b", {"value": 101}),
    ("score", 2, None, "missing_score", "c", {})])
def test_check_card_reports_each_problem(column, row, value, code, indicator, values):
    lines = CLEAN.copy()
    lines.loc[row, column] = value
    problems = kpi.check_card(lines, "E1", "E2", UNITS)
    assert [(p.code, p.indicator_id, p.values, p.blocking) for p in problems] == [(code, indicator, values, True)]


def test_check_card_reports_self_appraisal_and_over_100_only_for_bounded_shares():
    assert [p.code for p in kpi.check_card(CLEAN, "E1", "E1", UNITS)] == ["self_appraisal"]
    assert kpi.check_card(CLEAN.assign(actual=[101, 93, None]), "E1", "E2", UNITS) == []  # a is CNY k
    assert kpi.check_card(CLEAN.assign(actual=[-40, 93, None]), "E1", "E2", UNITS) == []  # a loss is scored


@pytest.mark.parametrize("rule, target, thresholds", [("pass_fail", None, None), ("threshold", 90, None),
                                                       ("threshold", 90, "not json")])
def test_a_line_its_rule_cannot_score_blocks_the_card(rule, target, thresholds):
    # score_lines: lines that score NaN are left for check_card to report; a card must not be rated on part of it
    lines = CLEAN.copy()
    lines.loc[1, ["rule", "target", "thresholds"]] = [rule, target, thresholds]
    result = kpi.evaluate_card(lines, pd.Series({"a": True, "b": True}), appraisee="E1", appraiser="E2")
    assert math.isnan(result.lines["score"][1])
    assert any(p.indicator_id == "b" and p.blocking for p in result.problems)
    assert result.rating is None


def period_fixture():
    rows = {"ok": [("a", 0.6, 100, 98, "linear"), ("b", 0.4, 95, 93, "linear")],
            "light": [("a", 0.5, 100, 98, "linear"), ("b", 0.4, 95, 93, "linear")],
            "self": [("a", 1.0, 100, 98, "linear")],
            "gap": [("a", 0.6, 100, None, "linear"), ("b", 0.4, 95, 93, "linear")],
            "wild": [("a", 0.6, 100, -2, "linear"), ("b", 0.4, 95, 120, "linear")],
            "zero": [("a", 0.6, 0, 5, "linear"), ("b", 0.4, 95, 93, "linear")],
            "manual": [("a", 0.6, 100, 98, "linear"), ("c", 0.4, None, None, "manual")]}
    lines = pd.DataFrame([(card, *r, None) for card, rs in rows.items() for r in rs],
                         columns=["scorecard_id", "indicator_id", "weight", "target", "actual", "rule", "score"])
    cards = pd.DataFrame({"scorecard_id": list(rows), "owner_id": [f"E{i}" for i in range(len(rows))],
                          "appraiser_id": ["M"] * len(rows)})
    cards.loc[cards["scorecard_id"] == "self", "appraiser_id"] = cards.loc[cards["scorecard_id"] == "self", "owner_id"]
    return lines, cards


def check_card_per_card(lines, cards):
    out = set()
    for c in cards.itertuples():
        for p in kpi.check_card(lines[lines["scorecard_id"] == c.scorecard_id], c.owner_id, c.appraiser_id, UNITS):
            out.add((c.scorecard_id, p.code, p.indicator_id))
    return out


def test_period_problems_matches_check_card_per_card():
    lines, cards = period_fixture()
    lines, cards = lines[lines["scorecard_id"] != "manual"], cards[cards["scorecard_id"] != "manual"]
    found = kpi.period_problems(lines, cards, UNITS)
    expected = {("light", "weights_sum", None), ("self", "self_appraisal", None), ("gap", "missing_actual", "a"),
                ("wild", "over_100", "b"), ("zero", "bad_target", "a")}  # wild's a is a loss: scored, not refused
    assert check_card_per_card(lines, cards) == expected
    assert {(c, p, i if isinstance(i, str) else None) for c, p, i in
            zip(found["scorecard_id"], found["code"], found["indicator_id"])} == expected
    assert found.set_index("code").loc["weights_sum", "value"] == pytest.approx(0.9)


def test_period_problems_blocks_a_manual_line_without_a_score_like_check_card():
    lines, cards = period_fixture()
    found = kpi.period_problems(lines, cards, UNITS)
    assert ("manual", "missing_score", "c") in check_card_per_card(lines, cards)
    assert "manual" in set(found["scorecard_id"])


def test_inconsistent_levels_flags_a_job_whose_people_use_different_indicator_sets():
    # Positions without a family or level: each job is its own group, the rule before families were compared.
    cards = pd.DataFrame({"scorecard_id": ["p1e1", "p1e2", "p1e3", "p1e4", "p1d", "p2e1", "p2e2"],
                          "owner_type": ["employee"] * 4 + ["department"] + ["employee"] * 2,
                          "owner_id": ["E1", "E2", "E3", "E4", "D1", "E1", "E2"],
                          "period": ["P1"] * 5 + ["P2"] * 2})
    sets = {"p1e1": "xy", "p1e2": "xz", "p1e3": "xy", "p1e4": "xy", "p1d": "q", "p2e1": "xy", "p2e2": "xy"}
    lines = pd.DataFrame([(c, i) for c, s in sets.items() for i in s], columns=["scorecard_id", "indicator_id"])
    positions = pd.DataFrame({"owner_id": ["E1", "E2", "E3", "E4"], "job_id": ["J1", "J1", "J2", "J2"]})
    out = kpi.inconsistent_levels(cards, lines, positions)
    assert out[["period", "jobs", "sets", "cards"]].values.tolist() == [["P1", "J1", 2, 2]]


def peers_fixture():
    """Five people of the sales family: two jobs at grade 5 (S1, S2 and S3), one at grade 6 (S4), a team leader at
    grade 5 (S5).  S1 and S2 use indicators x, y; S3 x, z; S4 x, w; S5 x, v."""
    owners = ["S1", "S2", "S3", "S4", "S5"]
    cards = pd.DataFrame({"scorecard_id": [f"Q3-{o}" for o in owners], "owner_type": "employee", "owner_id": owners,
                          "period": "Q3"})
    sets = dict(zip(cards["scorecard_id"], ["xy", "xy", "xz", "xw", "xv"]))
    lines = pd.DataFrame([(c, i) for c, s in sets.items() for i in s], columns=["scorecard_id", "indicator_id"])
    positions = pd.DataFrame({"owner_id": owners, "job_id": ["SA-AM", "SA-AM", "SA-ECO", "SA-KAM", "SA-TL"],
                              "job_family": "sales", "level": [5, 5, 5, 6, 5],
                              "leads": [False, False, False, False, True]})
    return cards, lines, positions


def test_two_people_of_one_family_and_level_in_different_jobs_with_different_sets_are_flagged():
    cards, lines, positions = peers_fixture()
    out = kpi.inconsistent_levels(cards, lines, positions)
    # Grade 5 staff: S1, S2 (x, y) and S3 (x, z) hold two sets on three cards; S4 (grade 6) and the leader S5 are
    # alone in their groups, so nothing else is flagged.
    assert out.to_dict("records") == [{"period": "Q3", "job_family": "sales", "level": 5, "leads": False,
                                       "jobs": "SA-AM, SA-ECO", "sets": 2, "cards": 3}]


def test_one_family_at_different_levels_is_not_flagged():
    cards, lines, positions = peers_fixture()
    keep = ["S1", "S4"]  # grade 5 (x, y) and grade 6 (x, w): two sets, but not peers
    out = kpi.inconsistent_levels(cards[cards["owner_id"].isin(keep)], lines, positions)
    assert out.empty


def test_people_of_one_job_with_different_sets_are_still_flagged_with_family_and_level():
    cards, lines, positions = peers_fixture()
    positions.loc[positions["owner_id"] == "S3", "job_id"] = "SA-AM"  # S3 now in the same job as S1 and S2
    out = kpi.inconsistent_levels(cards, lines, positions)
    assert out[["jobs", "level", "sets", "cards"]].values.tolist() == [["SA-AM", 5, 2, 3]]


def test_peers_are_compared_by_the_job_grade_and_managers_by_the_family_of_the_unit_they_lead(fresh_db):
    fresh_db.upsert("departments", pd.DataFrame({"department_id": ["D1", "D2"], "parent_id": [None, "D1"],
                                                 "head_id": ["M1", "T1"]}))
    fresh_db.upsert("jobs", pd.DataFrame({"job_id": ["MG-DIR", "SA-TL", "SA-REP", "FN-ACC"],
                                          "job_family": ["management", "sales", "sales", "functions"],
                                          "is_manager": [True, True, False, False], "grade": [10, 6, 3, None]}))
    fresh_db.upsert("employees", pd.DataFrame({
        "employee_id": ["M1", "T1", "R1", "R2", "A1"], "department_id": ["D1", "D2", "D2", "D2", "D1"],
        "job_id": ["MG-DIR", "SA-TL", "SA-REP", "SA-REP", "FN-ACC"], "grade": [9, 6, 4, 3, 4]}))
    peers = kpi.peer_positions(fresh_db).set_index("owner_id")
    # The director heads D1, whose people below (managers aside) are two sales reps and one accountant: sales.
    assert peers.loc["M1", ["job_family", "level", "leads"]].tolist() == ["sales", 10, True]
    # R1's grade 4 is their own: the job's grade from job evaluation (3) is the level compared.
    assert peers.loc["R1", ["job_family", "level", "leads"]].tolist() == ["sales", 3, False]
    # A job without a grade falls back on the person's.
    assert peers.loc["A1", "level"] == 4


def test_inconsistent_jobs_in_duckdb_match_the_pandas_rule_on_the_demo(store):
    # The demo's templates follow the family (a manager's, the family of the unit led) and its line count the
    # grade: its peers are consistent.  One planted change gives the comparison something to find.
    assert kpi.inconsistent_jobs(store, None).empty
    period = store.query("SELECT max(period) AS p FROM scorecards")["p"].iloc[0]
    victim = store.query("SELECT l.scorecard_id, l.indicator_id FROM scorecard_lines l JOIN scorecards c "
                         "USING (scorecard_id) WHERE c.period = ? AND c.owner_type = 'employee' "
                         "ORDER BY l.scorecard_id, l.indicator_id LIMIT 1", [period]).iloc[0]
    with store.transaction() as cur:
        cur.execute("UPDATE scorecard_lines SET indicator_id = 'planted_other' WHERE scorecard_id = ? AND "
                    "indicator_id = ?", [victim["scorecard_id"], victim["indicator_id"]])
    # Independent: the same question answered by inconsistent_levels over the cards and lines read whole.
    cards = store.query("SELECT scorecard_id, owner_type, owner_id, period FROM scorecards WHERE period = ?", [period])
    lines = store.query("SELECT scorecard_id, indicator_id FROM scorecard_lines")
    expected = kpi.inconsistent_levels(cards, lines[lines["scorecard_id"].isin(cards["scorecard_id"])],
                                       kpi.peer_positions(store))
    found = kpi.inconsistent_jobs(store, period)
    assert len(found) == 1 and found["sets"].iloc[0] == 2
    pd.testing.assert_frame_equal(found.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False)
    every = kpi.inconsistent_jobs(store, None)
    pd.testing.assert_frame_equal(every[every["period"] == period].reset_index(drop=True), found, check_dtype=False)


def test_smart_prompts_name_the_missing_principles():
    full = {"name_en": "Monthly net sales", "definition": "Net sales booked in the month", "formula": "sum",
            "data_source": "ERP", "higher_is_better": False, "perspective": "financial", "category": "KPI",
            "owner": "sales"}
    assert kpi.smart_prompts(full) == []                       # a falling direction is still a direction
    assert kpi.smart_prompts({}) == ["specific", "measurable", "attainable", "relevant", "time_bound"]
    assert kpi.smart_prompts({**full, "definition": "Sales"}) == ["specific"]
    assert kpi.smart_prompts({**full, "data_source": float("nan")}) == ["measurable"]
    assert kpi.smart_prompts({**full, "higher_is_better": None}) == ["measurable"]
    assert kpi.smart_prompts({**full, "perspective": None, "supports": "sales_revenue"}) == []


def test_smart_prompts_say_what_attainable_and_time_bound_mean():
    # Seed 003's SMART: Attainable (可实现) - somebody must reach it with the resources given, so an owner is named;
    # Time-bound (有时限) - a date or a period, which the name, definition or formula states.
    full = {"name_en": "Net sales", "definition": "Net sales booked in the quarter", "formula": "sum",
            "data_source": "ERP", "higher_is_better": True, "perspective": "financial", "owner": "sales"}
    assert kpi.smart_prompts(full) == []
    assert kpi.smart_prompts({**full, "owner": None}) == ["attainable"]
    assert kpi.smart_prompts({**full, "category": None, "definition": "Net sales booked, invoices only"}) == \
        ["time_bound"]                                          # KPI or CPI says nothing about when
    assert kpi.smart_prompts({**full, "definition": "已确认的净销售额", "name_zh": "月度销售额"}) == []
    assert kpi.smart_prompts({**full, "definition": "Net sales booked by 2026-12-31"}) == []
    from hrcore.i18n import t
    assert "可实现" in t("kpi.smart.attainable", "zh", indicator="x") and "资源" in t("kpi.smart.attainable", "zh",
                                                                                   indicator="x")
    assert "有时限" in t("kpi.smart.time_bound", "zh", indicator="x")
    assert "resources" in t("kpi.smart.attainable", "en", indicator="x")
    assert "period" in t("kpi.smart.time_bound", "en", indicator="x")


# --------------------------------------------------------------------------- merit matrix, library, settings
def test_cr_band_counts_the_edges_as_within():
    assert kpi.cr_band([0.8999, 0.9, 1.0, 1.1, 1.1001, np.nan]).tolist() == \
        ["below", "within", "within", "within", "above", None]


def test_merit_raises_read_a_hand_matrix():
    matrix = pd.DataFrame({"below": [0.10, 0.05], "within": [0.05, 0.03], "above": [0.02, 0.0]}, index=["A", "B"])
    people = pd.DataFrame({"employee_id": ["p", "q", "r", "s"], "rating": ["A", "B", "A", "B"],
                           "base_pay": [10_000, 8_000, 12_345, 9_000], "compa_ratio": [0.85, 1.0, 1.1, 1.25]})
    merit = kpi.merit_raises(people, matrix)
    assert merit["band"].tolist() == ["below", "within", "within", "above"]
    assert merit["raise_pct"].tolist() == [0.10, 0.03, 0.05, 0.0]
    assert merit["raise_monthly"].tolist() == pytest.approx([1_000, 240, 617.25, 0])   # pay × pct
    assert merit["raise_annual"].tolist() == pytest.approx([12_000, 2_880, 7_407, 0])
    # A rating the matrix lacks, or no compa-ratio, suggests nothing rather than a neighbour's raise.
    odd = people.assign(rating=["E", "B", None, "A"], compa_ratio=[0.85, np.nan, 1.0, 1.0])
    assert kpi.merit_raises(odd, matrix)["raise_pct"].tolist() == pytest.approx([np.nan, np.nan, np.nan, 0.05],
                                                                                nan_ok=True)


def test_default_merit_matrix_gives_more_to_better_ratings_and_to_people_low_in_range():
    m = kpi.MERIT_MATRIX.loc[["A", "B", "C", "D"], ["below", "within", "above"]]
    assert (m.diff().iloc[1:] <= 0).all().all() and (m.diff(axis=1).iloc[:, 1:] <= 0).all().all()
    assert (m.loc["D"] == 0).all()


SEED_003_HR = ["核心员工流失率", "人均利润率", "核心员工职业生涯规划完成率", "培训课时完成数", "员工满意度分值",
               "重要岗位招聘试用通过率"]


def test_seed_library_holds_the_eight_seed_indicators_in_both_languages():
    lib = kpi.seed_library()
    # seed 003: 月度销售额目标完成率, 月度利润目标完成率 and the HR department's KPI examples A-F
    assert lib["name_zh"].tolist() == ["月度销售额目标完成率", "月度利润目标完成率", *SEED_003_HR]
    assert lib["indicator_id"].is_unique and len(lib) == 8
    assert all(n.isascii() and n.strip() for n in lib["name_en"])
    assert lib.set_index("indicator_id")["higher_is_better"].map(bool).to_dict() == {
        i: i != "core_turnover" for i in lib["indicator_id"]}


def test_settings_default_to_the_seed_and_round_trip(fresh_db):
    settings = kpi.load_settings(fresh_db)
    # seed 003: 总经理(年度), 副总(半年或者季度), 经理助理(季度), 员工(月); managers above the assistants (经理以上)
    # plan by quarter or half-year: quarterly.  DOMAIN.md §4: A ≥ 110, B ≥ 95, C ≥ 80
    assert settings["cycles"] == {"general_manager": "yearly", "vice_president": "half-yearly",
                                  "manager": "quarterly", "manager_assistant": "quarterly", "staff": "monthly"}
    assert settings["ratings"] == [["A", 110.0], ["B", 95.0], ["C", 80.0]]
    changed = {**settings, "ratings": [["A", 120.0], ["B", 100.0], ["C", 85.0]],
               "cycles": {**settings["cycles"], "vice_president": "quarterly"}}
    kpi.save_settings(fresh_db, changed)
    assert kpi.load_settings(fresh_db) == changed


@pytest.mark.parametrize("ratings, cycle", [([["A", 95], ["B", 110], ["C", 80]], "monthly"),
                                            ([["A", 110], ["B", 110], ["C", 80]], "monthly"),
                                            ([["A", 110], ["B", 95], ["C", 80]], "weekly")])
def test_save_settings_refuses_bands_that_do_not_fall_and_unknown_cycles(fresh_db, ratings, cycle):
    settings = kpi.default_settings()
    with pytest.raises(ValueError, match="ratings" if cycle == "monthly" else "cycles"):
        kpi.save_settings(fresh_db, {**settings, "ratings": ratings, "cycles": {**settings["cycles"], "staff": cycle}})
    assert kpi.load_settings(fresh_db) == kpi.default_settings()


# --------------------------------------------------------------------------- cards in the demo store
def test_evaluate_card_scores_a_demo_card_by_hand_formula(store):
    complete, missing = drafts(store)
    head, lines = kpi.card(store, complete[0])
    result = kpi.evaluate_card(lines, kpi.directions(store), appraisee=head["owner_id"],
                               appraiser=head["appraiser_id"], bounded=kpi.bounded_shares(store))
    scores, total = hand_card(db_lines(store, complete[0]))
    assert result.lines.sort_values("indicator_id")["score"].tolist() == pytest.approx(scores)
    assert result.total == pytest.approx(total) and result.rating == hand_rating(total)
    gap = kpi.evaluate_card(kpi.card(store, missing[0])[1], kpi.directions(store))
    assert gap.rating is None and [p.code for p in gap.problems] == ["missing_actual"]


def snapshot(store, scorecard_id):
    return (store.query("SELECT * FROM scorecards WHERE scorecard_id = ?", [scorecard_id]),
            store.query("SELECT * FROM scorecard_lines WHERE scorecard_id = ? ORDER BY indicator_id", [scorecard_id]),
            store.data_version())


def test_save_card_refuses_weights_summing_to_90_percent_and_changes_nothing(store):
    card_id = drafts(store)[0][0]
    lines = kpi.card(store, card_id)[1]
    lines.loc[0, "weight"] -= 0.1
    before = snapshot(store, card_id)
    with pytest.raises(ValueError, match="weights do not add up to 100 %") as refused:
        kpi.save_card(store, card_id, lines, "hr")
    assert errors.problem_text(refused.value, "zh") == "考核表存在问题：权重合计不是100%"
    after = snapshot(store, card_id)
    pd.testing.assert_frame_equal(before[0], after[0])
    pd.testing.assert_frame_equal(before[1], after[1])
    assert before[2] == after[2]


def test_save_card_keeps_a_draft_with_a_missing_actual_but_refuses_to_score_it(store):
    card_id = drafts(store)[1][0]
    lines = kpi.card(store, card_id)[1]
    assert lines["actual"].isna().sum() == 1  # the card's one line without an actual (the page marks which)
    with pytest.raises(ValueError, match="the card has problems: actual missing"):
        kpi.save_card(store, card_id, lines, "hr", score=True)
    kpi.save_card(store, card_id, lines, "hr", feedback="waiting for MES data")
    head = kpi.card(store, card_id)[0]
    assert head["status"] == "draft" and pd.isna(head["total_score"]) and head["feedback"] == "waiting for MES data"


def test_save_card_scores_a_complete_card(store):
    card_id = drafts(store)[0][0]
    kpi.save_card(store, card_id, kpi.card(store, card_id)[1], "hr", score=True)
    scores, total = hand_card(db_lines(store, card_id))
    head = kpi.card(store, card_id)[0]
    assert (head["status"], head["rating"], head["updated_by"]) == ("scored", hand_rating(total), "hr")
    assert head["total_score"] == pytest.approx(total)
    assert db_lines(store, card_id)["score"].tolist() == pytest.approx(scores)


def test_new_card_copies_targets_with_empty_actuals(store):
    source = drafts(store)[0][0]
    head = kpi.card(store, source)[0]
    new = kpi.new_card(store, "employee", head["owner_id"], "2026-10", head["appraiser_id"], "hr", copy_from=source)
    assert new == f"2026-10-{head['owner_id']}"
    old, copied = db_lines(store, source), db_lines(store, new)
    pd.testing.assert_frame_equal(old[["indicator_id", "weight", "target", "rule"]],
                                  copied[["indicator_id", "weight", "target", "rule"]])
    assert copied["actual"].isna().all() and copied["score"].isna().all()
    assert kpi.card(store, new)[0][["status", "appraiser_id"]].tolist() == ["draft", head["appraiser_id"]]


def test_new_card_refuses_self_appraisal_and_a_second_card_for_owner_and_period(store):
    head = kpi.card(store, drafts(store)[0][0])[0]
    count = store.count("scorecards")
    with pytest.raises(ValueError, match="appraiser"):
        kpi.new_card(store, "employee", "E0000001", "2026-10", "E0000001", "hr")
    with pytest.raises(ValueError, match="already has a card"):
        kpi.new_card(store, "employee", head["owner_id"], PERIOD, head["appraiser_id"], "hr")
    assert store.count("scorecards") == count


def import_frame(store):
    """Actuals for every line missing one, plus a correction of a complete draft's first line (as text, as read)."""
    gaps = store.query("SELECT scorecard_id, indicator_id FROM scorecard_lines WHERE actual IS NULL ORDER BY 1")
    complete = drafts(store)[0][0]
    first = db_lines(store, complete).iloc[0]
    rows = [(c, i, f"{95 + n}.5") for n, (c, i) in enumerate(gaps.itertuples(index=False))]
    return pd.DataFrame(rows + [(complete, first["indicator_id"], "90.25")],
                        columns=["scorecard_id", "indicator_id", "actual"])


def test_import_actuals_writes_all_rows(store):
    incoming = import_frame(store)
    written, report = kpi.import_actuals(store, incoming)
    assert written == len(incoming) >= 2 and report.empty
    for r in incoming.itertuples():
        got = store.query("SELECT actual FROM scorecard_lines WHERE scorecard_id = ? AND indicator_id = ?",
                          [r.scorecard_id, r.indicator_id])["actual"].item()
        assert got == float(r.actual.replace(",", ""))
    assert kpi.score_period(store, PERIOD, "hr")[1] == 0  # nothing is left blocked


@pytest.mark.parametrize("case", ["unknown line", "scored card", "non-numeric", "negative", "above 100",
                                  "duplicate", "missing column"])
def test_import_actuals_with_one_bad_row_writes_nothing_and_names_it(store, case):
    incoming = import_frame(store)
    good = incoming.iloc[0]
    other = db_lines(store, drafts(store)[0][0]).iloc[1]  # a draft line the file does not hold yet
    held = set(zip(incoming["scorecard_id"], incoming["indicator_id"]))
    shares = store.query("SELECT l.scorecard_id, l.indicator_id FROM scorecard_lines l JOIN scorecards c "
                         "USING (scorecard_id) JOIN kpi_indicators k USING (indicator_id) WHERE c.status = 'draft' "
                         "AND k.bounded_share ORDER BY 1, 2")
    share = next(r for r in shares.itertuples(index=False) if tuple(r) not in held)  # a pass or coverage rate
    scored = store.query("SELECT scorecard_id, indicator_id FROM scorecard_lines JOIN scorecards USING (scorecard_id) "
                         "WHERE status = 'scored' LIMIT 1").iloc[0]
    bad, expected = {
        "unknown line": ((good["scorecard_id"], "no_such_kpi", "90"), ("indicator_id", "no_such_kpi", "no such line")),
        "scored card": ((scored["scorecard_id"], scored["indicator_id"], "90"),
                        ("scorecard_id", scored["scorecard_id"], "scored already")),
        "non-numeric": ((other["scorecard_id"], other["indicator_id"], "ninety"), ("actual", "ninety", "not a number")),
        "negative": ((share.scorecard_id, share.indicator_id, "-3"), ("actual", "-3", "0 or more")),
        "above 100": ((share.scorecard_id, share.indicator_id, "100.5"), ("actual", "100.5", "at most 100")),
        # Since issue 28 the actuals go through the mapping every import takes: its words for a key given twice
        # and for a column the file lacks.
        "duplicate": ((good["scorecard_id"], good["indicator_id"], "97"), ("indicator_id", good["indicator_id"],
                                                                           "repeats the key of row 2")),
        "missing column": (None, ("actual", "", "required column is not mapped")),
    }[case]
    if bad is None:
        incoming, row = incoming.drop(columns="actual"), 1          # the header is row 1
    else:
        incoming = pd.concat([incoming, pd.DataFrame([bad], columns=incoming.columns)], ignore_index=True)
        row = len(incoming) + 1                                     # data start on row 2
    version = store.data_version()
    written, report = kpi.import_actuals(store, incoming)
    assert written == 0 and store.data_version() == version
    assert report[["row", "column", "value"]].values.tolist() == [[row, *expected[:2]]]
    assert expected[2] in report["reason"].item()


def test_score_period_scores_only_drafts_that_pass_and_matches_hand_totals(store):
    complete, missing = drafts(store)
    assert complete and missing  # the demo leaves both kinds in the latest quarter
    earlier = store.query("SELECT * FROM scorecards WHERE period <> ? ORDER BY scorecard_id", [PERIOD])
    assert kpi.score_period(store, PERIOD, "hr") == (len(complete), len(missing))
    for card_id in complete:
        _, total = hand_card(db_lines(store, card_id))
        head = kpi.card(store, card_id)[0]
        assert (head["status"], head["rating"]) == ("scored", hand_rating(total))
        assert head["total_score"] == pytest.approx(total)
    for card_id in missing:
        head = kpi.card(store, card_id)[0]
        assert head["status"] == "draft" and pd.isna(head["total_score"])
        assert db_lines(store, card_id)["score"].isna().all()
    pd.testing.assert_frame_equal(earlier, store.query("SELECT * FROM scorecards WHERE period <> ? "
                                                       "ORDER BY scorecard_id", [PERIOD]))
    assert kpi.score_period(store, PERIOD, "hr") == (0, len(missing))  # only the blocked drafts are left


def test_score_period_leaves_a_card_with_an_unscored_manual_line_blocked(store):
    complete, missing = drafts(store)
    lines = kpi.card(store, complete[0])[1]
    lines.loc[0, "rule"] = "manual"  # the appraiser has not given its score yet: a draft may be saved so
    kpi.save_card(store, complete[0], lines, "hr")
    assert kpi.score_period(store, PERIOD, "hr") == (len(complete) - 1, len(missing) + 1)
    assert kpi.card(store, complete[0])[0]["status"] == "draft"


def test_save_notes_keeps_feedback_on_a_scored_card(store):
    card_id = store.query("SELECT scorecard_id FROM scorecards WHERE status = 'scored' LIMIT 1")["scorecard_id"].item()
    before = kpi.card(store, card_id)[0]
    kpi.save_notes(store, card_id, "Strong quarter", "Mentor a new hire", "hr")
    after = kpi.card(store, card_id)[0]
    assert (after["feedback"], after["improvement_plan"], after["updated_by"]) == \
        ("Strong quarter", "Mentor a new hire", "hr")
    assert (after["status"], after["total_score"], after["rating"]) == \
        (before["status"], before["total_score"], before["rating"])
    with pytest.raises(ValueError, match="no card"):
        kpi.save_notes(store, "1999Q1-nobody", "x", "y", "hr")


def test_rating_counts_agree_with_rating_each_total_one_by_one():
    """Random totals, with ties on the bounds and missing ones, against rate() per total and a plain count."""
    rng = np.random.default_rng(5)
    totals = np.concatenate([rng.normal(95, 20, 2_000), [110.0, 95.0, 80.0, np.nan]])
    bands = [("A", 110.0), ("B", 95.0), ("C", 80.0)]
    one_by_one = pd.Series([kpi.rate(x, bands) for x in totals]).value_counts()
    assert kpi.rating_counts(totals, bands).to_dict() == {r: int(one_by_one.get(r, 0)) for r in "ABCD"}


def test_a_loss_imports_and_scores_the_floor(store):
    # Issue 29: a negative actual on an indicator that can be negative is written, not refused, and the linear
    # rule gives it its floor, 0 (DOMAIN.md §4).  A draft line of an amount (not a bounded share):
    line = store.query("SELECT l.scorecard_id, l.indicator_id FROM scorecard_lines l JOIN scorecards c "
                       "USING (scorecard_id) JOIN kpi_indicators k USING (indicator_id) WHERE c.status = 'draft' "
                       "AND NOT k.bounded_share AND coalesce(k.higher_is_better, true) ORDER BY 1, 2").iloc[0]
    written, report = kpi.import_actuals(store, pd.DataFrame([(line["scorecard_id"], line["indicator_id"], "-120")],
                                                             columns=["scorecard_id", "indicator_id", "actual"]))
    assert written == 1 and report.empty
    head, lines = kpi.card(store, line["scorecard_id"])
    result = kpi.shown_result(head, lines, kpi.directions(store), kpi.bounded_shares(store))
    scored = result.lines.set_index("indicator_id")["score"]
    assert scored[line["indicator_id"]] == 0.0
    assert not any(p.code == "negative_actual" for p in result.problems)


def test_migration_011_declares_the_shipped_shares_bounded_in_an_older_library(tmp_path, monkeypatch):
    # A library made before issue 29: the seed's pass and coverage rates become bounded shares (they cannot
    # exceed 100 %), its completion rates do not (110 % of the sales target is rewarded).
    import duckdb

    import hrcore.store as store_module

    path = tmp_path / "hr.duckdb"
    every = store_module._migrations()
    monkeypatch.setattr(store_module, "_migrations", lambda: [m for m in every if m[0] <= 10])
    Store(path).close()
    with duckdb.connect(str(path)) as older:
        older.execute("INSERT INTO kpi_indicators (indicator_id, unit) VALUES ('key_hire_probation', '%'), "
                      "('career_plan_completion', '%'), ('monthly_sales_completion', '%'), ('own_rate', '%')")
    monkeypatch.setattr(store_module, "_migrations", lambda: every)
    store = Store(path)
    try:
        assert kpi.bounded_shares(store).to_dict() == {"key_hire_probation": True, "career_plan_completion": True,
                                                       "monthly_sales_completion": False, "own_rate": False}
    finally:
        store.close()
