"""The salary structure designer, driven through Streamlit's AppTest.

Expected midpoints are recomputed here from the database with numpy: log-linear
lines of each market percentile on the key jobs' points (the two planted
outlier jobs left out), read at each grade's band centre.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from hrcore.access import User
from hrcore.store import open_store
from tests.app.conftest import app, open_tab

PAGE = "views/pay.py"
OUTLIERS = ("RD-ALG", "MF-WSD")


def structure_table(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if {"fixed_mid", "overlap", "target_bonus"} <= set(d.value.columns))


def market_line(db, percentile: str) -> np.ndarray:
    """The survey's percentile line, read at the band centres of the approved structure's grades."""
    survey = db.query(f"SELECT m.job_id, m.{percentile} AS pay, j.points FROM market_data m JOIN jobs j USING (job_id) "
                      "WHERE pay_type = 'fixed' AND survey_year = (SELECT max(survey_year) FROM market_data)")
    survey = survey[~survey["job_id"].isin(OUTLIERS)]
    slope, intercept = np.polyfit(survey["points"], np.log(survey["pay"]), 1)
    bands = db.query("SELECT points_min, points_max FROM pay_grades WHERE structure_id = 'current' ORDER BY grade")
    return np.exp(intercept + slope * (bands["points_min"] + bands["points_max"]).to_numpy() / 2)


def aging_factor(db, growth: float, effective: date) -> float:
    surveyed = pd.to_datetime(db.query("SELECT effective_date FROM market_data WHERE survey_year = "
                                       "(SELECT max(survey_year) FROM market_data)")["effective_date"]).median()
    months = (effective.year - surveyed.year) * 12 + effective.month - surveyed.month + \
        (effective.day - surveyed.day) / 30.4375
    return (1 + growth) ** (months / 12)


def raw_mids(at) -> np.ndarray:
    """The 'as read' midpoints: with the raw curve the fixed mid is the market at the position."""
    return structure_table(at)["fixed_mid"].to_numpy(dtype=float)


def test_moving_the_market_position_from_p50_to_p75_moves_every_midpoint_to_the_p75_line(demo_db):
    at = app(PAGE)
    at.radio(key="pay_curve").set_value("raw").run()
    db = open_store(demo_db)
    factor = aging_factor(db, 0.05, date(2026, 11, 1))
    np.testing.assert_allclose(raw_mids(at), np.round(market_line(db, "p50") * factor), atol=1)
    at.slider(key="pay_pos_lo").set_value(75).run()
    assert not at.exception
    np.testing.assert_allclose(raw_mids(at), np.round(market_line(db, "p75") * factor), atol=1)
    assert at.query_params["pos_lo"] == "75"  # the design travels in the URL


@pytest.mark.parametrize("policy, exponent", [("lag", 0.0), ("lead-lag", 12 / 24), ("lead", 12 / 12)])
def test_the_lead_lag_policy_applies_its_factor_to_every_midpoint(demo_db, policy, exponent):
    at = app(PAGE)
    at.radio(key="pay_curve").set_value("raw").run()
    at.slider(key="pay_growth").set_value(7.0).run()
    at.radio(key="pay_policy").set_value(policy).run()
    assert not at.exception
    db = open_store(demo_db)
    # Lag at 7 %: the market aged to the effective date; the policy multiplies that by (1 + g)^exponent.
    aged = market_line(db, "p50") * aging_factor(db, 0.07, date(2026, 11, 1))
    np.testing.assert_allclose(raw_mids(at), np.round(aged * 1.07 ** exponent), atol=1)
    caption = " ".join(c.value for c in at.caption)
    assert f"× {1.07 ** exponent:.4f}" in caption


def test_moving_a_slider_designs_again_without_reading_the_inputs_again(demo_db, monkeypatch):
    from hrcore import pay

    reads = []
    read = pay.load_inputs
    monkeypatch.setattr(pay, "load_inputs", lambda *args, **kwargs: reads.append(args) or read(*args, **kwargs))
    at = app(PAGE)
    opened = len(reads)
    before = structure_table(at)["fixed_mid"].to_numpy(dtype=float)
    at.slider(key="pay_pos_lo").set_value(60).run()
    at.slider(key="pay_pos_lo").set_value(65).run()
    assert not at.exception and opened >= 1
    assert len(reads) == opened  # the employees, grading and market read when the page opened, not at each move
    assert (structure_table(at)["fixed_mid"].to_numpy(dtype=float) > before).all()  # and the design did move


def test_a_manual_lead_says_how_many_months_it_lasts(demo_db):
    at = app(PAGE)
    at.slider(key="pay_growth").set_value(7.0).run()
    at.number_input(key="pay_lead").set_value(3.5).run()
    months = 12 * np.log(1.035) / np.log(1.07)
    assert f"The extra lead of 3.5% lasts {months:.1f} months." in " ".join(c.value for c in at.caption)


def test_a_uniform_spread_is_flagged(demo_db):
    at = app(PAGE)
    at.slider(key="pay_sp_hi").set_value(40.0).run()
    assert any("same spread" in w.value for w in at.warning)
    table = structure_table(at)
    np.testing.assert_allclose((table["fixed_max"] - table["fixed_min"]) / table["fixed_min"], 0.40, atol=0.002)


def test_designed_progression_rises_from_the_low_to_the_high_value(demo_db):
    at = app(PAGE)
    at.radio(key="pay_curve").set_value("designed").run()
    at.slider(key="pay_pr_lo").set_value(10.0).run()
    at.slider(key="pay_pr_hi").set_value(20.0).run()
    mids = raw_mids(at)
    progression = mids[1:] / mids[:-1] - 1
    # Twelve grades, eleven steps: 10 % from grade 1 to 2, one point more each step, 20 % from grade 11 to 12.
    np.testing.assert_allclose(progression, np.arange(10, 21) / 100, atol=0.0002)


def test_people_outside_their_range_are_counted_with_the_cost_to_bring_them_to_minimum(demo_db):
    at = app(PAGE)
    db = open_store(demo_db)
    table = structure_table(at).set_index("grade")
    at = open_tab(at, "pay_tab", "People in the structure")
    people = db.query("SELECT e.base_pay, j.grade FROM employees e JOIN jobs j USING (job_id) "
                      "WHERE e.status = 'active'")
    low = people["grade"].map(table["fixed_min"])
    high = people["grade"].map(table["fixed_max"])
    below = people["base_pay"] < low
    shown = {m.label: m for m in at.metric}
    assert shown["Below minimum (this design)"].value == f"{below.mean() * 100:.1f}%"
    assert shown["Above maximum (this design)"].value == f"{(people['base_pay'] > high).mean() * 100:.1f}%"
    cost = 12 * (low - people["base_pay"])[below].sum()
    # Minimums in the table are rounded to the yuan: allow a yuan a person a month.
    shown_cost = float(shown["Cost to bring to minimum (a year)"].value.strip("¥K")) * 1000
    assert abs(shown_cost - cost) <= 0.05e3 + 12 * below.sum()


def test_a_scenario_is_saved_compared_approved_and_exported_under_the_signed_in_account(demo_db):
    at = app(PAGE, user=User("wang", "admin", display_name="Wang Fang"))
    assert "pay_user" not in [w.key for w in at.text_input]  # no name typed: the account signs
    assert "Wang Fang" in " ".join(c.value for c in at.caption)
    at.text_input(key="pay_scenario_name").set_value("P60 lead").run()
    at.slider(key="pay_pos_lo").set_value(60).run()
    next(b for b in at.button if b.label == "Save scenario").click().run()
    assert not at.exception
    db = open_store(demo_db)
    saved = db.query("SELECT structure_id, status, created_by, params FROM pay_structures WHERE name = 'P60 lead'")
    assert saved[["status", "created_by"]].iloc[0].tolist() == ["draft", "Wang Fang"]
    assert '"position_low": 60.0' in saved["params"].iloc[0]
    structure_id = saved["structure_id"].iloc[0]

    at = open_tab(at, "pay_tab", "Scenarios")
    at.multiselect(key="pay_compare").select(structure_id).run()
    compare = next(d.value for d in at.dataframe if "This design" in d.value.columns)
    assert "P60 lead" in compare.columns

    at.selectbox(key="pay_to_approve").set_value(structure_id)
    next(b for b in at.button if b.label == "Approve").click().run()
    approved = db.query("SELECT status, approved_by FROM pay_structures WHERE structure_id = ?", [structure_id])
    assert approved.iloc[0].tolist() == ["approved", "Wang Fang"]
    assert "approved by Wang Fang" in at.success[0].value


def test_a_scenario_name_taken_is_refused_in_chinese_on_a_chinese_page(demo_db):
    at = app(PAGE, user=User("wang", "admin", display_name="Wang Fang"), lang="zh")
    at.text_input(key="pay_scenario_name").set_value("P60 领先").run()
    save = "保存方案"
    next(b for b in at.button if b.label == save).click().run()
    assert not at.error
    next(b for b in at.button if b.label == save).click().run()
    # problem.pay_scenario_taken with the name typed, after the Chinese label of its field; nothing saved twice.
    assert [e.value for e in at.error] == ["名称：已有名为“P60 领先”的方案"]
    assert open_store(demo_db).query("SELECT count(*) AS n FROM pay_structures WHERE name = 'P60 领先'")["n"][0] == 1


def test_the_page_speaks_chinese(demo_db):
    at = open_tab(app(PAGE, lang="zh"), "pay_tab", "员工在结构中的位置")
    assert at.title[0].value == "薪资结构设计"
    assert {"低于最小值（当前设计）", "高于最大值（当前设计）", "低于最小值（现行）"} <= {m.label for m in at.metric}


def test_a_database_without_market_data_says_what_is_missing(db_path, ibm_db):
    at = app(PAGE)
    assert "No market data yet" in at.info[0].value


def test_a_shared_link_opens_the_same_design(demo_db):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"lang": "en", "pos_lo": "70", "pos_hi": "70", "curve": "raw"})
    at.run()
    at.switch_page(PAGE).run()
    assert at.slider(key="pay_pos_lo").value == 70
    db = open_store(demo_db)
    factor = aging_factor(db, 0.05, date(2026, 11, 1))
    p50, p75 = market_line(db, "p50"), market_line(db, "p75")
    # P70 lies 20/25 of the way from the P50 line to the P75 line (linear in the percentile, DOMAIN.md §3).
    np.testing.assert_allclose(raw_mids(at), np.round((p50 + 0.8 * (p75 - p50)) * factor), atol=1)


def test_the_overview_shows_who_is_outside_the_structure_in_force_and_payroll_against_budget(demo_db):
    at = app()
    db = open_store(demo_db)
    grades = db.query("SELECT grade, fixed_min, fixed_max FROM pay_grades WHERE structure_id = 'current'")
    people = db.query("SELECT e.base_pay, e.target_bonus, j.grade FROM employees e JOIN jobs j USING (job_id) "
                      "WHERE e.status = 'active'").merge(grades, on="grade")
    shown = {m.label: m.value for m in at.metric}
    assert shown["Below minimum (in force)"] == f"{(people['base_pay'] < people['fixed_min']).mean() * 100:.1f}%"
    assert shown["Above maximum (in force)"] == f"{(people['base_pay'] > people['fixed_max']).mean() * 100:.1f}%"
    approved = __import__("json").loads(db.query("SELECT params FROM pay_structures")["params"][0])["approved_total"]
    payroll = 12 * (people["base_pay"] + people["target_bonus"]).sum()
    # The demo's board approved today's payroll plus 4 %, rounded to 100,000: about 96 % is in use.
    assert shown["Budget used (in force)"] == f"{payroll / approved * 100:.0f}%" == "96%"


def test_the_budget_inputs_stay_while_another_tab_is_open(demo_db):
    at = open_tab(app(PAGE), "pay_tab", "Cost and budget")
    at.number_input(key="pay_approved").set_value(123_450_000.0).run()
    at.slider(key="pay_hc_growth").set_value(10.0).run()
    budget = next(m.value for m in at.metric if m.label == "Budget next year")
    at = open_tab(at, "pay_tab", "Structure")
    assert not any(m.label == "Budget next year" for m in at.metric)
    at = open_tab(at, "pay_tab", "Cost and budget")
    assert at.number_input(key="pay_approved").value == 123_450_000.0
    assert at.slider(key="pay_hc_growth").value == 10.0
    assert next(m.value for m in at.metric if m.label == "Budget next year") == budget


def with_link(params: dict):
    """The pay page opened from a shared link carrying ``params``."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"lang": "en", **params})
    at.run()
    at.switch_page(PAGE)
    at.query_params.update(params)
    return at.run()


@pytest.mark.parametrize("short, value, key, default", [
    ("pos_lo", "nan", "pay_pos_lo", 50.0), ("pos_lo", "1e309", "pay_pos_lo", 50.0), ("pos_lo", "-50", "pay_pos_lo", 50.0),
    ("g", "1e308", "pay_growth", None), ("sp_lo", "-100", "pay_sp_lo", None), ("pr_lo", "inf", "pay_pr_lo", None)])
def test_an_out_of_range_link_value_falls_back_to_the_default_with_a_notice(demo_db, short, value, key, default):
    at = with_link({short: value})
    assert not at.exception, [e.message for e in at.exception]
    notice = [w.value for w in at.warning if "the default is used" in w.value]
    assert notice and f"{short}={value}".replace("_", "\\_") in notice[0]  # the value as text, not Markdown
    assert at.session_state[key] == app(PAGE).session_state[key]
    if default is not None:
        assert at.session_state[key] == default


def test_a_link_value_in_range_is_taken_without_a_notice(demo_db):
    at = with_link({"pos_lo": "75", "g": "0.05"})
    assert not at.exception and not [w.value for w in at.warning if "the default is used" in w.value]
    assert at.session_state["pay_pos_lo"] == 75 and at.session_state["pay_growth"] == 5.0


def test_the_cost_tab_works_for_a_department_manager(demo_db):
    from hrcore import access
    from hrcore.access import User
    from hrcore.store import Store

    store = Store(demo_db)
    store.set_meta(access.DEMO_FLAG, "false")
    store.close()
    # D310's departments each have a cost a head of their own: the lookup that made a TypeError.
    at = open_tab(app(PAGE, user=User("mgr", "manager", "D310")), "pay_tab", "Cost and budget")
    assert not at.exception, [e.message for e in at.exception]
    assert any(m.label == "Budget next year" for m in at.metric)


def test_a_pay_above_the_ceiling_already_stored_counts_as_no_pay_instead_of_breaking_the_cost_tab(demo_db):
    # Imports refuse such a pay now; an older import let 1e308 in, and every payroll total became infinite.
    from hrcore.store import Store

    store = Store(demo_db)
    person = store.query("SELECT min(employee_id) AS id FROM employees WHERE status = 'active'")["id"][0]
    store._con.execute("UPDATE employees SET base_pay = NULL WHERE employee_id = ?", [person])
    store.close()
    without_pay = {m.label: m.value for m in open_tab(app(PAGE), "pay_tab", "Cost and budget").metric}

    store = Store(demo_db)
    store._con.execute("UPDATE employees SET base_pay = 1e308 WHERE employee_id = ?", [person])
    store._con.execute("UPDATE app_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) "
                       "WHERE key = 'data_version'")
    store.close()
    at = open_tab(app(PAGE), "pay_tab", "Cost and budget")
    assert not at.exception, [e.message for e in at.exception]
    assert {m.label: m.value for m in at.metric} == without_pay  # the same figures as a person with no pay


# ---------------------------------------------------------------------------
# Issue 29 item 7: the progression rises (seed 002 step 9); item 8: the performance-linked bonus (step 14)
# ---------------------------------------------------------------------------

def test_the_default_smoothed_curve_has_a_rising_progression_and_an_equal_one_is_flagged(demo_db):
    at = app(PAGE)
    assert at.radio(key="pay_curve").value == "smooth"
    mids = raw_mids(at)
    progression = mids[1:] / mids[:-1] - 1
    # Seed 002 step 9: 级差 "应该不相等", smaller at the low grades: every step larger than the one before.
    assert (np.diff(progression) > 0).all() and progression[0] < progression[-1]
    assert not any("equal at every grade" in w.value for w in at.warning)
    assert "bf" not in at.query_params and "raise" not in at.query_params  # the defaults make no link parameters
    at.radio(key="pay_curve").set_value("designed").run()
    at.slider(key="pay_pr_lo").set_value(10.0).run()
    at.slider(key="pay_pr_hi").set_value(10.0).run()
    # By hand (DOMAIN.md §3 step 9 formula): 10 % at both ends is 10 % at every one of the eleven steps.
    mids = raw_mids(at)
    np.testing.assert_allclose(mids[1:] / mids[:-1] - 1, 0.10, atol=0.0002)
    assert any("equal at every grade" in w.value for w in at.warning)


def bonus_table(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if {"rating", "factor", "headcount", "target", "bonus"} <=
                set(d.value.columns))


def lever_rows(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if {"what", "structure", "change", "gap"} <= set(d.value.columns))


def test_the_demo_company_shows_the_bonus_by_latest_kpi_rating(demo_db):
    at = open_tab(app(PAGE), "pay_tab", "Cost and budget")
    table = bonus_table(at).set_index("rating")
    assert list(table.index) == ["A", "B", "C", "D", "E", "No rating"]
    # DOMAIN.md §3 defaults: bonus = target bonus × A 1.5, B 1.2, C 1.0, D 0.5, E 0; no rating 1.
    np.testing.assert_allclose(table["factor"], [1.5, 1.2, 1.0, 0.5, 0.0, 1.0])
    np.testing.assert_allclose(table["bonus"], (table["target"] * table["factor"]).round(0), atol=1)
    # The ratings are each active person's latest review period: a staff member's months count in their quarter
    # (2026Q3: July to September), a manager's quarter, a centre general manager's half-year, the CEO's year; the
    # mean of the scored cards in it is rated by DOMAIN.md §4's bands (one card keeps its own rating).
    db = open_store(demo_db)
    cards = db.query("SELECT owner_id, period, total_score, rating FROM scorecards WHERE owner_type = 'employee' "
                     "AND status = 'scored' AND owner_id IN (SELECT employee_id FROM employees "
                     "WHERE status = 'active')")

    def review(period):  # (review period, its last month as year * 12 + month, its months)
        year, rest = int(period[:4]), period[4:]
        if rest.startswith("-H"):
            return period, year * 12 + 6 * int(rest[2]), 6
        if rest.startswith("Q"):
            return period, year * 12 + 3 * int(rest[1]), 3
        if rest.startswith("-"):
            quarter = (int(rest[1:]) - 1) // 3 + 1
            return f"{year}Q{quarter}", year * 12 + 3 * quarter, 3
        return period, year * 12 + 12, 12

    cards[["review", "end", "months"]] = [review(p) for p in cards["period"]]
    per_review = cards.groupby(["owner_id", "review", "end", "months"]).agg(
        mean=("total_score", "mean"), n=("total_score", "size"), one=("rating", "first")).reset_index()
    latest = per_review.sort_values(["end", "months"]).drop_duplicates("owner_id", keep="last")
    by_band = pd.cut(latest["mean"], [-np.inf, 80, 95, 110, np.inf], right=False, labels=list("DCBA")).astype(str)
    latest = by_band.where(latest["n"] > 1, latest["one"]).value_counts()
    for rating in "ABCDE":
        assert table.loc[rating, "headcount"] == latest.get(rating, 0)
    assert table.loc[["A", "B", "C", "D"], "headcount"].gt(0).all()
    assert any(m.label == "Performance-linked bonus, a year" for m in at.metric)


def test_edited_factors_and_a_lower_raise_rate_change_the_payroll(demo_db):
    at = open_tab(app(PAGE), "pay_tab", "Cost and budget")
    bonus = bonus_table(at).set_index("rating")
    designed = lever_rows(at).set_index("what").loc["As designed", "structure"]
    # Every rating at factor 0: the structure cost loses exactly the rated people's bonus; the unrated keep theirs.
    at.session_state["pay_factors"] = "A=0,B=0,C=0,D=0,E=0"
    at.run()
    zero = bonus_table(at).set_index("rating")
    assert zero.loc[list("ABCDE"), "bonus"].sum() == 0
    assert zero.loc["No rating", "bonus"] == bonus.loc["No rating", "bonus"]
    lowered = lever_rows(at).set_index("what").loc["As designed", "structure"]
    assert designed - lowered == pytest.approx(bonus.loc[list("ABCDE"), "bonus"].sum(), abs=6)
    # The seed's lever: a 4 % raise halved is 2 %, which costs less than the design.
    at.session_state["pay_factors"] = pay_defaults_factors()
    at.number_input(key="pay_raise").set_value(4.0).run()
    rows = lever_rows(at).set_index("what")
    assert "Annual raise rate halved, to 2.0%" in rows.index
    assert rows.loc["Annual raise rate halved, to 2.0%", "change"].startswith("−¥")  # a saving, signed before ¥
    assert rows.loc["As designed", "structure"] > designed


def pay_defaults_factors() -> str:
    from hrcore import pay

    return pay.BONUS_FACTORS


def test_the_factor_table_and_the_raise_rate_travel_in_a_shared_link(demo_db):
    at = with_link({"bf": "A=2,B=1,C=1,D=0.5,E=0", "raise": "0.03"})
    assert not at.exception and not [w.value for w in at.warning if "the default is used" in w.value]
    assert at.session_state["pay_factors"] == "A=2,B=1,C=1,D=0.5,E=0" and at.session_state["pay_raise"] == 3.0


# ---------------------------------------------------------------------------
# Issue 30: one source for the structure in force, the cost beside the sliders, the policy line, scenarios compared
# ---------------------------------------------------------------------------

def test_the_structure_in_force_reads_the_same_on_the_pay_page_as_on_the_overview_and_apart_from_this_design(
        demo_db):
    overview = {m.label: m.value for m in app().metric}
    at = open_tab(app(PAGE), "pay_tab", "People in the structure")
    shown = {m.label: m.value for m in at.metric}
    for label in ("Below minimum (in force)", "Above maximum (in force)",
                  "Budget used (in force)"):  # the same words in both places
        assert shown[label] == overview[label]
    # The design being edited is another structure: its count differs, under its own label.
    assert shown["Below minimum (this design)"] != shown["Below minimum (in force)"]


def strip_cost(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("#### "))


def test_the_cost_of_a_move_shows_beside_the_sliders(demo_db):
    from hrcore import i18n
    from hrcore.reports import pay as reports

    at = app(PAGE)
    db = open_store(demo_db)
    approved = at.session_state["pay_approved"]
    lower = reports.design(db, reports.settings_key(reports.setup(db).defaults), approved).strip
    assert strip_cost(at).startswith(f"#### {i18n.money(lower.structure, 'en')}")
    assert any(f"{lower.budget_used * 100:.1f}% of the" in p.proto.text for p in at.get("progress"))
    at.slider(key="pay_pos_lo").set_value(75).run()
    higher = float(strip_cost(at).split("¥")[1].split("M")[0])
    assert higher * 1e6 > lower.structure  # a higher market position costs more, seen without leaving the sliders


def test_a_lead_is_drawn_as_a_gap_between_the_market_and_the_policy_line(demo_db):
    import json

    at = app(PAGE)
    at.radio(key="pay_policy").set_value("lead").run()
    at.slider(key="pay_growth").set_value(7.0).run()
    chart = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "Policy line" in c.proto.spec)
    lines = {trace.get("name"): np.array(trace["y"]["bdata"] if isinstance(trace["y"], dict) else trace["y"])
             for trace in chart["data"] if trace.get("name")}
    assert {"Policy line: the market led or lagged", "Market at the position, aged to the effective date"} <= set(lines)
    assert any("Lead over the market +7.0%" in note["text"] for note in chart["layout"]["annotations"])


def test_saved_scenarios_are_compared_in_a_cost_chart_against_the_budget(demo_db):
    from hrcore import pay

    from hrcore.reports import pay as reports

    db = open_store(demo_db)
    designed = reports.design(db, reports.settings_key(reports.setup(db).defaults), 1.0)
    saved = pay.save_scenario(db, "Saved draft", designed.structure, "E0000001")
    at = open_tab(app(PAGE), "pay_tab", "Scenarios")
    at.multiselect(key="pay_compare").select(saved).run()
    assert not at.exception
    specs = [c.proto.spec for c in at.get("plotly_chart")]
    assert any("Saved draft" in spec and '"type":"bar"' in spec.replace(" ", "") for spec in specs)
    saved_list = next(d.value for d in at.dataframe if "created_by" in d.value.columns)
    name = db.query("SELECT name_en FROM employees WHERE employee_id = 'E0000001'")["name_en"][0]
    assert name in set(saved_list["created_by"]) and "E0000001" not in set(saved_list["created_by"])
