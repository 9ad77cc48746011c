"""The overview page, driven through Streamlit's AppTest."""

from __future__ import annotations

from hrcore.store import open_store
from tests.app.conftest import app


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_shows_headcount_and_payroll_of_the_database(ibm_db):
    at = app()
    people = open_store(ibm_db).query(
        "SELECT count(*) AS n, sum(base_pay) AS pay FROM employees WHERE status = 'active'").iloc[0]
    shown = metrics(at)
    assert shown["Headcount"] == f"{int(people['n']):,}" == "1,233"
    # 12 × monthly base pay, shown in millions in English
    assert shown["Annual payroll"] == f"¥{12 * people['pay'] / 1e6:.1f}M"
    assert len(at.get("plotly_chart")) == 3
    assert "237 leavers have no exit date" in " ".join(c.value for c in at.caption)


def test_overview_speaks_chinese_when_asked_in_the_url(ibm_db):
    at = app(lang="zh")
    assert at.title[0].value == "组织总览"
    shown = metrics(at)
    assert shown["在职人数"] == "1,233"
    assert shown["年度工资总额"].endswith("亿")


def test_switching_language_in_the_sidebar_relabels_the_page(ibm_db):
    at = app()
    at.sidebar.segmented_control[0].set_value("zh").run()
    assert at.title[0].value == "组织总览"
    assert at.metric[0].label == "在职人数"


def test_empty_database_offers_the_demo_company(db_path):
    at = app()
    assert "no employees" in at.info[0].value
    assert at.button[0].label.startswith("Load the demo company")
