"""Job evaluation workbench: factor scheme, key jobs and market, committee, market check, grades."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import evaluation as ev
from hrcore import downloads, i18n, imports
from hrcore.i18n import plain
from views._common import (bring, holds_edits, lang, md, page_header, page_tabs, plotly_chart, store, t, version,
                           your_name)

ACCENT, ALERT, MUTED = "#1F6F8B", "#C0392B", "#B0B8BF"


# ---------------------------------------------------------------------------
# Cached reads (keyed on the data version: any write invalidates them)
# ---------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=8)
def inputs(db_path: str, data_version: int, scheme_id: str | None) -> dict[str, pd.DataFrame]:
    db = store()
    return {
        "jobs": db.query("SELECT * FROM jobs ORDER BY job_id"),
        "market": db.query("SELECT * FROM market_data"),
        "consensus": ev.consensus_levels(db, scheme_id) if scheme_id else
        pd.DataFrame(columns=["job_id", "factor_id", "level"]),
        "ratings": ev.rater_levels(db, scheme_id) if scheme_id else
        pd.DataFrame(columns=["job_id", "factor_id", "rater", "level"]),
    }


@st.cache_data(show_spinner=False, max_entries=8)
def scored_jobs(db_path: str, data_version: int, scheme_key: str, _scheme: ev.Scheme) -> pd.DataFrame:
    # ``scheme_key`` stands in for the unhashable draft scheme.
    data = inputs(db_path, data_version, _scheme.scheme_id)
    return ev.job_table(data["jobs"], data["consensus"], _scheme)


@st.cache_data(show_spinner=False, max_entries=32)
def evaluated(db_path: str, data_version: int, scheme_key: str, _scheme: ev.Scheme,
              settings: ev.CheckSettings) -> ev.Evaluation:
    # A new percentile or grade count refits the line and the bands, not the points of every job.
    data = inputs(db_path, data_version, _scheme.scheme_id)
    return ev.evaluate(data["jobs"], data["market"], data["consensus"], _scheme, settings,
                       table=scored_jobs(db_path, data_version, scheme_key, _scheme))


@st.cache_data(show_spinner=False, max_entries=8)
def saved_scheme(db_path: str, data_version: int, scheme_id: str) -> tuple[ev.Scheme, str]:
    """A saved version and its key: read and fingerprinted once, not on every rerun of the workbench."""
    scheme = ev.load_scheme(store(), scheme_id)
    return scheme, scheme_key(scheme)


@st.cache_data(show_spinner=False, max_entries=4)
def survey_file(data: bytes, filename: str) -> pd.DataFrame:
    return imports.read_file(data, filename).frame


def scheme_key(scheme: ev.Scheme) -> str:
    return f"{scheme.scheme_id}:{scheme.fingerprint()}"


def job_label(lg: str, jobs: pd.DataFrame):
    titles = {r.job_id: i18n.name(r.title_en, r.title_zh, lg) for r in jobs.itertuples()}
    return lambda job_id: f"{titles.get(job_id, job_id)} · {job_id}"


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
    edited = st.data_editor(
        shown, key=f"ev_factors_{base.scheme_id}", num_rows="dynamic", hide_index=True, width="stretch",
        column_order=["name_en", "name_zh", "weight", "levels", note],
        column_config={
            "name_en": st.column_config.TextColumn(t("eval.name_en"), required=True, width="medium"),
            "name_zh": st.column_config.TextColumn(t("eval.name_zh"), width="small"),
            "weight": st.column_config.NumberColumn(t("eval.weight"), min_value=0, max_value=100, step=1,
                                                    format="%.0f %%", help=t("eval.weight_help")),
            "levels": st.column_config.NumberColumn(t("eval.levels"), min_value=2, max_value=10, step=1,
                                                    required=True),
            note: st.column_config.TextColumn(t("eval.note"), width="large", help=t("eval.note_help")),
        })
    factors = edited.reset_index(drop=True).copy()
    factors["weight"] = pd.to_numeric(factors["weight"], errors="coerce").fillna(0) / 100
    factors["levels"] = pd.to_numeric(factors["levels"], errors="coerce").fillna(5).astype(int)
    for i in factors.index:
        if not isinstance(factors.at[i, "factor_id"], str) or not factors.at[i, "factor_id"]:
            factors.at[i, "factor_id"] = f"factor_{i + 1}"
    for column in ("name_en", "name_zh", "note_en", "note_zh"):
        factors[column] = factors[column].fillna("")

    with st.expander(t("eval.definitions")):
        st.caption(t("eval.definitions_help"))
        definitions = []
        for factor in factors.itertuples():
            known = base.levels[base.levels["factor_id"] == factor.factor_id].set_index("level")
            rows = pd.DataFrame({"level": range(1, factor.levels + 1)})
            for column in ("definition_en", "definition_zh"):
                rows[column] = rows["level"].map(known[column]).fillna("") if len(known) else ""
            st.markdown(f"**{plain(i18n.name(factor.name_en, factor.name_zh, lg))}**")
            edited_levels = st.data_editor(
                rows, key=f"ev_levels_{base.scheme_id}_{factor.factor_id}_{factor.levels}", hide_index=True,
                width="stretch", disabled=["level"],
                column_config={"level": st.column_config.NumberColumn(t("eval.level"), width="small"),
                               "definition_en": st.column_config.TextColumn(t("eval.definition_en"), width="large"),
                               "definition_zh": st.column_config.TextColumn(t("eval.definition_zh"), width="large")})
            definitions.append(edited_levels.assign(factor_id=factor.factor_id, points=0.0))
    levels = pd.concat(definitions, ignore_index=True) if definitions else \
        pd.DataFrame(columns=ev.LEVEL_COLUMNS)
    draft = ev.Scheme(factors[ev.FACTOR_COLUMNS], levels[ev.LEVEL_COLUMNS], float(total), scale, float(ratio),
                      base.scheme_id, base.name, base.version)
    return ev.rescale(draft)


def draft_edited(base: ev.Scheme) -> bool:
    """Whether the draft's inputs hold a change to ``base`` (weights, levels, scale, total) not saved yet."""
    if holds_edits(f"ev_factors_{base.scheme_id}") or holds_edits(f"ev_levels_{base.scheme_id}_"):
        return True
    scale = st.session_state.get(f"ev_scale_{base.scheme_id}", base.scale)
    ratio = st.session_state.get(f"ev_ratio_{base.scheme_id}", float(base.ratio))
    total = st.session_state.get(f"ev_total_{base.scheme_id}", int(base.total_points))
    return (scale, float(ratio), int(total)) != (base.scale, float(base.ratio), int(base.total_points))


def scheme_problems(scheme: ev.Scheme, lg: str) -> list[str]:
    names = dict(zip(scheme.factors["factor_id"], [i18n.name(e, z, lg) for e, z in
                                                   zip(scheme.factors["name_en"], scheme.factors["name_zh"])]))
    out = []
    for problem in ev.check_scheme(scheme):
        values = dict(problem.values)
        if "total" in values:
            values["total"] = i18n.percent(values["total"], lg, 1)
        out.append(t(f"eval.problem.{problem.code}", factor=names.get(problem.factor_id, problem.factor_id),
                     **values))
    return out


def points_table(scheme: ev.Scheme, lg: str) -> pd.DataFrame:
    names = {r.factor_id: i18n.name(r.name_en, r.name_zh, lg) for r in scheme.factors.itertuples()}
    weights = scheme.factors.set_index("factor_id")["weight"]
    table = scheme.levels.pivot(index="factor_id", columns="level", values="points")
    table = table.reindex(scheme.factors["factor_id"])
    table.columns = [t("eval.level_n", n=int(c)) for c in table.columns]
    table.insert(0, t("eval.weight"), [i18n.percent(weights[f], lg, 0) for f in table.index])
    table.index = [names[f] for f in table.index]
    return table


def scheme_tab(db, base: ev.Scheme, base_key: str, versions: pd.DataFrame, lg: str,
               user: str, shown: bool) -> tuple[ev.Scheme, str]:
    """The draft scheme and its cache key (the fingerprint is paid once a run).

    The draft's editors are drawn while another tab is open too: the other tabs evaluate the draft.
    """
    if not shown and not draft_edited(base):
        return base, base_key  # nothing typed to keep: nine editors not drawn
    st.caption(t("eval.scheme_intro"))
    draft = draft_scheme(base, lg)
    draft_key = scheme_key(draft)
    if not shown:
        return draft, draft_key
    problems = scheme_problems(draft, lg)
    total_weight = float(draft.factors["weight"].sum())
    st.markdown(f"**{t('eval.points_by_level')}** · "
                f"{t('eval.weight_total', total=i18n.percent(total_weight, lg, 0))}")
    st.dataframe(points_table(draft, lg), width="stretch")
    for problem in problems:
        st.error(problem)
    changed = draft_key != base_key
    left, middle, right = st.columns([1.2, 1, 1.4])
    if left.button(t("eval.save_version"), type="primary", disabled=bool(problems) or not changed,
                   help=t("eval.save_version_help")):
        saved = ev.save_scheme(db, draft, user or "analyst", based_on=base.scheme_id)
        st.session_state.ev_pending_version = saved.scheme_id
        st.session_state.ev_notice = md("eval.saved_version", version=saved.scheme_id,
                                       carried=i18n.number(saved.carried, lg),
                                       dropped=i18n.number(saved.dropped, lg))
        st.rerun()
    middle.download_button(t("eval.manual"), data=downloads.file(ev.manual(draft, lg), "text"),
                           file_name=f"evaluation_manual_{draft.scheme_id or 'draft'}_{lg}.md",
                           mime="text/markdown", help=t("eval.manual_help"))
    if changed and not problems:
        right.caption(t("eval.unsaved"))
    return draft, draft_key


# ---------------------------------------------------------------------------
# 2. Key jobs and market data
# ---------------------------------------------------------------------------

def key_jobs_tab(db, data: dict, result: ev.Evaluation, settings: ev.CheckSettings, lg: str) -> None:
    jobs = data["jobs"]
    market = data["market"]
    latest = market[(market["survey_year"] == result.survey_year) & (market["pay_type"] == settings.pay_type)]
    if settings.source is not None:
        latest = latest[latest["source"] == settings.source]
    latest = latest.sort_values(["job_id", "source"]).drop_duplicates("job_id").set_index("job_id")
    table = jobs.assign(is_key=jobs["is_key"].fillna(False).astype(bool))
    table["title"] = [i18n.name(e, z, lg) for e, z in zip(table["title_en"], table["title_zh"])]
    table["description"] = [i18n.name(e, z, lg) for e, z in zip(table["description_en"], table["description_zh"])]
    table["points"] = table["job_id"].map(result.jobs.set_index("job_id")["points"])
    for p in ev.PERCENTILES:
        table[p] = table["job_id"].map(latest[p]) if p in latest else np.nan
    table = table.sort_values(["is_key", "points"], ascending=[False, True])
    columns = ["is_key", "job_id", "title", "points", *ev.PERCENTILES, "description"]
    edited = st.data_editor(
        table[columns], hide_index=True, width="stretch", height=520, key="ev_key_editor",
        disabled=columns[1:],
        column_config={
            "is_key": st.column_config.CheckboxColumn(t("eval.key"), help=t("eval.key_jobs_help"), width="small"),
            "job_id": st.column_config.TextColumn(t("eval.job_id"), width="small"),
            "title": st.column_config.TextColumn(t("eval.job"), width="medium"),
            "points": st.column_config.NumberColumn(t("eval.points"), format="%d", width="small"),
            **{p: st.column_config.NumberColumn(p.upper(), format="localized", width="small")
               for p in ev.PERCENTILES},
            "description": st.column_config.TextColumn(t("eval.description"), width="large")})
    chosen = sorted(edited.loc[edited["is_key"], "job_id"])
    current = sorted(table.loc[table["is_key"], "job_id"])
    left, right = st.columns([1, 3], vertical_alignment="center")
    if left.button(t("eval.save_key_jobs", n=len(chosen)), type="primary", disabled=chosen == current):
        changed = ev.set_key_jobs(db, chosen)
        st.session_state.ev_notice = md("eval.key_jobs_saved", n=i18n.number(changed, lg))
        st.rerun()
    right.caption(md("eval.market_caption", year=result.survey_year or "–",
                    pay=t(f"eval.pay_type.{settings.pay_type}"), n=len(chosen)))
    with st.expander(t("eval.survey_import"), expanded=False):
        survey_import(db, jobs, chosen, lg)


def survey_import(db, jobs: pd.DataFrame, key_jobs: list[str], lg: str) -> None:
    st.caption(t("eval.survey_help"))
    upload = st.file_uploader(t("eval.survey_file"), type=["csv", "xlsx"], key="ev_survey_file")
    if upload is None:
        return
    try:
        raw = survey_file(upload.getvalue(), upload.name)
    except ValueError as exc:
        st.error(md("data.file_error", reason=exc))
        return
    guess = ev.guess_survey_layout(raw.columns)
    columns = [None, *raw.columns]

    def pick(container, label, default, key):
        return container.selectbox(label, columns, index=columns.index(default) if default in columns else 0,
                                   key=key, format_func=lambda c, lg=lg: i18n.t("eval.none", lg) if c is None else c)

    a, b, c, d = st.columns(4)
    code = pick(a, t("eval.survey_code"), guess.code, "ev_sv_code")
    title = pick(b, t("eval.survey_title"), guess.title, "ev_sv_title")
    period = c.selectbox(t("eval.survey_period"), list(ev.PERIODS), index=list(ev.PERIODS).index(guess.period),
                         format_func=lambda p, lg=lg: i18n.t(f"eval.period.{p}", lg), key="ev_sv_period")
    pay_type = d.selectbox(t("eval.pay_type"), ["fixed", "total_cash"], key="ev_sv_pay_type",
                           format_func=lambda p, lg=lg: i18n.t(f"eval.pay_type.{p}", lg))
    cols = st.columns(5)
    chosen = {p: pick(cols[i], p.upper(), guess.percentiles.get(p), f"ev_sv_{p}")
              for i, p in enumerate(ev.PERCENTILES)}
    a, b, c, d = st.columns(4)
    year = a.number_input(t("eval.survey_year"), 1990, 2100, 2023 if "OCC_CODE" in raw.columns else
                          pd.Timestamp.today().year, key="ev_sv_year")
    source = b.text_input(t("eval.survey_source"), "BLS OEWS" if "OCC_CODE" in raw.columns else upload.name,
                          key="ev_sv_source")
    currency = c.text_input(t("eval.currency"), "USD" if "OCC_CODE" in raw.columns else "CNY", key="ev_sv_currency")
    layout = ev.SurveyLayout(code, title, {p: col for p, col in chosen.items() if col}, period,
                             guess.group_column, guess.group_value)
    try:
        survey = ev.read_survey(raw, layout)
    except ValueError as exc:
        st.error(str(exc))
        return
    if len(survey.unreadable):
        st.error(md("eval.survey_unreadable", n=len(survey.unreadable)))
        st.dataframe(survey.unreadable.head(50), hide_index=True)
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
    rows = ev.market_rows(survey, job_map, int(year), pay_type, source.strip(), currency.strip() or None)
    typed, problems = imports.validate(rows, "market_data")
    if len(problems):
        st.error(t("eval.survey_problems"))
        st.dataframe(problems, hide_index=True)
        return
    preview = typed.assign(job=typed["job_id"].map(label))[["job", "survey_job", *ev.PERCENTILES]]
    st.dataframe(preview, hide_index=True, width="stretch",
                 column_config={"job": t("eval.job"), "survey_job": t("eval.survey_job"),
                                **{p: st.column_config.NumberColumn(p.upper(), format="localized")
                                   for p in ev.PERCENTILES}})
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

def level_formatter(scheme: ev.Scheme, factor_id: str, lg: str, levels: pd.DataFrame | None = None):
    """``level -> "3 · definition"`` for a factor's pickers; ``levels``: the factor's rows when already split."""
    levels = scheme.levels[scheme.levels["factor_id"] == factor_id] if levels is None else levels
    definitions = dict(zip(levels["level"], levels[f"definition_{lg}"]))
    none = i18n.t("eval.unset", lg)

    def fmt(level):
        if level is None:
            return none
        text = definitions.get(level, "")
        return f"{level} · {text}" if isinstance(text, str) and text else str(level)
    return fmt


def committee_tab(db, scheme: ev.Scheme, data: dict, lg: str, user: str, shown: bool) -> None:
    if not scheme.scheme_id:
        st.info(t("eval.save_first"))
        return
    jobs = data["jobs"]
    label = job_label(lg, jobs)
    key = jobs.loc[jobs["is_key"].fillna(False).astype(bool), "job_id"].tolist()
    scope = st.radio(t("eval.which_jobs"), ["key", "all"], horizontal=True, key="ev_scope",
                     format_func=lambda s, lg=lg: i18n.t(f"eval.scope.{s}", lg))
    pool = key if scope == "key" and key else jobs["job_id"].tolist()
    if "ev_seed" not in st.session_state:
        st.session_state.ev_seed = int(np.random.default_rng().integers(1, 1_000_000))
    order = ev.evaluation_order(pool, st.session_state.ev_seed)
    position = min(st.session_state.get("ev_position", 0), len(order) - 1)

    nav = st.columns([1, 1, 1, 3], vertical_alignment="center")
    if nav[0].button(t("eval.previous"), disabled=position == 0, width="stretch"):
        st.session_state.ev_position = position - 1
        st.rerun()
    if nav[1].button(t("eval.next"), disabled=position >= len(order) - 1, width="stretch"):
        st.session_state.ev_position = position + 1
        st.rerun()
    if nav[2].button(t("eval.reshuffle"), width="stretch", help=t("eval.reshuffle_help")):
        st.session_state.ev_seed = int(np.random.default_rng().integers(1, 1_000_000))
        st.session_state.ev_position = 0
        st.rerun()
    nav[3].caption(md("eval.job_of", i=position + 1, n=len(order)))

    job_id = order[position]
    job = jobs.set_index("job_id").loc[job_id]
    consensus = data["consensus"]
    ratings = data["ratings"]
    mine = consensus[consensus["job_id"] == job_id].set_index("factor_id")["level"]
    theirs = ratings[ratings["job_id"] == job_id]
    with st.container(border=True):
        st.subheader(plain(label(job_id)))
        st.markdown(plain(i18n.name(job.get("description_en"), job.get("description_zh"), lg)) or t("eval.no_description"))
        points = ev.job_points(consensus[consensus["job_id"] == job_id], scheme) if shown else []
        if len(points):
            row = points.iloc[0]
            st.caption(md("eval.job_points", points=i18n.number(row["points"], lg), rated=int(row["rated"]),
                         n=len(scheme.factors)))

    rater = user
    if not rater:
        st.caption(t("eval.name_needed"))
    with st.form(f"ev_levels_{job_id}"):
        head = st.columns([2.2, 1.4, 2.2, 2.2])
        head[0].markdown(f"**{t('eval.factor')}**")
        head[1].markdown(f"**{t('eval.raters_levels')}**")
        head[2].markdown(f"**{md('eval.my_level', rater=rater or '—')}**")
        head[3].markdown(f"**{t('eval.consensus')}**")
        mine_levels, agreed = {}, {}
        # Split once by factor: eight filters of each frame per run cost more than the form itself.
        given_by_factor = dict(tuple(theirs.groupby("factor_id")))
        levels_by_factor = dict(tuple(scheme.levels.groupby("factor_id")))
        for factor in scheme.factors.itertuples():
            row = st.columns([2.2, 1.4, 2.2, 2.2], vertical_alignment="center")
            name = i18n.name(factor.name_en, factor.name_zh, lg)
            row[0].markdown(plain(name), help=plain(i18n.name(factor.note_en, factor.note_zh, lg)) or None)
            given = given_by_factor.get(factor.factor_id, theirs.iloc[:0])
            if len(given):
                spread = int(given["level"].max() - given["level"].min())
                levels = " · ".join(str(int(v)) for v in given["level"])
                row[1].markdown(f":red[{levels}]" if spread >= 2 else levels,
                                help=md("eval.raters_help", names=", ".join(given["rater"])))
            else:
                row[1].caption("—")
            options = [None, *range(1, int(factor.levels) + 1)]
            fmt = level_formatter(scheme, factor.factor_id, lg,
                                  levels_by_factor.get(factor.factor_id, scheme.levels.iloc[:0]))
            own = given[given["rater"] == rater]["level"]
            mine_levels[factor.factor_id] = row[2].selectbox(
                plain(name), options, index=options.index(int(own.iloc[0])) if len(own) else 0, format_func=fmt,
                key=f"ev_mine_{job_id}_{factor.factor_id}_{rater}", label_visibility="collapsed", disabled=not rater,
                placeholder=t("eval.unset"))
            current = int(mine[factor.factor_id]) if factor.factor_id in mine.index else None
            agreed[factor.factor_id] = row[3].selectbox(
                plain(name), options, index=options.index(current), format_func=fmt,
                key=f"ev_consensus_{job_id}_{factor.factor_id}", label_visibility="collapsed",
                placeholder=t("eval.unset"))
        submitted = st.form_submit_button(t("eval.record"), type="primary")
    if submitted:
        who = rater or user or "analyst"
        changes = 0
        if rater:
            changes += ev.record_levels(db, scheme.scheme_id, job_id, mine_levels, who, rater=rater)
        changes += ev.record_levels(db, scheme.scheme_id, job_id, agreed, who)
        st.session_state.ev_notice = md("eval.recorded", n=changes, job=label(job_id))
        st.rerun()

    if not shown:
        return
    spread = ev.disagreement(ratings)
    if len(spread):
        st.markdown(f"**{t('eval.heatmap')}**")
        plotly_chart(st, heatmap(spread, scheme, jobs, lg), key="ev_heatmap", config={"displayModeBar": False})
    with st.expander(t("eval.log")):
        log = ev.change_log(db, scheme.scheme_id)
        if log.empty:
            st.caption(t("eval.log_empty"))
        else:
            log = log.assign(job=log["job_id"].map(label))
            st.dataframe(log[["changed_at", "changed_by", "job", "factor_id", "rater", "old_level", "new_level"]],
                         hide_index=True, width="stretch",
                         column_config={"changed_at": st.column_config.DatetimeColumn(t("eval.when")),
                                        "changed_by": t("eval.who"), "job": t("eval.job"),
                                        "factor_id": t("eval.factor"), "rater": t("eval.rater_short"),
                                        "old_level": t("eval.old"), "new_level": t("eval.new")})


def heatmap(spread: pd.DataFrame, scheme: ev.Scheme, jobs: pd.DataFrame, lg: str) -> go.Figure:
    names = {r.factor_id: i18n.name(r.name_en, r.name_zh, lg) for r in scheme.factors.itertuples()}
    titles = {r.job_id: i18n.name(r.title_en, r.title_zh, lg) for r in jobs.itertuples()}
    grid = spread.pivot(index="job_id", columns="factor_id", values="spread")
    grid = grid.reindex(columns=[f for f in scheme.factors["factor_id"] if f in grid.columns])
    grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False).index]
    # go.Heatmap, not px.imshow: the same picture at a third of the cost, on every rerun of the workbench.
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=[names[f] for f in grid.columns], y=[titles.get(j, j) for j in grid.index],
        colorscale=[[0, "#F4F6F7"], [0.5, "#F5B041"], [1, ALERT]], zmin=0, zmax=max(2, grid.max().max()),
        texttemplate="%{z}", colorbar=dict(title=dict(text=t("eval.spread")), dtick=1)))
    fig.update_layout(height=max(320, 26 * len(grid) + 120), margin=dict(l=10, r=10, t=10, b=10),
                      xaxis=dict(side="top"), yaxis=dict(autorange="reversed"))
    return fig


# ---------------------------------------------------------------------------
# 4. Points and the market check
# ---------------------------------------------------------------------------

def check_controls(market: pd.DataFrame, lg: str) -> ev.CheckSettings:
    surveys = market[["survey_year", "source"]].drop_duplicates().sort_values(["survey_year", "source"],
                                                                               ascending=[False, True])
    options = [(int(y), s) for y, s in zip(surveys["survey_year"], surveys["source"])] or [(None, None)]
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
    return ev.CheckSettings(percentile, pay_type, survey[0], survey[1], model, r2, z,
                            st.session_state.get("ev_grades", 12), st.session_state.get("ev_method", "equal"), cv)


def check_tab(result: ev.Evaluation, scheme: ev.Scheme, settings: ev.CheckSettings, lg: str) -> None:
    line = result.line
    tiles = st.columns(4)
    tiles[0].metric(t("eval.jobs_evaluated"), i18n.number(result.evaluated, lg),
                    help=md("eval.jobs_evaluated_help", total=len(result.jobs)), border=True)
    if line:
        verdict = t("eval.pass") if line.passes(settings.r2_threshold) else t("eval.fail")
        tiles[1].metric("R²", f"{line.r2:.3f}", delta=verdict, border=True,
                        delta_color="normal" if line.passes(settings.r2_threshold) else "inverse",
                        delta_arrow="off", help=md("eval.r2_help", threshold=f"{settings.r2_threshold:.2f}"))
        tiles[2].metric(t("eval.outliers"), i18n.number(len(result.outliers), lg), border=True,
                        help=md("eval.outliers_help", z=f"{settings.z_limit:.1f}"))
    else:
        tiles[1].metric("R²", "–", border=True)
        tiles[2].metric(t("eval.outliers"), "–", border=True)
    d = result.dispersion
    tiles[3].metric(t("eval.cv"), "–" if d.cv != d.cv else f"{d.cv:.2f}", border=True,
                    help=md("eval.cv_metric_help", mean=i18n.number(d.mean, lg), std=i18n.number(d.std, lg)))
    if line is None:
        st.warning(t("eval.no_line"))
    elif not line.passes(settings.r2_threshold):
        st.error(t("eval.r2_fails", r2=f"{line.r2:.3f}", threshold=f"{settings.r2_threshold:.2f}"))
    else:
        st.success(t("eval.r2_passes", r2=f"{line.r2:.3f}", threshold=f"{settings.r2_threshold:.2f}"))
    if d.crowded:
        st.warning(md("eval.crowded", cv=f"{d.cv:.2f}", middle=i18n.percent(d.middle_share, lg, 0)))

    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('eval.regression_title')}**")
        if line:
            plotly_chart(st, regression_chart(result, settings, lg), key="ev_regression",
                            config={"displayModeBar": False})
    with right:
        st.markdown(f"**{t('eval.points_title')}**")
        plotly_chart(st, points_chart(result, scheme, lg), key="ev_points", config={"displayModeBar": False})
    if line is not None and len(result.outliers):
        st.markdown(f"**{t('eval.outlier_list')}**")
        out = result.outliers.assign(title=[i18n.name(e, z, lg) for e, z in zip(result.outliers["title_en"],
                                                                                  result.outliers["title_zh"])])
        out["direction"] = np.where(out["z"] > 0, t("eval.paid_above"), t("eval.paid_below"))
        out[["pay", "fitted"]] = out[["pay", "fitted"]].round(0)
        st.dataframe(out[["job_id", "title", "points", "pay", "fitted", "z", "direction"]], hide_index=True,
                     width="stretch",
                     column_config={"job_id": t("eval.job_id"), "title": t("eval.job"),
                                    "points": st.column_config.NumberColumn(t("eval.points"), format="%d"),
                                    "pay": st.column_config.NumberColumn(t("eval.market_pay"), format="localized"),
                                    "fitted": st.column_config.NumberColumn(t("eval.line_pay"), format="localized"),
                                    "z": st.column_config.NumberColumn("z", format="%.2f"),
                                    "direction": t("eval.direction")})
        st.caption(t("eval.outlier_action"))


def regression_chart(result: ev.Evaluation, settings: ev.CheckSettings, lg: str) -> go.Figure:
    data = result.regression
    symbol = i18n.currency_symbol(result.currency)
    titles = [i18n.name(e, z, lg) for e, z in zip(data["title_en"], data["title_zh"])]
    hover = [f"{title}<br>{t('eval.points')}: {p:,.0f}<br>{settings.percentile.upper()}: "
             f"{i18n.money_exact(pay, lg, symbol)}<br>z = {z:+.2f}"
             for title, p, pay, z in zip(titles, data["points"], data["pay"], data["z"])]
    fig = go.Figure()
    xs = np.linspace(data["points"].min(), data["points"].max(), 60)
    fig.add_scatter(x=xs, y=result.line.predict(xs), mode="lines", name=t("eval.fitted_line"),
                    line=dict(color=MUTED, width=2), hoverinfo="skip")
    normal = ~data["outlier"].to_numpy()
    fig.add_scatter(x=data["points"][normal], y=data["pay"][normal], mode="markers", name=t("eval.key_job_points"),
                    marker=dict(color=ACCENT, size=10), hovertext=np.array(hover)[normal], hoverinfo="text")
    if (~normal).any():
        fig.add_scatter(x=data["points"][~normal], y=data["pay"][~normal], mode="markers+text",
                        name=t("eval.outliers"), marker=dict(color=ALERT, size=13, symbol="diamond"),
                        text=np.array(titles)[~normal], textposition="top center",
                        textfont=dict(color=ALERT), hovertext=np.array(hover)[~normal], hoverinfo="text")
    fig.add_annotation(xref="paper", yref="paper", x=0.02, y=0.98, showarrow=False, align="left",
                       text=f"R² = {result.line.r2:.3f} · {t('eval.model.' + settings.model)} · "
                            f"{t('eval.fit_jobs', n=result.line.n)}",
                       font=dict(size=14, color=ACCENT if result.line.passes(settings.r2_threshold) else ALERT))
    unit = t("eval.pay_axis", pct=settings.percentile.upper(), currency=result.currency or "")
    fig.update_layout(height=420, margin=dict(l=10, r=10, t=10, b=10), legend=dict(orientation="h", y=-0.18),
                      xaxis_title=t("eval.points"), yaxis_title=unit)
    fig.update_yaxes(tickformat=",")
    return fig


def points_chart(result: ev.Evaluation, scheme: ev.Scheme, lg: str) -> go.Figure:
    jobs = result.jobs.dropna(subset=["points"])
    third = (scheme.max_points - scheme.min_points) / 3
    fig = go.Figure()
    fig.add_vrect(x0=scheme.min_points + third, x1=scheme.max_points - third, fillcolor="#F5B041", opacity=0.12,
                  line_width=0, annotation_text=t("eval.middle_third"), annotation_position="top left")
    for is_key, name, color in ((True, t("eval.key"), ACCENT), (False, t("eval.other"), MUTED)):
        part = jobs[jobs["is_key"] == is_key]
        fig.add_histogram(x=part["points"], name=name, marker_color=color,
                          xbins=dict(start=scheme.min_points, end=scheme.max_points, size=max(third / 5, 1)))
    fig.update_layout(barmode="stack", height=420, margin=dict(l=10, r=10, t=10, b=10),
                      legend=dict(orientation="h", y=-0.18), xaxis_title=t("eval.points"),
                      yaxis_title=t("eval.jobs"))
    fig.update_xaxes(range=[scheme.min_points, scheme.max_points])
    return fig


# ---------------------------------------------------------------------------
# 5. Grades and slotting
# ---------------------------------------------------------------------------

def grades_tab(db, result: ev.Evaluation, scheme: ev.Scheme, lg: str, user: str) -> None:
    if result.bands.empty:
        st.info(t("eval.no_points"))
        return
    per_grade = result.per_grade
    left, right = st.columns([2, 3])
    with left:
        shown = per_grade.assign(band=[f"{a:,.0f} – {b:,.0f}" for a, b in zip(per_grade["points_min"],
                                                                            per_grade["points_max"])])
        st.dataframe(shown[["grade", "band", "jobs", "key_jobs"]], hide_index=True, width="stretch",
                     height=38 + 35 * len(shown),
                     column_config={"grade": t("eval.grade"), "band": t("eval.band"), "jobs": t("eval.jobs"),
                                    "key_jobs": t("eval.key_jobs_short")})
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
        empty = per_grade.loc[per_grade["jobs"] == 0, "grade"].tolist()
        if empty:
            st.caption(md("eval.empty_grades", grades=", ".join(map(str, empty))))

    jobs = result.jobs.copy()
    jobs["title"] = [i18n.name(e, z, lg) for e, z in zip(jobs["title_en"], jobs["title_zh"])]
    jobs["how"] = jobs["source"].map({"committee": t("eval.source.committee"), "stored": t("eval.source.stored")})
    jobs = jobs.sort_values(["grade", "points"], ascending=[False, False])
    st.dataframe(jobs[["grade", "job_id", "title", "is_key", "points", "how"]], hide_index=True, width="stretch",
                 column_config={"grade": t("eval.grade"), "job_id": t("eval.job_id"), "title": t("eval.job"),
                                "is_key": st.column_config.CheckboxColumn(t("eval.key")),
                                "points": st.column_config.NumberColumn(t("eval.points"), format="%d"),
                                "how": t("eval.points_from")})
    unslotted = int((result.jobs["grade"] == 0).sum())
    if unslotted:
        st.warning(md("eval.unslotted", n=unslotted))
    saved = ev.latest_grading(db)
    left, right = st.columns([1, 3], vertical_alignment="center")
    if left.button(t("eval.save_grading"), type="primary", disabled=scheme.scheme_id is None,
                   help=t("eval.save_grading_help")):
        grading = ev.save_grading(db, result, scheme.scheme_id, st.session_state.get("ev_method", "equal"),
                                  user or "analyst")
        st.session_state.ev_notice = md("eval.grading_saved", id=grading, grades=len(result.bands))
        st.rerun()
    if saved is not None:
        head = saved[0]
        right.caption(md("eval.last_grading", id=head["grading_id"], grades=int(head["grades"]),
                        when=i18n.day(head["created_at"].date(), lg), who=head["created_by"] or "—"))


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

db = store()
lg = lang()
page_header("page.evaluation", "eval.intro", "ev_notice")

versions = ev.scheme_versions(db)
if db.count("jobs") == 0:
    bring("eval.no_jobs", ["jobs", "market_data"], "ev_bring")
    st.stop()
if (pending := st.session_state.pop("ev_pending_version", None)) is not None:
    st.session_state.ev_version = pending
if versions.empty:
    base = ev.default_scheme()
    base_key = scheme_key(base)
    st.info(t("eval.no_scheme"))
else:
    ids = versions["scheme_id"].tolist()
    active = db.meta(ev.ACTIVE_SCHEME)
    if st.session_state.get("ev_version") not in ids:
        st.session_state.ev_version = active if active in ids else ids[0]
    labels = {r.scheme_id: t("eval.version_label", id=r.scheme_id, when=i18n.day(r.created_at.date(), lg),
                             who=r.created_by or "—") for r in versions.itertuples()}
    top = st.columns([3, 2, 2], vertical_alignment="bottom")
    top[0].selectbox(t("eval.version"), ids, key="ev_version", format_func=labels.get, help=t("eval.version_help"))
    base, base_key = saved_scheme(*version(), st.session_state.ev_version)
    user = your_name(top[1], "ev_user", t("eval.your_name_help"))
if versions.empty:
    user = your_name(st, "ev_user", t("eval.your_name_help"))

tabs = page_tabs("ev_tab", ["eval.tab.scheme", "eval.tab.jobs", "eval.tab.committee", "eval.tab.check",
                           "eval.tab.grades"])
with tabs[0]:
    scheme, drafted = scheme_tab(db, base, base_key, versions, lg, user, tabs[0].open)

data = inputs(*version(), base.scheme_id)
with tabs[3]:
    settings = check_controls(data["market"], lg)
with tabs[4]:
    g_left, g_right = st.columns(2)
    g_left.slider(t("eval.grades"), 3, 25, 12, key="ev_grades", help=t("eval.grades_help"))
    g_right.radio(t("eval.band_method"), ev.BAND_METHODS, horizontal=True, key="ev_method",
                  format_func=lambda m, lg=lg: i18n.t(f"eval.method.{m}", lg), help=t("eval.band_method_help"))
settings = ev.CheckSettings(settings.percentile, settings.pay_type, settings.survey_year, settings.source,
                            settings.model, settings.r2_threshold, settings.z_limit, st.session_state.ev_grades,
                            st.session_state.ev_method, settings.crowded_cv)
result = evaluated(*version(), drafted, scheme, settings)

if tabs[1].open or holds_edits("ev_key_editor") or st.session_state.get("ev_survey_file") is not None:
    with tabs[1]:
        key_jobs_tab(db, data, result, settings, lg)
with tabs[2]:
    committee_tab(db, base, data, lg, user, tabs[2].open)
if tabs[3].open:
    with tabs[3]:
        check_tab(result, scheme, settings, lg)
if tabs[4].open:
    with tabs[4]:
        grades_tab(db, result, scheme, lg, user)
