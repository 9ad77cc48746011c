"""The attrition page's reports (hrcore.reports.attrition), each figure checked against an independent
calculation on the small demo company (300 employees, seed 5)."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd
import pytest

from hrcore import company, evaluation, pay, watchlist
from hrcore.access import User
from hrcore.reports import attrition as reports
from hrcore.store import Store
from tests.conftest import ROOT

MANAGED = "D200"  # a centre of the demo company with six departments under it
HR = User("hr", "hr_analyst", display_name="HR")
VIEWER = User("v", "viewer")
MANAGER = User("m", "manager", department_id=MANAGED)


@pytest.fixture(scope="module")
def as_of(demo) -> date:
    return company.as_of_date(demo)


def subtree(demo: Store, root: str) -> set[str]:
    """The department and those under it, by walking parent links in pandas (not the scope's SQL)."""
    departments = demo.table("departments")
    found, frontier = {root}, [root]
    while frontier:
        frontier = departments.loc[departments["parent_id"].isin(frontier), "department_id"].tolist()
        found.update(frontier)
    return found


def hr_frame(demo: Store, as_of: date) -> pd.DataFrame:
    """Everyone scored the way HR's pages always did: the whole store, compa-ratios placed on it directly."""
    force = pay.in_force(demo, outliers=pay.market_outliers(evaluation.workbench(demo)))
    ratios = pd.Series(force.placement.people["compa_ratio"].to_numpy(dtype=float),
                       index=force.placement.people["employee_id"].astype(str).to_numpy())
    return watchlist.people(demo, as_of, watchlist.load_settings(demo), ratios)


# -- the same numbers for every role ------------------------------------------------------------------

def test_a_viewer_counts_the_same_people_at_high_risk_as_hr_and_gets_no_pay_column(demo, as_of):
    hr = reports.who_may_leave(demo.as_user(HR), as_of)
    viewer = reports.who_may_leave(demo.as_user(VIEWER), as_of)
    # The pay-based signal fires for some of the demo's people: without pay it would silently drop out.
    assert hr.people["low_cr"].any()
    assert viewer.headline == hr.headline
    assert viewer.people["low_cr"].sum() == hr.people["low_cr"].sum()
    assert viewer.people.set_index("employee_id")["score"].sort_index().equals(
        hr.people.set_index("employee_id")["score"].sort_index())
    # What the viewer gets holds no pay, not even the compa-ratio worked out from it.
    assert not set(reports.PAY_COLUMNS) & set(viewer.people.columns)
    assert set(reports.PAY_COLUMNS) <= set(hr.people.columns)
    with pytest.raises(PermissionError):
        viewer.costs(10_000, 6, 2_000)
    # Before: the viewer's own store read no pay, and fewer people were at high risk than HR saw.
    blind = watchlist.people(demo.as_user(VIEWER), as_of, watchlist.load_settings(demo))
    assert int((blind["score"] >= hr.headline.threshold).sum()) < hr.headline.high_risk


def test_a_manager_counts_hrs_people_at_high_risk_within_their_departments(demo, as_of):
    hr = hr_frame(demo, as_of)
    threshold = watchlist.load_settings(demo)["high_risk"]
    theirs = hr[hr["department_id"].isin(subtree(demo, MANAGED))]
    high = theirs["score"] >= threshold
    assert reports.headline(demo.as_user(MANAGER), as_of) == reports.Headline(
        int(high.sum()), int((high & theirs["key_talent"]).sum()), int(threshold))
    assert high.sum() > 0


def test_the_headline_counts_scores_from_the_signal_points_and_key_talent_from_the_employee_file(demo, as_of):
    frame = hr_frame(demo, as_of)
    # The score by hand: each signal's points added up, at most 100.
    points = sum(frame[s].fillna(False).astype(bool) * p for s, p in watchlist.SIGNAL_POINTS.items())
    assert (np.minimum(points, 100) == frame["score"]).all()
    # The compa-ratio signal: below 0.9 in the structure in force (placed independently of the report).
    assert (frame["low_cr"] == (frame["compa_ratio"] < 0.9)).all()
    threshold = int(watchlist.load_settings(demo)["high_risk"])
    high = set(frame.loc[frame["score"] >= threshold, "employee_id"])
    key = set(demo.query("SELECT employee_id FROM employees WHERE key_talent")["employee_id"])
    assert reports.headline(demo, as_of) == reports.Headline(len(high), len(high & key), threshold)
    assert reports.headline(demo.as_user(VIEWER), as_of) == reports.headline(demo, as_of)


def test_views_never_read_pay_through_the_pay_reader():
    pages = [p for p in (ROOT / "views").glob("*.py") if "reading_pay" in p.read_text(encoding="utf-8")]
    assert pages == []


# -- the watchlist ----------------------------------------------------------------------------------------

def test_the_listing_keeps_whom_the_filters_name_highest_score_first_key_talent_first_among_equals(demo, as_of):
    watch = reports.who_may_leave(demo, as_of)
    everyone = watch.people
    department = everyone["department_id"].value_counts().index[0]
    listing = watch.listed(10, departments=(department,))
    expected = everyone[(everyone["score"] >= 10) & (everyone["department_id"] == department)]
    expected = expected.sort_values(["score", "key_talent"], ascending=[False, False], kind="stable")
    assert listing.total == len(expected) > 0
    assert listing.people["employee_id"].tolist() == expected["employee_id"].tolist()
    manager = everyone["manager_id"].dropna().value_counts().index[0]
    assert set(watch.listed(0, manager=manager).people["manager_id"]) == {manager}
    assert watch.listed(0, key_only=True).people["key_talent"].all()
    assert watch.listed(0, limit=5).total == len(everyone) and len(watch.listed(0, limit=5).people) == 5


def test_the_watchlist_names_managers_jobs_and_group_risks(demo, as_of):
    watch = reports.who_may_leave(demo, as_of)
    employees = demo.table("employees").set_index("employee_id")
    row = watch.people.dropna(subset=["manager_id"]).iloc[0]
    assert row["manager_en"] == employees.loc[row["manager_id"], "name_en"]
    assert row["job_en"] == demo.query("SELECT title_en FROM jobs WHERE job_id = ?", [row["job_id"]]).iloc[0, 0]
    assert set(watch.managers["manager_id"]) == set(watch.people["manager_id"].dropna())
    groups = watchlist.group_risks(watch.people, watch.headline.threshold)
    assert len(watch.groups) == len(groups)
    for g in watch.groups.itertuples():
        expected = (watch.departments.loc[g.group, "name_en"] if g.kind == "department"
                    else employees.loc[g.group, "name_en"])
        assert g.name_en == expected


def test_the_cost_of_the_people_at_high_risk_is_article_47_summed_over_them(demo, as_of):
    watch = reports.who_may_leave(demo, as_of)
    cost = watch.costs(10_000.0, 6.0, 2_000.0)
    high = watch.people[watch.people["score"] >= watch.headline.threshold]
    by_hand = watchlist.costs(high, as_of, 10_000.0, 6.0, 2_000.0)
    # Replacement: six months of base pay plus the monthly target bonus, by pandas from the employee rows.
    pay_rows = demo.table("employees").set_index("employee_id").loc[high["employee_id"]]
    wage = pay_rows["base_pay"].fillna(0) + pay_rows["target_bonus"].fillna(0)
    assert cost.people == len(high)
    assert cost.replacement == pytest.approx(6.0 * float(wage.sum()))
    assert cost.compensation == pytest.approx(float(by_hand["compensation"].sum()))
    assert cost.listed["compensation"].is_monotonic_decreasing


def test_the_leavers_owed_compensation_are_counted_from_their_exit_routes(demo, as_of):
    left = reports.leavers(demo, as_of, 10_000.0, 2_000.0)
    exits = demo.query("SELECT count(*) AS n FROM employees WHERE exit_date <= ? AND exit_date > ?::DATE - 365",
                       [as_of, as_of])["n"].iloc[0]
    assert len(left.people) == exits > 0
    owed = left.people[left.people["owed"] == True]  # noqa: E712
    assert left.owed == len(owed) and left.owed_amount == pytest.approx(float(owed["compensation"].sum()))


# -- turnover ---------------------------------------------------------------------------------------------

def test_twelve_month_turnover_is_the_exits_over_the_average_headcount(demo, as_of):
    figures = reports.turnover(demo, as_of)
    employees = demo.table("employees")
    employees = employees[employees["status"].eq("active") | employees["exit_date"].notna()]
    year_ago = pd.Timestamp(as_of) - pd.DateOffset(years=1)

    def employed(day):
        hired = pd.to_datetime(employees["hire_date"]) <= day
        return int((hired & ~(pd.to_datetime(employees["exit_date"]) <= day)).sum())

    exits = employees[(pd.to_datetime(employees["exit_date"]) > year_ago)
                      & (pd.to_datetime(employees["exit_date"]) <= pd.Timestamp(as_of))]
    assert figures.rate_12m == pytest.approx(len(exits) / ((employed(year_ago) + employed(pd.Timestamp(as_of))) / 2))
    typed = exits["exit_type"].isin(["voluntary", "involuntary"])
    assert figures.voluntary_share == pytest.approx((exits["exit_type"] == "voluntary").sum() / typed.sum())


def test_turnover_by_department_names_the_departments_and_annualises_the_window(demo, as_of):
    figures = reports.turnover(demo, as_of, "Y", "department_id", "centre")
    names = demo.table("departments").set_index("department_id")["name_en"]
    assert len(figures.groups) and (figures.groups["name_en"] == figures.groups["group"].map(names)).all()
    assert figures.groups["rate"].is_monotonic_decreasing
    assert set(figures.curves["group"]) <= set(names.index)
    assert figures.curves["survival"].between(0, 1).all()
    with pytest.raises(ValueError):
        reports.turnover(demo, as_of, "Y", "salary")


# -- one person, the model, the handover -------------------------------------------------------------------

def test_a_persons_record_holds_the_latest_rating_box_successor_and_actions(demo, as_of):
    acted = demo.query("SELECT employee_id, count(*) AS n FROM retention_actions GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
    who = acted["employee_id"].iloc[0]
    record = reports.person(demo, as_of, who)
    assert len(record.actions) == acted["n"].iloc[0]
    assert record.actions["action_date"].is_monotonic_decreasing
    placed = demo.query("SELECT period, coalesce(calibrated_box, box) AS box FROM talent_reviews "
                        "WHERE employee_id = ?", [who]).sort_values("period")
    if len(placed):
        assert record.box == placed["box"].iloc[-1] and record.box_en
    successor = demo.query("SELECT successor_id FROM exposure WHERE employee_id = ?", [who])
    if len(successor) and isinstance(successor.iloc[0, 0], str):
        assert record.successor_en == demo.query("SELECT name_en FROM employees WHERE employee_id = ?",
                                                 [successor.iloc[0, 0]]).iloc[0, 0]


def test_the_company_model_gives_a_viewer_the_risks_hr_gets(demo, as_of):
    hr = reports.company_model(demo.as_user(HR), as_of)
    viewer = reports.company_model(demo.as_user(VIEWER), as_of)
    assert hr.model is not None and 0.5 < hr.model.auc < 1
    # Base pay is one of what the model learns from, for every role alike.
    assert "base_pay" in hr.model.column_auc
    assert viewer.model.auc == hr.model.auc
    assert np.allclose(viewer.risks.sort_index(), hr.risks.sort_index())


def test_a_column_the_user_leaves_out_is_listed_first_as_theirs(demo, as_of):
    choice = reports.company_columns(demo, as_of)
    assert choice.first == () and "employee_id" not in choice.options and "tenure" in choice.options
    assert choice.split(("tenure",)) == ((), ("employee_id", "tenure"))
    fitted = reports.company_model(demo, as_of, ("tenure",))
    assert fitted.left_out.to_dict("list") == {"column": ["tenure"], "code": ["excluded"], "auc": [None]}


def test_a_checklist_names_its_owners_and_receivers_and_runs_in_stage_order(demo, as_of):
    progress = reports.handover(demo, as_of).progress
    who = progress["employee_id"].iloc[0]
    tasks = reports.checklist(demo, who)
    assert tasks["stage"].map(watchlist.STAGES.index).is_monotonic_increasing
    names = demo.table("employees").set_index("employee_id")["name_en"]
    raw = demo.query("SELECT task_id, owner_id, receiver_id FROM handover_tasks WHERE employee_id = ?", [who])
    raw = raw.set_index("task_id").loc[tasks["task_id"]]
    assert tasks["owner_en"].tolist() == [names.get(o, o) for o in raw["owner_id"]]
    assert tasks["receiver_en"].tolist() == [names.get(r, r) if isinstance(r, str) else None
                                             for r in raw["receiver_id"]]
    assert all(not re.search(r" / ", i) for i in tasks["item_en"])


def test_a_checklist_can_be_started_for_the_candidates_only(demo, as_of):
    handover = reports.handover(demo, as_of)
    assert not set(handover.candidates["employee_id"]) & set(handover.progress["employee_id"])
    assert handover.receivers["employee_id"].isin(
        demo.query("SELECT employee_id FROM employees WHERE exit_date IS NULL")["employee_id"]).all()


def test_the_pay_reader_of_a_viewer_reads_pay_and_stays_with_that_viewer(demo):
    viewer = demo.as_user(VIEWER)
    total = demo.query("SELECT sum(base_pay) AS s FROM employees")["s"].iloc[0]
    assert pd.isna(viewer.query("SELECT sum(base_pay) AS s FROM employees")["s"].iloc[0])
    assert viewer.reading_pay().query("SELECT sum(base_pay) AS s FROM employees")["s"].iloc[0] == total
    # A store for another user starts without it; a user who reads pay is their own pay reader.
    assert demo.as_user(VIEWER)._pay_reader is None
    hr = demo.as_user(HR)
    assert hr.reading_pay() is hr
    # The manager's rows stay theirs.
    manager = demo.as_user(MANAGER)
    assert set(manager.reading_pay().query("SELECT DISTINCT department_id FROM employees")["department_id"]) <= \
        subtree(demo, MANAGED)


def test_the_page_settings_are_the_company_and_watchlist_settings(demo, as_of):
    chosen = reports.settings(demo)
    assert chosen.as_of == as_of
    assert chosen.local_avg_wage == company.load(demo).local_avg_wage
    assert chosen.high_risk == watchlist.load_settings(demo)["high_risk"]
