"""Who may see and change what: accounts, passwords, roles and their scope.

Four roles (DOMAIN: pay and performance data are the most sensitive a company holds):

``admin``
    everything, including accounts.
``hr_analyst``
    all data, every page; no account administration.
``manager``
    every page, but only the people of their department and the departments
    under it; may record changes about those people only.
``viewer``
    the dashboards; no individual pay, no changes.

The scope is not a filter in the pages: :meth:`hrcore.store.Store.as_user`
gives a store whose every read goes through views limited to the user's scope
(:func:`scope_views`), and whose writes are refused outside it.  Passwords are
kept as salted scrypt hashes (RFC 7914, the standard library's
``hashlib.scrypt``), never in clear.

>>> from hrcore.store import Store
>>> store = Store()
>>> add_user(store, "li.na", "correct horse battery", "hr_analyst", display_name="Li Na")
>>> sign_in(store, "li.na", "wrong password") is None
True
>>> sign_in(store, "li.na", "correct horse battery").role
'hr_analyst'
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import random
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from hrcore import competency
from hrcore.errors import Forbidden, Refused

ROLES = ("admin", "hr_analyst", "manager", "viewer")
# The roles that score, rate, certify, calibrate and approve people: their accounts must name their own employee
# record (the Accounts page and the command line ask for it), so that nobody judges themselves.  An admin may come
# from outside the company; a viewer changes nothing.
LINKED_ROLES = ("hr_analyst", "manager")
MIN_PASSWORD = 10
# scrypt cost: n=2**14, r=8 (the parameters RFC 7914 and OWASP give for interactive sign-in), ~50 ms a try.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILED = 5
LOCK_MINUTES = 15
IDLE_MINUTES = 30
DEMO_FLAG = "demo_company"
# Names appear in exports and logs: plain ASCII words, so none can start a spreadsheet formula.
USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
NAME_KEPT = 64
ANSWER_SECONDS = 0.2
"""The least time a sign-in takes to answer, whatever the answer (a check itself takes some 50 ms)."""
"""Characters of a name nobody has that the trail keeps of a failed sign-in (a real name is at most 64)."""
_attempt_locks: dict[tuple[str, str], threading.Lock] = {}
_attempt_locks_guard = threading.Lock()
_jitter = random.Random()  # spreads retried writes apart; nothing secret depends on it
# A read-only database cannot count attempts: this process counts them instead, (database, account) -> times.
_read_only_failures: dict[tuple[str, str], list[datetime]] = {}

# Tables about one person, and the column naming them: a manager reads and changes only their people's rows.
PERSON_TABLES = {
    "employee_events": "employee_id",
    "ratings_360": "ratee_id",
    "certifications": "employee_id",
    "cert_appeals": "employee_id",
    "cert_eligibility": "employee_id",
    "cert_training": "employee_id",
    "talent_reviews": "employee_id",
    "ability_assessments": "employee_id",
    "talent_moves": "employee_id",
    "talent_actions": "employee_id",
    "leave_records": "employee_id",
    "attrition_signals": "employee_id",
    "handover_tasks": "employee_id",
    "exposure": "employee_id",
    "retention_actions": "employee_id",
}
# Scorecards belong to a person or a department (position cards are company-wide: not a manager's); appeals
# against a card and coaching notes on it go with the card.
CARD_TABLES = ("scorecards", "scorecard_lines", "kpi_appeals", "kpi_coaching_notes")
CARD_RECORDS = ("scorecard_lines", "kpi_appeals", "kpi_coaching_notes")
"""The tables whose rows belong to a card (``scorecard_id``): in a manager's scope when the card is."""
# People's records a manager reads but HR keeps: pay history, and whole-company review placements.
MANAGER_READ_ONLY = ("employee_events",)
# Tables whose rows name a rater who was promised anonymity, and the key their aggregate has instead: only an
# admin reads them row by row.  (Scorecards' appraiser, ability assessors and job-evaluation panels rate openly.)
RATER_TABLES = {"ratings_360": ("period", "ratee_id", "item_id")}
# Columns holding one person's pay: a viewer never reads them.
PAY_COLUMNS = {"employees": ("base_pay", "target_bonus"), "employee_events": ("base_pay",)}


@dataclass(frozen=True)
class User:
    """A signed-in person.  ``department_id`` is the root of a manager's scope; ``employee_id`` is who they are
    in the data (optional for an admin)."""

    username: str
    role: str
    department_id: str | None = None
    display_name: str | None = None
    employee_id: str | None = None
    """The employee the account belongs to: their own record is not theirs to score, rate, certify or calibrate."""

    @property
    def label(self) -> str:
        return self.display_name or self.username

    @property
    def can_write(self) -> bool:
        return self.role != "viewer"

    @property
    def sees_everyone(self) -> bool:
        return self.role in ("admin", "hr_analyst")


SYSTEM = User("system", "admin", display_name="hrcore (command line)")
_DUMMY = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
DEMO = User("demo", "admin", display_name="Demo")


# ---------------------------------------------------------------------------
# Passwords
# ---------------------------------------------------------------------------

def hash_password(password: str, salt: bytes | None = None) -> str:
    """A salted scrypt hash as ``scrypt$n$r$p$salt$hash`` (base64), safe to store.

    >>> stored = hash_password("correct horse battery", salt=b"0123456789abcdef")
    >>> stored.split("$")[:4]
    ['scrypt', '16384', '8', '1']
    >>> verify_password("correct horse battery", stored), verify_password("Correct horse battery", stored)
    (True, False)
    """
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    encode = lambda raw: base64.b64encode(raw).decode("ascii")  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encode(salt)}${encode(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a :func:`hash_password` string (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def check_password(password: str, username: str = "") -> str:
    """``password`` if it is acceptable, else ValueError saying why."""
    if len(password) < MIN_PASSWORD:
        raise Refused("password_short", field="password", n=MIN_PASSWORD)
    if username and username.lower() in password.lower():
        raise Refused("password_has_name", field="password")
    return password


# ---------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------

def _check_role(store, role: str, department_id: str | None) -> None:
    if role not in ROLES:
        raise Refused("account_role_unknown", field="role", roles=list(ROLES), role=role)
    if role == "manager":
        if not department_id:
            raise Refused("account_manager_department", field="department_id")
        known = store.query("SELECT 1 FROM departments WHERE department_id = ?", [department_id])
        if known.empty:
            raise Refused("account_department_unknown", field="department_id", department=department_id)


def _check_employee(store, employee_id: str | None) -> str | None:
    employee_id = str(employee_id).strip() if employee_id is not None and pd.notna(employee_id) else ""
    if not employee_id:
        return None
    if store.query("SELECT 1 FROM employees WHERE employee_id = ?", [employee_id]).empty:
        raise Refused("account_employee_unknown", field="employee_id", employee=employee_id)
    return employee_id


def add_user(store, username: str, password: str, role: str, department_id: str | None = None,
             display_name: str | None = None, employee_id: str | None = None) -> None:
    """Create an account (ValueError if the name is taken, the role unknown, the employee not on file or the
    password weak).  ``employee_id`` links the account to the person it belongs to, whose own record it may
    then not score, rate, certify, calibrate or approve; an admin from outside the company names nobody."""
    username = str(username).strip()
    if not USERNAME.fullmatch(username):
        raise Refused("account_username_form", field="username")
    _check_role(store, role, department_id)
    employee_id = _check_employee(store, employee_id)
    check_password(password, username)
    if role != "admin" and is_demo(store):
        # Demo mode ends with the first account: were it not an admin's, nobody could manage accounts any more.
        raise Refused("account_demo_admin_first", field="role")
    with store.transaction() as cur:
        if cur.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchall():
            raise Refused("account_taken", field="username", username=username)
        now = datetime.now()
        cur.execute("INSERT INTO users (username, display_name, role, department_id, employee_id, password_hash, "
                    "active, password_changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, true, ?, ?)",
                    [username, display_name or None, role, department_id if role == "manager" else None,
                     employee_id, hash_password(password), now, now])


def update_user(store, username: str, *, role: str | None = None, department_id: str | None = None,
                active: bool | None = None, password: str | None = None, display_name: str | None = None,
                employee_id: str | None = None) -> None:
    """Change an account's role, scope, status, display name, employee (``""`` unlinks) or password; unlocks it."""
    current = users(store)
    row = current[current["username"] == username]
    if row.empty:
        raise Refused("account_unknown", field="username", username=username)
    role = role or row["role"].iloc[0]
    department_id = department_id if department_id is not None else row["department_id"].iloc[0]
    _check_role(store, role, department_id)
    sets = {"role": role, "department_id": department_id if role == "manager" else None,
            "failed_attempts": 0, "locked_until": None}
    if active is not None:
        sets["active"] = bool(active)
    if display_name is not None:
        sets["display_name"] = display_name or None
    if employee_id is not None:
        sets["employee_id"] = _check_employee(store, employee_id)
    if password is not None:
        sets["password_hash"] = hash_password(check_password(password, username))
        sets["password_changed_at"] = datetime.now()
    with store.transaction() as cur, _an_admin_kept(cur):
        cur.execute(f"UPDATE users SET {', '.join(f'{c} = ?' for c in sets)} WHERE username = ?",
                    [*sets.values(), username])


def remove_user(store, username: str) -> None:
    """Delete an account (its entries in the audit trail stay); never the last active admin's."""
    with store.transaction() as cur, _an_admin_kept(cur):
        if not cur.execute("DELETE FROM users WHERE username = ? RETURNING username", [username]).fetchall():
            raise Refused("account_unknown", field="username", username=username)


def _active_admins(cur) -> int:
    return cur.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active").fetchall()[0][0]


@contextlib.contextmanager
def _an_admin_kept(cur):
    """Around an account change in a transaction: refuse it (the transaction is undone) when it leaves no active
    admin where there was one, since nobody could then add, unlock or repair an account from the app.

    Every active admin's row is written (unchanged) first, so two admins demoting or removing each other at the
    same moment conflict and one of them is refused, instead of both succeeding on what each read before.
    """
    cur.execute("UPDATE users SET role = role WHERE role = 'admin' AND active")
    had = _active_admins(cur)
    yield
    if had and not _active_admins(cur):
        raise Refused("account_last_admin", field="role")


def end_demo(store, username: str, password: str, display_name: str | None = None) -> User:
    """Create the demo company's first account, the admin account of the person creating it, and sign them in.

    Demo mode ends with it (:func:`is_demo`): from then on everyone signs in, and this admin makes the other
    accounts.  ValueError when the database is not in demo mode or the account cannot be made.

    >>> from hrcore.store import Store
    >>> store = Store()
    >>> store.set_meta(DEMO_FLAG, "true")
    >>> end_demo(store, "wang.fang", "a long enough password", "Wang Fang").role, is_demo(store)
    ('admin', False)
    """
    if not first_account_open(store):
        raise Refused("account_demo_over", field="demo")
    add_user(store, username, password, "admin", display_name=display_name or None)
    return sign_in(store, str(username).strip(), password)


def first_account_open(store) -> bool:
    """Whether whoever uses the app may make the first account, an admin's (:func:`end_demo`): on the demo company,
    or on what became of it when a company's data were imported in demo mode, while it has no account.

    Anyone could act as an admin there a moment ago; without this, an import in demo mode would leave a database
    nobody can use.  A database that never was the demo gets its first account on the server.

    >>> from hrcore.store import Store
    >>> store = Store()
    >>> first_account_open(store)
    False
    >>> store.set_meta(DEMO_FLAG, "false")  # an import ended demo mode
    >>> first_account_open(store)
    True
    """
    return store.meta(DEMO_FLAG) is not None and store.query("SELECT 1 FROM users LIMIT 1").empty


def departments(store) -> pd.DataFrame:
    """The departments a manager's account may be given: ``department_id, name_en, name_zh``, by id."""
    return store.query("SELECT department_id, name_en, name_zh FROM departments ORDER BY department_id")


def users(store) -> pd.DataFrame:
    """Accounts without their hashes: ``username, display_name, role, department_id, active, ...``."""
    return store.query("SELECT * EXCLUDE (password_hash) FROM users ORDER BY username")


def sign_in(store, username: str, password: str, now: datetime | None = None) -> User | None:
    """The user if the password is right and the account active and not locked, else None.

    Five wrong passwords in a row lock the account for 15 minutes.  An
    attempt is counted before its password is checked, in one conditional
    update (:func:`_claim_attempt`): of guesses sent together, at most the
    five the lock allows are checked, the rest are refused unchecked.  The
    attempts on one account are taken one at a time in this process, so
    right passwords sent together never lock each other out, and a write
    conflict is retried here: no caller ever gets an error instead of an answer.
    Each attempt is recorded in the person's name; a name nobody has is
    recorded too (``access.sign_in_unknown``, admins' eyes only).  No answer
    comes sooner than :data:`ANSWER_SECONDS`: a name nobody has, a locked
    account and a wrong password cost a few milliseconds more or less of
    database work, and the answer's timing must not tell them apart.
    """
    started = time.monotonic()
    try:
        return _sign_in(store, username, password, now)
    finally:
        time.sleep(max(0.0, started + ANSWER_SECONDS - time.monotonic()))


def _sign_in(store, username: str, password: str, now: datetime | None) -> User | None:
    from hrcore.store import ConflictError, Store

    def retried(write):
        # Sign-ins of one account are serialised below; a conflict is another account's or an admin's edit.
        for attempt in range(100):
            try:
                return write()
            except ConflictError:
                time.sleep(_jitter.uniform(0.002, 0.02) * (1 + attempt % 5))
        return None

    now = now or datetime.now()
    name = str(username).strip()
    base = store.unscoped() if isinstance(store, Store) else store
    found = base.query("SELECT username, role, department_id, display_name, employee_id FROM users "
                       "WHERE username = ?", [name])
    known = not found.empty
    # A name nobody has goes through the same steps (its claim finds no row), so timing tells no names apart.
    person = _user_of(found.iloc[0]) if known else User(name[:NAME_KEPT], "viewer")
    if getattr(base, "read_only", False):
        return _sign_in_read_only(base, person if known else None, password, now)
    with _attempts_of(base.path, person.username) if known else contextlib.nullcontext():
        stored = retried(lambda: _claim_attempt(base, person, now))
        if stored:
            if verify_password(password, stored):
                return person if retried(lambda: _signed_in(base, person, now)) else None
            retried(lambda: _failed(base, person, now))
            return None
    verify_password(password, _DUMMY)  # unknown, locked or disabled: nothing checked, yet answered as slowly
    if not known:
        retried(lambda: _failed(base, person, now))  # finds no row either: the work a wrong password costs
        retried(lambda: base.record("access.sign_in_unknown", "users", "event", None,
                                          {"username": name[:NAME_KEPT]}))
    return None


def _sign_in_read_only(base, person: User | None, password: str, now: datetime) -> User | None:
    """Sign-in where nothing can be written: the account's stored state (active, locked) holds, and this process
    counts the failures, with the same five tries and fifteen minutes, since the database cannot."""
    row = base.query("SELECT password_hash, active, locked_until FROM users WHERE username = ?",
                     [person.username]) if person else pd.DataFrame()
    with _attempt_locks_guard:
        tries = _read_only_failures.setdefault((base.path, person.username if person else ""), [])
        tries[:] = [t for t in tries if now - t < timedelta(minutes=LOCK_MINUTES)]
        usable = (not row.empty and bool(row["active"].iloc[0]) and len(tries) < MAX_FAILED
                  and not (pd.notna(row["locked_until"].iloc[0]) and row["locked_until"].iloc[0] > now))
        if usable:
            tries.append(now)  # counted before the check, as on a database that can be written
    if usable and verify_password(password, row["password_hash"].iloc[0]):
        with _attempt_locks_guard:
            tries.clear()
        return person
    if not usable:
        verify_password(password, _DUMMY)
    return None


def _user_of(row) -> User:
    given = lambda column: row[column] if pd.notna(row[column]) else None  # noqa: E731
    return User(row["username"], row["role"], given("department_id"), given("display_name"), given("employee_id"))


def _attempts_of(path: str, username: str) -> threading.Lock:
    """The lock that takes one account's sign-ins one at a time (one per database and account, kept for good:
    there are only as many as accounts, unknown names take none)."""
    with _attempt_locks_guard:
        return _attempt_locks.setdefault((path, username), threading.Lock())


def _claim_attempt(base, person: User, now: datetime) -> str | None:
    """Count one attempt on ``person``'s account before its password is checked; the stored hash to check it
    against, or None when the account is disabled or locked (then nothing is counted and nothing may be checked).

    The attempt that makes five sets the lock at once, so guesses arriving meanwhile find it; a lock that has
    run out starts the count again.  A right password then clears both (:func:`_signed_in`).
    """
    with base.transaction("access.sign_in_attempt", on_behalf_of=person) as cur:
        so_far = "(CASE WHEN locked_until IS NULL THEN failed_attempts ELSE 0 END) + 1"
        rows = cur.execute(
            f"UPDATE users SET failed_attempts = {so_far}, locked_until = CASE WHEN {so_far} >= ? THEN ? END "
            "WHERE username = ? AND active AND (locked_until IS NULL OR locked_until <= ?) RETURNING password_hash",
            [MAX_FAILED, now + timedelta(minutes=LOCK_MINUTES), person.username, now]).fetchall()
    return rows[0][0] if rows else None


def _signed_in(base, person: User, now: datetime) -> bool:
    with base.transaction("access.sign_in", on_behalf_of=person) as cur:
        cur.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in = ? WHERE username = ?",
                    [now, person.username])
    return True


def _failed(base, person: User, now: datetime) -> bool:
    # The attempt was counted before the check; what is left to record is that it failed, and when.
    with base.transaction("access.sign_in_failed", on_behalf_of=person) as cur:
        cur.execute("UPDATE users SET last_failed_at = ? WHERE username = ?", [now, person.username])
    return True


def account_changed(store, user: User, signed_in_at: datetime) -> bool:
    """Whether ``user``'s account was disabled, changed role, scope or employee, or got a new password since
    signing in."""
    found = store.query("SELECT role, department_id, employee_id, active, password_changed_at FROM users "
                        "WHERE username = ?", [user.username])
    if found.empty:
        return True
    row = found.iloc[0]
    department = row["department_id"] if pd.notna(row["department_id"]) else None
    employee = row["employee_id"] if pd.notna(row["employee_id"]) else None
    renewed = pd.notna(row["password_changed_at"]) and row["password_changed_at"] > signed_in_at
    return (not row["active"] or row["role"] != user.role or department != user.department_id
            or employee != user.employee_id or renewed)


def is_demo(store) -> bool:
    """Whether the database is the bundled demo company (sign-in may be skipped, with a banner).

    Only while it has no accounts: once somebody made one, everyone signs in.
    Importing a company's own data clears the flag (:func:`hrcore.imports.import_file`).
    """
    return store.meta(DEMO_FLAG) == "true" and store.query("SELECT 1 FROM users LIMIT 1").empty


def idle_expired(last_seen: datetime | None, now: datetime | None = None, minutes: int = IDLE_MINUTES) -> bool:
    """Whether a session last active at ``last_seen`` has been idle too long.

    >>> idle_expired(datetime(2026, 1, 1, 9, 0), datetime(2026, 1, 1, 9, 30))
    False
    >>> idle_expired(datetime(2026, 1, 1, 9, 0), datetime(2026, 1, 1, 9, 30, 1))
    True
    """
    if last_seen is None:
        return False
    return (now or datetime.now()) - last_seen > timedelta(minutes=minutes)


# ---------------------------------------------------------------------------
# Scope: the views a user's store reads through
# ---------------------------------------------------------------------------

def department_predicates(department_id: str, base: str) -> dict[str, str]:
    """Per table, the condition a row meets when it belongs to ``department_id`` and the departments under it:
    the departments themselves, their people, those people's records and the cards of both.

    >>> department_predicates("D1", "hr.main")["employees"].startswith("department_id IN (WITH RECURSIVE")
    True
    """
    depts = (f"(WITH RECURSIVE tree(id) AS (SELECT {_literal(department_id)} UNION "
             f"SELECT d.department_id FROM {base}.departments d JOIN tree ON d.parent_id = tree.id) "
             f"SELECT id FROM tree)")
    people = f"(SELECT employee_id FROM {base}.employees WHERE department_id IN {depts})"
    found = {"departments": f"department_id IN {depts}", "employees": f"department_id IN {depts}"}
    for table, column in PERSON_TABLES.items():
        found[table] = f"{column} IN {people}"
    own_card = f"(owner_type = 'employee' AND owner_id IN {people}) OR (owner_type = 'department' AND owner_id IN {depts})"
    found["scorecards"] = own_card
    for table in CARD_RECORDS:
        found[table] = f"scorecard_id IN (SELECT scorecard_id FROM {base}.scorecards WHERE {own_card})"
    return found


def scope_predicates(user: User, base: str, within: tuple[str, ...] = ()) -> dict[str, str]:
    """Per table, the condition a row must meet for ``user`` to read or change it (none: every row).

    ``base`` is the catalog-qualified schema of the real tables (``"hr".main``).
    Everyone but an admin sees only their own account; an HR analyst reads the
    audit trail without the accounts' entries, managers and viewers see no
    audit trail; a manager sees the departments under theirs and their
    people's rows.  ``within`` narrows further to each of these departments'
    subtrees (:meth:`hrcore.store.Store.within`): a row must meet every
    condition, so narrowing never widens a manager's scope.
    """
    found: dict[str, str] = {}
    if user.role != "admin":
        found["users"] = f"username = {_literal(user.username)}"
        # Accounts are an admin's business: their entries (roles, scopes, sign-ins, locks, names tried) too.
        found["audit_log"] = "table_name <> 'users'"
    if user.role in ("manager", "viewer"):
        found["audit_log"] = "false"
    roots = ((user.department_id,) if user.role == "manager" else ()) + tuple(within)
    for department_id in roots:
        for table, condition in department_predicates(department_id, base).items():
            found[table] = f"({found[table]}) AND ({condition})" if table in found else condition
    return found


def scope_views(user: User, base: str, within: tuple[str, ...] = (), with_pay: bool = False) -> dict[str, str]:
    """SELECTs that stand in for tables in ``user``'s store: their rows in scope (narrowed ``within``
    departments, :func:`scope_predicates`), no pay for a viewer.

    ``with_pay`` keeps the pay columns (the rows stay in scope): for the figures the system computes from pay for
    every role alike (:meth:`hrcore.store.Store.reading_pay`), never for what a viewer is shown.

    >>> scope_views(User("ana", "viewer"), "hr.main")["employees"]
    'SELECT * REPLACE (NULL::DOUBLE AS base_pay, NULL::DOUBLE AS target_bonus) FROM hr.main.employees'
    >>> "employees" in scope_views(User("ana", "viewer"), "hr.main", with_pay=True)
    False
    """
    conditions = scope_predicates(user, base, within)
    hidden_pay = PAY_COLUMNS if not sees_pay(user) and not with_pay else {}
    views = {}
    for table in [*conditions, *(t for t in hidden_pay if t not in conditions)]:
        hidden = ", ".join(f"NULL::DOUBLE AS {c}" for c in hidden_pay.get(table, ()))
        views[table] = (f"SELECT *{f' REPLACE ({hidden})' if hidden else ''} FROM {base}.{table}"
                        + (f" WHERE {conditions[table]}" if table in conditions else ""))
    if not sees_raters(user):
        # Single 360 answers name their rater: everyone but an admin reads them as the review shows them,
        # by group under the review's anonymity rules (the same SQL for every page, export and query).
        rows = f"({views['ratings_360']})" if "ratings_360" in views else f"{base}.ratings_360"
        views["ratings_360"] = competency.anonymous_ratings_sql(rows, f"{base}.app_meta")
        if "audit_log" in views:  # the trail's copies of those rows (key and images) are not theirs to read
            rows_of = f"table_name IN ({', '.join(map(_literal, RATER_TABLES))}) AND operation <> 'replace'"
            blank = ", ".join(f"CASE WHEN {rows_of} THEN NULL ELSE {c} END AS {c}"
                              for c in ("row_key", "before_row", "after_row"))  # a demo load's counts stay
            views["audit_log"] = views["audit_log"].replace("SELECT * FROM", f"SELECT * REPLACE ({blank}) FROM", 1)
    return views


def sees_pay(user: User | None) -> bool:
    """Whether ``user`` may read one person's pay (everyone but a viewer; None, the command line, does).

    >>> sees_pay(User("ana", "viewer")), sees_pay(User("li", "manager", "D1"))
    (False, True)
    """
    return user is None or user.role != "viewer"


def sees_raters(user: User) -> bool:
    """Whether ``user`` reads single 360 answers and who gave them (admins only; everyone else the review's
    anonymous figures, :func:`hrcore.competency.anonymous_ratings_sql`)."""
    return user.role == "admin"


def raw_source(user: User, table: str, base: str) -> str | None:
    """For a table ``user`` reads aggregated (:data:`RATER_TABLES`), its rows in their scope, unaggregated:
    what a write checks its keys against (never returned to the user).  None for every other table."""
    if table not in RATER_TABLES or sees_raters(user):
        return None
    condition = scope_predicates(user, base).get(table)
    return f"(SELECT * FROM {base}.{table}" + (f" WHERE {condition})" if condition else ")")


# A person's own record, by table: the rows that judge them (scores, ratings, certificates, placements, appeals).
# ``True``: every change counts, a new row too; ``False``: a new row is the company's doing (the placements a
# whole review starts with, worked out from scores), only changing or removing one is a judgement (calibration).
OWN_RECORDS = {
    "ratings_360": ("ratee_id", True),
    "ability_assessments": ("employee_id", True),
    "certifications": ("employee_id", True),
    "cert_appeals": ("employee_id", True),
    "cert_eligibility": ("employee_id", True),
    "talent_reviews": ("employee_id", False),
    "talent_moves": ("employee_id", True),
    "scorecards": (None, True),
    "scorecard_lines": (None, True),
    # An appraisee files an appeal against their own card (a new row); deciding it is someone else's.
    "kpi_appeals": (None, False),
}


def own_record_predicates(user: User, base: str) -> dict[str, tuple[str, bool]]:
    """Per table, the condition a changed row meets when it is ``user``'s own record, and whether a new row
    counts (see :data:`OWN_RECORDS`); empty for an account that names no employee.

    >>> own_record_predicates(User("li", "manager", "D1", employee_id="E7"), "hr.main")["certifications"]
    ("employee_id = 'E7'", True)
    """
    if not user.employee_id:
        return {}
    me = _literal(user.employee_id)
    own_card = f"owner_type = 'employee' AND owner_id = {me}"
    found = {table: (f"{column} = {me}", inserts) for table, (column, inserts) in OWN_RECORDS.items() if column}
    found["scorecards"] = (own_card, True)
    found["scorecard_lines"] = (f"scorecard_id IN (SELECT scorecard_id FROM {base}.scorecards WHERE {own_card})", True)
    found["kpi_appeals"] = (f"scorecard_id IN (SELECT scorecard_id FROM {base}.scorecards WHERE {own_card})", False)
    return found


def may_write(user: User, table: str) -> Forbidden | None:
    """Why ``user`` may not change ``table`` at all (the refusal to raise), or None if they may (rows are checked
    after).

    >>> print(may_write(User("ana", "viewer"), "employees"))
    employees: a viewer cannot change data
    """
    if table == "audit_log":
        return Forbidden("write_audit_trail", field=table)
    if user.role == "viewer":
        return Forbidden("write_viewer", field=table)
    if table == "users" and user.role != "admin":
        return Forbidden("write_accounts_admin", field=table)
    if user.role == "manager" and (table not in PERSON_TABLES and table not in CARD_TABLES
                                   or table in MANAGER_READ_ONLY):
        return Forbidden("write_manager_table", field=table)
    return None


def _literal(value) -> str:
    # Views cannot take parameters; the only values inlined are a user name and a department id, quoted here.
    return "'" + str(value).replace("'", "''") + "'"
