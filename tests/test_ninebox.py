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


# ---------------------------------------------------------------------------
# A review in the database
# ---------------------------------------------------------------------------

@pytest.fixture
def reviewed(fresh_db):
    placed = pd.DataFrame({"employee_id": ["a", "b", "c"], "performance_level": ["high", "medium", "low"],
                           "ability_level": ["high", "medium", "low"], "box": [9, 5, 1]})
    ninebox.start_review(fresh_db, "2026", placed)
    return fresh_db


def test_a_review_is_recorded_once_with_every_placement(reviewed):
    assert ninebox.review(reviewed, "2026")[["employee_id", "box", "calibrated_box"]].values.tolist() == [
        ["a", 9, 9], ["b", 5, 5], ["c", 1, 1]]
    with pytest.raises(ValueError, match="exists already"):
        ninebox.start_review(reviewed, "2026", pd.DataFrame({"employee_id": ["d"], "performance_level": ["low"],
                                                             "ability_level": ["low"], "box": [1]}))


def test_a_move_without_a_reason_is_refused_and_changes_nothing(reviewed):
    version = reviewed.data_version()
    with pytest.raises(ValueError, match="reason"):
        ninebox.move(reviewed, "2026-b", 6, "   ", "hr")
    assert reviewed.data_version() == version and ninebox.moves(reviewed, "2026").empty


def test_a_move_is_recorded_with_who_from_to_and_why_and_can_be_undone(reviewed):
    first = ninebox.move(reviewed, "2026-b", 6, "Led the ERP roll-out", "Li Na")
    second = ninebox.move(reviewed, "2026-b", 8, "Committee: potential", "Wang Fang")
    log = ninebox.moves(reviewed, "2026")
    assert log[["move_id", "from_box", "to_box", "moved_by"]].values.tolist() == [
        [second, 6, 8, "Wang Fang"], [first, 5, 6, "Li Na"]]
    with pytest.raises(ValueError, match="later move first"):
        ninebox.undo(reviewed, first, "hr")
    ninebox.undo(reviewed, second, "hr")
    row = ninebox.review(reviewed, "2026").set_index("employee_id").loc["b"]
    assert row["calibrated_box"] == 6 and row["box"] == 5  # the original placement is never overwritten
    assert ninebox.moves(reviewed, "2026").set_index("move_id").at[second, "undone_by"] == "hr"


def test_labels_are_the_neutral_wording_until_the_company_saves_its_own(fresh_db):
    labels = ninebox.box_labels(fresh_db)
    assert labels.set_index("box").at[1, "label_en"] == "Needs significant improvement"
    assert ninebox.box_labels(fresh_db, "classic").set_index("box").at[1, "label_en"] == "Failing"
    labels.loc[labels["box"] == 9, "label_en"] = "Stars"
    ninebox.save_box_labels(fresh_db, labels)
    assert ninebox.box_labels(fresh_db).set_index("box").at[9, "label_en"] == "Stars"
    assert ninebox.box_labels(fresh_db, "neutral").set_index("box").at[9, "label_en"] == "Key talent"
    with pytest.raises(ValueError, match="1 to 9"):
        ninebox.save_box_labels(fresh_db, labels.head(8))


def test_a_recorded_review_shows_its_calibrated_boxes_whatever_the_thresholds():
    people = pd.DataFrame({"employee_id": ["a", "b", "c"], "performance": [120.0, 90.0, None],
                           "ability": [9.0, 6.0, 7.0]})
    # Not recorded yet: placed now, as start_review would record them (c has no KPI total: not placed).
    preview = ninebox.review_grid(people, pd.DataFrame(), performance_cuts=(80.0, 110.0))
    assert preview[["employee_id", "final"]].values.tolist() == [["a", 9], ["b", 5]]
    stricter = ninebox.review_grid(people, pd.DataFrame(), performance_cuts=(80.0, 130.0))
    assert stricter["final"].tolist() == [8, 5]
    # Recorded, and a calibrated: the recorded boxes stand, whatever the thresholds now say.
    recorded = pd.DataFrame({"employee_id": ["a", "b"], "review_id": ["R-a", "R-b"], "box": [9, 5],
                             "calibrated_box": [6, None], "performance_level": ["high", "medium"],
                             "ability_level": ["high", "medium"]})
    shown = ninebox.review_grid(people, recorded, performance_cuts=(80.0, 130.0))
    assert shown[["review_id", "final"]].values.tolist() == [["R-a", 6], ["R-b", 5]]


# ---------------------------------------------------------------------------
# The ability axis from the product's own assessments (DOMAIN.md §5: imported, 360 or competency total)
# ---------------------------------------------------------------------------

def _rating_rows(ratee, raters_by_item):
    """ratings_360 rows of one ratee: ``{item: [(rater, group, score), ...]}``."""
    return [{"period": "2026", "ratee_id": ratee, "rater_id": rater, "rater_group": group, "item_id": item,
             "score": float(score)}
            for item, raters in raters_by_item.items() for rater, group, score in raters]


@pytest.fixture
def rated(fresh_db):
    """Four active people on a two-item model; M1 and M2 hold a manager job with targets 8 and 6, S1 a staff job
    without a target profile, N1 is not rated.  Default group weights: superior 0.4, peer 0.3, subordinate 0.2."""
    people = ["M1", "M2", "S1", "N1", "B", "P1", "P2", "P3", "U1"]
    fresh_db.upsert("employees", pd.DataFrame({
        "employee_id": people, "status": "active", "hire_date": pd.Timestamp("2020-01-01"),
        "job_id": ["MGR", "MGR", "STAFF", "STAFF", "MGR", "MGR", "MGR", "MGR", "STAFF"]}))
    fresh_db.upsert("comp_models", pd.DataFrame({"model_id": ["m"], "name_en": ["Model"]}))
    fresh_db.upsert("comp_items", pd.DataFrame({"item_id": ["i1", "i2"], "model_id": "m", "name_en": ["One", "Two"]}))
    fresh_db.upsert("comp_targets", pd.DataFrame({"job_id": "MGR", "level": 1, "item_id": ["i1", "i2"],
                                                  "target_score": [8.0, 6.0]}))
    rows = (
        # M1: superior 8, peers 7 7 6, one subordinate 9, self 10 on i1; superior 6, peers 8 8 8, subordinate 6,
        # self 10 on i2: five raters besides self.
        _rating_rows("M1", {"i1": [("M1", "self", 10), ("B", "superior", 8), ("P1", "peer", 7), ("P2", "peer", 7),
                                   ("P3", "peer", 6), ("U1", "subordinate", 9)],
                            "i2": [("M1", "self", 10), ("B", "superior", 6), ("P1", "peer", 8), ("P2", "peer", 8),
                                   ("P3", "peer", 8), ("U1", "subordinate", 6)]})
        # M2: superior 8, two peers 7 and 7, self 9: three raters besides self, fewer than the four the rule asks.
        + _rating_rows("M2", {i: [("M2", "self", 9), ("B", "superior", 8), ("P1", "peer", 7), ("P2", "peer", 7)]
                              for i in ("i1", "i2")})
        # S1: superior 7, peers 6 6 6, self 8 on both items; a staff job with no target profile.
        + _rating_rows("S1", {i: [("S1", "self", 8), ("B", "superior", 7), ("P1", "peer", 6), ("P2", "peer", 6),
                                  ("P3", "peer", 6)] for i in ("i1", "i2")}))
    fresh_db.upsert("ratings_360", pd.DataFrame(rows))
    fresh_db.upsert("ability_assessments", pd.DataFrame({"period": "2026", "employee_id": ["M1"], "score": [4.0]}))
    return fresh_db


# Worked by hand, DOMAIN.md §6 (group means weighted 0.4 / 0.3 / 0.2, "other" absent so scaled by 1 / 0.9):
# M1 i1: (0.4·8 + 0.3·(7+7+6)/3 + 0.2·9) / 0.9 = 7 / 0.9 = 7.777…; i2: (0.4·6 + 0.3·8 + 0.2·6) / 0.9 = 6.666…
M1_ITEMS = (7 / 0.9, 6 / 0.9)
M1_360 = (7 / 0.9 + 6 / 0.9) / 2  # 7.2222…
# Against targets 8 and 6: 10 × (min(7.78, 8) + min(6.67, 6)) / (8 + 6) = 10 × (7.777… + 6) / 14 = 9.8413…
M1_COMPETENCY = 10 * (7 / 0.9 + 6) / 14
S1_360 = (0.4 * 7 + 0.3 * 6) / 0.7  # superior and peers only, scaled by 1 / 0.7: 6.5714…


def test_the_360_ability_is_the_mean_over_the_items_of_all_raters_but_self(rated):
    found = ninebox.abilities(rated, "360", "2026").set_index("employee_id")
    assert found.at["M1", "ability"] == pytest.approx(M1_360, abs=1e-9)
    assert found.at["S1", "ability"] == pytest.approx(S1_360, abs=1e-9)
    # M2's figure would rest on three raters besides self: no ability, and the reason says so.
    assert np.isnan(found.at["M2", "ability"]) and found.at["M2", "reason"] == "too_few_raters"


def test_the_competency_total_is_the_share_of_the_target_profile_reached(rated):
    found = ninebox.abilities(rated, "competency", "2026").set_index("employee_id")
    assert found.at["M1", "ability"] == pytest.approx(M1_COMPETENCY, abs=1e-9)
    # S1's job has no target profile: no total; M2 still has too few raters.
    assert found.at["S1", "reason"] == "no_target" and np.isnan(found.at["S1", "ability"])
    assert found.at["M2", "reason"] == "too_few_raters"


def test_review_people_takes_the_ability_from_the_chosen_source_and_says_why_it_is_missing(rated):
    by_360 = ninebox.review_people(rated, "2026Q1", "2026", "360").set_index("employee_id")
    assert by_360.at["M1", "ability"] == pytest.approx(M1_360, abs=1e-9)
    assert by_360["ability_missing"].to_dict() == {
        "M1": None, "M2": "too_few_raters", "S1": None, "N1": "not_rated", "B": "not_rated", "P1": "not_rated",
        "P2": "not_rated", "P3": "not_rated", "U1": "not_rated"}
    assert ninebox.missing_ability(by_360.reset_index()) == {"not_rated": 6, "too_few_raters": 1}
    # The imported assessment of the same period is another figure altogether: M1's 4.
    imported = ninebox.review_people(rated, "2026Q1", "2026").set_index("employee_id")
    assert imported.at["M1", "ability"] == 4.0 and imported.at["S1", "ability_missing"] == "not_assessed"
    assert ninebox.ability_periods(rated, "360") == ["2026"] == ninebox.ability_periods(rated, "imported")


def test_an_unknown_ability_source_is_refused_by_name(rated):
    with pytest.raises(ValueError, match="ability_source"):
        ninebox.review_people(rated, "2026Q1", "2026", "survey")


def test_a_review_records_where_its_ability_came_from(rated):
    placed = pd.DataFrame({"employee_id": ["M1"], "performance_level": ["high"], "ability_level": ["medium"],
                           "box": [6]})
    ninebox.start_review(rated, "2026", placed, ability_source="360", ability_period="2026", kpi_period="2026Q1")
    assert ninebox.review_source(rated, "2026") == ("360", "2026")
    assert ninebox.review_kpi_period(rated, "2026") == "2026Q1"  # the performance axis's period, kept alike
    assert ninebox.review(rated, "2026")[["ability_source", "ability_period"]].values.tolist() == [["360", "2026"]]
    assert ninebox.review_source(rated, "2027") is None


def test_a_review_recorded_without_a_source_reads_as_imported(fresh_db):
    # As a review recorded before the source was kept (migration 013): no source or period given.
    fresh_db.upsert("talent_reviews", pd.DataFrame({
        "review_id": ["2025-a"], "period": "2025", "employee_id": "a", "performance_level": "low",
        "ability_level": "low", "box": [1]}))
    assert ninebox.review_source(fresh_db, "2025") == ("imported", None)
    assert ninebox.review_kpi_period(fresh_db, "2025") is None and ninebox.review_kpi_period(fresh_db, "2024") is None


def test_an_analyst_who_may_not_see_raters_reads_the_same_360_ability(rated):
    from hrcore.access import User

    analyst = rated.as_user(User("ana", "hr_analyst"))
    assert "rater_id" not in analyst.query("SELECT * FROM ratings_360 LIMIT 0").columns  # the review's figures only
    found = ninebox.abilities(analyst, "360", "2026").set_index("employee_id")
    assert found.at["M1", "ability"] == pytest.approx(M1_360, abs=1e-9)
    assert found.at["M2", "reason"] == "too_few_raters"


def test_the_360_ability_reads_each_person_on_the_model_of_their_target_profile(rated):
    # A second model, "lead", of one item: M1 is also rated 10 on it by everyone, and the manager job has a
    # target there too; the two-item model holds more of the profile, so M1 stays on it.  S1 (no target
    # profile) is rated on "lead" by fewer rows than on the first model: the model rated most counts.
    rated.upsert("comp_models", pd.DataFrame({"model_id": ["lead"], "name_en": ["Lead"]}))
    rated.upsert("comp_items", pd.DataFrame({"item_id": ["l1"], "model_id": "lead", "name_en": ["Lead one"]}))
    rated.upsert("comp_targets", pd.DataFrame({"job_id": ["MGR"], "level": 1, "item_id": ["l1"],
                                               "target_score": [7.0]}))
    raters = [("B", "superior"), ("P1", "peer"), ("P2", "peer"), ("P3", "peer"), ("U1", "subordinate")]
    rows = _rating_rows("M1", {"l1": [(r, g, 10) for r, g in raters]})
    rows += _rating_rows("S1", {"l1": [(r, g, 10) for r, g in raters[:4]]})
    rated.upsert("ratings_360", pd.DataFrame(rows))
    found = ninebox.abilities(rated, "360", "2026").set_index("employee_id")
    assert found.at["M1", "ability"] == pytest.approx(M1_360, abs=1e-9)
    assert found.at["S1", "ability"] == pytest.approx(S1_360, abs=1e-9)


def test_calibration_refusals_read_in_chinese_with_their_values(reviewed):
    from datetime import datetime

    from hrcore.errors import problem_text
    from hrcore.store import ConflictError

    with pytest.raises(ValueError, match="a review of 2026 exists already") as again:
        ninebox.start_review(reviewed, "2026", pd.DataFrame({"employee_id": ["d"], "performance_level": ["low"],
                                                             "ability_level": ["low"], "box": [1]}))
    ninebox.move(reviewed, "2026-b", 6, "Led the ERP roll-out", "Li Na", when=datetime(2026, 11, 3, 9, 30))
    # Someone still looking at box 5 moves b: refused, naming who moved b where and when.
    with pytest.raises(ConflictError, match="moved to box 6 by Li Na at 2026-11-03 09:30") as meanwhile:
        ninebox.move(reviewed, "2026-b", 8, "Committee: potential", "Wang Fang", from_box=5)
    assert [problem_text(e.value, "zh") for e in (again, meanwhile)] == [
        "期间：2026 的人才盘点已存在；请在其中进行校准",
        "盘点记录：b 在您查看后已由 Li Na 于 2026-11-03 09:30 调整到第 6 格；本次未作更改"]
