"""A company's own employee extract alone, in a real browser: every page and every tab, in English and Chinese,
opens without an exception, and the pages it cannot fill say what to bring (issue 28, item 8)."""

from __future__ import annotations

import pytest

from hrcore.imports import import_file
from hrcore.store import Store
from tests.app.test_own_data import SYNTHETIC_MAPPING, SYNTHETIC_ROWS, synthetic_extract
from tests.conftest import IBM_CSV, IBM_MAPPING
from tests.e2e.conftest import Server, assert_no_exception, screenshot, settle, sign_in

pytestmark = pytest.mark.e2e
PASSWORD = "an admin's long password"
NAV = {"en": ["Organisation overview", "Job evaluation", "Salary structure", "KPI scorecards",
              "Nine-box talent review", "Competencies and certification", "Attrition watchlist", "Import and export"],
       "zh": ["组织总览", "岗位测评", "薪资结构设计", "KPI 绩效考核", "九宫格人才盘点", "胜任力与任职资格认证", "离职风险预警",
              "导入与导出"]}
BRING = {"en": "Template (CSV)", "zh": "模板（CSV）"}
EMPTY = {"Job evaluation", "Salary structure", "KPI scorecards", "Nine-box talent review",
         "岗位测评", "薪资结构设计", "KPI 绩效考核", "九宫格人才盘点"}


@pytest.fixture(scope="module", params=["ibm", "synthetic"])
def own_server(request, tmp_path_factory):
    import json

    from hrcore.__main__ import main

    folder = tmp_path_factory.mktemp(request.param)
    store = Store(folder / "hr.duckdb")
    if request.param == "ibm":
        report = import_file(store, "employees", IBM_CSV.read_bytes(), "ibm.csv",
                             json.loads(IBM_MAPPING.read_text(encoding="utf-8")))
    else:
        report = import_file(store, "employees", synthetic_extract(SYNTHETIC_ROWS), "extract.csv", SYNTHETIC_MAPPING)
    assert report.written
    store.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HRCORE_PASSWORD", PASSWORD)
        assert main(["user", "add", "hr.admin", "--role", "admin", "--db", str(folder / "hr.duckdb")]) == 0
    server = Server(folder / "hr.duckdb", folder / "streamlit.log")
    yield request.param, server
    server.stop()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_and_tab_opens_on_employees_alone(own_server, page, lang):
    name, server = own_server
    page.goto(f"{server.url}/?lang={lang}")
    settle(page)
    sign_in(page, "hr.admin", PASSWORD, lang=lang)
    for title in NAV[lang]:
        # Through the sidebar, as a user moves: a reload would start a new session (and ask for the sign-in).
        page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first.click()
        settle(page)
        assert_no_exception(page)
        assert page.locator("h1").first.inner_text() == title
        if title in EMPTY:
            assert page.get_by_role("button", name=BRING[lang]).count() >= 1, title
        tabs = page.locator('[data-testid="stMainBlockContainer"] [role="tablist"]').first.get_by_role("tab")
        for i in range(tabs.count()):
            tabs.nth(i).click()
            settle(page)
            assert_no_exception(page)
            screenshot(page, f"own-{name}-{lang}-{NAV[lang].index(title)}-{i}")
        if not tabs.count():
            screenshot(page, f"own-{name}-{lang}-{NAV[lang].index(title)}")
