"""Shared fixtures: an in-memory store, the public sample files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hrcore.store import Store

ROOT = Path(__file__).resolve().parent.parent
# Real public files, copied into the repository so the tests travel with it (tests/data/README.md).
SHARED_DATA = Path(os.environ.get("HRCORE_SHARED_DATA", ROOT / "tests" / "data"))
IBM_CSV = SHARED_DATA / "ibm_hr_attrition.csv"
IBM_MAPPING = ROOT / "data" / "mappings" / "ibm_hr_attrition.json"


@pytest.fixture
def fresh_db() -> Store:
    store = Store(":memory:")
    yield store
    store.close()


@pytest.fixture(scope="module")
def demo() -> Store:
    """The small demo company (300 active employees, seed 5), built once per module and only read by its tests."""
    from hrcore.demo import build_demo

    store = Store()
    build_demo(store, employees=300, seed=5)
    yield store
    store.close()


@pytest.fixture(scope="session")
def ibm_bytes() -> bytes:
    assert IBM_CSV.exists(), f"the IBM sample is expected at {IBM_CSV} (tests/data)"
    return IBM_CSV.read_bytes()


@pytest.fixture(scope="session")
def ibm_mapping() -> dict:
    return json.loads(IBM_MAPPING.read_text(encoding="utf-8"))


def workbook_bytes(rows: list[list]) -> bytes:
    """A workbook as openpyxl writes it: a formula cell gets no saved value (openpyxl never calculates)."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def hr_dataset_like(n: int = 311, seed: int = 14):
    """A synthetic file shaped like the HRDataset_v14 extract (Huebner & Patalano's teaching data set, 311 people
    of a US company, 36 columns) and the true exit probability of each row.

    Termd 0/1 is drawn from a known logit of satisfaction (EmpSatisfaction 1-5), engagement (EngagementSurvey),
    pay (Salary), special projects, absences and tenure (DateofHire); the rest is noise.  Like the real file it
    carries the exit itself five times over: DateofTermination (filled only for leavers), TermReason
    ("N/A-StillEmployed" for the others), EmploymentStatus (Active / Voluntarily Terminated / Terminated for
    Cause), EmpStatusID (its code) and LastPerformanceReview_Date (early 2019 for those still there, a
    leaver's last review before the exit).  Dates are US month-first text, numbers text-free, as pandas reads
    the CSV.
    """
    import numpy as np
    import pandas as pd

    def us(stamps) -> pd.Series:
        days = pd.Series(pd.to_datetime(stamps))
        return days.dt.strftime("%m/%d/%Y").str.replace(r"(^|/)0", r"\1", regex=True).where(days.notna())

    rng = np.random.default_rng(seed)
    satisfaction = rng.choice([1, 2, 3, 4, 5], n, p=[.03, .07, .3, .35, .25])
    engagement = np.clip(np.round(rng.normal(4.1, 0.8, n), 2), 1, 5)
    salary = np.round(rng.lognormal(np.log(62_000), 0.25, n), 0)
    projects = rng.choice([0, 0, 0, 0, 3, 5, 6], n)
    absences = rng.integers(1, 21, n)
    hired = pd.Timestamp("2006-01-09") + pd.to_timedelta(rng.integers(0, 4_500, n), unit="D")
    years = (pd.Timestamp("2019-02-28") - hired).days.to_numpy() / 365.25
    logit = (-0.9 - 0.9 * (satisfaction - 3.9) - 0.8 * (engagement - 4.1) - 1.5 * np.log(salary / 62_000)
             - 0.25 * projects + 0.05 * (absences - 10) + 0.12 * (years - 7))
    risk = 1 / (1 + np.exp(-logit))
    left = rng.random(n) < risk
    status = np.where(left, rng.choice(["Voluntarily Terminated", "Terminated for Cause"], n, p=[.85, .15]), "Active")
    status_id = np.select([status == "Voluntarily Terminated", status == "Terminated for Cause"], [5, 4],
                          rng.choice([1, 2, 3], n, p=[.85, .05, .1]))
    reasons = ["Another position", "unhappy", "more money", "career change", "hours", "attendance",
               "return to school", "relocation out of area", "military", "retiring", "performance",
               "no-call, no-show", "maternity leave - did not return", "medical issues", "gross misconduct"]
    served = np.minimum(rng.integers(60, 4_000, n), (pd.Timestamp("2018-12-31") - hired).days.to_numpy())
    terminated = hired + pd.to_timedelta(np.maximum(served, 1), unit="D")
    reviewed = np.where(left, terminated - pd.to_timedelta(rng.integers(30, 300, n), unit="D"),
                        pd.Timestamp("2019-01-02") + pd.to_timedelta(rng.integers(0, 58, n), unit="D"))
    manager = rng.integers(1, 22, n)
    frame = pd.DataFrame({
        "Employee_Name": [f"Surname{i}, Name{i % 97}" for i in range(n)],
        "EmpID": np.arange(10_001, 10_001 + n),
        "MarriedID": rng.integers(0, 2, n), "MaritalStatusID": rng.integers(0, 5, n),
        "GenderID": rng.integers(0, 2, n), "EmpStatusID": status_id, "DeptID": rng.integers(1, 7, n),
        "PerfScoreID": rng.choice([1, 2, 3, 4], n, p=[.04, .06, .78, .12]),
        "FromDiversityJobFairID": rng.integers(0, 2, n), "Salary": salary, "Termd": left.astype(int),
        "PositionID": rng.integers(1, 31, n),
        "Position": rng.choice(["Production Technician I", "Production Technician II", "Area Sales Manager",
                                "Data Analyst", "Software Engineer"], n),
        "State": rng.choice(["MA", "CT", "TX", "VT"], n, p=[.9, .04, .03, .03]), "Zip": rng.integers(1_000, 99_000, n),
        "DOB": us(pd.Timestamp("1951-01-01") + pd.to_timedelta(rng.integers(0, 14_000, n), unit="D")),
        "Sex": rng.choice(["M ", "F"], n),
        "MaritalDesc": rng.choice(["Single", "Married", "Divorced", "Separated", "Widowed"], n),
        "CitizenDesc": rng.choice(["US Citizen", "Eligible NonCitizen", "Non-Citizen"], n, p=[.94, .04, .02]),
        "HispanicLatino": rng.choice(["No", "Yes"], n, p=[.9, .1]),
        "RaceDesc": rng.choice(["White", "Black or African American", "Asian", "Two or more races"], n),
        "DateofHire": us(hired), "DateofTermination": us(pd.Series(terminated).where(left)),
        "TermReason": np.where(left, rng.choice(reasons, n), "N/A-StillEmployed"), "EmploymentStatus": status,
        "Department": rng.choice(["Production       ", "IT/IS", "Sales", "Software Engineering", "Admin Offices"], n,
                                 p=[.68, .16, .1, .03, .03]),
        "ManagerName": [f"Manager {m}" for m in manager], "ManagerID": manager,
        "RecruitmentSource": rng.choice(["Indeed", "LinkedIn", "Google Search", "Employee Referral"], n),
        "PerformanceScore": rng.choice(["Fully Meets", "Exceeds", "Needs Improvement", "PIP"], n,
                                       p=[.78, .12, .06, .04]),
        "EngagementSurvey": engagement, "EmpSatisfaction": satisfaction, "SpecialProjectsCount": projects,
        "LastPerformanceReview_Date": us(reviewed), "DaysLateLast30": rng.choice([0] * 5 + [1, 2, 3, 4, 5, 6], n),
        "Absences": absences,
    })
    return frame, risk
