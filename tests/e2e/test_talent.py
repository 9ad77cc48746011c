"""The nine-box talent review in a real browser: every tab in both languages."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import every_tab_renders

pytestmark = pytest.mark.e2e

TABS = {
    "en": ("Nine-box talent review", ["Grid", "Calibration", "Movement", "Follow-up", "Labels and export"]),
    "zh": ("九宫格人才盘点", ["九宫格", "校准", "变动", "跟进", "标签与导出"]),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_tab_of_the_talent_page_renders(demo_server, page, lang):
    title, tabs = TABS[lang]
    every_tab_renders(page, f"{demo_server.url}/talent?lang={lang}", title, tabs, f"talent-{lang}")
