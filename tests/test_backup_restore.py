"""Backups and restores never lose data: the attacks of issue 27 (items 1-3), each reproduced first.

A full disk is played by limiting the size of a file this process may write (``RLIMIT_FSIZE``): the
operating system then fails the write exactly where a full disk fails it, with EFBIG instead of ENOSPC.
(Checked by hand once on a 3 MB tmpfs, which gives ENOSPC: the same messages came out.)
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from hrcore import access
from hrcore.__main__ import main
from hrcore.store import StorageFullError, Store, StoreUnavailable, check_database, restore

ROOT = Path(__file__).resolve().parent.parent


def _departments(path: Path) -> list[str]:
    store = Store(path)
    try:
        return store.table("departments")["department_id"].tolist()
    finally:
        store.close()


def _database_with(path: Path, *ids: str) -> None:
    store = Store(path)
    store.upsert("departments", pd.DataFrame({"department_id": list(ids), "name_en": list(ids)}))
    store.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def holder(tmp_path):
    """Another process (the app, say) holding a database open, with a change still in its write-ahead log."""
    started = []

    def hold(path: Path) -> subprocess.Popen:
        script = textwrap.dedent(f"""
            import sys, time
            import pandas as pd
            from hrcore.store import Store
            store = Store({str(path)!r})
            store.upsert("departments", pd.DataFrame({{"department_id": ["HELD"], "name_en": ["held"]}}))
            print("ready", flush=True)
            time.sleep(120)
        """)
        process = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        started.append(process)
        assert process.stdout.readline().strip() == "ready"
        return process

    yield hold
    for process in started:
        process.kill()
        process.wait()


@pytest.fixture
def disk_limit():
    """Limit the bytes any one file written from now on may hold, as a full disk would; lifted afterwards."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing us

    def limit(nbytes: int | None) -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft if nbytes is None else nbytes, hard))

    yield limit
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    signal.signal(signal.SIGXFSZ, previous)


# -- item 1: restore ------------------------------------------------------------------------------------------

def test_restore_while_another_process_holds_the_database_is_refused_and_names_it(tmp_path, holder, capsys):
    db, backup = tmp_path / "hr.duckdb", tmp_path / "b.duckdb"
    _database_with(db, "D1")
    Store(db).backup(backup)
    process = holder(db)
    before = _files(tmp_path)
    assert "hr.duckdb.wal" in before  # the holder's unsaved change lives in its log

    with pytest.raises(StoreUnavailable, match=f"in use by process {process.pid} "):
        restore(backup, db)
    assert main(["restore", str(backup), "--db", str(db)]) == 2
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and f"process {process.pid}" in message
    assert _files(tmp_path) == before  # nothing touched: not the file, not its log, no copy made
    process.kill()
    process.wait()
    assert _departments(db) == ["D1", "HELD"]  # the holder's work survives


def test_restore_onto_itself_is_refused_before_anything_is_touched(tmp_path):
    db = tmp_path / "hr.duckdb"
    _database_with(db, "D1")
    before = _files(tmp_path)
    assert main(["restore", str(db), "--db", str(db)]) == 2
    assert main(["restore", str(tmp_path / "." / "hr.duckdb"), "--db", str(db)]) == 2
    assert _files(tmp_path) == before


def test_restore_refuses_a_truncated_backup_and_leaves_the_database_as_it_was(tmp_path):
    db, backup = tmp_path / "hr.duckdb", tmp_path / "b.duckdb"
    _database_with(db, *(f"D{i:05d}" for i in range(20_000)))
    Store(db).backup(backup)
    whole = backup.read_bytes()
    backup.write_bytes(whole[: len(whole) * 2 // 3])  # what a backup cut short by a full disk used to leave
    before = _files(tmp_path)

    with pytest.raises(ValueError, match="b.duckdb"):
        restore(backup, db)
    assert _files(tmp_path) == before  # no temporary copy left, no safety copy, the database unchanged
    assert len(_departments(db)) == 20_000


def test_restore_refuses_a_database_from_a_newer_hrcore(tmp_path):
    db, backup = tmp_path / "hr.duckdb", tmp_path / "b.duckdb"
    _database_with(db, "D1")
    _database_with(backup, "NEWER")
    with duckdb.connect(str(backup)) as newer:
        newer.execute("INSERT INTO schema_migrations VALUES (999, 'from_the_future', now())")
    with pytest.raises(ValueError, match="newer hrcore"):
        restore(backup, db)
    assert _departments(db) == ["D1"]


def test_restore_keeps_what_the_crashed_app_left_in_its_log_in_the_safety_copy(tmp_path, holder):
    db, backup = tmp_path / "hr.duckdb", tmp_path / "b.duckdb"
    _database_with(db, "D1")
    Store(db).backup(backup)
    process = holder(db)
    process.send_signal(signal.SIGKILL)  # the app dies with its last change only in the write-ahead log
    process.wait()
    assert Path(f"{db}.wal").exists()

    safety = restore(backup, db)
    assert _departments(db) == ["D1"]
    assert _departments(safety) == ["D1", "HELD"]  # nothing of the live database was lost
    assert not Path(f"{db}.wal").exists() or Path(f"{db}.wal").stat().st_size == 0


def test_a_backup_is_an_hrcore_database_that_reads_through(tmp_path):
    db = tmp_path / "hr.duckdb"
    _database_with(db, "D1", "D2")
    copy = Store(db).backup(tmp_path / "copies" / "b.duckdb")
    assert check_database(copy) == Store(db).schema_version()
    assert _departments(copy) == ["D1", "D2"]


# -- item 2: backup onto a full disk --------------------------------------------------------------------------

def test_a_backup_onto_a_full_disk_leaves_no_file_and_says_the_disk_is_full(tmp_path, disk_limit, capsys):
    db = tmp_path / "hr.duckdb"
    _database_with(db, *(f"D{i:05d}" for i in range(20_000)))
    size = db.stat().st_size
    store = Store(db)
    disk_limit(size // 2)
    try:
        with pytest.raises(StorageFullError, match="disk is full"):
            store.backup(tmp_path / "backups" / "b.duckdb")
    finally:
        disk_limit(None)
        store.close()
    assert list((tmp_path / "backups").iterdir()) == []  # no partial file for a later restore to accept

    disk_limit(size // 2)
    try:
        assert main(["backup", str(tmp_path / "backups" / "c.duckdb"), "--db", str(db)]) == 2
    finally:
        disk_limit(None)
    assert "disk is full" in capsys.readouterr().err
    assert list((tmp_path / "backups").iterdir()) == []


# -- item 3: a full disk during an import ---------------------------------------------------------------------

def test_a_full_disk_during_an_import_says_so_and_sign_in_still_works_once_there_is_room(tmp_path, disk_limit):
    db = tmp_path / "hr.duckdb"
    store = Store(db)
    access.add_user(store, "li.na", "correct horse battery", "admin")
    store._con.execute("CHECKPOINT")
    n = 20_000
    staff = pd.DataFrame({"employee_id": [f"E{i:06d}" for i in range(n)], "name_zh": [f"张{i}" for i in range(n)],
                          "base_pay": [5000.0 + i for i in range(n)]})
    disk_limit(db.stat().st_size + 200_000)
    try:
        with pytest.raises(StorageFullError) as refused:
            store.upsert("employees", staff)
    finally:
        disk_limit(None)
    assert "disk" in str(refused.value) and "full" in str(refused.value)
    assert "someone else" not in str(refused.value)
    assert store.count("employees") == 0  # all or nothing
    assert access.sign_in(store, "li.na", "correct horse battery").role == "admin"
    assert store.upsert("employees", staff).inserted == n  # with room again, the same import goes through
    store.close()


# -- item 14 (the database file): read-only, damaged, in use --------------------------------------------------

def test_a_database_this_process_may_not_write_opens_for_reading_and_refuses_changes(tmp_path, monkeypatch):
    import hrcore.store as store_module

    db = tmp_path / "hr.duckdb"
    _database_with(db, "D1")
    real_connect = duckdb.connect

    def as_an_unprivileged_user(path, read_only=False, **kwargs):
        if not read_only:  # DuckDB's own words when the file or its folder is read-only (seen as user nobody)
            raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Permission denied')
        return real_connect(path, read_only=read_only, **kwargs)

    monkeypatch.setattr(store_module.duckdb, "connect", as_an_unprivileged_user)
    store = Store(db)
    assert store.read_only and store.table("departments")["department_id"].tolist() == ["D1"]
    with pytest.raises(PermissionError, match="read-only"):
        store.upsert("departments", pd.DataFrame({"department_id": ["D2"], "name_en": ["x"]}))
    with pytest.raises(PermissionError, match="read-only"):
        access.add_user(store, "li.na", "correct horse battery", "admin")
    store.close()
    monkeypatch.undo()
    assert _departments(db) == ["D1"]


def test_a_damaged_or_foreign_database_is_one_line_from_the_command_line(tmp_path, capsys):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"\x00" * 4096 + b"not a database")
    assert main(["tables", "--db", str(junk)]) == 2
    foreign = tmp_path / "other.duckdb"
    with duckdb.connect(str(foreign)) as other:
        other.execute("CREATE TABLE orders (id INTEGER)")
    assert main(["tables", "--db", str(foreign)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and "not a readable DuckDB database" in lines[0] and "not an hrcore one" in lines[1]
    with duckdb.connect(str(foreign)) as other:  # nothing of hrcore's was added to another program's database
        assert [t for (t,) in other.execute("SHOW TABLES").fetchall()] == ["orders"]


def test_a_database_held_by_another_process_is_one_line_from_the_command_line(tmp_path, holder, capsys):
    db = tmp_path / "hr.duckdb"
    process = holder(db)
    assert main(["tables", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"in use by process {process.pid}" in err
