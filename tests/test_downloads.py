"""The one writer of downloads (issue 27, items 11 and 9): no cell runs, numbers stay numbers, downloads are
recorded."""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest

from hrcore import audit, downloads, imports
from hrcore.access import User
from hrcore.store import Store

HOSTILE = ['=HYPERLINK("http://evil.example","y")', "=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1+2", "\r=1"]


def test_problems_csv_escapes_the_column_named_in_the_users_file():
    raw = pd.DataFrame({"employee_id": ["E1"], HOSTILE[1]: ["ten"]})
    mapping = {"columns": {"employee_id": "employee_id"},
               "derive": {"hire_date": {"op": "years_before", "source": HOSTILE[1], "as_of": "2024-12-31"}}}
    _, problems = imports.apply_mapping(raw, "employees", mapping)
    assert problems["column"].tolist() == [HOSTILE[1]]
    back = pd.read_csv(io.BytesIO(imports.problems_csv(problems)), dtype=str, encoding="utf-8-sig")
    assert back["column"].tolist() == ["'" + HOSTILE[1]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_text_cells_and_headers_are_escaped_and_numbers_stay_numbers(fmt):
    frame = pd.DataFrame({"name": HOSTILE, "pay": [-5.5, 1, 2, 3, 4, 5], HOSTILE[0]: pd.Categorical(HOSTILE)})
    data = downloads.table_bytes(frame, fmt)
    if fmt == "csv":
        back = pd.read_csv(io.BytesIO(data), dtype=str, encoding="utf-8-sig", keep_default_na=False)
        texts, pays, headers = back["name"].tolist(), back["pay"].tolist(), list(back.columns)
        assert pays[0] == "-5.5"
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        rows = list(sheet.iter_rows(values_only=True))
        headers, texts = list(rows[0]), [r[0] for r in rows[1:]]
        assert [r[1] for r in rows[1:]][0] == -5.5
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
        texts = [imports._xlsx_unescape(v) for v in texts]
    assert texts == ["'" + h for h in HOSTILE]
    assert headers[2] == "'" + HOSTILE[0]


def test_a_viewers_download_is_recorded_though_a_viewer_cannot_write_the_audit_trail():
    store = Store()
    viewer = store.as_user(User("ana", "viewer"))
    data = downloads.file(pd.DataFrame({"x": [1, 2]}), "csv", store=viewer, table="employees", name="people.csv")
    assert data.decode("utf-8-sig").splitlines()[0] == "x"
    entry = store.query("SELECT actor, role, action, table_name, operation, row_key, after_row FROM audit_log")
    assert entry[["actor", "role", "action", "table_name", "operation"]].values.tolist() == [
        ["ana", "viewer", "download", "employees", "download"]]
    assert json.loads(entry["after_row"][0]) == {"file": "people.csv", "rows": 2}
    with pytest.raises(PermissionError):  # the viewer still cannot write the trail themself
        with viewer.transaction() as cur:
            cur.execute("DELETE FROM audit_log")
    assert audit.search(store, text="download")["row"].tolist() == ["people.csv"]
