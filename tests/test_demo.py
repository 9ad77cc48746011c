"""The demo company: deterministic, valid, coherent, and as plausible as promised.

Checks recompute what they check with plain numpy and pandas rather than
calling the generator's own helpers.
"""

from __future__ import annotations

import math
import re
from datetime import date

import numpy as np
import pandas as pd
import pytest

from hrcore import cycles, demo, watchlist
from hrcore.company import as_of_date
from hrcore.demo import DEFAULT_AS_OF, build_demo, generate
from hrcore.schema import TABLES
from hrcore.store import Store

AS_OF = pd.Timestamp(DEFAULT_AS_OF)
WINDOW_START = AS_OF - pd.DateOffset(years=3)
HEAD_JOBS = {"MG-CEO", "MG-GM", "MG-DIR", "MF-WSD"}
"""The jobs that head the company, a centre, a department or a workshop."""
GROUP_WEIGHTS = {"superior": 0.4, "peer": 0.3, "subordinate": 0.2, "other": 0.1}
"""DOMAIN §6: all raters but self weights each group's mean, scaled over the groups that rated."""


@pytest.fixture(scope="module")
def small():
    """A small company: every row can be validated."""
    return generate(employees=400, seed=3)


@pytest.fixture(scope="module")
def company():
    """The default-size company, for shares and rates."""
    return generate(employees=2000, seed=7)


def rows(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with None for missing values, as a user's file would give them."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def headcount(employees: pd.DataFrame, day: pd.Timestamp) -> int:
    """People hired on or before ``day`` whose last day of service is after it."""
    on_staff = (employees["hire_date"] <= day) & (employees["exit_date"].isna() | (employees["exit_date"] > day))
    return int(on_staff.sum())


def observed_on(employees: pd.DataFrame) -> pd.Series:
    """The exit date of leavers, the as-of date of the people still here."""
    return employees["exit_date"].fillna(AS_OF)


# ---------------------------------------------------------------------------
# Shape and determinism
# ---------------------------------------------------------------------------

def test_same_seed_gives_identical_frames_and_another_seed_does_not():
    first, again, other = generate(300, seed=1), generate(300, seed=1), generate(300, seed=2)
    for name in TABLES:
        pd.testing.assert_frame_equal(first[name], again[name])
    assert not first["employees"].equals(other["employees"])
    assert not first["market_data"].equals(other["market_data"])


@pytest.mark.parametrize("employees", [200, 1234])
def test_exactly_the_requested_number_are_active(employees):
    staff = generate(employees, seed=5)["employees"]
    assert (staff["status"] == "active").sum() == employees
    assert headcount(staff, AS_OF) == employees


def test_too_few_employees_are_refused():
    with pytest.raises(ValueError, match="employees"):
        generate(employees=50)


def test_every_table_has_exactly_its_schema_columns(small):
    assert list(small) == list(TABLES)
    for name, spec in TABLES.items():
        assert list(small[name].columns) == spec.columns, name


def test_every_row_validates_against_its_model(small):
    for name, spec in TABLES.items():
        for row in rows(small[name]):
            spec.model.model_validate(row)


def test_keys_are_unique(company):
    for name, spec in TABLES.items():
        frame = company[name]
        assert not frame.duplicated(list(spec.key)).any(), name


def test_ids_are_strings_dates_are_dates_and_flags_are_bools(small):
    employees = small["employees"]
    assert employees["employee_id"].map(type).eq(str).all()
    assert re.fullmatch(r"E\d{7}", employees["employee_id"].iloc[0])
    for column in ("hire_date", "birth_date", "exit_date"):
        assert pd.api.types.is_datetime64_any_dtype(employees[column])
        assert (employees[column].dropna() == employees[column].dropna().dt.normalize()).all()
    assert employees["key_talent"].dtype == bool
    assert employees["grade"].dtype == np.int64


# ---------------------------------------------------------------------------
# Referential integrity
# ---------------------------------------------------------------------------

def test_references_point_at_existing_rows(company):
    c = company
    employees = c["employees"]
    people = set(employees["employee_id"])
    assert set(employees["department_id"]) <= set(c["departments"]["department_id"])
    assert set(employees["job_id"]) <= set(c["jobs"]["job_id"])
    assert set(employees["manager_id"].dropna()) <= people
    for table, column in [("employee_events", "employee_id"), ("leave_records", "employee_id"),
                          ("attrition_signals", "employee_id"), ("certifications", "employee_id"),
                          ("ratings_360", "ratee_id"), ("ratings_360", "rater_id"),
                          ("scorecards", "appraiser_id")]:
        assert set(c[table][column].dropna()) <= people, (table, column)
    assert set(c["scorecard_lines"]["scorecard_id"]) == set(c["scorecards"]["scorecard_id"])
    assert set(c["scorecard_lines"]["indicator_id"]) <= set(c["kpi_indicators"]["indicator_id"])
    assert set(c["market_data"]["job_id"]) == set(c["jobs"].loc[c["jobs"]["is_key"], "job_id"])
    assert set(c["ratings_360"]["item_id"]) <= set(c["comp_items"]["item_id"])
    assert set(c["comp_items"]["model_id"]) <= set(c["comp_models"]["model_id"])
    assert set(c["comp_targets"]["job_id"]) == set(c["jobs"].loc[c["jobs"]["is_manager"], "job_id"])
    assert set(c["comp_targets"]["item_id"]) <= set(c["comp_items"]["item_id"])
    assert set(c["departments"]["parent_id"].dropna()) <= set(c["departments"]["department_id"])
    jobs = set(c["jobs"]["job_id"])
    assert set(c["jobs"]["next_job_id"].dropna()) <= jobs
    assert set(c["qualification_reqs"]["job_id"]) == jobs
    assert set(c["cert_levels"]["job_id"]) <= jobs
    assert set(c["cert_appeals"]["employee_id"]) <= people
    assert set(c["certifications"]["course"].dropna()) <= set(c["cert_courses"]["course_id"])


def test_active_people_report_to_active_managers_in_the_chain_of_command(company):
    employees = company["employees"].set_index("employee_id")
    departments = company["departments"].set_index("department_id")
    active = employees[employees["status"] == "active"]
    assert active["manager_id"].isna().sum() == 1  # the CEO
    managers = employees.loc[active["manager_id"].dropna()]
    assert (managers["status"] == "active").all()
    manager_jobs = set(company["jobs"].loc[company["jobs"]["is_manager"], "job_id"])
    assert managers["job_id"].isin(manager_jobs).all()
    # Staff report inside their department; a head reports to the head of the parent department.
    heads = set(departments["head_id"])
    staff = active[~active.index.isin(heads)]
    assert (employees.loc[staff["manager_id"], "department_id"].to_numpy() == staff["department_id"]).all()
    for dept, row in departments.iterrows():
        head = employees.loc[row["head_id"]]
        assert head["status"] == "active" and head["department_id"] == dept
        if pd.notna(row["parent_id"]):
            assert head["manager_id"] == departments.loc[row["parent_id"], "head_id"]


def test_department_tree_has_centres_and_about_25_leaves(company):
    departments = company["departments"]
    roots = departments[departments["parent_id"].isna()]
    assert len(roots) == 1
    leaves = departments[~departments["department_id"].isin(departments["parent_id"])]
    assert 22 <= len(leaves) <= 30
    assert departments[["name_en", "name_zh"]].notna().all().all()


# ---------------------------------------------------------------------------
# Jobs, market and pay structure
# ---------------------------------------------------------------------------

def test_jobs_are_graded_by_equal_point_bands(company):
    jobs, grades = company["jobs"], company["pay_grades"]
    assert 55 <= len(jobs) <= 70 and 18 <= jobs["is_key"].sum() <= 24
    # The bands span the default scheme: every factor at level 1 (20 % of 1,000) to every factor at the top.
    assert grades["points_min"].iloc[0] == 200 and grades["points_max"].iloc[-1] == 1000
    assert (grades["points_min"].iloc[1:].to_numpy() == grades["points_max"].iloc[:-1].to_numpy()).all()
    widths = grades["points_max"] - grades["points_min"]
    assert np.allclose(widths, widths.iloc[0], atol=0.011)  # edges rounded to cents of a point
    for _, job in jobs.iterrows():
        band = grades[(grades["points_min"] <= job["points"]) & (job["points"] < grades["points_max"])]
        assert band["grade"].tolist() == [job["grade"]], job["job_id"]
    assert set(jobs["grade"]) == set(range(1, 13))
    assert {"CS-REP1", "CS-REP2", "CS-REP3"} <= set(jobs["job_id"])


def test_job_points_are_the_sum_of_the_committees_consensus_levels(company):
    levels = company["eval_levels"].merge(company["eval_consensus"], on=["scheme_id", "factor_id", "level"])
    points = levels.groupby("job_id")["points"].sum()
    jobs = company["jobs"].set_index("job_id")
    assert len(points) == len(jobs)
    assert (points.reindex(jobs.index) == jobs["points"]).all()
    weights = company["eval_factors"]["weight"]
    assert len(weights) == 8 and math.isclose(weights.sum(), 1.0)


def test_four_raters_rate_every_key_job_and_disagree_most_on_the_planted_outliers(company):
    ratings = company["eval_ratings"]
    key = set(company["jobs"].loc[company["jobs"]["is_key"], "job_id"])
    assert set(ratings["job_id"]) == key and ratings["rater"].nunique() == 4
    spread = ratings.groupby(["job_id", "factor_id"])["level"].agg(lambda v: v.max() - v.min())
    by_job = spread.groupby("job_id").mean()
    planted = by_job[["RD-ALG", "MF-WSD"]].mean()
    assert planted > by_job.drop(["RD-ALG", "MF-WSD"]).mean()


def test_every_job_has_a_description_in_both_languages(company):
    jobs = company["jobs"]
    assert jobs["description_en"].str.len().gt(20).all()
    assert jobs["description_zh"].str.contains(r"[\u4e00-\u9fff]").all()


def test_career_paths_climb_a_grade_a_step_and_end_at_the_top(company):
    jobs = company["jobs"].set_index("job_id")
    next_job = jobs["next_job_id"].dropna()
    assert set(next_job) <= set(jobs.index)
    assert (jobs.loc[next_job.to_numpy(), "grade"].to_numpy() > jobs.loc[next_job.index, "grade"].to_numpy()).all()
    for start in jobs.index:  # no cycles: every path ends within as many steps as there are jobs
        seen, job = [start], jobs.at[start, "next_job_id"]
        while pd.notna(job):
            assert job not in seen, seen + [job]
            seen.append(job)
            job = jobs.at[job, "next_job_id"]
    path = ["CS-REP1"]
    while pd.notna(jobs.at[path[-1], "next_job_id"]):
        path.append(jobs.at[path[-1], "next_job_id"])
    assert path == ["CS-REP1", "CS-REP2", "CS-REP3", "CS-TL", "MG-MGR", "MG-SRM", "MG-DIR", "MG-GM", "MG-CEO"]
    assert jobs.at["MF-QI", "next_job_id"] == "MF-TL" and jobs.at["SC-TL", "next_job_id"] == "MG-MGR"
    assert pd.isna(jobs.at["MG-CEO", "next_job_id"])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_survey_p50_fits_points_with_r2_near_085_and_two_outliers(seed):
    frames = generate(200, seed=seed)
    survey = frames["market_data"]
    fixed = survey[(survey["survey_year"] == 2026) & (survey["pay_type"] == "fixed")].merge(
        frames["jobs"][["job_id", "points"]], on="job_id")
    slope, intercept = np.polyfit(fixed["points"], fixed["p50"], 1)
    residual = fixed["p50"] - (intercept + slope * fixed["points"])
    r2 = 1 - (residual ** 2).sum() / ((fixed["p50"] - fixed["p50"].mean()) ** 2).sum()
    assert 0.83 <= r2 <= 0.87
    z = residual / residual.std(ddof=2)
    assert sorted(fixed.loc[z.abs() > 2, "job_id"]) == ["MF-WSD", "RD-ALG"]
    assert z[fixed["job_id"] == "RD-ALG"].iloc[0] > 2  # paid far above its points
    assert z[fixed["job_id"] == "MF-WSD"].iloc[0] < -2  # and far below


def test_survey_percentiles_rise_and_total_cash_adds_a_growing_bonus(company):
    survey = company["market_data"].merge(company["jobs"][["job_id", "grade"]], on="job_id")
    values = survey[["p10", "p25", "p50", "p75", "p90"]].to_numpy()
    assert (np.diff(values, axis=1) > 0).all()
    assert set(survey["survey_year"]) == {2025, 2026}
    this_year = survey[survey["survey_year"] == 2026]
    fixed = this_year[this_year["pay_type"] == "fixed"].set_index("job_id")
    total = this_year[this_year["pay_type"] == "total_cash"].set_index("job_id")
    bonus_share = (total["p50"] / fixed["p50"] - 1)
    assert bonus_share.between(0.03, 0.32).all()
    low, high = fixed["grade"] <= 3, fixed["grade"] >= 8
    assert bonus_share[low].mean() < bonus_share[high].mean()
    fan = (fixed["p90"] - fixed["p10"]) / fixed["p50"]
    assert fan[low].mean() < fan[high].mean()


def test_pay_grades_follow_the_range_formula_with_rising_progression_and_spread(company):
    structure, grades = company["pay_structures"], company["pay_grades"]
    assert structure["status"].tolist() == ["approved"] and structure["structure_id"].tolist() == ["current"]
    assert "/" in structure["name"].iloc[0]  # English / 中文
    for prefix in ("fixed", "total"):
        low, mid, high = (grades[f"{prefix}_{part}"] for part in ("min", "mid", "max"))
        spread = high / low - 1
        assert np.allclose(mid * 2 / (2 + spread), low, atol=0.01)  # DOMAIN §3: min = mid·2/(2+s)
        assert np.allclose((low + high) / 2, mid, atol=0.01)
        assert spread.iloc[0] == pytest.approx(0.40, abs=0.005)
        assert spread.iloc[-1] == pytest.approx(0.80, abs=0.005)
        assert (spread.diff().dropna() > 0).all()
        progression = mid.shift(-1) / mid - 1
        assert (progression.diff().dropna() > 0).all()
    assert (grades["total_mid"] > grades["fixed_mid"]).all()


def test_employees_sit_in_their_ranges_with_a_few_outside(company):
    employees = company["employees"].merge(company["pay_grades"], on="grade")
    employees = employees.merge(company["jobs"][["job_id", "grade"]], on="job_id", suffixes=("", "_job"))
    assert (employees["grade"] == employees["grade_job"]).all()
    active = employees[employees["status"] == "active"]
    compa = active["base_pay"] / active["fixed_mid"]
    assert compa.between(0.85, 1.15).mean() > 0.8
    assert 0.02 <= (active["base_pay"] < active["fixed_min"]).mean() <= 0.06
    assert 0.01 <= (active["base_pay"] > active["fixed_max"]).mean() <= 0.05
    assert np.allclose(active["target_bonus"], active["total_mid"] - active["fixed_mid"])


# ---------------------------------------------------------------------------
# Workforce flows and exit drivers
# ---------------------------------------------------------------------------

def test_turnover_is_plausible_and_mostly_voluntary(company):
    employees = company["employees"]
    for years_back in range(3):
        end = AS_OF - pd.DateOffset(years=years_back)
        start = end - pd.DateOffset(years=1)
        average = (headcount(employees, start) + headcount(employees, end)) / 2
        exits = employees[(employees["exit_date"] > start) & (employees["exit_date"] <= end)]
        assert 0.12 <= len(exits) / average <= 0.20
        assert 0.08 <= (exits["exit_type"] == "voluntary").sum() / average <= 0.16
    leavers = employees[employees["status"] == "left"]
    assert leavers["exit_date"].between(WINDOW_START + pd.Timedelta(days=1), AS_OF).all()
    assert 0.65 <= (leavers["exit_type"] == "voluntary").mean() <= 0.85


def test_headcount_grows_a_few_percent_a_year(company):
    employees = company["employees"]
    counts = [headcount(employees, AS_OF - pd.DateOffset(years=y)) for y in (3, 2, 1, 0)]
    growth = np.diff(counts) / counts[:-1]
    assert ((growth > 0.02) & (growth < 0.08)).all()


def test_exit_reasons_are_codes_of_their_exit_type(company):
    leavers = company["employees"][company["employees"]["status"] == "left"]
    voluntary = leavers[leavers["exit_type"] == "voluntary"]["exit_reason"]
    involuntary = leavers[leavers["exit_type"] == "involuntary"]["exit_reason"]
    assert set(voluntary) <= set(demo.VOLUNTARY_REASONS)
    assert set(involuntary) <= set(demo.INVOLUNTARY_REASONS)
    active = company["employees"][company["employees"]["status"] == "active"]
    assert active[["exit_date", "exit_type", "exit_reason"]].isna().all().all()


def test_new_hires_leave_most(company):
    employees = company["employees"]
    service = (observed_on(employees) - employees["hire_date"]).dt.days
    leavers = employees["status"] == "left"
    assert (service[leavers] <= 90).mean() > 0.05
    assert service[leavers].median() < service[~leavers].median()


def test_leavers_were_paid_less_and_showed_more_signals(company):
    employees = company["employees"].merge(company["pay_grades"][["grade", "fixed_mid"]], on="grade")
    employees["compa"] = employees["base_pay"] / employees["fixed_mid"]
    left = employees["status"] == "left"
    assert employees.loc[left, "compa"].mean() < employees.loc[~left, "compa"].mean() - 0.01

    signals = company["attrition_signals"].merge(
        employees[["employee_id"]].assign(seen=observed_on(employees)), on="employee_id")
    recent = signals[(signals["signal_date"] > signals["seen"] - pd.Timedelta(days=180))
                     & (signals["signal_date"] <= signals["seen"])]
    per_person = employees["employee_id"].map(recent.groupby("employee_id").size()).fillna(0)
    assert per_person[left].mean() > 3 * per_person[~left].mean()
    assert per_person[~left].gt(0).mean() > 0.02  # the watchlist has people to find


def test_leave_rises_in_the_months_before_an_exit(company):
    employees = company["employees"]
    leave = company["leave_records"].merge(
        employees[["employee_id", "status", "hire_date"]].assign(seen=observed_on(employees)), on="employee_id")
    assert (leave["end_date"] >= leave["start_date"]).all() and (leave["days"] > 0).all()
    assert (leave["start_date"] >= leave["hire_date"]).all() and (leave["end_date"] <= leave["seen"]).all()
    assert set(leave["kind"]) <= {"annual", "sick", "personal", "other"}
    unplanned = leave[leave["kind"].isin(["sick", "personal"]) & (leave["status"] == "left")]
    last_90 = unplanned["start_date"] > unplanned["seen"] - pd.Timedelta(days=90)
    start = np.maximum(unplanned["hire_date"], WINDOW_START)
    earlier_days = (unplanned["seen"] - pd.Timedelta(days=90) - start).dt.days.clip(lower=1)
    leavers = unplanned["employee_id"].nunique()
    rate_before_exit = unplanned.loc[last_90, "days"].sum() / (90 * leavers)
    rate_earlier = unplanned.loc[~last_90, "days"].sum() / earlier_days.groupby(unplanned["employee_id"]).max().sum()
    assert rate_before_exit > 2 * rate_earlier


def test_people_are_adults_of_working_age_hired_after_eighteen(company):
    employees = company["employees"]
    age_at_hire = (employees["hire_date"] - employees["birth_date"]).dt.days / 365.25
    age_seen = (observed_on(employees) - employees["birth_date"]).dt.days / 365.25
    assert (age_at_hire >= 18).all()
    assert age_seen.between(20, 60).all()
    service = (observed_on(employees) - employees["hire_date"]).dt.days / 365.25
    assert service.max() <= 20.5 and service.min() >= 0
    active = employees[employees["status"] == "active"]
    assert 26 <= ((AS_OF - active["birth_date"]).dt.days / 365.25).median() <= 38


def test_names_are_chinese_with_their_pinyin(company):
    employees = company["employees"]
    assert employees["name_zh"].str.fullmatch(r"[\u4e00-\u9fff]{2,3}").all()
    assert employees["name_en"].str.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+").all()
    assert employees["name_zh"].nunique() > len(employees) / 4


def test_profile_codes_are_lowercase_and_known(company):
    employees = company["employees"]
    assert set(employees["location"]) <= set(demo.LOCATIONS)
    assert set(employees["major"].dropna()) <= set(demo.MAJORS)
    assert employees.loc[employees["education"] == "high_school", "major"].isna().all()
    for column in ("location", "major", "exit_reason", "gender", "education"):
        values = employees[column].dropna()
        assert values.str.fullmatch(r"[a-z_]+").all(), column
    active = employees[employees["status"] == "active"]
    assert 0.05 <= active["key_talent"].mean() <= 0.11


def test_job_level_is_left_empty_because_the_jobs_carry_the_levels(company):
    employees = company["employees"]
    assert employees["job_level"].isna().all()
    assert set(employees.loc[employees["job_id"].str.startswith("CS-REP"), "job_id"]) == {
        "CS-REP1", "CS-REP2", "CS-REP3"}


def test_events_tell_each_career(company):
    events, employees = company["employee_events"], company["employees"].set_index("employee_id")
    hires = events[events["event_type"] == "hire"].set_index("employee_id")
    assert hires.index.is_unique and len(hires) == len(employees)
    assert (hires["event_date"] == employees.loc[hires.index, "hire_date"]).all()
    exits = events[events["event_type"] == "exit"].set_index("employee_id")
    leavers = employees[employees["status"] == "left"]
    assert set(exits.index) == set(leavers.index)
    assert (exits["event_date"] == leavers.loc[exits.index, "exit_date"]).all()
    promotions = events[events["event_type"] == "promotion"]
    assert (promotions["to_grade"] > promotions["from_grade"]).all()
    seen = observed_on(employees.reset_index()).set_axis(employees.index)
    dates = promotions.set_index("employee_id")["event_date"]
    assert (dates > employees.loc[dates.index, "hire_date"]).all()
    assert (dates <= seen.loc[dates.index]).all()
    in_window = promotions[promotions["event_date"] > WINDOW_START]
    assert len(in_window) > 0.05 * len(employees)


def test_each_career_is_a_chain_of_jobs_ending_in_the_current_one(company):
    events = company["employee_events"]
    moves = events[events["event_type"] != "exit"].sort_values(["employee_id", "event_date"], kind="stable")
    came_from = moves.groupby("employee_id")["to_job_id"].shift()
    promotion = moves["event_type"] == "promotion"
    assert (moves.loc[promotion, "from_job_id"] == came_from[promotion]).all()
    assert not moves.duplicated(["employee_id", "event_date"]).any()
    now = moves.groupby("employee_id")["to_job_id"].last()
    jobs = company["employees"].set_index("employee_id")["job_id"]
    assert (now == jobs.loc[now.index]).all()


# ---------------------------------------------------------------------------
# Scorecards
# ---------------------------------------------------------------------------

def test_scorecards_follow_each_roles_cycle_for_everyone_employed_at_each_periods_end(company):
    # Seed 003: 总经理 yearly, 副总 (the centre general managers, 中心总经理) half-yearly, the other managers
    # quarterly, 员工 monthly; the last year of each, up to the latest complete quarter's end (2026-09-30).
    cards, employees = company["scorecards"], company["employees"]
    people = cards[cards["owner_type"] == "employee"].merge(employees[["employee_id", "job_id"]],
                                                            left_on="owner_id", right_on="employee_id")
    managing = set(company["jobs"].loc[company["jobs"]["is_manager"], "job_id"])
    staff = people[~people["job_id"].isin(managing)]
    managers = people[people["job_id"].isin(managing - {"MG-CEO", "MG-GM"})]
    assert sorted(staff["period"].unique()) == [f"2025-{m}" for m in (10, 11, 12)] + [f"2026-{m:02d}"
                                                                                      for m in range(1, 10)]
    assert sorted(managers["period"].unique()) == ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]
    assert sorted(people.loc[people["job_id"] == "MG-GM", "period"].unique()) == ["2025-H2", "2026-H1"]
    assert people.loc[people["job_id"] == "MG-CEO", "period"].tolist() == ["2025"]
    for period, end, who in [("2025-12", "2025-12-31", staff), ("2026-09", "2026-09-30", staff),
                             ("2026Q3", "2026-09-30", managers)]:
        day = pd.Timestamp(end)
        employed = (employees["hire_date"] <= day) & (employees["exit_date"].isna() | (employees["exit_date"] >= day))
        jobs = set(who["job_id"])
        expected = employees.loc[employed & employees["job_id"].isin(jobs), "employee_id"]
        assert set(who.loc[who["period"] == period, "owner_id"]) == set(expected)
    # Department cards follow their head: the leaves' heads are managers, quarterly.
    assert set(cards.loc[cards["owner_type"] == "department", "period"]) == {"2025Q4", "2026Q1", "2026Q2", "2026Q3"}
    assert (people["appraiser_id"].fillna("") == people.merge(
        employees[["employee_id", "manager_id"]], on="employee_id")["manager_id"].fillna("").to_numpy()).all()


def test_no_demo_card_is_off_its_owners_cycle():
    store = Store()
    build_demo(store, employees=400, seed=3)
    assert cycles.off_cycle(store).empty
    periods = store.query("SELECT DISTINCT period FROM scorecards")["period"]
    assert cycles.fits(periods, "monthly").sum() == 12  # staff: 2025-10 to 2026-09


def test_scorecard_lines_score_by_the_linear_rule_and_totals_add_up(company):
    scored = company["scorecards"].loc[company["scorecards"]["status"] == "scored", "scorecard_id"]
    lines = company["scorecard_lines"].merge(
        company["kpi_indicators"][["indicator_id", "higher_is_better"]], on="indicator_id")
    lines = lines[lines["scorecard_id"].isin(scored)]
    per_card = lines.groupby("scorecard_id")
    assert per_card["weight"].sum().sub(1).abs().max() < 1e-12
    assert per_card.size().between(3, 5).all()
    assert (lines[["rule", "per_point", "floor", "cap"]].drop_duplicates().values.tolist()
            == [["linear", 5.0, 0.0, 150.0]])
    achievement = np.where(lines["higher_is_better"], lines["actual"] / lines["target"],
                           lines["target"] / lines["actual"])
    expected = np.clip(100 + 5 * (achievement - 1) * 100, 0, 150)
    assert np.allclose(lines["score"], expected)
    total = (lines["weight"] * lines["score"]).groupby(lines["scorecard_id"]).sum()
    cards = company["scorecards"].set_index("scorecard_id").loc[scored]
    assert np.allclose(cards.loc[total.index, "total_score"], total)
    rating = pd.cut(cards["total_score"], [-np.inf, 80, 95, 110, np.inf], right=False, labels=list("DCBA"))
    assert (rating.astype(str) == cards["rating"]).all()
    shares = cards["rating"].value_counts(normalize=True)
    assert shares["B"] > shares["A"] > 0.05 and shares["D"] > 0.02


def test_kpi_the_demo_shows_a_110_percent_sales_card_scored_150(company):
    # Seed 003's 月度销售额目标完成率: 5 points per point over 100 %, at most 150: 110 % -> 150.  The same card's
    # over-spent expense budget (105 %, lower is better): 100 + 5 x (100/105 - 1) x 100 = 76.19, below 100.
    cards, lines = company["scorecards"], company["scorecard_lines"]
    card = cards[(cards["owner_type"] == "position") & (cards["owner_id"] == "SA-REP")].iloc[0]
    # The sales representatives are staff, appraised monthly (seed 003): the card is the latest month's.
    assert card["period"] == "2026-09"
    mine = lines[lines["scorecard_id"] == card["scorecard_id"]].set_index("indicator_id")
    assert mine.loc["monthly_sales_completion", ["target", "actual", "score"]].tolist() == [100.0, 110.0, 150.0]
    assert round(mine.loc["expense_ratio", "score"], 2) == 76.19 and mine.loc["expense_ratio", "actual"] > 100
    assert card["status"] == "scored" and card["total_score"] == pytest.approx(0.5 * 150 + 0.3 * 120 + 0.2 * 76.190476)
    assert card["rating"] == "A"
    kpi = company["kpi_indicators"].set_index("indicator_id")
    assert not kpi.loc["expense_ratio", "bounded_share"] and kpi.loc["first_pass_yield", "bounded_share"]
    # Only bounded shares stop at 100 %: an over-spent budget appears on the people's cards too.
    shares = lines["indicator_id"].map(kpi["bounded_share"]).astype(bool)
    assert (lines.loc[shares, "actual"].dropna() <= 100).all()
    assert (lines.loc[lines["indicator_id"] == "expense_ratio", "actual"] > 100).any()


def test_a_few_cards_of_the_latest_month_and_quarter_are_still_open(company):
    cards, lines = company["scorecards"], company["scorecard_lines"]
    is_latest = cards["period"].isin(["2026-09", "2026Q3"])  # the periods ending on 2026-09-30
    latest = cards[is_latest]
    drafts = latest[latest["status"] == "draft"]
    assert 0.01 < len(drafts) / len(latest) < 0.05 and set(drafts["period"]) == {"2026-09", "2026Q3"}
    assert drafts["total_score"].isna().all() and drafts["rating"].isna().all()
    assert (cards.loc[~is_latest, "status"] == "scored").all()
    open_lines = lines[lines["scorecard_id"].isin(drafts["scorecard_id"])]
    assert open_lines["score"].isna().all() and open_lines["actual"].isna().sum() >= 1
    assert lines.loc[~lines["scorecard_id"].isin(drafts["scorecard_id"]), "actual"].notna().all()


def test_the_same_job_gets_the_same_indicators(company):
    lines = company["scorecard_lines"].merge(company["scorecards"], on="scorecard_id")
    lines = lines[lines["owner_type"] == "employee"].merge(
        company["employees"][["employee_id", "job_id", "department_id"]], left_on="owner_id", right_on="employee_id")
    staff_jobs = set(company["jobs"].loc[~company["jobs"]["is_manager"], "job_id"])
    staff = lines[lines["job_id"].isin(staff_jobs)]
    sets = staff.groupby(["job_id", "scorecard_id"])["indicator_id"].apply(frozenset)
    assert sets.groupby(level="job_id").nunique().eq(1).all()


def test_indicator_library_spans_the_balanced_scorecard(company):
    kpi = company["kpi_indicators"]
    assert 26 <= len(kpi) <= 34
    # The seed's examples ship with the library: monthly sales and profit completion, the HR department's six.
    assert {"monthly_sales_completion", "monthly_profit_completion", "core_turnover", "profit_per_head",
            "career_plan_completion", "training_hours_completed", "employee_satisfaction",
            "key_hire_probation"} <= set(kpi["indicator_id"])
    # Every goal an indicator supports is in the library, and the chain ends at a company goal.
    assert set(kpi["supports"].dropna()) <= set(kpi["indicator_id"])
    assert set(kpi["perspective"]) == {"financial", "customer", "internal_process", "learning_growth"}
    assert set(kpi["category"]) == {"KPI", "CPI"}
    assert {"defect_rate", "complaint_rate"} <= set(kpi.loc[~kpi["higher_is_better"], "indicator_id"])
    assert kpi[["name_en", "name_zh", "definition", "formula", "data_source", "unit"]].notna().all().all()


# ---------------------------------------------------------------------------
# Competency: models, 360 and certification
# ---------------------------------------------------------------------------

def test_competency_models_ship_the_two_seed_models(company):
    items = company["comp_items"]
    management = items[items["model_id"] == "mgmt9"]
    assert management["name_zh"].tolist() == ["职业精神", "高效精准", "沟通协作", "学习突破", "全局共赢",
                                              "团队发展", "积极作为", "卓越创新", "领导激励"]
    leadership = items[items["model_id"] == "lead5"].set_index("name_zh")
    assert list(leadership.index) == ["智", "信", "仁", "勇", "严"]
    assert leadership.loc[["信", "仁"], "critical"].all() and (leadership.loc[["信", "仁"], "min_score"] == 5).all()
    assert not leadership.loc[["智", "勇", "严"], "critical"].any()
    anchors = company["comp_anchors"]
    assert anchors.groupby("item_id").size().eq(5).all() and set(anchors["item_id"]) == set(items["item_id"])
    assert company["comp_targets"]["target_score"].between(6, 8).all()


def test_every_item_has_a_short_development_action_in_both_languages(company):
    items = company["comp_items"]
    assert items["development_en"].str.len().between(20, 90).all()
    assert items["development_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    assert items["development_zh"].str.len().le(40).all()
    assert items["development_en"].is_unique and items["development_zh"].is_unique


def test_targets_are_level_one_and_department_heads_carry_the_leadership_model(company):
    targets, items = company["comp_targets"], company["comp_items"].set_index("item_id")
    assert (targets["level"] == 1).all()
    lead5 = targets[targets["item_id"].map(items["model_id"]) == "lead5"]
    assert set(lead5["job_id"]) == HEAD_JOBS
    assert lead5.groupby("job_id").size().eq(5).all()
    critical = lead5["item_id"].map(items["critical"]).astype(bool)
    assert (lead5.loc[critical, "target_score"] == 8).all() and (lead5.loc[~critical, "target_score"] == 7).all()
    mgmt9 = targets[targets["item_id"].map(items["model_id"]) == "mgmt9"]
    assert mgmt9.groupby("job_id").size().eq(9).all()


def this_years_360(company) -> pd.DataFrame:
    """This year's 360 ratings (the as-of year's review; last year's round is tested on its own)."""
    ratings = company["ratings_360"]
    return ratings[ratings["period"] == "2026"]


def test_360_answers_are_dated_in_the_two_weeks_before_the_as_of_date(company):
    ratings, employees = this_years_360(company), company["employees"].set_index("employee_id")
    rated_on = ratings["rated_on"]
    assert rated_on.between(AS_OF - pd.Timedelta(days=13), AS_OF).all()
    assert (rated_on.dt.year == AS_OF.year).all() and (rated_on.dt.day_of_week < 5).all()
    assert ratings.groupby(["ratee_id", "rater_id"])["rated_on"].nunique().eq(1).all()
    for who in ("ratee_id", "rater_id"):
        assert (rated_on >= employees.loc[ratings[who], "hire_date"].to_numpy()).all()
    assert rated_on.nunique() >= 5


def test_each_manager_is_rated_by_seven_or_eight_people_in_the_right_groups(company):
    ratings, employees = this_years_360(company), company["employees"].set_index("employee_id")
    assert set(company["ratings_360"]["period"]) == {"2025", "2026"}
    manager_jobs = set(company["jobs"].loc[company["jobs"]["is_manager"], "job_id"])
    active = employees[employees["status"] == "active"]
    managers = active[active["job_id"].isin(manager_jobs) & active["manager_id"].notna()]
    assert set(ratings["ratee_id"]) == set(managers.index)  # every manager but the CEO

    raters = ratings.drop_duplicates(["ratee_id", "rater_id"])
    groups = raters.groupby(["ratee_id", "rater_group"]).size().unstack(fill_value=0)
    assert raters.groupby("ratee_id").size().isin([7, 8]).all()
    assert (groups["self"] == 1).all() and (groups["superior"] == 1).all()
    assert groups["peer"].between(2, 3).all() and (groups["subordinate"] == 3).all()
    assert groups["other"].between(0, 1).all()

    pairs = raters.assign(rater_manager=employees.loc[raters["rater_id"], "manager_id"].to_numpy(),
                          ratee_manager=employees.loc[raters["ratee_id"], "manager_id"].to_numpy())
    by = {group: part for group, part in pairs.groupby("rater_group")}
    assert (by["self"]["rater_id"] == by["self"]["ratee_id"]).all()
    assert (by["superior"]["rater_id"] == by["superior"]["ratee_manager"]).all()
    assert (by["subordinate"]["rater_manager"] == by["subordinate"]["ratee_id"]).all()
    assert (by["peer"]["rater_manager"] == by["peer"]["ratee_manager"]).all()
    other = employees.loc[by["other"]["rater_id"], "department_id"].to_numpy()
    assert (other != employees.loc[by["other"]["ratee_id"], "department_id"].to_numpy()).all()

    per_rater = ratings.groupby(["ratee_id", "rater_id"])["item_id"].nunique()
    # Nine items of the management model; the heads five more of the leadership model.
    is_head = employees.loc[per_rater.index.get_level_values("ratee_id"), "job_id"].isin(HEAD_JOBS).to_numpy()
    assert (per_rater == np.where(is_head, 14, 9)).all()
    assert ratings["score"].between(1, 10).all() and (ratings["score"] % 1 == 0).all()
    by_group = ratings.groupby("rater_group")["score"].mean()
    assert by_group["self"] > by_group.drop("self").max()


def test_heads_are_rated_on_the_leadership_model_by_the_same_raters_on_the_same_day(company):
    ratings, employees = this_years_360(company), company["employees"].set_index("employee_id")
    model = ratings["item_id"].map(company["comp_items"].set_index("item_id")["model_id"])
    lead5, mgmt9 = ratings[model == "lead5"], ratings[model == "mgmt9"]
    rated = pd.Index(mgmt9["ratee_id"].unique())
    heads = set(rated[employees.loc[rated, "job_id"].isin(HEAD_JOBS)])
    assert set(lead5["ratee_id"]) == heads and len(heads) >= 30  # every rated head (not the CEO), no one else
    panel = ["ratee_id", "rater_id", "rater_group", "rated_on"]

    def answers(frame):
        return frame[panel].drop_duplicates().sort_values(panel).reset_index(drop=True)

    assert answers(lead5).equals(answers(mgmt9[mgmt9["ratee_id"].isin(heads)]))
    assert lead5.groupby(["ratee_id", "rater_id"])["item_id"].nunique().eq(5).all()
    assert lead5["score"].between(1, 10).all() and (lead5["score"] % 1 == 0).all()
    by_group = lead5.groupby("rater_group")["score"].mean()
    assert by_group["self"] > by_group.drop("self").max()


def test_a_few_heads_show_wei_yans_fatal_gaps_on_trust_and_benevolence(company):
    """Seed 000: strong on 智, 勇 and 严, yet all raters but self put 信 or 仁 below the minimum 5."""
    ratings = company["ratings_360"]
    lead5 = ratings[ratings["item_id"].str.startswith("l5_") & (ratings["rater_group"] != "self")]
    keys = ["ratee_id", "item_id"]
    groups = lead5.groupby(keys + ["rater_group"])["score"].mean().rename("mean").reset_index()
    groups["weight"] = groups["rater_group"].map(GROUP_WEIGHTS)
    weighted = (groups["mean"] * groups["weight"]).groupby([groups[k] for k in keys]).sum()
    others = (weighted / groups.groupby(keys)["weight"].sum()).unstack("item_id")
    assert others.shape[1] == 5

    gap = others[["l5_trust", "l5_benevolence"]].min(axis=1) < 5
    strong = others.mean(axis=1) >= 6
    wei_yans = others[gap & strong]
    assert len(wei_yans) >= 1
    assert len(wei_yans) <= 0.25 * len(others)
    # Wei Yan's shape, not just a weak head: wisdom and courage well above both critical items.
    assert (wei_yans[["l5_wisdom", "l5_courage"]].min(axis=1)
            > wei_yans[["l5_trust", "l5_benevolence"]].max(axis=1) + 2).any()


def test_certification_levels_are_taken_one_at_a_time(company):
    records = company["certifications"]
    passed = records[(records["stage"] == "review") & (records["result"] == "pass")]
    first_attempt = records.groupby(["employee_id", "level"])["exam_date"].min()
    certified = passed.groupby(["employee_id", "level"])["exam_date"].min()
    for (person, level), started in first_attempt.items():
        if level > 1:
            assert certified.get((person, level - 1), pd.Timestamp.max) < started, (person, level)
    assert set(records["level"]) == {1, 2, 3}


def test_certification_results_follow_the_pass_mark_of_each_sitting(company):
    records = company["certifications"]
    exams = records[records["stage"] == "course_exam"]
    assert set(exams["course"]) == set(company["cert_courses"]["course_id"])
    assert ((exams["score"] >= exams["pass_mark"]) == (exams["result"] == "pass")).all()
    for _, sitting in exams.groupby(["course", "level", "exam_date"]):
        ordered = np.sort(sitting["score"].to_numpy())[::-1]
        k = math.ceil(round(0.8 * ordered.size, 9))
        assert (sitting["pass_mark"] == ordered[k - 1]).all()
    assert (exams["result"] == "fail").any()
    ability = records[records["stage"] == "ability_test"]
    assert ((ability["score"] >= ability["pass_mark"]) == (ability["result"] == "pass")).all()
    reviews = records[records["stage"] == "review"]
    assert reviews[["course", "score", "pass_mark"]].isna().all().all()


def test_the_track_has_three_levels_and_a_course_catalogue_that_grows_with_the_level(company):
    levels, courses = company["cert_levels"], company["cert_courses"]
    assert levels["level"].tolist() == [1, 2, 3] and (levels["track_id"] == "cs_rep").all()
    assert levels["job_id"].tolist() == ["CS-REP1", "CS-REP2", "CS-REP3"]
    assert levels["name_zh"].tolist() == ["一级客户代表", "二级客户代表", "三级客户代表"]
    assert (courses["track_id"] == "cs_rep").all()
    general = courses[courses["from_level"] == 1]
    assert set(general["name_zh"]) == {"业务知识", "业务相关法律知识", "CS服务理念", "压力与情绪调节",
                                       "服务技巧", "沟通技巧"}
    assert (courses["from_level"].value_counts().sort_index() == [6, 1, 1]).all()
    assert courses[["name_en", "name_zh"]].notna().all().all()
    assert (company["certifications"]["track_id"] == "cs_rep").all()


def test_a_level_needs_every_course_from_its_own_level_down_passed_since_the_last_review(company):
    records = company["certifications"]
    from_level = company["cert_courses"].set_index("course_id")["from_level"]
    exams = records[records["stage"] == "course_exam"]
    assert (exams["level"] >= exams["course"].map(from_level)).all()
    reviews = records[records["stage"] == "review"].sort_values(["employee_id", "exam_date"])
    reviews = reviews.assign(previous=reviews.groupby("employee_id")["exam_date"].shift())
    passed = exams[exams["result"] == "pass"]
    retakes = 0
    for review in reviews.itertuples():
        mine = passed[(passed["employee_id"] == review.employee_id) & (passed["level"] == review.level)
                      & (passed["exam_date"] < review.exam_date)]
        if pd.notna(review.previous):
            mine = mine[mine["exam_date"] > review.previous]  # results lapse at every review
        required = set(from_level[from_level <= review.level].index)
        assert set(mine["course"]) == required, review
        assert not mine["course"].duplicated().any(), review
        retakes += pd.notna(review.previous) and review.level == reviews.loc[
            (reviews["employee_id"] == review.employee_id) & (reviews["exam_date"] == review.previous), "level"].iloc[0]
    assert retakes > 0  # some rejected candidates passed their courses again before the next review


def test_appeals_follow_failed_results_and_hr_decides_within_a_month(company):
    appeals, records = company["cert_appeals"], company["certifications"]
    assert len(appeals) > 0
    assert appeals["appeal_id"].tolist() == [f"AP{i:05d}" for i in range(1, len(appeals) + 1)]
    assert (appeals["track_id"] == "cs_rep").all() and appeals["filed_on"].is_monotonic_increasing
    failed = records[records["stage"].isin(["review", "ability_test"]) & (records["result"] == "fail")]
    for appeal in appeals.itertuples():
        mine = failed[(failed["employee_id"] == appeal.employee_id) & (failed["level"] == appeal.level)]
        lag = (appeal.filed_on - mine["exam_date"]).dt.days
        assert lag.between(3, 10).any(), appeal
    assert (appeals["filed_on"] <= AS_OF).all()
    assert appeals["reason"].str.contains(" / ").all()
    pending = appeals["filed_on"] > AS_OF - pd.Timedelta(days=30)
    assert (appeals["outcome"] == "pending").eq(pending).all()
    assert appeals.loc[pending, ["decided_on", "decided_by", "note"]].isna().all().all()
    decided = appeals[~pending]
    assert set(decided["outcome"]) <= {"upheld", "rejected"}
    assert (decided["decided_on"] - decided["filed_on"]).dt.days.between(10, 30).all()
    assert (decided["decided_on"] <= AS_OF).all()
    employees = company["employees"].set_index("employee_id")
    hr = set(employees.index[employees["department_id"] == "D610"]) | {"HR"}
    assert set(decided["decided_by"]) <= hr


def test_qualification_standards_give_every_job_bilingual_conditions_rising_up_the_path(company):
    reqs, jobs = company["qualification_reqs"].set_index("job_id"), company["jobs"].set_index("job_id")
    assert (reqs["level"] == 1).all() and reqs.index.is_unique and set(reqs.index) == set(jobs.index)
    assert set(reqs["education_min"]) <= {"high_school", "college", "bachelor", "master", "doctor"}
    majors = set(company["employees"]["major"].dropna())
    for keyword in reqs["major"].dropna():
        assert any(keyword.lower() in major for major in majors), keyword
    assert reqs.loc[["CS-REP1", "CS-REP2", "CS-REP3"], "certification_level"].tolist() == [1, 2, 3]
    assert reqs["certification_level"].notna().sum() == 3
    for column in ("knowledge", "skill", "behaviour"):
        assert reqs[f"{column}_en"].str.fullmatch(r"[A-Z].{15,120}\.").all(), column
        assert reqs[f"{column}_zh"].str.contains(r"[\u4e00-\u9fff]").all(), column
    step = jobs["next_job_id"].dropna()
    for column in ("years_experience", "years_in_job"):
        assert reqs[column].ge(0).all()
        assert (reqs.loc[step.to_numpy(), column].to_numpy() >= reqs.loc[step.index, column].to_numpy()).all()
    assert reqs.loc["MG-CEO", "years_experience"] > reqs.loc["MF-OP1", "years_experience"] == 0


def qualified(people: pd.DataFrame, reqs: pd.DataFrame) -> pd.Series:
    """Whether each person meets every basic condition of the standard on the same row."""
    rank = {level: i for i, level in enumerate(["high_school", "college", "bachelor", "master", "doctor"])}
    education = people["education"].map(rank) >= reqs["education_min"].map(rank)
    major = reqs["major"].isna() | pd.Series(
        [isinstance(have, str) and want.lower() in have.lower() if isinstance(want, str) else True
         for have, want in zip(people["major"], reqs["major"])], index=people.index)
    experience = people["experience"] >= reqs["years_experience"]
    in_job = people["years_in_job"] >= reqs["years_in_job"]
    certificate = reqs["certification_level"].isna() | (people["certificate"] >= reqs["certification_level"])
    return education & major & experience & in_job & certificate.astype(bool)


def test_most_people_meet_their_own_jobs_standard_and_fewer_the_next_ones(company):
    employees, events, records = company["employees"], company["employee_events"], company["certifications"]
    people = employees[employees["status"] == "active"].reset_index(drop=True)
    people["experience"] = (AS_OF - people["hire_date"]).dt.days / 365.25
    moves = events[events["event_type"].isin(["hire", "promotion"])]
    moved_in = moves.groupby(["employee_id", "to_job_id"])["event_date"].max()
    since = moved_in.reindex(pd.MultiIndex.from_arrays([people["employee_id"], people["job_id"]])).to_numpy()
    people["years_in_job"] = (AS_OF - pd.Series(since).fillna(people["hire_date"])).dt.days / 365.25
    passed = records[(records["stage"] == "review") & (records["result"] == "pass")]
    people["certificate"] = people["employee_id"].map(passed.groupby("employee_id")["level"].max()).fillna(0)
    reqs = company["qualification_reqs"].set_index("job_id")
    next_job = people["job_id"].map(company["jobs"].set_index("job_id")["next_job_id"])

    own = qualified(people, reqs.loc[people["job_id"]].reset_index())
    climbing = people[next_job.notna()]
    up = qualified(climbing, reqs.loc[next_job.dropna()].reset_index().set_axis(climbing.index))
    assert 0.65 <= own.mean() <= 0.85
    assert 0.20 <= up.mean() <= 0.50 and up.mean() < own.mean() - 0.15
    reps = people["job_id"] == "CS-REP1"
    assert not up[reps[next_job.notna()]].any()  # level 2 asks for the level-2 certificate


def test_a_representative_holds_the_highest_level_passed(company):
    employees, records = company["employees"], company["certifications"]
    reps = employees[employees["job_id"].isin(["CS-REP1", "CS-REP2", "CS-REP3"])]
    passed = records[(records["stage"] == "review") & (records["result"] == "pass")]
    highest = reps["employee_id"].map(passed.groupby("employee_id")["level"].max()).fillna(0)
    job_level = reps["job_id"].str[-1].astype(int)
    assert (job_level == highest.clip(lower=1)).all()
    assert set(records["employee_id"]) <= set(reps["employee_id"])
    level_one = reps[job_level == 1]["employee_id"]
    tried_two = set(records.loc[records["level"] == 2, "employee_id"])
    assert not set(level_one) <= tried_two  # many level-1 reps never tried level 2


def test_everyone_active_has_this_years_ability_assessment(company):
    ability, employees = company["ability_assessments"], company["employees"]
    active = set(employees.loc[employees["status"] == "active", "employee_id"])
    this_year = ability[ability["period"] == "2026"]
    assert set(this_year["employee_id"]) == active and ability["score"].between(1, 10).all()


def test_last_years_360_round_rates_the_same_panel_in_december_among_those_who_had_joined(company):
    ratings, employees = company["ratings_360"], company["employees"].set_index("employee_id")
    last, now = ratings[ratings["period"] == "2025"], this_years_360(company)
    assert last["item_id"].str.startswith("m9_").all() and last["score"].between(1, 10).all()
    assert last["rated_on"].between(pd.Timestamp("2025-12-02"), pd.Timestamp("2025-12-15")).all()
    assert (last["rated_on"].dt.day_of_week < 5).all()
    for who in ("ratee_id", "rater_id"):
        assert (last["rated_on"] >= employees.loc[last[who], "hire_date"].to_numpy()).all()
    # Every pair of last year's round is a pair of this year's panel; the pairs missing had not both joined.
    pairs = ["ratee_id", "rater_id", "rater_group"]
    panel = now[pairs].drop_duplicates()
    assert len(last[pairs].drop_duplicates().merge(panel)) == len(last[pairs].drop_duplicates())
    assert last.groupby(["ratee_id", "rater_id"])["item_id"].nunique().eq(9).all()


def test_last_years_review_reads_its_ability_from_last_years_360_review(company):
    """DOMAIN.md §5: ability from the 360 review, all raters but self on the person's model, weighted by group
    (superior 0.4, peer 0.3, subordinate 0.2, other 0.1, scaled to the groups present), mean over the items;
    nobody whose figure rests on fewer than 4 raters besides self.  Recomputed here with a plain group-by."""
    reviews = company["talent_reviews"]
    assert set(reviews["ability_source"]) == {"360"} and set(reviews["ability_period"]) == {"2025"}
    ratings = company["ratings_360"]
    last = ratings[(ratings["period"] == "2025") & (ratings["rater_group"] != "self")]
    keys = ["ratee_id", "item_id"]
    groups = last.groupby(keys + ["rater_group"])["score"].mean().rename("mean").reset_index()
    groups["weight"] = groups["rater_group"].map(GROUP_WEIGHTS)
    weighted = (groups["mean"] * groups["weight"]).groupby([groups[k] for k in keys]).sum()
    others = (weighted / groups.groupby(keys)["weight"].sum()).groupby(level="ratee_id").mean()
    raters = last.groupby("ratee_id")["rater_id"].nunique()
    ability = others[raters[others.index] >= 4]
    cards = company["scorecards"]
    # The 2025 review's performance: the mean total of each person's scored cards within 2025 (a staff
    # member's October to December, a manager's 2025Q4, a centre head's 2025-H2, the CEO's year).
    in_2025 = (cards["period"].str.startswith("2025") & (cards["owner_type"] == "employee")
               & (cards["status"] == "scored"))
    perf = cards[in_2025].groupby("owner_id")["total_score"].mean()
    assert set(reviews["employee_id"]) == set(ability.index) & set(perf.index)
    assert len(reviews) >= 100  # a grid worth reading at the default size
    for row in reviews.itertuples():
        total, score = perf[row.employee_id], ability[row.employee_id]
        # Default thresholds, inclusive upwards: KPI total 80 / 110, ability 5 / 8.
        p = 0 if total < 80 else 1 if total < 110 else 2
        a = 0 if score < 5 - 1e-9 else 1 if score < 8 - 1e-9 else 2
        assert row.box == a * 3 + p + 1 == row.calibrated_box, row


# ---------------------------------------------------------------------------
# The attrition watchlist (DOMAIN §7, seed 001)
# ---------------------------------------------------------------------------

WATCHLIST_TABLES = ("exposure", "retention_actions", "handover_tasks")
EXPOSED_FAMILIES = {"rnd", "sales", "supply_chain"}
FINANCE_JOBS = {"FN-ACC", "FN-SAC", "FN-FA"}
BILINGUAL = re.compile(r"^[ -~]+ / .*[\u4e00-\u9fff]")
"""A note in the demo's style: English, " / ", then Chinese."""


def staff(company) -> pd.DataFrame:
    """Everyone with their job's family and manager flag, indexed by id."""
    jobs = company["jobs"][["job_id", "job_family", "is_manager"]]
    return company["employees"].merge(jobs, on="job_id", how="left").set_index("employee_id")


def recent_signal_counts(company) -> pd.Series:
    """Signals per person in the 180 days up to their last day (the exit, or the as-of date)."""
    employees = company["employees"]
    signals = company["attrition_signals"].merge(
        employees[["employee_id"]].assign(seen=observed_on(employees)), on="employee_id")
    recent = signals[(signals["signal_date"] > signals["seen"] - pd.Timedelta(days=180))
                     & (signals["signal_date"] <= signals["seen"])]
    return recent.groupby("employee_id").size()


def test_watchlist_tables_are_filled_and_point_at_existing_people(company):
    people = set(company["employees"]["employee_id"])
    for table, column in [("exposure", "employee_id"), ("exposure", "successor_id"),
                          ("retention_actions", "employee_id"), ("retention_actions", "owner_id"),
                          ("handover_tasks", "employee_id"), ("handover_tasks", "receiver_id"),
                          ("handover_tasks", "second_receiver_id"), ("handover_tasks", "owner_id")]:
        assert len(company[table]) > 0, table
        assert set(company[table][column].dropna()) <= people, (table, column)


def test_watchlist_dates_are_never_after_the_as_of_date(company):
    for table, column in [("attrition_signals", "signal_date"), ("retention_actions", "action_date"),
                          ("handover_tasks", "due_date"), ("handover_tasks", "done_on")]:
        assert (company[table][column].dropna() <= AS_OF).all(), (table, column)


def test_the_watchlist_draws_change_no_other_table(monkeypatch):
    """The watchlist's tables come last, from a generator of their own: without them every other frame is the same,
    and the attrition signals only gain ``overlooked`` rows at the end."""
    full = generate(300, seed=1)
    monkeypatch.setattr(demo, "_watchlist_frames", lambda *args: {})
    bare = generate(300, seed=1)
    for name in TABLES:
        if name in WATCHLIST_TABLES:
            assert bare[name].empty and not full[name].empty, name
        elif name == "attrition_signals":
            before = len(bare[name])
            pd.testing.assert_frame_equal(full[name].iloc[:before], bare[name])
            assert (full[name]["kind"].iloc[before:] == "overlooked").all() and len(full[name]) > before
            assert "overlooked" not in set(bare[name]["kind"])
        else:
            pd.testing.assert_frame_equal(full[name], bare[name], obj=name)


def test_exposure_covers_every_key_talent_and_manager_and_a_tenth_of_the_exposed_staff(company):
    people, exposure = staff(company), company["exposure"]
    active = people[people["status"] == "active"]
    assert exposure["employee_id"].is_unique and set(exposure["employee_id"]) <= set(active.index)
    core = active[active["key_talent"] | active["is_manager"]]
    assert set(core.index) <= set(exposure["employee_id"])
    exposed = active.drop(core.index)
    exposed = exposed[exposed["job_family"].isin(EXPOSED_FAMILIES) | exposed["job_id"].isin(FINANCE_JOBS)]
    others = set(exposure["employee_id"]) - set(core.index)
    assert others <= set(exposed.index)
    assert 0.06 < len(others) / len(exposed) < 0.14


def test_exposure_follows_the_job_and_some_key_people_lack_a_non_compete(company):
    people = staff(company)
    exposure = company["exposure"].join(people, on="employee_id")
    for flag in ("key_knowledge", "client_channels", "supplier_channels", "secrets_access", "non_compete"):
        assert exposure[flag].dtype == bool, flag
    rnd = exposure["job_family"] == "rnd"
    plain = ~exposure["is_manager"] & ~exposure["key_talent"]
    assert exposure.loc[rnd, "key_knowledge"].mean() > 0.7
    assert exposure.loc[exposure["key_talent"], "key_knowledge"].mean() > 0.5
    assert exposure.loc[plain & ~rnd, "key_knowledge"].mean() < exposure.loc[rnd, "key_knowledge"].mean() - 0.3
    sellers = exposure["job_id"].isin({"SA-REP", "SA-AM", "SA-KAM"})
    assert exposure.loc[sellers, "client_channels"].mean() > 0.7
    assert exposure.loc[plain & ~exposure["job_family"].isin({"sales", "customer_service"}), "client_channels"].mean() < 0.1
    buyers = exposure["job_id"].isin({"SC-BY", "SC-SBY"})
    assert exposure.loc[buyers, "supplier_channels"].mean() > 0.7
    assert exposure.loc[plain & (exposure["job_family"] != "supply_chain"), "supplier_channels"].mean() < 0.1
    assert exposure.loc[exposure["job_id"].isin(FINANCE_JOBS), "secrets_access"].mean() > 0.6
    senior = exposure["is_manager"] & (exposure["grade"] >= 9)
    assert exposure.loc[senior, "secrets_access"].mean() > 0.75
    assert exposure.loc[rnd, "secrets_access"].mean() > 0.5
    # Seed 001: key people sign a non-compete, most of them; the rest are the gap the watchlist shows.
    needs = (exposure["secrets_access"] | exposure["key_knowledge"]) & (exposure["grade"] >= 7)
    assert needs.sum() > 50
    assert 0.55 < exposure.loc[needs, "non_compete"].mean() < 0.85
    assert exposure.loc[~needs, "non_compete"].mean() < 0.3
    notes = exposure["note"].dropna()
    assert len(notes) > 0.2 * len(exposure) and notes.str.match(BILINGUAL).all()


def test_successors_are_active_colleagues_a_grade_down_or_direct_reports(company):
    people, exposure = staff(company), company["exposure"]
    named = exposure.dropna(subset=["successor_id"])
    successor, person = people.loc[named["successor_id"]], people.loc[named["employee_id"]]
    assert (successor["status"] == "active").all()
    assert (named["successor_id"] != named["employee_id"]).all()
    one_down = ((successor["department_id"].to_numpy() == person["department_id"].to_numpy())
                & (successor["grade"].to_numpy() < person["grade"].to_numpy()))
    report = successor["manager_id"].to_numpy() == named["employee_id"].to_numpy()
    assert (one_down | report).all()
    assert (exposure["successor_ready"].notna() == exposure["successor_id"].notna()).all()
    key = people.loc[exposure["employee_id"], ["is_manager", "key_talent"]].any(axis=1).to_numpy()
    assert 0.45 < exposure.loc[key, "successor_id"].notna().mean() < 0.75
    assert exposure.loc[~key, "successor_id"].notna().mean() < exposure.loc[key, "successor_id"].notna().mean()
    ready = named["successor_ready"].value_counts(normalize=True)
    assert 0.2 < ready["ready_now"] < 0.5 and 0.3 < ready["ready_1_2_years"] < 0.6 and 0.08 < ready["not_ready"] < 0.35


def test_about_one_percent_are_high_ability_people_overlooked_in_a_low_or_stalled_position(company):
    signals, people = company["attrition_signals"], staff(company)
    assert signals["signal_id"].tolist() == [f"SG{i:07d}" for i in range(1, len(signals) + 1)]
    overlooked = signals[signals["kind"] == "overlooked"]
    assert overlooked.index.min() > signals[signals["kind"] != "overlooked"].index.max()  # appended after the rest
    active = people[people["status"] == "active"]
    assert overlooked["employee_id"].is_unique and set(overlooked["employee_id"]) <= set(active.index)
    assert 0.005 <= len(overlooked) / len(active) <= 0.015
    person = people.loc[overlooked["employee_id"]]
    assert (overlooked["signal_date"].to_numpy() > AS_OF - pd.Timedelta(days=180)).all()
    assert (overlooked["signal_date"].to_numpy() >= person["hire_date"].to_numpy()).all()
    ability = company["ability_assessments"]
    latest = ability[ability["period"] == str(AS_OF.year)].set_index("employee_id")["score"]
    assert (latest.loc[overlooked["employee_id"]] >= 8).all()
    median = active.groupby("job_family")["grade"].median()
    low = person["grade"].to_numpy() < median.loc[person["job_family"]].to_numpy()
    events = company["employee_events"]
    promoted = events[events["event_type"] == "promotion"].groupby("employee_id")["event_date"].max()
    last_step = pd.concat([person["hire_date"], pd.Series(person.index.map(promoted), index=person.index)],
                          axis=1).max(axis=1)
    stalled = (AS_OF - last_step).dt.days.to_numpy() >= 3 * 365.25
    assert (low | stalled).all()
    assert overlooked["note"].str.match(BILINGUAL).all()


def test_managers_act_on_people_with_signals_and_on_a_few_key_talents(company):
    actions, people = company["retention_actions"], staff(company)
    assert actions["action_id"].tolist() == [f"RA{i:06d}" for i in range(1, len(actions) + 1)]
    assert set(actions["kind"]) <= {"retention_talk", "pay_review", "development", "role_change", "recognition"}
    assert actions["note"].str.match(BILINGUAL).all()
    person = people.loc[actions["employee_id"]]
    assert (actions["owner_id"].to_numpy() == person["manager_id"].to_numpy()).all()
    assert (actions["action_date"].to_numpy() >= person["hire_date"].to_numpy()).all()
    stays = (person["status"] == "active").to_numpy()
    current = actions[stays]
    assert (current["action_date"] > AS_OF - pd.Timedelta(days=120)).all()
    assert set(current["outcome"]) <= {"open", "stayed"} and (current["outcome"] == "open").mean() > 0.6
    assert current["employee_id"].value_counts().max() <= 2

    counts = recent_signal_counts(company)
    active = people[people["status"] == "active"]
    signalled = active.index[active.index.map(counts).fillna(0) >= 2]
    assert len(signalled) > 5 and 0.1 < signalled.isin(current["employee_id"]).mean() < 0.75
    acted_on = set(current["employee_id"])
    key_only = active[active["key_talent"] & ~active.index.isin(signalled)]
    assert 0.01 < key_only.index.isin(acted_on).mean() < 0.12

    # Last year's voluntary leavers with signals: about 30 % had an action before they left, and it failed.
    gone = actions[~stays]
    leaver = people.loc[gone["employee_id"]]
    assert (gone["outcome"] == "left").all() and gone["employee_id"].is_unique
    assert (leaver["exit_type"] == "voluntary").all()
    assert (leaver["exit_date"] > AS_OF - pd.Timedelta(days=365)).all()
    assert (gone["action_date"].to_numpy() < leaver["exit_date"].to_numpy()).all()
    assert gone["employee_id"].isin(counts.index).all()
    candidates = people[(people["exit_type"] == "voluntary") & (people["exit_date"] > AS_OF - pd.Timedelta(days=365))
                        & people.index.isin(counts.index)]
    assert 0.15 < candidates.index.isin(gone["employee_id"]).mean() < 0.45


def test_recent_voluntary_leavers_and_only_they_have_a_staged_handover_checklist(company):
    tasks, people = company["handover_tasks"], staff(company)
    departments = company["departments"].set_index("department_id")
    assert tasks["task_id"].tolist() == [f"HT{i:06d}" for i in range(1, len(tasks) + 1)]
    recent = people[(people["exit_type"] == "voluntary") & (people["exit_date"] > AS_OF - pd.Timedelta(days=60))]
    assert set(tasks["employee_id"]) == set(recent.index)
    assert tasks["item"].str.match(BILINGUAL).all()
    assert set(tasks["stage"]) == {"first", "second", "final"}
    for employee_id, items in tasks.groupby("employee_id"):
        person = people.loc[employee_id]
        categories = set(items["category"])
        assert {"knowledge", "process", "open_work", "successor", "review"} <= categories
        # Client items only for sales and customer-facing jobs, and the managers of sales and customer service.
        if person["job_family"] in {"sales", "customer_service"}:
            assert "clients" in categories
        elif "clients" in categories:
            assert person["is_manager"] and person["department_id"][:2] in {"D3", "D4"}
        assert items[["receiver_id", "second_receiver_id"]].nunique().max() == 1
        # Seed 001's whole list: the agreements, the company's commitments, mentoring and a contact channel too.
        assert {"agreements", "commitments", "after_exit"} <= categories

    leaver = people.loc[tasks["employee_id"]]
    exit_date = leaver["exit_date"].to_numpy()
    # The leaver owns the items they do (documents, know-how, the session ...), the manager the others.
    theirs = tasks["item"].isin([f"{en} / {zh}" for _, _, owner, en, zh in watchlist.CHECKLIST if owner == "leaver"])
    assert (tasks["owner_id"].to_numpy() == np.where(theirs, leaver.index, leaver["manager_id"])).all()
    assert (tasks["due_date"].to_numpy() >= exit_date - pd.Timedelta(days=30)).all()
    assert (tasks["due_date"].to_numpy() <= exit_date).all()
    assert (tasks["done_on"].notna() == tasks["done"]).all()
    assert (tasks["done_on"].dropna() <= AS_OF).all()

    # Two receivers (seed 001): active colleagues of the same department (or its centre), neither the leaver.
    assert tasks["receiver_id"].notna().all() and tasks["second_receiver_id"].notna().all()
    first, second = people.loc[tasks["receiver_id"]], people.loc[tasks["second_receiver_id"]]
    assert (first["status"] == "active").all() and (second["status"] == "active").all()
    assert (tasks["receiver_id"] != tasks["second_receiver_id"]).all()
    assert (tasks["receiver_id"] != tasks["employee_id"]).all()
    centre = departments["parent_id"].fillna("D000")
    centre = centre.where(centre != "D000", centre.index.to_series())
    for receiver in (first, second):
        same = receiver["department_id"].to_numpy() == leaver["department_id"].to_numpy()
        same_centre = (centre.loc[receiver["department_id"]].to_numpy()
                       == centre.loc[leaver["department_id"]].to_numpy())
        assert (same | same_centre).all() and same.mean() > 0.9

    # Most items are done for people who left over a month ago, about half for the latest ones.
    old = (exit_date <= AS_OF - pd.Timedelta(days=30))
    assert old.any() and (~old).any()
    assert tasks.loc[old, "done"].mean() > 0.75
    assert 0.25 < tasks.loc[~old, "done"].mean() < tasks.loc[old, "done"].mean() - 0.15


# ---------------------------------------------------------------------------
# Loading into the store
# ---------------------------------------------------------------------------

def test_build_demo_loads_every_table_and_reports_the_counts():
    store = Store(":memory:")
    counts = build_demo(store, employees=300, seed=4, as_of=date(2026, 10, 31))
    assert counts == store.counts()
    assert store.count("employees") > 300 and store.count("talent_reviews") > 0
    assert as_of_date(store) == date(2026, 10, 31)
    assert store.meta("company_zh") == "华辰智能科技有限公司" and store.meta("company_en")
    types = store.query("SELECT typeof(hire_date) AS t, typeof(exit_date) AS e FROM employees LIMIT 1")
    assert types.iloc[0].tolist() == ["DATE", "DATE"]
    active = store.query("SELECT count(*) AS n FROM employees WHERE status = 'active'")["n"].iloc[0]
    assert active == 300
    store.close()


def test_the_demos_latest_review_reads_ability_from_the_360_results_in_the_store():
    """Issue 29 item 9: the demo company shows the grid from 360 results, with no ability import needed."""
    from hrcore import ninebox

    store = Store(":memory:")
    build_demo(store, employees=300, seed=4, as_of=date(2026, 10, 31))
    latest = store.query("SELECT max(period) AS p FROM talent_reviews")["p"].iloc[0]
    assert ninebox.review_source(store, latest) == ("360", "2025")
    # Its performance is the year's: the mean total of each person's cards within 2025 (hrcore.cycles).
    people = ninebox.review_people(store, "2025", "2025", "360").set_index("employee_id")
    recorded = ninebox.review(store, latest).set_index("employee_id")
    assert len(recorded) >= 20 and people.loc[recorded.index, "ability"].notna().all()
    # Placed again from the store's own figures, every recorded box is the box the 360 ability gives.
    placed = ninebox.place(people.loc[recorded.index].reset_index()).set_index("employee_id")
    assert len(placed) == len(recorded) and (placed["box"] == recorded.loc[placed.index, "box"]).all()
    store.close()


# ---------------------------------------------------------------------------
# The demo never stands in for a company's data (issue 27, item 5)
# ---------------------------------------------------------------------------

def test_an_import_clears_the_demo_flag_in_the_transaction_that_writes_its_rows(fresh_db, monkeypatch):
    from hrcore.access import DEMO_FLAG
    from hrcore.imports import import_file

    fresh_db.set_meta(DEMO_FLAG, "true")

    def crash(*args, **kwargs):
        raise SystemExit("killed right after the import's commit")

    # Whatever an import would do in a transaction of its own after its rows never happens: the process is gone.
    monkeypatch.setattr(Store, "set_meta", crash)
    with _nothing_or_crash():
        import_file(fresh_db, "employees", b"employee_id,name_en\nX0001,Real Person\n", "staff.csv")
    assert fresh_db.count("employees") == 1
    assert fresh_db.meta(DEMO_FLAG) == "false"
    changes = fresh_db.query("SELECT table_name, change_id FROM audit_log WHERE action = 'imports.commit_rows'")
    assert sorted(changes["table_name"]) == ["app_meta", "employees"] and changes["change_id"].nunique() == 1


class _nothing_or_crash:
    """Lets the block finish or stop with SystemExit (the crash): the test checks the database either way."""

    def __enter__(self):
        return self

    def __exit__(self, kind, value, trace):
        return kind is SystemExit


def test_demo_is_never_built_over_a_database_holding_anything_but_the_demo(fresh_db):
    from hrcore.access import DEMO_FLAG
    from hrcore.imports import import_file

    # A company that imported its departments first: no employees yet, and no demo flag.
    assert import_file(fresh_db, "departments", b"department_id,name_en\nD1,Sales\n", "departments.csv").written
    with pytest.raises(ValueError, match=r"own data or accounts.*departments.*new file.*--db"):
        build_demo(fresh_db, employees=demo.MIN_EMPLOYEES, seed=1)
    assert fresh_db.table("departments")["department_id"].tolist() == ["D1"]

    # A demo whose flag survived an import (the crash of an older version): the trail shows the import.
    other = Store(":memory:")
    build_demo(other, employees=demo.MIN_EMPLOYEES, seed=1)
    build_demo(other, employees=demo.MIN_EMPLOYEES, seed=2)  # the demo over the demo: rebuilt
    other.upsert("employees", pd.DataFrame({"employee_id": ["X0001"], "name_en": ["Real Person"]}),
                 action="imports.commit_rows")
    assert other.meta(DEMO_FLAG) == "true"
    with pytest.raises(ValueError, match=r"own data or accounts.*imported"):
        build_demo(other, employees=demo.MIN_EMPLOYEES, seed=1)
    assert other.count("employees") and not other.query("SELECT 1 FROM employees WHERE employee_id = 'X0001'").empty
    other.close()


def test_pay_bonus_by_rating_has_a_latest_kpi_rating_for_nearly_everyone(company):
    # Issue 29 item 8: the salary structure's performance-linked bonus reads each person's latest scored
    # employee card; the demo must give it ratings to show (A, B, C and D each held by someone).
    cards = company["scorecards"]
    cards = cards[(cards["owner_type"] == "employee") & (cards["status"] == "scored")]
    latest = cards.sort_values("period").drop_duplicates("owner_id", keep="last").set_index("owner_id")["rating"]
    active = company["employees"].loc[company["employees"]["status"] == "active", "employee_id"]
    rated = active.map(latest)
    assert rated.notna().mean() > 0.9
    assert set("ABCD") <= set(rated.dropna())


def test_every_demo_exam_follows_a_passed_eligibility_review_and_training_and_the_first_batch_is_for_own_posts(company):
    # Issue 29 item 11, seed 004 §6.2.2-6.2.4 (资格审查 -> 认证培训 -> 该门课程的认证考试), 第十一条 and §15(1).
    # Recomputed plainly: every exam has a review (meets) of its person and level on or before it and, for a
    # course exam, a training record of its course at its level ended on or before it.
    records, reviews, training = company["certifications"], company["cert_eligibility"], company["cert_training"]
    exams = records[records["stage"].isin(["course_exam", "ability_test"])]
    first_review = reviews[reviews["outcome"] == "meets"].groupby(["employee_id", "level"])["reviewed_on"].min()
    reviewed_on = pd.Series(list(zip(exams["employee_id"], exams["level"]))).map(first_review)
    assert (reviewed_on.to_numpy() <= exams["exam_date"].to_numpy()).all()
    course_exams = exams[exams["stage"] == "course_exam"]
    trained = training.groupby(["employee_id", "level", "course"])["ended_on"].min()
    ended_on = pd.Series(list(zip(course_exams["employee_id"], course_exams["level"], course_exams["course"]))).map(trained)
    assert (ended_on.to_numpy() <= course_exams["exam_date"].to_numpy()).all()
    assert (training["started_on"] < training["ended_on"]).all() and set(training["mode"]) == {"self_study", "course"}
    hired = company["employees"].set_index("employee_id")["hire_date"]
    assert (reviews["reviewed_on"].to_numpy() >= hired.reindex(reviews["employee_id"]).to_numpy()).all()
    assert reviews["reviewer"].notna().all() and (reviews["reviewer"] != reviews["employee_id"]).all()
    # Against the post's basic conditions (§6.2.2): service here short of the years the level's post asks for is
    # kept as unmet, and the reviewer's note says why the outcome is still "meets"; every other review is clean.
    wanted = company["qualification_reqs"].set_index("job_id")["years_experience"]
    need = reviews["level"].map(lambda level: wanted[f"CS-REP{level}"])
    service = (reviews["reviewed_on"] - hired.reindex(reviews["employee_id"]).to_numpy()).dt.days / 365.25
    short = (service < need - 1e-9).to_numpy()
    assert (reviews["unmet"].fillna("") == np.where(short, "experience", "")).all()
    assert reviews["note"].notna().eq(short).all() and (reviews["outcome"] == "meets").all()
    # The first batch: the track's first sitting, at level 1, for representatives (their own post's track).
    first = records[records["first_batch"]]
    assert len(first) and (first["level"] == 1).all()
    assert first.groupby("employee_id")["exam_date"].min().eq(records["exam_date"].min()).all()
    assert hired.index.isin(first["employee_id"]).sum() >= 1
    jobs = company["employees"].set_index("employee_id")["job_id"]
    assert jobs.reindex(first["employee_id"]).str.startswith("CS-REP").all()


def test_the_demo_raises_no_problem_under_the_certification_checks():
    # The import's checks (hrcore.competency.reference_problems: one level at a time, the ability test after
    # every course, eligibility and training before each exam, the first batch for own posts) over the whole
    # demo's certification records, as if they were imported again.
    from hrcore.competency import reference_problems

    store = Store()
    build_demo(store, employees=400, seed=3)
    records = store.query("SELECT * FROM certifications ORDER BY exam_date, record_id")
    assert len(records) and store.count("cert_eligibility") and store.count("cert_training")
    assert reference_problems(store, "certifications", records).empty
