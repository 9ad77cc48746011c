"""Data: import files through a column mapping, export tables, see what is stored."""

import hashlib
import json
from datetime import date

import pandas as pd
import streamlit as st

from hrcore import access, company, downloads, errors, i18n, imports, readiness
from hrcore.schema import TABLES
from views._common import table as downloadable  # a page's own `table`s are frames
from views._common import editor
from views._common import lang, md, report, still_allowed, store, t, template_buttons
from views._imports import mapping_choices, read_upload, refusal_text, repeats_choice, show_problems, show_summary


def table_labeller():
    # Bind the language now: AppTest and reruns call format_func outside the script.
    lg = lang()
    return lambda name: i18n.t(f"table.{name}", lg)


@st.cache_data(show_spinner=False, max_entries=8)
def builtin_translations(digest: str, table: str, mapping_json: str, _raw: pd.DataFrame) -> pd.DataFrame | None:
    """The built-in synonyms the mapping would apply to the file (keyed by the file's digest), or None when the
    mapping does not fit the file yet."""
    try:
        return imports.map_file(_raw, table, json.loads(mapping_json)).translated
    except ValueError:
        return None


def translations_table(frame: pd.DataFrame) -> pd.DataFrame:
    lg = lang()
    return pd.DataFrame({
        t("data.target"): frame["column"],
        t("data.from"): frame["file_value"],
        t("data.to"): frame["stored_value"].map(lambda v: t("data.missing") if v is None or pd.isna(v) else v),
        t("data.rows_count"): frame["rows"].map(lambda n: i18n.number(n, lg)),
    })


def mapping_options(table: str, raw: pd.DataFrame, start_spec: dict, mapping: dict, key: str) -> None:
    """Ids numbered by row, annual pay and the reference tables, as the mapping's own settings."""
    db = store()
    columns = list(raw.columns)
    mapped = imports.mapped_columns(mapping)
    id_column = imports.key_column(table)
    if id_column and id_column not in mapped and id_column not in mapping.get("constants", {}):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        rule = start_spec.get("generate_id") or {}
        if left.checkbox(t("data.generate_id"), value=bool(rule), key=f"generate-{key}",
                         help=t("data.generate_id_help")):
            prefix = right.text_input(t("data.id_prefix"), value=rule.get("prefix", "E"), key=f"prefix-{key}")
            mapping["generate_id"] = {"column": id_column, "prefix": prefix.strip()}
    if any(c in mapped for c in imports.PAY_COLUMNS):
        period = start_spec.get("pay_period") or imports.default_pay_period(db)
        annual = st.checkbox(t("data.annual_pay"), value=period == "annual", key=f"annual-{key}",
                             help=t("data.annual_pay_help"))
        mapping["pay_period"] = "annual" if annual else "monthly"
    if table != "employees":
        return
    defaults = imports.default_references(columns, mapping)
    if not defaults:
        return
    saved = start_spec.get("references")
    if st.checkbox(t("data.references"), value=bool(saved), key=f"references-{key}", help=t("data.references_help")):
        chosen = saved if isinstance(saved, dict) else defaults
        names = {}
        boxes = st.columns(3)
        for box, target in zip(boxes, ("department_id", "job_id", "manager_id")):
            if target != "manager_id" and target not in mapped:
                continue
            options = [None, *columns]
            default = chosen.get(target, defaults.get(target))
            names[target] = box.selectbox(
                t(f"data.reference_names.{target}"), options, key=f"ref-{target}-{key}",
                index=options.index(default) if default in options else 0,
                format_func=lambda c: t("data.reference_none") if c is None else c)
        mapping["references"] = {target: source for target, source in names.items()
                                 if source is not None or target != "manager_id"}


def mapping_editor(table: str, raw: pd.DataFrame, editor_key: str, digest: str) -> dict:
    columns = list(raw.columns)
    choices = mapping_choices(table, columns)
    start = st.selectbox(t("data.mapping_start"), list(choices), key=f"start-{editor_key}")
    start_spec = choices[start]
    column_frame, value_frame, derive_frame = imports.mapping_frames(start_spec, table)
    key = f"{editor_key}-{start}"
    st.caption(t("data.mapping_help"))
    edited_columns = editor(st,
        column_frame, key=f"columns-{key}", hide_index=True, width="stretch",
        disabled=["target", "required"], height=min(38 + 35 * len(column_frame), 420),
        column_config={
            "target": st.column_config.TextColumn(t("data.target")),
            "required": st.column_config.TextColumn(t("data.required"), width="small"),
            "source": st.column_config.SelectboxColumn(t("data.source"), options=columns),
            "constant": st.column_config.TextColumn(t("data.constant")),
        },
    )
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('data.values')}**")
        st.caption(t("data.values_help"))
        edited_values = editor(st,
            value_frame, key=f"values-{key}", hide_index=True, num_rows="dynamic", width="stretch",
            column_config={
                "target": st.column_config.SelectboxColumn(t("data.target"), options=TABLES[table].columns),
                "file_value": st.column_config.TextColumn(t("data.from")),
                "stored_value": st.column_config.TextColumn(t("data.to")),
            },
        )
    mapping = imports.mapping_from_frames(edited_columns, edited_values, derive_frame)
    with right:
        st.markdown(f"**{t('data.synonyms')}**")
        st.caption(t("data.synonyms_help"))
        # What the built-in synonyms do to this file under the mapping as edited: nothing is changed unseen.
        found = builtin_translations(digest, table, json.dumps(mapping, sort_keys=True, ensure_ascii=False), raw)
        if found is not None and len(found):
            downloadable(st, translations_table(found), hide_index=True, width="stretch", key=f"synonyms-{key}",
                             height=min(38 + 35 * len(found), 420),
                             file_name="synonyms-used", recorded_as=None)
        elif found is not None:
            st.caption(t("data.synonyms_none"))
    st.markdown(f"**{t('data.derive')}**")
    st.caption(t("data.derive_help"))
    edited_derive = editor(st,
        derive_frame, key=f"derive-{key}", hide_index=True, num_rows="dynamic", width="stretch",
        column_config={
            "target": st.column_config.SelectboxColumn(t("data.target"), options=TABLES[table].columns),
            "op": st.column_config.SelectboxColumn(t("data.op"), options=list(imports.DERIVE_OPS)),
            "source": st.column_config.SelectboxColumn(t("data.source"), options=columns),
            "as_of": st.column_config.TextColumn(t("data.as_of")),
            "factor": st.column_config.NumberColumn(t("data.factor")),
        },
    )
    mapping = imports.mapping_from_frames(edited_columns, edited_values, edited_derive)
    mapping_options(table, raw, start_spec, mapping, key)
    if start_spec.get("date_order"):  # a saved mapping keeps the answer to "day or month first?"
        mapping["date_order"] = start_spec["date_order"]
    return mapping


def counts_text(key: str, counts, rows: int) -> str:
    lg = lang()
    return t(key, rows=i18n.number(rows, lg), new=i18n.number(counts.inserted, lg),
             changed=i18n.number(counts.updated, lg), same=i18n.number(counts.unchanged, lg))


def import_tab() -> None:
    db = store()
    importable = [name for name, spec in TABLES.items() if spec.importable]
    table = st.selectbox(t("data.table"), importable, format_func=table_labeller(), key="import_table",
                         index=importable.index("employees"))
    upload = st.file_uploader(t("data.file"), type=["csv", "xlsx"], key="import_file")
    if upload is None:
        return
    data = upload.getvalue()
    lg = lang()
    raw, refusal, cells = read_upload(data, upload.name)
    if cells is not None:
        st.warning(t("data.file_cells", n=i18n.number(len(cells), lg)))
        show_problems(cells, upload.name)
        return
    if refusal is not None:
        st.error(md("data.file_error", reason=refusal_text(refusal)))
        return
    st.success(md("data.file_read", rows=i18n.number(len(raw.frame), lg), cols=len(raw.frame.columns),
                 encoding=raw.encoding))
    with st.expander(t("data.preview")):
        downloadable(st, raw.frame.head(10), hide_index=True,
                         key="data_preview", file_name="upload-preview", recorded_as=None)

    st.subheader(t("data.mapping"))
    digest = hashlib.sha1(data).hexdigest()[:12]
    mapping = mapping_editor(table, raw.frame, f"{table}-{digest}", digest)
    # Asked once, where the file itself cannot tell (the check says so): never a silent guess of day and month.
    order_key, saved_order = f"date-order-{table}-{digest}", mapping.get("date_order")
    checked = st.session_state.get("import_plan")
    asked = (checked is not None and json.loads(checked[0])[:2] == [table, digest]
             and imports.DATE_ORDER_CODE in set(checked[1].problems["code"]))
    if order_key in st.session_state or saved_order in ("MDY", "DMY") or asked:
        # The answer lives in a plain session key; the radio is keyed by language too, since a radio relabelled in
        # another language would show no choice in the browser while keeping one.
        given = st.session_state.get(order_key) or saved_order
        widget_key = f"{order_key}-{lang()}"
        st.radio(t("data.date_order"), ["MDY", "DMY"], key=widget_key, horizontal=True,
                 index=["MDY", "DMY"].index(given) if given in ("MDY", "DMY") else None,
                 format_func=lambda order, lg=lang(): i18n.t(f"data.date_order.{order}", lg),
                 help=t("data.date_order_help"),
                 on_change=lambda: st.session_state.update({order_key: st.session_state[widget_key]}))
        st.session_state.setdefault(order_key, None)
    if st.session_state.get(order_key):
        mapping["date_order"] = st.session_state[order_key]
    mapping = repeats_choice(table, mapping, f"{table}-{digest}")
    check_key = json.dumps([table, digest, mapping], sort_keys=True, ensure_ascii=False)

    save_left, save_middle, save_right = st.columns([2, 1, 1], vertical_alignment="bottom")
    name = save_left.text_input(t("data.save_as"), key=f"save-name-{table}")
    if save_middle.button(t("data.save"), disabled=not name.strip(), width="stretch"):
        db.save_mapping(name.strip(), table, mapping)
        st.toast(md("data.saved", name=name.strip()))
    # The mapping as a file, for the command line (--mapping FILE); the table it is for travels with it.
    save_right.download_button(
        t("data.download_mapping"), downloads.file(json.dumps({"table": table, **mapping}, ensure_ascii=False,
                                                              indent=2), "text"),
        file_name=f"{name.strip() or table}.json", mime="application/json", width="stretch",
        help=t("data.download_mapping_help", table=table), key=f"download-mapping-{table}")

    recheck_key = f"recheck-{table}-{digest}"
    if st.button(t("data.check"), type="primary") or st.session_state.pop(recheck_key, False):
        try:
            plan = imports.plan_import(db, table, raw.frame, mapping)
            st.session_state.import_plan = (check_key, plan)
            if imports.DATE_ORDER_CODE in set(plan.problems["code"]) and order_key not in st.session_state:
                st.rerun()  # the question, day or month first, is drawn above the button
        except ValueError as exc:
            st.session_state.import_plan = None
            st.error(md("data.mapping_error", reason=refusal_text(exc)))
    checked = st.session_state.get("import_plan")
    if not checked or checked[0] != check_key:
        return
    plan = checked[1]
    show_summary(plan, warnings=False)  # the warnings come with the problems, or in one box with the notes
    if not plan.ok:
        for code, values in plan.warnings:
            st.info(i18n.import_note(code, values, lg, escape=i18n.plain))  # the file's own columns and values
        show_problems(plan.problems, upload.name)
        return
    show_applied(plan, mapping, f"annual-{table}-{digest}-{st.session_state.get(f'start-{table}-{digest}')}",
                 recheck_key)
    st.success(counts_text("data.ok", plan.counts, len(plan.rows)))
    if st.button(t("data.import", rows=i18n.number(len(plan.rows), lg), table=t(f"table.{table}")),
                 type="primary"):
        result = imports.commit_rows(db, table, plan.rows, plan.applied.references)
        st.session_state.import_plan = None
        done = counts_text("data.imported", result, len(plan.rows))
        if plan.applied.references:
            done += " " + t("data.references_new", departments=i18n.number(len(plan.applied.references.get(
                "departments", ())), lg), jobs=i18n.number(len(plan.applied.references.get("jobs", ())), lg))
        st.session_state.import_done = done
        st.rerun()


def show_applied(plan: imports.ImportPlan, mapping: dict, annual_key: str, recheck_key: str) -> None:
    """What the mapping does beyond renaming columns: pay that looks annual (with the conversion one click away),
    statuses, ids, reference tables and managers, and the built-in synonyms used, each as text."""
    applied, lg = plan.applied, lang()
    if check := applied.pay_check:
        st.warning(i18n.plain(imports.pay_note(check, lg)))
        if any(c in imports.mapped_columns(mapping) for c in imports.PAY_COLUMNS):
            st.button(t("data.pay_convert"), key=f"convert-{annual_key}",
                      on_click=lambda: st.session_state.update({annual_key: True, recheck_key: True}))
    notes = [*(i18n.import_note(code, values, lg) for code, values in plan.warnings),
             *imports.plan_notes(plan, lg, pay=False)]
    if notes:  # one box, a line each: the file's own names and values shown as text
        st.info("  \n".join(i18n.plain(note) for note in notes))
    if len(applied.translated):
        with st.expander(t("data.synonyms_used", n=i18n.number(int(applied.translated["rows"].sum()), lg))):
            downloadable(st, translations_table(applied.translated), hide_index=True, width="stretch",
                             height=min(38 + 35 * len(applied.translated), 420),
                             key="data_synonyms_applied", file_name="synonyms-applied", recorded_as=None)


def export_tab() -> None:
    db = store()
    lg = lang()
    table = st.selectbox(t("data.table"), list(TABLES), format_func=table_labeller(), key="export_table",
                         index=list(TABLES).index("employees"))
    fmt = st.radio(t("data.export_format"), ["csv", "xlsx"], horizontal=True, key="export_format",
                   format_func=str.upper)
    rows = db.count(table)
    refused = False
    if fmt == "xlsx" and rows > imports.XLSX_MAX_ROWS:
        st.warning(t("data.xlsx_rows", rows=i18n.number(rows, lg)))
        refused = True
    elif fmt == "xlsx" and (cut := imports.xlsx_overflow(db, table)):
        # Said before the click, not after: a cut cell exported and imported back would replace the whole text.
        row, key, column, characters = cut
        st.warning(md("data.xlsx_cut", row=i18n.number(row, lg), record=key, column=column,
                     chars=i18n.number(characters, lg)))
        refused = True
    st.download_button(
        t("data.export_button", table=t(f"table.{table}"), rows=i18n.number(rows, lg)),
        data=still_allowed(lambda: downloads.recorded(db, imports.export_table(db, table, fmt), table,
                                                      f"{table}.{fmt}", rows)),
        file_name=f"{table}.{fmt}", type="primary", disabled=rows == 0 or refused,
        mime="text/csv" if fmt == "csv" else
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    st.caption(t("data.export_note"))


def readiness_panel(lg: str) -> None:
    """Each table a company brings: rows held, the pages it feeds, its template."""
    report = readiness.readiness(store())
    st.subheader(t("ready.title"))
    st.caption(t("ready.intro"))
    downloadable(st, pd.DataFrame({
        t("data.table"): [t(f"table.{name}") for name in report.index],
        t("data.rows"): [i18n.number(n, lg) if n else "–" for n in report["rows"]],
        t("ready.feeds"): [" · ".join(t(f"page.{p}") for p in pages) for pages in report["pages"]],
        t("ready.unlocks"): [t(f"ready.unlocks.{name}") for name in report.index]}),
        hide_index=True, width="stretch", height=38 + 35 * len(report),
        key="data_readiness", file_name="readiness", recorded_as=None)
    name, *buttons = st.columns([2, 1, 1], vertical_alignment="bottom")
    table = name.selectbox(t("ready.template_of"), list(report.index), key="ready_table",
                           format_func=lambda n, lg=lg: i18n.t(f"table.{n}", lg))
    template_buttons(buttons, table, "ready")


def tables_tab() -> None:
    db = store()
    lg = lang()
    readiness_panel(lg)
    st.subheader(t("ready.all_tables"))
    st.caption(md("data.db_path", path=db.path, version=db.schema_version()))
    counts = pd.DataFrame(
        [(t(f"table.{n}"), i18n.number(c, lg)) for n, c in db.counts().items()],
        columns=[t("data.table"), t("data.rows")],
    )
    downloadable(st, counts, hide_index=True, width="stretch", height=38 + 35 * len(counts),
                     key="data_counts", file_name="row-counts", recorded_as=None)


def settings_tab() -> None:
    db = store()
    lg = lang()
    saved = company.load(db)
    extract_day = report(company.latest_event)  # read once per data version, not on every rerun
    st.caption(t("data.settings_intro"))
    may_change = db.user.role in ("admin", "hr_analyst") and access.may_write(db.user, "app_meta") is None
    with st.form("company_settings", border=False):
        left, right = st.columns(2)
        mode = left.radio(t("data.as_of_mode"), ["extract", "chosen"], index=int(saved.as_of is not None),
                          key=f"set_as_of_mode_{lg}", help=t("data.as_of_help"), format_func=lambda m: (
                              i18n.t("data.as_of_chosen", lg) if m == "chosen" else
                              i18n.t("data.as_of_extract", lg, day=i18n.day(extract_day, lg)) if extract_day else
                              i18n.t("data.as_of_extract_none", lg)))
        day = left.date_input(t("data.as_of_day"), saved.as_of or extract_day or date.today(), key="set_as_of_day",
                              min_value=date(1950, 1, 1), max_value=date(2100, 12, 31), format="YYYY-MM-DD")
        currency = right.text_input(t("data.currency"), saved.currency, max_chars=3, key="set_currency",
                                    help=t("data.currency_help"))
        period = right.radio(t("data.pay_period"), ["monthly", "annual"], horizontal=True, key=f"set_period_{lg}",
                             index=["monthly", "annual"].index(saved.pay_period),
                             format_func=lambda p: i18n.t(f"data.pay_period.{p}", lg))
        wage = right.number_input(t("data.local_wage"), *company.WAGE_RANGE, float(saved.local_avg_wage), 500.0,
                                  format="%.0f",
                                  key="set_local_wage", help=t("data.local_wage_help"))
        min_wage = right.number_input(t("data.local_min_wage"), *company.MIN_WAGE_RANGE, float(saved.local_min_wage),
                                      100.0, format="%.0f", key="set_local_min_wage",
                                      help=t("data.local_min_wage_help"))
        submitted = st.form_submit_button(t("data.save_settings"), disabled=not may_change)
    if not may_change:
        st.caption(t("data.settings_read_only"))
    if submitted:
        try:
            now = company.save(db, as_of=day if mode == "chosen" else None, currency=currency,
                               pay_period=period, local_avg_wage=wage,
                               local_min_wage=min_wage)
        except ValueError as refused:
            st.error("; ".join(errors.problem_text(part, lg, escape=i18n.plain)
                               for part in getattr(refused, "refusals", [refused])), icon=":material/error:")
        else:
            st.session_state.import_done = t("data.settings_saved",
                                             day=i18n.day(company.as_of_date(db, now), lg))
            st.rerun()


st.title(t("page.data"))
st.caption(t("data.intro"))
if done := st.session_state.pop("import_done", None):
    st.success(done)
importing, exporting, tables, settings = st.tabs([t("data.tab_import"), t("data.tab_export"), t("data.tab_tables"),
                                                  t("data.tab_settings")])
with importing:
    import_tab()
with exporting:
    export_tab()
with tables:
    tables_tab()
with settings:
    settings_tab()
