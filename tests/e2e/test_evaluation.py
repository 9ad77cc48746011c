"""The job evaluation page in a real browser: a real pay survey imported through the UI and checked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import SHARED_DATA
from tests.e2e.conftest import assert_no_exception, screenshot, settle

pytestmark = pytest.mark.e2e

OEWS_CSV = SHARED_DATA / "oews_national_2023.csv"
# Company job → BLS occupation (SOC 2018 codes, OEWS May 2023).
MATCHES = [
    ("Software Engineer · RD-SWE", "15-1252"),
    ("Accountant · FN-ACC", "13-2011"),
    ("Customer Service Representative Level 1 · CS-REP1", "43-4051"),
    ("Production Operator Level 2 · MF-OP2", "51-2090"),
    ("HR Specialist · FN-HRS", "13-1071"),
    ("Process Engineer · MF-PRE", "17-2112"),
    ("Brand Manager · MK-BM", "11-2021"),
]


def choose(page: Page, label: str, text: str) -> None:
    """Pick the option containing ``text`` in the selectbox labelled ``label``, typing to filter."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.fill(text)
    page.get_by_role("option").filter(has_text=text).first.click()
    settle(page)


def tile_value(page: Page, label: str) -> str:
    tile = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return tile.locator('[data-testid="stMetricValue"]').inner_text()


def test_oews_survey_imports_through_the_page_and_drives_the_market_check(demo_server, page):
    page.goto(f"{demo_server.url}/evaluation?lang=en")
    settle(page)
    assert_no_exception(page)
    page.get_by_role("tab", name="Key jobs and market").click()
    page.get_by_text("Import a market survey (CSV or Excel)").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(OEWS_CSV))
    page.get_by_text("cells are top-coded (#) and left empty").wait_for(timeout=30_000)
    settle(page)
    assert tile_value(page, "Survey jobs") == "831"  # the file's "detailed" occupations only
    for job, code in MATCHES:
        choose(page, "Job", job)
        choose(page, "Survey job", code)
        page.get_by_role("button", name="Map", exact=True).click()
        settle(page)
    screenshot(page, "evaluation-survey-mapped-en")
    page.get_by_role("button", name=f"Import market data for {len(MATCHES)} jobs").click()
    page.get_by_text(f"Imported BLS OEWS 2023: {len(MATCHES)} new rows, 0 updated.").wait_for(timeout=30_000)
    assert_no_exception(page)

    page.get_by_role("tab", name="Market check").click()
    settle(page)
    survey = page.get_by_role("combobox", name="Survey", exact=True)
    assert survey.input_value() == "2023 · BLS OEWS"
    r2 = tile_value(page, "R²")
    assert re.fullmatch(r"0\.\d{2}", r2)  # as the overview writes it
    chart = page.locator(".js-plotly-plot").filter(has_text="Market P50 per month (USD)")
    expect(chart).to_have_count(1, timeout=20_000)
    expect(chart).to_be_visible()
    screenshot(page, "evaluation-oews-en")

    page.goto(f"{demo_server.url}/evaluation?lang=zh")
    settle(page)
    page.get_by_role("tab", name="市场校验").click()
    choose(page, "薪酬调研", "BLS OEWS")
    assert tile_value(page, "R²") == r2
    expect(page.locator(".js-plotly-plot").filter(has_text="市场P50月薪（USD）")).to_be_visible(timeout=20_000)
    assert_no_exception(page)
    screenshot(page, "evaluation-oews-zh")


@pytest.mark.parametrize("lang, title, tabs", [
    ("en", "Job evaluation", ["Factors and weights", "Key jobs and market", "Committee", "Market check", "Grades"]),
    ("zh", "岗位测评", ["测评要素与权重", "关键岗位与市场数据", "评估小组", "市场校验", "岗位定级"]),
])
def test_every_tab_of_the_evaluation_page_renders(demo_server, page, lang, title, tabs):
    page.goto(f"{demo_server.url}/evaluation?lang={lang}")
    settle(page)
    assert page.locator("h1").first.inner_text() == title
    for i, name in enumerate(tabs):
        page.get_by_role("tab", name=name).click()
        settle(page)
        assert_no_exception(page)
        screenshot(page, f"evaluation-{i}-{lang}")
