"""Every table a page shows downloads as Excel as shown (issue 30 item 8): a button under each read-only table,
whose workbook has the table's headings, its rows as the screen words them and no cell a spreadsheet would run.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pandas as pd
import pytest

from hrcore import i18n
from tests.app.conftest import app
from tests.app.test_downloads import HOSTILE, hostile_db, media, offered, runs  # noqa: F401 (fixtures)
from views._common import DATE_COLUMN

EXCEL = {i18n.t("download.excel", "en"), i18n.t("download.excel", "zh")}


def read_only_tables(at) -> list:
    """The page's tables a user reads (a data editor is a form, with its own buttons)."""
    return [d for d in at.dataframe if not d.proto.editing_mode]


def excel_buttons(at) -> list:
    return [b for b in at.get("download_button") if b.proto.label in EXCEL]


@pytest.mark.parametrize("page", ["views/pay.py", "views/talent.py", "views/attrition.py", "views/kpi.py",
                                  "views/evaluation.py"])
def test_every_table_shown_has_an_excel_button_under_it(demo_db, page):
    at = app(page)
    assert not at.exception, [e.message for e in at.exception]
    tables = read_only_tables(at)
    assert tables, f"{page} shows no table"
    assert len(excel_buttons(at)) == len(tables), page


def test_the_excel_button_is_worded_in_chinese_too(demo_db):
    at = app("views/pay.py", lang="zh")
    assert [b for b in at.get("download_button") if b.proto.label == i18n.t("download.excel", "zh")]
    assert i18n.t("download.excel", "zh") != i18n.t("download.excel", "en")


def test_a_downloaded_table_has_the_headings_and_words_shown_and_escapes_formula_names(hostile_db, media):
    at = app("views/talent.py")
    shown = next(d for d in read_only_tables(at) if "department" in d.value.columns and "name" in d.value.columns)
    config = json.loads(shown.proto.columns)
    headings = [config.get(c, {}).get("label") or c for c in shown.value.columns
                if not config.get(c, {}).get("hidden")]
    files = [data for label, data in offered(at, media).items() if label in EXCEL]
    books = [pd.read_excel(io.BytesIO(data), dtype=str) for data in files]
    # The talent list's workbook, as headed on screen, then the employee IDs the screen leaves out.
    book = next(b for b in books if list(b.columns) == [*headings, "Employee ID"])
    assert i18n.t("talent.name", "en") in book.columns and "name" not in book.columns
    assert "employee_id" not in shown.value.columns
    assert len(book) == len(shown.value) and book["Employee ID"].str.fullmatch(r"E\d+").all()
    # Departments by their names as on screen (a formula-looking one escaped), never their ids.
    escaped = {f"'{d}" if d in HOSTILE else d for d in shown.value["department"].astype(str)}
    assert set(book[i18n.t("overview.department", "en")]) == escaped
    assert not book[i18n.t("overview.department", "en")].str.match(r"^D\d+$").any()
    # The hostile names arrive as text, escaped: a spreadsheet runs none of them.
    names = book[i18n.t("talent.name", "en")].tolist()
    assert not [n for n in names if runs(n)]
    assert {f"'{h}" for h in HOSTILE} & set(names)


def moment(pattern: str, day: date) -> str:
    """``day`` in a moment.js pattern of the tokens the pages use (YYYY, MMM, M, D, [literal])."""
    out = ""
    for literal, token in re.findall(r"\[([^\]]*)\]|(YYYY|MMM|M|D|.)", pattern):
        out += literal or {"YYYY": f"{day.year}", "MMM": day.strftime("%b"), "M": f"{day.month}",
                           "D": f"{day.day}"}.get(token, token)
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_tables_date_column_reads_as_the_page_writes_dates(lang):
    # hrcore.i18n.day: "7 Dec 2026" in English, "2026年12月7日" in Chinese; a moment.js format is what a table takes.
    for day in (date(2026, 12, 7), date(2027, 1, 31)):
        assert moment(DATE_COLUMN[lang], day) == i18n.day(day, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_date_column_a_page_shows_is_written_in_the_pages_language(demo_db, lang):
    seen = 0
    for page in ("views/attrition.py", "views/kpi.py", "views/talent.py"):
        at = app(page, lang=lang)
        for table in at.dataframe:
            config = json.loads(table.proto.columns or "{}")
            for column in table.value.columns:
                values = table.value[column].dropna()
                if len(values) and (pd.api.types.is_datetime64_any_dtype(values)
                                    or all(isinstance(v, date) for v in values)):
                    seen += 1
                    assert config[column]["type_config"]["format"] == DATE_COLUMN[lang], (page, column)
    assert seen  # the handover checklist's due dates, at least
