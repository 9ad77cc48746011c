"""Text from data is shown as text, never as Markdown (issue 27, item 12).

An employee named ``![x](http://...) [Session expired - sign in here](http://...)`` made the KPI card load a
remote image and show a link. Here every name, title, item, label and note of the demo company is that text;
each page's Markdown-rendering elements (markdown, captions, alerts, headings, expanders, labels, help) must
carry it escaped.
"""

from __future__ import annotations

import re

import duckdb
import pytest

from hrcore.i18n import plain
from tests.app.conftest import app, open_tab

NAME = "![x](http://evil.example/a.png) [Session expired - sign in here](http://evil.example)"
# Markdown of the name's that would come alive: a link or image target, an autolink, a bare address.  (Colour
# directives are not looked for: the pages use :red[...] themselves, for a committee's spread of levels.)
LIVE = re.compile(r"(?<!\\)\]\(|(?<!\\)<http|(?<!\\)://")
SOURCE_FIELDS = ("body", "label", "help", "placeholder")


@pytest.fixture
def markdown_db(demo_db):
    con = duckdb.connect(str(demo_db))
    for table, columns in (("employees", ("name_en", "name_zh")), ("departments", ("name_en", "name_zh")),
                           ("jobs", ("title_en", "title_zh")), ("comp_items", ("name_en", "name_zh")),
                           ("comp_models", ("name_en", "name_zh")), ("kpi_indicators", ("name_en", "name_zh")),
                           ("eval_factors", ("name_en", "name_zh")), ("ninebox_labels", ("label_en", "label_zh")),
                           ("ninebox_labels", ("action_en", "action_zh"))):
        present = {c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()} if con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()[0] else set()
        sets = ", ".join(f"{c} = ?" for c in columns if c in present)
        if sets:
            con.execute(f"UPDATE {table} SET {sets}", [NAME] * sets.count("?"))
    con.execute("UPDATE app_meta SET value = ? WHERE key IN ('company_en', 'company_zh')", [NAME])
    con.close()
    return demo_db


def markdown_sources(at) -> list[str]:
    """The Markdown source of everything on the page that Streamlit renders as Markdown."""
    found = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            for name in SOURCE_FIELDS:
                if name in {f.name for f in proto.DESCRIPTOR.fields}:
                    found.append(str(getattr(proto, name)))
            if getattr(node, "type", "") == "radio":
                found.extend(proto.options)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def assert_shown_as_text(at, where: str, named: bool = True) -> None:
    """No live Markdown from data; where the page names someone in Markdown (``named``), the name escaped."""
    sources = markdown_sources(at)
    live = [s for s in sources if LIVE.search(s)]
    assert not live, (where, live[:3])
    assert not named or any(plain(NAME) in s for s in sources), f"{where}: the name is not shown at all"


def test_employee_name_with_markdown_shows_as_text_on_the_kpi_card(markdown_db):
    assert_shown_as_text(app("views/kpi.py"), "KPI card")


@pytest.mark.parametrize("page, tab_key, tab, named", [
    ("views/competency.py", "cm_tab", "360 review", True), ("views/overview.py", None, None, True),
    ("views/evaluation.py", "ev_tab", "Committee", True), ("views/attrition.py", "at_tab", "Watchlist", False),
    ("views/talent.py", "tal_tab", "Calibration", False), ("views/talent.py", None, None, False),
    ("views/pay.py", None, None, False)])
def test_employee_name_with_markdown_shows_as_text(markdown_db, page, tab_key, tab, named):
    at = app(page)
    if tab_key:
        at = open_tab(at, tab_key, tab)
    assert_shown_as_text(at, page, named)


HTML_NAME = '<a href="http://evil.example">Sales</a> <span style="font-size:80px">big</span>'


@pytest.fixture
def html_db(demo_db):
    con = duckdb.connect(str(demo_db))
    con.execute("UPDATE departments SET name_en = ?, name_zh = ?", [HTML_NAME, HTML_NAME])
    con.execute("UPDATE jobs SET title_en = ?, title_zh = ?", [HTML_NAME, HTML_NAME])
    con.close()
    return demo_db


@pytest.mark.parametrize("page, tab_key, tab", [
    ("views/overview.py", None, None), ("views/kpi.py", "kpi_tab", "Results"),
    ("views/evaluation.py", "ev_tab", "Market check")])
def test_a_name_with_html_is_a_name_on_every_chart_not_a_link(html_db, page, tab_key, tab):
    # Plotly renders <a href> in any chart text (axis labels, legends, hovers) as a link: the Plotly spec each
    # chart sends to the browser must carry the tag as literal text (&lt;a ...).
    at = app(page)
    if tab_key:
        at = open_tab(at, tab_key, tab)
    specs = [chart.proto.spec for chart in at.get("plotly_chart")]
    assert specs, f"{page}: no chart drawn"
    assert not any("<a href" in spec or "<span" in spec for spec in specs), page
    assert any("&lt;a href" in spec for spec in specs), f"{page}: the name is on no chart"
