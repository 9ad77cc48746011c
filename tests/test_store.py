"""The DuckDB store: migrations, upserts, transactions."""

from __future__ import annotations

import typing
from datetime import date

import duckdb
import pandas as pd
import pytest

from hrcore.schema import TABLES, column_type
from hrcore.store import ConflictError, Store, UpsertResult, open_store

SQL_TYPES = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN", date: "DATE"}


def test_new_database_records_every_migration(fresh_db):
    rows = fresh_db.query("SELECT version, name FROM schema_migrations ORDER BY version")
    assert rows["version"].tolist() == list(range(1, len(rows) + 1))
    assert fresh_db.schema_version() == len(rows)


def test_reopening_a_database_applies_nothing_twice(tmp_path):
    path = tmp_path / "hr.duckdb"
    first = Store(path)
    first.upsert("departments", pd.DataFrame({"department_id": ["D1"], "name_en": ["Sales"]}))
    first.close()
    again = Store(path)
    assert again.migrate() == []
    assert again.count("departments") == 1


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_model_column_is_a_table_column_of_the_same_type(fresh_db, name):
    described = fresh_db.query(f"DESCRIBE {name}")
    actual = dict(zip(described["column_name"], described["column_type"]))
    spec = TABLES[name]
    expected = {}
    for column in spec.columns:
        kind = column_type(spec.model, column).python_type
        expected[column] = "TIMESTAMP" if kind.__name__ == "datetime" else SQL_TYPES[kind]
    assert actual == expected


def test_upsert_adds_new_rows_and_updates_existing_by_key(fresh_db):
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["a", "b"], "base_pay": [100.0, 200.0]}))
    result = fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["b", "c"], "base_pay": [250.0, 300.0]}))
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 0)
    table = fresh_db.table("employees").set_index("employee_id")
    assert table["base_pay"].to_dict() == {"a": 100.0, "b": 250.0, "c": 300.0}


def test_upsert_keeps_columns_the_file_does_not_carry(fresh_db):
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["a"], "base_pay": [100.0], "location": ["wuhan"]}))
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["a"], "base_pay": [120.0]}))
    row = fresh_db.table("employees").iloc[0]
    assert (row["base_pay"], row["location"]) == (120.0, "wuhan")


def test_new_rows_get_the_model_default_status(fresh_db):
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["a"]}))
    assert fresh_db.table("employees")["status"].tolist() == ["active"]


def test_same_rows_again_count_as_unchanged(fresh_db):
    frame = pd.DataFrame({"employee_id": ["a", "b"], "base_pay": [100.0, None]})
    fresh_db.upsert("employees", frame)
    result = fresh_db.upsert("employees", frame)
    assert (result.inserted, result.updated, result.unchanged) == (0, 0, 2)


def test_a_failing_write_leaves_the_table_as_it_was(fresh_db):
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["a"], "base_pay": [100.0]}))
    before = fresh_db.data_version()
    with pytest.raises(Exception):
        # "lots" cannot become a DOUBLE: the statement fails inside the transaction.
        fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["b", "a"], "base_pay": ["1", "lots"]}))
    assert fresh_db.table("employees")["employee_id"].tolist() == ["a"]
    assert fresh_db.data_version() == before


def test_a_key_saved_by_someone_else_after_the_count_fails_cleanly(fresh_db, monkeypatch):
    # A first load writes with a plain INSERT because every key was new when counted; here another writer saves
    # key "a" between the count and the write (the stale count stands in for that moment).
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["a"], "base_pay": [100.0]}))
    monkeypatch.setattr(Store, "compare", lambda self, name, frame: UpsertResult(len(frame), 0, 0))
    with pytest.raises(ConflictError, match="same key"):
        fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["b", "a"], "base_pay": [200.0, 300.0]}))
    assert fresh_db.table("employees")[["employee_id", "base_pay"]].values.tolist() == [["a", 100.0]]


def test_data_version_moves_on_every_write(fresh_db):
    versions = [fresh_db.data_version()]
    for pay in (1.0, 2.0):
        fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["a"], "base_pay": [pay]}))
        versions.append(fresh_db.data_version())
    assert versions[0] < versions[1] < versions[2]


def test_unknown_table_names_never_reach_sql(fresh_db):
    with pytest.raises(ValueError, match="unknown table"):
        fresh_db.count("employees; DROP TABLE employees")


def test_saved_mappings_come_back_per_table(fresh_db):
    fresh_db.save_mapping("HR system", "employees", {"columns": {"employee_id": "工号"}})
    fresh_db.save_mapping("HR system", "employees", {"columns": {"employee_id": "员工编号"}})
    assert fresh_db.mappings("employees") == {"HR system": {"columns": {"employee_id": "员工编号"}}}
    assert fresh_db.mappings("jobs") == {}


def test_one_store_per_database_file_per_process(tmp_path):
    assert open_store(tmp_path / "a.duckdb") is open_store(tmp_path / "a.duckdb")
    assert open_store(tmp_path / "a.duckdb") is not open_store(tmp_path / "b.duckdb")


def test_database_path_comes_from_the_environment(monkeypatch, tmp_path):
    from hrcore.store import default_path

    monkeypatch.setenv("HRCORE_DB", str(tmp_path / "x.duckdb"))
    assert default_path() == tmp_path / "x.duckdb"


def test_opening_an_older_database_keeps_a_copy_before_migrating(tmp_path, monkeypatch):
    import hrcore.store as store_module

    path = tmp_path / "hr.duckdb"
    every = store_module._migrations()
    monkeypatch.setattr(store_module, "_migrations", lambda: every[:-1])
    Store(path).close()
    import duckdb

    with duckdb.connect(str(path)) as older:  # written as the older version did, before its audit trail existed
        older.execute("INSERT INTO departments (department_id, name_en) VALUES ('D1', 'Sales')")
    monkeypatch.setattr(store_module, "_migrations", lambda: every)
    new = Store(path)
    assert new.schema_version() == every[-1][0]
    copies = list(tmp_path.glob(f"hr.duckdb.before-v{every[-1][0]:03d}-*.bak"))
    assert len(copies) == 1
    new.close()
    con = duckdb.connect(str(copies[0]), read_only=True)  # the copy as it was, not migrated

    assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == every[-2][0]
    assert con.execute("SELECT name_en FROM departments").fetchall() == [("Sales",)]
    con.close()


def test_the_audit_trail_keeps_every_entry_when_its_storage_is_rebuilt(tmp_path, monkeypatch):
    # Migration 008 rebuilds audit_log with ZSTD row images: the entries of a version-7 database must come
    # through unchanged (compared with the rows read before migrating), and later changes still append.
    import hrcore.store as store_module

    path = tmp_path / "hr.duckdb"
    every = store_module._migrations()
    monkeypatch.setattr(store_module, "_migrations", lambda: [m for m in every if m[0] <= 7])
    older = Store(path)
    older.upsert("departments", pd.DataFrame({"department_id": ["D1", "D2"], "name_en": ["Sales", "R&D"]}))
    older.upsert("departments", pd.DataFrame({"department_id": ["D1"], "name_en": ["Sales & Marketing"]}))
    trail = older.query("SELECT * FROM audit_log ORDER BY entry_id")
    older.close()
    assert len(trail) == 3

    monkeypatch.setattr(store_module, "_migrations", lambda: every)
    new = Store(path)
    pd.testing.assert_frame_equal(new.query("SELECT * FROM audit_log ORDER BY entry_id"), trail)
    new.upsert("departments", pd.DataFrame({"department_id": ["D3"], "name_en": ["Finance"]}))
    new._con.execute("CHECKPOINT")  # compression is chosen when blocks are written
    storage = new.query("SELECT DISTINCT compression FROM pragma_storage_info('audit_log') "
                        "WHERE column_name = 'after_row' AND compression <> 'Constant'")
    assert storage["compression"].tolist() == ["ZSTD"]
    after = new.query("SELECT entry_id, operation, row_key FROM audit_log ORDER BY entry_id")
    assert after["entry_id"].tolist() == [*trail["entry_id"], trail["entry_id"].max() + 1]
    assert after.iloc[-1].tolist()[1:] == ["insert", '{"department_id":"D3"}']
    new.close()


def test_a_fresh_database_needs_no_backup(tmp_path):
    Store(tmp_path / "new.duckdb").close()
    assert not list(tmp_path.glob("*.bak"))


def test_backup_and_restore_round_trip_from_the_command_line(tmp_path):
    from hrcore.__main__ import main

    db = tmp_path / "hr.duckdb"
    store = Store(db)
    store.upsert("departments", pd.DataFrame({"department_id": ["D1"], "name_en": ["Sales"]}))
    store.close()
    assert main(["backup", str(tmp_path / "b.duckdb"), "--db", str(db)]) == 0
    assert main(["backup", str(tmp_path / "b.duckdb"), "--db", str(db)]) == 2  # never overwrites
    store = Store(db)
    store.upsert("departments", pd.DataFrame({"department_id": ["D2"], "name_en": ["Lost"]}))
    store.close()
    assert main(["restore", str(tmp_path / "b.duckdb"), "--db", str(db)]) == 0
    store = Store(db)
    assert store.table("departments")["department_id"].tolist() == ["D1"]
    store.close()
    # What the restore replaced is kept.
    safety = list(tmp_path.glob("hr.duckdb.before-restore-*.bak"))
    assert len(safety) == 1


def test_restore_refuses_a_file_that_is_not_an_hrcore_database(tmp_path):
    from hrcore.store import restore

    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database")
    db = tmp_path / "hr.duckdb"
    Store(db).close()
    before = db.read_bytes()
    with pytest.raises(ValueError, match="source"):
        restore(junk, db)
    assert db.read_bytes() == before


def test_a_query_joins_a_frame_by_name_and_forgets_it_afterwards(fresh_db):
    fresh_db.upsert("departments", pd.DataFrame({"department_id": ["D1", "D2"], "name_en": ["Sales", "Finance"]}))
    placed = pd.DataFrame({"department_id": ["D2", "D1", "D9"], "heads": [3, 5, 7]})
    joined = fresh_db.query("SELECT d.name_en, p.heads FROM placed p JOIN departments d USING (department_id) "
                            "ORDER BY p.heads", frames={"placed": placed})
    assert joined.values.tolist() == [["Finance", 3], ["Sales", 5]]  # D9 has no department: inner join drops it
    with pytest.raises(duckdb.CatalogException):
        fresh_db.query("SELECT * FROM placed")


def test_threads_reading_at_once_each_get_their_own_answer(tmp_path):
    # An unscoped store gives each query a cursor of its own (the overview fills its caches side by side).
    from concurrent.futures import ThreadPoolExecutor

    store = Store(tmp_path / "hr.duckdb")
    store.upsert("employees", pd.DataFrame({"employee_id": [f"E{i}" for i in range(2000)],
                                            "base_pay": [float(i) for i in range(2000)]}))

    def total_below(limit: int) -> tuple[int, float]:
        return limit, float(store.query("SELECT coalesce(sum(base_pay), 0) AS s FROM employees WHERE base_pay < ?",
                                        [limit])["s"][0])

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(total_below, [i * 7 % 2000 for i in range(400)]))
    assert all(total == limit * (limit - 1) / 2 for limit, total in answers)  # 0 + 1 + ... + (limit - 1)
    store.close()
