"""Overview for HR leaders: headcount, its trend, flows and payroll."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import competency, cycles, i18n, ninebox, readiness, watchlist
from hrcore.overview import Overview, department_rollup, summarize
from hrcore.i18n import plain
from views._common import (currency, grid_figure, lang, market_check, md, money, page_link, pay_in_force, plotly_chart,
                           sees_pay, store, t, version, watched, whole_company)

CHART_COLORS = {"hires": "#1F6F8B", "voluntary": "#E07A5F", "involuntary": "#8D5A97", "unspecified": "#B0B8BF"}


@st.cache_data(show_spinner=False, max_entries=16)
def overview(db_path: str, data_version: int) -> Overview:
    # Keyed on the data version: an import or a new demo invalidates it.
    return summarize(store())


@st.cache_data(show_spinner=False, max_entries=4)
def data_held(db_path: str, data_version: int) -> pd.Series:
    """Which tables a company brings hold rows, in the order they are worth bringing."""
    return readiness.readiness(store())["rows"] > 0


def pay_design_tiles(lg: str) -> None:
    """Where the pay design stands: the job evaluation's market check with its defaults (P50, linear, R² 0.80)."""
    result = market_check(*version())
    if result is None:
        return
    st.subheader(t("overview.pay_design"))
    cols = st.columns([1, 1, 1, 2], vertical_alignment="center")
    cols[0].metric(t("eval.jobs_evaluated"), i18n.number(result.evaluated, lg), border=True,
                   help=md("eval.jobs_evaluated_help", total=len(result.jobs)))
    if result.line is not None:
        passes = result.line.passes()
        cols[1].metric(t("overview.evaluation_r2"), f"{result.line.r2:.2f}", border=True,
                       delta=t("eval.pass") if passes else t("eval.fail"), delta_arrow="off",
                       delta_color="normal" if passes else "inverse",
                       help=md("overview.evaluation_r2_help", year=result.survey_year))
        cols[2].metric(t("eval.outliers"), i18n.number(len(result.outliers), lg), border=True,
                       help=md("eval.outliers_help", z="2.0"))
    page_link(cols[3], "views/evaluation.py", label=t("overview.open_evaluation"), icon=":material/balance:")
    force = pay_in_force(*version())[0] if sees_pay() else None
    if force is not None:
        cols = st.columns([1, 1, 1, 2], vertical_alignment="center")
        cols[0].metric(t("pay.below_min"), i18n.percent(force["below_share"], lg), border=True,
                       delta=t("pay.people_n", n=i18n.number(force["below"], lg)), delta_arrow="off",
                       delta_color="off", help=md("overview.in_force_help", name=force["name"]))
        cols[1].metric(t("pay.above_max"), i18n.percent(force["above_share"], lg), border=True,
                       delta=t("pay.people_n", n=i18n.number(force["above"], lg)), delta_arrow="off",
                       delta_color="off", help=md("overview.in_force_help", name=force["name"]))
        if force["approved"] and whole_company():  # the budget is the company's: no yardstick for one department
            used = force["current"] / force["approved"]
            cols[2].metric(t("overview.payroll_vs_budget"), i18n.percent(used, lg, 0), border=True,
                           delta=t("overview.of_budget", budget=money(force["approved"], lg)), delta_arrow="off",
                           delta_color="off", help=t("overview.payroll_vs_budget_help"))
        page_link(cols[3], "views/pay.py", label=t("overview.open_pay"), icon=":material/stacked_line_chart:")


@st.cache_data(show_spinner=False, max_entries=16)
def latest_ratings(db_path: str, data_version: int) -> pd.DataFrame:
    """The latest review period (a month's cards count in its quarter): how many people have each rating over it
    (the mean of their cards in it), and how many of its cards are not yet scored."""
    db = store()
    period = cycles.latest_review_period(db)
    if period is None:
        return pd.DataFrame(columns=["period", "rating", "status", "n"])
    people = cycles.performance_in(db, period)
    rated = people["rating"].fillna("").value_counts()
    return pd.DataFrame({"period": period, "rating": [*rated.index, ""], "status": [*["scored"] * len(rated), "draft"],
                         "n": [*rated.to_numpy(dtype=int), cycles.open_cards_in(db, period)]})


def performance_tiles(lg: str) -> None:
    cards = latest_ratings(*version())
    if cards.empty:
        return
    period = cards["period"].iloc[0]
    st.subheader(md("overview.performance", period=period))
    scored = cards[cards["status"] == "scored"].groupby("rating")["n"].sum()
    open_cards = int(cards.loc[cards["status"] != "scored", "n"].sum())
    cols = st.columns([1, 1, 1, 1, 1, 1.3], vertical_alignment="center")  # the link needs room for its label
    total = max(int(scored.sum()), 1)
    for col, rating in zip(cols, ["A", "B", "C", "D"]):
        col.metric(md("overview.rating_share", rating=rating), i18n.percent(scored.get(rating, 0) / total, lg, 0),
                   border=True, help=t("overview.rating_share_help"))
    cols[4].metric(t("kpi.not_scored"), i18n.number(open_cards, lg), border=True)
    page_link(cols[5], "views/kpi.py", label=t("overview.open_kpi"), icon=":material/fact_check:")


@st.cache_data(show_spinner=False, max_entries=16)
def latest_review(db_path: str, data_version: int) -> pd.DataFrame:
    """The latest talent review's calibrated boxes, counted."""
    return store().query(
        "SELECT period, coalesce(calibrated_box, box) AS box, count(*) AS n FROM talent_reviews "
        "WHERE period = (SELECT max(period) FROM talent_reviews) GROUP BY ALL")


def talent_tile(lg: str) -> None:
    review = latest_review(*version())
    if review.empty:
        return
    st.subheader(md("overview.talent", period=review["period"].iloc[0]))
    counts = ninebox.grid(np.repeat(review["box"].to_numpy(), review["n"].to_numpy()))
    left, right = st.columns([3, 2], vertical_alignment="center")
    plotly_chart(left, grid_figure(counts, ninebox.box_labels(db), lg, height=340), key="overview_grid",
                      config={"displayModeBar": False})
    page_link(right, "views/talent.py", label=t("overview.open_talent"), icon=":material/grid_view:")


@st.cache_data(show_spinner=False, max_entries=16)
def competency_headline(db_path: str, data_version: int, as_of) -> competency.Headline:
    return competency.headline(store(), as_of)


def competency_tiles(lg: str, as_of) -> None:
    head = competency_headline(*version(), as_of)
    if head.in_certified_jobs == 0 and head.reviewed == 0:
        return
    st.subheader(t("overview.competency"))
    cols = st.columns([1, 1, 1, 1], vertical_alignment="center")
    if head.coverage is not None:
        cols[0].metric(t("overview.cert_coverage"), i18n.percent(head.coverage, lg, 0), border=True,
                       delta=t("overview.cert_overdue", n=i18n.number(head.overdue, lg)), delta_arrow="off",
                       delta_color="off", help=t("overview.cert_coverage_help"))
    if head.average_gap is not None:
        cols[1].metric(t("overview.avg_gap"), f"{head.average_gap:+.1f}", border=True,
                       delta=t("overview.reviewed", n=i18n.number(head.reviewed, lg)), delta_arrow="off",
                       delta_color="off", help=t("overview.avg_gap_help"))
    page_link(cols[3], "views/competency.py", label=t("overview.open_competency"), icon=":material/workspace_premium:")


@st.cache_data(show_spinner=False, max_entries=16)
def at_risk(db_path: str, data_version: int, as_of) -> tuple[int, int, int]:
    settings = watchlist.load_settings(store())
    people = watched(db_path, data_version, as_of)
    high = people["score"] >= settings["high_risk"]
    return int(high.sum()), int((high & people["key_talent"]).sum()), int(settings["high_risk"])


def attrition_tiles(lg: str, as_of) -> None:
    high, key, threshold = at_risk(*version(), as_of)
    st.subheader(t("overview.attrition"))
    cols = st.columns([1, 1, 1, 1], vertical_alignment="center")
    cols[0].metric(t("attrition.high_risk"), i18n.number(high, lg), border=True,
                   help=md("attrition.high_risk_help", threshold=threshold))
    cols[1].metric(t("attrition.key_at_risk"), i18n.number(key, lg), border=True)
    page_link(cols[3], "views/attrition.py", label=t("overview.open_attrition"), icon=":material/person_remove:")


def empty_state() -> None:
    st.info(t("overview.no_data"))
    st.caption(t("overview.import_hint"))
    # Never built here: whoever sees this page signed in, so the database has accounts, and the demo is never
    # built beside a company's accounts or data (hrcore.demo.load_demo).
    st.caption(t("overview.demo_hint"))
    st.code("python -m hrcore demo --db data/demo.duckdb", language="bash")


def tiles(o: Overview, lg: str) -> None:
    cols = st.columns(5)
    cols[0].metric(t("overview.headcount"), i18n.number(o.headcount, lg),
                   delta=f"{o.headcount - o.headcount_year_ago:+,}", help=t("overview.headcount_help"),
                   delta_description=t("overview.vs_year_ago"), chart_data=o.trend["headcount"].tolist(),
                   chart_type="area", border=True)
    cols[1].metric(t("overview.hires"), i18n.number(o.hires_12m, lg), border=True)
    typed = o.voluntary_12m + o.involuntary_12m  # the share of exits whose type the data give
    voluntary = t("overview.exits_delta", share=i18n.percent(o.voluntary_12m / typed, lg, 0)) if typed else None
    cols[2].metric(t("overview.exits"), i18n.number(o.exits_12m, lg), delta=voluntary,
                   delta_color="off", delta_arrow="off", border=True)
    turnover = i18n.percent(o.turnover_12m, lg) if o.turnover_12m == o.turnover_12m else "–"
    cols[3].metric(t("overview.turnover"), turnover, help=t("overview.turnover_help"), border=True)
    if sees_pay():
        cols[4].metric(t("overview.payroll"), money(o.payroll_annual, lg),
                       help=md("overview.payroll_help", base=money(o.base_pay_monthly, lg)), border=True)
    else:
        cols[4].metric(t("overview.payroll"), "—", help=t("overview.pay_hidden"), border=True)


def trend_chart(o: Overview, lg: str) -> go.Figure:
    frame = o.trend
    # go.Scatter, not px.area: plotly express costs 0.4 s to import and draw on the first page a leader opens.
    fig = go.Figure(go.Scatter(x=frame["month_end"], y=frame["headcount"], mode="lines", fill="tozeroy",
                               line_color=CHART_COLORS["hires"], fillcolor="rgba(31,111,139,0.12)",
                               customdata=[i18n.month(d, lg) for d in frame["month_end"]],
                               hovertemplate="%{customdata}<br>%{y:,}<extra></extra>"))
    fig.update_layout(xaxis_title=t("overview.month"), yaxis_title=t("overview.headcount"))
    low, high = frame["headcount"].min(), frame["headcount"].max()
    pad = max((high - low) * 0.15, 1)
    fig.update_yaxes(range=[max(low - pad, 0), high + pad], tickformat=",")
    fig.update_xaxes(tickformat="%Y-%m" if lg == "zh" else "%b %Y")
    return fig


def department_chart(o: Overview, lg: str) -> go.Figure:
    rows = department_rollup(o.by_department, lg, t("overview.unassigned"))
    fig = go.Figure(go.Sunburst(
        ids=rows["department_id"], parents=rows["parent_id"], labels=rows["label"],
        values=rows["headcount"], branchvalues="remainder", maxdepth=2, insidetextorientation="horizontal",
        hovertemplate="%{label}<br>%{value:,}<extra></extra>",
    ))
    return fig


def flows_chart(o: Overview, lg: str) -> go.Figure:
    frame = o.flows
    labels = [i18n.month(d, lg) for d in frame["month"]]
    fig = go.Figure()
    fig.add_bar(x=frame["month"], y=frame["hires"], name=t("flow.hires"), marker_color=CHART_COLORS["hires"],
                customdata=labels, hovertemplate="%{customdata}<br>%{y:,}<extra>%{fullData.name}</extra>")
    for kind in ("voluntary", "involuntary", "unspecified"):
        if frame[kind].any():
            fig.add_bar(x=frame["month"], y=-frame[kind], name=t(f"flow.{kind}"),
                        marker_color=CHART_COLORS[kind], customdata=frame[kind],
                        hovertemplate="%{customdata:,}<extra>%{fullData.name}</extra>")
    fig.update_layout(barmode="relative", legend={"orientation": "h", "y": -0.2},
                      yaxis_title=t("overview.people"))
    fig.update_xaxes(tickformat="%Y-%m" if lg == "zh" else "%b %Y")
    return fig


def layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      font={"family": "Noto Sans CJK SC, Microsoft YaHei, sans-serif"})
    return fig


lg = lang()
db = store()
st.title(t("page.overview"))
if db.count("employees") == 0:
    empty_state()
    st.stop()

o = overview(*version())
company = i18n.name(db.meta("company_en"), db.meta("company_zh"), lg)
st.caption(" · ".join(filter(None, [plain(company), md("overview.caption", as_of=i18n.day(o.as_of, lg),
                                                        currency=i18n.currency_name(currency(), lg))])))
tiles(o, lg)
held = data_held(*version())
if not held.all():
    to_bring = ", ".join(t(f"table.{name}") for name in held.index[~held][:3])
    note, link = st.columns([4, 1], vertical_alignment="center")
    note.caption(t("ready.overview", held=int(held.sum()), total=len(held), next=to_bring))
    page_link(link, "views/data.py", label=t("ready.to_data"), icon=":material/upload_file:")

left, right = st.columns([3, 2])
with left:
    st.subheader(t("overview.trend"))
    plotly_chart(st, layout(trend_chart(o, lg), 340), width="stretch")
with right:
    st.subheader(t("overview.by_department"))
    plotly_chart(st, layout(department_chart(o, lg), 340), width="stretch")

st.subheader(t("overview.flows"))
plotly_chart(st, layout(flows_chart(o, lg), 320), width="stretch")
if o.undated_leavers:
    st.caption(md("overview.undated_leavers", n=i18n.number(o.undated_leavers, lg)))

# The programmes after the organisation: where pay design, performance and talent review stand.
pay_design_tiles(lg)
performance_tiles(lg)
talent_tile(lg)
competency_tiles(lg, o.as_of)
attrition_tiles(lg, o.as_of)
