"""Import and export of tables: files in, validated rows out, all or nothing.

A user's file goes through three steps:

1. :func:`read_file` decodes CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX
   into a frame of raw cells.
2. :func:`apply_mapping` renames source columns to table columns, translates
   values (``Attrition`` Yes → ``left``) and derives fields (a hire date from
   years of service at an as-of date).
3. :func:`validate` checks every cell against the table's pydantic model in
   bulk (vectorised pandas and Arrow, fast on a million rows) and returns typed rows and
   every problem as row, column, value and reason.

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
>>> report.written, report.problems.to_dict("records")
(False, [{'row': 3, 'column': 'base_pay', 'value': 'abc', 'reason': 'not a number'}])
>>> store.count("employees")
0
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from hrcore.schema import TABLES, TableSpec, column_type
from hrcore.store import Store, UpsertResult

FIRST_DATA_ROW = 2
INT_MAX = 2**31 - 1
XLSX_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # what an XLSX cell cannot hold as it is (tab and LF can)
XLSX_ESCAPED = re.compile(r"_x(00[01][0-9A-F])_")
PROBLEM_COLUMNS = ["row", "column", "value", "reason"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_575
ENCODINGS = ("utf-8-sig", "gb18030")
DERIVE_OPS = ("years_before", "months_before", "multiply")

TRUE_WORDS = {"true", "t", "yes", "y", "1", "1.0", "是", "对"}
FALSE_WORDS = {"false", "f", "no", "n", "0", "0.0", "否", "不"}
THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")

# Column headings seen in Chinese and English HR-system exports.
SYNONYMS = {
    "employee_id": ["employeeid", "employeenumber", "empid", "staffid", "工号", "员工编号", "员工号"],
    "name_zh": ["姓名", "中文名", "name"],
    "name_en": ["englishname", "英文名", "拼音"],
    "department_id": ["department", "dept", "部门", "部门编号", "所属部门"],
    "job_id": ["jobrole", "job", "position", "岗位", "职位", "岗位编号"],
    "grade": ["joblevel", "level", "职级", "薪级", "级别"],
    "manager_id": ["manager", "supervisor", "直属上级", "上级工号"],
    "hire_date": ["hiredate", "startdate", "入职日期"],
    "birth_date": ["birthdate", "dateofbirth", "出生日期"],
    "gender": ["sex", "性别"],
    "education": ["学历"],
    "major": ["educationfield", "专业"],
    "location": ["city", "office", "工作地点", "城市"],
    "base_pay": ["monthlyincome", "basesalary", "salary", "基本工资", "月薪", "固定工资"],
    "target_bonus": ["bonus", "目标奖金"],
    "status": ["attrition", "状态", "在职状态"],
    "exit_date": ["terminationdate", "leavedate", "离职日期"],
    "exit_type": ["离职类型"],
    "exit_reason": ["离职原因"],
}


@dataclass(frozen=True)
class RawFile:
    frame: pd.DataFrame
    encoding: str


@dataclass
class ImportPlan:
    """What importing a file would do; nothing has been written yet."""

    table: str
    rows: pd.DataFrame
    problems: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    counts: UpsertResult | None = None

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
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["row", "column"], kind="stable").reset_index(drop=True)[PROBLEM_COLUMNS]


def _problem_rows(mask: pd.Series, column: str, values: pd.Series, reason) -> pd.DataFrame:
    if not mask.any():  # the usual case, and selecting nothing from a million cells still costs a few ms
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    index = mask[mask].index
    reasons = reason[mask].astype(str).to_numpy() if isinstance(reason, pd.Series) else reason
    return pd.DataFrame({
        "row": np.asarray(index, dtype=np.int64) + FIRST_DATA_ROW,
        "column": column,
        "value": values[mask].astype("string").fillna("").to_numpy(dtype=object),
        "reason": reasons,
    })


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
        raise ValueError(f"file: row {FIRST_DATA_ROW} of {filename} has more cells than the header row") from None
    except (pd.errors.ParserError, csv.Error) as exc:
        raise ValueError(f"file: {filename} is not valid CSV ({str(exc).strip()})") from None
    except pd.errors.EmptyDataError:
        raise ValueError(f"file: {filename} has no header row") from None
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
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if table.column_names != names or any(t != pa.string() for t in table.schema.types):
        return None
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    return _without_blank_rows(frame), names, "utf-8 (BOM)" if bom else "utf-8"


def read_file(data: bytes, filename: str) -> RawFile:
    """Decode a CSV or XLSX file into raw cells (text for CSV).

    CSV is tried as UTF-8 (with or without a byte-order mark), then as
    GB18030, the superset of GBK that Chinese Excel writes.

    Raises
    ------
    ValueError
        If the file is empty, not decodable, or has repeated column names.
    """
    name = filename.lower()
    if not data:
        raise ValueError(f"file: {filename} is empty")
    if name.endswith((".xlsx", ".xlsm")):
        try:
            import openpyxl  # here, not at the top: 0.4 s of every app start, for Excel files only

            sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
            header = [str(c) for c in next(sheet.iter_rows(max_row=1, values_only=True), ())]
            frame = pd.read_excel(io.BytesIO(data), dtype=object, engine="openpyxl")
            frame = frame.map(_xlsx_unescape)
        except Exception as exc:  # openpyxl raises many types for a damaged file
            raise ValueError(f"file: {filename} is not a readable Excel workbook ({exc})") from exc
        encoding = "xlsx"
    elif plain := _read_plain_utf8_csv(data):
        frame, header, encoding = plain
    else:
        for encoding in ENCODINGS:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValueError(f"file: {filename} is neither UTF-8 nor GBK/GB18030 text")
        if "\x00" in text:
            # UTF-16 without a byte-order mark decodes as "UTF-8" full of NUL characters.
            raise ValueError(f"file: {filename} looks like UTF-16 or binary (it holds NUL characters); "
                             "save it as CSV UTF-8")
        if not text.lstrip("\ufeff").strip():
            raise ValueError(f"file: {filename} is empty")
        if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8 (BOM)"
        elif encoding == "utf-8-sig":
            encoding = "utf-8"
        frame, header = _read_csv_text(text, filename)
    # pandas renames a repeated heading to "name.1"; the header row tells the truth.
    header = [h.strip() for h in header]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise ValueError(f"file: column name(s) repeated: {', '.join(repeated)}")
    frame.columns = [str(c).strip() for c in frame.columns]
    return RawFile(_clean_text_cells(frame), encoding)


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
    for target in TABLES[table].columns:
        for candidate in [target, *SYNONYMS.get(target, [])]:
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
        raise ValueError(f"mapping: derive rule for {target} has unknown op {op!r}; use one of {DERIVE_OPS}")
    if source not in frame.columns:
        raise ValueError(f"mapping: derive rule for {target} names column {source!r}, not in the file")
    raw = frame[source]
    amount = _numbers(raw)
    bad = raw.notna() & amount.isna()
    problems = _problem_rows(bad, source, raw, f"not a number (needed to derive {target})")
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
    "multiply", "source": col, "factor": 1/12}``).

    Returns the mapped frame and the problems met while deriving.
    """
    spec = TABLES[table]
    out = pd.DataFrame(index=raw.index)
    problems = []
    for target, source in (mapping.get("columns") or {}).items():
        if target not in spec.columns:
            raise ValueError(f"mapping: {target!r} is not a column of {table}")
        if source not in raw.columns:
            raise ValueError(f"mapping: column {source!r} (for {target}) is not in the file")
        out[target] = raw[source]
    for target, rule in (mapping.get("derive") or {}).items():
        if target not in spec.columns:
            raise ValueError(f"mapping: {target!r} is not a column of {table}")
        out[target], found = _derive(raw, target, rule)
        problems.append(found)
    for target, translation in (mapping.get("values") or {}).items():
        if target in out.columns and translation:
            keys = {str(k).strip(): v for k, v in translation.items()}
            text = out[target].astype("string").str.strip()
            hit = text.isin(list(keys))
            out[target] = out[target].where(~hit, text.map(keys))
    return out, _problems(problems)


# -- validation ---------------------------------------------------------------------
def _parse_dates(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    other = parsed.isna() & text.notna()
    if other.any():
        # Only the cells written another way (2024年3月1日, 2024/3/1, an Excel time of midnight) pay for the rewriting.
        rest = text[other].str.replace(r"[年/.]", "-", regex=True).str.replace(r"[月]", "-", regex=True)
        rest = rest.str.replace(r"日$", "", regex=True).str.replace(r"[ T]00:00:00(\.0+)?$", "", regex=True)
        parsed[other] = pd.to_datetime(rest, format="%Y-%m-%d", errors="coerce")
    return parsed


def _parse_timestamps(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.astype("string").str.strip(), format="ISO8601", errors="coerce")


def _typed_column(values: pd.Series, kind) -> tuple[pd.Series, pd.Series, str]:
    """Return (typed values, bad mask, reason) for one column."""
    present = values.notna()
    if kind.python_type is bool:
        text = values.astype("string").str.strip().str.lower()
        typed = pd.Series(pd.NA, index=values.index, dtype="boolean")
        typed[text.isin(TRUE_WORDS)] = True
        typed[text.isin(FALSE_WORDS)] = False
        return typed, present & typed.isna(), "not yes/no (use true/false, yes/no, 1/0 or 是/否)"
    if kind.python_type in (int, float):
        typed = _numbers(values)
        infinite = typed.notna() & np.isinf(typed)
        bad = present & (typed.isna() | infinite)
        reason = pd.Series("not a number", index=values.index).where(~infinite, "not a finite number")
        if kind.python_type is int:
            fractional = typed.notna() & ~infinite & (typed != typed.round())
            # Whole numbers are stored as 32-bit integers; larger ones would wrap or fail in the database.
            huge = typed.notna() & ~infinite & (typed.abs() > INT_MAX)
            reason = reason.where(~fractional, "not a whole number").where(~huge, f"too large (at most {INT_MAX:,})")
            typed = typed.where(~(bad | fractional | huge)).round().astype("Int64")
            return typed, bad | fractional | huge, reason
        return typed.where(~infinite).astype("Float64"), bad, reason
    if kind.python_type is date:
        typed = _parse_dates(values)
        typed = typed.where(typed.isna() | (typed.dt.year >= 1))  # there is no year 0
        return typed, present & typed.isna(), "not a date (use YYYY-MM-DD)"
    if kind.python_type is datetime:
        typed = _parse_timestamps(values)
        return typed, present & typed.isna(), "not a date and time (use YYYY-MM-DD HH:MM:SS)"
    if kind.choices:
        canonical = {c.lower(): c for c in kind.choices}
        # A million cells, a handful of distinct values: those few are trimmed and matched, not every cell.
        codes, seen = pd.factorize(values)
        spelled = pd.array([canonical.get(str(value).strip().lower()) for value in seen] + [None], dtype="string")
        typed = pd.Series(spelled.take(codes), index=values.index).where(present, pd.NA)  # code -1 (empty): None
        reason = f"not one of: {', '.join(kind.choices)} (translate values in the mapping)"
        return typed, present & typed.isna(), reason
    return values.astype("string").str.strip(), pd.Series(False, index=values.index), ""


def _bounds(typed: pd.Series, kind) -> list[tuple[pd.Series, str]]:
    checks = []
    if kind.ge is not None:
        checks.append((typed.notna() & (typed < kind.ge), f"must be at least {kind.ge:g}"))
    if kind.gt is not None:
        checks.append((typed.notna() & (typed <= kind.gt), f"must be more than {kind.gt:g}"))
    if kind.le is not None:
        checks.append((typed.notna() & (typed > kind.le), f"must be at most {kind.le:g}"))
    return checks


def validate(frame: pd.DataFrame, table: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check mapped rows against the table's model, all rows at once.

    Returns the typed frame (only the columns present) and a frame of
    problems with columns ``row, column, value, reason``.
    """
    spec: TableSpec = TABLES[table]
    typed = pd.DataFrame(index=frame.index)
    problems: list[pd.DataFrame] = []
    missing_required = [c for c in spec.required if c not in frame.columns]
    if missing_required:
        problems.append(pd.DataFrame({
            "row": [1] * len(missing_required), "column": missing_required, "value": "",
            "reason": "required column is not mapped"}))
        return typed, _problems(problems)
    for column in spec.columns:
        if column not in frame.columns:
            continue
        kind = column_type(spec.model, column)
        values = frame[column]
        converted, bad, reason = _typed_column(values, kind)
        problems.append(_problem_rows(bad, column, values, reason))
        for mask, why in _bounds(converted, kind):
            problems.append(_problem_rows(mask & ~bad, column, values, why))
        if column in spec.required:
            problems.append(_problem_rows(values.isna(), column, values, "required value is missing"))
        typed[column] = converted
    key = list(spec.key)
    complete = typed[key].notna().all(axis=1)
    keyed = typed[key[0]] if len(key) == 1 else typed[key]  # a single column hashes twice as fast
    # Keys usually are unique, and one column's is_unique answers that in a third of duplicated()'s time.
    unique = len(key) == 1 and (keyed if complete.all() else keyed[complete]).is_unique
    repeated = complete & (False if unique else keyed.duplicated(keep=False))
    if repeated.any():
        first = typed[repeated].groupby(key, dropna=False).ngroup()
        first_row = pd.Series(typed[repeated].index, index=typed[repeated].index).groupby(first.to_numpy()).transform("min")
        later = repeated & ~typed.index.isin(first_row.unique())
        reason = "repeats the key of row " + (first_row + FIRST_DATA_ROW).astype(str)
        problems.append(_problem_rows(later, key[-1], frame[key[-1]], reason.reindex(typed.index)))
    for rule in spec.rules:
        if all(c in typed.columns for c in rule.needs):
            mask = rule.bad(typed).fillna(False).astype(bool)
            problems.append(_problem_rows(mask, rule.column, frame[rule.column], rule.reason))
    return typed, _problems(problems)


# -- the whole import ------------------------------------------------------------------
def _warnings(store: Store, table: str, rows: pd.DataFrame, raw: pd.DataFrame, mapping: dict) -> list[str]:
    used = set((mapping.get("columns") or {}).values()) | {
        r.get("source") for r in (mapping.get("derive") or {}).values()}
    notes = []
    unused = [c for c in raw.columns if c not in used]
    if unused:
        notes.append(f"{len(unused)} column(s) of the file are not imported: {', '.join(unused)}")
    references = {"department_id": ("departments", "department_id"), "job_id": ("jobs", "job_id")}
    for column, (other, other_key) in references.items():
        if column in rows.columns and table != other:
            known = store.query(f"SELECT {other_key} FROM {other}")[other_key]
            used = pd.Series(rows[column].dropna().unique())
            unknown = sorted(used[~used.isin(known)])
            if unknown:
                shown = ", ".join(map(str, unknown[:5])) + (" …" if len(unknown) > 5 else "")
                notes.append(f"{len(unknown)} {column} value(s) are not in {other} yet "
                             f"and will show under their id: {shown}")
    return notes


def plan_import(store: Store, table: str, raw: pd.DataFrame, mapping: dict) -> ImportPlan:
    """Map and validate ``raw``; count what would change.  Writes nothing."""
    if table not in TABLES:
        raise ValueError(f"table: unknown table {table!r}; choose one of {', '.join(TABLES)}")
    mapped, derive_problems = apply_mapping(raw, table, mapping)
    rows, problems = validate(mapped, table)
    problems = _problems([derive_problems, problems])
    if len(rows) and table in ("ratings_360", "certifications"):
        from hrcore.competency import reference_problems  # the rules live with their programme

        problems = _problems([problems, reference_problems(store, table, rows)])
    plan = ImportPlan(table, rows, problems, _warnings(store, table, rows, raw, mapping))
    if plan.ok and len(rows):
        plan.counts = store.compare(table, rows)
    return plan


def import_file(store: Store, table: str, data: bytes, filename: str, mapping: dict | None = None) -> ImportReport:
    """Read, map, validate and, when every row is valid, write ``data``.

    Without ``mapping`` the file's columns must carry the table's names (as
    an export does).  A file with any problem writes nothing.
    """
    raw = read_file(data, filename)
    mapping = mapping if mapping is not None else identity_mapping(list(raw.frame.columns), table)
    plan = plan_import(store, table, raw.frame, mapping)
    report = ImportReport(**vars(plan), encoding=raw.encoding)
    if plan.ok:
        report.counts = commit_rows(store, table, plan.rows)
        report.written = True
    return report


def commit_rows(store: Store, table: str, rows: pd.DataFrame) -> UpsertResult:
    """Write checked rows (one transaction); a company's own data ends the demo mode (sign-in from now on)."""
    from hrcore.access import DEMO_FLAG, SYSTEM, may_write

    ends_demo = store.meta(DEMO_FLAG) == "true"
    # Both writes are checked before the first: a refusal of the second must not leave the first committed.
    if ends_demo and (reason := may_write(store.user or SYSTEM, "app_meta")):
        raise PermissionError(f"app_meta: {reason} (importing would end the demo mode); nothing was written")
    counts = store.upsert(table, rows)
    if (counts.inserted or counts.updated) and ends_demo:
        store.set_meta(DEMO_FLAG, "false")
    return counts


# -- export ------------------------------------------------------------------------------
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


def _export_frame(store: Store, table: str) -> pd.DataFrame:
    frame = store.table(table)
    spec = TABLES.get(table)
    for column in frame.columns:
        # An aggregate read in a table's place (360 ratings for all but admins) has columns the table has not.
        kind = column_type(spec.model, column) if spec and column in spec.model.model_fields else None
        if kind is not None and kind.python_type is date:
            frame[column] = pd.to_datetime(frame[column]).dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_string_dtype(frame[column]) or frame[column].dtype == object:
            frame[column] = frame[column].map(escape_formula)
    return frame


def _xlsx_escape(value):
    r"""Control characters (and CR, which XML turns into LF) as Excel's own ``_xHHHH_`` escapes.

    >>> _xlsx_escape("a\rb\x07"), _xlsx_unescape("a_x000D_b_x0007_")
    ('a_x000D_b_x0007_', 'a\rb\x07')
    """
    return XLSX_CONTROL.sub(lambda m: f"_x{ord(m[0]):04X}_", value) if isinstance(value, str) else value


def _xlsx_unescape(value):
    return XLSX_ESCAPED.sub(lambda m: chr(int(m[1], 16)), value) if isinstance(value, str) else value


def export_table(store: Store, table: str, fmt: str = "csv") -> bytes:
    """The whole table as CSV (UTF-8 with BOM, for Excel) or XLSX bytes."""
    if table not in TABLES:
        raise ValueError(f"table: unknown table {table!r}")
    frame = _export_frame(store, table)
    if fmt == "csv":
        # CRLF rows: a cell holding a lone CR or LF is then quoted, so it reads back as one cell.
        return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    if fmt == "xlsx":
        if len(frame) > XLSX_MAX_ROWS:
            raise ValueError(f"format: {table} has {len(frame):,} rows, more than an Excel sheet holds; use CSV")
        buffer = io.BytesIO()
        for column in frame.columns:
            if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
                frame[column] = frame[column].map(_xlsx_escape)
        frame.to_excel(buffer, index=False, sheet_name=table[:31], engine="openpyxl")
        return buffer.getvalue()
    raise ValueError(f"format: {fmt!r} is not csv or xlsx")


def problems_csv(problems: pd.DataFrame) -> bytes:
    """The problem list as a CSV a user can open in Excel."""
    return problems.assign(value=problems["value"].map(escape_formula)).to_csv(index=False).encode("utf-8-sig")


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
    """The inverse of :func:`mapping_frames`; blank rows are ignored.

    >>> frames = mapping_frames({"columns": {"employee_id": "ID"},
    ...                          "values": {"status": {"Yes": "left"}}}, "employees")
    >>> mapping_from_frames(*frames)
    {'columns': {'employee_id': 'ID'}, 'values': {'status': {'Yes': 'left'}}, 'derive': {}}
    """
    def filled(value) -> bool:
        return value is not None and not (isinstance(value, float) and np.isnan(value)) and str(value).strip() != ""

    spec = {"columns": {}, "values": {}, "derive": {}}
    for row in columns.itertuples(index=False):
        if filled(row.source):
            spec["columns"][row.target] = row.source
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
