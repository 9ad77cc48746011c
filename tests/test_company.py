"""Company settings: the as-of date every page computes at, the currency, the pay period, the local wage."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from hrcore import company, watchlist
from hrcore.overview import summarize
from hrcore.store import Store
from tests.conftest import ROOT
from tests.test_imports import run_cli

# A historical extract taken at the end of 2018, written by hand so each count below can be read off it.
EXTRACT = pd.DataFrame({
    "employee_id": ["A", "B", "C", "D", "E", "F"],
    "hire_date": pd.to_datetime(["2011-07-05", "2014-01-06", "2016-03-01", "2017-05-15", "2018-02-01", "2018-11-05"]),
    "status": ["active", "left", "left", "left", "active", "active"],
    "exit_date": pd.to_datetime([None, "2017-09-30", "2018-04-30", "2018-10-15", None, None]),
    "exit_type": [None, "voluntary", "voluntary", "involuntary", None, None],
    "base_pay": [9_000.0, 7_000.0, 6_000.0, 8_000.0, 5_000.0, 5_500.0],
})


@pytest.fixture
def extract(fresh_db):
    fresh_db.upsert("employees", EXTRACT)
    return fresh_db


def test_the_as_of_date_is_the_extracts_own_date_until_one_is_set(extract):
    # The latest hire or exit in EXTRACT is F's hire on 5 Nov 2018.
    assert company.as_of_date(extract) == date(2018, 11, 5)
    company.save(extract, as_of="2018-06-30")
    assert company.as_of_date(extract) == date(2018, 6, 30)
    company.save(extract, as_of="")
    assert company.as_of_date(extract) == date(2018, 11, 5)


def test_an_empty_database_computes_at_today(fresh_db):
    assert company.as_of_date(fresh_db) == date.today()


def test_turnover_and_headcount_read_at_the_as_of_date(extract):
    company.save(extract, as_of="2018-06-30")
    o = summarize(extract)
    # On 30 Jun 2018: A, D and E are employed (B left in 2017, C on 30 Apr 2018, F not hired yet).
    assert o.as_of == date(2018, 6, 30) and o.headcount == 3
    # A year before (30 Jun 2017): A, B, C and D.  Exits in between: B and C; turnover = 2 / ((3 + 4) / 2).
    assert (o.headcount_year_ago, o.exits_12m, o.hires_12m) == (4, 2, 1)
    assert o.turnover_12m == pytest.approx(2 / 3.5)
    # Payroll: 12 × the base pay of A, D and E, D counted although the extract marks D as left (in October).
    assert o.payroll_annual == pytest.approx(12 * (9_000 + 8_000 + 5_000))


def test_the_watchlist_lists_the_people_employed_on_the_as_of_date_with_their_tenure_then(extract):
    company.save(extract, as_of="2018-06-30")
    people = watchlist.people(extract, company.as_of_date(extract)).set_index("employee_id")
    assert sorted(people.index) == ["A", "D", "E"]
    # A was hired on 5 Jul 2011: 2,552 days before 30 Jun 2018 (pandas counts them independently).
    days = (pd.Timestamp("2018-06-30") - pd.Timestamp("2011-07-05")).days
    assert people.loc["A", "tenure"] == pytest.approx(days / 365.25)


def test_the_risk_models_history_counts_a_later_leaver_as_a_stayer_at_the_as_of_date(extract):
    history = watchlist.history(extract, date(2018, 6, 30)).set_index("employee_id")
    # D left on 15 Oct 2018, after the as-of date: still here then.  B and C left within three years before it.
    assert history["left_company"].to_dict() == {"A": 0, "B": 1, "C": 1, "D": 0, "E": 0}


def test_settings_are_checked_and_a_refusal_names_the_field_and_changes_nothing(fresh_db):
    saved = company.save(fresh_db, currency=" usd ", pay_period="annual", local_avg_wage="9500")
    assert (saved.currency, saved.pay_period, saved.local_avg_wage) == ("USD", "annual", 9_500.0)
    with pytest.raises(ValueError, match=r"currency: must be a three-letter ISO 4217 code.*as_of|as_of.*currency"):
        company.save(fresh_db, currency="dollars", as_of="2019-13-01")
    with pytest.raises(ValueError, match="payday: not a company setting"):
        company.save(fresh_db, payday="25")
    assert company.load(fresh_db) == saved


def test_the_migration_keeps_the_demos_date_and_the_watchlists_local_wage(tmp_path):
    # A database of schema 9: the demo's date under its own key, the local wage among the watchlist's settings.
    path = tmp_path / "hr.duckdb"
    Store(path).close()
    with duckdb.connect(str(path)) as old:
        old.execute("DELETE FROM schema_migrations WHERE version = 10")
        old.execute("DELETE FROM app_meta WHERE key = ?", [company.SETTINGS_KEY])
        old.execute("INSERT INTO app_meta VALUES ('as_of', '2026-10-31'), (?, ?)",
                    [watchlist.SETTINGS_KEY, '{"high_risk": 50, "local_avg_wage": 15000.0}'])
    upgraded = Store(path)
    settings = company.load(upgraded)
    assert (settings.as_of, settings.local_avg_wage) == (date(2026, 10, 31), 15_000.0)
    assert upgraded.meta("as_of") is None
    upgraded.close()


def test_the_settings_command_prints_changes_and_refuses_in_one_line(tmp_path):
    db = str(tmp_path / "hr.duckdb")
    shown = run_cli("settings", "--db", db)
    assert shown.returncode == 0 and "currency         CNY" in shown.stdout
    assert f"(not set: today, {date.today()}, until the data hold dates)" in shown.stdout
    changed = run_cli("settings", "--db", db, "as_of=2019-01-01", "currency=USD")
    assert changed.returncode == 0, changed.stderr
    assert "as_of            2019-01-01" in changed.stdout and "currency         USD" in changed.stdout
    refused = run_cli("settings", "--db", db, "currency=dollars")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "currency: must be a three-letter ISO 4217 code" in refused.stderr
    assert "currency         USD" in run_cli("settings", "--db", db).stdout


def test_the_local_minimum_wage_is_a_setting_beside_the_average_and_the_command_sets_it(tmp_path):
    db = str(tmp_path / "hr.duckdb")
    changed = run_cli("settings", "--db", db, "local_min_wage=2740")
    assert changed.returncode == 0, changed.stderr
    assert "local_min_wage   2740.0" in changed.stdout and "local_avg_wage   12000.0" in changed.stdout
    refused = run_cli("settings", "--db", db, "local_min_wage=-1")
    assert refused.returncode == 2 and "local_min_wage: must be a number from 0 to 10,000,000" in refused.stderr
    store = Store(db)
    assert company.load(store).local_min_wage == 2_740.0
    store.close()


def test_an_hr_extract_goes_in_as_it_comes_and_reads_at_the_date_set_afterwards(tmp_path):
    # Issue 28's acceptance: the HRDataset-shaped extract (US dates, two-digit birth years) through the command
    # line, then the as-of date set to 1 Jan 2019.  Expected figures recounted from the CSV with pandas.
    extract = ROOT / "tests" / "data" / "hrdataset_v14_synthetic.csv"
    db = str(tmp_path / "hr.duckdb")
    imported = run_cli("import", "employees", str(extract), "--db", db, "--map", "EmpID=employee_id",
                       "--map", "DateofHire=hire_date", "--map", "DOB=birth_date",
                       "--map", "DateofTermination=exit_date")
    assert imported.returncode == 0, imported.stderr
    assert run_cli("settings", "--db", db, "as_of=2019-01-01").returncode == 0
    file = pd.read_csv(extract, dtype=str)
    hired = pd.to_datetime(file["DateofHire"], format="%m/%d/%Y")
    left = pd.to_datetime(file["DateofTermination"], format="%m/%d/%Y")
    day, year_before = pd.Timestamp("2019-01-01"), pd.Timestamp("2018-01-01")
    employed = (hired <= day) & (left.isna() | (left > day))

    store = Store(tmp_path / "hr.duckdb")
    stored = store.table("employees").set_index("employee_id")
    assert (stored.loc[file.loc[left.notna(), "EmpID"], "status"] == "left").all()
    o = summarize(store)
    assert o.as_of == date(2019, 1, 1) and o.headcount == employed.sum()
    assert o.exits_12m == ((left > year_before) & (left <= day)).sum()
    watched = watchlist.people(store, company.as_of_date(store))
    assert sorted(watched["employee_id"]) == sorted(file.loc[employed, "EmpID"])
    store.close()


def test_the_watchlist_reads_only_the_appraisals_that_existed_on_the_as_of_date(extract):
    # A's cards: 100 points in 2018Q3, 85 in 2018Q4, 80 in 2019Q1.  Read on 31 Dec 2018 the last two are
    # 100 and 85 (15 down: performance falling); 2019Q1 did not exist yet.  Read on 31 Mar 2019: 85 then 80.
    extract.upsert("scorecards", pd.DataFrame({
        "scorecard_id": ["c1", "c2", "c3"], "owner_type": "employee", "owner_id": "A",
        "period": ["2018Q3", "2018Q4", "2019Q1"], "total_score": [100.0, 85.0, 80.0], "status": "scored"}))
    extract.upsert("ability_assessments", pd.DataFrame({"period": ["2018", "2019"], "employee_id": "A",
                                                        "score": [6.0, 9.0]}))
    then = watchlist.people(extract, date(2018, 12, 31)).set_index("employee_id").loc["A"]
    assert (then["performance"], then["performance_before"], then["ability"]) == (85.0, 100.0, 6.0)
    assert then["falling_performance"]
    later = watchlist.people(extract, date(2019, 3, 31)).set_index("employee_id").loc["A"]
    assert (later["performance"], later["performance_before"], later["ability"]) == (80.0, 85.0, 9.0)
    assert not later["falling_performance"]
