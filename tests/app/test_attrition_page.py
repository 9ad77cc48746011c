"""The attrition watchlist through Streamlit's AppTest: filters and reasons, the risk model on the IBM file,
severance by hand, the handover checklist."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd

from hrcore import company, i18n, watchlist
from hrcore.company import as_of_date
from hrcore.store import open_store
from tests.app.conftest import app, open_tab
from tests.conftest import hr_dataset_like

PAGE = "views/attrition.py"


def frame_with(at, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_filtering_the_watchlist_and_opening_a_persons_reasons(demo_db):
    db = open_store(demo_db)
    as_of = as_of_date(db)
    at = app(PAGE)
    at.slider(key="at_min").set_value(30).run()
    table = frame_with(at, "Risk score")
    assert len(table) and (table["Risk score"] >= 30).all()
    department = table["Department"].iloc[0]
    dept_id = db.query("SELECT department_id FROM departments WHERE name_en = ?", [department]).iloc[0, 0]
    at.multiselect(key="at_dept").set_value([dept_id]).run()
    table = frame_with(at, "Risk score")
    assert set(table["Department"]) == {department}
    # Sorted by score, highest first.
    assert table["Risk score"].tolist() == sorted(table["Risk score"], reverse=True)

    who = at.selectbox(key="at_person").value
    assert who == table["Employee id"].iloc[0]
    shown = " ".join(m.value for m in at.markdown)
    # Every signal recorded for the person in the last 180 days is among the reasons, with its points.
    recorded = db.query("SELECT DISTINCT kind FROM attrition_signals WHERE employee_id = ? AND signal_date > ? "
                        "AND signal_date <= ?", [who, pd.Timestamp(as_of) - pd.Timedelta(days=180), as_of])["kind"]
    names = {"conflict": "Conflict", "attitude_change": "Sudden change of attitude", "family": "Family strain",
             "complaint_change": "Complaints changing", "overlooked": "Able but overlooked", "other": "Other signal",
             "leave_rising": "Leave rising"}
    for kind in recorded:
        assert f"**{names[kind]}** (+{watchlist.SIGNAL_POINTS[kind]})" in shown, kind
    # The points listed add up to the score (capped at 100).
    points = [int(part.split(")")[0]) for part in shown.split("(+")[1:]]
    assert min(sum(points), 100) == table["Risk score"].iloc[0]


def test_the_exposure_column_names_what_each_listed_person_could_take_with_them(demo_db):
    """Checked against the exposure table read in SQL: each flag held, and a missing non-compete beside secrets."""
    at = app(PAGE)
    at.slider(key="at_min").set_value(0).run()
    table = frame_with(at, "Exposure")
    expected = open_store(demo_db).query(
        "SELECT employee_id, concat_ws(', ', CASE WHEN key_knowledge THEN 'key knowledge' END, "
        "CASE WHEN client_channels THEN 'client channels' END, "
        "CASE WHEN supplier_channels THEN 'supplier channels' END, "
        "CASE WHEN secrets_access THEN 'access to secrets' END, "
        "CASE WHEN secrets_access AND NOT coalesce(non_compete, false) THEN 'no non-compete' END) AS exposure "
        "FROM exposure").set_index("employee_id")["exposure"]
    listed = table.set_index("Employee id")["Exposure"]
    assert listed.str.contains("no non-compete").any() and listed.str.contains("key knowledge").any()
    assert listed.to_dict() == expected.reindex(listed.index).fillna("").to_dict()


def test_the_risk_model_learns_the_ibm_file_and_shows_its_out_of_sample_auc(db_path, ibm_bytes):
    at = app(PAGE)
    at.radio(key="at_source").set_value("file").run()
    at.file_uploader(key="at_model_file").set_value(("ibm_hr_attrition.csv", ibm_bytes, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="at_target").value == "Attrition"
    auc = float(next(m.value for m in at.metric if m.label == "Cross-validated ROC AUC"))
    assert auc >= 0.80
    top = frame_with(at, "Risk")
    assert len(top) == 50 and top["Risk"].is_monotonic_decreasing
    assert all(isinstance(r, str) and r for r in top["Reasons"])


def hr_file_bytes(repeated: int = 0) -> bytes:
    """The HRDataset_v14-shaped file of tests/conftest.py as CSV, its first ``repeated`` rows written twice."""
    frame = hr_dataset_like()[0]
    return pd.concat([frame, frame.head(repeated)]).to_csv(index=False).encode()


def leave_out(at):
    """The risk model tab's choice of columns to leave out (English or Chinese)."""
    return next(m for m in at.multiselect if m.label.startswith(("Leave out (", "排除的列（")))


def upload(at, data: bytes, name: str = "HRDataset_v14.csv"):
    at.radio(key="at_source").set_value("file").run()
    at.file_uploader(key="at_model_file").set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_risk_model_leaves_out_the_columns_that_record_the_exit_and_warns_when_one_is_put_back(db_path):
    at = upload(app(PAGE), hr_file_bytes(repeated=3))
    # Termd is proposed (a 0/1 column named like an exit), not Absences, the file's last column.
    assert at.selectbox(key="at_target").value == "Termd"
    left_out = frame_with(at, "Why it is left out").set_index("Column")["Why it is left out"]
    # The generator's five records of the exit (tests/conftest.py) come first, each with its reason.
    assert list(left_out.index[:5]) == ["EmpStatusID", "DateofTermination", "TermReason", "EmploymentStatus",
                                        "LastPerformanceReview_Date"]
    assert left_out["DateofTermination"] == "records the exit: filled in for leavers only"
    assert left_out["TermReason"].startswith("records the exit, by its name")
    assert left_out["LastPerformanceReview_Date"].startswith("separates leavers almost perfectly on its own "
                                                             "(ROC AUC 1.000)")
    assert left_out["EmpID"] == "an id: unique whole numbers"
    auc = float(next(m.value for m in at.metric if m.label == "Cross-validated ROC AUC"))
    assert auc < 0.95 and not at.warning
    # Three rows written twice, said so.
    assert any(i.value.startswith("3 rows repeat another row in every column") for i in at.info)

    choice = leave_out(at)
    assert "EmploymentStatus" in choice.value and "EmpSatisfaction" not in choice.value
    choice.unselect("EmploymentStatus").run()
    assert not at.exception, [e.message for e in at.exception]
    # Every leaver's status says so: the model "predicts" the exits perfectly, and the page says why to doubt it.
    auc = float(next(m.value for m in at.metric if m.label == "Cross-validated ROC AUC"))
    assert auc >= 0.97
    warning = at.warning[0].value
    assert "too good to be true" in warning and "EmploymentStatus (1.000)" in warning
    assert "EmploymentStatus" not in set(frame_with(at, "Why it is left out")["Column"])
    # Leaving out a column the screen kept is the other way round.
    leave_out(at).select("Absences").run()
    assert frame_with(at, "Why it is left out").set_index("Column").loc["Absences"].iloc[0] == "left out by you"


def test_the_risk_model_tab_speaks_chinese_and_guesses_no_target_where_none_looks_like_one(db_path):
    at = upload(app(PAGE, lang="zh"), hr_file_bytes())
    assert at.selectbox(key="at_target").value == "Termd"
    left_out = frame_with(at, "排除原因").set_index("列")["排除原因"]
    assert left_out["DateofTermination"] == "记录了离职本身：仅离职者有值"
    assert left_out["EmploymentStatus"].startswith("从列名看记录的是离职本身")
    leave_out(at).unselect("TermReason").run()
    assert "好得不真实" in at.warning[0].value
    # A file without anything like an exit flag: no column is guessed, no model fitted until one is chosen.
    plain = pd.DataFrame({"pay": range(60), "grade": ["A", "B", "C"] * 20}).to_csv(index=False).encode()
    at = upload(app(PAGE), plain, "pay.csv")
    assert at.selectbox(key="at_target").value is None
    assert not any(m.label == "Cross-validated ROC AUC" for m in at.metric) and not at.error


def by_hand(start: date, end: date, base_pay: float, target_bonus) -> tuple[float, float]:
    """N and the wage used, worked the way DOMAIN §7 states them (service from 2008 only)."""
    # Service from the hire date to the last day inclusive (2019-03-01 to 2024-08-31 is 5 years 6 months);
    # whole years count 1, a remainder of 6 months or more 1, a shorter one 0.5.
    end_next = pd.Timestamp(end) + pd.Timedelta(days=1)
    months = (end_next.year - start.year) * 12 + (end_next.month - start.month) - (end_next.day < start.day)
    whole_days_left = (end_next - (pd.Timestamp(start) + pd.DateOffset(months=months))).days
    years, rest = divmod(months, 12)
    n = years + (1 if rest >= 6 else 0.5 if (rest or whole_days_left) else 0)
    # The wage is base pay plus the monthly bonus (both per month), at least the local minimum wage; above
    # 3 × the local average it is capped there, with N at most 12.
    defaults = company.CompanySettings()
    wage = max(base_pay + (target_bonus or 0), defaults.local_min_wage)
    if wage > 3 * defaults.local_avg_wage:
        wage, n = 3 * defaults.local_avg_wage, min(n, 12)
    return n, wage


def test_severance_follows_article_47_for_a_person_hired_after_2008(demo_db):
    db = open_store(demo_db)
    as_of = as_of_date(db)
    at = open_tab(app(PAGE), "at_tab", "Cost")
    table = frame_with(at, "Compensation")
    row = table.iloc[0]
    hired = db.query("SELECT hire_date, base_pay, target_bonus FROM employees WHERE employee_id = ?",
                     [str(row["Employee id"])]).iloc[0]
    start = pd.Timestamp(hired["hire_date"]).date()
    assert start >= date(2008, 1, 1)
    n, wage = by_hand(start, as_of, hired["base_pay"], hired["target_bonus"])
    assert row["N (months)"] == n
    assert math.isclose(row["Compensation"], round(n * wage), abs_tol=1)


def test_the_cost_tab_says_when_nothing_is_owed_and_pays_the_demos_leavers_only_by_owed_routes(demo_db):
    db = open_store(demo_db)
    as_of = as_of_date(db)
    at = open_tab(app(PAGE), "at_tab", "Cost")
    assert not at.exception, [e.message for e in at.exception]
    assert any("if the company ends the contract" in m.label for m in at.metric)
    assert any("Nothing is owed" in c.value for c in at.caption)
    left = frame_with(at, "How they left")
    assert len(left)
    # Labour Contract Law art. 37 and 39: an own resignation and a dismissal for misconduct owe nothing.
    none = left[left["How they left"].isin(["Own resignation (art. 37)", "Dismissed for misconduct (art. 39)"])]
    assert len(none) and (none["Compensation"] == 0).all() and set(none["Owed"]) == {"No"}
    # A lay-off (art. 41) owes art. 47's N months of base pay + monthly bonus: one row worked by hand.
    laid_off = left[left["How they left"] == "Lay-off (art. 41)"]
    assert len(laid_off) and (laid_off["Compensation"] > 0).all()
    row = laid_off.iloc[0]
    person = db.query("SELECT hire_date, exit_date, base_pay, target_bonus FROM employees WHERE employee_id = ?",
                      [str(row["Employee id"])]).iloc[0]
    start, end = pd.Timestamp(person["hire_date"]).date(), pd.Timestamp(person["exit_date"]).date()
    n, wage = by_hand(start, end, person["base_pay"], person["target_bonus"])
    assert start >= date(2008, 1, 1) and math.isclose(row["Compensation"], round(n * wage), abs_tol=1)
    # One year to apply for arbitration (Labour Dispute Mediation and Arbitration Law art. 27).
    assert row["Arbitration claim by"] == i18n.day(watchlist.arbitration_deadline(end), "en")
    assert watchlist.arbitration_deadline(end) == date(end.year + 1, end.month, min(end.day, 28 if end.month == 2
                                                                                  else end.day))
    assert (pd.to_datetime(left["Last day"]) > pd.Timestamp(as_of) - pd.Timedelta(days=365)).all()


def test_the_watchlist_flags_a_group_at_risk_and_reminds_of_the_arbitration_limit(demo_db):
    db = open_store(demo_db)
    as_of = as_of_date(db)
    watchlist.save_settings(db, {**watchlist.load_settings(db), "high_risk": 20})
    frame = watchlist.people(db, as_of, watchlist.load_settings(db))
    expected = watchlist.group_risks(frame, 20)
    assert len(expected)  # the small demo company has teams with three or more at 20 points or more
    at = app(PAGE)
    assert not at.exception, [e.message for e in at.exception]
    warning = next(w.value for w in at.warning if "Group departure risk" in w.value)
    # Seed 001 (集体跳槽): every flagged team named with its count, e.g. "Department …: 10 of 20 at high risk".
    assert f"Group departure risk: {len(expected)} team(s)" in warning
    first = expected.iloc[0]
    assert f"{first['high']} of {first['people']} at high risk" in warning
    # One year to apply for arbitration (Labour Dispute Mediation and Arbitration Law art. 27): every leaver
    # whose year has not run out, with the last day, soonest first.
    reminders = watchlist.arbitration_reminders(db, as_of)
    assert any(f"({len(reminders)} leavers can still claim)" in e.label for e in at.expander)
    table = frame_with(at, "Days left")
    assert len(table) == len(reminders) and (table["Days left"] >= 0).all() and (table["Days left"] <= 366).all()
    assert table["Days left"].tolist() == sorted(table["Days left"])
    assert table["Arbitration claim by"].iloc[0] == i18n.day(reminders["claim_by"].iloc[0], "en")


def test_a_handover_checklist_is_created_and_ticked_off(demo_db):
    db = open_store(demo_db)
    leaver = db.query("SELECT employee_id FROM employees WHERE status = 'left' AND employee_id NOT IN "
                      "(SELECT employee_id FROM handover_tasks) ORDER BY exit_date DESC LIMIT 1").iloc[0, 0]
    receivers = db.query("SELECT employee_id FROM employees WHERE status = 'active' ORDER BY employee_id "
                         "LIMIT 3")["employee_id"].tolist()
    at = app(PAGE)
    # People are picked by name: the pickers show names, the ids stay behind them.
    picker = at.selectbox(key="at_ho_leaver")
    named = db.query("SELECT name_en FROM employees WHERE employee_id = ?", [leaver]).iloc[0, 0]
    assert picker.format_func(leaver) == named
    picker.set_value(leaver)
    at.selectbox(key="at_ho_receiver").set_value(receivers[0])
    at.selectbox(key="at_ho_second").set_value(receivers[1])
    at.selectbox(key="at_ho_hr").set_value(receivers[2])
    at.date_input(key="at_ho_start").set_value(date(2026, 11, 2))
    at.date_input(key="at_ho_due").set_value(date(2026, 11, 23))
    next(b for b in at.button if b.label == "Create the checklist").click().run()
    assert not at.exception, [e.message for e in at.exception]
    tasks = open_store(demo_db).query("SELECT * FROM handover_tasks WHERE employee_id = ?", [leaver])
    assert len(tasks) == len(watchlist.CHECKLIST) == 18  # seed 001's list (tests/test_watchlist.py counts it)
    # 2 Nov to 23 Nov is 21 days: the stages fall due after 7 and 14 days, the final review on the 23rd.
    due = {s: {pd.Timestamp(d).date() for d in g} for s, g in tasks.groupby("stage")["due_date"]}
    assert due == {"first": {date(2026, 11, 9)}, "second": {date(2026, 11, 16)}, "final": {date(2026, 11, 23)}}
    assert receivers[2] in set(tasks["owner_id"]) and leaver in set(tasks["owner_id"])
    # The manager's items go to the leaver's manager on file.
    manager = db.query("SELECT manager_id FROM employees WHERE employee_id = ?", [leaver]).iloc[0, 0]
    assert set(tasks.loc[tasks["category"] == "review", "owner_id"]) == {manager}
    assert {"agreements", "commitments", "after_exit"} <= set(tasks["category"])
    assert set(tasks["receiver_id"]) == {receivers[0]} and set(tasks["second_receiver_id"]) == {receivers[1]}
    assert not tasks["done"].any()

    at.selectbox(key="at_ho_person").set_value(leaver).run()
    at.session_state[f"at_ho_{leaver}"] = {"edited_rows": {0: {"done": True}, 1: {"done": True}}, "added_rows": [],
                                           "deleted_rows": []}
    at.run()
    at.button(key="at_ho_save").click().run()
    progress = frame_with(at, "Progress").set_index("Employee id").loc[leaver]
    assert (progress["Done"], progress["Items"]) == (2, len(watchlist.CHECKLIST))
    assert math.isclose(progress["Progress"], 200 / len(watchlist.CHECKLIST))


def test_the_page_speaks_chinese(demo_db):
    at = app(PAGE, lang="zh")
    assert at.title[0].value == "离职风险预警"
    assert {"近12个月离职率", "高风险人数"} <= {m.label for m in at.metric}
    assert "若公司解除或终止劳动合同的经济补偿金" in {m.label for m in open_tab(at, "at_tab", "离职成本").metric}


def test_the_company_model_learns_from_its_own_exits_and_feeds_the_watchlist(demo_db):
    at = app(PAGE)
    at.toggle(key="at_fit_company").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    auc = float(next(m.value for m in at.metric if m.label == "Cross-validated ROC AUC"))
    # Out of sample on the demo's history: better than guessing, short of certainty.
    assert 0.55 < auc < 1.0
    candidates = frame_with(at, "Model family")
    assert len(candidates) == 3
    watch = frame_with(at, "Risk score")
    assert "Model risk" in watch.columns and watch["Model risk"].between(0, 1).all()
    # The history holds no record of the exit (hrcore.watchlist.history), so nothing is left out at first; a
    # column the user leaves out is listed as such, and the watchlist's risks come from the model without it.
    choice = leave_out(at)
    assert choice.value == [] and "employee_id" not in choice.options
    choice.select("tenure").run()
    assert not at.exception, [e.message for e in at.exception]
    # The company history's columns in words, not their codes.
    assert frame_with(at, "Why it is left out").to_dict("list") == {"Column": ["Years of service"],
                                                                     "Why it is left out": ["left out by you"]}
    changed = frame_with(at, "Risk score").set_index("Employee id")["Model risk"]
    assert changed.between(0, 1).all() and not np.allclose(changed, watch.set_index("Employee id")["Model risk"])


def test_a_signal_recorded_on_the_watchlist_raises_the_score(demo_db):
    at = app(PAGE)
    table = frame_with(at, "Risk score")
    who = at.selectbox(key="at_person").value
    before = int(table.set_index("Employee id").loc[who, "Risk score"])
    reasons = table.set_index("Employee id").loc[who, "Reasons"]
    kind, label = next((k, n) for k, n in (("family", "Family strain"), ("overlooked", "Able but overlooked"),
                                           ("conflict", "Conflict")) if n not in reasons)
    at.selectbox(key="at_signal_kind").set_value(kind)
    at.text_input(key="at_signal_note").set_value("Asked about a transfer home")
    next(b for b in at.button if b.label == "Save the signal").click().run()
    assert not at.exception, [e.message for e in at.exception]
    stored = open_store(demo_db).query("SELECT kind, note FROM attrition_signals WHERE employee_id = ? AND note = ?",
                                       [who, "Asked about a transfer home"])
    assert stored["kind"].tolist() == [kind]
    after = frame_with(at, "Risk score").set_index("Employee id").loc[who]
    assert int(after["Risk score"]) == min(before + watchlist.SIGNAL_POINTS[kind], 100)
    assert label in after["Reasons"]


def test_twelve_month_turnover_is_exits_over_the_average_headcount_and_splits_by_group(demo_db):
    db = open_store(demo_db)
    as_of = pd.Timestamp(as_of_date(db))
    year_ago = as_of - pd.DateOffset(years=1)
    # DOMAIN §7 by hand: exits of the 12 months over the mean of the headcount at their start and at their end
    # (employed at the end of a day: hired by then and not yet past the last day).
    q = ("SELECT count(*) FROM employees WHERE hire_date <= ? AND (exit_date IS NULL OR exit_date > ?) "
         "AND (status = 'active' OR exit_date IS NOT NULL)")
    start = db.query(q, [year_ago.date(), year_ago.date()]).iloc[0, 0]
    end = db.query(q, [as_of.date(), as_of.date()]).iloc[0, 0]
    exits = db.query("SELECT count(*) FROM employees WHERE exit_date > ? AND exit_date <= ?",
                     [year_ago.date(), as_of.date()]).iloc[0, 0]
    at = app(PAGE)
    shown = next(m.value for m in at.metric if m.label == "12-month turnover")
    assert shown == f"{exits / ((start + end) / 2):.1%}"
    for by in ("department_id", "tenure_band", "job_family"):
        at.selectbox(key="at_by").set_value(by).run()
        assert not at.exception, (by, [e.message for e in at.exception])


def test_chart_and_cost_choices_stay_while_their_tab_is_closed(demo_db):
    at = app(PAGE)
    at.selectbox(key="at_by").set_value("grade").run()
    at = open_tab(at, "at_tab", "Cost")
    at.number_input(key="at_repl").set_value(9.0).run()
    at = open_tab(at, "at_tab", "Turnover")
    assert at.selectbox(key="at_by").value == "grade"
    assert not any(m.label == "Replacement cost, people at high risk" for m in at.metric)
    at = open_tab(at, "at_tab", "Cost")
    assert at.number_input(key="at_repl").value == 9.0


def test_the_turnover_tab_counts_the_leavers_it_cannot_place_in_time(db_path):
    # Three leavers without an exit date and one with: the tab names the three, as the overview does.
    store = open_store(db_path)
    store.upsert("employees", pd.DataFrame({
        "employee_id": ["A", "B", "C", "D", "E"], "status": ["active", "left", "left", "left", "left"],
        "hire_date": pd.to_datetime(["2015-01-05"] * 5), "exit_date": pd.to_datetime([None, None, None, None,
                                                                                       "2024-03-31"])}))
    at = app(PAGE)
    captions = " ".join(c.value for c in at.caption)
    assert "3 leavers have no exit date: turnover leaves them out." in captions


def test_the_person_card_names_the_job_and_manager_and_reads_the_models_auc_in_plain_words(demo_db):
    db = open_store(demo_db)
    at = app(PAGE)
    who = at.selectbox(key="at_person").value
    person = db.query("SELECT e.name_en, j.title_en, m.name_en AS manager, e.base_pay FROM employees e "
                      "LEFT JOIN jobs j USING (job_id) LEFT JOIN employees m ON m.employee_id = e.manager_id "
                      "WHERE e.employee_id = ?", [who]).iloc[0]
    # The picker and the table show names; the id stays out of sight.
    assert at.selectbox(key="at_person").format_func(who).startswith(person["name_en"])
    card = frame_with(at, "Value").set_index("Item")["Value"]
    assert card["Job"] == person["title_en"] and card["Manager"] == person["manager"]
    assert card["Monthly base pay"] == i18n.money_exact(person["base_pay"], "en", "¥")
    listed = frame_with(at, "Risk score")
    assert listed.columns[0] == "Name" and (listed["Manager"] != listed["Employee id"]).all()
    assert any("Fit the model on the Risk model tab" in c.value for c in at.caption)
    at.toggle(key="at_fit_company").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    auc = float(next(m.value for m in at.metric if m.label == "Cross-validated ROC AUC"))
    reading = f"ROC AUC {auc:.2f}: the model ranks a leaver above a stayer {round(auc * 100)} times in 100"
    assert sum(reading in c.value for c in at.caption) == 2  # on the model tab and beside the person's score
    assert any(m.label == "Model risk" and m.value.endswith("%") for m in at.metric)


def test_the_watchlist_filters_by_a_manager_picked_by_name(demo_db):
    db = open_store(demo_db)
    at = app(PAGE)
    at.slider(key="at_min").set_value(0).run()
    picker = at.selectbox(key="at_manager")
    manager = picker.options[0]
    manager_id = next(m for m in db.query("SELECT DISTINCT manager_id FROM employees WHERE manager_id IS NOT NULL")
                      ["manager_id"] if picker.format_func(m) == manager)
    picker.set_value(manager_id).run()
    table = frame_with(at, "Risk score")
    reports_to = db.query("SELECT employee_id FROM employees WHERE manager_id = ? AND status = 'active'",
                          [manager_id])["employee_id"]
    assert set(table["Manager"]) == {manager} and set(table["Employee id"]) <= set(reports_to)


def test_a_viewer_sees_on_the_overview_the_high_risk_count_hr_sees(demo_db):
    from hrcore.access import User

    someone = open_store(demo_db).query("SELECT min(employee_id) FROM employees").iloc[0, 0]
    counts = {}
    for role in ("hr_analyst", "viewer"):
        at = app(None, user=User(f"an_{role}", role, employee_id=None if role == "viewer" else someone))
        assert not at.exception, [e.message for e in at.exception]
        counts[role] = next(m.value for m in at.metric if m.label == "People at high risk")
    assert counts["viewer"] == counts["hr_analyst"]
