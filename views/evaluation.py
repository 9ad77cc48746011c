"""Job evaluation workbench: factor scheme, key jobs and market, committee, market check, grades."""

from __future__ import annotations

import dataclasses
import hashlib

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import downloads, errors, i18n, imports
from hrcore import evaluation as ev
from hrcore.i18n import plain
from hrcore.reports import evaluation as reports
from views._common import table as downloadable  # a page's own `table`s are frames
from views._common import editor
from views._imports import refusal_text
from views._common import (actor, bring, currency, holds_edits, lang, md, page_header, page_tabs, plotly_chart, report,
                           store, t)

ACCENT, ALERT, MUTED = "#1F6F8B", "#C0392B", "#B0B8BF"


def title(frame: pd.DataFrame, lg: str) -> list[str]:
    return [i18n.name(e, z, lg) for e, z in zip(frame["title_en"], frame["title_zh"])]


def job_label(lg: str, jobs: pd.DataFrame):
    """``job_id -> "Title · id"`` for pickers and tables: a job is searched by its title."""
    titles = dict(zip(jobs["job_id"], title(jobs, lg)))
    return lambda job_id: f"{titles.get(job_id, job_id)} · {job_id}"


def money_column(label: str, code: str | None, **kwargs):
    """A column of money: its currency in the heading, thousands grouped."""
    return st.column_config.NumberColumn(f"{label} ({code or currency()})", format="localized", **kwargs)


# ---------------------------------------------------------------------------
# 1. The factor scheme (a draft on top of the chosen saved version)
# ---------------------------------------------------------------------------

def draft_scheme(base: ev.Scheme, lg: str) -> ev.Scheme:
    """The scheme as edited on screen: names and notes in a table, weights as inputs, level definitions per factor."""
    left, middle, right = st.columns(3)
    scale = left.radio(t("eval.scale"), ev.SCALES, horizontal=True, key=f"ev_scale_{base.scheme_id}",
                       index=ev.SCALES.index(base.scale), format_func=lambda s, lg=lg: i18n.t(f"eval.scale.{s}", lg),
                       help=t("eval.scale_help"))
    ratio = middle.number_input(t("eval.ratio"), 1.1, 3.0, float(base.ratio), 0.1, key=f"ev_ratio_{base.scheme_id}",
                                disabled=scale != "geometric", help=t("eval.ratio_help"))
    total = right.number_input(t("eval.total"), 100, 10_000, int(base.total_points), 100,
                               key=f"ev_total_{base.scheme_id}")

    st.markdown(f"**{t('eval.factors')}**")
    shown = base.factors.copy()
    shown["weight"] = (shown["weight"] * 100).round(2)
    note = f"note_{lg}"
    factors = editor(st,
        shown, key=f"ev_factors_{base.scheme_id}", num_rows="dynamic", hide_index=True, width="stretch",
        column_order=[*(["name_zh", "name_en"] if lg == "zh" else ["name_en", "name_zh"]), "weight", "levels", note],
        column_config={
            "name_en": st.column_config.TextColumn(t("eval.name_en"), required=True, width="medium"),
            "name_zh": st.column_config.TextColumn(t("eval.name_zh"), width="small"),
            "weight": st.column_config.NumberColumn(t("eval.weight"), min_value=0, max_value=100, step=1,
                                                    format="%.0f %%", help=t("eval.weight_help")),
            "levels": st.column_config.NumberColumn(t("eval.levels"), min_value=2, max_value=10, step=1,
                                                    required=True),
            note: st.column_config.TextColumn(t("eval.note"), width="large", help=t("eval.note_help")),
        })
    # The level count typed decides how many definitions each factor shows: read it as the draft will.
    counted = ev.draft_scheme(base, factors, base.levels.iloc[:0], total, scale, ratio).factors

    with st.expander(t("eval.definitions")):
        st.caption(t("eval.definitions_help"))
        definitions = []
        for factor in counted.itertuples():
            known = base.levels[base.levels["factor_id"] == factor.factor_id].set_index("level")
            rows = pd.DataFrame({"level": range(1, factor.levels + 1)})
            for column in ("definition_en", "definition_zh"):
                rows[column] = rows["level"].map(known[column]).fillna("") if len(known) else ""
            st.markdown(f"**{plain(i18n.name(factor.name_en, factor.name_zh, lg))}**")
            edited_levels = editor(st,
                rows, key=f"ev_levels_{base.scheme_id}_{factor.factor_id}_{factor.levels}", hide_index=True,
                width="stretch", disabled=["level"],
                column_config={"level": st.column_config.NumberColumn(t("eval.level"), width="small"),
                               "definition_en": st.column_config.TextColumn(t("eval.definition_en"), width="large"),
                               "definition_zh": st.column_config.TextColumn(t("eval.definition_zh"), width="large")})
            definitions.append(edited_levels.assign(factor_id=factor.factor_id))
    typed = pd.concat(definitions, ignore_index=True) if definitions else base.levels.iloc[:0]
    return ev.draft_scheme(base, factors, typed, total, scale, ratio)


def draft_edited(base: ev.Scheme) -> bool:
    """Whether the draft's inputs hold a change to ``base`` (weights, levels, scale, total) not saved yet."""
    if holds_edits(f"ev_factors_{base.scheme_id}") or holds_edits(f"ev_levels_{base.scheme_id}_"):
        return True
    scale = st.session_state.get(f"ev_scale_{base.scheme_id}", base.scale)
    ratio = st.session_state.get(f"ev_ratio_{base.scheme_id}", float(base.ratio))
    total = st.session_state.get(f"ev_total_{base.scheme_id}", int(base.total_points))
    return (scale, float(ratio), int(total)) != (base.scale, float(base.ratio), int(base.total_points))


def problem_texts(sheet: reports.FactorSheet, lg: str) -> list[str]:
    names = dict(zip(sheet.points["factor_id"], [i18n.name(e, z, lg) for e, z in
                                                 zip(sheet.points["name_en"], sheet.points["name_zh"])]))
    out = []
    for problem in sheet.problems:
        values = dict(problem.values)
        if "total" in values:
            values["total"] = i18n.percent(values["total"], lg, 1)
        out.append(t(f"eval.problem.{problem.code}", factor=names.get(problem.factor_id, problem.factor_id),
                     **values))
    return out


def points_table(sheet: reports.FactorSheet, lg: str) -> pd.DataFrame:
    table = sheet.points
    levels = [c for c in table.columns if isinstance(c, int)]
    shown = pd.DataFrame({t("eval.weight"): [i18n.percent(w, lg, 0) for w in table["weight"]]},
                         index=[i18n.name(e, z, lg) for e, z in zip(table["name_en"], table["name_zh"])])
    for level in levels:
        shown[t("eval.level_n", n=level)] = table[level].to_numpy()
    return shown


def scheme_tab(db, base: reports.SchemeVersion, lg: str, user: str, shown: bool) -> tuple:
    """The draft scheme's rows, what the other tabs evaluate.

    The draft's editors are drawn while another tab is open too: the other tabs evaluate the draft.
    """
    if not shown and not draft_edited(base.scheme):
        return base.rows  # nothing typed to keep: nine editors not drawn
    st.caption(t("eval.scheme_intro"))
    draft = draft_scheme(base.scheme, lg)
    rows = ev.scheme_rows(draft)
    if not shown:
        return rows
    sheet = report(reports.factor_sheet, rows, base.rows)
    st.markdown(f"**{t('eval.points_by_level')}** · "
                f"{t('eval.weight_total', total=i18n.percent(sheet.total_weight, lg, 0))}")
    downloadable(st, points_table(sheet, lg), width="stretch",
                     key="eval_points", file_name="points-by-level", recorded_as=None)
    problems = problem_texts(sheet, lg)
    for problem in problems:
        st.error(problem)
    left, middle, right = st.columns([1, 1.4, 1.6], vertical_alignment="center")
    if left.button(t("eval.save_version"), type="primary", disabled=bool(problems) or not sheet.changed,
                   help=t("eval.save_version_help")):
        saved = ev.save_scheme(db, draft, user, based_on=base.scheme.scheme_id)
        st.session_state.ev_pending_version = saved.scheme_id
        st.session_state.ev_notice = md("eval.saved_version", version=saved.scheme_id,
                                       carried=i18n.number(saved.carried, lg),
                                       dropped=i18n.number(saved.dropped, lg))
        st.rerun()
    middle.download_button(t("eval.manual"), data=downloads.file(ev.manual(draft, lg), "text"),
                           file_name=f"evaluation_manual_{draft.scheme_id or 'draft'}_{lg}.md",
                           mime="text/markdown", help=t("eval.manual_help"))
    if sheet.changed and not problems:
        right.caption(t("eval.unsaved"))
    return rows


# ---------------------------------------------------------------------------
# 2. Key jobs and market data
# ---------------------------------------------------------------------------

def key_jobs_tab(db, scheme: tuple, settings: ev.CheckSettings, lg: str) -> None:
    jobs = report(reports.key_jobs, scheme, settings)
    table = jobs.jobs.assign(title=title(jobs.jobs, lg),
                             description=[i18n.name(e, z, lg) for e, z in zip(jobs.jobs["description_en"],
                                                                               jobs.jobs["description_zh"])])
    columns = ["is_key", "job_id", "title", "points", *ev.PERCENTILES, "description"]
    edited = editor(st,
        table[columns], hide_index=True, width="stretch", height=520, key="ev_key_editor",
        disabled=columns[1:],
        column_config={
            "is_key": st.column_config.CheckboxColumn(t("eval.key"), help=t("eval.key_jobs_help"), width="small"),
            "job_id": st.column_config.TextColumn(t("eval.job_id"), width="small"),
            "title": st.column_config.TextColumn(t("eval.job"), width="medium"),
            "points": st.column_config.NumberColumn(t("eval.points"), format="localized", width="small"),
            **{p: money_column(p.upper(), jobs.currency, width="small") for p in ev.PERCENTILES},
            "description": st.column_config.TextColumn(t("eval.description"), width="large")})
    chosen = sorted(edited.loc[edited["is_key"], "job_id"])
    left, right = st.columns([1, 3], vertical_alignment="center")
    if left.button(t("eval.save_key_jobs", n=len(chosen)), type="primary", disabled=tuple(chosen) == jobs.key_jobs):
        changed = ev.set_key_jobs(db, chosen)
        st.session_state.ev_notice = md("eval.key_jobs_saved", n=i18n.number(changed, lg))
        st.rerun()
    right.caption(md("eval.market_caption", year=jobs.survey_year or "–",
                    pay=t(f"eval.pay_type.{settings.pay_type}"), n=len(chosen)))
    with st.expander(t("eval.survey_import"), expanded=False):
        survey_import(db, jobs.jobs, chosen, lg)


def survey_import(db, jobs: pd.DataFrame, key_jobs: list[str], lg: str) -> None:
    st.caption(t("eval.survey_help"))
    upload = st.file_uploader(t("eval.survey_file"), type=["csv", "xlsx"], key="ev_survey_file")
    if upload is None:
        return
    try:
        survey_file = report(reports.survey_file, upload.getvalue(), upload.name)
    except ValueError as exc:
        st.error(md("data.file_error", reason=refusal_text(exc)))
        return
    raw, guess = survey_file.frame, survey_file.layout
    columns = [None, *raw.columns]

    def pick(container, label, default, key):
        return container.selectbox(label, columns, index=columns.index(default) if default in columns else 0,
                                   key=key, format_func=lambda c, lg=lg: i18n.t("eval.none", lg) if c is None else c)

    a, b, c, d = st.columns(4)
    code = pick(a, t("eval.survey_code"), guess.code, "ev_sv_code")
    job_title = pick(b, t("eval.survey_title"), guess.title, "ev_sv_title")
    period = c.selectbox(t("eval.survey_period"), list(ev.PERIODS), index=list(ev.PERIODS).index(guess.period),
                         format_func=lambda p, lg=lg: i18n.t(f"eval.period.{p}", lg), key="ev_sv_period")
    pay_type = d.selectbox(t("eval.pay_type"), ["fixed", "total_cash"], key="ev_sv_pay_type",
                           format_func=lambda p, lg=lg: i18n.t(f"eval.pay_type.{p}", lg))
    cols = st.columns(5)
    chosen = {p: pick(cols[i], p.upper(), guess.percentiles.get(p), f"ev_sv_{p}")
              for i, p in enumerate(ev.PERCENTILES)}
    a, b, c, d = st.columns(4)
    year = a.number_input(t("eval.survey_year"), 1990, 2100, survey_file.survey_year, key="ev_sv_year")
    source = b.text_input(t("eval.survey_source"), survey_file.source, key="ev_sv_source")
    money_code = c.text_input(t("eval.currency"), survey_file.currency, key="ev_sv_currency")
    layout = ev.SurveyLayout(code, job_title, {p: col for p, col in chosen.items() if col}, period,
                             guess.group_column, guess.group_value)
    try:
        survey = ev.read_survey(raw, layout)
    except ValueError as exc:
        st.error(errors.problem_text(exc, lg, escape=plain))
        return
    if len(survey.unreadable):
        st.error(md("eval.survey_unreadable", n=len(survey.unreadable)))
        downloadable(st, survey.unreadable.head(50), hide_index=True,
                         key="eval_survey_unreadable", file_name="survey-unreadable", recorded_as=None)
        return
    d.metric(t("eval.survey_jobs"), i18n.number(len(survey.jobs), lg))
    if survey.top_coded:
        st.info(md("eval.survey_top_coded", n=i18n.number(survey.top_coded, lg)))

    st.markdown(f"**{t('eval.survey_mapping')}**")
    digest = hashlib.sha1(upload.getvalue()).hexdigest()[:10]
    state = f"ev_sv_map_{digest}"
    job_map: dict = st.session_state.setdefault(state, {})
    titles = survey.jobs.drop_duplicates("survey_job").set_index("survey_job")["title"]
    label = job_label(lg, jobs)
    targets = key_jobs + [j for j in jobs["job_id"] if j not in key_jobs]
    a, b, c = st.columns([3, 4, 1], vertical_alignment="bottom")
    job_id = a.selectbox(t("eval.job"), targets, format_func=label, key="ev_sv_job")
    code = b.selectbox(t("eval.survey_job"), list(titles.index), index=None, placeholder=t("eval.survey_search"),
                       format_func=lambda c: f"{c} · {titles[c]}", key="ev_sv_pick")
    if c.button(t("eval.map"), disabled=code is None, width="stretch"):
        job_map[job_id] = code
        st.rerun()
    if not job_map:
        st.caption(t("eval.survey_map_hint"))
        return
    rows = ev.market_rows(survey, job_map, int(year), pay_type, source.strip(), money_code.strip() or None)
    typed, problems = imports.validate(rows, "market_data")
    if len(problems):
        st.error(t("eval.survey_problems"))
        downloadable(st, problems, hide_index=True,
                         key="eval_survey_problems", file_name="survey-problems", recorded_as=None)
        return
    preview = typed.assign(job=typed["job_id"].map(label))[["job", "survey_job", *ev.PERCENTILES]]
    downloadable(st, preview, hide_index=True, width="stretch",
                     column_config={"job": t("eval.job"), "survey_job": t("eval.survey_job"),
                                    **{p: money_column(p.upper(), money_code.strip()) for p in ev.PERCENTILES}},
                     key="eval_survey_preview", file_name="survey-preview", recorded_as=None)
    a, b = st.columns([1, 3])
    if a.button(t("eval.survey_import_button", n=len(typed)), type="primary", key="ev_sv_import"):
        result = db.upsert("market_data", typed)
        st.session_state.ev_notice = md("eval.survey_imported", new=result.inserted, changed=result.updated,
                                       year=int(year), source=source)
        st.session_state.ev_survey = (int(year), source.strip())
        st.session_state.pop(state, None)
        st.rerun()
    if b.button(t("eval.clear_mapping")):
        st.session_state.pop(state, None)
        st.rerun()


# ---------------------------------------------------------------------------
# 3. Committee
# ---------------------------------------------------------------------------

def level_formatter(definitions: pd.DataFrame, lg: str):
    """``level -> "3 · definition"`` for a factor's pickers (``definitions``: that factor's rows)."""
    # The user's language; the other where only that one was written.
    texts = dict(zip(definitions["level"], i18n.names(definitions["definition_en"], definitions["definition_zh"], lg)))
    none = i18n.t("eval.unset", lg)

    def fmt(level):
        if level is None:
            return none
        text = texts.get(level, "")
        return f"{level} · {text}" if isinstance(text, str) and text else str(level)
    return fmt


def committee_tab(db, scheme_id: str | None, lg: str, user: str, shown: bool) -> None:
    if not scheme_id:
        st.info(t("eval.save_first"))
        return
    scope = st.radio(t("eval.which_jobs"), ["key", "all"], horizontal=True, key="ev_scope",
                     format_func=lambda s, lg=lg: i18n.t(f"eval.scope.{s}", lg))
    if "ev_seed" not in st.session_state:
        st.session_state.ev_seed = ev.new_order_seed()
    round_ = report(reports.committee, scheme_id, scope, st.session_state.ev_seed,
                    st.session_state.get("ev_position", 0), user)
    if round_.job is None:
        st.info(t("eval.no_jobs"))
        return
    position, n = round_.position, len(round_.order)
    label = job_label(lg, round_.titles)

    nav = st.columns([1, 1, 1.5, 2.5], vertical_alignment="center")
    if nav[0].button(t("eval.previous"), disabled=position == 0, width="stretch"):
        st.session_state.ev_position = position - 1
        st.rerun()
    if nav[1].button(t("eval.next"), disabled=position >= n - 1, width="stretch"):
        st.session_state.ev_position = position + 1
        st.rerun()
    if nav[2].button(t("eval.reshuffle"), width="stretch", help=t("eval.reshuffle_help")):
        st.session_state.ev_seed = ev.new_order_seed()
        st.session_state.ev_position = 0
        st.rerun()
    nav[3].caption(md("eval.job_of", i=position + 1, n=n))

    job = round_.job
    job_id = job["job_id"]
    with st.container(border=True):
        st.subheader(plain(label(job_id)))
        st.markdown(plain(i18n.name(job["description_en"], job["description_zh"], lg)) or t("eval.no_description"))
        if round_.points is not None:
            st.caption(md("eval.job_points", points=i18n.number(round_.points, lg), rated=round_.rated,
                         n=len(round_.factors)))

    with st.form(f"ev_levels_{job_id}"):
        widths = [2.2, 1.4, 2.2, 2.2]
        head = st.columns(widths)
        head[0].markdown(f"**{t('eval.factor')}**")
        head[1].markdown(f"**{t('eval.raters_levels')}**")
        head[2].markdown(f"**{md('eval.my_level', rater=user)}**")
        head[3].markdown(f"**{t('eval.consensus')}**")
        mine, agreed = {}, {}
        definitions = dict(tuple(round_.definitions.groupby("factor_id")))
        for factor in round_.factors.itertuples():
            row = st.columns(widths, vertical_alignment="center")
            name = i18n.name(factor.name_en, factor.name_zh, lg)
            row[0].markdown(plain(name), help=plain(i18n.name(factor.note_en, factor.note_zh, lg)) or None)
            if factor.given:
                levels = " · ".join(map(str, factor.given))
                row[1].markdown(f":red[{levels}]" if factor.disagree else levels,
                                help=md("eval.raters_help", names=", ".join(factor.raters)))
            else:
                row[1].caption("—")
            options = [None, *range(1, int(factor.levels) + 1)]
            fmt = level_formatter(definitions.get(factor.factor_id, round_.definitions.iloc[:0]), lg)
            mine[factor.factor_id] = row[2].selectbox(
                plain(name), options, index=options.index(factor.mine), format_func=fmt,
                key=f"ev_mine_{job_id}_{factor.factor_id}_{user}", label_visibility="collapsed",
                placeholder=t("eval.unset"))
            agreed[factor.factor_id] = row[3].selectbox(
                plain(name), options, index=options.index(factor.consensus), format_func=fmt,
                key=f"ev_consensus_{job_id}_{factor.factor_id}", label_visibility="collapsed",
                placeholder=t("eval.unset"))
        submitted = st.form_submit_button(t("eval.record"), type="primary")
    if submitted:
        changes = ev.record_levels(db, scheme_id, job_id, mine, user, rater=user)
        changes += ev.record_levels(db, scheme_id, job_id, agreed, user)
        st.session_state.ev_notice = md("eval.recorded", n=changes, job=label(job_id))
        st.rerun()

    if not shown:
        return
    if len(round_.spread):
        st.markdown(f"**{t('eval.heatmap')}**")
        plotly_chart(st, heatmap(round_, lg), key="ev_heatmap", config={"displayModeBar": False})
    with st.expander(t("eval.log")):
        log = round_.log
        if log.empty:
            st.caption(t("eval.log_empty"))
            return
        shown_log = pd.DataFrame({
            "changed_at": log["changed_at"], "changed_by": log["changed_by"], "job": log["job_id"].map(label),
            "factor": [i18n.name(e, z, lg) or f for e, z, f in zip(log["factor_en"], log["factor_zh"],
                                                                    log["factor_id"])],
            "whose": np.where(log["consensus"], t("eval.consensus"), log["rater"].fillna("").astype(str)),
            "old_level": log["old_level"], "new_level": log["new_level"]})
        downloadable(st, shown_log, hide_index=True, width="stretch",
                         column_config={"changed_at": st.column_config.DatetimeColumn(t("eval.when"), format=(
                                            "YYYY年M月D日 HH:mm" if lg == "zh" else "D MMM YYYY, HH:mm")),
                                        "changed_by": t("eval.who"), "job": t("eval.job"), "factor": t("eval.factor"),
                                        "whose": t("eval.whose_level"),
                                        "old_level": st.column_config.NumberColumn(t("eval.old"), format="%d"),
                                        "new_level": st.column_config.NumberColumn(t("eval.new"), format="%d")},
                         key="eval_log_table", file_name="evaluation-log", recorded_as="eval_log")


def heatmap(round_: reports.Committee, lg: str) -> go.Figure:
    factors = round_.factors.set_index("factor_id")
    titles = dict(zip(round_.titles["job_id"], title(round_.titles, lg)))
    grid = round_.spread
    # go.Heatmap, not px.imshow: the same picture at a third of the cost, on every rerun of the workbench.
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=[i18n.name(factors.at[f, "name_en"], factors.at[f, "name_zh"], lg) for f in grid.columns],
        y=[titles.get(j, j) for j in grid.index],
        colorscale=[[0, "#F4F6F7"], [0.5, "#F5B041"], [1, ALERT]], zmin=0, zmax=max(2, grid.max().max()),
        texttemplate="%{z}", colorbar=dict(title=dict(text=t("eval.spread")), dtick=1)))
    fig.update_layout(height=max(320, 26 * len(grid) + 120), margin=dict(l=10, r=10, t=10, b=10),
                      xaxis=dict(side="top"), yaxis=dict(autorange="reversed"))
    return fig


# ---------------------------------------------------------------------------
# 4. Points and the market check
# ---------------------------------------------------------------------------

def check_controls(lg: str) -> ev.CheckSettings:
    options = list(report(reports.survey_choices)) or [(None, None)]
    pending = st.session_state.pop("ev_survey", None)
    if pending in options:
        st.session_state.ev_check_survey = pending
    a, b, c, d = st.columns([2.4, 1.2, 1, 1.4])
    survey = a.selectbox(t("eval.survey"), options, key="ev_check_survey",
                         format_func=lambda o: f"{o[0]} · {o[1]}" if o[0] else "–")
    pay_type = b.selectbox(t("eval.pay_type"), ["fixed", "total_cash"], key="ev_check_pay",
                           format_func=lambda p, lg=lg: i18n.t(f"eval.pay_type.{p}", lg))
    percentile = c.selectbox(t("eval.percentile"), ev.PERCENTILES, index=2, key="ev_check_pct",
                             format_func=str.upper)
    model = d.radio(t("eval.model"), ["linear", "log"], horizontal=True, key="ev_check_model",
                    format_func=lambda m, lg=lg: i18n.t(f"eval.model.{m}", lg), help=t("eval.model_help"))
    a, b, c = st.columns(3)
    r2 = a.slider(t("eval.r2_threshold"), 0.5, 0.95, ev.R2_PASS, 0.01, key="ev_check_r2")
    z = b.slider(t("eval.z_limit"), 1.0, 3.0, ev.OUTLIER_Z, 0.1, key="ev_check_z", help=t("eval.z_help"))
    cv = c.slider(t("eval.cv_threshold"), 0.05, 0.5, ev.CROWDED_CV, 0.01, key="ev_check_cv", help=t("eval.cv_help"))
    return ev.CheckSettings(percentile, pay_type, survey[0], survey[1], model, r2, z, crowded_cv=cv)


def check_tab(scheme: tuple, settings: ev.CheckSettings, lg: str) -> None:
    check = report(reports.market_check, scheme, settings)
    head = check.headline
    threshold = f"{head.r2_threshold:.2f}"
    tiles = st.columns(4)
    tiles[0].metric(t("eval.jobs_evaluated"), i18n.number(head.evaluated, lg),
                    help=md("eval.jobs_evaluated_help", total=i18n.number(head.jobs, lg)), border=True)
    if head.r2 is not None:
        tiles[1].metric("R²", f"{head.r2:.2f}", delta=t("eval.pass") if head.passes else t("eval.fail"), border=True,
                        delta_color="normal" if head.passes else "inverse", delta_arrow="off",
                        help=md("eval.r2_help", threshold=threshold))
        tiles[2].metric(t("eval.outliers"), i18n.number(head.outliers, lg), border=True,
                        help=md("eval.outliers_help", z=f"{head.z_limit:.1f}"))
    else:
        tiles[1].metric("R²", "–", border=True)
        tiles[2].metric(t("eval.outliers"), "–", border=True)
    d = check.dispersion
    tiles[3].metric(t("eval.cv"), "–" if d.cv != d.cv else f"{d.cv:.2f}", border=True,
                    help=md("eval.cv_metric_help", mean=i18n.number(d.mean, lg), std=i18n.number(d.std, lg)))
    if head.r2 is None:
        st.warning(t("eval.no_line"))
    elif not head.passes:
        st.error(t("eval.r2_fails", r2=f"{head.r2:.3f}", threshold=threshold))
    else:
        st.success(t("eval.r2_passes", r2=f"{head.r2:.3f}", threshold=threshold))
    if d.crowded:
        st.warning(md("eval.crowded", cv=f"{d.cv:.2f}", middle=i18n.percent(d.middle_share, lg, 0)))

    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('eval.regression_title')}**")
        if head.r2 is not None:
            plotly_chart(st, regression_chart(check, lg), key="ev_regression", config={"displayModeBar": False})
    with right:
        st.markdown(f"**{t('eval.points_title')}**")
        plotly_chart(st, points_chart(check), key="ev_points", config={"displayModeBar": False})
    if len(check.outliers):
        st.markdown(f"**{t('eval.outlier_list')}**")
        out = check.outliers.assign(title=title(check.outliers, lg),
                                    direction=np.where(check.outliers["above"], t("eval.paid_above"),
                                                       t("eval.paid_below")))
        downloadable(st, out[["job_id", "title", "points", "pay", "fitted", "z", "direction"]], hide_index=True,
                         width="stretch",
                         column_config={"job_id": t("eval.job_id"), "title": t("eval.job"),
                                        "points": st.column_config.NumberColumn(t("eval.points"), format="localized"),
                                        "pay": money_column(t("eval.market_pay"), check.currency),
                                        "fitted": money_column(t("eval.line_pay"), check.currency),
                                        "z": st.column_config.NumberColumn("z", format="%+.2f", help=t("eval.z_help")),
                                        "direction": t("eval.direction")},
                         key="eval_outliers", file_name="pay-outliers", recorded_as=None)
        st.caption(t("eval.outlier_action"))


def regression_chart(check: reports.MarketCheck, lg: str) -> go.Figure:
    data = check.points
    symbol = i18n.currency_symbol(check.currency)
    titles = title(data, lg)
    hover = [f"{name}<br>{t('eval.points')}: {i18n.number(p, lg)}<br>{check.percentile.upper()}: "
             f"{i18n.money_exact(pay, lg, symbol)}<br>z = {z:+.2f}"
             for name, p, pay, z in zip(titles, data["points"], data["pay"], data["z"])]
    fig = go.Figure()
    fig.add_scatter(x=check.line["points"], y=check.line["pay"], mode="lines", name=t("eval.fitted_line"),
                    line=dict(color=MUTED, width=2), hoverinfo="skip")
    normal = ~data["outlier"].to_numpy(dtype=bool)
    fig.add_scatter(x=data["points"][normal], y=data["pay"][normal], mode="markers", name=t("eval.key_job_points"),
                    marker=dict(color=ACCENT, size=10), hovertext=np.array(hover)[normal], hoverinfo="text")
    if (~normal).any():
        fig.add_scatter(x=data["points"][~normal], y=data["pay"][~normal], mode="markers+text",
                        name=t("eval.outliers"), marker=dict(color=ALERT, size=13, symbol="diamond"),
                        text=np.array(titles)[~normal], textposition="top center",
                        textfont=dict(color=ALERT), hovertext=np.array(hover)[~normal], hoverinfo="text")
    head = check.headline
    fig.add_annotation(xref="paper", yref="paper", x=0.02, y=0.98, showarrow=False, align="left",
                       text=f"R² = {head.r2:.3f} · {t('eval.model.' + check.model)} · "
                            f"{t('eval.fit_jobs', n=check.fitted_jobs)}",
                       font=dict(size=14, color=ACCENT if head.passes else ALERT))
    unit = t("eval.pay_axis", pct=check.percentile.upper(), currency=check.currency or currency())
    fig.update_layout(height=420, margin=dict(l=10, r=10, t=10, b=10), legend=dict(orientation="h", y=-0.18),
                      xaxis_title=t("eval.points"), yaxis_title=unit)
    fig.update_yaxes(tickformat=",")
    return fig


def points_chart(check: reports.MarketCheck) -> go.Figure:
    bins = check.histogram
    low, high = check.scheme_min, check.scheme_max
    third = (high - low) / 3
    middle, width = (bins["start"] + bins["end"]) / 2, bins["end"] - bins["start"]
    fig = go.Figure()
    fig.add_vrect(x0=low + third, x1=high - third, fillcolor="#F5B041", opacity=0.12, layer="below",
                  line_width=0, annotation_text=t("eval.middle_third"), annotation_position="top left")
    for column, name, color in (("key_jobs", t("eval.key"), ACCENT), ("other_jobs", t("eval.other"), MUTED)):
        fig.add_bar(x=middle, y=bins[column], width=width, name=name, marker_color=color,
                    marker_line=dict(color="white", width=1))
    fig.update_layout(barmode="stack", height=420, margin=dict(l=10, r=10, t=10, b=10),
                      legend=dict(orientation="h", y=-0.18), xaxis_title=t("eval.points"),
                      yaxis_title=t("eval.jobs"))
    fig.update_xaxes(range=[low, high])
    return fig


# ---------------------------------------------------------------------------
# 5. Grades and slotting
# ---------------------------------------------------------------------------

def grades_tab(db, scheme: tuple, scheme_id: str | None, settings: ev.CheckSettings, lg: str, user: str) -> None:
    graded = report(reports.grades, scheme, settings)
    if graded.per_grade.empty:
        st.info(t("eval.no_points"))
        return
    per_grade = graded.per_grade
    left, right = st.columns([2, 3])
    with left:
        shown = per_grade.assign(band=[f"{i18n.number(a, lg)} – {i18n.number(b, lg)}"
                                       for a, b in zip(per_grade["points_min"], per_grade["points_max"])])
        downloadable(st, shown[["grade", "band", "jobs", "key_jobs"]], hide_index=True, width="stretch",
                         height=38 + 35 * len(shown),
                         column_config={"grade": t("eval.grade"), "band": t("eval.band"), "jobs": t("eval.jobs"),
                                        "key_jobs": t("eval.key_jobs_short")},
                         key="eval_grades", file_name="grades", recorded_as=None)
    with right:
        fig = go.Figure()
        fig.add_bar(x=per_grade["grade"], y=per_grade["key_jobs"], name=t("eval.key"), marker_color=ACCENT)
        fig.add_bar(x=per_grade["grade"], y=per_grade["jobs"] - per_grade["key_jobs"], name=t("eval.other"),
                    marker_color=MUTED)
        fig.update_layout(barmode="stack", height=360, margin=dict(l=10, r=10, t=10, b=10),
                          legend=dict(orientation="h", y=-0.2), xaxis_title=t("eval.grade"),
                          yaxis_title=t("eval.jobs"))
        fig.update_xaxes(dtick=1)
        plotly_chart(st, fig, key="ev_grades_chart", config={"displayModeBar": False})
        if graded.empty_grades:
            st.caption(md("eval.empty_grades", grades=", ".join(map(str, graded.empty_grades))))

    jobs = graded.jobs.assign(title=title(graded.jobs, lg),
                              how=[t(f"eval.source.{s}") if isinstance(s, str) else t("eval.source.none")
                                   for s in graded.jobs["source"]])
    downloadable(st, jobs[["grade", "job_id", "title", "is_key", "points", "how"]], hide_index=True, width="stretch",
                     column_config={"grade": t("eval.grade"), "job_id": t("eval.job_id"), "title": t("eval.job"),
                                    "is_key": st.column_config.CheckboxColumn(t("eval.key")),
                                    "points": st.column_config.NumberColumn(t("eval.points"), format="localized"),
                                    "how": t("eval.points_from")},
                     key="eval_graded_jobs", file_name="graded-jobs", recorded_as=None)
    if graded.unslotted:
        st.warning(md("eval.unslotted", n=graded.unslotted))
    left, right = st.columns([1, 3], vertical_alignment="center")
    if left.button(t("eval.save_grading"), type="primary", disabled=scheme_id is None,
                   help=t("eval.save_grading_help")):
        grading = ev.save_grading(db, graded.evaluation, scheme_id, settings.method, user)
        st.session_state.ev_notice = md("eval.grading_saved", id=grading, grades=len(per_grade))
        st.rerun()
    if graded.last is not None:
        last = graded.last
        right.caption(md("eval.last_grading", id=last.grading_id, grades=last.grades,
                        when=i18n.day(last.created_at.date(), lg), who=last.created_by or "—"))


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

db = store()
lg = lang()
user = actor()
page_header("page.evaluation", "eval.intro", "ev_notice")

head = report(reports.versions)
if not head.has_jobs:
    bring("eval.no_jobs", ["jobs", "market_data"], "ev_bring")
    st.stop()
if (pending := st.session_state.pop("ev_pending_version", None)) is not None:
    st.session_state.ev_version = pending
if head.versions.empty:
    st.info(t("eval.no_scheme"))
    chosen = None
else:
    ids = head.versions["scheme_id"].tolist()
    if st.session_state.get("ev_version") not in ids:
        st.session_state.ev_version = head.active
    labels = {r.scheme_id: t("eval.version_label", id=r.scheme_id, when=i18n.day(r.created_at.date(), lg),
                             who=r.created_by or "—") for r in head.versions.itertuples()}
    top = st.columns([3, 4], vertical_alignment="bottom")
    chosen = top[0].selectbox(t("eval.version"), ids, key="ev_version", format_func=labels.get,
                              help=t("eval.version_help"))
    top[1].caption(md("eval.recorded_as", name=user))
base = report(reports.scheme_version, chosen)

tabs = page_tabs("ev_tab", ["eval.tab.scheme", "eval.tab.jobs", "eval.tab.committee", "eval.tab.check",
                           "eval.tab.grades"])
with tabs[0]:
    scheme = scheme_tab(db, base, lg, user, tabs[0].open)
with tabs[3]:
    settings = check_controls(lg)
with tabs[4]:
    g_left, g_right = st.columns(2)
    grades = g_left.slider(t("eval.grades"), 3, 25, 12, key="ev_grades", help=t("eval.grades_help"))
    method = g_right.radio(t("eval.band_method"), ev.BAND_METHODS, horizontal=True, key="ev_method",
                           format_func=lambda m, lg=lg: i18n.t(f"eval.method.{m}", lg),
                           help=t("eval.band_method_help"))
settings = dataclasses.replace(settings, grades=grades, method=method)

if tabs[1].open or holds_edits("ev_key_editor") or st.session_state.get("ev_survey_file") is not None:
    with tabs[1]:
        key_jobs_tab(db, scheme, settings, lg)
with tabs[2]:
    committee_tab(db, base.scheme.scheme_id, lg, user, tabs[2].open)
if tabs[3].open:
    with tabs[3]:
        check_tab(scheme, settings, lg)
if tabs[4].open:
    with tabs[4]:
        grades_tab(db, scheme, base.scheme.scheme_id, settings, lg, user)
