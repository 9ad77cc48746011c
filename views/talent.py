"""Nine-box talent review: placement, the grid, calibration, movement and follow-up."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import cycles, downloads, i18n, imports, ninebox
from hrcore.store import ConflictError
from hrcore.i18n import plain
from views._common import (bring, compa_ratios, grid_figure, lang, md, page_header, page_tabs, plotly_chart,
                           shared_frames, still_allowed, store, t, version, your_name)

MAX_LISTED = 500  # people listed under a box; the grid itself always counts everyone


@st.cache_data(show_spinner=False, max_entries=4)
def choices(db_path: str, data_version: int) -> dict:
    db = store()
    return {
        # Review periods (a quarter, a half-year, a year) the scored cards fill: monthly cards count in their quarter.
        "kpi": cycles.review_periods(db.query("SELECT DISTINCT period FROM scorecards WHERE status = 'scored'")
                                     ["period"]),
        "ability": ninebox.ability_periods(db, "imported"),
        "360": ninebox.ability_periods(db, "360"),
        "reviews": db.query("SELECT DISTINCT period FROM talent_reviews ORDER BY 1 DESC")["period"].tolist(),
        "departments": db.query("SELECT department_id, name_en, name_zh FROM departments"),
    }


# The review's frames hold everyone (a million rows of names at a million people) and are shared, not copied:
# st.cache_data would keep a pickled copy of each and unpickle another on every run.  Read-only: the page only
# derives new frames from them (filters, ``assign``), which copy-on-write keeps apart.
@shared_frames()
def people(db_path: str, data_version: int, kpi_period: str, ability_period: str, source: str) -> pd.DataFrame:
    return ninebox.review_people(store(), kpi_period, ability_period, source)


@st.cache_data(show_spinner=False, max_entries=8)
def recorded_source(db_path: str, data_version: int, period: str) -> tuple[str, str | None] | None:
    return ninebox.review_source(store(), period)


@st.cache_data(show_spinner=False, max_entries=8)
def recorded_kpi_period(db_path: str, data_version: int, period: str) -> str | None:
    return ninebox.review_kpi_period(store(), period)


@st.cache_data(show_spinner=False, max_entries=8)
def review_size(db_path: str, data_version: int, period: str) -> int:
    return int(store().query("SELECT count(*) AS n FROM talent_reviews WHERE period = ?", [period])["n"].iloc[0])


@shared_frames()
def people_before(db_path: str, data_version: int, kpi_period: str, ability_period: str, source: str,
                  earlier: str | None) -> pd.DataFrame:
    everyone = people(db_path, data_version, kpi_period, ability_period, source)
    everyone = everyone.assign(cr=everyone["employee_id"].map(compa_ratios(db_path, data_version)))
    return ninebox.with_previous(everyone, ninebox.review(store(), earlier) if earlier else None)


@shared_frames()  # a copy of everyone placed, per setting (165 MB at a million people)
def grid(db_path: str, data_version: int, kpi_period: str, ability_period: str, source: str, period: str,
         earlier: str | None, placing_json: str) -> pd.DataFrame:
    return ninebox.review_grid(people_before(db_path, data_version, kpi_period, ability_period, source, earlier),
                               ninebox.review(store(), period), **(json.loads(placing_json) or {}))


def ability_controls(base: dict, period: str, source_box, period_box, lg: str) -> tuple[str, str]:
    """The ability's source and period: a recorded review's own, shown and fixed; else the user's choice.

    The period picker follows the source: assessment periods for imported assessments, 360 review periods for
    the 360 review and the competency total.  A review recorded before its source was kept read imported
    assessments of a period not kept: the user picks it, as then.
    """
    periods = {"imported": base["ability"], "360": base["360"], "competency": base["360"]}
    recorded = recorded_source(*version(), period) if period else None
    if recorded is not None and recorded[1] is not None:
        source, ability_period = recorded
        source_box.selectbox(t("talent.ability_source"), [source], key="tal_source_recorded", disabled=True,
                             format_func=lambda s, lg=lg: i18n.t(f"talent.source.{s}", lg),
                             help=t("talent.source_recorded"))
        period_box.selectbox(t(f"talent.ability_period.{source}"), [ability_period], key="tal_ability_recorded",
                             disabled=True)
        return source, ability_period
    offered = ["imported"] if recorded is not None else [s for s in ninebox.ABILITY_SOURCES if periods[s]]
    source = source_box.selectbox(t("talent.ability_source"), offered, key="tal_source",
                                  format_func=lambda s, lg=lg: i18n.t(f"talent.source.{s}", lg),
                                  help=t("talent.source_help"))
    ability_period = period_box.selectbox(t(f"talent.ability_period.{source}"), periods[source],
                                          key=f"tal_ability_{source}")
    return source, ability_period


def controls(base: dict, lg: str) -> dict:
    box = st.container(border=True)
    a, b, c, d, e = box.columns(5)
    this_year = (base["ability"] or base["360"])[0]  # the page stops before this without either
    period = a.text_input(t("talent.review_period"), this_year, key="tal_period")
    # A recorded review keeps the KPI period it placed people by (its boxes and its people are that period's).
    if (kept := recorded_kpi_period(*version(), period.strip()) if period.strip() else None) is not None:
        kpi_period = b.selectbox(t("talent.kpi_period"), [kept], key="tal_kpi_recorded", disabled=True,
                                 help=t("talent.kpi_recorded"))
    else:
        kpi_period = b.selectbox(t("talent.kpi_period"), base["kpi"], key="tal_kpi")
    source, ability_period = ability_controls(base, period.strip(), c, d, lg)
    method = e.radio(t("talent.method"), ["thresholds", "distribution"], key="tal_method",
                     format_func=lambda m, lg=lg: i18n.t(f"talent.method.{m}", lg), help=t("talent.method_help"))
    a, b, c, d = box.columns(4)
    if method == "thresholds":
        perf_cuts = (a.number_input(t("talent.perf_medium"), 0.0, 200.0, 80.0, 1.0, key="tal_p_med"),
                     b.number_input(t("talent.perf_high"), 0.0, 200.0, 110.0, 1.0, key="tal_p_high"))
        ability_cuts = (c.number_input(t("talent.ability_medium"), 1.0, 10.0, 5.0, 0.5, key="tal_a_med"),
                        d.number_input(t("talent.ability_high"), 1.0, 10.0, 8.0, 0.5, key="tal_a_high"))
        shares = (0.2, 0.2)
    else:
        perf_cuts, ability_cuts = (80.0, 110.0), (5.0, 8.0)
        shares = (a.slider(t("talent.low_share"), 0, 50, 20, format="%d%%", key="tal_low") / 100,
                  b.slider(t("talent.high_share"), 0, 50, 20, format="%d%%", key="tal_high") / 100)
    return {"period": period.strip(), "kpi": kpi_period, "ability": ability_period, "source": source, "method": method,
            "perf_cuts": perf_cuts, "ability_cuts": ability_cuts, "shares": shares}


def filtered(frame: pd.DataFrame, departments: pd.DataFrame, lg: str) -> pd.DataFrame:
    names = {r.department_id: i18n.name(r.name_en, r.name_zh, lg) for r in departments.itertuples()}
    with st.expander(t("talent.filters")):
        a, b, c, d = st.columns(4)
        chosen = a.multiselect(t("overview.department"), sorted(frame["department_id"].dropna().unique(),
                                                                key=lambda d: names.get(d, d)),
                               format_func=lambda d: names.get(d, d), key="tal_dept", placeholder=t("filter.any"))
        manager = b.text_input(t("talent.manager"), key="tal_manager", help=t("talent.manager_help")).strip()
        grades = frame["grade"].dropna()
        low, high = (int(grades.min()), int(grades.max())) if len(grades) else (1, 1)
        grade = c.slider(t("eval.grade"), low, max(high, low + 1), (low, max(high, low + 1)), key="tal_grade")
        tenure = d.slider(t("talent.tenure"), 0, 40, (0, 40), key="tal_tenure")
    keep = frame["grade"].between(*grade) | frame["grade"].isna()
    keep &= frame["tenure"].between(*tenure)
    if chosen:
        keep &= frame["department_id"].isin(chosen)
    if manager:
        keep &= frame["manager_id"] == manager
    return frame if keep.all() else frame[keep]


def workbook(db, current: pd.DataFrame, label_of: pd.Series, setting: dict, file_name: str) -> bytes:
    """The calibrated grid and the moves as an Excel workbook (built only when downloaded); each row says where
    its ability came from, as the review records it."""
    period = setting["period"]
    export = current[["employee_id", "name_en", "name_zh", "department_id", "performance", "ability", "box",
                      "final"]].rename(columns={"box": "placed_box", "final": "calibrated_box"})
    export = export.assign(label=export["calibrated_box"].map(label_of), ability_source=setting["source"],
                           ability_period=setting["ability"])
    return downloads.file({"Grid": export, "Moves": ninebox.moves(db, period)}, "xlsx", store=db,
                          table="talent_reviews", name=file_name)


def box_list(shown: pd.DataFrame, in_chosen: np.ndarray, box_label: str, department_names: dict, lg: str) -> None:
    """The people of the chosen box, best performance first (the first MAX_LISTED)."""
    st.markdown(f"**{md('talent.in_box', box=box_label, n=i18n.number(len(in_chosen), lg))}**")
    if len(in_chosen) > MAX_LISTED:
        st.caption(md("talent.first", n=MAX_LISTED))
    best_first = in_chosen[np.argsort(-shown["performance"].to_numpy(float, na_value=np.nan)[in_chosen], kind="stable")]
    listed = shown.iloc[best_first[:MAX_LISTED]].copy()  # name only the rows shown
    listed["name"] = i18n.names(listed["name_en"], listed["name_zh"], lg)
    listed["department_id"] = listed["department_id"].map(department_names).fillna(listed["department_id"])
    st.dataframe(listed[
        ["employee_id", "name", "department_id", "grade", "performance", "ability", "cr", "signals"]],
        hide_index=True, width="stretch",
        column_config={"employee_id": t("pay.employee"), "name": t("talent.name"),
                       "department_id": t("overview.department"), "grade": t("eval.grade"),
                       "performance": st.column_config.NumberColumn(t("talent.performance"), format="%.1f"),
                       "ability": st.column_config.NumberColumn(t("talent.ability"), format="%.1f"),
                       "cr": st.column_config.NumberColumn(t("pay.compa_ratio"), format="%.2f"),
                       "signals": t("talent.signals")})


def key_talent_below_midpoint(shown: pd.DataFrame, final: np.ndarray, department_names: dict, lg: str) -> None:
    """Box 9 people paid below their grade's midpoint: the first to look at for retention."""
    key = final == 9
    below = shown.iloc[np.flatnonzero(key & (shown["cr"].to_numpy(float, na_value=np.nan) < 1))].copy()
    below["name"] = i18n.names(below["name_en"], below["name_zh"], lg)
    below["department_id"] = below["department_id"].map(department_names).fillna(below["department_id"])
    st.markdown(f"**{md('talent.key_below', n=len(below), of=int(key.sum()))}**", help=t("talent.key_below_help"))
    st.dataframe(below.sort_values("cr")[["employee_id", "name", "department_id", "grade", "cr", "signals"]],
                 hide_index=True, width="stretch",
                 column_config={"employee_id": t("pay.employee"), "name": t("talent.name"),
                                "department_id": t("overview.department"), "grade": t("eval.grade"),
                                "cr": st.column_config.NumberColumn(t("pay.compa_ratio"), format="%.2f"),
                                "signals": t("talent.signals")})


def ability_caption(everyone: pd.DataFrame, setting: dict, lg: str) -> None:
    """Where the ability comes from, and how many people lack it and why."""
    source = i18n.t(f"talent.source.{setting['source']}", lg)
    missing = ninebox.missing_ability(everyone)
    why = ("；" if lg == "zh" else "; ").join(
        i18n.t(f"talent.missing.{reason}", lg, n=i18n.number(n, lg)) for reason, n in missing.items())
    key = "talent.ability_from_missing" if missing else "talent.ability_from"
    st.caption(md(key, source=source, period=setting["ability"] or "–",
                  n=i18n.number(sum(missing.values()), lg), why=why))


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

db = store()
lg = lang()
page_header("page.talent", "talent.intro", "tal_notice")
base = choices(*version())
if not base["kpi"] or not (base["ability"] or base["360"]):
    bring("talent.no_inputs", (["scorecards"] if not base["kpi"] else [])
          + (["ability_assessments", "ratings_360"] if not (base["ability"] or base["360"]) else []), "tal_bring")
    st.stop()
setting = controls(base, lg)
user = your_name(st, "tal_user")
labels = ninebox.box_labels(db)
label_of = labels.set_index("box")["label_zh" if lg == "zh" else "label_en"]
action_of = labels.set_index("box")["action_zh" if lg == "zh" else "action_en"]

recorded = review_size(*version(), setting["period"])
earlier = [p for p in base["reviews"] if p < setting["period"]]
# A recorded review shows its own boxes: the placement settings then change nothing and stay out of the cache key.
placing = None if recorded else {"method": setting["method"], "performance_cuts": setting["perf_cuts"],
                                 "ability_cuts": setting["ability_cuts"], "shares": setting["shares"]}
current = grid(*version(), setting["kpi"], setting["ability"], setting["source"], setting["period"],
               earlier[0] if earlier else None, json.dumps(placing))
ability_caption(people(*version(), setting["kpi"], setting["ability"], setting["source"]), setting, lg)
if recorded:
    st.caption(md("talent.review_recorded", period=setting["period"], n=i18n.number(recorded, lg)))
else:
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.info(md("talent.not_started", period=setting["period"], n=i18n.number(len(current), lg)))
    if right.button(t("talent.start"), type="primary", disabled=not setting["period"]):
        count = ninebox.start_review(db, setting["period"], current, setting["source"], setting["ability"],
                                     setting["kpi"])
        st.session_state.tal_notice = md("talent.started", n=i18n.number(count, lg), period=setting["period"])
        st.rerun()
shown = filtered(current, base["departments"], lg)

tabs = page_tabs("tal_tab", ["talent.tab.grid", "talent.tab.calibration", "talent.tab.movement",
                             "talent.tab.follow_up", "talent.tab.labels"])
with tabs[0]:
    left, right = st.columns([3, 2])
    if tabs[0].open:
        counts = ninebox.grid(shown["final"]) if len(shown) else ninebox.grid([])
        with left:
            plotly_chart(st, grid_figure(counts, labels, lg), key="tal_grid", config={"displayModeBar": False})
    with right:
        # The guideline and the box are drawn whichever tab is open: calibration and follow-up work on the box.
        cap = st.slider(t("talent.guideline"), 5, 50, 20, format="%d%%", key="tal_cap", help=t("talent.guideline_help"))
        check = ninebox.guideline(shown["final"], cap / 100) if len(shown) and tabs[0].open else None
        if check:
            over = check["over"]
            st.metric(t("talent.top_share"), i18n.percent(check["share"], lg), border=True,
                      delta=t("talent.over", n=over) if over else t("talent.under",
                                                                     n=check["allowed"] - check["actual"]),
                      delta_color="inverse" if over else "normal", delta_arrow="off")
        chosen_box = st.selectbox(t("talent.box"), list(range(9, 0, -1)), key="tal_box",
                                  format_func=lambda b: f"{b} · {label_of[b]}")
        st.caption(f"{t('talent.action')}: {plain(action_of[chosen_box])}")
    # Positions, not filtered copies of everyone: a box holds tens of thousands of people at 100,000.
    final = shown["final"].to_numpy()
    in_chosen = np.flatnonzero(final == chosen_box)
    department_names = {r.department_id: i18n.name(r.name_en, r.name_zh, lg) for r in base["departments"].itertuples()}
if tabs[0].open:
    with tabs[0]:
        box_list(shown, in_chosen, label_of[chosen_box], department_names, lg)

with tabs[1]:
    if not recorded:
        st.info(t("talent.start_first"))
    else:
        st.caption(t("talent.calibration_help"))
        names = {r.review_id: f"{i18n.name(r.name_en, r.name_zh, lg)} · {r.employee_id}"
                 for r in shown.iloc[in_chosen[:2000]].itertuples()}
        a, b = st.columns(2)
        who = a.selectbox(t("talent.person", box=label_of[chosen_box]), list(names), format_func=names.get,
                          key="tal_who")
        target = b.selectbox(t("talent.to_box"), [x for x in range(9, 0, -1) if x != chosen_box], key="tal_to",
                             format_func=lambda x: f"{x} · {label_of[x]}")
        reason = st.text_input(t("talent.reason"), key="tal_reason")
        # The person picked on an earlier run: if a colleague moved them out of this box meanwhile, the list
        # no longer holds them and the picker falls back to someone else; never move that someone.
        picked, st.session_state.tal_picked = st.session_state.get("tal_picked"), (who, chosen_box)
        if st.button(t("talent.move"), type="primary", disabled=who is None):
            try:
                if picked is not None and picked[1] == chosen_box and picked[0] != who:
                    raise ConflictError(t("talent.moved_meanwhile"))
                ninebox.move(db, who, target, reason, user or "HR", from_box=chosen_box)
                st.session_state.tal_notice = md("talent.moved", who=names[who], box=label_of[target])
                st.rerun()
            except ValueError as exc:
                st.error(md("talent.move_refused", reason=t("talent.reason_needed") if "reason" in str(exc)
                           else exc))
        log = ninebox.moves(db, setting["period"])
        st.markdown(f"**{md('talent.moves', n=len(log))}**")
        if len(log) and tabs[1].open:
            st.dataframe(log[["move_id", "employee_id", "from_box", "to_box", "reason", "moved_by", "moved_at",
                              "undone_by"]], hide_index=True, width="stretch",
                         column_config={"move_id": "#", "employee_id": t("pay.employee"), "from_box": t("talent.from"),
                                        "to_box": t("talent.to"), "reason": t("talent.reason"),
                                        "moved_by": t("eval.who"),
                                        "moved_at": st.column_config.DatetimeColumn(t("eval.when")),
                                        "undone_by": t("talent.undone_by")})
            open_moves = log[log["undone_at"].isna()]
            if len(open_moves):
                a, b = st.columns([3, 1], vertical_alignment="bottom")
                undo_id = a.selectbox(t("talent.undo_which"), open_moves["move_id"].tolist(), key="tal_undo")
                if b.button(t("talent.undo")):
                    try:
                        ninebox.undo(db, undo_id, user or "HR")
                        st.session_state.tal_notice = md("talent.undone", id=undo_id)
                        st.rerun()
                    except ValueError as exc:
                        st.error(str(exc))

if tabs[2].open:
    with tabs[2]:
        if not earlier:
            st.info(t("talent.no_previous"))
        else:
            matrix = ninebox.movement(shown["before"], shown["final"])
            st.markdown(f"**{md('talent.transition', before=earlier[0], now=setting['period'])}**")
            axis = [f"{b} {label_of[b]}" for b in range(1, 10)]
            fig = go.Figure(go.Heatmap(z=matrix.to_numpy(), x=axis, y=axis, text=matrix.to_numpy(), texttemplate="%{text}",
                                       colorscale=[[0, "#F4F6F7"], [1, "#1F6F8B"]], showscale=False, xgap=2, ygap=2))
            fig.update_layout(height=520, margin=dict(l=10, r=10, t=10, b=10), xaxis_title=t("talent.now"),
                              yaxis_title=t("talent.before"))
            plotly_chart(st, fig, key="tal_transitions", config={"displayModeBar": False})
            moved = shown.loc[shown["before"].notna() & (shown["before"] != shown["final"]),
                              ["employee_id", "name_en", "name_zh", "final", "before"]]
            moved = moved.assign(box=moved["before"].astype(int))
            st.markdown(f"**{md('talent.movers', n=i18n.number(len(moved), lg))}**")
            moved = moved.head(MAX_LISTED).copy()  # label only the rows shown
            moved["name"] = i18n.names(moved["name_en"], moved["name_zh"], lg)
            moved["change"] = moved["box"].map(label_of) + " → " + moved["final"].map(label_of)
            st.dataframe(moved[["employee_id", "name", "change"]], hide_index=True, width="stretch",
                         column_config={"employee_id": t("pay.employee"), "name": t("talent.name"),
                                        "change": t("talent.change")})

with tabs[3]:
    if tabs[3].open:
        key_talent_below_midpoint(shown, final, department_names, lg)
    if recorded:
        st.markdown(f"**{md('talent.actions', box=label_of[chosen_box])}**")
        chosen = shown.iloc[in_chosen[:200]]
        existing = db.query("SELECT * FROM talent_actions WHERE review_id IN (SELECT review_id FROM talent_reviews "
                            "WHERE period = ?)", [setting["period"]])
        default_kind = ninebox.DEFAULT_ACTION[chosen_box]
        plan = pd.DataFrame({"review_id": chosen["review_id"], "employee_id": chosen["employee_id"],
                             "kind": default_kind, "owner_id": chosen["manager_id"], "due_date": pd.NaT,
                             "note": "", "done": False})
        plan = pd.concat([existing[existing["review_id"].isin(plan["review_id"])], plan]).drop_duplicates(
            ["review_id", "kind"]).reset_index(drop=True)
        edited = st.data_editor(
            plan, key=f"tal_actions_{chosen_box}", hide_index=True, width="stretch", disabled=["review_id",
                                                                                          "employee_id"],
            column_config={"kind": st.column_config.SelectboxColumn(t("talent.kind"), options=list(
                ninebox.ACTION_KINDS)), "owner_id": t("talent.owner"),
                "due_date": st.column_config.DateColumn(t("talent.due")), "note": t("talent.note"),
                "done": st.column_config.CheckboxColumn(t("talent.done"))})
        if st.button(t("talent.save_actions")):
            keep = edited[edited["note"].fillna("").str.strip().ne("") | edited["due_date"].notna()]
            typed, problems = imports.validate(keep, "talent_actions")
            if len(problems):
                st.dataframe(problems, hide_index=True)
            else:
                ninebox.save_actions(db, typed)
                st.session_state.tal_notice = md("talent.actions_saved", n=len(typed))
                st.rerun()

with tabs[4]:
    edited = st.data_editor(labels, key="tal_labels", hide_index=True, width="stretch", disabled=["box"])
    a, b = st.columns(2)
    if a.button(t("talent.save_labels")):
        ninebox.save_box_labels(db, edited)
        st.session_state.tal_notice = t("talent.labels_saved")
        st.rerun()
    file_name = f"talent_review_{setting['period']}.xlsx"
    b.download_button(t("talent.export"), data=still_allowed(
        lambda: workbook(db, current, label_of, setting, file_name)),
        file_name=file_name, mime=downloads.XLSX_MIME)
