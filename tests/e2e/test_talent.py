"""The nine-box talent review in a real browser: every tab in both languages."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import assert_no_exception, every_tab_renders, screenshot, settle

pytestmark = pytest.mark.e2e

TABS = {
    "en": ("Nine-box talent review", ["Grid", "Calibration", "Movement", "Follow-up", "Labels and export"]),
    "zh": ("九宫格人才盘点", ["九宫格", "校准", "变动", "跟进", "标签与导出"]),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_tab_of_the_talent_page_renders(demo_server, page, lang):
    title, tabs = TABS[lang]
    every_tab_renders(page, f"{demo_server.url}/talent?lang={lang}", title, tabs, f"talent-{lang}")


def test_clicking_a_box_of_the_grid_lists_its_people(demo_server, page):
    page.goto(f"{demo_server.url}/talent?lang=en")
    settle(page)
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    area = page.locator(".nsewdrag").first.bounding_box()
    # The top middle box: ability high, performance medium (box 8).
    page.mouse.click(area["x"] + area["width"] / 2, area["y"] + area["height"] / 6)
    page.wait_for_timeout(1500)  # the rerun the click asks for starts
    settle(page)
    screenshot(page, "talent-clicked")
    assert_no_exception(page)
    # The list under the grid is that box's people (by default the key talent are listed).
    assert page.locator('[data-testid="stMarkdown"]').filter(has_text="Growth potential: ").first.is_visible()
