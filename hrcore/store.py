"""The DuckDB store: the only module that talks to the database.

One connection per database file per process (:func:`open_store`), a fresh
cursor for every query, parameterised SQL only.  The schema is built by the
numbered SQL files in ``hrcore/migrations``; each applied file is recorded in
``schema_migrations`` so opening an older database brings it up to date.

>>> store = Store(":memory:")
>>> store.schema_version()
6
>>> store.count("employees")
0
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from hrcore.schema import TABLES

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


def _first(cur: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    # fetchall, not fetchone: DuckDB keeps a half-read result open on the cursor.
    rows = cur.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def _check_table(name: str) -> str:
    # Table names cannot be bound as parameters, so only known names get through.
    if name not in TABLES and name not in ("import_mappings", "app_meta", "schema_migrations"):
        raise ValueError(f"table: unknown table {name!r}")
    return name


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
        self._con = duckdb.connect(self.path)
        self.migrate()

    # -- plumbing -----------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of the shared connection, for one session or one query."""
        return self._con.cursor()

    def close(self) -> None:
        self._con.close()

    def migrate(self) -> list[int]:
        """Apply the migrations this database has not seen; return their numbers."""
        cur = self.cursor()
        cur.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        done = {v for (v,) in cur.execute("SELECT version FROM schema_migrations").fetchall()}
        pending = [m for m in _migrations() if m[0] not in done]
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
        """Write a consistent copy of the database file to ``target`` (a new file); returns its path."""
        if self.path == ":memory:":
            raise ValueError("db: an in-memory database has no file to back up")
        target = Path(target)
        if target.exists():
            raise ValueError(f"target: {target} exists already; a backup never overwrites a file")
        target.parent.mkdir(parents=True, exist_ok=True)
        self._con.execute("CHECKPOINT")  # everything in the write-ahead log goes into the file first
        shutil.copy2(self.path, target)
        return target

    def schema_version(self) -> int:
        row = _first(self.cursor(), "SELECT max(version) FROM schema_migrations")
        return int(row[0] or 0)

    # -- reading ------------------------------------------------------------
    def query(self, sql: str, params: list | dict | None = None) -> pd.DataFrame:
        """Run one parameterised SELECT and return a DataFrame."""
        return self.cursor().execute(sql, params or []).df()

    def table(self, name: str) -> pd.DataFrame:
        spec = TABLES.get(name)
        order = f" ORDER BY {', '.join(spec.key)}" if spec else ""
        return self.query(f"SELECT * FROM {_check_table(name)}{order}")

    def count(self, name: str) -> int:
        return int(_first(self.cursor(), f"SELECT count(*) FROM {_check_table(name)}")[0])

    def counts(self) -> dict[str, int]:
        return {name: self.count(name) for name in TABLES}

    def data_version(self) -> int:
        """A number that changes whenever data are written: a cache key for readers."""
        row = _first(self.cursor(), "SELECT value FROM app_meta WHERE key = 'data_version'")
        return int(row[0]) if row else 0

    def meta(self, key: str) -> str | None:
        row = _first(self.cursor(), "SELECT value FROM app_meta WHERE key = ?", [key])
        return row[0] if row else None

    # -- writing ------------------------------------------------------------
    @staticmethod
    def _bump(cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute(
            "INSERT INTO app_meta VALUES ('data_version', '1') ON CONFLICT (key) DO UPDATE "
            "SET value = CAST(CAST(app_meta.value AS BIGINT) + 1 AS VARCHAR)"
        )

    @contextlib.contextmanager
    def transaction(self):
        """A cursor inside one transaction: committed (and the data version bumped) or rolled back whole."""
        cur = self.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
            self._bump(cur)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def settings(self, key: str, defaults: dict) -> dict:
        """A programme's saved settings (JSON in ``app_meta``) over its ``defaults``."""
        saved = self.meta(key)
        return {**defaults, **(json.loads(saved) if saved else {})}

    def save_settings(self, key: str, settings: dict) -> None:
        """Keep checked settings as JSON in ``app_meta``, in a transaction that bumps the data version."""
        with self.transaction() as cur:
            cur.execute("INSERT INTO app_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        [key, json.dumps(settings)])

    def set_meta(self, key: str, value: str) -> None:
        self.cursor().execute(
            "INSERT INTO app_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def upsert(self, name: str, frame: pd.DataFrame) -> UpsertResult:
        """Insert new rows and update existing ones (matched on the table's key).

        Only the columns present in ``frame`` are written: an existing row keeps
        the values of columns the frame does not carry.  All or nothing: one
        transaction.  ``frame`` must already be validated and typed.
        """
        spec = TABLES[name]
        columns = [c for c in spec.columns if c in frame.columns]
        missing_key = [k for k in spec.key if k not in columns]
        if missing_key:
            raise ValueError(f"frame: key column(s) {missing_key} missing for table {name}")
        incoming = frame[columns]
        counts = self.compare(name, incoming)
        cur = self.cursor()
        cur.register("incoming", incoming)
        try:
            cols = ", ".join(columns)
            non_key = [c for c in columns if c not in spec.key]
            action = (
                "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in non_key)
                if non_key else "DO NOTHING"
            )
            cur.execute("BEGIN TRANSACTION")
            try:
                if len(incoming):
                    cur.execute(
                        f"INSERT INTO {name} ({cols}) SELECT {cols} FROM incoming "
                        f"ON CONFLICT ({', '.join(spec.key)}) {action}"
                    )
                    self._bump(cur)
                cur.execute("COMMIT")
            except Exception:
                cur.execute("ROLLBACK")
                raise
        finally:
            cur.unregister("incoming")
        return counts

    def compare(self, name: str, frame: pd.DataFrame) -> UpsertResult:
        """How many rows of ``frame`` are new, would change a row, or match one exactly."""
        spec = TABLES[name]
        cur = self.cursor()
        cur.register("incoming", frame)
        try:
            on_key = " AND ".join(f"t.{k} = i.{k}" for k in spec.key)
            same = " AND ".join(f"t.{c} IS NOT DISTINCT FROM i.{c}" for c in frame.columns)
            existing, unchanged = _first(
                cur,
                f"SELECT count(*), count(*) FILTER (WHERE {same}) "
                f"FROM incoming i JOIN {_check_table(name)} t ON {on_key}",
            )
        finally:
            cur.unregister("incoming")
        return UpsertResult(len(frame) - existing, existing - unchanged, unchanged)

    def replace_all(self, frames: dict[str, pd.DataFrame]) -> None:
        """Empty every table and load ``frames`` in one transaction (demo data)."""
        cur = self.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            for name in TABLES:
                cur.execute(f"DELETE FROM {name}")
            for name, frame in frames.items():
                spec = TABLES[name]
                cols = [c for c in spec.columns if c in frame.columns]
                cur.register("incoming", frame[cols])
                cur.execute(f"INSERT INTO {name} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM incoming")
                cur.unregister("incoming")
            self._bump(cur)
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise

    # -- saved import mappings ----------------------------------------------
    def save_mapping(self, name: str, table: str, spec: dict) -> None:
        self.cursor().execute(
            "INSERT INTO import_mappings VALUES (?, ?, ?, ?) ON CONFLICT (name, table_name) "
            "DO UPDATE SET spec = excluded.spec, saved_at = excluded.saved_at",
            [name, _check_table(table), json.dumps(spec, ensure_ascii=False), datetime.now()],
        )

    def mappings(self, table: str) -> dict[str, dict]:
        rows = self.cursor().execute(
            "SELECT name, spec FROM import_mappings WHERE table_name = ? ORDER BY name", [table]
        ).fetchall()
        return {name: json.loads(spec) for name, spec in rows}


def restore(source: str | Path, path: str | Path) -> Path | None:
    """Replace the database at ``path`` with the backup ``source``; returns the safety copy of what was there.

    The source must open as an hrcore database (it has ``schema_migrations``);
    the current file is first copied aside, so a restore can itself be undone.
    No process may have ``path`` open (stop the app first).
    """
    source, path = Path(source), Path(path)
    if not source.is_file():
        raise ValueError(f"source: {source} is not a file")
    try:
        check = duckdb.connect(str(source), read_only=True)
        try:
            check.execute("SELECT max(version) FROM schema_migrations").fetchone()
        finally:
            check.close()
    except duckdb.Error as error:
        raise ValueError(f"source: {source} is not an hrcore database ({error})") from None
    safety = None
    if path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        safety = path.with_name(f"{path.name}.before-restore-{stamp}.bak")
        shutil.copy2(path, safety)
        wal = Path(f"{path}.wal")
        if wal.exists():
            shutil.copy2(wal, Path(f"{safety}.wal"))
            wal.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, path)
    return safety


@functools.lru_cache(maxsize=None)
def _open(path: str) -> Store:
    return Store(path)


def open_store(path: str | Path | None = None) -> Store:
    """The process-wide store for ``path`` (default :func:`default_path`)."""
    target = Path(path) if path is not None else default_path()
    return _open(str(target.resolve()))
