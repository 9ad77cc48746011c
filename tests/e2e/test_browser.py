"""The app in a real browser: pages render in both languages, a file imports."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from hrcore.imports import import_file
from hrcore.store import Store
from tests.conftest import IBM_CSV
from tests.e2e.conftest import Server, assert_no_exception, screenshot, settle, sign_in

pytestmark = pytest.mark.e2e
ADMIN_PASSWORD = "an admin's long password"


@pytest.fixture
def empty_server(tmp_path, monkeypatch):
    """A new, empty database: not the demo, so it asks for a sign-in; one admin account made on the command line."""
    from hrcore.__main__ import main

    monkeypatch.setenv("HRCORE_PASSWORD", ADMIN_PASSWORD)
    assert main(["user", "add", "hr.admin", "--role", "admin", "--db", str(tmp_path / "hr.duckdb")]) == 0
    server = Server(tmp_path / "hr.duckdb", tmp_path / "streamlit.log")
    yield server
    server.stop()


@pytest.mark.parametrize("lang, title, headcount_label", [
    ("en", "Organisation overview", "Headcount"),
    ("zh", "组织总览", "在职人数"),
])
def test_overview_renders_without_errors(demo_server, page, lang, title, headcount_label):
    page.goto(f"{demo_server.url}/?lang={lang}")
    settle(page)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text() == title
    tile = page.locator('[data-testid="stMetric"]').filter(has_text=headcount_label).first
    assert tile.locator('[data-testid="stMetricValue"]').inner_text() == "800"
    # Trend, departments, flows, the nine-box; charts draw after the script ends, so wait for all four.
    expect(page.locator(".js-plotly-plot")).to_have_count(4, timeout=20_000)
    screenshot(page, f"overview-{lang}")


@pytest.mark.parametrize("lang, title", [("en", "Import and export"), ("zh", "导入与导出")])
def test_data_page_renders_without_errors(demo_server, page, lang, title):
    page.goto(f"{demo_server.url}/data?lang={lang}")
    settle(page)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text() == title
    screenshot(page, f"data-{lang}")


@pytest.mark.parametrize("lang, button, limit", [("en", "Upload", "50MB per file • CSV, XLSX"),
                                                  ("zh", "上传文件", "单个文件不超过 50 MB")])
def test_the_file_uploader_speaks_the_pages_language(demo_server, page, lang, button, limit):
    # Streamlit writes its uploader's words in English with no setting; a Chinese page draws the catalogue's in
    # their place. What a reader sees is the text, or where that is hidden, the ::after content drawn instead.
    page.goto(f"{demo_server.url}/kpi?lang={lang}")
    settle(page)
    page.get_by_role("tab", name="数据检查" if lang == "zh" else "Data check").click()
    settle(page)
    dropzone = page.locator('[data-testid="stFileUploaderDropzone"]').first
    seen = dropzone.evaluate("""zone => [zone.querySelector('button [data-testid="stMarkdownContainer"] p'),
                                         zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span')]
        .map(e => { const after = getComputedStyle(e, '::after').content;
                    return getComputedStyle(e).fontSize === '0px' ? JSON.parse(after) : e.innerText; })""")
    assert seen == [button, limit]


def test_language_choice_survives_moving_between_pages(demo_server, page):
    page.goto(f"{demo_server.url}/?lang=zh")
    settle(page)
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text="导入与导出").click()
    settle(page)
    assert page.locator("h1").first.inner_text() == "导入与导出"
    assert "lang=zh" in page.url


def test_ibm_file_imports_in_the_browser(empty_server, page):
    page.goto(f"{empty_server.url}/data")
    sign_in(page, "hr.admin", ADMIN_PASSWORD)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(IBM_CSV))
    page.get_by_text("1,470 rows and 35 columns read").wait_for(timeout=30_000)
    settle(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Start from").click()
    page.get_by_role("option", name="ibm_hr_attrition").click()
    settle(page)
    page.get_by_role("button", name="Check the file").click()
    page.get_by_text("All 1,470 rows are valid").wait_for(timeout=30_000)
    screenshot(page, "data-import-checked")
    page.get_by_role("button", name="Import 1,470 rows into Employees").click()
    page.get_by_text("Imported: 1,470 new, 0 changed, 0 unchanged.").wait_for(timeout=30_000)
    assert_no_exception(page)
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Organisation overview").click()
    settle(page)
    tile = page.locator('[data-testid="stMetric"]').filter(has_text="Headcount").first
    assert tile.locator('[data-testid="stMetricValue"]').inner_text() == "1,233"
    screenshot(page, "overview-ibm")


def test_a_deep_link_as_the_first_visit_opens_the_page_in_the_app_shell(empty_server, page):
    # The first session of a fresh server goes straight to /data, in Chinese, and lands there after signing in.
    page.goto(f"{empty_server.url}/data?lang=zh")
    settle(page)
    assert page.locator("h1").first.inner_text() == "hrcore · 人力资源分析"  # the sign-in form, nothing else
    sign_in(page, "hr.admin", ADMIN_PASSWORD, lang="zh")
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text() == "导入与导出"
    assert page.get_by_text("Page not found").count() == 0
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "组织总览" in nav and "导入与导出" in nav
