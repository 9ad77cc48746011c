"""Nine-box talent review: placement, the grid, calibration, movement and follow-up."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import downloads, errors, fields, i18n, imports, ninebox
from hrcore.reports import talent
from hrcore.store import ConflictError
from views._common import table as downloadable  # a page's own `table`s are frames
from views._common import editor
from views._common import (actor, bring, compa_ratios, date_column, grid_figure, lang, md, page_header, page_tabs,
                           plotly_chart, report, sees_pay, still_allowed, store, t, version)

MAX_LISTED = 500  # people listed under a box; the grid itself always counts everyone
MAX_PICKED = 2000  # people offered in the calibration picker


def ability_controls(setup: talent.Setup, source_box, period_box, lg: str) -> tuple[str, str]:
    """The ability's source and period: a recorded review's own, shown and fixed; else the user's choice."""
    name_of = lambda s, lg=lg: i18n.t(f"talent.source.{s}", lg)  # noqa: E731
    if setup.source_fixed:
        source = source_box.selectbox(t("talent.ability_source"), setup.sources, key="tal_source_recorded",
                                      disabled=True, format_func=name_of, help=t("talent.source_recorded"))
        period = period_box.selectbox(t(f"talent.ability_period.{source}"), setup.ability_periods[source],
                                      key="tal_ability_recorded", disabled=True)
        return source, period
    source = source_box.selectbox(t("talent.ability_source"), setup.sources, key="tal_source", format_func=name_of,
                                  help=t("talent.source_help"))
    period = period_box.selectbox(t(f"talent.ability_period.{source}"), setup.ability_periods[source],
                                  key=f"tal_ability_{source}")
    return source, period


def controls(base: talent.Choices, lg: str) -> dict:
    box = st.container(border=True)
    a, b, c, d, e = box.columns(5)
    period = a.text_input(t("talent.review_period"), base.default_period, key="tal_period").strip()
    setup = report(talent.setup, period)
    if setup.kpi_fixed:
        kpi_period = b.selectbox(t("talent.kpi_period"), setup.kpi_periods, key="tal_kpi_recorded", disabled=True,
                                 help=t("talent.kpi_recorded"))
    else:
        kpi_period = b.selectbox(t("talent.kpi_period"), setup.kpi_periods, key="tal_kpi")
    source, ability_period = ability_controls(setup, c, d, lg)
    fixed = bool(setup.recorded)  # a recorded review shows its own boxes: the placement settings change nothing
    method = e.radio(t("talent.method"), ["thresholds", "distribution"], key="tal_method", disabled=fixed,
                     format_func=lambda m, lg=lg: i18n.t(f"talent.method.{m}", lg), help=t("talent.method_help"))
    a, b, c, d, e = box.columns(5)
    placing = {"method": method}
    if method == "thresholds":
        cut = dict(step=1.0, format="%g", disabled=fixed)
        placing["performance_cuts"] = (
            a.number_input(t("talent.perf_medium"), 0.0, 200.0, 80.0, key="tal_p_med", **cut),
            b.number_input(t("talent.perf_high"), 0.0, 200.0, 110.0, key="tal_p_high", **cut))
        cut["step"] = 0.5
        placing["ability_cuts"] = (c.number_input(t("talent.ability_medium"), 1.0, 10.0, 5.0, key="tal_a_med", **cut),
                                   d.number_input(t("talent.ability_high"), 1.0, 10.0, 8.0, key="tal_a_high", **cut))
    else:
        share = dict(format="%d%%", disabled=fixed)
        placing["shares"] = (a.slider(t("talent.low_share"), 0, 50, 20, key="tal_low", **share) / 100,
                             b.slider(t("talent.high_share"), 0, 50, 20, key="tal_high", **share) / 100)
    wordings = report(talent.labels).wordings
    wording = e.selectbox(t("talent.wording"), wordings, key="tal_wording", help=t("talent.wording_help"),
                          format_func=lambda w, lg=lg: i18n.t(f"talent.wording.{w}", lg))
    return {"setup": setup, "period": period, "kpi": kpi_period, "ability": ability_period, "source": source,
            "placing": {} if fixed else placing, "wording": wording}


def moment(at, lg: str) -> str:
    """A time of day on a date, the date as the language writes dates."""
    return f"{i18n.day(at, lg)} {at:%H:%M}" if pd.notna(at) else ""


def person_names(frame: pd.DataFrame, lg: str, prefix: str = "") -> pd.Series:
    return i18n.names(frame[f"{prefix}name_en"], frame[f"{prefix}name_zh"], lg)


def department_names(base: talent.Choices, lg: str) -> dict:
    return {r.department_id: i18n.name(r.name_en, r.name_zh, lg) for r in base.departments.itertuples()}


def filters(review: talent.Review, departments: dict, lg: str) -> talent.View:
    people = review.people
    managers = {r.manager_id: i18n.name(r.name_en, r.name_zh, lg) if isinstance(r.name_en, str) else r.manager_id
                for r in review.managers.itertuples()}
    with st.expander(t("talent.filters")):
        a, b, c, d = st.columns(4)
        chosen = a.multiselect(t("overview.department"), sorted(people["department_id"].dropna().unique(),
                                                                key=lambda d: departments.get(d, d)),
                               format_func=lambda d: departments.get(d, d), key="tal_dept",
                               placeholder=t("filter.any"))
        manager = b.selectbox(t("talent.manager"), sorted(managers, key=managers.get), index=None,
                              format_func=managers.get, key="tal_manager", help=t("talent.manager_help"),
                              placeholder=t("filter.any"))
        grades = people["grade"].dropna()
        low, high = (int(grades.min()), int(grades.max())) if len(grades) else (1, 1)
        grade = c.slider(t("eval.grade"), low, max(high, low + 1), (low, max(high, low + 1)), key="tal_grade")
        tenure = d.slider(t("talent.tenure"), 0, 40, (0, 40), key="tal_tenure")
    return talent.view(review, tuple(chosen), manager, grade, tenure)


def ability_caption(review: talent.Review, lg: str) -> None:
    """Where the ability comes from, how many people lack it and why, and where the thresholds fall."""
    source = i18n.t(f"talent.source.{review.source}", lg)
    why = ("；" if lg == "zh" else "; ").join(
        i18n.t(f"talent.missing.{reason}", lg, n=i18n.number(n, lg)) for reason, n in review.missing.items())
    key = "talent.ability_from_missing" if review.missing else "talent.ability_from"
    st.caption(md(key, source=source, period=review.ability_period or "–",
                  n=i18n.number(sum(review.missing.values()), lg), why=why))
    if review.bands:
        st.caption(md("talent.bands", performance=bands_text(review.bands[0], lg),
                      ability=bands_text(review.bands[1], lg)), help=t("talent.bands_help"))


def bands_text(bands: tuple, lg: str) -> str:
    """The three levels of an axis in words: "Low: under 80 · Medium: 80 to under 110 · High: 110 and above"."""
    def number(value):
        return i18n.number(value, lg, 0 if float(value).is_integer() else 1)

    low, medium, high = bands
    return " · ".join([i18n.t("talent.band.low", lg, below=number(low[2])),
                       i18n.t("talent.band.medium", lg, start=number(medium[1]), below=number(medium[2])),
                       i18n.t("talent.band.high", lg, start=number(high[1]))])


def headline_caption(lg: str) -> None:
    """The latest review on record, counted as the overview counts it."""
    head = report(talent.headline)
    if head.period is not None:
        st.caption(md("talent.headline", period=head.period, n=i18n.number(head.people, lg),
                      top=i18n.number(head.top_boxes, lg), talent=i18n.number(head.key_talent, lg)))


def people_table(frame: pd.DataFrame, departments: dict, lg: str, columns: list[str]) -> None:
    """People by name, department and the ``columns`` asked (pay columns only for those who may see pay)."""
    shown = frame.assign(name=person_names(frame, lg),
                         department=frame["department_id"].map(departments).fillna(frame["department_id"]))
    if not sees_pay():
        columns = [c for c in columns if c != "cr"]
    # Names on screen; the file also carries each person's employee ID, to match rows in an HR system.
    downloadable(st, shown[["name", "department", *columns, "employee_id"]], hide_index=True, width="stretch",
                     file_only={"employee_id": fields.label("employee_id", lg)},
                     column_config={"name": st.column_config.TextColumn(t("talent.name"), help=t("talent.id_in_export")),
                                    "department": t("overview.department"), "grade": t("eval.grade"),
                                    "performance": st.column_config.NumberColumn(t("talent.performance"), format="%.1f"),
                                    "ability": st.column_config.NumberColumn(t("talent.ability"), format="%.1f"),
                                    "cr": st.column_config.NumberColumn(t("pay.compa_ratio"), format="%.2f"),
                                    "signals": t("talent.signals")},
                     key="talent_list", file_name="talent-list", recorded_as="employees")


def box_clicked() -> None:
    """A click on the grid chooses its box (the box picker stays the one place the box is chosen)."""
    points = st.session_state.tal_grid.selection.points
    if points and points[0].get("customdata") is not None:
        st.session_state.tal_box = int(points[0]["customdata"])


def move_clicked(from_box: int, names: dict, box_names: dict) -> None:
    """Move the picked person (as seen in ``from_box``) with the reason typed; the reason clears once moved."""
    who, to_box = st.session_state.get("tal_who"), st.session_state.get("tal_to")
    try:
        ninebox.move(store(), who, to_box, st.session_state.get("tal_reason", ""), actor(), from_box=from_box)
    except ConflictError:
        st.session_state.tal_move_error = md("talent.move_refused", reason=t("talent.moved_meanwhile"))
        return
    except ValueError as exc:  # no reason given, the box they are in already: from the refusal's code
        st.session_state.tal_move_error = t("talent.move_refused",
                                            reason=errors.problem_text(exc, lang(), escape=i18n.plain))
        return
    st.session_state.tal_reason = ""
    st.session_state.tal_picked = None  # moved from here: not someone else's doing
    st.session_state.tal_notice = md("talent.moved", who=names.get(who, who), box=box_names[to_box])


def calibration_form(view: talent.View, review: talent.Review, box: int, departments: dict, lg: str) -> None:
    """Pick a person of the chosen box and move them to another box, with a reason."""
    st.markdown(f"**{t('talent.calibrate')}**", help=t("talent.calibration_help"))
    if not review.recorded:
        st.info(t("talent.start_first"))
        return
    people, _ = view.in_box(box, MAX_PICKED)
    # Name and department: two people of a box may share a name.
    names = dict(zip(people["review_id"], person_names(people, lg) + " · "
                     + people["department_id"].map(departments).fillna(people["department_id"]).fillna("")))
    # The person picked on the last run, gone from the box without a move from here: someone else moved them.
    last = st.session_state.get("tal_picked")
    if last is not None and last[1] == box and last[0] not in names and not review.people.loc[
            review.people["review_id"] == last[0], "final"].eq(box).any():  # not merely filtered out
        st.warning(md("talent.picked_gone", who=last[2]))
    a, b = st.columns(2)
    who = a.selectbox(md("talent.person", box=label_of[box]), list(names), format_func=names.get, key="tal_who")
    st.session_state.tal_picked = (who, box, names.get(who))
    b.selectbox(t("talent.to_box"), [x for x in range(9, 0, -1) if x != box], key="tal_to",
                format_func=lambda x: f"{x} · {label_of[x]}")
    st.text_input(t("talent.reason"), key="tal_reason")
    st.button(t("talent.move"), type="primary", disabled=who is None, on_click=move_clicked,
              args=(box, names, label_of.to_dict()))
    if error := st.session_state.pop("tal_move_error", None):
        st.error(error)


def workbook(review: talent.Review, file_name: str) -> bytes:
    """The calibrated grid and the moves as an Excel workbook (built only when downloaded); each row says where
    its ability came from, as the review records it."""
    db = store()
    export = review.people[["employee_id", "name_en", "name_zh", "department_id", "performance", "ability", "box",
                            "final"]].rename(columns={"box": "placed_box", "final": "calibrated_box"})
    export = export.assign(label=export["calibrated_box"].map(label_of), ability_source=review.source,
                           ability_period=review.ability_period)
    return downloads.file({"Grid": export, "Moves": ninebox.moves(db, review.period)}, "xlsx", store=db,
                          table="talent_reviews", name=file_name)


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

db = store()
lg = lang()
page_header("page.talent", "talent.intro", "tal_notice")
base = report(talent.choices)
if base.missing_inputs:
    bring("talent.no_inputs", list(base.missing_inputs), "tal_bring")
    st.stop()
setting = controls(base, lg)
labels = report(talent.labels, setting["wording"]).boxes
label_of = labels.set_index("box")["label_zh" if lg == "zh" else "label_en"]
action_of = labels.set_index("box")["action_zh" if lg == "zh" else "action_en"]

# Read once per review and inputs (shared, not copied); placing them again on each threshold is cheap.
review = report(talent.inputs, setting["period"], setting["kpi"], setting["source"], setting["ability"],
                shared=True).placed(compa_ratios(*version()), **setting["placing"])
ability_caption(review, lg)
if review.recorded:
    st.caption(md("talent.review_recorded", period=review.period, n=i18n.number(review.recorded, lg)))
else:
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.info(md("talent.not_started", period=setting["period"], n=i18n.number(len(review.people), lg)))
    if right.button(t("talent.start"), type="primary", disabled=not setting["period"]):
        count = ninebox.start_review(db, setting["period"], review.people, review.source, review.ability_period,
                                     review.kpi_period)
        st.session_state.tal_notice = md("talent.started", n=i18n.number(count, lg), period=setting["period"])
        st.rerun()
departments = department_names(base, lg)
shown = filters(review, departments, lg)

tabs = page_tabs("tal_tab", ["talent.tab.grid", "talent.tab.calibration", "talent.tab.movement",
                             "talent.tab.follow_up", "talent.tab.labels"])
with tabs[0]:
    left, right = st.columns([3, 2])
    with right:
        # The guideline and the box are drawn whichever tab is open: calibration and follow-up work on the box.
        cap = st.slider(t("talent.guideline"), 5, 50, 20, format="%d%%", key="tal_cap", help=t("talent.guideline_help"))
        check = shown.guideline(cap / 100) if tabs[0].open else None
        if check:
            over = check["over"]
            st.metric(t("talent.top_share"), i18n.percent(check["share"], lg), border=True,
                      delta=t("talent.over", n=over) if over else t("talent.under",
                                                                     n=check["allowed"] - check["actual"]),
                      delta_color="inverse" if over else "normal", delta_arrow="off")
        chosen_box = st.selectbox(t("talent.box"), list(range(9, 0, -1)), key="tal_box",
                                  format_func=lambda b: f"{b} · {label_of[b]}", help=t("talent.box_help"))
        st.caption(md("talent.recommended", action=action_of[chosen_box]))
    if tabs[0].open:
        with left:
            plotly_chart(st, grid_figure(shown.counts, labels, lg, chosen=chosen_box), key="tal_grid",
                         config={"displayModeBar": False}, on_select=box_clicked, selection_mode="points")
            headline_caption(lg)
        listed, in_box = shown.in_box(chosen_box, MAX_LISTED)
        st.markdown(f"**{md('talent.in_box', box=label_of[chosen_box], n=i18n.number(in_box, lg))}**")
        if in_box > MAX_LISTED:
            st.caption(md("talent.first", n=MAX_LISTED))
        people_table(listed, departments, lg, ["grade", "performance", "ability", "cr", "signals"])
        calibration_form(shown, review, chosen_box, departments, lg)

if tabs[1].open:
    with tabs[1]:
        if not review.recorded:
            st.info(t("talent.start_first"))
        st.caption(t("talent.calibrate_on_grid"))
        log = report(talent.moves, review.period).log
        st.markdown(f"**{md('talent.moves', n=len(log))}**")
        if len(log):
            downloadable(st, log.assign(name=person_names(log, lg),
                                        change=log["from_box"].map(label_of) + " → " + log["to_box"].map(label_of),
                                        moved_at=log["moved_at"].map(lambda at: moment(at, lg)),
                                        undone_by=log["undone_by"].fillna("")),
                             hide_index=True, width="stretch",
                             column_order=["move_id", "name", "change", "reason", "moved_by", "moved_at", "undone_by"],
                             column_config={"move_id": "#", "name": t("talent.name"), "change": t("talent.change"),
                                            "reason": t("talent.reason"), "moved_by": t("eval.who"),
                                            "moved_at": t("eval.when"),
                                            "undone_by": t("talent.undone_by")},
                             key="talent_moves_log", file_name="nine-box-moves", recorded_as="talent_moves")
            undoable = report(talent.moves, review.period).undoable
            if undoable:
                moved = dict(zip(log["move_id"], log.assign(name=person_names(log, lg))["name"]))
                a, b = st.columns([3, 1], vertical_alignment="bottom")
                undo_id = a.selectbox(t("talent.undo_which"), undoable, key="tal_undo",
                                      format_func=lambda m: f"#{m} · {moved[m]}")
                if b.button(t("talent.undo")):
                    try:
                        ninebox.undo(db, undo_id, actor())
                        st.session_state.tal_notice = md("talent.undone", id=undo_id)
                        st.rerun()
                    except ValueError as exc:
                        st.error(errors.problem_text(exc, lg, escape=i18n.plain))

if tabs[2].open:
    with tabs[2]:
        if not review.earlier:
            st.info(t("talent.no_previous"))
        else:
            matrix, moved = shown.movement()
            st.markdown(f"**{md('talent.transition', before=review.earlier, now=review.period)}**")
            axis = [f"{b} {label_of[b]}" for b in range(1, 10)]
            fig = go.Figure(go.Heatmap(z=matrix.to_numpy(), x=axis, y=axis, text=matrix.to_numpy(),
                                       texttemplate="%{text}", colorscale=[[0, "#F4F6F7"], [1, "#1F6F8B"]],
                                       showscale=False, xgap=2, ygap=2))
            fig.update_layout(height=520, margin=dict(l=10, r=10, t=10, b=10), xaxis_title=t("talent.now"),
                              yaxis_title=t("talent.before"))
            plotly_chart(st, fig, key="tal_transitions", config={"displayModeBar": False})
            st.markdown(f"**{md('talent.movers', n=i18n.number(len(moved), lg))}**")
            moved = moved.head(MAX_LISTED)  # label only the rows shown
            downloadable(st, moved.assign(name=person_names(moved, lg),
                                          change=moved["before"].map(label_of) + " → " + moved["final"].map(label_of)),
                             column_order=["name", "change"], hide_index=True, width="stretch",
                             column_config={"name": t("talent.name"), "change": t("talent.change")},
                             key="talent_movers", file_name="nine-box-movers", recorded_as="talent_moves")

if tabs[3].open:
    with tabs[3]:
        below, key_talent = shown.key_talent_below_midpoint()
        st.markdown(f"**{md('talent.key_below', n=len(below), of=key_talent)}**", help=t("talent.key_below_help"))
        people_table(below, departments, lg, ["grade", "cr", "signals"])
        if review.recorded:
            st.markdown(f"**{md('talent.actions', box=label_of[chosen_box])}**")
            in_box, _ = shown.in_box(chosen_box, 200)
            plan = report(talent.follow_up, review.period, chosen_box, tuple(in_box["review_id"])).plan
            plan = plan.assign(name=person_names(plan, lg), owner=person_names(plan, lg, "owner_"))
            kinds = list(ninebox.ACTION_KINDS)
            edited = editor(st,
                plan, key=f"tal_actions_{chosen_box}", hide_index=True, width="stretch", disabled=["name", "owner"],
                column_order=["name", "kind", "owner", "due_date", "note", "done"],
                column_config={"name": t("talent.name"),
                               "kind": st.column_config.SelectboxColumn(
                                   t("talent.kind"), options=kinds,
                                   format_func=lambda k, lg=lg: i18n.t(f"talent.kind.{k}", lg)),
                               "owner": st.column_config.TextColumn(t("talent.owner"), help=t("talent.owner_help")),
                               "due_date": date_column(t("talent.due")),
                               "note": t("talent.note"),
                               "done": st.column_config.CheckboxColumn(t("talent.done"))})
            if st.button(t("talent.save_actions")):
                typed, problems = imports.validate(ninebox.planned(edited), "talent_actions")
                if len(problems):
                    downloadable(st, problems, hide_index=True,
                                     key="talent_plan_problems", file_name="talent-plan-problems", recorded_as=None)
                else:
                    ninebox.save_actions(db, typed)
                    st.session_state.tal_notice = md("talent.actions_saved", n=len(typed))
                    st.rerun()

with tabs[4]:
    st.caption(md("talent.labels_editing", wording=t(f"talent.wording.{setting['wording']}")))
    edited = editor(st, labels, key=f"tal_labels_{setting['wording']}", hide_index=True, width="stretch",
                            disabled=["box"],
                            column_config={"box": t("talent.box"), "label_en": t("talent.label_en"),
                                           "label_zh": t("talent.label_zh"), "action_en": t("talent.action_en"),
                                           "action_zh": t("talent.action_zh")})
    a, b = st.columns(2)
    if a.button(t("talent.save_labels"), help=t("talent.save_labels_help")):
        ninebox.save_box_labels(db, edited)
        st.session_state.pop("tal_wording", None)  # the company's own, now first
        st.session_state.tal_notice = t("talent.labels_saved")
        st.rerun()
    file_name = f"talent_review_{review.period}.xlsx"
    b.download_button(t("talent.export"), data=still_allowed(lambda: workbook(review, file_name)),
                      file_name=file_name, mime=downloads.XLSX_MIME)
