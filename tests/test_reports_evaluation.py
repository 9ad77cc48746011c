"""The job evaluation page's reports (hrcore/reports/evaluation.py), on the small demo company.

Every expected number is recomputed here from the raw rows of the database with pandas, numpy and scipy (the
points from the consensus levels by the arithmetic rule, the line with ``scipy.stats.linregress``), never with
:mod:`hrcore.evaluation`'s own functions.
"""

from __future__ import annotations

import math
from contextlib import closing
from datetime import datetime

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from hrcore import evaluation as ev
from hrcore.demo import build_demo
from hrcore.reports import evaluation as reports
from hrcore.store import Store

WHEN = datetime(2026, 9, 1, 10, 0)


def demo_company() -> Store:
    """The small demo company (300 employees), in memory: a committee has rated its jobs under scheme v1."""
    store = Store(":memory:")
    build_demo(store, employees=300, seed=5)
    return store


@pytest.fixture(scope="module")
def demo():
    with closing(demo_company()) as store:
        yield store


@pytest.fixture
def fresh_demo():
    """A demo company of its own, for tests that write."""
    with closing(demo_company()) as store:
        yield store


def hand_points(db: Store, scheme_id: str = "v1") -> pd.Series:
    """Points per fully rated job: Σ weight · total · level / levels over the consensus levels (arithmetic scale)."""
    factors = db.query("SELECT factor_id, weight FROM eval_factors WHERE scheme_id = ?", [scheme_id])
    levels = db.query("SELECT factor_id, count(*) AS n FROM eval_levels WHERE scheme_id = ? GROUP BY 1", [scheme_id])
    total = float(db.query("SELECT total_points FROM eval_schemes WHERE scheme_id = ?", [scheme_id]).iloc[0, 0])
    levels = levels.merge(factors, on="factor_id")
    consensus = db.query("SELECT job_id, factor_id, level FROM eval_consensus WHERE scheme_id = ?", [scheme_id])
    consensus = consensus.merge(levels, on="factor_id")
    consensus["points"] = consensus["weight"] * total * consensus["level"] / consensus["n"]
    rated = consensus.groupby("job_id")["factor_id"].nunique()
    return consensus.groupby("job_id")["points"].sum()[rated == len(factors)].round(2)


def hand_line(db: Store, percentile: str = "p50", year: int | None = None):
    """The market pay of the latest survey (fixed pay) against the hand points, and scipy's line through them."""
    market = db.query("SELECT job_id, survey_year, p10, p25, p50, p75, p90 FROM market_data WHERE pay_type = 'fixed'")
    year = year or int(market["survey_year"].max())
    pay = market[market["survey_year"] == year].set_index("job_id")[percentile]
    points = hand_points(db)
    both = pd.DataFrame({"points": points, "pay": pay}).dropna()
    both = both[both["pay"] > 0]
    return both, stats.linregress(both["points"], both["pay"]), year


def test_the_headline_counts_the_fully_rated_jobs_and_fits_p50_of_the_latest_survey(demo):
    both, fit, year = hand_line(demo)
    residuals = both["pay"] - (fit.intercept + fit.slope * both["points"])
    s = math.sqrt((residuals ** 2).sum() / (len(both) - 2))
    head = reports.headline(demo)
    assert head.evaluated == len(hand_points(demo))
    assert head.jobs == len(demo.query("SELECT job_id FROM jobs"))
    assert head.r2 == pytest.approx(fit.rvalue ** 2, abs=1e-9)
    assert head.passes == (fit.rvalue ** 2 >= 0.80)
    assert head.outliers == int((np.abs(residuals / s) > 2.0).sum()) == 2  # the demo plants two
    assert head.survey_year == year
    assert (head.r2_threshold, head.z_limit) == (0.80, 2.0)


def test_the_page_shows_the_headline_the_overview_shows_for_the_saved_scheme_and_default_choices(demo):
    saved = reports.scheme_version(demo, "v1")
    assert reports.market_check(demo, saved.rows, ev.CheckSettings()).headline == reports.headline(demo)


def test_the_market_check_lists_the_outliers_above_or_below_the_line_in_the_surveys_currency(demo):
    both, fit, _ = hand_line(demo)
    fitted = fit.intercept + fit.slope * both["points"]
    residuals = both["pay"] - fitted
    z = residuals / math.sqrt((residuals ** 2).sum() / (len(both) - 2))
    check = reports.market_check(demo, reports.scheme_version(demo, "v1").rows, ev.CheckSettings())
    expected = z[np.abs(z) > 2.0]
    out = check.outliers.set_index("job_id")
    assert sorted(out.index) == sorted(expected.index)
    assert (out["above"] == (expected[out.index] > 0)).all()
    assert (out["pay"] == both.loc[out.index, "pay"].round(0)).all()
    assert np.allclose(out["fitted"], fitted[out.index].round(0))
    assert check.currency == demo.query("SELECT DISTINCT currency FROM market_data").iloc[0, 0]
    # The line is drawn over the points' range only.
    assert check.line["points"].min() == both["points"].min() and check.line["points"].max() == both["points"].max()
    assert check.fitted_jobs == len(both)


def test_the_spread_of_points_counts_key_and_other_jobs_in_fifteen_bins_of_the_schemes_range(demo):
    check = reports.market_check(demo, reports.scheme_version(demo, "v1").rows, ev.CheckSettings())
    points = hand_points(demo)
    key = demo.query("SELECT job_id, is_key FROM jobs").set_index("job_id")["is_key"].fillna(False)[points.index]
    bins = check.histogram
    assert (check.scheme_min, check.scheme_max) == (200.0, 1000.0)  # eight factors at level 1 of 5, at level 5
    assert len(bins) == 15 and np.allclose(bins["end"] - bins["start"], 800 / 15)
    for row in bins.itertuples():
        inside = (points >= row.start) & ((points < row.end) | ((row.end == 1000.0) & (points == 1000.0)))
        assert (row.key_jobs, row.other_jobs) == (int((inside & key).sum()), int((inside & ~key).sum()))
    assert bins["key_jobs"].sum() + bins["other_jobs"].sum() == len(points)


def test_another_percentile_and_survey_year_refit_the_line(demo):
    both, fit, year = hand_line(demo, "p75", year=2025)
    settings = ev.CheckSettings(percentile="p75", survey_year=2025)
    head = reports.market_check(demo, reports.scheme_version(demo, "v1").rows, settings).headline
    assert head.r2 == pytest.approx(fit.rvalue ** 2, abs=1e-9) and head.survey_year == 2025 == year


def test_survey_choices_are_every_year_and_source_the_latest_first(demo):
    rows = demo.query("SELECT DISTINCT survey_year, source FROM market_data")
    expected = sorted(zip(rows["survey_year"].astype(int), rows["source"]), key=lambda r: (-r[0], r[1]))
    assert reports.survey_choices(demo) == tuple(expected)


def test_key_jobs_come_first_with_their_points_and_the_chosen_surveys_percentiles(demo):
    jobs = reports.key_jobs(demo, reports.scheme_version(demo, "v1").rows, ev.CheckSettings(survey_year=2025))
    key = set(demo.query("SELECT job_id FROM jobs WHERE is_key")["job_id"])
    table = jobs.jobs
    assert set(jobs.key_jobs) == key and table["is_key"].head(len(key)).all() and not table["is_key"].iloc[len(key):].any()
    market = demo.query("SELECT job_id, p10, p90 FROM market_data WHERE survey_year = 2025 AND pay_type = 'fixed'")
    shown = table.set_index("job_id")
    market = market.set_index("job_id")
    assert np.allclose(shown.loc[market.index, "p10"], market["p10"])
    assert np.allclose(shown.loc[market.index, "p90"], market["p90"])
    points = hand_points(demo)
    assert np.allclose(shown.loc[points.index, "points"], points)
    assert jobs.survey_year == 2025


def test_the_factor_sheet_gives_points_by_level_and_refuses_weights_that_miss_100(demo):
    saved = reports.scheme_version(demo, "v1")
    sheet = reports.factor_sheet(demo, saved.rows, saved.rows)
    weights = demo.query("SELECT factor_id, weight FROM eval_factors WHERE scheme_id = 'v1'").set_index("factor_id")
    table = sheet.points.set_index("factor_id")
    for level in range(1, 6):
        assert np.allclose(table[level], 1000 * weights.loc[table.index, "weight"] * level / 5)
    assert sheet.problems == () and not sheet.changed and sheet.total_weight == 1.0
    draft = saved.scheme
    draft.factors.loc[0, "weight"] = draft.factors.loc[0, "weight"] + 0.05
    edited = reports.factor_sheet(demo, ev.scheme_rows(ev.rescale(draft)), saved.rows)
    assert [p.code for p in edited.problems] == ["weights_sum"] and edited.changed
    assert edited.total_weight == pytest.approx(1.05)


def test_grades_cut_the_points_range_into_equal_bands_and_slot_every_job(demo):
    graded = reports.grades(demo, reports.scheme_version(demo, "v1").rows, ev.CheckSettings(grades=6))
    points = hand_points(demo)
    low, high = math.floor(points.min() / 10) * 10, math.ceil(points.max() / 10) * 10
    width = (high - low) / 6
    expected = np.minimum(np.floor((points - low) / width + 1e-9) + 1, 6).astype(int)
    table = graded.jobs.set_index("job_id")
    assert (table.loc[points.index, "grade"] == expected).all()
    assert graded.per_grade["jobs"].sum() == len(points) and len(graded.per_grade) == 6
    assert graded.per_grade["key_jobs"].sum() == table.loc[points.index, "is_key"].sum()
    assert graded.unslotted == len(table) - len(points)
    assert graded.empty_grades == tuple(g for g in range(1, 7) if g not in set(expected))
    assert graded.jobs["grade"].is_monotonic_decreasing


def test_a_saved_grading_is_the_last_one_with_who_saved_it(fresh_demo):
    rows = reports.scheme_version(fresh_demo, "v1").rows
    assert reports.grades(fresh_demo, rows).last is None
    grading = ev.save_grading(fresh_demo, reports.grades(fresh_demo, rows).evaluation, "v1", "equal", "Wang Fang",
                              when=WHEN)
    last = reports.grades(fresh_demo, rows).last
    assert (last.grading_id, last.grades, last.created_at, last.created_by) == (grading, 12, WHEN, "Wang Fang")


def test_the_committee_walks_the_key_jobs_in_the_seeds_order_with_each_raters_levels(demo):
    round_ = reports.committee(demo, "v1", "key", seed=7, position=2, rater="Chen Jing 陈静 (HR)")
    key = sorted(demo.query("SELECT job_id FROM jobs WHERE is_key")["job_id"])
    assert sorted(round_.order) == key and round_.position == 2
    rng = np.random.default_rng(7)
    assert list(round_.order) == [key[i] for i in rng.permutation(len(key))]
    job_id = round_.job["job_id"]
    assert job_id == round_.order[2]
    ratings = demo.query("SELECT factor_id, rater, level FROM eval_ratings WHERE scheme_id = 'v1' AND job_id = ? "
                         "ORDER BY factor_id, rater", [job_id])
    assert len(ratings) and ratings["rater"].eq("Chen Jing 陈静 (HR)").any()
    factors = round_.factors.set_index("factor_id")
    for factor_id, part in ratings.groupby("factor_id"):
        assert factors.at[factor_id, "given"] == tuple(part["level"])
        assert factors.at[factor_id, "raters"] == tuple(part["rater"])
        assert factors.at[factor_id, "disagree"] == (part["level"].max() - part["level"].min() >= 2)
        mine = part.loc[part["rater"] == "Chen Jing 陈静 (HR)", "level"]
        assert factors.at[factor_id, "mine"] == (int(mine.iloc[0]) if len(mine) else None)
    consensus = demo.query("SELECT factor_id, level FROM eval_consensus WHERE scheme_id = 'v1' AND job_id = ?",
                           [job_id]).set_index("factor_id")["level"]
    assert all(factors.at[f, "consensus"] == consensus[f] for f in consensus.index)
    assert round_.points == pytest.approx(hand_points(demo)[job_id])
    assert round_.rated == len(consensus)


def test_a_position_past_the_end_stays_on_the_last_job_and_all_jobs_can_be_chosen(demo):
    every = demo.query("SELECT job_id FROM jobs")["job_id"]
    round_ = reports.committee(demo, "v1", "all", seed=1, position=10_000)
    assert len(round_.order) == len(every) and round_.position == len(every) - 1


def test_the_disagreement_grid_puts_the_jobs_raters_disagree_on_most_first(demo):
    ratings = demo.query("SELECT job_id, factor_id, level FROM eval_ratings WHERE scheme_id = 'v1'")
    spread = ratings.groupby(["job_id", "factor_id"])["level"].agg(lambda s: s.max() - s.min()).unstack()
    grid = reports.committee(demo, "v1").spread
    assert len(grid) == len(spread) and (grid.to_numpy() >= 2).any()
    assert (grid.sum(axis=1).diff().dropna() <= 0).all()
    assert (grid == spread.loc[grid.index, grid.columns]).all().all()


def test_the_change_log_names_the_factor_and_tells_consensus_from_a_raters_level(fresh_demo):
    job = fresh_demo.query("SELECT job_id FROM jobs WHERE is_key ORDER BY job_id LIMIT 1").iloc[0, 0]
    old = int(fresh_demo.query("SELECT level FROM eval_consensus WHERE scheme_id = 'v1' AND job_id = ? AND "
                               "factor_id = 'innovation'", [job]).iloc[0, 0])
    ev.record_levels(fresh_demo, "v1", job, {"innovation": 1 if old != 1 else 2}, "Li Na", when=WHEN)
    ev.record_levels(fresh_demo, "v1", job, {"knowledge": 5}, "Li Na", rater="Li Na", when=WHEN)
    log = reports.committee(fresh_demo, "v1").log
    assert log[["changed_by", "job_id", "factor_id", "factor_en", "consensus"]].to_dict("records") == [
        {"changed_by": "Li Na", "job_id": job, "factor_id": "knowledge", "factor_en": "Knowledge and skills",
         "consensus": False},
        {"changed_by": "Li Na", "job_id": job, "factor_id": "innovation", "factor_en": "Innovation",
         "consensus": True}]


def test_versions_name_the_version_in_use_and_a_new_save_takes_over(fresh_demo):
    head = reports.versions(fresh_demo)
    assert head.has_jobs and head.active == "v1" and head.versions["scheme_id"].tolist() == ["v1"]
    draft = reports.scheme_version(fresh_demo, "v1").scheme
    draft.factors.loc[0, "weight"], draft.factors.loc[3, "weight"] = 0.25, 0.05
    ev.save_scheme(fresh_demo, ev.rescale(draft), "Wang Fang", based_on="v1", when=WHEN)
    head = reports.versions(fresh_demo)
    assert head.active == "v2" and head.versions["scheme_id"].tolist() == ["v2", "v1"]
    assert head.versions["created_by"].iloc[0] == "Wang Fang"


def test_a_survey_file_is_read_with_its_columns_recognised_and_an_oews_origin_suggested(demo):
    data = b"OCC_CODE,OCC_TITLE,O_GROUP,A_PCT10,A_MEDIAN\n15-1252,Software Developers,detailed,\"79,850\",\"132,270\"\n"
    read = reports.survey_file(demo, data, "oews.csv")
    assert (read.layout.code, read.layout.title, read.layout.percentiles) == (
        "OCC_CODE", "OCC_TITLE", {"p10": "A_PCT10", "p50": "A_MEDIAN"})
    assert (read.survey_year, read.source, read.currency) == (2023, "BLS OEWS", "USD")
    assert read.frame["A_MEDIAN"].tolist() == ["132,270"]


def test_a_draft_scheme_travels_as_rows_and_comes_back_the_same(demo):
    scheme = reports.scheme_version(demo, "v1").scheme
    back = ev.scheme_from_rows(ev.scheme_rows(scheme))
    assert back.fingerprint() == scheme.fingerprint() and back.scheme_id == "v1"
    assert hash(ev.scheme_rows(scheme)) == hash(ev.scheme_rows(back))
