"""Appraisal cycles by role (seed 003, DOMAIN.md §4): 总经理（年度），副总（半年或者季度），经理助理（季度），员工（月）.

Roles follow the rule of hrcore.cycles: the company head's job is the general manager's, the heads of the units
below it hold vice presidents' jobs, a 经理助理 title is a manager assistant's, other managing jobs are managers',
the rest staff.  Expected means and ratings are worked by hand with DOMAIN.md §4's bands A ≥ 110 > B ≥ 95 > C ≥ 80.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from hrcore import cycles, errors, kpi, pay

JOBS = pd.DataFrame({
    "job_id": ["CEO", "CGM", "MGR", "AST", "ENG"],
    "title_en": ["President", "Centre general manager", "Manager", "Assistant to the general manager", "Engineer"],
    "title_zh": ["总裁", "中心总经理", "经理", "总经理助理", "工程师"],
    "is_manager": [True, True, True, False, False]})
DEPARTMENTS = pd.DataFrame({"department_id": ["D0", "D1", "D11"], "name_en": ["Co", "Centre", "Team"],
                            "parent_id": [None, "D0", "D1"], "head_id": ["E1", "E2", "E3"]})
EMPLOYEES = pd.DataFrame({"employee_id": ["E1", "E2", "E3", "E4", "E5"], "department_id": ["D0", "D1", "D11", "D0", "D11"],
                          "job_id": ["CEO", "CGM", "MGR", "AST", "ENG"], "manager_id": [None, "E1", "E2", "E1", "E3"],
                          "status": "active"})


@pytest.fixture
def company(fresh_db):
    fresh_db.upsert("jobs", JOBS)
    fresh_db.upsert("departments", DEPARTMENTS)
    fresh_db.upsert("employees", EMPLOYEES)
    return fresh_db


def cards(store, rows):
    """Scored employee cards: (owner, period, total)."""
    store.upsert("scorecards", pd.DataFrame({
        "scorecard_id": [f"{p}-{o}" for o, p, _ in rows], "owner_type": "employee", "owner_id": [o for o, _, _ in rows],
        "period": [p for _, p, _ in rows], "total_score": [t for _, _, t in rows],
        "rating": [kpi.rate(t) for _, _, t in rows], "status": "scored"}))


def test_period_kinds_read_years_halves_quarters_and_months_in_both_languages():
    periods = ["2026", "2026年", "2026-H1", "2026H2", "2026年下半年", "2026Q3", "2026年第三季度", "2026-09", "2026年9月"]
    assert [cycles.period_kind(p) for p in periods] == ["yearly"] * 2 + ["half-yearly"] * 3 + ["quarterly"] * 2 + \
        ["monthly"] * 2
    assert [cycles.period_kind(p) for p in ["Spring", "2026-13", "2026Q5", ""]] == [None] * 4


def test_a_period_fits_a_cycle_only_when_its_kind_is_the_cycle():
    found = cycles.fits(["2026-09", "2026Q3", "2026-H2", "2026", "Spring"], "monthly")
    assert found.tolist() == [True, False, False, False, False]
    assert cycles.fits(["2026Q3", "2026-H2"], ["quarterly", "half-yearly"]).tolist() == [True, True]


def test_a_month_lies_within_its_quarter_half_and_year_and_a_year_only_within_itself():
    periods = ["2026-07", "2026-09", "2026-10", "2026Q3", "2026-H2", "2026"]
    assert cycles.within(periods, "2026Q3").tolist() == [True, True, False, True, False, False]
    assert cycles.within(periods, "2026-H2").tolist() == [True, True, True, True, True, False]
    assert cycles.within(periods, "2026").tolist() == [True] * 6


def test_roles_by_job_follow_the_heads_and_titles_and_the_settings_override_them(company):
    roles = cycles.store_roles(company)
    assert roles.to_dict() == {"CEO": "general_manager", "CGM": "vice_president", "MGR": "manager",
                               "AST": "manager_assistant", "ENG": "staff"}
    kpi.save_settings(company, {**kpi.load_settings(company), "roles": {"ENG": "manager_assistant"}})
    assert cycles.store_roles(company)["ENG"] == "manager_assistant"


def test_seed_cycles_by_owner_employee_position_and_department(company):
    # Seed 003: 总经理 yearly, 副总 half-yearly, 经理助理 quarterly, 员工 monthly; a department follows its head.
    assert [cycles.owner_cycle(company, "employee", e)[1] for e in ["E1", "E2", "E3", "E4", "E5"]] == \
        ["yearly", "half-yearly", "quarterly", "quarterly", "monthly"]
    assert cycles.owner_cycle(company, "position", "ENG") == ("staff", "monthly")
    assert cycles.owner_cycle(company, "department", "D11") == ("manager", "quarterly")
    assert cycles.owner_cycle(company, "department", "D1") == ("vice_president", "half-yearly")
    assert cycles.owner_cycle(company, "employee", "NOT-ON-FILE") == ("staff", "monthly")


def test_settings_saved_before_the_manager_assistants_still_give_them_a_cycle(company):
    company.save_settings(kpi.SETTINGS_KEY, {"cycles": {"general_manager": "yearly", "vice_president": "quarterly",
                                                        "manager": "quarterly", "staff": "monthly"}})
    assert kpi.load_settings(company)["cycles"]["manager_assistant"] == "quarterly"
    assert cycles.owner_cycle(company, "employee", "E2") == ("vice_president", "quarterly")  # 副总: 或者季度


def test_save_settings_refuses_an_unknown_role(company):
    with pytest.raises(ValueError, match="roles: unknown role"):
        kpi.save_settings(company, {**kpi.load_settings(company), "roles": {"ENG": "intern"}})


def test_cycle_periods_offer_the_current_period_of_the_cycle_with_the_next_and_earlier_ones():
    as_of = date(2026, 10, 31)
    assert cycles.cycle_periods("monthly", as_of, before=2) == ["2026-11", "2026-10", "2026-09", "2026-08"]
    assert cycles.cycle_periods("quarterly", as_of, before=1) == ["2027Q1", "2026Q4", "2026Q3"]
    assert cycles.cycle_periods("yearly", as_of, before=1, after=0) == ["2026", "2025"]


def test_new_card_refuses_a_period_off_the_owners_cycle_and_writes_nothing(company):
    with pytest.raises(ValueError) as refused:
        kpi.new_card(company, "employee", "E5", "2026Q3", "E3", "hr")
    # The message names the owner, the role, the cycle and the period, in words in either language.
    assert all(word in str(refused.value) for word in ("E5", "Staff", "Monthly", "2026Q3"))
    assert errors.problem_text(refused.value, "zh") == (
        "期间：“2026Q3”不符合员工 E5 的考核周期（员工：月度）；请填写该周期的期间，例如 2026-03")
    with pytest.raises(ValueError, match=r"cycle of Employee E1 \(General manager: Yearly\)"):
        kpi.new_card(company, "employee", "E1", "2026-09", None, "hr")
    assert company.count("scorecards") == 0
    assert kpi.new_card(company, "employee", "E5", "2026-09", "E3", "hr") == "2026-09-E5"
    assert kpi.new_card(company, "employee", "E1", "2026", None, "hr") == "2026-E1"
    assert kpi.new_card(company, "position", "ENG", "2026-10", None, "hr") == "2026-10-ENG"


def test_the_data_check_flags_each_card_off_its_owners_cycle_once(company):
    cards(company, [("E5", "2026Q3", 100.0), ("E5", "2026-09", 100.0), ("E1", "2026", 100.0),
                    ("E3", "2026Q3", 100.0), ("E3", "Spring", 100.0)])
    flagged = cycles.off_cycle(company)
    assert flagged[["scorecard_id", "role", "cycle", "kind"]].values.tolist() == [
        ["2026Q3-E5", "staff", "monthly", "quarterly"], ["Spring-E3", "manager", "quarterly", None]]
    assert cycles.off_cycle(company, "2026-09").empty


def test_performance_over_a_quarter_is_the_mean_of_the_months_within_it(company):
    # Staff member E5's three months of 2026Q3: (90 + 100 + 116) / 3 = 102, a B (95 <= 102 < 110); October is
    # outside the quarter.  Manager E3's quarter card counts as it is; the CEO's year card counts for 2026 only.
    cards(company, [("E5", "2026-07", 90.0), ("E5", "2026-08", 100.0), ("E5", "2026-09", 116.0),
                    ("E5", "2026-10", 50.0), ("E3", "2026Q3", 111.0), ("E1", "2026", 94.0)])
    quarter = cycles.performance_in(company, "2026Q3").set_index("employee_id")
    assert quarter.loc["E5", ["performance", "rating", "cards"]].tolist() == [102.0, "B", 3]
    assert quarter.loc["E3", ["performance", "rating", "cards"]].tolist() == [111.0, "A", 1]
    assert "E1" not in quarter.index
    year = cycles.performance_in(company, "2026").set_index("employee_id")
    # The year: (90 + 100 + 116 + 50) / 4 = 89, a C; the CEO's one card, 94, a C.
    assert year.loc["E5", ["performance", "rating", "cards"]].tolist() == [89.0, "C", 4]
    assert year.loc["E1", ["performance", "rating"]].tolist() == [94.0, "C"]


def test_pay_takes_the_rating_of_the_latest_review_period(company):
    # E5's latest review is 2026Q3 (its months: 102, B), not September's card alone (116, A); E1's is the year.
    cards(company, [("E5", "2026Q2", 80.0), ("E5", "2026-07", 90.0), ("E5", "2026-08", 100.0),
                    ("E5", "2026-09", 116.0), ("E1", "2025", 112.0)])
    assert pay.latest_ratings(company, date(2026, 10, 31)).to_dict() == {"E1": "A", "E5": "B"}
    # On 2026-08-15 September has not started: July and August, (90 + 100) / 2 = 95, a B by its lower bound.
    assert pay.latest_ratings(company, date(2026, 8, 15)).to_dict() == {"E1": "A", "E5": "B"}


def test_review_periods_offer_the_quarters_halves_and_years_the_cards_fill():
    # A month counts in its quarter, half-year and year; a year still running is not offered.
    # The latest card ends in September 2026: 2026-H2 and 2026 are still running.  Latest end first, the
    # longer period first at the same end.
    assert cycles.review_periods(["2025-11", "2026-08", "2026Q3", "2026-H1", "2025"]) == \
        ["2026Q3", "2026-H1", "2025", "2025-H2", "2025Q4"]
