"""The overview page, driven through Streamlit's AppTest."""

from __future__ import annotations

import json
import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from hrcore import i18n
from hrcore.access import User
from hrcore.store import open_store
from tests.app.conftest import app
from tests.app.test_downloads import media  # noqa: F401 - the fixture that keeps download files
from tests.conftest import ROOT


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


def test_an_empty_company_database_says_what_to_bring_and_never_builds_the_demo_into_it(db_path):
    at = app()  # signed in: the database has an account, so the demo must not be built beside it
    assert "no employees" in at.info[0].value
    assert [b.key for b in at.button] == ["auth_sign_out"]  # no button mixes fictitious people into it
    assert [c.value for c in at.caption][:2] == [i18n.t("overview.import_hint", "en"),
                                                 i18n.t("overview.demo_hint", "en")]
    assert at.code[0].value == "python -m hrcore demo --db data/demo.duckdb"


def test_overview_shows_certification_coverage_and_the_gap_to_target(demo_db):
    db = open_store(demo_db)
    # Independent reading of the demo: a representative's job names the level it requires (CS-REP1..3); the
    # level held is the highest level whose review passed, every level below passed too.
    reps = db.query("SELECT e.employee_id, l.level AS required FROM employees e JOIN cert_levels l USING (job_id) "
                    "WHERE e.status = 'active'")
    passed = db.query("SELECT employee_id, level FROM certifications WHERE stage = 'review' AND result = 'pass'")
    levels = passed.groupby("employee_id")["level"].apply(set)

    def held(person):
        got, level = levels.get(person, set()), 0
        while level + 1 in got:
            level += 1
        return level
    covered = sum(held(p) >= r for p, r in zip(reps["employee_id"], reps["required"])) / len(reps)
    at = app()
    shown = metrics(at)
    assert shown["Certification coverage"] == f"{covered:.0%}"
    # Gap: all raters but self = group means weighted 0.4 / 0.3 / 0.2 / 0.1, scaled over the groups that
    # rated (4 raters at least), minus the target of the person's job; mean per person, then over people.
    ratings = db.query("SELECT r.ratee_id, r.item_id, r.rater_group, r.score FROM ratings_360 r JOIN comp_items i "
                       "USING (item_id) WHERE i.model_id = 'mgmt9' AND r.rater_group <> 'self' "
                       "AND r.period = '2026'")  # the latest review (the demo holds last year's too)
    weight = {"superior": 0.4, "peer": 0.3, "subordinate": 0.2, "other": 0.1}
    groups = ratings.groupby(["ratee_id", "item_id", "rater_group"])["score"].agg(["mean", "size"]).reset_index()
    groups["w"] = groups["rater_group"].map(weight)
    cell = groups.groupby(["ratee_id", "item_id"]).apply(
        lambda g: (g["mean"] * g["w"]).sum() / g["w"].sum() if g["size"].sum() >= 4 else float("nan"),
        include_groups=False).rename("others").reset_index()
    targets = db.query("SELECT e.employee_id AS ratee_id, t.item_id, t.target_score FROM employees e "
                       "JOIN comp_targets t ON t.job_id = e.job_id AND t.level = 1")
    cell = cell.merge(targets, on=["ratee_id", "item_id"])
    gap = (cell["others"] - cell["target_score"]).groupby(cell["ratee_id"]).mean().mean()
    assert shown["Gap to target (360)"] == f"{gap:+.1f}"


def test_overview_counts_the_people_at_high_risk(demo_db):
    from hrcore import watchlist
    from hrcore.company import as_of_date

    db = open_store(demo_db)
    people = watchlist.people(db, as_of_date(db))
    # The score's definition restated: recorded or derived signals, summed points, capped at 100, 40 or more.
    points = sum(people[s].fillna(False).astype(bool) * p for s, p in watchlist.SIGNAL_POINTS.items())
    high = points.clip(upper=100) >= 40
    shown = metrics(app())
    assert shown["People at high risk"] == f"{int(high.sum()):,}"
    assert shown["Key talent at risk"] == f"{int((high & people['key_talent']).sum()):,}"


def subtree(departments, root: str) -> set[str]:
    """The department and those under it, by walking parent links in pandas."""
    found, frontier = {root}, [root]
    while frontier:
        frontier = [d for d in departments.loc[departments["parent_id"].isin(frontier), "department_id"]
                    if d not in found]
        found.update(frontier)
    return found


def test_choosing_a_department_narrows_the_organisation_and_is_shared_with_other_pages(demo_db):
    from hrcore.company import as_of_date

    db = open_store(demo_db)
    as_of = as_of_date(db)
    people = db.table("employees")
    depts = subtree(db.table("departments"), "D300")
    day = pd.Timestamp(as_of)
    employed = ((people["hire_date"] <= day) & (people["exit_date"].isna() | (people["exit_date"] > day))
                & ~((people["status"] == "left") & people["exit_date"].isna()))
    at = app()
    at.selectbox(key="overview_department").set_value("D300").run()
    assert not at.exception
    assert metrics(at)["Headcount"] == f"{int((employed & people['department_id'].isin(depts)).sum()):,}"
    assert at.session_state["focus_department"] == "D300"
    assert "not only the department chosen above" not in " ".join(c.value for c in at.caption)  # the whole page
    at.selectbox(key="overview_department").set_value("").run()
    assert metrics(at)["Headcount"] == f"{int(employed.sum()):,}"
    assert at.session_state["focus_department"] is None


def test_the_department_another_page_focused_on_opens_the_overview_narrowed(demo_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["focus_department"] = "D310"
    at.run()
    assert at.selectbox(key="overview_department").value == "D310"


def test_every_chart_has_the_app_template_and_a_png_download(demo_db):
    at = app()
    charts = at.get("plotly_chart")
    assert len(charts) == 4  # trend, departments, flows, the nine-box
    for chart in charts:
        layout = json.loads(chart.proto.spec)["layout"]
        assert "Noto Sans CJK SC" in layout["template"]["layout"]["font"]["family"]
        config = json.loads(chart.proto.config)
        assert config["toImageButtonOptions"]["format"] == "png" and config.get("displayModeBar") is not False


def test_the_overview_nine_box_never_shows_a_box_of_one_to_four_people(demo_db):
    at = app()
    grid = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if '"heatmap"' in c.proto.spec)
    shown = [int(m.group(1).replace(",", "")) for row in grid["data"][0]["text"] for cell in row
             if (m := re.search(r"<br>([\d,]+) · ", cell))]
    assert shown and all(n == 0 or n >= 5 for n in shown)
    hidden = sum(cell.endswith("Too few to show") for row in grid["data"][0]["text"] for cell in row)
    assert hidden > 0  # the small demo company has small boxes: the test would pass vacuously otherwise


def test_the_department_chart_shows_no_pay_of_a_department_of_one_to_four_people(demo_db):
    from hrcore.company import as_of_date

    db = open_store(demo_db)
    people = db.table("employees")
    day = pd.Timestamp(as_of_date(db))
    employed = ((people["hire_date"] <= day) & (people["exit_date"].isna() | (people["exit_date"] > day))
                & ~((people["status"] == "left") & people["exit_date"].isna()))
    own = people[employed].groupby("department_id").size()  # each department's own people, recounted
    at = app()
    chart = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if '"sunburst"' in c.proto.spec)
    pay = pd.Series(chart["data"][0]["customdata"], index=chart["data"][0]["ids"])
    small = own[own < 5].index
    assert len(small) > 0 and (pay[small] == "Too few to show").all()  # the demo's centres: their head alone
    assert pay[own[own >= 5].index].str.startswith("¥").any()


def test_an_earlier_as_of_month_recounts_the_organisation_at_its_end(demo_db):
    from hrcore.company import as_of_date

    db = open_store(demo_db)
    people = db.table("employees")
    month_end = (pd.Timestamp(as_of_date(db)).to_period("M") - 12).to_timestamp(how="end").normalize()
    employed = ((people["hire_date"] <= month_end) & (people["exit_date"].isna() | (people["exit_date"] > month_end))
                & ~((people["status"] == "left") & people["exit_date"].isna()))
    at = app()
    at.selectbox(key="overview_as_of").set_value(month_end.date()).run()
    assert not at.exception
    assert metrics(at)["Headcount"] == f"{int(employed.sum()):,}"
    assert i18n.day(month_end.date(), "en") in " ".join(c.value for c in at.caption)


def test_a_manager_picks_only_among_their_own_departments(demo_db):
    db = open_store(demo_db)
    depts = subtree(db.table("departments"), "D300")
    at = app(user=User("mgr", "manager", "D300", "Manager"))
    assert set(at.selectbox(key="overview_department").options[1:]) == {
        "\u2003" * (d != "D300") + name for d, name in
        db.table("departments").set_index("department_id")["name_en"].items() if d in depts}


def test_a_small_department_s_rating_shares_are_not_shown(demo_db):
    # Legal's manager: its people's latest ratings are three Bs and two Cs (the demo), groups of fewer than five.
    db = open_store(demo_db)
    legal = subtree(db.table("departments"), "D640")
    people = set(db.table("employees").query("department_id in @legal")["employee_id"])
    cards = db.query("SELECT owner_id, rating FROM scorecards WHERE owner_type = 'employee' AND status = 'scored' "
                     "AND period IN ('2026-07', '2026-08', '2026-09', '2026Q3')")
    assert 0 < cards[cards["owner_id"].isin(people)]["owner_id"].nunique() < 10
    shown = metrics(app(user=User("legal", "manager", "D640", "Legal head")))
    bands = [shown[f"Rated {band}"] for band in "ABCD"]
    assert "—" in bands and set(bands) <= {"—", "0%"}, bands


def test_a_department_with_none_under_it_says_so_instead_of_drawing_a_disc_of_one(demo_db):
    at = app()
    at.selectbox(key="overview_department").set_value("D130").run()  # AI Lab, a team of its own
    assert not any('"sunburst"' in c.proto.spec for c in at.get("plotly_chart"))
    assert "No departments under this one" in " ".join(c.value for c in at.caption)


def test_the_board_pack_button_gives_a_pdf_of_the_department_chosen_and_records_the_download(demo_db, media):
    """The PDF's text read back with PDFium: the department's own headcount, recounted in SQL on its subtree."""
    import pypdfium2 as pdfium

    from hrcore.company import as_of_date
    from tests.app.test_downloads import offered

    at = app("views/overview.py")
    db = open_store(demo_db)
    department = db.query("SELECT department_id FROM departments WHERE parent_id IS NOT NULL "
                          "ORDER BY department_id LIMIT 1")["department_id"].iloc[0]
    at.selectbox(key="overview_department").set_value(department).run()
    pdf = offered(at, media)["Board pack (PDF)"]
    assert pdf[:5] == b"%PDF-"
    document = pdfium.PdfDocument(pdf)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    narrowed = db.within(department)
    employed = narrowed.query("SELECT count(*) AS n FROM employees WHERE hire_date <= ? AND "
                              "(exit_date IS NULL OR exit_date > ?)", [as_of_date(db)] * 2)["n"].iloc[0]
    assert f"Headcount\r\n{employed:,}" in text or f"Headcount\n{employed:,}" in text
    assert "Confidential" in text
    from hrcore.audit import search
    trail = search(db, table="employees")
    assert any(str(row).startswith("board-pack-") for row in trail.loc[trail["action"] == "download", "row"])
