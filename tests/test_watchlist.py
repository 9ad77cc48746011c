"""hrcore.watchlist: the interpretable score, segments, derived signals, cost and the handover checklist.

Expected values are worked out by hand in the comments from DOMAIN §7 and seed 001.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from hrcore import watchlist
from hrcore.errors import problem_text

AS_OF = date(2026, 10, 31)


def test_the_score_adds_the_points_of_each_signal_and_lists_the_heaviest_first():
    flags = pd.DataFrame({"family": [True, False], "conflict": [True, False], "no_promotion": [True, True]})
    total, reasons = watchlist.score(flags)
    # 15 + 20 + 10 = 45; 10
    assert total.tolist() == [45, 10]
    assert reasons == [["conflict", "family", "no_promotion"], ["no_promotion"]]


def test_the_score_is_capped_at_100():
    every = pd.DataFrame({s: [True] for s in watchlist.SIGNALS})
    assert sum(watchlist.SIGNAL_POINTS.values()) > 100
    assert watchlist.score(every)[0].tolist() == [100]


def test_segments_follow_the_seeds_three_kinds_of_leaver():
    # A high performer under a year is still a new hire: seed 001 says new hires just go, whoever they are.
    got = watchlist.segment([0.2, 0.9, 3, 8, 8, 4.9], [True, False, True, False, False, False],
                            [0.2, 0.9, 3, 3, 2.9, 4.9])
    assert got.tolist() == ["new_hire", "new_hire", "poachable", "stalled", "other", "other"]


def _employees(rows):
    base = {"name_en": None, "name_zh": None, "department_id": "D1", "manager_id": None, "job_id": None,
            "grade": 5, "birth_date": date(1990, 1, 1), "base_pay": 10_000.0, "target_bonus": 0.0,
            "status": "active", "key_talent": False}
    return pd.DataFrame([{**base, **r} for r in rows])


def test_derived_signals_are_read_from_leave_promotions_and_scorecards(fresh_db):
    fresh_db.upsert("employees", _employees([
        {"employee_id": "A", "hire_date": date(2015, 1, 1)},   # no promotion for years, leave rising
        {"employee_id": "B", "hire_date": date(2015, 1, 1)},   # promoted last year, steady leave
        {"employee_id": "C", "hire_date": date(2026, 3, 1)},   # new hire
    ]))
    fresh_db.upsert("employee_events", pd.DataFrame([
        {"event_id": "V1", "employee_id": "B", "event_date": date(2025, 9, 1), "event_type": "promotion"}]))
    # A: 1 day a quarter in the year before the last 90 days (baseline 1), 4 days in the last 90: rising.
    # B: 2 days a quarter before, 2 days now: not rising.
    leave = [("L1", "A", date(2025, 3, 1), 1), ("L2", "A", date(2025, 6, 1), 1), ("L3", "A", date(2025, 9, 1), 1),
             ("L4", "A", date(2025, 12, 1), 1), ("L5", "A", date(2026, 9, 1), 4),
             ("L6", "B", date(2025, 3, 1), 2), ("L7", "B", date(2025, 6, 1), 2), ("L8", "B", date(2025, 9, 1), 2),
             ("L9", "B", date(2025, 12, 1), 2), ("L10", "B", date(2026, 9, 1), 2)]
    fresh_db.upsert("leave_records", pd.DataFrame(
        [{"leave_id": i, "employee_id": e, "start_date": d, "end_date": d, "days": float(n), "kind": "personal"}
         for i, e, d, n in leave]))
    # B's KPI total fell 12 points (only the two latest cards count: B's first was far lower); A's rose.
    cards = [("K1", "A", "2026Q2", 90.0), ("K2", "A", "2026Q3", 100.0), ("K0", "B", "2026Q1", 60.0),
             ("K3", "B", "2026Q2", 110.0), ("K4", "B", "2026Q3", 98.0)]
    fresh_db.upsert("scorecards", pd.DataFrame(
        [{"scorecard_id": i, "owner_type": "employee", "owner_id": e, "period": p, "total_score": s,
          "status": "scored"} for i, e, p, s in cards]))
    fresh_db.upsert("attrition_signals", pd.DataFrame([
        {"signal_id": "S1", "employee_id": "C", "signal_date": date(2026, 10, 1), "kind": "conflict"},
        {"signal_id": "S2", "employee_id": "C", "signal_date": date(2025, 10, 1), "kind": "family"},  # too old
    ]))
    fresh_db.upsert("exposure", pd.DataFrame([{"employee_id": "A", "secrets_access": True, "non_compete": False}]))
    fresh_db.upsert("retention_actions", pd.DataFrame([
        {"action_id": "R1", "employee_id": "B", "action_date": date(2026, 5, 1), "kind": "pay_review"},
        {"action_id": "R2", "employee_id": "B", "action_date": date(2026, 8, 1), "kind": "retention_talk"},
        {"action_id": "R3", "employee_id": "B", "action_date": date(2027, 1, 1), "kind": "other"}]))  # after as_of
    people = watchlist.people(fresh_db, AS_OF).set_index("employee_id")
    assert people.loc["B", ["performance", "performance_before"]].tolist() == [98.0, 110.0]
    assert people.loc["A", ["secrets_access", "non_compete"]].tolist() == [True, False]
    assert pd.isna(people.loc["B", "secrets_access"])
    assert people["actions"].to_dict() == {"A": 0, "B": 2, "C": 0}
    assert people.loc["B", "last_action_kind"] == "retention_talk"
    assert people.loc["A", ["leave_rising", "no_promotion", "falling_performance"]].tolist() == [True, True, False]
    assert people.loc["B", ["leave_rising", "no_promotion", "falling_performance"]].tolist() == [False, False, True]
    assert people.loc["C", ["conflict", "family"]].tolist() == [True, False]
    # A: leave rising 20 + no promotion 10 = 30; B: falling performance 15; C: conflict 20.
    assert people["score"].to_dict() == {"A": 30, "B": 15, "C": 20}
    assert people.loc["C", "segment"] == "new_hire"


def test_severance_is_article_47_on_base_plus_the_monthly_bonus_and_replacement_is_months_of_pay():
    # DOMAIN §7: the art. 47 wage is the average monthly pay including the monthly bonus (target_bonus is
    # monthly, DOMAIN §1), and never below the local minimum wage.
    frame = pd.DataFrame({"employee_id": ["A", "B", "C"],
                          "hire_date": [date(2019, 3, 1), date(2021, 5, 1), date(2022, 9, 1)],
                          "base_pay": [10_000.0, 60_000.0, 2_000.0], "target_bonus": [2_000.0, 0.0, 300.0]})
    cost = watchlist.costs(frame, date(2024, 8, 31), local_avg_wage=12_000, replacement_months=6,
                           local_min_wage=2_690)
    # A: 5 years 6 months of service -> N = 6; wage 10,000 + 2,000 = 12,000 -> 72,000.
    # B: 3 years 4 months -> N = 3.5; 60,000 > 3 × 12,000, so the wage used is 36,000 -> 126,000.
    # C: 2 years exactly -> N = 2; 2,000 + 300 = 2,300 is under the minimum 2,690 -> 2 × 2,690 = 5,380.
    assert cost["months"].tolist() == [6.0, 3.5, 2.0]
    assert cost["wage_used"].tolist() == [12_000.0, 36_000.0, 2_690.0]
    assert cost["compensation"].tolist() == pytest.approx([72_000.0, 126_000.0, 5_380.0])
    assert cost["replacement"].tolist() == [72_000.0, 360_000.0, 13_800.0]
    assert cost["capped"].tolist() == [False, True, False]


def test_leavers_are_owed_compensation_only_by_the_routes_article_46_names(fresh_db):
    # Labour Contract Law art. 46 / DOMAIN §7: a lay-off (art. 41) and an incompetence dismissal (art. 40)
    # owe compensation; the employee's own resignation (art. 37) and a dismissal for misconduct (art. 39) none.
    fresh_db.upsert("employees", pd.DataFrame({
        "employee_id": ["L", "P", "R", "M", "X"], "name_en": list("LPRMX"),
        "hire_date": pd.to_datetime(["2020-01-01"] * 5),
        "exit_date": pd.to_datetime(["2023-12-31", "2024-03-31", "2024-06-30", "2024-06-30", "2022-01-31"]),
        "status": ["left"] * 5, "exit_type": ["involuntary", "involuntary", "voluntary", "involuntary", "voluntary"],
        "exit_reason": ["restructuring", "performance", "career", "misconduct", "pay"],
        "base_pay": [9_000.0] * 5, "target_bonus": [1_000.0] * 5}))
    out = watchlist.leaver_costs(fresh_db, date(2024, 8, 31), local_avg_wage=12_000, local_min_wage=2_690)
    out = out.set_index("employee_id")
    assert set(out.index) == {"L", "P", "R", "M"}  # X left more than a year before
    assert out["route"].to_dict() == {"L": "layoff", "P": "no_fault", "R": "resignation", "M": "misconduct"}
    # L: 2020-01-01 to 2023-12-31, 4 years -> N = 4 at 9,000 + 1,000 = 10,000 -> 40,000.
    # P: to 2024-03-31, 4 years 3 months -> N = 4.5 -> 45,000.  R and M: nothing owed.
    assert out["compensation"].to_dict() == {"L": 40_000.0, "P": 45_000.0, "R": 0.0, "M": 0.0}
    assert out["owed"].to_dict() == {"L": True, "P": True, "R": False, "M": False}


def test_settings_out_of_range_are_refused_and_not_saved(fresh_db):
    with pytest.raises(ValueError, match="high_risk"):
        watchlist.save_settings(fresh_db, {"high_risk": 0})
    assert watchlist.load_settings(fresh_db) == watchlist.default_settings()


def test_a_handover_checklist_follows_the_seed_and_is_created_once(fresh_db):
    fresh_db.upsert("employees", _employees([{"employee_id": "A", "hire_date": date(2020, 1, 1), "status": "left",
                                              "exit_date": date(2026, 10, 31)},
                                             {"employee_id": "R1", "hire_date": date(2020, 1, 1)},
                                             {"employee_id": "R2", "hire_date": date(2020, 1, 1)}]))
    n = watchlist.start_handover(fresh_db, "A", "R1", "R2", "M", date(2026, 10, 31), start=date(2026, 10, 1),
                                 hr_owner_id="HR")
    tasks = fresh_db.query("SELECT * FROM handover_tasks ORDER BY task_id")
    # Seed 001's lists, counted by hand: 8 things the leaver completes (knowledge and skills, workflows, done
    # and open work, improvements, core information, telling clients, tacit rules, the confidentiality and
    # non-compete agreements) and 9 of HR's process (name the successor, two or more receivers, the critical
    # knowledge written down, the plan with the company's commitments, staged reviews, a session led by the
    # leaver, mentoring, visiting clients with the receiver, a contact channel): 17.  Naming the successor and
    # the receivers is one item, telling and visiting clients one, the plan and the commitments two: 16; with
    # documents and passwords handed over and the final review: 18.
    assert n == len(tasks) == len(watchlist.CHECKLIST) == 18
    items = " ".join(tasks["item"])
    for words in ("confidentiality and non-compete", "tacit rules", "key contacts", "Lead an internal session",
                  "at least one more receiver", "stage goals", "mentoring period", "contact channel",
                  "company commits to", "knowledge and skills the post needs", "保密协议与竞业限制", "隐性规则",
                  "师徒", "沟通渠道", "公司承诺", "阶段性评估"):
        assert words in items, words
    assert set(tasks["category"]) == {"knowledge", "process", "open_work", "clients", "successor", "review",
                                      "agreements", "commitments", "after_exit"}
    assert set(tasks["receiver_id"]) == {"R1"} and set(tasks["second_receiver_id"]) == {"R2"}
    # Owners: the leaver does the knowledge work, HR the agreements, commitments and the contact channel.
    owner = tasks.set_index("category")["owner_id"]
    assert set(owner[["knowledge", "process", "open_work", "clients"]]) == {"A"}
    assert set(owner[["agreements", "commitments"]]) == {"HR"} and set(owner["review"]) == {"M"}
    # Staged reviews, 1 Oct to 31 Oct (30 days) in thirds: first by 11 Oct, second by 21 Oct, final 31 Oct.
    due = tasks.groupby("stage")["due_date"].agg(set).map(lambda d: {pd.Timestamp(x).date() for x in d})
    assert due.to_dict() == {"first": {date(2026, 10, 11)}, "second": {date(2026, 10, 21)},
                             "final": {date(2026, 10, 31)}}
    assert not tasks["done"].any()
    with pytest.raises(ValueError, match="A already has a handover checklist") as again:
        watchlist.start_handover(fresh_db, "A", "R1", "R2", "M", date(2026, 10, 10))
    assert problem_text(again.value, "zh") == "工号：A 已有交接清单"  # the page's words, in Chinese
    watchlist.mark_done(fresh_db, tasks["task_id"][:3].tolist(), True, AS_OF)
    progress = watchlist.handovers(fresh_db).iloc[0]
    assert (progress["items"], progress["done"]) == (len(tasks), 3)
    assert progress["progress"] == pytest.approx(3 / len(tasks))


def test_a_retention_action_needs_a_known_person_and_a_known_kind(fresh_db):
    fresh_db.upsert("employees", _employees([{"employee_id": "A", "hire_date": date(2020, 1, 1)}]))
    with pytest.raises(ValueError, match="employee_id"):
        watchlist.record_action(fresh_db, "nobody", "retention_talk", AS_OF, None, None)
    with pytest.raises(ValueError, match="kind"):
        watchlist.record_action(fresh_db, "A", "bribe", AS_OF, None, None)
    assert fresh_db.count("retention_actions") == 0
    first = watchlist.record_action(fresh_db, "A", "retention_talk", AS_OF, "M", "talked about the path")
    second = watchlist.record_action(fresh_db, "A", "pay_review", AS_OF, "M", None)
    assert (first, second) == ("RA000001", "RA000002")


def test_successor_coverage_counts_key_people_named_and_ready():
    frame = pd.DataFrame({"key_talent": [True, True, False, False], "key_knowledge": [None, None, True, None],
                          "successor_id": ["S1", None, "S3", None],
                          "successor_ready": ["ready_now", None, "not_ready", None]})
    cover = watchlist.successor_coverage(frame)
    assert (cover.people, cover.named, cover.ready_now) == (3, 2, 1)
    assert np.isfinite(cover.people)


def test_pay_below_the_low_compa_ratio_is_a_signal_and_an_unplaced_person_has_none(fresh_db):
    fresh_db.upsert("employees", _employees([{"employee_id": e, "hire_date": date(2024, 1, 1)} for e in "ABC"]))
    placed = pd.Series({"A": 0.79, "B": 0.8})  # C has no place in the structure
    people = watchlist.people(fresh_db, AS_OF, {"low_cr": 0.8}, compa_ratios=placed).set_index("employee_id")
    assert people.loc["A", "compa_ratio"] == 0.79 and pd.isna(people.loc["C", "compa_ratio"])
    assert people["low_cr"].to_dict() == {"A": True, "B": False, "C": False}
    assert people["score"].to_dict() == {"A": watchlist.SIGNAL_POINTS["low_cr"], "B": 0, "C": 0}


def test_no_promotion_needs_a_promotion_history_to_fire(fresh_db):
    # Employees alone: ten years of service and no event tells nothing about promotions, so no signal.
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["A", "B"], "hire_date": pd.to_datetime(
        ["2014-01-06", "2015-03-02"])}))
    assert not watchlist.people(fresh_db, date(2024, 6, 30))["no_promotion"].any()
    # One promotion on file (B's, in 2023): the history is there, and A, never promoted in ten years, is stalled.
    fresh_db.upsert("employee_events", pd.DataFrame({"event_id": ["P1"], "employee_id": ["B"], "event_type": [
        "promotion"], "event_date": pd.to_datetime(["2023-04-01"])}))
    flagged = watchlist.people(fresh_db, date(2024, 6, 30)).set_index("employee_id")["no_promotion"]
    assert flagged.to_dict() == {"A": True, "B": False}


def test_a_group_departure_risk_is_flagged_when_several_of_one_team_or_manager_are_at_high_risk():
    # Seed 001 (集体跳槽): a team whose people leave together.  D1 (manager M1): 4 people, 3 at 40 or more ->
    # 3 of 4 = 75 %, flagged for the department and for M1.  D2 (M2): 2 of 8 at high risk, too few.  D3 (M3,
    # M4): 3 of 20 at high risk = 15 %, under a quarter; M3's 3 of its 5 are 60 %: flagged for M3 alone.
    frame = pd.DataFrame({
        "department_id": ["D1"] * 4 + ["D2"] * 8 + ["D3"] * 20,
        "manager_id": ["M1"] * 4 + ["M2"] * 8 + ["M3"] * 5 + ["M4"] * 15,
        "score": [60, 45, 40, 35] + [60, 60] + [0] * 6 + [50, 50, 50, 0, 0] + [0] * 15,
        "key_talent": [True, False, True, True] + [False] * 28})
    groups = watchlist.group_risks(frame, high_risk=40)
    assert groups[["kind", "group", "people", "high", "key"]].values.tolist() == [
        ["department", "D1", 4, 3, 2], ["manager", "M1", 4, 3, 2], ["manager", "M3", 5, 3, 0]]
    assert groups["share"].tolist() == pytest.approx([0.75, 0.75, 0.6])


def test_leavers_of_the_last_year_are_reminded_of_the_one_year_arbitration_limit(fresh_db):
    # Labour Dispute Mediation and Arbitration Law art. 27 (DOMAIN §7): one year.  As of 31 Aug 2024: A left
    # 30 Sep 2023 -> claim by 30 Sep 2024, 30 days left; B left 29 Feb 2024 -> 28 Feb 2025, 181 days left
    # (from 31 Aug 2024: 30 + 31 + 30 + 31 + 31 + 28 = 181); C left 31 Aug 2023: today is the last day, 0 left;
    # D left 30 Aug 2023: the year ran out yesterday.
    fresh_db.upsert("employees", _employees([
        {"employee_id": "A", "hire_date": date(2020, 1, 1), "status": "left", "exit_date": date(2023, 9, 30)},
        {"employee_id": "B", "hire_date": date(2020, 1, 1), "status": "left", "exit_date": date(2024, 2, 29)},
        {"employee_id": "C", "hire_date": date(2020, 1, 1), "status": "left", "exit_date": date(2023, 8, 31)},
        {"employee_id": "D", "hire_date": date(2020, 1, 1), "status": "left", "exit_date": date(2023, 8, 30)}]))
    reminders = watchlist.arbitration_reminders(fresh_db, date(2024, 8, 31)).set_index("employee_id")
    assert reminders["claim_by"].to_dict() == {"C": date(2024, 8, 31), "A": date(2024, 9, 30),
                                               "B": date(2025, 2, 28)}
    assert reminders["days_left"].to_dict() == {"C": 0, "A": 30, "B": 181}


def test_leavers_whose_file_gives_no_exit_reason_or_type_have_no_route_and_nothing_decided(fresh_db):
    # An employee extract alone (no reasons, no types): the route cannot be told, so neither can what is owed.
    fresh_db.upsert("employees", pd.DataFrame({
        "employee_id": ["A", "B"], "status": ["left", "left"], "base_pay": [8_000.0, 9_000.0],
        "hire_date": pd.to_datetime(["2015-01-05", "2018-03-01"]),
        "exit_date": pd.to_datetime(["2024-03-31", "2024-05-31"])}))
    costs = watchlist.leaver_costs(fresh_db, date(2024, 6, 30), local_avg_wage=12_000)
    assert len(costs) == 2
    assert all(not isinstance(r, str) for r in costs["route"]) and costs["owed"].isna().all()
