"""The attrition watchlist in a real browser: every tab in English and Chinese."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import every_tab_renders

pytestmark = pytest.mark.e2e

TABS = {
    "en": ("Attrition watchlist", ["Turnover", "Watchlist", "Risk model", "Cost", "Handover"]),
    "zh": ("离职风险预警", ["离职分析", "关注名单", "风险模型", "离职成本", "工作交接"]),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_tab_renders(demo_server, page, lang):
    title, tabs = TABS[lang]
    every_tab_renders(page, f"{demo_server.url}/attrition?lang={lang}", title, tabs, f"attrition-{lang}")
