"""Data: import files through a column mapping, export tables, see what is stored."""

import hashlib
import json

import pandas as pd
import streamlit as st

from hrcore import downloads, i18n, imports
from hrcore.schema import TABLES
from views._common import lang, md, still_allowed, store, t
from views._imports import mapping_choices, read_upload, repeats_choice, show_problems, show_summary


def table_labeller():
    # Bind the language now: AppTest and reruns call format_func outside the script.
    lg = lang()
    return lambda name: f"{i18n.t(f'table.{name}', lg)} · {name}"


def mapping_editor(table: str, raw: pd.DataFrame, editor_key: str) -> dict:
    columns = list(raw.columns)
    choices = mapping_choices(table, columns)
    start = st.selectbox(t("data.mapping_start"), list(choices), key=f"start-{editor_key}")
    column_frame, value_frame, derive_frame = imports.mapping_frames(choices[start], table)
    key = f"{editor_key}-{start}"
    st.caption(t("data.mapping_help"))
    edited_columns = st.data_editor(
        column_frame, key=f"columns-{key}", hide_index=True, width="stretch",
        disabled=["target", "required"], height=min(38 + 35 * len(column_frame), 420),
        column_config={
            "target": st.column_config.TextColumn(t("data.target")),
            "required": st.column_config.TextColumn(t("data.required"), width="small"),
            "source": st.column_config.SelectboxColumn(t("data.source"), options=columns),
        },
    )
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('data.values')}**")
        st.caption(t("data.values_help"))
        edited_values = st.data_editor(
            value_frame, key=f"values-{key}", hide_index=True, num_rows="dynamic", width="stretch",
            column_config={
                "target": st.column_config.SelectboxColumn(t("data.target"), options=TABLES[table].columns),
                "file_value": st.column_config.TextColumn(t("data.from")),
                "stored_value": st.column_config.TextColumn(t("data.to")),
            },
        )
    with right:
        st.markdown(f"**{t('data.derive')}**")
        st.caption(t("data.derive_help"))
        edited_derive = st.data_editor(
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
    if choices[start].get("date_order"):  # a saved mapping keeps the answer to "day or month first?"
        mapping["date_order"] = choices[start]["date_order"]
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
        st.error(md("data.file_error", reason=refusal))
        return
    st.success(md("data.file_read", rows=i18n.number(len(raw.frame), lg), cols=len(raw.frame.columns),
                 encoding=raw.encoding))
    with st.expander(t("data.preview")):
        st.dataframe(raw.frame.head(10), hide_index=True)

    st.subheader(t("data.mapping"))
    digest = hashlib.sha1(data).hexdigest()[:12]
    mapping = mapping_editor(table, raw.frame, f"{table}-{digest}")
    # Asked once, where the file itself cannot tell (the check says so): never a silent guess of day and month.
    order_key, saved_order = f"date-order-{table}-{digest}", mapping.get("date_order")
    checked = st.session_state.get("import_plan")
    asked = (checked is not None and json.loads(checked[0])[:2] == [table, digest]
             and imports.DATE_ORDER_NEEDED in set(checked[1].problems["reason"]))
    if order_key in st.session_state or saved_order in ("MDY", "DMY") or asked:
        # The answer lives in a plain session key; the radio is keyed by language too, since a radio relabelled in
        # another language would show no choice in the browser while keeping one.
        given = st.session_state.get(order_key) or saved_order
        widget_key = f"{order_key}-{lang()}"
        st.radio(t("data.date_order"), ["MDY", "DMY"], key=widget_key, horizontal=True,
                 index=["MDY", "DMY"].index(given) if given in ("MDY", "DMY") else None,
                 format_func=lambda order: t(f"data.date_order.{order}"), help=t("data.date_order_help"),
                 on_change=lambda: st.session_state.update({order_key: st.session_state[widget_key]}))
        st.session_state.setdefault(order_key, None)
    if st.session_state.get(order_key):
        mapping["date_order"] = st.session_state[order_key]
    mapping = repeats_choice(table, mapping, f"{table}-{digest}")
    check_key = json.dumps([table, digest, mapping], sort_keys=True, ensure_ascii=False)

    save_left, save_right = st.columns([3, 1], vertical_alignment="bottom")
    name = save_left.text_input(t("data.save_as"), key=f"save-name-{table}")
    if save_right.button(t("data.save"), disabled=not name.strip(), width="stretch"):
        db.save_mapping(name.strip(), table, mapping)
        st.toast(md("data.saved", name=name.strip()))

    if st.button(t("data.check"), type="primary"):
        try:
            plan = imports.plan_import(db, table, raw.frame, mapping)
            st.session_state.import_plan = (check_key, plan)
            if imports.DATE_ORDER_NEEDED in set(plan.problems["reason"]) and order_key not in st.session_state:
                st.rerun()  # the question, day or month first, is drawn above the button
        except ValueError as exc:
            st.session_state.import_plan = None
            st.error(md("data.mapping_error", reason=exc))
    checked = st.session_state.get("import_plan")
    if not checked or checked[0] != check_key:
        return
    plan = checked[1]
    show_summary(plan)
    if not plan.ok:
        show_problems(plan.problems, upload.name)
        return
    st.success(counts_text("data.ok", plan.counts, len(plan.rows)))
    if st.button(t("data.import", rows=i18n.number(len(plan.rows), lg), table=t(f"table.{table}")),
                 type="primary"):
        result = imports.commit_rows(db, table, plan.rows)
        st.session_state.import_plan = None
        st.session_state.import_done = counts_text("data.imported", result, len(plan.rows))
        st.rerun()


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


def tables_tab() -> None:
    db = store()
    lg = lang()
    st.caption(md("data.db_path", path=db.path, version=db.schema_version()))
    counts = pd.DataFrame(
        [(t(f"table.{n}"), n, i18n.number(c, lg)) for n, c in db.counts().items()],
        columns=[t("data.table"), "id", t("data.rows")],
    )
    st.dataframe(counts, hide_index=True, width="stretch", height=38 + 35 * len(counts))


st.title(t("page.data"))
st.caption(t("data.intro"))
if done := st.session_state.pop("import_done", None):
    st.success(done)
importing, exporting, tables = st.tabs([t("data.tab_import"), t("data.tab_export"), t("data.tab_tables")])
with importing:
    import_tab()
with exporting:
    export_tab()
with tables:
    tables_tab()
