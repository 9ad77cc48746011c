"""KPI results and actuals through the mapping every import takes (issue 28 items 6 and 7): imported totals are
shown as imported, ratings are the configured bands or mapped onto them, actuals come in under any headings."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hrcore import kpi
from hrcore.imports import import_file, plan_import, read_file
from hrcore.store import Store

CARDS = ("scorecard_id,owner_type,owner_id,period,total_score,rating\n"
         "2025-E1,employee,E1,2025,104.5,B\n")


def cards_file(*rows: str) -> bytes:
    return ("scorecard_id,owner_type,owner_id,period,total_score,rating\n" + "".join(r + "\n" for r in rows)).encode()


@pytest.fixture
def people(fresh_db) -> Store:
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["E1", "E2", "E3"]}))
    return fresh_db


def card_shown(store: Store, scorecard_id: str) -> kpi.Scored:
    head, lines = kpi.card(store, scorecard_id)
    return kpi.shown_result(head, lines, kpi.directions(store), kpi.bounded_shares(store))


# -- item 7: imported totals are shown as imported ---------------------------------------------------------------
def test_a_card_imported_with_a_total_and_a_rating_and_no_lines_shows_them_as_imported(people):
    report = import_file(people, "scorecards", CARDS.encode(), "results.csv")
    assert report.written
    shown = card_shown(people, "2025-E1")
    # The file's own figures (row 2: 104.5, B), not the 0.0 and D an empty set of lines would score.
    assert (shown.total, shown.rating, shown.imported) == (104.5, "B", True)
    assert shown.problems == [] and shown.lines.empty


def test_a_card_given_a_total_and_no_status_is_stored_as_scored_and_the_summary_says_so(people):
    report = import_file(people, "scorecards", CARDS.encode(), "results.csv")
    assert dict(report.notes)["scored_status"] == {"n": 1}
    assert people.query("SELECT status FROM scorecards")["status"].tolist() == ["scored"]
    # A card without a total keeps the status it has (a new one: draft).
    import_file(people, "scorecards", b"scorecard_id,owner_type,owner_id,period\n2025-E2,employee,E2,2025\n", "c.csv")
    assert people.query("SELECT status FROM scorecards WHERE scorecard_id = '2025-E2'")["status"].item() == "draft"


def test_an_empty_card_shows_no_total_rather_than_0_and_d(people):
    import_file(people, "scorecards", b"scorecard_id,owner_type,owner_id,period\n2025-E2,employee,E2,2025\n", "c.csv")
    shown = card_shown(people, "2025-E2")
    assert math.isnan(shown.total) and shown.rating is None and not shown.imported


def test_a_card_with_lines_is_still_scored_from_its_lines(people):
    import_file(people, "scorecards", CARDS.encode(), "results.csv")
    people.upsert("kpi_indicators", pd.DataFrame({"indicator_id": ["sales"], "higher_is_better": [True]}))
    people.upsert("scorecard_lines", pd.DataFrame({"scorecard_id": ["2025-E1"], "indicator_id": ["sales"],
                                                   "weight": [1.0], "target": [1200.0], "actual": [1140.0],
                                                   "rule": ["linear"]}))
    shown = card_shown(people, "2025-E1")
    # 1,140 / 1,200 = 0.95: 100 + 5 × (0.95 − 1) × 100 = 75, below C's 80: a D.
    assert (shown.total, shown.rating, shown.imported) == (75.0, "D", False)


# -- ratings are the configured bands, or mapped onto them -------------------------------------------------------
def test_a_rating_outside_the_bands_is_refused_naming_row_column_and_reason(people):
    report = import_file(people, "scorecards", cards_file("2025-E1,employee,E1,2025,104.5,B",
                                                          "2025-E2,employee,E2,2025,120,Excellent"), "results.csv")
    assert report.problems[["row", "column", "value"]].values.tolist() == [[3, "rating", "Excellent"]]
    assert report.problems["reason"].item() == "not one of: A, B, C, D (translate values in the mapping)"
    assert not report.written and people.count("scorecards") == 0


def test_rating_words_translated_in_the_mapping_and_any_case_are_stored_as_their_band(people):
    data = cards_file("2025-E1,employee,E1,2025,112,优秀", "2025-E2,employee,E2,2025,96,良好",
                      "2025-E3,employee,E3,2025,85,c")
    mapping = {"columns": {c: c for c in ["scorecard_id", "owner_type", "owner_id", "period", "total_score",
                                          "rating"]},
               "values": {"rating": {"优秀": "A", "良好": "B"}}}
    report = import_file(people, "scorecards", data, "results.csv", mapping)
    assert report.written
    ratings = people.query("SELECT scorecard_id, rating FROM scorecards ORDER BY 1")["rating"].tolist()
    assert ratings == ["A", "B", "C"]


def test_the_bands_are_those_configured_in_the_settings(people):
    kpi.save_settings(people, {**kpi.load_settings(people), "ratings": [["S", 120.0], ["A", 100.0], ["B", 80.0]]})
    report = import_file(people, "scorecards", cards_file("2025-E1,employee,E1,2025,125,S",
                                                          "2025-E2,employee,E2,2025,90,C"), "results.csv")
    # S, A, B and the lowest rating D are the bands now: C is not one.
    assert report.problems[["row", "column", "reason"]].values.tolist() == [
        [3, "rating", "not one of: S, A, B, D (translate values in the mapping)"]]


def test_a_rating_other_than_the_band_of_its_total_is_kept_as_imported_and_noted(people):
    report = import_file(people, "scorecards", cards_file("2025-E1,employee,E1,2025,96,A"), "results.csv")
    # 96 is a B by the default bands (A ≥ 110 > B ≥ 95): a calibrated A is kept, and the summary says so.
    assert report.written
    assert dict(report.notes)["rating_differs"] == {"n": 1, "row": 2, "total": "96", "rating": "A", "band": "B"}
    assert people.query("SELECT rating FROM scorecards")["rating"].item() == "A"


# -- item 6: actuals through the same mapping --------------------------------------------------------------------
@pytest.fixture
def open_card(people) -> Store:
    people.upsert("kpi_indicators", pd.DataFrame({"indicator_id": ["sales", "profit"]}))
    people.upsert("scorecards", pd.DataFrame({"scorecard_id": ["2025-E1"], "owner_type": ["employee"],
                                              "owner_id": ["E1"], "period": ["2025"], "status": ["draft"],
                                              "revision": [3]}))
    people.upsert("scorecard_lines", pd.DataFrame({"scorecard_id": "2025-E1", "indicator_id": ["sales", "profit"],
                                                   "weight": [0.6, 0.4], "target": [1200.0, 300.0],
                                                   "rule": "linear"}))
    return people


def test_actuals_under_chinese_headings_write_the_actual_and_nothing_else(open_card):
    data = "考核表,指标,目标值,完成值\n2025-E1,sales,9999,\"1,140\"\n2025-E1,profit,9999,315\n".encode()
    written, problems = kpi.import_actuals(open_card, read_file(data, "实际值.csv").frame)
    assert (written, len(problems)) == (2, 0)
    lines = open_card.query("SELECT indicator_id, target, actual FROM scorecard_lines ORDER BY 1")
    # The actuals as written (1,140 with its thousands separator); the file's 9999 targets are not read.
    assert lines.values.tolist() == [["profit", 300.0, 315.0], ["sales", 1200.0, 1140.0]]
    # A card open in an editor since revision 3 is out of date: its save must not overwrite these actuals.
    assert open_card.query("SELECT revision FROM scorecards")["revision"].item() == 4


def test_an_actuals_plan_reports_as_every_import_does(open_card):
    raw = read_file(b"scorecard_id,indicator_id,actual\n2025-E1,sales,1140\n2025-E1,travel,5\n", "a.csv").frame
    plan = kpi.plan_actuals(open_card, raw)
    assert plan.problems[["row", "column", "value", "reason"]].values.tolist() == [
        [3, "indicator_id", "travel", "no such line on that card"]]


def test_lines_of_a_scored_card_imported_again_unchanged_pass_and_changed_are_refused(open_card):
    open_card.upsert("scorecards", pd.DataFrame({"scorecard_id": ["2025-E1"], "status": ["scored"]}))
    exported = ("scorecard_id,indicator_id,weight,target,rule\n"
                "2025-E1,sales,0.6,1200,linear\n2025-E1,profit,0.4,300,linear\n")
    raw = read_file(exported.encode(), "lines.csv").frame
    identity = {"columns": {c: c for c in raw.columns}}
    plan = plan_import(open_card, "scorecard_lines", raw, identity)
    assert plan.ok and plan.counts.unchanged == 2          # a backup written back changes nothing
    raw = read_file(exported.replace("0.4,300", "0.4,350").encode(), "lines.csv").frame
    plan = plan_import(open_card, "scorecard_lines", raw, identity)
    assert plan.problems[["row", "column", "reason"]].values.tolist() == [
        [3, "scorecard_id", "the card is scored already"]]
