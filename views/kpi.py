"""KPI scorecards and the performance cycle: cards, data check, results, merit matrix, library, cycles.

Each tab renders one report of :mod:`hrcore.reports.kpi`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import company, downloads, errors, i18n, imports, kpi, kpi_appeals
from hrcore.i18n import plain
from hrcore.privacy import MIN_GROUP
from hrcore.reports import kpi as reports
from hrcore.reports import pay as pay_reports
from hrcore.store import ConflictError
from views._common import table as downloadable  # a page's own `table`s are frames
from views._common import editor
from views._common import (actor, bring, currency, current_user, date_column, lang, md, money, page_header,
                           page_tabs, plotly_chart, report, still_allowed, store, t)
from views._imports import plan_key, quick_mapping, remembered_plan, show_report, uploaded

ACCENT = "#1F6F8B"
RATING_COLORS = {"A": "#1F6F8B", "B": "#6FA8BC", "C": "#F5B041", "D": "#C0392B"}
CHART = {"displayModeBar": False}


# ---------------------------------------------------------------------------
# Words for codes and names
# ---------------------------------------------------------------------------

def choice(prefix: str, lg: str):
    """The user's words for a code of the library or the card (type, dimension, perspective, rule, status)."""
    return lambda code: "" if code is None or code != code else i18n.t(f"{prefix}.{code}", lg) \
        if f"{prefix}.{code}" in i18n.TEXT else str(code)


def labeller(frame: pd.DataFrame, lg: str, id_column: str, en: str = "name_en", zh: str = "name_zh"):
    """Id -> name in the user's language (the id where no name is on file)."""
    names = dict(zip(frame[id_column], i18n.names(frame[en], frame[zh], lg, fallback=frame[id_column])))
    return lambda key: names.get(key, key) or key


def person(english, chinese, lg: str, fallback=None) -> str:
    return i18n.name(english, chinese, lg) or ("" if fallback is None or fallback != fallback else str(fallback))


def problem_text(problem: kpi.CardProblem, names, lg: str) -> str:
    values = dict(problem.values)
    if "total" in values:
        values["total"] = i18n.percent(values["total"], lg)
    return md(f"kpi.problem.{problem.code}", indicator=names(problem.indicator_id) if problem.indicator_id else "",
              **values)


def score_text(value) -> str:
    return "—" if value is None or value != value else f"{value:.1f}"


# ---------------------------------------------------------------------------
# 1. A scorecard
# ---------------------------------------------------------------------------

def owner_names(cards: pd.DataFrame, lg: str) -> pd.Series:
    """Each card's owner by name (``owner_en``, ``owner_zh``), the owner's id only where two owners share a name."""
    # Labelled column-wise: a department holds tens of thousands of cards at a million people.
    owner = i18n.names(cards["owner_en"], cards["owner_zh"], lg, fallback=cards["owner_id"])
    twins = cards["owner_id"].groupby(owner.to_numpy()).transform("nunique") > 1
    return owner.where(~twins, owner + " (" + cards["owner_id"] + ")")


def card_picker(period: str, lg: str) -> str | None:
    """The card to open: owner type, department (for employees), card by owner's name; returns its id."""
    if (pending := st.session_state.pop("kpi_pending_card", None)) is not None:
        opened = report(reports.card_view, pending)
        st.session_state.kpi_owner_type = opened.head["owner_type"]
        if opened.head["owner_type"] == "employee":
            st.session_state.kpi_dept = opened.department_id
        st.session_state.kpi_card = pending
    a, b, c = st.columns([1.2, 2, 3])
    kind = a.radio(t("kpi.owner_type"), reports.OWNER_TYPES, key="kpi_owner_type", format_func=choice("kpi.owner", lg))
    choices = report(reports.card_choices, period, kind)
    if kind not in choices.kinds:
        st.info(t("kpi.no_cards"))
        return None
    if kind == "employee":
        dept_name = labeller(choices.departments, lg, "department_id")
        departments = sorted(choices.departments["department_id"], key=dept_name)
        dept = b.selectbox(t("overview.department"), departments, format_func=dept_name, key="kpi_dept")
        choices = report(reports.card_choices, period, kind, dept)
    cards = choices.cards
    owner = owner_names(cards, lg)
    status = cards["status"].map(choice("kpi.status", lg))
    names = dict(zip(cards["scorecard_id"], owner + " · " + status))
    return c.selectbox(t("kpi.card"), list(names), format_func=names.get, key="kpi_card")


def new_card_form(db, lg: str) -> None:
    """Open a draft card for an employee, a position or a department, each picked by name, on the owner's appraisal
    cycle: the periods offered are those of the owner's cycle, the current one first chosen; lines copied from an
    earlier card."""
    with st.expander(t("kpi.new_card")):
        a, b, c = st.columns([1, 1.5, 2])
        kind = a.selectbox(t("kpi.owner_type"), reports.OWNER_TYPES, key="kpi_new_kind",
                           format_func=choice("kpi.owner", lg))
        department = None
        if kind == "employee":
            departments = report(reports.new_card_owners, kind).departments
            department = b.selectbox(t("overview.department"), departments["department_id"], index=None,
                                     format_func=labeller(departments, lg, "department_id"), key="kpi_new_dept",
                                     placeholder=t("kpi.new_owner_placeholder"))
        found = report(reports.new_card_owners, kind, department)
        owner_label = labeller(found.owners, lg, "owner_id")
        owner = c.selectbox(t(f"kpi.new_owner.{kind}"), found.owners["owner_id"], index=None,
                            format_func=owner_label, key=f"kpi_new_owner_{kind}",
                            placeholder=t("kpi.new_owner_placeholder"), help=t("kpi.owner_id_help"))
        if owner is None:
            st.caption(t("kpi.new_card_owner_first"))
            return
        plan = report(reports.new_card_plan, kind, owner)
        cycle_text = md("kpi.new_card_cycle", role=t(f"kpi.role.{plan.role}"), cycle=t(f"kpi.cycle.{plan.cycle}"))
        appraisers = found.appraisers[found.appraisers["employee_id"] != owner]
        a, b, c, d = st.columns([1, 1.5, 1.5, 1])
        period = a.selectbox(t("kpi.period"), plan.periods, index=1, key=f"kpi_new_period_{plan.cycle}",
                             help=cycle_text)
        ids = appraisers["employee_id"].tolist()
        appraiser = b.selectbox(t("kpi.appraiser"), ids, index=ids.index(plan.appraiser_id) if plan.appraiser_id in
                                ids else None, format_func=labeller(appraisers, lg, "employee_id"),
                                key=f"kpi_new_appraiser_{kind}_{owner}", placeholder=t("kpi.new_owner_placeholder"))
        sources = report(reports.copy_sources, kind, owner)
        source_names = dict(zip(sources["scorecard_id"], owner_names(sources, lg) + " · " + sources["period"]))
        copy_from = c.selectbox(t("kpi.copy_from"), list(source_names), index=None, format_func=source_names.get,
                                key=f"kpi_new_copy_{kind}_{owner}", placeholder=t("kpi.copy_from_placeholder"),
                                help=t("kpi.copy_from_help"))
        mode = d.radio(t("kpi.mode"), kpi.MODES, key="kpi_new_mode", format_func=choice("kpi.mode", lg))
        st.caption(cycle_text)
        if st.button(t("kpi.open_card"), type="primary", key="kpi_new_open"):
            try:
                created = kpi.new_card(db, kind, owner, period, appraiser, actor(), copy_from, mode)
                st.session_state.kpi_pending_card = created
                st.session_state.kpi_pending_period = period
                st.session_state.kpi_notice = md("kpi.card_opened", owner=owner_label(owner), period=period)
                st.rerun()
            except ValueError as exc:
                st.error(t("kpi.card_refused", reason=errors.problem_text(exc, lg, escape=plain)))


def conflict_message(scorecard_id: str, conflict: Exception) -> None:
    st.error(t("kpi.conflict", reason=errors.problem_text(conflict, lang(), escape=plain)),
             icon=":material/sync_problem:")
    if st.button(t("kpi.reload"), key=f"kpi_reload_{scorecard_id}"):
        forget_card(scorecard_id)
        st.rerun()


def card_head(view: reports.CardView, lg: str) -> None:
    """Whose card, who appraises, the period and the scoring mode."""
    head = view.head
    with st.container(border=True):
        cols = st.columns(4)
        cols[0].markdown(f"**{plain(person(view.owner_en, view.owner_zh, lg, head['owner_id']))}**  \n"
                         f"{t('kpi.owner.' + head['owner_type'])}")
        appraiser = person(view.appraiser_en, view.appraiser_zh, lg, head["appraiser_id"])
        cols[1].markdown(f"{t('kpi.appraiser')}  \n**{plain(appraiser or '—')}**")
        cols[2].markdown(f"{t('kpi.period')}  \n**{plain(head['period'])}**")
        cols[3].markdown(f"{t('kpi.mode')}  \n**{t('kpi.mode.' + view.mode)}**", help=t("kpi.mode_help"))
    if not view.on_cycle:
        st.warning(md("kpi.card_off_cycle", period=head["period"], role=t(f"kpi.role.{view.role}"),
                      cycle=t(f"kpi.cycle.{view.cycle}")))


def card_result(result: kpi.Scored, names, lg: str) -> None:
    """Each line's score and weight, the total and rating, and what stops the card being scored."""
    left, right = st.columns([3, 1])
    if result.imported:  # no lines to list: the total and rating the card was imported with, and says so
        left.info(t("kpi.imported_result"))
    else:
        scores = result.lines.assign(name=result.lines["indicator_id"].map(names),
                                     weighted=result.lines["weight"] * result.lines["score"])
        downloadable(left, scores[["name", "weight", "score", "weighted"]], hide_index=True, width="stretch",
                           column_config={"name": t("kpi.indicator_name"),
                                          "weight": st.column_config.NumberColumn(t("eval.weight"), format="percent"),
                                          "score": st.column_config.NumberColumn(t("kpi.line_score"), format="%.1f"),
                                          "weighted": st.column_config.NumberColumn(t("kpi.weighted"), format="%.1f")},
                           key="kpi_card_lines", file_name="kpi-card-lines", recorded_as="scorecards")
    with right:
        st.metric(t("kpi.total"), score_text(result.total), border=True)
        st.metric(t("kpi.rating"), result.rating or "—", border=True, help=t("kpi.rating_help"))
    for problem in result.problems:
        st.error(problem_text(problem, names, lg))


def line_editor(view: reports.CardView, library: pd.DataFrame, names, lg: str) -> pd.DataFrame:
    """The card's lines to edit (read-only once scored); returns them as entered, in the stored form."""
    scorecard_id = view.head["scorecard_id"]
    shown = kpi.form_lines(view.lines)
    edited = editor(st,
        shown, key=f"kpi_lines_{scorecard_id}", hide_index=True, width="stretch",
        num_rows="fixed" if view.locked else "dynamic", disabled=view.locked,
        column_order=["indicator_id", "weight", "target", "actual", "rule", "per_point", "floor", "cap",
                      "steps", "score"],
        column_config={
            # Chosen by name, kept by id.
            "indicator_id": st.column_config.SelectboxColumn(t("kpi.indicator_name"),
                                                             options=library["indicator_id"].tolist(),
                                                             format_func=names, required=True, width="medium"),
            "weight": st.column_config.NumberColumn(t("eval.weight"), min_value=0, max_value=100, format="%.0f%%"),
            "target": st.column_config.NumberColumn(t("kpi.target"), format="%.2f"),
            "actual": st.column_config.NumberColumn(t("kpi.actual"), format="%.2f"),
            "rule": st.column_config.SelectboxColumn(t("kpi.rule"), options=list(kpi.RULES), required=True,
                                                     format_func=choice("kpi.rule", lg)),
            "per_point": st.column_config.NumberColumn(t("kpi.per_point"), help=t("kpi.per_point_help"),
                                                       format="%.1f"),
            "floor": st.column_config.NumberColumn(t("kpi.floor"), format="%.0f"),
            "cap": st.column_config.NumberColumn(t("kpi.cap"), format="%.0f"),
            "steps": st.column_config.TextColumn(t("kpi.steps"), help=t("kpi.steps_help"), width="medium"),
            "score": st.column_config.NumberColumn(t("kpi.manual_score"), help=t("kpi.manual_score_help"),
                                                   format="%.1f")})
    return kpi.entered_lines(edited)


def card_tab(db, period: str, library: pd.DataFrame, lg: str, shown: bool) -> reports.CardView | None:
    scorecard_id = card_picker(period, lg)
    new_card_form(db, lg)
    if scorecard_id is None:
        return None
    view = report(reports.card_view, scorecard_id)
    head = view.head
    # The revision this user started from: a save made by someone else since is refused, not overwritten.
    seen = st.session_state.setdefault(f"kpi_seen_{scorecard_id}", int(head["revision"] or 0))
    names = labeller(library, lg, "indicator_id")
    if shown:
        card_head(view, lg)
    working = line_editor(view, library, names, lg)
    if shown:
        result = kpi.shown_result(head, working, view.higher_is_better, view.bounded, view.bands)
        card_result(result, names, lg)
    feedback = st.text_area(t("kpi.feedback"), value=head["feedback"] or "", key=f"kpi_feedback_{scorecard_id}",
                            help=t("kpi.feedback_help"))
    plan = st.text_area(t("kpi.plan"), value=head["improvement_plan"] or "", key=f"kpi_plan_{scorecard_id}",
                        help=t("kpi.plan_help"))
    if not shown:  # the inputs above keep what was typed; the buttons below wait for the tab
        return None
    if view.locked:
        st.caption(md("kpi.locked", who=person(view.updated_by_en, view.updated_by_zh, lg) or "—"))
        if st.button(t("kpi.save_notes"), key=f"kpi_notes_{scorecard_id}"):
            try:
                kpi.save_notes(db, scorecard_id, feedback or None, plan or None, actor(), seen_revision=seen)
                st.session_state.pop(f"kpi_seen_{scorecard_id}", None)
                st.session_state.kpi_notice = t("kpi.notes_saved")
                st.rerun()
            except ConflictError as conflict:
                conflict_message(scorecard_id, conflict)
        return view
    a, b, _ = st.columns([1, 1, 3])
    for button, score in ((a, False), (b, True)):
        label = t("kpi.score_card") if score else t("kpi.save_draft")
        if button.button(label, type="primary" if score else "secondary",
                         key=f"kpi_{'score' if score else 'save'}_{scorecard_id}"):
            try:
                kpi.save_card(db, scorecard_id, working, actor(), score=score, feedback=feedback or None,
                              improvement_plan=plan or None, bands=view.bands, seen_revision=seen)
                st.session_state.pop(f"kpi_seen_{scorecard_id}", None)
                st.session_state.kpi_notice = md("kpi.scored" if score else "kpi.saved",
                                                 total=score_text(result.total), rating=result.rating or "—")
                st.rerun()
            except ConflictError as conflict:
                conflict_message(scorecard_id, conflict)
            except (ValueError, PermissionError) as exc:  # the card's problems, or it is gone or not yours
                st.error(md("kpi.refused", reason=errors.problem_text(exc, lg)))
    return view


# ---------------------------------------------------------------------------
# 1b. Coaching notes and appeals on a card
# ---------------------------------------------------------------------------

def refusal(error: Exception, lg: str) -> str:
    """Why a record was refused, in the user's language, from its code (:func:`hrcore.errors.problem_text`)."""
    return t("kpi.not_saved", reason=errors.problem_text(error, lg, escape=plain))


def forget_card(scorecard_id: str) -> None:
    """Drop what the page holds of a card (its revision, edited lines, notes typed), so it is read afresh."""
    for key in [k for k in st.session_state if str(k).endswith(scorecard_id)
                and str(k).startswith(("kpi_seen_", "kpi_lines_", "kpi_feedback_", "kpi_plan_"))]:
        del st.session_state[key]


def coaching_part(db, view: reports.CardView, lg: str) -> None:
    """The card's coaching notes, newest first, and a form to add one dated within the period."""
    head = view.head
    scorecard_id = head["scorecard_id"]
    st.markdown(f"**{t('kpi.coaching')}**", help=t("kpi.coaching_help"))
    if view.notes.empty:
        st.caption(t("kpi.no_coaching"))
    else:  # a data frame shows what people typed as text
        notes = view.notes.assign(author=i18n.names(view.notes["author_en"], view.notes["author_zh"], lg))
        downloadable(st, notes[["held_on", "author", "note", "follow_up"]], hide_index=True, width="stretch",
                         column_config={"held_on": date_column(t("kpi.note_held_on")),
                                        "author": t("kpi.note_author"),
                                        "note": st.column_config.TextColumn(t("kpi.note_text"), width="large"),
                                        "follow_up": t("kpi.note_follow_up")},
                         key="kpi_notes", file_name="coaching-notes", recorded_as="kpi_coaching_notes")
    user = current_user()
    if user is None or kpi_appeals.note_refused(user, head.to_dict()) is not None:
        return  # a viewer writes nothing; the appraisee's notes are written by someone else
    today = company.record_date(db)
    window = kpi_appeals.note_window(head.to_dict(), today)
    if window.not_yet:
        st.caption(md("kpi.coaching_not_yet", first=i18n.day(window.first, lg)))
        return
    with st.form(f"kpi_note_form_{scorecard_id}", clear_on_submit=True):
        held = st.date_input(t("kpi.note_held_on"), value=kpi_appeals.default_note_day(window, today),
                             min_value=window.first, max_value=window.last, key=f"kpi_note_day_{scorecard_id}")
        text = st.text_area(t("kpi.note_text"), key=f"kpi_note_text_{scorecard_id}")
        follow = st.text_input(t("kpi.note_follow_up"), key=f"kpi_note_follow_{scorecard_id}")
        if st.form_submit_button(t("kpi.add_note")):
            try:
                note = kpi_appeals.add_note(db, scorecard_id, held, text, follow or None, today=today)
                st.session_state.kpi_notice = md("kpi.note_added", note=note)
                st.rerun()
            except (ValueError, PermissionError, ConflictError) as error:
                st.error(refusal(error, lg))


def appeal_table(history: pd.DataFrame, lg: str) -> None:
    results = [" · ".join(part for part in (score_text(total) if total == total else "",
                                            rating if isinstance(rating, str) else "") if part)
               for total, rating in zip(history["appealed_total"], history["appealed_rating"])]
    shown = history.assign(status=history["status"].map(choice("kpi.appeal_status", lg)), result=results,
                           filed_by=i18n.names(history["filed_by_en"], history["filed_by_zh"], lg),
                           decided_by=i18n.names(history["decided_by_en"], history["decided_by_zh"], lg),
                           reason=history["reason"].fillna(""))
    downloadable(st, shown[["appeal_id", "filed_on", "filed_by", "grounds", "result", "status", "decided_on",
                            "decided_by", "reason"]], hide_index=True, width="stretch",
                     column_config={"appeal_id": t("kpi.pending_appeal_pick"),
                                    "filed_on": date_column(t("kpi.appeal_filed_on")),
                                    "filed_by": t("kpi.appeal_filed_by"), "grounds": t("kpi.appeal_grounds"),
                                    "result": t("kpi.appealed_result"), "status": t("kpi.appeal_status"),
                                    "decided_on": date_column(t("kpi.appeal_decided_on")),
                                    "decided_by": t("kpi.appeal_decided_by"), "reason": t("kpi.appeal_reason")},
                     key="kpi_card_appeals", file_name="kpi-appeals", recorded_as="kpi_appeals")


def appeal_part(db, view: reports.CardView, lg: str) -> None:
    """The card's appeals; filing one (the appraisee, or HR on their behalf) and deciding a pending one (HR)."""
    head = view.head
    scorecard_id = head["scorecard_id"]
    st.markdown(f"**{t('kpi.appeal')}**", help=t("kpi.appeal_help"))
    if view.appeals.empty:
        st.caption(t("kpi.no_appeals"))
    else:
        appeal_table(view.appeals, lg)
    user = current_user()
    if user is None:
        return
    if (appeal_id := view.pending_appeal) is not None:
        if kpi_appeals.deciding_refused(user, head.to_dict()) is not None:
            st.info(md("kpi.appeal_pending", appeal=appeal_id))
            return
        with st.form(f"kpi_decide_form_{scorecard_id}"):
            outcome = st.radio(t("kpi.appeal_outcome"), kpi_appeals.OUTCOMES, horizontal=True,
                               format_func=choice("kpi.appeal_status", lg), key=f"kpi_appeal_outcome_{scorecard_id}")
            reason = st.text_area(t("kpi.appeal_reason"), key=f"kpi_appeal_reason_{scorecard_id}")
            if st.form_submit_button(t("kpi.decide_appeal"), type="primary"):
                try:
                    kpi_appeals.decide_appeal(db, appeal_id, outcome, reason, company.record_date(db))
                    forget_card(scorecard_id)  # an upheld appeal reopened it: read its new revision
                    st.session_state.kpi_notice = md(f"kpi.appeal_{outcome}_note", appeal=appeal_id)
                    st.rerun()
                except (ValueError, PermissionError, ConflictError) as error:
                    st.error(refusal(error, lg))
        return
    if kpi_appeals.filing_refused(user, head.to_dict()) is not None:
        return  # not scored, or not theirs to appeal: the help above says who may
    with st.form(f"kpi_appeal_form_{scorecard_id}", clear_on_submit=True):
        grounds = st.text_area(t("kpi.appeal_grounds"), key=f"kpi_appeal_grounds_{scorecard_id}")
        if st.form_submit_button(t("kpi.file_appeal")):
            try:
                appeal_id = kpi_appeals.file_appeal(db, scorecard_id, grounds, company.record_date(db))
                st.session_state.kpi_notice = md("kpi.appeal_filed", appeal=appeal_id)
                st.rerun()
            except (ValueError, PermissionError, ConflictError) as error:
                st.error(refusal(error, lg))


def card_records(db, view: reports.CardView, lg: str) -> None:
    """Below a card: its coaching notes and its appeal."""
    left, right = st.columns(2)
    with left:
        coaching_part(db, view, lg)
    with right:
        appeal_part(db, view, lg)


def pending_appeals(lg: str) -> None:
    """HR's list of the appeals waiting for a decision, every period, and a way to open the card of one."""
    if not kpi_appeals.receives_appeals(current_user()):
        return
    waiting = report(reports.appeals_waiting)
    if waiting.empty:
        return
    with st.expander(t("kpi.pending_appeals", n=len(waiting)), icon=":material/gavel:"):
        owner = i18n.names(waiting["owner_en"], waiting["owner_zh"], lg, fallback=waiting["owner_id"])
        shown = waiting.assign(owner=owner, filed_by=i18n.names(waiting["filed_by_en"], waiting["filed_by_zh"], lg))
        downloadable(st, shown[["appeal_id", "period", "owner", "filed_on", "filed_by", "grounds"]], hide_index=True,
                         width="stretch", column_config={
                             "appeal_id": t("kpi.pending_appeal_pick"), "period": t("kpi.period"),
                             "owner": t("kpi.owner"),
                             "filed_on": date_column(t("kpi.appeal_filed_on")),
                             "filed_by": t("kpi.appeal_filed_by"), "grounds": t("kpi.appeal_grounds")},
                         key="kpi_appeals_waiting", file_name="kpi-appeals-waiting", recorded_as="kpi_appeals")
        labels = dict(zip(waiting["appeal_id"], waiting["appeal_id"] + " · " + owner + " · " + waiting["period"]))
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        chosen = a.selectbox(t("kpi.pending_appeal_pick"), list(labels), format_func=labels.get,
                             key="kpi_pending_appeal")
        if b.button(t("kpi.open_appealed_card"), key="kpi_open_appealed"):
            row = waiting.set_index("appeal_id").loc[chosen]
            st.session_state.kpi_pending_period = row["period"]
            st.session_state.kpi_pending_card = row["scorecard_id"]
            st.rerun()


# ---------------------------------------------------------------------------
# 2. Data check and actuals
# ---------------------------------------------------------------------------

def check_tab(db, period: str, settings: dict, lg: str, shown: bool) -> None:
    def actuals_file():
        return st.file_uploader(t("kpi.actuals_file"), type=["csv", "xlsx"], key="kpi_actuals")

    if not shown:
        actuals_file()  # the file chosen stays chosen while another tab is open
        return
    check = report(reports.data_check, period)
    period_check(db, period, check, settings, lg)
    st.markdown(f"**{t('kpi.import_title')}**")
    st.caption(t("kpi.import_help"))
    file_name = f"actuals_{period}.csv"
    st.download_button(t("kpi.template"), still_allowed(lambda: downloads.file(
        check.open_lines, "csv", store=db, table="scorecard_lines", name=file_name)),
        file_name=file_name, mime=downloads.CSV_MIME, disabled=check.open_lines.empty)
    upload = actuals_file()
    if upload is not None:
        import_actuals(db, upload)


def import_actuals(db, upload) -> None:
    """Actuals from a file, through the mapping and report every import takes (the Data page's)."""
    if (read := uploaded(upload, "scorecard_lines")) is None:
        return
    raw, key = read
    mapping = quick_mapping("scorecard_lines", list(raw.frame.columns), key)
    plan = remembered_plan(plan_key(key, mapping), lambda: kpi.plan_actuals(db, raw.frame, mapping))
    if plan is None or not show_report(plan, upload.name):
        return
    if st.button(t("kpi.import_actuals"), key="kpi_import_button", type="primary"):
        imports.commit_rows(db, "scorecard_lines", plan.rows)
        st.session_state.quick_import_plan = None
        st.session_state.kpi_notice = md("kpi.imported", n=len(plan.rows))
        st.rerun()


def off_cycle_flags(found: pd.DataFrame, lg: str) -> None:
    """Cards off their owner's cycle (general manager yearly ... staff monthly): flagged, not blocking."""
    if found.empty:
        return
    st.warning(md("kpi.off_cycle", n=i18n.number(len(found), lg)))
    pairs = found[["role", "cycle", "kind"]].drop_duplicates()
    reasons = {(r, c, k): md("kpi.problem_short.off_cycle", role=t(f"kpi.role.{r}"), cycle=t(f"kpi.cycle.{c}"),
                             kind=t(f"kpi.cycle.{k}") if isinstance(k, str) else t("kpi.cycle.none"))
               for r, c, k in pairs.itertuples(index=False)}
    shown = found.head(500)
    shown = shown.assign(owner=i18n.names(shown["owner_en"], shown["owner_zh"], lg, fallback=shown["owner_id"]),
                         reason=[reasons[key] for key in zip(shown["role"], shown["cycle"], shown["kind"])])
    if len(found) > 500:
        st.caption(md("kpi.first_off_cycle", n=i18n.number(len(found), lg)))
    downloadable(st, shown[["owner", "period", "reason", "scorecard_id"]], hide_index=True, width="stretch",
                     column_config={"owner": t("kpi.owner"), "period": t("kpi.period"), "reason": t("problem.reason")},
                     file_only={"scorecard_id": t("kpi.card_number")},
                     key="kpi_off_cycle", file_name="kpi-off-cycle", recorded_as="scorecards")


def inconsistent_text(mixed: pd.DataFrame, jobs: pd.DataFrame, lg: str, shown: int = 8) -> str:
    """The consistency warning: each group of peers by family (in the user's words), grade and jobs (by title)."""
    title = labeller(jobs, lg, "job_id", "title_en", "title_zh")
    parts = [md("kpi.inconsistent", n=len(mixed))]
    for row in mixed.head(shown).itertuples(index=False):
        jobs_named = ("、" if lg == "zh" else ", ").join(map(title, row.jobs.split(", ")))
        if row.job_family is None or row.level is None or row.level != row.level:
            parts.append("- " + md("kpi.inconsistent_job", jobs=jobs_named, sets=row.sets, cards=row.cards))
        else:
            parts.append("- " + md("kpi.inconsistent_group", family=i18n.code_label("job_family", row.job_family, lg),
                                   level=int(row.level), leads=t("kpi.inconsistent_leads") if row.leads else "",
                                   sets=row.sets, cards=row.cards, jobs=jobs_named))
    if len(mixed) > shown:
        parts.append(md("kpi.inconsistent_more", n=len(mixed) - shown))
    return "\n".join(parts)


def period_check(db, period: str, check: reports.DataCheck, settings: dict, lg: str) -> None:
    """The period's cards, those a problem blocks and why, and scoring every ready card at once."""
    tiles = st.columns(4)
    tiles[0].metric(t("kpi.cards"), i18n.number(check.cards, lg), border=True)
    tiles[1].metric(t("kpi.not_scored"), i18n.number(check.not_scored, lg), border=True)
    tiles[2].metric(t("kpi.blocked"), i18n.number(check.blocked, lg), border=True, help=t("kpi.blocked_help"))
    tiles[3].metric(t("kpi.ready"), i18n.number(check.ready, lg), border=True)
    problems = check.problems
    if len(problems):
        shown = problems.head(500)
        shown = shown.assign(
            owner=i18n.names(shown["owner_en"], shown["owner_zh"], lg, fallback=shown["owner_id"]),
            indicator=i18n.names(shown["indicator_en"], shown["indicator_zh"], lg,
                                 fallback=shown["indicator_id"].fillna("")),
            reason=shown["code"].map(choice("kpi.problem_short", lg)),
            value=[("" if v is None or v != v else f"{v:g}") for v in shown["value"]])
        st.markdown(f"**{t('kpi.problems_title')}**")
        if len(problems) > 500:
            st.caption(md("kpi.first_problems", n=i18n.number(len(problems), lg)))
        # By the appraisee's name; the card's number, to match a file's rows, in the download only.
        downloadable(st, shown[["owner", "indicator", "value", "reason", "scorecard_id"]], hide_index=True,
                         width="stretch", column_config={"owner": t("kpi.owner"), "indicator": t("kpi.indicator_name"),
                                                         "value": t("problem.value"), "reason": t("problem.reason")},
                         file_only={"scorecard_id": t("kpi.card_number")},
                         key="kpi_card_problems", file_name="kpi-problems", recorded_as="scorecards")
    else:
        st.success(t("kpi.no_problems"))
    off_cycle_flags(check.off_cycle, lg)
    if len(check.inconsistent):
        st.warning(inconsistent_text(check.inconsistent, check.job_titles, lg))
    if st.button(t("kpi.score_all", n=check.ready), type="primary", disabled=check.ready == 0):
        done, left = kpi.score_period(db, period, actor(), [tuple(b) for b in settings["ratings"]])
        st.session_state.kpi_notice = md("kpi.scored_all", n=done, left=left)
        st.rerun()


# ---------------------------------------------------------------------------
# 3. Results
# ---------------------------------------------------------------------------

def headline_tiles(headline: reports.KpiHeadline, lg: str) -> None:
    """The latest review period at a glance, as the overview shows it."""
    if headline.period is None:
        return
    st.markdown(f"**{md('overview.performance', period=headline.period)}**", help=t("overview.rating_share_help"))
    cols = st.columns(len(headline.shares) + 1)
    for col, (rating, share) in zip(cols, headline.shares.items()):
        hidden = rating in headline.too_few  # one to four people: who they are shows (hrcore.privacy)
        col.metric(md("overview.rating_share", rating=rating), "—" if hidden else i18n.percent(share, lg, 0),
                   border=True, help=t("privacy.too_few_help", n=MIN_GROUP) if hidden else None)
    cols[-1].metric(t("kpi.not_scored"), i18n.number(headline.not_scored, lg), border=True)


def band_inputs(db, settings: dict) -> tuple:
    """The rating bands' lower bounds, editable and saved on demand; returns them as they stand."""
    st.markdown(f"**{t('kpi.bands')}**", help=t("kpi.bands_help"))
    cols = st.columns(4, vertical_alignment="bottom")
    bounds = {label: cols[i].number_input(t("kpi.band_from", rating=label), 0.0, 200.0, float(bound), 1.0,
                                          key=f"kpi_band_{label}")
              for i, (label, bound) in enumerate(settings["ratings"])}
    if [bounds[label] for label, _ in settings["ratings"]] != [b for _, b in settings["ratings"]]:
        if cols[3].button(t("kpi.save_bands")):
            try:
                kpi.save_settings(db, {**settings, "ratings": [[k, v] for k, v in bounds.items()]})
                st.session_state.kpi_notice = t("kpi.bands_saved")
                st.rerun()
            except ValueError:
                st.error(t("kpi.bands_bad"))
    return tuple(bounds.items())


def results_tab(db, period: str, settings: dict, lg: str, shown: bool) -> None:
    bands = band_inputs(db, settings)
    if not shown:
        return
    found = report(reports.results, period)
    st.divider()
    headline_tiles(found.headline, lg)
    labels, counts = found.ratings, found.counts(bands)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{md('kpi.distribution', period=period)}**")
        fig = go.Figure(go.Bar(x=labels, y=counts.to_numpy(), marker_color=[RATING_COLORS.get(r, ACCENT)
                                                                            for r in labels],
                               text=[i18n.percent(c / max(counts.sum(), 1), lg, 0) for c in counts],
                               textposition="outside"))
        fig.update_layout(height=320, margin=dict(l=10, r=10, t=20, b=10), yaxis_title=t("kpi.cards"))
        plotly_chart(st, fig, key="kpi_distribution", config=CHART)
    with right:
        st.markdown(f"**{t('kpi.trend')}**")
        plotly_chart(st, trend_chart(found.trend, bands), key="kpi_trend", config=CHART)
    if len(found.by_department):
        st.markdown(f"**{t('kpi.by_department')}**")
        plotly_chart(st, department_chart(found.by_department, labels, lg), key="kpi_by_department", config=CHART)
    st.markdown(f"**{t('kpi.cascade')}**", help=t("kpi.cascade_help"))
    plotly_chart(st, cascade_chart(found.cascade, lg), key="kpi_cascade", config=CHART)


def trend_chart(trend: pd.DataFrame, bands: tuple) -> go.Figure:
    fig = go.Figure(go.Scatter(x=trend["period"], y=trend["average"], mode="lines+markers",
                               line=dict(color=ACCENT, width=3)))
    low, high = trend["average"].min(), trend["average"].max()
    # The bands as layout shapes and labels, not add_hline: that costs 10 ms a line in plotly's bookkeeping.
    fig.update_layout(height=320, margin=dict(l=10, r=30, t=20, b=10), yaxis_title=t("kpi.average_total"),
                      yaxis_range=[min(low - 5, 80), max(high + 5, 110)],
                      shapes=[dict(type="line", x0=0, x1=1, xref="paper", y0=bound, y1=bound,
                                   line=dict(dash="dot", color=RATING_COLORS.get(label, ACCENT)))
                              for label, bound in bands],
                      annotations=[dict(x=1, xref="paper", xanchor="left", y=bound, text=label, showarrow=False)
                                   for label, bound in bands])
    return fig


def department_chart(share: pd.DataFrame, labels: list[str], lg: str) -> go.Figure:
    names = i18n.names(share["name_en"], share["name_zh"], lg, fallback=share["department_id"]).tolist()
    fig = go.Figure()
    for label in labels:
        fig.add_bar(y=names, x=share[label], name=label, orientation="h", marker_color=RATING_COLORS.get(label, ACCENT),
                    hovertemplate="%{x:.0%}<extra>" + label + "</extra>")
    fig.update_layout(barmode="stack", height=max(320, 24 * len(share) + 80), margin=dict(l=10, r=10, t=10, b=10),
                      legend=dict(orientation="h", y=-0.08), xaxis_tickformat=".0%")
    return fig


def cascade_chart(cascade: pd.DataFrame, lg: str) -> go.Figure:
    """Company goals in the centre, the indicators that serve them around, sized by the cards that use them."""
    root = t("kpi.company_goals")
    ids = [root, *cascade["indicator_id"]]
    parents = ["", *cascade["parent"].where(cascade["parent"].notna(), root)]
    labels = [root, *i18n.names(cascade["name_en"], cascade["name_zh"], lg, fallback=cascade["indicator_id"])]
    values = [0, *cascade["cards"].astype(int)]
    fig = go.Figure(go.Sunburst(ids=ids, parents=parents, labels=labels, values=values, branchvalues="remainder",
                                maxdepth=3, insidetextorientation="radial",
                                hovertemplate="%{label}<br>%{value:,}<extra></extra>"))
    fig.update_layout(height=520, margin=dict(l=10, r=10, t=10, b=10))
    return fig


# ---------------------------------------------------------------------------
# 4. Merit matrix
# ---------------------------------------------------------------------------

def merit_tab(db, period: str, settings: dict, lg: str, shown: bool) -> None:
    st.caption(t("kpi.merit_help"))
    matrix = pd.DataFrame(settings["merit"]).reindex(columns=["below", "within", "above"]) * 100
    matrix.index.name = t("kpi.rating")
    edited = editor(st, matrix, key="kpi_merit_editor", width="stretch",
                            column_config={c: st.column_config.NumberColumn(t(f"kpi.band.{c}"), min_value=0.0,
                                                                            max_value=50.0, step=0.5,
                                                                            format="%.1f%%")
                                           for c in matrix.columns})
    if not shown:
        return
    raises = (edited / 100).to_numpy(dtype=float).tolist()
    # The people found once per period, placed as the pay page places them (its shared report of the structure in
    # force, not placed again); the matrix on screen priced at each edit.
    people = report(reports.merit_people, period, shared=True, prepared=pay_reports.in_force)
    priced = reports.price_merit(people, tuple((rating, *row) for rating, row in zip(edited.index, raises)))
    if not priced.priced:
        st.info(t("kpi.merit_needs"))
        return
    tiles = st.columns(4)
    tiles[0].metric(t("kpi.merit_people"), i18n.number(priced.people, lg), border=True)
    tiles[1].metric(t("kpi.merit_cost"), money(priced.cost, lg), border=True, help=t("kpi.merit_cost_help"))
    tiles[2].metric(t("kpi.merit_share"), i18n.percent(priced.payroll_share, lg), border=True,
                    help=t("kpi.merit_share_help"))
    tiles[3].metric(t("kpi.merit_average"), "—" if np.isnan(priced.average) else i18n.percent(priced.average, lg),
                    border=True)
    if st.button(t("kpi.save_matrix")):
        kpi.save_settings(db, {**settings, "merit": (edited / 100).to_dict()})
        st.session_state.kpi_notice = t("kpi.matrix_saved")
        st.rerun()
    table = priced.by_department
    table = table.assign(department=i18n.names(table["name_en"], table["name_zh"], lg, fallback=table["department_id"]),
                         cost=table["cost"].round(0), average=100 * table["average"])
    downloadable(st, table[["department", "people", "average", "cost"]], hide_index=True, width="stretch",
                     column_config={"department": t("overview.department"), "people": t("kpi.merit_people"),
                                    "average": st.column_config.NumberColumn(t("kpi.merit_average"), format="%.1f%%"),
                                    "cost": st.column_config.NumberColumn(f"{t('kpi.merit_cost')} ({currency()})",
                                                                          format="localized")},
                     key="kpi_merit", file_name="merit-by-department", recorded_as=None)


# ---------------------------------------------------------------------------
# 5. Indicator library and 6. cycles
# ---------------------------------------------------------------------------

def library_tab(db, lg: str, shown: bool) -> None:
    st.caption(t("kpi.library_help"))
    found = report(reports.library)
    library, missing = found.indicators, found.missing_examples
    if len(missing) and st.button(t("kpi.add_seed", n=len(missing))):
        db.upsert("kpi_indicators", imports.validate(missing, "kpi_indicators")[0])
        st.session_state.kpi_notice = md("kpi.seed_added", n=len(missing))
        st.rerun()
    names = ["name_zh", "name_en"] if lg == "zh" else ["name_en", "name_zh"]
    # Read by name; the id, the key files and cards use, last.
    order = names + [c for c in library.columns if c not in names and c != "indicator_id"] + ["indicator_id"]
    edited = editor(st,
        library, key="kpi_library_editor", hide_index=True, width="stretch", num_rows="dynamic", height=480,
        column_order=order, column_config={
            "indicator_id": st.column_config.TextColumn(t("kpi.indicator_id"), required=True),
            "name_en": t("eval.name_en"), "name_zh": t("eval.name_zh"),
            "definition": st.column_config.TextColumn(t("kpi.definition"), width="large"),
            "formula": t("kpi.formula"),
            "kind": st.column_config.SelectboxColumn(t("kpi.kind"), options=["numeric", "time", "project", "mixed"],
                                                     format_func=choice("kpi.kind", lg)),
            "dimension": st.column_config.SelectboxColumn(t("kpi.dimension"),
                                                          options=["quantity", "quality", "time", "cost"],
                                                          format_func=choice("kpi.dimension", lg)),
            "perspective": st.column_config.SelectboxColumn(
                t("kpi.perspective"), options=["financial", "customer", "internal_process", "learning_growth"],
                format_func=choice("kpi.perspective", lg)),
            "category": st.column_config.SelectboxColumn(t("kpi.category"), options=["KPI", "CPI"]),
            "data_source": t("kpi.data_source"),
            "higher_is_better": st.column_config.CheckboxColumn(t("kpi.higher_is_better")),
            "unit": t("kpi.unit"), "owner": t("kpi.indicator_owner"),
            "bounded_share": st.column_config.CheckboxColumn(t("kpi.bounded_share"), help=t("kpi.bounded_share_help")),
            "supports": st.column_config.SelectboxColumn(t("kpi.supports"), options=library["indicator_id"].tolist(),
                                                         format_func=labeller(library, lg, "indicator_id"))})
    if not shown:
        return
    prompts = [(row["indicator_id"], code) for _, row in edited.iterrows() if row["indicator_id"]
               for code in kpi.smart_prompts(row.to_dict())]
    for indicator, code in prompts[:12]:
        st.warning(md(f"kpi.smart.{code}", indicator=indicator))
    changed = not edited.reset_index(drop=True).equals(library.reset_index(drop=True))
    if st.button(t("kpi.save_library"), type="primary", disabled=not changed):
        typed, problems = imports.validate(edited.dropna(subset=["indicator_id"]), "kpi_indicators")
        if len(problems):
            st.error(t("kpi.library_problems"))
            downloadable(st, problems, hide_index=True,
                             key="kpi_library_problems", file_name="kpi-library-problems", recorded_as=None)
        else:
            result = db.upsert("kpi_indicators", typed)
            st.session_state.kpi_notice = md("kpi.library_saved", new=result.inserted, changed=result.updated)
            st.rerun()


def cycles_tab(db, settings: dict, lg: str) -> None:
    st.caption(t("kpi.cycles_help"))
    chosen = {}
    cols = st.columns(len(kpi.CYCLES))
    for i, role in enumerate(kpi.CYCLES):
        chosen[role] = cols[i].selectbox(t(f"kpi.role.{role}"), kpi.CYCLE_CHOICES,
                                         index=kpi.CYCLE_CHOICES.index(settings["cycles"].get(role, kpi.CYCLES[role])),
                                         format_func=choice("kpi.cycle", lg), key=f"kpi_cycle_{role}")
    if chosen != settings["cycles"] and st.button(t("kpi.save_cycles"), type="primary"):
        kpi.save_settings(db, {**settings, "cycles": chosen})
        st.session_state.kpi_notice = t("kpi.cycles_saved")
        st.rerun()
    job_roles(db, settings, lg)


def job_roles(db, settings: dict, lg: str) -> None:
    """The role of each job by the rule, changed where the company appraises a job otherwise."""
    jobs = report(reports.cycle_roles).jobs
    if jobs.empty:
        return
    shown = jobs.assign(title=i18n.names(jobs["title_en"], jobs["title_zh"], lg, fallback=jobs["job_id"]))
    st.markdown(f"**{t('kpi.job_roles')}**", help=t("kpi.job_roles_help"))
    edited = editor(st, shown[["job_id", "title", "role"]], key="kpi_job_roles", hide_index=True, width="stretch",
                            disabled=["job_id", "title"], column_order=["title", "job_id", "role"],
                            column_config={"job_id": t("kpi.job"), "title": t("kpi.job_title"),
                                           "role": st.column_config.SelectboxColumn(
                                               t("kpi.role"), options=list(kpi.CYCLES), required=True,
                                               format_func=choice("kpi.role", lg))})
    overrides = reports.role_overrides(edited.assign(by_rule=jobs["by_rule"].to_numpy()))
    if overrides != (settings.get("roles") or {}) and st.button(t("kpi.save_roles"), type="primary"):
        kpi.save_settings(db, {**settings, "roles": overrides})
        st.session_state.kpi_notice = t("kpi.roles_saved")
        st.rerun()


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

db = store()
lg = lang()
page_header("page.kpi", "kpi.intro", "kpi_notice")
base = report(reports.page)
if not base.periods:
    bring("kpi.no_periods", ["scorecards"], "kpi_bring")
    st.stop()
top = st.columns([1, 5], vertical_alignment="bottom")
if (opened := st.session_state.pop("kpi_pending_period", None)) in base.periods:
    st.session_state.kpi_period = opened  # a card just opened, or one from the list of pending appeals: its period
period = top[0].selectbox(t("kpi.period"), base.periods, key="kpi_period")
tabs = page_tabs("kpi_tab", ["kpi.tab.card", "kpi.tab.check", "kpi.tab.results", "kpi.tab.merit", "kpi.tab.library",
                             "kpi.tab.cycles"])
with tabs[0]:
    if tabs[0].open:
        pending_appeals(lg)
    card = card_tab(db, period, base.library, lg, tabs[0].open)
    if card is not None:
        card_records(db, card, lg)
with tabs[1]:
    check_tab(db, period, base.settings, lg, tabs[1].open)
with tabs[2]:
    results_tab(db, period, base.settings, lg, tabs[2].open)
with tabs[3]:
    merit_tab(db, period, base.settings, lg, tabs[3].open)
with tabs[4]:
    library_tab(db, lg, tabs[4].open)
with tabs[5]:
    cycles_tab(db, base.settings, lg)
