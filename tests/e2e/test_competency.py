"""The competency page in a real browser: every tab in English and Chinese, the 360 person view's radar."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, every_tab_renders, screenshot, settle

pytestmark = pytest.mark.e2e

TABS = {
    "en": ("Competencies and certification",
           ["Model library", "Target profiles", "360 review", "Qualifications", "Certification"]),
    "zh": ("胜任力与任职资格认证", ["模型库", "目标画像", "360 度评估", "任职资格", "岗位认证"]),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_tab_renders(demo_server, page, lang):
    title, tabs = TABS[lang]
    every_tab_renders(page, f"{demo_server.url}/competency?lang={lang}", title, tabs, f"competency-{lang}")


def test_the_360_tab_draws_the_radar_and_the_team_heat_map(demo_server, page):
    page.goto(f"{demo_server.url}/competency?lang=en")
    settle(page)
    page.get_by_role("tab", name="360 review", exact=True).click()
    settle(page)
    expect(page.locator(".js-plotly-plot .polar")).to_have_count(1, timeout=20_000)
    page.get_by_role("tab", name="Team heat map", exact=True).click()
    settle(page)
    expect(page.locator(".js-plotly-plot .heatmaplayer")).to_have_count(1, timeout=20_000)
    assert_no_exception(page)
    screenshot(page, "competency-en-team")
