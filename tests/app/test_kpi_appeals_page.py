"""Coaching notes and performance appeals on the KPI page's card, driven through Streamlit's AppTest (seed 003: HR
receives the appeals of staff at every level; the appraiser keeps dated coaching notes during the period)."""

from __future__ import annotations

import pandas as pd

from hrcore.access import User
from hrcore.demo import personas
from hrcore.store import open_store
from tests.app.conftest import app

PAGE = "views/kpi.py"


def scored_card(db) -> pd.Series:
    """A scored employee card of the latest period with scored cards, no appeal and no coaching note yet."""
    return db.query(
        "SELECT c.scorecard_id, c.period, c.owner_id, e.department_id, c.total_score FROM scorecards c "
        "JOIN employees e ON e.employee_id = c.owner_id WHERE c.status = 'scored' AND c.owner_type = 'employee' "
        "AND c.scorecard_id NOT IN (SELECT scorecard_id FROM kpi_appeals) "
        "AND c.scorecard_id NOT IN (SELECT scorecard_id FROM kpi_coaching_notes) "
        "ORDER BY c.period DESC, c.scorecard_id LIMIT 1").iloc[0]


def show(at, card: pd.Series):
    at.selectbox(key="kpi_period").set_value(card["period"]).run()
    at.selectbox(key="kpi_dept").set_value(card["department_id"]).run()
    at.selectbox(key="kpi_card").set_value(card["scorecard_id"]).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_hr_files_an_appeal_on_a_scored_card_and_upholds_it_with_a_reason(demo_db):
    db = open_store(demo_db)
    card = scored_card(db)
    at = show(app(PAGE), card)  # the demo's admin: HR, who files on the appraisee's behalf and decides
    scorecard_id = card["scorecard_id"]
    at.text_area(key=f"kpi_appeal_grounds_{scorecard_id}").input("The order of 29 September is missing")
    button(at, "File the appeal").click().run()
    appeal = db.query("SELECT * FROM kpi_appeals WHERE scorecard_id = ?", [scorecard_id]).iloc[0]
    assert [appeal["status"], appeal["grounds"], appeal["appealed_total"]] == \
        ["pending", "The order of 29 September is missing", card["total_score"]]
    assert f"Appeal {appeal['appeal_id']} filed" in at.success[0].value

    # No reason: refused, nothing changes.
    at.radio(key=f"kpi_appeal_outcome_{scorecard_id}").set_value("upheld")
    button(at, "Record the decision").click().run()
    assert any("a decision needs its reason" in e.value for e in at.error)
    assert db.query("SELECT status FROM kpi_appeals WHERE scorecard_id = ?", [scorecard_id])["status"].tolist() == \
        ["pending"]

    at.text_area(key=f"kpi_appeal_reason_{scorecard_id}").input("Booked on 29 September, confirmed by Finance")
    button(at, "Record the decision").click().run()
    assert not at.exception
    decided = db.query("SELECT status, reason, decided_by FROM kpi_appeals WHERE scorecard_id = ?",
                       [scorecard_id]).iloc[0].tolist()
    hr_director = personas(db)["hr_director"].user.label  # the demo's visitor, as they start
    assert decided == ["upheld", "Booked on 29 September, confirmed by Finance", hr_director]
    assert db.query("SELECT status FROM scorecards WHERE scorecard_id = ?", [scorecard_id])["status"][0] == "draft"
    assert "back to draft" in at.success[0].value
    table = next(d.value for d in at.dataframe if {"grounds", "reason"} <= set(d.value.columns))
    assert table[["status", "reason"]].values.tolist() == [["Upheld", "Booked on 29 September, confirmed by Finance"]]


def test_a_coaching_note_is_added_within_the_period_and_listed_first(demo_db):
    from hrcore.kpi_appeals import period_end
    from hrcore.dates import period_start

    db = open_store(demo_db)
    card = scored_card(db)
    scorecard_id = card["scorecard_id"]
    at = show(app(PAGE), card)
    assert "No coaching notes on this card yet." in [c.value for c in at.caption]
    first, last = period_start(card["period"]), period_end(card["period"])
    for day, text in ((first, "Targets agreed <b>face to face</b>"), (last, "Pipeline reviewed")):
        at.date_input(key=f"kpi_note_day_{scorecard_id}").set_value(day)
        at.text_area(key=f"kpi_note_text_{scorecard_id}").input(text)
        button(at, "Add the note").click().run()
        assert not at.exception and "Coaching note" in at.success[0].value
    notes = next(d.value for d in at.dataframe if "follow_up" in d.value.columns)
    # Newest conversation first; the text as typed (a data frame renders no HTML).
    assert notes["note"].tolist() == ["Pipeline reviewed", "Targets agreed <b>face to face</b>"]
    assert db.query("SELECT author FROM kpi_coaching_notes WHERE scorecard_id = ?",
                    [scorecard_id])["author"].unique().tolist() == [personas(db)["hr_director"].user.label]


def test_the_appraisee_files_their_own_appeal_but_sees_no_decision_form(demo_db):
    db = open_store(demo_db)
    card = scored_card(db)
    me = User("appraisee", "manager", card["department_id"], "The Appraisee", employee_id=card["owner_id"])
    at = show(app(PAGE, user=me), card)
    scorecard_id = card["scorecard_id"]
    assert not any(b.label == "Add the note" for b in at.button)  # their notes are written by someone else
    at.text_area(key=f"kpi_appeal_grounds_{scorecard_id}").input("My September orders are missing")
    button(at, "File the appeal").click().run()
    filed = db.query("SELECT filed_by, status FROM kpi_appeals WHERE scorecard_id = ?", [scorecard_id])
    assert filed.values.tolist() == [["The Appraisee", "pending"]]
    assert not any(b.label == "Record the decision" for b in at.button)
    assert any("is pending: HR decides it" in i.value for i in at.info)


def test_the_appeal_part_speaks_chinese(demo_db):
    db = open_store(demo_db)
    card = scored_card(db)
    at = show(app(PAGE, lang="zh"), card)
    assert {"绩效辅导记录", "绩效申诉"} <= {m.value.strip("*") for m in at.markdown}
    assert any(b.label == "提交申诉" for b in at.button)


def test_hr_opens_a_pending_appeals_card_from_the_list(demo_db):
    db = open_store(demo_db)
    pending = db.query("SELECT a.appeal_id, a.scorecard_id FROM kpi_appeals a WHERE a.status = 'pending'").iloc[0]
    at = app(PAGE)
    at.selectbox(key="kpi_pending_appeal").set_value(pending["appeal_id"]).run()
    button(at, "Go to the appealed card").click().run()
    assert not at.exception
    assert at.selectbox(key="kpi_card").value == pending["scorecard_id"]
    assert any(b.label == "Record the decision" for b in at.button)  # the demo's admin decides it


def test_an_appeal_without_grounds_is_refused_in_chinese_on_a_chinese_page(demo_db):
    db = open_store(demo_db)
    card = scored_card(db)
    at = show(app(PAGE, lang="zh"), card)
    button(at, "提交申诉").click().run()
    refusals = [e.value for e in at.error]
    # The refusal's text from the catalogue (problem.appeal_no_grounds), its field named in Chinese, no English.
    assert refusals == ["未保存：申诉理由：申诉须写明理由（结果哪里有误、为什么）"]
    assert db.query("SELECT count(*) AS n FROM kpi_appeals WHERE scorecard_id = ?",
                    [card["scorecard_id"]])["n"][0] == 0
