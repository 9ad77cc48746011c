"""A company's own extract alone: every page and every tab opens on a database holding only employees, in
English and Chinese, with no exception, and the pages that lack data say what to bring (issue 28, item 8)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from hrcore import i18n
from hrcore.imports import import_file
from hrcore.store import Store
from tests.app.conftest import app, open_tab

PAGE_TABS = {
    "views/overview.py": None, "views/evaluation.py": "ev_tab", "views/pay.py": "pay_tab", "views/kpi.py": "kpi_tab",
    "views/talent.py": "tal_tab", "views/competency.py": "cm_tab", "views/attrition.py": "at_tab",
    "views/data.py": None, "views/audit.py": None, "views/users.py": None,
}
SYNTHETIC_ROWS = 50_000


def synthetic_extract(rows: int, seed: int = 28) -> bytes:
    """An HR system's employee extract as it comes: no id column (the mapping generates none: a staff number
    column is there), US dates, two-digit birth years, annual salary, a status written out in words."""
    rng = np.random.default_rng(seed)
    hired = pd.Series(pd.Timestamp("2005-01-01") + pd.to_timedelta(rng.integers(0, 19 * 365, rows), unit="D"))
    born = hired - pd.to_timedelta(rng.integers(20 * 365, 45 * 365, rows), unit="D")
    left_on = hired + pd.to_timedelta(rng.integers(60, 3000, rows), unit="D")
    left_on = left_on.where((rng.random(rows) < 0.25) & (left_on <= pd.Timestamp("2024-06-30")))
    how = rng.choice(["Voluntarily Terminated", "Terminated for Cause"], rows, p=[0.8, 0.2])
    frame = pd.DataFrame({
        "Staff No": [f"S{i:06d}" for i in range(rows)],
        "Department": rng.choice(["Sales", "Production", "IT/IS", "Admin Offices", "Software Engineering"], rows),
        "Position": rng.choice(["Production Technician I", "Area Sales Manager", "Data Analyst", "IT Support"], rows),
        "Sex": rng.choice(["M", "F"], rows),
        "Salary": rng.integers(45_000, 160_000, rows),
        "DateofHire": hired.dt.strftime("%-m/%-d/%Y"),
        "DOB": born.dt.strftime("%m/%d/%y"),
        "DateofTermination": left_on.dt.strftime("%-m/%-d/%Y").fillna(""),
        "EmploymentStatus": np.where(left_on.notna(), how, "Active"),
    })
    return frame.to_csv(index=False).encode()


SYNTHETIC_MAPPING = {
    "columns": {"employee_id": "Staff No", "department_id": "Department", "job_id": "Position",
                "hire_date": "DateofHire", "birth_date": "DOB", "exit_date": "DateofTermination",
                "status": "EmploymentStatus"},
    "derive": {"base_pay": {"op": "multiply", "source": "Salary", "factor": 1 / 12}},
    "values": {"status": {"Active": "active", "Voluntarily Terminated": "left", "Terminated for Cause": "left"}},
    "date_order": "MDY",
}


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("own") / "hr.duckdb"
    store = Store(path)
    report = import_file(store, "employees", synthetic_extract(SYNTHETIC_ROWS), "extract.csv", SYNTHETIC_MAPPING)
    assert report.written, report.problems.head().to_dict("records")
    store.close()
    return path


@pytest.fixture(params=["ibm", "synthetic"])
def employees_only(request, monkeypatch):
    path = request.getfixturevalue("ibm_db" if request.param == "ibm" else "synthetic_db")
    monkeypatch.setenv("HRCORE_DB", str(path))
    return path


EMPTY_STATES = {
    "views/evaluation.py": ("eval.no_jobs", ["jobs", "market_data"]),
    "views/pay.py": ("pay.no_market", ["market_data"]),
    "views/kpi.py": ("kpi.no_periods", ["scorecards"]),
    "views/talent.py": ("talent.no_inputs", ["scorecards", "ability_assessments", "ratings_360"]),
}
"""The pages an employee file alone cannot fill: what each says, and the tables whose templates it offers."""


def every_tab(at, page: str):
    """Yield each tab of ``page`` open, the way a click opens it."""
    yield "-"
    if PAGE_TABS[page]:
        for label in [tab.label for tab in at.tabs][1:]:
            open_tab(at, PAGE_TABS[page], label)
            yield label


def templates_offered(at, lang: str) -> list[str]:
    """The tables whose CSV template the page offers (read from the buttons' keys: ``{page}_{table}_csv``)."""
    csv = i18n.t("ready.template", lang, fmt="CSV")
    return [re.search(r"_bring_(\w+)_csv$", b.proto.id).group(1) for b in at.get("download_button")
            if b.proto.label == csv]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_and_tab_opens_on_employees_alone(employees_only, lang):
    at = app(lang=lang)
    for page in PAGE_TABS:
        at.switch_page(page)
        at.run()
        assert not at.exception, (page, [e.message for e in at.exception])
        if page in EMPTY_STATES:
            message, tables = EMPTY_STATES[page]
            assert [i.value for i in at.info] == [i18n.t(message, lang)], page
            assert templates_offered(at, lang) == tables, page
        opened = [tab for tab in every_tab(at, page) if not at.exception or pytest.fail(
            f"{page} {tab}: {[e.message for e in at.exception]}")]
        if PAGE_TABS[page] and page not in EMPTY_STATES:
            assert len(opened) == len(at.tabs), page
