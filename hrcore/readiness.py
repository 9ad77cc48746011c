"""Data readiness: the tables a company brings, how many rows each holds, what each unlocks, and a template.

A page that lacks data says which table to bring and offers its template: the table's columns headed in the
user's language (:mod:`hrcore.fields`) and two example rows that pass the import's own checks.

>>> from hrcore.store import Store
>>> report = readiness(Store())
>>> int(report.loc["employees", "rows"]), report.loc["employees", "pages"]
(0, ('overview', 'attrition', 'competency', 'talent', 'pay'))
>>> template("leave_records", "zh", "csv").decode("utf-8-sig").splitlines()[0]
'请假编号,工号,开始日期,结束日期,天数,类型'
"""

from __future__ import annotations

import pandas as pd

from hrcore.downloads import table_bytes
from hrcore.fields import label
from hrcore.schema import TABLES
from hrcore.store import Store

SOURCES: dict[str, tuple[str, ...]] = {
    "employees": ("overview", "attrition", "competency", "talent", "pay"),
    "departments": ("overview", "attrition"),
    "jobs": ("evaluation", "pay", "competency"),
    "market_data": ("evaluation", "pay"),
    "employee_events": ("attrition", "competency"),
    "scorecards": ("kpi", "talent", "attrition"),
    "ability_assessments": ("talent",),
    "ratings_360": ("competency", "talent"),
    "certifications": ("competency",),
    "leave_records": ("attrition",),
    "attrition_signals": ("attrition",),
}
"""The tables a company brings from its HR systems, in the order they are worth bringing, and the pages each
feeds (page names as the navigation's url paths)."""

EXAMPLES: dict[str, list[dict]] = {
    "employees": [
        {"employee_id": "E0001", "name_zh": "王芳", "name_en": "Wang Fang", "department_id": "D10", "job_id": "J100",
         "grade": 8, "manager_id": "E0002", "hire_date": "2019-03-01", "birth_date": "1988-05-20",
         "gender": "female", "education": "master", "major": "finance", "location": "Shanghai", "base_pay": 18500,
         "target_bonus": 3000, "status": "active", "key_talent": "yes", "job_level": 2},
        {"employee_id": "E0003", "name_zh": "李强", "name_en": "Li Qiang", "department_id": "D20", "job_id": "J210",
         "grade": 5, "manager_id": "E0002", "hire_date": "2021-07-12", "birth_date": "1995-11-03", "gender": "male",
         "education": "bachelor", "major": "marketing", "location": "Suzhou", "base_pay": 9800, "target_bonus": 1200,
         "status": "left", "exit_date": "2025-06-30", "exit_type": "voluntary", "exit_reason": "career",
         "key_talent": "no", "job_level": 1},
    ],
    "departments": [
        {"department_id": "D10", "name_en": "Finance", "name_zh": "财务部", "parent_id": "D01", "head_id": "E0002"},
        {"department_id": "D20", "name_en": "Sales East", "name_zh": "华东销售部", "parent_id": "D01",
         "head_id": "E0007"},
    ],
    "jobs": [
        {"job_id": "J100", "job_family": "finance", "title_en": "Financial analyst", "title_zh": "财务分析师",
         "is_key": "yes", "is_manager": "no", "grade": 8, "next_job_id": "J110"},
        {"job_id": "J210", "job_family": "sales", "title_en": "Sales representative", "title_zh": "销售代表",
         "is_key": "no", "is_manager": "no", "grade": 5, "next_job_id": "J220"},
    ],
    "market_data": [
        {"job_id": "J100", "survey_year": 2026, "pay_type": "fixed", "p10": 12000, "p25": 14500, "p50": 17000,
         "p75": 20000, "p90": 24000, "effective_date": "2026-07-01", "source": "Regional pay survey",
         "survey_job": "Financial analyst II", "currency": "CNY"},
        {"job_id": "J210", "survey_year": 2026, "pay_type": "fixed", "p10": 6500, "p25": 7800, "p50": 9200,
         "p75": 11000, "p90": 13500, "effective_date": "2026-07-01", "source": "Regional pay survey",
         "survey_job": "Sales representative", "currency": "CNY"},
    ],
    "employee_events": [
        {"event_id": "EV001", "employee_id": "E0001", "event_date": "2023-04-01", "event_type": "promotion",
         "from_job_id": "J090", "to_job_id": "J100", "from_grade": 7, "to_grade": 8, "base_pay": 17000},
        {"event_id": "EV002", "employee_id": "E0003", "event_date": "2024-01-01", "event_type": "pay_change",
         "from_job_id": "J210", "to_job_id": "J210", "from_grade": 5, "to_grade": 5, "base_pay": 9800},
    ],
    "scorecards": [
        {"scorecard_id": "SC-2026Q2-E0001", "owner_type": "employee", "owner_id": "E0001", "period": "2026Q2",
         "appraiser_id": "E0002", "total_score": 104.5, "rating": "B", "status": "scored"},
        {"scorecard_id": "SC-2026Q2-E0003", "owner_type": "employee", "owner_id": "E0003", "period": "2026Q2",
         "appraiser_id": "E0002", "total_score": 88, "rating": "C", "status": "scored"},
    ],
    "ability_assessments": [
        {"period": "2026", "employee_id": "E0001", "score": 7.5, "assessor_id": "E0002"},
        {"period": "2026", "employee_id": "E0003", "score": 6, "assessor_id": "E0002"},
    ],
    "ratings_360": [
        {"period": "2026H1", "ratee_id": "E0001", "rater_id": "E0002", "rater_group": "superior",
         "item_id": "communication", "score": 8, "rated_on": "2026-06-20"},
        {"period": "2026H1", "ratee_id": "E0001", "rater_id": "E0003", "rater_group": "peer",
         "item_id": "communication", "score": 7, "rated_on": "2026-06-21"},
    ],
    "certifications": [
        {"record_id": "C0001", "employee_id": "E0001", "track_id": "finance", "level": 1, "stage": "course_exam",
         "course": "Cost accounting", "score": 86, "pass_mark": 60, "result": "pass", "exam_date": "2026-03-15"},
        {"record_id": "C0002", "employee_id": "E0001", "track_id": "finance", "level": 1, "stage": "ability_test",
         "score": 78, "pass_mark": 70, "result": "pass", "exam_date": "2026-04-10"},
    ],
    "leave_records": [
        {"leave_id": "L0001", "employee_id": "E0001", "start_date": "2026-08-03", "end_date": "2026-08-07",
         "days": 5, "kind": "annual"},
        {"leave_id": "L0002", "employee_id": "E0003", "start_date": "2026-09-14", "end_date": "2026-09-14",
         "days": 1, "kind": "sick"},
    ],
    "attrition_signals": [
        {"signal_id": "S0001", "employee_id": "E0003", "signal_date": "2026-09-20", "kind": "attitude_change",
         "note": "Less engaged in team meetings since the reorganisation"},
        {"signal_id": "S0002", "employee_id": "E0001", "signal_date": "2026-10-02", "kind": "family",
         "note": "Partner moving to another city"},
    ],
}
"""Two rows per table that pass the import's checks (a test validates them), showing each column's form."""


def readiness(store: Store) -> pd.DataFrame:
    """Each table a company brings (:data:`SOURCES`), indexed by table: ``rows`` held and ``pages`` it feeds."""
    # Only the tables a company brings: counting all of the store's tables cost the overview a query each.
    return pd.DataFrame({"rows": [store.count(name) for name in SOURCES], "pages": list(SOURCES.values())},
                        index=pd.Index(list(SOURCES), name="table"))


def missing(store: Store, tables) -> list[str]:
    """Which of ``tables`` hold no rows yet."""
    return [name for name in tables if not store.count(name)]


def template_frame(table: str, lang: str) -> pd.DataFrame:
    """Every importable column of ``table`` headed in ``lang``, with the two example rows."""
    columns = [c for c in TABLES[table].columns if c not in ("updated_at", "updated_by", "revision")]
    rows = pd.DataFrame(EXAMPLES[table], columns=columns)
    return rows.rename(columns={c: label(c, lang) for c in columns})


def template(table: str, lang: str, fmt: str) -> bytes:
    """The template of ``table`` as CSV (UTF-8 with BOM, which Excel opens in Chinese) or XLSX."""
    return table_bytes(template_frame(table, lang), fmt, sheet=table)
