"""Performance appeals against KPI scorecards and coaching notes on them (hrcore.kpi_appeals; seed 003: HR receives
the appeals of staff at every level, and the appraiser keeps a dated record of coaching during the period)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from hrcore import audit, kpi_appeals
from hrcore.access import User
from hrcore.store import ConflictError

APPRAISEE = User("wang.fang", "manager", "D1", "Wang Fang", employee_id="E1")
APPRAISER = User("li.lei", "manager", "D1", "Li Lei", employee_id="M1")
HR = User("zhao.min", "hr_analyst", None, "Zhao Min", employee_id="H1")
HR_TOO = User("sun.li", "hr_analyst", None, "Sun Li", employee_id="H2")
FILED, DECIDED = date(2026, 10, 25), date(2026, 10, 28)


@pytest.fixture
def db(fresh_db):
    """One department: Wang Fang (E1) and Chen Jie (E2) appraised by Li Lei (M1); HR: Zhao Min, Sun Li (H1, H2).
    E1's 2026Q3 card is scored (82.5, C) on 20 October; E2's is a draft."""
    fresh_db.upsert("departments", pd.DataFrame({"department_id": ["D1", "HR"], "head_id": ["M1", "H1"]}))
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["E1", "E2", "M1", "H1", "H2"],
                                               "department_id": ["D1", "D1", "D1", "HR", "HR"]}))
    fresh_db.upsert("scorecards", pd.DataFrame({
        "scorecard_id": ["2026Q3-E1", "2026Q3-E2"], "owner_type": "employee", "owner_id": ["E1", "E2"],
        "period": "2026Q3", "appraiser_id": "M1", "status": ["scored", "draft"], "total_score": [82.5, None],
        "rating": ["C", None], "updated_at": [datetime(2026, 10, 20, 17), datetime(2026, 9, 1, 9)],
        "revision": [1, 0]}))
    return fresh_db


def card(db, scorecard_id="2026Q3-E1") -> pd.Series:
    return db.query("SELECT * FROM scorecards WHERE scorecard_id = ?", [scorecard_id]).iloc[0]


def test_only_a_scored_card_can_be_appealed(db):
    with pytest.raises(PermissionError, match="only a scored card"):
        kpi_appeals.file_appeal(db.as_user(HR), "2026Q3-E2", "not scored yet", FILED)
    assert db.count("kpi_appeals") == 0


def test_the_appraisee_or_hr_files_an_appeal_and_nobody_else(db):
    with pytest.raises(PermissionError, match="only the appraisee or HR"):
        kpi_appeals.file_appeal(db.as_user(APPRAISER), "2026Q3-E1", "on their behalf", FILED)
    assert db.count("kpi_appeals") == 0
    appeal = kpi_appeals.file_appeal(db.as_user(APPRAISEE), "2026Q3-E1", "A late order counts in October", FILED)
    row = kpi_appeals.appeals(db, "2026Q3-E1").iloc[0]
    # The result appealed (82.5, C) is kept with the appeal, filed by the signed-in account.
    assert [row["appeal_id"], row["filed_by"], row["status"], row["appealed_total"], row["appealed_rating"]] == \
        [appeal, "Wang Fang", "pending", 82.5, "C"]


def test_an_appeal_needs_its_grounds(db):
    with pytest.raises(ValueError, match="grounds"):
        kpi_appeals.file_appeal(db.as_user(HR), "2026Q3-E1", "   ", FILED)
    assert db.count("kpi_appeals") == 0


def test_a_card_has_one_open_appeal_at_a_time(db):
    first = kpi_appeals.file_appeal(db.as_user(APPRAISEE), "2026Q3-E1", "first", FILED)
    with pytest.raises(ValueError, match=f"pending already \\({first}\\)"):
        kpi_appeals.file_appeal(db.as_user(HR), "2026Q3-E1", "second", FILED)
    kpi_appeals.decide_appeal(db.as_user(HR), first, "rejected", "The targets were agreed in July", DECIDED)
    second = kpi_appeals.file_appeal(db.as_user(APPRAISEE), "2026Q3-E1", "new evidence", FILED)
    assert kpi_appeals.appeals(db, "2026Q3-E1")["appeal_id"].tolist() == [second, first]


def test_a_decision_needs_a_reason_and_changes_nothing_without_one(db):
    appeal = kpi_appeals.file_appeal(db.as_user(APPRAISEE), "2026Q3-E1", "grounds", FILED)
    with pytest.raises(ValueError, match="reason"):
        kpi_appeals.decide_appeal(db.as_user(HR), appeal, "upheld", "", DECIDED)
    assert kpi_appeals.appeals(db)["status"].tolist() == ["pending"]
    assert card(db)["status"] == "scored"


def test_an_upheld_appeal_sends_the_card_back_to_draft_once_and_a_second_decision_is_refused(db):
    appeal = kpi_appeals.file_appeal(db.as_user(APPRAISEE), "2026Q3-E1", "grounds", FILED)
    kpi_appeals.decide_appeal(db.as_user(HR), appeal, "upheld", "The order was booked on 29 September", DECIDED)
    decided = kpi_appeals.appeals(db).iloc[0]
    assert [decided["status"], decided["decided_by"], decided["decided_on"].date(), decided["reason"]] == \
        ["upheld", "Zhao Min", DECIDED, "The order was booked on 29 September"]
    head = card(db)
    assert head["status"] == "draft" and pd.isna(head["total_score"]) and pd.isna(head["rating"])
    assert head["revision"] == 2  # an open editor of the old result is told the card changed
    with pytest.raises(ValueError, match="decided already \\(upheld\\)"):
        kpi_appeals.decide_appeal(db.as_user(HR_TOO), appeal, "rejected", "second thoughts", DECIDED)
    assert kpi_appeals.appeals(db)["status"].tolist() == ["upheld"]


def test_a_rejected_appeal_leaves_the_card_scored(db):
    appeal = kpi_appeals.file_appeal(db.as_user(HR), "2026Q3-E1", "grounds", FILED)
    kpi_appeals.decide_appeal(db.as_user(HR_TOO), appeal, "rejected", "The targets were agreed in July", DECIDED)
    assert card(db)[["status", "total_score", "rating"]].tolist() == ["scored", 82.5, "C"]


def test_of_two_people_deciding_at_once_the_second_is_refused(db, monkeypatch):
    appeal = kpi_appeals.file_appeal(db.as_user(APPRAISEE), "2026Q3-E1", "grounds", FILED)
    second = db.as_user(HR_TOO)
    read = second.query
    # The second decider read the appeal while it was still pending, before the first decision was saved.
    monkeypatch.setattr(second, "query", lambda sql, params=None: pd.DataFrame(
        {"scorecard_id": ["2026Q3-E1"], "status": ["pending"]}) if "FROM kpi_appeals" in sql else read(sql, params))
    kpi_appeals.decide_appeal(db.as_user(HR), appeal, "rejected", "first decision", DECIDED)
    with pytest.raises(ConflictError, match="decided by someone else"):
        kpi_appeals.decide_appeal(second, appeal, "upheld", "second decision", DECIDED)
    assert kpi_appeals.appeals(db)[["status", "reason"]].values.tolist() == [["rejected", "first decision"]]
    assert card(db)["status"] == "scored"


@pytest.mark.parametrize("who, why", [(APPRAISER, "only HR decides"),
                                      (User("hr.e1", "hr_analyst", employee_id="E1"), "your own card"),
                                      (User("hr.m1", "hr_analyst", employee_id="M1"), "appraiser who scored")])
def test_only_hr_decides_and_never_on_their_own_card_or_one_they_appraise(db, who, why):
    appeal = kpi_appeals.file_appeal(db.as_user(HR), "2026Q3-E1", "grounds", FILED)
    with pytest.raises(PermissionError, match=why):
        kpi_appeals.decide_appeal(db.as_user(who), appeal, "upheld", "a reason", DECIDED)
    assert kpi_appeals.appeals(db)["status"].tolist() == ["pending"]


def test_filing_and_deciding_are_in_the_audit_trail_under_the_signed_in_accounts(db):
    appeal = kpi_appeals.file_appeal(db.as_user(APPRAISEE), "2026Q3-E1", "grounds", FILED)
    kpi_appeals.decide_appeal(db.as_user(HR), appeal, "upheld", "a reason", DECIDED)
    trail = audit.search(db, table="kpi_appeals").sort_values("entry_id")
    assert trail[["actor", "action", "operation", "row"]].values.tolist() == [
        ["wang.fang", "kpi_appeals.file_appeal", "insert", appeal],
        ["zhao.min", "kpi_appeals.decide_appeal", "update", appeal]]
    reopened = audit.search(db, table="scorecards", actor="zhao.min")
    assert reopened[["action", "row"]].values.tolist() == [["kpi_appeals.decide_appeal", "2026Q3-E1"]]
    assert "status" in reopened["changed"].iloc[0]


def test_a_coaching_note_is_dated_within_the_period_or_until_the_card_is_scored(db):
    writer = db.as_user(APPRAISER)
    today = date(2026, 12, 7)
    # 2026Q3 runs 1 July to 30 September; E1's card was scored on 20 October: notes from 1 July to 20 October.
    for day in (date(2026, 6, 30), date(2026, 10, 21)):
        with pytest.raises(ValueError, match="outside the card's period 2026Q3.*from 2026-07-01 to 2026-10-20"):
            kpi_appeals.add_note(writer, "2026Q3-E1", day, "talk", today=today)
    first = kpi_appeals.add_note(writer, "2026Q3-E1", date(2026, 7, 1), "Targets agreed", today=today)
    last = kpi_appeals.add_note(writer, "2026Q3-E1", date(2026, 10, 20), "Result talked through",
                                follow_up="Check the order book weekly", today=today)
    middle = kpi_appeals.add_note(writer, "2026Q3-E1", date(2026, 8, 14), "Mid-quarter check", today=today)
    listed = kpi_appeals.notes(db, "2026Q3-E1")
    assert listed["note_id"].tolist() == [last, middle, first]  # newest conversation first
    assert listed[["author", "follow_up"]].iloc[0].tolist() == ["Li Lei", "Check the order book weekly"]


def test_a_draft_cards_notes_run_past_the_period_until_today_but_not_into_the_future(db):
    writer = db.as_user(HR)
    kpi_appeals.add_note(writer, "2026Q3-E2", date(2026, 10, 30), "Late actuals chased", today=date(2026, 11, 2))
    with pytest.raises(ValueError, match="to 2026-11-02"):
        kpi_appeals.add_note(writer, "2026Q3-E2", date(2026, 11, 3), "tomorrow's talk", today=date(2026, 11, 2))
    assert len(kpi_appeals.notes(db, "2026Q3-E2")) == 1


def test_a_note_needs_text_and_the_appraisee_does_not_write_their_own(db):
    with pytest.raises(ValueError, match="note"):
        kpi_appeals.add_note(db.as_user(APPRAISER), "2026Q3-E1", date(2026, 8, 1), " ", today=date(2026, 12, 7))
    with pytest.raises(PermissionError, match="your own card"):
        kpi_appeals.add_note(db.as_user(APPRAISEE), "2026Q3-E1", date(2026, 8, 1), "self", today=date(2026, 12, 7))
    assert db.count("kpi_coaching_notes") == 0


def test_a_note_is_in_the_audit_trail_under_its_author(db):
    note = kpi_appeals.add_note(db.as_user(APPRAISER), "2026Q3-E1", date(2026, 8, 1), "talk", today=date(2026, 12, 7))
    trail = audit.search(db, table="kpi_coaching_notes")
    assert trail[["actor", "action", "operation", "row"]].values.tolist() == [
        ["li.lei", "kpi_appeals.add_note", "insert", note]]


def test_a_manager_reads_the_appeals_and_notes_of_their_departments_cards_only(db):
    kpi_appeals.file_appeal(db.as_user(HR), "2026Q3-E1", "grounds", FILED)
    kpi_appeals.add_note(db.as_user(APPRAISER), "2026Q3-E1", date(2026, 8, 1), "talk", today=date(2026, 12, 7))
    outside = User("ma.chao", "manager", "HR", employee_id="H9")
    assert db.as_user(outside).count("kpi_appeals") == 0 and db.as_user(outside).count("kpi_coaching_notes") == 0
    assert db.as_user(APPRAISER).count("kpi_appeals") == 1


def test_the_demo_has_an_appeal_of_each_status_and_coaching_notes_inside_their_cards_periods():
    from hrcore.dates import period_start
    from hrcore.demo import DEFAULT_AS_OF, generate

    frames = generate(300, seed=5)
    cards = frames["scorecards"].set_index("scorecard_id")
    appeals, notes = frames["kpi_appeals"], frames["kpi_coaching_notes"]
    assert sorted(appeals["status"]) == ["pending", "rejected", "upheld"]
    on = cards.loc[appeals["scorecard_id"]]
    # Appeals are against scored employee cards (the upheld one was rescored after the decision), one per card.
    assert (on["owner_type"] == "employee").all() and (on["status"] == "scored").all()
    assert appeals["scorecard_id"].is_unique
    decided = appeals[appeals["status"] != "pending"]
    assert decided["reason"].notna().all() and (decided["decided_on"] >= decided["filed_on"]).all()
    assert (decided["decided_on"] <= DEFAULT_AS_OF).all()
    assert len(notes) >= 4
    for row in notes.itertuples(index=False):
        period = cards.at[row.scorecard_id, "period"]
        assert period_start(period) <= row.held_on <= kpi_appeals.period_end(period)


def test_appeal_and_note_refusals_read_in_chinese_with_their_values(db):
    from hrcore.errors import problem_text

    first = kpi_appeals.file_appeal(db.as_user(APPRAISEE), "2026Q3-E1", "first", FILED)
    with pytest.raises(ValueError, match="pending already") as pending:
        kpi_appeals.file_appeal(db.as_user(HR), "2026Q3-E1", "second", FILED)
    with pytest.raises(PermissionError, match="appraiser who scored") as appraiser:
        kpi_appeals.decide_appeal(db.as_user(User("li.hr", "hr_analyst", employee_id="M1")), first, "upheld",
                                  "I would like to", DECIDED)
    with pytest.raises(ValueError, match="outside the card's period") as early:
        kpi_appeals.add_note(db.as_user(APPRAISER), "2026Q3-E1", date(2026, 6, 30), "talk", today=date(2026, 12, 7))
    # The days of the window in Chinese (1 July, the day the card was scored: 20 October), not ISO dates.
    assert [problem_text(e.value, "zh") for e in (pending, appraiser, early)] == [
        f"考核表：2026Q3-E1 已有待处理的申诉（{first}）；处理完毕前不能再次申诉",
        "申诉：评分的考核者不能处理针对该考核表的申诉",
        "辅导日期：2026年6月30日 不在考核表的考核期 2026Q3 内：辅导记录的日期须在 2026年7月1日 至 2026年10月20日 之间"]
