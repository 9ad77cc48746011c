"""Accounts, roles and their scope, the audit trail and edit conflicts (issue 9).

The scope is checked against an independent walk of the department tree in
plain Python; the password hashes against ``hashlib.scrypt`` called directly.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from hrcore import access, audit, cycles, errors, imports, kpi, ninebox, pay, watchlist
from hrcore import demo as demo_company
from hrcore.access import User
from hrcore.schema import TABLES
from hrcore.store import ConflictError, Store

MANAGED = "D300"  # Sales & Marketing Centre of the demo company, with six departments under it
PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    from hrcore.demo import build_demo

    path = tmp_path_factory.mktemp("access") / "demo.duckdb"
    store = Store(path)
    build_demo(store, employees=300, seed=5)
    store.close()
    return path


@pytest.fixture
def db(demo_file, tmp_path):
    copy = tmp_path / "hr.duckdb"
    shutil.copy(demo_file, copy)
    store = Store(copy)
    yield store
    store.close()


def subtree(departments: pd.DataFrame, root: str) -> set[str]:
    """The department and everything under it, by walking parent links (independent of the SQL views)."""
    found, frontier = {root}, [root]
    while frontier:
        children = departments.loc[departments["parent_id"].isin(frontier), "department_id"].tolist()
        frontier = [c for c in children if c not in found]
        found.update(frontier)
    return found


def scope_of(db: Store) -> tuple[set[str], set[str]]:
    departments = db.table("departments")
    depts = subtree(departments, MANAGED)
    employees = db.table("employees")
    return depts, set(employees.loc[employees["department_id"].isin(depts), "employee_id"])


def manager(db: Store) -> Store:
    return db.as_user(User("mgr", "manager", MANAGED))


# -- passwords -------------------------------------------------------------------------------------------------

def test_a_password_is_kept_as_a_salted_scrypt_hash_that_scrypt_itself_reproduces():
    stored = access.hash_password(PASSWORD)
    scheme, n, r, p, salt, digest = stored.split("$")
    assert PASSWORD not in stored
    again = hashlib.scrypt(PASSWORD.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    assert (scheme, base64.b64decode(digest)) == ("scrypt", again)
    assert access.hash_password(PASSWORD) != stored  # a new salt each time: equal passwords do not show


@pytest.mark.parametrize("stored", ["", "plain text", "md5$abc", "scrypt$16384$8$1$not-base64!$x"])
def test_a_damaged_or_foreign_hash_never_verifies(stored):
    assert access.verify_password(PASSWORD, stored) is False


@pytest.mark.parametrize("password, reason", [("short", "at least 10"), ("li.na-password-1", "user name")])
def test_weak_passwords_are_refused_with_the_reason(fresh_db, password, reason):
    with pytest.raises(ValueError, match=reason):
        access.add_user(fresh_db, "li.na", password, "hr_analyst")
    assert access.users(fresh_db).empty


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(fresh_db):
    access.add_user(fresh_db, "li.na", PASSWORD, "hr_analyst")
    start = datetime(2026, 11, 23, 9, 0)
    for minute in range(access.MAX_FAILED):
        assert access.sign_in(fresh_db, "li.na", "guess number " + str(minute), now=start) is None
    assert access.sign_in(fresh_db, "li.na", PASSWORD, now=start + timedelta(minutes=14)) is None
    assert access.sign_in(fresh_db, "li.na", PASSWORD, now=start + timedelta(minutes=16)).username == "li.na"


def test_a_disabled_account_cannot_sign_in_and_unknown_names_get_the_same_answer(fresh_db):
    access.add_user(fresh_db, "admin", PASSWORD, "admin")
    access.add_user(fresh_db, "li.na", PASSWORD, "hr_analyst")
    access.update_user(fresh_db, "li.na", active=False)
    assert access.sign_in(fresh_db, "li.na", PASSWORD) is None
    assert access.sign_in(fresh_db, "nobody", PASSWORD) is None


def test_the_last_admin_cannot_be_demoted_or_disabled(fresh_db):
    access.add_user(fresh_db, "root", PASSWORD, "admin")
    with pytest.raises(ValueError, match="last active admin"):
        access.update_user(fresh_db, "root", role="viewer")
    with pytest.raises(ValueError, match="last active admin"):
        access.update_user(fresh_db, "root", active=False)


def test_a_manager_account_needs_a_department_that_exists(db):
    with pytest.raises(ValueError, match="needs the department"):
        access.add_user(db, "mgr", PASSWORD, "manager")
    with pytest.raises(ValueError, match="no department"):
        access.add_user(db, "mgr", PASSWORD, "manager", department_id="D999")


def test_a_session_expires_after_thirty_idle_minutes():
    seen = datetime(2026, 11, 23, 9, 0)
    assert not access.idle_expired(seen, seen + timedelta(minutes=30))
    assert access.idle_expired(seen, seen + timedelta(minutes=30, seconds=1))


# -- scope: reads ----------------------------------------------------------------------------------------------

def test_a_manager_reads_only_the_people_of_their_department_subtree_in_every_table(db):
    depts, people = scope_of(db)
    scoped = manager(db)
    assert set(scoped.table("departments")["department_id"]) == depts
    assert set(scoped.table("employees")["employee_id"]) == people
    for table, column in access.PERSON_TABLES.items():
        seen = scoped.table(table)
        everyone = db.table(table)
        assert set(seen[column]) <= people, table
        # ... and nothing of theirs is missing: the same rows as the full table restricted by hand (360 ratings
        # as the review aggregates them: one row per period, ratee and item).
        mine = everyone[everyone[column].isin(people)]
        rows = len(mine.drop_duplicates(list(access.RATER_TABLES[table]))) if table in access.RATER_TABLES else len(mine)
        assert len(seen) == rows, table
    cards = scoped.table("scorecards")
    mine = ((cards["owner_type"] == "employee") & cards["owner_id"].isin(people)) | (
        (cards["owner_type"] == "department") & cards["owner_id"].isin(depts))
    assert mine.all() and len(cards) > 0
    assert set(scoped.table("scorecard_lines")["scorecard_id"]) <= set(cards["scorecard_id"])


def test_a_manager_cannot_step_around_the_scope_with_a_qualified_table_name(db):
    _, people = scope_of(db)
    scoped = manager(db)
    for sql in ("SELECT employee_id FROM main.employees", "SELECT employee_id FROM employees e",
                "SELECT employee_id FROM (SELECT * FROM employees)"):
        assert set(scoped.query(sql)["employee_id"]) == people


def test_a_managers_export_holds_only_their_people(db):
    _, people = scope_of(db)
    exported = pd.read_csv(__import__("io").BytesIO(imports.export_table(manager(db), "employees")),
                           encoding="utf-8-sig")
    assert set(exported["employee_id"]) == people
    signals = pd.read_csv(__import__("io").BytesIO(imports.export_table(manager(db), "attrition_signals")),
                          encoding="utf-8-sig")
    assert set(signals["employee_id"]) <= people


def test_a_viewer_reads_every_row_but_no_individual_pay(db):
    viewer = db.as_user(User("ana", "viewer"))
    staff = viewer.table("employees")
    assert len(staff) == db.count("employees")
    assert staff["base_pay"].isna().all() and staff["target_bonus"].isna().all()
    assert viewer.table("employee_events")["base_pay"].isna().all()
    assert staff["name_en"].equals(db.table("employees")["name_en"])


def test_only_admins_and_analysts_read_the_audit_trail_and_only_admins_read_accounts(db):
    access.add_user(db, "root", PASSWORD, "admin")  # the demo company's first account is an admin's
    access.add_user(db, "mgr", PASSWORD, "manager", department_id=MANAGED)
    access.add_user(db, "ana", PASSWORD, "hr_analyst")
    assert db.count("users") == 2 if "users" in TABLES else True
    analyst = db.as_user(User("ana", "hr_analyst"))
    everything = db.query("SELECT * FROM audit_log")
    assert len(analyst.query("SELECT * FROM audit_log")) == (everything["table_name"] != "users").sum() > 0
    assert analyst.query("SELECT username FROM users")["username"].tolist() == ["ana"]
    assert manager(db).query("SELECT * FROM audit_log").empty
    assert db.as_user(User("v", "viewer")).query("SELECT * FROM audit_log").empty


def test_each_scope_has_its_own_cache_key(db):
    keys = {db.cache_key, manager(db).cache_key, db.as_user(User("v", "viewer")).cache_key,
            db.as_user(User("m2", "manager", "D100")).cache_key}
    assert len(keys) == 4


# -- scope: writes ---------------------------------------------------------------------------------------------

def test_a_manager_records_a_signal_for_their_own_person_under_their_name(db):
    _, people = scope_of(db)
    who = sorted(people)[0]
    signal = watchlist.record_signal(manager(db), who, "attitude_change", date(2026, 10, 1), "quiet in meetings")
    entry = audit.search(db, table="attrition_signals").iloc[0]
    assert (entry["actor"], entry["role"], entry["action"], entry["operation"]) == (
        "mgr", "manager", "watchlist.record_signal", "insert")
    assert json.loads(entry["row_key"]) == {"signal_id": signal}
    assert json.loads(entry["after_row"])["employee_id"] == who


def test_a_manager_changing_a_row_outside_their_departments_changes_nothing(db):
    _, people = scope_of(db)
    outsider = db.query("SELECT employee_id FROM employees").loc[lambda f: ~f["employee_id"].isin(people)]
    before = db.table("attrition_signals")
    entries = len(db.query("SELECT * FROM audit_log"))
    with pytest.raises(PermissionError, match="outside your departments"):
        with manager(db).transaction() as cur:
            cur.execute("INSERT INTO attrition_signals VALUES ('SGX', ?, DATE '2026-10-01', 'other', 'x')",
                        [outsider["employee_id"].iloc[0]])
    pd.testing.assert_frame_equal(db.table("attrition_signals"), before)
    assert len(db.query("SELECT * FROM audit_log")) == entries


def test_a_manager_moving_or_deleting_rows_beyond_their_departments_changes_nothing(db):
    # The write goes to the real table, so the audit's before/after check is the guard: a person moved out of
    # scope (the row after is outside) and a delete that reaches outsiders (the rows before are outside).
    _, people = scope_of(db)
    signals = db.table("attrition_signals")
    entries = len(db.query("SELECT * FROM audit_log"))
    own = signals.loc[signals["employee_id"].isin(people), "signal_id"].iloc[0]
    outsider = sorted(set(db.query("SELECT employee_id FROM employees")["employee_id"]) - people)[0]
    assert (~signals["employee_id"].isin(people)).any()  # the demo has outsiders' signals to reach
    with pytest.raises(PermissionError, match=r"attrition_signals: 1 row\(s\) belong to people outside"):
        with manager(db).transaction() as cur:
            cur.execute("UPDATE attrition_signals SET employee_id = ? WHERE signal_id = ?", [outsider, own])
    with pytest.raises(PermissionError, match=r"attrition_signals: \d+ row\(s\) belong to people outside"):
        with manager(db).transaction() as cur:
            cur.execute("DELETE FROM attrition_signals WHERE true")
    pd.testing.assert_frame_equal(db.table("attrition_signals"), signals)
    assert len(db.query("SELECT * FROM audit_log")) == entries


@pytest.mark.parametrize("user, table, reason", [
    (User("mgr", "manager", MANAGED), "pay_grades", "pay_grades: a department manager cannot change this table"),
    (User("mgr", "manager", MANAGED), "app_meta", "app_meta: a department manager cannot change this table"),
    (User("v", "viewer"), "leave_records", "viewer cannot change"),
    (User("ana", "hr_analyst"), "users", "only an admin"),
    (User("root", "admin"), "audit_log", "audit trail cannot be changed"),
])
def test_writes_beyond_a_role_are_refused_before_anything_changes(db, user, table, reason):
    entries = db.query("SELECT count(*) AS n FROM audit_log")["n"].iloc[0]
    with pytest.raises(PermissionError, match=reason):
        with db.as_user(user).transaction() as cur:
            cur.execute(f"DELETE FROM {table}")
    assert db.query("SELECT count(*) AS n FROM audit_log")["n"].iloc[0] == entries
    if table in TABLES:
        assert db.count(table) > 0


def test_a_viewer_cannot_import(db):
    raw = imports.read_file(b"employee_id,base_pay\nE0000001,1\n", "pay.csv").frame
    plan = imports.plan_import(db, "employees", raw, imports.identity_mapping(list(raw.columns), "employees"))
    with pytest.raises(PermissionError):
        db.as_user(User("v", "viewer")).upsert("employees", plan.rows)
    assert db.table("employees").set_index("employee_id").loc["E0000001", "base_pay"] != 1


# -- the audit trail -------------------------------------------------------------------------------------------

def test_an_edit_is_recorded_with_the_row_before_and_after(db):
    analyst = db.as_user(User("ana", "hr_analyst"))
    old = db.table("employees").set_index("employee_id").loc["E0000001", "base_pay"]
    analyst.upsert("employees", pd.DataFrame({"employee_id": ["E0000001"], "base_pay": [old + 500.0]}))
    entry = audit.search(db, actor="ana").iloc[0]
    assert (entry["table_name"], entry["operation"], entry["changed"]) == ("employees", "update", "base_pay")
    assert json.loads(entry["before_row"])["base_pay"] == old
    assert json.loads(entry["after_row"])["base_pay"] == old + 500


def _departments(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"department_id": [f"D{n}" for n in names], "name_en": [f"Unit {n}" for n in names]})


def entry_ids(store, table: str) -> list[int]:
    return store.query("SELECT entry_id FROM audit_log WHERE table_name = ? ORDER BY entry_id", [table])[
        "entry_id"].tolist()


@pytest.mark.parametrize("interleaved", [False, True], ids=["numbers_in_one_run", "another_writer_took_some"])
def test_every_audit_entry_gets_its_own_number_after_all_earlier_ones(fresh_db, monkeypatch, interleaved):
    from hrcore import store as storage

    if interleaved:  # the fallback when a concurrent writer's numbers fall between the ones taken
        monkeypatch.setattr(storage, "_consecutive_entry_ids", lambda cur, count: None)
    fresh_db.upsert("departments", _departments(["1", "2", "3"]))
    earlier = entry_ids(fresh_db, "departments")
    fresh_db.upsert("departments", _departments([str(n) for n in range(4, 104)]))
    later = [n for n in entry_ids(fresh_db, "departments") if n not in earlier]
    assert len(earlier) == 3 and len(later) == 100 == len(set(later))
    assert min(later) > max(earlier)
    keys = fresh_db.query("SELECT row_key FROM audit_log WHERE entry_id > ? ORDER BY entry_id", [max(earlier)])
    assert sorted(keys["row_key"].map(audit.key_text)) == sorted(f"D{n}" for n in range(4, 104))


def test_a_run_of_entry_numbers_starts_after_whatever_the_sequence_gave_out_before(fresh_db):
    from hrcore import store as storage

    cur = fresh_db._con.cursor()
    assert storage._consecutive_entry_ids(cur, 5) == 1  # nobody else writing: 1..5
    assert storage._consecutive_entry_ids(cur, 1) == 6
    cur.execute("SELECT nextval('audit_entry_ids')")  # what a concurrent writer takes
    assert storage._consecutive_entry_ids(cur, 3) == 8


def test_a_calibration_move_is_in_the_trail(db):
    review = db.query("SELECT review_id, box FROM talent_reviews ORDER BY review_id LIMIT 1").iloc[0]
    target = 9 if review["box"] != 9 else 1
    ninebox.move(db.as_user(User("ana", "hr_analyst")), review["review_id"], target, "calibration", "Ana")
    tables = set(audit.search(db, actor="ana")["table_name"])
    assert "talent_moves" in tables


def test_a_rolled_back_change_leaves_no_trace_in_the_trail(db):
    entries = len(audit.search(db))
    with pytest.raises(RuntimeError):
        with db.transaction() as cur:
            cur.execute("DELETE FROM leave_records")
            raise RuntimeError("changed my mind")
    assert len(audit.search(db)) == entries and db.count("leave_records") > 0


def test_a_password_change_shows_in_the_trail_but_no_hash_ever_does(db):
    access.add_user(db, "root", PASSWORD, "admin")  # the demo company's first account is an admin's
    access.add_user(db, "ana", PASSWORD, "hr_analyst")
    access.update_user(db, "ana", password="another long password")
    trail = db.query("SELECT * FROM audit_log WHERE table_name = 'users'")
    assert not trail["before_row"].fillna("").str.contains("scrypt").any()
    assert not trail["after_row"].fillna("").str.contains("scrypt").any()
    assert "password_changed_at" in audit.search(db, table="users")["changed"].iloc[0]


def test_the_trail_export_escapes_spreadsheet_formulas(db):
    # add_user refuses such a name; a name from elsewhere (an older database, the command line) must still be safe.
    db.as_user(User("=HYPERLINK(1)", "hr_analyst")).upsert(
        "departments", pd.DataFrame({"department_id": ["D900"], "name_en": ["Audit"]}))
    exported = pd.read_csv(__import__("io").BytesIO(audit.export(audit.search(db, table="departments"))),
                           encoding="utf-8-sig", dtype=str)
    assert exported["actor"].iloc[0] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("name", ["=cmd", "li na", "", "@x", "李娜"])
def test_user_names_are_plain_ascii_words(fresh_db, name):
    with pytest.raises(ValueError, match="username"):
        access.add_user(fresh_db, name, PASSWORD, "admin")


# -- edit conflicts --------------------------------------------------------------------------------------------

def test_the_second_of_two_people_saving_the_same_scorecard_gets_a_conflict(db):
    card_id = db.query("SELECT scorecard_id FROM scorecards WHERE status = 'draft' LIMIT 1")["scorecard_id"]
    if card_id.empty:
        card_id = pd.Series([kpi.new_card(db, "employee", "E0000001", "2027Q1", None, "HR")])
    card_id = card_id.iloc[0]
    head, lines = kpi.card(db, card_id)
    seen = int(head["revision"])
    kpi.save_card(db, card_id, lines, "first", seen_revision=seen)
    changed = lines.assign(target=lines["target"] * 2)
    with pytest.raises(ConflictError, match="saved by first"):
        kpi.save_card(db, card_id, changed, "second", seen_revision=seen)
    pd.testing.assert_frame_equal(kpi.card(db, card_id)[1], lines)


def test_approving_after_someone_else_approved_is_a_conflict(db):
    from hrcore.pay import Settings, design, load_inputs

    before = pay.scenarios(db)
    in_force = before.loc[before["status"] == "approved"].sort_values("approved_at")["structure_id"].iloc[-1]
    structure = design(load_inputs(db), Settings())
    first = pay.save_scenario(db, "first idea", structure, "Ana")
    second = pay.save_scenario(db, "second idea", structure, "Bo")
    pay.approve(db, first, "Ana", seen_in_force=in_force)
    with pytest.raises(ConflictError, match="approved by Ana"):
        pay.approve(db, second, "Bo", seen_in_force=in_force)
    with pytest.raises(ConflictError, match="approved by Ana"):
        pay.approve(db, first, "Bo", seen_in_force=first)
    assert pay.scenarios(db).set_index("structure_id").loc[second, "status"] == "draft"


def test_signing_in_and_a_wrong_password_are_in_the_trail_under_the_persons_name(fresh_db):
    access.add_user(fresh_db, "li.na", PASSWORD, "hr_analyst")
    access.sign_in(fresh_db, "li.na", "not the password")
    access.sign_in(fresh_db, "li.na", PASSWORD)
    trail = audit.search(fresh_db, table="users")
    # Each attempt is counted before its password is checked, then recorded as a sign-in or a failure.
    assert trail[["actor", "role", "action"]].head(4).values.tolist()[::-1] == [
        ["li.na", "hr_analyst", f"access.sign_in_{step}"] for step in ("attempt", "failed", "attempt")] + [
        ["li.na", "hr_analyst", "access.sign_in"]]


def test_a_calibration_move_of_someone_a_colleague_just_moved_is_a_conflict(db):
    review = db.query("SELECT review_id, coalesce(calibrated_box, box) AS box FROM talent_reviews "
                      "ORDER BY review_id LIMIT 1").iloc[0]
    seen = int(review["box"])
    first, second = (9, 1) if seen not in (9, 1) else (5, 3)
    ninebox.move(db, review["review_id"], first, "stronger results than rated", "Ana", from_box=seen)
    with pytest.raises(ConflictError, match=f"moved to box {first} by Ana"):
        ninebox.move(db, review["review_id"], second, "weaker potential", "Bo", from_box=seen)
    now = db.query("SELECT calibrated_box FROM talent_reviews WHERE review_id = ?", [review["review_id"]])
    assert int(now["calibrated_box"].iloc[0]) == first


# -- found in review: ways around the rules, closed -----------------------------------------------------------

def test_importing_a_companys_own_data_or_making_an_account_ends_demo_mode(db, tmp_path):
    assert access.is_demo(db)
    raw = imports.read_file(b"employee_id,name_en\nX0001,Real Person\n", "staff.csv")
    assert imports.import_file(db, "employees", b"employee_id,name_en\nX0001,Real Person\n", "staff.csv").written
    assert not access.is_demo(db) and raw.frame.shape == (1, 2)
    other = Store(tmp_path / "other.duckdb")
    from hrcore.demo import build_demo
    build_demo(other, employees=200, seed=1)
    access.add_user(other, "li.na", PASSWORD, "admin")
    assert not access.is_demo(other)
    with pytest.raises(ValueError, match="own data or accounts"):
        build_demo(other, employees=200, seed=1)  # the demo never lands on top of accounts and their trail
    other.close()


@pytest.mark.parametrize("sql", [
    "-- a comment\nDELETE FROM audit_log",
    'DELETE FROM "audit_log"',
    "UPDATE leave_records SET days = days WHERE false; DELETE FROM audit_log",
    "WITH x AS (SELECT 1) UPDATE employees SET base_pay = base_pay * 2",
    "CREATE TABLE copy AS SELECT * FROM employees",
    "TRUNCATE leave_records",
])
def test_statements_outside_the_checked_forms_are_refused_inside_a_transaction(db, sql):
    entries = len(audit.search(db))
    pay_total = db.query("SELECT sum(base_pay) AS s FROM employees")["s"].iloc[0]
    with pytest.raises(PermissionError):
        with db.as_user(User("ana", "hr_analyst")).transaction() as cur:
            cur.execute(sql)
    assert len(audit.search(db)) == entries
    assert db.query("SELECT sum(base_pay) AS s FROM employees")["s"].iloc[0] == pay_total


def test_a_viewer_cannot_write_through_executemany_either(db):
    leaver = db.query("SELECT employee_id FROM employees WHERE status = 'left' LIMIT 1")["employee_id"].iloc[0]
    with pytest.raises(PermissionError, match="viewer"):
        watchlist.start_handover(db.as_user(User("v", "viewer")), leaver, None, None, None, date(2026, 12, 1))
    assert db.query("SELECT * FROM handover_tasks WHERE employee_id = ?", [leaver]).empty


def test_a_manager_cannot_copy_the_card_of_someone_outside_their_departments(db):
    _, people = scope_of(db)
    outsider_card = db.query("SELECT scorecard_id, period FROM scorecards WHERE owner_type = 'employee' "
                             "AND owner_id NOT IN (SELECT unnest(?::VARCHAR[])) LIMIT 1", [sorted(people)]).iloc[0]
    mine = sorted(people)[0]
    # A period of the owner's own appraisal cycle, so the copy is refused for the outsider's card, not the period.
    period = {"monthly": "2031-01", "quarterly": "2031Q1", "half-yearly": "2031-H1", "yearly": "2031"}[
        cycles.owner_cycle(db, "employee", mine)[1]]
    with pytest.raises(ValueError, match="no card"):
        kpi.new_card(manager(db), "employee", mine, period, None, "mgr", copy_from=outsider_card["scorecard_id"])
    assert db.query("SELECT * FROM scorecards WHERE period = ?", [period]).empty


def test_a_manager_neither_starts_the_companys_review_nor_edits_pay_history(db):
    with pytest.raises(PermissionError, match="started by HR"):
        ninebox.start_review(manager(db), "2031", pd.DataFrame(columns=["employee_id", "performance_level",
                                                                        "ability_level", "box"]))
    with pytest.raises(PermissionError, match="employee_events"):
        with manager(db).transaction() as cur:
            cur.execute("UPDATE employee_events SET base_pay = base_pay * 2")


def test_people_saving_different_things_at_the_same_moment_all_get_through(db):
    import threading

    errors = []
    _, people = scope_of(db)
    who = sorted(people)

    def save(n):
        try:
            watchlist.record_signal(db.as_user(User(f"u{n}", "hr_analyst")), who[n], "other", date(2026, 10, 1),
                                    f"note {n}")
        except Exception as error:  # noqa: BLE001 - any failure is what this test looks for
            errors.append(error)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    failures = [e for e in errors if not isinstance(e, ConflictError)]
    assert not failures, failures
    saved = db.query("SELECT count(*) AS n FROM attrition_signals WHERE note LIKE 'note %'")["n"].iloc[0]
    assert saved + len(errors) == 6  # each either saved or told plainly to try again; none lost silently
    assert saved == len(audit.search(db, table="attrition_signals", text="note "))


def test_wrong_passwords_sent_together_are_all_counted(fresh_db):
    import threading

    access.add_user(fresh_db, "li.na", PASSWORD, "hr_analyst")
    threads = [threading.Thread(target=access.sign_in, args=(fresh_db, "li.na", f"guess {n}")) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert access.sign_in(fresh_db, "li.na", PASSWORD) is None  # locked: at least five of the eight counted


def test_signing_in_leaves_everyones_cached_pages_valid(fresh_db):
    access.add_user(fresh_db, "li.na", PASSWORD, "hr_analyst")
    before = fresh_db.data_version()
    access.sign_in(fresh_db, "li.na", "wrong password!")
    access.sign_in(fresh_db, "li.na", PASSWORD)
    assert fresh_db.data_version() == before


def test_a_changed_account_is_noticed_by_a_session_signed_in_before(db):
    access.add_user(db, "root", PASSWORD, "admin")
    access.add_user(db, "mgr", PASSWORD, "manager", department_id=MANAGED)
    user = access.sign_in(db, "mgr", PASSWORD)
    signed_in_at = datetime.now()
    assert not access.account_changed(db, user, signed_in_at)
    access.update_user(db, "mgr", department_id="D610")
    assert access.account_changed(db, user, signed_in_at)


def test_two_people_deciding_the_same_appeal_the_second_is_refused(db):
    from hrcore import competency

    track, level = db.query("SELECT track_id, level FROM cert_levels LIMIT 1").iloc[0]
    person = db.query("SELECT employee_id FROM employees WHERE status = 'active' LIMIT 1")["employee_id"].iloc[0]
    appeal = competency.file_appeal(db, person, track, int(level), "the exam room was too loud", date(2026, 10, 1))
    competency.decide_appeal(db, appeal, "upheld", "h1", date(2026, 10, 2))
    with pytest.raises(ValueError, match="decided"):
        competency.decide_appeal(db, appeal, "rejected", "h2", date(2026, 10, 2))
    assert db.query("SELECT outcome FROM cert_appeals WHERE appeal_id = ?", [appeal])["outcome"].iloc[0] == "upheld"


# -- issue 27: sign-in under concurrent requests ------------------------------------------------------------------

def _all_at_once(calls: list) -> tuple[list, list]:
    """Run ``calls`` on as many threads, released together; their results and the exceptions they raised."""
    import threading

    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as error:  # noqa: BLE001 - any exception reaching a caller is the failure measured
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def counting_checks(monkeypatch) -> list[str]:
    """The passwords checked against a real account's hash (the stand-in hash for unknown names not counted)."""
    checked = []
    real = access.verify_password

    def counted(password, stored):
        if stored != access._DUMMY:
            checked.append(password)
        return real(password, stored)

    monkeypatch.setattr(access, "verify_password", counted)
    return checked


def test_sixty_concurrent_guesses_check_at_most_five_passwords(fresh_db, monkeypatch):
    access.add_user(fresh_db, "li.na", PASSWORD, "hr_analyst")
    checked = counting_checks(monkeypatch)
    results, errors = _all_at_once([lambda n=n: access.sign_in(fresh_db, "li.na", f"guess number {n}")
                                    for n in range(60)])
    assert not errors and results == [None] * 60
    assert 1 <= len(checked) <= access.MAX_FAILED
    account = access.users(fresh_db).iloc[0]
    assert pd.notna(account["locked_until"])
    assert access.sign_in(fresh_db, "li.na", PASSWORD) is None  # locked: the right password is not checked now
    assert len(checked) <= access.MAX_FAILED


def test_the_right_password_among_concurrent_guesses_never_comes_back_as_an_error(fresh_db, monkeypatch):
    access.add_user(fresh_db, "li.na", PASSWORD, "hr_analyst")
    guesses = [f"guess number {n}" for n in range(59)] + [PASSWORD]
    import random

    random.Random(27).shuffle(guesses)
    results, errors = _all_at_once([lambda g=g: access.sign_in(fresh_db, "li.na", g) for g in guesses])
    assert not errors
    assert all(r is None for g, r in zip(guesses, results) if g != PASSWORD)


def test_twenty_concurrent_correct_sign_ins_all_succeed(fresh_db):
    access.add_user(fresh_db, "li.na", PASSWORD, "hr_analyst")
    results, errors = _all_at_once([lambda: access.sign_in(fresh_db, "li.na", PASSWORD) for _ in range(20)])
    assert not errors
    assert [r.username if r else None for r in results] == ["li.na"] * 20
    account = access.users(fresh_db).iloc[0]
    assert account["failed_attempts"] == 0 and pd.isna(account["locked_until"])


# -- issue 27: the audit trail and accounts ------------------------------------------------------------------------

def test_hr_analyst_sees_no_account_changes_in_the_audit_trail(db):
    access.add_user(db, "root", PASSWORD, "admin")
    access.add_user(db, "mgr", PASSWORD, "manager", department_id=MANAGED)
    access.sign_in(db, "mgr", PASSWORD)
    access.sign_in(db, "mgr", "not the password")
    access.update_user(db, "mgr", department_id="D610")
    analyst = db.as_user(User("ana", "hr_analyst"))
    assert analyst.query("SELECT * FROM audit_log WHERE table_name = 'users'").empty
    assert audit.search(analyst, table="users").empty
    assert not audit.search(analyst, text="mgr")["table_name"].eq("users").any()
    assert "mgr" not in audit.actors(analyst)
    assert len(analyst.query("SELECT * FROM audit_log")) > 0  # the rest of the trail stays theirs to read
    admin = db.as_user(User("root", "admin"))
    assert len(audit.search(admin, table="users")) >= 5


def test_a_failed_sign_in_with_an_unknown_name_is_in_the_trail_for_admins_only(fresh_db):
    access.add_user(fresh_db, "root", PASSWORD, "admin")
    hostile = '=cmd|" /C calc"!A0 ' + "x" * 500
    assert access.sign_in(fresh_db, "no.such.person", "a guessed password") is None
    assert access.sign_in(fresh_db, hostile, "a guessed password") is None
    found = audit.search(fresh_db, text="sign_in_unknown")
    assert found["action"].tolist() == ["access.sign_in_unknown"] * 2
    assert (found["table_name"] == "users").all()
    tried = [json.loads(row)["username"] for row in found["after_row"]]
    assert tried[1] == "no.such.person" and tried[0] == hostile[:access.NAME_KEPT]
    assert not found["after_row"].str.contains("guessed").any()  # never the password
    assert audit.search(fresh_db.as_user(User("ana", "hr_analyst")), text="sign_in_unknown").empty


# -- issue 27: nobody scores, rates, certifies, calibrates or approves their own record --------------------------

ME, COLLEAGUE = "E0000047", "E0000072"  # the head of D300 and a director under them, both in the manager's scope


def me_as_manager(db: Store) -> Store:
    return db.as_user(User("mgr", "manager", MANAGED, employee_id=ME))


def trail_size(db: Store) -> int:
    return int(db.query("SELECT count(*) AS n FROM audit_log")["n"].iloc[0])


def reviewed_and_trained(db: Store, *people: str) -> None:
    """A passed eligibility review and training of level 1 of cs_rep before 2026-10-01 (seed 004 §6.2: the
    order an exam result needs, hrcore.competency.order_problems)."""
    n = len(people)
    db.upsert("cert_eligibility", pd.DataFrame({
        "review_id": [f"ELT{i}" for i in range(n)], "employee_id": list(people), "track_id": "cs_rep", "level": 1,
        "reviewed_on": date(2026, 8, 1), "outcome": "meets", "reviewer": "HR"}))
    db.upsert("cert_training", pd.DataFrame({
        "training_id": [f"TRT{i}" for i in range(n)], "employee_id": list(people), "track_id": "cs_rep", "level": 1,
        "course": "business_knowledge", "mode": "course", "started_on": date(2026, 8, 2),
        "ended_on": date(2026, 9, 1)}))


def certification(person: str, record_id: str) -> pd.DataFrame:
    return pd.DataFrame({"record_id": [record_id], "employee_id": [person], "track_id": ["cs_rep"], "level": [1],
                         "stage": ["course_exam"], "course": ["business_knowledge"], "score": [95.0],
                         "pass_mark": [60.0], "result": ["pass"], "exam_date": [date(2026, 10, 1)]})


def test_nobody_certifies_their_own_record(db):
    from hrcore import competency

    db.set_meta(access.DEMO_FLAG, "false")
    reviewed_and_trained(db, ME, COLLEAGUE)
    before, entries = db.count("certifications"), trail_size(db)
    with pytest.raises(PermissionError, match="own record"):
        competency.record_results(me_as_manager(db), certification(ME, "CR90000001"))
    assert db.count("certifications") == before and trail_size(db) == entries  # refused: nothing written
    assert competency.record_results(me_as_manager(db), certification(COLLEAGUE, "CR90000002")).empty
    assert db.count("certifications") == before + 1


def test_nobody_rates_their_own_360_review(db):
    from hrcore import competency

    item = db.query("SELECT item_id FROM ratings_360 WHERE ratee_id = ? LIMIT 1", [ME])["item_id"].iloc[0]
    rating = pd.DataFrame({"period": ["2026"], "ratee_id": [ME], "rater_id": [COLLEAGUE],
                           "rater_group": ["subordinate"], "item_id": [item], "score": [10]})
    before = db.table("ratings_360")
    with pytest.raises(PermissionError, match="own record"):
        competency.save_ratings(me_as_manager(db), rating)
    assert db.table("ratings_360").equals(before)


def test_nobody_scores_their_own_scorecard(db):
    own = db.query("SELECT scorecard_id FROM scorecards WHERE owner_type = 'employee' AND owner_id = ? LIMIT 1",
                   [ME])["scorecard_id"].iloc[0]
    _, lines = kpi.card(db, own)
    before = db.table("scorecard_lines")
    with pytest.raises(PermissionError, match="own record"):
        kpi.save_card(me_as_manager(db), own, lines.assign(actual=lines["target"]), "mgr")
    assert db.table("scorecard_lines").equals(before)


def test_nobody_calibrates_their_own_box(db):
    review = db.query("SELECT review_id, box FROM talent_reviews WHERE employee_id = ?", [ME]).iloc[0]
    with pytest.raises(PermissionError, match="own record"):
        ninebox.move(me_as_manager(db), review["review_id"], 9 if review["box"] != 9 else 8, "excellent year", "mgr")
    assert db.query("SELECT calibrated_box FROM talent_reviews WHERE review_id = ?",
                    [review["review_id"]])["calibrated_box"].iloc[0] == review["box"]
    assert db.count("talent_moves") == 0


def test_nobody_decides_their_own_appeal(db):
    from hrcore import competency

    appeal = competency.file_appeal(db, ME, "cs_rep", 1, "the exam room was too loud", date(2026, 10, 1))
    with pytest.raises(PermissionError, match="own record"):
        competency.decide_appeal(me_as_manager(db), appeal, "upheld", "mgr", date(2026, 10, 2))
    assert db.query("SELECT outcome FROM cert_appeals WHERE appeal_id = ?", [appeal])["outcome"].iloc[0] == "pending"


def test_a_managers_import_while_the_demo_flag_is_set_is_written_whole_not_refused_after_writing(db):
    # The attack: the rows were committed, then ending the demo mode was refused ("Not allowed: app_meta").  A
    # manager may not write app_meta, so their import leaves the flag alone (their account already ends the demo
    # mode) and is written in one transaction, with nothing refused after the fact.
    assert db.meta(access.DEMO_FLAG) == "true"
    data = certification(COLLEAGUE, "CR90000003").to_csv(index=False).encode()
    reviewed_and_trained(db, COLLEAGUE)
    before = db.count("certifications")
    report = imports.import_file(me_as_manager(db), "certifications", data, "results.csv")
    assert report.written and db.count("certifications") == before + 1
    from hrcore.demo import not_only_the_demo

    assert not_only_the_demo(db)  # the demo is never built over the manager's import


def test_an_account_names_the_employee_it_belongs_to(db):
    access.add_user(db, "root", PASSWORD, "admin")  # an admin from outside the company names nobody
    access.add_user(db, "mgr", PASSWORD, "manager", department_id=MANAGED, employee_id=ME)
    assert access.sign_in(db, "mgr", PASSWORD).employee_id == ME
    assert access.sign_in(db, "root", PASSWORD).employee_id is None
    with pytest.raises(ValueError, match="employee_id: no employee"):
        access.add_user(db, "ghost", PASSWORD, "hr_analyst", employee_id="E9999999")
    access.update_user(db, "mgr", employee_id=COLLEAGUE)
    assert access.users(db).set_index("username").loc["mgr", "employee_id"] == COLLEAGUE
    assert access.account_changed(db, User("mgr", "manager", MANAGED, employee_id=ME), datetime.now())


# -- issue 27: 360 anonymity holds in every read, not only on the 360 page ----------------------------------------

def assert_anonymous(frame: pd.DataFrame, raters: set[str]) -> None:
    """No rater id anywhere, and no group figure resting on fewer raters than the review shows."""
    from hrcore import competency

    assert "rater_id" not in frame.columns and "score" not in frame.columns
    cells = set(frame.astype(str).to_numpy().ravel())
    assert not cells & (raters - set(frame["ratee_id"])), "a rater's id is in the rows"
    for group in competency.OTHER_GROUPS[1:]:
        shown = frame[group].notna()
        assert (frame.loc[shown, f"n_{group}"] >= competency.MIN_GROUP_RATERS).all(), group
    assert (frame.loc[frame["others"].notna(), "n_others"] >= competency.MIN_OTHER_RATERS).all()


@pytest.mark.parametrize("who", [User("mgr", "manager", MANAGED), User("ana", "hr_analyst")], ids=lambda u: u.role)
def test_manager_export_of_360_ratings_has_no_rater_ids(db, who):
    raw = db.table("ratings_360")
    scoped = db.as_user(who)
    exported = pd.read_csv(__import__("io").BytesIO(imports.export_table(scoped, "ratings_360")),
                           encoding="utf-8-sig", dtype={"period": str})
    read = scoped.table("ratings_360")
    queried = scoped.query("SELECT * FROM main.ratings_360")
    for frame in (exported, read, queried):
        assert len(frame) > 0
        assert_anonymous(frame, set(raw["rater_id"]))
    assert scoped.count("ratings_360") == len(read)
    _, people = scope_of(db)
    in_scope = raw[raw["ratee_id"].isin(people)] if who.role == "manager" else raw
    assert set(read["ratee_id"]) == set(in_scope["ratee_id"])
    assert db.as_user(User("root", "admin")).table("ratings_360").equals(raw)  # an admin reads single ratings


def test_the_360_review_reads_the_same_figures_from_the_anonymous_view(db):
    from hrcore import competency

    period = competency.review_periods(db)[0]
    model = competency.models_rated(db, period)[0]
    settings = competency.load_settings(db)

    def people(store):
        data = competency.load_review(store, period, model)
        return competency.review(data.ratings, data.items, data.targets, settings["weights"],
                                 settings["blind_spot_gap"], settings["pass_total"]).people.set_index("ratee_id")

    everyone = people(db)
    analyst = people(db.as_user(User("ana", "hr_analyst")))
    pd.testing.assert_frame_equal(analyst, everyone.loc[analyst.index], check_exact=False, atol=1e-9)
    assert len(analyst) == len(everyone) > 10
    _, mine = scope_of(db)
    managed = people(manager(db))
    assert set(managed.index) == set(everyone.index) & mine
    pd.testing.assert_frame_equal(managed, everyone.loc[managed.index], check_exact=False, atol=1e-9)
    assert competency.headline(db.as_user(User("ana", "hr_analyst")), date(2026, 10, 31)).reviewed == len(everyone)


def test_an_hr_analyst_reads_no_rater_ids_in_the_audit_trail(db):
    from hrcore import competency

    raw = db.table("ratings_360")
    rating = raw[raw["rater_group"] == "peer"].iloc[[0]].assign(score=lambda r: 11 - r["score"])
    assert competency.save_ratings(db, rating).empty
    rater = rating["rater_id"].iloc[0]
    assert len(audit.search(db, table="ratings_360", text=rater)) == 1
    entries = audit.search(db.as_user(User("ana", "hr_analyst")), table="ratings_360")
    edit = entries[entries["operation"] == "update"]
    assert len(edit) == 1 and edit[["row_key", "before_row", "after_row"]].isna().all(axis=None)
    assert audit.search(db.as_user(User("ana", "hr_analyst")), text=rater).empty


def test_a_manager_still_enters_ratings_for_their_people_without_reading_single_ones(db):
    from hrcore import competency

    _, people = scope_of(db)
    raw = db.table("ratings_360")
    theirs = raw[raw["ratee_id"].isin(people) & raw["rater_id"].isin(people) & (raw["rater_group"] == "peer")]
    theirs = theirs.iloc[[0]].assign(score=lambda r: 11 - r["score"])
    assert competency.save_ratings(manager(db), theirs).empty
    stored = db.table("ratings_360").set_index(["period", "ratee_id", "rater_id", "item_id"])
    assert stored.loc[tuple(theirs.iloc[0][["period", "ratee_id", "rater_id", "item_id"]]), "score"] == \
        theirs["score"].iloc[0]
    counts = manager(db).compare("ratings_360", theirs)
    assert counts.unchanged == 0 and counts.updated == 1  # a match is never told apart from a change: no score oracle


def test_the_command_line_links_a_manager_account_to_their_employee(db, monkeypatch, capsys):
    from hrcore.__main__ import main

    monkeypatch.setenv("HRCORE_PASSWORD", PASSWORD)
    where = ["--db", db.path]
    assert main(["user", "add", "root", "--role", "admin", *where]) == 0  # the demo company's first account
    assert main(["user", "add", "zhou.min", "--role", "manager", "--department", MANAGED, *where]) == 2
    assert "--employee" in capsys.readouterr().err
    assert main(["user", "add", "zhou.min", "--role", "manager", "--department", MANAGED, "--employee", ME,
                 *where]) == 0
    assert main(["user", "set", "zhou.min", "--employee", "", *where]) == 2
    assert main(["user", "set", "zhou.min", "--employee", COLLEAGUE, *where]) == 0
    assert access.users(db).set_index("username").loc["zhou.min", "employee_id"] == COLLEAGUE
    # An HR analyst scores and calibrates too: their account names them; a viewer changes nothing and need not.
    assert main(["user", "add", "wu.hr", "--role", "hr_analyst", *where]) == 2
    assert main(["user", "add", "wu.hr", "--role", "hr_analyst", "--employee", COLLEAGUE, *where]) == 0
    assert main(["user", "add", "board.member", "--role", "viewer", *where]) == 0


def test_unknown_names_locked_accounts_and_wrong_passwords_take_the_same_least_time(fresh_db):
    import time

    access.add_user(fresh_db, "li.na", PASSWORD, "hr_analyst")
    access.add_user(fresh_db, "locked.one", PASSWORD, "hr_analyst")
    for n in range(access.MAX_FAILED):
        access.sign_in(fresh_db, "locked.one", f"guess number {n}")
    for name, password in (("nobody", PASSWORD), ("locked.one", PASSWORD), ("li.na", "wrong password"),
                           ("li.na", PASSWORD)):
        started = time.monotonic()
        access.sign_in(fresh_db, name, password)
        assert time.monotonic() - started >= access.ANSWER_SECONDS, name


# -- narrowing to a department (Store.within) --------------------------------------------------------------------

def test_a_store_narrowed_to_a_department_counts_what_pandas_counts_on_its_subtree(db):
    # Recount by hand: the subtree by walking parent links, its people, and each person table's rows of them.
    departments, employees = db.table("departments"), db.table("employees")
    for root in ("D100", "D310", MANAGED):
        depts = subtree(departments, root)
        people = set(employees.loc[employees["department_id"].isin(depts), "employee_id"])
        narrowed = db.within(root)
        assert narrowed.count("departments") == len(depts)
        assert set(narrowed.table("employees")["employee_id"]) == people
        for table, column in access.PERSON_TABLES.items():
            rows = db.table(table)
            assert narrowed.count(table) == rows[column].isin(people).sum(), (root, table)
        cards = db.table("scorecards")
        own = ((cards["owner_type"] == "employee") & cards["owner_id"].isin(people)) | (
            (cards["owner_type"] == "department") & cards["owner_id"].isin(depts))
        assert narrowed.count("scorecards") == own.sum()
        assert narrowed.count("scorecard_lines") == db.table("scorecard_lines")["scorecard_id"].isin(
            cards.loc[own, "scorecard_id"]).sum()


def test_a_manager_narrowing_their_store_never_sees_outside_their_scope(db):
    _, people = scope_of(db)
    mine = manager(db)
    inside = mine.within("D310")  # a department under the manager's
    assert set(inside.table("employees")["employee_id"]) == set(db.within("D310").table("employees")["employee_id"])
    above = mine.within("D000")  # the whole company: no wider than the manager's own scope
    assert set(above.table("employees")["employee_id"]) == people
    for table in TABLES:
        assert above.count(table) == mine.count(table), table
    outside = mine.within("D100")  # another centre: nobody
    for table in [*access.PERSON_TABLES, "employees", "departments", "scorecards", "scorecard_lines"]:
        assert outside.count(table) == 0, table


def test_a_viewer_narrowed_to_a_department_still_reads_no_pay(db):
    narrowed = db.as_user(User("v", "viewer")).within("D310")
    employees = narrowed.table("employees")
    assert len(employees) == db.within("D310").count("employees") > 0
    assert employees["base_pay"].isna().all() and employees["target_bonus"].isna().all()


def test_a_narrowed_store_has_a_cache_key_of_its_own_and_changes_nothing(db):
    mine = manager(db)
    keys = {db.cache_key, db.within("D310").cache_key, mine.cache_key, mine.within("D310").cache_key,
            mine.within("D320").cache_key}
    assert len(keys) == 5
    assert db.within(None) is db
    with pytest.raises(PermissionError, match="for reading"):
        db.within("D310").upsert("attrition_signals", db.table("attrition_signals").head(1))


# -- issue 30: demo personas, the first account that ends demo mode, an active admin always, the demo's reset --
# The personas are checked against the departments and employees tables read with pandas; the reset against a
# fresh build of the same recipe.

def test_each_persona_is_a_real_person_of_the_company_in_their_role(db):
    departments = db.table("departments").set_index("department_id")
    employees = db.table("employees").set_index("employee_id")
    found = demo_company.personas(db)
    assert list(found) == list(demo_company.PERSONAS)
    director, analyst, manager, board = (found[k].user for k in demo_company.PERSONAS)

    assert (director.role, director.employee_id) == ("admin", departments.loc["D610", "head_id"])
    assert analyst.role == "hr_analyst" and employees.loc[analyst.employee_id, "department_id"] == "D610"
    assert analyst.employee_id != director.employee_id
    # The line manager heads one real department and sees that department only.
    assert (manager.role, manager.department_id) == ("manager", "D310")
    assert manager.employee_id == departments.loc["D310", "head_id"]
    assert (board.role, board.employee_id) == ("viewer", None)
    for persona in (found["hr_director"], found["hr_analyst"], found["line_manager"]):
        person = employees.loc[persona.user.employee_id]
        assert (persona.name_en, persona.name_zh, persona.user.label) == (person["name_en"], person["name_zh"],
                                                                         person["name_en"])
        assert person["status"] == "active"
    assert len({p.user.username for p in found.values()}) == 4


def test_a_personas_change_is_recorded_under_the_persona_and_limited_to_their_role(db):
    found = demo_company.personas(db)
    manager = db.as_user(found["line_manager"].user)
    assert set(manager.table("employees")["department_id"]) == {"D310"}
    db.as_user(found["hr_analyst"].user).save_settings("watchlist", {"threshold": 0.5})
    trail = db.query("SELECT actor, role FROM audit_log WHERE table_name = 'app_meta' ORDER BY entry_id DESC LIMIT 1")
    assert trail.iloc[0].tolist() == ["demo.hr-analyst", "hr_analyst"]
    with pytest.raises(PermissionError):
        db.as_user(found["board_member"].user).save_settings("watchlist", {"threshold": 0.5})


def test_the_first_account_of_the_demo_is_its_creators_admin_and_signs_them_in(db):
    director = db.as_user(demo_company.personas(db)["hr_director"].user)
    with pytest.raises(ValueError, match="first account must be an admin"):
        access.add_user(director, "ana", PASSWORD, "viewer")
    assert access.users(db).empty and access.is_demo(db)

    signed_in = access.end_demo(director, "wang.fang", PASSWORD, "Wang Fang")
    assert signed_in == User("wang.fang", "admin", display_name="Wang Fang")
    assert not access.is_demo(db)
    account = access.users(db).set_index("username").loc["wang.fang"]
    assert account["role"] == "admin" and account["active"] and pd.notna(account["last_sign_in"])
    with pytest.raises(ValueError, match="accounts exist already"):
        access.end_demo(db, "li.na", PASSWORD, "Li Na")
    access.add_user(db, "ana", PASSWORD, "viewer")  # after the first, any role


def test_no_change_leaves_the_accounts_without_an_active_admin(db):
    access.end_demo(db, "root", PASSWORD)
    access.add_user(db, "mgr", PASSWORD, "manager", department_id="D310")
    for change in (lambda: access.update_user(db, "root", role="viewer"),
                   lambda: access.update_user(db, "root", active=False),
                   lambda: access.remove_user(db, "root")):
        with pytest.raises(ValueError, match="last active admin"):
            change()
    assert access.users(db).set_index("username").loc["root", ["role", "active"]].tolist() == ["admin", True]

    # With a second admin either may go, but not both; a disabled admin does not count.
    access.add_user(db, "second", PASSWORD, "admin")
    access.update_user(db, "second", active=False)
    with pytest.raises(ValueError, match="last active admin"):
        access.remove_user(db, "root")
    access.update_user(db, "second", active=True)
    access.remove_user(db, "root")
    access.remove_user(db, "mgr")
    assert access.users(db)["username"].tolist() == ["second"]
    with pytest.raises(ValueError, match="last active admin"):  # nor the last account, were it the last admin
        access.remove_user(db, "second")
    with pytest.raises(ValueError, match="no account"):
        access.remove_user(db, "root")


def test_two_admins_demoting_each_other_at_once_leave_one(db):
    access.end_demo(db, "zhou", PASSWORD)
    access.add_user(db, "qian", PASSWORD, "admin")
    # a's demotion is under way (not committed) when b's is asked for: b's must not count on a still being admin.
    with db.transaction() as cur, access._an_admin_kept(cur):
        cur.execute("UPDATE users SET role = 'viewer' WHERE username = 'zhou'")
        with pytest.raises(ConflictError):
            access.update_user(db, "qian", role="viewer")
    roles = access.users(db).set_index("username")["role"].to_dict()
    assert roles == {"zhou": "viewer", "qian": "admin"}


def test_a_reset_builds_the_demo_again_and_keeps_nothing_else(db, tmp_path):
    director = db.as_user(demo_company.personas(db)["hr_director"].user)
    director.upsert("departments", pd.DataFrame({"department_id": ["D999"], "name_en": ["Added"]}))
    director.save_settings("watchlist", {"threshold": 0.5})
    director.save_mapping("mine", "employees", {"columns": {}})
    admin = db.as_user(access.end_demo(director, "wang.fang", PASSWORD, "Wang Fang"))
    version = db.data_version()
    trail = len(db.query("SELECT * FROM audit_log"))

    counts = demo_company.reset_demo(admin)

    fresh = Store(tmp_path / "fresh.duckdb")
    assert counts == demo_company.build_demo(fresh, employees=300, seed=5)
    pd.testing.assert_frame_equal(db.table("employees"), fresh.table("employees"))
    assert "D999" not in set(db.table("departments")["department_id"])
    assert db.meta("watchlist") is None and db.query("SELECT * FROM import_mappings").empty
    assert access.users(db).empty and access.is_demo(db)  # demo mode again, with its personas
    built = {"employees": 300, "seed": 5, "as_of": demo_company.DEFAULT_AS_OF}
    assert demo_company.recipe(db) == demo_company.recipe(fresh) == built
    assert db.data_version() > version  # pages cached before the reset are not shown after it
    assert len(db.query("SELECT * FROM audit_log")) > trail  # the trail stays, the reset in it
    assert set(db.query("SELECT actor FROM audit_log WHERE action = 'demo.reset_demo'")["actor"]) == {"wang.fang"}


def test_only_an_admin_resets_and_only_the_demo(db):
    with pytest.raises(PermissionError):
        demo_company.reset_demo(db.as_user(demo_company.personas(db)["hr_analyst"].user))
    db.set_meta(access.DEMO_FLAG, "false")  # what an import of a company's own data does
    with pytest.raises(ValueError, match="never reset") as refused:
        demo_company.reset_demo(db)
    assert not db.table("employees").empty
    # The users page shows the refusal in its reader's language, from its code.
    assert errors.problem_text(refused.value, "zh") == "数据库：这不是原样的演示公司（其中有公司自己的数据），不会重置"


def test_a_demo_built_before_the_recipe_was_kept_is_rebuilt_at_its_size(db):
    with db.transaction() as cur:
        cur.execute("DELETE FROM app_meta WHERE key = ?", [demo_company.RECIPE_KEY])
    active = (db.table("employees")["status"] == "active").sum()
    assert demo_company.recipe(db) == {"employees": active, "seed": 7, "as_of": demo_company.DEFAULT_AS_OF}


def test_the_command_line_removes_accounts_but_the_last_admin_and_resets_the_demo(db, monkeypatch, capsys):
    from hrcore.__main__ import main

    monkeypatch.setenv("HRCORE_PASSWORD", PASSWORD)
    where = ["--db", db.path]
    assert main(["user", "add", "root", "--role", "admin", *where]) == 0
    assert main(["user", "add", "ana", "--role", "viewer", *where]) == 0
    assert main(["user", "remove", "ana", *where]) == 0
    assert main(["user", "remove", "root", *where]) == 2
    assert "last active admin" in capsys.readouterr().err
    assert access.users(db)["username"].tolist() == ["root"]
    employees = db.table("employees")
    assert main(["demo", "--reset", *where]) == 0
    assert access.users(db).empty and access.is_demo(db)
    pd.testing.assert_frame_equal(db.table("employees"), employees)  # built again from its recipe
    db.set_meta(access.DEMO_FLAG, "false")
    assert main(["demo", "--reset", *where]) == 2
    assert "never reset" in capsys.readouterr().err


def test_account_refusals_read_in_chinese_with_their_values(fresh_db):
    from hrcore.errors import problem_text

    access.add_user(fresh_db, "wang.fang", "a long enough password", "admin")
    with pytest.raises(ValueError, match="'wang.fang' exists already") as taken:
        access.add_user(fresh_db, "wang.fang", "another long password", "admin")
    with pytest.raises(ValueError, match="at least 10 characters") as short:
        access.add_user(fresh_db, "li.lei", "short", "admin")
    with pytest.raises(ValueError, match="last active admin") as last:
        access.remove_user(fresh_db, "wang.fang")
    assert [problem_text(e.value, "zh") for e in (taken, short, last)] == [
        "用户名：用户名“wang.fang”已存在", "密码：至少 10 个字符", "角色：不能降级、停用或删除最后一个启用的管理员账号"]


def test_a_write_refused_to_an_account_reads_in_chinese_naming_the_table(db):
    from hrcore import competency
    from hrcore.errors import problem_text

    db.set_meta(access.DEMO_FLAG, "false")
    reviewed_and_trained(db, ME)
    with pytest.raises(PermissionError, match="own record") as own:
        competency.record_results(me_as_manager(db), certification(ME, "CR90000001"))
    with pytest.raises(PermissionError, match="a viewer cannot change data") as viewer:
        db.as_user(User("ana", "viewer")).upsert("employees", pd.DataFrame({"employee_id": [ME], "grade": [9]}))
    # The table by its label (table.certifications, table.employees), the person by their id.
    assert [problem_text(e.value, "zh") for e in (own, viewer)] == [
        f"胜任力认证记录：这是您本人的记录（{ME}）：评分、评价、认证、校准或审批须由他人进行；未作任何修改",
        "员工：只读用户不能修改数据"]
