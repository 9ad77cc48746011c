"""The overview's reports (hrcore.reports.overview) against plain pandas recounts of the same people."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from hrcore import company as company_settings, ninebox
from hrcore.access import User
from hrcore.privacy import MIN_GROUP, small_groups, without_small_groups
from hrcore.reports.overview import MONTHS, context, organisation

AS_OF = date(2026, 10, 31)
# A company of two centres; Sales has two teams under it, and a two-person office no one else works in.
DEPARTMENTS = pd.DataFrame({
    "department_id": ["HQ", "S", "S1", "S2", "R", "X"],
    "parent_id": [None, "HQ", "S", "S", "HQ", "HQ"],
    "name_en": ["Company", "Sales", "Sales East", "Sales West", "R&D", "Office"],
    "name_zh": ["公司", "销售", "华东销售", "华西销售", "研发", "办公室"],
})


@pytest.fixture
def company(fresh_db):
    """200 people with random hire and exit dates (seeded) spread over the departments; two in the office."""
    rng = np.random.default_rng(7)
    n = 200
    hire = pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 5 * 365, n), unit="D")
    stay = pd.to_timedelta(rng.integers(30, 1500, n), unit="D")
    exit_ = (hire + stay).where((rng.random(n) < 0.35) & (hire + stay <= pd.Timestamp(AS_OF)))
    department = rng.choice(["S", "S1", "S2", "R"], n)
    department[:2] = "X"
    hire = hire.where(department != "X", pd.Timestamp("2020-01-01"))
    exit_ = exit_.where(department != "X")
    people = pd.DataFrame({
        "employee_id": [f"E{i:03d}" for i in range(n)], "department_id": department,
        "hire_date": hire, "exit_date": exit_, "status": np.where(exit_.notna(), "left", "active"),
        "exit_type": np.where(exit_.notna(), rng.choice(["voluntary", "involuntary"], n), None),
        "base_pay": rng.integers(5000, 30000, n).astype(float),
        "target_bonus": rng.integers(0, 3000, n).astype(float),
    })
    fresh_db.upsert("departments", DEPARTMENTS)
    fresh_db.upsert("employees", people)
    return fresh_db, people


def employed(people: pd.DataFrame, day) -> pd.Series:
    day = pd.Timestamp(day)
    return (people["hire_date"] <= day) & (people["exit_date"].isna() | (people["exit_date"] > day))


def in_subtree(people: pd.DataFrame, *departments: str) -> pd.DataFrame:
    return people[people["department_id"].isin(departments)]


@pytest.mark.parametrize("root, members", [("S", ("S", "S1", "S2")), ("S1", ("S1",)), ("R", ("R",))])
def test_a_department_chosen_counts_only_its_subtree(company, root, members):
    store, people = company
    mine = in_subtree(people, *members)  # recounted with pandas on the subtree, listed by hand
    year_ago = pd.Timestamp("2025-10-31")
    in_year = lambda col: (mine[col] > year_ago) & (mine[col] <= pd.Timestamp(AS_OF))  # noqa: E731
    o = organisation(store.within(root), AS_OF).figures
    assert o.headcount == employed(mine, AS_OF).sum() > 0
    assert o.headcount_year_ago == employed(mine, year_ago).sum()
    assert o.hires_12m == in_year("hire_date").sum()
    assert o.exits_12m == in_year("exit_date").sum()
    active = mine[employed(mine, AS_OF)]
    assert o.payroll_annual == pytest.approx(12 * (active["base_pay"] + active["target_bonus"]).sum())
    assert set(o.by_department["department_id"]) == set(members)


def test_the_as_of_month_moves_the_tiles_and_the_flows_to_its_end(company):
    store, people = company
    month_end = date(2025, 6, 30)
    o = organisation(store, month_end).figures
    assert o.as_of == month_end
    assert o.headcount == employed(people, month_end).sum()
    assert o.trend["month_end"].iloc[-1] == pd.Timestamp(month_end) and len(o.trend) == MONTHS
    hired = (people["hire_date"] > pd.Timestamp("2024-06-30")) & (people["hire_date"] <= pd.Timestamp(month_end))
    assert o.hires_12m == hired.sum()
    assert o.flows["month"].iloc[-1] == pd.Timestamp(month_end)


def test_a_department_of_fewer_than_five_shows_no_payroll(company):
    store, _ = company
    office = organisation(store.within("X"), AS_OF)
    assert office.figures.headcount == 2
    assert not office.payroll_shown and np.isnan(office.figures.base_pay_monthly)
    assert organisation(store.within("S1"), AS_OF).payroll_shown


def test_department_pay_hides_small_groups_and_enough_others_that_the_total_cannot_give_them_back(company):
    store, people = company
    departments = organisation(store, AS_OF).figures.by_department.set_index("department_id")
    active = people[employed(people, AS_OF)]
    own = (12 * (active["base_pay"] + active["target_bonus"])).groupby(active["department_id"]).sum()
    hidden = departments["payroll"].isna() & (departments["headcount"] > 0)
    assert departments.loc["X", "headcount"] == 2 and hidden["X"]
    assert departments.loc[hidden, "headcount"].sum() >= MIN_GROUP  # the office alone would be told apart
    shown = departments.index[departments["payroll"].notna() & (departments["headcount"] > 0)]
    assert (departments.loc[shown, "headcount"] >= MIN_GROUP).all()
    assert departments.loc[shown, "payroll"].to_dict() == pytest.approx(own[shown].to_dict())


def test_a_manager_narrowing_outside_their_department_sees_nobody(company):
    store, _ = company
    manager = store.as_user(User("m", "manager", "S"))
    assert organisation(manager.within("R"), AS_OF).figures.headcount == 0
    assert organisation(manager.within("HQ"), AS_OF).figures.headcount == organisation(manager, AS_OF).figures.headcount


def test_the_context_lists_departments_in_tree_order_and_the_months_one_may_choose(company):
    store, _ = company
    company_settings.save(store, as_of="2026-10-15")
    c = context(store)
    assert c.as_of == date(2026, 10, 15)
    assert list(zip(c.departments["department_id"], c.departments["depth"])) == [
        ("HQ", 0), ("R", 1), ("S", 1), ("S1", 2), ("S2", 2), ("X", 1)]
    assert c.months[0] == c.as_of and len(c.months) == MONTHS
    ends = [pd.Timestamp(m) for m in c.months[1:]]
    assert all(m.is_month_end for m in ends) and ends == sorted(ends, reverse=True)
    assert ends[0].to_period("M") == pd.Timestamp(c.as_of).to_period("M") - 1
    assert c.employees == 200 and bool(c.data_held["employees"]) and not c.data_held["scorecards"]


def test_a_nine_box_of_small_boxes_hides_their_counts_and_shares():
    # 3 in box 9 and 1 in box 1: hidden, and with them the next smallest (box 4, 6 people) so 10 are hidden.
    counts = without_small_groups(ninebox.grid([9] * 3 + [1] + [4] * 6 + [5] * 40 + [8] * 12), "count", "share")
    by_box = counts.set_index("box")
    assert by_box.loc[[9, 1, 4], "count"].isna().all() and by_box.loc[[9, 1, 4], "share"].isna().all()
    assert by_box.loc[[5, 8], "count"].tolist() == [40, 12]
    assert by_box.loc[[2, 3, 6, 7], "count"].tolist() == [0, 0, 0, 0]  # nobody in a box tells nothing


@pytest.mark.parametrize("sizes, hidden", [
    ([10, 10, 10], []), ([4, 10, 10], [0, 1]), ([3, 2, 10], [0, 1]), ([0, 0, 7], []), ([1, 5, 6, 9], [0, 1]),
    ([2], [0])])
def test_small_groups_hide_one_to_four_and_the_smallest_others_until_five_are_hidden(sizes, hidden):
    assert np.flatnonzero(small_groups(sizes)).tolist() == hidden
