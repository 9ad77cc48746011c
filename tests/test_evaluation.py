"""Job evaluation (DOMAIN.md §2, §8): schemes, committee levels, the pay line, grades, surveys, storage.

Expected numbers come from scipy/numpy, exact fractions, hand formulas, the raw
OEWS file parsed with pandas on its own, or Anscombe (1973).
"""

from __future__ import annotations

import csv
import math
from datetime import datetime
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from hrcore import evaluation as ev
from hrcore.imports import read_file
from tests.conftest import SHARED_DATA

OEWS_CSV = SHARED_DATA / "oews_national_2023.csv"
ANNUAL = {"p10": "A_PCT10", "p25": "A_PCT25", "p50": "A_MEDIAN", "p75": "A_PCT75", "p90": "A_PCT90"}
WHEN = datetime(2026, 3, 2, 9, 30)

# Anscombe 1973, The American Statistician 27(1):17-21
ANSCOMBE_X = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
ANSCOMBE = {
    "I": (ANSCOMBE_X, [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]),
    "II": (ANSCOMBE_X, [9.14, 8.14, 8.74, 8.77, 9.26, 8.10, 6.13, 3.10, 9.13, 7.26, 4.74]),
    "III": (ANSCOMBE_X, [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73]),
    "IV": ([8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8], [6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.50, 5.56, 7.91, 6.89]),
}


def small_scheme(weights=None, levels: int = 4, total: float = 1000.0) -> ev.Scheme:
    """A hand-built arithmetic scheme: factor -> weight, ``levels`` levels each, definitions "<factor> L<n>"."""
    weights = weights or {"skill": 0.5, "effort": 0.3, "risk": 0.2}
    factors = pd.DataFrame([(f, f.title(), f, w, levels, f"note {f}", f"说明 {f}") for f, w in weights.items()],
                           columns=ev.FACTOR_COLUMNS)
    rows = [(f, lv, 0.0, f"{f} L{lv}", f"{f} 级{lv}") for f in weights for lv in range(1, levels + 1)]
    return ev.rescale(ev.Scheme(factors, pd.DataFrame(rows, columns=ev.LEVEL_COLUMNS), total))


def hand_points(weights: dict, levels: int, chosen: dict, total: float = 1000.0) -> float:
    """Σ weight·total·level/levels over the chosen levels (the arithmetic rule of DOMAIN.md §2)."""
    return sum(weights[f] * total * lv / levels for f, lv in chosen.items())


# --------------------------------------------------------------------------- the pay line
def test_linear_fit_matches_scipy_linregress():
    rng = np.random.default_rng(1)
    points = rng.uniform(100, 900, 25)
    pay = 3_000 + 12 * points + rng.normal(0, 600, 25)
    line, ref = ev.fit_pay_line(points, pay), stats.linregress(points, pay)
    assert (line.slope, line.intercept, line.r2) == pytest.approx((ref.slope, ref.intercept, ref.rvalue ** 2), rel=1e-9)
    assert line.n == 25
    assert line.predict(500) == pytest.approx(ref.intercept + ref.slope * 500, rel=1e-9)


def test_log_model_r2_is_measured_on_the_log_scale_and_predicts_money():
    rng = np.random.default_rng(2)
    points = rng.uniform(150, 950, 30)
    pay = np.exp(8.2 + 0.0021 * points + rng.normal(0, 0.12, 30))
    line, ref = ev.fit_pay_line(points, pay, model="log"), stats.linregress(points, np.log(pay))
    assert (line.slope, line.intercept) == pytest.approx((ref.slope, ref.intercept), rel=1e-9)
    assert line.r2 == pytest.approx(ref.rvalue ** 2, rel=1e-9)
    assert line.r2 != pytest.approx(stats.linregress(points, pay).rvalue ** 2, abs=1e-4)  # not the money scale
    at = np.array([200.0, 600.0])
    np.testing.assert_allclose(line.predict(at), np.exp(ref.intercept + ref.slope * at), rtol=1e-9)


@pytest.mark.parametrize("model, target", [("linear", lambda y: y), ("log", np.log)])
def test_standardized_residuals_divide_by_the_residual_standard_error(model, target):
    """z = e / sqrt(SSE / (n − 2)), residuals of the linregress line on the model's scale."""
    rng = np.random.default_rng(3)
    points = rng.uniform(100, 1000, 15)
    pay = 4_000 + 9 * points + rng.normal(0, 500, 15)
    ref = stats.linregress(points, target(pay))
    e = target(pay) - (ref.intercept + ref.slope * points)
    s = math.sqrt((e ** 2).sum() / (15 - 2))
    line = ev.fit_pay_line(points, pay, model)
    assert line.residual_se == pytest.approx(s, rel=1e-9)
    np.testing.assert_allclose(line.z, e / s, rtol=1e-7, atol=1e-9)


def test_only_the_planted_outlier_is_flagged():
    rng = np.random.default_rng(4)
    points = np.linspace(100, 1000, 12)
    pay = 2_000 + 10 * points + rng.normal(0, 60, 12)
    pay[5] += 3_000
    line = ev.fit_pay_line(points, pay)
    assert np.flatnonzero(line.outliers()).tolist() == [5]
    assert not line.outliers(limit=float(np.abs(line.z).max())).any()  # |z| must exceed the limit
    # Anscombe (1973): set III lies on a line except for (13, 12.74).
    assert np.flatnonzero(ev.fit_pay_line(*ANSCOMBE["III"]).outliers()).tolist() == [2]


def test_r2_exactly_at_the_threshold_passes():
    """Pay deviations ±500 around 10,000: exact R² = SSR/SST = 4/5 (by hand, in fractions)."""
    points, pay = [100, 200, 300, 400], [9_500, 9_500, 10_500, 10_500]
    mx, my = Fraction(sum(points), 4), Fraction(sum(pay), 4)
    sxy = sum((x - mx) * (y - my) for x, y in zip(points, pay))
    sxx, syy = sum((x - mx) ** 2 for x in points), sum((y - my) ** 2 for y in pay)
    assert sxy ** 2 / (sxx * syy) == Fraction(4, 5)
    line = ev.fit_pay_line(points, pay)
    assert line.r2 == pytest.approx(0.80, abs=1e-12)
    assert line.passes(0.80), f"R² of exactly 0.80 must pass, computed {line.r2!r}"
    assert not line.passes(0.81)


@pytest.mark.parametrize("name", ANSCOMBE)
def test_anscombe_quartet_gives_the_published_line(name):
    """Anscombe 1973, The American Statistician 27(1):17-21: y = 3.00 + 0.500x, r² = 0.67 for all four."""
    line = ev.fit_pay_line(*ANSCOMBE[name])
    assert (round(line.intercept, 2), round(line.slope, 3), round(line.r2, 2)) == (3.00, 0.500, 0.67)


@pytest.mark.parametrize("points, pay, model, argument", [
    ([100, 200], [5_000, 6_000], "linear", "points"),
    ([100, 200, 300], [5_000, 0, 7_000], "linear", "pay"),
    ([100, 200, 300], [5_000, -6_000, 7_000], "log", "pay"),
    ([100, np.nan, 300], [5_000, 6_000, 7_000], "linear", "points"),
    ([100, 200, 300], [5_000, np.nan, 7_000], "linear", "pay"),
    ([100, 200, 300], [5_000, 6_000], "linear", "pay"),
    ([300, 300, 300], [5_000, 6_000, 7_000], "linear", "points"),
    ([100, 200, 300], [5_000, 6_000, 7_000], "quadratic", "model"),
])
def test_bad_arguments_raise_value_error_naming_the_argument(points, pay, model, argument):
    with pytest.raises(ValueError, match=rf"^[\w, ]*\b{argument}\b[\w, ]*:"):
        ev.fit_pay_line(points, pay, model)


# --------------------------------------------------------------------------- scales and schemes
def test_scale_points_follow_the_arithmetic_and_geometric_rules():
    # weight·total·l/L and weight·total·ratio^(l−L), by hand
    assert ev.scale_points(0.2, 4, total=500).tolist() == [25.0, 50.0, 75.0, 100.0]
    assert ev.scale_points(0.25, 4, scale="geometric", ratio=2).tolist() == [31.25, 62.5, 125.0, 250.0]
    rng = np.random.default_rng(5)
    for _ in range(50):
        w, n, r = rng.uniform(0.02, 0.4), int(rng.integers(2, 9)), rng.uniform(1.1, 2.5)
        geo = ev.scale_points(w, n, 800, "geometric", r)
        np.testing.assert_allclose(geo, w * 800 * r ** (np.arange(1, n + 1) - n), atol=0.005)
        for values in (geo, ev.scale_points(w, n, 800)):
            assert values[-1] == pytest.approx(w * 800, abs=0.005)  # the top level is the factor's share


@pytest.mark.parametrize("kwargs, argument", [
    ({"weight": 0.2, "levels": 0}, "levels"),
    ({"weight": 0.2, "levels": 5, "scale": "log"}, "scale"),
    ({"weight": 0.2, "levels": 5, "scale": "geometric", "ratio": 1.0}, "ratio"),
])
def test_scale_points_rejects_bad_arguments(kwargs, argument):
    with pytest.raises(ValueError, match=rf"^{argument}:"):
        ev.scale_points(**kwargs)


def test_default_scheme_is_eight_documented_factors_summing_to_one():
    s = ev.default_scheme()
    assert len(s.factors) == 8 and s.factors["factor_id"].is_unique
    assert math.fsum(s.factors["weight"]) == pytest.approx(1.0, abs=1e-12)
    assert (s.factors[["note_en", "note_zh"]].apply(lambda c: c.str.strip().str.len() > 0)).all().all()
    assert s.levels.groupby("factor_id").size().to_dict() == dict(zip(s.factors["factor_id"], s.factors["levels"]))
    assert (s.levels["definition_en"].str.strip().str.len() > 0).all()
    assert s.levels["definition_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    weight = s.levels["factor_id"].map(s.factors.set_index("factor_id")["weight"])
    np.testing.assert_allclose(s.levels["points"], weight * 1000 * s.levels["level"] / 5, atol=0.005)
    assert ev.check_scheme(s) == []


def _set(column: str, **values):
    """A change to the default scheme: factor_id -> new value of ``column`` in the factors table."""
    def change(s: ev.Scheme) -> None:
        for factor, value in values.items():
            s.factors.loc[s.factors["factor_id"] == factor, column] = value
    return change


def _flatten_level_3_of_impact(s: ev.Scheme) -> None:
    s.levels.loc[(s.levels["factor_id"] == "impact") & (s.levels["level"] == 3), "points"] = 60.0  # = level 2


@pytest.mark.parametrize("change, code, factor, alone", [
    (_set("weight", knowledge=0.15), "weights_sum", None, True),
    (_flatten_level_3_of_impact, "points_not_rising", "impact", True),
    (_set("factor_id", conditions="innovation"), "factor_id_repeated", "innovation", False),
    (_set("levels", conditions=1), "too_few_levels", "conditions", True),
    (_set("weight", knowledge=0.25, conditions=0.0), "weight_not_positive", "conditions", True),
    (_set("weight", knowledge=0.30, conditions=-0.05), "weight_not_positive", "conditions", True),
])
def test_check_scheme_names_what_is_wrong(change, code, factor, alone):
    s = ev.default_scheme()
    change(s)
    problems = ev.check_scheme(s)
    found = [(p.code, p.factor_id) for p in problems]
    assert (code, factor) in found
    if alone:
        assert found == [(code, factor)]
    if code == "weights_sum":
        assert problems[0].values == {"total": pytest.approx(0.95)}  # 1.00 − 0.05


def test_rescale_keeps_definitions_and_follows_weights_and_level_counts():
    s = small_scheme()
    s.factors["weight"] = [0.6, 0.2, 0.2]
    s.factors.loc[s.factors.factor_id == "effort", "levels"] = 2
    s.factors.loc[s.factors.factor_id == "risk", "levels"] = 6
    out = ev.rescale(s).levels.set_index(["factor_id", "level"])
    assert out.loc["skill", "points"].tolist() == [150.0, 300.0, 450.0, 600.0]   # 0.6·1000·l/4
    assert out.loc["effort", "points"].tolist() == [100.0, 200.0]                # 0.2·1000·l/2
    assert out.loc["risk", "points"].tolist() == pytest.approx([200 * lv / 6 for lv in range(1, 7)], abs=0.005)
    assert out.loc["skill", "definition_en"].tolist() == [f"skill L{lv}" for lv in range(1, 5)]
    assert out.loc["risk", "definition_zh"].tolist() == [f"risk 级{lv}" for lv in range(1, 5)] + ["", ""]


# --------------------------------------------------------------------------- committee levels
def test_job_points_sum_consensus_points_and_flag_incomplete_jobs():
    rng = np.random.default_rng(6)
    s = small_scheme()
    lookup = {(f, lv): p for f, lv, p in s.levels[["factor_id", "level", "points"]].itertuples(index=False)}
    rows = [(f"J{j}", f, int(rng.integers(1, 5))) for j in range(8) for f in ("skill", "effort", "risk")]
    rows = [r for r in rows if not (r[0] in ("J2", "J5") and r[1] == "risk")] + [("J1", "ghost", 3)]
    result = ev.job_points(pd.DataFrame(rows, columns=["job_id", "factor_id", "level"]), s).set_index("job_id")
    for job in (f"J{j}" for j in range(8)):
        mine = [(f, lv) for j, f, lv in rows if j == job and f != "ghost"]
        assert result.loc[job, "points"] == pytest.approx(sum(lookup[k] for k in mine))
        assert result.loc[job, "rated"] == len(mine)
        assert result.loc[job, "complete"] == (len(mine) == 3)


def test_disagreement_is_the_range_of_rater_levels():
    rng = np.random.default_rng(7)
    rows = [(j, f, f"r{r}", int(rng.integers(1, 6)))
            for j in ("A", "B", "C") for f in ("skill", "risk") for r in range(int(rng.integers(1, 6)))]
    got = ev.disagreement(pd.DataFrame(rows, columns=["job_id", "factor_id", "rater", "level"]))
    got = got.set_index(["job_id", "factor_id"])
    for (j, f), part in pd.DataFrame(rows).groupby([0, 1]):
        levels = list(part[3])
        assert got.loc[(j, f), "raters"] == len(levels)
        assert got.loc[(j, f), "spread"] == max(levels) - min(levels)


def test_evaluation_order_is_a_reproducible_permutation():
    jobs = [f"J{i:02d}" for i in range(20)]
    shuffled = list(np.random.default_rng(8).permutation(jobs))
    first = ev.evaluation_order(jobs, seed=42)
    assert sorted(first) == jobs
    assert ev.evaluation_order(shuffled, seed=42) == first
    assert len({tuple(ev.evaluation_order(jobs, seed)) for seed in range(20)}) == 20


def test_dispersion_reports_cv_middle_share_and_crowding():
    rng = np.random.default_rng(9)
    points = np.append(rng.uniform(300, 700, 40), np.nan)
    clean = points[~np.isnan(points)]
    cv = clean.std(ddof=1) / clean.mean()
    d = ev.dispersion(points, 100, 1000)
    assert (d.jobs, d.mean, d.cv) == (40, pytest.approx(clean.mean()), pytest.approx(cv))
    assert d.middle_share == pytest.approx(np.mean((clean >= 400) & (clean <= 700)))  # middle third 400-700
    assert ev.dispersion(points, 100, 1000, threshold=cv + 1e-6).crowded
    assert not ev.dispersion(points, 100, 1000, threshold=cv - 1e-6).crowded


# --------------------------------------------------------------------------- grades
def test_equal_bands_are_contiguous_and_equally_wide():
    b = ev.grade_bands(200, 950, 5)
    assert b["grade"].tolist() == [1, 2, 3, 4, 5]
    assert (b["points_min"].iloc[0], b["points_max"].iloc[-1]) == (200, 950)
    assert b["points_min"].iloc[1:].tolist() == b["points_max"].iloc[:-1].tolist()
    np.testing.assert_allclose(b["points_max"] - b["points_min"], 150)


def test_geometric_bands_grow_by_a_constant_ratio():
    b = ev.grade_bands(150, 900, 6, "geometric")
    edges = np.append(b["points_min"], b["points_max"].iloc[-1])
    assert (edges[0], edges[-1]) == (150, 900)
    np.testing.assert_allclose(edges[1:] / edges[:-1], 6 ** (1 / 6), rtol=1e-4)  # (900/150)^(1/6)


def test_slot_puts_edges_in_the_band_above_and_the_top_in_the_last_band():
    b = ev.grade_bands(100, 700, 3)
    assert ev.slot(b["points_min"], b).tolist() == [1, 2, 3]
    assert ev.slot([299.99, 499.99, 700, 99.99, 700.01], b).tolist() == [1, 2, 3, 0, 0]


def test_every_value_in_the_range_gets_the_one_band_that_holds_it():
    rng = np.random.default_rng(10)
    for _ in range(40):
        low = float(rng.integers(1, 50)) * 10  # as points_range gives: multiples of 10
        high = low + float(rng.integers(1, 100)) * 10
        n, method = int(rng.integers(1, 15)), str(rng.choice(ev.BAND_METHODS))
        b = ev.grade_bands(low, high, n, method)
        lo, hi = b["points_min"].to_numpy(), b["points_max"].to_numpy()
        values = np.append(rng.uniform(lo[0], hi[-1], 200), [lo[0], hi[-1]])
        grade = ev.slot(values, b)
        assert ((grade >= 1) & (grade <= n)).all()
        inside = (lo[grade - 1] <= values) & ((values < hi[grade - 1]) | (grade == n))
        assert inside.all()


def test_the_top_of_a_range_with_more_than_two_decimals_is_in_the_last_grade():
    """Bands 'from low to high': high itself must be graded, whatever its decimals."""
    high = 1000 / 3
    assert ev.slot([high], ev.grade_bands(0, high, 3)).tolist() == [3]


# --------------------------------------------------------------------------- the OEWS survey
@pytest.fixture(scope="module")
def oews():
    assert OEWS_CSV.exists(), f"the OEWS sample is expected at {OEWS_CSV}"
    data = OEWS_CSV.read_bytes()
    raw = read_file(data, OEWS_CSV.name).frame
    # The same file parsed independently: pandas with its own thousands handling.
    text = pd.read_csv(OEWS_CSV, dtype=str, encoding="utf-8-sig")
    numbers = pd.read_csv(OEWS_CSV, encoding="utf-8-sig", thousands=",", na_values=["#", "*"], dtype={"OCC_CODE": str})
    return raw, text, numbers


def test_oews_keeps_detailed_occupations_with_monthly_pay(oews):
    raw, text, numbers = oews
    layout = ev.guess_survey_layout(raw.columns)
    assert (layout.code, layout.title, layout.period, layout.percentiles) == ("OCC_CODE", "OCC_TITLE", "year", ANNUAL)
    assert (layout.group_column, layout.group_value) == ("O_GROUP", "detailed")
    survey = ev.read_survey(raw, layout)
    detailed = numbers[numbers["O_GROUP"] == "detailed"].set_index("OCC_CODE")
    assert sorted(survey.jobs["survey_job"]) == sorted(detailed.index)
    assert survey.unreadable.empty
    jobs = survey.jobs.set_index("survey_job")
    for code in ("15-1252", "43-4051", "13-2011"):
        assert jobs.loc[code, "title"] == detailed.loc[code, "OCC_TITLE"]
        for pct, column in ANNUAL.items():
            assert jobs.loc[code, pct] == pytest.approx(detailed.loc[code, column] / 12, abs=0.005)


def test_oews_top_coded_cells_are_counted_and_left_missing(oews):
    raw, text, _ = oews
    survey = ev.read_survey(raw, ev.guess_survey_layout(raw.columns))
    cells = text.loc[text["O_GROUP"] == "detailed", ["OCC_CODE", *ANNUAL.values()]].set_index("OCC_CODE")
    assert survey.top_coded == int((cells == "#").sum().sum()) > 0
    jobs = survey.jobs.set_index("survey_job")
    for pct, column in ANNUAL.items():
        marked = cells.index[cells[column].isin(["#", "*"])]
        assert jobs.loc[marked, pct].isna().all()
        assert jobs[pct].isna().sum() == len(marked)  # nothing else missing, nothing filled


def test_unreadable_survey_cells_are_reported_by_file_row_and_column(oews):
    raw = oews[0].copy()
    with open(OEWS_CSV, encoding="utf-8-sig", newline="") as handle:
        file_row = next(n for n, r in enumerate(csv.reader(handle), start=1) if r[8] == "43-4051")
    raw.loc[raw["OCC_CODE"] == "43-4051", "A_MEDIAN"] = "abc"
    survey = ev.read_survey(raw, ev.guess_survey_layout(raw.columns))
    assert survey.unreadable.to_dict("records") == [{"row": file_row, "column": "A_MEDIAN", "value": "abc"}]
    assert np.isnan(survey.jobs.set_index("survey_job").loc["43-4051", "p50"])


def test_a_comma_that_is_not_a_thousands_separator_is_unreadable():
    """"1,5" is no thousands-separated number (hrcore.imports.THOUSANDS); reading it as 15 would invent pay."""
    raw = pd.DataFrame({"OCC_CODE": ["A", "B"], "A_MEDIAN": ["65,470", "1,5"]})
    survey = ev.read_survey(raw, ev.guess_survey_layout(raw.columns))
    assert survey.jobs["p50"].iloc[0] == pytest.approx(65_470 / 12, abs=0.005)
    assert survey.unreadable[["row", "column"]].values.tolist() == [[3, "A_MEDIAN"]]


def test_market_rows_map_company_jobs_to_survey_jobs(oews, fresh_db):
    raw, _, numbers = oews
    survey = ev.read_survey(raw, ev.guess_survey_layout(raw.columns))
    rows = ev.market_rows(survey, {"DEV": "15-1252", "CSR": "43-4051"}, 2023, source="BLS OEWS", currency="USD")
    annual = numbers.set_index("OCC_CODE")
    for job, code in (("DEV", "15-1252"), ("CSR", "43-4051")):
        row = rows.set_index("job_id").loc[job]
        assert row["p50"] == pytest.approx(annual.loc[code, "A_MEDIAN"] / 12, abs=0.005)
        assert (row["survey_year"], row["pay_type"], row["currency"]) == (2023, "fixed", "USD")
        assert row["survey_job"] == f"{code} {annual.loc[code, 'OCC_TITLE']}"
    fresh_db.upsert("market_data", rows)
    assert fresh_db.count("market_data") == 2
    with pytest.raises(ValueError, match=r"^job_map:.*99-9999"):
        ev.market_rows(survey, {"DEV": "15-1252", "X": "99-9999"}, 2023)


# --------------------------------------------------------------------------- storage and the workbench
def test_save_scheme_versions_and_activates(fresh_db):
    first = ev.save_scheme(fresh_db, small_scheme(), "ann", when=WHEN)
    assert (first.scheme_id, first.version) == ("v1", 1)
    second = ev.save_scheme(fresh_db, small_scheme({"skill": 0.4, "effort": 0.4, "risk": 0.2}), "ann", "v1", WHEN)
    assert (second.scheme_id, second.version) == ("v2", 2)
    active, old = ev.load_scheme(fresh_db), ev.load_scheme(fresh_db, "v1")
    assert active.scheme_id == "v2" and active.factors["weight"].tolist() == [0.4, 0.4, 0.2]
    assert old.factors["weight"].tolist() == [0.5, 0.3, 0.2]
    assert active.levels.set_index(["factor_id", "level"]).loc[("effort", 4), "points"] == 400.0  # 0.4·1000·4/4


def test_save_scheme_refuses_a_scheme_with_problems_and_writes_nothing(fresh_db):
    with pytest.raises(ValueError, match=r"^scheme:.*weights_sum"):
        ev.save_scheme(fresh_db, small_scheme({"skill": 0.5, "effort": 0.25, "risk": 0.2}), "ann")
    assert [fresh_db.count(t) for t in ("eval_schemes", "eval_factors", "eval_levels")] == [0, 0, 0]
    assert ev.load_scheme(fresh_db) is None


def test_carrying_levels_to_a_new_version_drops_levels_that_no_longer_exist(fresh_db):
    ev.save_scheme(fresh_db, small_scheme(), "ann", when=WHEN)
    consensus = {"A": {"skill": 4, "effort": 2}, "B": {"skill": 3, "risk": 1}, "C": {"skill": 1}}
    for job, levels in consensus.items():
        ev.record_levels(fresh_db, "v1", job, levels, "ann", when=WHEN)
    ev.record_levels(fresh_db, "v1", "A", {"skill": 4, "risk": 2}, "ann", rater="bo", when=WHEN)
    shrunk = small_scheme()
    shrunk.factors.loc[shrunk.factors.factor_id == "skill", "levels"] = 3
    saved = ev.save_scheme(fresh_db, ev.rescale(shrunk), "ann", based_on="v1", when=WHEN)
    assert (saved.carried, saved.dropped) == (4 + 1, 1 + 1)  # skill 4 is gone: one consensus, one rater level
    kept = ev.consensus_levels(fresh_db, "v2")
    assert sorted(zip(kept.job_id, kept.factor_id, kept.level)) == [
        ("A", "effort", 2), ("B", "risk", 1), ("B", "skill", 3), ("C", "skill", 1)]
    assert len(ev.consensus_levels(fresh_db, "v1")) == 5  # the old version is untouched


def test_record_levels_logs_only_changes_with_old_and_new(fresh_db):
    ev.save_scheme(fresh_db, small_scheme(), "ann", when=WHEN)
    assert ev.record_levels(fresh_db, "v1", "A", {"skill": 2, "effort": 3}, "ann", when=WHEN) == 2
    assert ev.record_levels(fresh_db, "v1", "A", {"skill": 2, "effort": 4, "risk": 1}, "bo", when=WHEN) == 2
    assert ev.record_levels(fresh_db, "v1", "A", {"risk": None}, "bo", when=WHEN) == 1
    log = ev.change_log(fresh_db, "v1").sort_values("log_id")
    pairs = [(f, None if pd.isna(o) else int(o), None if pd.isna(n) else int(n))
             for f, o, n in log[["factor_id", "old_level", "new_level"]].itertuples(index=False)]
    assert pairs == [("skill", None, 2), ("effort", None, 3), ("effort", 3, 4), ("risk", None, 1), ("risk", 1, None)]
    assert log["changed_by"].tolist() == ["ann", "ann", "bo", "bo", "bo"]
    assert ev.consensus_levels(fresh_db, "v1")[["factor_id", "level"]].values.tolist() == [["effort", 4], ["skill", 2]]


@pytest.mark.parametrize("levels, word", [
    ({"skill": 2, "effort": 5}, "outside"), ({"skill": 2, "effort": 0}, "outside"),
    ({"skill": 2, "ghost": 1}, "ghost")])
def test_record_levels_rejects_bad_levels_and_writes_nothing(fresh_db, levels, word):
    ev.save_scheme(fresh_db, small_scheme(), "ann", when=WHEN)
    with pytest.raises(ValueError, match=rf"^levels:.*{word}"):
        ev.record_levels(fresh_db, "v1", "A", levels, "ann")
    assert fresh_db.count("eval_consensus") == fresh_db.count("eval_log") == 0


def test_rater_levels_and_consensus_are_kept_apart(fresh_db):
    ev.save_scheme(fresh_db, small_scheme(), "ann", when=WHEN)
    ev.record_levels(fresh_db, "v1", "A", {"skill": 3}, "li", rater="li", when=WHEN)
    ev.record_levels(fresh_db, "v1", "A", {"skill": 2}, "ann", when=WHEN)
    assert ev.rater_levels(fresh_db, "v1")[["rater", "level"]].values.tolist() == [["li", 3]]
    assert ev.consensus_levels(fresh_db, "v1")["level"].tolist() == [2]
    assert ev.change_log(fresh_db, "v1").sort_values("log_id")["rater"].fillna("").tolist() == ["li", ""]


def test_set_key_jobs_marks_exactly_the_chosen_jobs(fresh_db):
    fresh_db.upsert("jobs", pd.DataFrame({"job_id": ["J1", "J2", "J3", "J4"], "is_key": [True, True, False, None]}))
    assert ev.set_key_jobs(fresh_db, ["J2", "J3"]) == 2  # J1 off, J3 on
    assert fresh_db.query("SELECT job_id FROM jobs WHERE is_key ORDER BY job_id")["job_id"].tolist() == ["J2", "J3"]
    assert ev.set_key_jobs(fresh_db, ["J3", "J2"]) == 0


WEIGHTS = {"skill": 0.5, "effort": 0.3, "risk": 0.2}
LEVELS = {"J1": {"skill": 1, "effort": 1, "risk": 2}, "J2": {"skill": 2, "effort": 3, "risk": 1},
          "J3": {"skill": 3, "effort": 2, "risk": 4}, "J4": {"skill": 4, "effort": 4, "risk": 3},
          "J5": {"skill": 4}}
PAY = {"J1": 6_100.0, "J2": 8_300.0, "J3": 11_900.0, "J4": 14_200.0, "J5": 10_400.0}


def tiny_case():
    jobs = pd.DataFrame({"job_id": ["J1", "J2", "J3", "J4", "J5", "J6"], "title_en": "t", "title_zh": "岗",
                         "is_key": [True, True, False, True, False, None],
                         "points": [None, 999.0, None, None, 555.0, None]})
    market = pd.DataFrame([{"job_id": j, "survey_year": y, "pay_type": "fixed", "p50": p if y == 2024 else 20_000 - p,
                            "source": "S", "currency": "CNY"} for j, p in PAY.items() for y in (2023, 2024)])
    consensus = pd.DataFrame([(j, f, lv) for j, c in LEVELS.items() for f, lv in c.items()],
                             columns=["job_id", "factor_id", "level"])
    return jobs, market, consensus


def test_evaluate_scores_checks_and_grades_a_tiny_case():
    jobs, market, consensus = tiny_case()
    result = ev.evaluate(jobs, market, consensus, small_scheme(), ev.CheckSettings(grades=4))
    table = result.jobs.set_index("job_id")
    expected = {j: hand_points(WEIGHTS, 4, LEVELS[j]) for j in ("J1", "J2", "J3", "J4")} | {"J5": 555.0}
    assert table.loc[list(expected), "points"].tolist() == pytest.approx(list(expected.values()))
    assert table["source"].tolist()[:5] == ["committee"] * 4 + ["stored"]  # J2's stored 999 is overridden
    assert pd.isna(table.loc["J6", "points"]) and table.loc["J6", "grade"] == 0
    assert result.survey_year == 2024 and result.currency == "CNY"
    assert result.regression.set_index("job_id")["pay"].to_dict() == PAY  # the latest year, 2024
    ref = stats.linregress(list(expected.values()), [PAY[j] for j in expected])
    assert (result.line.slope, result.line.r2) == pytest.approx((ref.slope, ref.rvalue ** 2), rel=1e-9)
    low, high = math.floor(min(expected.values()) / 10) * 10, math.ceil(max(expected.values()) / 10) * 10
    width = (high - low) / 4  # four equal bands over the points rounded outwards to tens
    grades = {j: min(int((p - low) // width) + 1, 4) for j, p in expected.items()}
    assert table.loc[list(grades), "grade"].tolist() == list(grades.values())
    assert result.per_grade["jobs"].sum() == 5


def test_save_grading_round_trips_through_latest_grading(fresh_db):
    assert ev.latest_grading(fresh_db) is None
    result = ev.evaluate(*tiny_case(), small_scheme(), ev.CheckSettings(grades=4))
    assert ev.save_grading(fresh_db, result, "v1", "equal", "ann", WHEN) == "g1"
    head, bands, jobs = ev.latest_grading(fresh_db)
    assert (head["grading_id"], head["grades"], head["scheme_id"]) == ("g1", 4, "v1")
    pd.testing.assert_frame_equal(bands, result.bands, check_dtype=False)
    graded = result.jobs[result.jobs["grade"] > 0][["job_id", "points", "grade"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(jobs, graded, check_dtype=False)
    assert ev.save_grading(fresh_db, result, "v1", "equal", "bo", WHEN) == "g2"
    assert ev.latest_grading(fresh_db)[0]["grading_id"] == "g2"


def test_the_latest_grading_is_the_last_saved_even_past_nine_in_one_second(fresh_db):
    result = ev.evaluate(*tiny_case(), small_scheme(), ev.CheckSettings(grades=4))
    ids = [ev.save_grading(fresh_db, result, "v1", "equal", "ann", WHEN) for _ in range(10)]
    assert ev.latest_grading(fresh_db)[0]["grading_id"] == ids[-1] == "g10"
