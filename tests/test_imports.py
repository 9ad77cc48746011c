"""Importing and exporting tables: mapping, validation, all-or-nothing writes."""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
import sys

import openpyxl
import pandas as pd
import pytest

from hrcore.imports import escape_formula, export_table, import_file, read_file, suggest_mapping, validate
from tests.conftest import IBM_CSV, IBM_MAPPING, ROOT, workbook_bytes


def ibm_reference() -> list[dict]:
    """The IBM file read with the standard library, independently of hrcore."""
    with open(IBM_CSV, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def with_cell(data: bytes, row: int, column: str, value: str) -> bytes:
    """The IBM file with one cell replaced; ``row`` numbered as a spreadsheet does."""
    frame = pd.read_csv(io.BytesIO(data), dtype=str, encoding="utf-8-sig")
    frame.loc[row - 2, column] = value
    return frame.to_csv(index=False).encode("utf-8")


# -- the IBM sample ------------------------------------------------------------------------
def test_ibm_file_imports_as_employees_through_the_shipped_mapping(fresh_db, ibm_bytes, ibm_mapping):
    report = import_file(fresh_db, "employees", ibm_bytes, "ibm_hr_attrition.csv", ibm_mapping)
    reference = ibm_reference()
    assert report.written and report.problems.empty
    assert fresh_db.count("employees") == len(reference) == 1470
    leavers = fresh_db.query("SELECT count(*) AS n FROM employees WHERE status = 'left'")["n"].iloc[0]
    assert leavers == sum(r["Attrition"] == "Yes" for r in reference) == 237


def test_ibm_mapping_translates_codes_and_derives_dates(fresh_db, ibm_bytes, ibm_mapping):
    import_file(fresh_db, "employees", ibm_bytes, "ibm.csv", ibm_mapping)
    first = ibm_reference()[0]  # EmployeeNumber 1: Age 41, YearsAtCompany 6, Education 2, Female
    row = fresh_db.query("SELECT * FROM employees WHERE employee_id = ?", [first["EmployeeNumber"]]).iloc[0]
    assert row["base_pay"] == float(first["MonthlyIncome"]) == 5993
    assert row["education"] == "college" and row["gender"] == "female"
    # as-of 2024-12-31 in the mapping: 6 years of service → hired 2018-12-31, aged 41 → born 1983-12-31
    assert row["hire_date"].date().isoformat() == "2018-12-31"
    assert row["birth_date"].date().isoformat() == "1983-12-31"


def test_gbk_copy_of_the_ibm_file_gives_the_same_rows(ibm_bytes, ibm_mapping):
    from hrcore.store import Store

    utf8, gbk = Store(), Store()
    import_file(utf8, "employees", ibm_bytes, "ibm.csv", ibm_mapping)
    report = import_file(gbk, "employees", ibm_bytes.decode("utf-8-sig").encode("gbk"), "ibm.csv", ibm_mapping)
    assert report.written
    pd.testing.assert_frame_equal(utf8.table("employees"), gbk.table("employees"))


def test_ibm_file_with_one_bad_value_imports_nothing_and_names_row_and_column(fresh_db, ibm_bytes, ibm_mapping):
    bad = with_cell(ibm_bytes, row=101, column="MonthlyIncome", value="5,99O")
    report = import_file(fresh_db, "employees", bad, "ibm.csv", ibm_mapping)
    assert not report.written
    assert report.problems.to_dict("records") == [
        {"row": 101, "column": "base_pay", "value": "5,99O", "reason": "not a number", "code": "not_a_number",
         "values": {}}]
    assert fresh_db.count("employees") == 0


def test_reimporting_the_same_extract_changes_nothing(fresh_db, ibm_bytes, ibm_mapping):
    import_file(fresh_db, "employees", ibm_bytes, "ibm.csv", ibm_mapping)
    before = fresh_db.table("employees")
    again = import_file(fresh_db, "employees", ibm_bytes, "ibm.csv", ibm_mapping)
    assert (again.counts.inserted, again.counts.updated, again.counts.unchanged) == (0, 0, 1470)
    pd.testing.assert_frame_equal(before, fresh_db.table("employees"))


def test_a_bad_row_in_a_second_import_leaves_the_first_untouched(fresh_db, ibm_bytes, ibm_mapping):
    import_file(fresh_db, "employees", ibm_bytes, "ibm.csv", ibm_mapping)
    before = fresh_db.table("employees")
    raised = ibm_bytes.replace(b",5993,", b",6500,", 1)
    broken = with_cell(raised, row=1471, column="Attrition", value="Maybe")
    report = import_file(fresh_db, "employees", broken, "ibm.csv", ibm_mapping)
    assert not report.written
    assert report.problems[["row", "column"]].values.tolist() == [[1471, "status"]]
    pd.testing.assert_frame_equal(before, fresh_db.table("employees"))


# -- encodings and formats ----------------------------------------------------------------------
CHINESE_CSV = "员工编号,姓名,部门,入职日期,基本工资\nE1,张伟,研发部,2021-03-01,\"12,500\"\nE2,李娜,客服部,2022年7月15日,8000\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_chinese_headers_and_names_read_the_same_in_every_encoding(fresh_db, encoding):
    report = import_file(fresh_db, "employees", CHINESE_CSV.encode(encoding), "staff.csv",
                         {"columns": suggest_mapping(["员工编号", "姓名", "部门", "入职日期", "基本工资"], "employees")})
    assert report.written, report.problems
    table = fresh_db.table("employees")
    assert table["name_zh"].tolist() == ["张伟", "李娜"]
    assert table["department_id"].tolist() == ["研发部", "客服部"]
    assert table["base_pay"].tolist() == [12500.0, 8000.0]
    assert [d.date().isoformat() for d in table["hire_date"]] == ["2021-03-01", "2022-07-15"]


def test_xlsx_files_import_like_csv(fresh_db):
    buffer = io.BytesIO()
    pd.DataFrame({"employee_id": ["E1", "E2"], "hire_date": pd.to_datetime(["2020-01-02", "2021-05-06"]),
                  "base_pay": [9000, 9500.5], "key_talent": [True, False]}).to_excel(buffer, index=False)
    report = import_file(fresh_db, "employees", buffer.getvalue(), "staff.xlsx")
    assert report.written, report.problems
    table = fresh_db.table("employees")
    assert table["base_pay"].tolist() == [9000.0, 9500.5]
    assert table["key_talent"].tolist() == [True, False]


def test_binary_garbage_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="neither UTF-8 nor GBK"):
        read_file(bytes([0x81, 0x20, 0xFF, 0xFE]) * 10, "staff.csv")


def test_repeated_column_names_are_refused():
    with pytest.raises(ValueError, match="repeated: id"):
        read_file(b"id,id\n1,2\n", "x.csv")


# Files that Arrow's reader takes (the fast path) next to files it leaves to pandas (the careful path).
READER_CASES = {
    "lf": "a,b\n1,2\n3,4\n",
    "crlf": "a,b\r\n1,2\r\n3,4\r\n",
    "cr alone (Excel for Mac)": "a,b\r1,2\r3,4\r",
    "newline inside quotes": 'a,b\n"x\ny",2\n3,4\n',
    "quoted empty cells": 'a,b\n"",2\n3,""\n',
    "row of empty cells": "a,b\n1,2\n,\n3,4\n",
    "blank line": "a,b\n1,2\n\n3,4\n",
    "spaces kept": "a,b\n 1 , 2\n  ,4\n",
    "chinese": "姓名,工号\n张三,E1\n李四,E2\n",
    "byte-order mark": "\ufeffa,b\n1,2\n",
    "no final newline": "a,b\n1,2\n3,4",
    "header only": "a,b\n",
    "short row": "a,b,c\n1,2\n3,4,5\n",
    "one column with a blank line": "a\n1\n\n2\n",
    "words that are not missing": "a,b\nNA,null\nN/A,None\n",
    "formula guard": "a,b\n'=1+1,'-3\n",
    "doubled quotes": 'a,b\n"he said ""hi""",2\n',
    "spaced header": " a ,b\n1,2\n",
}


@pytest.mark.parametrize("text", READER_CASES.values(), ids=READER_CASES.keys())
def test_fast_and_careful_csv_readers_give_the_same_cells(text):
    # The careful reader is pandas' parser on the decoded text; read_file takes Arrow's when it can.
    fast = read_file(text.encode("utf-8"), "staff.csv")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("hrcore.imports._read_plain_utf8_csv", lambda data: None)
        careful = read_file(text.encode("utf-8"), "staff.csv")
    pd.testing.assert_frame_equal(fast.frame, careful.frame)
    assert fast.encoding == careful.encoding


def test_validation_types_cells_alike_whatever_their_string_storage():
    # Arrow-backed text takes Arrow's number parser unless a cell needs cleaning; Python strings never do.
    cells = {"employee_id": ["E1", "E2", "E3", "E4", "E5"],
             "base_pay": ["9000", "9500.5", None, "nan", "inf"],
             "target_bonus": ["1,200", " 300 ", "abc", None, "5"],
             "grade": ["3", "4.0", "4.5", None, "3000000000"],
             "hire_date": ["2020-01-31", "2020年2月1日", "2020/3/1", "2021-02-30", None],
             "gender": ["Female", "male", "other", None, "MALE"]}
    arrow = pd.DataFrame({c: pd.array(v, dtype=pd.StringDtype("pyarrow")) for c, v in cells.items()})
    python = pd.DataFrame({c: pd.array(v, dtype=pd.StringDtype("python")) for c, v in cells.items()})
    typed_arrow, problems_arrow = validate(arrow, "employees")
    typed_python, problems_python = validate(python, "employees")
    pd.testing.assert_frame_equal(problems_arrow, problems_python)
    pd.testing.assert_frame_equal(typed_arrow.astype(object).fillna(pd.NA), typed_python.astype(object).fillna(pd.NA),
                                  check_dtype=False)
    # and what a user is told, row by row (spreadsheet rows: header 1, data from 2)
    assert {(p["row"], p["column"]) for p in problems_arrow.to_dict("records")} >= {
        (5, "base_pay"), (6, "base_pay"), (4, "target_bonus"), (4, "grade"), (6, "grade"), (5, "hire_date")}


# -- validation ---------------------------------------------------------------------------------
def test_every_problem_is_reported_not_just_the_first(fresh_db):
    data = ("employee_id,hire_date,exit_date,status,grade,base_pay,gender\n"
            "E1,2020-01-01,,active,3,9000,female\n"
            "E2,2020-13-01,,active,3.5,-1,unknown\n"
            ",2020-01-01,2019-01-01,left,2,5000,male\n"
            "E1,2021-01-01,2022-01-01,active,2,5000,male\n").encode()
    report = import_file(fresh_db, "employees", data, "x.csv")
    problems = {(p["row"], p["column"]): p["reason"] for p in report.problems.to_dict("records")}
    assert problems == {
        (3, "hire_date"): "not a date (use YYYY-MM-DD)",
        (3, "grade"): "not a whole number",
        (3, "base_pay"): "must be at least 0",
        (3, "gender"): "not one of: female, male (translate values in the mapping)",
        (4, "employee_id"): "required value is missing",
        (4, "exit_date"): "exit date is before the hire date",
        (5, "employee_id"): "repeats the key of row 2",
        (5, "exit_date"): "an exit date is given but the status is active (the file's status is taken as it is: "
                          "translate it to left, or leave status unmapped so that an exit date marks a leaver)",
    }
    assert fresh_db.count("employees") == 0


def test_an_unmapped_required_column_is_named(fresh_db):
    report = import_file(fresh_db, "employees", b"name\nZhang Wei\n", "x.csv", {"columns": {"name_zh": "name"}})
    assert report.problems.to_dict("records") == [
        {"row": 1, "column": "employee_id", "value": "", "reason": "required column is not mapped",
         "code": "required_not_mapped", "values": {}}]


def test_value_translations_and_case_of_choices(fresh_db):
    data = "id,Attrition,Gender\n1,Yes,Male\n2,No,FEMALE\n".encode()
    mapping = {"columns": {"employee_id": "id", "status": "Attrition", "gender": "Gender"},
               "values": {"status": {"Yes": "left", "No": "active"}}}
    assert import_file(fresh_db, "employees", data, "x.csv", mapping).written
    table = fresh_db.table("employees")
    assert table["status"].tolist() == ["left", "active"]
    assert table["gender"].tolist() == ["male", "female"]


def test_derive_multiply_turns_annual_pay_into_monthly(fresh_db):
    data = b"id,annual\n1,\"120,000\"\n"
    mapping = {"columns": {"employee_id": "id"},
               "derive": {"base_pay": {"op": "multiply", "source": "annual", "factor": 1 / 12}}}
    import_file(fresh_db, "employees", data, "x.csv", mapping)
    assert fresh_db.table("employees")["base_pay"].tolist() == [10000.0]


def test_unknown_departments_are_a_note_not_an_error(fresh_db):
    report = import_file(fresh_db, "employees", b"employee_id,department_id\n1,Sales\n", "x.csv")
    assert report.written
    assert report.warnings == [("unknown_references", {"n": 1, "column": "department_id", "table": "departments",
                                                       "values": "Sales"})]


# -- export ---------------------------------------------------------------------------------------
TRICKY = pd.DataFrame({
    "employee_id": ["E1", "E2", "E3", "E4"],
    "name_zh": ["=HYPERLINK(\"http://evil\")", "+86 123", "-1", "'=quoted"],
    "name_en": ["@SUM(A1)", "Li Na", None, "'plain"],
    "hire_date": pd.to_datetime(["2020-01-31", "2019-02-28", None, "2024-02-29"]),
    "base_pay": [10123.45, -0.0 + 8000, None, 1e6 / 3],
    "key_talent": [True, False, None, True],
    "status": ["active", "active", "left", "left"],
})


def test_export_guards_cells_a_spreadsheet_would_run(fresh_db):
    fresh_db.upsert("employees", TRICKY)
    exported = pd.read_csv(io.BytesIO(export_table(fresh_db, "employees", "csv")), dtype=str, encoding="utf-8-sig")
    assert exported["name_zh"].tolist() == ["'=HYPERLINK(\"http://evil\")", "'+86 123", "'-1", "''=quoted"]
    assert exported["name_en"].fillna("").tolist() == ["'@SUM(A1)", "Li Na", "", "'plain"]
    sheet = openpyxl.load_workbook(io.BytesIO(export_table(fresh_db, "employees", "xlsx"))).active
    cells = [sheet.cell(row=r, column=2) for r in range(2, 6)]
    assert all(c.data_type == "s" and c.value.startswith("'") for c in cells)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(fresh_db, fmt):
    fresh_db.upsert("employees", TRICKY)
    before = fresh_db.table("employees")
    report = import_file(fresh_db, "employees", export_table(fresh_db, "employees", fmt), f"employees.{fmt}")
    assert report.written, report.problems
    assert (report.counts.inserted, report.counts.updated, report.counts.unchanged) == (0, 0, 4)
    pd.testing.assert_frame_equal(before, fresh_db.table("employees"))


def test_escape_formula_is_undone_by_import():
    for text in ["=1+2", "+1", "-x", "@a", "'=b", "'x", "''=c", "ok"]:
        guarded = escape_formula(text)
        assert not guarded.startswith(("=", "+", "-", "@"))
        raw = read_file(f"employee_id,name_zh\n1,{guarded}\n".encode(), "x.csv").frame
        assert raw["name_zh"].iloc[0] == text


# -- command line ------------------------------------------------------------------------------------
def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hrcore", *args], cwd=ROOT, capture_output=True, text=True)


def test_cli_import_with_maps_and_export(tmp_path, ibm_bytes):
    db = tmp_path / "hr.duckdb"
    result = run_cli("import", "employees", str(IBM_CSV), "--db", str(db), "--no-suggest",
                     "--map", "EmployeeNumber=employee_id", "--map", "Attrition=status",
                     "--map", "MonthlyIncome=base_pay", "--value", "status:Yes=left", "--value", "status:No=active",
                     "--derive", "hire_date=years_before(YearsAtCompany,2024-12-31)")
    assert result.returncode == 0, result.stderr
    assert "employees: 1470 new, 0 changed, 0 unchanged" in result.stdout
    out = tmp_path / "employees.xlsx"
    assert run_cli("export", "employees", str(out), "--db", str(db)).returncode == 0
    assert len(pd.read_excel(out)) == 1470


def test_cli_refuses_a_bad_file_with_the_same_report_and_non_zero_exit(tmp_path, ibm_bytes):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(with_cell(ibm_bytes, row=7, column="Attrition", value="Perhaps"))
    problems = tmp_path / "problems.csv"
    result = run_cli("import", "employees", str(bad), "--db", str(tmp_path / "hr.duckdb"),
                     "--mapping", str(IBM_MAPPING), "--problems", str(problems))
    assert result.returncode == 1
    assert "1 problem(s) in bad.csv; nothing was written." in result.stderr
    assert "status" in result.stderr and "Perhaps" in result.stderr
    listed = pd.read_csv(problems, encoding="utf-8-sig")
    assert listed.to_dict("records") == [{"row": 7, "column": "status", "value": "Perhaps",
                                          "reason": "not one of: active, left (translate values in the mapping)",
                                          "code": "not_one_of"}]
    assert "employees                       0" in run_cli("tables", "--db", str(tmp_path / "hr.duckdb")).stdout


# -- hostile files (issue 27, items 4 and 13): refused whole, nothing written ---------------------------------------
def with_saved_value(data: bytes, formula: str, value: str) -> bytes:
    """The workbook with ``value`` saved for ``formula``, as Excel leaves a calculated cell."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = content.replace(f"<f>{formula}</f><v />".encode(), f"<f>{formula}</f><v>{value}</v>".encode())
                content = content.replace(f"<f>{formula}</f><v></v>".encode(), f"<f>{formula}</f><v>{value}</v>".encode())
            target.writestr(item, content)
    return out.getvalue()


def test_xlsx_formula_without_cached_value_is_refused_by_row_and_column(fresh_db):
    import_file(fresh_db, "employees", b"employee_id,name_zh,base_pay\nE1,Wang Fang,9000\nE2,Li Na,9500\n", "x.csv")
    before = fresh_db.table("employees")
    data = workbook_bytes([["employee_id", "name_zh", "base_pay"],
                       ["E1", "Wang Fang", 9000],
                       ["E2", '=UPPER("li na")', "=9500*1.1"]])
    report = import_file(fresh_db, "employees", data, "staff.xlsx")
    assert not report.written
    assert report.problems[["row", "column", "value"]].values.tolist() == [
        [3, "base_pay", "=9500*1.1"], [3, "name_zh", '=UPPER("li na")']]
    assert all("formula" in reason and "saved value" in reason for reason in report.problems["reason"])
    pd.testing.assert_frame_equal(before, fresh_db.table("employees"))


def test_xlsx_formula_with_a_saved_value_imports_its_value(fresh_db):
    data = with_saved_value(workbook_bytes([["employee_id", "base_pay"], ["E1", "=9000*2"]]), "9000*2", "18000")
    report = import_file(fresh_db, "employees", data, "staff.xlsx")
    assert report.written, report.problems
    assert fresh_db.table("employees")["base_pay"].tolist() == [18000.0]


def test_csv_mixing_utf8_and_gbk_is_refused_not_read_as_mojibake(fresh_db):
    data = "employee_id,name_zh\n".encode() + "E1,张三\n".encode("utf-8") + "E2,李四\n".encode("gbk")
    with pytest.raises(ValueError, match=r"mixes two encodings: line 2 is UTF-8 .* line 3 is not"):
        import_file(fresh_db, "employees", data, "staff.csv")
    assert fresh_db.count("employees") == 0


def test_gbk_lines_that_happen_to_be_valid_utf8_are_not_taken_for_a_mix():
    # 女 in GBK is C5 AE, which UTF-8 reads as "Ů": a GBK file is not refused for such a line.
    text = "工号,姓名,性别\nE1,王芳,女\nE2,李娜,女\nE3,张伟,男\n"
    assert read_file(text.encode("gbk"), "staff.csv").frame["性别"].tolist() == ["女", "女", "男"]


def test_text_longer_than_an_excel_cell_is_refused_on_xlsx_export_by_row_and_column(fresh_db):
    long = "x" * 40_000
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["E1", "E2"], "exit_reason": ["short", long]}))
    with pytest.raises(ValueError, match=r"row 3 \(employee_id E2\), column exit_reason: 40,000 characters.*CSV"):
        export_table(fresh_db, "employees", "xlsx")
    from hrcore.imports import xlsx_overflow

    assert xlsx_overflow(fresh_db, "employees") == (3, "E2", "exit_reason", 40_000)
    exported = pd.read_csv(io.BytesIO(export_table(fresh_db, "employees", "csv")), dtype=str, encoding="utf-8-sig")
    assert exported["exit_reason"].tolist() == ["short", long]  # CSV keeps all of it


def test_ids_that_only_look_alike_are_one_person_and_control_characters_are_refused(fresh_db):
    import_file(fresh_db, "employees", b"employee_id,name_en,manager_id\nE1,Ana,\nE2,Bo,E1\n", "x.csv")
    # Full-width letters and digits, a trailing no-break space: the same ids once normalised (NFKC) and trimmed.
    report = import_file(fresh_db, "employees", "employee_id,name_en,manager_id\nＥ１\u00a0,Ana,\nE2,Bo Li,ＥＩ\n"
                         .replace("ＥＩ", "Ｅ１").encode(), "x.csv")
    assert report.written, report.problems
    assert (report.counts.inserted, report.counts.updated) == (0, 1)
    assert fresh_db.table("employees")[["employee_id", "manager_id"]].fillna("").values.tolist() == [
        ["E1", ""], ["E2", "E1"]]
    before = fresh_db.table("employees")
    hostile = ('employee_id,name_en,manager_id\nE1\u200b,Ana,\n"E\n2",Bo,\nE3,Cy,\u202eE1\nE4,Di,E1\x07\n').encode()
    report = import_file(fresh_db, "employees", hostile, "x.csv")
    assert not report.written
    assert report.problems[["row", "column"]].values.tolist() == [
        [2, "employee_id"], [3, "employee_id"], [4, "manager_id"], [5, "manager_id"]]
    assert report.problems["reason"].tolist() == [
        "holds an invisible or control character (U+200B)", "holds an invisible or control character (U+000A)",
        "holds an invisible or control character (U+202E)", "holds an invisible or control character (U+0007)"]
    pd.testing.assert_frame_equal(before, fresh_db.table("employees"))


def bomb_xlsx(rows: int) -> bytes:
    """A workbook that compresses well: the same long text in every cell."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["employee_id", "name_en"])
    for n in range(rows):
        sheet.append([f"E{n}", "a" * 500])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_that_expands_beyond_the_limit_is_refused_before_parsing(fresh_db, monkeypatch):
    data = bomb_xlsx(4000)  # 2 MB of XML in a zip of some 40 KB
    assert len(data) < 100_000 < 2_000_000 < sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setenv("HRCORE_MAX_UNCOMPRESSED_MB", "1")
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("parsed before the size was checked"))
    with pytest.raises(ValueError, match=r"expands to 2\.\d MB.*limit is 1 MB.*HRCORE_MAX_UNCOMPRESSED_MB"):
        import_file(fresh_db, "employees", data, "bomb.xlsx")
    assert fresh_db.count("employees") == 0


def test_files_with_more_rows_than_the_limit_are_refused_before_parsing(fresh_db, monkeypatch):
    monkeypatch.setenv("HRCORE_MAX_IMPORT_ROWS", "3")
    csv_rows = "employee_id\n" + "".join(f"E{n}\n" for n in range(4))
    with pytest.raises(ValueError, match=r"4 rows.*limit is 3.*HRCORE_MAX_IMPORT_ROWS"):
        import_file(fresh_db, "employees", csv_rows.encode(), "staff.csv")
    with pytest.raises(ValueError, match=r"4 rows.*limit is 3.*HRCORE_MAX_IMPORT_ROWS"):
        import_file(fresh_db, "employees", bomb_xlsx(4), "staff.xlsx")
    assert fresh_db.count("employees") == 0
    assert import_file(fresh_db, "employees", "employee_id\nE1\nE2\nE3\n".encode(), "staff.csv").written


def test_default_limits_admit_a_million_employee_extract():
    from hrcore.imports import upload_limits

    megabytes, rows = upload_limits()
    # bench/: a million active employees export 1.44 million rows of some 150 bytes (about 215 MB of CSV).
    assert megabytes >= 256 and rows >= 2_000_000


def test_uploads_are_parsed_in_a_worker_process_with_the_same_result(monkeypatch):
    from hrcore import imports

    data = "工号,姓名\nA1,王芳\n".encode("gbk")
    expected = read_file(data, "x.csv").frame
    refusal = workbook_bytes([["employee_id", "base_pay"], ["E1", "=1+1"]])
    monkeypatch.setattr(imports, "read_file", lambda *args: pytest.fail("parsed in the app's own process"))
    pd.testing.assert_frame_equal(imports.read_file_in_worker(data, "x.csv").frame, expected)
    with pytest.raises(ValueError, match="neither UTF-8 nor GBK"):
        imports.read_file_in_worker(bytes([0x81, 0x20, 0xFF, 0xFE]) * 10, "staff.csv")
    with pytest.raises(imports.FileProblems) as refused:
        imports.read_file_in_worker(refusal, "staff.xlsx")
    assert refused.value.problems[["row", "column"]].values.tolist() == [[2, "base_pay"]]


def test_pay_above_the_ceiling_is_refused_by_row_column_and_value(fresh_db):
    # One pay of 1e308 made every payroll total infinite and the pay page's cost tab crash.
    data = b"employee_id,base_pay,target_bonus\nE1,1e308,5\nE2,5000,2000000000\nE3,1000000000,0\n"
    report = import_file(fresh_db, "employees", data, "staff.csv")
    assert not report.written and fresh_db.count("employees") == 0
    assert report.problems.to_dict("records") == [
        {"row": 2, "column": "base_pay", "value": "1e308", "reason": "must be at most 1,000,000,000",
         "code": "at_most", "values": {"bound": 1_000_000_000}},
        {"row": 3, "column": "target_bonus", "value": "2000000000", "reason": "must be at most 1,000,000,000",
         "code": "at_most", "values": {"bound": 1_000_000_000}}]


def test_the_problem_list_downloads_with_the_reason_in_the_readers_language_and_its_code(fresh_db):
    report = import_file(fresh_db, "employees", b"employee_id,status\nE1,maybe\nE1,active\n", "x.csv")
    from hrcore.imports import problems_csv

    listed = pd.read_csv(io.BytesIO(problems_csv(report.problems, "zh")), encoding="utf-8-sig")
    # The catalogue's Chinese for the two planted problems; the repeat names the row it repeats.
    assert listed.to_dict("records") == [
        {"row": 2, "column": "status", "value": "maybe", "reason": "不在允许值之内：active、left（可在映射中转换取值）",
         "code": "not_one_of"},
        {"row": 3, "column": "employee_id", "value": "E1", "reason": "与第 2 行的编号重复", "code": "repeats_key"}]
    assert report.problems["values"].tolist() == [{"choices": ["active", "left"]}, {"row": 2}]
