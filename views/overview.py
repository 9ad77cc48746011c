"""Overview for HR leaders: the organisation (headcount, its trend, flows, payroll) and where each programme
stands, narrowed to one department and an as-of month if asked (hrcore.reports.overview)."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from hrcore import boardpack, downloads, i18n
from hrcore.i18n import plain
from hrcore.overview import department_rollup
from hrcore.privacy import MIN_GROUP
from hrcore.reports import attrition, competency, evaluation, kpi, pay, talent
from hrcore.reports.overview import Context, context, organisation
from views._common import (CHART_COLORS, currency, grid_figure, lang, md, money, page_link, plotly_chart, report,
                           sees_pay, still_allowed, store, t)

TILES = 4
"""Tiles a row, on every row of the page: one grid (at 1280 px, four leave room for a whole label and figure)."""
TILE = {"border": True, "height": "stretch"}
"""Every tile: bordered, as tall as the tallest of its row."""
EVERYONE = ""
"""The department filter's choice for everyone the user sees."""
FLOW_COLORS = {"hires": CHART_COLORS[0], "voluntary": CHART_COLORS[1], "involuntary": CHART_COLORS[2],
               "unspecified": CHART_COLORS[6]}


def section(title: str, page: str, link_key: str, icon: str, tiles: int | None = TILES) -> list | None:
    """A programme's heading with the link to its page beside it, and its row of ``tiles`` tiles (a row of
    three has the room its longer labels need at 1280 px)."""
    heading, link = st.columns([3, 1], vertical_alignment="bottom")
    heading.subheader(title)
    page_link(link, page, label=t(link_key), icon=icon)
    return st.columns(tiles) if tiles else None


def pay_design_tiles(lg: str, department: str | None) -> None:
    """Where the pay design stands: the job evaluation's market check with its defaults (P50, linear, R² 0.80), and
    the structure in force, worded as the job evaluation and pay pages word them."""
    head = report(evaluation.headline, department=department)
    if head is not None:
        cols = section(t("overview.pay_design"), "views/evaluation.py", "overview.open_evaluation",
                       ":material/balance:", tiles=3)
        cols[0].metric(t("eval.jobs_evaluated"), i18n.number(head.evaluated, lg), **TILE,
                       help=md("eval.jobs_evaluated_help", total=i18n.number(head.jobs, lg)))
        if head.r2 is not None:
            cols[1].metric("R²", f"{head.r2:.2f}", **TILE, delta=t("eval.pass") if head.passes else t("eval.fail"),
                           delta_arrow="off", delta_color="normal" if head.passes else "inverse",
                           help=md("overview.evaluation_r2_help", year=head.survey_year))
            cols[2].metric(t("eval.outliers"), i18n.number(head.outliers, lg), **TILE,
                           help=md("eval.outliers_help", z=f"{head.z_limit:.1f}"))
    force = report(pay.headline, department=department) if sees_pay() else None
    if force is None:
        return
    cols = section(t("overview.pay_structure"), "views/pay.py", "overview.open_pay", ":material/stacked_line_chart:",
                   tiles=3)
    cols[0].metric(t("pay.force.below_min"), i18n.percent(force.below_share, lg), **TILE,
                   delta=t("pay.people_n", n=i18n.number(force.below, lg)), delta_arrow="off", delta_color="off",
                   help=md("overview.in_force_help", name=force.name))
    cols[1].metric(t("pay.force.above_max"), i18n.percent(force.above_share, lg), **TILE,
                   delta=t("pay.people_n", n=i18n.number(force.above, lg)), delta_arrow="off", delta_color="off",
                   help=md("overview.in_force_help", name=force.name))
    if force.budget_used is not None:  # the budget is the company's: no yardstick for one department
        cols[2].metric(t("pay.force.budget_used"), i18n.percent(force.budget_used, lg, 0), **TILE,
                       delta=t("overview.of_budget", budget=money(force.approved, lg)), delta_arrow="off",
                       delta_color="off", help=t("pay.force.budget_used_help"))


def performance_tiles(lg: str, department: str | None) -> None:
    head = report(kpi.headline, department=department)
    if head.period is None:
        return
    cols = section(md("overview.performance", period=head.period), "views/kpi.py", "overview.open_kpi",
                   ":material/fact_check:")
    for col, (rating, share) in zip(cols, head.shares.items()):
        hidden = rating in head.too_few  # one to four people: who they are shows (hrcore.privacy)
        col.metric(md("overview.rating_share", rating=rating), "—" if hidden else i18n.percent(share, lg, 0),
                   **TILE, help=t("privacy.too_few_help", n=MIN_GROUP) if hidden else t("overview.rating_share_help"))
    st.columns(TILES)[0].metric(t("kpi.not_scored"), i18n.number(head.not_scored, lg), **TILE)


def talent_tile(lg: str, department: str | None) -> None:
    head = report(talent.headline, department=department)
    if head.period is None:
        return
    section(md("overview.talent", period=head.period), "views/talent.py", "overview.open_talent",
            ":material/grid_view:", tiles=None)
    counts = head.shown_counts  # a box of one to four people would tell who sits in it: its count is blank
    plotly_chart(st, grid_figure(counts, report(talent.labels).boxes, lg, height=340), key="overview_grid",
                 config={"displayModeBar": False})
    if counts["count"].isna().any():
        st.caption(t("privacy.too_few_help", n=MIN_GROUP))


def competency_tiles(lg: str, as_of, department: str | None) -> None:
    head = report(competency.headline, as_of, department=department)
    if head.in_certified_jobs == 0 and head.reviewed == 0:
        return
    cols = section(t("overview.competency"), "views/competency.py", "overview.open_competency",
                   ":material/workspace_premium:")
    shown = iter(cols)  # the tiles there are, from the left
    if head.coverage is not None:
        next(shown).metric(t("overview.cert_coverage"), i18n.percent(head.coverage, lg, 0), **TILE,
                           delta=t("overview.cert_overdue", n=i18n.number(head.overdue, lg)), delta_arrow="off",
                           delta_color="off", help=t("overview.cert_coverage_help"))
    if head.average_gap is not None:
        next(shown).metric(t("overview.avg_gap"), f"{head.average_gap:+.1f}", **TILE,
                           delta=t("overview.reviewed", n=i18n.number(head.reviewed, lg)), delta_arrow="off",
                           delta_color="off", help=t("overview.avg_gap_help"))


def attrition_tiles(lg: str, as_of, department: str | None) -> None:
    # The watchlist's own shared report (its headline is attrition.headline): scored once for both pages.
    head = report(attrition.who_may_leave, as_of, shared=True, department=department).headline
    cols = section(t("overview.attrition"), "views/attrition.py", "overview.open_attrition", ":material/person_remove:")
    cols[0].metric(t("attrition.high_risk"), i18n.number(head.high_risk, lg), **TILE,
                   help=md("attrition.high_risk_help", threshold=head.threshold))
    cols[1].metric(t("attrition.key_at_risk"), i18n.number(head.key_at_risk, lg), **TILE)


def empty_state() -> None:
    st.info(t("overview.no_data"))
    st.caption(t("overview.import_hint"))
    # Never built here: whoever sees this page signed in, so the database has accounts, and the demo is never
    # built beside a company's accounts or data (hrcore.demo.load_demo).
    st.caption(t("overview.demo_hint"))
    st.code("python -m hrcore demo --db data/demo.duckdb", language="bash")


def _focus_department() -> None:
    st.session_state.focus_department = st.session_state.overview_department or None


def department_filter(container, ctx: Context, lg: str) -> str | None:
    """The department everything above the programmes is narrowed to (None: everyone the user sees), shared with
    the other pages as ``st.session_state.focus_department``."""
    departments = ctx.departments.set_index("department_id")
    focus = st.session_state.get("focus_department")
    st.session_state.overview_department = focus if focus in departments.index else EVERYONE

    everyone = t("overview.all_departments")  # worded now: the label is also asked for outside the page's run

    def label(department_id: str) -> str:
        if department_id == EVERYONE:
            return everyone
        row = departments.loc[department_id]
        return "\u2003" * int(row["depth"]) + i18n.name(row["name_en"], row["name_zh"], lg)

    chosen = container.selectbox(t("overview.department"), [EVERYONE, *departments.index], format_func=label,
                                 key="overview_department", on_change=_focus_department,
                                 help=t("overview.department_help"))
    return chosen or None


def month_filter(container, ctx: Context, lg: str):
    """The as-of month of the organisation's figures: the latest (the company's as-of date) or a month end."""
    return container.selectbox(t("overview.as_of_month"), ctx.months, format_func=lambda day: i18n.month(day, lg),
                               key="overview_as_of", help=t("overview.as_of_month_help"))


def tiles(o, lg: str) -> None:
    cols = st.columns(TILES)
    cols[0].metric(t("overview.headcount"), i18n.number(o.headcount, lg),
                   delta=f"{o.headcount - o.headcount_year_ago:+,}", help=t("overview.headcount_help"),
                   delta_description=t("overview.vs_year_ago"), **TILE)
    cols[1].metric(t("overview.hires"), i18n.number(o.hires_12m, lg), help=t("overview.hires_help"), **TILE)
    typed = o.voluntary_12m + o.involuntary_12m  # the share of exits whose type the data give
    exits = t("overview.exits_n", n=i18n.number(o.exits_12m, lg)) + (
        t("overview.exits_delta", share=i18n.percent(o.voluntary_12m / typed, lg, 0)) if typed else "")
    turnover = i18n.percent(o.turnover_12m, lg) if o.turnover_12m == o.turnover_12m else "–"
    cols[2].metric(t("overview.turnover"), turnover, delta=exits, delta_color="off", delta_arrow="off",
                   help=t("overview.turnover_help"), **TILE)
    if not sees_pay():
        cols[3].metric(t("overview.payroll"), "—", help=t("overview.pay_hidden"), **TILE)
    elif o.payroll_annual != o.payroll_annual:
        cols[3].metric(t("overview.payroll"), "—", help=t("overview.pay_small_group", n=MIN_GROUP), **TILE)
    else:
        cols[3].metric(t("overview.payroll"), money(o.payroll_annual, lg),
                       help=md("overview.payroll_help", base=money(o.base_pay_monthly, lg)), **TILE)


def trend_chart(o, lg: str) -> go.Figure:
    frame = o.trend
    # go.Scatter, not px.area: plotly express costs 0.4 s to import and draw on the first page a leader opens.
    fig = go.Figure(go.Scatter(x=frame["month_end"], y=frame["headcount"], mode="lines", fill="tozeroy",
                               line_color=FLOW_COLORS["hires"], fillcolor="rgba(31,111,139,0.12)",
                               customdata=[i18n.month(d, lg) for d in frame["month_end"]],
                               hovertemplate="%{customdata}<br>%{y:,}<extra></extra>"))
    fig.update_layout(height=340, xaxis_title=t("overview.month"), yaxis_title=t("overview.headcount"))
    low, high = frame["headcount"].min(), frame["headcount"].max()
    pad = max((high - low) * 0.15, 1)
    fig.update_yaxes(range=[max(low - pad, 0), high + pad], tickformat=",")
    fig.update_xaxes(tickformat="%Y-%m" if lg == "zh" else "%b %Y")
    return fig


def department_chart(o, lg: str) -> go.Figure:
    rows = department_rollup(o.by_department, lg, t("overview.unassigned"))
    hover = "%{label}<br>" + t("overview.headcount") + ": %{value:,}"  # everyone in it and under it
    customdata = None
    if sees_pay():  # the payroll of the department's own people, where they are enough not to be told apart
        customdata = [money(pay, lg) if pay == pay else t("privacy.too_few") for pay in rows["payroll"]]
        hover += "<br>" + t("overview.own_payroll") + ": %{customdata}"
    roots = rows["parent_id"] == ""
    # One root is the company (named in the caption): its disc is too small for a long name, which hovers instead.
    text = np.where(roots & (roots.sum() == 1), "", "%{label}")
    return go.Figure(go.Sunburst(
        ids=rows["department_id"], parents=rows["parent_id"], labels=rows["label"], customdata=customdata,
        values=rows["people"], branchvalues="total", maxdepth=2, insidetextorientation="horizontal",
        texttemplate=text, hovertemplate=hover + "<extra></extra>")).update_layout(height=340, margin=dict(t=10))


def flows_chart(o, lg: str) -> go.Figure:
    frame = o.flows
    labels = [i18n.month(d, lg) for d in frame["month"]]
    fig = go.Figure()
    fig.add_bar(x=frame["month"], y=frame["hires"], name=t("flow.hires"), marker_color=FLOW_COLORS["hires"],
                customdata=labels, hovertemplate="%{customdata}<br>%{y:,}<extra>%{fullData.name}</extra>")
    for kind in ("voluntary", "involuntary", "unspecified"):
        if frame[kind].any():
            fig.add_bar(x=frame["month"], y=-frame[kind], name=t(f"flow.{kind}"),
                        marker_color=FLOW_COLORS[kind], customdata=frame[kind],
                        hovertemplate="%{customdata:,}<extra>%{fullData.name}</extra>")
    fig.update_layout(height=320, barmode="relative", legend={"orientation": "h", "y": -0.2},
                      yaxis_title=t("overview.people"))
    fig.update_xaxes(tickformat="%Y-%m" if lg == "zh" else "%b %Y")
    return fig


def data_note(ctx: Context) -> None:
    held = ctx.data_held
    if held.all():
        return
    to_bring = ", ".join(t(f"table.{name}") for name in held.index[~held][:3])
    note, link = st.columns([4, 1], vertical_alignment="center")
    note.caption(t("ready.overview", held=int(held.sum()), total=len(held), next=to_bring))
    page_link(link, "views/data.py", label=t("ready.to_data"), icon=":material/upload_file:")


def board_pack_button(container, department: str | None, as_of, lg: str) -> None:
    """The board pack of what the page shows (the department and month chosen), made when it is clicked."""
    db = store()
    name = f"board-pack-{as_of:%Y-%m-%d}-{lg}.pdf"
    container.download_button(
        t("pack.download"), help=t("pack.download_help"), icon=":material/picture_as_pdf:", file_name=name,
        mime="application/pdf", on_click="ignore", width="stretch", key="overview_board_pack",
        # It holds payroll and pay by grade: recorded in the audit trail like any download of pay.
        data=still_allowed(lambda: downloads.recorded(db, boardpack.board_pack(db.within(department), lg, as_of),
                                                      "employees", name, 1)))


lg = lang()
st.title(t("page.overview"))
ctx = report(context)
if ctx.employees == 0:
    empty_state()
    st.stop()

department_column, month_column, _, pack_column = st.columns([2, 1, 0.6, 1.4], vertical_alignment="bottom")
department = department_filter(department_column, ctx, lg)
as_of = month_filter(month_column, ctx, lg)
board_pack_button(pack_column, department, as_of, lg)
o = report(organisation, as_of, department=department).figures
company = i18n.name(ctx.company_en, ctx.company_zh, lg)
st.caption(" · ".join(filter(None, [plain(company), md("overview.caption", as_of=i18n.day(o.as_of, lg),
                                                        currency=i18n.currency_name(currency(), lg))])))
tiles(o, lg)
data_note(ctx)

left, right = st.columns([3, 2])
with left:
    st.subheader(t("overview.trend"))
    plotly_chart(st, trend_chart(o, lg), width="stretch", key="overview_trend")
with right:
    st.subheader(t("overview.by_department"))
    if len(o.by_department) > 1:
        plotly_chart(st, department_chart(o, lg), width="stretch", key="overview_departments")
    else:  # a department with none under it: a disc of one would say nothing
        st.caption(t("overview.no_departments_under"))

st.subheader(md("overview.flows", month=i18n.month(o.as_of, lg)))
plotly_chart(st, flows_chart(o, lg), width="stretch", key="overview_flows")
if o.undated_leavers:
    st.caption(md("overview.undated_leavers", n=i18n.number(o.undated_leavers, lg)))

# The programmes after the organisation: where pay design, performance and talent review stand, on the company's
# as-of date, for the department chosen above; each tile is its page's headline, so the two agree.
st.divider()
pay_design_tiles(lg, department)
performance_tiles(lg, department)
talent_tile(lg, department)
competency_tiles(lg, ctx.as_of, department)
attrition_tiles(lg, ctx.as_of, department)
