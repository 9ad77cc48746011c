"""The nine-box page's reports, on the small demo company (300 people, seed 5).

Every figure is checked against a calculation made here from the raw rows with pandas (said per test).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hrcore import evaluation, ninebox, pay
from hrcore.demo import build_demo
from hrcore.reports import talent
from hrcore.store import Store


@pytest.fixture
def demo_copy(tmp_path) -> Store:
    store = Store(tmp_path / "hr.duckdb")
    build_demo(store, employees=300, seed=5)
    return store


def raw_inputs(db: Store) -> pd.DataFrame:
    """Active people's mean scored 2026Q3 card total (staff: July to September) and imported 2026 ability."""
    cards = db.query("SELECT owner_id AS employee_id, total_score FROM scorecards WHERE owner_type = 'employee' "
                     "AND status = 'scored' AND period IN ('2026-07', '2026-08', '2026-09', '2026Q3')")
    performance = cards.groupby("employee_id")["total_score"].mean().rename("p")
    ability = db.query("SELECT employee_id, score AS a FROM ability_assessments WHERE period = '2026'")
    active = db.query("SELECT employee_id, department_id, manager_id FROM employees WHERE status = 'active'")
    return active.merge(performance, on="employee_id").merge(ability, on="employee_id")


def compa_ratios(db: Store) -> pd.Series:
    """Compa-ratios in the structure in force, as the app's shared reader takes them."""
    force = pay.in_force(db, outliers=pay.market_outliers(evaluation.workbench(db)))
    return force.placement.people.set_index("employee_id")["compa_ratio"]


def placed(db: Store, **placing) -> talent.Review:
    """The unrecorded review of 2026 on the 2026Q3 cards and the imported 2026 assessments."""
    return talent.inputs(db, "2026", "2026Q3", "imported", "2026").placed(compa_ratios(db), **placing)


def level(value, cuts):
    return 0 if value < cuts[0] else 1 if value < cuts[1] else 2


def test_an_unrecorded_review_places_everyone_by_the_thresholds_as_plain_comparisons_do(demo):
    review = placed(demo)
    expected = {r.employee_id: level(r.a, (5, 8)) * 3 + level(r.p, (80, 110)) + 1
                for r in raw_inputs(demo).itertuples()}
    assert review.recorded == 0 and review.earlier == "2025"
    assert dict(zip(review.people["employee_id"], review.people["final"])) == expected


def test_a_person_exactly_at_a_threshold_is_placed_in_the_level_the_explanation_says_starts_there(demo):
    person = raw_inputs(demo).iloc[0]
    # The threshold set exactly at this person's performance, as the review reads it (the float it compares).
    cut = float(placed(demo).people.set_index("employee_id").at[person["employee_id"], "performance"])
    assert cut == pytest.approx(person["p"])
    review = placed(demo, performance_cuts=(cut, cut + 50))
    them = review.people.set_index("employee_id").loc[person["employee_id"]]
    assert them["performance_level"] == "medium"
    # The explanation on screen: medium holds values from the cut (inclusive) to below the next.
    performance_bands = dict((name, (start, below)) for name, start, below in review.bands[0])
    assert performance_bands["medium"] == (cut, cut + 50) and performance_bands["low"] == (None, cut)
    # And just under the cut: low.
    below = placed(demo, performance_cuts=(cut + 1e-6, cut + 50))
    assert below.people.set_index("employee_id").at[person["employee_id"], "performance_level"] == "low"


def test_the_filters_keep_the_department_and_manager_asked_and_the_grid_counts_them(demo):
    review = placed(demo)
    raw = raw_inputs(demo)
    department = raw["department_id"].value_counts().index[0]
    shown = talent.view(review, departments=(department,))
    assert set(shown.people["employee_id"]) == set(raw.loc[raw["department_id"] == department, "employee_id"])
    assert int(shown.counts["count"].sum()) == int((raw["department_id"] == department).sum())
    manager = raw["manager_id"].value_counts().index[0]
    assert set(talent.view(review, manager=manager).people["employee_id"]) == set(
        raw.loc[raw["manager_id"] == manager, "employee_id"])
    assert manager in set(review.managers["manager_id"])


def test_a_box_lists_its_people_best_performance_first_and_counts_them_all(demo):
    shown = talent.view(placed(demo))
    listed, n = shown.in_box(5, limit=3)
    # Recomputed: everyone in box 5, sorted by performance with pandas.
    expected = shown.people[shown.people["final"] == 5].sort_values("performance", ascending=False)
    assert n == len(expected) and listed["employee_id"].tolist() == expected["employee_id"].head(3).tolist()


def test_key_talent_below_midpoint_are_box_9_with_a_compa_ratio_under_1(demo):
    shown = talent.view(placed(demo))
    below, key = shown.key_talent_below_midpoint()
    # Recomputed: the box 9 ids, their compa-ratios looked up in the structure in force.
    nine = shown.people.loc[shown.people["final"] == 9, "employee_id"]
    ratios = compa_ratios(demo)
    assert key == len(nine) and key > 0
    assert set(below["employee_id"]) == {e for e in nine if e in ratios.index and ratios[e] < 1}
    assert below["cr"].is_monotonic_increasing


def test_a_recorded_review_fixes_its_source_and_periods(demo):
    setup = talent.setup(demo, "2025")
    recorded = demo.query("SELECT ability_source, ability_period, kpi_period, count(*) OVER () AS n "
                          "FROM talent_reviews WHERE period = '2025' LIMIT 1").iloc[0]
    assert setup.recorded == recorded["n"] and setup.source_fixed and setup.kpi_fixed
    assert setup.sources == (recorded["ability_source"],)
    assert setup.ability_periods[recorded["ability_source"]] == (recorded["ability_period"],)
    assert setup.kpi_periods == (recorded["kpi_period"],)
    fresh = talent.setup(demo, "2026")
    assert fresh.recorded == 0 and not fresh.source_fixed and fresh.earlier == "2025"
    # The competency total is offered for the 360 review's periods.
    assert fresh.ability_periods["competency"] == fresh.ability_periods["360"]


def test_the_headline_counts_the_latest_reviews_calibrated_boxes(demo_copy):
    db = demo_copy
    first = db.query("SELECT review_id, box FROM talent_reviews WHERE period = '2025' ORDER BY review_id LIMIT 1")
    ninebox.move(db, first["review_id"][0], 9 if first["box"][0] != 9 else 1, "Calibrated", "tester")
    head = talent.headline(db)
    # Recomputed from the raw rows with pandas: the greatest period, calibrated box where moved.
    rows = db.query("SELECT * FROM talent_reviews")
    latest = rows[rows["period"] == rows["period"].max()]
    expected = latest["calibrated_box"].fillna(latest["box"]).astype(int).value_counts()
    assert head.period == rows["period"].max() and head.people == len(latest)
    assert dict(zip(head.counts["box"], head.counts["count"])) == {b: int(expected.get(b, 0)) for b in range(1, 10)}
    assert head.key_talent == int(expected.get(9, 0))
    assert head.top_boxes == int(expected.reindex([6, 8, 9]).fillna(0).sum())


def test_the_moves_name_the_person_and_only_open_moves_can_be_undone(demo_copy):
    db = demo_copy
    row = db.query("SELECT review_id, employee_id, box FROM talent_reviews WHERE period = '2025' LIMIT 1").iloc[0]
    to = 9 if row["box"] != 9 else 1
    first = ninebox.move(db, row["review_id"], to, "Carried the plant move", "tester")
    moves = talent.moves(db, "2025")
    name = db.query("SELECT name_en FROM employees WHERE employee_id = ?", [row["employee_id"]])["name_en"][0]
    assert moves.log["name_en"].tolist() == [name] and moves.undoable == (first,)
    ninebox.undo(db, first, "tester")
    assert talent.moves(db, "2025").undoable == ()


def test_the_follow_up_plan_gives_each_person_the_boxs_default_action_owned_by_their_manager(demo_copy):
    db = demo_copy
    key = db.query("SELECT r.review_id, r.employee_id, e.manager_id FROM talent_reviews r JOIN employees e "
                   "USING (employee_id) WHERE r.period = '2025' AND coalesce(r.calibrated_box, r.box) = 9")
    plan = talent.follow_up(db, "2025", 9, tuple(key["review_id"])).plan
    assert len(plan) == len(key) and set(plan["kind"]) == {ninebox.DEFAULT_ACTION[9]}
    assert dict(zip(plan["employee_id"], plan["owner_id"])) == dict(zip(key["employee_id"], key["manager_id"]))
    assert plan["name_en"].notna().all()


def test_the_labels_offer_the_neutral_and_classic_wordings_and_the_companys_once_saved(fresh_db):
    found = talent.labels(fresh_db)
    assert found.wording == "neutral" and found.wordings == ("neutral", "classic")
    assert found.boxes.set_index("box").at[1, "label_en"] == ninebox.NEUTRAL_BOXES[1][0]
    assert talent.labels(fresh_db, "classic").boxes.set_index("box").at[1, "label_en"] == "Failing"
    own = found.boxes.assign(label_en=np.where(found.boxes["box"] == 9, "Stars", found.boxes["label_en"]))
    ninebox.save_box_labels(fresh_db, own)
    saved = talent.labels(fresh_db)
    assert saved.wording == "company" and saved.wordings[0] == "company"
    assert saved.boxes.set_index("box").at[9, "label_en"] == "Stars"
