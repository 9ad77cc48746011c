"""Every file the app offers for download is written here, so that no page can forget the two rules.

1. No cell runs in a spreadsheet.  A text cell that starts with ``= + - @``,
   a tab or a carriage return is kept as text with a leading apostrophe
   (OWASP, "CSV injection"); numbers stay numbers.  That holds for headers
   and sheet cells alike, in CSV and XLSX.
2. A download of pay or personal data is recorded in the audit trail: who,
   which file, how many rows, when (:func:`hrcore.audit.record_download`).

>>> import pandas as pd
>>> frame = pd.DataFrame({"name": ['=HYPERLINK("http://x","y")', "Wang"], "pay": [-5, 7]})
>>> for line in csv_bytes(frame).decode("utf-8-sig").splitlines():
...     print(line)
name,pay
"'=HYPERLINK(""http://x"",""y"")",-5
Wang,7
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping

import pandas as pd

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # what an XLSX cell cannot hold as it is (tab and LF can)
XLSX_MAX_ROWS = 1_048_575


def escape_formula(value):
    """Guard a text cell so a spreadsheet shows it instead of running it.

    >>> escape_formula("=HYPERLINK(\\"http://x\\")"), escape_formula("-3 days"), escape_formula("ok")
    ('\\'=HYPERLINK("http://x")', "'-3 days", 'ok')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS + ("'",)):
        # An apostrophe is guarded too, so that importing strips exactly one.
        if value.startswith("'") and not value[1:].startswith(FORMULA_STARTS + ("'",)):
            return value
        return "'" + value
    return value


def xlsx_escape(value):
    r"""Control characters (and CR, which XML turns into LF) as Excel's own ``_xHHHH_`` escapes.

    >>> xlsx_escape("a\rb\x07")
    'a_x000D_b_x0007_'
    """
    return XLSX_CONTROL.sub(lambda m: f"_x{ord(m[0]):04X}_", value) if isinstance(value, str) else value


def safe_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and headers cannot run as formulas (numbers untouched)."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            safe[column] = values.map(escape_formula)
    safe.columns = [escape_formula(c) if isinstance(c, str) else c for c in safe.columns]
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (Excel then reads Chinese right); CRLF rows, so a cell holding a lone CR or LF is
    quoted and reads back as one cell."""
    return safe_cells(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """A workbook of one sheet per frame (names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            if len(frame) > XLSX_MAX_ROWS:
                raise ValueError(f"format: {name} has {len(frame):,} rows, more than an Excel sheet holds; use CSV")
            safe = safe_cells(frame)
            for column in safe.columns:
                if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
                    safe[column] = safe[column].map(xlsx_escape)  # control characters XML cannot hold
            safe.to_excel(writer, sheet_name=str(name)[:31], index=False)
    return buffer.getvalue()


def as_shown(frame: pd.DataFrame, column_config: Mapping | None = None,
             column_order: list[str] | None = None) -> pd.DataFrame:
    """``frame`` as a table shows it: the columns in ``column_order`` (else the frame's, less any hidden by
    ``column_config``: ``None``, or ``{"hidden": True}``), headed by their labels, and each choice column's codes
    as its options' labels.  Numbers stay numbers, for the spreadsheet to sum.

    ``column_config`` is what a page gives Streamlit: a heading, or a column's settings as
    ``st.column_config`` writes them (``{"label": ..., "type_config": {"options": [{"value", "label"}]}}``).

    >>> frame = pd.DataFrame({"employee_id": ["E1"], "rule": ["linear"], "score": [90.5]})
    >>> as_shown(frame, {"employee_id": None, "rule": {"label": "Rule", "type_config": {"options": [
    ...     {"value": "linear", "label": "Linear"}]}}, "score": "Score"}).to_dict("records")
    [{'Rule': 'Linear', 'Score': 90.5}]
    """
    config = dict(column_config or {})
    columns = [c for c in (column_order or list(frame.columns)) if c in frame.columns]
    shown = {}
    for column in columns:
        setting = config.get(column, {})
        if column in config and setting is None or isinstance(setting, Mapping) and setting.get("hidden"):
            continue
        values = frame[column]
        label = setting if isinstance(setting, str) else (setting or {}).get("label") or column
        options = (setting or {}).get("type_config", {}).get("options", []) if isinstance(setting, Mapping) else []
        labels = {o["value"]: o["label"] for o in options if isinstance(o, Mapping)}
        if labels:
            values = values.map(lambda v: labels.get(v, v))
        shown[str(label)] = values.reset_index(drop=True)
    return pd.DataFrame(shown)


def table_bytes(frame: pd.DataFrame, fmt: str, sheet: str = "data") -> bytes:
    """One frame as ``csv`` or ``xlsx``."""
    if fmt == "csv":
        return csv_bytes(frame)
    if fmt == "xlsx":
        return xlsx_bytes({sheet: frame})
    raise ValueError(f"format: {fmt!r} is not csv or xlsx")


def file(content, fmt: str, *, store=None, table: str | None = None, name: str | None = None) -> bytes:
    """The bytes of one download: ``content`` a frame (``csv``/``xlsx``), ``{sheet: frame}`` (``xlsx``) or a
    report already escaped for its own format, Markdown or HTML (``text``).

    With ``store`` the download is recorded in the audit trail under ``table`` and the file's ``name``, as
    its user's: call it from the download's deferred writer (it runs when the user clicks), never while
    drawing the page, since drawing a button is not a download.
    """
    if fmt == "text":
        data, rows = str(content).encode("utf-8"), 1
    elif isinstance(content, Mapping):
        data, rows = xlsx_bytes(content) if fmt == "xlsx" else _only_xlsx(fmt), sum(len(f) for f in content.values())
    else:
        data, rows = table_bytes(content, fmt, sheet=table or "data"), len(content)
    return data if store is None else recorded(store, data, table or "", name or "", rows)


def recorded(store, data: bytes, table: str, name: str, rows: int) -> bytes:
    """``data``, a file written by this module's writers, once its download is in the audit trail."""
    record_download(store, table, name, rows)
    return data


def record_download(store, table: str, file_name: str, rows: int) -> None:
    """Put a download in the trail: who (the store's user), which file from which table, how many rows, when.

    Written by the system on the user's behalf (:meth:`hrcore.store.Store.record`), so a viewer's or a
    manager's download is recorded though neither may write the trail.

    >>> from hrcore.access import User
    >>> from hrcore.audit import search
    >>> from hrcore.store import Store
    >>> viewer = Store().as_user(User("ana", "viewer"))
    >>> record_download(viewer, "employees", "employees.csv", 3)
    >>> search(viewer.unscoped(), table="employees")[["actor", "role", "action", "operation", "row"]].to_dict("records")
    [{'actor': 'ana', 'role': 'viewer', 'action': 'download', 'operation': 'download', 'row': 'employees.csv'}]
    """
    store.record("download", table, "download", {"file": file_name}, {"file": file_name, "rows": int(rows)})


def _only_xlsx(fmt: str):
    raise ValueError(f"format: several sheets need xlsx, not {fmt!r}")
