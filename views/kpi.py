"""KPI scorecards and the performance cycle: cards, data check, results, merit matrix, library, cycles."""

from __future__ import annotations


import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import company, cycles, downloads, i18n, imports, kpi, kpi_appeals
from hrcore.company import as_of_date
from hrcore.store import ConflictError
from hrcore.i18n import plain
from views._common import (bring, current_user, lang, md, money, page_header, page_tabs, pay_in_force, plotly_chart,
                           still_allowed, store, t, version, your_name)
from views._imports import plan_key, quick_mapping, remembered_plan, show_report, uploaded

ACCENT = "#1F6F8B"
RATING_COLORS = {"A": "#1F6F8B", "B": "#6FA8BC", "C": "#F5B041", "D": "#C0392B"}


# ---------------------------------------------------------------------------
# Cached reads
# ---------------------------------------------------------------------------

# A period's cards with their owner's department and name (an employee, a position or a department).
CARDS = ("SELECT c.scorecard_id, c.owner_type, c.owner_id, c.appraiser_id, c.status, c.total_score, "
         "coalesce(e.department_id, c.owner_id) AS department_id, "
         "coalesce(e.name_en, d.name_en, p.title_en) AS owner_en, coalesce(e.name_zh, d.name_zh, p.title_zh) AS owner_zh "
         "FROM scorecards c LEFT JOIN employees e ON c.owner_type = 'employee' AND e.employee_id = c.owner_id "
         "LEFT JOIN jobs p ON c.owner_type = 'position' AND p.job_id = c.owner_id "
         "LEFT JOIN departments d ON c.owner_type = 'department' AND d.department_id = c.owner_id ")


@st.cache_data(show_spinner=False, max_entries=2)
def every_period(db_path: str, data_version: int) -> dict[str, pd.DataFrame]:
    """The counts the tabs show, for all periods in one pass each: choosing another period then only picks rows.

    At a million people a period holds a million cards and 3.5 million lines; counting them again at each
    change of period is what made the page slow.
    """
    db = store()
    owner_department = ("FROM scorecards c LEFT JOIN employees e ON c.owner_type = 'employee' "
                        "AND e.employee_id = c.owner_id ")
    return {
        "owners": db.query("SELECT c.period, c.owner_type, coalesce(e.department_id, c.owner_id) AS department_id, "
                           "count(*) AS cards " + owner_department + "GROUP BY ALL"),
        "usage": db.query("SELECT period, indicator_id, count(*) AS cards FROM scorecard_lines "
                          "JOIN scorecards USING (scorecard_id) GROUP BY ALL"),
        "ratings": db.query("SELECT c.period, coalesce(e.department_id, '') AS department_id, c.rating, "
                            "count(*) AS n FROM scorecards c JOIN employees e ON e.employee_id = c.owner_id "
                            "WHERE c.owner_type = 'employee' AND c.status = 'scored' GROUP BY ALL"),
        "inconsistent": kpi.inconsistent_jobs(db, None),
    }


def of_period(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    return frame[frame["period"] == period].drop(columns="period")


@st.cache_data(show_spinner=False, max_entries=8)
def period_data(db_path: str, data_version: int, period: str) -> dict:
    """What the tabs need of a period; at 100,000 cards a period only counts, totals and the drafts leave DuckDB."""
    db = store()
    owners = of_period(every_period(db_path, data_version)["owners"], period)
    totals = db.query("SELECT total_score FROM scorecards WHERE period = ? AND status = 'scored'", [period])
    drafts = db.query(CARDS + "WHERE c.period = ? AND c.status = 'draft' ORDER BY c.scorecard_id", [period])
    lines = db.query(f"SELECT scorecard_id, {', '.join(kpi.LINE_COLUMNS)} FROM scorecard_lines WHERE scorecard_id IN "
                     "(SELECT scorecard_id FROM scorecards WHERE period = ? AND status = 'draft')", [period])
    usage = of_period(every_period(db_path, data_version)["usage"], period).set_index("indicator_id")["cards"]
    return {"owners": owners, "cards": int(owners["cards"].sum()), "scored_totals": totals["total_score"].to_numpy(),
            "drafts": drafts, "draft_lines": lines, "usage": usage}


@st.cache_data(show_spinner=False, max_entries=16)
def cards_of(db_path: str, data_version: int, period: str, kind: str, department: str | None) -> pd.DataFrame:
    """The picker's cards: one owner type's, an employee's within one department."""
    if kind == "employee" and department is not None:
        # The department's people joined first (a million cards a period at scale: 0.45 s -> 0.13 s), then any
        # card of someone not on file, which the overview files under its owner id.
        return store().query(
            "SELECT c.scorecard_id, c.owner_type, c.owner_id, c.appraiser_id, c.status, c.total_score, "
            "e.department_id, e.name_en AS owner_en, e.name_zh AS owner_zh FROM scorecards c "
            "JOIN employees e ON e.employee_id = c.owner_id AND e.department_id = ? "
            "WHERE c.period = ? AND c.owner_type = 'employee' "
            "UNION ALL " + CARDS + "WHERE c.period = ? AND c.owner_type = 'employee' AND c.owner_id = ? "
            "AND e.employee_id IS NULL ORDER BY scorecard_id", [department, period, period, department])
    return store().query(CARDS + "WHERE c.period = ? AND c.owner_type = ? AND (?::VARCHAR IS NULL OR "
                         "coalesce(e.department_id, c.owner_id) = ?) ORDER BY c.scorecard_id",
                         [period, kind, department, department])


def card_owner(db, scorecard_id: str) -> pd.Series | None:
    found = db.query(CARDS + "WHERE c.scorecard_id = ?", [scorecard_id])
    return found.iloc[0] if len(found) else None


def inconsistent(db_path: str, data_version: int, period: str) -> pd.DataFrame:
    """Peers (one job family, one level) whose cards use different indicators this period (same level, same
    indicators)."""
    return every_period(db_path, data_version)["inconsistent"].query("period == @period")


@st.cache_data(show_spinner=False, max_entries=2)
def job_titles(db_path: str, data_version: int) -> pd.DataFrame:
    return store().query("SELECT job_id, title_en, title_zh FROM jobs")


def inconsistent_text(mixed: pd.DataFrame, jobs: pd.DataFrame, lg: str, shown: int = 8) -> str:
    """The consistency warning: each group of peers by family (in the user's words), grade and jobs (by title)."""
    title = labeller(jobs, lg, "job_id", "title_en", "title_zh")
    parts = [md("kpi.inconsistent", n=len(mixed))]
    for row in mixed.head(shown).itertuples(index=False):
        jobs_named = "、".join(map(title, row.jobs.split(", "))) if lg == "zh" else \
            ", ".join(map(title, row.jobs.split(", ")))
        if row.job_family is None or row.level is None or row.level != row.level:
            parts.append("- " + md("kpi.inconsistent_job", jobs=jobs_named, sets=row.sets, cards=row.cards))
        else:
            parts.append("- " + md("kpi.inconsistent_group", family=i18n.code_label("job_family", row.job_family, lg),
                                   level=int(row.level), leads=t("kpi.inconsistent_leads") if row.leads else "",
                                   sets=row.sets, cards=row.cards, jobs=jobs_named))
    if len(mixed) > shown:
        parts.append(md("kpi.inconsistent_more", n=len(mixed) - shown))
    return "\n".join(parts)


@st.cache_data(show_spinner=False, max_entries=4)
def basics(db_path: str, data_version: int) -> dict:
    db = store()
    # Latest first by the period's end, a month before its quarter (cards of several cycles mixed).
    periods = cycles.sort_periods(db.query("SELECT DISTINCT period FROM scorecards")["period"])
    trend = db.query("SELECT period, count(*) AS cards, count(*) FILTER (WHERE status = 'scored') AS scored, "
                     "avg(total_score) AS average FROM scorecards GROUP BY period")
    return {
        "periods": periods,
        "library": db.query("SELECT * FROM kpi_indicators ORDER BY indicator_id"),
        "departments": db.query("SELECT department_id, name_en, name_zh, parent_id FROM departments"),
        # Oldest first, by the period's end (months and quarters of several cycles mixed).
        "trend": trend.set_index("period").loc[periods[::-1]].reset_index() if len(trend) else trend,
    }


def ratings_by_department(db_path: str, data_version: int, period: str) -> pd.DataFrame:
    return of_period(every_period(db_path, data_version)["ratings"], period)


@st.cache_data(show_spinner=False, max_entries=4)
def merit_people(db_path: str, data_version: int, period: str) -> pd.DataFrame:
    people = pay_in_force(db_path, data_version)[1]
    if people.empty:
        return people
    return store().query("SELECT p.*, c.rating FROM people p JOIN scorecards c ON c.owner_id = p.employee_id "
                         "WHERE c.owner_type = 'employee' AND c.period = ? AND c.status = 'scored'",
                         [period], frames={"people": people})  # unordered: only sums are shown (0.3 s at 1,000,000)


def directions(library: pd.DataFrame) -> pd.Series:
    """Higher-is-better per indicator (unknown direction: higher)."""
    return library.set_index("indicator_id")["higher_is_better"].astype("boolean").fillna(True).astype(bool)


def bounded(library: pd.DataFrame) -> pd.Series:
    """Per indicator, whether it is a bounded share (the only ones whose actuals stop at 100 %)."""
    return library.set_index("indicator_id")["bounded_share"].astype("boolean").fillna(False).astype(bool)


def choice(prefix: str, lg: str):
    """The user's words for a code of the library or the card (type, dimension, perspective, rule)."""
    return lambda code: "" if code is None or code != code else i18n.t(f"{prefix}.{code}", lg) \
        if f"{prefix}.{code}" in i18n.TEXT else str(code)


def labeller(frame: pd.DataFrame, lg: str, id_column: str, en: str = "name_en", zh: str = "name_zh"):
    names = {r[id_column]: i18n.name(r[en], r[zh], lg) for _, r in frame.iterrows()}
    return lambda key: names.get(key, key) or key


def problem_text(problem: kpi.CardProblem, names, lg: str) -> str:
    values = dict(problem.values)
    if "total" in values:
        values["total"] = i18n.percent(values["total"], lg)
    return md(f"kpi.problem.{problem.code}", indicator=names(problem.indicator_id) if problem.indicator_id else "",
              **values)


# ---------------------------------------------------------------------------
# 1. A scorecard
# ---------------------------------------------------------------------------

def card_picker(period: str, owners: pd.DataFrame, departments: pd.DataFrame, lg: str) -> pd.Series | None:
    """The card to open: owner type, department (for employees), card; returns the chosen card's row."""
    if owners.empty:
        st.info(t("kpi.no_cards"))
        return None
    if (pending := st.session_state.pop("kpi_pending_card", None)) is not None:
        owner = card_owner(store(), pending)
        if owner is not None:
            st.session_state.kpi_owner_type = owner["owner_type"]
            st.session_state.kpi_dept = owner["department_id"]
            st.session_state.kpi_card = pending
    dept_name = labeller(departments, lg, "department_id")
    a, b, c = st.columns([1.2, 2, 3])
    kind = a.radio(t("kpi.owner_type"), ["employee", "position", "department"], key="kpi_owner_type",
                   format_func=lambda k, lg=lg: i18n.t(f"kpi.owner.{k}", lg))
    owners = owners[owners["owner_type"] == kind]
    if owners.empty:
        st.info(t("kpi.no_cards"))
        return None
    dept = None
    if kind == "employee":
        departments_with_cards = sorted(owners["department_id"].dropna().unique(), key=dept_name)
        dept = b.selectbox(t("overview.department"), departments_with_cards, format_func=dept_name, key="kpi_dept")
    cards = cards_of(*version(), period, kind, dept).set_index("scorecard_id")
    # Labelled column-wise: a department holds tens of thousands of cards at a million people.
    owner = i18n.names(cards["owner_en"], cards["owner_zh"], lg, fallback=cards["owner_id"])
    status = cards["status"].map({s: i18n.t(f"kpi.status.{s}", lg) for s in cards["status"].unique()})
    names = dict(zip(cards.index, owner + " · " + cards["owner_id"] + " · " + status))
    chosen = c.selectbox(t("kpi.card"), list(names), format_func=names.get, key="kpi_card")
    return None if chosen is None else cards.loc[chosen]


def new_card_form(db, user: str, lg: str) -> None:
    """Open a draft card for an employee, a position or a department on the owner's appraisal cycle (seed 003):
    the periods offered are those of the owner's cycle, the current one first chosen; lines copied from an
    earlier card."""
    with st.expander(t("kpi.new_card")):
        a, b, c = st.columns(3)
        kind = a.selectbox(t("kpi.owner_type"), ["employee", "position", "department"], key="kpi_new_kind",
                           format_func=lambda k, lg=lg: i18n.t(f"kpi.owner.{k}", lg))
        owner = b.text_input(t("kpi.owner_id"), help=t("kpi.owner_id_help"), key="kpi_new_owner").strip()
        appraiser = c.text_input(t("kpi.appraiser_id"), key="kpi_new_appraiser")
        if not owner:
            st.caption(t("kpi.new_card_owner_first"))
            return
        role, cycle = cycles.owner_cycle(db, kind, owner)
        choices = cycles.cycle_periods(cycle, as_of_date(db))
        a, b, c = st.columns(3)
        period = a.selectbox(t("kpi.period"), choices, index=1, key=f"kpi_new_period_{cycle}",
                             help=md("kpi.new_card_cycle", role=t(f"kpi.role.{role}"), cycle=t(f"kpi.cycle.{cycle}")))
        copy_from = b.text_input(t("kpi.copy_from"), help=t("kpi.copy_from_help"), key="kpi_new_copy")
        mode = c.radio(t("kpi.mode"), kpi.MODES, horizontal=True, key="kpi_new_mode",
                       format_func=lambda m, lg=lg: i18n.t(f"kpi.mode.{m}", lg))
        st.caption(md("kpi.new_card_cycle", role=t(f"kpi.role.{role}"), cycle=t(f"kpi.cycle.{cycle}")))
        if st.button(t("kpi.open_card"), type="primary", key="kpi_new_open"):
            try:
                created = kpi.new_card(db, kind, owner, period, appraiser.strip() or None, user or "HR",
                                       copy_from.strip() or None, mode)
                st.session_state.kpi_pending_card = created
                st.session_state.kpi_pending_period = period
                st.session_state.kpi_notice = md("kpi.card_opened", id=created)
                st.rerun()
            except ValueError as exc:
                st.error(md("kpi.card_refused", reason=exc))


def conflict_message(scorecard_id: str, conflict: Exception) -> None:
    st.error(md("kpi.conflict", reason=str(conflict).split(": ", 1)[-1]), icon=":material/sync_problem:")
    if st.button(t("kpi.reload"), key=f"kpi_reload_{scorecard_id}"):
        forget_card(scorecard_id)
        st.rerun()


def card_head(db, owner: pd.Series, head: pd.Series, lg: str) -> None:
    """Whose card, who appraises, the period and the scoring mode."""
    with st.container(border=True):
        cols = st.columns(4)
        cols[0].markdown(f"**{plain(i18n.name(owner['owner_en'], owner['owner_zh'], lg) or head['owner_id'])}**  \n"
                         f"{t('kpi.owner.' + head['owner_type'])} · {plain(head['owner_id'])}")
        found = db.query("SELECT name_en, name_zh FROM employees WHERE employee_id = ?", [head["appraiser_id"]])
        appraiser = i18n.name(found["name_en"].iloc[0], found["name_zh"].iloc[0], lg) if len(found) else ""
        cols[1].markdown(f"{t('kpi.appraiser')}  \n**{plain(appraiser or head['appraiser_id'] or '—')}**"
                         f"{' · ' + plain(head['appraiser_id']) if appraiser else ''}")
        cols[2].markdown(f"{t('kpi.period')}  \n**{plain(head['period'])}**")
        mode = str(head["scoring_mode"] or "ratio")
        cols[3].markdown(f"{t('kpi.mode')}  \n**{t('kpi.mode.' + mode)}**", help=t("kpi.mode_help"))


def card_result(result: kpi.Scored, names, lg: str) -> None:
    """Each line's score and weight, the total and rating, and what stops the card being scored."""
    left, right = st.columns([3, 1])
    if result.imported:  # no lines to list: the total and rating the card was imported with, and says so
        left.info(t("kpi.imported_result"))
    else:
        scores = result.lines.assign(name=result.lines["indicator_id"].map(names),
                                     weighted=result.lines["weight"] * result.lines["score"])
        left.dataframe(scores[["name", "weight", "score", "weighted"]], hide_index=True, width="stretch",
                       column_config={"name": t("kpi.indicator_name"),
                                      "weight": st.column_config.NumberColumn(t("eval.weight"), format="percent"),
                                      "score": st.column_config.NumberColumn(t("kpi.line_score"), format="%.1f"),
                                      "weighted": st.column_config.NumberColumn(t("kpi.weighted"), format="%.1f")})
    with right:
        st.metric(t("kpi.total"), "—" if np.isnan(result.total) else f"{result.total:.1f}", border=True)
        st.metric(t("kpi.rating"), result.rating or "—", border=True, help=t("kpi.rating_help"))
    for problem in result.problems:
        st.error(problem_text(problem, names, lg))


def card_tab(db, period: str, owners: pd.DataFrame, library: pd.DataFrame, departments: pd.DataFrame, settings: dict,
             lg: str, user: str, shown: bool) -> None:
    owner = card_picker(period, owners, departments, lg)
    new_card_form(db, user, lg)
    if owner is None:
        return
    scorecard_id = owner.name
    head, lines = kpi.card(db, scorecard_id)
    # The revision this user started from: a save made by someone else since is refused, not overwritten.
    seen = st.session_state.setdefault(f"kpi_seen_{scorecard_id}", int(head["revision"] or 0))
    names = labeller(library, lg, "indicator_id")
    if shown:
        card_head(db, owner, head, lg)
        role, cycle = cycles.owner_cycle(db, head["owner_type"], head["owner_id"])
        if not cycles.fits([head["period"]], [cycle])[0]:
            st.warning(md("kpi.card_off_cycle", period=head["period"], role=t(f"kpi.role.{role}"),
                          cycle=t(f"kpi.cycle.{cycle}")))
    shown_lines = lines.copy()
    shown_lines["weight"] = (shown_lines["weight"] * 100).round(4)
    shown_lines["name"] = shown_lines["indicator_id"].map(names)
    # The score column is an input only for lines scored by hand; the rules fill in the others below.
    shown_lines["score"] = shown_lines["score"].where(shown_lines["rule"] == "manual")
    # The stepwise rule's steps as text (0: 120; 1: 100): a zero-incidents line is scored by them.
    shown_lines["steps"] = shown_lines["thresholds"].map(kpi.steps_text)
    locked = head["status"] == "scored"
    mode = str(head["scoring_mode"] or "ratio")
    edited = st.data_editor(
        shown_lines, key=f"kpi_lines_{scorecard_id}", hide_index=True, width="stretch", num_rows="fixed" if locked
        else "dynamic", disabled=True if locked else ["name"],
        column_order=["indicator_id", "name", "weight", "target", "actual", "rule", "per_point", "floor", "cap",
                      "steps", "score"],
        column_config={
            "indicator_id": st.column_config.SelectboxColumn(t("kpi.indicator_id"),
                                                             options=library["indicator_id"].tolist(),
                                                             required=True, width="medium"),
            "name": st.column_config.TextColumn(t("kpi.indicator_name"), width="medium"),
            "weight": st.column_config.NumberColumn(t("eval.weight"), min_value=0, max_value=100, format="%.0f %%"),
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
    working = edited.drop(columns=["name"]).reset_index(drop=True)
    working["thresholds"] = working.pop("steps").map(kpi.parse_steps)
    working["weight"] = pd.to_numeric(working["weight"], errors="coerce") / 100
    working["rule"] = working["rule"].fillna("linear")
    bands = [tuple(b) for b in settings["ratings"]]
    if shown:
        result = kpi.shown_result(head, working, directions(library), bounded(library), bands)
        card_result(result, names, lg)
    feedback = st.text_area(t("kpi.feedback"), value=head["feedback"] or "", key=f"kpi_feedback_{scorecard_id}",
                            help=t("kpi.feedback_help"))
    plan = st.text_area(t("kpi.plan"), value=head["improvement_plan"] or "", key=f"kpi_plan_{scorecard_id}",
                        help=t("kpi.plan_help"))
    if not shown:  # the inputs above keep what was typed; the buttons below wait for the tab
        return
    if locked:
        st.caption(md("kpi.locked", who=head["updated_by"] or "—"))
        if st.button(t("kpi.save_notes"), key=f"kpi_notes_{scorecard_id}"):
            try:
                kpi.save_notes(db, scorecard_id, feedback or None, plan or None, user or "HR", seen_revision=seen)
                st.session_state.pop(f"kpi_seen_{scorecard_id}", None)
                st.session_state.kpi_notice = t("kpi.notes_saved")
                st.rerun()
            except ConflictError as conflict:
                conflict_message(scorecard_id, conflict)
        return head
    a, b, _ = st.columns([1, 1, 3])
    for button, score in ((a, False), (b, True)):
        label = t("kpi.score_card") if score else t("kpi.save_draft")
        if button.button(label, type="primary" if score else "secondary",
                         key=f"kpi_{'score' if score else 'save'}_{scorecard_id}"):
            try:
                kpi.save_card(db, scorecard_id, working, user or "HR", score=score, feedback=feedback or None,
                              improvement_plan=plan or None, bands=bands, seen_revision=seen)
                st.session_state.pop(f"kpi_seen_{scorecard_id}", None)
                st.session_state.kpi_notice = md("kpi.scored" if score else "kpi.saved", total=f"{result.total:.1f}",
                                                rating=result.rating or "—")
                st.rerun()
            except ConflictError as conflict:
                conflict_message(scorecard_id, conflict)
            except ValueError as exc:
                st.error(md("kpi.refused", reason=", ".join(
                    t(f"kpi.problem_short.{part.split(' ')[0]}") for part in str(exc).split("; "))))
    return head


# ---------------------------------------------------------------------------
# 1b. Coaching notes and appeals on a card
# ---------------------------------------------------------------------------

def refusal(error: Exception, lg: str) -> str:
    """Why a record was refused, in the user's language (the field before the colon left out)."""
    return md("kpi.not_saved", reason=i18n.reason(str(error).split(": ", 1)[-1], lg))


def forget_card(scorecard_id: str) -> None:
    """Drop what the page holds of a card (its revision, edited lines, notes typed), so it is read afresh."""
    for key in [k for k in st.session_state if str(k).endswith(scorecard_id)
                and str(k).startswith(("kpi_seen_", "kpi_lines_", "kpi_feedback_", "kpi_plan_"))]:
        del st.session_state[key]


def coaching_part(db, head: pd.Series, lg: str) -> None:
    """The card's coaching notes, newest first, and a form to add one dated within the period."""
    scorecard_id = head["scorecard_id"]
    st.markdown(f"**{t('kpi.coaching')}**", help=t("kpi.coaching_help"))
    listed = kpi_appeals.notes(db, scorecard_id)
    if listed.empty:
        st.caption(t("kpi.no_coaching"))
    else:  # a data frame shows what people typed as text
        st.dataframe(listed[["held_on", "author", "note", "follow_up"]], hide_index=True, width="stretch",
                     column_config={"held_on": st.column_config.DateColumn(t("kpi.note_held_on")),
                                    "author": t("kpi.note_author"),
                                    "note": st.column_config.TextColumn(t("kpi.note_text"), width="large"),
                                    "follow_up": t("kpi.note_follow_up")})
    user = current_user()
    if user is None or kpi_appeals.note_refused(user, head.to_dict()) is not None:
        return  # a viewer writes nothing; the appraisee's notes are written by someone else
    today = company.record_date(db)
    window = kpi_appeals.note_window(head.to_dict(), today)
    if window.first is not None and window.last < window.first:
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


def appeal_part(db, head: pd.Series, lg: str) -> None:
    """The card's appeals; filing one (the appraisee, or HR on their behalf) and deciding a pending one (HR)."""
    scorecard_id = head["scorecard_id"]
    st.markdown(f"**{t('kpi.appeal')}**", help=t("kpi.appeal_help"))
    history = kpi_appeals.appeals(db, scorecard_id)
    if history.empty:
        st.caption(t("kpi.no_appeals"))
    else:
        shown = history.assign(status=history["status"].map(lambda s, lg=lg: i18n.t(f"kpi.appeal_status.{s}", lg)),
                               result=[("" if pd.isna(total) else f"{total:.1f}") + (f" · {rating}" if isinstance(
                                   rating, str) else "") for total, rating in zip(history["appealed_total"],
                                                                                  history["appealed_rating"])])
        st.dataframe(shown[["appeal_id", "filed_on", "filed_by", "grounds", "result", "status", "decided_on",
                            "decided_by", "reason"]], hide_index=True, width="stretch",
                     column_config={"appeal_id": t("kpi.pending_appeal_pick"),
                                    "filed_on": st.column_config.DateColumn(t("kpi.appeal_filed_on")),
                                    "filed_by": t("kpi.appeal_filed_by"), "grounds": t("kpi.appeal_grounds"),
                                    "result": t("kpi.appealed_result"), "status": t("kpi.appeal_status"),
                                    "decided_on": st.column_config.DateColumn(t("kpi.appeal_decided_on")),
                                    "decided_by": t("kpi.appeal_decided_by"), "reason": t("kpi.appeal_reason")})
    user = current_user()
    if user is None:
        return
    pending = history[history["status"] == "pending"]
    if len(pending):
        appeal_id = pending["appeal_id"].iloc[0]
        if kpi_appeals.deciding_refused(user, head.to_dict()) is not None:
            st.info(md("kpi.appeal_pending", appeal=appeal_id))
            return
        with st.form(f"kpi_decide_form_{scorecard_id}"):
            outcome = st.radio(t("kpi.appeal_outcome"), kpi_appeals.OUTCOMES, horizontal=True,
                               format_func=lambda o, lg=lg: i18n.t(f"kpi.appeal_status.{o}", lg),
                               key=f"kpi_appeal_outcome_{scorecard_id}")
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


def card_records(db, head: pd.Series, lg: str) -> None:
    """Below a card: its coaching notes and its appeal."""
    left, right = st.columns(2)
    with left:
        coaching_part(db, head, lg)
    with right:
        appeal_part(db, head, lg)


def pending_appeals(db, lg: str) -> None:
    """HR's list of the appeals waiting for a decision, every period, and a way to open the card of one."""
    user = current_user()
    if user is None or user.role not in kpi_appeals.HR_ROLES:
        return
    waiting = kpi_appeals.appeals(db, status="pending")
    if waiting.empty:
        return
    with st.expander(t("kpi.pending_appeals", n=len(waiting)), icon=":material/gavel:"):
        owner = i18n.names(waiting["owner_en"], waiting["owner_zh"], lg, fallback=waiting["owner_id"])
        shown = waiting.assign(owner=owner)
        st.dataframe(shown[["appeal_id", "period", "owner", "filed_on", "filed_by", "grounds"]], hide_index=True,
                     width="stretch", column_config={
                         "appeal_id": t("kpi.pending_appeal_pick"), "period": t("kpi.period"),
                         "owner": t("kpi.owner"), "filed_on": st.column_config.DateColumn(t("kpi.appeal_filed_on")),
                         "filed_by": t("kpi.appeal_filed_by"), "grounds": t("kpi.appeal_grounds")})
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

def check_tab(db, period: str, library: pd.DataFrame, lg: str, user: str, shown: bool) -> None:
    def actuals_file():
        return st.file_uploader(t("kpi.actuals_file"), type=["csv", "xlsx"], key="kpi_actuals")

    if not shown:
        actuals_file()  # the file chosen stays chosen while another tab is open
        return
    data = period_data(*version(), period)
    drafts, lines = data["drafts"], data["draft_lines"]
    period_check(db, period, data, library, lg, user)
    st.markdown(f"**{t('kpi.import_title')}**")
    st.caption(t("kpi.import_help"))
    open_lines = lines[lines["scorecard_id"].isin(drafts["scorecard_id"])][["scorecard_id", "indicator_id",
                                                                           "target", "actual"]]
    file_name = f"actuals_{period}.csv"
    st.download_button(t("kpi.template"), still_allowed(lambda: downloads.file(
        open_lines, "csv", store=db, table="scorecard_lines", name=file_name)),
        file_name=file_name, mime=downloads.CSV_MIME, disabled=open_lines.empty)
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


@st.cache_data(show_spinner=False, max_entries=8)
def off_cycle(db_path: str, data_version: int, period: str) -> pd.DataFrame:
    """The period's cards whose period does not fit their owner's appraisal cycle, with the owner's name."""
    found = cycles.off_cycle(store(), period)
    if found.empty:
        return found
    names = store().query(CARDS + "WHERE c.period = ?", [period]).set_index("scorecard_id")
    return found.join(names[["owner_en", "owner_zh"]], on="scorecard_id")


def off_cycle_flags(period: str, lg: str) -> None:
    """Cards off their owner's cycle (seed 003: general manager yearly ... staff monthly): flagged, not blocking."""
    found = off_cycle(*version(), period)
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
    st.dataframe(shown[["scorecard_id", "owner", "period", "reason"]], hide_index=True, width="stretch",
                 column_config={"scorecard_id": t("kpi.card"), "owner": t("kpi.owner"), "period": t("kpi.period"),
                                "reason": t("problem.reason")})


def period_check(db, period: str, data: dict, library: pd.DataFrame, lg: str, user: str) -> None:
    """The period's cards, those a problem blocks and why, and scoring every ready card at once."""
    drafts, lines = data["drafts"], data["draft_lines"]
    problems = kpi.period_problems(lines[lines["scorecard_id"].isin(drafts["scorecard_id"])], drafts,
                                   bounded(library))
    blocked = problems["scorecard_id"].nunique()
    tiles = st.columns(4)
    tiles[0].metric(t("kpi.cards"), i18n.number(data["cards"], lg), border=True)
    tiles[1].metric(t("kpi.not_scored"), i18n.number(len(drafts), lg), border=True)
    tiles[2].metric(t("kpi.blocked"), i18n.number(blocked, lg), border=True, help=t("kpi.blocked_help"))
    tiles[3].metric(t("kpi.ready"), i18n.number(len(drafts) - blocked, lg), border=True)
    if len(problems):
        names = labeller(library, lg, "indicator_id")
        owners = drafts.set_index("scorecard_id")
        owner_names = owners["owner_zh" if lg == "zh" else "owner_en"].fillna(owners["owner_id"])
        codes = pd.Series(problems["code"].unique())
        shown = problems.assign(
            owner=problems["scorecard_id"].map(owner_names),
            indicator=problems["indicator_id"].map({i: names(i) for i in problems["indicator_id"].dropna().unique()}),
            reason=problems["code"].map({c: t(f"kpi.problem_short.{c}") for c in codes}),
            value=[("" if v is None or v != v else f"{v:g}") for v in problems["value"]])
        st.markdown(f"**{t('kpi.problems_title')}**")
        if len(shown) > 500:
            st.caption(md("kpi.first_problems", n=i18n.number(len(shown), lg)))
        st.dataframe(shown.head(500)[["scorecard_id", "owner", "indicator", "value", "reason"]], hide_index=True,
                     width="stretch", column_config={"scorecard_id": t("kpi.card"), "owner": t("kpi.owner"),
                                                     "indicator": t("kpi.indicator_name"),
                                                     "value": t("problem.value"), "reason": t("problem.reason")})
    else:
        st.success(t("kpi.no_problems"))
    off_cycle_flags(period, lg)
    mixed = inconsistent(*version(), period)
    if len(mixed):
        st.warning(inconsistent_text(mixed, job_titles(*version()), lg))
    if st.button(t("kpi.score_all", n=len(drafts) - blocked), type="primary", disabled=len(drafts) == blocked):
        done, left = kpi.score_period(db, period, user or "HR", [tuple(b) for b in kpi.load_settings(db)["ratings"]])
        st.session_state.kpi_notice = md("kpi.scored_all", n=done, left=left)
        st.rerun()


# ---------------------------------------------------------------------------
# 3. Results
# ---------------------------------------------------------------------------

def results_tab(db, period: str, basics_: dict, settings: dict, lg: str, shown: bool) -> None:
    st.markdown(f"**{t('kpi.bands')}**", help=t("kpi.bands_help"))
    cols = st.columns(4, vertical_alignment="bottom")
    bounds = {}
    for i, (label, bound) in enumerate(settings["ratings"]):
        bounds[label] = cols[i].number_input(t("kpi.band_from", rating=label), 0.0, 200.0, float(bound), 1.0,
                                             key=f"kpi_band_{label}")
    if [bounds[label] for label, _ in settings["ratings"]] != [b for _, b in settings["ratings"]]:
        if cols[3].button(t("kpi.save_bands")):
            try:
                kpi.save_settings(db, {**settings, "ratings": [[k, v] for k, v in bounds.items()]})
                st.session_state.kpi_notice = t("kpi.bands_saved")
                st.rerun()
            except ValueError:
                st.error(t("kpi.bands_bad"))
    if not shown:
        return
    data = period_data(*version(), period)
    totals = data["scored_totals"]
    bands = list(bounds.items())
    labels = [label for label, _ in bands] + [kpi.LOWEST_RATING]
    counts = kpi.rating_counts(totals, bands)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{md('kpi.distribution', period=period)}**")
        fig = go.Figure(go.Bar(x=labels, y=counts.to_numpy(), marker_color=[RATING_COLORS.get(r, ACCENT)
                                                                            for r in labels],
                               text=[i18n.percent(c / max(counts.sum(), 1), lg, 0) for c in counts],
                               textposition="outside"))
        fig.update_layout(height=320, margin=dict(l=10, r=10, t=20, b=10), yaxis_title=t("kpi.cards"))
        plotly_chart(st, fig, key="kpi_distribution", config={"displayModeBar": False})
    with right:
        st.markdown(f"**{t('kpi.trend')}**")
        trend = basics_["trend"]
        fig = go.Figure(go.Scatter(x=trend["period"], y=trend["average"], mode="lines+markers",
                                   line=dict(color=ACCENT, width=3)))
        low, high = trend["average"].min(), trend["average"].max()
        # The bands as layout shapes and labels, not add_hline: that costs 10 ms a line in plotly's bookkeeping.
        fig.update_layout(height=320, margin=dict(l=10, r=10, t=20, b=10), yaxis_title=t("kpi.average_total"),
                          yaxis_range=[min(low - 5, 80), max(high + 5, 110)],
                          shapes=[dict(type="line", x0=0, x1=1, xref="paper", y0=bound, y1=bound,
                                       line=dict(dash="dot", color=RATING_COLORS.get(label, ACCENT)))
                                  for label, bound in bands],
                          annotations=[dict(x=1, xref="paper", xanchor="left", y=bound, text=label, showarrow=False)
                                       for label, bound in bands])
        plotly_chart(st, fig, key="kpi_trend", config={"displayModeBar": False})

    by_dept = ratings_by_department(*version(), period)
    if len(by_dept):
        names = labeller(basics_["departments"], lg, "department_id")
        table = by_dept.pivot_table(index="department_id", columns="rating", values="n", aggfunc="sum",
                                    fill_value=0).reindex(columns=labels, fill_value=0)
        share = table.div(table.sum(axis=1), axis=0)
        share = share.loc[share[labels[0]].sort_values().index]
        st.markdown(f"**{t('kpi.by_department')}**")
        fig = go.Figure()
        for label in labels:
            fig.add_bar(y=[names(d) for d in share.index], x=share[label], name=label, orientation="h",
                        marker_color=RATING_COLORS.get(label, ACCENT), hovertemplate="%{x:.0%}<extra>" + label +
                        "</extra>")
        fig.update_layout(barmode="stack", height=max(320, 24 * len(share) + 80), margin=dict(l=10, r=10, t=10, b=10),
                          legend=dict(orientation="h", y=-0.08), xaxis_tickformat=".0%")
        plotly_chart(st, fig, key="kpi_by_department", config={"displayModeBar": False})

    st.markdown(f"**{t('kpi.cascade')}**", help=t("kpi.cascade_help"))
    plotly_chart(st, cascade_chart(basics_["library"], data["usage"], lg), key="kpi_cascade",
                    config={"displayModeBar": False})


def cascade_chart(library: pd.DataFrame, use: pd.Series, lg: str) -> go.Figure:
    """Company goals in the centre, the indicators that serve them around, sized by the cards that use them."""
    lib = library.set_index("indicator_id")
    ids, parents, labels, values = [], [], [], []
    root = t("kpi.company_goals")

    used = [i for i in lib.index if use.get(i, 0) > 0 or (lib["supports"] == i).any()]
    for indicator in used:
        parent = lib.at[indicator, "supports"]
        parent = parent if isinstance(parent, str) and parent in lib.index else root
        ids.append(indicator)
        parents.append(parent)
        labels.append(i18n.name(lib.at[indicator, "name_en"], lib.at[indicator, "name_zh"], lg))
        values.append(int(use.get(indicator, 0)))
    ids.insert(0, root)
    parents.insert(0, "")
    labels.insert(0, root)
    values.insert(0, 0)
    fig = go.Figure(go.Sunburst(ids=ids, parents=parents, labels=labels, values=values, branchvalues="remainder",
                                maxdepth=3, insidetextorientation="radial",
                                hovertemplate="%{label}<br>%{value:,}<extra></extra>"))
    fig.update_layout(height=520, margin=dict(l=10, r=10, t=10, b=10))
    return fig


# ---------------------------------------------------------------------------
# 4. Merit matrix
# ---------------------------------------------------------------------------

def merit_tab(db, period: str, settings: dict, departments: pd.DataFrame, lg: str, shown: bool) -> None:
    people = merit_people(*version(), period) if shown else None
    if people is not None and people.empty:
        st.info(t("kpi.merit_needs"))
        return
    st.caption(t("kpi.merit_help"))
    matrix = pd.DataFrame(settings["merit"]).reindex(columns=["below", "within", "above"]) * 100
    matrix.index.name = t("kpi.rating")
    edited = st.data_editor(matrix, key="kpi_merit_editor", width="stretch",
                            column_config={c: st.column_config.NumberColumn(t(f"kpi.band.{c}"), min_value=0.0,
                                                                            max_value=50.0, step=0.5,
                                                                            format="%.1f %%")
                                           for c in matrix.columns})
    if not shown:
        return
    raises = kpi.merit_raises(people, edited / 100)
    tiles = st.columns(4)
    tiles[0].metric(t("kpi.merit_people"), i18n.number(len(raises), lg), border=True)
    tiles[1].metric(t("kpi.merit_cost"), money(raises["raise_annual"].sum(), lg), border=True,
                    help=t("kpi.merit_cost_help"))
    base = 12 * raises["base_pay"].sum()
    tiles[2].metric(t("kpi.merit_share"), i18n.percent(raises["raise_annual"].sum() / base if base else 0, lg),
                    border=True, help=t("kpi.merit_share_help"))
    tiles[3].metric(t("kpi.merit_average"), i18n.percent(raises["raise_pct"].mean(), lg), border=True)
    if st.button(t("kpi.save_matrix")):
        kpi.save_settings(db, {**settings, "merit": (edited / 100).to_dict()})
        st.session_state.kpi_notice = t("kpi.matrix_saved")
        st.rerun()
    names = labeller(departments, lg, "department_id")
    by_dept = raises.groupby("department_id").agg(people=("employee_id", "size"), cost=("raise_annual", "sum"),
                                                  average=("raise_pct", "mean")).reset_index()
    by_dept["department"] = by_dept["department_id"].map(names)
    st.dataframe(by_dept.sort_values("cost", ascending=False)[["department", "people", "average", "cost"]].round(
        {"cost": 0}), hide_index=True, width="stretch",
        column_config={"department": t("overview.department"), "people": t("kpi.merit_people"),
                       "average": st.column_config.NumberColumn(t("kpi.merit_average"), format="percent"),
                       "cost": st.column_config.NumberColumn(t("kpi.merit_cost"), format="localized")})


# ---------------------------------------------------------------------------
# 5. Indicator library and 6. cycles
# ---------------------------------------------------------------------------

def library_tab(db, library: pd.DataFrame, lg: str, shown: bool) -> None:
    st.caption(t("kpi.library_help"))
    missing = kpi.seed_library()
    missing = missing[~missing["indicator_id"].isin(library["indicator_id"])]
    if len(missing) and st.button(t("kpi.add_seed", n=len(missing))):
        db.upsert("kpi_indicators", imports.validate(missing, "kpi_indicators")[0])
        st.session_state.kpi_notice = md("kpi.seed_added", n=len(missing))
        st.rerun()
    columns = kpi.LIBRARY_COLUMNS
    edited = st.data_editor(
        library[columns], key="kpi_library_editor", hide_index=True, width="stretch", num_rows="dynamic", height=480,
        column_config={
            "indicator_id": st.column_config.TextColumn("id", required=True),
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
            "supports": st.column_config.SelectboxColumn(t("kpi.supports"), options=library["indicator_id"].tolist())})
    if not shown:
        return
    prompts = [(row["indicator_id"], code) for _, row in edited.iterrows() if row["indicator_id"]
               for code in kpi.smart_prompts(row.to_dict())]
    for indicator, code in prompts[:12]:
        st.warning(md(f"kpi.smart.{code}", indicator=indicator))
    changed = not edited.reset_index(drop=True).equals(library[columns].reset_index(drop=True))
    if st.button(t("kpi.save_library"), type="primary", disabled=not changed):
        typed, problems = imports.validate(edited.dropna(subset=["indicator_id"]), "kpi_indicators")
        if len(problems):
            st.error(t("kpi.library_problems"))
            st.dataframe(problems, hide_index=True)
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
                                         format_func=lambda c, lg=lg: i18n.t(f"kpi.cycle.{c}", lg),
                                         key=f"kpi_cycle_{role}")
    if chosen != settings["cycles"] and st.button(t("kpi.save_cycles"), type="primary"):
        kpi.save_settings(db, {**settings, "cycles": chosen})
        st.session_state.kpi_notice = t("kpi.cycles_saved")
        st.rerun()
    job_roles(db, settings, lg)


def job_roles(db, settings: dict, lg: str) -> None:
    """The role of each job by the rule, changed where the company appraises a job otherwise (kept in the
    settings as the jobs whose role is not the rule's)."""
    jobs = db.query("SELECT job_id, title_en, title_zh FROM jobs ORDER BY job_id")
    if jobs.empty:
        return
    by_rule = cycles.store_roles(db, {**settings, "roles": {}})
    shown = jobs.assign(title=i18n.names(jobs["title_en"], jobs["title_zh"], lg, fallback=jobs["job_id"]),
                        role=jobs["job_id"].map(cycles.store_roles(db, settings)))[["job_id", "title", "role"]]
    st.markdown(f"**{t('kpi.job_roles')}**", help=t("kpi.job_roles_help"))
    edited = st.data_editor(shown, key="kpi_job_roles", hide_index=True, width="stretch", disabled=["job_id", "title"],
                            column_config={"job_id": t("kpi.job"), "title": t("kpi.job_title"),
                                           "role": st.column_config.SelectboxColumn(
                                               t("kpi.role"), options=list(kpi.CYCLES), required=True,
                                               format_func=choice("kpi.role", lg))})
    overrides = {job: role for job, role in zip(edited["job_id"], edited["role"]) if role != by_rule.get(job)}
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
base = basics(*version())
if not base["periods"]:
    bring("kpi.no_periods", ["scorecards"], "kpi_bring")
    st.stop()
settings = kpi.load_settings(db)
top = st.columns([1, 2, 3], vertical_alignment="bottom")
if (opened := st.session_state.pop("kpi_pending_period", None)) in base["periods"]:
    st.session_state.kpi_period = opened  # a card just opened, or one from the list of pending appeals: its period
period = top[0].selectbox(t("kpi.period"), base["periods"], key="kpi_period")
user = your_name(top[1], "kpi_user")
owners = of_period(every_period(*version())["owners"], period)
tabs = page_tabs("kpi_tab", ["kpi.tab.card", "kpi.tab.check", "kpi.tab.results", "kpi.tab.merit", "kpi.tab.library",
                             "kpi.tab.cycles"])
with tabs[0]:
    if tabs[0].open:
        pending_appeals(db, lg)
    opened = card_tab(db, period, owners, base["library"], base["departments"], settings, lg, user, tabs[0].open)
    if opened is not None:
        card_records(db, opened, lg)
with tabs[1]:
    check_tab(db, period, base["library"], lg, user, tabs[1].open)
with tabs[2]:
    results_tab(db, period, base, settings, lg, tabs[2].open)
with tabs[3]:
    merit_tab(db, period, settings, base["departments"], lg, tabs[3].open)
with tabs[4]:
    library_tab(db, base["library"], lg, tabs[4].open)
with tabs[5]:
    cycles_tab(db, settings, lg)
