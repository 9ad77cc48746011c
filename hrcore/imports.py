"""Import and export of tables: files in, validated rows out, all or nothing.

A user's file goes through three steps:

1. :func:`read_file` decodes CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX
   into a frame of raw cells.
2. :func:`apply_mapping` renames source columns to table columns, translates
   values (``Attrition`` Yes → ``left``) and derives fields (a hire date from
   years of service at an as-of date).
3. :func:`validate` checks every cell against the table's pydantic model in
   bulk (vectorised pandas and Arrow, fast on a million rows) and returns typed rows and
   every problem as row, column, value and reason (with its code and values,
   which a page words in its reader's language: :func:`problems_in`).

:func:`plan_import` runs all three and counts what would be inserted, updated
and left unchanged; :func:`import_file` writes only when there is no problem.
Row numbers are those a spreadsheet shows: the header is row 1, the first data
row is row 2.

>>> from hrcore.store import Store
>>> store = Store()
>>> csv = "工号,Pay,Left\\n1,5000,No\\n2,abc,Yes\\n".encode("gbk")
>>> mapping = {"columns": {"employee_id": "工号", "base_pay": "Pay", "status": "Left"},
...            "values": {"status": {"Yes": "left", "No": "active"}}}
>>> report = import_file(store, "employees", csv, "staff.csv", mapping)
>>> report.written, report.problems[["row", "column", "value", "reason", "code"]].to_dict("records")
(False, [{'row': 3, 'column': 'base_pay', 'value': 'abc', 'reason': 'not a number', 'code': 'not_a_number'}])
>>> store.count("employees")
0
"""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import re
import subprocess
import sys
import threading
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from hrcore import i18n
from hrcore import company
from hrcore.errors import Refused
from hrcore.dates import Written, how_written, read_dates
from hrcore.fields import LABELS
from hrcore.downloads import FORMULA_STARTS, XLSX_MAX_ROWS, csv_bytes, escape_formula, table_bytes  # noqa: F401
from hrcore.schema import TABLES, TableSpec, column_type
from hrcore.store import Store, UpsertResult

FIRST_DATA_ROW = 2
INT_MAX = 2**31 - 1
XLSX_ESCAPED = re.compile(r"_x(00[01][0-9A-F])_")
# reason: the English text of the problem's code (the command line, the logs); code and values: what a page
# words in its reader's language (hrcore.i18n.problem).
PROBLEM_COLUMNS = ["row", "column", "value", "reason", "code", "values"]
ENCODINGS = ("utf-8-sig", "gb18030")
DERIVE_OPS = ("years_before", "months_before", "multiply")
XLSX_CELL_MAX = 32_767  # characters an Excel cell holds; Excel and openpyxl cut the rest
# What an id may not hold once normalised: control and format characters (zero-width, direction overrides, BOM)
# and line or paragraph separators; two ids differing only by one would look like one person and be two.
HIDDEN_CATEGORIES = ("Cc", "Cf", "Zl", "Zp")
NOT_ASCII = r"[^\x00-\x7f]"
ASCII_CONTROL = r"[\x00-\x1f\x7f]"

# An upload is checked against these before it is parsed: a 29 MB workbook that expanded to 711 MB took 256 s and
# 1 GB to read.  The defaults admit the largest extract the product is built for: a million active employees
# export 1.44 million rows of about 150 bytes (some 215 MB of CSV); Excel holds 1,048,576 rows a sheet.
MAX_UNCOMPRESSED_ENV = "HRCORE_MAX_UNCOMPRESSED_MB"
MAX_ROWS_ENV = "HRCORE_MAX_IMPORT_ROWS"
DEFAULT_MAX_UNCOMPRESSED_MB = 256
DEFAULT_MAX_IMPORT_ROWS = 2_000_000

TRUE_WORDS = {"true", "t", "yes", "y", "1", "1.0", "是", "对"}
FALSE_WORDS = {"false", "f", "no", "n", "0", "0.0", "否", "不"}
THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")

# Column headings seen in Chinese and English HR-system exports.
SYNONYMS = {
    "employee_id": ["employeeid", "employeenumber", "empid", "staffid", "工号", "员工编号", "员工号"],
    "name_zh": ["姓名", "中文名", "name"],
    "name_en": ["englishname", "employeename", "英文名", "拼音"],
    "department_id": ["department", "dept", "部门", "部门编号", "所属部门"],
    "job_id": ["jobrole", "job", "position", "岗位", "职位", "岗位编号"],
    "grade": ["joblevel", "level", "职级", "薪级", "级别"],
    "manager_id": ["manager", "supervisor", "直属上级", "上级工号"],
    "hire_date": ["hiredate", "startdate", "dateofhire", "入职日期"],
    "birth_date": ["birthdate", "dateofbirth", "dob", "出生日期"],
    "gender": ["sex", "性别"],
    "education": ["学历", "最高学历"],
    "major": ["educationfield", "专业"],
    "location": ["city", "office", "工作地点", "城市"],
    "base_pay": ["monthlyincome", "basesalary", "salary", "基本工资", "月薪", "固定工资"],
    "target_bonus": ["bonus", "目标奖金"],
    # Of several status columns the first named here wins: HRDataset's EmploymentStatus says more than Termd.
    "status": ["attrition", "employmentstatus", "状态", "在职状态", "员工状态", "termd", "是否离职"],
    "exit_date": ["terminationdate", "dateoftermination", "leavedate", "离职日期"],
    "exit_type": ["离职类型"],
    "exit_reason": ["termreason", "terminationreason", "离职原因"],
}


@dataclass(frozen=True)
class RawFile:
    frame: pd.DataFrame
    encoding: str


class FileProblems(Refused):
    """A file refused cell by cell before any mapping (formulas Excel never calculated): ``problems`` lists them
    as row, column (the file's heading), value and reason, like the problems of validation."""

    def __init__(self, problems: pd.DataFrame, code: str, **values):
        super().__init__(code, field="file", **values)
        self.problems = problems

    def __reduce__(self):
        # Raised in the reading process and caught in the app's: the problems travel with the refusal.
        return _file_problems, (self.problems, self.code, self.values)


def _file_problems(problems: pd.DataFrame, code: str, values: dict) -> FileProblems:
    return FileProblems(problems, code, **values)


def upload_limits() -> tuple[float, int]:
    """The largest file an import reads: (uncompressed MB, rows), from ``$HRCORE_MAX_UNCOMPRESSED_MB`` and
    ``$HRCORE_MAX_IMPORT_ROWS`` (read on every call, so a changed setting needs no restart of the reader).

    >>> upload_limits()
    (256.0, 2000000)
    """
    found = []
    for name, default, kind in ((MAX_UNCOMPRESSED_ENV, DEFAULT_MAX_UNCOMPRESSED_MB, float),
                                (MAX_ROWS_ENV, DEFAULT_MAX_IMPORT_ROWS, int)):
        text = os.environ.get(name, "").strip()
        try:
            value = kind(text.replace("_", "").replace(",", "")) if text else kind(default)
        except ValueError:
            value = -1
        if not 0 < value < float("inf"):
            raise ValueError(f"{name}: give a number above 0 (got {text!r})")
        found.append(value)
    return found[0], found[1]


def _too_big(filename: str, expanded: int, megabytes: float) -> None:
    if expanded > megabytes * 1e6:
        raise Refused("file_too_big", field="file", file=filename, megabytes=f"{expanded / 1e6:,.1f}",
                      limit=f"{megabytes:,g}", setting=MAX_UNCOMPRESSED_ENV)


def _too_long(filename: str, rows: int | None, limit: int) -> None:
    if rows is not None and rows > limit:
        raise Refused("file_too_long", field="file", file=filename, rows=int(rows), limit=int(limit),
                      setting=MAX_ROWS_ENV)


def _csv_rows(data: bytes) -> int:
    """Rows below the header, counted as line breaks (a cell holding a line break counts twice: an upper bound)."""
    breaks = max(data.count(b"\n"), data.count(b"\r"))
    return breaks - (1 if data.endswith((b"\n", b"\r")) else 0)


@dataclass
class ImportPlan:
    """What importing a file would do; nothing has been written yet."""

    table: str
    rows: pd.DataFrame
    problems: pd.DataFrame
    warnings: list[tuple[str, dict]] = field(default_factory=list)
    """Notes on the file itself, ``(code, values)`` said by :func:`hrcore.i18n.import_note`: columns not imported,
    departments and jobs not known yet."""
    counts: UpsertResult | None = None
    date_formats: dict[str, Written] = field(default_factory=dict)
    """How each date column of the file was read (``hire_date: M/D/Y, two-digit years``), said in a language by
    :func:`hrcore.dates.describe`."""
    applied: Applied = field(default_factory=lambda: Applied())
    """What the mapping did beyond renaming columns: synonyms, statuses, ids, pay, reference tables."""
    notes: list[tuple[str, dict]] = field(default_factory=list)
    """What the table's own steps did, for the summary: ``(code, values)``, said in words by
    :func:`hrcore.i18n.t` as ``import_note.<code>`` (cells read as missing, labels read as codes, repeats)."""

    @property
    def ok(self) -> bool:
        return self.problems.empty


@dataclass
class ImportReport(ImportPlan):
    written: bool = False
    encoding: str = ""


def _problems(rows: list[pd.DataFrame]) -> pd.DataFrame:
    rows = [r for r in rows if len(r)]
    if not rows:
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    out = pd.concat([_with_codes(r) for r in rows], ignore_index=True)
    return out.sort_values(["row", "column"], kind="stable").reset_index(drop=True)[PROBLEM_COLUMNS]


def _with_codes(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with a code and values: a frame of problems made elsewhere with a reason alone (a programme's
    own rules) gets an empty code, and is shown by its reason."""
    if "code" in rows.columns and "values" in rows.columns:
        return rows
    return rows.assign(code="", values=[{}] * len(rows))


def problem_frame(rows, column, cells, codes, values) -> pd.DataFrame:
    """Problems as rows: spreadsheet ``rows``, the ``column`` (one name or one per row), the ``cells`` as
    written, each problem's ``codes`` (one or one per row) and ``values`` (one dict for all, or one per row); the
    reason is the English text of each code (:func:`hrcore.i18n.problem`), worded once per code where the
    values are shared."""
    rows = np.asarray(rows, dtype=np.int64)
    codes = np.full(len(rows), codes, dtype=object) if isinstance(codes, str) else np.asarray(codes, dtype=object)
    if isinstance(values, dict):
        english = {code: i18n.problem(code, values, "en") for code in set(codes)}
        reasons = [english[code] for code in codes]
        values = [values] * len(rows)
    else:
        values = list(values)
        reasons = [i18n.problem(code, shown, "en") for code, shown in zip(codes, values)]
    return pd.DataFrame({"row": rows, "column": column, "value": np.asarray(cells, dtype=object),
                         "reason": np.asarray(reasons, dtype=object), "code": codes,
                         "values": pd.Series(values, dtype=object).to_numpy()}, columns=PROBLEM_COLUMNS)


def _problem_rows(mask: pd.Series, column: str, cells: pd.Series, code, **values) -> pd.DataFrame:
    """The problems of the cells of ``column`` where ``mask`` is true, each with ``code`` (one, or a series
    of codes) and ``values``: a value that is a series gives each row its own (only the rows with a problem are
    read, so a million good cells cost no Python work)."""
    if not mask.any():  # the usual case, and selecting nothing from a million cells still costs a few ms
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    index = mask[mask].index
    codes = code[mask].astype(str).to_numpy() if isinstance(code, pd.Series) else code
    own = {key: value[mask].tolist() for key, value in values.items() if isinstance(value, pd.Series)}
    shared = {key: value for key, value in values.items() if not isinstance(value, pd.Series)}
    per_row = [{**shared, **dict(zip(own, found))} for found in zip(*own.values())] if own else shared
    return problem_frame(np.asarray(index, dtype=np.int64) + FIRST_DATA_ROW, column,
                         cells[mask].astype("string").fillna("").to_numpy(dtype=object), codes, per_row)


def problems_in(problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``problems`` with the reason in ``lang``, from each row's code and values.  Each code whose values every
    row shares is worded once.

    >>> found = problem_frame([7, 9], "status", ["Perhaps", "Maybe"], "not_one_of", {"choices": ["active", "left"]})
    >>> problems_in(found, "zh")["reason"].tolist()
    ['不在允许值之内：active、left（可在映射中转换取值）', '不在允许值之内：active、left（可在映射中转换取值）']
    """
    if lang == "en" or not len(problems):
        return problems
    codes, values = problems["code"].to_numpy(dtype=object), problems["values"].to_numpy(dtype=object)
    # Rows of one check share one dict of values (a million "not a number" cells, one dict): worded once each.
    shared = np.fromiter(map(id, values), dtype=np.int64, count=len(values))
    uncoded = np.where(codes == "", problems["reason"].to_numpy(dtype=object), "")
    group = pd.DataFrame({"code": codes, "values": shared, "reason": uncoded}).groupby(
        ["code", "values", "reason"], sort=False).ngroup()
    _, first = np.unique(group.to_numpy(), return_index=True)
    worded = np.array([i18n.problem(codes[row], values[row], lang) if codes[row]
                       # a problem made without a code is one no check of ours makes: shown as it was written
                       else problems["reason"].iat[row] for row in first], dtype=object)
    return problems.assign(reason=worded[group.to_numpy()])


# -- reading --------------------------------------------------------------------
def _clean_text_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Blank cells become missing; undo the formula guard our exports add."""
    for col in frame.columns:
        s = frame[col]
        if not (s.dtype == object or pd.api.types.is_string_dtype(s)):
            continue
        text = s.astype("string")
        blank = text.str.strip().eq("").fillna(False)
        quoted = text.str.startswith("'").fillna(False)
        if quoted.any():
            # A leading apostrophe guards =, +, -, @, tab, CR or another apostrophe.
            quoted &= text.str.slice(1, 2).isin(["=", "+", "-", "@", "\t", "\r", "'"]).fillna(False)
        if blank.any() or quoted.any():
            frame[col] = s.where(~quoted, text.str.slice(1)).where(~blank, np.nan)
    return frame


def _read_csv_text(text: str, filename: str) -> tuple[pd.DataFrame, list[str]]:
    """Cells of a decoded CSV, every row kept under its spreadsheet row number; and the header as written."""
    try:
        # newline="": CR, LF and CRLF all end a line (Excel's "CSV (Macintosh)" writes CR alone).
        header = next(csv.reader(io.StringIO(text, newline="")), [])
        with warnings.catch_warnings():
            # With index_col=False pandas only warns when the first data row is longer than the header
            # and drops the extra cells; that would lose data, so it is an error here.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(io.StringIO(text, newline=""), dtype="string", keep_default_na=False, na_values=[""],
                                skipinitialspace=False, index_col=False, skip_blank_lines=False)
    except pd.errors.ParserWarning:
        raise Refused("file_long_row", field="file", file=filename, row=FIRST_DATA_ROW) from None
    except (pd.errors.ParserError, csv.Error) as exc:
        raise Refused("file_not_csv", field="file", file=filename, detail=str(exc).strip()) from None
    except pd.errors.EmptyDataError:
        raise Refused("file_no_header", field="file", file=filename) from None
    return _without_blank_rows(frame), header


def _without_blank_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Blank lines are dropped but keep their place, so later rows keep the numbers a spreadsheet shows."""
    if not len(frame.columns):
        return frame
    filled = np.logical_or.reduce([frame[c].notna().to_numpy() for c in frame.columns])
    return frame if filled.all() else frame[filled]


def _read_plain_utf8_csv(data: bytes) -> tuple[pd.DataFrame, list[str], str] | None:
    """The common file at Arrow's speed: UTF-8, a header of distinct names, every row as wide as the header.

    Returns None for anything else (another encoding, blank lines, short or long rows, odd headers); the
    careful reader then reads it or says what is wrong, so both give the same cells and the same messages.
    """
    if b"\x00" in data:
        return None
    bom = data.startswith(b"\xef\xbb\xbf")
    body = memoryview(data)[3:] if bom else memoryview(data)
    head = bytes(body[:1 << 16]).decode("utf-8", errors="ignore")
    names = next(csv.reader(io.StringIO(head, newline="")), [])
    if not names or not all(n.strip() for n in names) or len(set(names)) < len(names):
        return None
    # A line break inside a cell needs quotes around it: without a quote in the file Arrow may cut it at any
    # line break and read the pieces side by side (a million rows: 0.5 s less).
    quoted = data.find(b'"') >= 0
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(body),
            parse_options=pa_csv.ParseOptions(newlines_in_values=quoted, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(column_types={n: pa.string() for n in names}, null_values=[""],
                                                  strings_can_be_null=True, quoted_strings_can_be_null=True))
        # Arrow checks the cells' UTF-8 but not the header's: a GBK header it takes raises only when read.
        if table.column_names != names or any(t != pa.string() for t in table.schema.types):
            return None
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError):
        return None
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    return _without_blank_rows(frame), names, "utf-8 (BOM)" if bom else "utf-8"


def _gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _mixed_encodings(data: bytes) -> tuple[int, int] | None:
    r"""(a line that is UTF-8 Chinese, a line that is not UTF-8) of a file that is not UTF-8 as a whole, or None.

    A short GBK line is sometimes valid UTF-8 by chance (女 is C5 AE, UTF-8 for Ů), so a line counts as UTF-8
    only when UTF-8 reads Chinese in it and GBK cannot read it, or reads characters outside GB2312 (the
    everyday set, which names and departments written in GBK keep to): mojibake from UTF-8 is mostly such
    characters (张三 read as GBK is 寮犱笁, 犱 and 笁 outside GB2312).

    >>> _mixed_encodings("a\n张三\n".encode() + "李四\n".encode("gbk"))
    (2, 3)
    >>> _mixed_encodings("a\n女\n李四\n".encode("gbk")) is None
    True
    """
    utf8_line = other_line = None
    for number, line in enumerate(data.splitlines(), start=1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            other_line = other_line or number
        else:
            if utf8_line is None and any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text):
                try:
                    as_gbk = line.decode("gb18030")
                except UnicodeDecodeError:
                    utf8_line = number
                else:
                    if not all(c.isascii() or _gb2312(c) for c in as_gbk):
                        utf8_line = number
        if utf8_line and other_line:
            return utf8_line, other_line
    return None


def _formulas_without_values(data: bytes, sheet, header: list[str]) -> pd.DataFrame:
    """Cells of the active sheet holding a formula but no saved value, as problems (row, file column, formula).

    Excel saves each formula's last result beside it; files written by programs (openpyxl, some exports) do
    not, and a reader of values then gets an empty cell that would wipe the stored value on update.
    """
    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(sheet._worksheet_path) as xml:
        tail, found = b"", False
        while chunk := xml.read(1 << 20):
            if re.search(rb"<(?:\w+:)?f[\s>/]", tail + chunk):
                found = True
                break
            tail = chunk[-16:]
    if not found:  # the usual file: no formula at all, and no second reading
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    written = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False).active
    for view in (sheet, written):
        view.reset_dimensions()  # every row there is, not only those the sheet's <dimension> declares
    problems = []
    for number, (saved, formulas) in enumerate(zip(sheet.iter_rows(values_only=True),
                                                   written.iter_rows(values_only=True)), start=1):
        for position, (value, formula) in enumerate(zip(saved, formulas)):
            if value is None and formula is not None:
                column = header[position] if position < len(header) else openpyxl.utils.get_column_letter(position + 1)
                problems.append((number, column, str(getattr(formula, "text", formula))))
    rows, columns, cells = zip(*problems) if problems else ((), (), ())
    return _problems([problem_frame(rows, list(columns), cells, "formula_unsaved", {})])


def _read_csv(data: bytes, filename: str) -> tuple[pd.DataFrame, list[str], str]:
    """Cells, header and encoding of a CSV file: UTF-8 (with or without a byte-order mark) or GB18030."""
    if plain := _read_plain_utf8_csv(data):
        return plain
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        if mixed := _mixed_encodings(data):
            # GB18030 reads nearly any bytes: the UTF-8 lines would come in as mojibake (张三 as 寮犱笁).
            raise Refused("file_mixed_encodings", field="file", file=filename, utf8_line=mixed[0],
                          other_line=mixed[1]) from None
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise Refused("file_not_text", field="file", file=filename) from None
    if "\x00" in text:
        # UTF-16 without a byte-order mark decodes as "UTF-8" full of NUL characters.
        raise Refused("file_nul", field="file", file=filename)
    if not text.lstrip("\ufeff").strip():
        raise Refused("file_empty", field="file", file=filename)
    if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8 (BOM)"
    elif encoding == "utf-8-sig":
        encoding = "utf-8"
    frame, header = _read_csv_text(text, filename)
    return frame, header, encoding


def read_file(data: bytes, filename: str, limits: tuple[float, int] | None = None) -> RawFile:
    """Decode a CSV or XLSX file into raw cells (text for CSV).

    CSV is tried as UTF-8 (with or without a byte-order mark), then as
    GB18030, the superset of GBK that Chinese Excel writes.

    Before parsing, the file's size (for XLSX: what it expands to) and its
    rows are checked against ``limits`` (MB, rows; by default
    :func:`upload_limits`).

    Raises
    ------
    FileProblems
        If XLSX cells hold formulas without a saved value (they would read as
        empty and wipe what is stored), one problem per cell.
    ValueError
        If the file is empty, too large, not decodable (or mixes encodings),
        or has repeated column names.
    """
    name = filename.lower()
    if not data:
        raise Refused("file_empty", field="file", file=filename)
    megabytes, max_rows = limits or upload_limits()
    if name.endswith((".xlsx", ".xlsm")):
        try:
            # The zip's directory says what every part expands to, before a byte of it is inflated.
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                expanded = sum(item.file_size for item in archive.infolist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise Refused("file_not_xlsx", field="file", file=filename, detail=str(exc)) from None
        _too_big(filename, expanded, megabytes)
        try:
            import openpyxl  # here, not at the top: 0.4 s of every app start, for Excel files only

            sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            # The sheet's declared size (its <dimension>); the rows read are counted again below.
            _too_long(filename, None if sheet.max_row is None else sheet.max_row - 1, max_rows)
            header = [str(c) for c in next(sheet.iter_rows(max_row=1, values_only=True), ())]
            formulas = _formulas_without_values(data, sheet, header)
            frame = pd.read_excel(io.BytesIO(data), dtype=object, engine="openpyxl")
            frame = frame.map(_xlsx_unescape)
        except ValueError as exc:
            if str(exc).startswith("file: "):
                raise
            raise Refused("file_not_xlsx", field="file", file=filename, detail=str(exc)) from exc
        except Exception as exc:  # openpyxl raises many types for a damaged file
            raise Refused("file_not_xlsx", field="file", file=filename, detail=str(exc)) from exc
        _too_long(filename, len(frame), max_rows)
        if len(formulas):
            first = formulas.iloc[0]
            raise FileProblems(formulas, "file_formulas", n=len(formulas), file=filename, row=int(first["row"]),
                               column=str(first["column"]), formula=str(first["value"]))
        encoding = "xlsx"
    else:
        _too_big(filename, len(data), megabytes)
        _too_long(filename, _csv_rows(data), max_rows)
        frame, header, encoding = _read_csv(data, filename)
    # pandas renames a repeated heading to "name.1"; the header row tells the truth.
    header = [h.strip() for h in header]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise Refused("file_columns_repeated", field="file", names=repeated)
    frame.columns = [str(c).strip() for c in frame.columns]
    return RawFile(_clean_text_cells(frame), encoding)


# Parsing a workbook is pure Python (openpyxl, some 2 MB of XML a second): in the app's process it holds the
# interpreter lock that every session's page needs.  A process of its own, at a lower priority, parses instead;
# it ends with the file, and with it whatever memory a large file took.  Not multiprocessing: its "spawn" and
# "forkserver" start each worker by re-running the main module, which under Streamlit is the app's script, and
# "fork" copies a threaded server's locks.
IMPORT_WORKERS = max(1, (os.cpu_count() or 2) // 2)
_workers = threading.BoundedSemaphore(IMPORT_WORKERS)
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)


def _serve_one() -> None:
    """The worker's side of :func:`read_file_in_worker`: (data, filename, limits) pickled on stdin, the
    :class:`RawFile` or the ValueError pickled on stdout."""
    os.nice(10)  # a long parse gives way to the pages people are waiting for
    out, sys.stdout = sys.stdout.buffer, sys.stderr  # a stray print cannot corrupt the answer
    data, filename, limits = pickle.load(sys.stdin.buffer)
    try:
        result = read_file(data, filename, limits)
    except ValueError as exc:
        result = exc
    pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


def read_file_in_worker(data: bytes, filename: str) -> RawFile:
    """:func:`read_file` in a process of its own, with this process's :func:`upload_limits`; at most
    :data:`IMPORT_WORKERS` at a time (the rest wait their turn without holding the interpreter).

    Raises what :func:`read_file` raises; a reader that died (out of memory) refuses the file.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_PACKAGE_ROOT, os.environ.get("PYTHONPATH")]))}
    with _workers:
        done = subprocess.run([sys.executable, "-c", "from hrcore.imports import _serve_one; _serve_one()"],
                              input=pickle.dumps((data, filename, upload_limits())), capture_output=True, env=env)
    if done.returncode != 0 or not done.stdout:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise Refused("file_reader_stopped", field="file", file=filename, detail=last[:200])
    result = pickle.loads(done.stdout)  # written by our own reader, above
    if isinstance(result, Exception):
        raise result
    return result


# -- mapping ----------------------------------------------------------------------
def _squash(name: str) -> str:
    return re.sub(r"[\s_\-]", "", str(name)).lower()


def suggest_mapping(source_columns: list[str], table: str) -> dict[str, str]:
    """Guess target → source column pairs from names and common synonyms.

    >>> suggest_mapping(["EmployeeNumber", "MonthlyIncome", "部门"], "employees")
    {'employee_id': 'EmployeeNumber', 'department_id': '部门', 'base_pay': 'MonthlyIncome'}
    """
    by_squash = {_squash(c): c for c in source_columns}
    found: dict[str, str] = {}
    own = table_headings(table)
    for target in TABLES[table].columns:
        # The headings of the templates the pages offer, in either language, go back in by themselves.
        for candidate in [target, *own.get(target, []), *SYNONYMS.get(target, []), *LABELS.get(target, ())]:
            source = by_squash.get(_squash(candidate))
            if source is not None and source not in found.values():
                found[target] = source
                break
    return found


def identity_mapping(source_columns: list[str], table: str) -> dict:
    """The mapping for a file that already uses the table's column names."""
    return {"columns": {c: c for c in TABLES[table].columns if c in source_columns}}


def _numbers(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        try:
            # Arrow parses a clean column of numbers some twenty times faster than to_numeric; any cell it
            # cannot read ("1,200", " 5", "abc") sends the whole column down the careful path below.
            floats = pa.array(values.array).cast(pa.float64())
            return pd.Series(floats.to_numpy(zero_copy_only=False), index=values.index)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    text = values.astype("string").str.strip()
    text = text.where(~text.str.match(THOUSANDS.pattern, na=False), text.str.replace(",", "", regex=False))
    return pd.to_numeric(text, errors="coerce")


def _derive(frame: pd.DataFrame, target: str, rule: dict) -> tuple[pd.Series, pd.DataFrame]:
    op, source = rule.get("op"), rule.get("source")
    if op not in DERIVE_OPS:
        raise Refused("mapping_unknown_op", field="mapping", target=target, op=repr(op), ops=str(DERIVE_OPS))
    if source not in frame.columns:
        raise Refused("mapping_derive_source", field="mapping", target=target, column=repr(source))
    raw = frame[source]
    amount = _numbers(raw)
    bad = raw.notna() & amount.isna()
    problems = _problem_rows(bad, source, raw, "not_a_number_to_derive", target=target)
    if op == "multiply":
        return amount * float(rule.get("factor", 1)), problems
    as_of = pd.Timestamp(rule.get("as_of") or date.today())
    months = amount * (12 if op == "years_before" else 1)
    derived = _calendar_months_before(as_of, months)
    return derived.dt.strftime("%Y-%m-%d").where(amount.notna()), problems


def _calendar_months_before(as_of: pd.Timestamp, months: pd.Series) -> pd.Series:
    """``as_of`` moved back by whole calendar months, then by the fraction in days.

    Six years before 2024-12-31 is 2018-12-31; a day that does not exist in the
    target month falls back to the month's last day (Feb 29 → Feb 28).
    """
    whole = np.floor(months.astype("float64"))
    fraction_days = ((months.astype("float64") - whole) * 30.4375).round()
    total = as_of.year * 12 + (as_of.month - 1) - whole
    year, month = total // 12, total % 12 + 1
    first = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": 1}), errors="coerce")
    day = np.minimum(as_of.day, first.dt.days_in_month)
    moved = first + pd.to_timedelta(day - 1, unit="D")
    return moved - pd.to_timedelta(fraction_days, unit="D")


def apply_mapping(raw: pd.DataFrame, table: str, mapping: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Turn raw cells into the table's columns (still untyped).

    ``mapping`` has up to three parts: ``columns`` (table column → file
    column), ``values`` (table column → {file value: stored value}) and
    ``derive`` (table column → rule: ``{"op": "years_before", "source": col,
    "as_of": "2024-12-31"}``, ``months_before`` likewise, or ``{"op":
    "multiply", "source": col, "factor": 1/12}``); and the parts of
    :func:`map_file` for real extracts (``constants``, ``generate_id``,
    ``pay_period``; built-in value synonyms; a leaver's status from the
    exit date).

    Returns the mapped frame and the problems met while deriving.
    """
    mapped = map_file(raw, table, mapping)
    return mapped.frame, mapped.problems


def map_file(raw: pd.DataFrame, table: str, mapping: dict, pay_period: str | None = None) -> Mapped:
    """:func:`apply_mapping`, saying what it did beyond renaming columns (:class:`Mapped`).

    ``pay_period`` is the period the file's pay is given in when the mapping
    does not say (``pay_period``); by default monthly.
    """
    spec = TABLES[table]
    out = pd.DataFrame(index=raw.index)
    problems = []
    columns = mapped_columns(mapping)
    for target, source in columns.items():
        if target not in spec.columns:
            raise Refused("mapping_not_column", field="mapping", target=repr(target), table=table)
        if source not in raw.columns:
            raise Refused("mapping_source_missing", field="mapping", column=repr(source), target=target)
        out[target] = raw[source]
    for target, rule in (mapping.get("derive") or {}).items():
        if target not in spec.columns:
            raise Refused("mapping_not_column", field="mapping", target=repr(target), table=table)
        out[target], found = _derive(raw, target, rule)
        problems.append(found)
    _put_constants(out, table, mapping)
    generated = _put_generated_ids(out, table, mapping)
    period = _pay_period(mapping, pay_period)
    if period == "annual":
        _pay_per_month(out, columns)
    translated_by_user: dict[str, pd.Series] = {}
    for target, translation in (mapping.get("values") or {}).items():
        if target in out.columns and translation:
            # A translation to nothing ("" or None) stores the value as missing.
            keys = {str(k).strip(): _blank_to_none(v) for k, v in translation.items()}
            text = out[target].astype("string").str.strip()
            hit = text.isin(list(keys))
            out[target] = out[target].where(~hit, text.map(keys))
            translated_by_user[target] = hit
    derived = set(mapping.get("derive") or {})
    translated = _apply_synonyms(out, raw, table, mapping, columns, translated_by_user, derived)
    status_from_exit = _status_from_exit_dates(out, table)
    return Mapped(out, _problems(problems), translated, status_from_exit, generated, period)


# -- real extracts: synonyms, constants, generated ids, pay period, reference tables (issue 28 items 3-5) --------
PAY_COLUMNS = ("base_pay", "target_bonus")
PAY_PERIODS = ("monthly", "annual")
# Pay that looks like a year's: the median of a file's positive base pay above 4 × the local average monthly wage
# (a company setting) or, where none is set, above 30,000.  A workforce's median monthly pay sits near the
# local average (1×) and its annual pay near 12× that; 4× stands between the two (their geometric middle is √12 ≈
# 3.5×), leaning towards the month so that a well-paid team is not taken for annual pay.  30,000 stands between a
# month and a year in the currencies the app meets without a setting: yuan (median month about 8,000-15,000, year
# 100,000-180,000) and US dollars (month about 5,000, year 60,000).
ANNUAL_PAY_TIMES_LOCAL = 4
ANNUAL_PAY_FALLBACK = 30_000
REFERENCE_TABLES = {"department_id": ("departments", "name_en", "name_zh"),
                    "job_id": ("jobs", "title_en", "title_zh")}
# Headings of a column naming each person's manager (HRDataset's ManagerName), for linking managers by name.
MANAGER_NAME_HEADINGS = ["managername", "supervisorname", "reportsto", "直属上级姓名", "上级姓名", "直属上级", "上级"]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _words(*groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for group in groups for w in group)


# Values HR systems write for the employee table's codes, in both languages; matched trimmed, ignoring case and
# repeated inner spaces, and only where the user has not translated the value.  None stores the value as missing.
# - On leave (Leave of Absence) and hired but not yet started (Future Start) are active: still employed; a future
#   hire date keeps the newcomer out of the headcount until that day (the overview counts from the hire date).
# - 退休 (retired) has left without a voluntary or involuntary type; 试用/试用期 (probation) is active.
_VOLUNTARY = ("voluntarily terminated", "voluntary resignation", "resigned", "resignation", "主动离职", "辞职")
_INVOLUNTARY = ("terminated for cause", "involuntarily terminated", "dismissed", "被动离职", "辞退", "解雇", "开除")
VALUE_SYNONYMS: dict[str, dict[str, str | None]] = {
    "status": {
        **dict.fromkeys(("在职", "在岗", "正式", "试用", "试用期", "leave of absence", "on leave", "future start"),
                        "active"),
        **dict.fromkeys(_words(("离职", "已离职", "退休", "terminated", "retired"), _VOLUNTARY, _INVOLUNTARY), "left"),
    },
    "exit_type": {**dict.fromkeys(_VOLUNTARY, "voluntary"), **dict.fromkeys(_INVOLUNTARY, "involuntary")},
    "gender": {"m": "male", "男": "male", "男性": "male", "f": "female", "女": "female", "女性": "female"},
    "education": {
        **dict.fromkeys(("高中", "高中及以下", "初中", "中专", "技校", "high school"), "high_school"),
        **dict.fromkeys(("大专", "专科", "associate degree", "associate"), "college"),
        **dict.fromkeys(("本科", "学士", "bachelor's degree", "bachelor's", "bachelors"), "bachelor"),
        **dict.fromkeys(("硕士", "研究生", "master's degree", "master's", "masters", "mba"), "master"),
        **dict.fromkeys(("博士", "博士研究生", "phd", "ph.d.", "doctorate"), "doctor"),
    },
    # Placeholders for "no reason: still here" (HRDataset writes N/A-StillEmployed for everyone active).
    "exit_reason": dict.fromkeys(("n/a", "n/a-stillemployed", "n/a - has not started yet", "无"), None),
}
# A yes/no or 1/0 status column means "has left" or "is active" by its heading (Attrition, Termd; 是否在职).
LEAVER_FLAG_HEADINGS = {"attrition", "termd", "terminated", "left", "leaver", "是否离职", "离职"}
ACTIVE_FLAG_HEADINGS = {"active", "isactive", "employed", "是否在职", "在职"}
YES_WORDS, NO_WORDS = ("yes", "y", "1", "1.0", "true", "是"), ("no", "n", "0", "0.0", "false", "否")


@dataclass
class Mapped:
    """A file mapped to a table's columns (still untyped) and what the mapping did beyond renaming columns."""

    frame: pd.DataFrame
    problems: pd.DataFrame
    translated: pd.DataFrame
    """Values translated by built-in synonyms: ``column, file_value, stored_value, rows``."""
    status_from_exit: tuple[int, int] | None = None
    """(leavers, active) when the status was not mapped and followed from the exit date."""
    generated: dict | None = None
    """Ids numbered by row: ``column, prefix, first, last, rows``."""
    pay_period: str = "monthly"


@dataclass
class Applied:
    """What an import plan does beyond renaming columns, for the Data page and the command line to show."""

    translated: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=TRANSLATED_COLUMNS))
    status_from_exit: tuple[int, int] | None = None
    generated: dict | None = None
    pay_period: str = "monthly"
    pay_check: dict | None = None
    """Set when mapped monthly pay looks like a year's: ``median, threshold, local_wage`` (see ANNUAL_PAY_*)."""
    references: dict[str, pd.DataFrame] = field(default_factory=dict)
    """New rows of ``departments`` and ``jobs`` the file refers to, written with the rows."""
    managers: dict | None = None
    """Managers linked by name: ``column, rows, managers, unmatched, ambiguous``."""


TRANSLATED_COLUMNS = ["column", "file_value", "stored_value", "rows"]


def mapped_columns(mapping: dict) -> dict[str, str]:
    """The mapping's table column → file column pairs, headings trimmed (a file's headings are), blanks left out."""
    return {target: str(source).strip() for target, source in (mapping.get("columns") or {}).items()
            if source is not None and str(source).strip()}


def _blank_to_none(value):
    return None if value is None or (isinstance(value, float) and np.isnan(value)) or str(value).strip() == "" \
        else value


def _normal(value) -> str:
    """A value as synonyms are matched: NFKC, trimmed, inner spaces single, case ignored."""
    return " ".join(unicodedata.normalize("NFKC", str(value)).split()).casefold()


def value_synonyms(table: str, column: str, source: str | None = None) -> dict[str, str | None]:
    """Built-in translations of ``column``'s values (keys as :func:`_normal` writes them), given the heading of the
    file column it comes from (a yes/no status means "left" under Attrition or Termd, "active" under Active).

    >>> value_synonyms("employees", "status", "Termd")["1"], value_synonyms("employees", "gender")["男"]
    ('left', 'male')
    >>> "yes" in value_synonyms("employees", "status", "Status"), value_synonyms("jobs", "status")
    (False, {})
    """
    if table != "employees":
        return {}
    found = dict(VALUE_SYNONYMS.get(column, {}))
    if column == "status" and source is not None:
        heading = _squash(source)
        meaning = ("left", "active") if heading in LEAVER_FLAG_HEADINGS else \
            ("active", "left") if heading in ACTIVE_FLAG_HEADINGS else None
        if meaning:
            found.update({**dict.fromkeys(YES_WORDS, meaning[0]), **dict.fromkeys(NO_WORDS, meaning[1])})
    return found


def _translate(cells: pd.Series, synonyms: dict[str, str | None], column: str
               ) -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    """(translated cells, which were translated, counts as TRANSLATED_COLUMNS) of the non-missing ``cells``.

    A million cells hold a handful of distinct values: those are matched, not every cell."""
    codes, distinct = pd.factorize(cells.astype("string"))
    found = [_normal(v) in synonyms for v in distinct]
    if not any(found):
        return cells, pd.Series(False, index=cells.index), pd.DataFrame(columns=TRANSLATED_COLUMNS)
    stored = np.array([synonyms[_normal(v)] if hit else v for v, hit in zip(distinct, found)], dtype=object)
    hit_codes = np.flatnonzero(found)
    hit = pd.Series(np.isin(codes, hit_codes), index=cells.index)
    per_code = np.bincount(codes[codes >= 0], minlength=len(distinct))
    counts = pd.DataFrame({"column": column, "file_value": [str(distinct[i]).strip() for i in hit_codes],
                           "stored_value": [stored[i] for i in hit_codes], "rows": per_code[hit_codes]})
    counts = counts.groupby(["column", "file_value"], sort=False, dropna=False).agg(
        stored_value=("stored_value", "first"), rows=("rows", "sum")).reset_index()
    translated = pd.Series(stored[np.where(codes >= 0, codes, 0)], index=cells.index, dtype=object)
    return cells.astype(object).where(~hit, translated), hit, counts[TRANSLATED_COLUMNS]


def _apply_synonyms(out: pd.DataFrame, raw: pd.DataFrame, table: str, mapping: dict, columns: dict[str, str],
                    by_user: dict[str, pd.Series], derived: set[str]) -> pd.DataFrame:
    """Built-in synonyms for values the user has not translated; and the exit type a leaver's status names
    (Voluntarily Terminated → voluntary) when no column gives it.  Returns what was translated, and how often."""
    found = []
    for target, source in columns.items():
        synonyms = value_synonyms(table, target, source)
        if not synonyms or target in derived or target not in out.columns:
            continue
        todo = out[target].notna() & ~by_user.get(target, pd.Series(False, index=out.index))
        if not todo.any():
            continue
        cells, hit, counts = _translate(out.loc[todo, target], synonyms, target)
        if hit.any():
            out[target] = out[target].astype(object).where(~todo, cells.reindex(out.index))
            found.append(counts)
    if (table == "employees" and "status" in columns and "status" not in derived
            and not {"exit_type"} & set(out.columns)):
        found.append(_exit_type_from_status(out, raw[columns["status"]], mapping))
    found = [f for f in found if len(f)]
    if not found:
        return pd.DataFrame(columns=TRANSLATED_COLUMNS)
    order = {c: n for n, c in enumerate(TABLES[table].columns)}
    found = pd.concat(found, ignore_index=True)
    return found.sort_values(["column", "file_value"], key=lambda s: s.map(order) if s.name == "column" else s,
                             kind="stable", ignore_index=True)


def _exit_type_from_status(out: pd.DataFrame, status: pd.Series, mapping: dict) -> pd.DataFrame:
    """``exit_type`` from the words of the status column: the user's exit_type translations of those words
    first, then the built-in ones; any other status (Active, 离职) leaves the type missing."""
    own = {str(k).strip(): _blank_to_none(v) for k, v in ((mapping.get("values") or {}).get("exit_type") or {}).items()}
    result = pd.Series(None, index=status.index, dtype=object)
    rest = status.notna()
    if own:
        text = status.astype("string").str.strip()
        user_hit = text.isin(list(own)).fillna(False)
        result[user_hit] = text[user_hit].map(own)
        rest &= ~user_hit
    counts = pd.DataFrame(columns=TRANSLATED_COLUMNS)
    if rest.any():  # a million statuses are a handful of distinct words: _translate reads each once
        cells, hit, counts = _translate(status[rest], VALUE_SYNONYMS["exit_type"], "exit_type")
        result[hit[hit].index] = cells[hit]
    if result.notna().any():
        out["exit_type"] = result
        return counts
    return pd.DataFrame(columns=TRANSLATED_COLUMNS)


def _status_from_exit_dates(out: pd.DataFrame, table: str) -> tuple[int, int] | None:
    """An employee file without a status: a row with an exit date is a leaver, any other row is active.
    A mapped status is trusted as it is (the row rule refuses an active row with an exit date)."""
    if table != "employees" or "status" in out.columns or "exit_date" not in out.columns:
        return None
    dated = out["exit_date"].notna().to_numpy()
    out["status"] = pd.Series(np.where(dated, "left", "active"), index=out.index, dtype=object)
    return int(dated.sum()), int((~dated).sum())


def _put_constants(out: pd.DataFrame, table: str, mapping: dict) -> None:
    """``constants``: a value for every row (``{"period": "2024Q4"}``); blank stores the column as missing."""
    spec = TABLES[table]
    for target, value in (mapping.get("constants") or {}).items():
        if target not in spec.columns:
            raise Refused("mapping_not_column", field="mapping", target=repr(target), table=table)
        if target in out.columns:
            raise Refused("mapping_set_and_read", field="mapping", target=target, value=repr(value))
        value = _blank_to_none(value)
        out[target] = pd.Series(pd.NA if value is None else str(value), index=out.index, dtype="string")


def key_column(table: str) -> str | None:
    """The one column that names a row of ``table`` (its key), or None for a key of several columns."""
    key = TABLES[table].key
    return key[0] if len(key) == 1 else None


def _put_generated_ids(out: pd.DataFrame, table: str, mapping: dict) -> dict | None:
    """``generate_id``: ``{"column": "employee_id", "prefix": "E"}`` numbers each row by its spreadsheet row
    (header = row 1): E2, E3, ...  For a file without ids; the same file always gets the same ids."""
    rule = mapping.get("generate_id")
    if not rule:
        return None
    column = rule.get("column") or key_column(table)
    if column not in TABLES[table].columns:
        raise Refused("mapping_generate_not_column", field="mapping", column=repr(column), table=table)
    if column in out.columns:
        raise Refused("mapping_generated_and_read", field="mapping", column=column)
    prefix = str(rule.get("prefix") or "").strip()
    numbers = pd.Series(np.asarray(out.index, dtype=np.int64) + FIRST_DATA_ROW, index=out.index)
    out[column] = prefix + numbers.astype(str)
    if not len(out):
        return {"column": column, "prefix": prefix, "first": "", "last": "", "rows": 0}
    return {"column": column, "prefix": prefix, "first": out[column].iloc[0], "last": out[column].iloc[-1],
            "rows": len(out)}


def default_pay_period(store: Store | None) -> str:
    """The period a file's pay is given in when its mapping does not say: the company setting (monthly unless
    set otherwise on the Data page or with ``python -m hrcore settings pay_period=annual``)."""
    return company.load(store).pay_period if store is not None else "monthly"


def _pay_period(mapping: dict, default: str | None) -> str:
    period = mapping.get("pay_period") or default or "monthly"
    if period not in PAY_PERIODS:
        raise Refused("mapping_pay_period", field="mapping", choices=list(PAY_PERIODS), period=repr(period))
    return period


def _pay_per_month(out: pd.DataFrame, columns: dict[str, str]) -> None:
    """A year's pay read from the file divided by 12, to the cent; a cell that is not a number is left for
    validation to name."""
    for column in PAY_COLUMNS:
        if column not in columns or column not in out.columns:
            continue
        amount = _numbers(out[column])
        monthly = (amount / 12).round(2)
        unreadable = out[column].notna() & amount.isna()
        out[column] = monthly if not unreadable.any() else out[column].astype(object).where(unreadable, monthly)


def local_monthly_wage(store: Store) -> float | None:
    """The local average monthly wage the company set (company settings), or None when it never set one."""
    return company.saved(store).get("local_avg_wage")


def check_pay_period(rows: pd.DataFrame, period: str, local_wage: float | None) -> dict | None:
    """Whether monthly pay looks like a year's (see ANNUAL_PAY_TIMES_LOCAL): ``median, threshold, local_wage``,
    or None.

    >>> rows = pd.DataFrame({"base_pay": [62_506.0, 104_437.0, 64_955.0]})
    >>> check_pay_period(rows, "monthly", None)
    {'column': 'base_pay', 'median': 64955.0, 'threshold': 30000, 'local_wage': None}
    >>> check_pay_period(rows, "monthly", 20_000.0) is None, check_pay_period(rows, "annual", None) is None
    (True, True)
    """
    if period == "annual" or "base_pay" not in rows.columns:
        return None
    pay = rows["base_pay"].dropna()
    pay = pay[pay > 0]
    if not len(pay):
        return None
    median = float(pay.median())
    threshold = ANNUAL_PAY_TIMES_LOCAL * local_wage if local_wage else ANNUAL_PAY_FALLBACK
    if median <= threshold:
        return None
    return {"column": "base_pay", "median": median, "threshold": threshold, "local_wage": local_wage}


def default_references(columns: list[str], mapping: dict) -> dict[str, str | None]:
    """What ``--create-references`` creates by default: the departments and jobs named by the file columns that
    give department_id and job_id (their own text as the name), and managers linked by the names in a column
    headed like ManagerName (when the file has one)."""
    mapped = mapped_columns(mapping)
    found = {target: mapped[target] for target in REFERENCE_TABLES if target in mapped}
    by_squash = {_squash(c): c for c in columns}
    manager_names = next((by_squash[h] for h in MANAGER_NAME_HEADINGS if h in by_squash), None)
    if manager_names:
        found["manager_id"] = manager_names
    return found


def person_key(name) -> str | None:
    """A name as people are matched by: "Last, First" read as "First Last", case, punctuation and middle names
    or initials left out (first and last word); a Chinese name as written.

    >>> person_key("Butler, Webster  L"), person_key("Webster Butler"), person_key("LeBlanc, Brandon  R")
    ('webster butler', 'webster butler', 'brandon leblanc')
    >>> person_key("Brandon R. LeBlanc"), person_key(" 王芳 "), person_key(None)
    ('brandon leblanc', '王芳', None)
    """
    if name is None or name is pd.NA or (isinstance(name, float) and np.isnan(name)):
        return None
    text = unicodedata.normalize("NFKC", str(name)).strip()
    if "," in text:
        last, _, first = text.partition(",")
        text = f"{first} {last}"
    words = [w for w in re.findall(r"[^\W\d_]+", text.casefold()) if len(w) > 1 or CJK.match(w)]
    if not words:
        return None
    return words[0] if len(words) == 1 else f"{words[0]} {words[-1]}"


def _names(values: pd.Series) -> pd.Series:
    text = values.astype("string")
    wide = text.str.contains(NOT_ASCII, regex=True, na=False)
    if wide.any():
        text = text.where(~wide, text[wide].map(lambda v: unicodedata.normalize("NFKC", v)))
    return text.str.strip().replace("", pd.NA)


def _new_references(store: Store, target: str, ids: pd.Series, names: pd.Series) -> pd.DataFrame:
    """Rows of the department or job table for the ids the file names that the database does not hold: each named
    as the file writes it most often (in ``name_zh``/``title_zh`` when it holds Chinese, else the English one)."""
    table, english, chinese = REFERENCE_TABLES[target]
    key = TABLES[table].key[0]
    known = store.query(f"SELECT {key} FROM {table}")[key]
    pairs = pd.DataFrame({"id": ids, "name": names}).dropna(subset=["id"])
    pairs = pairs[~pairs["id"].isin(known)]
    if not len(pairs):
        return pd.DataFrame(columns=[key, english, chinese])
    order = pd.unique(pairs["id"])
    counted = pairs.dropna(subset=["name"]).groupby(["id", "name"], sort=False).size().reset_index(name="n")
    best = counted.sort_values("n", ascending=False, kind="stable").drop_duplicates("id").set_index("id")["name"]
    name = pd.Series(order).map(best)
    chinese_name = name.str.contains(CJK.pattern, regex=True, na=False)
    frame = pd.DataFrame({key: order, english: name.where(~chinese_name), chinese: name.where(chinese_name)})
    typed, problems = validate(frame.astype(object).where(frame.notna(), None), table)
    if len(problems):  # ids and names were checked as the employees' already; a refusal here is a bug
        raise ValueError(f"{table}: {problems.iloc[0]['reason']}")
    return typed


def _link_managers(store: Store, rows: pd.DataFrame, names: pd.Series, column: str) -> dict:
    """Each row's manager named in ``names`` linked to the one employee of that name (in the file or the
    database): ``manager_id`` becomes that employee's id.  A name that no one or several people bear links
    nobody; such rows keep the manager id the file gives."""
    people = [rows[["employee_id", c]].rename(columns={c: "name"}) for c in ("name_en", "name_zh") if c in rows]
    stored = store.query("SELECT employee_id, name_en, name_zh FROM employees")
    people += [stored[["employee_id", c]].rename(columns={c: "name"}) for c in ("name_en", "name_zh")]
    people = pd.concat(people, ignore_index=True).dropna()
    people["key"] = people["name"].map(person_key)
    ids_per_key = people.dropna(subset=["key"]).groupby("key")["employee_id"].agg(lambda ids: sorted(set(ids)))
    wanted = names.astype(object).map(person_key)
    matches = wanted.map(ids_per_key.to_dict())
    unique = matches.map(lambda ids: ids[0] if isinstance(ids, list) and len(ids) == 1 else None)
    linked = unique.notna() & (unique != rows["employee_id"])  # nobody manages themself
    current = rows["manager_id"] if "manager_id" in rows else pd.Series(pd.NA, index=rows.index, dtype="string")
    rows["manager_id"] = current.astype(object).where(~linked, unique).astype("string")
    shown = names.astype("string").str.strip()
    several = matches.map(lambda ids: isinstance(ids, list) and len(ids) > 1)
    none = wanted.notna() & matches.isna()
    return {"column": column, "rows": int(linked.sum()), "managers": int(unique[linked].nunique()),
            "unmatched": sorted(shown[none].dropna().unique().tolist()),
            "ambiguous": sorted(shown[several].dropna().unique().tolist())}


def plan_references(store: Store, table: str, rows: pd.DataFrame, raw: pd.DataFrame, mapping: dict
                    ) -> tuple[dict[str, pd.DataFrame], dict | None]:
    """``references``: ``{"department_id": "Department", "job_id": "Position", "manager_id": "ManagerName"}``
    creates the departments and jobs the employees refer to (names from the given file columns) and links each
    manager named in the file to that employee.  Returns the new rows per table and how managers were linked;
    changes ``rows``' manager_id."""
    wanted = mapping.get("references")
    if not wanted or table != "employees":
        return {}, None
    if wanted is True:
        wanted = default_references(list(raw.columns), mapping)
    new, managers = {}, None
    for target, source in wanted.items():
        if target not in (*REFERENCE_TABLES, "manager_id"):
            raise Refused("mapping_references_target", field="mapping", target=repr(target))
        source = str(source).strip() if source else None
        if source and source not in raw.columns:
            raise Refused("mapping_references_source", field="mapping", column=repr(source), target=target)
        if target == "manager_id":
            if source:
                managers = _link_managers(store, rows, _names(raw[source]), source)
        elif target in rows.columns:
            names = _names(raw[source]) if source else rows[target]
            new[REFERENCE_TABLES[target][0]] = _new_references(store, target, rows[target], names)
    return {name: frame for name, frame in new.items() if len(frame)}, managers


def pay_note(check: dict, lang: str) -> str:
    """Why the file's monthly pay looks like a year's (:func:`check_pay_period`), in ``lang``."""
    basis = (i18n.t("data.pay_basis_local", lang, wage=i18n.number(check["local_wage"], lang)) if check["local_wage"]
             else i18n.t("data.pay_basis_fixed", lang))
    return i18n.t("data.pay_looks_annual", lang, median=i18n.number(check["median"], lang),
                  threshold=i18n.number(check["threshold"], lang), basis=basis)


def plan_notes(plan: ImportPlan, lang: str, pay: bool = True) -> list[str]:
    """What a plan does to statuses, ids, pay, reference tables and managers, in ``lang``: plain text with the
    file's own names in it (show it as text, never as Markdown)."""
    applied, notes = plan.applied, []
    if applied.status_from_exit:
        left, active = applied.status_from_exit
        notes.append(i18n.t("data.status_from_exit", lang, left=i18n.number(left, lang),
                            active=i18n.number(active, lang)))
    if generated := applied.generated:
        notes.append(i18n.t("data.generated_ids", lang, column=generated["column"], first=generated["first"],
                            last=generated["last"], rows=i18n.number(generated["rows"], lang)))
    if applied.pay_check and pay:
        notes.append(pay_note(applied.pay_check, lang))
    if applied.references:
        notes.append(i18n.t("data.references_new", lang,
                            departments=i18n.number(len(applied.references.get("departments", ())), lang),
                            jobs=i18n.number(len(applied.references.get("jobs", ())), lang)))
    if managers := applied.managers:
        notes.append(i18n.t("data.managers_linked", lang, column=managers["column"],
                            managers=i18n.number(managers["managers"], lang), rows=i18n.number(managers["rows"], lang)))
        if managers["unmatched"]:
            notes.append(i18n.t("data.managers_unmatched", lang, names=", ".join(managers["unmatched"])))
        if managers["ambiguous"]:
            notes.append(i18n.t("data.managers_ambiguous", lang, names=", ".join(managers["ambiguous"])))
    return notes


# -- validation ---------------------------------------------------------------------
DATE_ORDER_CODE = "date_order_needed"

# What a column's check found: the cells refused, their problem's code and the values its text needs.
Checks = list[tuple[pd.Series, str, dict]]


def _typed_dates(values: pd.Series, date_order: str | None) -> tuple[pd.Series, Checks, Written]:
    """(typed, checks, how the column is written: ``M/D/Y, two-digit years``) for a date column."""
    read = read_dates(values, date_order)
    code = (DATE_ORDER_CODE if read.ambiguous else "dates_mixed" if read.format == "mixed" else "not_a_date")
    return read.values, [(values.notna() & read.values.isna(), code, {})], how_written(read)


def _parse_timestamps(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.astype("string").str.strip(), format="ISO8601", errors="coerce")


def _typed_column(values: pd.Series, kind, date_order: str | None = None) -> tuple[pd.Series, Checks]:
    """Return (typed values, checks) for one column."""
    present = values.notna()
    if kind.python_type is bool:
        text = values.astype("string").str.strip().str.lower()
        typed = pd.Series(pd.NA, index=values.index, dtype="boolean")
        typed[text.isin(TRUE_WORDS)] = True
        typed[text.isin(FALSE_WORDS)] = False
        return typed, [(present & typed.isna(), "not_yes_no", {})]
    if kind.python_type in (int, float):
        typed = _numbers(values)
        infinite = typed.notna() & np.isinf(typed)
        checks = [(present & typed.isna(), "not_a_number", {}), (present & infinite, "not_a_finite_number", {})]
        if kind.python_type is int:
            # Whole numbers are stored as 32-bit integers; larger ones would wrap or fail in the database.
            huge = typed.notna() & ~infinite & (typed.abs() > INT_MAX)
            fractional = typed.notna() & ~infinite & ~huge & (typed != typed.round())
            checks += [(fractional, "not_a_whole_number", {}), (huge, "too_large", {"most": INT_MAX})]
            typed = typed.where(~(infinite | fractional | huge)).round().astype("Int64")
            return typed, checks
        return typed.where(~infinite).astype("Float64"), checks
    if kind.python_type is date:
        typed, checks, _ = _typed_dates(values, date_order)
        return typed, checks
    if kind.python_type is datetime:
        typed = _parse_timestamps(values)
        return typed, [(present & typed.isna(), "not_a_datetime", {})]
    if kind.choices:
        canonical = {c.lower(): c for c in kind.choices}
        # A million cells, a handful of distinct values: those few are trimmed and matched, not every cell.
        codes, seen = pd.factorize(values)
        spelled = pd.array([canonical.get(str(value).strip().lower()) for value in seen] + [None], dtype="string")
        typed = pd.Series(spelled.take(codes), index=values.index).where(present, pd.NA)  # code -1 (empty): None
        return typed, [(present & typed.isna(), "not_one_of", {"choices": list(kind.choices)})]
    return values.astype("string").str.strip(), []


def _is_id(spec: TableSpec, column: str, kind) -> bool:
    """Whether ``column`` names a record (the table's key, or another table's: manager_id, job_id ...)."""
    return kind.python_type is str and not kind.choices and (column in spec.key or column.endswith("_id"))


def _hidden_character(text: str) -> str | None:
    return next((c for c in text if unicodedata.category(c) in HIDDEN_CATEGORIES), None)


def _typed_ids(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    r"""Ids as one person is known by: Unicode NFKC (full-width Ｅ１ is E1), trimmed; any control or invisible
    character left (zero-width space, direction override, a line break inside) is refused, not kept as a
    second person who looks the same.

    Returns the ids, the cells refused and the character each one holds (``U+200B``).

    >>> typed, bad, character = _typed_ids(pd.Series(["Ｅ１ ", "E\u200b1", "E2"], dtype="string"))
    >>> typed.tolist(), bad.tolist(), character[bad].tolist()
    (['E1', 'E\u200b1', 'E2'], [False, True, False], ['U+200B'])
    """
    text = values.astype("string")
    # Only cells outside ASCII can change under NFKC or hold a format character: a million plain ids pay
    # for two vectorised scans, not a Python call each.
    wide = text.str.contains(NOT_ASCII, regex=True, na=False)
    if wide.any():
        text = text.where(~wide, text[wide].map(lambda v: unicodedata.normalize("NFKC", v)))
    text = text.str.strip()
    character = pd.Series("", index=values.index, dtype=object)
    suspects = (text.str.contains(ASCII_CONTROL, regex=True, na=False) | wide).to_numpy()
    if suspects.any():
        hidden = text[suspects].map(_hidden_character)
        character[hidden.index] = hidden.map(
            lambda c: "" if c is None or c is pd.NA else f"U+{ord(c):04X}")
    bad = character.ne("")
    return text, bad, character


def _bound(value: float) -> int | str:
    """A bound as a problem's text writes it: a whole number grouped (1,000,000,000, not 1e+09), else as is."""
    return int(value) if float(value).is_integer() else f"{value:g}"


def _bounds(typed: pd.Series, kind) -> Checks:
    checks = []
    if kind.ge is not None:
        checks.append((typed.notna() & (typed < kind.ge), "at_least", {"bound": _bound(kind.ge)}))
    if kind.gt is not None:
        checks.append((typed.notna() & (typed <= kind.gt), "more_than", {"bound": _bound(kind.gt)}))
    if kind.le is not None:
        checks.append((typed.notna() & (typed > kind.le), "at_most", {"bound": _bound(kind.le)}))
    return checks


def validate(frame: pd.DataFrame, table: str, date_order: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check mapped rows against the table's model, all rows at once.

    Returns the typed frame (only the columns present) and a frame of
    problems with columns ``row, column, value, reason, code, values`` (:data:`PROBLEM_COLUMNS`).  ``date_order``
    (``MDY`` or ``DMY``) reads date columns that do not tell day from month
    by themselves (:func:`hrcore.dates.read_dates`).
    """
    typed, problems, _ = _validated(frame, table, date_order)
    return typed, problems


def _validated(frame: pd.DataFrame, table: str, date_order: str | None, key_check: bool = True,
               required: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """:func:`validate`; ``key_check=False`` leaves keys repeated in the file to the table's own step, and
    ``required`` replaces the columns the file must have (an update of stored rows needs only the key)."""
    spec: TableSpec = TABLES[table]
    date_formats: dict[str, Written] = {}
    typed = pd.DataFrame(index=frame.index)
    problems: list[pd.DataFrame] = []
    missing_required = [c for c in (spec.required if required is None else required) if c not in frame.columns]
    if missing_required:
        problems.append(problem_frame([1] * len(missing_required), missing_required, [""] * len(missing_required),
                                      "required_not_mapped", {}))
        return typed, _problems(problems), date_formats
    for column in spec.columns:
        if column not in frame.columns:
            continue
        kind = column_type(spec.model, column)
        values = frame[column]
        if _is_id(spec, column, kind):
            converted, bad, character = _typed_ids(values)
            problems.append(_problem_rows(bad, column, values, "hidden_character", character=character))
        else:
            if kind.python_type is date:
                converted, checks, way = _typed_dates(values, date_order)
                if way.format:
                    date_formats[column] = way
            else:
                converted, checks = _typed_column(values, kind)
            bad = pd.Series(False, index=values.index)
            for mask, code, needs in checks:
                problems.append(_problem_rows(mask, column, values, code, **needs))
                bad |= mask
        for mask, code, needs in _bounds(converted, kind):
            problems.append(_problem_rows(mask & ~bad, column, values, code, **needs))
        if column in spec.required:
            problems.append(_problem_rows(values.isna(), column, values, "required_missing"))
        typed[column] = converted
    key = list(spec.key)
    complete = typed[key].notna().all(axis=1)
    keyed = typed[key[0]] if len(key) == 1 else typed[key]  # a single column hashes twice as fast
    # Keys usually are unique, and one column's is_unique answers that in a third of duplicated()'s time.
    unique = len(key) == 1 and (keyed if complete.all() else keyed[complete]).is_unique
    repeated = complete & (False if unique or not key_check else keyed.duplicated(keep=False))
    if repeated.any():
        first = typed[repeated].groupby(key, dropna=False).ngroup()
        first_row = pd.Series(typed[repeated].index, index=typed[repeated].index).groupby(first.to_numpy()).transform("min")
        later = repeated & ~typed.index.isin(first_row.unique())
        first_of = (first_row + FIRST_DATA_ROW).reindex(typed.index)
        problems.append(_problem_rows(later, key[-1], frame[key[-1]], "repeats_key", row=first_of))
    for rule in spec.rules:
        if all(c in typed.columns for c in rule.needs):
            mask = rule.bad(typed).fillna(False).astype(bool)
            problems.append(_problem_rows(mask, rule.column, frame[rule.column], rule.code))
    return typed, _problems(problems), date_formats


# -- the whole import ------------------------------------------------------------------
def _warnings(store: Store, table: str, rows: pd.DataFrame, raw: pd.DataFrame, mapping: dict,
              applied: Applied | None = None) -> list[tuple[str, dict]]:
    used = set(mapped_columns(mapping).values()) | {
        r.get("source") for r in (mapping.get("derive") or {}).values()}
    references = mapping.get("references")
    if references:  # the columns that name departments, jobs and managers are read too
        named = references if isinstance(references, dict) else default_references(list(raw.columns), mapping)
        used |= {str(c).strip() for c in named.values() if c}
    creating = set(applied.references) if applied else set()
    notes = []
    unused = [c for c in raw.columns if c not in used]
    if unused:
        notes.append(("columns_not_imported", {"n": len(unused), "columns": ", ".join(map(str, unused))}))
    references = {"department_id": ("departments", "department_id"), "job_id": ("jobs", "job_id")}
    for column, (other, other_key) in references.items():
        if column in rows.columns and table != other and other not in creating:
            known = store.query(f"SELECT {other_key} FROM {other}")[other_key]
            used = pd.Series(rows[column].dropna().unique())
            unknown = sorted(used[~used.isin(known)])
            if unknown:
                shown = ", ".join(map(str, unknown[:5])) + (" …" if len(unknown) > 5 else "")
                notes.append(("unknown_references", {"n": len(unknown), "column": column, "table": other,
                                                     "values": shown}))
    return notes


def plan_import(store: Store, table: str, raw: pd.DataFrame, mapping: dict,
                pay_period: str | None = None, update_only: bool = False) -> ImportPlan:
    """Map and validate ``raw``; count what would change.  Writes nothing.

    ``pay_period`` is the period of the file's pay when the mapping does not
    say (default :func:`default_pay_period`).  With ``update_only`` the file
    changes rows already stored (KPI actuals on their lines): only the key
    columns are required, and a row whose key is not stored is a problem.
    """
    if table not in TABLES:
        raise Refused("table_unknown", field="table", table=repr(table), tables=list(TABLES))
    mapped = map_file(raw, table, mapping, pay_period or default_pay_period(store))
    frame, notes = _before_checks(store, table, mapped.frame, mapping)
    rows, problems, date_formats = _validated(frame, table, mapping.get("date_order"),
                                              key_check=table not in STEPS_CHECK_KEYS,
                                              required=list(TABLES[table].key) if update_only else None)
    rows, step_problems, step_notes = _after_checks(store, table, rows, frame, mapping, update_only)
    problems, notes = _problems([mapped.problems, problems, step_problems]), notes + step_notes
    if len(rows) and table in ("ratings_360", "certifications"):
        from hrcore.competency import reference_problems  # the rules live with their programme

        problems = _problems([problems, reference_problems(store, table, rows)])
    applied = Applied(mapped.translated, mapped.status_from_exit, mapped.generated, mapped.pay_period)
    if problems.empty and len(rows):
        applied.pay_check = check_pay_period(rows, mapped.pay_period, local_monthly_wage(store))
        applied.references, applied.managers = plan_references(store, table, rows, raw, mapping)
    plan = ImportPlan(table, rows, problems, _warnings(store, table, rows, raw, mapping, applied),
                      date_formats=date_formats, applied=applied, notes=notes)
    if plan.ok and len(rows):
        plan.counts = store.compare(table, rows)
    return plan


def import_file(store: Store, table: str, data: bytes, filename: str, mapping: dict | None = None) -> ImportReport:
    """Read, map, validate and, when every row is valid, write ``data``.

    Without ``mapping`` the file's columns must carry the table's names (as
    an export does).  A file with any problem writes nothing.
    """
    try:
        raw = read_file(data, filename)
    except FileProblems as refused:
        return ImportReport(table, pd.DataFrame(), refused.problems, encoding="xlsx")
    mapping = mapping if mapping is not None else identity_mapping(list(raw.frame.columns), table)
    plan = plan_import(store, table, raw.frame, mapping)
    report = ImportReport(**vars(plan), encoding=raw.encoding)
    if plan.ok:
        report.counts = commit_rows(store, table, plan.rows, plan.applied.references)
        report.written = True
    return report


def commit_rows(store: Store, table: str, rows: pd.DataFrame,
                references: dict[str, pd.DataFrame] | None = None) -> UpsertResult:
    """Write checked rows (one transaction); a company's own data ends the demo mode (sign-in from now on).

    The demo flag is cleared in the transaction that writes the rows: a crash between two transactions left
    a company's data open to anyone as "the demo", and the demo command free to replace it.  ``references``
    (a plan's new departments and jobs, :func:`plan_references`) are written in the same transaction, each
    only where nobody added the same id meanwhile.
    """
    from hrcore import access

    end_demo = None
    # A manager may not write app_meta; the flag is then left to load_demo's check (accounts exist anyway).
    if store.meta(access.DEMO_FLAG) == "true" and access.may_write(store.user or access.SYSTEM, "app_meta") is None:
        def end_demo(cur):
            cur.execute("UPDATE app_meta SET value = 'false' WHERE key = ? AND value = 'true'", [access.DEMO_FLAG])
    after = _then_all(end_demo, _after_write(table, rows))
    new = {name: frame for name, frame in (references or {}).items() if len(frame)}
    if not new:
        return store.upsert(table, rows, then=after)
    written = []

    def with_references(cur):
        for name, frame in new.items():
            if name not in ("departments", "jobs"):
                raise ValueError(f"references: {name!r} is not a reference table")
            columns = ", ".join(frame.columns)
            cur.register("new_references", frame)
            cur.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM new_references "
                        f"ON CONFLICT ({', '.join(TABLES[name].key)}) DO NOTHING")
            cur.unregister("new_references")
        if after is not None:
            after(cur)
        written.append(True)

    result = store.upsert(table, rows, action="imports.commit_rows", then=with_references)
    if not written:  # the rows change nothing, the references are still new
        with store.transaction("imports.commit_rows") as cur:
            with_references(cur)
    return result


# -- steps of particular tables -----------------------------------------------------------------
# Around the generic checks some tables take steps of their own, kept with their programme: 360 ratings as
# survey tools export them (hrcore.ratings_import), KPI scorecards and their lines (hrcore.kpi).
STEPS_CHECK_KEYS = {"ratings_360"}
"""Tables whose step settles keys repeated in the file (360 repeats: refused, averaged or the last kept)."""


TABLE_HEADINGS = {
    "scorecards": {
        "scorecard_id": ["scorecard", "card", "cardid", "考核表", "考核表编号"],
        "owner_id": ["employee_id", "employeeid", "employee", "工号", "员工编号", "被考核人"],
        "period": ["cycle", "考核周期", "周期", "期间"],
        "appraiser_id": ["appraiser", "reviewer", "考核人", "评价人"],
        "total_score": ["total", "score", "totalscore", "总分", "考核得分", "得分"],
        "rating": ["grade", "result", "performancerating", "等级", "考核等级", "绩效等级"],
    },
    "scorecard_lines": {
        "scorecard_id": ["scorecard", "card", "cardid", "考核表", "考核表编号"],
        "indicator_id": ["indicator", "kpi", "kpiid", "指标", "指标编号"],
        "actual": ["actualvalue", "result", "实际", "实际值", "完成值"],
        "target": ["targetvalue", "目标", "目标值"],
        "weight": ["权重"],
    },
    "ability_assessments": {
        "employee_id": ["employeeid", "employeenumber", "empid", "staffid", "工号", "员工编号"],
        "score": ["ability", "abilityscore", "assessment", "能力", "能力得分", "评估得分", "得分", "分数"],
        "period": ["cycle", "year", "评估周期", "周期", "年度"],
        "assessor_id": ["assessor", "评估人"],
    },
    "market_data": {
        "job_id": ["job", "jobcode", "岗位", "岗位编号", "职位"],
        "survey_year": ["year", "surveyyear", "年份", "调研年份", "年度"],
        "pay_type": ["paytype", "paybasis", "薪酬类型"],
        "p10": ["10th", "pct10", "10分位", "10分位值"],
        "p25": ["25th", "pct25", "25分位", "25分位值"],
        "p50": ["50th", "median", "pct50", "50分位", "50分位值", "中位值"],
        "p75": ["75th", "pct75", "75分位", "75分位值"],
        "p90": ["90th", "pct90", "90分位", "90分位值"],
        "effective_date": ["effectivedate", "生效日期"],
        "survey_job": ["surveyjob", "benchmarkjob", "调研岗位", "对标岗位"],
        "source": ["provider", "vendor", "调研机构", "来源"],
        "currency": ["币种", "货币"],
    },
}
"""Headings of each table's usual files, by table column (KPI results and actuals, ability assessments, market
surveys), tried before the shared :data:`SYNONYMS`; 360 files have theirs in :mod:`hrcore.ratings_import`."""


def table_headings(table: str) -> dict[str, list[str]]:
    """Headings of the table's usual files, by table column, beside the shared :data:`SYNONYMS`."""
    if table == "ratings_360":
        from hrcore.ratings_import import HEADINGS

        return HEADINGS
    return TABLE_HEADINGS.get(table, {})


def _before_checks(store: Store, table: str, mapped: pd.DataFrame, mapping: dict
                   ) -> tuple[pd.DataFrame, list[tuple[str, dict]]]:
    if table == "ratings_360":
        from hrcore.ratings_import import prepare

        return prepare(mapped)
    return mapped, []


def _after_checks(store: Store, table: str, rows: pd.DataFrame, mapped: pd.DataFrame, mapping: dict,
                  update_only: bool) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, dict]]]:
    problems, notes = [], []
    if update_only and len(rows):
        problems.append(_not_stored(store, table, rows, mapped))
    if table == "ratings_360":
        from hrcore.ratings_import import settle_repeats

        rows, found, notes = settle_repeats(rows, mapped, mapping.get("repeats"))
        problems.append(found)
    elif table in ("scorecards", "scorecard_lines") and len(rows):
        from hrcore.kpi import import_checks

        rows, found, notes = import_checks(store, table, rows, mapped, update_only)
        problems.append(found)
    elif table == "ability_assessments" and "employee_id" in rows.columns and len(rows):
        notes = _unknown_people(store, rows["employee_id"])
    return rows, _problems(problems), notes


def _unknown_people(store: Store, ids: pd.Series) -> list[tuple[str, dict]]:
    """A note naming the people a file refers to who are not on file (their rows are kept, shown by id)."""
    known = store.query("SELECT employee_id FROM employees")["employee_id"]
    unknown = sorted(pd.unique(ids.dropna()[~ids.dropna().isin(known)]))
    if not unknown:
        return []
    return [("unknown_people", {"n": len(unknown), "ids": ", ".join(map(str, unknown[:5])) +
                                (", …" if len(unknown) > 5 else "")})]


NOT_STORED = {"scorecard_lines": "no_such_line"}


def _not_stored(store: Store, table: str, rows: pd.DataFrame, mapped: pd.DataFrame) -> pd.DataFrame:
    """Rows of an update-only import whose key is not stored, named at the key's last column."""
    key = list(TABLES[table].key)
    if not set(key) <= set(rows.columns):
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    stored = store.query(f"SELECT DISTINCT {', '.join(key)} FROM {table}")
    found = rows[key].merge(stored.assign(_stored=True), on=key, how="left")["_stored"].fillna(False)
    missing = pd.Series(~found.to_numpy(dtype=bool), index=rows.index) & rows[key].notna().all(axis=1)
    return _problem_rows(missing, key[-1], mapped[key[-1]], NOT_STORED.get(table, "no_row_to_update"))


def _after_write(table: str, rows: pd.DataFrame):
    """What writing ``rows`` entails, on the same cursor: KPI lines written make open editors of their cards
    out of date (a save made from one must not overwrite the imported actuals)."""
    if table != "scorecard_lines" or "scorecard_id" not in rows.columns:
        return None
    cards = pd.DataFrame({"scorecard_id": rows["scorecard_id"].dropna().unique()})

    def bump(cur):
        cur.register("written_cards", cards)
        cur.execute("UPDATE scorecards SET revision = coalesce(revision, 0) + 1 "
                    "WHERE scorecard_id IN (SELECT scorecard_id FROM written_cards)")
        cur.unregister("written_cards")
    return bump


def _then_all(*steps):
    steps = [s for s in steps if s is not None]
    if not steps:
        return None

    def run(cur):
        for step in steps:
            step(cur)
    return run


# -- export ------------------------------------------------------------------------------
def _export_frame(store: Store, table: str) -> pd.DataFrame:
    frame = store.table(table)
    spec = TABLES.get(table)
    for column in frame.columns:
        # An aggregate read in a table's place (360 ratings for all but admins) has columns the table has not.
        kind = column_type(spec.model, column) if spec and column in spec.model.model_fields else None
        if kind is not None and kind.python_type is date:
            frame[column] = pd.to_datetime(frame[column]).dt.strftime("%Y-%m-%d")
    return frame


def _xlsx_unescape(value):
    return XLSX_ESCAPED.sub(lambda m: chr(int(m[1], 16)), value) if isinstance(value, str) else value


def _escaped_length(column: str) -> str:
    """SQL for the characters ``column`` takes in an XLSX cell: a formula guard adds one, a control character
    becomes seven (``_x0007_``); only long cells pay for the regular expressions."""
    guard = f"CASE WHEN regexp_matches({column}, '^([=+\\-@\\t\\r]|''[=+\\-@\\t\\r''])') THEN 1 ELSE 0 END"
    controls = f"length({column}) - length(regexp_replace({column}, '[\\x00-\\x08\\x0b-\\x1f]', '', 'g'))"
    return (f"CASE WHEN length({column}) > {XLSX_CELL_MAX // 7} THEN length({column}) + {guard} + 6 * ({controls}) "
            f"ELSE length({column}) END")


def xlsx_overflow(store: Store, table: str) -> tuple[int, str, str, int] | None:
    """The first cell an XLSX export of ``table`` would cut: (row in the sheet, the row's key, column,
    characters), or None when every cell fits in Excel's 32,767 characters.

    Excel (and openpyxl) cut a longer text; re-imported, the cut value would replace the whole one.
    """
    spec = TABLES[table]
    texts = [c for c in spec.columns if column_type(spec.model, c).python_type is str]
    if not texts:
        return None
    longest = store.query(f"SELECT {', '.join(f'max({_escaped_length(c)}) AS {c}' for c in texts)} FROM {table}")
    over = [c for c in texts if pd.notna(longest[c].iloc[0]) and longest[c].iloc[0] > XLSX_CELL_MAX]
    if not over:
        return None
    column, key = over[0], ", ".join(spec.key)
    first = store.query(f"SELECT * FROM (SELECT row_number() OVER (ORDER BY {key}) + 1 AS sheet_row, "
                        f"concat_ws(', ', {key}) AS row_key, {_escaped_length(column)} AS characters FROM {table}) "
                        f"WHERE characters > {XLSX_CELL_MAX} ORDER BY sheet_row LIMIT 1").iloc[0]
    return int(first["sheet_row"]), str(first["row_key"]), column, int(first["characters"])


def export_table(store: Store, table: str, fmt: str = "csv") -> bytes:
    """The whole table as CSV (UTF-8 with BOM, for Excel) or XLSX bytes."""
    if table not in TABLES:
        raise ValueError(f"table: unknown table {table!r}")
    frame = _export_frame(store, table)
    if fmt == "xlsx":
        if len(frame) > XLSX_MAX_ROWS:
            raise ValueError(f"format: {table} has {len(frame):,} rows, more than an Excel sheet holds; use CSV")
        if cut := xlsx_overflow(store, table):
            row, key, column, characters = cut
            raise ValueError(f"format: {table} row {row} ({', '.join(TABLES[table].key)} {key}), column {column}: "
                             f"{characters:,} characters, more than an Excel cell holds ({XLSX_CELL_MAX:,}), and "
                             "Excel would cut it; export as CSV, which keeps all of it")
    return table_bytes(frame, fmt, sheet=table[:31])


def problems_csv(problems: pd.DataFrame, lang: str = "en") -> bytes:
    """The problem list as a CSV a user can open in Excel: row, column, value, the reason in ``lang`` and its code
    (every cell escaped: a column named in the user's file can be a formula as well as a value)."""
    return csv_bytes(problems_in(problems, lang)[["row", "column", "value", "reason", "code"]])


# -- mappings as tables, for editing -------------------------------------------------------
MAPPINGS_DIR = Path(__file__).resolve().parent.parent / "data" / "mappings"


def shipped_mappings(table: str) -> dict[str, dict]:
    """Ready mappings that come with the product (``data/mappings/*.json``)."""
    found = {}
    for path in sorted(MAPPINGS_DIR.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        if spec.get("table") == table:
            found[path.stem] = spec
    return found


def mapping_frames(mapping: dict, table: str, required: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A mapping as three editable tables: columns, value translations, derived columns."""
    spec = TABLES[table]
    columns = pd.DataFrame({
        "target": spec.columns,
        "required": ["●" if c in spec.required else "" for c in spec.columns],
        "source": [(mapping.get("columns") or {}).get(c) for c in spec.columns],
        "constant": [(mapping.get("constants") or {}).get(c) for c in spec.columns],
    })
    values = pd.DataFrame(
        [(target, old, new) for target, pairs in (mapping.get("values") or {}).items() for old, new in pairs.items()],
        columns=["target", "file_value", "stored_value"],
    )
    derive = pd.DataFrame(
        [(target, r.get("op"), r.get("source"), r.get("as_of"), r.get("factor"))
         for target, r in (mapping.get("derive") or {}).items()],
        columns=["target", "op", "source", "as_of", "factor"],
    )
    return columns, values, derive


def mapping_from_frames(columns: pd.DataFrame, values: pd.DataFrame, derive: pd.DataFrame) -> dict:
    """The inverse of :func:`mapping_frames`; blank rows are ignored (a blank fixed value is no fixed value).

    >>> frames = mapping_frames({"columns": {"employee_id": "ID"}, "constants": {"location": "shanghai"},
    ...                          "values": {"status": {"Yes": "left"}}}, "employees")
    >>> mapping_from_frames(*frames)
    {'columns': {'employee_id': 'ID'}, 'values': {'status': {'Yes': 'left'}}, 'derive': {}, 'constants': {'location': 'shanghai'}}
    """
    def filled(value) -> bool:
        return value is not None and not (isinstance(value, float) and np.isnan(value)) and str(value).strip() != ""

    spec = {"columns": {}, "values": {}, "derive": {}}
    for row in columns.itertuples(index=False):
        if filled(row.source):
            spec["columns"][row.target] = row.source
    if "constant" in columns.columns:
        constants = {row.target: str(row.constant).strip() for row in columns.itertuples(index=False)
                     if filled(row.constant)}
        if constants:
            spec["constants"] = constants
    for row in values.itertuples(index=False):
        if filled(row.target) and filled(row.file_value):
            spec["values"].setdefault(row.target, {})[str(row.file_value).strip()] = (
                str(row.stored_value).strip() if filled(row.stored_value) else None)
    for row in derive.itertuples(index=False):
        if filled(row.target) and filled(row.op) and filled(row.source):
            rule = {"op": row.op, "source": row.source}
            if filled(row.as_of):
                rule["as_of"] = str(row.as_of)[:10]
            if filled(row.factor):
                rule["factor"] = float(row.factor)
            spec["derive"][row.target] = rule
    return spec
