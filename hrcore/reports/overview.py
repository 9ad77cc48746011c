"""The leaders' overview: the organisation (headcount, its trend, flows, turnover, payroll, departments) and
what the page may be narrowed to.

Two reports: :func:`context` (the company's as-of date, the months and
departments one may choose, the data it holds), computed on the user's store
as it is, and :func:`organisation`, the figures of the top half of the page,
computed on the store narrowed to the chosen department
(``views._common.report(organisation, as_of, department=...)`` runs it on
:meth:`hrcore.store.Store.within`), so every figure follows the department
filter without a line of its own.

The page keeps the chosen department in ``st.session_state["focus_department"]``
(a department id, or absent for everyone the user sees): the other pages read
that key to open on the same department.

Pay is shown by group only when the group holds :data:`hrcore.privacy.MIN_GROUP`
people at least (:func:`hrcore.privacy.small_groups`): the payroll of a
department's own people, and the payroll total of a department chosen in the
filter.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

import pandas as pd

from hrcore import readiness
from hrcore.company import as_of_date
from hrcore.overview import Overview, summarize
from hrcore.privacy import MIN_GROUP, small_groups
from hrcore.store import Store

MONTHS = 36
"""How far back the as-of month may be chosen, and the length of the headcount trend."""


@dataclass(frozen=True)
class Context:
    as_of: date
    """The company's as-of date (:func:`hrcore.company.as_of_date`): what the programmes' tiles count on."""
    months: tuple[date, ...]
    """The as-of dates one may choose, latest first: ``as_of`` itself, then the ends of the months before."""
    departments: pd.DataFrame
    """``department_id, name_en, name_zh, depth`` of every department the user sees, parents before their
    children (depth 0 for a department whose parent is not seen)."""
    data_held: pd.Series
    """Whether each table a company brings holds rows (:data:`hrcore.readiness.SOURCES`' order)."""
    company_en: str | None
    company_zh: str | None
    employees: int
    """Rows of the employees table: none, and the page says what to bring."""


@dataclass(frozen=True)
class Organisation:
    figures: Overview
    """Headcount, trend, flows, turnover and payroll on the as-of date (:func:`hrcore.overview.summarize`);
    ``payroll_annual`` and ``base_pay_monthly`` are NaN when fewer than :data:`MIN_GROUP` people are employed,
    and ``by_department.payroll`` NaN for the departments :func:`hrcore.privacy.small_groups` hides."""

    @property
    def payroll_shown(self) -> bool:
        return self.figures.payroll_annual == self.figures.payroll_annual


def _month_choices(as_of: date, months: int) -> tuple[date, ...]:
    ends = pd.period_range(end=pd.Timestamp(as_of).to_period("M") - 1, periods=months - 1, freq="M")
    return (as_of, *(end.to_timestamp(how="end").date() for end in reversed(ends)))


def _tree_order(departments: pd.DataFrame) -> pd.DataFrame:
    """Departments in the order of their tree (parents first, siblings by id), each with its depth."""
    known = set(departments["department_id"])
    children: dict[str, list[str]] = {}
    for department, parent in zip(departments["department_id"], departments["parent_id"]):
        children.setdefault(parent if parent in known else "", []).append(department)
    order: list[tuple[str, int]] = []
    stack = [(department, 0) for department in sorted(children.get("", []), reverse=True)]
    while stack:
        department, depth = stack.pop()
        order.append((department, depth))
        stack.extend((child, depth + 1) for child in sorted(children.get(department, []), reverse=True))
    depth = pd.DataFrame(order, columns=["department_id", "depth"])
    return depth.merge(departments[["department_id", "name_en", "name_zh"]], on="department_id")[
        ["department_id", "name_en", "name_zh", "depth"]]


def context(db: Store) -> Context:
    """What the overview may be narrowed to, and what the company holds.

    Examples
    --------
    >>> from hrcore.store import Store
    >>> store = Store()
    >>> _ = store.upsert("departments", pd.DataFrame({"department_id": ["HQ", "S", "S1", "R"],
    ...     "parent_id": [None, "HQ", "S", "HQ"], "name_en": ["Company", "Sales", "Sales East", "R&D"]}))
    >>> c = context(store)
    >>> list(zip(c.departments["department_id"], c.departments["depth"]))
    [('HQ', 0), ('R', 1), ('S', 1), ('S1', 2)]
    """
    as_of = as_of_date(db)
    departments = db.query("SELECT department_id, parent_id, name_en, name_zh FROM departments")
    return Context(as_of=as_of, months=_month_choices(as_of, MONTHS), departments=_tree_order(departments),
                   data_held=readiness.readiness(db)["rows"] > 0, company_en=db.meta("company_en"),
                   company_zh=db.meta("company_zh"), employees=db.count("employees"))


def organisation(db: Store, as_of: date | None = None) -> Organisation:
    """The organisation on ``as_of`` (default: the company's as-of date): headcount and its 36-month trend, the
    12 months' hires, exits and turnover ending there, payroll, and each department's own people.

    Pay by group respects :data:`hrcore.privacy.MIN_GROUP`: see the module docstring.

    Examples
    --------
    >>> from hrcore.store import Store
    >>> store = Store()
    >>> _ = store.upsert("employees", pd.DataFrame({"employee_id": list("abcdefg"),
    ...     "department_id": ["S"] * 6 + ["R"], "hire_date": pd.to_datetime(["2020-01-01"] * 7),
    ...     "base_pay": [1000.0] * 7}))
    >>> org = organisation(store, date(2026, 10, 31))
    >>> org.figures.headcount, org.figures.payroll_annual
    (7, 84000.0)
    >>> org.figures.by_department["payroll"].tolist()  # R's one person is hidden, with S beside them
    [nan, nan]
    >>> organisation(store.within("R"), date(2026, 10, 31)).payroll_shown
    False
    """
    figures = summarize(db, as_of or as_of_date(db), months=MONTHS)
    departments = figures.by_department.copy()
    departments["payroll"] = departments["payroll"].astype(float).where(~small_groups(departments["headcount"]))
    hidden = 0 < figures.headcount < MIN_GROUP
    return Organisation(figures=dataclasses.replace(
        figures, by_department=departments,
        payroll_annual=float("nan") if hidden else figures.payroll_annual,
        base_pay_monthly=float("nan") if hidden else figures.base_pay_monthly))
