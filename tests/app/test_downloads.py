"""Every file the app offers for download, taken as a user would take it (issue 27, items 11 and 9).

The demo company's names, titles and ids are replaced by text a spreadsheet would run; every page and tab is
opened, each download button's file is fetched (a deferred one by running its writer, as a click does) and
every cell of every CSV and XLSX is read back.
"""

from __future__ import annotations

import io
import json

import duckdb
import openpyxl
import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import app_test

from hrcore.access import User
from tests.app.conftest import app, open_tab

HOSTILE = ['=HYPERLINK("http://evil.example","y")', "=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1+2", "\t=1+1"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABS = {"views/pay.py": "pay_tab", "views/kpi.py": "kpi_tab", "views/talent.py": "tal_tab",
        "views/competency.py": "cm_tab", "views/evaluation.py": "ev_tab"}
REPORTS = ("manual", "report", "mapping")  # Markdown, HTML and JSON, escaped for their own format by their writers


@pytest.fixture
def hostile_db(demo_db):
    """The demo company with formulas for every department's and person's name and a KPI card's ids."""
    con = duckdb.connect(str(demo_db))
    pick = "list_extract(?::VARCHAR[], (hash({key}) % {n})::INTEGER + 1)"
    for table, key, columns in (("departments", "department_id", ("name_en", "name_zh")),
                                ("employees", "employee_id", ("name_en", "name_zh")),
                                ("jobs", "job_id", ("title_en", "title_zh"))):
        sets = ", ".join(f"{c} = {pick.format(key=key, n=len(HOSTILE))}" for c in columns)
        con.execute(f"UPDATE {table} SET {sets}", [HOSTILE] * len(columns))
    # An open card's id as a formula: the actuals template lists it.
    card = con.execute("SELECT scorecard_id FROM scorecards WHERE status = 'draft' ORDER BY scorecard_id "
                       "LIMIT 1").fetchone()[0]
    for table in ("scorecard_lines", "scorecards"):
        con.execute(f"UPDATE {table} SET scorecard_id = ? WHERE scorecard_id = ?", [HOSTILE[1], card])
    con.close()
    return demo_db


@pytest.fixture
def media(monkeypatch):
    """The file managers of each AppTest run, so a test can fetch what a download button offers."""
    managers: list[MediaFileManager] = []

    class Kept(MediaFileManager):
        def __init__(self, storage):
            super().__init__(storage)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Kept)
    return managers


def offered(at, managers) -> dict[str, bytes]:
    """Each download button's file, by its label: static data read back, deferred data written as on a click."""
    files = {}
    manager = managers[-1]
    for button in at.get("download_button"):
        proto = button.proto
        if proto.disabled:
            continue
        if proto.deferred_file_id:
            url = manager.execute_deferred(proto.deferred_file_id)
        else:
            url = proto.url
        files[proto.label] = manager._storage.get_file(url.rsplit("/", 1)[-1]).content
    return files


def cells(name: str, data: bytes) -> list[str]:
    """Every cell of a CSV or XLSX file as the spreadsheet would get it: text, formula or number (a PDF has
    none: nothing in it runs, and its text from data is escaped, tests/test_boardpack.py)."""
    if data[:5] == b"%PDF-":
        return []
    if data[:2] == b"PK":
        book = openpyxl.load_workbook(io.BytesIO(data))
        return [c.value if c.data_type != "f" else str(c.value) for sheet in book for row in sheet.iter_rows()
                for c in row if isinstance(c.value, str)]
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return [*frame.columns, *frame.to_numpy().ravel().tolist()]


def runs(cell: str) -> bool:
    """Whether a spreadsheet would run ``cell``: it starts with a formula character and is not a number."""
    if not cell.startswith(FORMULA_STARTS):
        return False
    try:
        float(cell)
        return False
    except ValueError:
        return True


def every_file(at, page: str, managers) -> dict[str, bytes]:
    files = offered(at, managers)
    for label in [tab.label for tab in at.tabs][1:] if page in TABS else []:
        files.update(offered(open_tab(at, TABS[page], label), managers))
    return files


def test_every_download_escapes_formula_cells(hostile_db, media):
    from tests.app.test_data_page import upload

    files = {}
    for page in ("views/pay.py", "views/kpi.py", "views/talent.py", "views/competency.py", "views/evaluation.py",
                 "views/audit.py"):
        at = app(page)
        found = every_file(at, page, media)
        assert found, f"{page} offers nothing to download"
        files.update({f"{page}: {label}": data for label, data in found.items()})
    at = app("views/data.py")
    for table in ("employees", "departments", "jobs", "scorecard_lines"):
        at.selectbox(key="export_table").set_value(table).run()
        for fmt in ("csv", "xlsx"):
            at.radio(key="export_format").set_value(fmt).run()
            files.update({f"data: {table}.{fmt}": data for data in offered(at, media).values()})
    # The problems of an uploaded file that holds a formula.
    at = upload(app("views/data.py"), "employee_id,base_pay\nE1,=1+2\n".encode(), "staff.csv")
    next(b for b in at.button if b.label == "Check the file").click().run()
    files.update({f"data: {label}": data for label, data in offered(at, media).items()})

    expected = ["pay.py: Download the list (CSV)", "pay.py: Export this design to Excel",
                "kpi.py: Download the open lines as a template", "talent.py: Export the grid and moves to Excel",
                "competency.py: Download the feedback report", "evaluation.py: Download the evaluation manual",
                "audit.py: Export these", "data: employees.csv", "data: employees.xlsx", "data: scorecard_lines.csv",
                "data: Download the problem list"]
    missing = [e for e in expected if not any(e in name for name in files)]
    assert not missing, (missing, list(files))
    seen = set()
    for name, data in files.items():
        if any(word in name for word in REPORTS):
            continue
        shown = cells(name, data)
        assert not [c for c in shown if runs(c)], name
        seen |= {c for c in shown if c.lstrip("'") in HOSTILE}
    assert {f"'{h}" for h in HOSTILE} <= seen, "the hostile text reached the files, escaped"


def test_a_managers_download_of_pay_or_personal_data_is_recorded_in_the_audit_trail(hostile_db, media):
    from hrcore import access
    from hrcore.store import Store

    store = Store(hostile_db)
    store.set_meta(access.DEMO_FLAG, "false")
    access.add_user(store, "mgr", "a long enough password", "manager", department_id="D300")
    store.close()
    at = open_tab(app("views/pay.py", user=User("mgr", "manager", "D300")), "pay_tab", "Scenarios")
    offered(at, media)
    at = app("views/data.py", user=User("mgr", "manager", "D300"))
    offered(at, media)
    store = Store(hostile_db)
    entries = store.query("SELECT actor, role, action, table_name, operation, row_key, after_row FROM audit_log "
                          "WHERE operation = 'download' ORDER BY entry_id")
    assert entries[["actor", "role", "action"]].drop_duplicates().values.tolist() == [["mgr", "manager", "download"]]
    assert [json.loads(k)["file"] for k in entries["row_key"]] == ["salary_structure_draft.xlsx", "employees.csv"]
    assert json.loads(entries["after_row"].iloc[1])["rows"] == store.as_user(
        User("mgr", "manager", "D300")).count("employees")


def test_drawing_a_page_records_no_download(hostile_db, media):
    from hrcore.store import Store

    shown = [open_tab(app("views/pay.py"), "pay_tab", "Scenarios"), open_tab(app("views/kpi.py"), "kpi_tab", "Data check"),
             app("views/audit.py")]
    assert all(at.get("download_button") for at in shown)
    assert Store(hostile_db).query("SELECT count(*) AS n FROM audit_log WHERE operation = 'download'")["n"][0] == 0
