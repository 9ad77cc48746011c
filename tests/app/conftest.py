"""AppTest fixtures: the app on a small database of its own."""

from __future__ import annotations

from datetime import datetime

import pytest
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from hrcore import access
from hrcore.access import User
from hrcore.imports import import_file
from hrcore.store import Store, default_path, open_store
from tests.conftest import ROOT


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    path = tmp_path / "hr.duckdb"
    monkeypatch.setenv("HRCORE_DB", str(path))
    return path


@pytest.fixture
def demo_db(db_path):
    """A small demo company (300 active employees), built for each test that changes it."""
    from hrcore.demo import build_demo

    store = Store(db_path)
    build_demo(store, employees=300, seed=5)
    store.close()
    return db_path


@pytest.fixture
def ibm_db(db_path, ibm_bytes, ibm_mapping):
    store = Store(db_path)
    import_file(store, "employees", ibm_bytes, "ibm.csv", ibm_mapping)
    store.close()
    return db_path


# The product shows no error details in a browser (.streamlit/config.toml); a failing page test should.  Set in
# this process only: the end-to-end servers keep the product's setting.
streamlit_config.set_option("client.showErrorDetails", "full")

TESTER = User("tester", "admin", display_name="Test Admin")
AUTO = User("auto", "admin")


def app(page: str | None = None, lang: str = "en", user: User | None = AUTO) -> AppTest:
    """The app in a session, signed in as ``user`` (as the sign-in form would leave it) or, for None, not.

    By default: not signed in on the demo company (its demo mode), an admin (TESTER) on any other database.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    store = open_store(default_path())
    if user is AUTO:
        user = None if access.is_demo(store) else TESTER
    if user is not None:
        if user.role != "admin" and access.is_demo(store):  # the demo company's first account is an admin's
            access.add_user(store, "first.admin", "a test password of length", "admin")
        if access.users(store).query("username == @user.username").empty:
            access.add_user(store, user.username, "a test password of length", user.role, user.department_id,
                            user.display_name, employee_id=user.employee_id)
        at.session_state["user"] = user
        at.session_state["signed_in_at"] = datetime.now()
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Choose the tab ``label`` of the page's tabs ``key``, as a click does: the page reruns with it open."""
    at.session_state[key] = label
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at

