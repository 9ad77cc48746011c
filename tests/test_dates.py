"""Dates as HR systems write them (issue 28, item 1): every expected date below is worked by hand from the cell."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from hrcore.dates import read_dates
from hrcore.imports import import_file
from tests.test_imports import run_cli

TODAY = date(2026, 12, 7)


def read(cells, order=None):
    found = read_dates(pd.Series(cells, dtype=object), order, TODAY)
    return [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in found.values], found


@pytest.mark.parametrize("cells, expected, written", [
    (["2024-03-05", "2024-12-31"], ["2024-03-05", "2024-12-31"], "Y-M-D"),
    (["2024/3/5", "2024/12/31"], ["2024-03-05", "2024-12-31"], "Y-M-D"),
    (["2024.3.5", "2024.12.31"], ["2024-03-05", "2024-12-31"], "Y-M-D"),
    (["2024年3月5日", "2024年12月31日"], ["2024-03-05", "2024-12-31"], "Y-M-D"),
    (["20240305", "20241231"], ["2024-03-05", "2024-12-31"], "Y-M-D"),
    (["7/5/2011", "12/31/2011"], ["2011-07-05", "2011-12-31"], "M/D/Y"),          # 31 cannot be a month: US
    (["05/07/2011", "31/12/2011"], ["2011-07-05", "2011-12-31"], "D/M/Y"),        # 31 first: day first
    (["2011-07-05 14:33:00", "2011-12-31T08:00"], ["2011-07-05", "2011-12-31"], "Y-M-D"),  # the time is dropped
    (["7/5/2011 2:30 PM", "12/31/2011 11:59 PM"], ["2011-07-05", "2011-12-31"], "M/D/Y"),
    # Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was: 2011-07-05 is
    # (2011-07-05 - 1900-01-01) = 40,727 days, plus those two, = 40729; 2011-12-31 is 179 days later, 40908.
    (["40729", "40908.0"], ["2011-07-05", "2011-12-31"], "Excel serial"),
])
def test_each_way_hr_systems_write_a_date_is_read_and_named(cells, expected, written):
    got, found = read(cells + [None, ""])
    assert got == expected + [None, None]
    assert found.format == written and not found.ambiguous


def test_a_two_digit_year_takes_the_century_that_keeps_the_date_on_or_before_today():
    got, found = read(["07/10/83", "1/2/07", "12/31/26", "12/1/26", "2/13/00"])
    # 83 -> 2083 would be in the future: 1983.  07 -> 2007.  12/31/26 is after 2026-12-07: 1926; 12/1/26 is not.
    assert got == ["1983-07-10", "2007-01-02", "1926-12-31", "2026-12-01", "2000-02-13"]
    assert found.two_digit_years


def test_a_column_that_does_not_tell_day_from_month_is_never_guessed():
    got, found = read(["05/07/2011", "1/2/2012"])
    assert got == [None, None] and found.ambiguous
    assert read(["05/07/2011", "1/2/2012"], "DMY")[0] == ["2011-07-05", "2012-02-01"]
    assert read(["05/07/2011", "1/2/2012"], "MDY")[0] == ["2011-05-07", "2012-01-02"]


def test_a_column_mixing_month_first_and_day_first_is_refused_whole():
    got, found = read(["7/13/2011", "13/7/2011", "1/1/2011"])
    assert got == [None, None, None] and found.format == "mixed"


def test_an_order_given_never_overrides_what_the_column_says():
    assert read(["7/13/2011"], "DMY")[0] == ["2011-07-13"]  # 13 cannot be a month, whatever was said


US_EXTRACT = (  # shaped like a US HRIS export: no ISO anywhere, two-digit birth years, leavers with a date
    "EmpID,Employee_Name,DateofHire,DOB,DateofTermination\n"
    "10026,\"Wang, Fang\",7/5/2011,07/10/83,\n"
    "10084,\"Li, Na\",3/30/2015,05/19/88,6/16/2016\n"
    "10196,\"Zhou, Min\",1/7/2008,11/24/74,\n")


def test_a_us_extract_goes_in_as_it_comes_and_the_summary_names_each_columns_format(fresh_db):
    mapping = {"columns": {"employee_id": "EmpID", "name_en": "Employee_Name", "hire_date": "DateofHire",
                           "birth_date": "DOB", "exit_date": "DateofTermination"}}
    report = import_file(fresh_db, "employees", US_EXTRACT.encode(), "hris.csv", mapping)
    assert report.written, report.problems
    assert {column: str(way) for column, way in report.date_formats.items()} == {
        "hire_date": "M/D/Y", "birth_date": "M/D/Y, two-digit years", "exit_date": "M/D/Y"}
    rows = fresh_db.query("SELECT employee_id, strftime(hire_date, '%Y-%m-%d') AS hired, "
                          "strftime(birth_date, '%Y-%m-%d') AS born FROM employees ORDER BY 1")
    assert rows.values.tolist() == [["10026", "2011-07-05", "1983-07-10"], ["10084", "2015-03-30", "1988-05-19"],
                                    ["10196", "2008-01-07", "1974-11-24"]]


def test_an_ambiguous_date_column_is_refused_until_the_order_is_said_on_the_command_line(tmp_path):
    extract = tmp_path / "staff.csv"
    extract.write_text("工号,入职日期\nA1,05/07/2011\nA2,01/02/2012\n", encoding="utf-8")
    db = str(tmp_path / "hr.duckdb")
    mapped = ["--map", "工号=employee_id", "--map", "入职日期=hire_date"]
    refused = run_cli("import", "employees", str(extract), "--db", db, *mapped)
    assert refused.returncode == 1 and "day and month cannot be told apart" in refused.stderr
    taken = run_cli("import", "employees", str(extract), "--db", db, *mapped, "--date-order", "DMY")
    assert taken.returncode == 0, taken.stderr
    assert "dates: hire_date read as D/M/Y" in taken.stderr
    from hrcore.store import Store

    store = Store(db)
    assert store.query("SELECT strftime(hire_date, '%Y-%m-%d') AS d FROM employees ORDER BY employee_id")[
        "d"].tolist() == ["2011-07-05", "2012-02-01"]
    store.close()


def test_the_refusal_names_the_reason_in_chinese_too(fresh_db):
    from hrcore.imports import problems_in

    report = import_file(fresh_db, "employees", b"employee_id,hire_date\nA1,05/07/2011\n", "s.csv")
    assert report.problems["reason"].str.startswith("day and month cannot be told apart").tolist() == [True]
    assert report.problems["code"].tolist() == ["date_order_needed"]
    assert "无法区分日与月" in problems_in(report.problems, "zh")["reason"].item()
