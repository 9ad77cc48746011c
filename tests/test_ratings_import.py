"""360 ratings as survey tools export them (issue 28 item 6): timestamps, missing answers, relationship labels and
repeats, through the mapping every import takes, on the library, the Competencies import and the command line.

The file is ``tests/data/survey_360_long.csv`` (synthetic; its rows are listed in tests/data/README.md): 39
answers in rows 2-40, people P01-P08, items comm, team and drive of one model, review 2025H2.  Every expected
number below is worked out from that file by hand, as the comments say.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hrcore import competency, imports
from hrcore.__main__ import main
from hrcore.ratings_import import group_of
from hrcore.store import Store
from tests.conftest import ROOT

SURVEY = ROOT / "tests" / "data" / "survey_360_long.csv"  # synthetic, ours: never in shared/data
PEOPLE = [f"P0{n}" for n in range(1, 9)]


def with_people_and_items(store: Store) -> Store:
    store.upsert("employees", pd.DataFrame({"employee_id": PEOPLE}))
    store.upsert("comp_models", pd.DataFrame({"model_id": ["M"], "name_en": ["Core"], "name_zh": ["通用"]}))
    store.upsert("comp_items", pd.DataFrame({"item_id": ["comm", "team", "drive"], "model_id": "M",
                                             "name_en": ["Communication", "Teamwork", "Drive"],
                                             "name_zh": ["沟通", "协作", "进取"]}))
    return store


@pytest.fixture
def people(fresh_db) -> Store:
    return with_people_and_items(fresh_db)


def survey_mapping(**more) -> dict:
    columns = imports.read_file(SURVEY.read_bytes(), "survey.csv").frame.columns.tolist()
    return {"columns": imports.suggest_mapping(columns, "ratings_360"), **more}


def survey_plan(store: Store, repeats: str | None = None, data: bytes | None = None):
    """The file planned through the suggested mapping (a file without a review column gets 2025H2)."""
    raw = imports.read_file(data or SURVEY.read_bytes(), "survey.csv").frame
    mapping = {"columns": imports.suggest_mapping(list(raw.columns), "ratings_360")}
    if repeats:
        mapping["repeats"] = repeats
    return competency.plan_ratings(store, raw, "2025H2", mapping)


def stored(store: Store) -> dict[tuple[str, str, str], tuple[float, str, str]]:
    rows = store.query("SELECT ratee_id, rater_id, item_id, score, rater_group, strftime(rated_on, '%Y-%m-%d') AS d "
                       "FROM ratings_360")
    return {(r.ratee_id, r.rater_id, r.item_id): (r.score, r.rater_group, r.d) for r in rows.itertuples()}


def notes_of(plan) -> dict[str, dict]:
    return dict(plan.notes)


# -- the mapping ----------------------------------------------------------------------------------------------------
def test_the_suggested_mapping_reads_a_survey_exports_headings():
    columns = ["Response ID", "Submitted at", "Review", "Reviewee", "Reviewer", "Relationship", "Competency", "Rating"]
    assert imports.suggest_mapping(columns, "ratings_360") == {
        "period": "Review", "ratee_id": "Reviewee", "rater_id": "Reviewer", "rater_group": "Relationship",
        "item_id": "Competency", "score": "Rating", "rated_on": "Submitted at"}


def test_chinese_survey_headings_are_suggested_too():
    columns = ["提交时间", "被评价人", "评价人", "评价关系", "素质项", "得分"]
    assert imports.suggest_mapping(columns, "ratings_360") == {
        "ratee_id": "被评价人", "rater_id": "评价人", "rater_group": "评价关系", "item_id": "素质项", "score": "得分",
        "rated_on": "提交时间"}


# -- missing answers --------------------------------------------------------------------------------------------------
def test_null_na_dash_and_empty_scores_are_unrated_rows_left_out_and_counted(people):
    plan = survey_plan(people, "average")
    notes = notes_of(plan)
    # Markers in the file: null (answers 6 and 35), NA (11 and 39), - (15), N/A (21); answer 20 is an empty cell.
    assert notes["missing_cells"] == {"n": 6, "markers": "NA ×2, null ×2, - ×1, N/A ×1"}
    # Those 7 answers sit on rows 7, 12, 16, 21, 22, 36 and 40 (answer k is on row k + 1).
    assert notes["unrated"] == {"n": 7, "rows": "7, 12, 16, 21, 22, …"}
    assert plan.ok
    # 39 answers - 7 unrated = 32 rated rows; two repeated ratings take 2 + 3 rows: 32 - 5 + 2 = 29 ratings.
    assert len(plan.rows) == 29


def test_a_missing_marker_in_another_column_is_missing_there_too(people):
    data = ("Reviewee,Reviewer,Relationship,Competency,Rating,Submitted at\n"
            "P01,P02,Manager,comm,7,n/a\n"
            "P01,NULL,Peer,comm,6,2025-11-03 10:00\n").encode()
    plan = survey_plan(people, data=data)
    # Row 2: no date is no problem (rated_on is optional); row 3: no rater is (rater_id is required).
    assert plan.problems[["row", "column", "reason"]].values.tolist() == [[3, "rater_id", "required value is missing"]]
    assert notes_of(plan)["missing_cells"] == {"n": 2, "markers": "NULL ×1, n/a ×1"}


# -- relationship labels ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("label, group", [
    ("Self", "self"), ("自评", "self"), ("Manager", "superior"), ("上级", "superior"), ("Line manager", "superior"),
    ("Peer", "peer"), ("同事", "peer"), ("Colleague", "peer"), ("Direct report", "subordinate"),
    ("direct_reports", "subordinate"), ("Subordinate", "subordinate"), ("下属", "subordinate"), ("Customer", "other"),
    ("客户", "other"), ("Board member", None)])
def test_relationship_labels_in_english_and_chinese_name_the_stored_groups(label, group):
    assert group_of(label) == group


def test_the_summary_says_which_labels_became_which_group(people):
    notes = notes_of(survey_plan(people, "average"))
    # Rated rows by label (unrated rows are left out first): Direct report 7 (P05 on P01: answers 13, 14, 23 and
    # 24, answer 15 unrated; P01 on P02: 31-33), 上级 3, 下属 3, 自评 3, then 2 of 3 each for Manager, 同事 and
    # 客户, and 1 of 3 for Customer.  Self and Peer are stored groups already (the case aside): not listed.
    assert notes["groups"]["pairs"] == ("Direct report → subordinate (7), 上级 → superior (3), 下属 → subordinate (3), "
                                        "自评 → self (3), Manager → superior (2), 同事 → peer (2), 客户 → other (2), "
                                        "Customer → other (1)")
    groups = stored_after(people, "average")
    assert groups[("P01", "P07", "comm")][1] == "other" and groups[("P02", "P08", "comm")][1] == "superior"
    assert groups[("P02", "P01", "team")][1] == "subordinate" and groups[("P01", "P04", "comm")][1] == "peer"


def stored_after(store: Store, repeats: str):
    plan = survey_plan(store, repeats)
    assert plan.ok, plan.problems.to_dict("records")
    imports.commit_rows(store, "ratings_360", plan.rows)
    return stored(store)


# -- repeats ----------------------------------------------------------------------------------------------------------
def test_repeats_are_refused_by_default_naming_row_column_and_the_first_row(people):
    plan = survey_plan(people)
    # P03 rated P01's comm in answers 7 and 22 (rows 8 and 23); P05 rated P01's team in 14, 23 and 24 (rows 15,
    # 24 and 25): each later row is blamed, naming the first.
    assert plan.problems[["row", "column", "value"]].values.tolist() == [
        [23, "item_id", "comm"], [24, "item_id", "team"], [25, "item_id", "team"]]
    assert [r.split(":")[0] for r in plan.problems["reason"]] == ["repeats row 8", "repeats row 15", "repeats row 15"]
    assert notes_of(plan)["repeats_refused"] == {"n": 2, "rows": 5}
    report = imports.import_file(people, "ratings_360", SURVEY.read_bytes(), "survey.csv", survey_mapping())
    assert not report.written and len(report.problems) == 3 and people.count("ratings_360") == 0


def test_averaged_repeats_store_the_mean_of_the_raters_scores_on_the_latest_day(people):
    ratings = stored_after(people, "average")
    # P03 on P01's comm: 6 (answer 7) and 8 (answer 22): (6 + 8) / 2 = 7, both on 2025-11-03.
    assert ratings[("P01", "P03", "comm")] == (7.0, "peer", "2025-11-03")
    # P05 on P01's team: 5, 6 and 7 (answers 14, 23, 24): (5 + 6 + 7) / 3 = 6, all on 2025-11-04.
    assert ratings[("P01", "P05", "team")] == (6.0, "subordinate", "2025-11-04")
    assert len(ratings) == 29


def test_keep_last_takes_the_latest_timestamp_not_the_last_row(people):
    ratings = stored_after(people, "last")
    # P03 on P01's comm: 8 at 17:40:12 beats 6 at 09:15:00.
    assert ratings[("P01", "P03", "comm")][0] == 8.0
    # P05 on P01's team: 5 at 10:00, 6 at 12:00, 7 at 08:30 (the last row, but the earliest time): 6 is kept.
    assert ratings[("P01", "P05", "team")] == (6.0, "subordinate", "2025-11-04")


def test_the_summary_says_how_many_repeats_and_what_was_done(people):
    assert notes_of(survey_plan(people, "average"))["repeats_average"] == {"n": 2, "rows": 5}
    # Every row of both repeats has a timestamp: none was settled by file order.
    assert notes_of(survey_plan(people, "last"))["repeats_last"] == {"n": 2, "rows": 5, "by_order": 0}


def test_keep_last_without_timestamps_takes_the_last_row_in_the_file(people):
    data = ("Reviewee,Reviewer,Relationship,Competency,Rating\n"
            "P01,P02,Manager,comm,9\n"
            "P01,P02,Manager,comm,4\n").encode()
    plan = survey_plan(people, "last", data)
    assert plan.rows["score"].tolist() == [4.0]
    assert notes_of(plan)["repeats_last_order"] == {"n": 1, "rows": 2, "by_order": 1}


def test_a_repeat_missing_a_timestamp_is_settled_by_file_order_and_counted(people):
    data = ("Reviewee,Reviewer,Relationship,Competency,Rating,Submitted at\n"
            "P01,P02,Manager,comm,9,2025-11-03 18:00\n"
            "P01,P02,Manager,comm,4,\n"
            "P01,P02,Manager,team,3,2025-11-03 18:00\n"
            "P01,P02,Manager,team,8,2025-11-03 07:00\n").encode()
    plan = survey_plan(people, "last", data)
    # comm: one repeat has no time, so the file's order decides (4); team: 18:00 beats 07:00 (3).
    assert plan.rows.set_index("item_id")["score"].to_dict() == {"comm": 4.0, "team": 3.0}
    assert notes_of(plan)["repeats_last_mixed"] == {"n": 2, "rows": 4, "by_order": 1}


def test_a_twelve_hour_clock_orders_repeats_by_time_of_day(people):
    data = ("Reviewee,Reviewer,Relationship,Competency,Rating,Submitted at\n"
            "P01,P02,Manager,comm,9,11/20/2025 2:22:05 PM\n"
            "P01,P02,Manager,comm,4,11/20/2025 9:00 AM\n"
            "P01,P02,Manager,comm,6,11/20/2025 12:30 AM\n").encode()
    plan = survey_plan(people, "last", data)
    # 2:22:05 PM is 14:22:05, after 09:00 and 00:30: the 9 is kept; 20 > 12 tells the month comes first.
    assert plan.rows["score"].tolist() == [9.0]
    assert {column: str(way) for column, way in plan.date_formats.items()} == {"rated_on": "M/D/Y"}
    assert str(plan.rows["rated_on"].iloc[0])[:10] == "2025-11-20"


def test_averaging_repeats_from_two_rater_groups_is_refused(people):
    data = ("Reviewee,Reviewer,Relationship,Competency,Rating\n"
            "P01,P02,Manager,comm,9\n"
            "P01,P02,Peer,comm,5\n").encode()
    plan = survey_plan(people, "average", data)
    assert plan.problems[["row", "column", "value"]].values.tolist() == [[3, "rater_group", "Peer"]]
    assert "another rater group (superior)" in plan.problems["reason"].item()


def test_an_unknown_repeats_choice_is_refused_by_name(people):
    with pytest.raises(ValueError, match="repeats must be one of refuse, average, last"):
        survey_plan(people, "median")


def test_one_bad_score_among_averaged_repeats_writes_nothing(people):
    data = SURVEY.read_bytes().replace(b"2025H2,P02,P08,\xe4\xb8\x8a\xe7\xba\xa7,comm,7", b"2025H2,P02,P08,"
                                       b"\xe4\xb8\x8a\xe7\xba\xa7,comm,11")
    report = imports.import_file(people, "ratings_360", data, "survey.csv", survey_mapping(repeats="average"))
    # Answer 28 (row 29): 11 is above the 1-10 scale.
    assert report.problems[["row", "column", "value"]].values.tolist() == [[29, "score", "11"]]
    assert not report.written and people.count("ratings_360") == 0


# -- the Competencies import and the command line -----------------------------------------------------------------
def test_the_competencies_import_takes_the_same_mapping_and_repeats_choice(people):
    report = competency.import_ratings(people, SURVEY.read_bytes(), "survey.csv", "ignored: the file has a period",
                                       mapping=None)
    assert not report.written and len(report.problems) == 3            # repeats refused by default, as above
    report = competency.import_ratings(people, SURVEY.read_bytes(), "survey.csv", "", mapping=survey_mapping(
        repeats="last"))
    assert report.written and report.counts.inserted == 29
    assert stored(people)[("P01", "P05", "team")][0] == 6.0            # 12:00 beats 10:00 and 08:30


def test_the_competencies_import_gives_a_file_without_a_period_the_one_typed(people):
    data = "Reviewee,Reviewer,Relationship,Competency,Rating\nP01,P02,上级,comm,7\n".encode()
    report = competency.import_ratings(people, data, "survey.csv", "2026H1")
    assert report.written
    assert people.query("SELECT period, rater_group FROM ratings_360").values.tolist() == [["2026H1", "superior"]]


def test_the_command_line_imports_a_survey_export_keeping_the_last_repeat(tmp_path, capsys):
    db = tmp_path / "hr.duckdb"
    with_people_and_items(Store(db)).close()
    assert main(["import", "ratings_360", str(SURVEY), "--db", str(db), "--repeats", "last"]) == 0
    out, err = capsys.readouterr()
    assert "ratings_360: 29 new, 0 changed, 0 unchanged" in out
    assert "ratee_id ← Reviewee  (suggested)" in err and "rated_on ← Submitted at  (suggested)" in err
    assert "summary: 2 ratings were given more than once (5 rows): the last submitted of each is kept" in err
    assert "summary: 7 rows have no score (the item was not rated) and are left out (rows 7, 12, 16, 21, 22, …)" in err
    store = Store(db)
    assert stored(store)[("P01", "P05", "team")][0] == 6.0
    store.close()


def test_the_command_line_refuses_repeats_by_default_and_names_each_row(tmp_path, capsys):
    db = tmp_path / "hr.duckdb"
    with_people_and_items(Store(db)).close()
    problems = tmp_path / "problems.csv"
    assert main(["import", "ratings_360", str(SURVEY), "--db", str(db), "--problems", str(problems)]) == 1
    err = capsys.readouterr().err
    assert "3 problem(s) in survey_360_long.csv; nothing was written." in err
    listed = pd.read_csv(problems, encoding="utf-8-sig")
    assert listed[["row", "column"]].values.tolist() == [[23, "item_id"], [24, "item_id"], [25, "item_id"]]
    store = Store(db)
    assert store.count("ratings_360") == 0
    store.close()


def test_a_saved_mapping_keeps_the_repeats_choice_for_the_command_line(tmp_path, capsys):
    import json

    db = tmp_path / "hr.duckdb"
    with_people_and_items(Store(db)).close()
    saved = tmp_path / "survey.json"
    saved.write_text(json.dumps({"table": "ratings_360", **survey_mapping(repeats="average")}))
    assert main(["import", "ratings_360", str(SURVEY), "--db", str(db), "--mapping", str(saved)]) == 0
    store = Store(db)
    assert math.isclose(stored(store)[("P01", "P03", "comm")][0], 7.0)   # (6 + 8) / 2
    store.close()
