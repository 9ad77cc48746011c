"""The KPI page's reports (hrcore.reports.kpi), each figure checked against an independent calculation: by hand on
a few cards typed here, or with pandas from the raw rows of the small demo company."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from hrcore import kpi_appeals
from hrcore.access import User
from hrcore.reports import kpi as reports
from hrcore.store import Store

BANDS = (("A", 110.0), ("B", 95.0), ("C", 80.0))


def by_hand(total: float) -> str:
    """The default bands: A >= 110 > B >= 95 > C >= 80 > D."""
    return "A" if total >= 110 else "B" if total >= 95 else "C" if total >= 80 else "D"


@pytest.fixture
def cards():
    """Five cards typed by hand: a staff member's July to September, another's September alone, a manager's quarter,
    and a September draft."""
    store = Store()
    store.upsert("employees", pd.DataFrame({"employee_id": ["E1", "E2", "E3", "M1"],
                                            "name_en": ["Ann Lee", "Bo Wu", "Cy Ma", "Mo Li"],
                                            "name_zh": ["李安", "吴波", "马赛", "李默"], "department_id": "D1"}))
    store.upsert("scorecards", pd.DataFrame({
        "scorecard_id": ["c1", "c2", "c3", "c4", "c5", "c6"], "owner_type": "employee",
        "owner_id": ["E1", "E1", "E1", "E2", "M1", "E3"],
        "period": ["2026-07", "2026-08", "2026-09", "2026-09", "2026Q3", "2026-09"],
        "appraiser_id": ["M1", "M1", "M1", "M1", None, "M1"],
        "total_score": [100.0, 110.0, 120.0, 94.0, 81.0, None], "rating": [None, None, None, "C", "C", None],
        "status": ["scored", "scored", "scored", "scored", "scored", "draft"], "updated_by": "M1"}))
    yield store
    store.close()


# ---------------------------------------------------------------------------
# The headline
# ---------------------------------------------------------------------------

def test_the_headline_rates_each_person_by_the_mean_of_their_cards_in_the_latest_quarter(cards):
    # By hand: E1's three months average 110 (A); E2's one card keeps its C; M1's quarter keeps its C: 1 A, 2 C of
    # 3 people.  E3's September card is a draft: one card not yet scored.
    headline = reports.headline(cards)
    assert headline.period == "2026Q3" and headline.people == 3 and headline.not_scored == 1
    assert headline.shares == pytest.approx({"A": 1 / 3, "B": 0.0, "C": 2 / 3, "D": 0.0})


def test_the_headline_of_a_store_without_cards_names_no_period():
    headline = reports.headline(Store())
    assert (headline.period, headline.people, headline.not_scored) == (None, 0, 0)
    assert set(headline.shares) == {"A", "B", "C", "D"}


def test_the_headline_agrees_with_the_raw_cards_of_the_demo(demo):
    # With pandas from the raw rows: the demo's latest quarter is 2026Q3 (its months and itself).
    raw = demo.query("SELECT owner_type, owner_id, period, status, total_score, rating FROM scorecards")
    inside = raw["period"].isin(["2026-07", "2026-08", "2026-09", "2026Q3"])
    scored = raw[inside & (raw["owner_type"] == "employee") & (raw["status"] == "scored")]
    people = scored.groupby("owner_id").agg(mean=("total_score", "mean"), n=("total_score", "size"),
                                            one=("rating", "first"))
    rating = people["mean"].map(by_hand).where(people["n"] > 1, people["one"])
    headline = reports.headline(demo)
    assert headline.period == "2026Q3" and headline.people == len(people)
    assert headline.shares == pytest.approx({band: float((rating == band).mean()) for band in "ABCD"})
    assert headline.not_scored == int((inside & (raw["status"] != "scored")).sum()) > 0


# ---------------------------------------------------------------------------
# The scorecard tab
# ---------------------------------------------------------------------------

def test_the_page_lists_the_periods_latest_first(cards):
    assert reports.page(cards).periods == ["2026-09", "2026Q3", "2026-08", "2026-07"]


def test_the_picker_lists_a_departments_cards_with_their_owners_names(cards):
    choices = reports.card_choices(cards, "2026-09", "employee", "D1")
    assert choices.kinds == ["employee"] and choices.departments["department_id"].tolist() == ["D1"]
    assert choices.cards[["scorecard_id", "owner_en", "owner_zh", "status"]].values.tolist() == [
        ["c3", "Ann Lee", "李安", "scored"], ["c4", "Bo Wu", "吴波", "scored"], ["c6", "Cy Ma", "马赛", "draft"]]
    assert reports.card_choices(cards, "2026-09", "position").kinds == ["employee"]


def test_a_card_names_its_appraiser_and_who_saved_it_and_knows_its_owners_cycle(cards):
    view = reports.card_view(cards, "c3")
    assert (view.owner_en, view.appraiser_en, view.appraiser_zh, view.updated_by_zh) == \
        ("Ann Lee", "Mo Li", "李默", "李默")
    assert (view.role, view.cycle, view.on_cycle) == ("staff", "monthly", True)
    assert view.department_id == "D1" and view.pending_appeal is None and view.notes.empty
    assert view.locked and view.mode == "ratio"  # scored; no mode on file: by achievement ratio
    assert not reports.card_view(cards, "c6").locked


def test_a_cards_appeals_carry_the_filers_names_and_the_pending_one_is_named(cards):
    cards.user = User("hr", "admin", display_name="Hana Ross")  # HR files on the appraisee's behalf
    appeal = kpi_appeals.file_appeal(cards, "c3", "September's order is missing", date(2026, 10, 5))
    view = reports.card_view(cards, "c3")
    assert view.pending_appeal == appeal
    assert view.appeals[["filed_by_en", "filed_by_zh", "status"]].values.tolist() == [
        ["Hana Ross", "Hana Ross", "pending"]]
    waiting = reports.appeals_waiting(cards)
    assert waiting[["appeal_id", "owner_en", "filed_by_en"]].values.tolist() == [[appeal, "Ann Lee", "Hana Ross"]]


def test_an_account_labelled_with_an_employees_name_reads_in_their_chinese_name(cards):
    cards.user = User("ann", "manager", "D1", "Ann Lee", employee_id="E1")  # the appraisee files her own appeal
    kpi_appeals.file_appeal(cards, "c3", "September's order is missing", date(2026, 10, 5))
    assert reports.appeals_waiting(cards)[["filed_by_en", "filed_by_zh"]].values.tolist() == [["Ann Lee", "李安"]]


# ---------------------------------------------------------------------------
# Data check
# ---------------------------------------------------------------------------

def test_the_data_check_counts_the_drafts_and_blocks_those_missing_an_actual(demo):
    # With pandas from the raw rows: the demo's September drafts are blocked only by missing actuals.
    cards = demo.query("SELECT scorecard_id, status FROM scorecards WHERE period = '2026-09'")
    lines = demo.query("SELECT scorecard_id, actual FROM scorecard_lines")
    drafts = cards.loc[cards["status"] == "draft", "scorecard_id"]
    missing = set(lines.loc[lines["actual"].isna() & lines["scorecard_id"].isin(drafts), "scorecard_id"])
    check = reports.data_check(demo, "2026-09")
    assert (check.cards, check.not_scored, check.blocked, check.ready) == \
        (len(cards), len(drafts), len(missing), len(drafts) - len(missing))
    assert set(check.problems["scorecard_id"]) == missing and set(check.problems["code"]) == {"missing_actual"}
    assert check.problems["owner_en"].notna().all() and check.problems["indicator_en"].notna().all()
    assert set(check.open_lines["scorecard_id"]) == set(drafts) and check.off_cycle.empty


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------

def test_results_rate_the_periods_totals_by_the_bands_on_screen(cards):
    # September's scored totals 120 and 94: A and C by the default bands; B and D with A from 121, B from 90.
    found = reports.results(cards, "2026-09")
    assert found.counts(BANDS).tolist() == [1, 0, 1, 0]
    assert found.counts((("A", 121.0), ("B", 90.0), ("C", 80.0))).tolist() == [0, 2, 0, 0]


def test_results_trend_and_departments_agree_with_pandas(demo):
    raw = demo.query("SELECT c.period, c.status, c.total_score, c.rating, c.owner_type, e.department_id "
                     "FROM scorecards c LEFT JOIN employees e ON e.employee_id = c.owner_id")
    found = reports.results(demo, "2026-09")
    trend = found.trend.set_index("period")
    expected = raw.groupby("period")["total_score"].mean()
    assert trend["average"].to_dict() == pytest.approx(expected.to_dict())
    assert trend["cards"].to_dict() == raw.groupby("period").size().to_dict()
    september = raw[(raw["period"] == "2026-09") & (raw["status"] == "scored") & (raw["owner_type"] == "employee")
                    & raw["department_id"].notna()]
    shares = pd.crosstab(september["department_id"], september["rating"], normalize="index")
    shown = found.by_department.set_index("department_id")
    for rating in shares.columns:
        assert shown.loc[shares.index, rating].tolist() == pytest.approx(shares[rating].tolist())
    assert shown["A"].is_monotonic_increasing and shown["name_en"].notna().all()
    assert found.headline == reports.headline(demo)


def test_the_cascade_counts_the_cards_using_each_indicator_this_period(demo):
    use = demo.query("SELECT l.indicator_id FROM scorecard_lines l JOIN scorecards c USING (scorecard_id) "
                     "WHERE c.period = '2026-09'")["indicator_id"].value_counts()
    cascade = reports.results(demo, "2026-09").cascade.set_index("indicator_id")
    assert cascade.loc[use.index, "cards"].tolist() == use.tolist()


# ---------------------------------------------------------------------------
# Merit matrix
# ---------------------------------------------------------------------------

def test_the_merit_matrix_prices_raises_by_rating_and_compa_ratio(demo):
    # By hand from the raw rows: compa-ratio = base pay / the grade's midpoint; the matrix given here.
    people = demo.query(
        "SELECT e.employee_id, e.base_pay, e.base_pay / g.fixed_mid AS cr, c.rating FROM employees e "
        "JOIN jobs j USING (job_id) JOIN pay_grades g ON g.structure_id = 'current' AND g.grade = j.grade "
        "JOIN scorecards c ON c.owner_id = e.employee_id AND c.period = '2026-09' AND c.status = 'scored' "
        "WHERE e.status = 'active'")
    matrix = {"A": (0.1, 0.05, 0.02), "B": (0.05, 0.03, 0.01), "C": (0.02, 0.01, 0.0), "D": (0.0, 0.0, 0.0)}
    column = np.where(people["cr"] < 0.9, 0, np.where(people["cr"] > 1.1, 2, 1))
    pct = np.array([matrix[r][c] for r, c in zip(people["rating"], column)])
    cost = 12 * float(np.dot(people["base_pay"], pct))
    priced = reports.merit(demo, "2026-09", tuple((rating, *raises) for rating, raises in matrix.items()))
    assert priced.priced and priced.people == len(people)
    assert priced.cost == pytest.approx(cost, rel=1e-6)
    assert priced.payroll_share == pytest.approx(cost / (12 * people["base_pay"].sum()), rel=1e-6)
    assert priced.average == pytest.approx(pct.mean())
    assert priced.by_department["cost"].sum() == pytest.approx(cost, rel=1e-6)
    assert priced.by_department["cost"].is_monotonic_decreasing


def test_the_merit_matrix_reads_the_pay_reports_placement_and_places_nobody_again(demo, monkeypatch):
    # Against the merit tab's own reading of the database (the test above checks that one by hand): the same
    # people and compa-ratios when handed the pay report's structure in force, with placing anyone refused.
    from hrcore import pay
    from hrcore.reports import pay as pay_reports

    alone = reports.merit_people(demo, "2026-09")
    force = pay_reports.in_force(demo)

    def placed_again(*args, **kwargs):
        raise AssertionError("placed everyone again")

    monkeypatch.setattr(pay, "place_people", placed_again)
    given = reports.merit_people(demo, "2026-09", prepared=force)
    pd.testing.assert_frame_equal(given.people.sort_values("employee_id").reset_index(drop=True),
                                  alone.people.sort_values("employee_id").reset_index(drop=True))
    assert given.priced and len(given.people) > 0


def test_merit_prices_nothing_before_a_pay_structure_is_approved(cards):
    priced = reports.merit(cards, "2026-09", (("A", 0.1, 0.05, 0.0),))
    assert not priced.priced and priced.people == 0 and priced.by_department.empty


# ---------------------------------------------------------------------------
# Library and cycles
# ---------------------------------------------------------------------------

def test_the_library_offers_only_the_example_indicators_it_lacks(cards, demo):
    assert reports.library(cards).indicators.empty
    offered = reports.library(cards).missing_examples
    assert len(offered) > 0 and reports.library(demo).missing_examples["indicator_id"].isin(
        reports.library(demo).indicators["indicator_id"]).sum() == 0


def test_the_cycles_tab_gives_each_jobs_role_and_keeps_only_changed_roles(demo):
    jobs = reports.cycle_roles(demo).jobs.set_index("job_id")
    assert jobs.loc[["MG-CEO", "MG-GM", "MG-DIR", "RD-SWE"], "role"].tolist() == [
        "general_manager", "vice_president", "manager", "staff"]
    assert (jobs["role"] == jobs["by_rule"]).all()
    edited = jobs.reset_index().assign(role=lambda f: f["role"].where(f["job_id"] != "RD-SWE", "manager_assistant"))
    assert reports.role_overrides(edited) == {"RD-SWE": "manager_assistant"}
