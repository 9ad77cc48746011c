"""The KPI scorecard page, driven through Streamlit's AppTest.

Expected scores are recomputed here by hand: seed 003's linear rule, 100 ± 5 points per percentage point
of achievement, clipped to 0-150.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pytest

from hrcore.demo import personas
from hrcore.store import open_store
from tests.app.conftest import app, open_tab
from tests.app.test_downloads import media  # noqa: F401 (a fixture)

PAGE = "views/kpi.py"
CARD_NUMBER = re.compile(r"\d{4}(-\d{2}|Q\d|-H\d)?-[A-Z]")
"""A card's number as hrcore.kpi.new_card makes it (period, then the owner's id): never what a person reads."""
LATEST = "2026-09"
"""The period the page opens on: the demo's latest month (staff are appraised monthly), where a few cards are
still drafts."""


def open_card(db, missing_actual: bool = True) -> tuple[str, str, object]:
    """A draft employee card of the latest month (one missing an actual, or a complete one) and its department."""
    cards = db.query(
        "SELECT c.scorecard_id, e.department_id, count(*) FILTER (WHERE l.actual IS NULL) AS missing "
        "FROM scorecards c JOIN employees e ON e.employee_id = c.owner_id JOIN scorecard_lines l USING (scorecard_id) "
        "WHERE c.status = 'draft' AND c.owner_type = 'employee' AND c.period = ? GROUP BY ALL ORDER BY c.scorecard_id",
        [LATEST])
    row = cards[(cards["missing"] > 0) == missing_actual].iloc[0]
    lines = db.query("SELECT l.*, k.higher_is_better, coalesce(k.bounded_share, false) AS bounded_share "
                     "FROM scorecard_lines l JOIN kpi_indicators k USING (indicator_id) "
                     "WHERE scorecard_id = ? ORDER BY weight DESC, indicator_id", [row["scorecard_id"]])
    return row["scorecard_id"], row["department_id"], lines


def show(at, department: str, scorecard_id: str):
    at.selectbox(key="kpi_dept").set_value(department).run()
    at.selectbox(key="kpi_card").set_value(scorecard_id).run()
    assert not at.exception
    return at


def seed_score(actual, target, higher) -> float:
    achievement = actual / target if higher else target / actual
    return float(np.clip(100 + 5 * (achievement - 1) * 100, 0, 150))


def line_scores(at) -> list[float]:
    table = next(d.value for d in at.dataframe if {"weighted", "score"} <= set(d.value.columns))
    return table["score"].tolist()


def total(at) -> str:
    return next(m.value for m in at.metric if m.label == "Total score")


def test_entering_an_actual_scores_the_line_and_moves_the_total(demo_db):
    db = open_store(demo_db)
    scorecard_id, department, lines = open_card(db)
    at = show(app(PAGE), department, scorecard_id)
    row = int(np.flatnonzero(lines["actual"].isna())[0])
    assert np.isnan(line_scores(at)[row])
    assert any("the actual is missing" in e.value for e in at.error)
    before = total(at)

    line = lines.iloc[row]
    actual = round(float(line["target"]) * 1.04, 2)  # 4 % over target
    at.session_state[f"kpi_lines_{scorecard_id}"] = {"edited_rows": {row: {"actual": actual}}, "added_rows": [],
                                                      "deleted_rows": []}
    at.run()
    expected = seed_score(actual, float(line["target"]), bool(line["higher_is_better"]))
    assert line_scores(at)[row] == pytest.approx(expected)
    scores = [seed_score(a, t, h) for a, t, h in zip(lines["actual"].fillna(actual), lines["target"],
                                                       lines["higher_is_better"])]
    assert total(at) == f"{float(np.dot(lines['weight'], scores)):.1f}" != before
    assert not any("missing" in e.value for e in at.error)

    next(b for b in at.button if b.label == "Score the card").click().run()
    card = db.query("SELECT status, total_score, rating FROM scorecards WHERE scorecard_id = ?", [scorecard_id])
    assert card["status"][0] == "scored"
    assert card["total_score"][0] == pytest.approx(float(np.dot(lines["weight"], scores)))
    assert "Card scored" in at.success[0].value


def test_a_card_whose_weights_add_up_to_90_percent_is_refused(demo_db):
    db = open_store(demo_db)
    scorecard_id, department, lines = open_card(db, missing_actual=False)
    at = show(app(PAGE), department, scorecard_id)
    first = float(lines["weight"].iloc[0]) * 100
    at.session_state[f"kpi_lines_{scorecard_id}"] = {"edited_rows": {0: {"weight": first - 10}}, "added_rows": [],
                                                      "deleted_rows": []}
    at.run()
    assert any("Weights add up to 90.0%, not 100 %" in e.value for e in at.error)
    before = db.query("SELECT weight FROM scorecard_lines WHERE scorecard_id = ? ORDER BY indicator_id",
                      [scorecard_id])
    next(b for b in at.button if b.label == "Save draft").click().run()
    assert any(e.value == "Refused: the card has problems: weights do not add up to 100 %." for e in at.error)
    after = db.query("SELECT weight FROM scorecard_lines WHERE scorecard_id = ? ORDER BY indicator_id",
                     [scorecard_id])
    assert before.equals(after)


def test_the_data_check_lists_missing_actuals_and_scores_only_clean_cards(demo_db):
    db = open_store(demo_db)
    drafts = db.query("SELECT c.scorecard_id, count(*) FILTER (WHERE l.actual IS NULL) AS missing FROM scorecards c "
                      "JOIN scorecard_lines l USING (scorecard_id) WHERE c.status = 'draft' AND c.period = ? "
                      "GROUP BY ALL", [LATEST])
    others = db.query("SELECT scorecard_id FROM scorecards WHERE status = 'draft' AND period <> ?", [LATEST])
    blocked = int((drafts["missing"] > 0).sum())
    at = open_tab(app(PAGE), "kpi_tab", "Data check")
    shown = {m.label: m.value for m in at.metric}
    assert shown["Not yet scored"] == str(len(drafts))
    assert shown["Blocked by the check"] == str(blocked) and blocked > 0
    next(b for b in at.button if b.label.startswith("Score the ")).click().run()
    left = db.query("SELECT scorecard_id FROM scorecards WHERE status = 'draft'")["scorecard_id"]
    assert set(left) == set(drafts.loc[drafts["missing"] > 0, "scorecard_id"]) | set(others["scorecard_id"])
    assert not any("appraisal cycle" in w.value for w in at.warning)  # the demo's cards are on their cycles
    assert f"{len(drafts) - blocked} cards scored; {blocked} still blocked." in at.success[0].value


def test_notes_of_the_feedback_talk_are_kept_on_a_scored_card(demo_db):
    db = open_store(demo_db)
    card = db.query("SELECT c.scorecard_id, e.department_id FROM scorecards c JOIN employees e "
                    "ON e.employee_id = c.owner_id WHERE c.status = 'scored' AND c.period = ? "
                    "ORDER BY c.scorecard_id LIMIT 1", [LATEST]).iloc[0]
    at = show(app(PAGE), card["department_id"], card["scorecard_id"])
    at.text_area(key=f"kpi_feedback_{card['scorecard_id']}").input("Strong quarter; keep the defect trend down.")
    at.text_area(key=f"kpi_plan_{card['scorecard_id']}").input("Pair reviews every sprint, by 2026-12-31.")
    next(b for b in at.button if b.label == "Save the notes").click().run()
    saved = db.query("SELECT feedback, improvement_plan, status FROM scorecards WHERE scorecard_id = ?",
                     [card["scorecard_id"]]).iloc[0]
    assert saved.tolist() == ["Strong quarter; keep the defect trend down.",
                              "Pair reviews every sprint, by 2026-12-31.", "scored"]


def test_the_page_speaks_chinese(demo_db):
    at = app(PAGE, lang="zh")
    assert at.title[0].value == "KPI 绩效考核"
    assert {"总分", "考核等级"} <= {m.label for m in at.metric}


def test_the_merit_matrix_prices_raises_by_rating_and_compa_ratio(demo_db):
    from hrcore.i18n import money

    db = open_store(demo_db)
    people = db.query(
        "SELECT e.employee_id, e.base_pay, e.base_pay / g.fixed_mid AS cr, c.rating FROM employees e "
        "JOIN jobs j USING (job_id) JOIN pay_grades g ON g.structure_id = 'current' AND g.grade = j.grade "
        "JOIN scorecards c ON c.owner_id = e.employee_id AND c.period = ? AND c.status = 'scored' "
        "WHERE e.status = 'active'", [LATEST])
    # The default matrix by hand: rows A-D, columns CR < 0.9, 0.9-1.1, > 1.1.
    matrix = {"A": (0.08, 0.06, 0.04), "B": (0.06, 0.04, 0.025), "C": (0.03, 0.02, 0.0), "D": (0.0, 0.0, 0.0)}
    column = np.where(people["cr"] < 0.9, 0, np.where(people["cr"] > 1.1, 2, 1))
    pct = [matrix[r][c] for r, c in zip(people["rating"], column)]
    cost = 12 * float(np.dot(people["base_pay"], pct))
    at = app(PAGE)
    assert not any(m.label == "People" for m in at.metric)  # drawn only once its tab is open
    at = open_tab(at, "kpi_tab", "Merit increases")
    shown = {m.label: m.value for m in at.metric}
    assert shown["People"] == str(len(people))
    assert shown["Cost a year"] == money(cost, "en")


def test_the_overview_shows_the_latest_rating_distribution_and_open_cards(demo_db):
    # The latest review period is 2026Q3: each person's rating is that of the mean total of their scored cards in
    # it (a staff member's July to September, a manager's quarter), by DOMAIN.md §4's bands A >= 110 > B >= 95
    # > C >= 80 > D; open cards are those of any owner within the quarter.
    db = open_store(demo_db)
    inside = "('2026-07', '2026-08', '2026-09', '2026Q3')"
    means = db.query("SELECT owner_id, avg(total_score) AS p, count(*) AS n, any_value(rating) AS one FROM scorecards "
                     f"WHERE owner_type = 'employee' AND status = 'scored' AND period IN {inside} GROUP BY 1")
    by_band = pd.cut(means["p"], [-np.inf, 80, 95, 110, np.inf], right=False, labels=list("DCBA")).astype(str)
    rating = by_band.where(means["n"] > 1, means["one"])
    open_cards = db.query(f"SELECT count(*) AS n FROM scorecards WHERE status = 'draft' AND period IN {inside}")["n"][0]
    at = app()
    assert any(h.value == "Performance, 2026Q3" for h in at.subheader)
    shown = {m.label: m.value for m in at.metric}
    for band in "ABCD":
        assert shown[f"Rated {band}"] == f"{(rating == band).mean() * 100:.0f}%"
    assert shown["Not yet scored"] == str(int(open_cards)) != "0"


def test_a_new_card_for_a_position_copies_the_lines_of_an_earlier_card(demo_db):
    # RD-SWE is a staff job: its cycle is monthly (seed 003: 员工（月）), and the demo's as-of date is 2026-10-31,
    # so the form offers October first.
    db = open_store(demo_db)
    source = db.query("SELECT c.scorecard_id, e.name_en FROM scorecards c JOIN employees e ON e.employee_id = "
                      "c.owner_id WHERE c.period = ? AND c.status = 'scored' AND c.owner_type = 'employee' "
                      "AND e.job_id = 'RD-SWE' ORDER BY scorecard_id LIMIT 1", [LATEST]).iloc[0]
    at = app(PAGE)
    at.selectbox(key="kpi_new_kind").set_value("position").run()
    owner = at.selectbox(key="kpi_new_owner_position")
    assert "Software Engineer" in owner.options and "RD-SWE" not in owner.options  # picked by title, kept by id
    owner.set_value("RD-SWE").run()
    assert at.selectbox(key="kpi_new_period_monthly").value == "2026-10"
    head = db.query("SELECT e.employee_id, e.name_en FROM departments d JOIN employees e ON e.employee_id = d.head_id "
                    "ORDER BY d.department_id LIMIT 1").iloc[0]
    appraiser = at.selectbox(key="kpi_new_appraiser_position_RD-SWE")
    assert head["name_en"] in appraiser.options
    appraiser.set_value(head["employee_id"])
    # The card to copy is picked by its owner's name and period (a holder of the job), kept by its number.
    copy = at.selectbox(key="kpi_new_copy_position_RD-SWE")
    assert f"{source['name_en']} · {LATEST}" in copy.options
    assert not any(CARD_NUMBER.search(option) for option in copy.options)
    copy.set_value(source["scorecard_id"])
    next(b for b in at.button if b.label == "Open the card").click().run()
    assert not at.exception
    copied = db.query("SELECT indicator_id, weight, target, actual FROM scorecard_lines WHERE scorecard_id = "
                      "'2026-10-RD-SWE' ORDER BY indicator_id")
    original = db.query("SELECT indicator_id, weight, target FROM scorecard_lines WHERE scorecard_id = ? "
                        "ORDER BY indicator_id", [source["scorecard_id"]])
    assert len(original) and copied[["indicator_id", "weight", "target"]].equals(original)
    assert copied["actual"].isna().all()
    assert db.query("SELECT appraiser_id FROM scorecards WHERE scorecard_id = '2026-10-RD-SWE'")["appraiser_id"][0] \
        == head["employee_id"]
    assert at.selectbox(key="kpi_period").value == "2026-10"
    assert at.selectbox(key="kpi_card").value == "2026-10-RD-SWE"
    assert "The card of Software Engineer for 2026-10 is open as a draft." in at.success[0].value
    assert not CARD_NUMBER.search(at.success[0].value)


def test_the_new_card_form_offers_the_periods_of_the_owners_cycle(demo_db):
    # Seed 003: 员工（月）, 经理（季度）, 副总（半年）, 总经理（年度）; the current period (as of 2026-10-31) is chosen.
    db = open_store(demo_db)
    people = db.query("SELECT e.employee_id, e.department_id, e.job_id FROM employees e WHERE e.status = 'active' "
                      "AND e.job_id IN ('MG-CEO', 'MG-GM', 'MG-DIR') ORDER BY e.employee_id")
    who = people.drop_duplicates("job_id").set_index("job_id")

    def pick(at, job):
        at.selectbox(key="kpi_new_dept").set_value(who.at[job, "department_id"]).run()
        at.selectbox(key="kpi_new_owner_employee").set_value(who.at[job, "employee_id"]).run()

    at = app(PAGE)
    expected = {"MG-CEO": ("yearly", ["2027", "2026", "2025", "2024", "2023", "2022"], "2026"),
                "MG-GM": ("half-yearly", ["2027-H1", "2026-H2", "2026-H1", "2025-H2", "2025-H1", "2024-H2"], "2026-H2"),
                "MG-DIR": ("quarterly", ["2027Q1", "2026Q4", "2026Q3", "2026Q2", "2026Q1", "2025Q4"], "2026Q4")}
    for job, (cycle, options, current) in expected.items():
        pick(at, job)
        period = at.selectbox(key=f"kpi_new_period_{cycle}")
        assert (period.options, period.value) == (options, current)
    pick(at, "MG-DIR")
    assert any(c.value == "Managers above the assistants · appraisal cycle: Quarterly" for c in at.caption)
    at = app(PAGE, lang="zh")
    pick(at, "MG-CEO")
    assert any(c.value == "总经理 · 考核周期：年度" for c in at.caption)


def test_the_data_check_flags_a_card_off_its_owners_cycle_and_still_scores(demo_db):
    # A quarterly card for a staff member (cycle: monthly) is flagged once, with the owner's role and cycle; the
    # period's other drafts are still checked and scored.
    db = open_store(demo_db)
    staff, name = db.query("SELECT c.owner_id, e.name_en FROM scorecards c JOIN employees e ON e.employee_id = "
                           "c.owner_id WHERE c.period = ? AND c.owner_type = 'employee' ORDER BY 1 LIMIT 1",
                           [LATEST]).iloc[0]
    db.upsert("scorecards", pd.DataFrame([{"scorecard_id": f"2026Q3-{staff}", "owner_type": "employee",
                                           "owner_id": staff, "period": "2026Q3", "status": "scored",
                                           "total_score": 100.0, "rating": "B"}]))
    at = app(PAGE)
    at.selectbox(key="kpi_period").set_value("2026Q3").run()
    at = open_tab(at, "kpi_tab", "Data check")
    assert any("1 card(s) of this period do not fit their owner's appraisal cycle" in w.value for w in at.warning)
    table = next(d.value for d in at.dataframe if "reason" in d.value.columns and "period" in d.value.columns)
    # The owner by name; the card's number is no column of the screen's table.
    assert table.values.tolist() == [[name, "2026Q3", "period: Quarterly; the owner's cycle: Monthly (Staff)"]]
    assert any(b.label.startswith("Score the ") for b in at.button)  # the check's scoring still runs
    at = app(PAGE, lang="zh")
    at.selectbox(key="kpi_period").set_value("2026Q3").run()
    at = open_tab(at, "kpi_tab", "数据检查")
    table = next(d.value for d in at.dataframe if "reason" in d.value.columns and "period" in d.value.columns)
    assert table["reason"].tolist() == ["考核期：季度；被考核对象的周期：月度（员工）"]


def test_a_department_lists_its_peoples_cards_and_a_card_of_someone_not_on_file_under_their_id(demo_db):
    db = open_store(demo_db)
    period = LATEST
    db.upsert("scorecards", pd.DataFrame([{"scorecard_id": "SC-ORPHAN", "owner_type": "employee",
                                           "owner_id": "X999", "period": period, "status": "draft"}]))
    expected = db.query("SELECT c.scorecard_id, c.owner_id, e.name_en, e.department_id FROM scorecards c "
                        "JOIN employees e "
                        "ON e.employee_id = c.owner_id WHERE c.period = ? AND c.owner_type = 'employee' "
                        "ORDER BY c.scorecard_id", [period])
    department = expected["department_id"].mode()[0]
    at = app(PAGE)
    at.selectbox(key="kpi_dept").set_value(department).run()
    # Options read "name · status" (the id after a name two owners share), in card order: names, not ids.
    listed = [option.split(" · ")[0].split(" (")[0] for option in at.selectbox(key="kpi_card").options]
    assert listed == expected.loc[expected["department_id"] == department, "name_en"].tolist()
    at.selectbox(key="kpi_dept").set_value("X999").run()
    assert at.selectbox(key="kpi_card").options == ["X999 · not scored"]  # not on file: the id is all there is


def test_what_is_typed_stays_while_another_tab_is_open_and_the_open_tab_survives_a_language_change(demo_db):
    scorecard_id, department, _ = open_card(open_store(demo_db))
    at = show(app(PAGE), department, scorecard_id)
    at.text_area(key=f"kpi_feedback_{scorecard_id}").input("Talked it through on Friday.").run()
    at = open_tab(at, "kpi_tab", "Results")
    assert not any(m.label == "Total score" for m in at.metric)  # the closed card draws its inputs only
    at.number_input(key="kpi_band_A").set_value(115.0).run()
    at = open_tab(at, "kpi_tab", "Scorecard")
    assert at.text_area(key=f"kpi_feedback_{scorecard_id}").value == "Talked it through on Friday."
    assert any(m.label == "Total score" for m in at.metric)
    at = open_tab(at, "kpi_tab", "Results")
    assert at.number_input(key="kpi_band_A").value == 115.0
    at.segmented_control(key="lang_picker").set_value("zh").run()
    assert at.session_state["kpi_tab"] == "考核结果"
    assert at.number_input(key="kpi_band_A").value == 115.0


# --------------------------------------------------------------------------- issue 29
def editor_config(at, key: str) -> dict:
    """The column configuration the page sent for the data editor ``key`` (options with their labels)."""
    import json

    return json.loads(next(d.proto.columns for d in at.dataframe if key in d.proto.id))


def test_the_demo_sales_position_card_at_110_percent_scores_150(demo_db):
    # Seed 003: 月度销售额目标完成率 110 % -> 100 + 5 x 10 = 150 (the cap); profit 104 % -> 120; the expense budget
    # at 105 %, lower is better -> 100 + 5 x (100/105 - 1) x 100 = 76.19.  Total 0.5·150 + 0.3·120 + 0.2·76.19.
    # The sales representatives are staff, appraised monthly: the card is the latest month's, the page's first.
    at = app(PAGE)
    at.radio(key="kpi_owner_type").set_value("position").run()
    at.selectbox(key="kpi_card").set_value(f"{LATEST}-SA-REP").run()
    assert not at.exception
    assert line_scores(at) == pytest.approx([150.0, 120.0, 100 + 5 * (100 / 105 - 1) * 100])
    assert total(at) == f"{0.5 * 150 + 0.3 * 120 + 0.2 * (100 + 5 * (100 / 105 - 1) * 100):.1f}" == "126.2"
    assert next(m.value for m in at.metric if m.label == "Rating") == "A"
    assert not at.error  # neither the 110 % nor the over-spent budget blocks the card


def test_a_zero_incidents_line_is_scored_by_steps_typed_on_the_card(demo_db):
    # Target 0 incidents, lower is better; steps typed on the card: at most 0 -> 120, at most 1 -> 100,
    # at most 3 -> 60.  Two incidents reach the 3 step: 60 (worked by hand from the steps).
    db = open_store(demo_db)
    db.upsert("kpi_indicators", pd.DataFrame([{"indicator_id": "safety_incidents", "name_en": "Safety incidents",
                                               "name_zh": "安全事故数", "higher_is_better": False, "unit": "incidents"}]))
    scorecard_id, department, lines = open_card(db, missing_actual=False)
    at = show(app(PAGE), department, scorecard_id)
    last = len(lines) - 1
    at.session_state[f"kpi_lines_{scorecard_id}"] = {"edited_rows": {last: {
        "indicator_id": "safety_incidents", "target": 0, "actual": 2, "rule": "threshold"}},
        "added_rows": [], "deleted_rows": []}
    at.run()
    assert any("stepwise rule needs its steps" in e.value for e in at.error)  # steps still to be typed
    at.session_state[f"kpi_lines_{scorecard_id}"] = {"edited_rows": {last: {
        "indicator_id": "safety_incidents", "target": 0, "actual": 2, "rule": "threshold",
        "steps": "0: 120; 1: 100; 3: 60"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.error
    assert line_scores(at)[last] == 60.0
    next(b for b in at.button if b.label == "Save draft").click().run()
    saved = db.query("SELECT target, actual, rule, thresholds FROM scorecard_lines WHERE scorecard_id = ? "
                     "AND indicator_id = 'safety_incidents'", [scorecard_id]).iloc[0]
    assert saved.tolist() == [0.0, 2.0, "threshold", "[[0.0, 120.0], [1.0, 100.0], [3.0, 60.0]]"]
    # Pass/fail instead: 2 incidents against a target of 0 fail (0), with no complaint about the target.
    at = show(app(PAGE), department, scorecard_id)
    at.session_state[f"kpi_lines_{scorecard_id}"] = {"edited_rows": {last: {"rule": "pass_fail"}}, "added_rows": [],
                                                      "deleted_rows": []}
    at.run()
    assert not at.error and line_scores(at)[last] == 0.0


def test_a_loss_on_the_card_scores_the_floor_and_does_not_block(demo_db):
    # A loss of 50 against a target of 200: achievement -0.25, 100 + 5 x (-125) = -525, the floor 0.
    db = open_store(demo_db)
    scorecard_id, department, lines = open_card(db, missing_actual=False)
    at = show(app(PAGE), department, scorecard_id)
    # A line that can be negative: higher is better and not a bounded share (a share below 0 is refused).
    row = int(np.flatnonzero(lines["higher_is_better"].astype(bool) & ~lines["bounded_share"].astype(bool))[0])
    at.session_state[f"kpi_lines_{scorecard_id}"] = {"edited_rows": {row: {"target": 200, "actual": -50}},
                                                      "added_rows": [], "deleted_rows": []}
    at.run()
    assert line_scores(at)[row] == 0.0
    assert not any("below 0" in e.value for e in at.error)


def test_library_and_rule_choices_read_in_chinese(demo_db):
    at = app(PAGE, lang="zh")
    rules = editor_config(at, "kpi_lines_")
    labels = {o["value"]: o["label"] for o in rules["rule"]["type_config"]["options"]}
    assert labels == {"linear": "线性", "threshold": "阶梯", "pass_fail": "达标", "manual": "人工"}
    at = open_tab(at, "kpi_tab", "指标库")
    library = editor_config(at, "kpi_library_editor")
    shown = {column: {o["value"]: o["label"] for o in library[column]["type_config"]["options"]}
             for column in ("kind", "dimension", "perspective")}
    assert shown == {"kind": {"numeric": "数字型", "time": "时限型", "project": "项目型", "mixed": "混合型"},
                     "dimension": {"quantity": "数量", "quality": "质量", "time": "时间", "cost": "成本"},
                     "perspective": {"financial": "财务", "customer": "客户", "internal_process": "内部运营",
                                     "learning_growth": "学习与发展"}}
    assert library["bounded_share"]["label"] == "不超过100%的比率"


def test_smart_prompts_on_the_library_tab_ask_for_an_owner_and_a_period(demo_db):
    db = open_store(demo_db)
    db.upsert("kpi_indicators", pd.DataFrame([{"indicator_id": "zznew", "name_en": "Net sales", "definition":
                                               "Net sales booked, invoices only", "formula": "sum", "data_source":
                                               "ERP", "higher_is_better": True, "perspective": "financial"}]))
    at = open_tab(app(PAGE), "kpi_tab", "Indicator library")
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("zznew: Attainable?") and "resources" in w for w in warnings)
    assert any(w.startswith("zznew: Time-bound?") and "period" in w for w in warnings)
    at = open_tab(app(PAGE, lang="zh"), "kpi_tab", "指标库")
    warnings = [w.value for w in at.warning if "zznew" in w.value]
    assert any("可实现" in w and "资源" in w for w in warnings) and any("有时限" in w for w in warnings)


def test_the_consistency_warning_names_the_family_grade_and_jobs_in_both_languages(demo_db):
    db = open_store(demo_db)
    # Account managers are staff, appraised monthly: their latest month is the period the page opens on.
    period = db.query("SELECT max(c.period) AS p FROM scorecards c JOIN employees e ON e.employee_id = c.owner_id "
                      "WHERE e.job_id = 'SA-AM'")["p"].iloc[0]
    # One account manager's card of the latest period given another indicator: the demo's peers are otherwise
    # consistent, so this is the one group of peers the warning can name.
    victim = db.query("SELECT c.scorecard_id, j.grade FROM scorecards c JOIN employees e ON e.employee_id = c.owner_id "
                      "JOIN jobs j USING (job_id) WHERE c.period = ? AND e.job_id = 'SA-AM' ORDER BY 1 LIMIT 1",
                      [period]).iloc[0]
    with db.transaction() as cur:
        cur.execute("UPDATE scorecard_lines SET indicator_id = 'first_pass_yield' WHERE scorecard_id = ? AND "
                    "indicator_id = (SELECT min(indicator_id) FROM scorecard_lines WHERE scorecard_id = ?)",
                    [victim["scorecard_id"], victim["scorecard_id"]])
    at = open_tab(app(PAGE), "kpi_tab", "Data check")
    warning = next(w.value for w in at.warning if "groups of peers" in w.value)
    assert f"Sales, grade {victim['grade']}: 2 different indicator sets" in warning
    assert "Account Manager" in warning and "SA-AM" not in warning  # jobs by title, not id
    at = open_tab(app(PAGE, lang="zh"), "kpi_tab", "数据检查")
    assert any(f"销售，{victim['grade']} 级" in w.value for w in at.warning)


def test_the_cycles_tab_shows_each_jobs_role_and_a_changed_role_moves_its_cycle(demo_db):
    # By the rule: 总裁 (the company's head) general manager, 中心总经理 (the centres' heads) vice presidents
    # (副总), other managing jobs managers, the rest staff.  Seed 003's 经理助理 is quarterly: a job made one
    # takes quarterly cards.
    from hrcore import cycles, kpi

    db = open_store(demo_db)
    at = open_tab(app(PAGE), "kpi_tab", "Cycles")
    table = next(d.value for d in at.dataframe if "role" in d.value.columns).set_index("job_id")
    assert table.loc[["MG-CEO", "MG-GM", "MG-DIR", "RD-SWE"], "role"].tolist() == [
        "general_manager", "vice_president", "manager", "staff"]
    row = list(table.index).index("RD-SWE")
    at.session_state["kpi_job_roles"] = {"edited_rows": {row: {"role": "manager_assistant"}}, "added_rows": [],
                                         "deleted_rows": []}
    at.run()
    next(b for b in at.button if b.label == "Save the roles").click().run()
    assert kpi.load_settings(db)["roles"] == {"RD-SWE": "manager_assistant"}
    assert cycles.owner_cycle(db, "position", "RD-SWE") == ("manager_assistant", "quarterly")
    with pytest.raises(ValueError, match=r"\(Manager assistants: Quarterly\)"):
        kpi.new_card(db, "position", "RD-SWE", "2026-10", None, "hr")


def test_the_results_tab_shows_the_overviews_performance_figures(demo_db):
    # One function answers both: the overview's tiles and the results tab's row of metrics agree.
    overview = {m.label: m.value for m in app().metric}
    at = open_tab(app(PAGE), "kpi_tab", "Results")
    shown = {m.label: m.value for m in at.metric}
    assert any(m.value == "**Performance, 2026Q3**" for m in at.markdown)
    for label in ("Rated A", "Rated B", "Rated C", "Rated D", "Not yet scored"):
        assert shown[label] == overview[label]


def test_the_card_names_its_appraiser_and_is_signed_by_the_account_not_a_typed_name(demo_db):
    db = open_store(demo_db)
    scorecard_id, department, lines = open_card(db, missing_actual=False)
    appraiser = db.query("SELECT e.employee_id, e.name_en FROM scorecards c JOIN employees e "
                         "ON e.employee_id = c.appraiser_id WHERE c.scorecard_id = ?", [scorecard_id]).iloc[0]
    at = show(app(PAGE), department, scorecard_id)
    text = " ".join(m.value for m in at.markdown)
    assert appraiser["name_en"] in text and appraiser["employee_id"] not in text
    assert not any(i.label == "Your name" for i in at.text_input)
    next(b for b in at.button if b.label == "Save draft").click().run()
    assert db.query("SELECT updated_by FROM scorecards WHERE scorecard_id = ?", [scorecard_id])["updated_by"][0] == \
        personas(db)["hr_director"].user.label  # the demo's visitor, as they start


def downloaded(at, managers, key: str) -> pd.DataFrame:
    """The workbook the Excel button of the table ``key`` offers (written as on a click)."""
    button = next(b.proto for b in at.get("download_button") if b.proto.id.endswith(f"{key}_xlsx"))
    manager = managers[-1]
    url = manager.execute_deferred(button.deferred_file_id) if button.deferred_file_id else button.url
    return pd.read_excel(io.BytesIO(manager._storage.get_file(url.rsplit("/", 1)[-1]).content), dtype=str)


def test_the_data_check_names_the_blocked_cards_owners_and_only_its_file_carries_card_numbers(demo_db, media):
    db = open_store(demo_db)
    blocked = db.query("SELECT DISTINCT c.scorecard_id, e.name_en FROM scorecards c JOIN employees e ON "
                       "e.employee_id = c.owner_id JOIN scorecard_lines l USING (scorecard_id) WHERE c.period = ? "
                       "AND c.status = 'draft' AND l.actual IS NULL", [LATEST])
    assert len(blocked)
    at = open_tab(app(PAGE), "kpi_tab", "Data check")
    table = next(d.value for d in at.dataframe if "indicator" in d.value.columns and "reason" in d.value.columns)
    assert "scorecard_id" not in table.columns
    assert set(table["owner"]) == set(blocked["name_en"])
    assert not table.astype(str).map(CARD_NUMBER.search).any().any()
    book = downloaded(at, media, "kpi_card_problems")
    assert list(book.columns) == ["Appraisee", "Indicator", "Value", "Reason", "Card number"]
    assert set(book["Card number"]) == set(blocked["scorecard_id"])
