"""The nine-box talent review, driven through Streamlit's AppTest.

Expected boxes are recomputed here with plain comparisons: thresholds inclusive upwards,
KPI total 80 / 110 and ability 5 / 8 by default.
"""

from __future__ import annotations

import pytest

from hrcore.store import open_store
from tests.app.conftest import app, open_tab

PAGE = "views/talent.py"


def expected_boxes(db, perf_cuts=(80, 110), ability_cuts=(5, 8)):
    # Performance over 2026Q3: the mean total of each person's scored cards within it (staff: July to September).
    people = db.query(
        "SELECT e.employee_id, c.p, a.score AS a FROM employees e "
        "JOIN (SELECT owner_id, avg(total_score) AS p FROM scorecards WHERE owner_type = 'employee' "
        "AND status = 'scored' AND period IN ('2026-07', '2026-08', '2026-09', '2026Q3') GROUP BY 1) c "
        "ON c.owner_id = e.employee_id "
        "JOIN ability_assessments a ON a.employee_id = e.employee_id AND a.period = '2026' WHERE e.status = 'active'")

    def level(value, cuts):
        return 0 if value < cuts[0] else 1 if value < cuts[1] else 2
    return {r.employee_id: level(r.a, ability_cuts) * 3 + level(r.p, perf_cuts) + 1 for r in people.itertuples()}


def started(demo_db):
    at = app(PAGE)
    at.text_input(key="tal_user").set_value("Zhou Min").run()
    next(b for b in at.button if b.label == "Start the review").click().run()
    assert not at.exception
    return at


def test_starting_the_review_records_everyone_in_the_box_the_thresholds_give(demo_db):
    at = started(demo_db)
    boxes = open_store(demo_db).query("SELECT employee_id, box, calibrated_box FROM talent_reviews "
                                      "WHERE period = '2026'")
    assert dict(zip(boxes["employee_id"], boxes["box"])) == expected_boxes(open_store(demo_db))
    assert (boxes["box"] == boxes["calibrated_box"]).all()
    assert "Review 2026 started" in at.success[0].value


def test_stricter_thresholds_change_the_grid(demo_db):
    at = app(PAGE)
    at.number_input(key="tal_p_high").set_value(100.0).run()
    expected = expected_boxes(open_store(demo_db), perf_cuts=(80, 100))
    key = sum(1 for b in expected.values() if b == 9)
    at.selectbox(key="tal_box").set_value(9).run()
    assert any(f"Key talent: {key} people" in m.value for m in at.markdown)


def test_a_move_without_a_reason_is_refused(demo_db):
    at = started(demo_db)
    db = open_store(demo_db)
    at.selectbox(key="tal_box").set_value(5).run()
    at.selectbox(key="tal_to").set_value(6).run()
    next(b for b in at.button if b.label == "Move").click().run()
    assert any("a calibration move needs a reason" in e.value for e in at.error)
    assert db.count("talent_moves") == 0
    assert (db.query("SELECT count(*) AS n FROM talent_reviews WHERE calibrated_box <> box")["n"][0]) == 0


def test_a_move_with_a_reason_is_recorded_and_can_be_undone(demo_db):
    at = started(demo_db)
    db = open_store(demo_db)
    at.selectbox(key="tal_box").set_value(5).run()
    who = at.selectbox(key="tal_who").value
    at.selectbox(key="tal_to").set_value(6).run()
    at.text_input(key="tal_reason").set_value("Carried the plant move in Q3").run()
    next(b for b in at.button if b.label == "Move").click().run()
    at = open_tab(at, "tal_tab", "Calibration")
    log = db.query("SELECT review_id, from_box, to_box, reason, moved_by FROM talent_moves")
    assert log.to_dict("records") == [{"review_id": who, "from_box": 5, "to_box": 6,
                                       "reason": "Carried the plant move in Q3", "moved_by": "Zhou Min"}]
    assert db.query("SELECT calibrated_box FROM talent_reviews WHERE review_id = ?", [who])["calibrated_box"][0] == 6
    assert any("Moves in this review (1)" in m.value for m in at.markdown)
    next(b for b in at.button if b.label == "Undo").click().run()
    assert db.query("SELECT calibrated_box FROM talent_reviews WHERE review_id = ?", [who])["calibrated_box"][0] == 5
    assert db.query("SELECT undone_by FROM talent_moves")["undone_by"][0] == "Zhou Min"


def test_movement_against_last_years_review_is_shown(demo_db):
    at = open_tab(started(demo_db), "tal_tab", "Movement")
    assert any("From the 2025 review (rows) to 2026 (columns)" in m.value for m in at.markdown)


def test_the_page_speaks_chinese(demo_db):
    at = app(PAGE, lang="zh")
    assert at.title[0].value == "九宫格人才盘点"


def test_a_box_lists_all_its_people_best_performance_first(demo_db):
    expected = expected_boxes(open_store(demo_db))
    at = app(PAGE)
    at.selectbox(key="tal_box").set_value(5).run()
    listed = next(d.value for d in at.dataframe if "performance" in d.value.columns)
    assert set(listed["employee_id"]) == {e for e, box in expected.items() if box == 5}
    assert listed["performance"].is_monotonic_decreasing
    top = sum(1 for box in expected.values() if box == 9)
    at = open_tab(at, "tal_tab", "Follow-up")
    assert any(m.value.startswith("**Key talent paid below midpoint: ") and m.value.endswith(f" of {top}**")
               for m in at.markdown)
