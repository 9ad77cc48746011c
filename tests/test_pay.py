"""hrcore.pay: the salary-structure formulas of DOMAIN.md §3/§8, the design, people, cost and scenarios.

Expected numbers come from hand formulas written out here, from numpy, or from
the published textbook examples named in each test; none is copied from the
code's output.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import replace
from datetime import date, datetime

import numpy as np
import openpyxl
import pandas as pd
import pytest

from hrcore import pay
from hrcore.demo import build_demo
from hrcore.evaluation import grade_bands, slot
from hrcore.store import Store

# ---------------------------------------------------------------------------
# §8 formulas
# ---------------------------------------------------------------------------


def test_range_bounds_reproduces_the_worldatwork_example():
    # WorldatWork: midpoint 50,000 with a 50 % range spread -> 40,000 to 60,000 (min = mid / (1 + spread/2)).
    assert pay.range_bounds(50_000, 0.5) == pytest.approx((40_000, 60_000))


def test_range_bounds_puts_the_midpoint_halfway_and_keeps_the_spread_for_arrays_and_series():
    rng = np.random.default_rng(2024)
    mid, spread = rng.uniform(3_000, 90_000, 40), rng.uniform(0.1, 1.5, 40)
    low, high = pay.range_bounds(mid, spread)
    np.testing.assert_allclose((low + high) / 2, mid, rtol=1e-12)
    np.testing.assert_allclose((high - low) / low, spread, rtol=1e-12)
    np.testing.assert_allclose(low, mid / (1 + spread / 2), rtol=1e-12)  # the textbook form of the minimum

    index = [f"g{i}" for i in range(40)]
    low_s, high_s = pay.range_bounds(pd.Series(mid, index=index), spread)
    assert list(low_s.index) == index and list(high_s.index) == index
    np.testing.assert_allclose(high_s.to_numpy(), high, rtol=1e-12)


@pytest.mark.parametrize("mid, spread, argument", [(10_000, 0.0, "spread"), (10_000, -0.2, "spread"),
                                                   (-1.0, 0.5, "mid"), ([5_000, -5_000], 0.5, "mid")])
def test_range_bounds_rejects_bad_arguments_naming_them(mid, spread, argument):
    with pytest.raises(ValueError, match=argument):
        pay.range_bounds(mid, spread)


def test_compa_ratio_and_range_penetration_reproduce_the_published_examples():
    # Common compensation texts: CR 45,000 / 50,000 = 0.90; penetration (55,000 − 40,000) / (60,000 − 40,000) = 0.75.
    assert pay.compa_ratio(45_000, 50_000) == pytest.approx(0.90)
    assert pay.range_penetration(55_000, 40_000, 60_000) == pytest.approx(0.75)
    # Outside the range the penetration leaves [0, 1]: hand (35,000 − 40,000) / 20,000 = −0.25.
    assert pay.range_penetration(35_000, 40_000, 60_000) == pytest.approx(-0.25)


def test_compa_ratio_and_penetration_work_element_wise_and_keep_a_series_index():
    pay_s = pd.Series([45_000.0, 60_000.0, 30_000.0], index=["E1", "E2", "E3"])
    mid, lo, hi = np.array([50_000, 50_000, 25_000]), np.array([40_000, 40_000, 20_000]), np.array([60_000, 60_000, 30_000])
    cr = pay.compa_ratio(pay_s, mid)
    pen = pay.range_penetration(pay_s, lo, hi)
    assert list(cr.index) == list(pen.index) == ["E1", "E2", "E3"]
    np.testing.assert_allclose(cr, [0.9, 1.2, 1.2])     # hand: 45/50, 60/50, 30/25
    np.testing.assert_allclose(pen, [0.25, 1.0, 1.0])   # hand: 5/20, 20/20, 10/10


@pytest.mark.parametrize("call, argument", [
    (lambda: pay.compa_ratio(5_000, 0), "mid"), (lambda: pay.compa_ratio(5_000, -10), "mid"),
    (lambda: pay.compa_ratio(-5_000, 10_000), "pay"),
    (lambda: pay.range_penetration(5_000, 6_000, 6_000), "hi"), (lambda: pay.range_penetration(5_000, 6_000, 4_000), "hi"),
    (lambda: pay.range_penetration(-1, 4_000, 6_000), "pay")])
def test_compa_ratio_and_penetration_reject_bad_arguments_naming_them(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()


def test_overlap_and_gap_of_adjacent_ranges_follow_domain_section_3():
    # Hand: (12,000 − 10,000) / (15,000 − 10,000) = 0.4 of the upper range is also covered by the lower one.
    assert pay.overlap((8_000, 12_000), (10_000, 15_000)) == pytest.approx(0.4)
    assert pay.gap((8_000, 12_000), (10_000, 15_000)) == 0.0
    # Apart: no overlap, and the gap is (13,200 − 12,000) / 12,000 = 0.10.
    assert pay.overlap((8_000, 12_000), (13_200, 18_000)) == 0.0
    assert pay.gap((8_000, 12_000), (13_200, 18_000)) == pytest.approx(0.10)
    # Touching: the upper minimum is the lower maximum -> neither overlap nor gap.
    assert pay.overlap((8_000, 12_000), (12_000, 18_000)) == 0.0
    assert pay.gap((8_000, 12_000), (12_000, 18_000)) == 0.0


def test_overlap_is_the_whole_upper_range_when_the_lower_range_contains_it():
    # DOMAIN §3: overlap is "the share of the upper grade's range that the lower grade also covers".
    # The lower range 8,000–20,000 covers all of 10,000–15,000: the share is 1, it cannot exceed 1.
    assert pay.overlap((8_000, 20_000), (10_000, 15_000)) == pytest.approx(1.0)


def test_overlap_rejects_a_range_whose_max_is_not_above_its_min():
    with pytest.raises(ValueError):
        pay.overlap((8_000, 8_000), (10_000, 15_000))


def test_age_compounds_the_market_movement_by_months():
    # DOMAIN §3: aged = value · (1 + g)^(months / 12); 1.07^1.5 = 1.106817...
    assert pay.age(10_000, 0.07, 18) == pytest.approx(10_000 * 1.07 ** 1.5)
    assert pay.age(10_000, 0.07, 12) == pytest.approx(10_700)
    aged = pay.age(pd.Series([1_000.0, 2_000.0], index=["a", "b"]), 0.05, 6)
    assert list(aged.index) == ["a", "b"]
    np.testing.assert_allclose(aged, np.array([1_000, 2_000]) * math.sqrt(1.05))
    with pytest.raises(ValueError, match="value"):
        pay.age(-1, 0.05, 6)


@pytest.mark.parametrize("plan", [12, 18])
def test_policy_factor_ages_to_the_start_middle_or_end_of_the_plan(plan):
    # DOMAIN §3: lag = 1, lead-lag = (1 + g)^(T/24), lead = (1 + g)^(T/12).
    assert pay.policy_factor(0.07, "lag", plan) == 1.0
    assert pay.policy_factor(0.07, "lead-lag", plan) == pytest.approx(1.07 ** (plan / 24))
    assert pay.policy_factor(0.07, "lead", plan) == pytest.approx(1.07 ** (plan / 12))


def test_policy_factor_rejects_an_unknown_policy_and_an_empty_plan():
    with pytest.raises(ValueError, match="policy"):
        pay.policy_factor(0.07, "ahead")
    with pytest.raises(ValueError, match="plan_months"):
        pay.policy_factor(0.07, "lead", 0)


def test_lead_months_tells_how_long_a_manual_lead_lasts():
    # DOMAIN §3: 12 · ln(1 + lead) / ln(1 + g); a 7 % lead at 7 % growth lasts 12 months, 3.5 % about 6.1.
    assert pay.lead_months(0.07, 0.07) == pytest.approx(12.0)
    assert pay.lead_months(0.035, 0.07) == pytest.approx(12 * math.log(1.035) / math.log(1.07))
    assert round(pay.lead_months(0.035, 0.07), 1) == 6.1
    with pytest.raises(ValueError, match="annual_rate"):
        pay.lead_months(0.05, 0.0)


SURVEY = {10: 6_000.0, 25: 7_000.0, 50: 8_000.0, 75: 9_500.0, 90: 11_000.0}


def test_at_position_is_exact_at_the_surveyed_percentiles_and_linear_between():
    for pct, value in SURVEY.items():
        assert pay.at_position(SURVEY, pct) == pytest.approx(value)
    # Hand: P60 = 8,000 + (9,500 − 8,000) · 10/25 = 8,600; P37.5 = 7,000 + 1,000 · 12.5/25 = 7,500.
    assert pay.at_position(SURVEY, 60) == pytest.approx(8_600)
    assert pay.at_position(SURVEY, 37.5) == pytest.approx(7_500)
    np.testing.assert_allclose(pay.at_position(SURVEY, [10, 60, 90]), [6_000, 8_600, 11_000])


def test_at_position_interpolates_over_the_percentiles_it_has():
    # P25 and P75 only: P50 is halfway, (7,000 + 9,500) / 2 = 8,250.
    assert pay.at_position({25: 7_000, 75: 9_500}, 50) == pytest.approx(8_250)


def test_at_position_skips_missing_values_per_element():
    table = {25: [7_000, np.nan], 50: [8_000, 10_000], 75: [np.nan, 12_000]}
    # Row 1 has P25-P50: P40 = 7,000 + 1,000 · 15/25 = 7,600; row 2 has P50-P75: P60 = 10,000 + 2,000 · 10/25 = 10,800.
    np.testing.assert_allclose(pay.at_position(table, [40, 60]), [7_600, 10_800])


@pytest.mark.parametrize("table, position", [
    ({25: 7_000, 75: 9_500}, 10), ({25: 7_000, 75: 9_500}, 90), (SURVEY, 101), (SURVEY, -5),
    ({25: [7_000, np.nan], 50: [8_000, 10_000], 75: [np.nan, 12_000]}, 30)])   # row 2 only has P50-P75
def test_at_position_refuses_positions_outside_the_surveyed_range(table, position):
    with pytest.raises(ValueError, match="position"):
        pay.at_position(table, position)


def test_interpolate_moves_linearly_from_the_lowest_to_the_highest_grade():
    np.testing.assert_allclose(pay.interpolate(0.4, 0.8, 5), [0.4, 0.5, 0.6, 0.7, 0.8])  # hand: steps of 0.1
    np.testing.assert_allclose(pay.interpolate(50, 75, 6), 50 + 5 * np.arange(6))
    np.testing.assert_allclose(pay.interpolate(0.3, 0.9, 1), [0.3])


# ---------------------------------------------------------------------------
# design on a hand-built company whose market lines are known exactly
# ---------------------------------------------------------------------------

# Market pay per percentile is exactly A·exp(B·points), so the log-linear lines are these curves.
A = {10: 2_500.0, 25: 2_800.0, 50: 3_100.0, 75: 3_500.0, 90: 3_900.0}
B = {10: 0.0020, 25: 0.0021, 50: 0.0022, 75: 0.0023, 90: 0.0024}
KEY_POINTS = {"J1": 240, "J2": 330, "J3": 410, "J4": 520, "J5": 600, "J6": 690, "J7": 780}
BANDS = grade_bands(200, 800, 4)                    # centres 275, 425, 575, 725
CENTRES = np.array([275.0, 425.0, 575.0, 725.0])
SURVEY_DATE, AS_OF = "2026-04-01", date(2026, 12, 15)  # default effective date 2027-01-01: 9 months aging


def fixed_line(pct, points):
    return A[pct] * np.exp(B[pct] * np.asarray(points, dtype=float))


def total_line(pct, points):
    return fixed_line(pct, points) * 1.10 * np.exp(0.0003 * np.asarray(points, dtype=float))


def toy_inputs(outlier: bool = False) -> pay.Inputs:
    points = dict(KEY_POINTS, **({"JX": 500} if outlier else {}))
    rows = []
    for job, p in points.items():
        boost = 3.0 if job == "JX" else 1.0     # the outlier is paid three times the market line
        for kind, line in (("fixed", fixed_line), ("total_cash", total_line)):
            rows.append({"job_id": job, "pay_type": kind, "effective_date": pd.Timestamp(SURVEY_DATE),
                         **{f"p{k}": boost * float(line(k, p)) for k in A}})
    jobs = pd.DataFrame({"job_id": [*points, "NOPTS"], "points": [*points.values(), np.nan]})
    jobs["grade"] = np.where(jobs["points"].notna(), slot(jobs["points"].fillna(-1), BANDS), np.nan)
    employees = pd.DataFrame({
        "employee_id": ["E1", "E2", "E3", "E4", "E5", "E6"],
        "department_id": ["D1", "D1", "D1", "D2", "D2", "D2"],
        "job_id": ["J1", "J3", "J5", "J7", "J2", "NOPTS"],
        "grade": [1, 2, 3, 4, 1, 2],
        "base_pay": [4_000.0, 9_000.0, 14_000.0, 20_000.0, 6_500.0, 8_000.0],
        "target_bonus": [0.0, 500.0, 1_000.0, 3_000.0, 0.0, 200.0]})
    departments = pd.DataFrame({"department_id": ["D1", "D2"], "name_en": ["Sales", "R&D"],
                                "name_zh": ["销售", "研发"], "parent_id": [None, None]})
    return pay.Inputs(jobs, BANDS.copy(), pd.DataFrame(rows), employees, departments, AS_OF, "equal",
                      ("JX",) if outlier else ())


BASE = pay.Settings(curve="raw", market_growth=0.06, policy="lead", plan_months=12, spread_low=0.4, spread_high=0.7)
# Hand: 9 months of aging to the effective date, then the lead policy ages a further 12 months.
BASE_FACTOR = 1.06 ** (9 / 12) * 1.06 ** (12 / 12)


def test_lead_policy_ages_the_market_to_the_end_of_the_plan_year():
    structure = pay.design(toy_inputs(), BASE)
    assert structure.aging_months == pytest.approx(9.0)
    assert structure.factor == pytest.approx(BASE_FACTOR)
    np.testing.assert_allclose(structure.grades["fixed_mid"], fixed_line(50, CENTRES) * BASE_FACTOR, rtol=1e-9)


def test_explicit_effective_date_policy_and_manual_lead_set_the_factor():
    settings = replace(BASE, effective_date="2026-10-01", policy="lead-lag", plan_months=18, manual_lead=0.035)
    structure = pay.design(toy_inputs(), settings)
    # Hand: 6 months from 2026-04-01; lead-lag over 18 months is (1.06)^(18/24); manual lead × 1.035.
    assert structure.factor == pytest.approx(1.06 ** 0.5 * 1.06 ** 0.75 * 1.035)
    assert structure.lead_months == pytest.approx(12 * math.log(1.035) / math.log(1.06))


def test_smooth_curve_with_equal_progression_on_an_exponential_market_equals_the_p50_line_at_the_band_centres():
    structure = pay.design(toy_inputs(), replace(BASE, curve="smooth", progression_low=0.1, progression_high=0.1))
    np.testing.assert_allclose(structure.grades["fixed_mid"], fixed_line(50, CENTRES) * BASE_FACTOR, rtol=1e-9)
    np.testing.assert_allclose(structure.grades["centre"], CENTRES)


def test_moving_the_position_to_p75_moves_every_midpoint_to_the_p75_line():
    structure = pay.design(toy_inputs(), replace(BASE, position_low=75, position_high=75))
    np.testing.assert_allclose(structure.grades["fixed_mid"], fixed_line(75, CENTRES) * BASE_FACTOR, rtol=1e-9)


def hand_raw(positions, line=fixed_line):
    """Market pay at each grade's position, linear in the percentile between the exact lines at its centre."""
    return np.array([np.interp(p, list(A), [line(k, c) for k in A]) for p, c in zip(positions, CENTRES)]) * BASE_FACTOR


def test_position_moves_linearly_with_the_grade_and_smooth_with_equal_progression_is_the_exponential_trend():
    structure = pay.design(toy_inputs(), replace(BASE, curve="smooth", position_low=50, position_high=80,
                                                 progression_low=0.12, progression_high=0.12))
    positions = [50, 60, 70, 80]
    raw = hand_raw(positions)
    np.testing.assert_allclose(structure.grades["position"], positions)
    np.testing.assert_allclose(structure.grades["raw_mid"], raw, rtol=1e-9)
    grade = np.arange(1, 5)
    slope, intercept = np.polyfit(grade, np.log(raw), 1)   # least squares on ln(mid) = a + b·grade (DOMAIN step 8)
    np.testing.assert_allclose(structure.grades["fixed_mid"], np.exp(intercept + slope * grade), rtol=1e-9)


def test_smooth_curve_shares_the_trend_s_rise_out_as_a_rising_progression():
    # Seed 002 step 9: 级差 "应该不相等", smaller at the low grades.  Worked by hand: 10,000, 11,000, 12,100 rise
    # 21 % (ln 1.21) from the first grade to the last; progression 10 % then 20 % gives the two steps 1/3 and 2/3
    # of that rise, 1.1^(2/3) − 1 = 6.56 % and 1.1^(4/3) − 1 = 13.55 %; the geometric mean stays 11,000, so the
    # first midpoint is 11,000 · 1.1^(−(2/3 + 2)/3) = 11,000 · 1.1^(−8/9) = 10,106.46.
    mids = pay.smooth([10_000, 11_000, 12_100], 0.10, 0.20)
    assert mids[0] == pytest.approx(10_106.46, abs=0.01)
    np.testing.assert_allclose(mids[1:] / mids[:-1] - 1, [1.1 ** (2 / 3) - 1, 1.1 ** (4 / 3) - 1], rtol=1e-12)
    assert mids[2] / mids[0] == pytest.approx(1.21)
    assert np.exp(np.log(mids).mean()) == pytest.approx(11_000)


def test_the_default_smooth_curve_rises_and_only_an_equal_progression_is_flagged_as_flat():
    # The default settings (8 % to 15 %) give a progression that rises at every step, with no "flat" warning.
    default = pay.design(toy_inputs(), replace(BASE, curve="smooth", progression_low=0.08, progression_high=0.15))
    steps = default.grades["progression"].dropna().to_numpy()
    assert (np.diff(steps) > 0).all()
    assert "flat_progression" not in dict(default.warnings)
    # Designed at 10 % every step (by hand: 10 %, 10 %, 10 %, spanning 0 points < half a point): flagged.
    flat = pay.design(toy_inputs(), replace(BASE, curve="designed", progression_low=0.10, progression_high=0.10))
    np.testing.assert_allclose(flat.grades["progression"].dropna(), [0.10, 0.10, 0.10])
    assert dict(flat.warnings)["flat_progression"] == {"progression": pytest.approx(0.10)}
    # 10 % to 10.4 % spans 0.4 points: still "nearly equal"; 10 % to 11 % is a rising design.
    nearly = pay.design(toy_inputs(), replace(BASE, curve="designed", progression_low=0.10, progression_high=0.104))
    assert "flat_progression" in dict(nearly.warnings)
    rising = pay.design(toy_inputs(), replace(BASE, curve="designed", progression_low=0.10, progression_high=0.11))
    assert "flat_progression" not in dict(rising.warnings)


def test_designed_curve_keeps_the_geometric_mean_of_the_raw_midpoints():
    settings = replace(BASE, curve="designed", position_low=50, position_high=80,
                       progression_low=0.10, progression_high=0.25)
    mids = pay.design(toy_inputs(), settings).grades["fixed_mid"].to_numpy()
    assert np.exp(np.log(mids).mean()) == pytest.approx(np.exp(np.log(hand_raw([50, 60, 70, 80])).mean()), rel=1e-9)


def test_designed_curve_progression_runs_from_the_low_to_the_high_setting():
    # Four grades have three steps; "progression rising from the low to the high value" (pay.curve_help):
    # 10 %, 17.5 %, 25 %. The high setting must be reached by the last step (grade 3 -> 4).
    settings = replace(BASE, curve="designed", progression_low=0.10, progression_high=0.25)
    mids = pay.design(toy_inputs(), settings).grades["fixed_mid"].to_numpy()
    np.testing.assert_allclose(mids[1:] / mids[:-1] - 1, [0.10, 0.175, 0.25], rtol=1e-9)


def test_ranges_follow_the_spread_and_the_overlap_column_matches_neighbouring_rows():
    grades = pay.design(toy_inputs(), BASE).grades
    spread = np.array([0.4, 0.5, 0.6, 0.7])  # hand: 0.4 -> 0.7 in three equal steps
    np.testing.assert_allclose(grades["spread"], spread)
    for low, mid, high in (("fixed_min", "fixed_mid", "fixed_max"), ("total_min", "total_mid", "total_max")):
        np.testing.assert_allclose(grades[low], grades[mid] * 2 / (2 + spread), rtol=1e-12)
        np.testing.assert_allclose((grades[high] - grades[low]) / grades[low], spread, rtol=1e-12)
    ranges = list(zip(grades["fixed_min"], grades["fixed_max"]))
    expected = [pay.overlap(ranges[i], ranges[i + 1]) for i in range(3)]
    np.testing.assert_allclose(grades["overlap"].iloc[:3], expected)
    assert np.isnan(grades["overlap"].iloc[3]) and np.isnan(grades["progression"].iloc[3])
    assert grades["jobs"].tolist() == [2, 1, 2, 2]   # J1,J2 | J3 | J4,J5 | J6,J7 by band


def test_target_bonus_is_the_total_cash_midpoint_minus_the_fixed_midpoint():
    grades = pay.design(toy_inputs(), BASE).grades
    expected = (total_line(50, CENTRES) - fixed_line(50, CENTRES)) * BASE_FACTOR
    np.testing.assert_allclose(grades["target_bonus"], expected, rtol=1e-9)
    np.testing.assert_allclose(grades["total_mid"], total_line(50, CENTRES) * BASE_FACTOR, rtol=1e-9)


def test_outliers_are_left_out_of_the_market_lines_on_request():
    inputs = toy_inputs(outlier=True)
    kept_out = pay.design(inputs, BASE).grades["fixed_mid"]
    np.testing.assert_allclose(kept_out, fixed_line(50, CENTRES) * BASE_FACTOR, rtol=1e-9)
    kept_in = pay.design(inputs, replace(BASE, exclude_outliers=False)).grades["fixed_mid"]
    assert (kept_in > kept_out * 1.01).all()


def test_market_lines_fit_each_percentile_with_three_usable_jobs_and_skip_the_rest():
    """Market pay built exactly as exp(a + b * points), so the fit must return (a, b) to rounding."""
    points = pd.Series({"J1": 100.0, "J2": 200.0, "J3": 300.0, "J4": 400.0, "J5": None})
    market = pd.DataFrame({"job_id": ["J1", "J2", "J3", "J4", "J5", "J1"],
                           "pay_type": ["fixed"] * 5 + ["total_cash"],
                           "p10": [np.exp(8 + 0.002 * x) for x in (100, 200, 300)] + [np.nan, 1.0, 99.0],
                           "p25": [np.exp(9 + 0.001 * x) for x in (100, 200, 300, 400)] + [5.0, 99.0],
                           "p50": [1000.0, 0.0, np.nan, 2000.0, 3000.0, 99.0],
                           "p75": [1000.0, 1100.0, 1200.0, 1300.0, 1.0, 99.0],
                           "p90": [1000.0, 1100.0, 1200.0, 1300.0, 1.0, 99.0]})
    lines = pay.market_lines(market, points, "fixed", exclude=["J4"])
    # p10: J1-J3 (J4 left out, J5 has no points); p25 likewise; p50: one usable job (0 and missing pay don't count).
    assert set(lines) == {10, 25, 75, 90}
    np.testing.assert_allclose(lines[10], (8, 0.002), rtol=1e-9)
    np.testing.assert_allclose(lines[25], (9, 0.001), rtol=1e-9)


def warning_codes(structure):
    return {code: values for code, values in structure.warnings}


def test_uniform_spread_gets_a_note_and_a_rising_spread_does_not():
    assert warning_codes(pay.design(toy_inputs(), replace(BASE, spread_low=0.5, spread_high=0.5))) \
        .get("uniform_spread") == {"spread": 0.5}
    assert "uniform_spread" not in warning_codes(pay.design(toy_inputs(), BASE))


def test_falling_progression_on_the_raw_curve_is_flagged_at_the_grades_where_it_falls():
    settings = replace(BASE, position_low=75, position_high=25)
    raw = hand_raw(pay.interpolate(75, 25, 4))
    steps = raw[1:] / raw[:-1] - 1          # progression of grades 1..3
    falling = [g for g in (2, 3) if steps[g - 1] < steps[g - 2]]
    assert falling  # the data are jagged on purpose
    codes = warning_codes(pay.design(toy_inputs(), settings))
    assert codes["falling_progression"] == {"grades": ", ".join(map(str, falling))}
    assert "falling_progression" not in warning_codes(pay.design(toy_inputs(), replace(settings, curve="designed")))


def test_overlap_warnings_for_ranges_that_are_apart_or_almost_the_same():
    apart = warning_codes(pay.design(toy_inputs(), replace(BASE, spread_low=0.1, spread_high=0.1)))
    assert apart["overlap_low"] == {"grades": "1, 2, 3"}   # ~39 % progression against 10 % spread: no overlap
    squeezed = pay.design(toy_inputs(), replace(BASE, curve="designed", progression_low=0.03, progression_high=0.03,
                                                spread_low=1.0, spread_high=1.0))
    # Hand, constant progression p and spread s: overlap = (s − p) / ((1 + p) · s) = 0.97 / 1.03.
    np.testing.assert_allclose(squeezed.grades["overlap"].iloc[:3], 0.97 / 1.03, rtol=1e-9)
    codes = warning_codes(squeezed)
    assert codes["overlap_high"] == {"grades": "1, 2, 3"}
    assert "too_many_grades" in codes and "overlap_low" not in codes


# ---------------------------------------------------------------------------
# People, cost, levers and budget
# ---------------------------------------------------------------------------

def hand_structure() -> pay.Structure:
    """Two grades with round numbers: 8,000–10,000–12,000 (bonus 1,000) and 10,000–12,500–15,000 (bonus 2,000)."""
    grades = pd.DataFrame({"grade": [1, 2], "fixed_min": [8_000.0, 10_000.0], "fixed_mid": [10_000.0, 12_500.0],
                           "fixed_max": [12_000.0, 15_000.0], "target_bonus": [1_000.0, 2_000.0]})
    jobs = pd.DataFrame({"job_id": ["A", "B", "C"], "points": [100.0, 300.0, np.nan], "grade": [1, 2, np.nan]})
    return pay.Structure(pay.Settings(), grades, jobs, 1.0, 0.0, None)


def hand_people() -> pd.DataFrame:
    return pd.DataFrame({
        "employee_id": ["P1", "P2", "P3", "P4"], "department_id": ["D1", "D1", "D2", "D2"],
        "job_id": ["A", "B", "C", "B"], "grade": [2, 1, 1, 2],   # P1, P2 take their job's grade; P3's job has no points
        "base_pay": [7_000.0, 13_000.0, 9_000.0, 16_000.0], "target_bonus": [500.0, 1_500.0, np.nan, 2_500.0]})


def test_place_people_grades_by_job_falls_back_to_the_own_grade_and_flags_the_range():
    people = pay.place_people(hand_structure(), hand_people()).people.set_index("employee_id")
    assert people["grade"].tolist() == [1, 2, 1, 2]
    # Hand: P1 7,000 < 8,000 (to min 1,000); P4 16,000 > 15,000; CR 7/10, 13/12.5, 9/10, 16/12.5.
    assert people["below_min"].tolist() == [True, False, False, False]
    assert people["above_max"].tolist() == [False, False, False, True]
    assert people["to_min"].tolist() == [1_000.0, 0.0, 0.0, 0.0]
    np.testing.assert_allclose(people["compa_ratio"], [0.7, 1.04, 0.9, 1.28])
    np.testing.assert_allclose(people["penetration"], [-0.25, 0.6, 0.25, 1.2])   # (pay − min) / (max − min)


def test_payroll_raises_pay_to_the_minimum_and_adds_the_grade_bonus():
    cost = pay.payroll(pay.place_people(hand_structure(), hand_people()), approved=600_000)
    # Hand, monthly: current 7,500 + 14,500 + 9,000 + 18,500 = 49,500;
    # structure (8,000+1,000) + (13,000+2,000) + (9,000+1,000) + (16,000+2,000) = 52,000.
    assert cost.current == pytest.approx(12 * 49_500)
    assert cost.structure == pytest.approx(12 * 52_000)
    assert cost.gap == pytest.approx(12 * 52_000 - 600_000)
    by_dept = cost.by_department.set_index("department_id")
    assert by_dept.loc["D1", "structure"] == pytest.approx(12 * 24_000)
    assert by_dept.loc["D1", "to_min"] == pytest.approx(12 * 1_000)
    assert by_dept["headcount"].tolist() == [2, 2]


def test_people_without_a_department_are_costed_as_a_group_of_their_own():
    people = hand_people().assign(department_id=["D2", None, "D1", None])
    by_dept = pay.payroll(pay.place_people(hand_structure(), people)).by_department
    # Hand, monthly structure cost: P1 9,000 (D2), P3 10,000 (D1), P2 15,000 + P4 18,000 (none).
    assert by_dept["department_id"].iloc[:2].tolist() == ["D1", "D2"] and pd.isna(by_dept["department_id"].iloc[2])
    assert by_dept["headcount"].tolist() == [1, 1, 2]
    np.testing.assert_allclose(by_dept["structure"], [12 * 10_000, 12 * 9_000, 12 * 33_000])


def test_levers_lower_the_cost_and_the_headcount_cut_closes_the_gap():
    inputs = toy_inputs()
    designed = pay.payroll(pay.place_people(pay.design(inputs, BASE), inputs.employees)).structure
    approved = designed * 0.7
    table = pay.levers(inputs, BASE, approved).set_index("lever")
    assert table.loc["as_designed", "structure"] == pytest.approx(designed)
    assert table.loc["position_minus_5", "structure"] < designed
    assert table.loc["lag_no_lead", "structure"] < designed    # BASE leads the market
    # Only E1 (4,000, grade 1) is below the minimum, min = mid · 2 / 2.4; half the annual catch-up is deferred.
    grade1_min = fixed_line(50, CENTRES[0]) * BASE_FACTOR * 2 / 2.4
    assert table.loc["to_min_over_two_years", "structure"] == pytest.approx(designed - 12 * (grade1_min - 4_000) / 2)
    per_head = designed / len(inputs.employees)
    heads = int(table.loc["headcount", "value"])
    assert table.loc["headcount", "gap"] <= 1e-6 < table.loc["headcount", "gap"] + per_head
    assert heads == math.ceil((designed - approved) / per_head)


def test_budget_uses_the_department_grade_mix_and_the_grade_compa_ratio():
    structure = hand_structure()
    placement = pay.place_people(structure, hand_people())
    plan = pd.DataFrame({"department_id": ["D1", "D2"], "planned": [4, 3]})
    out = pay.budget(placement, structure, plan).set_index("department_id")
    # Hand: grade 1 CR mean (0.7 + 0.9)/2 = 0.8 -> 12·(10,000·0.8 + 1,000) = 108,000 a head;
    # grade 2 CR mean (1.04 + 1.28)/2 = 1.16 -> 12·(12,500·1.16 + 2,000) = 198,000 a head.
    # Each department is half grade 1, half grade 2: 153,000 a head.
    assert out.loc["D1", "cost_per_head"] == pytest.approx(153_000)
    assert out.loc["D1", "budget"] == pytest.approx(4 * 153_000)
    assert out.loc["D2", "budget"] == pytest.approx(3 * 153_000)
    assert out["current"].tolist() == [2, 2]


def test_a_new_department_in_the_plan_is_costed_at_the_company_mix():
    structure = hand_structure()
    placement = pay.place_people(structure, hand_people())
    plan = pd.DataFrame({"department_id": ["D1", "NEW"], "planned": [4, 5]})
    out = pay.budget(placement, structure, plan).set_index("department_id")
    # The company is half grade 1 (108,000 a head) and half grade 2 (198,000): 153,000 a head.
    assert out.loc["NEW", "current"] == 0
    assert out.loc["NEW", "budget"] == pytest.approx(5 * 153_000)


# ---------------------------------------------------------------------------
# Scenarios on the demo company
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo():
    store = Store(":memory:")
    build_demo(store, employees=300, seed=3)
    yield store
    store.close()


@pytest.fixture(scope="module")
def demo_inputs(demo):
    return pay.load_inputs(demo)


def test_load_inputs_reads_the_grading_and_the_market_check(demo_inputs):
    assert len(demo_inputs.bands) == 12
    assert set(demo_inputs.outliers) == {"MF-WSD", "RD-ALG"}
    assert demo_inputs.market["survey_year"].nunique() == 1


def test_load_inputs_without_market_data_gives_none(fresh_db):
    assert pay.load_inputs(fresh_db) is None


def test_saved_scenario_is_a_draft_with_its_settings_and_grades(demo, demo_inputs):
    settings = pay.Settings(curve="designed", position_high=75, policy="lead-lag", approved_total=9.5e6)
    structure = pay.design(demo_inputs, settings)
    sid = pay.save_scenario(demo, "  Committee draft  ", structure, "hr.analyst")
    head = demo.query("SELECT * FROM pay_structures WHERE structure_id = ?", [sid]).iloc[0]
    assert (head["name"], head["status"], head["created_by"]) == ("Committee draft", "draft", "hr.analyst")
    assert pay.Settings.from_dict(json.loads(head["params"])) == settings
    stored = demo.query("SELECT * FROM pay_grades WHERE structure_id = ? ORDER BY grade", [sid])
    pd.testing.assert_frame_equal(stored[pay.GRADE_COLUMNS].reset_index(drop=True),
                                  structure.grades[pay.GRADE_COLUMNS].reset_index(drop=True),
                                  check_dtype=False, rtol=1e-12)
    with pytest.raises(ValueError, match="name"):
        pay.save_scenario(demo, "Committee draft", structure, "someone.else")
    with pytest.raises(ValueError, match="name"):
        pay.save_scenario(demo, "   ", structure, "someone.else")


def test_approval_records_who_and_when_and_happens_once(demo, demo_inputs):
    sid = pay.save_scenario(demo, "To approve", pay.design(demo_inputs, pay.Settings()), "hr.analyst")
    with pytest.raises(ValueError, match="user"):
        pay.approve(demo, sid, "  ")
    when = datetime(2027, 1, 5, 9, 30)
    pay.approve(demo, sid, "cfo", when)
    head = demo.query("SELECT * FROM pay_structures WHERE structure_id = ?", [sid]).iloc[0]
    assert (head["status"], head["approved_by"], head["approved_at"]) == ("approved", "cfo", pd.Timestamp(when))
    with pytest.raises(ValueError, match="was approved by cfo at 2027-01-05 09:30"):
        pay.approve(demo, sid, "ceo")
    with pytest.raises(ValueError, match="structure_id"):
        pay.approve(demo, "no-such-scenario", "ceo")


def test_stored_structure_rebuilds_the_grades_and_job_slots(demo, demo_inputs):
    structure = pay.design(demo_inputs, pay.Settings(curve="designed"))
    sid = pay.save_scenario(demo, "Rebuild me", structure, "hr.analyst")
    again = pay.stored_structure(demo, sid, demo_inputs)
    assert again.settings == structure.settings
    for column in ("fixed_min", "fixed_mid", "fixed_max", "progression", "spread", "target_bonus"):
        np.testing.assert_allclose(again.grades[column], structure.grades[column], rtol=1e-9, err_msg=column)
    graded = structure.jobs.merge(again.jobs, on="job_id", suffixes=("", "_again")).dropna(subset=["points"])
    assert (graded["grade"].astype(int) == graded["grade_again"].astype(int)).all()
    with pytest.raises(ValueError, match="structure_id"):
        pay.stored_structure(demo, "no-such-scenario", demo_inputs)


def test_scenario_workbook_has_the_committee_sheets_and_escapes_a_formula_name(demo_inputs):
    structure = pay.design(demo_inputs, pay.Settings())
    placement = pay.place_people(structure, demo_inputs.employees)
    cost = pay.payroll(placement, approved=1e7)
    name = '=HYPERLINK("http://evil.example","open")'
    data = pay.scenario_workbook(name, structure, placement, cost, demo_inputs.departments, currency="USD")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Summary", "Settings", "Grades", "Departments"]
    cell = book["Settings"]["B2"]
    assert book["Settings"]["A2"].value == "scenario"
    assert cell.data_type == "s" and cell.value in ("'" + name, name) and not str(cell.value).startswith("=")
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["structure cost (annual)"] == pytest.approx(cost.structure) and summary["currency"] == "USD"
    assert summary["performance-linked bonus (annual)"] == pytest.approx(cost.by_department["bonus"].sum())
    assert book["Grades"].max_row == 1 + 12


def test_structure_cost_is_the_payroll_of_everyone_placed():
    # Independent check: the per-person route (place_people, then payroll) on a company of 2,000 with gaps:
    # people without a job grade fall back on their own, some without pay, grades above the top clipped.
    rng = np.random.default_rng(5)
    inputs = toy_inputs()
    structure = pay.design(inputs, BASE)
    n = 2_000
    jobs = structure.jobs["job_id"].tolist() + ["NO_SUCH_JOB"]
    employees = pd.DataFrame({
        "employee_id": [f"E{i}" for i in range(n)], "department_id": rng.choice(["D1", "D2"], n),
        "job_id": rng.choice(jobs, n), "grade": rng.choice([1.0, 2.0, 99.0, np.nan], n),
        "base_pay": np.where(rng.random(n) < 0.05, np.nan, rng.uniform(2_000, 40_000, n)),
        "target_bonus": rng.uniform(0, 3_000, n)})
    expected = pay.payroll(pay.place_people(structure, employees)).structure
    assert pay.structure_cost(structure, employees) == pytest.approx(expected, rel=1e-12)


def test_budget_of_departments_held_as_categories_is_a_sum_of_money():
    # load_inputs keeps department ids as categories; when each department has a cost of its own (a manager's
    # view) the lookup stayed categorical and the budget was a TypeError.
    structure = hand_structure()
    people = hand_people().assign(department_id=pd.Categorical(["D1", "D2", "D2", "D2"]))
    placement = pay.place_people(structure, people)
    current = placement.people.groupby("department_id").size()
    plan = pd.DataFrame({"department_id": current.index, "planned": [1, 3]})
    out = pay.budget(placement, structure, plan).set_index("department_id")
    # Hand: D1 is P1 alone (grade 1, 108,000 a head); D2 is P2, P3, P4: one grade 1, two grade 2 → 168,000.
    assert out["cost_per_head"].tolist() == pytest.approx([108_000, 168_000])
    assert out["budget"].tolist() == pytest.approx([108_000, 3 * 168_000])
    assert out["current"].tolist() == [1, 3]


# ---------------------------------------------------------------------------
# Performance-linked bonus (绩效工资, seed 002 step 14; DOMAIN.md §3 "Two curves") and the raise-rate lever
# ---------------------------------------------------------------------------

def rated_people() -> pd.DataFrame:
    """hand_people with latest ratings A, none, D, E."""
    return hand_people().assign(rating=["A", None, "D", "E"])


def test_each_person_s_bonus_is_the_target_bonus_times_the_factor_of_their_latest_rating():
    people = pay.place_people(hand_structure(), rated_people()).people.set_index("employee_id")
    # Hand (DOMAIN.md §3 defaults A 1.5, D 0.5, E 0; no rating 1): grades 1, 2, 1, 2 → target 1,000, 2,000, 1,000,
    # 2,000; bonus 1,500, 2,000, 500, 0.
    assert people["performance_factor"].tolist() == [1.5, 1.0, 0.5, 0.0]
    assert people["bonus"].tolist() == [1_500.0, 2_000.0, 500.0, 0.0]


def test_payroll_adds_the_performance_linked_bonus_by_person_and_department():
    cost = pay.payroll(pay.place_people(hand_structure(), rated_people()))
    # Hand, monthly: (8,000 + 1,500) + (13,000 + 2,000) + (9,000 + 500) + (16,000 + 0) = 50,000 (52,000 at factor 1).
    assert cost.structure == pytest.approx(12 * 50_000)
    by_dept = cost.by_department.set_index("department_id")
    assert by_dept.loc["D1", "bonus"] == pytest.approx(12 * 3_500) and by_dept.loc["D2", "bonus"] == pytest.approx(
        12 * 500)
    assert pay.structure_cost(hand_structure(), rated_people()) == pytest.approx(cost.structure)


def test_an_edited_factor_table_changes_the_bonus():
    structure = replace(hand_structure(), settings=pay.Settings(bonus_factors="A=2,D=1,E=0.25"))
    people = pay.place_people(structure, rated_people()).people
    # Hand: 1,000 × 2, 2,000 × 1 (no rating), 1,000 × 1, 2,000 × 0.25.
    assert people["bonus"].tolist() == [2_000.0, 2_000.0, 1_000.0, 500.0]


def test_bonus_by_rating_counts_everyone_including_people_without_a_rating():
    placement = pay.place_people(hand_structure(), rated_people())
    table = pay.bonus_by_rating(placement, pay.bonus_factors(pay.BONUS_FACTORS))
    assert table["rating"].tolist() == ["A", "B", "C", "D", "E", None]
    assert table["headcount"].tolist() == [1, 0, 0, 1, 1, 1] and table["headcount"].sum() == 4
    # Hand, annual: A 12 × 1,500; D 12 × 500; E 0; no rating 12 × 2,000 at factor 1.
    np.testing.assert_allclose(table["bonus"], [18_000, 0, 0, 6_000, 0, 24_000])
    np.testing.assert_allclose(table["target"], [12_000, 0, 0, 12_000, 24_000, 24_000])
    assert table["factor"].tolist() == [1.5, 1.2, 1.0, 0.5, 0.0, 1.0]


def test_the_annual_raise_rate_raises_today_s_pay_before_the_minimum():
    structure = replace(hand_structure(), settings=pay.Settings(raise_rate=0.10))
    cost = pay.payroll(pay.place_people(structure, rated_people()))
    # Hand, monthly: pay × 1.1 = 7,700 (below min 8,000 → 8,000), 14,300, 9,900, 17,600 = 49,800; bonus 4,000.
    assert cost.structure == pytest.approx(12 * 53_800)
    assert pay.structure_cost(structure, rated_people()) == pytest.approx(12 * 53_800)


def test_the_budget_carries_the_raise_and_the_average_performance_factor_of_each_grade():
    structure = replace(hand_structure(), settings=pay.Settings(raise_rate=0.10))
    placement = pay.place_people(structure, rated_people())
    plan = pd.DataFrame({"department_id": ["D1", "D2"], "planned": [2, 2]})
    result = pay.budget(placement, structure, plan).set_index("department_id")
    # Hand: grade 1 (P1 CR 0.7, P3 0.9; factors 1.5, 0.5) 12 × (10,000 × 0.8 × 1.1 + 1,000 × 1.0) = 117,600;
    # grade 2 (P2 1.04, P4 1.28; factors 1, 0) 12 × (12,500 × 1.16 × 1.1 + 2,000 × 0.5) = 203,400.
    # Each department has one person of each grade: 2 × (117,600 + 203,400) / 2 = 321,000.
    assert result.loc["D1", "budget"] == pytest.approx(321_000)
    assert result.loc["D2", "budget"] == pytest.approx(321_000)


def test_the_lower_raise_lever_costs_the_design_at_half_the_raise():
    inputs = toy_inputs()
    settings = replace(BASE, raise_rate=0.06)
    approved = 1.0
    table = pay.levers(inputs, settings, approved).set_index("lever")
    halved = pay.structure_cost(pay.design(inputs, replace(settings, raise_rate=0.03)), inputs.employees)
    assert table.loc["raise_halved", "value"] == pytest.approx(0.03)
    assert table.loc["raise_halved", "structure"] == pytest.approx(halved)
    assert table.loc["raise_halved", "structure"] < table.loc["as_designed", "structure"]


def test_latest_ratings_take_the_latest_scored_employee_card_of_a_period_started_by_the_as_of_date():
    from hrcore.store import Store

    store = Store()
    store.upsert("scorecards", pd.DataFrame({
        "scorecard_id": ["1", "2", "3", "4", "5", "6"],
        "owner_type": ["employee", "employee", "employee", "employee", "position", "employee"],
        "owner_id": ["a", "a", "a", "b", "b", "c"],
        "period": ["2024Q3", "2024Q4", "2025Q1", "2024Q4", "2024Q4", "2024Q2"],
        "rating": ["B", "A", "C", "D", "E", "C"],
        "status": ["scored", "scored", "scored", "draft", "scored", "scored"]}))
    ratings = pay.latest_ratings(store, date(2024, 12, 31))
    # a: 2024Q4 (A), 2025Q1 had not started; b: a draft and a position card only, so none; c: its only card.
    assert ratings.to_dict() == {"a": "A", "c": "C"}


def test_the_demo_company_pays_its_bonus_by_latest_rating(demo, demo_inputs):
    # The demo's people carry the rating of their latest scored card; at the default factors (DOMAIN.md §3) an A's
    # bonus is 1.5 × the target and a D's half of it, and everyone is counted once.
    placement = pay.place_people(pay.design(demo_inputs, pay.Settings()), demo_inputs.employees)
    table = pay.bonus_by_rating(placement, pay.bonus_factors(pay.BONUS_FACTORS)).set_index("rating", drop=False)
    assert table["headcount"].sum() == len(placement.people)
    assert (table.loc[["A", "B", "C", "D"], "headcount"] > 0).all()
    assert table.loc["A", "bonus"] == pytest.approx(1.5 * table.loc["A", "target"])
    assert table.loc["D", "bonus"] == pytest.approx(0.5 * table.loc["D", "target"])
    assert pay.payroll(placement).by_department["bonus"].sum() == pytest.approx(table["bonus"].sum())


def test_pay_refusals_read_in_chinese_with_their_values(demo, demo_inputs):
    from hrcore.errors import problem_text

    sid = pay.save_scenario(demo, "Committee, in Chinese", pay.design(demo_inputs, pay.Settings()), "hr.analyst")
    pay.approve(demo, sid, "cfo", datetime(2027, 1, 5, 9, 30))
    with pytest.raises(ValueError, match="was approved by cfo at 2027-01-05 09:30") as twice:
        pay.approve(demo, sid, "ceo")
    with pytest.raises(ValueError, match="grades: a structure needs at least 2 grades") as one_grade:
        pay.design(demo_inputs, pay.Settings(grades=1))
    assert [problem_text(e.value, "zh") for e in (twice, one_grade)] == [
        f"方案：方案 {sid} 已由 cfo 于 2027-01-05 09:30 批准；本次未作更改", "职级数：薪资结构至少需要 2 个职级"]
