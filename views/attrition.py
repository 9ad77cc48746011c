"""Attrition watchlist: turnover, who may leave and why, the risk model, the cost, the handover (DOMAIN §7)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import attrition, company, i18n, imports, watchlist
from hrcore.company import as_of_date
from hrcore.i18n import plain
from views._common import lang, md, money, page_header, page_tabs, plotly_chart, store, t, version, watched

MAX_LISTED = 500  # rows listed; counts, charts and totals always use everyone


@st.cache_data(show_spinner=False, max_entries=2)
def base(db_path: str, data_version: int) -> dict:
    db = store()
    settings = company.load(db)
    return {"as_of": as_of_date(db, settings), "company": settings, "settings": watchlist.load_settings(db),
            "undated_leavers": company.undated_leavers(db), "signal_sources": watchlist.signal_sources(db),
            "departments": db.query("SELECT department_id, name_en, name_zh FROM departments"),
            "jobs": db.query("SELECT job_id, title_en, title_zh FROM jobs")}


@st.cache_data(show_spinner=False, max_entries=2)
def staff_history(db_path: str, data_version: int) -> pd.DataFrame:
    """Everyone placed in time (leavers without an exit date cannot be)."""
    return store().query(
        "SELECT e.employee_id, e.hire_date, e.exit_date, e.exit_type, e.department_id, "
        "coalesce(j.grade, e.grade) AS grade, coalesce(e.key_talent, false) AS key_talent, "
        "coalesce(d.parent_id, e.department_id) AS centre, j.job_family "
        "FROM employees e LEFT JOIN jobs j USING (job_id) LEFT JOIN departments d USING (department_id) "
        "WHERE e.hire_date IS NOT NULL AND (e.status = 'active' OR e.exit_date IS NOT NULL)")


@st.cache_data(show_spinner=False, max_entries=2)
def headline(db_path: str, data_version: int, as_of) -> tuple:
    """Turnover of the last 12 months, overall and of key talent, and new-hire turnover within 90 and 365 days."""
    staff = staff_history(db_path, data_version)
    key = staff[staff["key_talent"]]
    return (attrition.turnover_by_period(staff, as_of, freq="M", by=None, months=12),
            attrition.turnover_by_period(key, as_of, freq="M", by=None, months=12) if len(key) else None,
            {days: attrition.new_hire_turnover(staff, as_of, within_days=days) for days in (90, 365)})


@st.cache_data(show_spinner=False, max_entries=4)
def turnover(db_path: str, data_version: int, as_of, freq: str, by: str | None) -> pd.DataFrame:
    staff = staff_history(db_path, data_version)
    if by == "tenure_band":
        # Tenure at the end of each person's time here (or today): the band they left from.
        end = staff["exit_date"].fillna(pd.Timestamp(as_of))
        staff = staff.assign(tenure_band=attrition.tenure_band(staff["hire_date"], end))
    return attrition.turnover_by_period(staff, as_of, freq=freq, by=by, months=36)


@st.cache_data(show_spinner=False, max_entries=4)
def survival(db_path: str, data_version: int, as_of, by: str | None) -> pd.DataFrame:
    staff = staff_history(db_path, data_version)
    if by == "hire_year":
        staff = staff.assign(hire_year=pd.to_datetime(staff["hire_date"]).dt.year.astype(str))
    return attrition.tenure_survival(staff, as_of, by=by)


COMPANY_TARGET, COMPANY_FIXED = "left_company", ("employee_id",)  # the id only matches people to their risk


@st.cache_data(show_spinner=False, max_entries=2)
def company_screen(db_path: str, data_version: int, as_of):
    """The company history's columns sorted out (what the model would leave out, and why), or the reason none."""
    try:
        return attrition.screen_columns(watchlist.history(store(), as_of), COMPANY_TARGET, exclude=COMPANY_FIXED), None
    except ValueError as error:
        return None, str(error)


@st.cache_data(show_spinner=False, max_entries=2)
def company_model(db_path: str, data_version: int, as_of, include: tuple = (), exclude: tuple = COMPANY_FIXED):
    frame = watchlist.history(store(), as_of)
    try:
        model = attrition.fit_risk_model(frame, COMPANY_TARGET, include=include, exclude=exclude)
    except ValueError as error:
        return None, str(error)
    active = frame[frame[COMPANY_TARGET] == 0]
    return model, pd.Series(model.predict_proba(active).to_numpy(), index=active["employee_id"].to_numpy())


def company_columns(as_of) -> tuple[tuple, tuple]:
    """``include`` and ``exclude`` of the company model as chosen on the Risk model tab (the screen's at first)."""
    screen = company_screen(*version(), as_of)[0]
    if screen is None:
        return (), COMPANY_FIXED
    return columns_chosen(screen, st.session_state.get("at_left_out_company"), COMPANY_FIXED)


def left_out_first(screen: attrition.ColumnScreen) -> list:
    """The columns the screen leaves out that a user may put back (not empty or constant ones, not the fixed)."""
    return [c for c, why in screen.dropped.items() if why["code"] not in (*attrition.CANNOT_INCLUDE, "excluded")]


def columns_chosen(screen: attrition.ColumnScreen, chosen, fixed: tuple) -> tuple[tuple, tuple]:
    """``include`` and ``exclude`` for the columns a user leaves out (None: as the screen does)."""
    first = left_out_first(screen)
    chosen = first if chosen is None else list(chosen)
    return (tuple(c for c in first if c not in chosen),
            tuple(fixed) + tuple(c for c in chosen if c not in first and c not in fixed))


@st.cache_data(show_spinner=False, max_entries=2)
def file_screen(digest: str, data: bytes, filename: str, target: str):
    try:
        return attrition.screen_columns(imports.read_file(data, filename).frame, target), None
    except ValueError as error:
        return None, str(error)


@st.cache_data(show_spinner=False, max_entries=2)
def file_model(digest: str, data: bytes, filename: str, target: str, include: tuple = (), exclude: tuple = ()):
    frame = imports.read_file(data, filename).frame
    try:
        return attrition.fit_risk_model(frame, target, include=include, exclude=exclude), frame, None
    except ValueError as error:
        return None, frame, str(error)


@st.cache_data(show_spinner=False, max_entries=2)
def watch_figures(db_path: str, data_version: int, as_of) -> dict:
    """The watchlist's tiles, counted once per data version and settings rather than on every rerun."""
    frame = watched(db_path, data_version, as_of)
    high = frame["score"] >= base(db_path, data_version)["settings"]["high_risk"]
    secret = frame["secrets_access"].fillna(False).astype(bool) & ~frame["non_compete"].fillna(False).astype(bool)
    return {"high": int(high.sum()), "key": int((high & frame["key_talent"]).sum()),
            "secrets_no_nc": int((high & secret).sum()), "cover": watchlist.successor_coverage(frame[high]),
            "cover_everyone": watchlist.successor_coverage(frame),
            "groups": watchlist.group_risks(frame, base(db_path, data_version)["settings"]["high_risk"]),
            "departments": sorted(frame["department_id"].dropna().unique())}


@st.cache_data(show_spinner=False, max_entries=4)
def handover_progress(db_path: str, data_version: int, lg: str) -> pd.DataFrame:
    """Every leaver's checklist progress, named and dated in the language (a thousand leavers take 0.1 s a run)."""
    progress = watchlist.handovers(store())
    return progress.assign(name=names_of(progress, lg),
                           exit_day=progress["exit_date"].map(lambda d: "" if pd.isna(d) else i18n.day(d, lg)),
                           next_day=progress["next_due"].map(lambda d: "" if pd.isna(d) else i18n.day(d, lg)))


def names_of(frame: pd.DataFrame, lg: str) -> pd.Series:
    return i18n.names(frame["name_en"], frame["name_zh"], lg, fallback=frame["employee_id"])


# -- turnover ---------------------------------------------------------------------------------------

def turnover_tab(info: dict, lg: str) -> None:
    as_of = info["as_of"]
    last12, key12, new_hires = headline(*version(), as_of)
    separations = int(last12["separations"].sum())
    # DOMAIN §7 over the 12 months as one period: the average of the headcount at its start and its end.
    average = float((last12["headcount_start"].iloc[0] + last12["headcount_end"].iloc[-1]) / 2)
    m = st.columns(5)
    m[0].metric(t("attrition.rate_12m"), i18n.percent(separations / average, lg) if average else "–",
                help=t("attrition.rate_12m_help"))
    voluntary = int(last12["voluntary"].sum())
    typed = voluntary + int(last12["involuntary"].sum())
    # Of the exits whose type is known: with none known, the share is not zero but unknown.
    m[1].metric(t("attrition.voluntary_share"), i18n.percent(voluntary / typed, lg) if typed else "–",
                help=t("attrition.voluntary_share_help"))
    if key12 is not None:
        key_avg = float((key12["headcount_start"].iloc[0] + key12["headcount_end"].iloc[-1]) / 2)
        m[2].metric(t("attrition.key_rate"), i18n.percent(key12["separations"].sum() / key_avg, lg) if key_avg else "–")
    for col, days in ((m[3], 90), (m[4], 365)):
        hires = new_hires[days]
        col.metric(t("attrition.new_hire_rate", days=days), i18n.percent(hires.rate, lg) if hires.hires else "–",
                   help=md("attrition.new_hire_help", hires=hires.hires, days=days))

    if info["undated_leavers"]:
        st.caption(md("overview.undated_leavers", n=i18n.number(info["undated_leavers"], lg)))
    a, b = st.columns(2)
    freq = a.segmented_control(t("attrition.freq"), ["M", "Q", "Y"], default="Q", key="at_freq",
                               format_func=lambda f, lg=lg: i18n.t(f"attrition.freq.{f}", lg)) or "Q"
    by = b.selectbox(t("attrition.by"), ["none", "centre", "department_id", "tenure_band", "grade", "job_family",
                                            "key_talent"],
                     key="at_by", format_func=lambda x, lg=lg: i18n.t(f"attrition.by.{x}", lg))
    rates = turnover(*version(), as_of, freq, None if by == "none" else by)
    depts = {r.department_id: i18n.name(r.name_en, r.name_zh, lg) for r in info["departments"].itertuples()}
    if by == "none":
        kinds = [("voluntary_rate", "attrition.voluntary"), ("involuntary_rate", "attrition.involuntary"),
                 ("unspecified_rate", "flow.unspecified")]
        # Exits whose type the data do not give are a bar of their own, never left off the chart.
        fig = go.Figure([go.Bar(x=rates["period"].astype(str), y=rates[column], name=t(label))
                         for column, label in kinds if column != "unspecified_rate" or rates["unspecified"].any()])
        fig.update_layout(barmode="stack", yaxis_tickformat=".1%", height=360, margin=dict(l=10, r=10, t=10, b=10),
                          legend=dict(orientation="h", y=-0.15), yaxis_title=t("attrition.rate_axis"))
        plotly_chart(st, fig, width="stretch", key="at_rate_chart")
        st.caption(t("attrition.running_period"))
    else:
        label = (lambda g: depts.get(g, g)) if by in ("centre", "department_id") else str
        totals = rates.groupby(by, dropna=False).agg(separations=("separations", "sum"),
                                                     start=("headcount_start", "mean"),
                                                     end=("headcount_end", "mean")).reset_index()
        totals = totals.rename(columns={by: "group"})
        # Over the whole window: separations over the average headcount, annualised per year of window.
        years = rates["period"].nunique() / {"M": 12, "Q": 4, "Y": 1}[freq]
        totals["rate"] = totals["separations"] / ((totals["start"] + totals["end"]) / 2) / max(years, 1e-9)
        totals = totals.sort_values("rate", ascending=False).head(25)
        fig = go.Figure(go.Bar(y=[label(g) for g in totals["group"]], x=totals["rate"], orientation="h",
                               text=[i18n.percent(r, lg) for r in totals["rate"]], textposition="outside"))
        fig.update_layout(height=max(300, 24 * len(totals) + 60), xaxis_tickformat=".0%",
                          margin=dict(l=10, r=40, t=10, b=10), yaxis=dict(autorange="reversed"))
        plotly_chart(st, fig, width="stretch", key="at_group_chart")
        st.caption(t("attrition.by_help"))

    st.subheader(t("attrition.survival"))
    cohort = st.selectbox(t("attrition.survival_by"), ["none", "centre", "hire_year"], key="at_km_by",
                          format_func=lambda x, lg=lg: i18n.t("attrition.everyone" if x == "none" else
                                                              f"attrition.by.{x}", lg))
    curves = survival(*version(), as_of, None if cohort == "none" else cohort)
    fig = go.Figure()
    groups = curves[cohort].unique() if cohort != "none" else [None]
    if cohort == "hire_year":
        groups = sorted(groups)[-6:]
    for g in groups:
        part = curves if g is None else curves[curves[cohort] == g]
        name = t("attrition.everyone") if g is None else (depts.get(g, g) if cohort == "centre" else str(g))
        fig.add_trace(go.Scatter(x=part["tenure_years"], y=part["survival"], mode="lines", line_shape="hv",
                                 name=name))
    fig.update_layout(height=380, xaxis_title=t("attrition.years_of_service"), yaxis_title=t("attrition.still_here"),
                      yaxis_tickformat=".0%", margin=dict(l=10, r=10, t=10, b=10))
    plotly_chart(st, fig, width="stretch", key="at_km")
    st.caption(t("attrition.survival_help"))


# -- watchlist --------------------------------------------------------------------------------------

def watchlist_tab(info: dict, frame: pd.DataFrame, lg: str) -> None:
    settings = info["settings"]
    depts = {r.department_id: i18n.name(r.name_en, r.name_zh, lg) for r in info["departments"].itertuples()}
    figures = watch_figures(*version(), info["as_of"])
    m = st.columns(4)
    m[0].metric(t("attrition.high_risk"), i18n.number(figures["high"], lg),
                help=md("attrition.high_risk_help", threshold=settings["high_risk"]))
    m[1].metric(t("attrition.key_at_risk"), i18n.number(figures["key"], lg))
    m[2].metric(t("attrition.secrets_no_nc"), i18n.number(figures["secrets_no_nc"], lg),
                help=t("attrition.secrets_no_nc_help"))
    cover = figures["cover"]
    m[3].metric(t("attrition.successor_ready"), f"{cover.ready_now} / {cover.people}",
                help=t("attrition.successor_ready_help"))

    legal_and_group_risks(info, figures["groups"], depts, lg)

    sources = info["signal_sources"]
    if (sources["rows"] == 0).any():
        st.caption(t("attrition.sources", missing="; ".join(
            t(f"attrition.evidence.{signal}") for signal in sources.index[sources["rows"] == 0])))

    with st.expander(t("attrition.filters"), expanded=True):
        a, b, c, d = st.columns(4)
        chosen = a.multiselect(t("overview.department"), sorted(figures["departments"], key=lambda x: depts.get(x, x)),
                               format_func=lambda x: depts.get(x, x), key="at_dept", placeholder=t("filter.any"))
        manager = b.text_input(t("attrition.manager"), key="at_manager").strip()
        segments = c.multiselect(t("attrition.segment"), list(watchlist.SEGMENTS), key="at_segment",
                                 format_func=lambda s, lg=lg: i18n.t(f"attrition.segment.{s}", lg),
                                 placeholder=t("filter.any"))
        key_only = d.toggle(t("attrition.key_only"), key="at_key_only")
        minimum = st.slider(t("attrition.min_score"), 0, 100, int(settings["high_risk"]), 5, key="at_min")
    # Masks and positions, not filtered copies: at a million people a threshold keeps a hundred thousand rows.
    keep = frame["score"].to_numpy() >= minimum
    if chosen:
        keep &= frame["department_id"].isin(chosen).to_numpy()
    if manager:
        keep &= (frame["manager_id"] == manager).fillna(False).to_numpy(dtype=bool)
    if segments:
        keep &= frame["segment"].isin(segments).to_numpy()
    if key_only:
        keep &= frame["key_talent"].to_numpy(dtype=bool)
    found = np.flatnonzero(keep)
    # Highest score first, key talent first among equals (a stable sort, as sort_values on both columns).
    found = found[np.lexsort((~frame["key_talent"].to_numpy(dtype=bool)[found], -frame["score"].to_numpy()[found]))]
    # The model's risk beside the signal score, once someone has fitted it on the Risk model tab.
    model_risk = (company_model(*version(), info["as_of"], *company_columns(info["as_of"]))[1]
                  if st.session_state.get("at_fit_company") else None)
    model_risk = model_risk if isinstance(model_risk, pd.Series) else None
    signal_names = {s: t(f"attrition.signal.{s}") for s in watchlist.SIGNALS}
    if not len(found):
        st.info(md("attrition.nobody_listed", score=minimum), icon=":material/person_search:")
        return
    shown = frame.iloc[found[:MAX_LISTED]]
    shown = shown.assign(name=names_of(shown, lg))  # named only as listed
    table = pd.DataFrame({
        t("competency.col.ratee_id"): shown["employee_id"], t("competency.col.name"): shown["name"],
        t("overview.department"): shown["department_id"].map(depts),
        t("attrition.score"): shown["score"],
        t("attrition.model_risk"): shown["employee_id"].map(model_risk) if model_risk is not None else None,
        t("attrition.reasons"): shown["reasons"].map({rs: ", ".join(signal_names[r] for r in rs.split(",") if r)
                                                      for rs in shown["reasons"].unique()}),
        t("attrition.segment"): shown["segment"].map({s: t(f"attrition.segment.{s}") for s in watchlist.SEGMENTS}),
        t("attrition.key_talent"): shown["key_talent"],
        t("attrition.exposure"): exposure_texts(shown),
        t("attrition.actions"): shown["actions"],
    })
    st.dataframe(table, hide_index=True, width="stretch", height=min(36 * (len(table) + 1) + 2, 460),
                 column_config={t("attrition.score"): st.column_config.ProgressColumn(
                     t("attrition.score"), min_value=0, max_value=100, format="%d"),
                     t("attrition.model_risk"): (st.column_config.NumberColumn(
                         t("attrition.model_risk"), format="percent", help=t("attrition.model_risk_help"))
                         if model_risk is not None else None)})
    st.caption(md("competency.first_n", n=len(shown), total=len(found)))
    person_panel(shown, info, lg)


def legal_and_group_risks(info: dict, groups: pd.DataFrame, depts: dict, lg: str) -> None:
    """Seed 001's group departure risk (集体跳槽) and the one-year limit for labour arbitration."""
    if len(groups):
        names = names_of(store().query("SELECT employee_id, name_en, name_zh FROM employees WHERE employee_id IN "
                                       "(SELECT unnest(?))", [groups["group"].astype(str).tolist()])
                         .set_index("employee_id", drop=False), lg)
        lines = [md(f"attrition.group_line.{g.kind}", group=depts.get(g.group, g.group) if g.kind == "department"
                   else names.get(g.group, g.group), high=i18n.number(g.high, lg), people=i18n.number(g.people, lg),
                   share=i18n.percent(g.share, lg), keys=i18n.number(g.key, lg)) for g in groups.itertuples()]
        st.warning(t("attrition.group_risk", n=len(groups)) + "\n\n" + "\n".join(f"- {line}" for line in lines),
                   icon=":material/groups:")
    reminders = arbitration(*version(), info["as_of"], lg)
    with st.expander(t("attrition.arbitration_title", n=i18n.number(len(reminders), lg))):
        st.caption(t("attrition.arbitration_help"))
        if len(reminders):
            st.dataframe(pd.DataFrame({
                t("competency.col.ratee_id"): reminders["employee_id"], t("competency.col.name"): reminders["name"],
                t("overview.department"): reminders["department_id"].map(depts),
                t("attrition.exit_date"): reminders["exit_day"], t("attrition.claim_by"): reminders["claim_day"],
                t("attrition.days_left"): reminders["days_left"]}).head(MAX_LISTED),
                hide_index=True, width="stretch")


@st.cache_data(show_spinner=False, max_entries=4)
def arbitration(db_path: str, data_version: int, as_of, lg: str) -> pd.DataFrame:
    left = watchlist.arbitration_reminders(store(), as_of)
    return left.assign(name=names_of(left, lg), exit_day=left["exit_date"].map(lambda d: i18n.day(d, lg)),
                       claim_day=left["claim_by"].map(lambda d: i18n.day(d, lg)))


def exposure_texts(shown: pd.DataFrame) -> list[str]:
    """What each listed person could take with them, flag by flag (unknown counts as no)."""
    def yes(column):
        return shown[column].eq(True).fillna(False).to_numpy(dtype=bool)

    has = {k: yes(k) for k in ("key_knowledge", "client_channels", "supplier_channels", "secrets_access")}
    has["no_non_compete"] = has["secrets_access"] & ~yes("non_compete")
    labels = {k: t(f"attrition.exp.{k}") for k in has}
    return [", ".join(labels[k] for k in has if has[k][i]) for i in range(len(shown))]


def person_panel(shown: pd.DataFrame, info: dict, lg: str) -> None:
    labels = dict(zip(shown["employee_id"], shown["name"] + " (" + shown["employee_id"] + ")"))
    who = st.selectbox(t("attrition.person"), list(labels), key="at_person", format_func=labels.__getitem__)
    person = shown.set_index("employee_id").loc[who]
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{md('attrition.why', score=int(person['score']))}**")
        for reason in filter(None, person["reasons"].split(",")):
            st.markdown(f"- **{t(f'attrition.signal.{reason}')}** (+{watchlist.SIGNAL_POINTS[reason]}): "
                        f"{t(f'attrition.signal_help.{reason}')}")
        if not person["reasons"]:
            st.caption(t("attrition.no_signals"))
        st.markdown(f"**{t('attrition.segment')}: {t('attrition.segment.' + person['segment'])}**")
        st.info(t(f"attrition.advice.{person['segment']}"))
    with right:
        st.markdown(f"**{t('attrition.exposure')}**")
        flags = ["key_knowledge", "client_channels", "supplier_channels", "secrets_access", "non_compete"]
        if all(pd.isna(person.get(k)) for k in flags):
            st.caption(t("attrition.no_exposure"))
        st.dataframe(pd.DataFrame({t("attrition.item"): [t(f"attrition.exp.{k}") for k in flags],
                                   t("attrition.value"): [yes_no(person.get(k), lg) for k in flags]}),
                     hide_index=True, width="stretch")
        successor = person.get("successor_id")
        ready = person.get("successor_ready")
        st.markdown(f"{t('attrition.successor')}: "
                    + (f"{plain(successor)} · {t('attrition.ready.' + ready)}" if isinstance(successor, str) and
                       isinstance(ready, str) else t("attrition.no_successor")))
        actions = store().query("SELECT action_date, kind, note, outcome FROM retention_actions WHERE employee_id = ? "
                                "ORDER BY action_date DESC", [who])
        if len(actions):
            st.markdown(f"**{t('attrition.actions_taken')}**")
            st.dataframe(pd.DataFrame({
                t("attrition.date"): actions["action_date"].map(lambda d: i18n.day(d, lg)),
                t("attrition.action_kind"): actions["kind"].map(lambda k: t(f"attrition.action.{k}")),
                t("competency.c.note"): actions["note"].map(lambda n: i18n.name(*(n.split(" / ", 1)), lg)
                                                            if isinstance(n, str) and " / " in n else n),
                t("attrition.outcome"): actions["outcome"].map(lambda o: t(f"attrition.outcome.{o}")
                                                               if isinstance(o, str) else "")}),
                hide_index=True, width="stretch")
        with st.form("at_signal", clear_on_submit=True):
            st.markdown(f"**{t('attrition.record_signal')}**")
            kind = st.selectbox(t("attrition.signal_kind"), [k for k in watchlist.RECORDED if k != "leave_rising"],
                                format_func=lambda k, lg=lg: i18n.t(f"attrition.signal.{k}", lg), key="at_signal_kind")
            note = st.text_input(t("competency.c.note"), key="at_signal_note")
            if st.form_submit_button(t("attrition.save_signal")):
                watchlist.record_signal(store(), who, kind, info["as_of"], note or None)
                st.session_state.at_notice = md("attrition.signal_saved", name=person["name"])
                st.rerun()
        with st.form("at_action", clear_on_submit=True):
            st.markdown(f"**{t('attrition.record_action')}**")
            kind = st.selectbox(t("attrition.action_kind"), ["retention_talk", "pay_review", "development",
                                                             "role_change", "recognition", "other"],
                                format_func=lambda k, lg=lg: i18n.t(f"attrition.action.{k}", lg), key="at_action_kind")
            note = st.text_input(t("competency.c.note"), key="at_action_note")
            if st.form_submit_button(t("attrition.save_action")):
                watchlist.record_action(store(), who, kind, info["as_of"], person.get("manager_id"), note or None)
                st.session_state.at_notice = md("attrition.action_saved", name=person["name"])
                st.rerun()


def yes_no(value, lg: str) -> str:
    if value is True or value is np.True_:
        return t("attrition.yes")
    if value is False or value is np.False_:
        return t("attrition.no")
    return "–"


# -- risk model -------------------------------------------------------------------------------------

def left_out_box(screen: attrition.ColumnScreen, columns: list, target, fixed: tuple, key: str):
    """The choice of columns to leave out, the screen's first; returns its expander (for the reasons, after the
    fit) and ``include``, ``exclude`` for the model."""
    first = left_out_first(screen)
    leaks = any(why["code"].startswith("leak") for why in screen.dropped.values())
    box = st.expander(t("attrition.left_out"), expanded=leaks)
    options = [c for c in columns if c != target and c not in fixed
               and screen.dropped.get(c, {}).get("code") not in attrition.CANNOT_INCLUDE]
    chosen = box.multiselect(t("attrition.left_out_pick"), options, default=first, key=key,
                             help=t("attrition.left_out_help"), placeholder=t("attrition.left_out_none"))
    return (box, *columns_chosen(screen, chosen, fixed))


def dropped_table(model: attrition.RiskModel, fixed: tuple) -> pd.DataFrame:
    """The columns the model leaves out and why, in the language, leaks first as they matter most (not the
    ``fixed`` ones, which the page leaves out and the user never chose)."""
    def why(reason: dict) -> str:
        values = {"auc": f"{reason['auc']:.3f}"} if "auc" in reason else {}
        return t(f"attrition.drop.{reason['code']}", **values)

    names = sorted((c for c in model.dropped if c not in fixed),
                   key=lambda c: not model.dropped[c]["code"].startswith("leak"))
    return pd.DataFrame({t("attrition.col_column"): [str(c) for c in names],
                         t("attrition.col_reason"): [why(model.dropped[c]) for c in names]})


def model_tab(info: dict, lg: str) -> None:
    st.caption(t("attrition.model_help"))
    source = st.radio(t("attrition.model_source"), ["company", "file"], horizontal=True, key="at_source",
                      format_func=lambda s, lg=lg: i18n.t(f"attrition.source.{s}", lg))
    model = None
    if source == "company":
        if not st.toggle(t("attrition.fit_company"), key="at_fit_company"):
            return
        screen, problem = company_screen(*version(), info["as_of"])
        if screen is not None:
            box, include, exclude = left_out_box(screen, list(screen.kinds) + list(screen.dropped), COMPANY_TARGET,
                                                 COMPANY_FIXED, "at_left_out_company")
            with st.spinner(t("attrition.fitting")):
                model, fitted = company_model(*version(), info["as_of"], include, exclude)
            problem = fitted if model is None else None
        frame = None
    else:
        upload = st.file_uploader(t("attrition.model_file"), type=["csv", "xlsx"], key="at_model_file")
        if upload is None:
            return
        data = upload.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        raw = imports.read_file(data, upload.name).frame
        # Columns that look like an exit flag first, the likeliest chosen; none guessed when none looks like one.
        proposed = attrition.target_candidates(raw)
        columns = proposed + [c for c in raw.columns if c not in proposed]
        target = st.selectbox(t("attrition.target"), columns, index=0 if proposed else None, key="at_target",
                              placeholder=t("attrition.target_pick"), help=t("attrition.target_help"))
        if target is None:
            return
        screen, problem = file_screen(digest, data, upload.name, target)
        if screen is not None:
            box, include, exclude = left_out_box(screen, list(raw.columns), target, (),
                                                 f"at_left_out_{digest[:16]}_{target}")
            with st.spinner(t("attrition.fitting")):
                model, frame, problem = file_model(digest, data, upload.name, target, include, exclude)
    if model is None:
        st.error(md("attrition.model_refused", reason=problem))
        return
    m = st.columns(3)
    m[0].metric(t("attrition.auc"), f"{model.auc:.3f}", help=t("attrition.auc_help"))
    m[1].metric(t("attrition.family"), t(f"attrition.family.{model.family.replace(' ', '_')}"))
    m[2].metric(t("attrition.rows"), i18n.number(int(model.rows), lg),
                help=md("attrition.rows_help", exits=i18n.number(int(model.exits), lg)))
    if model.suspicious:
        used = sorted(((a, c) for c, a in model.column_auc.items() if c not in model.dropped), reverse=True)[:3]
        st.warning(md("attrition.suspicious", auc=f"{model.auc:.3f}",
                      columns=", ".join(f"{c} ({a:.3f})" for a, c in used)), icon=":material/warning:")
    if model.duplicates:
        st.info(md("attrition.duplicates", n=i18n.number(model.duplicates, lg)), icon=":material/content_copy:")
    listed = dropped_table(model, COMPANY_FIXED if source == "company" else ())
    if len(listed):
        box.dataframe(listed, hide_index=True, width="stretch")
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('attrition.candidates')}**")
        st.dataframe(pd.DataFrame({t("attrition.family_col"): [t(f"attrition.family.{f.replace(' ', '_')}")
                                                               for f in model.candidates],
                                   t("attrition.auc"): [round(a, 3) for a in model.candidates.values()]}),
                     hide_index=True, width="stretch",
                     column_config={t("attrition.auc"): st.column_config.NumberColumn(format="%.3f")})
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
    if frame is not None:
        risk = model.predict_proba(frame).to_numpy()
        top = np.argsort(-risk)[:50]
        reasons = model.reasons(frame.iloc[top], n=3)
        st.markdown(f"**{t('attrition.file_top')}**")
        st.dataframe(pd.DataFrame({t("attrition.row"): top + 2, t("attrition.risk"): risk[top].round(3),
                                   t("attrition.reasons"): ["; ".join(r) for r in reasons]}),
                     hide_index=True, width="stretch")


# -- cost -------------------------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=4)
def costs_of(db_path: str, data_version: int, as_of, high_risk: int, local: float, months: float,
             minimum: float) -> pd.DataFrame:
    frame = watched(db_path, data_version, as_of)
    high = frame[frame["score"] >= high_risk]
    return high.join(watchlist.costs(high, as_of, local, months, minimum).drop(columns="employee_id"))


@st.cache_data(show_spinner=False, max_entries=4)
def leavers_of(db_path: str, data_version: int, as_of, local: float, minimum: float) -> pd.DataFrame:
    return watchlist.leaver_costs(store(), as_of, local, minimum)


def cost_tab(info: dict, lg: str) -> None:
    settings = info["settings"]
    a, b, c = st.columns(3)
    local = a.number_input(t("attrition.local_wage"), *company.WAGE_RANGE, float(info["company"].local_avg_wage), 500.0,
                           key="at_local", help=t("attrition.local_wage_help"))
    minimum = b.number_input(t("attrition.min_wage"), *company.MIN_WAGE_RANGE, float(info["company"].local_min_wage),
                             100.0, key="at_min_wage", help=t("attrition.min_wage_help"))
    months = c.number_input(t("attrition.replacement_months"), 0.0, 36.0, float(settings["replacement_months"]), 0.5,
                            key="at_repl", help=t("attrition.replacement_help"))
    high = costs_of(*version(), info["as_of"], int(settings["high_risk"]), local, months, minimum)
    cost = high
    m = st.columns([1, 2, 1.4])  # the compensation's label says when it is owed: it takes room
    m[0].metric(t("attrition.people_at_risk"), i18n.number(len(high), lg))
    m[1].metric(t("attrition.compensation_total"), money(float(cost["compensation"].sum()), lg),
                help=t("attrition.compensation_help"))
    m[2].metric(t("attrition.replacement_total"), money(float(cost["replacement"].sum()), lg))
    st.caption(t("attrition.not_owed_note"))
    listed = high.sort_values("compensation", ascending=False).head(MAX_LISTED)  # formatted only as listed
    st.dataframe(pd.DataFrame({
        t("competency.col.ratee_id"): listed["employee_id"], t("competency.col.name"): names_of(listed, lg),
        t("attrition.hired"): listed["hire_date"].map(lambda d: i18n.day(d, lg)),
        t("attrition.months_n"): listed["months"], t("attrition.wage_used"): listed["wage_used"].round(0),
        t("attrition.compensation"): listed["compensation"].round(0),
        t("attrition.replacement"): listed["replacement"].round(0)}), hide_index=True, width="stretch")
    if st.button(t("attrition.save_settings"), key="at_save_cost"):
        company.save(store(), local_avg_wage=local, local_min_wage=minimum)
        watchlist.save_settings(store(), {**settings, "replacement_months": months})
        st.session_state.at_notice = t("competency.settings_saved")
        st.rerun()
    leavers_section(info, local, minimum, lg)


def leavers_section(info: dict, local: float, minimum: float, lg: str) -> None:
    """The last year's leavers: compensation only where their exit route owes it, and the arbitration limit."""
    st.subheader(t("attrition.leavers_title"))
    left = leavers_of(*version(), info["as_of"], local, minimum)
    if not len(left):
        st.info(t("attrition.no_leavers"))
        return
    owed = left["owed"] == True  # noqa: E712 (None: the route is not known)
    st.caption(t("attrition.leavers_caption", owed=i18n.number(int(owed.sum()), lg), n=i18n.number(len(left), lg),
                 amount=money(float(left.loc[owed, "compensation"].sum()), lg)))
    listed = left.head(MAX_LISTED)
    st.dataframe(pd.DataFrame({
        t("competency.col.ratee_id"): listed["employee_id"], t("competency.col.name"): names_of(listed, lg),
        t("attrition.exit_date"): listed["exit_date"].map(lambda d: i18n.day(d, lg)),
        t("attrition.route"): listed["route"].map(
            lambda r: t(f"attrition.route.{r if isinstance(r, str) else 'unknown'}")),
        t("attrition.owed"): listed["owed"].map(lambda v: yes_no(v, lg)),
        # Nothing owed, no N: a dash, not the "None" an empty number cell shows.
        t("attrition.months_n"): [f"{n:g}" if o else "–" for n, o in zip(listed["months"], listed["owed"])],
        t("attrition.compensation"): listed["compensation"].round(0),
        t("attrition.claim_by"): listed["claim_by"].map(lambda d: i18n.day(d, lg))}),
        hide_index=True, width="stretch")


# -- handover ---------------------------------------------------------------------------------------

def handover_tab(info: dict, cover: watchlist.Coverage, lg: str) -> None:
    db = store()
    progress = handover_progress(*version(), lg)
    if len(progress):
        st.dataframe(pd.DataFrame({
            t("competency.col.ratee_id"): progress["employee_id"], t("competency.col.name"): progress["name"],
            t("attrition.exit_date"): progress["exit_day"],
            t("attrition.items"): progress["items"], t("attrition.done"): progress["done"],
            t("attrition.progress"): progress["progress"] * 100,
            t("attrition.next_due"): progress["next_day"]}),
            hide_index=True, width="stretch", height=min(36 * (len(progress) + 1) + 2, 320),
            column_config={t("attrition.progress"): st.column_config.ProgressColumn(
                t("attrition.progress"), min_value=0, max_value=100, format="%.0f%%")})
        who = st.selectbox(t("attrition.checklist_of"), progress["employee_id"].tolist(), key="at_ho_person",
                           format_func=dict(zip(progress["employee_id"], progress["name"])).get)
        tasks = db.query("SELECT task_id, category, stage, item, receiver_id, second_receiver_id, owner_id, "
                         "CAST(due_date AS DATE) AS due_date, done FROM handover_tasks WHERE employee_id = ? "
                         "ORDER BY CASE stage WHEN 'first' THEN 1 WHEN 'second' THEN 2 WHEN 'final' THEN 3 END, "
                         "due_date, task_id", [who])
        tasks["item"] = [i18n.name(*(i.split(" / ", 1) if " / " in i else (i, i)), lg) for i in tasks["item"]]
        tasks["category"] = tasks["category"].map(lambda c: t(f"attrition.category.{c}") if isinstance(c, str) else "")
        tasks["stage"] = tasks["stage"].map(lambda c: t(f"attrition.stage.{c}") if isinstance(c, str) else "")
        tasks["due_date"] = pd.to_datetime(tasks["due_date"]).dt.date
        edited = st.data_editor(tasks, hide_index=True, width="stretch", key=f"at_ho_{who}",
                                disabled=[c for c in tasks.columns if c != "done"],
                                # Done, the item, its owner and due date first: on a laptop the rest scrolls.
                                column_order=("done", "item", "owner_id", "due_date", "stage", "category",
                                              "receiver_id", "second_receiver_id"),
                                column_config={"task_id": None, "category": t("attrition.category"),
                                               "stage": t("attrition.stage"), "item": t("attrition.item"),
                                               "receiver_id": t("attrition.receiver"),
                                               "second_receiver_id": t("attrition.second_receiver"),
                                               "owner_id": t("attrition.owner"), "due_date": t("attrition.due"),
                                               "done": t("attrition.done")})
        changed = edited[edited["done"] != tasks["done"]]
        if len(changed) and st.button(t("attrition.save_checklist"), key="at_ho_save"):
            for done, ids in changed.groupby("done")["task_id"]:
                watchlist.mark_done(db, ids.tolist(), bool(done), info["as_of"])
            st.session_state.at_notice = t("attrition.checklist_saved")
            st.rerun()
    else:
        st.info(t("attrition.no_handovers"))
    m = st.columns(3)
    m[0].metric(t("attrition.key_people"), i18n.number(cover.people, lg), help=t("attrition.key_people_help"))
    m[1].metric(t("attrition.successor_named"), i18n.percent(cover.named / cover.people, lg) if cover.people else "–")
    m[2].metric(t("attrition.successor_ready"), i18n.percent(cover.ready_now / cover.people, lg) if cover.people
                else "–")
    with st.form("at_new_handover", clear_on_submit=True):
        st.markdown(f"**{t('attrition.start_handover')}**")
        a, b, c = st.columns(3)
        leaver = a.text_input(t("competency.col.ratee_id"), key="at_ho_leaver")
        receiver = b.text_input(t("attrition.receiver"), key="at_ho_receiver")
        second = c.text_input(t("attrition.second_receiver"), key="at_ho_second")
        a, b, c = st.columns(3)
        hr_owner = a.text_input(t("attrition.hr_owner"), key="at_ho_hr")
        begin = b.date_input(t("attrition.handover_start"), info["as_of"], key="at_ho_start")
        due = c.date_input(t("attrition.due"), info["as_of"] + timedelta(days=30), key="at_ho_due",
                           help=t("attrition.handover_due_help"))
        if st.form_submit_button(t("attrition.create_checklist")):
            try:
                owner = db.query("SELECT manager_id FROM employees WHERE employee_id = ?", [leaver.strip()])
                n = watchlist.start_handover(db, leaver.strip(), receiver.strip() or None, second.strip() or None,
                                             owner["manager_id"].iloc[0] if len(owner) else None, due, start=begin,
                                             hr_owner_id=hr_owner.strip() or None)
            except ValueError as error:
                st.error(md("competency.not_saved", reason=str(error)))
            else:
                st.session_state.at_notice = md("attrition.checklist_created", n=n)
                st.rerun()


lg = lang()
page_header("page.attrition", "attrition.intro", "at_notice")
info = base(*version())
tabs = page_tabs("at_tab", ["attrition.tab.turnover", "attrition.tab.watchlist", "attrition.tab.model",
                            "attrition.tab.cost", "attrition.tab.handover"],
                 keep=("at_freq", "at_by", "at_km_by", "at_local", "at_min_wage", "at_repl"))
if tabs[0].open:
    with tabs[0]:
        turnover_tab(info, lg)
frame = watched(*version(), info["as_of"])
with tabs[1]:
    watchlist_tab(info, frame, lg)
with tabs[2]:
    model_tab(info, lg)
if tabs[3].open:
    with tabs[3]:
        cost_tab(info, lg)
with tabs[4]:
    handover_tab(info, watch_figures(*version(), info["as_of"])["cover_everyone"], lg)
