"""The DuckDB store: the only module that talks to the database.

One connection per database file per process (:func:`open_store`), a fresh
cursor for every query, parameterised SQL only.  The schema is built by the
numbered SQL files in ``hrcore/migrations``; each applied file is recorded in
``schema_migrations`` so opening an older database brings it up to date.

>>> store = Store(":memory:")
>>> store.schema_version()
14
>>> store.count("employees")
0
"""

from __future__ import annotations

import contextlib
import copy
import errno
import fcntl
import functools
import json
import logging
import os
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd
import pyarrow as pa

from hrcore import access
from hrcore.access import User
from hrcore.errors import Conflict, ConflictError, Forbidden, Refused  # noqa: F401  (ConflictError: callers import it from here)
from hrcore.schema import TABLES

READ_ONLY = "the database file is read-only here: nothing can be saved (ask whoever runs hrcore)"
DISK_FULL = ("the disk holding the database ({where}) is full: nothing of yours was saved; free some space "
             "(or ask whoever runs hrcore to), then try again")

# Arrow's own allocator (mimalloc) keeps what a big result freed for its own reuse, out of reach of pandas and
# DuckDB: at a million employees a page that reads 7 million ratings and then scores everyone held both at once.
# jemalloc told to give freed memory straight back does not (that page: 2.7 -> 2.2 GB), and imports run
# faster on it (a million employees: 9.4 -> 8.3 s).
try:
    pa.set_memory_pool(pa.jemalloc_memory_pool())
    pa.jemalloc_set_decay_ms(0)
except NotImplementedError:  # a pyarrow built without jemalloc
    pa.set_memory_pool(pa.system_memory_pool())

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "hr.duckdb"
DB_ENV = "HRCORE_DB"


def default_path() -> Path:
    """The database file: ``$HRCORE_DB`` if set, else ``data/hr.duckdb``."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def _migrations() -> list[tuple[int, str, str]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = re.match(r"(\d+)_(.+)\.sql$", path.name)
        if match:
            found.append((int(match[1]), match[2], path.read_text(encoding="utf-8")))
    return found


def arrow_frame(table: pa.Table) -> pd.DataFrame:
    """A DuckDB result, fetched as Arrow, as the DataFrame ``.df()`` would give (in a third of the time).

    Arrow is DuckDB's fast path out (strings above all); these columns are then
    typed as ``.df()`` types them, so readers see one set of dtypes: dates as
    ``datetime64[us]``, integers and booleans with gaps as nullable ``Int*`` and
    ``boolean``, decimals (``sum`` of integers too) as floats, text columns
    holding no text as objects.

    >>> import duckdb
    >>> sql = "SELECT DATE '2026-01-31' AS day, NULL::INT AS level, 2::DECIMAL(4, 1) AS pay, NULL::BOOLEAN AS kept"
    >>> arrow_frame(duckdb.sql(sql).to_arrow_table()).dtypes.astype(str).tolist()
    ['datetime64[us]', 'Int32', 'float64', 'boolean']
    """
    frame = table.to_pandas(date_as_object=False)
    for position, field in enumerate(table.schema):
        kind, gaps = field.type, table.column(position).null_count
        if pa.types.is_date(kind) or (pa.types.is_timestamp(kind) and kind.tz is None and kind.unit != "us"):
            dtype = "datetime64[us]"
        elif pa.types.is_integer(kind) and gaps:
            dtype = f"{'UInt' if pa.types.is_unsigned_integer(kind) else 'Int'}{kind.bit_width}"
        elif pa.types.is_boolean(kind) and gaps:
            dtype = "boolean"
        elif pa.types.is_decimal(kind):
            dtype = "float64"
        elif pa.types.is_string(kind) and gaps == table.num_rows:
            # .df() leaves a text column with nothing in it as objects (None), not as text.
            frame.isetitem(position, pd.Series([None] * gaps, index=frame.index, dtype=object))
            continue
        else:
            continue
        frame.isetitem(position, frame.iloc[:, position].astype(dtype))
    return frame


def _consecutive_entry_ids(cur: duckdb.DuckDBPyConnection, count: int) -> int | None:
    """Take ``count`` audit entry numbers from the sequence: the first of them when they run unbroken, else None
    (another writer took some in between; the numbers taken are left unused, as a rolled-back insert leaves its own).
    """
    low, high = _first(cur, "SELECT min(n), max(n) FROM (SELECT nextval('audit_entry_ids') AS n FROM range(?))",
                       [count])
    return low if high - low + 1 == count else None


def _scannable(frame: pd.DataFrame) -> pd.DataFrame | pa.Table:
    """``frame`` as DuckDB reads it fastest: an Arrow table (a million rows insert a fifth quicker than from
    pandas), or the frame itself when a column holds Python objects Arrow cannot type."""
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return frame


def _first(cur: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    # fetchall, not fetchone: DuckDB keeps a half-read result open on the cursor.
    rows = cur.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


# Every table's key: the audit trail pairs a row's before and after on it.
KEYS = {name: spec.key for name, spec in TABLES.items()} | {
    "app_meta": ("key",), "import_mappings": ("name", "table_name"), "users": ("username",)}
# Never copied into the audit trail (a change still shows: password_changed_at moves).
SECRET_COLUMNS = {"users": ("password_hash",)}
_WRITE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([A-Za-z_]\w*)\b(?!\s*\.)", re.I)
_WRITES = (duckdb.StatementType.INSERT, duckdb.StatementType.UPDATE, duckdb.StatementType.DELETE)


def _check_table(name: str) -> str:
    # Table names cannot be bound as parameters, so only known names get through.
    if name not in TABLES and name not in ("import_mappings", "app_meta", "schema_migrations"):
        raise ValueError(f"table: unknown table {name!r}")
    return name


def _caller() -> str:
    """Who asked for a change, as ``module.function`` (``kpi.save_card``): the action in the audit trail."""
    frame = sys._getframe(1)
    while frame and (frame.f_globals.get("__name__") in (__name__, "contextlib")
                     or frame.f_code.co_name.startswith("_") and frame.f_back is not None):
        frame = frame.f_back  # the public function a user's action went through, not its helpers
    if frame is None:
        return "unknown"
    module = frame.f_globals.get("__name__", "")
    where = module.rsplit(".", 1)[-1] if module.startswith("hrcore") else Path(frame.f_code.co_filename).stem
    return f"{where}.{frame.f_code.co_name}"


class _AuditedCursor:
    """A transaction's cursor: one SELECT, INSERT, UPDATE or DELETE at a time, each write checked against the
    user's rights and its table copied before the first write; nothing else gets through (fail closed)."""

    ALLOWED = ("register", "unregister", "fetchall", "fetchone", "df", "fetchdf")

    def __init__(self, cur: duckdb.DuckDBPyConnection, base: str, user: User):
        self._cur, self._base, self._user = cur, base, user
        self.touched: list[str] = []

    def _checked(self, sql: str) -> str:
        statements = duckdb.extract_statements(sql)
        if len(statements) != 1:
            raise PermissionError("transaction: one statement at a time")
        kind, text = statements[0].type, statements[0].query
        if kind == duckdb.StatementType.SELECT:
            return text
        written = _WRITE.match(text) if kind in _WRITES else None
        if written is None:
            raise PermissionError(f"transaction: {kind.name} statements of this form are not allowed")
        table = written[1].lower()
        if table not in self.touched:
            if refused := access.may_write(self._user, table):
                raise refused
            self._cur.execute(f"CREATE TEMP TABLE _before_{table} AS SELECT * FROM {self._base}.{table}")
            self.touched.append(table)
        # The write goes to the real table; the statement's reads see the user's scope (their views).
        target = f"{self._base}.{table}" + ("" if kind == duckdb.StatementType.INSERT else f" AS {table}")
        return text[:written.start(1)] + target + text[written.end(1):]

    def next_number(self, table: str, column: str, prefix: str) -> int:
        """The number after the highest ``prefix``-numbered id in the whole table (ids are not personal data,
        and a scoped user must not take an id that a row they cannot see holds)."""
        row = self._cur.execute(
            f"SELECT coalesce(max(TRY_CAST(substr({column}, ?) AS BIGINT)), 0) + 1 FROM {self._base}.{_check_table(table)} "
            f"WHERE starts_with({column}, ?)", [len(prefix) + 1, prefix]).fetchall()
        return int(row[0][0])

    def execute(self, sql: str, params=None):
        return self._cur.execute(self._checked(sql), params or [])

    def executemany(self, sql: str, params):
        return self._cur.executemany(self._checked(sql), params)

    def __getattr__(self, name):
        if name not in self.ALLOWED:
            raise PermissionError(f"transaction: {name} is not available inside a transaction")
        return getattr(self._cur, name)


class StorageFullError(OSError):
    """The disk holding a database or backup had no room (or the file reached its size limit): nothing was written."""


class ReadOnlyError(PermissionError):
    """The database file (or its folder) cannot be written by this process: nothing was saved."""


class StoreUnavailable(OSError):
    """The database file cannot be opened: another process holds it, it is damaged, or it is not an hrcore database.

    Its message is one line a person can act on (the command line prints it); ``reason`` is one of
    ``in_use``, ``damaged``, ``not_hrcore``, ``needs_upgrade`` and ``unreadable``, for a page that must not show
    paths and process ids to whoever opens it.
    """

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


# What the operating system says when a write finds no room: DuckDB passes these on in its own messages.
_NO_ROOM = (os.strerror(errno.ENOSPC), os.strerror(errno.EFBIG))


_NOT_WRITABLE = (os.strerror(errno.EACCES), os.strerror(errno.EROFS))


def _no_room(error: BaseException) -> bool:
    while error is not None:
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EFBIG) or any(
                text in str(error) for text in _NO_ROOM):
            return True
        error = error.__cause__ or error.__context__
    return False


def _lock_holder(message: str) -> str:
    """The process DuckDB names in a lock conflict ("... held in /usr/bin/python3 (PID 42)"), as one phrase."""
    found = re.search(r"held in (.+?) \(PID (\d+)\)", message)
    return f"process {found[2]} ({found[1]})" if found else "another process"


def _opened(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to ``path``, or StoreUnavailable saying in one line why there is none."""
    try:
        # DuckDB's allocator hands memory a query freed back to the system in the background; otherwise a
        # long-running app keeps each big query's high-water mark (the watchlist at a million people: 1 GB).
        return duckdb.connect(path, read_only=read_only, config={"allocator_background_threads": True})
    except duckdb.Error as error:
        message = str(error)
        if "Could not set lock" in message:
            raise StoreUnavailable(f"{path} is in use by {_lock_holder(message)}: stop it first, or "
                                   "work through the app it serves", "in_use") from None
        if "not a valid DuckDB database" in message or "Corrupt" in message or "checksum" in message.lower():
            raise StoreUnavailable(f"{path} is not a readable DuckDB database (damaged or another "
                                   "kind of file): restore a backup with `python -m hrcore restore`", "damaged") from None
        if any(text in message for text in _NOT_WRITABLE):
            raise ReadOnlyError(f"{path} cannot be written: {message}") from None
        raise StoreUnavailable(f"{path} cannot be opened: {message.splitlines()[0]}", "unreadable") from None


@dataclass(frozen=True)
class UpsertResult:
    inserted: int
    updated: int
    unchanged: int


class Store:
    """A migrated DuckDB database.

    Parameters
    ----------
    path : str or Path
        Database file, or ``":memory:"`` for a throw-away database.
    """

    def __init__(self, path: str | Path = ":memory:"):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.read_only = False
        try:
            self._con = _opened(self.path)
        except ReadOnlyError:
            # A file or folder this process may not write (a read-only share, a copy handed out for reading):
            # open it for reading, and every change is refused with one message (``transaction``).
            self._con = _opened(self.path, read_only=True)
            self.read_only = True
        catalog = self._con.execute("SELECT current_database()").fetchone()[0]
        self._base = '"' + catalog.replace('"', '""') + '".main'
        self.user: User | None = None
        self._views: dict[str, str] = {}
        self.within_departments: tuple[str, ...] = ()
        self._session: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.RLock()
        self._pay_reader: Store | None = None
        self.migrate()

    # -- who is asking --------------------------------------------------------
    def as_user(self, user: User) -> Store:
        """This database as ``user`` sees it: every read limited to their scope, every write checked and audited.

        The returned store shares the connection.  Its reads go through one
        cursor of its own on which temporary views named like the tables stand
        in for them (:func:`hrcore.access.scope_views`), so no query, page or
        export can reach rows outside the scope.
        """
        scoped = copy.copy(self)
        scoped.user = user
        scoped.within_departments = ()
        scoped._views = access.scope_views(user, self._base)
        scoped._session = None
        scoped._lock = threading.RLock()
        scoped._pay_reader = None
        return scoped

    def unscoped(self) -> Store:
        """The same database with no user: the command line's and the sign-in check's view."""
        plain = copy.copy(self)
        plain.user, plain._views, plain._session, plain._lock = None, {}, None, threading.RLock()
        plain._pay_reader = None
        plain.within_departments = ()
        return plain

    def reading_pay(self) -> Store:
        """This store with the same rows in scope, pay included: for a figure the system computes from pay for
        every role alike (who is at high risk counts a low compa-ratio for a viewer too).

        Only :mod:`hrcore` reads through it, and what it returns to a role without pay rights leaves the pay
        columns out (:func:`hrcore.access.sees_pay`); never hand it to a page.  A store whose user reads pay is
        its own pay reader.
        """
        if access.sees_pay(self.user):
            return self
        if self._pay_reader is None:
            reader = copy.copy(self)
            reader._views = access.scope_views(self.user, self._base, self.within_departments, with_pay=True)
            reader._session, reader._lock, reader._pay_reader = None, threading.RLock(), None
            self._pay_reader = reader
        return self._pay_reader

    def within(self, department_id: str | None) -> Store:
        """This store narrowed to ``department_id`` and the departments under it (None: this store as it is).

        Every table view is limited as a manager of that department would see
        it (:func:`hrcore.access.department_predicates`), on top of this store's
        own scope: a manager narrowing to a department outside theirs sees
        nobody, never more than before.  Any report run on it is filtered by
        department for free.  It is for reading: changes go through the store
        it came from.

        >>> import pandas as pd
        >>> store = Store()
        >>> _ = store.upsert("departments", pd.DataFrame({"department_id": ["HQ", "S", "S1", "R"],
        ...                                               "parent_id": [None, "HQ", "S", "HQ"]}))
        >>> _ = store.upsert("employees", pd.DataFrame({"employee_id": ["a", "b", "c"],
        ...                                             "department_id": ["S", "S1", "R"]}))
        >>> store.within("S").count("employees"), store.within("S").within("R").count("employees")
        (2, 0)
        """
        if department_id is None:
            return self
        narrowed = copy.copy(self)
        narrowed.within_departments = (*self.within_departments, str(department_id))
        narrowed._views = access.scope_views(self.user or access.SYSTEM, self._base, narrowed.within_departments)
        narrowed._session = None
        narrowed._lock = threading.RLock()
        narrowed._pay_reader = None
        return narrowed

    @property
    def cache_key(self) -> str:
        """Identifies what this store can see: the key of cached readers (never share a cache across scopes)."""
        if not self._views:
            return self.path
        who = f"{self.user.role}:{self.user.department_id or ''}:{self.user.username}" if self.user else "system"
        return f"{self.path}#{who}" + "".join(f"@{department}" for department in self.within_departments)

    # -- plumbing -----------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for reading: a fresh one per query, or for a scoped user their session's (its views set up)."""
        if not self._views:
            return self._con.cursor()
        if self._session is None:
            session = self._con.cursor()
            for table, select in self._views.items():
                session.execute(f"CREATE TEMP VIEW {table} AS {select}")
            self._session = session
        return self._session

    @contextlib.contextmanager
    def _reading(self):
        # A scoped store's single cursor must not run two queries at once (a page and a cached reader); an
        # unscoped one gives each query a cursor of its own, so threads may read side by side.
        with self._lock if self._views else contextlib.nullcontext():
            yield self.cursor()

    def close(self) -> None:
        self._con.close()

    def migrate(self) -> list[int]:
        """Apply the migrations this database has not seen; return their numbers."""
        cur = self._con.cursor()
        tables = set(_stored_tables(cur))
        if tables and "schema_migrations" not in tables:
            # Another program's database: never add hrcore's tables to it.
            raise StoreUnavailable(f"{self.path} is a DuckDB database but not an hrcore one (it has no "
                                   "schema_migrations table)", "not_hrcore")
        if not self.read_only:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
            )
        done = {v for (v,) in cur.execute("SELECT version FROM schema_migrations").fetchall()} if (
            tables or not self.read_only) else set()
        pending = [m for m in _migrations() if m[0] not in done]
        if pending and self.read_only:
            raise StoreUnavailable(f"{self.path} is read-only and from an older hrcore (schema "
                                   f"{max(done, default=0)}): open it once where it can be written, to bring it up "
                                   "to date", "needs_upgrade")
        if pending and done and self.path != ":memory:":
            # An existing database is about to change shape: keep a copy of it as it was.
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            self.backup(Path(f"{self.path}.before-v{pending[0][0]:03d}-{stamp}.bak"))
        applied = []
        for version, name, sql in pending:
            cur.execute("BEGIN TRANSACTION")
            try:
                cur.execute(sql)
                cur.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    [version, name, datetime.now()],
                )
                cur.execute("COMMIT")
            except Exception:
                cur.execute("ROLLBACK")
                raise
            applied.append(version)
        return applied

    def backup(self, target: str | Path) -> Path:
        """Write a consistent, checked copy of the database to ``target`` (a new file); returns its path.

        The copy is written under a temporary name beside ``target``, opened and
        read through (:func:`check_database`), and only then renamed: a full
        disk or a crash leaves no file behind that a later restore could take
        for a backup.
        """
        if self.path == ":memory:":
            raise ValueError("db: an in-memory database has no file to back up")
        target = Path(target)
        if target.exists():
            raise ValueError(f"target: {target} exists already; a backup never overwrites a file")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
        try:
            with self._lock:
                self._con.execute("CHECKPOINT")  # everything in the write-ahead log goes into the file first
                _copy_durably(self.path, partial)
            check_database(partial)
            os.replace(partial, target)
        except BaseException as error:
            partial.unlink(missing_ok=True)
            if _no_room(error):
                raise StorageFullError(f"backup: no room for {target} (the disk is full); nothing was "
                                       "written") from None
            raise
        return target

    def schema_version(self) -> int:
        return int(self._value("SELECT max(version) FROM schema_migrations") or 0)

    # -- reading ------------------------------------------------------------
    def query(self, sql: str, params: list | dict | None = None,
              frames: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
        """Run one parameterised SELECT and return a DataFrame.

        ``frames`` are DataFrames the query reads by name, beside the tables
        (a join of a million rows is DuckDB's work, not pandas').
        """
        with self._reading() as cur:
            for name, frame in (frames or {}).items():
                cur.register(name, frame)
            try:
                return arrow_frame(cur.sql(sql, params=params or None).to_arrow_table())
            finally:
                for name in frames or {}:
                    cur.unregister(name)

    def _value(self, sql: str, params: list | None = None):
        with self._reading() as cur:
            row = _first(cur, sql, params)
        return row[0] if row else None

    def table(self, name: str) -> pd.DataFrame:
        spec = TABLES.get(name)
        key = access.RATER_TABLES[name] if name in self._views and name in access.RATER_TABLES else (
            spec.key if spec else ())  # a user who may not see raters reads the aggregate, with its own key
        order = f" ORDER BY {', '.join(key)}" if key else ""
        return self.query(f"SELECT * FROM {_check_table(name)}{order}")

    def count(self, name: str) -> int:
        return int(self._value(f"SELECT count(*) FROM {_check_table(name)}"))

    def counts(self) -> dict[str, int]:
        return {name: self.count(name) for name in TABLES}

    def data_version(self) -> int:
        """A number that changes whenever data are written: a cache key for readers."""
        return int(self._value("SELECT value FROM app_meta WHERE key = 'data_version'") or 0)

    def meta(self, key: str) -> str | None:
        return self._value("SELECT value FROM app_meta WHERE key = ?", [key])

    # -- writing ------------------------------------------------------------
    @staticmethod
    def _bump(cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute(
            "INSERT INTO app_meta VALUES ('data_version', '1') ON CONFLICT (key) DO UPDATE "
            "SET value = CAST(CAST(app_meta.value AS BIGINT) + 1 AS VARCHAR)"
        )

    @contextlib.contextmanager
    def transaction(self, action: str | None = None, on_behalf_of: User | None = None):
        """A cursor inside one transaction: committed with its audit trail, or rolled back whole.

        Each table the transaction writes is checked against the user's rights
        before the first write (PermissionError) and copied; at the end the
        changed rows, before and after, go to ``audit_log`` under the user's
        name and ``action`` (by default the calling function), and a manager's
        change to a row outside their departments undoes the whole transaction.
        ``on_behalf_of`` names someone else in the trail (a sign-in, which the
        system records for the person signing in) without lending them rights.
        """
        if self.read_only:
            raise ReadOnlyError(READ_ONLY)
        if self.within_departments:
            raise PermissionError("a store narrowed to a department is for reading: change data through the "
                                  "store it came from")
        user = self.user or access.SYSTEM
        action = action or _caller()
        raw = self._con.cursor()
        for table, select in self._views.items():
            raw.execute(f"CREATE TEMP VIEW {table} AS {select}")
        cur = _AuditedCursor(raw, self._base, user)
        try:
            raw.execute("BEGIN TRANSACTION")
            try:
                yield cur
                self._audit(raw, cur.touched, user, action, on_behalf_of or user)
                raw.execute("COMMIT")
            except BaseException:
                # A COMMIT that failed (no room for the write-ahead log) has already ended the transaction.
                with contextlib.suppress(duckdb.TransactionException):
                    raw.execute("ROLLBACK")
                raise
        except duckdb.Error as error:
            if _no_room(error):
                raise StorageFullError(DISK_FULL.format(where=Path(self.path).parent)) from None
            if any(text in str(error) for text in _NOT_WRITABLE):  # the file is writable, its folder (the log) not
                raise ReadOnlyError(READ_ONLY) from None
            if not isinstance(error, duckdb.TransactionException | duckdb.ConstraintException):
                raise
            if isinstance(error, duckdb.ConstraintException):
                if "duplicate key" not in str(error).lower():
                    raise
                # Keys are checked before writing, so a duplicate now means another writer took it a moment ago.
                raise Conflict("store_same_key") from None
            raise Conflict("store_same_records") from None
        finally:
            raw.close()  # and with it the snapshots and views, temporary objects of this cursor
        if set(cur.touched) - {"users"}:  # a sign-in is not new data: cached pages stay valid
            self._bump_version()

    def _bump_version(self) -> None:
        # After the commit and in a transaction of its own: two writers finishing together both get through.
        for attempt in range(20):
            try:
                self._bump(self._con.cursor())
                return
            except duckdb.TransactionException as error:
                if _no_room(error):
                    raise StorageFullError(DISK_FULL.format(where=Path(self.path).parent)) from None
                time.sleep(0.01 * (attempt + 1))
        raise Conflict("store_version_unrecorded", field="data_version")

    def _audit(self, cur: duckdb.DuckDBPyConnection, tables: list[str], user: User, action: str,
               recorded: User) -> None:
        if not tables:
            return
        change_id = _first(cur, "SELECT nextval('audit_change_ids')")[0]
        limits = access.scope_predicates(user, self._base) if user.role == "manager" else {}
        own = access.own_record_predicates(user, self._base)
        now = datetime.now()
        for table in tables:
            hidden = SECRET_COLUMNS.get(table)
            columns = f"* EXCLUDE ({', '.join(hidden)})" if hidden else "*"
            key = KEYS[table]
            on = " AND ".join(f"g.{k} = c.{k}" for k in key)
            # Keys are unique, so one keyed join pairs each row before with itself after; a row missing on one
            # side comes out as a struct of NULLs there (a key column tells it apart).  Far cheaper than two
            # EXCEPT ALLs of the whole table when a large import or edit touches many rows.
            cur.execute(f"CREATE TEMP TABLE _changed_{table} AS SELECT g, c "
                        f"FROM (SELECT {columns} FROM _before_{table}) g "
                        f"FULL OUTER JOIN (SELECT {columns} FROM {self._base}.{table}) c ON {on} "
                        f"WHERE g IS DISTINCT FROM c")
            if table in limits:
                outside = _first(
                    cur, f"SELECT (SELECT count(*) FROM (SELECT unnest(g) FROM _changed_{table} "
                         f"WHERE g.{key[0]} IS NOT NULL) WHERE ({limits[table]}) IS NOT TRUE) + "
                         f"(SELECT count(*) FROM (SELECT unnest(c) FROM _changed_{table} "
                         f"WHERE c.{key[0]} IS NOT NULL) WHERE ({limits[table]}) IS NOT TRUE)")[0]
                if outside:
                    raise Forbidden("write_outside_departments", field=table, n=int(outside))
            if table in own:
                # Checked on the rows as changed, whichever function changed them: no page can go around it.
                mine, inserts_too = own[table]
                before = f"SELECT unnest(g) FROM _changed_{table} WHERE g.{key[0]} IS NOT NULL"
                after = f"SELECT unnest(c) FROM _changed_{table} WHERE c.{key[0]} IS NOT NULL" + (
                    "" if inserts_too else f" AND g.{key[0]} IS NOT NULL")
                if _first(cur, f"SELECT count(*) FROM (({before}) UNION ALL BY NAME ({after})) WHERE {mine}")[0]:
                    raise Forbidden("write_own_record", field=table, employee=user.employee_id)
            count = _first(cur, f"SELECT count(*) FROM _changed_{table}")[0]
            if not count:
                continue
            first = _consecutive_entry_ids(cur, count)
            # A number per row from the sequence would make DuckDB write the entries on one thread: a million
            # new rows took 2.7 s longer.  When another writer took numbers in between, that is the fallback.
            entry_id, ids = (("? - 1 + row_number() OVER ()", [first]) if first is not None
                             else ("nextval('audit_entry_ids')", []))
            row_key = "to_json(struct_pack(" + ", ".join(f"{k} := coalesce(g.{k}, c.{k})" for k in key) + "))"
            cur.execute(
                f"INSERT INTO {self._base}.audit_log SELECT {entry_id}, ?, ?, ?, ?, ?, ?, "
                f"CASE WHEN g.{key[0]} IS NULL THEN 'insert' WHEN c.{key[0]} IS NULL THEN 'delete' ELSE 'update' END, "
                f"{row_key}, CASE WHEN g.{key[0]} IS NULL THEN NULL ELSE to_json(g) END, "
                f"CASE WHEN c.{key[0]} IS NULL THEN NULL ELSE to_json(c) END FROM _changed_{table}",
                [*ids, change_id, now, recorded.username, recorded.role, action, table])

    def settings(self, key: str, defaults: dict) -> dict:
        """A programme's saved settings (JSON in ``app_meta``) over its ``defaults``."""
        saved = self.meta(key)
        return {**defaults, **(json.loads(saved) if saved else {})}

    def save_settings(self, key: str, settings: dict) -> None:
        """Keep checked settings as JSON in ``app_meta``, in a transaction that bumps the data version."""
        self.set_meta(key, json.dumps(settings), _caller())

    def set_meta(self, key: str, value: str, action: str | None = None) -> None:
        with self.transaction(action or _caller()) as cur:
            cur.execute("INSERT INTO app_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        [key, value])

    def upsert(self, name: str, frame: pd.DataFrame, action: str | None = None,
               then: Callable[[_AuditedCursor], None] | None = None) -> UpsertResult:
        """Insert new rows and update existing ones (matched on the table's key).

        Only the columns present in ``frame`` are written: an existing row keeps
        the values of columns the frame does not carry.  All or nothing: one
        transaction.  ``frame`` must already be validated and typed.  ``then``,
        if given, writes what follows from the rows (the end of demo mode) on
        the same cursor, so both are committed together or neither; it does not
        run when no row would change.
        """
        spec = TABLES[name]
        columns = [c for c in spec.columns if c in frame.columns]
        missing_key = [k for k in spec.key if k not in columns]
        if missing_key:
            raise ValueError(f"frame: key column(s) {missing_key} missing for table {name}")
        incoming = frame[columns]
        counts = self.compare(name, incoming)
        if not counts.inserted and not counts.updated:
            return counts  # nothing would change: no transaction, no new data version, nothing to audit
        cols = ", ".join(columns)
        non_key = [c for c in columns if c not in spec.key]
        on_conflict = ("DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in non_key)
                       if non_key else "DO NOTHING")
        # All new keys (a first load): a plain insert, twice as fast on a million rows.  A row someone else
        # saves meanwhile under one of these keys fails the insert, and the transaction says so.
        upsert = f" ON CONFLICT ({', '.join(spec.key)}) {on_conflict}" if counts.updated or counts.unchanged else ""
        with self.transaction(action or _caller()) as cur:
            cur.register("incoming", _scannable(incoming))
            cur.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM incoming{upsert}")
            cur.unregister("incoming")
            if then is not None:
                then(cur)
        return counts

    def compare(self, name: str, frame: pd.DataFrame) -> UpsertResult:
        """How many rows of ``frame`` are new, would change a row, or match one exactly."""
        spec = TABLES[name]
        # A table the user reads aggregated is compared on its rows in their scope; whether a row would be
        # left as it is stays untold (counted as changed), or a guessed score could be checked against it.
        raw = access.raw_source(self.user, name, self._base) if self.user else None
        with self._reading() as cur:
            cur.register("incoming", frame)
            try:
                on_key = " AND ".join(f"t.{k} = i.{k}" for k in spec.key)
                same = " AND ".join(f"t.{c} IS NOT DISTINCT FROM i.{c}" for c in frame.columns) if raw is None \
                    else "false"
                existing, unchanged = _first(
                    cur,
                    f"SELECT count(*), count(*) FILTER (WHERE {same}) "
                    f"FROM incoming i JOIN {raw or _check_table(name)} t ON {on_key}",
                )
            finally:
                cur.unregister("incoming")
        return UpsertResult(len(frame) - existing, existing - unchanged, unchanged)

    def replace_all(self, frames: dict[str, pd.DataFrame], meta: dict[str, str] | None = None) -> None:
        """Empty every table and load ``frames`` in one transaction (demo data; admins only).

        The audit trail gets one line per table with the row counts, not every
        row: the previous content is in the backup taken before, if any.
        ``meta`` (``app_meta`` keys and values) is written in the same transaction.
        """
        user = self.user or access.SYSTEM
        if user.role != "admin":
            raise PermissionError("replace_all: only an admin can replace the whole database")
        if self.read_only:
            raise ReadOnlyError(READ_ONLY)
        cur = self._con.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            change_id = _first(cur, "SELECT nextval('audit_change_ids')")[0]
            for name in TABLES:
                before = _first(cur, f"SELECT count(*) FROM {self._base}.{name}")[0]
                cur.execute(f"DELETE FROM {self._base}.{name}")
                frame = frames.get(name)
                if frame is not None:
                    cols = [c for c in TABLES[name].columns if c in frame.columns]
                    cur.register("incoming", frame[cols])
                    cur.execute(f"INSERT INTO {self._base}.{name} ({', '.join(cols)}) "
                                f"SELECT {', '.join(cols)} FROM incoming")
                    cur.unregister("incoming")
                cur.execute("INSERT INTO audit_log VALUES (nextval('audit_entry_ids'), ?, ?, ?, ?, 'replace_all', ?, "
                            "'replace', NULL, ?, ?)", [change_id, datetime.now(), user.username, user.role, name,
                             json.dumps({"rows": before}), json.dumps({"rows": 0 if frame is None else len(frame)})])
            for key, value in (meta or {}).items():
                cur.execute(f"INSERT INTO {self._base}.app_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                            "SET value = excluded.value", [key, value])
            self._bump(cur)
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise
        finally:
            cur.close()

    def record(self, action: str, table: str, operation: str, row_key: dict | None, after: dict) -> None:
        """One audit entry for something a user did that changed no row (a download, a sign-in with a name
        nobody has), written by the system on their behalf: nobody may write the audit trail, yet a viewer's
        download must be in it.  ``row_key`` and ``after`` are kept as JSON data, never taken as SQL.
        """
        if table not in KEYS and table != "audit_log":  # an export of the trail is recorded in it too
            raise ValueError(f"table: unknown table {table!r}")
        user = self.user or access.SYSTEM
        if self.read_only:  # nothing can be written here, this entry neither; say so where the server logs
            logging.getLogger("hrcore").warning("not in the audit trail (read-only database): %s by %s, %s %s",
                                                action, user.username, table, row_key)
            return
        cur = self._con.cursor()
        try:
            cur.execute(f"INSERT INTO {self._base}.audit_log VALUES (nextval('audit_entry_ids'), "
                        "nextval('audit_change_ids'), ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                        [datetime.now(), user.username, user.role, action, table, operation,
                         None if row_key is None else json.dumps(row_key, ensure_ascii=False),
                         json.dumps(after, ensure_ascii=False)])
        except duckdb.TransactionException:
            raise ConflictError("audit_log: another writer took the same entry number; try again") from None
        finally:
            cur.close()

    # -- saved import mappings ----------------------------------------------
    def save_mapping(self, name: str, table: str, spec: dict) -> None:
        with self.transaction(_caller()) as cur:
            cur.execute("INSERT INTO import_mappings VALUES (?, ?, ?, ?) ON CONFLICT (name, table_name) "
                        "DO UPDATE SET spec = excluded.spec, saved_at = excluded.saved_at",
                        [name, _check_table(table), json.dumps(spec, ensure_ascii=False), datetime.now()])

    def mappings(self, table: str) -> dict[str, dict]:
        rows = self.query("SELECT name, spec FROM import_mappings WHERE table_name = ? ORDER BY name", [table])
        return {name: json.loads(spec) for name, spec in zip(rows["name"], rows["spec"])}


def _copy_durably(source: str | Path, target: Path, *, source_fd: int | None = None) -> None:
    """Copy a file (or an open descriptor's file) to a new ``target`` and flush it to the disk."""
    with contextlib.ExitStack() as stack:
        reader = (stack.enter_context(open(source_fd, "rb", closefd=False)) if source_fd is not None
                  else stack.enter_context(open(source, "rb")))
        reader.seek(0)
        with open(target, "xb") as writer:
            shutil.copyfileobj(reader, writer, 16 * 1024 * 1024)
            writer.flush()
            os.fsync(writer.fileno())


def _stored_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables a database file holds (not this connection's temporary ones)."""
    return [name for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE "
                                            "database_name = current_database() AND NOT temporary").fetchall()]


def check_database(path: str | Path) -> int:
    """The schema version of the hrcore database at ``path`` after reading every row of every table.

    Raises ValueError, naming the file and what is wrong, when it does not open,
    is not an hrcore database, comes from a newer hrcore, or a table cannot be
    read through (a truncated or damaged copy).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> Store(folder / "hr.duckdb").close()
    >>> check_database(folder / "hr.duckdb") == max(version for version, _, _ in _migrations())
    True
    >>> (folder / "junk.duckdb").write_bytes(b"not a database")
    14
    >>> check_database(folder / "junk.duckdb")
    Traceback (most recent call last):
    ...
    ValueError: ... is not a readable DuckDB database ...
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path} is not a file")
    known = {version: name for version, name, _ in _migrations()}
    try:
        con = _opened(str(path), read_only=True)
    except OSError as error:
        raise ValueError(str(error)) from None
    try:
        try:
            applied = dict(con.execute("SELECT version, name FROM schema_migrations").fetchall())
        except duckdb.Error:
            raise ValueError(f"{path} is not an hrcore database (it has no schema_migrations table)") from None
        strange = {v: n for v, n in applied.items() if known.get(v) != n}
        if strange:
            raise ValueError(f"{path} was written by another or newer hrcore (schema {max(applied)}; this one knows "
                             f"up to {max(known)}): use the hrcore that made it")
        tables = _stored_tables(con)
        if max(applied, default=0) == max(known):
            missing = sorted(set(TABLES) - set(tables))
            if missing:
                raise ValueError(f"{path} lacks table(s) {', '.join(missing)}: it is not a complete hrcore database")
        for table in tables:
            quoted = '"' + table.replace('"', '""') + '"'
            try:
                # hash() of the whole row makes DuckDB read every column of every row, not just the counts.
                con.execute(f"SELECT count(*), sum(hash(t)) FROM {quoted} AS t").fetchall()
            except duckdb.Error as error:
                raise ValueError(f"{path}: table {table} cannot be read ({str(error).splitlines()[0]}); the copy is "
                                 "damaged or incomplete") from None
        version = con.execute("SELECT value FROM app_meta WHERE key = 'data_version'").fetchall()
        if version and not str(version[0][0]).isdigit():
            raise ValueError(f"{path}: its data version reads {version[0][0]!r}; the copy is damaged")
    finally:
        con.close()
    return max(applied, default=0)


def restore(source: str | Path, path: str | Path) -> Path | None:
    """Replace the database at ``path`` with the backup ``source``; returns the safety copy of what was there.

    Nothing of the live database is touched until the new one is ready:

    1. ``source`` and ``path`` must be different files.
    2. The live database must be free (no process holds it; the one holding it
       is named) and is taken: its write-ahead log is folded in and the file
       locked until the restore is done, so the app cannot open it half-way.
    3. The backup is copied beside it under a temporary name and checked
       (:func:`check_database`: it opens, every table reads, a known version).
    4. The live file is copied aside (``<name>.before-restore-<time>.bak``),
       so a restore can itself be undone, and the checked copy is renamed over
       it: the file is either the old database or the new one, never a mixture.
    """
    source, path = Path(source), Path(path)
    if not source.is_file():
        raise ValueError(f"source: {source} is not a file")
    if path.exists() and os.path.samefile(source, path):
        raise ValueError(f"source: {source} is the database itself; restore from a backup copy of it")
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as held:
        if path.exists():
            live = _opened(str(path))  # StoreUnavailable naming the process that holds it
            try:
                live.execute("CHECKPOINT")  # its write-ahead log into the file: the safety copy is then complete
            finally:
                live.close()
            fd = os.open(path, os.O_RDWR)
            held.callback(os.close, fd)
            try:
                # The lock DuckDB itself takes: an app starting now is told the file is in use, not given a
                # database that is being replaced.  (Closing any other descriptor of the file would drop it.)
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise StoreUnavailable(f"{path} was opened by another process during the restore; "
                                       "stop it first", "in_use") from None
            if Path(f"{path}.wal").exists():
                raise StoreUnavailable(f"{path} has a write-ahead log again: another process wrote to "
                                       "it during the restore; stop it first", "in_use")
        candidate = path.with_name(f".{path.name}.restoring-{os.getpid()}")
        held.callback(lambda: (candidate.unlink(missing_ok=True), Path(f"{candidate}.wal").unlink(missing_ok=True)))
        candidate.unlink(missing_ok=True)
        _copy_durably(source, candidate)
        if Path(f"{source}.wal").exists():  # a copy of a database taken with its log: the log belongs to it
            _copy_durably(f"{source}.wal", Path(f"{candidate}.wal"))
            folded = duckdb.connect(str(candidate))
            folded.execute("CHECKPOINT")
            folded.close()
        try:
            check_database(candidate)
        except ValueError as error:
            raise ValueError(f"source: {error}".replace(str(candidate), str(source))) from None
        safety = None
        if path.exists():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            safety = path.with_name(f"{path.name}.before-restore-{stamp}.bak")
            try:
                _copy_durably(path, safety, source_fd=fd)
            except BaseException:
                safety.unlink(missing_ok=True)
                raise
        os.replace(candidate, path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)  # the rename itself reaches the disk
        finally:
            os.close(folder)
    return safety


@functools.lru_cache(maxsize=None)
def _open(path: str) -> Store:
    return Store(path)


def open_store(path: str | Path | None = None) -> Store:
    """The process-wide store for ``path`` (default :func:`default_path`)."""
    target = Path(path) if path is not None else default_path()
    return _open(str(target.resolve()))
