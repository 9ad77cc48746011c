"""Data readiness and templates: what each table unlocks, and templates that go back in as they are."""

from __future__ import annotations

import pandas as pd
import pytest

from hrcore import readiness
from hrcore.imports import plan_import, read_file, suggest_mapping
from hrcore.schema import TABLES


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("table", list(readiness.SOURCES))
def test_a_template_goes_back_in_as_it_is_with_every_column_found(fresh_db, table, lang, fmt):
    # The people and the model item the examples refer to (ratings are checked against them).
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["E0001", "E0002", "E0003"]}))
    fresh_db.upsert("comp_models", pd.DataFrame({"model_id": ["core"]}))
    fresh_db.upsert("comp_items", pd.DataFrame({"item_id": ["communication"], "model_id": ["core"],
                                                "layer": ["core"], "kind": ["behaviour"]}))
    # The certification examples' candidate was reviewed and trained before the exams (seed 004 §6.2.2-6.2.4).
    fresh_db.upsert("cert_eligibility", pd.DataFrame({"review_id": ["R1"], "employee_id": ["E0001"],
                                                      "track_id": ["finance"], "level": [1],
                                                      "reviewed_on": ["2026-01-05"], "outcome": ["meets"]}))
    fresh_db.upsert("cert_training", pd.DataFrame({"training_id": ["T1"], "employee_id": ["E0001"],
                                                   "track_id": ["finance"], "level": [1], "mode": ["course"],
                                                   "started_on": ["2026-01-10"], "ended_on": ["2026-02-28"]}))
    raw = read_file(readiness.template(table, lang, fmt), f"{table}.{fmt}").frame
    assert len(raw) == 2
    found = suggest_mapping(list(raw.columns), table)
    # Every heading is recognised: nothing to map by hand.
    assert sorted(found.values()) == sorted(raw.columns)
    plan = plan_import(fresh_db, table, raw, {"columns": found})
    assert plan.problems.empty, plan.problems.to_dict("records")
    assert len(plan.rows) == 2


def test_template_headings_are_in_the_users_language_and_cover_the_table():
    english = readiness.template_frame("employees", "en")
    chinese = readiness.template_frame("employees", "zh")
    assert list(chinese.columns[:3]) == ["工号", "中文姓名", "英文姓名"]
    assert list(english.columns[:3]) == ["Employee ID", "Chinese name", "English name"]
    assert len(chinese.columns) == len(TABLES["employees"].columns)


def test_readiness_counts_the_rows_of_each_table_a_company_brings(fresh_db):
    fresh_db.upsert("employees", pd.DataFrame({"employee_id": ["a", "b", "c"]}))
    report = readiness.readiness(fresh_db)
    assert report.loc["employees", "rows"] == 3 and report.loc["scorecards", "rows"] == 0
    assert readiness.missing(fresh_db, ["employees", "jobs", "market_data"]) == ["jobs", "market_data"]
