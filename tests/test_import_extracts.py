"""Mappings that cover real HR extracts (issue 28 items 3-5): leavers, fixed values, generated ids, annual pay,
translations to nothing, built-in value synonyms, and the departments, jobs and managers a file refers to.

The files are synthetic and shaped like real extracts (tests/data/README.md): an HRDataset_v14-like CSV and a
GBK Chinese extract.  Expected numbers are counted from the files with the standard library where they can be.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest

from hrcore import company, evaluation, imports
from hrcore.imports import import_file, plan_import, read_file, suggest_mapping
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"
HRDATASET = DATA / "hrdataset_v14_synthetic.csv"
CHINESE = DATA / "cn_hr_extract_gbk.csv"


def hr_rows() -> list[dict]:
    """The HRDataset-shaped file read with the standard library, independently of hrcore."""
    with open(HRDATASET, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def cn_rows() -> list[dict]:
    with open(CHINESE, encoding="gbk", newline="") as handle:
        return list(csv.DictReader(handle))


def hr_bytes(drop: tuple[str, ...] = ()) -> bytes:
    frame = pd.read_csv(HRDATASET, dtype=str, keep_default_na=False).drop(columns=list(drop))
    return frame.to_csv(index=False).encode()


def raw_hr(drop: tuple[str, ...] = ()) -> pd.DataFrame:
    return read_file(hr_bytes(drop), "hr.csv").frame


def suggested(raw: pd.DataFrame, **extra) -> dict:
    return {"columns": suggest_mapping(list(raw.columns), "employees"), **extra}


def stored(store, sql: str) -> pd.DataFrame:
    return store.query(sql)


# -- item 3: leavers ---------------------------------------------------------------------------------------------------
def test_without_a_status_column_a_row_with_an_exit_date_is_a_leaver_and_any_other_row_is_active(fresh_db):
    reference = hr_rows()
    dated = sum(bool(r["DateofTermination"]) for r in reference)  # 11 rows carry a termination date
    mapping = {"columns": {"employee_id": "EmpID", "exit_date": "DateofTermination"}}
    report = import_file(fresh_db, "employees", HRDATASET.read_bytes(), "hr.csv", mapping)
    assert report.written, report.problems
    assert report.applied.status_from_exit == (dated, len(reference) - dated) == (11, 29)
    counts = stored(fresh_db, "SELECT status, count(*) n, count(exit_date) dated FROM employees GROUP BY 1")
    assert counts.set_index("status").to_dict("index") == {"left": {"n": 11, "dated": 11},
                                                          "active": {"n": 29, "dated": 0}}


def test_a_mapped_status_is_trusted_and_an_active_row_with_an_exit_date_is_refused_saying_what_to_do(fresh_db):
    data = b"id,status,left_on\nE1,active,2024-03-31\nE2,left,2024-04-30\n"
    mapping = {"columns": {"employee_id": "id", "status": "status", "exit_date": "left_on"}}
    report = import_file(fresh_db, "employees", data, "x.csv", mapping)
    assert report.problems[["row", "column"]].values.tolist() == [[2, "exit_date"]]
    reason = report.problems["reason"].iloc[0]
    assert reason.startswith("an exit date is given but the status is active")
    assert "leave status unmapped so that an exit date marks a leaver" in reason
    assert fresh_db.count("employees") == 0


def test_the_exit_type_follows_the_status_words_of_hrdataset(fresh_db):
    statuses = Counter(r["EmploymentStatus"] for r in hr_rows())  # 29 Active, 7 Voluntarily, 4 for Cause
    raw = raw_hr()
    plan = plan_import(fresh_db, "employees", raw, suggested(raw))
    assert plan.ok, plan.problems
    types = plan.rows.groupby(["status", plan.rows["exit_type"].fillna("none")]).size().to_dict()
    assert types == {("active", "none"): statuses["Active"],
                     ("left", "voluntary"): statuses["Voluntarily Terminated"],
                     ("left", "involuntary"): statuses["Terminated for Cause"]} == {
        ("active", "none"): 29, ("left", "voluntary"): 7, ("left", "involuntary"): 4}


def test_a_mapped_exit_type_column_is_taken_rather_than_the_status_words(fresh_db):
    raw = read_file(CHINESE.read_bytes(), "cn.csv").frame
    plan = plan_import(fresh_db, "employees", raw, suggested(raw))
    assert plan.ok, plan.problems
    # the file's 离职类型: A003 and A009 主动离职, A006 被动离职
    assert plan.rows.set_index("employee_id")["exit_type"].dropna().to_dict() == {
        "A003": "voluntary", "A006": "involuntary", "A009": "voluntary"}


# -- item 4: mappings that cover real files ------------------------------------------------------------------------------
def test_a_fixed_value_is_given_to_every_row(fresh_db):
    data = b"id,score\nE1,7.5\nE2,8\n"
    report = import_file(fresh_db, "ability_assessments", data, "x.csv",
                         {"columns": {"employee_id": "id", "score": "score"}, "constants": {"period": "2024Q4"}})
    assert report.written, report.problems
    assert fresh_db.table("ability_assessments")["period"].tolist() == ["2024Q4", "2024Q4"]


def test_a_column_both_read_from_the_file_and_fixed_is_refused_naming_it(fresh_db):
    raw = read_file(b"id,city\nE1,Lyon\n", "x.csv").frame
    with pytest.raises(ValueError, match="location is both read from the file and set to 'shanghai'"):
        plan_import(fresh_db, "employees", raw, {"columns": {"employee_id": "id", "location": "city"},
                                                 "constants": {"location": "shanghai"}})


def test_generated_ids_are_the_prefix_and_the_spreadsheet_row_number(fresh_db):
    raw = raw_hr(drop=("EmpID",))
    mapping = suggested(raw, generate_id={"column": "employee_id", "prefix": "E"})
    assert "employee_id" not in mapping["columns"]  # the file has no id column to suggest
    plan = plan_import(fresh_db, "employees", raw, mapping)
    assert plan.ok, plan.problems
    # 40 data rows under the header: spreadsheet rows 2 to 41
    assert plan.rows["employee_id"].tolist() == [f"E{n}" for n in range(2, 42)]
    assert plan.applied.generated == {"column": "employee_id", "prefix": "E", "first": "E2", "last": "E41", "rows": 40}
    assert any("E2 … E41" in note for note in imports.plan_notes(plan, "en"))


def test_generated_ids_keep_the_row_numbers_a_spreadsheet_shows_across_blank_lines(fresh_db):
    raw = read_file(b"name\nAnn\n\nBob\n", "x.csv").frame
    plan = plan_import(fresh_db, "employees", raw, {"columns": {"name_en": "name"}, "generate_id": {"prefix": "P"}})
    assert plan.rows["employee_id"].tolist() == ["P2", "P4"]  # the blank line is row 3


def test_annual_pay_is_stored_per_month_to_the_cent(fresh_db):
    salaries = [float(r["Salary"]) for r in hr_rows()]
    raw = raw_hr()
    plan = plan_import(fresh_db, "employees", raw, suggested(raw, pay_period="annual"))
    assert plan.ok, plan.problems
    assert plan.rows["base_pay"].tolist() == [round(s / 12, 2) for s in salaries]
    assert plan.rows["base_pay"].iloc[0] == 8214.0  # Adams, Rita: 98,568 a year
    assert plan.applied.pay_check is None  # converted: nothing looks annual any more


def test_a_bonus_is_divided_like_the_base_pay_and_a_cell_that_is_no_number_is_still_named(fresh_db):
    data = b"id,pay,bonus\nE1,\"120,000\",12000\nE2,abc,6000\n"
    mapping = {"columns": {"employee_id": "id", "base_pay": "pay", "target_bonus": "bonus"}, "pay_period": "annual"}
    report = import_file(fresh_db, "employees", data, "x.csv", mapping)
    assert report.problems.to_dict("records") == [{"row": 3, "column": "base_pay", "value": "abc",
                                                  "reason": "not a number", "code": "not_a_number", "values": {}}]
    fixed = import_file(fresh_db, "employees", data.replace(b"abc", b"60000"), "x.csv", mapping)
    assert fresh_db.table("employees")[["base_pay", "target_bonus"]].values.tolist() == [[10000.0, 1000.0],
                                                                                         [5000.0, 500.0]]
    assert fixed.written


def test_monthly_pay_above_30000_is_flagged_as_looking_annual_when_no_local_wage_is_set(fresh_db):
    salaries = sorted(float(r["Salary"]) for r in hr_rows())
    median = (salaries[19] + salaries[20]) / 2  # 40 salaries: the mean of the 20th and 21st
    raw = raw_hr()
    plan = plan_import(fresh_db, "employees", raw, suggested(raw))
    assert plan.ok and plan.applied.pay_check == {"column": "base_pay", "median": median, "threshold": 30_000,
                                                  "local_wage": None}
    assert median == 67_254.0
    assert "its median, 67,254, is above 30,000" in imports.pay_note(plan.applied.pay_check, "en")


def test_the_local_average_wage_sets_the_limit_at_four_times_it(fresh_db):
    company.save(fresh_db, local_avg_wage=20_000.0)  # 4 × 20,000 = 80,000 > the median 67,254
    raw = raw_hr()
    assert plan_import(fresh_db, "employees", raw, suggested(raw)).applied.pay_check is None
    company.save(fresh_db, local_avg_wage=12_000.0)  # 4 × 12,000 = 48,000 < 67,254
    check = plan_import(fresh_db, "employees", raw, suggested(raw)).applied.pay_check
    assert (check["threshold"], check["local_wage"]) == (48_000.0, 12_000.0)


def test_monthly_pay_of_a_chinese_extract_is_not_flagged(fresh_db):
    pay = sorted(float(r["月薪"]) for r in cn_rows())  # 12 monthly pays, median (12,500 + 13,800) / 2
    raw = read_file(CHINESE.read_bytes(), "cn.csv").frame
    plan = plan_import(fresh_db, "employees", raw, suggested(raw))
    assert (pay[5] + pay[6]) / 2 == 13_150 and plan.applied.pay_check is None


def test_the_pay_period_hook_supplies_the_default_when_the_mapping_does_not_say(fresh_db):
    raw = read_file(b"id,pay\nE1,120000\n", "x.csv").frame
    mapping = {"columns": {"employee_id": "id", "base_pay": "pay"}}
    assert plan_import(fresh_db, "employees", raw, mapping, pay_period="annual").rows["base_pay"].tolist() == [10000.0]
    assert plan_import(fresh_db, "employees", raw, {**mapping, "pay_period": "monthly"},
                       pay_period="annual").rows["base_pay"].tolist() == [120000.0]  # the mapping says
    assert imports.default_pay_period(fresh_db) == "monthly"
    company.save(fresh_db, pay_period="annual")  # the company setting is the default
    assert plan_import(fresh_db, "employees", raw, mapping).rows["base_pay"].tolist() == [10000.0]


def test_a_translation_to_nothing_stores_the_value_as_missing(fresh_db):
    data = b"id,reason,status\nE1,unknown,No\nE2,pay,Yes\nE3,-,Yes\n"
    mapping = {"columns": {"employee_id": "id", "exit_reason": "reason", "status": "status"},
               "values": {"exit_reason": {"unknown": "", "-": None}, "status": {"Yes": "left", "No": "active"}}}
    assert import_file(fresh_db, "employees", data, "x.csv", mapping).written
    assert fresh_db.table("employees")["exit_reason"].isna().tolist() == [True, False, True]


def test_built_in_synonyms_read_a_chinese_extract_as_it_comes(fresh_db):
    reference = cn_rows()
    raw = read_file(CHINESE.read_bytes(), "cn.csv").frame
    plan = plan_import(fresh_db, "employees", raw, suggested(raw))
    assert plan.ok, plan.problems
    rows = plan.rows.set_index("employee_id")
    assert rows["status"].value_counts().to_dict() == {"active": 9, "left": 3}  # 离职: A003, A006, A009
    assert Counter(rows["gender"]) == Counter({"女": "female", "男": "male"}[r["性别"].strip()] for r in reference)
    assert rows.loc[["A001", "A002", "A003", "A005", "A006"], "education"].tolist() == [
        "master", "doctor", "bachelor", "college", "high_school"]
    used = plan.applied.translated.set_index(["column", "file_value"])["rows"].to_dict()
    assert used[("status", "在职")] == sum(r["在职状态"] == "在职" for r in reference) == 9
    assert used[("gender", "女")] == 6  # "女 " with a trailing space counts with 女
    assert used[("education", "本科")] == 4  # A003's "本科 " and three more
    assert used[("exit_type", "主动离职")] == 2


def test_built_in_synonyms_of_hrdataset_are_counted_per_value(fresh_db):
    raw = raw_hr()
    plan = plan_import(fresh_db, "employees", raw, suggested(raw))
    sexes = Counter(r["Sex"].strip() for r in hr_rows())  # "M " written with a trailing space
    assert plan.applied.translated.to_dict("records") == [
        {"column": "gender", "file_value": "F", "stored_value": "female", "rows": sexes["F"]},
        {"column": "gender", "file_value": "M", "stored_value": "male", "rows": sexes["M"]},
        {"column": "status", "file_value": "Terminated for Cause", "stored_value": "left", "rows": 4},
        {"column": "status", "file_value": "Voluntarily Terminated", "stored_value": "left", "rows": 7},
        {"column": "exit_type", "file_value": "Terminated for Cause", "stored_value": "involuntary", "rows": 4},
        {"column": "exit_type", "file_value": "Voluntarily Terminated", "stored_value": "voluntary", "rows": 7},
        {"column": "exit_reason", "file_value": "N/A-StillEmployed", "stored_value": None, "rows": 29},
    ]
    assert (sexes["F"], sexes["M"]) == (18, 22)


def test_a_users_own_translation_wins_over_a_built_in_synonym(fresh_db):
    data = "id,状态\nE1,在职\nE2,退休\n".encode("gbk")
    mapping = {"columns": {"employee_id": "id", "status": "状态"}, "values": {"status": {"退休": "active"}}}
    report = import_file(fresh_db, "employees", data, "x.csv", mapping)
    assert fresh_db.table("employees")["status"].tolist() == ["active", "active"]
    assert report.applied.translated[["file_value", "rows"]].values.tolist() == [["在职", 1]]


@pytest.mark.parametrize("heading, yes, no", [("Attrition", "left", "active"), ("Termd", "left", "active"),
                                              ("是否离职", "left", "active"), ("Active", "active", "left")])
def test_yes_no_and_one_zero_statuses_mean_what_their_heading_says(fresh_db, heading, yes, no):
    data = f"id,{heading}\nE1,Yes\nE2,0\n".encode("gbk")
    report = import_file(fresh_db, "employees", data, "x.csv", {"columns": {"employee_id": "id", "status": heading}})
    assert report.written, report.problems
    assert fresh_db.table("employees")["status"].tolist() == [yes, no]


def test_a_yes_no_status_under_a_heading_that_does_not_say_which_is_refused(fresh_db):
    report = import_file(fresh_db, "employees", b"id,Status\nE1,Yes\n", "x.csv",
                         {"columns": {"employee_id": "id", "status": "Status"}})
    assert report.problems["reason"].tolist() == ["not one of: active, left (translate values in the mapping)"]


def test_spaces_around_headings_and_values_are_ignored(fresh_db):
    raw = read_file(CHINESE.read_bytes(), "cn.csv").frame
    assert "学历" in raw.columns  # written " 学历 " in the file
    mapping = {"columns": {"employee_id": " 工号 ", "education": "学历", "department_id": "部门"}}
    plan = plan_import(fresh_db, "employees", raw, mapping)
    assert plan.ok and plan.rows["education"].iloc[2] == "bachelor"  # A003: "本科 "
    hr = plan_import(fresh_db, "employees", raw_hr(), {"columns": {"employee_id": "EmpID",
                                                                    "department_id": "Department"}})
    assert hr.rows["department_id"].iloc[1] == "Production"  # written "Production       "


def test_the_suggestions_recognise_hrdataset_headings():
    raw = raw_hr()
    assert suggest_mapping(list(raw.columns), "employees") == {
        "employee_id": "EmpID", "name_en": "Employee_Name", "department_id": "Department", "job_id": "Position",
        "manager_id": "ManagerID", "hire_date": "DateofHire", "birth_date": "DOB", "gender": "Sex",
        "base_pay": "Salary", "status": "EmploymentStatus", "exit_date": "DateofTermination",
        "exit_reason": "TermReason"}


# -- item 5: reference tables from the same file ---------------------------------------------------------------------------
def references_plan(store, **names):
    raw = raw_hr()
    return plan_import(store, "employees", raw, suggested(raw, references=names or True))


def test_departments_and_jobs_the_employees_name_are_created_with_them(fresh_db):
    reference = hr_rows()
    departments = {r["Department"].strip() for r in reference}  # 6, "Production       " trimmed
    jobs = {r["Position"] for r in reference}  # 14
    plan = references_plan(fresh_db)
    assert plan.ok, plan.problems
    assert not any("not in departments" in w or "not in jobs" in w for w in plan.warnings)
    result = imports.commit_rows(fresh_db, "employees", plan.rows, plan.applied.references)
    assert result.inserted == 40
    stored_departments = fresh_db.table("departments")
    assert set(stored_departments["department_id"]) == departments and len(departments) == 6
    assert stored_departments.set_index("department_id").loc["Production", "name_en"] == "Production"
    assert set(fresh_db.table("jobs")["job_id"]) == jobs and len(jobs) == 14
    # the job evaluation offers them, titled as the file writes them
    offered = evaluation.workbench(fresh_db, evaluation.default_scheme()).jobs
    assert set(offered["job_id"]) == jobs
    assert offered.set_index("job_id").loc["Sr. Network Engineer", "title_en"] == "Sr. Network Engineer"


def test_names_from_another_column_and_chinese_names_go_to_the_chinese_field(fresh_db):
    data = "工号,部门编号,部门\nA1,D1,研发部\nA2,D1,研发部\nA3,D2,Sales\n".encode("gbk")
    raw = read_file(data, "x.csv").frame
    mapping = {"columns": {"employee_id": "工号", "department_id": "部门编号"}, "references": {"department_id": "部门"}}
    plan = plan_import(fresh_db, "employees", raw, mapping)
    departments = plan.applied.references["departments"]
    assert departments.astype(object).where(departments.notna(), None).values.tolist() == [
        ["D1", None, "研发部"], ["D2", "Sales", None]]


def test_departments_already_stored_are_neither_created_nor_renamed(fresh_db):
    fresh_db.upsert("departments", pd.DataFrame({"department_id": ["Sales"], "name_en": ["Sales & Marketing"]}))
    plan = references_plan(fresh_db)
    assert "Sales" not in set(plan.applied.references["departments"]["department_id"])
    imports.commit_rows(fresh_db, "employees", plan.rows, plan.applied.references)
    assert fresh_db.query("SELECT name_en FROM departments WHERE department_id = 'Sales'")["name_en"].tolist() == [
        "Sales & Marketing"]
    assert fresh_db.count("departments") == 6


def test_references_are_written_with_the_employees_or_not_at_all(fresh_db, monkeypatch):
    plan = references_plan(fresh_db)

    def fail(*args, **kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(fresh_db, "_audit", fail)  # the last step of the one transaction
    with pytest.raises(RuntimeError):
        imports.commit_rows(fresh_db, "employees", plan.rows, plan.applied.references)
    assert (fresh_db.count("employees"), fresh_db.count("departments"), fresh_db.count("jobs")) == (0, 0, 0)


def test_references_of_an_unchanged_file_are_still_created(fresh_db):
    raw = raw_hr()
    import_file(fresh_db, "employees", hr_bytes(), "hr.csv", suggested(raw))
    assert fresh_db.count("departments") == 0
    plan = references_plan(fresh_db, department_id="Department")
    assert (plan.counts.inserted, plan.counts.updated) == (0, 0)
    imports.commit_rows(fresh_db, "employees", plan.rows, plan.applied.references)
    assert fresh_db.count("departments") == 6


def test_managers_named_in_the_file_are_linked_to_those_employees(fresh_db):
    reference = hr_rows()
    by_name = {r["Employee_Name"]: r["EmpID"] for r in reference}
    plan = references_plan(fresh_db, manager_id="ManagerName")
    managers = plan.rows.set_index("employee_id")["manager_id"]
    # "Michael Albert" is "Albert, Michael"; "Webster Butler" is "Butler, Webster  L" (a middle initial)
    becker = next(r for r in reference if r["Employee_Name"] == "Becker, Henry")
    assert becker["ManagerName"] == "Michael Albert" and managers[becker["EmpID"]] == by_name["Albert, Michael"]
    harper = next(r for r in reference if r["Employee_Name"] == "Harper, Iris")
    assert harper["ManagerID"] == "" and managers[harper["EmpID"]] == by_name["Butler, Webster  L"]
    # Amy Dunn (7 rows) and the Board of Directors (Janet King's row) are no employees: the file's ManagerID stays
    unmatched = [r for r in reference if r["ManagerName"] in ("Amy Dunn", "Board of Directors")]
    assert len(unmatched) == 8
    assert all(managers[r["EmpID"]] == r["ManagerID"] for r in unmatched)
    assert plan.applied.managers == {"column": "ManagerName", "rows": 40 - 8, "managers": 6,
                                     "unmatched": ["Amy Dunn", "Board of Directors"], "ambiguous": []}


def test_a_manager_name_two_employees_share_links_nobody(fresh_db):
    data = b"id,name,boss\nE1,\"Lee, Ann\",\nE2,\"Lee, Ann\",\nE3,Bob Stone,Ann Lee\n"
    raw = read_file(data, "x.csv").frame
    plan = plan_import(fresh_db, "employees", raw, {"columns": {"employee_id": "id", "name_en": "name"},
                                                    "references": {"manager_id": "boss"}})
    assert plan.rows["manager_id"].isna().all()
    assert plan.applied.managers["ambiguous"] == ["Ann Lee"]


# -- command line -------------------------------------------------------------------------------------------------------------
def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hrcore", *args], cwd=ROOT, capture_output=True, text=True)


def test_cli_takes_the_hrdataset_extract_as_it_comes_and_marks_rows_with_a_termination_date_as_left(tmp_path):
    # The acceptance line of issue 28: US dates (7/5/2011), two-digit birth years (07/10/83), no --date-order.
    db = tmp_path / "hr.duckdb"
    result = run_cli("import", "employees", str(HRDATASET), "--db", str(db), "--map", "EmpID=employee_id",
                     "--map", "DateofHire=hire_date", "--map", "DOB=birth_date", "--map", "DateofTermination=exit_date")
    assert result.returncode == 0, result.stderr
    assert "employees: 40 new, 0 changed, 0 unchanged (utf-8)" in result.stdout
    lines = result.stderr.splitlines()
    assert "employee_id ← EmpID" in lines and "status ← EmploymentStatus  (suggested)" in lines
    assert "dates: birth_date read as M/D/Y, two-digit years" in lines
    from hrcore.store import Store

    store = Store(db)
    stored_rows = store.query("SELECT employee_id, status, strftime(birth_date, '%Y-%m-%d') AS born "
                              "FROM employees").set_index("employee_id")
    reference = hr_rows()
    assert {r["EmpID"] for r in reference if r["DateofTermination"]} == set(
        stored_rows.index[stored_rows["status"] == "left"])
    first = reference[0]  # Adams, Rita, born 08/26/71
    assert first["DOB"] == "08/26/71" and stored_rows.loc[first["EmpID"], "born"] == "1971-08-26"


def test_cli_without_suggestions_takes_the_status_from_the_termination_date(tmp_path):
    result = run_cli("import", "employees", str(HRDATASET), "--db", str(tmp_path / "hr.duckdb"), "--no-suggest",
                     "--map", "EmpID=employee_id", "--map", "DateofTermination=exit_date")
    assert result.returncode == 0, result.stderr
    assert "note: The status is not mapped, so it follows the exit date: 11 rows with an exit date are leavers, " \
           "29 without one are active." in result.stderr
    assert "(suggested)" not in result.stderr


def test_cli_prints_the_synonyms_used_and_the_pay_that_looks_annual(tmp_path):
    result = run_cli("import", "employees", str(HRDATASET), "--db", str(tmp_path / "hr.duckdb"))
    assert result.returncode == 0, result.stderr
    assert "synonym: gender: M → male (22 rows)" in result.stderr
    assert "synonym: exit_type: Voluntarily Terminated → voluntary (7 rows)" in result.stderr
    assert "its median, 67,254, is above 30,000" in result.stderr and "--annual-pay" in result.stderr


def test_cli_sets_values_numbers_ids_converts_annual_pay_and_creates_references(tmp_path):
    db = tmp_path / "hr.duckdb"
    source = tmp_path / "no_ids.csv"
    source.write_bytes(hr_bytes(drop=("EmpID",)))
    result = run_cli("import", "employees", str(source), "--db", str(db), "--generate-id", "US-",
                     "--set", "location=boston", "--annual-pay", "--create-references")
    assert result.returncode == 0, result.stderr
    assert "employee_id ← row number, prefix US-" in result.stderr and "location = boston" in result.stderr
    assert "departments: 6 new" in result.stdout and "jobs: 14 new" in result.stdout
    from hrcore.store import Store

    store = Store(db)
    first = store.query("SELECT * FROM employees WHERE employee_id = 'US-2'").iloc[0]
    assert (first["location"], first["base_pay"]) == ("boston", 8214.0)  # Adams, Rita: 98,568 a year ÷ 12
    king = store.query("SELECT employee_id FROM employees WHERE name_en = 'King, Janet'")["employee_id"].iloc[0]
    assert store.query("SELECT count(*) n FROM employees WHERE manager_id = ?", [king])["n"].iloc[0] == 5


def test_cli_uses_a_mapping_saved_on_the_data_page_by_its_name(tmp_path):
    from hrcore.store import Store

    db = tmp_path / "hr.duckdb"
    store = Store(db)
    store.save_mapping("hrdataset", "employees", {"columns": {"employee_id": "EmpID", "status": "Termd"},
                                                  "constants": {"location": "boston"}})
    store.close()
    result = run_cli("import", "employees", str(HRDATASET), "--db", str(db), "--mapping", "hrdataset")
    assert result.returncode == 0, result.stderr
    assert "status ← Termd" in result.stderr and "(suggested)" not in result.stderr
    store = Store(db)
    assert store.query("SELECT status, count(*) n FROM employees GROUP BY 1 ORDER BY 1").values.tolist() == [
        ["active", 29], ["left", 11]]  # Termd 1 for the 11 leavers


def test_cli_refuses_an_unknown_mapping_name_and_lists_those_it_knows(tmp_path):
    result = run_cli("import", "employees", str(HRDATASET), "--db", str(tmp_path / "hr.duckdb"), "--mapping", "hris")
    assert result.returncode == 2
    assert "no file and no mapping named 'hris' for employees; named mappings: ibm_hr_attrition" in result.stderr


def test_cli_takes_a_mapping_downloaded_from_the_data_page(tmp_path):
    mapping = tmp_path / "cn.json"
    mapping.write_text(json.dumps({"table": "employees", "columns": {"employee_id": "工号", "gender": "性别"},
                                   "values": {"gender": {"男": "male"}}}, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "hr.duckdb"
    result = run_cli("import", "employees", str(CHINESE), "--db", str(db), "--mapping", str(mapping),
                     "--value", "gender:女=")
    assert result.returncode == 0, result.stderr
    from hrcore.store import Store

    genders = Store(db).query("SELECT gender, count(*) n FROM employees GROUP BY 1 ORDER BY 1").values.tolist()
    # 女 (one written "女 ") translated to nothing: stored as missing for the 6 women of the file
    assert [[None if pd.isna(g) else g, n] for g, n in genders] == [["male", 6], [None, 6]]
    assert run_cli("import", "jobs", str(CHINESE), "--db", str(tmp_path / "hr.duckdb"), "--mapping",
                   str(mapping)).stderr.strip() == f"error: mapping: {mapping} is a mapping for employees, not jobs"
