"""The Data page: upload, map, check, import; export."""

from __future__ import annotations

import io
import json
from datetime import date

import openpyxl
import pandas as pd

from hrcore import company
from hrcore.store import open_store
from tests.app.conftest import app, open_tab
from tests.app.test_downloads import media  # noqa: F401 (a fixture)
from tests.conftest import ROOT, workbook_bytes


def upload(at, data: bytes, name: str):
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def choose_mapping(at, name: str, label: str = "Start from"):
    next(s for s in at.selectbox if s.label == label).set_value(name).run()
    assert not at.exception, [e.message for e in at.exception]


def test_ibm_file_imports_through_the_page_with_the_shipped_mapping(db_path, ibm_bytes):
    at = upload(app("views/data.py"), ibm_bytes, "ibm_hr_attrition.csv")
    assert "1,470 rows and 35 columns read (utf-8 (BOM))" in at.success[0].value
    choose_mapping(at, "ibm_hr_attrition")
    next(b for b in at.button if b.label == "Check the file").click().run()
    assert any("All 1,470 rows are valid: 1,470 new, 0 changed, 0 unchanged." in s.value for s in at.success)
    next(b for b in at.button if b.label.startswith("Import 1,470 rows")).click().run()
    assert any("Imported: 1,470 new" in s.value for s in at.success)
    counts = open_store(db_path).query("SELECT status, count(*) AS n FROM employees GROUP BY 1 ORDER BY 1")
    assert counts.set_index("status")["n"].to_dict() == {"active": 1233, "left": 237}


def test_a_bad_cell_is_listed_with_row_and_column_and_nothing_is_written(db_path, ibm_bytes):
    frame = pd.read_csv(io.BytesIO(ibm_bytes), dtype=str, encoding="utf-8-sig")
    frame.loc[41, "MonthlyIncome"] = "n/a"      # spreadsheet row 43
    at = upload(app("views/data.py", lang="zh"), frame.to_csv(index=False).encode("gbk"), "ibm_gbk.csv")
    choose_mapping(at, "ibm_hr_attrition", label="起始映射")
    next(b for b in at.button if b.label == "校验文件").click().run()
    assert "文件中发现 1 处问题" in at.error[0].value
    problems = at.tabs[0].dataframe[-1].value
    assert problems.to_dict("records") == [{"行": 43, "列": "base_pay", "值": "n/a", "原因": "不是数字"}]
    assert not [b for b in at.button if b.label.startswith("将")]
    assert open_store(db_path).count("employees") == 0


def test_a_chinese_page_lists_a_bad_files_problems_in_chinese_by_row_and_column(db_path):
    data = "employee_id,status,base_pay,hire_date\nE1,active,5000,2020-01-01\nE1,perhaps,-5,2020-02-30\nE3,left,abc,\n"
    at = upload(app("views/data.py", lang="zh"), data.encode(), "staff.csv")
    next(b for b in at.button if b.label == "校验文件").click().run()
    assert "文件中发现 5 处问题" in at.error[0].value
    problems = at.tabs[0].dataframe[-1].value
    # The catalogue's Chinese for each problem planted above, the repeat naming the row it repeats.
    assert problems.to_dict("records") == [
        {"行": 3, "列": "base_pay", "值": "-5", "原因": "不能小于 0"},
        {"行": 3, "列": "employee_id", "值": "E1", "原因": "与第 2 行的编号重复"},
        {"行": 3, "列": "hire_date", "值": "2020-02-30", "原因": "不是日期（请用 YYYY-MM-DD）"},
        {"行": 3, "列": "status", "值": "perhaps", "原因": "不在允许值之内：active、left（可在映射中转换取值）"},
        {"行": 4, "列": "base_pay", "值": "abc", "原因": "不是数字"}]
    assert open_store(db_path).count("employees") == 0


def test_a_chinese_page_says_how_the_dates_were_read_in_chinese(db_path):
    at = upload(app("views/data.py", lang="zh"), b"employee_id,birth_date\nE1,7/13/83\n", "staff.csv")
    next(b for b in at.button if b.label == "校验文件").click().run()
    # 13 can only be the day, so the month comes first; 83 is a two-digit year.
    assert any(c.value.startswith("日期识别为：") and c.value.endswith("M/D/Y，两位年份") for c in at.caption), \
        [c.value for c in at.caption]


def test_a_chinese_page_says_why_a_file_cannot_be_read_in_chinese(db_path):
    at = upload(app("views/data.py", lang="zh"), "a\n张三\n".encode() + "李四\n".encode("gbk"), "mixed.csv")
    assert at.error[0].value == ("无法读取文件：mixed.csv 混用了两种编码：第 2 行是 UTF-8，第 3 行不是（GBK？）；"
                                 "请将整个文件保存为同一种编码，最好是 CSV UTF-8")


def test_suggested_mapping_finds_the_id_column_by_itself(db_path):
    at = upload(app("views/data.py"), "工号,姓名\nA1,王芳\n".encode("gbk"), "staff.csv")
    next(b for b in at.button if b.label == "Check the file").click().run()
    next(b for b in at.button if b.label.startswith("Import 1 rows")).click().run()
    assert open_store(db_path).table("employees")[["employee_id", "name_zh"]].values.tolist() == [["A1", "王芳"]]


def test_export_tab_offers_every_table_for_download(ibm_db):
    at = app("views/data.py")
    buttons = [b for b in at.get("download_button")]
    assert any("Employees (1,470 rows)" in b.proto.label for b in buttons)


# -- hostile files (issue 27, items 4 and 13) ------------------------------------------------------------------------
def test_a_workbook_with_formulas_without_saved_values_is_refused_cell_by_cell(db_path):
    data = workbook_bytes([["employee_id", "name_zh", "base_pay"], ["E1", "王芳", "=9000*1.1"]])
    at = upload(app("views/data.py"), data, "staff.xlsx")
    assert "1 cells of the file hold a formula without a saved value" in at.warning[0].value
    problems = at.tabs[0].dataframe[-1].value
    assert problems[["Row", "Column", "Value"]].values.tolist() == [[2, "base_pay", "=9000*1.1"]]
    assert not [b for b in at.button if b.label == "Check the file"]
    assert open_store(db_path).count("employees") == 0


def test_an_upload_over_the_size_limit_is_refused_with_the_limit_and_how_to_raise_it(db_path, monkeypatch):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for n in range(3000):
        sheet.append([f"E{n}", "a" * 500])
    buffer = io.BytesIO()
    book.save(buffer)
    monkeypatch.setenv("HRCORE_MAX_UNCOMPRESSED_MB", "1")
    at = upload(app("views/data.py"), buffer.getvalue(), "bomb.xlsx")
    shown = at.error[0].value.replace("\\_", "_")  # the Markdown source: the file's words escaped, shown as typed
    assert "the limit is 1 MB (set HRCORE_MAX_UNCOMPRESSED_MB to raise it" in shown
    assert open_store(db_path).count("employees") == 0


def test_xlsx_export_of_text_an_excel_cell_cannot_hold_is_not_offered_and_says_why(db_path):
    store = open_store(db_path)
    store.upsert("employees", pd.DataFrame({"employee_id": ["E1", "E2"], "exit_reason": ["short", "x" * 40_000]}))
    at = app("views/data.py")
    at.radio(key="export_format").set_value("xlsx").run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("row 3 (E2), column exit_reason holds 40,000 characters" in w.value.replace("\\_", "_") for w in at.warning)
    button = next(b for b in at.get("download_button") if "Employees" in b.proto.label)
    assert button.proto.disabled
    at.radio(key="export_format").set_value("csv").run()
    assert not next(b for b in at.get("download_button") if "Employees" in b.proto.label).proto.disabled


def test_the_page_asks_once_whether_day_or_month_comes_first_and_the_saved_mapping_keeps_the_answer(db_path):
    data = "工号,入职日期\nA1,05/07/2011\nA2,01/02/2012\n".encode("gbk")
    at = upload(app("views/data.py"), data, "staff.csv")
    assert not [r for r in at.radio if r.key and r.key.startswith("date-order")]  # not asked before it matters
    next(b for b in at.button if b.label == "Check the file").click().run()
    assert "day and month cannot be told apart" in at.tabs[0].dataframe[-1].value["Reason"].iloc[0]
    order = next(r for r in at.radio if r.key and r.key.startswith("date-order"))
    order.set_value("DMY").run()
    next(b for b in at.button if b.label == "Check the file").click().run()
    assert any("All 2 rows are valid" in s.value for s in at.success)
    assert any("hire\\_date: D/M/Y" in c.value for c in at.caption)
    at.text_input(key="save-name-employees").input("hris").run()
    next(b for b in at.button if b.label == "Save mapping").click().run()
    assert open_store(db_path).mappings("employees")["hris"]["date_order"] == "DMY"
    next(b for b in at.button if b.label.startswith("Import 2 rows")).click().run()
    hired = open_store(db_path).query("SELECT strftime(hire_date, '%Y-%m-%d') AS d FROM employees ORDER BY 1")
    assert hired["d"].tolist() == ["2011-07-05", "2012-02-01"]


def test_company_settings_set_on_the_page_move_every_page_to_the_date_and_the_currency(ibm_db):
    at = app("views/data.py")
    # The IBM sample holds hire dates derived at 31 Dec 2024 (its mapping): that is the extract's date.
    assert at.radio(key="set_as_of_mode_en").options[0].startswith("The extract's date: 31 Dec 2024")
    at.radio(key="set_as_of_mode_en").set_value("chosen")
    at.date_input(key="set_as_of_day").set_value(date(2019, 1, 1))
    at.text_input(key="set_currency").set_value("usd")
    at.number_input(key="set_local_wage").set_value(9_000)
    at.number_input(key="set_local_min_wage").set_value(2_740)
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.success[0].value == "Settings saved: every page now computes at 1 Jan 2019."
    saved = company.load(open_store(ibm_db))
    assert (saved.as_of, saved.currency, saved.local_avg_wage) == (date(2019, 1, 1), "USD", 9_000.0)
    assert saved.local_min_wage == 2_740.0

    overview = app()
    # The IBM mapping derives hire dates from years at the company (at 31 Dec 2024): people with fewer than six
    # years had not joined on 1 Jan 2019.  Counted independently in pandas from the stored rows.
    people = open_store(ibm_db).table("employees")
    day = pd.Timestamp("2019-01-01")
    employed = people[(people["hire_date"] <= day) & (people["exit_date"].isna() | (people["exit_date"] > day))
                      & ~((people["status"] == "left") & people["exit_date"].isna())]
    shown = {m.label: m.value for m in overview.metric}
    assert shown["Headcount"] == f"{len(employed):,}"
    assert shown["Annual payroll"] == f"${12 * employed['base_pay'].sum() / 1e6:.1f}M"
    assert "money in USD" in " ".join(c.value for c in overview.caption)


def test_a_refused_setting_says_why_and_keeps_what_was_saved(ibm_db):
    at = app("views/data.py", lang="zh")
    at.text_input(key="set_currency").set_value("元")
    next(b for b in at.button if b.label == "保存设置").click().run()
    assert at.error[0].value == "币种：须为三位字母的 ISO 4217 代码（如 CNY、USD、EUR），实际为 '元'"
    assert company.load(open_store(ibm_db)).currency == "CNY"
# -- mappings that cover real extracts (issue 28 items 3-5) ---------------------------------------------------------------
HRDATASET = ROOT / "tests" / "data" / "hrdataset_v14_synthetic.csv"
CHINESE = ROOT / "tests" / "data" / "cn_hr_extract_gbk.csv"


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def tick(at, label_start: str):
    next(c for c in at.checkbox if c.label.startswith(label_start)).check().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_mapping_step_shows_the_built_in_translations_and_the_check_counts_them(db_path):
    at = upload(app("views/data.py", lang="zh"), CHINESE.read_bytes(), "cn.csv")
    # Before the check: what the synonyms would do to this file, value by value (counted from the file: 9 在职)
    shown = next(d.value for d in at.dataframe if "行数" in d.value.columns)
    assert ["status", "在职", "active", "9"] in shown.values.tolist()
    assert ["gender", "女", "female", "6"] in shown.values.tolist()  # one written "女 "
    click(at, "校验文件")
    # 12 rows × status, gender and education, and the 3 leavers' 离职类型: 39 cells
    assert any(e.label == "共有 39 个取值按内置同义词转换" for e in at.expander)
    click(at, "将 12 行导入 员工")
    stored = open_store(db_path).query("SELECT status, count(*) AS n FROM employees GROUP BY 1 ORDER BY 1")
    assert stored.values.tolist() == [["active", 9], ["left", 3]]


def test_pay_that_looks_annual_is_divided_by_12_with_one_click(db_path):
    at = upload(app("views/data.py"), HRDATASET.read_bytes(), "HRDataset_v14.csv")
    click(at, "Check the file")
    assert "its median, 67,254, is above 30,000" in at.warning[0].value
    click(at, "Divide by 12 and check again")
    assert not at.warning and any("All 40 rows are valid" in s.value for s in at.success)
    assert next(c for c in at.checkbox if c.label.startswith("Pay in this file is per year")).value
    click(at, "Import 40 rows into Employees")
    first = open_store(db_path).query("SELECT base_pay FROM employees WHERE employee_id = '10001'")["base_pay"]
    assert first.tolist() == [8214.0]  # Adams, Rita: 98,568 a year


def test_a_file_without_an_id_column_is_offered_ids_from_its_row_numbers(db_path):
    frame = pd.read_csv(HRDATASET, dtype=str, keep_default_na=False).drop(columns=["EmpID"])
    at = upload(app("views/data.py"), frame.to_csv(index=False).encode(), "no_ids.csv")
    tick(at, "No id column is mapped")
    assert at.text_input(key=next(k.key for k in at.text_input if k.key.startswith("prefix-"))).value == "E"
    click(at, "Check the file")
    assert any("Ids made from row numbers: employee_id E2 … E41 (40 rows)" in i.value.replace("\\_", "_")
               for i in at.info)
    click(at, "Import 40 rows into Employees")
    ids = open_store(db_path).query("SELECT employee_id FROM employees")["employee_id"]
    assert sorted(ids, key=lambda i: int(i[1:])) == [f"E{n}" for n in range(2, 42)]


def test_departments_jobs_and_managers_come_from_the_employee_file_and_the_job_evaluation_offers_the_jobs(db_path):
    at = upload(app("views/data.py"), HRDATASET.read_bytes(), "HRDataset_v14.csv")
    tick(at, "Create the departments and jobs the file names")
    assert [s.value for s in at.selectbox if (s.key or "").startswith("ref-")] == ["Department", "Position", "ManagerName"]
    click(at, "Check the file")
    notes = at.info[0].value.split("  \n")  # one box, a line each
    assert "Also written: 6 new departments and 14 new jobs." in notes
    assert "Managers linked by name (ManagerName): 6 managers for 32 rows." in notes
    click(at, "Import 40 rows into Employees")
    assert any("Also written: 6 new departments and 14 new jobs." in s.value for s in at.success)
    store = open_store(db_path)
    assert (store.count("employees"), store.count("departments"), store.count("jobs")) == (40, 6, 14)
    evaluation = open_tab(app("views/evaluation.py"), "ev_tab", "Key jobs and market")
    listed = next(d.value for d in evaluation.dataframe if "job_id" in d.value.columns)
    assert "Sr. Network Engineer" in set(listed["job_id"])


def test_a_mapping_saved_on_the_page_downloads_as_json_and_the_command_line_takes_it_by_name_or_file(
        db_path, tmp_path, media, capsys):
    from hrcore.__main__ import main
    from tests.app.test_downloads import offered
    from tests.test_import_extracts import run_cli

    at = upload(app("views/data.py"), HRDATASET.read_bytes(), "HRDataset_v14.csv")
    tick(at, "Pay in this file is per year")
    at.text_input(key="save-name-employees").input("hrdataset").run()
    click(at, "Save mapping")
    downloaded = json.loads(offered(at, media)["Download mapping (JSON)"])
    assert downloaded["table"] == "employees" and downloaded["pay_period"] == "annual"
    assert downloaded["columns"]["employee_id"] == "EmpID"
    saved = tmp_path / "hrdataset.json"
    saved.write_text(json.dumps(downloaded), encoding="utf-8")
    by_file = run_cli("import", "employees", str(HRDATASET), "--db", str(tmp_path / "a.duckdb"), "--mapping", str(saved))
    assert by_file.returncode == 0, by_file.stderr
    # In this process: the page's server (this test) holds the database file, as a running app would.
    assert main(["import", "employees", str(HRDATASET), "--db", str(db_path), "--mapping", "hrdataset"]) == 0
    assert "employee_id ← EmpID" in capsys.readouterr().err
    assert open_store(db_path).query("SELECT base_pay FROM employees WHERE employee_id = '10001'")[
        "base_pay"].tolist() == [8214.0]
