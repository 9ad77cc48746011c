"""Attrition watchlist: turnover, who may leave and why, the risk model, the cost, the handover.

Each tab reads its widgets, asks :mod:`hrcore.reports.attrition` for its report and renders it.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import company, errors, fields, i18n, watchlist
from hrcore.i18n import plain
from hrcore.reports import attrition as reports
from views._common import table as downloadable  # a page's own `table`s are frames
from views._common import editor
from views._common import (currency, date_column, lang, md, money, page_header, page_tabs, plotly_chart, report,
                           sees_pay, store, t)

LIST_SEP = {"en": ", ", "zh": "、"}  # how a list of things is joined in each language


def name_of(english, chinese, fallback, lg: str) -> str:
    return i18n.name(english, chinese, lg) or str(fallback)


def names(frame: pd.DataFrame, lg: str, english: str = "name_en", chinese: str = "name_zh",
          fallback: str = "employee_id") -> pd.Series:
    return i18n.names(frame[english], frame[chinese], lg, fallback=frame[fallback])


def day(value, lg: str) -> str:
    return "" if value is None or pd.isna(value) else i18n.day(value, lg)


def yes_no(value) -> str:
    if value is True or value is np.True_:
        return t("attrition.yes")
    if value is False or value is np.False_:
        return t("attrition.no")
    return "–"


def percent_or_dash(value, lg: str) -> str:
    return "–" if value is None else i18n.percent(value, lg)


def money_column(label: str):
    """A money column: grouped digits, the currency in its heading."""
    return st.column_config.NumberColumn(f"{label} ({i18n.currency_symbol(currency())})", format="localized")


# -- turnover ---------------------------------------------------------------------------------------

def turnover_tab(as_of, lg: str) -> None:
    a, b = st.columns(2)
    freq = a.segmented_control(t("attrition.freq"), ["M", "Q", "Y"], default="Q", key="at_freq",
                               format_func=lambda f, lg=lg: i18n.t(f"attrition.freq.{f}", lg)) or "Q"
    by = b.selectbox(t("attrition.by"), ["none", *reports.TURNOVER_BY], key="at_by",
                     format_func=lambda x, lg=lg: i18n.t(f"attrition.by.{x}", lg))
    cohort = st.session_state.get("at_km_by", "none")
    figures = report(reports.turnover, as_of, freq, None if by == "none" else by, None if cohort == "none" else cohort)

    m = st.columns(5)
    m[0].metric(t("attrition.rate_12m"), percent_or_dash(figures.rate_12m, lg), help=t("attrition.rate_12m_help"))
    m[1].metric(t("attrition.voluntary_share"), percent_or_dash(figures.voluntary_share, lg),
                help=t("attrition.voluntary_share_help"))
    if figures.key_rate is not None:
        m[2].metric(t("attrition.key_rate"), percent_or_dash(figures.key_rate, lg))
    for col, days in ((m[3], 90), (m[4], 365)):
        hires = figures.new_hires[days]
        col.metric(t("attrition.new_hire_rate", days=days), i18n.percent(hires.rate, lg) if hires.hires else "–",
                   help=md("attrition.new_hire_help", hires=hires.hires, days=days))
    if figures.undated_leavers:
        st.caption(md("overview.undated_leavers", n=i18n.number(figures.undated_leavers, lg)))

    if by == "none":
        kinds = [("voluntary_rate", "attrition.voluntary"), ("involuntary_rate", "attrition.involuntary"),
                 ("unspecified_rate", "flow.unspecified")]
        rates = figures.rates
        # Exits whose type the data do not give are a bar of their own, never left off the chart.
        fig = go.Figure([go.Bar(x=rates["period"], y=rates[column], name=t(label))
                         for column, label in kinds if column != "unspecified_rate" or rates["unspecified"].any()])
        fig.update_layout(barmode="stack", yaxis_tickformat=".1%", height=360, margin=dict(l=10, r=10, t=10, b=10),
                          legend=dict(orientation="h", y=-0.15), yaxis_title=t("attrition.rate_axis"))
        plotly_chart(st, fig, width="stretch", key="at_rate_chart")
        st.caption(t("attrition.running_period"))
    else:
        groups = figures.groups
        labels = group_labels(groups, by, lg)
        fig = go.Figure(go.Bar(y=labels, x=groups["rate"], orientation="h",
                               text=[i18n.percent(r, lg) for r in groups["rate"]], textposition="outside"))
        fig.update_layout(height=max(300, 24 * len(groups) + 60), xaxis_tickformat=".0%",
                          margin=dict(l=10, r=40, t=10, b=10), yaxis=dict(autorange="reversed"))
        plotly_chart(st, fig, width="stretch", key="at_group_chart")
        st.caption(t("attrition.by_help"))

    st.subheader(t("attrition.survival"))
    st.selectbox(t("attrition.survival_by"), ["none", *reports.SURVIVAL_BY], key="at_km_by",
                 format_func=lambda x, lg=lg: i18n.t("attrition.everyone" if x == "none" else f"attrition.by.{x}", lg))
    fig = go.Figure()
    for group, part in figures.curves.groupby("group", dropna=False, sort=True):
        first = part.iloc[0]
        label = t("attrition.everyone") if pd.isna(group) else name_of(first["name_en"], first["name_zh"], group, lg)
        fig.add_trace(go.Scatter(x=part["tenure_years"], y=part["survival"], mode="lines", line_shape="hv",
                                 name=label))
    fig.update_layout(height=380, xaxis_title=t("attrition.years_of_service"), yaxis_title=t("attrition.still_here"),
                      yaxis_tickformat=".0%", margin=dict(l=10, r=10, t=10, b=10))
    plotly_chart(st, fig, width="stretch", key="at_km")
    st.caption(t("attrition.survival_help"))


def grade_text(grade) -> str:
    """A grade as written (a whole number without its ``.0``), a dash when not known."""
    if grade is None or pd.isna(grade):
        return "–"
    return f"{grade:g}" if isinstance(grade, float | int | np.number) else str(grade)


def group_labels(groups: pd.DataFrame, by: str, lg: str) -> list[str]:
    """A group's words: a department's name, a tenure band's years, a job family's name, key talent or not."""
    if by == "job_family":
        return [i18n.code_label("job_family", g, lg) if isinstance(g, str) else t("attrition.unknown")
                for g in groups["group"]]
    if by == "grade":
        return [grade_text(g) for g in groups["group"]]
    if by == "key_talent":
        return [yes_no(bool(g)) if not pd.isna(g) else "–" for g in groups["group"]]
    if by == "tenure_band":
        return [t(f"attrition.band.{g}") if isinstance(g, str) else t("attrition.unknown") for g in groups["group"]]
    return [name_of(e, z, g, lg) if not pd.isna(g) else t("attrition.unknown")
            for e, z, g in zip(groups["name_en"], groups["name_zh"], groups["group"])]


# -- watchlist --------------------------------------------------------------------------------------

def watchlist_tab(as_of, lg: str) -> None:
    watch = report(reports.who_may_leave, as_of, shared=True)
    depts = {d: name_of(r.name_en, r.name_zh, d, lg) for d, r in zip(watch.departments.index,
                                                                    watch.departments.itertuples())}
    head = watch.headline
    m = st.columns(4)
    m[0].metric(t("attrition.high_risk"), i18n.number(head.high_risk, lg),
                help=md("attrition.high_risk_help", threshold=head.threshold))
    m[1].metric(t("attrition.key_at_risk"), i18n.number(head.key_at_risk, lg))
    m[2].metric(t("attrition.secrets_no_nc"), i18n.number(watch.secrets_no_nc, lg),
                help=t("attrition.secrets_no_nc_help"))
    m[3].metric(t("attrition.successor_ready"), f"{watch.cover.ready_now} / {watch.cover.people}",
                help=t("attrition.successor_ready_help"))
    group_risks(watch, lg)
    arbitration(watch, depts, lg)
    if watch.missing_evidence:
        st.caption(t("attrition.sources", missing="; ".join(t(f"attrition.evidence.{signal}")
                                                            for signal in watch.missing_evidence)))

    managers = dict(zip(watch.managers["manager_id"], names(watch.managers, lg, fallback="manager_id")))
    with st.expander(t("attrition.filters"), expanded=True):
        a, b, c, d = st.columns(4)
        chosen = a.multiselect(t("overview.department"), sorted(depts, key=depts.get), format_func=depts.get,
                               key="at_dept", placeholder=t("filter.any"))
        manager = b.selectbox(t("attrition.manager"), list(managers), index=None, format_func=managers.get,
                              key="at_manager", placeholder=t("filter.any"))
        segments = c.multiselect(t("attrition.segment"), list(watchlist.SEGMENTS), key="at_segment",
                                 format_func=lambda s, lg=lg: i18n.t(f"attrition.segment.{s}", lg),
                                 placeholder=t("filter.any"))
        key_only = d.toggle(t("attrition.key_only"), key="at_key_only")
        minimum = st.slider(t("attrition.min_score"), 0, 100, head.threshold, 5, key="at_min")
    listing = watch.listed(minimum, tuple(chosen), manager, tuple(segments), key_only)
    # The model's risk beside the signal score, once someone has fitted it on the Risk model tab.
    fitted = (report(reports.company_model, as_of, company_left_out(as_of), shared=True)
              if st.session_state.get("at_fit_company") else None)
    model_risk = fitted.risks if fitted is not None else None
    if not listing.total:
        st.info(md("attrition.nobody_listed", score=minimum), icon=":material/person_search:")
        return
    shown = listing.people.assign(name=names(listing.people, lg))
    signal_names = {s: t(f"attrition.signal.{s}") for s in watchlist.SIGNALS}
    id_column = t("competency.col.ratee_id")
    table = pd.DataFrame({
        t("competency.col.name"): shown["name"], id_column: shown["employee_id"],
        t("overview.department"): shown["department_id"].map(depts),
        t("attrition.job"): names(shown, lg, "job_en", "job_zh", "job_id").fillna(""),
        t("attrition.manager"): names(shown, lg, "manager_en", "manager_zh", "manager_id").fillna(""),
        t("attrition.score"): shown["score"],
        t("attrition.model_risk"): shown["employee_id"].map(model_risk) if model_risk is not None else None,
        t("attrition.reasons"): shown["reasons"].map({rs: LIST_SEP[lg].join(
            signal_names[r] for r in rs.split(",") if r) for rs in shown["reasons"].unique()}),
        t("attrition.segment"): shown["segment"].map({s: t(f"attrition.segment.{s}") for s in watchlist.SEGMENTS}),
        t("attrition.key_talent"): shown["key_talent"].map(yes_no),
        t("attrition.exposure"): [LIST_SEP[lg].join(t(f"attrition.exp.{k}") for k in held)
                                  for held in shown["exposure"]],
        t("attrition.actions"): shown["actions"],
    })
    downloadable(st, table, hide_index=True, width="stretch", height=min(36 * (len(table) + 1) + 2, 460),
                     column_config={id_column: None, t("attrition.score"): st.column_config.ProgressColumn(
                         t("attrition.score"), min_value=0, max_value=100, format="%d"),
                         t("attrition.actions"): st.column_config.NumberColumn(help=t("attrition.actions_help")),
                         t("attrition.model_risk"): (st.column_config.NumberColumn(
                             t("attrition.model_risk"), format="percent", help=t("attrition.model_risk_help"))
                             if model_risk is not None else None)},
                     key="at_watchlist", file_name="watchlist", recorded_as="attrition_signals")
    st.caption(md("competency.first_n", n=len(shown), total=listing.total))
    person_card(shown, depts, as_of, fitted, lg)


def group_risks(watch: reports.Watchlist, lg: str) -> None:
    """Seed 001's group departure risk (集体跳槽): teams with several people at high risk at once."""
    groups = watch.groups
    if not len(groups):
        return
    lines = [md(f"attrition.group_line.{g.kind}", group=name_of(g.name_en, g.name_zh, g.group, lg),
                high=i18n.number(g.high, lg), people=i18n.number(g.people, lg), share=i18n.percent(g.share, lg),
                keys=i18n.number(g.key, lg)) for g in groups.itertuples()]
    st.warning(t("attrition.group_risk", n=len(groups)) + "\n\n" + "\n".join(f"- {line}" for line in lines),
               icon=":material/groups:")


def arbitration(watch: reports.Watchlist, depts: dict, lg: str) -> None:
    """The one-year limit for labour arbitration: every leaver whose year has not run out."""
    reminders = watch.reminders
    with st.expander(t("attrition.arbitration_title", n=i18n.number(len(reminders), lg))):
        st.caption(t("attrition.arbitration_help"))
        if len(reminders):
            listed = reminders.head(reports.MAX_LISTED)
            downloadable(st, pd.DataFrame({
                t("competency.col.name"): names(listed, lg),
                t("overview.department"): listed["department_id"].map(depts).fillna(""),
                t("attrition.exit_date"): listed["exit_date"].map(lambda d: day(d, lg)),
                t("attrition.claim_by"): listed["claim_by"].map(lambda d: day(d, lg)),
                t("attrition.days_left"): listed["days_left"]}), hide_index=True, width="stretch",
                key="at_reminders", file_name="retention-reminders", recorded_as="retention_actions")


def person_card(shown: pd.DataFrame, depts: dict, as_of, fitted, lg: str) -> None:
    """One person: who they are, why they score what they do, what would leave with them, what was done."""
    labels = dict(zip(shown["employee_id"], shown["name"] + " · " + shown["department_id"].map(depts).fillna("")))
    who = st.selectbox(t("attrition.person"), list(labels), key="at_person", format_func=labels.__getitem__)
    person = shown.set_index("employee_id").loc[who]
    record = report(reports.person, as_of, who)
    st.markdown(f"### {plain(person['name'])}")
    facts = [(t("attrition.job"), name_of(person["job_en"], person["job_zh"], person["job_id"], lg)
              if isinstance(person["job_id"], str) else "–"),
             (t("attrition.grade"), plain(grade_text(person["grade"]))),
             (t("attrition.tenure"), t("attrition.years", n=f"{person['tenure']:.1f}")
              if pd.notna(person["tenure"]) else "–"),
             (t("attrition.manager"), name_of(person["manager_en"], person["manager_zh"], person["manager_id"], lg)
              if isinstance(person["manager_id"], str) else "–"),
             (t("attrition.last_rating"), f"{record.rating} ({plain(record.rating_period)})" if record.rating
              else "–"),
             (t("attrition.box"), f"{name_of(record.box_en, record.box_zh, record.box, lg)} "
                                  f"({plain(record.review_period)})" if record.box is not None else "–")]
    if sees_pay():
        facts += [(t("attrition.base_pay"), money(float(person["base_pay"]), lg, exact=True)
                   if pd.notna(person.get("base_pay")) else "–"),
                  (t("attrition.compa_ratio"), f"{person['compa_ratio']:.2f}"
                   if pd.notna(person.get("compa_ratio")) else "–")]
    downloadable(st, pd.DataFrame({t("attrition.item"): [f for f, _ in facts], t("attrition.value"): [v for _, v in facts]}),
                     hide_index=True, width="stretch",
                     key="at_person_facts", file_name="person-facts", recorded_as="employees")

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{md('attrition.why', score=int(person['score']))}**")
        for reason in filter(None, person["reasons"].split(",")):
            st.markdown(f"- **{t(f'attrition.signal.{reason}')}** (+{watchlist.SIGNAL_POINTS[reason]}): "
                        f"{t(f'attrition.signal_help.{reason}')}")
        if not person["reasons"]:
            st.caption(t("attrition.no_signals"))
        model_reading(person, who, fitted)
        st.markdown(f"**{t('attrition.segment')}: {t('attrition.segment.' + person['segment'])}**")
        st.info(t(f"attrition.advice.{person['segment']}"))
    with right:
        st.markdown(f"**{t('attrition.exposure')}**")
        flags = ["key_knowledge", "client_channels", "supplier_channels", "secrets_access", "non_compete"]
        if all(pd.isna(person.get(k)) for k in flags):
            st.caption(t("attrition.no_exposure"))
        else:
            downloadable(st, pd.DataFrame({t("attrition.item"): [t(f"attrition.exp.{k}") for k in flags],
                                           t("attrition.value"): [yes_no(person.get(k)) for k in flags]}),
                             hide_index=True, width="stretch",
                             key="at_person_exposure", file_name="person-exposure", recorded_as="exposure")
        ready = person.get("successor_ready")
        st.markdown(f"{t('attrition.successor')}: " + (
            f"{plain(name_of(record.successor_en, record.successor_zh, '', lg))}"
            + (f" · {t('attrition.ready.' + ready)}" if isinstance(ready, str) else "")
            if record.successor_en is not None else t("attrition.no_successor")))
        actions = record.actions
        if len(actions):
            st.markdown(f"**{t('attrition.actions_taken')}**")
            downloadable(st, pd.DataFrame({
                t("attrition.date"): actions["action_date"].map(lambda d: day(d, lg)),
                t("attrition.action_kind"): actions["kind"].map(lambda k: t(f"attrition.action.{k}")),
                t("competency.c.note"): [i18n.name(e, z, lg) or "" for e, z in zip(actions["note_en"],
                                                                                   actions["note_zh"])],
                t("attrition.outcome"): actions["outcome"].map(lambda o: t(f"attrition.outcome.{o}")
                                                               if isinstance(o, str) else "")}),
                hide_index=True, width="stretch",
                key="at_person_actions", file_name="retention-actions", recorded_as="retention_actions")
        record_forms(who, person, as_of)


def model_reading(person: pd.Series, who: str, fitted) -> None:
    """The model's probability beside the signal score, and what its AUC means in plain words."""
    if fitted is None or fitted.model is None:
        st.caption(t("attrition.model_not_fitted"))
        return
    risk = fitted.risks.get(who)
    auc = fitted.model.auc
    st.markdown(f"**{t('attrition.model_says')}**")
    a, b = st.columns(2)
    a.metric(t("attrition.score"), f"{int(person['score'])} / 100", help=t("attrition.score_help"))
    b.metric(t("attrition.model_risk"), f"{risk:.0%}" if risk is not None else "–",
             help=t("attrition.model_risk_help"))
    st.caption(t("attrition.auc_reading", auc=f"{auc:.2f}", n=round(auc * 100)))


def record_forms(who: str, person: pd.Series, as_of) -> None:
    with st.form("at_signal", clear_on_submit=True):
        st.markdown(f"**{t('attrition.record_signal')}**")
        kind = st.selectbox(t("attrition.signal_kind"), [k for k in watchlist.RECORDED if k != "leave_rising"],
                            format_func=lambda k, lg=lang(): i18n.t(f"attrition.signal.{k}", lg), key="at_signal_kind")
        note = st.text_input(t("competency.c.note"), key="at_signal_note")
        if st.form_submit_button(t("attrition.save_signal")):
            watchlist.record_signal(store(), who, kind, as_of, note or None)
            st.session_state.at_notice = md("attrition.signal_saved", name=person["name"])
            st.rerun()
    with st.form("at_action", clear_on_submit=True):
        st.markdown(f"**{t('attrition.record_action')}**")
        kind = st.selectbox(t("attrition.action_kind"), list(watchlist.ACTIONS),
                            format_func=lambda k, lg=lang(): i18n.t(f"attrition.action.{k}", lg), key="at_action_kind")
        note = st.text_input(t("competency.c.note"), key="at_action_note")
        if st.form_submit_button(t("attrition.save_action")):
            watchlist.record_action(store(), who, kind, as_of, person.get("manager_id"), note or None)
            st.session_state.at_notice = md("attrition.action_saved", name=person["name"])
            st.rerun()


# -- risk model -------------------------------------------------------------------------------------

def company_left_out(as_of) -> tuple:
    """The columns left out of the company model as chosen on the Risk model tab (at first, the screen's)."""
    chosen = st.session_state.get("at_left_out_company")
    return report(reports.company_columns, as_of).first if chosen is None else tuple(chosen)


def column_label(column, source: str, lg: str) -> str:
    """A column the model learns from in words: the company history's by their headings, a file's as written."""
    if source != "company":
        return str(column)
    if column in ("tenure", "age"):
        return i18n.t(f"attrition.feature.{column}", lg)
    return fields.label(column, lg)


def left_out_box(choice: reports.ColumnChoice, key: str, source: str, lg: str):
    """The choice of columns to leave out, the screen's first; returns its expander (for the reasons, after the
    fit) and the columns chosen."""
    box = st.expander(t("attrition.left_out"), expanded=choice.leaks)
    chosen = box.multiselect(t("attrition.left_out_pick"), list(choice.options), default=list(choice.first), key=key,
                             help=t("attrition.left_out_help"), placeholder=t("attrition.left_out_none"),
                             format_func=lambda c, lg=lg: column_label(c, source, lg))
    return box, tuple(chosen)


def model_tab(as_of, lg: str) -> None:
    st.caption(t("attrition.model_help"))
    source = st.radio(t("attrition.model_source"), ["company", "file"], horizontal=True, key="at_source",
                      format_func=lambda s, lg=lg: i18n.t(f"attrition.source.{s}", lg))
    if source == "company":
        if not st.toggle(t("attrition.fit_company"), key="at_fit_company"):
            return
        choice = report(reports.company_columns, as_of)
        if choice.problem:
            st.error(md("attrition.model_refused", reason=choice.problem))
            return
        box, left_out = left_out_box(choice, "at_left_out_company", source, lg)
        with st.spinner(t("attrition.fitting")):
            fitted = report(reports.company_model, as_of, left_out, shared=True)
    else:
        upload = st.file_uploader(t("attrition.model_file"), type=["csv", "xlsx"], key="at_model_file")
        if upload is None:
            return
        data = upload.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        columns = report(reports.file_columns, data, upload.name)
        target = st.selectbox(t("attrition.target"), list(columns.columns), index=0 if columns.proposed else None,
                              key="at_target", placeholder=t("attrition.target_pick"), help=t("attrition.target_help"))
        if target is None:
            return
        choice = report(reports.file_choice, data, upload.name, target)
        if choice.problem:
            st.error(md("attrition.model_refused", reason=choice.problem))
            return
        box, left_out = left_out_box(choice, f"at_left_out_{digest[:16]}_{target}", source, lg)
        with st.spinner(t("attrition.fitting")):
            fitted = report(reports.file_model, data, upload.name, target, left_out)
    if fitted.model is None:
        st.error(md("attrition.model_refused", reason=fitted.problem))
        return
    model = fitted.model
    m = st.columns(3)
    m[0].metric(t("attrition.auc"), f"{model.auc:.3f}", help=t("attrition.auc_help"))
    m[1].metric(t("attrition.family"), t(f"attrition.family.{model.family.replace(' ', '_')}"))
    m[2].metric(t("attrition.rows"), i18n.number(int(model.rows), lg),
                help=md("attrition.rows_help", exits=i18n.number(int(model.exits), lg)))
    st.caption(t("attrition.auc_reading", auc=f"{model.auc:.2f}", n=round(model.auc * 100)))
    if model.suspicious:
        st.warning(md("attrition.suspicious", auc=f"{model.auc:.3f}",
                      columns=", ".join(f"{column_label(c, source, lg)} ({a:.3f})" for c, a in fitted.strongest)),
                   icon=":material/warning:")
    if model.duplicates:
        st.info(md("attrition.duplicates", n=i18n.number(model.duplicates, lg)), icon=":material/content_copy:")
    if len(fitted.left_out):
        why = [t(f"attrition.drop.{code}", **({"auc": f"{auc:.3f}"} if code == "leak_auc" else {}))
               for code, auc in zip(fitted.left_out["code"], fitted.left_out["auc"])]
        downloadable(box, pd.DataFrame({t("attrition.col_column"): [column_label(c, source, lg)
                                                                    for c in fitted.left_out["column"]],
                                        t("attrition.col_reason"): why}), hide_index=True, width="stretch",
                          key="at_model_left_out", file_name="model-columns-left-out", recorded_as=None)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('attrition.candidates')}**")
        downloadable(st, pd.DataFrame({t("attrition.family_col"): [t(f"attrition.family.{f.replace(' ', '_')}")
                                                                   for f in model.candidates],
                                       t("attrition.auc"): [round(a, 3) for a in model.candidates.values()]}),
                         hide_index=True, width="stretch",
                         column_config={t("attrition.auc"): st.column_config.NumberColumn(format="%.3f")},
                         key="at_model_candidates", file_name="model-candidates", recorded_as=None)
    with right:
        cal = model.calibration
        fig = go.Figure([go.Scatter(x=[0, 1], y=[0, 1], mode="lines", line=dict(dash="dot", color="#999"),
                                    name=t("attrition.perfect")),
                         go.Scatter(x=cal["mean_predicted"], y=cal["observed_rate"], mode="lines+markers",
                                    name=t("attrition.model"), text=cal["count"],
                                    hovertemplate="%{x:.0%} → %{y:.0%} (n=%{text})<extra></extra>")])
        fig.update_layout(height=320, xaxis_title=t("attrition.predicted"), yaxis_title=t("attrition.observed"),
                          xaxis_tickformat=".0%", yaxis_tickformat=".0%", margin=dict(l=10, r=10, t=30, b=10),
                          title=t("attrition.calibration"), legend=dict(orientation="h", y=-0.25))
        plotly_chart(st, fig, width="stretch", key="at_calibration")
    if fitted.top is not None:
        st.markdown(f"**{t('attrition.file_top')}**")
        downloadable(st, pd.DataFrame({t("attrition.row"): fitted.top["row"], t("attrition.risk"): fitted.top["risk"],
                                       t("attrition.reasons"): ["; ".join(r) for r in fitted.top["reasons"]]}),
                         hide_index=True, width="stretch",
                         column_config={t("attrition.risk"): st.column_config.NumberColumn(format="%.3f")},
                         key="at_model_top", file_name="file-top-risk", recorded_as=None)


# -- cost -------------------------------------------------------------------------------------------

def cost_tab(as_of, settings: reports.Settings, lg: str) -> None:
    a, b, c = st.columns(3)
    local = a.number_input(t("attrition.local_wage"), *company.WAGE_RANGE, settings.local_avg_wage, 500.0,
                           format="%.0f", key="at_local", help=t("attrition.local_wage_help"))
    minimum = b.number_input(t("attrition.min_wage"), *company.MIN_WAGE_RANGE, settings.local_min_wage, 100.0,
                             format="%.0f", key="at_min_wage", help=t("attrition.min_wage_help"))
    months = c.number_input(t("attrition.replacement_months"), 0.0, 36.0, settings.replacement_months, 0.5,
                            key="at_repl", help=t("attrition.replacement_help"))
    cost = report(reports.who_may_leave, as_of, shared=True).costs(local, months, minimum)
    m = st.columns([1, 2, 1.4])  # the compensation's label says when it is owed: it takes room
    m[0].metric(t("attrition.people_at_risk"), i18n.number(cost.people, lg))
    m[1].metric(t("attrition.compensation_total"), money(cost.compensation, lg), help=t("attrition.compensation_help"))
    m[2].metric(t("attrition.replacement_total"), money(cost.replacement, lg))
    st.caption(t("attrition.not_owed_note"))
    listed = cost.listed
    id_column = t("competency.col.ratee_id")
    downloadable(st, pd.DataFrame({
        t("competency.col.name"): names(listed, lg), id_column: listed["employee_id"],
        t("attrition.hired"): listed["hire_date"].map(lambda d: day(d, lg)),
        t("attrition.months_n"): listed["months"], t("attrition.wage_used"): listed["wage_used"].round(0),
        t("attrition.compensation"): listed["compensation"].round(0),
        t("attrition.replacement"): listed["replacement"].round(0)}), hide_index=True, width="stretch",
        column_config={id_column: None, **{t(f"attrition.{c}"): money_column(t(f"attrition.{c}"))
                                           for c in ("wage_used", "compensation", "replacement")}},
        key="at_replacement_cost", file_name="replacement-cost", recorded_as="employees")
    if st.button(t("attrition.save_settings"), key="at_save_cost"):
        company.save(store(), local_avg_wage=local, local_min_wage=minimum)
        watchlist.save_settings(store(), {**watchlist.load_settings(store()), "replacement_months": months})
        st.session_state.at_notice = t("competency.settings_saved")
        st.rerun()
    leavers_section(as_of, local, minimum, lg)


def leavers_section(as_of, local: float, minimum: float, lg: str) -> None:
    """The last year's leavers: compensation only where their exit route owes it, and the arbitration limit."""
    st.subheader(t("attrition.leavers_title"))
    left = report(reports.leavers, as_of, local, minimum)
    if not len(left.people):
        st.info(t("attrition.no_leavers"))
        return
    st.caption(t("attrition.leavers_caption", owed=i18n.number(left.owed, lg), n=i18n.number(len(left.people), lg),
                 amount=money(left.owed_amount, lg)))
    listed = left.people.head(reports.MAX_LISTED)
    id_column = t("competency.col.ratee_id")
    downloadable(st, pd.DataFrame({
        t("competency.col.name"): names(listed, lg), id_column: listed["employee_id"],
        t("attrition.exit_date"): listed["exit_date"].map(lambda d: day(d, lg)),
        t("attrition.route"): listed["route"].map(
            lambda r: t(f"attrition.route.{r if isinstance(r, str) else 'unknown'}")),
        t("attrition.owed"): listed["owed"].map(yes_no),
        # Nothing owed, no N: a dash, not the "None" an empty number cell shows.
        t("attrition.months_n"): [f"{n:g}" if o else "–" for n, o in zip(listed["months"], listed["owed"])],
        t("attrition.compensation"): listed["compensation"].round(0),
        t("attrition.claim_by"): listed["claim_by"].map(lambda d: day(d, lg))}),
        hide_index=True, width="stretch",
        column_config={id_column: None, t("attrition.compensation"): money_column(t("attrition.compensation"))},
        key="at_leavers", file_name="leavers", recorded_as="employees")


# -- handover ---------------------------------------------------------------------------------------

def handover_tab(as_of, lg: str) -> None:
    handover = report(reports.handover, as_of)
    progress = handover.progress
    if len(progress):
        id_column = t("competency.col.ratee_id")
        named = names(progress, lg)
        downloadable(st, pd.DataFrame({
            t("competency.col.name"): named, id_column: progress["employee_id"],
            t("attrition.exit_date"): progress["exit_date"].map(lambda d: day(d, lg)),
            t("attrition.items"): progress["items"], t("attrition.done"): progress["done"],
            t("attrition.progress"): progress["progress"] * 100,
            t("attrition.next_due"): progress["next_due"].map(lambda d: day(d, lg))}),
            hide_index=True, width="stretch", height=min(36 * (len(progress) + 1) + 2, 320),
            column_config={id_column: None, t("attrition.progress"): st.column_config.ProgressColumn(
                t("attrition.progress"), min_value=0, max_value=100, format="%.0f%%")},
            key="at_handover", file_name="handover-progress", recorded_as="handover_tasks")
        who = st.selectbox(t("attrition.checklist_of"), progress["employee_id"].tolist(), key="at_ho_person",
                           format_func=dict(zip(progress["employee_id"], named)).get)
        checklist_editor(who, as_of, lg)
    else:
        st.info(t("attrition.no_handovers"))
    cover = report(reports.who_may_leave, as_of, shared=True).cover_everyone
    m = st.columns(3)
    m[0].metric(t("attrition.key_people"), i18n.number(cover.people, lg), help=t("attrition.key_people_help"))
    m[1].metric(t("attrition.successor_named"), percent_or_dash(cover.named_share, lg))
    m[2].metric(t("attrition.successor_ready"), percent_or_dash(cover.ready_share, lg))
    new_checklist(handover, as_of, lg)


def checklist_editor(who: str, as_of, lg: str) -> None:
    tasks = report(reports.checklist, who)
    suffix = "zh" if lg == "zh" else "en"
    shown = pd.DataFrame({
        "task_id": tasks["task_id"], "done": tasks["done"], "item": tasks[f"item_{suffix}"],
        "owner": tasks[f"owner_{suffix}"].fillna(""), "due_date": tasks["due_date"],
        "stage": tasks["stage"].map(lambda c: t(f"attrition.stage.{c}") if isinstance(c, str) else ""),
        "category": tasks["category"].map(lambda c: t(f"attrition.category.{c}") if isinstance(c, str) else ""),
        "receiver": tasks[f"receiver_{suffix}"].fillna(""), "second_receiver": tasks[f"second_receiver_{suffix}"]
        .fillna("")})
    edited = editor(st, shown, hide_index=True, width="stretch", key=f"at_ho_{who}",
                            disabled=[c for c in shown.columns if c != "done"],
                            # Done, the item, its owner and due date first: on a laptop the rest scrolls.
                            column_order=("done", "item", "owner", "due_date", "stage", "category", "receiver",
                                          "second_receiver"),
                            column_config={"task_id": None, "category": t("attrition.category"),
                                           "stage": t("attrition.stage"), "item": t("attrition.item"),
                                           "receiver": t("attrition.receiver"),
                                           "second_receiver": t("attrition.second_receiver"),
                                           "owner": t("attrition.owner"),
                                           "due_date": date_column(t("attrition.due")),
                                           "done": t("attrition.done")})
    changed = edited[edited["done"] != shown["done"]]
    if len(changed) and st.button(t("attrition.save_checklist"), key="at_ho_save"):
        for done, ids in changed.groupby("done")["task_id"]:
            watchlist.mark_done(store(), ids.tolist(), bool(done), as_of)
        st.session_state.at_notice = t("attrition.checklist_saved")
        st.rerun()


def new_checklist(handover: reports.Handover, as_of, lg: str) -> None:
    leavers = dict(zip(handover.candidates["employee_id"], names(handover.candidates, lg)))
    receivers = dict(zip(handover.receivers["employee_id"], names(handover.receivers, lg)))
    with st.form("at_new_handover", clear_on_submit=True):
        st.markdown(f"**{t('attrition.start_handover')}**")
        a, b, c = st.columns(3)
        leaver = a.selectbox(t("attrition.leaver"), list(leavers), index=None, format_func=leavers.get,
                             key="at_ho_leaver", placeholder=t("attrition.pick_person"))
        receiver = b.selectbox(t("attrition.receiver"), list(receivers), index=None, format_func=receivers.get,
                               key="at_ho_receiver", placeholder=t("attrition.pick_person"))
        second = c.selectbox(t("attrition.second_receiver"), list(receivers), index=None, format_func=receivers.get,
                             key="at_ho_second", placeholder=t("attrition.pick_person"))
        a, b, c = st.columns(3)
        hr_owner = a.selectbox(t("attrition.hr_owner"), list(receivers), index=None, format_func=receivers.get,
                               key="at_ho_hr", placeholder=t("attrition.pick_person"))
        begin = b.date_input(t("attrition.handover_start"), as_of, key="at_ho_start")
        due = c.date_input(t("attrition.due"), as_of + timedelta(days=30), key="at_ho_due",
                           help=t("attrition.handover_due_help"))
        if st.form_submit_button(t("attrition.create_checklist")):
            if leaver is None:
                st.error(t("attrition.pick_leaver"))
                return
            try:
                n = watchlist.start_handover(store(), leaver, receiver, second, None, due, start=begin,
                                             hr_owner_id=hr_owner)
            except ValueError as error:
                st.error(t("competency.not_saved", reason=errors.problem_text(error, lg, escape=i18n.plain)))
            else:
                st.session_state.at_notice = md("attrition.checklist_created", n=n)
                st.rerun()


lg = lang()
page_header("page.attrition", "attrition.intro", "at_notice")
settings = report(reports.settings)
as_of = settings.as_of
tabs = page_tabs("at_tab", ["attrition.tab.turnover", "attrition.tab.watchlist", "attrition.tab.model",
                            "attrition.tab.cost", "attrition.tab.handover"],
                 keep=("at_freq", "at_by", "at_km_by", "at_local", "at_min_wage", "at_repl"))
if tabs[0].open:
    with tabs[0]:
        turnover_tab(as_of, lg)
with tabs[1]:
    watchlist_tab(as_of, lg)
with tabs[2]:
    model_tab(as_of, lg)
if tabs[3].open:
    with tabs[3]:
        cost_tab(as_of, settings, lg)
with tabs[4]:
    handover_tab(as_of, lg)
