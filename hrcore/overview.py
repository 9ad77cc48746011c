"""The leaders' overview: headcount, its trend, flows and payroll.

All counting happens in DuckDB over the employees table; what comes back is
a few dozen rows, ready to plot.

Conventions
-----------
* Headcount at a date counts people hired on or before it whose exit date
  (their last day of service) is after it.
* A leaver without an exit date cannot be placed in time: such people are
  left out of headcount, trend and flows, and counted in
  :attr:`Overview.undated_leavers` so the page can say so.
* Payroll is annual: 12 × (base pay + target bonus) of the people employed on
  the as-of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from hrcore.attrition import turnover_rate
from hrcore.company import as_of_date, employed_on
from hrcore.store import Store

DATED = "NOT (coalesce(status, 'active') = 'left' AND exit_date IS NULL)"


@dataclass(frozen=True)
class Overview:
    as_of: date
    headcount: int
    headcount_year_ago: int
    hires_12m: int
    exits_12m: int
    voluntary_12m: int
    involuntary_12m: int
    turnover_12m: float
    base_pay_monthly: float
    payroll_annual: float
    undated_leavers: int
    trend: pd.DataFrame
    """``month_end, headcount`` for each month of the window."""
    flows: pd.DataFrame
    """``month, hires, voluntary, involuntary, unspecified`` per month."""
    by_department: pd.DataFrame
    """``department_id, parent_id, name_en, name_zh, headcount, payroll`` for every department."""


def _month_ends(as_of: date, months: int) -> pd.DatetimeIndex:
    last = pd.Timestamp(as_of).to_period("M")
    return pd.period_range(last - (months - 1), last, freq="M").to_timestamp(how="end").normalize()


def headcount_at(store: Store, day: date) -> int:
    return int(store.query(f"SELECT count(*) AS n FROM employees WHERE {employed_on()}", [day, day])["n"].iloc[0])


def summarize(store: Store, as_of: date | None = None, months: int = 36) -> Overview:
    """Compute the overview of the organisation on ``as_of``.

    Parameters
    ----------
    store : Store
    as_of : date, optional
        Defaults to :func:`as_of_date`.
    months : int
        Length of the trend window, ending with the month of ``as_of``.

    Examples
    --------
    >>> import pandas as pd
    >>> from hrcore.store import Store
    >>> store = Store()
    >>> _ = store.upsert("employees", pd.DataFrame({
    ...     "employee_id": ["a", "b", "c"], "status": ["active", "active", "left"],
    ...     "hire_date": pd.to_datetime(["2020-01-01", "2026-03-01", "2021-01-01"]),
    ...     "exit_date": pd.to_datetime([None, None, "2026-05-31"]),
    ...     "exit_type": [None, None, "voluntary"], "base_pay": [10_000.0, 8_000.0, 9_000.0]}))
    >>> o = summarize(store, date(2026, 10, 31), months=12)
    >>> o.headcount, o.headcount_year_ago, o.hires_12m, o.exits_12m, float(o.turnover_12m)
    (2, 2, 1, 1, 0.5)
    """
    as_of = as_of or as_of_date(store)
    ends = _month_ends(as_of, months)
    window_start = (ends[0] - pd.offsets.MonthBegin(1)).date()
    year_ago = (pd.Timestamp(as_of) - pd.DateOffset(years=1)).date()

    start_count = headcount_at(store, window_start - pd.Timedelta(days=1))
    hires = store.query(
        f"SELECT last_day(hire_date) AS month, count(*) AS hires FROM employees "
        f"WHERE {DATED} AND hire_date >= ? AND hire_date <= ? GROUP BY 1",
        [window_start, as_of],
    )
    exits = store.query(
        "SELECT last_day(exit_date) AS month, "
        "count(*) FILTER (WHERE exit_type = 'voluntary') AS voluntary, "
        "count(*) FILTER (WHERE exit_type = 'involuntary') AS involuntary, "
        "count(*) FILTER (WHERE exit_type IS NULL) AS unspecified "
        "FROM employees WHERE exit_date >= ? AND exit_date <= ? GROUP BY 1",
        [window_start, as_of],
    )
    flows = pd.DataFrame({"month": ends})
    for part in (hires, exits):
        part["month"] = pd.to_datetime(part["month"])
        flows = flows.merge(part, on="month", how="left")
    flows = flows.fillna(0).astype({c: "int64" for c in ["hires", "voluntary", "involuntary", "unspecified"]})
    exits_total = flows[["voluntary", "involuntary", "unspecified"]].sum(axis=1)
    trend = pd.DataFrame({"month_end": ends, "headcount": start_count + (flows["hires"] - exits_total).cumsum()})

    totals = store.query(
        f"SELECT coalesce(sum(base_pay) FILTER (WHERE {employed_on()}), 0) AS base, "
        "coalesce(sum(coalesce(base_pay, 0) + coalesce(target_bonus, 0)) "
        f"FILTER (WHERE {employed_on()}), 0) AS cash, "
        "count(*) FILTER (WHERE status = 'left' AND exit_date IS NULL) AS undated, "
        "count(*) FILTER (WHERE hire_date > ? AND hire_date <= ? AND " + DATED + ") AS hires, "
        "count(*) FILTER (WHERE exit_date > ? AND exit_date <= ?) AS exits, "
        "count(*) FILTER (WHERE exit_date > ? AND exit_date <= ? AND exit_type = 'voluntary') AS voluntary, "
        "count(*) FILTER (WHERE exit_date > ? AND exit_date <= ? AND exit_type = 'involuntary') AS involuntary "
        "FROM employees",
        [as_of] * 4 + [year_ago, as_of] * 4,
    ).iloc[0]
    headcount_year_ago = headcount_at(store, year_ago)
    headcount = headcount_at(store, as_of)

    by_department = store.query(
        "WITH staff AS (SELECT department_id, count(*) AS headcount, "
        "  sum(12 * (coalesce(base_pay, 0) + coalesce(target_bonus, 0))) AS payroll "
        f"  FROM employees WHERE {employed_on()} GROUP BY 1) "
        "SELECT coalesce(d.department_id, s.department_id) AS department_id, d.parent_id, d.name_en, d.name_zh, "
        "  coalesce(s.headcount, 0) AS headcount, coalesce(s.payroll, 0) AS payroll "
        "FROM departments d FULL OUTER JOIN staff s ON d.department_id = s.department_id "
        "ORDER BY headcount DESC", [as_of, as_of]
    )
    return Overview(
        as_of=as_of,
        headcount=headcount,
        headcount_year_ago=headcount_year_ago,
        hires_12m=int(totals["hires"]),
        exits_12m=int(totals["exits"]),
        voluntary_12m=int(totals["voluntary"]),
        involuntary_12m=int(totals["involuntary"]),
        turnover_12m=turnover_rate(int(totals["exits"]), headcount_year_ago, headcount),
        base_pay_monthly=float(totals["base"]),
        payroll_annual=12 * float(totals["cash"]),
        undated_leavers=int(totals["undated"]),
        trend=trend,
        flows=flows,
        by_department=by_department,
    )


def department_rollup(by_department: pd.DataFrame, lang: str, unassigned: str) -> pd.DataFrame:
    """Sunburst-ready rows: every department with its own people, everyone in it and under it (``people``), and
    its parent.

    Departments missing from the departments table hang under the root with
    their id as name; people without a department go to ``unassigned``.

    >>> rows = department_rollup(pd.DataFrame({"department_id": ["HQ", "S", "S1"], "parent_id": [None, "HQ", "S"],
    ...     "name_en": ["Company", "Sales", "East"], "name_zh": [None] * 3, "headcount": [1, 2, 30],
    ...     "payroll": [0.0] * 3}), "en", "Not assigned")
    >>> rows["people"].tolist()
    [33, 32, 30]
    """
    frame = by_department.copy()
    frame["department_id"] = frame["department_id"].fillna("__unassigned__")
    known = set(frame["department_id"])
    frame["parent_id"] = frame["parent_id"].where(frame["parent_id"].isin(known), "")
    label_en = frame["name_en"].fillna(frame["department_id"])
    label_zh = frame["name_zh"].fillna(label_en)
    frame["label"] = (label_zh if lang == "zh" else label_en).where(
        frame["department_id"] != "__unassigned__", unassigned)
    parent = dict(zip(frame["department_id"], frame["parent_id"]))
    people = dict.fromkeys(parent, 0)
    for department, own in zip(frame["department_id"], frame["headcount"]):
        seen = set()
        while department and department not in seen:  # up to the root; a loop in the tree is walked once
            seen.add(department)
            people[department] += int(own)
            department = parent.get(department, "")
    frame["people"] = frame["department_id"].map(people)
    return frame[["department_id", "parent_id", "label", "headcount", "people", "payroll"]]
