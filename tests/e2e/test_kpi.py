"""The KPI scorecard page in a real browser: every tab in both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import every_tab_renders, settle

pytestmark = pytest.mark.e2e

TABS = {
    "en": ("KPI scorecards", ["Scorecard", "Data check", "Results", "Merit increases", "Indicator library", "Cycles"]),
    "zh": ("KPI 绩效考核", ["考核表", "数据检查", "考核结果", "调薪矩阵", "指标库", "考核周期"]),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_tab_of_the_kpi_page_renders(demo_server, page, lang):
    title, tabs = TABS[lang]
    every_tab_renders(page, f"{demo_server.url}/kpi?lang={lang}", title, tabs, f"kpi-{lang}")
    page.get_by_role("tab", name=tabs[2], exact=True).click()
    settle(page)
    # Distribution, trend, by department, cascade: drawn after the script ends, so wait for all four.
    expect(page.locator(".js-plotly-plot").filter(visible=True)).to_have_count(4, timeout=20_000)
