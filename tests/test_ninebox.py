"""Nine-box placement (DOMAIN.md §5): thresholds, distribution, boxes, guideline and movement.

Expected levels are recomputed independently with plain comparisons and sorting.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hrcore import ninebox


def test_a_value_at_a_threshold_takes_the_level_above():
    # Inclusive on the upper side: 110 is high, 80 is medium; just below each stays in the level under it.
    assert ninebox.by_thresholds([80, 110], 80, 110).tolist() == ["medium", "high"]
    assert ninebox.by_thresholds([79.999, 109.999], 80, 110).tolist() == ["low", "medium"]


def test_thresholds_agree_with_plain_comparisons_on_random_totals():
    values = np.random.default_rng(4).normal(95, 15, 2_000).round(1)
    expected = ["high" if v >= 110 else "medium" if v >= 80 else "low" for v in values]
    assert ninebox.by_thresholds(values, 80, 110).tolist() == expected


def test_missing_values_get_no_level_and_bad_thresholds_are_refused():
    assert ninebox.by_thresholds([np.nan], 80, 110).tolist() == [None]
    with pytest.raises(ValueError, match="high_from"):
        ninebox.by_thresholds([1], 110, 80)


def test_distribution_puts_the_top_and_bottom_fifth_apart_on_distinct_values():
    values = np.random.default_rng(5).permutation(np.arange(1_000)) / 10  # all distinct
    levels = pd.Series(ninebox.by_distribution(values, 0.2, 0.2))
    ranks = pd.Series(values).rank(method="first")
    assert (levels[ranks > 800] == "high").all() and (levels[ranks <= 200] == "low").all()
    assert levels.value_counts().to_dict() == {"medium": 600, "low": 200, "high": 200}


def test_people_tied_at_the_cut_are_resolved_in_their_favour():
    # Ten people; the top 20 % cut falls inside a tie at 8: both 8s are high. The bottom cut falls inside a
    # tie at 2: both 2s stay medium, so only the 1 is low.
    values = [1, 2, 2, 4, 5, 6, 7, 8, 8, 10]
    levels = ninebox.by_distribution(values, low=0.2, high=0.2).tolist()
    assert levels == ["low", "medium", "medium", "medium", "medium", "medium", "medium", "high", "high", "high"]


def test_distribution_shares_must_fit_in_one():
    with pytest.raises(ValueError, match="low, high"):
        ninebox.by_distribution([1, 2], 0.6, 0.5)


@pytest.mark.parametrize("number", range(1, 10))
def test_every_box_maps_to_its_levels_and_back(number):
    performance, ability = ninebox.levels_of(number)
    assert ninebox.box(performance, ability) == number


def test_the_seeds_boxes_carry_the_seeds_labels():
    # Seed 003's grid: 关键员工 is high ability and high performance, 失败者 low and low,
    # 能力强绩效差者 high ability with low performance.
    assert ninebox.BOXES[ninebox.box("high", "high")][1] == "关键员工"
    assert ninebox.BOXES[ninebox.box("low", "low")][1] == "失败者"
    assert ninebox.BOXES[ninebox.box("low", "high")][1] == "能力强绩效差者"
    assert ninebox.BOXES[ninebox.box("high", "low")][1] == "表现满意者"


def test_place_uses_both_axes_and_leaves_out_people_missing_one():
    people = pd.DataFrame({"employee_id": ["a", "b", "c", "d"], "performance": [115, 90, 70, np.nan],
                           "ability": [8.5, 4.0, 9.0, 7.0]})
    placed = ninebox.place(people).set_index("employee_id")
    assert placed["box"].to_dict() == {"a": 9, "b": 2, "c": 7}


def test_grid_counts_and_shares_add_up():
    boxes = np.random.default_rng(6).integers(1, 10, 500)
    g = ninebox.grid(boxes).set_index("box")
    assert g["count"].sum() == 500 and g["share"].sum() == pytest.approx(1)
    assert g.loc[5, "count"] == int((boxes == 5).sum())


def test_the_guideline_counts_people_over_the_cap_of_the_top_boxes():
    boxes = [9] * 15 + [8] * 5 + [6] * 5 + [5] * 75  # 25 of 100 in the top boxes, cap 20 %
    assert ninebox.guideline(boxes, 0.2) == {"share": 0.25, "allowed": 20, "actual": 25, "over": 5}


def test_transitions_count_people_present_in_both_reviews():
    before = pd.DataFrame({"employee_id": ["a", "b", "c", "x"], "box": [5, 5, 9, 1]})
    after = pd.DataFrame({"employee_id": ["a", "b", "c", "y"], "box": [6, 5, 9, 2]})
    matrix = ninebox.transitions(before, after)
    assert matrix.loc[5, 6] == 1 and matrix.loc[5, 5] == 1 and matrix.loc[9, 9] == 1
    assert matrix.to_numpy().sum() == 3
