"""The nine-box talent review, driven through Streamlit's AppTest.

Expected boxes are recomputed here with plain comparisons: thresholds inclusive upwards,
KPI total 80 / 110 and ability 5 / 8 by default.
"""

from __future__ import annotations

import pytest

from hrcore.demo import personas
from hrcore.store import open_store
from tests.app.conftest import app, open_tab
from tests.app.test_downloads import media  # noqa: F401 - the fixture that keeps download files

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


def test_a_move_without_a_reason_is_refused_in_chinese_on_a_chinese_page(demo_db):
    started(demo_db)  # the review, started in English; the calibration below on the Chinese page
    at = app(PAGE, lang="zh")
    at.selectbox(key="tal_box").set_value(5).run()
    at.selectbox(key="tal_to").set_value(6).run()
    next(b for b in at.button if b.label == "调整").click().run()
    # problem.talent_reason_needed after the Chinese label of its field, in talent.move_refused.
    assert [e.value for e in at.error] == ["未调整：理由：校准调整必须填写理由"]
    assert open_store(demo_db).count("talent_moves") == 0


def test_a_move_with_a_reason_is_recorded_and_can_be_undone(demo_db):
    at = started(demo_db)
    db = open_store(demo_db)
    at.selectbox(key="tal_box").set_value(5).run()
    who = at.selectbox(key="tal_who").value
    at.selectbox(key="tal_to").set_value(6).run()
    at.text_input(key="tal_reason").set_value("Carried the plant move in Q3").run()
    next(b for b in at.button if b.label == "Move").click().run()
    assert at.text_input(key="tal_reason").value == ""  # cleared for the next move
    at = open_tab(at, "tal_tab", "Calibration")
    log = db.query("SELECT review_id, from_box, to_box, reason, moved_by FROM talent_moves")
    assert log.to_dict("records") == [{"review_id": who, "from_box": 5, "to_box": 6,
                                       "reason": "Carried the plant move in Q3",
                                       "moved_by": personas(db)["hr_director"].user.label}]  # the demo's visitor
    assert db.query("SELECT calibrated_box FROM talent_reviews WHERE review_id = ?", [who])["calibrated_box"][0] == 6
    assert any("Moves in this review (1)" in m.value for m in at.markdown)
    next(b for b in at.button if b.label == "Undo").click().run()
    assert db.query("SELECT calibrated_box FROM talent_reviews WHERE review_id = ?", [who])["calibrated_box"][0] == 5
    assert db.query("SELECT undone_by FROM talent_moves")["undone_by"][0] == personas(db)["hr_director"].user.label


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
    # People by name (their ids are in the export), the same people as the box holds.
    names = open_store(demo_db).query("SELECT employee_id, name_en FROM employees").set_index("employee_id")["name_en"]
    assert sorted(listed["name"]) == sorted(names[e] for e, box in expected.items() if box == 5)
    assert "employee_id" not in listed.columns
    assert listed["performance"].is_monotonic_decreasing
    top = sum(1 for box in expected.values() if box == 9)
    at = open_tab(at, "tal_tab", "Follow-up")
    assert any(m.value.startswith("**Key talent paid below midpoint: ") and m.value.endswith(f" of {top}**")
               for m in at.markdown)


def boxes_from_360(db, period="2026", perf_cuts=(80, 110), ability_cuts=(5, 8)):
    """Boxes with the ability of the competency page's own review: all raters but self, mean over the 9-element
    model's items (every rated manager's model: their target profile's items), nobody on fewer than 4 raters."""
    from hrcore import competency

    data = competency.load_review(db, period, "mgmt9")
    ability = competency.review(data.ratings, data.items).people.set_index("ratee_id")["others"].dropna()
    cards = db.query("SELECT owner_id, total_score FROM scorecards WHERE period = '2026Q3' AND status = 'scored' "
                     "AND owner_type = 'employee'").set_index("owner_id")["total_score"]

    def level(value, cuts):
        return 0 if value < cuts[0] else 1 if value < cuts[1] else 2
    return {e: level(a, ability_cuts) * 3 + level(cards[e], perf_cuts) + 1 for e, a in ability.items()
            if e in cards.index}


def test_without_an_ability_import_the_grid_comes_from_the_360_review(demo_db):
    db = open_store(demo_db)
    with db.transaction() as cur:
        cur.execute("DELETE FROM ability_assessments")
    at = app(PAGE)
    assert at.selectbox(key="tal_source").value == "360"
    assert at.selectbox(key="tal_source").options == ["360-degree review (all raters but self)",
                                                      "Competency review total against the target profile"]
    assert any(c.value.startswith("Ability: 360-degree review (all raters but self), 2026. ") for c in at.caption)
    next(b for b in at.button if b.label == "Start the review").click().run()
    assert not at.exception
    recorded = open_store(demo_db).query("SELECT employee_id, box, ability_source, ability_period FROM talent_reviews "
                                         "WHERE period = '2026'")
    expected = boxes_from_360(open_store(demo_db))
    assert len(expected) >= 20  # the managers rated by at least 4 people besides themselves
    assert dict(zip(recorded["employee_id"], recorded["box"])) == expected
    assert set(zip(recorded["ability_source"], recorded["ability_period"])) == {("360", "2026")}
    # The KPI period chosen (the latest quarter, the page's default) is kept with it and then fixed on the page.
    assert set(open_store(demo_db).query("SELECT kpi_period FROM talent_reviews WHERE period = '2026'")[
        "kpi_period"]) == {at.selectbox(key="tal_kpi_recorded").value}
    assert at.selectbox(key="tal_kpi_recorded").disabled


def test_the_caption_counts_who_has_no_ability_and_why(demo_db):
    db = open_store(demo_db)
    active = int(db.query("SELECT count(*) AS n FROM employees WHERE status = 'active'")["n"][0])
    rated = set(db.query("SELECT DISTINCT ratee_id FROM ratings_360 WHERE period = '2026'")["ratee_id"])
    at = app(PAGE)
    at.selectbox(key="tal_source").set_value("360").run()
    # Every rated manager of the demo has 6 or 7 raters besides self: the others are simply not rated.
    assert any(c.value == f"Ability: 360-degree review (all raters but self), 2026. {active - len(rated)} active "
               f"people have no ability value and are not placed: {active - len(rated)} not rated in the 360 review."
               for c in at.caption), [c.value for c in at.caption]
    assert at.selectbox(key="tal_ability_360").options == ["2026", "2025"]


def test_last_years_review_shows_the_360_source_it_was_recorded_with(demo_db):
    at = app(PAGE)
    at.text_input(key="tal_period").set_value("2025").run()
    assert not at.exception
    source = at.selectbox(key="tal_source_recorded")
    assert source.disabled and source.value == "360"
    assert at.selectbox(key="tal_ability_recorded").value == "2025"
    # Its boxes are on record: the placement settings, which would change nothing, are fixed too.
    assert at.number_input(key="tal_p_med").disabled and at.radio(key="tal_method").disabled
    assert any(c.value.startswith("Ability: 360-degree review (all raters but self), 2025.") for c in at.caption)
    recorded = open_store(demo_db).count("talent_reviews")
    assert any(f"Review 2025 on record for {recorded} people" in c.value for c in at.caption)


def test_the_ability_source_is_offered_in_chinese(demo_db):
    at = app(PAGE, lang="zh")
    assert at.selectbox(key="tal_source").options == ["导入的能力评估", "360度评估（他评）", "素质评估总分（对照目标素质画像）"]


def test_the_exported_grid_says_where_each_ability_came_from(demo_db, media):
    import io

    import pandas as pd

    from tests.app.test_downloads import offered

    at = app(PAGE)
    at.text_input(key="tal_period").set_value("2025").run()
    # The recorded review's KPI period, the year, is fixed with it: every person recorded is in the grid.
    kpi = at.selectbox(key="tal_kpi_recorded")
    assert kpi.disabled and kpi.value == "2025"
    at = open_tab(at, "tal_tab", "Labels and export")
    grid = pd.read_excel(io.BytesIO(offered(at, media)["Export the grid and moves to Excel"]), sheet_name="Grid")
    assert len(grid) == open_store(demo_db).count("talent_reviews")
    assert set(grid["ability_source"].astype(str)) == {"360"}  # Excel reads the code back as a number
    assert set(grid["ability_period"].astype(str)) == {"2025"}


def test_the_labels_read_neutral_with_the_classic_wording_a_choice_away(demo_db):
    at = app(PAGE)
    box = at.selectbox(key="tal_box")
    assert box.options[-1] == "1 · Needs significant improvement"
    at.selectbox(key="tal_wording").set_value("classic").run()
    assert at.selectbox(key="tal_box").options[-1] == "1 · Failing"


def test_the_page_shows_the_latest_reviews_counts_as_the_overview_reads_them(demo_db):
    from hrcore.reports import talent

    head = talent.headline(open_store(demo_db))
    at = app(PAGE)
    assert any(c.value == f"Latest review on record, {head.period}: {head.people} people; {head.top_boxes} in the top "
               f"boxes, {head.key_talent} key talent." for c in at.caption), [c.value for c in at.caption]


def test_the_threshold_explanation_says_where_each_level_starts(demo_db):
    at = app(PAGE)
    at.number_input(key="tal_p_med").set_value(85.0).run()
    assert any("Performance — low: under 85 · medium: 85 to under 110 · high: 110 and above." in c.value
               for c in at.caption)


def test_the_manager_filter_picks_a_manager_by_name(demo_db):
    at = app(PAGE)
    manager = at.selectbox(key="tal_manager")
    db = open_store(demo_db)
    first = manager.options[0]
    assert first in set(db.query("SELECT name_en FROM employees")["name_en"])
    manager.set_value(manager.options[0] and next(iter(
        db.query("SELECT employee_id FROM employees WHERE name_en = ?", [first])["employee_id"]))).run()
    assert not at.exception


def test_a_person_moved_by_someone_else_meanwhile_is_not_moved_again(demo_db):
    from hrcore import ninebox

    at = started(demo_db)
    at.selectbox(key="tal_box").set_value(5).run()
    who = at.selectbox(key="tal_who").value
    at.selectbox(key="tal_to").set_value(6).run()
    at.text_input(key="tal_reason").set_value("Carried the plant move in Q3").run()
    ninebox.move(open_store(demo_db), who, 4, "Agreed in the other session", "Colleague")  # while this page is open
    next(b for b in at.button if b.label == "Move").click().run()
    assert any(e.value.startswith("Not moved: the person you picked was moved out of this box") for e in at.error)
    log = open_store(demo_db).query("SELECT to_box, moved_by FROM talent_moves")
    assert log.to_dict("records") == [{"to_box": 4, "moved_by": "Colleague"}]
    assert at.text_input(key="tal_reason").value == "Carried the plant move in Q3"  # kept, to try again
    # The picker no longer offers them, and says why.
    assert at.selectbox(key="tal_who").value != who
    assert any("is no longer in this box: someone else moved them" in w.value for w in at.warning)
