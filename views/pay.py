"""Salary structure designer: market position and lead/lag sliders, the curve, the people and the cost."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import downloads, errors, i18n, pay
from hrcore.reports import pay as reports
from hrcore.store import ConflictError
from views._common import table as downloadable  # a page's own `table`s are frames
from views._common import editor
from views._common import (actor, bring, currency, lang, md, money, page_header, page_tabs, plotly_chart,
                           still_allowed, store, t)
from views._common import report as cached_report


def report(fn, *args, **kwargs):
    """Every report on this page is the designer's: what it reads whatever the sliders say is read once per scope
    and data version (:func:`hrcore.reports.pay.designer`), so that a slider moved only designs again."""
    return cached_report(fn, *args, prepared=reports.designer, **kwargs)


ACCENT, TOTAL, GREEN, RED, MUTED, LEAD = "#1F6F8B", "#8D5A97", "#2E8B57", "#C0392B", "#B0B8BF", "#E07A5F"
MARKET_COLORS = {25: "#D5DBDF", 75: "#6C7A84", 90: "#3F4A52"}  # P50 and the position: the aged market line

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


def controls(box, start: reports.DesignerSetup, lg: str) -> tuple[pay.Settings, object]:
    """The design's settings from the controls, and the place under the market position kept for its cost."""
    defaults = start.defaults
    from_url(defaults)
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
        strip = st.container()
    with two:
        st.markdown(f"**{t('pay.leadlag')}**", help=t("pay.leadlag_help"))
        st.radio(t("pay.policy"), pay.POLICIES, key="pay_policy", horizontal=True,
                 format_func=lambda p, lg=lg: i18n.t(f"pay.policy.{p}", lg), help=t("pay.policy_help"))
        st.slider(t("pay.growth"), 0.0, 15.0, key="pay_growth", step=0.5, format="%.1f%%",
                  help=t("pay.growth_help"))
        st.number_input(t("pay.lead"), 0.0, 30.0, key="pay_lead", step=0.5, format="%.1f",
                        help=t("pay.lead_help"))
        a, b = st.columns([1.5, 1])
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
                    help=md("pay.exclude_outliers_help", jobs=", ".join(i18n.names(
                        start.outliers["title_en"], start.outliers["title_zh"], lg, fallback=start.outliers["job_id"]))
                        or "—"))
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
    return settings, strip


def bonus_controls(lg: str) -> None:
    """The annual raise rate and the performance factor of each KPI rating (绩效工资)."""
    with st.expander(t("pay.bonus_controls"), icon=":material/military_tech:"):
        left, right = st.columns([1, 2], gap="medium")
        left.number_input(t("pay.raise_rate"), 0.0, 20.0, key="pay_raise", step=0.5, format="%.1f",
                          help=t("pay.raise_rate_help"))
        factors = pay.bonus_factors(st.session_state.pay_factors)
        table = pd.DataFrame({"rating": list(factors), "factor": list(factors.values())})
        with right:
            st.markdown(f"**{t('pay.factor_table')}**", help=t("pay.factor_table_help"))
            edited = editor(st, table, key=f"pay_factor_editor_{st.session_state.pay_factors}", hide_index=True,
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
# What the design costs, beside the controls
# ---------------------------------------------------------------------------

def cost_strip(container, strip: reports.CostStrip, lg: str) -> None:
    """This design's annual cost against the approved budget, beside the sliders: a move's cost is seen at once."""
    container.divider()
    container.markdown(f"**{t('pay.strip.cost')}**", help=t("pay.strip.cost_help"))
    change = "" if not strip.change else \
        f" :{'red' if strip.change > 0 else 'green'}-badge[{signed_percent(strip.change, lg)}]"
    container.markdown(f"#### {i18n.plain(money(strip.structure, lg))}{change}")
    if strip.budget_used is not None:
        container.progress(min(strip.budget_used, 1.0), text=md(
            "pay.strip.used", share=i18n.percent(strip.budget_used, lg), budget=money(strip.approved, lg)))
    over = strip.gap > 0
    gap = md("pay.strip.over" if over else "pay.strip.under", amount=money(abs(strip.gap), lg))
    container.markdown(f":{'red' if over else 'green'}-badge[{gap}]", help=t("pay.strip.budget_help"))


def signed_percent(fraction: float, lg: str) -> str:
    return ("+" if fraction > 0 else "") + i18n.percent(fraction, lg)


def count_column(label: str, **kwargs):
    return st.column_config.NumberColumn(label, format="localized", **kwargs)


def money_column(label: str, **kwargs):
    """A column of amounts in the company's currency, grouped (``¥305,486,174``)."""
    symbol = i18n.currency_symbol(currency()).replace("%", "%%")
    return st.column_config.NumberColumn(label, format=f"{symbol}%,.0f", **kwargs)


def signed_money(values: pd.Series, lg: str) -> list[str]:
    """Amounts that may be negative (a change, a gap) as text: ``−¥2,357,904``, the sign before the currency."""
    return [money(v, lg, exact=True).replace("-", "−") if v == v else "—" for v in values]


def signed_money_column(label: str, **kwargs):
    return st.column_config.TextColumn(label, alignment="right", **kwargs)


def when(stamps: pd.Series, lg: str) -> list[str]:
    """Moments in the language's one date format (:func:`hrcore.i18n.day`) with the time; none: a dash."""
    return [f"{i18n.day(s.date(), lg)} {s:%H:%M}" if pd.notna(s) else "—" for s in pd.to_datetime(stamps)]


def department_names(frame: pd.DataFrame, lg: str, prefix: str = "name") -> pd.Series:
    return i18n.names(frame[f"{prefix}_en"], frame[f"{prefix}_zh"], lg).replace("", t("overview.unassigned"))


# ---------------------------------------------------------------------------
# Structure
# ---------------------------------------------------------------------------

def factor_line(designed: reports.PayDesign, lg: str) -> str:
    structure = designed.structure
    s = structure.settings
    parts = [t("pay.factor_line", factor=f"{structure.factor:.4f}", months=i18n.number(structure.aging_months, lg, 1),
               policy=t(f"pay.policy.{s.policy}"), policy_factor=f"{designed.policy_factor:.4f}")]
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
    downloadable(st, table, hide_index=True, width="stretch", height=38 + 35 * len(table), column_config={
        "grade": st.column_config.NumberColumn(t("eval.grade"), width="small"),
        "points": t("eval.band"), "position": t("pay.col.position"),
        "fixed_min": money_column(t("pay.col.fixed_min")),
        "fixed_mid": money_column(t("pay.col.fixed_mid")),
        "fixed_max": money_column(t("pay.col.fixed_max")),
        "progression": st.column_config.TextColumn(t("pay.col.progression"), help=t("pay.col.progression_help")),
        "spread": st.column_config.NumberColumn(t("pay.col.spread"), format="%.0f%%", help=t("pay.col.spread_help")),
        "overlap": st.column_config.TextColumn(t("pay.col.overlap"), help=t("pay.col.overlap_help")),
        "total_min": money_column(t("pay.col.total_min")),
        "total_mid": money_column(t("pay.col.total_mid")),
        "total_max": money_column(t("pay.col.total_max")),
        "target_bonus": money_column(t("pay.col.target_bonus"), help=t("pay.col.target_bonus_help")),
        "jobs": st.column_config.NumberColumn(t("eval.jobs"), format="%d")},
        key="pay_grades_table", file_name="pay-grades", recorded_as=None)


def chart_layout(fig: go.Figure, height: int = 470, **layout) -> go.Figure:
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), xaxis_title=t("eval.grade"),
                      yaxis_title=t("pay.monthly", currency=currency()), **layout)
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(tickformat=",")
    return fig


def curve_chart(designed: reports.PayDesign, lg: str) -> go.Figure:
    """The range band, the market's percentiles and the market at the position (aged to the effective date), the
    policy line above it (a lead is the shaded gap between the two), the total-cash curve and the company curve."""
    g, market, lead = designed.structure.grades, designed.market, designed.lead
    fig = go.Figure()
    fig.add_scatter(x=g["grade"], y=g["fixed_max"], mode="lines", line=dict(width=0), showlegend=False,
                    hoverinfo="skip")
    fig.add_scatter(x=g["grade"], y=g["fixed_min"], mode="lines", line=dict(width=0), fill="tonexty",
                    fillcolor="rgba(31,111,139,0.10)", name=t("pay.range"), hoverinfo="skip")
    for pct in (25, 75, 90):
        column = f"p{pct}"
        if market[column].notna().any():
            fig.add_scatter(x=market["grade"], y=market[column], mode="lines", name=t("pay.market_line", pct=pct),
                            line=dict(color=MARKET_COLORS[pct], dash="dot", width=1.2),
                            hovertemplate=f"P{pct}: %{{y:,.0f}}<extra></extra>")
    fig.add_scatter(x=g["grade"], y=g["market_mid"], mode="lines", name=t("pay.market_aged"),
                    line=dict(color="#6C7A84", width=2, dash="dash"), hovertemplate="%{y:,.0f}<extra></extra>")
    led = lead > 0.0005
    fig.add_scatter(x=g["grade"], y=g["raw_mid"], mode="lines+markers", name=t("pay.policy_line"),
                    line=dict(color=LEAD, width=2), marker=dict(size=6),
                    fill="tonexty" if led else None, fillcolor="rgba(224,122,95,0.35)",
                    hovertemplate="%{y:,.0f}<extra></extra>")
    fig.add_scatter(x=g["grade"], y=g["total_mid"], mode="lines", name=t("pay.total_curve"),
                    line=dict(color=TOTAL, width=2, dash="dash"), hovertemplate="%{y:,.0f}<extra></extra>")
    fig.add_scatter(x=g["grade"], y=g["fixed_mid"], mode="lines+markers", name=t("pay.company_curve"),
                    line=dict(color=ACCENT, width=4), marker=dict(size=7),
                    hovertemplate="%{y:,.0f}<extra></extra>")
    if led:  # the lead, named where the gap between the market and the policy line is widest
        top = g.iloc[-2]
        fig.add_annotation(x=top["grade"], y=top["raw_mid"], ax=-90, ay=-70, showarrow=True, arrowcolor=LEAD,
                           font=dict(color=LEAD, size=12), text=f"{t('pay.lead_gap')} +{i18n.percent(lead, lg)}")
    return chart_layout(fig, legend=dict(orientation="h", y=-0.18, x=0, font=dict(size=11)),
                        hovermode="x unified")


def range_chart(designed: reports.PayDesign) -> go.Figure:
    g = designed.structure.grades
    fig = go.Figure()
    fig.add_bar(x=g["grade"], y=g["fixed_max"] - g["fixed_min"], base=g["fixed_min"], name=t("pay.range"),
                marker_color="rgba(31,111,139,0.18)", marker_line_color=ACCENT, marker_line_width=1, width=0.6,
                hovertemplate="%{base:,.0f} – %{y:,.0f}<extra></extra>")
    fig.add_scatter(x=g["grade"], y=g["fixed_mid"], mode="markers", name=t("pay.col.fixed_mid"),
                    marker=dict(symbol="line-ew", size=26, line=dict(width=3, color=ACCENT)), hoverinfo="skip")
    people = designed.people_points
    if people is not None:
        jitter = people["grade"] + np.random.default_rng(0).uniform(-0.22, 0.22, len(people))
        color = np.where(people["below_min"], GREEN, np.where(people["above_max"], RED, "#4A5560"))
        fig.add_scattergl(x=jitter, y=people["base_pay"], mode="markers", name=t("pay.people"),
                          marker=dict(size=5, color=color, opacity=0.6), hovertemplate="%{y:,.0f}<extra></extra>")
    else:
        quantiles = designed.pay_percentiles
        for q, symbol, label in ((0.1, "triangle-up", "P10"), (0.5, "diamond", "P50"), (0.9, "triangle-down", "P90")):
            fig.add_scatter(x=quantiles.index, y=quantiles[q], mode="markers", name=t("pay.people_pct", pct=label),
                            marker=dict(symbol=symbol, size=10, color="#4A5560"),
                            hovertemplate="%{y:,.0f}<extra></extra>")
    return chart_layout(fig, legend=dict(orientation="h", y=-0.18, x=0), barmode="overlay")


def histogram(shape: reports.Histogram, label: str, fmt: str) -> go.Figure:
    edges = shape.edges
    centres = (edges[:-1] + edges[1:]) / 2
    colors = np.where(centres < shape.marks[0], GREEN, np.where(centres > shape.marks[1], RED, ACCENT))
    fig = go.Figure(go.Bar(x=centres, y=shape.counts, width=np.diff(edges) * 0.92, marker_color=colors,
                           hovertemplate=f"%{{x:{fmt}}}: %{{y:,}}<extra></extra>"))
    # Shapes in the layout, not add_vline: that costs 10 ms a line in plotly's bookkeeping.
    fig.update_layout(height=300, margin=dict(l=10, r=10, t=10, b=10), xaxis_title=label,
                      yaxis_title=t("overview.people"), bargap=0,
                      shapes=[dict(type="line", x0=mark, x1=mark, y0=0, y1=1, yref="paper",
                                   line=dict(dash="dot", color=MUTED)) for mark in shape.marks])
    fig.update_xaxes(tickformat=fmt)
    return fig


# ---------------------------------------------------------------------------
# Tabs
# ---------------------------------------------------------------------------

def structure_tab(designed: reports.PayDesign, lg: str) -> None:
    st.caption(factor_line(designed, lg))
    warnings(designed.structure, lg)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('pay.curve_chart')}**")
        plotly_chart(st, curve_chart(designed, lg), key="pay_curve_chart", config={"displayModeBar": False})
    with right:
        st.markdown(f"**{t('pay.range_chart')}**")
        plotly_chart(st, range_chart(designed), key="pay_range_chart", config={"displayModeBar": False})
    structure_table(designed.structure, lg)


def in_force_tiles(container, force: reports.PayHeadline | None, lg: str) -> None:
    """The structure in force's figures, labelled so: the same numbers as the overview's, from the same report."""
    if force is None:
        container.caption(t("pay.force.none"))
        return
    container.markdown(f"**{md('pay.force.figures', name=force.name)}**", help=t("pay.force.figures_help"))
    top = bottom = container.columns(3)
    top[0].metric(t("pay.force.below_min"), i18n.percent(force.below_share, lg),
                  delta=t("pay.people_n", n=i18n.number(force.below, lg)), delta_arrow="off", delta_color="off",
                  border=True)
    top[1].metric(t("pay.force.above_max"), i18n.percent(force.above_share, lg),
                  delta=t("pay.people_n", n=i18n.number(force.above, lg)), delta_arrow="off", delta_color="off",
                  border=True)
    if force.budget_used is not None:
        bottom[2].metric(t("pay.force.budget_used"), i18n.percent(force.budget_used, lg, 0), border=True,
                         delta=t("overview.of_budget", budget=money(force.approved, lg)), delta_arrow="off",
                         delta_color="off", help=t("pay.force.budget_used_help"))


def design_tiles(container, figures: reports.DesignFigures, lg: str) -> None:
    container.markdown(f"**{t('pay.design.figures')}**", help=t("pay.design.figures_help"))
    top = container.columns(3)
    top[0].metric(t("pay.design.below_min"), i18n.percent(figures.below_share, lg),
                  delta=t("pay.people_n", n=i18n.number(figures.below, lg)), delta_arrow="off",
                  delta_color="off", border=True, help=t("pay.below_min_help"))
    top[1].metric(t("pay.design.above_max"), i18n.percent(figures.above_share, lg),
                  delta=t("pay.people_n", n=i18n.number(figures.above, lg)), delta_arrow="off",
                  delta_color="off", border=True, help=t("pay.above_max_help"))
    top[2].metric(t("pay.cost_to_min"), money(figures.cost_to_min, lg), border=True,
                  help=t("pay.cost_to_min_help"))


def people_tab(found: reports.PeopleReport, lg: str) -> None:
    if not found.design.headcount:
        st.info(t("pay.no_people"))
        return
    design_tiles(st, found.design, lg)
    in_force_tiles(st, found.in_force, lg)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('pay.cr_distribution')}** · {t('pay.average')} {found.design.average_cr:.2f}",
                    help=t("pay.average_cr_help"))
        plotly_chart(st, histogram(found.compa_ratios, t("pay.compa_ratio"), ".2f"), key="pay_cr_chart",
                     config={"displayModeBar": False})
    with right:
        st.markdown(f"**{t('pay.penetration_distribution')}**")
        plotly_chart(st, histogram(found.penetration, t("pay.penetration"), ".0%"), key="pay_pen_chart",
                     config={"displayModeBar": False})
    by_department = found.by_department.assign(department=department_names(found.by_department, lg))
    st.markdown(f"**{t('pay.by_department')}**")
    downloadable(st, by_department[["department", "headcount", "below", "to_min", "above", "cr", "bonus"]].round(
        {"to_min": 0, "bonus": 0}), hide_index=True, width="stretch", column_config={
        "department": t("overview.department"), "headcount": count_column(t("pay.headcount")),
        "below": count_column(t("pay.green_circled")), "to_min": money_column(t("pay.cost_to_min")),
        "above": count_column(t("pay.red_circled")),
        "cr": st.column_config.NumberColumn(t("pay.average_cr"), format="%.2f"),
        "bonus": money_column(t("pay.bonus_annual"), help=t("pay.bonus_annual_help"))},
        key="pay_by_department", file_name="pay-by-department", recorded_as=None)
    outside = found.outside
    if len(outside):
        with st.expander(md("pay.outside_list", n=i18n.number(len(outside), lg))):
            columns = outside_columns()
            downloadable(st, outside_rows(outside.head(reports.OUTSIDE_SHOWN), lg), hide_index=True, width="stretch",
                             column_order=[c for c in columns if c != "employee_id"], column_config=columns,
                             key="pay_outside", file_name="outside-range", recorded_as="employees")
            # Written when asked for: tens of thousands of rows at scale.
            db = store()
            st.download_button(t("pay.download_outside"), still_allowed(lambda: downloads.file(
                outside_rows(outside, lg), "csv", store=db, table="employees", name="outside_range.csv")),
                file_name="outside_range.csv", mime=downloads.CSV_MIME)


def outside_rows(rows: pd.DataFrame, lg: str) -> pd.DataFrame:
    return rows.assign(name=i18n.names(rows["name_en"], rows["name_zh"], lg, fallback=rows["employee_id"]),
                       department=department_names(rows, lg, "department"),
                       where=np.where(rows["below_min"], t("pay.green_circled"), t("pay.red_circled")))[
        ["employee_id", "name", "department", "grade", "base_pay", "fixed_min", "fixed_max", "compa_ratio", "where"]
    ].round({"fixed_min": 0, "fixed_max": 0, "compa_ratio": 2})


def outside_columns() -> dict:
    return {"employee_id": t("pay.employee"), "name": t("pay.employee"), "department": t("overview.department"),
            "grade": t("eval.grade"), "base_pay": money_column(t("pay.base_pay")),
            "fixed_min": money_column(t("pay.col.fixed_min")), "fixed_max": money_column(t("pay.col.fixed_max")),
            "compa_ratio": st.column_config.NumberColumn(t("pay.compa_ratio"), format="%.2f"),
            "where": t("pay.where")}


def cost_tab(settings_json: str, lg: str, shown: bool) -> None:
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    left.number_input(t("pay.approved_total"), 0.0, step=100_000.0, key="pay_approved", format="%.0f",
                      help=t("pay.approved_total_help"))
    approved = float(st.session_state.pay_approved)
    right.markdown(f"**{i18n.plain(money(approved, lg, exact=True))}** · {i18n.plain(money(approved, lg))}")
    if shown:
        found = report(reports.cost, settings_json, float(st.session_state.pay_approved))
        lever_tiles(found, lg)
        bonus_tables(found, lg)
    budget_plan(settings_json, lg, shown)


def bonus_tables(found: reports.CostReport, lg: str) -> None:
    """The performance-linked bonus by latest KPI rating and by department, in the totals above."""
    st.markdown(f"**{t('pay.bonus_by_rating')}**")
    st.caption(t("pay.bonus_by_rating_help"))
    table = found.bonus_by_rating.assign(rating=found.bonus_by_rating["rating"].fillna(t("pay.no_rating")))
    a, b = st.columns([3, 2], gap="medium")
    downloadable(a, table.round({"target": 0, "bonus": 0}), hide_index=True, width="stretch", column_config={
        "rating": t("pay.rating"), "factor": st.column_config.NumberColumn(t("pay.factor"), format="%.2f"),
        "headcount": count_column(t("pay.headcount")), "target": money_column(t("pay.target_annual")),
        "bonus": money_column(t("pay.bonus_annual"))},
        key="pay_bonus_by_rating", file_name="bonus-by-rating", recorded_as=None)
    difference = found.bonus_against_target
    b.metric(t("pay.bonus_total"), money(found.bonus_total, lg), border=True,
             delta=t("pay.vs_target", amount=money(abs(difference), lg), sign="+" if difference > 0 else
                     ("−" if difference < 0 else "")),
             delta_color="off", delta_arrow="off", help=t("pay.bonus_total_help"))
    by_department = found.by_department.assign(department=department_names(found.by_department, lg))
    with st.expander(t("pay.bonus_by_department")):
        downloadable(st, by_department[["department", "headcount", "bonus", "structure"]].round(0), hide_index=True,
                         width="stretch", column_config={
                             "department": t("overview.department"), "headcount": count_column(t("pay.headcount")),
                             "bonus": money_column(t("pay.bonus_annual")),
                             "structure": money_column(t("pay.structure_cost"))},
                         key="pay_bonus_by_department", file_name="bonus-by-department", recorded_as=None)


def lever_tiles(found: reports.CostReport, lg: str) -> None:
    """The structure's cost against the approved total, and what each lever would do to the gap."""
    strip = found.strip
    tiles = st.columns(4)
    tiles[0].metric(t("pay.current_payroll"), money(strip.current, lg), border=True,
                    help=t("pay.current_payroll_help"))
    tiles[1].metric(t("pay.structure_cost"), money(strip.structure, lg), border=True,
                    delta=signed_percent(strip.change, lg) if strip.change is not None else None,
                    delta_color="inverse", help=t("pay.structure_cost_help"))
    tiles[2].metric(t("pay.approved"), money(strip.approved, lg), border=True)
    tiles[3].metric(t("pay.gap"), money(strip.gap, lg), border=True,
                    delta=t("pay.over") if strip.gap > 0 else t("pay.within"), delta_arrow="off",
                    delta_color="inverse" if strip.gap > 0 else "normal")
    st.markdown(f"**{t('pay.levers')}**")
    st.caption(t("pay.levers_help"))
    levers = found.levers.assign(what=[
        t(f"pay.lever.{k}", n=(i18n.percent(v, lg) if k == "raise_halved" else i18n.number(v, lg))
          if v == v and v is not None else "") for k, v in zip(found.levers["lever"], found.levers["value"])],
        change=signed_money(found.levers["change"], lg), gap=signed_money(found.levers["gap"], lg))
    downloadable(st, levers[["what", "structure", "change", "gap"]].round(0), hide_index=True, width="stretch",
                     column_config={"what": t("pay.lever"), "structure": money_column(t("pay.structure_cost")),
                                    "change": signed_money_column(t("pay.change")),
                                    "gap": signed_money_column(t("pay.gap"))},
                     key="pay_levers", file_name="pay-levers", recorded_as=None)


def budget_plan(settings_json: str, lg: str, shown: bool) -> None:
    """Next year's headcount by department (an input, kept while another tab is open) and its budget."""
    st.markdown(f"**{t('pay.budget')}**")
    st.caption(t("pay.budget_help"))
    growth = st.slider(t("pay.headcount_growth"), -20.0, 30.0, 0.0, 1.0, format="%+.0f%%", key="pay_hc_growth")
    plan = report(reports.budget, settings_json, growth / 100)
    table = plan.plan.assign(department=department_names(plan.plan, lg))
    edited = editor(st, table[["department", "planned"]], key=f"pay_plan_editor_{growth}", hide_index=True,
                            width="stretch", disabled=["department"],
                            column_config={"department": t("overview.department"),
                                           "planned": st.column_config.NumberColumn(t("pay.planned"), min_value=0,
                                                                                    step=1)})
    if not shown:
        return
    changed = tuple((d, int(n)) for d, n, was in zip(table["department_id"], edited["planned"].fillna(0),
                                                      table["planned"]) if int(n) != was)
    if changed:
        plan = report(reports.budget, settings_json, growth / 100, changed)
    result = plan.plan.assign(department=department_names(plan.plan, lg))
    st.metric(t("pay.budget_total"), money(plan.total, lg))
    downloadable(st, result[["department", "current", "planned", "cost_per_head", "budget"]].round(0), hide_index=True,
                     width="stretch",
                     column_config={"department": t("overview.department"), "current": count_column(t("pay.headcount")),
                                    "planned": count_column(t("pay.planned")), "cost_per_head": money_column(t("pay.cost_per_head")),
                                    "budget": money_column(t("pay.budget_col"))},
                     key="pay_budget", file_name="pay-budget", recorded_as=None)


def scenarios_tab(db, designed: reports.PayDesign, settings_json: str, lg: str, shown: bool) -> None:
    user = actor()
    a, b = st.columns([3, 1], vertical_alignment="bottom")
    name = a.text_input(t("pay.scenario_name"), key="pay_scenario_name")
    if b.button(t("pay.save_scenario"), type="primary", disabled=not name.strip() or not user, width="stretch"):
        try:
            pay.save_scenario(db, name, designed.structure, user)
            st.session_state.pay_notice = md("pay.saved", name=name.strip())
            st.rerun()
        except ValueError as exc:
            st.error(errors.problem_text(exc, lg, escape=i18n.plain))
    st.caption(md("pay.signed_as", name=user))
    file_name = f"salary_structure_{(name.strip() or 'draft').replace(' ', '_')}.xlsx"
    unsaved = t("pay.unsaved")  # the deferred writer runs outside the page, where the language is unknown
    company_currency = currency()

    def workbook() -> bytes:
        sheets = pay.scenario_sheets(name.strip() or unsaved, designed.structure, designed.placement,
                                     designed.payroll, designed.inputs.departments, lg, company_currency)
        return downloads.file(sheets, "xlsx", store=db, table="pay_structures", name=file_name)

    st.download_button(t("pay.export"), data=still_allowed(workbook), file_name=file_name, mime=downloads.XLSX_MIME)

    compare = tuple(st.session_state.get("pay_compare", ()))
    found = report(reports.scenarios, settings_json, float(st.session_state.pay_approved), compare)
    saved = found.saved
    if saved.empty:
        return
    table = saved.assign(
        status=saved["status"].map(lambda s: t(f"pay.status.{s}")),
        created_by=i18n.names(saved["created_by_en"], saved["created_by_zh"], lg, fallback=saved["created_by"]),
        approved_by=i18n.names(saved["approved_by_en"], saved["approved_by_zh"], lg,
                               fallback=saved["approved_by"].fillna("—")))
    table["created_at"], table["approved_at"] = when(saved["created_at"], lg), when(saved["approved_at"], lg)
    downloadable(st, table[["name", "status", "created_by", "created_at", "approved_by", "approved_at"]], hide_index=True,
                     width="stretch", column_config={
                         "name": t("pay.scenario_name"), "status": t("pay.status"), "created_by": t("pay.created_by"),
                         "created_at": t("pay.created_at"), "approved_by": t("pay.approved_by"),
                         "approved_at": t("pay.approved_at")},
                     key="pay_saved_structures", file_name="pay-structures", recorded_as=None)
    labels = dict(zip(saved["structure_id"], saved["name"]))
    if found.drafts:
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        chosen = a.selectbox(t("pay.to_approve"), found.drafts, format_func=labels.get, key="pay_to_approve")
        # The structure in force when this user first looked: an approval by someone else since is a conflict.
        seen = st.session_state.setdefault("pay_seen_in_force", found.in_force)
        if b.button(t("pay.approve"), disabled=not user, width="stretch", help=t("pay.approve_help")):
            try:
                pay.approve(db, chosen, user, seen_in_force=seen)
                st.session_state.pop("pay_seen_in_force", None)
                st.session_state.pay_notice = md("pay.approved_notice", name=labels[chosen], who=user)
                st.rerun()
            except ConflictError as conflict:
                st.session_state.pop("pay_seen_in_force", None)  # the next look shows the new state
                st.error(t("pay.conflict", reason=errors.problem_text(conflict, lg, escape=i18n.plain)),
                         icon=":material/sync_problem:")
    st.multiselect(t("pay.compare"), list(labels), format_func=labels.get, max_selections=3, key="pay_compare",
                   help=t("pay.compare_help"), placeholder=t("pay.compare_none"))
    if compare and shown:
        compare_scenarios(found, lg)


def compare_scenarios(found: reports.ScenariosReport, lg: str) -> None:
    rows = [replace(row, name=row.name or t("pay.this_design")) for row in found.compared]
    table = pd.DataFrame({
        row.name: {t("pay.cmp.grades"): i18n.number(row.grades, lg),
                   t("pay.cmp.lowest_mid"): money(row.lowest_mid, lg, exact=True),
                   t("pay.cmp.highest_mid"): money(row.highest_mid, lg, exact=True),
                   t("pay.cmp.progression"): i18n.percent(row.progression, lg),
                   t("pay.structure_cost"): money(row.structure_cost, lg),
                   t("pay.below_min"): i18n.percent(row.below_share, lg),
                   t("pay.above_max"): i18n.percent(row.above_share, lg),
                   t("pay.cost_to_min"): money(row.cost_to_min, lg)}
        for row in rows})
    downloadable(st, table, width="stretch",
                     key="pay_grade_costs", file_name="grade-costs", recorded_as=None)
    palette = [ACCENT, LEAD, TOTAL, GREEN]
    left, right = st.columns(2)
    mids = go.Figure()
    for row, color in zip(rows, palette):
        mids.add_scatter(x=row.midpoints["grade"], y=row.midpoints["fixed_mid"], mode="lines+markers", name=row.name,
                         line=dict(color=color, width=3 if color == ACCENT else 2),
                         hovertemplate="%{y:,.0f}<extra></extra>")
    chart_layout(mids, 380, legend=dict(orientation="h", y=-0.2), hovermode="x unified")
    with left:
        st.markdown(f"**{t('pay.cmp.mid_chart')}**")
        plotly_chart(st, mids, key="pay_compare_chart", config={"displayModeBar": False})
    gaps = [row.against_budget for row in rows]
    costs = go.Figure(go.Bar(x=[row.name for row in rows], y=gaps, marker_color=[RED if g > 0 else GREEN for g in gaps],
                             text=[("+" if g > 0 else "−" if g < 0 else "") + money(abs(g), lg) for g in gaps], textposition="outside",
                             customdata=[money(row.structure_cost, lg, exact=True) for row in rows],
                             hovertemplate="%{customdata}<extra></extra>"))
    reach = 1.3 * max(abs(g) for g in gaps) or 1.0
    costs.update_layout(height=380, margin=dict(l=10, r=10, t=10, b=10), yaxis=dict(
        tickformat=",", range=[-reach, reach], zeroline=True, zerolinecolor=MUTED, zerolinewidth=2,
        title=t("pay.cmp.against_budget", currency=currency())))
    with right:
        st.markdown(f"**{md('pay.cmp.cost_chart', budget=money(found.approved, lg))}**")
        plotly_chart(st, costs, key="pay_compare_cost_chart", config={"displayModeBar": False})


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

db = store()
lg = lang()
page_header("page.pay", "pay.intro", "pay_notice")
start = report(reports.setup)
if start is None:
    bring("pay.no_market", ["market_data"], "pay_bring")
    st.stop()
if "pay_approved" not in st.session_state:
    st.session_state.pay_approved = start.approved_default
box = st.container(border=True)
settings, strip_place = controls(box, start, lg)
settings_json = reports.settings_key(settings)
try:
    designed = report(reports.design, settings_json, float(st.session_state.pay_approved), shared=True)
except ValueError as exc:
    st.error(t("pay.cannot_design", reason=errors.problem_text(exc, lg, escape=i18n.plain)))
    st.stop()
cost_strip(strip_place, designed.strip, lg)

tabs = page_tabs("pay_tab", ["pay.tab.structure", "pay.tab.people", "pay.tab.cost", "pay.tab.scenarios"])
if tabs[0].open:
    with tabs[0]:
        structure_tab(designed, lg)
if tabs[1].open:
    with tabs[1]:
        people_tab(report(reports.people, settings_json, shared=True), lg)
with tabs[2]:
    cost_tab(settings_json, lg, tabs[2].open)
with tabs[3]:
    scenarios_tab(db, designed, settings_json, lg, tabs[3].open)
