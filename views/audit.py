"""The audit trail (admins and HR analysts): search every change, read one, export what was found."""

from datetime import timedelta

import streamlit as st

from hrcore import access, audit, downloads, fields, i18n
from hrcore.schema import TABLES
from views._common import EMPTY_CELL, current_user, demo_personas, lang, md, page_header, still_allowed, store, t
from views._common import table as downloadable  # a page's own `table`s are frames

page_header("page.audit", "audit.intro", "audit_notice")
db = store()
lg = lang()
today = audit.latest_day(db)
# Who changed what, by name: the accounts' display names (those this user may read) and the demo's personas.
accounts = access.users(db).dropna(subset=["display_name"])
# Changes made with no account signed in (the command line, the demo's loading) are the system's.
names = {"system": t("audit.system")} | {persona.user.username: persona.user.label
                                         for persona in demo_personas().values()} | dict(
    zip(accounts["username"], accounts["display_name"]))

filters = st.columns([2, 1, 1, 2])
days = filters[0].date_input(t("audit.days"), value=(today - timedelta(days=30), today), key="au_days")
actor = filters[1].selectbox(t("audit.actor"), [None, *audit.actors(db)], key="au_actor",
                             format_func=lambda a, lg=lg: i18n.t("audit.anyone", lg) if a is None else names.get(a, a))
# Accounts' entries are an admin's (the store shows an HR analyst none): no choice that always finds nothing.
tables = [None, *TABLES, *(["users"] if current_user().role == "admin" else []), "app_meta", "import_mappings"]
table = filters[2].selectbox(t("audit.table"), tables, key="au_table",
                             format_func=lambda n, lg=lg: i18n.t("audit.any_table", lg) if n is None
                             else i18n.t(f"table.{n}", lg))
text = filters[3].text_input(t("audit.text"), key="au_text", help=t("audit.text_help"))
since, until = (days[0], days[1]) if len(days) == 2 else (days[0], days[0])
found = audit.search(db, since, until, actor, table, text.strip() or None)

st.caption(md("audit.found", n=i18n.number(len(found), lg), changes=i18n.number(found["change_id"].nunique(), lg)))
shown = found.drop(columns=["row_key", "before_row", "after_row"]).assign(
    actor=found["actor"].map(lambda a: names.get(a, a)),
    # An action is the function a change went through (``kpi.save_card``): in words where the catalogue has them.
    action=found["action"].map(lambda a, lg=lg: i18n.t(f"audit.action.{a}", lg) if f"audit.action.{a}" in i18n.TEXT
                               else a),
    role=found["role"].map(lambda r, lg=lg: i18n.t(f"role.{r}", lg) if r in access.ROLES else r),
    operation=found["operation"].map(lambda o, lg=lg: i18n.t(f"audit.op.{o}", lg)),
    table_name=found["table_name"].map(lambda n, lg=lg: i18n.t(f"table.{n}", lg)),
    changed=found["changed"].map(lambda c, lg=lg: fields.listed_labels(c, lg)))
picked = st.dataframe(shown, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                      placeholder=EMPTY_CELL,
                      key="au_entries", column_config={
                          "entry_id": "#", "change_id": t("audit.change"),
                          "changed_at": st.column_config.DatetimeColumn(t("audit.when"), format="YYYY-MM-DD HH:mm:ss"),
                          "actor": st.column_config.TextColumn(t("audit.actor"), help=t("audit.actor_help")),
                          "role": t("users.role"), "action": t("audit.action"),
                          "table_name": t("audit.table"), "operation": t("audit.operation"),
                          "row": t("audit.row"), "changed": t("audit.changed")})
# The trail holds rows of pay and personal data before and after each change: its export is recorded too.
st.download_button(t("audit.export", n=i18n.number(len(found), lg)), data=still_allowed(lambda: downloads.recorded(
    db, audit.export(found), "audit_log", "audit_trail.csv", len(found))),
                   file_name="audit_trail.csv", mime=downloads.CSV_MIME, disabled=found.empty)

rows = picked.selection.rows if picked else []
if rows:
    entry = found.iloc[rows[0]]
    st.subheader(md("audit.entry", id=int(entry["entry_id"]), who=names.get(entry["actor"], entry["actor"]),
                   when=entry["changed_at"].strftime("%Y-%m-%d %H:%M:%S")))
    detail = audit.side_by_side(entry["before_row"], entry["after_row"])
    detail["column"] = detail["column"].map(lambda c, lg=lg: fields.label(c, lg))
    downloadable(st, detail.style.apply(lambda r: ["background-color: #FFF3CD" if r["changed"] else ""] * len(r),
                                        axis=1),
                 key="au_detail", file_name=f"audit-entry-{int(entry['entry_id'])}", recorded_as="audit_log",
                 hide_index=True, width="stretch", column_config={
                     "column": t("audit.column"), "before": t("audit.before"), "after": t("audit.after"),
                     "changed": st.column_config.CheckboxColumn(t("audit.changed"))})
else:
    st.caption(t("audit.pick"))
st.caption(t("audit.read_only"))
