"""Ability assessments and market surveys through the mapping and report every import takes (issue 28 item 6):
their usual headings are suggested, value translations apply, problems name row, column and reason."""

from __future__ import annotations

import pandas as pd

from hrcore.imports import import_file, read_file, suggest_mapping


def test_an_ability_file_with_chinese_headings_is_suggested_checked_and_imported(fresh_db):
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["E1", "E2"]}))
    data = "工号,年度,能力得分,评估人\nE1,2025,7.5,E2\nE2,2025,6,E1\nE9,2025,8,E1\n".encode("gbk")
    mapping = {"columns": suggest_mapping(read_file(data, "能力.csv").frame.columns.tolist(), "ability_assessments")}
    assert mapping["columns"] == {"period": "年度", "employee_id": "工号", "score": "能力得分", "assessor_id": "评估人"}
    report = import_file(fresh_db, "ability_assessments", data, "能力.csv", mapping)
    assert report.written and report.counts.inserted == 3
    # E9 is not an employee: kept (an assessment may come before the extract that names the person), and said.
    assert dict(report.notes)["unknown_people"] == {"n": 1, "ids": "E9"}


def test_an_ability_score_off_the_ten_point_scale_names_row_column_and_reason(fresh_db):
    data = b"employee_id,period,score\nE1,2025,7\nE2,2025,75\n"
    report = import_file(fresh_db, "ability_assessments", data, "ability.csv")
    # Row 3 (the header is row 1): 75 is a percentage, not a 1-10 score; a mapping's multiply 0.1 would read it.
    assert report.problems[["row", "column", "value", "reason"]].values.tolist() == [
        [3, "score", "75", "must be at most 10"]]
    assert not report.written


def test_a_market_survey_with_its_own_headings_and_pay_type_words_is_imported(fresh_db):
    data = ("岗位编号,调研年份,薪酬类型,25分位,中位值,75分位\n"
            "J1,2025,固定,\"8,000\",\"9,500\",\"11,000\"\n"
            "J1,2025,总现金,9000,11000,13000\n").encode()
    columns = suggest_mapping(read_file(data, "survey.csv").frame.columns.tolist(), "market_data")
    assert columns == {"job_id": "岗位编号", "survey_year": "调研年份", "pay_type": "薪酬类型", "p25": "25分位",
                       "p50": "中位值", "p75": "75分位"}
    report = import_file(fresh_db, "market_data", data, "survey.csv",
                         {"columns": columns, "values": {"pay_type": {"固定": "fixed", "总现金": "total_cash"}}})
    assert report.written
    stored = fresh_db.query("SELECT pay_type, p25, p50, p75 FROM market_data ORDER BY pay_type").values.tolist()
    # "8,000" with its thousands separator is 8000.
    assert stored == [["fixed", 8000.0, 9500.0, 11000.0], ["total_cash", 9000.0, 11000.0, 13000.0]]
    # J1 is not in the job table yet: the check says so (the pay pages show it under its id).
    assert ("unknown_references", {"n": 1, "column": "job_id", "table": "jobs", "values": "J1"}) in report.warnings


def test_a_pay_type_left_untranslated_is_refused_by_row_and_column(fresh_db):
    data = "job_id,survey_year,pay_type,p50\nJ1,2025,基本工资,9500\n".encode()
    report = import_file(fresh_db, "market_data", data, "survey.csv")
    assert report.problems[["row", "column", "value"]].values.tolist() == [[2, "pay_type", "基本工资"]]
    assert "translate values in the mapping" in report.problems["reason"].item()
