"""Demo mode in the app (issue 30, items 5 and 6): the persona a visitor acts as decides the pages and whose name
changes go under; the first account signs its creator in as an admin; the demo company is reset; a presenter
hides the demo's notice."""

from __future__ import annotations

import pytest

from hrcore import access, demo
from hrcore.store import open_store
from tests.app.conftest import app

PASSWORD = "a long enough password"


def choose(at, persona: str):
    """Pick ``persona`` in the sidebar: one run without the page, then the page as they see it (the browser
    reruns by itself; AppTest runs no timer)."""
    at.selectbox(key="persona_picker").select(persona).run()
    assert "Opening the app as" in at.info[0].value and not at.title
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def pages_open_to(at) -> list[str]:
    """The pages the sidebar's navigation offers, by the file they run."""
    opened = []
    for page in ("views/evaluation.py", "views/audit.py", "views/users.py"):
        try:
            at.switch_page(page).run()
            opened.append(page)
        except Exception:  # noqa: BLE001 - AppTest refuses a page the navigation does not hold
            pass
    return opened


def test_the_visitor_starts_as_the_hr_director_and_each_persona_sees_what_their_role_sees(demo_db):
    at = app()
    personas = demo.personas(open_store(demo_db))
    assert at.selectbox(key="persona_picker").options == [
        f"HR director · {personas['hr_director'].name_en}", f"HR analyst · {personas['hr_analyst'].name_en}",
        f"Line manager · {personas['line_manager'].name_en}", f"Board member · {personas['board_member'].name_en}"]
    assert any("Role: Admin" in c.value for c in at.sidebar.caption)
    assert pages_open_to(at) == ["views/evaluation.py", "views/audit.py", "views/users.py"]

    assert pages_open_to(choose(app(), "hr_analyst")) == ["views/evaluation.py", "views/audit.py"]
    at = choose(app(), "line_manager")
    assert any("Role: Department manager · East China Sales" in c.value for c in at.sidebar.caption)
    assert pages_open_to(at) == ["views/evaluation.py"]
    at = choose(app(), "board_member")
    assert pages_open_to(at) == []
    assert {m.label: m.value for m in at.metric}["Annual payroll"] == "—"  # a viewer sees no pay


def test_a_line_manager_persona_reads_their_department_only_as_that_person(demo_db):
    at = choose(app(), "line_manager")
    manager = demo.personas(open_store(demo_db))["line_manager"].user
    scoped = at.session_state["_scoped_store"]  # what every page of the session reads and writes through
    assert scoped.user == manager and manager.department_id == "D310"
    assert set(scoped.table("employees")["department_id"]) == {"D310"}


def test_switching_persona_forgets_what_the_previous_one_chose(demo_db):
    at = app("views/users.py")
    at.text_input(key="users_first_name").input("half.typed")
    at.run()
    choose(at, "hr_analyst")
    assert "users_first_name" not in at.session_state and at.session_state["persona"] == "hr_analyst"


def test_the_first_account_is_the_creators_admin_account_and_signs_them_in(demo_db):
    at = app("views/users.py")
    assert "ends demo mode" in at.warning[1].value
    at.text_input(key="users_first_name").input("wang.fang")
    at.text_input(key="users_first_display").input("Wang Fang")
    at.text_input(key="users_first_password").input(PASSWORD)
    at.text_input(key="users_first_again").input("another password")
    at.button[0].click().run()
    assert "two passwords differ" in at.error[0].value and access.is_demo(open_store(demo_db))

    at.text_input(key="users_first_password").input(PASSWORD)
    at.text_input(key="users_first_again").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    db = open_store(demo_db)
    assert not access.is_demo(db)
    assert access.users(db)[["username", "role"]].values.tolist() == [["wang.fang", "admin"]]
    assert at.session_state["user"].username == "wang.fang"  # signed in, not locked out
    assert "Demo mode has ended" in at.success[0].value
    assert any("Signed in as Wang Fang · Admin" in c.value for c in at.sidebar.caption)
    assert not [w for w in at.warning if "Demo mode:" in w.value]
    assert at.text_input(key="users_new_name")  # the others' accounts are added here now
    # The account was made by the persona the visitor was acting as.
    made = db.query("SELECT actor FROM audit_log WHERE action = 'access.add_user'")["actor"].tolist()
    assert made == ["demo.hr-director"]


def test_the_accounts_page_never_leaves_the_company_without_an_active_admin(demo_db):
    db = open_store(demo_db)
    admin = access.end_demo(db, "wang.fang", PASSWORD, "Wang Fang")
    at = app("views/users.py", user=admin)
    at.selectbox(key="users_who").select("wang.fang").run()
    at.checkbox(key="users_active_wang.fang").uncheck()
    at.button[1].click().run()
    assert "last active admin" in at.error[0].value
    at.checkbox(key="users_remove_sure_wang.fang").check().run()
    at.button(key="users_remove").click().run()
    assert "last active admin" in at.error[0].value
    assert access.users(db).set_index("username").loc["wang.fang", ["role", "active"]].tolist() == ["admin", True]


@pytest.mark.parametrize("signed_in", [False, True])
def test_an_admin_resets_the_demo_company_after_confirming(demo_db, signed_in):
    db = open_store(demo_db)
    director = db.as_user(demo.personas(db)["hr_director"].user)
    director.save_settings("watchlist", {"threshold": 0.5})
    employees = db.table("employees")
    at = app("views/users.py", user=access.end_demo(director, "wang.fang", PASSWORD) if signed_in else None)
    assert at.button(key="users_reset").disabled  # nothing happens before the confirmation
    at.checkbox(key="users_reset_sure").check().run()
    at.button(key="users_reset").click().run()
    assert "Opening the app as" in at.info[0].value  # one run without the page: the browser forgets the old picks
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "The demo company was built again" in at.success[0].value
    assert db.meta("watchlist") is None and access.users(db).empty and access.is_demo(db)
    assert db.table("employees").equals(employees)
    assert "user" not in at.session_state  # back in demo mode, as the HR director
    assert any("Role: Admin" in c.value for c in at.sidebar.caption)


def test_no_reset_is_offered_on_a_real_companys_database(demo_db):
    db = open_store(demo_db)
    access.end_demo(db, "root", PASSWORD)
    db.set_meta(access.DEMO_FLAG, "false")
    at = app("views/users.py")
    assert not [e for e in at.expander if "Reset the demo company" in e.label]


def test_the_presenter_switch_hides_the_demo_notice_on_every_page(demo_db):
    at = app()
    assert [w for w in at.warning if "Demo mode:" in w.value]
    at.toggle(key="presenter_picker").set_value(True).run()
    assert not [w for w in at.warning if "Demo mode:" in w.value]
    at.switch_page("views/pay.py").run()
    assert not [w for w in at.warning if "Demo mode:" in w.value]
    choose(at, "hr_analyst")  # a change of persona keeps the presenter's choice
    assert not [w for w in at.warning if "Demo mode:" in w.value]


def test_the_demo_sidebar_speaks_chinese(demo_db):
    at = app(lang="zh")
    personas = demo.personas(open_store(demo_db))
    assert at.selectbox(key="persona_picker").options[2] == f"业务部门经理 · {personas['line_manager'].name_zh}"
    assert at.toggle(key="presenter_picker").label == "演示者模式"


def test_the_audit_trail_names_the_persona_a_change_was_made_as(demo_db):
    db = open_store(demo_db)
    analyst = demo.personas(db)["hr_analyst"].user
    db.as_user(analyst).save_settings("watchlist", {"threshold": 0.5})
    at = app("views/audit.py")
    at.text_input(key="au_text").input("watchlist").run()
    table = at.dataframe[0].value
    assert (table["actor"].iloc[0], table["role"].iloc[0]) == (analyst.label, "HR analyst")
    assert at.selectbox(key="au_actor").format_func(analyst.username) == analyst.label


def test_an_import_that_ends_demo_mode_asks_for_the_admin_account_instead_of_locking_everyone_out(demo_db):
    db = open_store(demo_db)
    db.set_meta(access.DEMO_FLAG, "false")  # what importing a company's own data in demo mode does
    at = app(user=None)
    assert "imported into the demo database" in at.warning[0].value
    at.text_input(key="users_first_name").input("wang.fang")
    at.text_input(key="users_first_display").input("Wang Fang")
    at.text_input(key="users_first_password").input(PASSWORD)
    at.text_input(key="users_first_again").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.session_state["user"].username == "wang.fang" and at.title[0].value == "Organisation overview"
    assert "You are signed in as the admin" in at.info[0].value
    assert access.users(db)[["username", "role"]].values.tolist() == [["wang.fang", "admin"]]


def test_a_database_that_never_was_the_demo_gets_its_first_account_on_the_server(db_path):
    from hrcore.store import Store

    Store(db_path).close()
    at = app(user=None)
    assert "creates the first one on the server" in at.warning[0].value
    assert "users_first_name" not in at.session_state and not at.text_input
