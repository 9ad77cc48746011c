"""Salary structure designer: market position and lead/lag sliders, the curve, the people and the cost."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import downloads, i18n
from hrcore import pay
from hrcore.store import ConflictError
from views._common import (bring, currency, lang, market_check, md, money, page_header, page_tabs, plotly_chart,
                           shared_frames, still_allowed, store, t, version, your_name)

ACCENT, TOTAL, GREEN, RED, MUTED = "#1F6F8B", "#8D5A97", "#2E8B57", "#C0392B", "#B0B8BF"
MARKET_COLORS = {25: "#D5DBDF", 50: "#9AA5AD", 75: "#6C7A84", 90: "#3F4A52"}
MANY_PEOPLE = 3000  # above this, the range chart shows each grade's pay percentiles instead of every person

# Settings ⇄ widget keys ⇄ short URL names: the URL carries the design, so a link shares it.
FIELDS = {
    "position_low": ("pay_pos_lo", "pos_lo", float), "position_high": ("pay_pos_hi", "pos_hi", float),
    "market_growth": ("pay_growth", "g", float), "policy": ("pay_policy", "pol", str),
    "manual_lead": ("pay_lead", "lead", float), "plan_months": ("pay_plan", "plan", int),
    "effective_date": ("pay_effective", "eff", str), "curve": ("pay_curve", "curve", str),
    "progression_low": ("pay_pr_lo", "pr_lo", float), "progression_high": ("pay_pr_hi", "pr_hi", float),
    "spread_low": ("pay_sp_lo", "sp_lo", float), "spread_high": ("pay_sp_hi", "sp_hi", float),
    "grades": ("pay_grades", "grades", int), "band_method": ("pay_bands", "bands", str),
    "exclude_outliers": ("pay_excl", "excl", lambda v: str(v).lower() in ("1", "true")),
    "raise_rate": ("pay_raise", "raise", float), "bonus_factors": ("pay_factors", "bf", str),
}
PERCENT_FIELDS = {"market_growth", "manual_lead", "progression_low", "progression_high", "spread_low", "spread_high",
                  "raise_rate"}
# What each control takes (percent fields in percent): a link's value outside this, NaN or infinite, would stop
# the page (a slider refuses it), so the default is used instead, with a notice.
LIMITS = {"position_low": (10, 90), "position_high": (10, 90), "market_growth": (0.0, 15.0), "manual_lead": (0.0, 30.0),
          "plan_months": (1, 36), "progression_low": (1.0, 40.0), "progression_high": (1.0, 40.0),
          "spread_low": (10.0, 150.0), "spread_high": (10.0, 150.0), "grades": (2, 30), "raise_rate": (0.0, 20.0)}
CHOICES = {"policy": pay.POLICIES, "curve": pay.CURVES, "band_method": ("equal", "geometric")}


def from_link(name: str, text: str):
    """The control's value for a link's ``text`` (percent fields in percent), or None when the control cannot
    take it.

    >>> from_link("position_low", "75"), from_link("market_growth", "0.03"), from_link("position_low", "nan")
    (75.0, 3.0, None)
    >>> from_link("market_growth", "1e308"), from_link("grades", "1e309"), from_link("policy", "lead")
    (None, None, 'lead')
    >>> from_link("bonus_factors", "A=2,B=1"), from_link("bonus_factors", "A=lots"), from_link("raise_rate", "0.04")
    ('A=2,B=1', None, 4.0)
    """
    kind = FIELDS[name][2]
    try:
        value = kind(text)
    except (ValueError, OverflowError):
        return None
    if name in CHOICES:
        return value if value in CHOICES[name] else None
    if name == "bonus_factors":
        try:
            return pay.factors_text(pay.bonus_factors(value))
        except ValueError:
            return None
    if name in LIMITS:
        shown = float(value) * 100 if name in PERCENT_FIELDS else float(value)
        low, high = LIMITS[name]
        return (round(shown, 2) if name in PERCENT_FIELDS else value) if low <= shown <= high else None
    return value


@st.cache_data(show_spinner=False, max_entries=4)
def inputs(db_path: str, data_version: int) -> pay.Inputs | None:
    return pay.load_inputs(store(), pay.market_outliers(market_check(db_path, data_version)))


@shared_frames(max_entries=4)
def designed(db_path: str, data_version: int, settings_json: str):
    """Structure, placement and payroll of one design; keyed on the settings, so a slider moved back is instant.

    Shared, not copied (a placement of 100,000 people takes longer to copy than the page to draw); read-only.
    The last four designs (a few analysts at once), within the budget of shared frames: each holds everyone's
    placement, 95 MB at a million people, and a new one takes 0.3 s there.
    """
    data = inputs(db_path, data_version)
    settings = pay.Settings.from_dict(json.loads(settings_json))
    structure = pay.design(data, settings)
    placement = pay.place_people(structure, data.employees)
    return structure, placement, pay.payroll(placement, settings.approved_total)


@st.cache_data(show_spinner=False, max_entries=16)
def lever_table(db_path: str, data_version: int, settings_json: str, approved: float) -> pd.DataFrame:
    _, placement, payroll = designed(db_path, data_version, settings_json)
    return pay.levers(inputs(db_path, data_version), pay.Settings.from_dict(json.loads(settings_json)), approved,
                      placement, payroll)


@shared_frames(max_entries=2)
def stored(db_path: str, data_version: int, structure_id: str):
    data = inputs(db_path, data_version)
    structure = pay.stored_structure(store(), structure_id, data)
    placement = pay.place_people(structure, data.employees)
    return structure, placement, pay.payroll(placement)


# ---------------------------------------------------------------------------
# Controls
# ---------------------------------------------------------------------------

def from_url(defaults: pay.Settings) -> None:
    """On a session's first run, take the design from the URL (shared link), else the defaults."""
    if st.session_state.get("pay_ready"):
        return
    asked = st.query_params
    refused = []
    for name, (key, short, kind) in FIELDS.items():
        value = getattr(defaults, name)
        if name in PERCENT_FIELDS and value is not None:
            value = round(float(value) * 100, 2)
        if short in asked:
            taken = from_link(name, asked[short])
            if taken is None:
                refused.append(f"{short}={asked[short][:40]}")
            else:
                value = taken
        st.session_state[key] = value
    if refused:
        st.warning(md("pay.link_refused", values=", ".join(refused)), icon=":material/link_off:")
    st.session_state.pay_split = st.session_state.pay_pos_lo != st.session_state.pay_pos_hi
    st.session_state.pay_ready = True


def to_url(settings: pay.Settings, defaults: pay.Settings) -> None:
    for name, (_, short, _) in FIELDS.items():
        value = getattr(settings, name)
        if value != getattr(defaults, name) and value is not None:
            st.query_params[short] = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        elif short in st.query_params:
            del st.query_params[short]


def controls(data: pay.Inputs, lg: str) -> pay.Settings:
    saved_grades = len(data.bands) or 12
    defaults = pay.Settings(grades=saved_grades, band_method=data.band_method,
                            effective_date=pay.effective_date(pay.Settings(), data.as_of).isoformat())
    from_url(defaults)
    box = st.container(border=True)
    one, two, three, four = box.columns(4, gap="medium")
    with one:
        st.markdown(f"**{t('pay.position')}**", help=t("pay.position_help"))
        split = st.toggle(t("pay.position_split"), key="pay_split")
        if split:
            st.slider(t("pay.position_low"), 10, 90, key="pay_pos_lo", format="P%d")
            st.slider(t("pay.position_high"), 10, 90, key="pay_pos_hi", format="P%d")
        else:
            st.slider(t("pay.position_all"), 10, 90, key="pay_pos_lo", format="P%d")
            st.session_state.pay_pos_hi = st.session_state.pay_pos_lo
    with two:
        st.markdown(f"**{t('pay.leadlag')}**", help=t("pay.leadlag_help"))
        st.radio(t("pay.policy"), pay.POLICIES, key="pay_policy", horizontal=True,
                 format_func=lambda p, lg=lg: i18n.t(f"pay.policy.{p}", lg), help=t("pay.policy_help"))
        st.slider(t("pay.growth"), 0.0, 15.0, key="pay_growth", step=0.5, format="%.1f%%",
                  help=t("pay.growth_help"))
        st.number_input(t("pay.lead"), 0.0, 30.0, key="pay_lead", step=0.5, format="%.1f",
                        help=t("pay.lead_help"))
        a, b = st.columns(2)
        a.text_input(t("pay.effective"), key="pay_effective", help=t("pay.effective_help"))
        b.number_input(t("pay.plan"), 1, 36, key="pay_plan", help=t("pay.plan_help"))
    with three:
        st.markdown(f"**{t('pay.curve_title')}**", help=t("pay.curve_help"))
        st.radio(t("pay.curve"), pay.CURVES, key="pay_curve", horizontal=True,
                 format_func=lambda c, lg=lg: i18n.t(f"pay.curve.{c}", lg))
        # The smoothed curve shares its rise out in the proportions of the progression; the raw one has none.
        raw_curve = st.session_state.pay_curve == "raw"
        st.slider(t("pay.progression_low"), 1.0, 40.0, key="pay_pr_lo", step=0.5, format="%.1f%%",
                  disabled=raw_curve)
        st.slider(t("pay.progression_high"), 1.0, 40.0, key="pay_pr_hi", step=0.5, format="%.1f%%",
                  disabled=raw_curve)
    with four:
        st.markdown(f"**{t('pay.ranges')}**", help=t("pay.ranges_help"))
        st.slider(t("pay.spread_low"), 10.0, 150.0, key="pay_sp_lo", step=5.0, format="%.0f%%")
        st.slider(t("pay.spread_high"), 10.0, 150.0, key="pay_sp_hi", step=5.0, format="%.0f%%")
        a, b = st.columns([1, 1.4])
        a.number_input(t("pay.grades"), 2, 30, key="pay_grades", help=t("pay.grades_help"))
        b.selectbox(t("pay.bands"), ["equal", "geometric"], key="pay_bands",
                    format_func=lambda m, lg=lg: i18n.t(f"eval.method.{m}", lg))
        st.checkbox(t("pay.exclude_outliers"), key="pay_excl",
                    help=md("pay.exclude_outliers_help", jobs=", ".join(data.outliers) or "—"))
    bonus_controls(lg)
    values = {}
    for name, (key, _, kind) in FIELDS.items():
        value = kind(st.session_state[key])
        values[name] = round(value / 100, 6) if name in PERCENT_FIELDS else value
    try:
        pd.Timestamp(values["effective_date"])
    except ValueError:
        box.error(md("pay.bad_date", value=values["effective_date"]))
        values["effective_date"] = defaults.effective_date
    settings = pay.Settings(**values, approved_total=st.session_state.get("pay_approved"))
    to_url(settings, defaults)
    return settings


def bonus_controls(lg: str) -> None:
    """The annual raise rate and the performance factor of each KPI rating (seed 002 step 14, 绩效工资)."""
    with st.expander(t("pay.bonus_controls"), icon=":material/military_tech:"):
        left, right = st.columns([1, 2], gap="medium")
        left.number_input(t("pay.raise_rate"), 0.0, 20.0, key="pay_raise", step=0.5, format="%.1f",
                          help=t("pay.raise_rate_help"))
        factors = pay.bonus_factors(st.session_state.pay_factors)
        table = pd.DataFrame({"rating": list(factors), "factor": list(factors.values())})
        with right:
            st.markdown(f"**{t('pay.factor_table')}**", help=t("pay.factor_table_help"))
            edited = st.data_editor(table, key=f"pay_factor_editor_{st.session_state.pay_factors}", hide_index=True,
                                    num_rows="dynamic", width="stretch", column_config={
                                        "rating": st.column_config.TextColumn(t("pay.rating"), required=True),
                                        "factor": st.column_config.NumberColumn(t("pay.factor"), min_value=0.0,
                                                                                max_value=10.0, step=0.1,
                                                                                required=True)})
        rows = edited.dropna()
        ratings = rows["rating"].astype(str).str.strip().str.replace(r"[=,]", "", regex=True)
        given = dict(zip(ratings[ratings != ""], rows.loc[ratings != "", "factor"].astype(float)))
        try:
            st.session_state.pay_factors = pay.factors_text(pay.bonus_factors(pay.factors_text(given)))
        except ValueError:
            pass  # the editor's limits keep factors within 0-10; anything else keeps the table as it was


# ---------------------------------------------------------------------------
# Structure
# ---------------------------------------------------------------------------

def factor_line(structure: pay.Structure, lg: str) -> str:
    s = structure.settings
    parts = [t("pay.factor_line", factor=f"{structure.factor:.4f}", months=i18n.number(structure.aging_months, lg, 1),
               policy=t(f"pay.policy.{s.policy}"),
               policy_factor=f"{pay.policy_factor(s.market_growth, s.policy, s.plan_months):.4f}")]
    if structure.lead_months is not None:
        parts.append(t("pay.lead_lasts", lead=i18n.percent(s.manual_lead, lg), months=i18n.number(
            structure.lead_months, lg, 1)))
    return " ".join(parts)


def warnings(structure: pay.Structure, lg: str) -> None:
    for code, values in structure.warnings:
        shown = {k: (i18n.percent(v, lg) if isinstance(v, float) else v) for k, v in values.items()}
        st.warning(md(f"pay.warn.{code}", **shown))


def structure_table(structure: pay.Structure, lg: str) -> None:
    g = structure.grades
    table = pd.DataFrame({
        "grade": g["grade"],
        "points": [f"{a:,.0f}–{b:,.0f}" for a, b in zip(g["points_min"], g["points_max"])],
        "position": [f"P{p:.0f}" for p in g["position"]],
        "fixed_min": g["fixed_min"].round(0), "fixed_mid": g["fixed_mid"].round(0), "fixed_max": g["fixed_max"].round(0),
        "progression": ["—" if np.isnan(p) else i18n.percent(p, lg) for p in g["progression"]],
        "spread": g["spread"] * 100,
        "overlap": [("—" if np.isnan(o) else (i18n.percent(o, lg, 0) if o > 0 else t("pay.gap_of",
                                                                                      gap=i18n.percent(p, lg, 1))))
                    for o, p in zip(g["overlap"], g["gap"])],
        "total_min": g["total_min"].round(0), "total_mid": g["total_mid"].round(0), "total_max": g["total_max"].round(0),
        "target_bonus": g["target_bonus"].round(0), "jobs": g["jobs"],
    })
    code = currency()

    def money_column(label: str, **kwargs):
        return st.column_config.NumberColumn(f"{label} ({code})", **kwargs)
    st.dataframe(table, hide_index=True, width="stretch", height=38 + 35 * len(table), column_config={
        "grade": st.column_config.NumberColumn(t("eval.grade"), width="small"),
        "points": t("eval.band"), "position": t("pay.col.position"),
        "fixed_min": money_column(t("pay.col.fixed_min"), format="localized"),
        "fixed_mid": money_column(t("pay.col.fixed_mid"), format="localized"),
        "fixed_max": money_column(t("pay.col.fixed_max"), format="localized"),
        "progression": st.column_config.TextColumn(t("pay.col.progression"), help=t("pay.col.progression_help")),
        "spread": st.column_config.NumberColumn(t("pay.col.spread"), format="%.0f%%", help=t("pay.col.spread_help")),
        "overlap": st.column_config.TextColumn(t("pay.col.overlap"), help=t("pay.col.overlap_help")),
        "total_min": money_column(t("pay.col.total_min"), format="localized"),
        "total_mid": money_column(t("pay.col.total_mid"), format="localized"),
        "total_max": money_column(t("pay.col.total_max"), format="localized"),
        "target_bonus": money_column(t("pay.col.target_bonus"), format="localized",
                                     help=t("pay.col.target_bonus_help")),
        "jobs": st.column_config.NumberColumn(t("eval.jobs"), format="%d")})


def curve_chart(structure: pay.Structure, lg: str) -> go.Figure:
    g = structure.grades
    fig = go.Figure()
    fig.add_scatter(x=g["grade"], y=g["fixed_max"], mode="lines", line=dict(width=0), showlegend=False,
                    hoverinfo="skip")
    fig.add_scatter(x=g["grade"], y=g["fixed_min"], mode="lines", line=dict(width=0), fill="tonexty",
                    fillcolor="rgba(31,111,139,0.12)", name=t("pay.range"), hoverinfo="skip")
    for pct in (25, 50, 75, 90):
        column = f"market_p{pct}"
        if g[column].notna().any():
            fig.add_scatter(x=g["grade"], y=g[column], mode="lines", name=t("pay.market_line", pct=pct),
                            line=dict(color=MARKET_COLORS[pct], dash="dot", width=1.5),
                            hovertemplate=f"P{pct}: %{{y:,.0f}}<extra></extra>")
    fig.add_scatter(x=g["grade"], y=g["raw_mid"], mode="markers", name=t("pay.raw_mid"),
                    marker=dict(color=MUTED, size=7, symbol="circle-open"),
                    hovertemplate="%{y:,.0f}<extra></extra>")
    fig.add_scatter(x=g["grade"], y=g["total_mid"], mode="lines", name=t("pay.total_curve"),
                    line=dict(color=TOTAL, width=2, dash="dash"), hovertemplate="%{y:,.0f}<extra></extra>")
    fig.add_scatter(x=g["grade"], y=g["fixed_mid"], mode="lines+markers", name=t("pay.company_curve"),
                    line=dict(color=ACCENT, width=4), marker=dict(size=7),
                    hovertemplate="%{y:,.0f}<extra></extra>")
    fig.update_layout(height=470, margin=dict(l=10, r=10, t=10, b=10),
                      legend=dict(orientation="h", y=-0.18, x=0, entrywidth=150, font=dict(size=11)),
                      hovermode="x unified", xaxis_title=t("eval.grade"),
                      yaxis_title=t("pay.monthly", currency=currency()))
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(tickformat=",")
    return fig


def range_chart(structure: pay.Structure, placement: pay.Placement, lg: str) -> go.Figure:
    g = structure.grades
    people = placement.people
    fig = go.Figure()
    fig.add_bar(x=g["grade"], y=g["fixed_max"] - g["fixed_min"], base=g["fixed_min"], name=t("pay.range"),
                marker_color="rgba(31,111,139,0.18)", marker_line_color=ACCENT, marker_line_width=1, width=0.6,
                hovertemplate="%{base:,.0f} – %{y:,.0f}<extra></extra>")
    fig.add_scatter(x=g["grade"], y=g["fixed_mid"], mode="markers", name=t("pay.col.fixed_mid"),
                    marker=dict(symbol="line-ew", size=26, line=dict(width=3, color=ACCENT)), hoverinfo="skip")
    if len(people) <= MANY_PEOPLE:
        rng = np.random.default_rng(0)
        jitter = people["grade"] + rng.uniform(-0.22, 0.22, len(people))
        color = np.where(people["below_min"], GREEN, np.where(people["above_max"], RED, "#4A5560"))
        fig.add_scattergl(x=jitter, y=people["base_pay"], mode="markers", name=t("pay.people"),
                          marker=dict(size=5, color=color, opacity=0.6),
                          hovertemplate="%{y:,.0f}<extra></extra>")
    else:
        quantiles = people.groupby("grade")["base_pay"].quantile([0.1, 0.5, 0.9]).unstack()
        for q, symbol, label in ((0.1, "triangle-up", "P10"), (0.5, "diamond", "P50"), (0.9, "triangle-down", "P90")):
            fig.add_scatter(x=quantiles.index, y=quantiles[q], mode="markers", name=t("pay.people_pct", pct=label),
                            marker=dict(symbol=symbol, size=10, color="#4A5560"),
                            hovertemplate="%{y:,.0f}<extra></extra>")
    fig.update_layout(height=470, margin=dict(l=10, r=10, t=10, b=10), legend=dict(orientation="h", y=-0.18, x=0),
                      xaxis_title=t("eval.grade"), yaxis_title=t("pay.monthly", currency=currency()),
                      barmode="overlay")
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(tickformat=",")
    return fig


def histogram(values: pd.Series, edges: np.ndarray, marks: tuple, label: str, fmt: str) -> go.Figure:
    counts, edges = np.histogram(values.clip(edges[0], edges[-1]), bins=edges)
    centres = (edges[:-1] + edges[1:]) / 2
    colors = np.where(centres < marks[0], GREEN, np.where(centres > marks[1], RED, ACCENT))
    fig = go.Figure(go.Bar(x=centres, y=counts, width=np.diff(edges) * 0.92, marker_color=colors,
                           hovertemplate=f"%{{x:{fmt}}}: %{{y:,}}<extra></extra>"))
    # Shapes in the layout, not add_vline: that costs 10 ms a line in plotly's bookkeeping.
    fig.update_layout(height=300, margin=dict(l=10, r=10, t=10, b=10), xaxis_title=label,
                      yaxis_title=t("overview.people"), bargap=0,
                      shapes=[dict(type="line", x0=mark, x1=mark, y0=0, y1=1, yref="paper",
                                   line=dict(dash="dot", color=MUTED)) for mark in marks])
    fig.update_xaxes(tickformat=fmt)
    return fig


# ---------------------------------------------------------------------------
# Tabs
# ---------------------------------------------------------------------------

def structure_tab(structure: pay.Structure, placement: pay.Placement, lg: str) -> None:
    st.caption(factor_line(structure, lg))
    warnings(structure, lg)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('pay.curve_chart')}**")
        plotly_chart(st, curve_chart(structure, lg), key="pay_curve_chart", config={"displayModeBar": False})
    with right:
        st.markdown(f"**{t('pay.range_chart')}**")
        plotly_chart(st, range_chart(structure, placement, lg), key="pay_range_chart",
                        config={"displayModeBar": False})
    structure_table(structure, lg)


def people_tab(data: pay.Inputs, placement: pay.Placement, lg: str) -> None:
    people = placement.people
    if people.empty:
        st.info(t("pay.no_people"))
        return
    tiles = st.columns(4)
    tiles[0].metric(t("pay.below_min"), i18n.percent(placement.below_share, lg),
                    delta=t("pay.people_n", n=i18n.number(people["below_min"].sum(), lg)), delta_arrow="off",
                    delta_color="off", border=True, help=t("pay.below_min_help"))
    tiles[1].metric(t("pay.cost_to_min"), money(12 * placement.cost_to_min, lg), border=True,
                    help=t("pay.cost_to_min_help"))
    tiles[2].metric(t("pay.above_max"), i18n.percent(placement.above_share, lg),
                    delta=t("pay.people_n", n=i18n.number(people["above_max"].sum(), lg)), delta_arrow="off",
                    delta_color="off", border=True, help=t("pay.above_max_help"))
    tiles[3].metric(t("pay.average_cr"), f"{people['compa_ratio'].mean():.2f}", border=True,
                    help=t("pay.average_cr_help"))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('pay.cr_distribution')}**")
        plotly_chart(st, histogram(people["compa_ratio"], np.linspace(0.5, 1.5, 41), (0.8, 1.2),
                                  t("pay.compa_ratio"), ".2f"), key="pay_cr_chart", config={"displayModeBar": False})
    with right:
        st.markdown(f"**{t('pay.penetration_distribution')}**")
        plotly_chart(st, histogram(people["penetration"], np.linspace(-0.5, 1.5, 41), (0.0, 1.0),
                                  t("pay.penetration"), ".0%"), key="pay_pen_chart",
                        config={"displayModeBar": False})
    label = dict(zip(data.departments["department_id"],
                     i18n.names(data.departments["name_en"], data.departments["name_zh"], lg)))
    by_department = people.groupby("department_id", dropna=False).agg(
        headcount=("employee_id", "size"), below=("below_min", "sum"), to_min=("to_min", "sum"),
        above=("above_max", "sum"), cr=("compa_ratio", "mean"), bonus=("bonus", "sum")).reset_index()
    by_department["department"] = by_department["department_id"].map(label).fillna(t("overview.unassigned"))
    by_department["to_min"] = (12 * by_department["to_min"]).round(0)
    by_department["bonus"] = (12 * by_department["bonus"]).round(0)
    st.markdown(f"**{t('pay.by_department')}**")
    st.dataframe(by_department.sort_values("to_min", ascending=False)[
        ["department", "headcount", "below", "to_min", "above", "cr", "bonus"]], hide_index=True, width="stretch",
        column_config={"department": t("overview.department"), "headcount": t("pay.headcount"),
                       "below": t("pay.green_circled"), "to_min": st.column_config.NumberColumn(
                           t("pay.cost_to_min"), format="localized"),
                       "above": t("pay.red_circled"), "cr": st.column_config.NumberColumn(t("pay.average_cr"),
                                                                                        format="%.2f"),
                       "bonus": st.column_config.NumberColumn(f"{t('pay.bonus_annual')} ({currency()})",
                                                              format="localized", help=t("pay.bonus_annual_help"))})
    outside = people[people["below_min"] | people["above_max"]].sort_values("compa_ratio")

    def labelled(rows: pd.DataFrame) -> pd.DataFrame:
        rows = rows.assign(department=rows["department_id"].map(label),
                           where=np.where(rows["below_min"], t("pay.green_circled"), t("pay.red_circled")))
        return rows[["employee_id", "department", "grade", "base_pay", "fixed_min", "fixed_max", "compa_ratio",
                     "where"]].round({"fixed_min": 0, "fixed_max": 0, "compa_ratio": 2})

    if len(outside):
        with st.expander(md("pay.outside_list", n=i18n.number(len(outside), lg))):
            st.dataframe(labelled(outside.head(500)), hide_index=True, width="stretch", column_config={
                "employee_id": t("pay.employee"), "department": t("overview.department"), "grade": t("eval.grade"),
                "base_pay": st.column_config.NumberColumn(t("pay.base_pay"), format="localized"),
                "fixed_min": st.column_config.NumberColumn(t("pay.col.fixed_min"), format="localized"),
                "fixed_max": st.column_config.NumberColumn(t("pay.col.fixed_max"), format="localized"),
                "compa_ratio": t("pay.compa_ratio"), "where": t("pay.where")})
            # Written when asked for: tens of thousands of rows at scale.
            db = store()
            st.download_button(t("pay.download_outside"), still_allowed(lambda: downloads.file(
                labelled(outside), "csv", store=db, table="employees", name="outside_range.csv")),
                file_name="outside_range.csv", mime=downloads.CSV_MIME)


def cost_tab(db, data: pay.Inputs, settings: pay.Settings, structure: pay.Structure, placement: pay.Placement,
             cost: pay.Payroll, settings_json: str, lg: str, shown: bool) -> None:
    if "pay_approved" not in st.session_state:
        # The board's approved total when the structure in force records one, else today's payroll + 3 %.
        st.session_state.pay_approved = pay.approved_total(db) or float(round(cost.current * 1.03, -4))
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    left.number_input(t("pay.approved_total"), 0.0, step=100_000.0, key="pay_approved", format="%.0f",
                      help=t("pay.approved_total_help"))
    if shown:
        lever_tiles(settings_json, cost, lg)
        bonus_tables(data, settings, placement, cost, lg)
    budget_plan(data, structure, placement, lg, shown)


def bonus_tables(data: pay.Inputs, settings: pay.Settings, placement: pay.Placement, cost: pay.Payroll,
                 lg: str) -> None:
    """The performance-linked bonus (绩效工资) by latest KPI rating and by department, in the totals above."""
    st.markdown(f"**{t('pay.bonus_by_rating')}**")
    st.caption(t("pay.bonus_by_rating_help"))
    table = pay.bonus_by_rating(placement, pay.bonus_factors(settings.bonus_factors))
    table["rating"] = table["rating"].fillna(t("pay.no_rating"))
    code = currency()
    a, b = st.columns([3, 2], gap="medium")
    a.dataframe(table.round({"target": 0, "bonus": 0}), hide_index=True, width="stretch", column_config={
        "rating": t("pay.rating"), "factor": st.column_config.NumberColumn(t("pay.factor"), format="%.2f"),
        "headcount": t("pay.headcount"),
        "target": st.column_config.NumberColumn(f"{t('pay.target_annual')} ({code})", format="localized"),
        "bonus": st.column_config.NumberColumn(f"{t('pay.bonus_annual')} ({code})", format="localized")})
    difference = table["bonus"].sum() - table["target"].sum()
    b.metric(t("pay.bonus_total"), money(table["bonus"].sum(), lg), border=True,
             delta=t("pay.vs_target", amount=money(abs(difference), lg), sign="+" if difference > 0 else
                     ("−" if difference < 0 else "")),
             delta_color="off", delta_arrow="off",
             help=t("pay.bonus_total_help"))
    label = dict(zip(data.departments["department_id"],
                     i18n.names(data.departments["name_en"], data.departments["name_zh"], lg)))
    by_department = cost.by_department.assign(
        department=cost.by_department["department_id"].map(label).fillna(t("overview.unassigned")))
    with st.expander(t("pay.bonus_by_department")):
        st.dataframe(by_department[["department", "headcount", "bonus", "structure"]].round(0), hide_index=True,
                     width="stretch", column_config={
                         "department": t("overview.department"), "headcount": t("pay.headcount"),
                         "bonus": st.column_config.NumberColumn(f"{t('pay.bonus_annual')} ({code})",
                                                                format="localized"),
                         "structure": st.column_config.NumberColumn(f"{t('pay.structure_cost')} ({code})",
                                                                    format="localized")})


def lever_tiles(settings_json: str, cost: pay.Payroll, lg: str) -> None:
    """The structure's cost against the approved total, and what each lever of seed 002 would do to the gap."""
    approved = float(st.session_state.pay_approved)
    gap_value = cost.structure - approved
    tiles = st.columns(4)
    tiles[0].metric(t("pay.current_payroll"), money(cost.current, lg), border=True,
                    help=t("pay.current_payroll_help"))
    tiles[1].metric(t("pay.structure_cost"), money(cost.structure, lg), border=True,
                    delta=i18n.percent(cost.structure / cost.current - 1, lg) if cost.current else None,
                    delta_color="inverse", help=t("pay.structure_cost_help"))
    tiles[2].metric(t("pay.approved"), money(approved, lg), border=True)
    tiles[3].metric(t("pay.gap"), money(gap_value, lg), border=True,
                    delta=t("pay.over") if gap_value > 0 else t("pay.within"), delta_arrow="off",
                    delta_color="inverse" if gap_value > 0 else "normal")
    st.markdown(f"**{t('pay.levers')}**")
    st.caption(t("pay.levers_help"))
    levers = lever_table(*version(), settings_json, approved)
    levers = levers[(levers["lever"] != "headcount") | (levers["value"] > 0)].copy()
    levers["what"] = [t(f"pay.lever.{k}", n=(i18n.percent(v, lg) if k == "raise_halved" else i18n.number(v, lg))
                        if v == v and v is not None else "")
                      for k, v in zip(levers["lever"], levers["value"])]
    levers["change"] = levers["structure"] - cost.structure
    st.dataframe(levers[["what", "structure", "change", "gap"]].round(0), hide_index=True, width="stretch",
                 column_config={"what": t("pay.lever"),
                                "structure": st.column_config.NumberColumn(t("pay.structure_cost"), format="localized"),
                                "change": st.column_config.NumberColumn(t("pay.change"), format="localized"),
                                "gap": st.column_config.NumberColumn(t("pay.gap"), format="localized")})


def budget_plan(data: pay.Inputs, structure: pay.Structure, placement: pay.Placement, lg: str, shown: bool) -> None:
    """Next year's headcount by department (an input, kept while another tab is open) and its budget."""
    st.markdown(f"**{t('pay.budget')}**")
    st.caption(t("pay.budget_help"))
    current = placement.people.groupby("department_id").size()
    plan = pd.DataFrame({"department_id": current.index, "planned": current.to_numpy()})
    plan["department"] = plan["department_id"].map(dict(zip(
        data.departments["department_id"], i18n.names(data.departments["name_en"], data.departments["name_zh"], lg)))
    ).fillna(plan["department_id"])
    growth = st.slider(t("pay.headcount_growth"), -20.0, 30.0, 0.0, 1.0, format="%+.0f%%", key="pay_hc_growth")
    plan["planned"] = np.round(plan["planned"] * (1 + growth / 100)).astype(int)
    edited = st.data_editor(plan[["department", "planned"]], key=f"pay_plan_editor_{growth}", hide_index=True,
                            width="stretch", disabled=["department"],
                            column_config={"department": t("overview.department"),
                                           "planned": st.column_config.NumberColumn(t("pay.planned"), min_value=0,
                                                                                    step=1)})
    if not shown:
        return
    plan["planned"] = edited["planned"].to_numpy()
    result = pay.budget(placement, structure, plan[["department_id", "planned"]])
    result["department"] = plan["department"].to_numpy()
    st.metric(t("pay.budget_total"), money(result["budget"].sum(), lg))
    st.dataframe(result[["department", "current", "planned", "cost_per_head", "budget"]].round(0), hide_index=True,
                 width="stretch",
                 column_config={"department": t("overview.department"), "current": t("pay.headcount"),
                                "planned": t("pay.planned"),
                                "cost_per_head": st.column_config.NumberColumn(t("pay.cost_per_head"),
                                                                               format="localized"),
                                "budget": st.column_config.NumberColumn(t("pay.budget_col"), format="localized")})


def scenarios_tab(db, data: pay.Inputs, structure: pay.Structure, placement: pay.Placement, cost: pay.Payroll,
                  lg: str, shown: bool) -> None:
    a, b, c = st.columns([2, 2, 1], vertical_alignment="bottom")
    user = your_name(a, "pay_user")
    name = b.text_input(t("pay.scenario_name"), key="pay_scenario_name")
    if c.button(t("pay.save_scenario"), type="primary", disabled=not name.strip() or not user, width="stretch"):
        try:
            saved = pay.save_scenario(db, name, structure, user)
            st.session_state.pay_notice = md("pay.saved", name=name.strip(), id=saved)
            st.rerun()
        except ValueError as exc:
            st.error(str(exc))
    if not user:
        st.caption(t("pay.name_needed"))
    file_name = f"salary_structure_{(name.strip() or 'draft').replace(' ', '_')}.xlsx"
    unsaved = t("pay.unsaved")  # the deferred writer runs outside the page, where the language is unknown
    company_currency = currency()

    def workbook() -> bytes:
        sheets = pay.scenario_sheets(name.strip() or unsaved, structure, placement, cost, data.departments, lg,
                                     company_currency)
        return downloads.file(sheets, "xlsx", store=db, table="pay_structures", name=file_name)

    st.download_button(t("pay.export"), data=still_allowed(workbook), file_name=file_name, mime=downloads.XLSX_MIME)

    saved = pay.scenarios(db)
    if saved.empty:
        return
    table = saved[["structure_id", "name", "status", "created_by", "created_at", "approved_by", "approved_at"]].copy()
    table["status"] = table["status"].map(lambda s: t(f"pay.status.{s}"))
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "structure_id": "id", "name": t("pay.scenario_name"), "status": t("pay.status"),
        "created_by": t("pay.created_by"), "created_at": st.column_config.DatetimeColumn(t("pay.created_at")),
        "approved_by": t("pay.approved_by"), "approved_at": st.column_config.DatetimeColumn(t("pay.approved_at"))})
    labels = dict(zip(saved["structure_id"], saved["name"]))
    drafts = saved.loc[saved["status"] == "draft", "structure_id"].tolist()
    if drafts:
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        chosen = a.selectbox(t("pay.to_approve"), drafts, format_func=labels.get, key="pay_to_approve")
        # The structure in force when this user first looked: an approval by someone else since is a conflict.
        in_force = saved.loc[saved["status"] == "approved"].sort_values("approved_at")["structure_id"]
        seen = st.session_state.setdefault("pay_seen_in_force", in_force.iloc[-1] if len(in_force) else None)
        if b.button(t("pay.approve"), disabled=not user, width="stretch", help=t("pay.approve_help")):
            try:
                pay.approve(db, chosen, user, seen_in_force=seen)
                st.session_state.pop("pay_seen_in_force", None)
                st.session_state.pay_notice = md("pay.approved_notice", name=labels[chosen], who=user)
                st.rerun()
            except ConflictError as conflict:
                st.session_state.pop("pay_seen_in_force", None)  # the next look shows the new state
                st.error(md("pay.conflict", reason=str(conflict).split(": ", 1)[-1]), icon=":material/sync_problem:")
    compare = st.multiselect(t("pay.compare"), list(labels), format_func=labels.get, max_selections=3,
                             key="pay_compare", help=t("pay.compare_help"), placeholder=t("pay.compare_none"))
    if compare and shown:
        compare_scenarios(db, compare, labels, structure, cost, placement, lg)


def compare_scenarios(db, chosen: list, labels: dict, current: pay.Structure, current_cost: pay.Payroll,
                      current_placement: pay.Placement, lg: str) -> None:
    rows = [(t("pay.this_design"), current, current_placement, current_cost)]
    for structure_id in chosen:
        structure, placement, cost = stored(*version(), structure_id)
        rows.append((labels[structure_id], structure, placement, cost))
    table = pd.DataFrame({
        name: {t("pay.cmp.grades"): len(s.grades),
               t("pay.cmp.lowest_mid"): money(s.grades["fixed_mid"].iloc[0], lg, exact=True),
               t("pay.cmp.highest_mid"): money(s.grades["fixed_mid"].iloc[-1], lg, exact=True),
               t("pay.cmp.progression"): i18n.percent(float(np.nanmean(s.grades["progression"])), lg),
               t("pay.structure_cost"): money(c.structure, lg),
               t("pay.below_min"): i18n.percent(p.below_share, lg),
               t("pay.above_max"): i18n.percent(p.above_share, lg),
               t("pay.cost_to_min"): money(12 * p.cost_to_min, lg)}
        for name, s, p, c in rows})
    st.dataframe(table, width="stretch")
    fig = go.Figure()
    palette = [ACCENT, "#E07A5F", "#8D5A97", "#2E8B57"]
    for (name, s, _, _), color in zip(rows, palette):
        fig.add_scatter(x=s.grades["grade"], y=s.grades["fixed_mid"], mode="lines+markers", name=name,
                        line=dict(color=color, width=3 if color == ACCENT else 2))
    fig.update_layout(height=380, margin=dict(l=10, r=10, t=10, b=10), legend=dict(orientation="h", y=-0.2),
                      xaxis_title=t("eval.grade"), yaxis_title=f"{t('pay.col.fixed_mid')} ({currency()})",
                      hovermode="x unified")
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(tickformat=",")
    plotly_chart(st, fig, key="pay_compare_chart", config={"displayModeBar": False})


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

db = store()
lg = lang()
page_header("page.pay", "pay.intro", "pay_notice")
data = inputs(*version())
if data is None:
    bring("pay.no_market", ["market_data"], "pay_bring")
    st.stop()
settings = controls(data, lg)
# The approved total changes the cost comparison, not the design: keep it out of the design's cache key.
settings_json = json.dumps({**settings.to_dict(), "approved_total": None}, sort_keys=True)
try:
    structure, placement, cost = designed(*version(), settings_json)
except ValueError as exc:
    st.error(md("pay.cannot_design", reason=exc))
    st.stop()

tabs = page_tabs("pay_tab", ["pay.tab.structure", "pay.tab.people", "pay.tab.cost", "pay.tab.scenarios"])
if tabs[0].open:
    with tabs[0]:
        structure_tab(structure, placement, lg)
if tabs[1].open:
    with tabs[1]:
        people_tab(data, placement, lg)
with tabs[2]:
    cost_tab(db, data, settings, structure, placement, cost, settings_json, lg, tabs[2].open)
with tabs[3]:
    scenarios_tab(db, data, structure, placement, cost, lg, tabs[3].open)
