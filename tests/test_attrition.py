"""hrcore.attrition: turnover, tenure, survival, economic compensation and the exit-risk model.

Expected numbers come from hand arithmetic written out next to each test, from
a plain-Python recount of the same people, or from the published examples
named in the tests (Freireich's 6-MP trial as tabulated by Kleinbaum & Klein;
Dezan Shira & Associates' payroll guide for art. 47); none is copied from the
code's output.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score

from hrcore import attrition
from hrcore.attrition import (FAMILIES, TENURE_BANDS, Compensation, annualize, compensation_months,
                              economic_compensation_many,
                              compensation_months_many, economic_compensation, fit_risk_model, kaplan_meier,
                              new_hire_turnover, screen_columns, target_candidates, tenure_band, tenure_survival,
                              turnover_by_period, turnover_rate)
from tests.conftest import IBM_CSV, hr_dataset_like

# ---------------------------------------------------------------------------
# Annualizing
# ---------------------------------------------------------------------------


def test_annualize_compounds_the_monthly_rate():
    # 1 − (1 − 0.02)^12 = 1 − 0.784717 = 0.215283; 1 − 0.99^12 = 0.113615.
    assert annualize(0.02) == pytest.approx(0.215283, abs=1e-6)
    np.testing.assert_allclose(annualize(np.array([0.0, 0.01, 1.0])), [0.0, 0.113615, 1.0], atol=1e-6)
    series = pd.Series([0.02, np.nan], index=["sales", "r&d"])
    out = annualize(series)
    assert list(out.index) == ["sales", "r&d"] and np.isnan(out["r&d"])


def test_annualize_agrees_with_a_simulated_year_of_constant_monthly_turnover():
    # 10,000 people, 3 % leave each month from those still there: after 12 months 0.97^12 remain.
    remaining = 10_000.0
    for _ in range(12):
        remaining -= 0.03 * remaining
    assert annualize(0.03) == pytest.approx(1 - remaining / 10_000)


@pytest.mark.parametrize("bad", [-0.01, 1.5, [0.1, -0.2]])
def test_annualize_rejects_rates_outside_0_1(bad):
    with pytest.raises(ValueError, match="monthly_rate"):
        annualize(bad)


# ---------------------------------------------------------------------------
# Turnover by period
# ---------------------------------------------------------------------------


def random_people(n: int, seed: int, as_of: date = date(2026, 3, 15)) -> pd.DataFrame:
    """People hired over ten years, about 45 % of them gone, some with notice beyond as_of."""
    rng = np.random.default_rng(seed)
    hire = pd.Timestamp(as_of) - pd.to_timedelta(rng.integers(-60, 3650, n), unit="D")
    stay = pd.to_timedelta(rng.integers(0, 2500, n), unit="D")
    leaves = rng.random(n) < 0.45
    exit_ = (hire + stay).where(leaves)
    people = pd.DataFrame({
        "employee_id": [f"E{i:05d}" for i in range(n)],
        "department_id": rng.choice(["D1", "D2", "D3", None], n),
        "grade": rng.integers(1, 6, n),
        "hire_date": hire,
        "exit_date": exit_,
        "exit_type": np.where(leaves, rng.choice(["voluntary", "involuntary", None], n, p=[0.6, 0.3, 0.1]), None),
    })
    people.loc[rng.random(n) < 0.02, "hire_date"] = pd.NaT  # hire date unknown: employed all along
    return people


def recount(people: pd.DataFrame, start: date, end: date) -> dict:
    """Plain-Python count of one period by the written rules (exit_date = last day of service)."""
    counts = dict(headcount_start=0, hires=0, separations=0, voluntary=0, involuntary=0, headcount_end=0)
    for row in people.itertuples():
        hired = date.min if pd.isna(row.hire_date) else row.hire_date.date()
        gone = None if pd.isna(row.exit_date) else row.exit_date.date()
        if hired < start and (gone is None or gone >= start):
            counts["headcount_start"] += 1
        if hired <= end and (gone is None or gone > end):
            counts["headcount_end"] += 1
        if start <= hired <= end:
            counts["hires"] += 1
        if gone is not None and start <= gone <= end:
            counts["separations"] += 1
            counts["voluntary"] += row.exit_type == "voluntary"
            counts["involuntary"] += row.exit_type == "involuntary"
    return counts


@pytest.mark.parametrize("freq", ["M", "Q", "Y"])
def test_turnover_by_period_matches_a_plain_recount(freq):
    people = random_people(400, seed=3)
    as_of = date(2026, 3, 15)
    table = turnover_by_period(people, as_of, freq=freq, months=24)
    for row in table.itertuples():
        expected = recount(people, row.start.date(), row.end.date())
        got = {k: getattr(row, k) for k in expected}
        assert got == expected, row.period
    assert table["rate"].to_numpy() == pytest.approx(
        turnover_rate(table["separations"], table["headcount_start"], table["headcount_end"]), nan_ok=True)
    assert table["voluntary_rate"].to_numpy() == pytest.approx(
        turnover_rate(table["voluntary"], table["headcount_start"], table["headcount_end"]), nan_ok=True)


@pytest.mark.parametrize("freq", ["M", "Q", "Y"])
@pytest.mark.parametrize("by", [None, "department_id", ["department_id", "grade"]])
def test_headcount_end_is_start_plus_hires_minus_separations_and_periods_chain(freq, by):
    people = random_people(5_000, seed=8)
    table = turnover_by_period(people, date(2026, 3, 15), freq=freq, by=by, months=36)
    assert (table["headcount_end"] == table["headcount_start"] + table["hires"] - table["separations"]).all()
    assert (table["voluntary"] + table["involuntary"] + table["unspecified"] == table["separations"]).all()
    assert (table["unspecified"] >= 0).all()
    keys = [] if by is None else ([by] if isinstance(by, str) else by)
    for _, group in (table.groupby(keys, dropna=False) if keys else [(None, table)]):
        # The end of one period is the start of the next.
        assert (group["headcount_end"].to_numpy()[:-1] == group["headcount_start"].to_numpy()[1:]).all()
    if keys:  # the groups add up to the whole company
        whole = turnover_by_period(people, date(2026, 3, 15), freq=freq, months=36)
        summed = table.groupby("period", sort=False)[["headcount_start", "hires", "separations", "headcount_end"]].sum()
        pd.testing.assert_frame_equal(summed.reset_index(drop=True),
                                      whole[["headcount_start", "hires", "separations", "headcount_end"]])


def test_periods_cover_the_window_and_the_running_one_ends_on_as_of():
    people = random_people(50, seed=1)
    as_of = date(2026, 2, 15)
    monthly = turnover_by_period(people, as_of, months=36)
    assert len(monthly) == 36 and monthly["period"].iloc[0] == "2023-03" and monthly["period"].iloc[-1] == "2026-02"
    # 36 months back from February 2026 start in March 2023, inside 2023Q1: that quarter is covered whole.
    quarterly = turnover_by_period(people, as_of, freq="Q", months=36)
    assert list(quarterly["period"][[0, 12]]) == ["2023Q1", "2026Q1"] and len(quarterly) == 13
    yearly = turnover_by_period(people, as_of, freq="y", months=36)
    assert list(yearly["period"]) == ["2023", "2024", "2025", "2026"]
    for table in (monthly, quarterly, yearly):
        assert table["end"].iloc[-1] == pd.Timestamp(as_of)
        assert (table["start"].iloc[1:].to_numpy() == (table["end"].iloc[:-1] + pd.Timedelta(days=1)).to_numpy()).all()


def test_the_exit_date_is_the_last_day_of_service():
    people = pd.DataFrame({
        "employee_id": ["stays", "last_day_31_jan", "first_day_1_feb", "one_day_only", "notice_beyond_as_of"],
        "hire_date": pd.to_datetime(["2020-01-01", "2020-01-01", "2026-02-01", "2026-02-10", "2020-01-01"]),
        "exit_date": pd.to_datetime([None, "2026-01-31", None, "2026-02-10", "2026-03-31"]),
        "exit_type": [None, "voluntary", None, "involuntary", "voluntary"],
    })
    table = turnover_by_period(people, date(2026, 2, 20), months=2).set_index("period")
    # January: 3 at the start (stays, last_day_31_jan, notice), the 31 January leaver gone by the end.
    assert table.loc["2026-01", ["headcount_start", "separations", "headcount_end"]].tolist() == [3, 1, 2]
    # February (to 20 Feb): 2 hires (1 Feb, and a one-day worker who is both hire and separation); the
    # 31 March leaver is still employed on as_of.
    assert table.loc["2026-02", ["headcount_start", "hires", "separations", "involuntary", "headcount_end"]].tolist() \
        == [2, 2, 1, 1, 3]
    # Rate of February: 1 / ((2 + 3) / 2) = 0.4.
    assert table.loc["2026-02", "rate"] == pytest.approx(0.4)


def test_by_keeps_missing_values_as_a_group_and_every_period_for_each_group():
    people = random_people(300, seed=5)
    table = turnover_by_period(people, date(2026, 3, 15), by="department_id", months=6)
    assert len(table) == 4 * 6
    assert table["department_id"].isna().sum() == 6
    assert table.groupby("department_id", dropna=False).size().eq(6).all()


def test_turnover_by_period_rejects_bad_arguments():
    people = random_people(20, seed=2)
    with pytest.raises(ValueError, match="freq"):
        turnover_by_period(people, date(2026, 1, 1), freq="W")
    with pytest.raises(ValueError, match="months"):
        turnover_by_period(people, date(2026, 1, 1), months=0)
    with pytest.raises(ValueError, match="by"):
        turnover_by_period(people, date(2026, 1, 1), by="no_such_column")
    with pytest.raises(ValueError, match="as_of"):
        turnover_by_period(people, None)
    with pytest.raises(ValueError, match="exit_date"):
        turnover_by_period(people.drop(columns="exit_date"), date(2026, 1, 1))
    backwards = people.copy()
    backwards.loc[3, ["hire_date", "exit_date"]] = [pd.Timestamp("2025-05-01"), pd.Timestamp("2025-04-30")]
    with pytest.raises(ValueError, match="exit_date before hire_date.*E00003"):
        turnover_by_period(backwards, date(2026, 1, 1))


def test_turnover_by_period_is_fast_at_100000_people():
    people = random_people(100_000, seed=9)
    started = time.perf_counter()
    table = turnover_by_period(people, date(2026, 3, 15), by="department_id", months=36)
    assert time.perf_counter() - started < 10
    assert (table["headcount_end"] == table["headcount_start"] + table["hires"] - table["separations"]).all()


# ---------------------------------------------------------------------------
# New-hire turnover
# ---------------------------------------------------------------------------


def test_new_hire_turnover_cohort_and_window_boundaries():
    as_of = date(2026, 3, 31)
    # 90 days before 31 March 2026 is 31 December 2025; the cohort is 1 January - 31 December 2025.
    people = pd.DataFrame({
        "hire_date": pd.to_datetime(["2024-12-31", "2025-01-01", "2025-03-01", "2025-03-01", "2025-12-31", "2026-01-01"]),
        # day 90 of service (29 May = 1 March + 89 days) counts; day 91 (30 May) does not.
        "exit_date": pd.to_datetime(["2025-01-05", "2025-01-01", "2025-05-29", "2025-05-30", None, "2026-01-02"]),
    })
    result = new_hire_turnover(people, as_of)
    assert (result.cohort_start, result.cohort_end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert (result.hires, result.leavers) == (4, 2)  # 2025-01-01 (left on day 1) and 2025-03-01 (day 90)
    assert result.rate == pytest.approx(0.5)


def test_first_year_turnover_and_no_hires():
    people = pd.DataFrame({"hire_date": pd.to_datetime(["2024-06-01", "2024-06-01", "2024-09-01"]),
                           "exit_date": pd.to_datetime(["2025-05-31", "2025-06-01", None])})
    # within 365 days, as of 2026-01-01: cohort hired 2024-01-02 .. 2025-01-01; 1 June to 31 May = day 365.
    year = new_hire_turnover(people, date(2026, 1, 1), within_days=365)
    assert (year.hires, year.leavers) == (3, 1)
    empty = new_hire_turnover(people, date(2030, 1, 1))
    assert empty.hires == 0 and np.isnan(empty.rate)
    with pytest.raises(ValueError, match="within_days"):
        new_hire_turnover(people, date(2026, 1, 1), within_days=0)


# ---------------------------------------------------------------------------
# Tenure bands and survival
# ---------------------------------------------------------------------------


def test_tenure_bands_count_completed_years_by_anniversary():
    hire = pd.Series(pd.to_datetime(["2025-06-02", "2025-06-01", "2023-06-01", "2021-06-02", "2016-06-01",
                                     "2016-06-02", "2020-02-29", None, "2026-07-01"]), index=list("abcdefghi"))
    at = date(2026, 6, 1)
    bands = tenure_band(hire, at)
    assert list(bands.index) == list("abcdefghi")
    assert bands.tolist()[:7] == ["<1", "1-3", "3-5", "3-5", "10+", "5-10", "5-10"]
    assert bands.isna().tolist()[7:] == [True, True]  # no hire date; not yet started
    assert list(bands.cat.categories) == list(TENURE_BANDS) and bands.cat.ordered
    # 29 February hires complete their year on 1 March in common years.
    assert tenure_band(date(2024, 2, 29), date(2025, 2, 28)) == "<1"
    assert tenure_band(date(2024, 2, 29), date(2025, 3, 1)) == "1-3"
    assert tenure_band(date(2021, 1, 1), date(2020, 1, 1)) is None


def test_tenure_band_takes_arrays_of_dates_and_checks_lengths():
    out = tenure_band(np.array(["2010-01-01", "2024-01-01"], dtype="datetime64[D]"),
                      pd.Series(pd.to_datetime(["2020-01-01", "2026-01-01"])))
    assert isinstance(out, pd.Categorical) and list(out) == ["10+", "1-3"]
    with pytest.raises(ValueError, match="at"):
        tenure_band(pd.Series(pd.to_datetime(["2020-01-01"] * 3)), pd.Series(pd.to_datetime(["2021-01-01"] * 2)))


# Freireich et al. (1963), remission times in weeks of the 21 leukaemia patients on 6-mercaptopurine
# ("+" = censored), as tabulated in Kleinbaum & Klein, Survival Analysis: A Self-Learning Text, ch. 2:
# 6, 6, 6, 6+, 7, 9+, 10, 10+, 11+, 13, 16, 17+, 19+, 20+, 22, 23, 25+, 32+, 32+, 34+, 35+.
SIX_MP = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35]
SIX_MP_EVENT = [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
# Their published KM table (n_j, m_j, q_j, S(t_j)) for the failure times:
SIX_MP_PUBLISHED = {6: (21, 3, 1, 0.8571), 7: (17, 1, 1, 0.8067), 10: (15, 1, 1, 0.7529), 13: (12, 1, 0, 0.6902),
                    16: (11, 1, 3, 0.6275), 22: (7, 1, 0, 0.5378), 23: (6, 1, 5, 0.4482)}
# The placebo group (no censoring): 1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23.
PLACEBO = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23]


def test_kaplan_meier_reproduces_the_freireich_6mp_table():
    curve = kaplan_meier(SIX_MP, SIX_MP_EVENT).set_index("time")
    for week, (at_risk, events, _, survival) in SIX_MP_PUBLISHED.items():
        assert curve.loc[week, "at_risk"] == at_risk
        assert curve.loc[week, "events"] == events
        assert curve.loc[week, "survival"] == pytest.approx(survival, abs=5e-5)
    # Censored-only times leave the curve flat: S(9) = S(7), S(35) = S(23).
    assert curve.loc[9, "survival"] == curve.loc[7, "survival"]
    assert curve.loc[35, "survival"] == curve.loc[23, "survival"]
    assert curve["censored"].sum() == 12 and curve["events"].sum() == 9


def test_kaplan_meier_without_censoring_is_the_share_still_in_remission():
    curve = kaplan_meier(PLACEBO).set_index("time")
    # Placebo published S(t): 19/21 = .9048 at 1, 17/21 = .8095 at 2, 8/21 = .3810 at 8, 0 at 23.
    assert curve.loc[1, "survival"] == pytest.approx(19 / 21)
    assert curve.loc[2, "survival"] == pytest.approx(17 / 21)
    assert curve.loc[8, "survival"] == pytest.approx(8 / 21)
    assert curve.loc[23, "survival"] == 0.0
    for t in curve.index:
        assert curve.loc[t, "survival"] == pytest.approx(np.mean(np.array(PLACEBO) > t))


@pytest.mark.parametrize("durations, events, argument", [([], None, "durations"), ([1, -2], None, "durations"),
                                                         ([1, np.nan], None, "durations"), ([1, 2], [1], "events"),
                                                         ([1, 2], [1, 2], "events")])
def test_kaplan_meier_rejects_bad_input(durations, events, argument):
    with pytest.raises(ValueError, match=argument):
        kaplan_meier(durations, events)


def test_tenure_survival_censors_active_people_at_as_of_and_splits_by_group():
    as_of = date(2025, 12, 31)
    people = pd.DataFrame({
        "team": ["a", "a", "a", "b", "b", "b"],
        "hire_date": pd.to_datetime(["2020-12-31", "2021-12-31", "2023-12-31", "2022-12-31", "2024-12-31", "2026-06-01"]),
        # a: left after 1461 days, active, notice beyond as_of; b: left after 730 days, active, not yet started.
        "exit_date": pd.to_datetime(["2024-12-31", None, "2026-03-31", "2024-12-31", None, None]),
    })
    curves = tenure_survival(people, as_of, by="team")
    assert list(curves.columns) == ["team", "tenure_years", "at_risk", "events", "censored", "survival"]
    team_a = curves[curves["team"] == "a"]
    # durations: 1461/365.25 = 4.0 (event), 1461/365.25 = 4.0 (censored; 2021-12-31 to 2025-12-31), 731/365.25 (censored)
    expected = kaplan_meier([1461 / 365.25, 1461 / 365.25, 731 / 365.25], [1, 0, 0])
    np.testing.assert_allclose(team_a["tenure_years"], expected["time"])
    np.testing.assert_allclose(team_a["survival"], expected["survival"])
    team_b = curves[curves["team"] == "b"]
    # b: censored at 365 days (at risk 2: the future hire is left out), then the 731-day leaver alone at risk.
    np.testing.assert_allclose(team_b["tenure_years"], [365 / 365.25, 731 / 365.25])
    assert team_b[["at_risk", "events", "censored"]].to_numpy().tolist() == [[2, 0, 1], [1, 1, 0]]
    assert team_b["survival"].tolist() == [1.0, 0.0]
    overall = tenure_survival(people, as_of)
    assert overall["events"].sum() == 2 and overall["censored"].sum() == 3


# ---------------------------------------------------------------------------
# Economic compensation (art. 47; seed 001 for service before 2008)
# ---------------------------------------------------------------------------


def test_published_example_13_months_is_one_and_a_half_months():
    # Dezan Shira & Associates, "Human Resources and Payroll in China 2016-2017", p. 99: "an employee
    # worked for 13 months ... (1+12) months ... 1 month's salary ... 0.5 month ... in total 1.5 months".
    assert compensation_months(date(2015, 1, 1), date(2016, 1, 31)) == 1.5


@pytest.mark.parametrize("start, end, months, arithmetic", [
    (date(2019, 3, 1), date(2024, 8, 31), 6.0, "5 years 6 months: 5 + 1"),
    (date(2019, 3, 1), date(2024, 8, 30), 5.5, "5 years 5 months 30 days: 5 + 0.5"),
    (date(2023, 2, 15), date(2023, 8, 14), 1.0, "exactly 6 months (15 Feb - 14 Aug): 0 + 1"),
    (date(2023, 2, 15), date(2023, 8, 13), 0.5, "5 months 30 days (15 Jul - 13 Aug is 30 days): 0 + 0.5"),
    (date(2020, 1, 1), date(2022, 12, 31), 3.0, "exactly 3 years, no remainder: 3"),
    (date(2020, 1, 1), date(2023, 1, 1), 3.5, "3 years and 1 day: 3 + 0.5"),
    (date(2024, 5, 6), date(2024, 5, 6), 0.5, "a single day: 0.5"),
    (date(2023, 8, 31), date(2024, 2, 29), 1.0, "from 31 Aug through the last day of Feb is 6 months"),
    (date(2023, 8, 31), date(2024, 2, 28), 0.5, "one day short of it: 5 months 29 days"),
    (date(2008, 1, 1), date(2020, 12, 31), 13.0, "starts on the law's first day: 13 full years"),
])
def test_compensation_months_from_2008(start, end, months, arithmetic):
    assert compensation_months(start, end) == months, arithmetic


def test_service_before_2008_counts_each_started_year():
    # Seed 001: "08年之前的 … 每满1年支付1个月工资,不满1年的零头,按1年计算" (劳部发〔1994〕481号).
    # 2003-05-10 .. 2007-06-30: 4 years 1 month 21 days -> 4 + 1 = 5.
    assert compensation_months(date(2003, 5, 10), date(2007, 6, 30)) == 5.0
    # 2005-01-01 .. 2007-12-31: exactly 3 years -> 3; one day more crosses into 2008 (+0.5).
    assert compensation_months(date(2005, 1, 1), date(2007, 12, 31)) == 3.0
    assert compensation_months(date(2005, 1, 1), date(2008, 1, 1)) == 3.5
    # 2007-12-31 alone: a started year -> 1 (the new rule would give 0.5).
    assert compensation_months(date(2007, 12, 31), date(2007, 12, 31)) == 1.0


def test_service_across_2008_is_split_and_each_part_rounded_on_its_own():
    # 2005-03-01 .. 2010-06-30.
    # before: 2005-03-01 .. 2007-12-31 = 2 years 10 months -> 2 + 1 (started year) = 3
    # from 2008: 2008-01-01 .. 2010-06-30 = 2 years 6 months -> 2 + 1 (remainder >= 6 months) = 3
    # N = 6 (the whole 5 years 4 months under art. 47 alone would be 5.5).
    result = economic_compensation(date(2005, 3, 1), date(2010, 6, 30), avg_wage=8_000, local_avg_wage=10_000)
    assert (result.months_before_2008, result.months_from_2008, result.months) == (3.0, 3.0, 6.0)
    assert result.amount == 6 * 8_000 and not result.capped and result.wage_used == 8_000
    # 2007-10-01 .. 2008-02-29: before 3 months -> 1; from 2008 2 months -> 0.5; N = 1.5.
    assert compensation_months(date(2007, 10, 1), date(2008, 2, 29)) == 1.5


def test_the_wage_is_never_below_the_local_minimum_and_only_the_routes_of_article_46_owe_compensation():
    # Implementing regulations art. 27 (DOMAIN §7): 2021-01-01 .. 2023-12-31 is 3 years -> N = 3; an average
    # of 1,800 under the minimum 2,690 is raised to it: 3 × 2,690 = 8,070.
    low = economic_compensation(date(2021, 1, 1), date(2023, 12, 31), 1_800, 12_000, local_min_wage=2_690)
    assert (low.months, low.wage_used, low.amount) == (3.0, 2_690.0, 8_070.0)
    # Art. 46: lay-off (41), no-fault dismissal (40), mutual agreement the company proposed (36), a fixed term
    # the company does not renew, resignation for the company's fault (38) owe it; art. 37 and 39 do not.
    owed = {r for r in attrition.EXIT_ROUTES if attrition.compensation_owed(r)}
    assert owed == {"no_fault", "layoff", "mutual_company", "contract_end", "company_fault"}
    with pytest.raises(ValueError, match="route"):
        attrition.compensation_owed("quit")


def test_the_cap_applies_above_three_times_the_local_average_to_service_from_2008_only():
    # 2005-01-01 .. 2024-12-31, wage 50,000, local average 12,000 (3 x = 36,000 < 50,000: capped).
    # before 2008: 3 years -> 3 months at the actual 50,000 = 150,000
    # from 2008: 17 years -> 17, capped to 12 months at 36,000 = 432,000; total 582,000 for 15 months.
    capped = economic_compensation(date(2005, 1, 1), date(2024, 12, 31), 50_000, 12_000)
    assert capped == Compensation(months=15.0, months_before_2008=3.0, months_from_2008=12.0,
                                  wage_used=36_000.0, amount=582_000.0, capped=True)
    # Exactly 3 x the local average is not "above" it: 20 months at 36,000 = 720,000.
    at_limit = economic_compensation(date(2005, 1, 1), date(2024, 12, 31), 36_000, 12_000)
    assert (at_limit.capped, at_limit.months, at_limit.amount) == (False, 20.0, 720_000.0)
    # Capped but under 12 months from 2008: the months stay, the wage is capped: 5.5 x 36,000 = 198,000.
    short = economic_compensation(date(2019, 3, 1), date(2024, 8, 30), 100_000, 12_000)
    assert (short.months, short.wage_used, short.amount) == (5.5, 36_000.0, 198_000.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        short.amount = 0


def test_the_domain_api_object_has_months_wage_used_and_amount():
    # 2016-07-01 .. 2024-03-31 = 7 years 9 months -> 8 months at 15,000 = 120,000.
    result = economic_compensation("2016-07-01", "2024-03-31", 15_000, 11_000)
    assert (result.months, result.wage_used, result.amount) == (8.0, 15_000.0, 120_000.0)


@pytest.mark.parametrize("call, argument", [
    (lambda: compensation_months(date(2024, 1, 2), date(2024, 1, 1)), "end"),
    (lambda: compensation_months(None, date(2024, 1, 1)), "start"),
    (lambda: economic_compensation(date(2020, 1, 1), date(2019, 12, 31), 10_000, 10_000), "end"),
    (lambda: economic_compensation(date(2020, 1, 1), date(2024, 1, 1), -1, 10_000), "avg_wage"),
    (lambda: economic_compensation(date(2020, 1, 1), date(2024, 1, 1), 10_000, 0), "local_avg_wage"),
    (lambda: economic_compensation(date(2020, 1, 1), date(2024, 1, 1), float("nan"), 10_000), "avg_wage"),
])
def test_compensation_rejects_bad_arguments_naming_them(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()


def test_compensation_months_many_equals_the_scalar_rule_on_random_services():
    rng = np.random.default_rng(47)
    n = 4_000
    starts = np.datetime64("1996-01-01") + rng.integers(0, 30 * 365, n).astype("timedelta64[D]")
    ends = starts + rng.integers(0, 20 * 365, n).astype("timedelta64[D]")
    # Month ends, the 2008 boundary and leap days get extra weight: they are where rules go wrong.
    starts[:200] = np.datetime64("2007-08-31") + rng.integers(0, 200, 200).astype("timedelta64[D]")
    ends[:200] = np.maximum(starts[:200], np.datetime64("2007-12-01") + rng.integers(0, 800, 200).astype("timedelta64[D]"))
    month_ends = pd.date_range("1999-01-31", periods=120, freq="ME").to_numpy().astype("datetime64[D]")
    starts[200:320] = month_ends
    ends[200:320] = month_ends + rng.integers(150, 3000, 120).astype("timedelta64[D]")
    starts = pd.Series(pd.to_datetime(starts), index=np.arange(n) * 10)
    ends = pd.Series(ends, index=starts.index)
    many = compensation_months_many(starts, ends)
    scalar = [compensation_months(s.date(), e.date()) for s, e in zip(starts, ends)]
    assert list(many.index) == list(starts.index)
    np.testing.assert_array_equal(many.to_numpy(), scalar)


def test_compensation_months_many_handles_missing_dates_rejects_backwards_and_is_fast():
    out = compensation_months_many(pd.Series(pd.to_datetime(["2019-03-01", None])),
                                   pd.Series(pd.to_datetime(["2024-08-31", "2024-01-01"])))
    assert out.iloc[0] == 6.0 and np.isnan(out.iloc[1])
    with pytest.raises(ValueError, match="ends.*position 1"):
        compensation_months_many(["2020-01-01", "2020-01-02"], ["2021-01-01", "2020-01-01"])
    with pytest.raises(ValueError, match="ends"):
        compensation_months_many(["2020-01-01"], ["2021-01-01", "2022-01-01"])
    rng = np.random.default_rng(1)
    starts = pd.Series(pd.Timestamp("2000-01-01") + pd.to_timedelta(rng.integers(0, 9000, 100_000), unit="D"))
    ends = starts + pd.to_timedelta(rng.integers(0, 5000, 100_000), unit="D")
    started = time.perf_counter()
    months = compensation_months_many(starts, ends)
    assert time.perf_counter() - started < 2 and months.notna().all() and len(months) == 100_000


# ---------------------------------------------------------------------------
# Exit-risk model
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ibm() -> pd.DataFrame:
    assert IBM_CSV.exists(), f"the IBM sample is expected at {IBM_CSV}"
    return pd.read_csv(IBM_CSV, encoding="utf-8-sig")


@pytest.fixture(scope="module")
def ibm_model(ibm):
    return fit_risk_model(ibm, "Attrition")


def test_ibm_model_is_scored_out_of_sample_and_reaches_the_published_auc(ibm, ibm_model):
    model = ibm_model
    assert set(model.candidates) == set(FAMILIES) and model.family in FAMILIES
    assert model.auc == max(model.candidates.values())
    # Published out-of-sample AUC on this file: about 0.80-0.83.
    assert model.auc >= 0.80
    assert (model.rows, model.exits, model.cv_rows) == (1470, 237, 1470)
    # The CV score again, independently, with scikit-learn's own cross_val_score on the same pipeline.
    y = (ibm["Attrition"] == "Yes").astype(int)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    again = cross_val_score(clone(model.pipeline), model.prepare(ibm), y, cv=folds, scoring="roc_auc")
    assert model.auc == pytest.approx(again.mean(), abs=1e-9)
    # Not the in-sample figure, which is higher.
    in_sample = roc_auc_score(y, model.predict_proba(ibm))
    assert in_sample > model.auc + 0.01


def test_ibm_columns_sorted_out(ibm, ibm_model):
    # The file's 35 columns: the target, an employee number, three constants (EmployeeCount 1, Over18 "Y",
    # StandardHours 80) and 30 real attributes, none of which records the exit.
    assert ibm_model.dropped == {"EmployeeCount": {"code": "constant"}, "EmployeeNumber": {"code": "id_number"},
                                 "Over18": {"code": "constant"}, "StandardHours": {"code": "constant"}}
    kinds = {f.name: f.kind for f in ibm_model.features}
    assert kinds["OverTime"] == "category" and kinds["MonthlyIncome"] == "number"
    assert "Attrition" not in kinds and len(kinds) == 34 - 4
    assert not ibm_model.suspicious and ibm_model.duplicates == 0
    # A column's AUC alone, checked with scikit-learn: MonthlyIncome has over 20 values and none missing, so it
    # is scored by its value, the better way round (lower pay, more exits: about 0.66).
    left = ibm["Attrition"] == "Yes"
    income = roc_auc_score(left, ibm["MonthlyIncome"])
    assert ibm_model.column_auc["MonthlyIncome"] == pytest.approx(max(income, 1 - income), abs=1e-12)
    # The strongest single IBM attributes separate leavers at about 0.65 (overtime, pay, tenure): far from 0.97.
    assert 0.6 < max(ibm_model.column_auc.values()) < 0.75


def test_ibm_predictions_calibration_and_reasons(ibm, ibm_model):
    model = ibm_model
    risk = model.predict_proba(ibm)
    assert risk.between(0, 1).all() and list(risk.index) == list(ibm.index)
    without_target = model.predict_proba(ibm.drop(columns="Attrition"))
    np.testing.assert_array_equal(risk.to_numpy(), without_target.to_numpy())

    calibration = model.calibration
    assert calibration["count"].sum() == len(ibm)
    assert list(calibration.columns) == ["bin", "risk_from", "risk_to", "mean_predicted", "observed_rate", "count"]
    # Out-of-fold risks rank people: the top decile leaves far more often than the bottom one,
    # and on average the risks match the 237 / 1470 = 16.1 % who left.
    assert calibration["observed_rate"].iloc[-1] > 0.45 > 0.05 > calibration["observed_rate"].iloc[0]
    overall = (calibration["mean_predicted"] * calibration["count"]).sum() / len(ibm)
    assert overall == pytest.approx(237 / 1470, abs=0.02)
    assert 0 < model.brier < 0.16 * 0.84  # better than predicting 16 % for everyone

    riskiest = risk.sort_values(ascending=False).index[:20]
    reasons = model.reasons(ibm.loc[riskiest])
    assert len(reasons) == 20 and all(1 <= len(r) <= 3 for r in reasons)
    for phrase in (p for r in reasons for p in r):
        assert isinstance(phrase, str) and phrase.split(" is ")[0] in ibm.columns and phrase.endswith("pts")
    assert any(p.startswith("OverTime is Yes (typical No): +") for r in reasons for p in r)


def test_drivers_are_the_change_in_risk_when_a_feature_is_set_to_typical(ibm, ibm_model):
    model = ibm_model
    sample = ibm.sample(15, random_state=3)
    drivers = model.drivers(sample, n=4)
    assert list(drivers.columns) == ["row", "feature", "value", "typical", "effect_points"]
    typical = {f.name: f.typical for f in model.features}
    base = model.predict_proba(sample).to_numpy()
    for row in drivers.itertuples():
        changed = sample.iloc[[row.row]].copy()
        changed[row.feature] = typical[row.feature]
        recomputed = (base[row.row] - model.predict_proba(changed).iloc[0]) * 100
        assert row.effect_points == pytest.approx(recomputed, abs=1e-9)
    for _, rows in drivers.groupby("row"):
        effects = rows["effect_points"].to_numpy()
        assert (np.diff(effects) <= 0).all() and (effects != 0).all()


def synthetic_people(n: int, seed: int = 0) -> pd.DataFrame:
    """Employees with a known signal and every kind of awkward column.

    Exit risk rises with overtime, low pay, short tenure and a bad manager
    score; ids, a constant, an empty column, free noise, dates as datetimes
    and as ISO text, missing values and an exit date (a leak) come along.
    """
    rng = np.random.default_rng(seed)
    as_of = pd.Timestamp("2025-12-31")
    overtime = rng.choice(["Yes", "No"], n, p=[0.3, 0.7])
    pay = np.round(rng.lognormal(9.1, 0.35, n), 0)
    hire = as_of - pd.to_timedelta(rng.integers(30, 5000, n), unit="D")
    manager = rng.integers(1, 6, n).astype(float)
    tenure = (as_of - hire).days.to_numpy() / 365.25
    logit = -1.6 + 1.6 * (overtime == "Yes") - 1.2 * np.log(pay / 9000) - 0.15 * tenure - 0.45 * (manager - 3)
    left = rng.random(n) < 1 / (1 + np.exp(-logit))
    frame = pd.DataFrame({
        "employee_id": [f"E{i:06d}" for i in range(n)],
        "badge": np.arange(5_000, 5_000 + n),
        "country": "CN",
        "notes": np.nan,
        "overtime": overtime,
        "monthly_pay": pay,
        "hire_date": hire,
        "birth_date": (pd.Timestamp("1970-01-01") + pd.to_timedelta(rng.integers(0, 12_000, n), unit="D")).strftime("%Y-%m-%d"),
        "manager_score": manager,
        "department": rng.choice(["Sales", "R&D", "HR", "Finance", "Ops", "Legal"], n, p=[.3, .3, .1, .1, .17, .03]),
        "noise": rng.normal(size=n),
        "exit_date": pd.Series(as_of - pd.to_timedelta(rng.integers(0, 300, n), unit="D")).where(left),
        "left": np.where(left, "Yes", "No"),
    })
    frame.loc[rng.random(n) < 0.1, "manager_score"] = np.nan
    frame.loc[rng.random(n) < 0.05, "department"] = None
    frame.loc[rng.random(n) < 0.05, "monthly_pay"] = np.nan
    return frame


@pytest.fixture(scope="module")
def synthetic():
    frame = synthetic_people(1_500, seed=21)
    return frame, fit_risk_model(frame, "left")


def test_awkward_columns_are_sorted_out_and_the_signal_is_found(synthetic):
    frame, model = synthetic
    assert model.dropped == {"employee_id": {"code": "id_unique"}, "badge": {"code": "id_number"},
                             "country": {"code": "constant"}, "notes": {"code": "empty"},
                             "exit_date": {"code": "leak_filled_leavers"}}
    kinds = {f.name: f.kind for f in model.features}
    assert kinds == {"overtime": "category", "monthly_pay": "number", "hire_date": "date", "birth_date": "date",
                     "manager_score": "number", "department": "category", "noise": "number"}
    assert model.auc > 0.72
    risk = model.predict_proba(frame)
    assert risk[frame["overtime"] == "Yes"].mean() > risk[frame["overtime"] == "No"].mean() + 0.1
    drivers = model.drivers(frame.loc[risk.sort_values().index[-50:]], n=2)
    assert drivers["feature"].value_counts().index[0] in {"overtime", "manager_score", "hire_date", "monthly_pay"}
    assert "noise" not in drivers["feature"].value_counts().index[:2]


def test_prediction_tolerates_new_levels_and_missing_values_but_needs_the_columns(synthetic):
    frame, model = synthetic
    newcomers = frame.drop(columns=["left", "exit_date", "employee_id"]).head(5).copy()
    newcomers["department"] = ["Robotics", None, "Sales", "Robotics", "HR"]
    newcomers.loc[newcomers.index[:2], ["monthly_pay", "hire_date", "birth_date"]] = [np.nan, pd.NaT, None]
    risk = model.predict_proba(newcomers)
    assert risk.notna().all() and risk.between(0, 1).all()
    reasons = model.reasons(newcomers)
    assert all(isinstance(p, str) and p for r in reasons for p in r)
    with pytest.raises(ValueError, match="frame: missing column.*overtime"):
        model.predict_proba(newcomers.drop(columns="overtime"))
    with pytest.raises(ValueError, match="n"):
        model.drivers(newcomers, n=0)


def test_targets_as_yes_no_0_1_true_false_or_left_active_give_the_same_model():
    base = synthetic_people(400, seed=5).drop(columns="exit_date")
    flags = base["left"] == "Yes"
    models = [fit_risk_model(base.assign(left=values), "left") for values in
              (base["left"], flags.astype(int), flags, np.where(flags, "left", "active"), np.where(flags, "YES", "no"))]
    first = models[0]
    probe = base.drop(columns="left")
    for other in models[1:]:
        assert other.candidates == first.candidates and other.family == first.family
        np.testing.assert_array_equal(other.predict_proba(probe).to_numpy(), first.predict_proba(probe).to_numpy())


def test_rows_without_a_known_outcome_are_not_used():
    frame = synthetic_people(300, seed=6).drop(columns="exit_date")
    frame.loc[:9, "left"] = None
    assert fit_risk_model(frame, "left").rows == 290


def test_too_little_history_or_an_unreadable_target_is_refused():
    frame = synthetic_people(400, seed=4).drop(columns="exit_date")
    with pytest.raises(ValueError, match="frame: too little history"):
        fit_risk_model(frame.head(25), "left")
    few_exits = frame.copy()
    few_exits["left"] = "No"
    few_exits.loc[few_exits.index[:9], "left"] = "Yes"
    with pytest.raises(ValueError, match="target: too little history, 9 exits"):
        fit_risk_model(few_exits, "left")
    with pytest.raises(ValueError, match="target.*'maybe'"):
        fit_risk_model(frame.assign(left=np.where(frame.index % 7 == 0, "maybe", frame["left"])), "left")
    with pytest.raises(ValueError, match="target"):
        fit_risk_model(frame, "quit")
    with pytest.raises(ValueError, match="no usable column"):
        fit_risk_model(frame[["employee_id", "country", "left"]], "left")
    with pytest.raises(ValueError, match="exclude"):
        fit_risk_model(frame, "left", exclude=["nope"])


def test_excluded_columns_and_status_like_leaks_stay_out():
    frame = synthetic_people(400, seed=8)
    frame["status"] = np.where(frame["left"] == "Yes", "left", "active")
    frame["group"] = frame["status"]  # the same, under a name that says nothing
    model = fit_risk_model(frame, "left", exclude=["noise"])
    assert model.dropped["noise"] == {"code": "excluded"}
    assert model.dropped["status"] == {"code": "leak_name"}
    assert model.dropped["group"] == {"code": "leak_levels"}


def test_large_files_are_cross_validated_on_a_stratified_sample(monkeypatch):
    monkeypatch.setattr(attrition, "MAX_CV_ROWS", 300)
    frame = synthetic_people(900, seed=12).drop(columns="exit_date")
    model = fit_risk_model(frame, "left")
    assert (model.rows, model.cv_rows) == (900, 300)
    assert model.calibration["count"].sum() == 300
    exit_share = (frame["left"] == "Yes").mean()
    sample_share = (model.calibration["observed_rate"] * model.calibration["count"]).sum() / 300
    assert sample_share == pytest.approx(exit_share, abs=0.01)


# -- leaks: columns that record the exit itself ------------------------------------------------------


@pytest.fixture(scope="module")
def hr_file():
    frame, risk = hr_dataset_like()
    return frame, risk, fit_risk_model(frame, "Termd")


LEAKS = {"EmpStatusID": {"code": "leak_name"}, "DateofTermination": {"code": "leak_filled_leavers"},
         "TermReason": {"code": "leak_name"}, "EmploymentStatus": {"code": "leak_name"},
         "LastPerformanceReview_Date": {"code": "leak_auc", "auc": 1.0}}


def test_an_hrdataset_like_file_loses_the_columns_that_record_the_exit_and_scores_honestly(hr_file):
    frame, risk, model = hr_file
    # The generator's five records of the exit (tests/conftest.py), each named with its reason; the review date
    # separates perfectly (every leaver's last review came before early 2019, every stayer's in it: AUC 1.0).
    assert model.dropped == {"Employee_Name": {"code": "id_unique"}, "EmpID": {"code": "id_number"}, **LEAKS}
    kinds = {f.name: f.kind for f in model.features}
    assert kinds["EmpSatisfaction"] == "number" and kinds["DateofHire"] == "date" and kinds["DOB"] == "date"
    # The ceiling: the AUC of the true exit probabilities the file was drawn from (0.81 for this seed). An honest
    # model stays under it, give or take the noise of 311 rows, and far from the near-1 of a leaking one.
    ceiling = roc_auc_score(frame["Termd"], risk)
    assert 0.78 < ceiling < 0.84
    assert 0.6 < model.auc < 0.95 and model.auc < ceiling + 0.05 and not model.suspicious
    # With every leak put back in, the file "predicts" exits almost perfectly, as a leaking model would.
    leaking = fit_risk_model(frame, "Termd", include=list(LEAKS))
    assert leaking.auc >= 0.97 and leaking.suspicious and not set(LEAKS) & set(leaking.dropped)
    assert all(leaking.column_auc[c] > 0.97 for c in LEAKS if c != "DateofTermination")


def test_the_auc_guard_finds_leaks_under_names_that_say_nothing(hr_file):
    frame, _, _ = hr_file
    renamed = frame.rename(columns={"EmpStatusID": "Code A", "TermReason": "Remark", "EmploymentStatus": "Group",
                                    "LastPerformanceReview_Date": "Date B"})
    screen = screen_columns(renamed, "Termd")
    # By hand from the generator: a status code of 4-5 only for leavers and 1-3 for the others; a reason for
    # each leaver and "N/A-StillEmployed" for the rest; three statuses each of one outcome.
    assert screen.dropped["Code A"] == screen.dropped["Remark"] == {"code": "leak_auc", "auc": 1.0}
    assert screen.dropped["Group"] == {"code": "leak_levels"}
    assert screen.dropped["Date B"] == {"code": "leak_auc", "auc": 1.0}
    # The AUC alone of the text column, recomputed with scikit-learn from each level's exit rate over the
    # whole file: its out-of-fold version can only be as good.
    rate = frame.groupby("TermReason")["Termd"].transform("mean")
    assert roc_auc_score(frame["Termd"], rate) == 1.0


def test_a_real_driver_that_predicts_exits_strongly_stays_in_the_model():
    rng = np.random.default_rng(3)
    n = 1_000
    satisfaction = rng.integers(1, 6, n)
    commute = rng.gamma(2.0, 20.0, n)
    left = rng.random(n) < 1 / (1 + np.exp(-(-0.6 - 1.3 * (satisfaction - 3))))
    frame = pd.DataFrame({"satisfaction": satisfaction, "commute_minutes": commute.round(0),
                          "department": rng.choice(["Sales", "R&D", "HR"], n), "left": left.astype(int),
                          # Filled in by the exit process for all but a handful of leavers: a leak by its values only.
                          "offboarding_ticket": np.where(left & (rng.random(n) < 0.97), "open", "none")})
    # The driver's own AUC, with scikit-learn on the raw scores (lower satisfaction, more exits): about 0.85.
    alone = roc_auc_score(frame["left"], -frame["satisfaction"])
    assert 0.82 < alone < 0.88
    model = fit_risk_model(frame, "left")
    assert "satisfaction" in model.column_auc and "satisfaction" not in model.dropped
    assert model.column_auc["satisfaction"] == pytest.approx(alone, abs=0.02)
    # The ticket's AUC by hand: every stayer "none", leavers "open" but for a share m who tie with the stayers
    # and count half, so 1 - m / 2 (0.981 here). Out of fold a little less: a leaver's "none" rate is taken
    # without that leaver, so it sits just below the stayers' of the same fold.
    missed = (frame.loc[left, "offboarding_ticket"] == "none").mean()
    assert list(model.dropped) == ["offboarding_ticket"] and model.dropped["offboarding_ticket"]["code"] == "leak_auc"
    assert 0.97 <= model.dropped["offboarding_ticket"]["auc"] <= 1 - missed / 2
    assert 0.8 < model.auc < 0.9 and not model.suspicious
    # Stronger still, one continuous driver at about 0.95 alone (below the 0.97 of a leak) stays too.
    score = rng.normal(size=n)
    strong = pd.DataFrame({"engagement": score, "tenure": rng.integers(0, 20, n),
                           "left": (score + rng.normal(0, 0.42, n) < -0.5).astype(int)})
    strong_alone = 1 - roc_auc_score(strong["left"], strong["engagement"])
    assert 0.93 < strong_alone < 0.97
    model = fit_risk_model(strong, "left")
    assert model.dropped == {} and model.column_auc["engagement"] == pytest.approx(strong_alone, abs=1e-12)


def test_an_out_of_fold_rate_that_learnt_nothing_is_no_leak():
    # Every level holds one leaver and one stayer: from the other folds each row sees the other's outcome, so
    # the out-of-fold rates point the wrong way (AUC near 0). Turned round, that would read as a perfect leak.
    n = 400
    frame = pd.DataFrame({"team": np.repeat([f"T{i}" for i in range(n // 2)], 2), "left": np.tile([0, 1], n // 2),
                          "noise": np.random.default_rng(2).normal(size=n)})
    screen = screen_columns(frame, "left")
    assert "team" not in screen.dropped and screen.column_auc["team"] < 0.5


def test_include_puts_a_left_out_column_back_and_exclude_takes_one_out(hr_file):
    frame, _, _ = hr_file
    model = fit_risk_model(frame, "Termd", include=["EmploymentStatus"], exclude=["Absences"])
    assert "EmploymentStatus" in {f.name for f in model.features} and "EmploymentStatus" not in model.dropped
    assert model.dropped["Absences"] == {"code": "excluded"}
    # Every leaver's status says so (tests/conftest.py): alone it separates perfectly, and the model with it.
    assert model.column_auc["EmploymentStatus"] == 1.0 and model.suspicious
    # Empty and constant columns carry nothing: include leaves them out all the same.
    assert screen_columns(frame.assign(State="MA"), "Termd", include=["State"]).dropped["State"] == {"code": "constant"}
    for kwargs, message in (({"include": ["nope"]}, "include: no column"), ({"include": ["Termd"]}, "is the target"),
                            ({"include": ["Sex"], "exclude": ["Sex"]}, "also in exclude")):
        with pytest.raises(ValueError, match=message):
            fit_risk_model(frame, "Termd", **kwargs)


def test_rows_repeated_in_every_column_are_counted(hr_file):
    frame, _, model = hr_file
    # Seven rows pasted twice (an export that repeats a page), and one row that differs from its twin in the
    # target only, which is no duplicate.
    repeated = pd.concat([frame, frame.iloc[[3, 5, 8, 13, 21, 34, 55]]], ignore_index=True)
    twin = frame.iloc[[89]].assign(Termd=1 - frame["Termd"].iloc[89])
    assert model.duplicates == 0
    screen = screen_columns(repeated, "Termd")
    assert screen.duplicates == 7 and screen_columns(pd.concat([repeated, twin]), "Termd").duplicates == 7
    # Ids are judged on the rows that do not repeat one: EmpID is still an id, though seven of its values repeat.
    assert screen.dropped == model.dropped and screen.dropped["EmpID"] == {"code": "id_number"}
    assert fit_risk_model(repeated, "Termd").duplicates == 7


def test_the_target_is_proposed_from_columns_that_look_like_an_exit(ibm, hr_file):
    assert target_candidates(ibm) == ["Attrition"]
    # Termd reads as 0/1; EmploymentStatus looks like one by name but not by its values; EmpStatusID is a code.
    assert target_candidates(hr_file[0]) == ["Termd", "EmploymentStatus"]
    chinese = pd.DataFrame({"工号": ["A1", "A2"], "部门": ["销售", "研发"], "是否离职": ["是", "否"], "状态": ["离职", "在职"]})
    assert target_candidates(chinese) == ["是否离职", "状态"]
    # Nothing that looks like an exit flag: nothing is proposed (not the last column).
    assert target_candidates(pd.DataFrame({"pay": [1, 2], "grade": ["A", "B"]})) == []


def test_dates_written_month_first_are_read_as_dates_in_the_model_and_its_reasons(hr_file):
    frame, _, model = hr_file
    hired = next(f for f in model.features if f.name == "DateofHire")
    assert (hired.kind, hired.order) == ("date", "MDY")
    # 3/27/2013 is day 15,791 since 1970-01-01 (43 years of 365 days and 11 leap days to 2013, then 85 days).
    assert model.prepare(frame.head(1))["DateofHire"].iloc[0] == 43 * 365 + 11 + 85
    assert frame["DateofHire"].iloc[0] == "3/27/2013"
    # A few rows alone (no month above 12 among them) read as the whole column did, month first.
    risk = model.predict_proba(frame.head(3))
    assert np.allclose(risk, model.predict_proba(frame).head(3))
    table = model.drivers(frame.head(40), n=len(model.features))
    shown = table.loc[table["feature"] == "DateofHire", "value"]
    assert len(shown) and shown.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_compensation_of_many_leavers_matches_each_one_computed_alone():
    # Independent check: the scalar economic_compensation (itself checked against the seed's worked examples)
    # for every person, including service across 2008, wages on and above the 3x cap, and unusable starts.
    rng = np.random.default_rng(11)
    end = date(2026, 6, 30)
    starts = [date(1995, 1, 1) + timedelta(days=int(d)) for d in rng.integers(0, 11_500, 300)]
    starts += [None, date(2027, 1, 1), date(2008, 1, 1), date(2007, 12, 31), date(2026, 6, 30)]
    wages = list(rng.uniform(3_000, 60_000, 300).round(2)) + [9_000, 9_000, 36_000, 36_000.01, 12_000]
    many = economic_compensation_many(starts, end, wages, 12_000)
    for i, (start, wage) in enumerate(zip(starts, wages)):
        if start is None or start > end:
            assert np.isnan(many.loc[i, "amount"]) and not many.loc[i, "capped"]
            continue
        alone = economic_compensation(start, end, wage, 12_000)
        assert (many.loc[i, "months"], many.loc[i, "wage_used"], bool(many.loc[i, "capped"])) == (
            alone.months, alone.wage_used, alone.capped), (start, wage)
        assert many.loc[i, "amount"] == alone.amount


def test_exits_without_a_type_have_a_rate_of_their_own_and_the_three_add_up():
    # Four people on 1 Jan 2026; one voluntary exit and two of no stated type in the quarter (hand count):
    # average headcount (4 + 1) / 2 = 2.5, so 1/2.5 voluntary, 0 involuntary and 2/2.5 unspecified.
    people = pd.DataFrame({
        "hire_date": pd.to_datetime(["2020-01-01"] * 4),
        "exit_date": pd.to_datetime(["2026-02-10", "2026-03-01", "2026-03-20", None]),
        "exit_type": ["voluntary", None, None, None]})
    row = turnover_by_period(people, date(2026, 3, 31), freq="Q", months=3).iloc[0]
    assert (row["voluntary_rate"], row["involuntary_rate"], row["unspecified_rate"]) == pytest.approx((0.4, 0, 0.8))
    assert row["voluntary_rate"] + row["involuntary_rate"] + row["unspecified_rate"] == pytest.approx(row["rate"])
