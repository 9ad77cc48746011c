"""The leaders' overview against a plain pandas recount of the same people."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from hrcore.overview import department_rollup, summarize

AS_OF = date(2026, 10, 31)


@pytest.fixture
def company(fresh_db):
    """300 people with random hire and exit dates over six years (seeded)."""
    rng = np.random.default_rng(11)
    n = 300
    hire = pd.Timestamp("2020-11-01") + pd.to_timedelta(rng.integers(0, 6 * 365, n), unit="D")
    stay = pd.to_timedelta(rng.integers(20, 2000, n), unit="D")
    leaves = rng.random(n) < 0.4
    exit_ = (hire + stay).where(leaves & (hire + stay <= pd.Timestamp(AS_OF)))
    people = pd.DataFrame({
        "employee_id": [f"E{i}" for i in range(n)],
        "department_id": rng.choice(["D1", "D2", "X9"], n),
        "hire_date": hire,
        "exit_date": exit_,
        "status": np.where(exit_.notna(), "left", "active"),
        "exit_type": np.where(exit_.notna(), rng.choice(["voluntary", "involuntary"], n), None),
        "base_pay": rng.integers(5000, 30000, n).astype(float),
        "target_bonus": rng.integers(0, 3000, n).astype(float),
    })
    # A later hire (after the as-of date) must not count yet.
    people.loc[0, ["hire_date", "exit_date", "status", "exit_type"]] = [pd.Timestamp("2026-12-01"), pd.NaT, "active", None]
    fresh_db.upsert("employees", people)
    fresh_db.upsert("departments", pd.DataFrame({
        "department_id": ["ROOT", "D1", "D2"], "parent_id": [None, "ROOT", "ROOT"],
        "name_en": ["Company", "Sales", "R&D"], "name_zh": ["公司", "销售部", "研发部"]}))
    return fresh_db, people


def employed(people: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    return (people["hire_date"] <= day) & (people["exit_date"].isna() | (people["exit_date"] > day))


def test_headcount_trend_matches_a_recount_at_every_month_end(company):
    store, people = company
    o = summarize(store, AS_OF, months=36)
    for month_end, headcount in zip(o.trend["month_end"], o.trend["headcount"]):
        assert headcount == employed(people, month_end).sum(), month_end
    assert len(o.trend) == 36 and o.trend["month_end"].iloc[-1] == pd.Timestamp(AS_OF)


def test_twelve_month_figures_match_a_recount(company):
    store, people = company
    o = summarize(store, AS_OF)
    year_ago = pd.Timestamp("2025-10-31")
    in_year = lambda col: (people[col] > year_ago) & (people[col] <= pd.Timestamp(AS_OF))
    assert o.headcount == employed(people, pd.Timestamp(AS_OF)).sum()
    assert o.headcount_year_ago == employed(people, year_ago).sum()
    assert o.hires_12m == in_year("hire_date").sum()
    assert o.exits_12m == in_year("exit_date").sum()
    assert o.voluntary_12m == (in_year("exit_date") & (people["exit_type"] == "voluntary")).sum()
    assert o.involuntary_12m == (in_year("exit_date") & (people["exit_type"] == "involuntary")).sum()
    assert o.turnover_12m == pytest.approx(o.exits_12m / ((o.headcount + o.headcount_year_ago) / 2))


def test_monthly_flows_add_up_to_the_change_in_headcount(company):
    store, _ = company
    o = summarize(store, AS_OF, months=24)
    exits = o.flows[["voluntary", "involuntary", "unspecified"]].sum(axis=1)
    assert (o.trend["headcount"].diff().iloc[1:] == (o.flows["hires"] - exits).iloc[1:]).all()


def test_payroll_is_twelve_months_of_base_and_target_bonus_of_the_people_employed_on_the_as_of_date(company):
    store, people = company
    # Employee E0, hired after the as-of date, is not on the payroll yet.
    active = people[employed(people, pd.Timestamp(AS_OF))]
    assert len(active) == (people["status"] == "active").sum() - 1
    o = summarize(store, AS_OF)
    assert o.payroll_annual == pytest.approx(12 * (active["base_pay"] + active["target_bonus"]).sum())
    assert o.base_pay_monthly == pytest.approx(active["base_pay"].sum())


def test_departments_missing_from_the_tree_still_show_under_their_id(company):
    store, people = company
    o = summarize(store, AS_OF)
    rows = department_rollup(o.by_department, "zh", "未分配").set_index("department_id")
    active = people[employed(people, pd.Timestamp(AS_OF))]
    assert rows.loc["X9", "label"] == "X9" and rows.loc["X9", "parent_id"] == ""
    assert rows.loc["D1", "label"] == "销售部" and rows.loc["D1", "parent_id"] == "ROOT"
    assert rows["headcount"].sum() == len(active)
    # Everyone in a department and under it: the root holds Sales and R&D (its own people none).
    assert rows.loc["ROOT", "people"] == active["department_id"].isin(["D1", "D2"]).sum()
    assert rows.loc["D1", "people"] == (active["department_id"] == "D1").sum()


def test_leavers_without_an_exit_date_are_counted_apart(fresh_db):
    fresh_db.upsert("employees", pd.DataFrame({
        "employee_id": ["a", "b"], "status": ["active", "left"],
        "hire_date": pd.to_datetime(["2020-01-01", "2020-01-01"])}))
    o = summarize(fresh_db, AS_OF)
    assert (o.headcount, o.undated_leavers) == (1, 1)
    assert o.trend["headcount"].eq(1).all()
