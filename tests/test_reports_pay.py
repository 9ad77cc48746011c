"""The salary structure's reports (hrcore/reports/pay.py), each figure recomputed here with pandas from the raw
rows: the structure in force from its approved grades, this design from its own grade table and the employees."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from hrcore import pay
from hrcore.access import User
from hrcore.demo import build_demo
from hrcore.reports import pay as reports
from hrcore.store import Store

EVERY_RATING_AT_ONE = "A=1,B=1,C=1,D=1,E=1"  # bonus = the grade's target bonus, whatever the rating


@pytest.fixture
def writable() -> Store:
    store = Store(":memory:")
    build_demo(store, employees=300, seed=5)
    yield store
    store.close()


def active_people(db: Store) -> pd.DataFrame:
    """Active employees with their job's grade, as stored (the grading the demo's structure in force was cut on)."""
    return db.query("SELECT e.employee_id, e.department_id, e.base_pay, e.target_bonus, j.grade FROM employees e "
                    "JOIN jobs j USING (job_id) WHERE e.status = 'active'")


def key(db: Store, **changes) -> str:
    return reports.settings_key(pay.Settings(**{**vars(reports.setup(db).defaults), **changes}))


def test_the_structure_in_force_headline_matches_a_pandas_recomputation_from_its_approved_grades(demo):
    force = demo.query("SELECT structure_id, name, params FROM pay_structures WHERE status = 'approved'")
    grades = demo.query("SELECT grade, fixed_min, fixed_max FROM pay_grades WHERE structure_id = ?",
                        [force["structure_id"][0]])
    people = active_people(demo).merge(grades, on="grade")
    approved = json.loads(force["params"][0])["approved_total"]
    payroll = 12 * (people["base_pay"] + people["target_bonus"]).sum()

    head = reports.headline(demo)

    assert (head.structure_id, head.name, head.headcount) == (force["structure_id"][0], force["name"][0], len(people))
    assert head.below == (people["base_pay"] < people["fixed_min"]).sum()
    assert head.below_share == pytest.approx((people["base_pay"] < people["fixed_min"]).mean())
    assert head.above == (people["base_pay"] > people["fixed_max"]).sum()
    assert head.above_share == pytest.approx((people["base_pay"] > people["fixed_max"]).mean())
    assert head.current_payroll == pytest.approx(payroll)
    assert head.approved == approved
    assert head.budget_used == pytest.approx(payroll / approved)


def test_every_page_reads_the_same_compa_ratios_as_the_headline_counts(demo):
    found = reports.in_force(demo)
    grades = demo.query("SELECT grade, fixed_min, fixed_mid FROM pay_grades WHERE structure_id = ?",
                        [found.headline.structure_id])
    people = active_people(demo).merge(grades, on="grade").set_index("employee_id")
    ratios = found.people.set_index("employee_id")["compa_ratio"]
    np.testing.assert_allclose(ratios, (people["base_pay"] / people["fixed_mid"]).loc[ratios.index])
    assert list(found.people.columns) == ["employee_id", "department_id", "base_pay", "compa_ratio"]


def test_a_department_manager_sees_the_count_of_their_people_and_no_company_budget_share(demo):
    manager = demo.as_user(User("mgr", "manager", "D310"))
    head = reports.headline(manager)
    theirs = reports.in_force(manager).people
    assert head.headcount == len(theirs) < reports.headline(demo).headcount
    assert set(theirs["department_id"]) <= set(manager.query("SELECT department_id FROM departments")["department_id"])
    assert head.budget_used is None  # the approved budget is the company's: no share of it for one department


def test_this_design_is_counted_on_its_own_grades_and_differs_from_the_structure_in_force(demo):
    settings_json = key(demo)
    grades = reports.design(demo, settings_json, 1e8).structure.grades[["grade", "fixed_min", "fixed_max"]]
    people = active_people(demo).merge(grades, on="grade")
    below = people["base_pay"] < people["fixed_min"]

    found = reports.people(demo, settings_json)

    assert found.design.headcount == len(people)
    assert found.design.below == below.sum()
    assert found.design.below_share == pytest.approx(below.mean())
    assert found.design.above_share == pytest.approx((people["base_pay"] > people["fixed_max"]).mean())
    assert found.design.cost_to_min == pytest.approx(12 * (people["fixed_min"] - people["base_pay"])[below].sum())
    # The same report carries the structure in force, labelled apart on the page: here they are not equal.
    assert found.in_force == reports.headline(demo)
    assert found.design.below_share != found.in_force.below_share
    assert found.by_department["headcount"].sum() == len(people)
    assert len(found.outside) == below.sum() + (people["base_pay"] > people["fixed_max"]).sum()
    assert found.outside["name_en"].notna().all()  # people by name


def test_the_cost_strip_sets_the_design_cost_against_the_budget(demo):
    settings_json = key(demo, bonus_factors=EVERY_RATING_AT_ONE)
    approved = 150_000_000.0
    designed = reports.design(demo, settings_json, approved)
    grades = designed.structure.grades[["grade", "fixed_min", "target_bonus"]]
    people = active_people(demo).merge(grades.rename(columns={"target_bonus": "grade_bonus"}), on="grade")
    today = 12 * (people["base_pay"] + people["target_bonus"]).sum()
    cost = 12 * (np.maximum(people["base_pay"], people["fixed_min"]) + people["grade_bonus"]).sum()

    strip = designed.strip

    assert strip.current == pytest.approx(today)
    assert strip.structure == pytest.approx(cost)
    assert strip.change == pytest.approx(cost / today - 1)
    assert strip.gap == pytest.approx(cost - approved)
    assert strip.budget_used == pytest.approx(cost / approved)
    assert reports.cost(demo, settings_json, approved).strip == strip


def test_a_lead_shows_as_the_gap_between_the_aged_market_and_the_policy_line(demo):
    lag = reports.design(demo, key(demo, market_growth=0.07), 1e8)
    np.testing.assert_allclose(lag.structure.grades["raw_mid"], lag.structure.grades["market_mid"])
    assert lag.lead == 0

    led = reports.design(demo, key(demo, market_growth=0.07, policy="lead", manual_lead=0.03), 1e8)
    # By hand: a lead over a 12-month plan at 7 % a year is × 1.07, the manual lead × 1.03 on top.
    grades = led.structure.grades
    np.testing.assert_allclose(grades["raw_mid"] / grades["market_mid"], 1.07 * 1.03)
    np.testing.assert_allclose(grades["market_mid"], lag.structure.grades["market_mid"])
    assert led.lead == pytest.approx(1.07 * 1.03 - 1)
    # The dotted market percentiles are the market itself, aged, as the lag design reads it: not led.
    np.testing.assert_allclose(led.market["p75"], lag.structure.grades["market_p75"])


def test_the_levers_are_set_against_the_design_and_the_headcount_lever_only_when_over(demo):
    settings_json = key(demo)
    within = reports.cost(demo, settings_json, 1e12)
    assert "headcount" not in set(within.levers["lever"])
    over = reports.cost(demo, settings_json, 1.0)
    cut = over.levers.set_index("lever").loc["headcount"]
    per_head = over.strip.structure / reports.people(demo, settings_json).design.headcount
    assert cut["value"] == np.ceil((over.strip.structure - 1.0) / per_head)
    np.testing.assert_allclose(over.levers["change"], over.levers["structure"] - over.strip.structure)
    assert within.bonus_total == pytest.approx(within.bonus_by_rating["bonus"].sum())


def test_the_budget_grows_every_department_and_takes_the_analysts_edits(demo):
    settings_json = key(demo)
    today = active_people(demo).groupby("department_id").size()
    grown = reports.budget(demo, settings_json, 0.10).plan.set_index("department_id")
    assert grown["current"].to_dict() == today.to_dict()
    np.testing.assert_array_equal(grown["planned"], np.round(today.loc[grown.index] * 1.10))
    department = grown.index[0]
    edited = reports.budget(demo, settings_json, 0.10, ((department, 0),))
    assert edited.plan.set_index("department_id").loc[department, "planned"] == 0
    assert edited.total == pytest.approx(reports.budget(demo, settings_json, 0.10).total - grown.loc[
        department, "budget"])


def test_scenarios_name_who_saved_them_and_compare_with_this_design(writable):
    settings_json = key(writable, position_low=60.0, position_high=60.0)
    designed = reports.design(writable, settings_json, 1e8)
    someone = writable.query("SELECT employee_id, name_en, name_zh FROM employees LIMIT 1").iloc[0]
    saved = pay.save_scenario(writable, "P60", designed.structure, someone["employee_id"])

    found = reports.scenarios(writable, key(writable), 150_000_000.0, (saved,))

    row = found.saved.set_index("structure_id").loc[saved]
    assert (row["created_by_en"], row["created_by_zh"]) == (someone["name_en"], someone["name_zh"])
    assert found.drafts == (saved,) and found.in_force == reports.headline(writable).structure_id
    this, other = found.compared
    assert this.structure_id is None and other.name == "P60"
    stored = writable.query("SELECT grade, fixed_min, fixed_mid FROM pay_grades WHERE structure_id = ?", [saved])
    people = active_people(writable).merge(stored, on="grade")
    assert other.below_share == pytest.approx((people["base_pay"] < people["fixed_min"]).mean())
    assert other.highest_mid == pytest.approx(stored["fixed_mid"].iloc[-1])
    assert other.against_budget == pytest.approx(other.structure_cost - 150_000_000.0)
    assert this.structure_cost == pytest.approx(reports.design(writable, key(writable), 1.0).strip.structure)


def test_the_designer_starts_from_the_saved_grading_and_the_approved_total(demo):
    start = reports.setup(demo)
    approved = json.loads(demo.query("SELECT params FROM pay_structures WHERE status = 'approved'")["params"][0])
    assert start.approved_default == approved["approved_total"]
    assert start.defaults.grades == 12 and start.defaults.effective_date == "2026-11-01"
    assert set(start.outliers["job_id"]) == {"RD-ALG", "MF-WSD"}  # the demo's planted outliers, with titles
    assert start.outliers["title_en"].notna().all()
