"""The app when its database file is damaged, foreign, read-only or on a full disk: a clear page, never a
traceback, and no path or process id for whoever opens it (issue 27, item 14 and item 3)."""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import hrcore.store as store_module
from hrcore import i18n
from hrcore.store import StorageFullError, Store
from tests.app.conftest import TESTER, app
from tests.conftest import ROOT


def _texts(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("error", "warning", "info", "markdown", "title") for e in at.get(kind))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_damaged_database_gives_a_page_that_says_what_to_do_and_no_path(db_path, lang):
    db_path.write_bytes(b"\x00" * 4096 + b"not a database")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [i18n.t("store.unavailable.damaged", lang)]
    assert str(db_path.parent) not in _texts(at)


def test_another_programs_database_is_named_as_such_and_left_alone(db_path):
    with duckdb.connect(str(db_path)) as other:
        other.execute("CREATE TABLE orders (id INTEGER)")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [i18n.t("store.unavailable.not_hrcore", "en")]


@pytest.fixture
def read_only_db(demo_db, monkeypatch):
    """The demo company, with an account, in a file this process may open only for reading."""
    from hrcore import access

    store = Store(demo_db)
    access.add_user(store, TESTER.username, "a test password of length", TESTER.role,
                    display_name=TESTER.display_name)
    store.close()
    store_module._open.cache_clear()
    real_connect = duckdb.connect

    def as_an_unprivileged_user(path, read_only=False, **kwargs):
        if not read_only:  # DuckDB's own words for a file it may not write (seen as user nobody)
            raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Permission denied')
        return real_connect(path, read_only=read_only, **kwargs)

    monkeypatch.setattr(store_module.duckdb, "connect", as_an_unprivileged_user)
    yield demo_db
    store_module._open.cache_clear()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_read_only_database_opens_with_a_banner_and_every_page_reads(read_only_db, lang):
    at = app(lang=lang)
    assert i18n.t("store.read_only_banner", lang) in [w.value for w in at.warning]
    for page in ("views/pay.py", "views/kpi.py", "views/talent.py", "views/data.py"):
        at.switch_page(page)
        at.run()
        assert not at.exception, (page, [e.message for e in at.exception])


def test_a_save_on_a_read_only_database_says_so_and_writes_nothing(read_only_db):
    at = app("views/pay.py")
    at.text_input(key="pay_scenario_name").set_value("P60 lead").run()
    next(b for b in at.button if b.label == "Save scenario").click().run()
    assert not at.exception
    assert i18n.t("store.read_only", "en") in [e.value for e in at.error]
    saved = store_module.open_store(read_only_db).query("SELECT count(*) AS n FROM pay_structures WHERE name = ?",
                                                        ["P60 lead"])
    assert saved["n"].iloc[0] == 0


def test_a_full_disk_at_sign_in_says_the_disk_is_full(demo_db, monkeypatch):
    from hrcore import access

    store = store_module.open_store(demo_db)
    access.add_user(store, "li.na", "correct horse battery", "admin")

    def no_room(*args, **kwargs):
        raise StorageFullError(store_module.DISK_FULL.format(where="/srv/hr"))

    monkeypatch.setattr(access, "sign_in", no_room)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.text_input(key="auth_username").input("li.na")
    at.text_input(key="auth_password").input("correct horse battery")
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [i18n.t("store.full", "en")]


def test_sign_in_works_on_a_read_only_database_and_still_locks_after_five_wrong_passwords(read_only_db):
    from hrcore import access

    store = store_module.open_store(read_only_db)
    assert store.read_only
    assert access.sign_in(store, TESTER.username, "a test password of length").username == TESTER.username
    for _ in range(access.MAX_FAILED):
        assert access.sign_in(store, TESTER.username, "a wrong password, again") is None
    # Counted by the process, as the database cannot: the right password is refused until the lock runs out.
    assert access.sign_in(store, TESTER.username, "a test password of length") is None
    later = datetime.now() + timedelta(minutes=access.LOCK_MINUTES + 1)
    assert access.sign_in(store, TESTER.username, "a test password of length", now=later) is not None
