"""Competency models, 360 reviews, qualifications and certification: each tab renders one report of
:mod:`hrcore.reports.competency`."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hrcore import access, competency, downloads, errors, i18n, imports
from hrcore.i18n import plain
from hrcore.reports import competency as reports
from views._common import table as downloadable  # a page's own `table`s are frames
from views._common import editor
from views._common import (actor, bring, current_user, holds_edits, lang, md, page_header, page_tabs, plotly_chart,
                           report, still_allowed, store, t)
from views._imports import (ask_date_order, date_order_choice, plan_key, quick_mapping, remembered_plan, repeats_choice,
                            show_report, uploaded)


def why_hidden(row, lg: str) -> str:
    """Which of a reviewee's groups are not shown on their own, and why (to keep answers anonymous)."""
    notes = [i18n.t(f"competency.why_hidden.{row[f'hidden_{g}']}", lg,
                    group=i18n.t(f"competency.group.{g}", lg), n=int(row[f"n_{g}"]))
             for g in competency.OTHER_GROUPS if row[f"hidden_{g}"]]
    if not row["others_shown"] and row["raters"] > 0:
        notes.append(i18n.t("competency.why_hidden.others", lg, n=int(row["raters"])))
    return ("；" if lg == "zh" else "; ").join(notes)


def refusal(error: Exception, lg: str) -> str:
    """Why ``error`` refused, in ``lg``: every problem of a model refused (with the item's row), else the one."""
    comma, semicolon = ("，", "；") if lg == "zh" else (", ", "; ")
    parts = []
    for problem in error.problems if isinstance(error, competency.ModelRefused) else [error]:
        text = errors.problem_text(problem, lg)
        row = getattr(problem, "values", {}).get("row")
        parts.append(text if row is None else i18n.t("problem.model_row", lg, row=row) + comma + text)
    return semicolon.join(parts)


def problem_reasons(problems: pd.DataFrame, lg: str) -> list[str]:
    """The problems of rows not saved, each with the column it is about, in ``lg``: from the code and values
    where the check gives them, else the English reason translated."""
    coded = "code" in problems.columns
    return sorted({i18n.problem(p.code, p.values, lg, field=p.column) if coded and p.code
                   else f"{p.column}: {p.reason}" for p in problems.itertuples()})


def people_names(frame: pd.DataFrame, lg: str, id_column: str = "employee_id") -> pd.Series:
    """Each person's name in ``lg`` (the id only where no name is on file)."""
    return i18n.names(frame["name_en"], frame["name_zh"], lg, fallback=frame[id_column]).reset_index(drop=True)


def person_labels(ids, names) -> dict:
    """Picker labels: the name, with the id only where two people share it."""
    names = pd.Series(list(names), index=list(ids))
    shared = names.duplicated(keep=False)
    return {i: f"{n} ({i})" if shared[i] else n for i, n in names.items()}


def person_field(container, key: str, label_key: str, lg: str) -> str:
    """A person, found by name or id: the id typed, else a pick among the people whose name holds what was typed."""
    typed = container.text_input(t(label_key), key=key, placeholder=t("competency.person_search")).strip()
    if not typed:
        return ""
    found = report(reports.people_matching, typed)
    if found.empty:
        container.caption(md("competency.nobody_found", text=typed))
        return ""
    labels = person_labels(found["employee_id"], people_names(found, lg))
    if found["employee_id"].iloc[0] == typed:
        container.caption(plain(labels[typed]))
        return typed
    return container.selectbox(t("competency.person_pick"), list(labels), key=f"{key}_pick",
                               format_func=labels.__getitem__) or ""


def headline_strip(as_of, lg: str) -> None:
    """The figures the overview shows for competency, from the same report: they agree wherever they are read."""
    head = report(reports.headline, as_of)
    if head.in_certified_jobs == 0 and head.reviewed == 0:
        return
    figures = [("overview.cert_coverage", head.coverage, lambda v: i18n.percent(v, lg, 0), "overview.cert_coverage_help"),
               ("competency.head.overdue", head.overdue, lambda v: i18n.number(v, lg), "competency.head.overdue_help"),
               ("competency.head.gap", head.average_gap, lambda v: f"{v:+.1f}", "overview.avg_gap_help"),
               ("competency.head.reviewed", head.reviewed, lambda v: i18n.number(v, lg), "competency.head.reviewed_help")]
    for column, (label, value, shown, help_key) in zip(st.columns(4), figures):
        column.metric(t(label), "–" if value is None else shown(value), border=True, help=t(help_key))


# -- models ------------------------------------------------------------------------------------

def iceberg_figure(items: pd.DataFrame, lg: str) -> go.Figure:
    """The model on the iceberg: knowledge and skill above the water, the rest below."""
    top, waterline, bottom = 2.0, 0.0, -6.0
    # Two layers above the water in 2 units, four below in 6: the hidden part is the larger.
    spans = {"knowledge": (2.0, 1.0), "skill": (1.0, 0.0), "social_role": (0.0, -1.5),
             "self_image": (-1.5, -3.0), "trait": (-3.0, -4.5), "motive": (-4.5, -6.0)}
    fig = go.Figure()
    fig.add_shape(type="rect", x0=-10, x1=10, y0=bottom - 0.5, y1=waterline, fillcolor="#D6EAF8",
                  line_width=0, layer="below")
    half_width = lambda y: 1.2 + (top - y) * 1.05  # noqa: E731
    fig.add_trace(go.Scatter(x=[-0.6, 0.6, half_width(bottom), -half_width(bottom), -0.6],
                             y=[top, top, bottom, bottom, top], fill="toself", mode="lines",
                             fillcolor="rgba(255,255,255,0.85)", line=dict(color="#5D6D7E"), hoverinfo="skip"))
    for layer, (y0, y1) in spans.items():
        fig.add_shape(type="line", x0=-half_width(y1), x1=half_width(y1), y0=y1, y1=y1,
                      line=dict(color="#AAB7B8", dash="dot", width=1))
        fig.add_annotation(x=-9.8, y=(y0 + y1) / 2, text=f"<b>{t(f'competency.layer.{layer}')}</b>",
                           showarrow=False, xanchor="left", font=dict(size=12, color="#1B4F72"))
        names = items[items["layer"] == layer]
        labels = [i18n.name(r.name_en, r.name_zh, lg) + (" ⚠" if r.critical else "") for r in names.itertuples()]
        if labels:
            width = half_width((y0 + y1) / 2) * 0.85
            xs = np.linspace(-width, width, len(labels) + 2)[1:-1] if len(labels) > 1 else [0.0]
            fig.add_trace(go.Scatter(x=list(xs), y=[(y0 + y1) / 2] * len(labels), mode="text", text=labels,
                                     textfont=dict(size=13, color="#17202A"), hoverinfo="text",
                                     hovertext=[i18n.name(r.definition_en, r.definition_zh, lg) or ""
                                                for r in names.itertuples()]))
    fig.add_annotation(x=9.8, y=waterline + 0.25, text=t("competency.waterline"), showarrow=False, xanchor="right",
                       font=dict(color="#2E86C1"))
    fig.update_layout(height=460, showlegend=False, margin=dict(l=10, r=10, t=10, b=10),
                      xaxis=dict(visible=False, range=[-10, 10]), yaxis=dict(visible=False, range=[bottom - 0.5, top + 0.3]),
                      plot_bgcolor="white")
    return fig


def models_tab(lg: str, shown: bool) -> None:
    typed = holds_edits("cm_items_") or holds_edits("cm_anchors_") or any(
        st.session_state.get(k) for k in ("cm_new_en", "cm_new_zh"))
    if not shown and not typed:
        return  # its choices are kept by page_tabs
    lib = report(reports.library)
    models, items, anchors = lib.models, lib.items, lib.anchors
    names = {r.model_id: i18n.name(r.name_en, r.name_zh, lg) for r in models.itertuples()}
    new = "__new__"
    if (saved := st.session_state.pop("cm_saved_model", None)) in names:
        # A new model just saved opens as itself: saving it again updates it instead of making a second one.
        st.session_state.cm_model = saved
        for key in ("cm_new_en", "cm_new_zh", f"cm_items_{new}"):
            st.session_state.pop(key, None)
    choice = st.selectbox(t("competency.model"), list(names) + [new], key="cm_model",
                          format_func=lambda m, lg=lang(): names.get(m) or i18n.t("competency.new_model", lg))
    if choice == new:
        b, c = st.columns(2)
        model_id = None  # made from its name when saved, as a new item's (hrcore.competency.new_id)
        name_en = b.text_input(t("competency.name_en"), key="cm_new_en")
        name_zh = c.text_input(t("competency.name_zh"), key="cm_new_zh")
        these = pd.DataFrame(columns=items.columns)
    else:
        model_id = choice
        row = models[models["model_id"] == choice].iloc[0]
        name_en, name_zh = row["name_en"], row["name_zh"]
        these = lib.items_of(choice)
        left, right = st.columns([3, 2])
        if shown:
            with left:
                st.subheader(t("competency.iceberg"))
                plotly_chart(st, iceberg_figure(these, lg), width="stretch", key="cm_iceberg")
                st.caption(t("competency.iceberg_help"))
        with right:
            st.subheader(t("competency.anchors"))
            item_names = {r.item_id: i18n.name(r.name_en, r.name_zh, lg) for r in these.itertuples()}
            item = st.selectbox(t("competency.item"), list(item_names), key="cm_anchor_item",
                                format_func=item_names.__getitem__)
            if item and shown:
                info = these.set_index("item_id").loc[item]
                st.markdown(plain(i18n.name(info["definition_en"], info["definition_zh"], lg)))
                if pd.notna(info["critical"]) and info["critical"]:  # items imported without the flag: not critical
                    st.warning(md("competency.critical_note", minimum=f"{info['min_score']:g}"))
                shown = lib.anchors_of(item)
                # st.table renders its cells as Markdown: the anchors are text typed by users.
                st.table(pd.DataFrame({t("competency.band"): shown.index,
                                       t("competency.behaviour"): [plain(i18n.name(e, z, lg)) or "–" for e, z in
                                                                   zip(shown["text_en"], shown["text_zh"])]})
                         .set_index(t("competency.band")))

    st.subheader(t("competency.editor"))
    st.caption(t("competency.editor_help"))
    columns = ["item_id", "name_en", "name_zh", "layer", "kind", "critical", "min_score", "definition_en",
               "definition_zh", "development_en", "development_zh"]
    edited = editor(st,
        these.reindex(columns=columns), num_rows="dynamic", hide_index=True, width="stretch",
        key=f"cm_items_{choice}",
        column_config={
            "item_id": None,  # kept, never shown: a new item's is made from its name when saved
            "name_en": st.column_config.TextColumn(t("competency.name_en")),
            "name_zh": st.column_config.TextColumn(t("competency.name_zh")),
            "layer": st.column_config.SelectboxColumn(t("competency.col.layer"), options=list(competency.LAYERS),
                                                      required=True,
                                                      format_func=lambda x, lg=lg: i18n.t(f"competency.layer.{x}", lg)),
            "kind": st.column_config.SelectboxColumn(t("competency.col.kind"), options=["general", "professional"],
                                                     required=True,
                                                     format_func=lambda x, lg=lg: i18n.t(f"competency.kind.{x}", lg)),
            "critical": st.column_config.CheckboxColumn(t("competency.col.critical")),
            "min_score": st.column_config.NumberColumn(t("competency.col.min_score"), min_value=1, max_value=10,
                                                       step=0.5),
            "definition_en": st.column_config.TextColumn(t("competency.col.definition_en")),
            "definition_zh": st.column_config.TextColumn(t("competency.col.definition_zh")),
            "development_en": st.column_config.TextColumn(t("competency.col.development_en")),
            "development_zh": st.column_config.TextColumn(t("competency.col.development_zh")),
        })
    item_ids = [i for i in edited["item_id"].dropna().tolist() if str(i).strip()]
    typed_names = {i: i18n.name(e, z, lg) or i for i, e, z in zip(edited["item_id"], edited["name_en"], edited["name_zh"])}
    anchor_item = st.selectbox(t("competency.anchor_item"), item_ids, key=f"cm_anchor_edit_{choice}",
                               format_func=lambda i: typed_names.get(i, i)) if item_ids else None
    anchor_frame = lib.anchors_of(anchor_item)
    anchor_edit = editor(st,
        pd.DataFrame({"band": list(competency.BANDS), "text_en": anchor_frame["text_en"].to_numpy(),
                      "text_zh": anchor_frame["text_zh"].to_numpy()}),
        hide_index=True, width="stretch", key=f"cm_anchors_{choice}_{anchor_item}", disabled=["band"],
        column_config={"band": t("competency.band"), "text_en": t("competency.behaviour_en"),
                       "text_zh": t("competency.behaviour_zh")}) if anchor_item else None
    if st.button(t("competency.save_model"), type="primary", key="cm_save"):
        others = anchors[anchors["item_id"] != anchor_item] if anchor_item else anchors
        new_anchors = others
        if anchor_edit is not None:
            new_anchors = pd.concat([others, anchor_edit.assign(item_id=anchor_item)], ignore_index=True)
        try:
            st.session_state.cm_saved_model = competency.save_model(store(), model_id, name_en or None,
                                                                    name_zh or None, edited, new_anchors)
        except (ValueError, PermissionError) as error:
            st.error(md("competency.not_saved", reason=refusal(error, lg)))
        else:
            st.session_state.cm_notice = md("competency.model_saved", model=name_en or name_zh or model_id)
            st.rerun()


def targets_tab(lg: str, info: reports.Basics, shown: bool) -> None:
    if not shown and not holds_edits("cm_t_"):
        return  # its choices are kept by page_tabs
    models = report(reports.library).models
    titles = {r.job_id: i18n.name(r.title_en, r.title_zh, lg) or r.job_id for r in info.jobs.itertuples()}
    a, b, c = st.columns([3, 1, 3])
    job = a.selectbox(t("competency.job"), list(titles), key="cm_t_job", format_func=titles.__getitem__)
    level = b.number_input(t("competency.level"), 1, 10, 1, key="cm_t_level")
    names = {r.model_id: i18n.name(r.name_en, r.name_zh, lg) for r in models.itertuples()}
    model = c.selectbox(t("competency.model"), list(names), key="cm_t_model", format_func=names.get)
    if not job or not model:
        return
    profile = report(reports.target_profile, job, int(level), model)
    frame = pd.DataFrame({"item_id": profile.items["item_id"], "item": i18n.names(profile.items["name_en"],
                                                                                 profile.items["name_zh"], lg),
                          "target": profile.items["target"]})
    st.caption(t("competency.targets_help"))
    edited = editor(st, frame, hide_index=True, disabled=["item_id", "item"], key=f"cm_t_{job}_{level}_{model}",
                            column_config={"item_id": None, "item": t("competency.col.item"),
                                           "target": st.column_config.NumberColumn(t("competency.col.target"),
                                                                                   min_value=1, max_value=10, step=0.5)})
    if st.button(t("competency.save_targets"), key="cm_t_save"):
        try:
            competency.save_targets(store(), job, int(level),
                                    profile.with_changes(dict(zip(edited["item_id"], edited["target"]))))
        except ValueError as error:
            st.error(md("competency.not_saved", reason=refusal(error, lg)))
        else:
            st.session_state.cm_notice = md("competency.targets_saved", job=titles[job], level=int(level))
            st.rerun()


# -- 360 ---------------------------------------------------------------------------------------

def radar_figure(rows: pd.DataFrame, lg: str) -> go.Figure:
    labels = rows["item"].tolist()
    fig = go.Figure()
    for column, colour, dash in (("target", "#7F8C8D", "dash"), ("others", "#1F77B4", "solid"),
                                 ("self", "#FF7F0E", "dot")):
        values = rows[column].astype(float)
        if values.notna().any():
            fig.add_trace(go.Scatterpolar(r=list(values) + [values.iloc[0]], theta=labels + [labels[0]],
                                          name=t(f"competency.series.{column}"), line=dict(color=colour, dash=dash),
                                          fill="toself" if column == "others" else None, opacity=0.9))
    fig.update_layout(polar=dict(radialaxis=dict(range=[0, 10], tickvals=[2, 4, 6, 8, 10]),
                                 angularaxis=dict(tickfont=dict(size=11))), height=440,
                      margin=dict(l=110, r=110, t=30, b=30), legend=dict(orientation="h", y=-0.1))
    return fig


def import_ratings_box(default_period: str) -> None:
    """360 ratings from a file, through the mapping and report every import takes (the Data page's)."""
    with st.expander(t("competency.import")):
        st.caption(t("competency.import_help"))
        period = st.text_input(t("competency.period_for_file"), default_period, key="cm_imp_period")
        upload = st.file_uploader(t("competency.ratings_file"), type=["csv", "xlsx"], key="cm_imp_file")
        if upload is None:
            return
        if (read := uploaded(upload, "ratings_360")) is None:
            return
        raw, key = read
        left, right = st.columns(2)
        with left:
            mapping = quick_mapping("ratings_360", list(raw.frame.columns), key)
        with right:
            mapping = repeats_choice("ratings_360", mapping, key)
        mapping = date_order_choice(mapping, key)
        plan = remembered_plan(plan_key(key, period, mapping),
                               lambda: competency.plan_ratings(store(), raw.frame, period, mapping))
        if plan is None:
            return
        ask_date_order(plan, key)
        if not show_report(plan, upload.name):
            if plan.ok:
                st.info(t("competency.import_empty"))
            return
        if st.button(t("competency.import_now"), type="primary", key="cm_imp_go"):
            counts = competency.write_ratings(store(), plan)
            st.session_state.quick_import_plan = None
            st.session_state.cm_notice = md("competency.imported", added=counts.inserted, updated=counts.updated)
            st.session_state.cm_period = plan.rows["period"].iloc[0]
            st.rerun()


def enter_ratings_box(default_period: str, on, lg: str) -> None:
    lib = report(reports.library)
    with st.expander(t("competency.enter")):
        a, b, c, d = st.columns(4)
        period = a.text_input(t("competency.period"), default_period, key="cm_in_period").strip()
        ratee = person_field(b, "cm_in_ratee", "competency.ratee", lg)
        rater = person_field(c, "cm_in_rater", "competency.rater", lg)
        group = d.selectbox(t("competency.rater_group"), list(competency.GROUPS), key="cm_in_group",
                            format_func=lambda g, lg=lg: i18n.t(f"competency.group.{g}", lg))
        names = {r.model_id: i18n.name(r.name_en, r.name_zh, lg) for r in lib.models.itertuples()}
        model = st.selectbox(t("competency.model"), list(names), key="cm_in_model", format_func=names.get)
        these = lib.items_of(model)
        sheet = editor(st,
            pd.DataFrame({"item_id": these["item_id"], "item": i18n.names(these["name_en"], these["name_zh"], lg),
                          "score": np.nan}),
            hide_index=True, disabled=["item_id", "item"], key=f"cm_in_sheet_{model}",
            column_config={"item_id": None, "item": t("competency.col.item"),
                           "score": st.column_config.NumberColumn(t("competency.c.score"), min_value=1, max_value=10,
                                                                  step=1)})
        if st.button(t("competency.save_ratings"), key="cm_in_save"):
            filled = sheet.dropna(subset=["score"])
            frame = pd.DataFrame({"period": period or None, "ratee_id": ratee or None, "rater_id": rater or None,
                                  "rater_group": group, "item_id": filled["item_id"], "score": filled["score"],
                                  "rated_on": on})
            problems = competency.save_ratings(store(), frame) if len(frame) else None
            if problems is None:
                st.error(t("competency.no_scores"))
            elif len(problems):
                reasons = problem_reasons(problems, lg)
                st.error(md("competency.not_saved", reason=("；" if lg == "zh" else "; ").join(reasons)))
            else:
                st.session_state.cm_notice = md("competency.ratings_saved", n=len(frame))
                st.session_state.cm_period = period
                st.rerun()


def settings_box(settings: dict) -> None:
    with st.expander(t("competency.settings")):
        st.caption(t("competency.weights_help"))
        cols = st.columns(4)
        weights = {g: cols[i].number_input(t(f"competency.group.{g}"), 0, 100,
                                           int(round(settings["weights"][g] * 100)), 5, key=f"cm_w_{g}")
                   for i, g in enumerate(competency.OTHER_GROUPS)}
        a, b = st.columns(2)
        gap = a.number_input(t("competency.blind_gap"), 0.5, 5.0, float(settings["blind_spot_gap"]), 0.5,
                             key="cm_gap", help=t("competency.blind_gap_help"))
        total = b.number_input(t("competency.pass_total"), 1.0, 10.0, float(settings["pass_total"]), 0.5,
                               key="cm_total", help=t("competency.pass_total_help"))
        if st.button(t("competency.save_settings"), key="cm_save_settings"):
            try:
                competency.save_settings(store(), {**settings, "weights": {g: w / 100 for g, w in weights.items()},
                                                   "blind_spot_gap": gap, "pass_total": total})
            except ValueError as error:
                st.error(md("competency.not_saved", reason=refusal(error, lang())))
            else:
                st.session_state.cm_notice = t("competency.settings_saved")
                st.rerun()


def review_tab(lg: str, info: reports.Basics, shown: bool) -> None:
    periods = list(info.periods)
    default_period = periods[0] if periods else str(info.as_of.year)
    import_ratings_box(default_period)
    enter_ratings_box(default_period, info.record_date, lg)
    settings_box(info.settings)
    if not periods:
        bring("competency.no_ratings", ["ratings_360"], "cm_bring")
        return
    if not access.sees_raters(current_user()):
        st.caption(t("competency.raters_hidden"))  # why single ratings are nowhere, not even in an export
    a, b = st.columns(2)
    if st.session_state.get("cm_period") not in periods:
        st.session_state.cm_period = periods[0]
    period = a.selectbox(t("competency.period"), periods, key="cm_period")
    names = {r.model_id: i18n.name(r.name_en, r.name_zh, lg) for r in report(reports.library).models.itertuples()}
    model = b.selectbox(t("competency.model"), report(reports.rated_models, period), key="cm_r_model",
                        format_func=lambda m: names.get(m, m))
    if not shown:
        return
    review = report(reports.review_360, period, model, shared=True)
    people = review.people.assign(name=people_names(review.people, lg, "ratee_id").to_numpy())
    item_names = dict(zip(review.items["item_id"], i18n.names(review.items["name_en"], review.items["name_zh"], lg)))

    m = st.columns(4)
    m[0].metric(t("competency.reviewed"), i18n.number(review.reviewed, lg))
    m[1].metric(t("competency.passed"), "–" if review.pass_share is None else i18n.percent(review.pass_share, lg))
    m[2].metric(t("competency.knocked_out"), i18n.number(review.knocked_out, lg))
    m[3].metric(t("competency.avg_gap"), "–" if review.average_gap is None else f"{review.average_gap:+.1f}")

    person_tab, team_tab, list_tab, raters_tab = st.tabs([t("competency.tab.person"), t("competency.tab.team"),
                                                          t("competency.tab.list"), t("competency.tab.raters")])
    with person_tab:
        labels = person_labels(people["ratee_id"], people["name"])
        who = st.selectbox(t("competency.person"), list(labels), key="cm_person", format_func=labels.__getitem__)
        if who:
            raters = review.guidance.set_index("ratee_id").loc[who]
            if raters["short"]:
                st.warning(t("competency.short_person", n=int(raters["raters"])))
            if hidden := why_hidden(raters, lg):
                st.caption(plain(hidden))
            person_view(review, people.set_index("ratee_id").loc[who], who, item_names, lg)
    with team_tab:
        team_view(review, people, item_names, info, lg)
    with list_tab:
        table = people[["name", "result", "others", "self", "target", "gap", "knock_outs", "blind_spots",
                        "hidden_strengths", "raters"]].head(reports.MAX_LISTED)
        table = table.assign(result=table["result"].map(lambda r: t(f"competency.result_short.{r}")))
        downloadable(st, table.rename(columns={c: t(f"competency.col.{c}") for c in table.columns}),
                         hide_index=True, width="stretch",
                         column_config={t(f"competency.col.{c}"): st.column_config.NumberColumn(format="%.1f")
                                        for c in ("others", "self", "target", "gap")},
                         key="cm_results", file_name="360-results", recorded_as="ratings_360")
        if len(people) > reports.MAX_LISTED:
            st.caption(md("competency.first_n", n=reports.MAX_LISTED, total=len(people)))
    with raters_tab:
        raters_view(review, people, lg)


def raters_view(review: reports.Review360, people: pd.DataFrame, lg: str) -> None:
    """Each reviewee's raters by group against the 7-8 asked for, the short ones first, and why groups are hidden."""
    st.caption(t("competency.raters_help"))
    guidance = review.guidance
    if review.short_of_raters:
        st.warning(t("competency.short_n", n=i18n.number(review.short_of_raters, lg),
                     total=i18n.number(len(guidance), lg)))
    else:
        st.success(t("competency.short_none"))
    rows = guidance.head(reports.MAX_LISTED)
    table = pd.DataFrame({t("competency.col.name"): rows["ratee_id"].map(people.set_index("ratee_id")["name"])})
    for g in competency.OTHER_GROUPS:
        table[t(f"competency.group.{g}")] = rows[f"n_{g}"]
    table[t("competency.col.raters_all")] = rows["raters"]
    table[t("competency.col.enough")] = ~rows["short"]
    table[t("competency.col.self_rated")] = rows["self_rated"]
    table[t("competency.col.why_hidden")] = [why_hidden(r, lg) for _, r in rows.iterrows()]
    downloadable(st, table, hide_index=True, width="stretch",
                     column_config={t("competency.col.why_hidden"): st.column_config.TextColumn(width="large")},
                     key="cm_raters", file_name="360-raters", recorded_as="ratings_360")
    st.caption(t("competency.anonymity_note"))
    if len(guidance) > reports.MAX_LISTED:
        st.caption(md("competency.first_n", n=reports.MAX_LISTED, total=len(guidance)))


def group_figure(value: float, shown: str, n: int) -> str:
    """A group's score, or why it is missing: nobody in the group, or hidden to keep answers anonymous."""
    return {"shown": f"{value:.1f}", "none": "–", "few": t("competency.hidden", n=n)}.get(
        shown, t("competency.hidden_shield"))


def person_view(review: reports.Review360, person, who: str, item_names: dict, lg: str) -> None:
    found = review.person(who, lg)
    rows = found.items.assign(item=found.items["item_id"].map(item_names))
    if person["result"] == "knock_out":
        st.error(md("competency.knock_out_note", items=", ".join(map(item_names.get, found.knocked_out))))
    elif person["result"] == "too_few_raters":
        st.warning(t("competency.result.too_few_raters"))
    else:
        st.info(t(f"competency.result.{person['result']}"))
    left, right = st.columns([1, 1])
    with left:
        plotly_chart(st, radar_figure(rows, lg), width="stretch", key="cm_radar")
    with right:
        st.markdown(f"**{t('competency.report.actions')}**")
        if found.actions.empty:
            st.caption(t("competency.report.no_actions"))
        for a in found.actions.itertuples():
            st.markdown(f"- **{plain(a.item)}** ({a.gap:+.1f}): {plain(a.action or '–')}")
        for finding, items in (("blind_spot", found.blind_spots), ("hidden_strength", found.hidden_strengths)):
            st.markdown(f"**{t(f'competency.finding.{finding}')}**: "
                        f"{plain(', '.join(map(item_names.get, items)) or '–')}")
        feedback = competency.feedback_report(
            {"name": person["name"], "job": i18n.name(person.get("title_en"), person.get("title_zh"), lg),
             "period": review.period, "result": person["result"], "others": person["others"], "gap": person["gap"]},
            rows, found.actions, lg)
        file_name = f"360_{who}_{review.period}.html"
        db = store()
        st.download_button(t("competency.download_report"), still_allowed(lambda: downloads.file(
            feedback, "text", store=db, table="ratings_360", name=file_name)), file_name, "text/html", key="cm_report")
    table = rows[["item", "target", "others", "self"]].copy()
    for g in competency.OTHER_GROUPS:
        table[g] = [group_figure(v, s, n) for v, s, n in zip(rows[g], rows[f"shown_{g}"], rows[f"n_{g}"])]
    table["gap"] = rows["gap"]
    table["finding"] = [(t(f"competency.finding.{f}") if f else "") + (" · " + t("competency.finding.knock_out")
                                                                       if k else "")
                        for f, k in zip(rows["finding"], rows["knocked_out"])]
    labels = {c: t(f"competency.col.{c}") for c in ("item", "target", "others", "self", "gap", "finding")}
    labels.update({g: t(f"competency.group.{g}") for g in competency.OTHER_GROUPS})
    downloadable(st, table.rename(columns=labels), hide_index=True, width="stretch",
                     column_config={labels[c]: st.column_config.NumberColumn(format="%.1f")
                                    for c in ("target", "others", "self", "gap")},
                     key="cm_person_table", file_name="360-person", recorded_as="ratings_360")
    st.caption(t("competency.anonymity_note"))


def team_view(review: reports.Review360, people: pd.DataFrame, item_names: dict, info: reports.Basics,
              lg: str) -> None:
    depts = {r.department_id: i18n.name(r.name_en, r.name_zh, lg) or r.department_id
             for r in info.departments.itertuples()}
    present = sorted(review.departments, key=lambda d: depts.get(d, d))
    if not present:
        return
    dept = st.selectbox(t("overview.department"), present, key="cm_team_dept", format_func=lambda d: depts.get(d, d))
    grid = review.team(dept)
    names = people.set_index("ratee_id")["name"]
    fig = go.Figure(go.Heatmap(z=grid.to_numpy(), x=[names.get(c, c) for c in grid.columns],
                               y=[item_names.get(i, i) for i in grid.index], zmin=1, zmax=10,
                               colorscale="RdYlGn", texttemplate="%{z:.1f}", colorbar=dict(title="1-10")))
    fig.update_layout(height=max(320, 40 * len(grid) + 120), margin=dict(l=10, r=10, t=10, b=10))
    plotly_chart(st, fig, width="stretch", key="cm_heat")
    st.caption(t("competency.heat_help"))


# -- qualifications ----------------------------------------------------------------------------

def qualification_tab(lg: str, info: reports.Basics, shown: bool) -> None:
    summary = report(reports.qualification, info.as_of, shared=True)
    titles = {r.job_id: i18n.name(r.title_en, r.title_zh, lg) or r.job_id for r in info.jobs.itertuples()}
    if shown:
        qualification_overview(summary, lg)
    st.subheader(t("competency.q.people"))
    a, b = st.columns(2)
    show = a.radio(t("competency.q.show"), list(reports.QUALIFICATION_SHOWS), horizontal=True, key="cm_q_show",
                   format_func=lambda s, lg=lg: i18n.t(f"competency.q.show.{s}", lg))
    job_filter = b.multiselect(t("competency.job"), summary.jobs, key="cm_q_jobs",
                               format_func=lambda j: titles.get(j, j), placeholder=t("filter.any"))
    if shown:
        qualification_list(summary, show, job_filter, titles, lg)
    standards(titles, lg, shown)


def qualification_overview(summary: reports.Qualification, lg: str) -> None:
    """How many jobs have a standard, who meets their own job's and the next one's, by department."""
    m = st.columns(3)
    m[0].metric(t("competency.q.with_standard"), i18n.number(summary.with_standard, lg))
    m[1].metric(t("competency.q.meets_own"), "–" if summary.meets_own is None else i18n.percent(summary.meets_own, lg))
    m[2].metric(t("competency.q.meets_next"),
                "–" if summary.meets_next is None else i18n.percent(summary.meets_next, lg))
    st.caption(t("competency.q.help"))
    by_dept = summary.by_department
    table = pd.DataFrame({"department": i18n.names(by_dept["name_en"], by_dept["name_zh"], lg,
                                                   fallback=by_dept["department_id"]),
                          "people": by_dept["people"], "own": by_dept["own"] * 100, "next": by_dept["next"] * 100})
    downloadable(st, table, hide_index=True, width="stretch", height=min(36 * (len(table) + 1) + 2, 420),
                     column_config={"department": t("overview.department"), "people": t("competency.q.people_n"),
                                    "own": st.column_config.ProgressColumn(t("competency.q.own"), format="%.0f%%",
                                                                           min_value=0, max_value=100),
                                    "next": st.column_config.ProgressColumn(t("competency.q.next"), format="%.0f%%",
                                                                            min_value=0, max_value=100)},
                     key="cm_qualification_departments", file_name="qualification-by-department", recorded_as=None)


def qualification_list(summary: reports.Qualification, show: str, job_filter: list, titles: dict, lg: str) -> None:
    """The people the filter asks for, with the conditions of their job and the next that they do not meet."""
    rows, total = summary.listed(show, tuple(job_filter))
    conditions = {c: t(f"competency.cond.{c}") for c in competency.CONDITIONS}
    unmet = lambda s: ", ".join(conditions[c] for c in s.split(",") if c)  # noqa: E731
    table = pd.DataFrame({
        t("competency.col.name"): people_names(rows, lg),
        t("competency.job"): rows["job_id"].map(titles).to_numpy(),
        t("competency.q.own"): rows["own_meets"].astype(bool).to_numpy(),
        t("competency.q.own_unmet"): rows["own_unmet"].map(unmet).to_numpy(),
        t("competency.q.next_job"): rows["next_job_id"].map(titles).fillna("–").to_numpy(),
        t("competency.q.next"): rows["next_meets"].to_numpy(),
        t("competency.q.next_unmet"): rows["next_unmet"].fillna("").map(unmet).to_numpy(),
    })
    downloadable(st, table, hide_index=True, width="stretch",
                     key="cm_qualification_list", file_name="qualification-list", recorded_as="employees")
    st.caption(md("competency.first_n", n=len(table), total=total))


def standards(titles: dict, lg: str, shown: bool) -> None:
    """A job's basic conditions by level (editable) and its hiring profile."""
    st.subheader(t("competency.q.standards"))
    if not titles:  # employees imported without their jobs: nothing to set a standard for yet
        st.info(t("competency.q.no_jobs"), icon=":material/work:")
        return
    job = st.selectbox(t("competency.job"), list(titles), key="cm_q_job", format_func=titles.__getitem__)
    standard = report(reports.job_standard, job)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('competency.q.conditions')}**")
        if shown:
            conditions = standard.levels[["level", "education_min", "major", "years_experience", "years_in_job",
                                          "certification_level"]].copy()
            conditions["education_min"] = conditions["education_min"].map(
                lambda e: i18n.code_label("education", e, lg))
            conditions = conditions.astype(object).where(conditions.notna(), "–")
            downloadable(st, conditions.rename(columns={c: t(f"competency.req.{c}") for c in conditions.columns}),
                             hide_index=True, width="stretch",
                             key="cm_standards", file_name="qualification-standards", recorded_as=None)
            for r in standard.levels.itertuples():
                for part in ("knowledge", "skill", "behaviour"):
                    text = i18n.name(getattr(r, f"{part}_en"), getattr(r, f"{part}_zh"), lg)
                    if text:
                        st.markdown(f"- {t('competency.level')} {r.level} · **{t(f'competency.profile.{part}')}** "
                                    f"{plain(text)}")
        if standard.levels.empty:
            st.caption(t("competency.q.no_standard"))
        with st.expander(t("competency.q.edit")):
            edited = editor(st,
                standard.levels.reindex(columns=competency.STANDARD_COLUMNS), num_rows="dynamic", hide_index=True,
                key=f"cm_q_edit_{job}", width="stretch",
                column_config={
                    "level": st.column_config.NumberColumn(t("competency.req.level"), min_value=1, max_value=10,
                                                           step=1, required=True),
                    "education_min": st.column_config.SelectboxColumn(
                        t("competency.req.education_min"), options=list(competency.EDUCATION),
                        format_func=lambda e, lg=lg: i18n.code_label("education", e, lg)),
                    "major": t("competency.req.major"),
                    "years_experience": st.column_config.NumberColumn(t("competency.req.years_experience"),
                                                                      min_value=0.0, step=0.5),
                    "years_in_job": st.column_config.NumberColumn(t("competency.req.years_in_job"), min_value=0.0,
                                                                  step=0.5),
                    "certification_level": st.column_config.NumberColumn(t("competency.req.certification_level"),
                                                                         min_value=1, max_value=10, step=1),
                    **{column: t(f"competency.req.{column}") for column in competency.STANDARD_COLUMNS[6:]},
                })
            if st.button(t("competency.q.save"), key="cm_q_save"):
                try:
                    competency.save_standards(store(), job, edited)
                except ValueError as error:
                    st.error(md("competency.not_saved", reason=refusal(error, lg)))
                else:
                    st.session_state.cm_notice = md("competency.q.saved", job=titles[job])
                    st.rerun()
    if not shown:
        return
    with right:
        st.markdown(f"**{t('competency.q.hiring_profile')}**")
        st.code(competency.hiring_profile(standard.job, standard.first_level, standard.targets, lg), language=None,
                wrap_lines=True)
        st.caption(t("competency.q.copy_hint"))


# -- certification -----------------------------------------------------------------------------

def certification_tab(lg: str, info: reports.Basics, shown: bool) -> None:
    data = report(reports.certification, info.as_of, shared=True)
    if data.levels.empty:
        st.info(t("competency.c.none"))
        return
    level_names = {(r.track_id, r.level): i18n.name(r.name_en, r.name_zh, lg) or t("competency.c.level_n", n=r.level)
                   for r in data.levels.itertuples()}
    if shown:
        certification_overview(data, level_names, info, lg)
    candidates_box(data, level_names, lg, shown)
    order_box(data, info, lg)
    pass_mark_box(data, level_names, info.settings, lg, shown)
    if shown:
        courses_box(data, level_names, lg)
    appeals_box(data, level_names, info, lg, shown)


def candidates_box(data: reports.Certification, level_names: dict, lg: str, shown: bool) -> None:
    """Per candidate, which step comes next: eligibility, training, course exams, ability test, review."""
    st.subheader(t("competency.c.candidates_title"))
    st.caption(t("competency.c.candidates_help"))
    steps = data.steps
    columns = st.columns(len(steps))
    for column, (step, n) in zip(columns, steps.items()):
        column.metric(t(f"competency.next.{step}"), i18n.number(int(n), lg))
    choices = [s for s in steps.index if steps[s] > 0]
    if not choices:
        st.caption(t("competency.c.no_candidates"))
        return
    step = st.selectbox(t("competency.c.next_step"), choices, key="cm_next_step",
                        format_func=lambda s, lg=lg: i18n.t(f"competency.next.{s}", lg))
    if not shown:
        return
    rows = data.candidates.get(step, pd.DataFrame(columns=["employee_id", "name_en", "name_zh", "track_id",
                                                           "seeking", "next_step"]))
    downloadable(st, pd.DataFrame({
        t("competency.col.name"): people_names(rows, lg),
        t("competency.c.seeking"): [level_names.get((a, b), b) for a, b in zip(rows["track_id"], rows["seeking"])],
        t("competency.c.next_step"): [t(f"competency.next.{s}") for s in rows["next_step"]],
    }), hide_index=True, width="stretch", height=240,
        key="cm_candidates", file_name="certification-candidates", recorded_as="certifications")
    st.caption(md("competency.first_n", n=len(rows), total=int(steps[step])))


def track_labels(levels: pd.DataFrame, lg: str) -> dict:
    """Each certification track, named by its levels' names: what an appeal, a review or a training is for."""
    return {track: " / ".join(i18n.name(e, z, lg) or t("competency.c.level_n", n=n) for e, z, n in
                              zip(part["name_en"], part["name_zh"], part["level"]))
            for track, part in levels.groupby("track_id", sort=True)}


def candidate_fields(prefix: str, tracks: dict, lg: str) -> tuple[str, str, int]:
    """The candidate, track and level a review or a training record is for."""
    who = person_field(st, f"{prefix}_who", "competency.candidate", lg)
    track = st.selectbox(t("competency.c.track"), list(tracks), key=f"{prefix}_track", format_func=tracks.__getitem__)
    level = int(st.number_input(t("competency.c.level"), 1, 10, 1, key=f"{prefix}_level"))
    return who, track, level


def order_box(data: reports.Certification, info: reports.Basics, lg: str) -> None:
    """Record an eligibility review (the outcome computed against the post's standard) and a training record."""
    tracks = track_labels(data.levels, lg)
    on = info.record_date
    a, b = st.columns(2)
    with a.container(border=True):
        st.markdown(f"**{t('competency.c.eligibility')}**")
        st.caption(t("competency.c.eligibility_help"))
        who, track, level = candidate_fields("cm_el", tracks, lg)
        first = st.checkbox(t("competency.c.first_batch"), key="cm_el_first", help=t("competency.c.first_batch_help"))
        outcome = None
        if who:
            try:
                found = competency.assess_eligibility(store(), who, track, level, on, first)
            except ValueError as error:
                st.warning(plain(refusal(error, lg)))
                found = None
            if found is not None and found.standard:
                conditions = ("、" if lg == "zh" else ", ").join(t(f"competency.cond.{c}") for c in found.unmet)
                (st.success if found.meets else st.warning)(
                    md("competency.c.meets" if found.meets else "competency.c.does_not_meet",
                       job=found.job_id, unmet=conditions))
            elif found is not None:
                st.info(md("competency.c.no_standard", job=found.job_id))
            if found is not None:
                # Pre-filled from the standard, per candidate and level; another outcome needs a note.
                outcome = st.radio(t("competency.c.outcome_choice"), list(competency.ELIGIBILITY_OUTCOMES),
                                   index=0 if found.meets is not False else 1, horizontal=True,
                                   key=f"cm_el_outcome_{who}_{track}_{level}_{first}",
                                   format_func=lambda o, lg=lg: i18n.t(f"competency.eligibility.{o}", lg))
        note = st.text_input(t("competency.c.note"), key="cm_el_note", help=t("competency.c.review_note_help"))
        if st.button(t("competency.c.record_review"), key="cm_el_save", disabled=not who):
            try:
                review = competency.review_eligibility(store(), who, track, level, actor(), on, outcome,
                                                       note or None, first_batch=first)
            except ValueError as error:
                st.error(md("competency.not_saved", reason=refusal(error, lg)))
            else:
                st.session_state.cm_notice = md("competency.c.review_saved", review=review)
                st.rerun()
    with b.container(border=True):
        st.markdown(f"**{t('competency.c.training')}**")
        st.caption(t("competency.c.training_help"))
        who, track, level = candidate_fields("cm_tr", tracks, lg)
        offered = data.courses[(data.courses["track_id"] == track) & (data.courses["from_level"] <= level)]
        names = {"": t("competency.c.whole_level")} | {
            r.course_id: i18n.name(r.name_en, r.name_zh, lg) or r.course_id for r in offered.itertuples()}
        course = st.selectbox(t("competency.c.course"), list(names), key="cm_tr_course", format_func=names.__getitem__)
        mode = st.radio(t("competency.c.mode"), list(competency.TRAINING_MODES), horizontal=True, key="cm_tr_mode",
                        format_func=lambda m, lg=lg: i18n.t(f"competency.mode.{m}", lg))
        c1, c2 = st.columns(2)
        started = c1.date_input(t("competency.c.started"), on, key="cm_tr_start")
        ended = c2.date_input(t("competency.c.ended"), on, key="cm_tr_end")
        if st.button(t("competency.c.record_training"), key="cm_tr_save", disabled=not who):
            try:
                training = competency.record_training(store(), who, track, level, course or None, mode, started, ended)
            except ValueError as error:
                st.error(md("competency.not_saved", reason=refusal(error, lg)))
            else:
                st.session_state.cm_notice = md("competency.c.training_saved", training=training)
                st.rerun()


def held_label(level: int) -> str:
    return t("competency.c.no_certificate") if level == 0 else t("competency.c.level_n", n=int(level))


def certification_overview(data: reports.Certification, level_names: dict, info: reports.Basics, lg: str) -> None:
    """Who holds the level their job asks for, the pipeline of sittings, and who is overdue."""
    m = st.columns(4)
    m[0].metric(t("competency.c.in_jobs"), i18n.number(data.in_certified_jobs, lg))
    m[1].metric(t("competency.c.coverage"), "–" if data.coverage is None else i18n.percent(data.coverage, lg, 0))
    m[2].metric(t("competency.c.overdue"), i18n.number(data.overdue_count, lg))
    m[3].metric(t("competency.c.pending_appeals"), i18n.number(data.pending_appeals, lg))

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('competency.c.who_holds')}**")
        held = data.held
        shades = ["#B3B6B7", "#A9DFBF", "#52BE80", "#1E8449", "#145A32"]
        fig = go.Figure()
        for h in sorted(held["held_level"].unique()):
            part = held[held["held_level"] == h]
            fig.add_trace(go.Bar(x=[held_label(r) for r in part["required"]], y=part["people"], name=held_label(h),
                                 marker_color=shades[min(int(h), len(shades) - 1)]))
        fig.update_layout(barmode="stack", height=340, margin=dict(l=10, r=10, t=10, b=10),
                          xaxis_title=t("competency.c.job_requires"), legend=dict(title=t("competency.c.held")))
        plotly_chart(st, fig, width="stretch", key="cm_c_held")
    with right:
        st.markdown(f"**{t('competency.c.pipeline')}**")
        fig = go.Figure(go.Bar(x=[t(f"competency.stage.{s}") for s in data.stages.index], y=data.stages.to_numpy()))
        fig.update_layout(height=340, margin=dict(l=10, r=10, t=10, b=10))
        plotly_chart(st, fig, width="stretch", key="cm_c_stage")

    with st.expander(t("competency.c.probation")):
        months = st.number_input(t("competency.c.probation_months"), 0, 24, data.probation_months, 1,
                                 key="cm_probation", help=t("competency.c.probation_help"))
        if st.button(t("competency.save_settings"), key="cm_save_probation"):
            try:
                competency.save_settings(store(), {**info.settings, "probation_months": months})
            except ValueError as error:
                st.error(md("competency.not_saved", reason=refusal(error, lg)))
            else:
                st.session_state.cm_notice = t("competency.settings_saved")
                st.rerun()
    overdue = data.overdue
    title = md("competency.c.overdue_list", probation=data.probation_months, after=competency.AFTER_PROBATION_MONTHS)
    st.markdown(f"**{title}**")
    downloadable(st, pd.DataFrame({
        t("competency.col.name"): people_names(overdue, lg),
        t("competency.c.job_requires"): [level_names.get((a, b), b) for a, b in zip(overdue["track_id"],
                                                                                    overdue["required"])],
        t("competency.c.held"): [held_label(h) for h in overdue["held_level"]],
        t("competency.c.hired"): [i18n.day(d, lg) for d in overdue["hire_date"]],
        t("competency.c.due"): [i18n.day(d, lg) for d in overdue["due"]],
    }), hide_index=True, width="stretch",
        key="cm_overdue", file_name="certification-overdue", recorded_as="certifications")
    if data.overdue_count > len(overdue):
        st.caption(md("competency.first_n", n=len(overdue), total=data.overdue_count))


def pass_mark_box(data: reports.Certification, level_names: dict, settings: dict, lg: str, shown: bool) -> None:
    st.subheader(t("competency.c.pass_mark"))
    st.caption(t("competency.c.pass_mark_help"))
    sittings = data.sittings
    if sittings.empty:
        st.info(t("competency.c.no_sittings"))
        return
    courses = {r.course_id: i18n.name(r.name_en, r.name_zh, lg) for r in data.courses.itertuples()}
    labels = {r.Index: t("competency.c.sitting_label", day=i18n.day(r.exam_date, lg),
                          level=level_names.get((r.track_id, r.level), r.level),
                          course=courses.get(r.course) or r.course, n=i18n.number(r.candidates, lg))
              for r in sittings.itertuples()}
    a, b = st.columns([3, 2])
    pick = a.selectbox(t("competency.c.sitting"), list(labels), index=list(labels).index(data.opening_sitting),
                       key="cm_sitting", format_func=labels.__getitem__)
    # The slider's own range: a saved rate outside it (a tiny one, set through the library) starts at its end.
    start = min(100, max(5, int(round(float(settings["pass_rate"]) * 100))))
    rate = b.slider(t("competency.c.pass_rate"), 5, 100, start, 5, format="%d%%", key="cm_rate")
    if not shown:
        return
    try:
        marked = data.sitting(pick, rate / 100)
    except ValueError as error:
        st.error(md("competency.c.no_mark", reason=refusal(error, lg)))
        return
    m = st.columns(4)
    m[0].metric(t("competency.c.candidates"), i18n.number(marked.candidates, lg))
    m[1].metric(t("competency.c.mark"), f"{marked.mark:g}")
    m[2].metric(t("competency.c.passing"),
                f"{i18n.number(marked.passed, lg)} ({i18n.percent(marked.passed / marked.candidates, lg)})")
    m[3].metric(t("competency.c.mark_on_file"), "–" if marked.mark_on_file is None else f"{marked.mark_on_file:g}")
    table = marked.scores
    downloadable(st, pd.DataFrame({t("competency.col.name"): people_names(table, lg),
                                   t("competency.c.score"): table["score"].to_numpy(),
                                   t("competency.c.passes"): table["passes"].to_numpy()}),
                     hide_index=True, width="stretch", height=min(36 * (len(table) + 1) + 2, 320),
                     key="cm_pass_marks", file_name="certification-marks", recorded_as="certifications")
    if st.button(t("competency.c.apply"), key="cm_apply"):
        sitting = data.sittings.loc[pick]
        try:
            mark, n_pass, n = competency.apply_pass_rate(store(), sitting["track_id"], int(sitting["level"]),
                                                         sitting["course"], sitting["exam_date"], rate / 100)
        except ValueError as error:
            st.error(md("competency.not_saved", reason=refusal(error, lg)))
            return
        st.session_state.cm_notice = md("competency.c.applied", mark=f"{mark:g}", passed=n_pass, n=n)
        st.rerun()


def courses_box(data: reports.Certification, level_names: dict, lg: str) -> None:
    with st.expander(t("competency.c.courses")):
        downloadable(st, pd.DataFrame([
            {t("competency.c.level"): level_names[(track, level)], t("competency.c.n_courses"): len(need),
             t("competency.c.course_list"): ", ".join(i18n.names(need["name_en"], need["name_zh"], lg,
                                                                 fallback=need["course_id"]))}
            for track, level, need in data.courses_by_level()]), hide_index=True, width="stretch",
            key="cm_courses", file_name="certification-courses", recorded_as=None)
        st.caption(t("competency.c.rules"))


def appeals_box(data: reports.Certification, level_names: dict, info: reports.Basics, lg: str, shown: bool) -> None:
    st.subheader(t("competency.c.appeals"))
    appeals = data.appeals
    if len(appeals) and shown:
        downloadable(st, pd.DataFrame({
            t("competency.c.appeal_id"): appeals["appeal_id"],
            t("competency.col.name"): people_names(appeals, lg),
            t("competency.c.level"): [level_names.get((a, b), b) for a, b in zip(appeals["track_id"], appeals["level"])],
            t("competency.c.filed"): [i18n.day(d, lg) for d in appeals["filed_on"]],
            t("competency.c.reason"): appeals["reason"],
            t("competency.c.outcome"): [t(f"competency.outcome.{o}") for o in appeals["outcome"]],
            t("competency.c.decided"): ["" if pd.isna(d) else i18n.day(d, lg) for d in appeals["decided_on"]],
        }), hide_index=True, width="stretch", height=240,
            key="cm_appeals", file_name="certification-appeals", recorded_as="cert_appeals")
    a, b = st.columns(2)
    filing = a.container(border=True)
    filing.markdown(f"**{t('competency.c.new_appeal')}**")
    who = person_field(filing, "cm_ap_who", "competency.candidate", lg)  # outside the form: a search answers at once
    with filing.form("cm_appeal_new", clear_on_submit=True, border=False):
        tracks = track_labels(data.levels, lg)
        track = st.selectbox(t("competency.c.track"), list(tracks), key="cm_ap_track", format_func=tracks.__getitem__)
        level = st.number_input(t("competency.c.level"), 1, 10, 1, key="cm_ap_level")
        reason = st.text_area(t("competency.c.reason"), key="cm_ap_reason")
        if st.form_submit_button(t("competency.c.file")):
            try:
                appeal = competency.file_appeal(store(), who, track, int(level), reason, info.record_date)
            except ValueError as error:
                st.error(md("competency.not_saved", reason=refusal(error, lg)))
            else:
                st.session_state.cm_notice = md("competency.c.filed_note", appeal=appeal)
                st.rerun()
    pending = appeals[appeals["outcome"] == "pending"]
    with b.container(border=True):
        st.markdown(f"**{t('competency.c.decide')}**")
        if pending.empty:
            st.caption(t("competency.c.none_pending"))
            return
        labels = dict(zip(pending["appeal_id"], pending["appeal_id"] + " · " + people_names(pending, lg).to_numpy()))
        appeal = st.selectbox(t("competency.c.appeal_id"), list(labels), key="cm_decide_id",
                              format_func=labels.__getitem__)
        outcome = st.radio(t("competency.c.outcome"), ["upheld", "rejected"], horizontal=True, key="cm_decide_outcome",
                           format_func=lambda o, lg=lg: i18n.t(f"competency.outcome.{o}", lg))
        note = st.text_input(t("competency.c.note"), key="cm_decide_note")
        # The button is the chosen appeal's: a click on an appeal someone else decided meanwhile (gone from the
        # list, so the picker moved on to another) decides nothing, instead of the appeal now shown.
        if st.button(t("competency.c.record_decision"), key=f"cm_decide_{appeal}"):
            try:  # someone else may have decided it since this list was read
                competency.decide_appeal(store(), appeal, outcome, actor(), info.record_date, note or None)
            except (ValueError, PermissionError) as error:
                st.error(md("competency.not_saved", reason=refusal(error, lg)))
                return
            st.session_state.cm_notice = md("competency.c.decided_note", appeal=appeal)
            st.rerun()


# -- page --------------------------------------------------------------------------------------

lg = lang()
page_header("page.competency", "competency.intro", "cm_notice")
info = report(reports.basics)
headline_strip(info.as_of, lg)
tabs = page_tabs("cm_tab", ["competency.tab.models", "competency.tab.targets", "competency.tab.review",
                           "competency.tab.qualification", "competency.tab.certification"],
                 keep=("cm_model", "cm_anchor_item", "cm_new_en", "cm_new_zh", "cm_t_job", "cm_t_level",
                       "cm_t_model", *[k for k in st.session_state if str(k).startswith("cm_anchor_edit_")]))
with tabs[0]:
    models_tab(lg, tabs[0].open)
with tabs[1]:
    targets_tab(lg, info, tabs[1].open)
with tabs[2]:
    review_tab(lg, info, tabs[2].open)
with tabs[3]:
    qualification_tab(lg, info, tabs[3].open)
with tabs[4]:
    certification_tab(lg, info, tabs[4].open)
