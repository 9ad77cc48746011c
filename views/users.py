"""Accounts (admins only): who may sign in, with which role and, for managers, which department.

In demo mode (the demo company, no accounts) the page makes the first account, the visitor's own admin
account, which ends demo mode; on the demo company an admin may also build it again from scratch.
"""

import pandas as pd
import streamlit as st

from hrcore import access, demo, errors, i18n
from views._common import demo_persona, first_account_form, lang, md, page_header, start_afresh, store, t
from views._common import table as downloadable  # a page's own `table`s are frames

page_header("page.users", "users.intro", "users_notice")
db = store()
lg = lang()
role_label = lambda role, lg=lg: i18n.t(f"role.{role}", lg)  # noqa: E731


def reset_company() -> None:
    """The demo company built again as it was first built (an admin's, after a confirmation)."""
    with st.expander(t("demo.reset"), icon=":material/restart_alt:"):
        st.caption(t("demo.reset_intro"))
        sure = st.checkbox(t("demo.reset_confirm"), key="users_reset_sure")
        if st.button(t("demo.reset"), key="users_reset", disabled=not sure, type="primary"):
            try:
                with st.spinner(t("demo.resetting")):
                    counts = demo.reset_demo(db)
            except ValueError as refused:
                st.error(t("demo.reset_refused", reason=errors.problem_text(refused, lg, escape=i18n.plain)))
                return
            start_afresh()  # the accounts are gone: everyone is back in demo mode
            st.session_state.users_notice = t("demo.reset_done", n=i18n.number(sum(counts.values()), lg))
            st.rerun()


def account_forms(accounts: pd.DataFrame, dept_names: dict[str, str]) -> None:
    """Adding an account, and changing or removing one."""
    add, change = st.columns(2)
    with add, st.form("users_add", clear_on_submit=True, border=True):
        st.subheader(t("users.add"))
        username = st.text_input(t("auth.username"), key="users_new_name")
        display = st.text_input(t("users.display_name"), key="users_new_display")
        role = st.selectbox(t("users.role"), access.ROLES, format_func=role_label, key="users_new_role")
        dept = st.selectbox(t("users.department"), [None, *dept_names], key="users_new_dept",
                            format_func=lambda d, lg=lg: i18n.t("users.no_department", lg) if d is None
                            else dept_names[d], help=t("users.department_help"))
        # Typed, not picked: a company of a million people makes no list to pick from; add_user checks it exists.
        employee = st.text_input(t("users.employee"), key="users_new_employee", help=t("users.employee_help"))
        password = st.text_input(t("auth.password"), type="password", key="users_new_password",
                                 help=md("users.password_help", n=access.MIN_PASSWORD))
        if st.form_submit_button(t("users.add"), type="primary"):
            try:
                if role in access.LINKED_ROLES and not employee.strip():
                    raise ValueError(t("users.employee_needed"))
                access.add_user(db, username, password, role, dept, display or None, employee)
                st.session_state.users_notice = md("users.added", name=username.strip())
                st.rerun()
            except ValueError as refused:
                st.error(t("users.refused", reason=errors.problem_text(refused, lg, escape=i18n.plain)))

    with change, st.container(border=True):
        st.subheader(t("users.change"))
        # Picked outside the form, so the fields below show the picked account (a form would keep the first one's).
        who = st.selectbox(t("auth.username"), accounts["username"].tolist(), key="users_who")
        current = accounts.set_index("username").loc[who] if who else None
        departments_offered = [None, *dept_names]
        with st.form("users_change", border=False):
            new_role = st.selectbox(t("users.role"), access.ROLES, format_func=role_label, key=f"users_role_{who}",
                                    index=access.ROLES.index(current["role"]) if current is not None else 0)
            held = current["department_id"] if current is not None and pd.notna(current["department_id"]) else None
            new_dept = st.selectbox(t("users.department"), departments_offered, key=f"users_dept_{who}",
                                    index=departments_offered.index(held) if held in departments_offered else 0,
                                    format_func=lambda d, lg=lg: i18n.t("users.no_department", lg) if d is None
                                    else dept_names[d])
            linked = current["employee_id"] if current is not None and pd.notna(current["employee_id"]) else ""
            new_employee = st.text_input(t("users.employee"), value=linked, key=f"users_employee_{who}",
                                         help=t("users.employee_help"))
            active = st.checkbox(t("users.active"), value=bool(current["active"]) if current is not None else True,
                                 key=f"users_active_{who}")
            new_password = st.text_input(t("users.new_password"), type="password", key="users_password",
                                         help=t("users.new_password_help"))
            if st.form_submit_button(t("users.save"), type="primary", disabled=who is None):
                try:
                    if new_role in access.LINKED_ROLES and active and not new_employee.strip():  # disabling needs none
                        raise ValueError(t("users.employee_needed"))
                    access.update_user(db, who, role=new_role, department_id=new_dept, active=active,
                                       password=new_password or None, employee_id=new_employee.strip())
                    st.session_state.users_notice = md("users.saved", name=who)
                    st.rerun()
                except ValueError as refused:
                    st.error(t("users.refused", reason=errors.problem_text(refused, lg, escape=i18n.plain)))
        sure = st.checkbox(md("users.remove_confirm", name=who or ""), key=f"users_remove_sure_{who}",
                           disabled=who is None)
        if st.button(t("users.remove"), key="users_remove", disabled=not sure, icon=":material/person_remove:"):
            try:
                access.remove_user(db, who)
                st.session_state.users_notice = md("users.removed", name=who)
                st.rerun()
            except ValueError as refused:
                st.error(t("users.refused", reason=errors.problem_text(refused, lg, escape=i18n.plain)))


if demo_persona() is not None:
    if user := first_account_form(db, "demo.first_account_intro"):
        st.session_state.users_notice = md("demo.first_account_done", name=user.label)
        st.rerun()
else:
    accounts = access.users(db)
    dept_names = {r.department_id: f"{r.department_id} · {i18n.name(r.name_en, r.name_zh, lg)}"
                  for r in access.departments(db).itertuples()}
    shown = accounts[["username", "display_name", "role", "department_id", "employee_id", "active", "last_sign_in",
                      "last_failed_at", "locked_until"]].copy()
    shown["role"] = shown["role"].map(role_label)
    shown["department_id"] = [dept_names.get(d, "") for d in shown["department_id"]]
    shown["employee_id"] = shown["employee_id"].fillna("")
    for column in ("last_sign_in", "last_failed_at", "locked_until"):
        shown[column] = pd.to_datetime(shown[column]).dt.strftime("%Y-%m-%d %H:%M").fillna("")
    shown["display_name"] = shown["display_name"].fillna("")
    downloadable(st, shown, key="users_accounts", file_name="accounts", recorded_as="users", hide_index=True,
                 width="stretch", column_config={
        "username": t("auth.username"), "display_name": t("users.display_name"), "role": t("users.role"),
        "department_id": t("users.department"), "employee_id": t("users.employee"),
        "active": st.column_config.CheckboxColumn(t("users.active")), "last_sign_in": t("users.last_sign_in"),
        "last_failed_at": t("users.last_failed_at"), "locked_until": t("users.locked_until")})
    account_forms(accounts, dept_names)
    st.caption(t("users.cli"))
if demo.is_demo_company(db):
    reset_company()
