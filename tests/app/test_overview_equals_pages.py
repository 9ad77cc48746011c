"""Every programme tile of the overview shows what the page behind it shows for the same figure, in the same words,
for every role whose scope agrees, and follows the overview's department filter (hrcore.reports.*.headline)."""

from __future__ import annotations

import json
import re

import pandas as pd

from hrcore import ninebox, watchlist
from hrcore.access import User
from hrcore.company import as_of_date
from hrcore.reports import attrition
from hrcore.store import open_store
from tests.app.conftest import app, open_tab
from tests.app.test_overview_page import subtree

SALES = "D300"
"""A department of the small demo with departments under it."""


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def grid_counts(at) -> dict[int, str]:
    """The nine-box as drawn on the overview: box -> its count as shown (``"—"`` where too few to show)."""
    grid = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if '"heatmap"' in c.proto.spec)
    # Rows run from low to high performance (box 1 bottom left, 9 top right): a box's number is 3 × row + col + 1.
    return {3 * row + col + 1: (m.group(1) if (m := re.search(r"<br>([\d,]+) · ", cell)) else "—")
            for row, cells in enumerate(grid["data"][0]["text"]) for col, cell in enumerate(cells)}


def shown_on(overview: dict[str, str], page: dict[str, str], labels: list[str]) -> None:
    for label in labels:
        assert label in overview and label in page, (label, sorted(overview), sorted(page))
        assert overview[label] == page[label], (label, overview[label], page[label])


def test_the_pay_design_tiles_show_the_job_evaluation_s_market_check(demo_db):
    overview = metrics(app())
    page = metrics(open_tab(app("views/evaluation.py"), "ev_tab", "Market check"))
    shown_on(overview, page, ["Jobs evaluated", "R²", "Outlier jobs"])
    assert re.fullmatch(r"0\.\d\d", overview["R²"])  # two decimals in both places


def test_the_pay_structure_tiles_show_the_pay_page_s_structure_in_force(demo_db):
    overview = metrics(app())
    page = metrics(open_tab(app("views/pay.py"), "pay_tab", "People in the structure"))
    shown_on(overview, page, ["Below minimum (in force)", "Above maximum (in force)"])
    if "Budget used (in force)" in page:
        shown_on(overview, page, ["Budget used (in force)"])


def test_the_performance_tiles_show_the_kpi_results_headline(demo_db):
    at = app()
    overview = metrics(at)
    page = metrics(open_tab(app("views/kpi.py"), "kpi_tab", "Results"))
    shown = [f"Rated {band}" for band in "ABCD" if overview[f"Rated {band}"] != "—"]
    assert shown  # the small demo shows most bands company-wide: the test would pass vacuously otherwise
    shown_on(overview, page, [*shown, "Not yet scored"])


def test_the_nine_box_counts_the_review_the_talent_page_reports(demo_db):
    # The talent page's grid is the placement being worked on; its caption reports the latest review on record,
    # which the overview draws.
    boxes = grid_counts(app())
    page = open_tab(app("views/talent.py"), "tal_tab", "Grid")
    caption = next(c.value for c in page.caption if c.value.startswith("Latest review on record"))
    found = re.search(r": ([\d,]+) people; ([\d,]+) in the top boxes, ([\d,]+) key talent", caption)
    people, top, key = (int(n.replace(",", "")) for n in found.groups())
    # Recounted with pandas from the review rows: the latest period, the calibrated box where there is one.
    reviews = open_store(demo_db).table("talent_reviews")
    latest = reviews[reviews["period"] == reviews["period"].max()]
    recount = latest["calibrated_box"].fillna(latest["box"]).astype(int).value_counts()
    assert (people, top, key) == (len(latest), int(recount.reindex(list(ninebox.TOP_BOXES), fill_value=0).sum()),
                                  int(recount.get(9, 0)))
    counted = {box: int(n.replace(",", "")) for box, n in boxes.items() if n != "—"}
    assert counted and len(counted) < 9  # the small demo hides some boxes: both kinds are checked
    assert counted == {box: int(recount.get(box, 0)) for box in counted}
    assert people - sum(counted.values()) >= 5  # the hidden boxes together hold enough not to tell who


def test_the_competency_tiles_show_the_competency_page_s_headline(demo_db):
    overview = metrics(app())
    page = metrics(app("views/competency.py"))
    shown_on(overview, page, ["Certification coverage", "Gap to target (360)"])


def test_the_attrition_tiles_show_the_watchlist_s(demo_db):
    overview = metrics(app())
    page = metrics(open_tab(app("views/attrition.py"), "at_tab", "Watchlist"))
    shown_on(overview, page, ["People at high risk", "Key talent at risk"])


def test_a_department_chosen_on_the_overview_narrows_its_attrition_tiles(demo_db):
    db = open_store(demo_db)
    as_of = as_of_date(db)
    at = app()
    before = metrics(at)
    at.selectbox(key="overview_department").set_value(SALES).run()
    assert not at.exception
    shown = metrics(at)
    head = attrition.headline(db.within(SALES), as_of)
    # Recomputed with pandas: each person's signal points, summed and capped at 100, 40 or more is high risk;
    # only the people of the department and those under it.
    people = watchlist.people(db, as_of)
    points = sum(people[s].fillna(False).astype(bool) * p for s, p in watchlist.SIGNAL_POINTS.items())
    inside = people["department_id"].isin(subtree(db.table("departments"), SALES))
    high = (points.clip(upper=100) >= 40) & inside
    assert shown["People at high risk"] == f"{head.high_risk:,}" == f"{int(high.sum()):,}"
    assert shown["Key talent at risk"] == f"{head.key_at_risk:,}" == f"{int((high & people['key_talent']).sum()):,}"
    assert int(before["People at high risk"].replace(",", "")) > head.high_risk  # narrowed, not the whole company


TILES = ["People at high risk", "Key talent at risk", *[f"Rated {band}" for band in "ABCD"], "Not yet scored"]


def test_hr_a_viewer_and_a_manager_see_the_same_headlines_where_their_scopes_agree(demo_db):
    hr = app()
    hr_tiles, hr_grid = metrics(hr), grid_counts(hr)
    hr.selectbox(key="overview_department").set_value(SALES).run()
    hr_sales_tiles, hr_sales_grid = metrics(hr), grid_counts(hr)

    viewer = app(user=User("viewer", "viewer", display_name="Viewer"))
    assert {k: metrics(viewer)[k] for k in TILES} == {k: hr_tiles[k] for k in TILES}
    assert grid_counts(viewer) == hr_grid
    assert "Below minimum (in force)" not in metrics(viewer)  # the count without pay, not another count

    manager = app(user=User("sales", "manager", SALES, "Sales head"))
    assert {k: metrics(manager)[k] for k in TILES} == {k: hr_sales_tiles[k] for k in TILES}
    assert grid_counts(manager) == hr_sales_grid
    assert pd.Series(hr_sales_grid).ne(pd.Series(hr_grid)).any()  # the department differs from the company


def test_a_small_team_s_rating_shares_are_hidden_alike_on_the_overview_and_the_kpi_page(demo_db):
    """A manager of a team of a few: each rating held by one to four of them shows "—" on both pages (counted
    here with pandas from the team's latest review period, through the report's own period)."""
    from hrcore import cycles
    from hrcore.privacy import small_groups
    from hrcore.reports import kpi

    db = open_store(demo_db)
    team = "D130"  # the AI Lab: a team of its own, with no department under it
    head = kpi.headline(db.within(team))
    people = cycles.performance_in(db.within(team), head.period)["rating"].value_counts()
    counts = pd.Series({rating: int(people.get(rating, 0)) for rating in head.shares})
    hidden = {rating for rating, small in zip(counts.index, small_groups(counts.to_numpy())) if small}
    assert hidden  # the case this test is about
    manager = User("lab", "manager", team, "Lab head")
    overview = metrics(app(user=manager))
    page = metrics(open_tab(app("views/kpi.py", user=manager), "kpi_tab", "Results"))
    for rating in head.shares:
        label = f"Rated {rating}"
        assert overview[label] == page[label]
        assert (overview[label] == "—") == (rating in hidden), rating
