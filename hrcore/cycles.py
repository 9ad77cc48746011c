"""Appraisal cycles by role (seed 003, DOMAIN.md §4): who is appraised how often, which periods fit whom, and
each person's performance over a review period when cards of several cycles are mixed.

Seed 003: 绩效考核的周期：总经理（年度），副总（半年或者季度），经理助理（季度），员工（月）；经理以上的列出季度或者
半年工作目标计划.  The roles, with their default cycles (:data:`hrcore.kpi.CYCLES`, adjustable in the KPI
settings):

* ``general_manager`` 总经理, yearly;
* ``vice_president`` 副总, half-yearly (or quarterly);
* ``manager`` 经理 and the other managers above the assistants, quarterly (or half-yearly);
* ``manager_assistant`` 经理助理, quarterly;
* ``staff`` 员工, monthly.

The role of a job (:func:`job_roles`), in this order:

1. the KPI settings' ``roles`` (job id → role) when they name the job;
2. a job held by the head of a top department (one without a parent) is the general manager's;
3. a job held by the head of a department directly below a top one is a vice president's (副总: the demo's
   centre general managers, 中心总经理);  in a manager's view of their part of the company the top is out of
   sight, and their jobs fall to rules 4 and 5 unless the settings name them;
4. a job whose title says 经理助理 / 助理经理 / assistant manager is a manager assistant's;
5. any other managing job (``is_manager``) is a manager's; every other job, and a person without one, staff.

A card's owner has the role of: an employee, their job's; a position card (the owner is a job id), that job's;
a department card, its head's job's (the cycle of who answers for the unit; a department without a head:
manager).

Periods are named as HR systems name them (:func:`hrcore.dates.period_start`): ``2026`` (yearly),
``2026-H1`` or ``2026H1`` (half-yearly), ``2026Q3`` (quarterly), ``2026-09`` (monthly), and the Chinese forms.
A period fits a cycle when its kind is the cycle.

A review over a period (the nine-box of 2026Q3, a year) takes each person's performance as the mean total of
their scored cards whose period lies within it (a monthly card within its quarter; a yearly card counts for the
year only), rated by the bands (:func:`performance_in`).
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from hrcore import kpi
from hrcore.dates import period_start
from hrcore.errors import Refused

ROLES = tuple(kpi.CYCLES)
MONTHS = {"yearly": 12, "half-yearly": 6, "quarterly": 3, "monthly": 1}
"""Months of a period of each cycle."""
_KINDS = (
    ("yearly", r"^\d{4}年?$"),
    ("half-yearly", r"^\d{4}\s*[-_ ]?\s*[Hh][12]$|^\d{4}年\s*[上下]半年$"),
    ("quarterly", r"^\d{4}\s*[-_ ]?\s*[Qq][1-4]$|^\d{4}年\s*第?[1-4一二三四]季度?$"),
    ("monthly", r"^\d{4}[-/.]\d{1,2}$|^\d{4}年\s*\d{1,2}月$"),
)
ASSISTANT_TITLE = re.compile(r"经理助理|助理经理|assistant\s+(?:general\s+)?manager|manager'?s?\s+assistant",
                             re.IGNORECASE)
"""A title of the seed's 经理助理 (总经理助理 included)."""


def cycles_of(settings: dict) -> dict:
    """The cycle of each role: the saved ones over the seed's (settings saved before a role existed keep it).

    >>> cycles_of({"cycles": {"vice_president": "quarterly"}})["vice_president"], cycles_of({})["staff"]
    ('quarterly', 'monthly')
    """
    return {**kpi.CYCLES, **{k: v for k, v in (settings.get("cycles") or {}).items() if k in kpi.CYCLES}}


def period_kind(period) -> str | None:
    """``yearly``, ``half-yearly``, ``quarterly`` or ``monthly``; None for a name that is none of these.

    >>> [period_kind(p) for p in ["2026", "2026-H1", "2026H2", "2026Q3", "2026-09", "2026年9月", "Spring", "2026-13"]]
    ['yearly', 'half-yearly', 'half-yearly', 'quarterly', 'monthly', 'monthly', None, None]
    """
    text = str(period).strip()
    if period_start(text) is None:
        return None
    return next((kind for kind, pattern in _KINDS if re.match(pattern, text)), None)


def _distinct(periods) -> tuple[np.ndarray, np.ndarray]:
    """Codes into the distinct period names (a missing name: -1) and the names as text: a million cards hold a
    few dozen periods, each read once."""
    codes, uniques = pd.factorize(pd.Series(periods) if not isinstance(periods, pd.Series) else periods)
    return codes, np.asarray([str(u) for u in uniques], dtype=object)


def spans(periods) -> pd.DataFrame:
    """Per period (the index, each distinct one read once): ``kind``, ``first`` (month number, year × 12 +
    month − 1) and ``months``; an unreadable period has no kind and NaN.

    >>> spans(["2026Q3", "2026-09", "2026"]).to_dict("list")
    {'kind': ['quarterly', 'monthly', 'yearly'], 'first': [24318, 24320, 24312], 'months': [3, 1, 12]}
    """
    distinct = pd.Index(pd.unique(pd.Series(list(periods), dtype=object).astype(str)))
    kind = [period_kind(p) for p in distinct]
    start = [period_start(p) if k else None for p, k in zip(distinct, kind)]
    return pd.DataFrame({"kind": kind,
                         "first": [s.year * 12 + s.month - 1 if s else np.nan for s in start],
                         "months": [MONTHS[k] if k else np.nan for k in kind]}, index=distinct)


def within(periods, review: str) -> np.ndarray:
    """Whether each of ``periods`` lies within the review period (an unreadable review: only its own name).

    >>> within(["2026-07", "2026-09", "2026-10", "2026Q3", "2026", "2026-H2"], "2026Q3").tolist()
    [True, True, False, True, False, False]
    >>> within(["2026Q1", "2025-12", "2026"], "2026").tolist()
    [True, False, True]
    """
    codes, names = _distinct(periods)
    found = spans([str(review), *names])
    head = found.loc[str(review)]
    if head["kind"] is None:
        inside = names == str(review)
    else:
        table = found.loc[names]
        inside = ((table["first"] >= head["first"]) &
                  (table["first"] + table["months"] <= head["first"] + head["months"])).to_numpy(dtype=bool)
    return np.append(inside, False)[codes]


def fits(periods, cycles) -> np.ndarray:
    """Whether each period fits its cycle (its kind is the cycle); element-wise, or one cycle for all.

    >>> fits(["2026-09", "2026Q3", "2026", "Spring"], ["monthly", "monthly", "yearly", "monthly"]).tolist()
    [True, False, True, False]
    """
    codes, names = _distinct(periods)
    kind = np.append(spans(names)["kind"].reindex(names).to_numpy(dtype=object), None)[codes]
    return (kind == np.asarray(cycles, dtype=object)) & pd.notna(kind)


def period_name(cycle: str, year: int, number: int) -> str:
    """The name of the ``number``-th period (1-based) of ``cycle`` in ``year``, as the product writes it.

    >>> [period_name(c, 2026, n) for c, n in [("yearly", 1), ("half-yearly", 2), ("quarterly", 3), ("monthly", 9)]]
    ['2026', '2026-H2', '2026Q3', '2026-09']
    """
    return {"yearly": f"{year}", "half-yearly": f"{year}-H{number}", "quarterly": f"{year}Q{number}",
            "monthly": f"{year}-{number:02d}"}[cycle]


def cycle_periods(cycle: str, as_of: date, before: int = 4, after: int = 1) -> list[str]:
    """The periods of ``cycle`` around ``as_of``, latest first: ``after`` coming ones, the current one (the
    period holding ``as_of``), ``before`` earlier ones.

    >>> cycle_periods("monthly", date(2026, 10, 31), before=2)
    ['2026-11', '2026-10', '2026-09', '2026-08']
    >>> cycle_periods("half-yearly", date(2026, 10, 31), before=1, after=0)
    ['2026-H2', '2026-H1']
    """
    if cycle not in MONTHS:
        raise Refused("cycle_unknown", field="cycle", cycles=list(MONTHS), cycle=cycle)
    months = MONTHS[cycle]
    current = (as_of.year * 12 + as_of.month - 1) // months
    out = []
    for n in range(current + after, current - before - 1, -1):
        first = n * months
        out.append(period_name(cycle, first // 12, (first % 12) // months + 1))
    return out


def job_roles(jobs: pd.DataFrame, departments: pd.DataFrame | None = None, heads: pd.DataFrame | None = None,
              overrides: dict | None = None) -> pd.Series:
    """The appraisal role of each job (job id → role), by the rule of the module's docstring.

    ``jobs`` has ``job_id, title_en, title_zh, is_manager``; ``departments`` ``department_id, parent_id,
    head_id``; ``heads`` maps ``employee_id`` to ``job_id`` (the heads' jobs); ``overrides`` job id → role.

    >>> jobs = pd.DataFrame({"job_id": ["CEO", "GM", "MGR", "AST", "ENG"], "title_en": [None, None, None, None, "x"],
    ...                      "title_zh": ["总裁", "中心总经理", "经理", "总经理助理", "工程师"],
    ...                      "is_manager": [True, True, True, False, False]})
    >>> departments = pd.DataFrame({"department_id": ["D0", "D1"], "parent_id": [None, "D0"], "head_id": ["e1", "e2"]})
    >>> heads = pd.DataFrame({"employee_id": ["e1", "e2"], "job_id": ["CEO", "GM"]})
    >>> job_roles(jobs, departments, heads, {"ENG": "manager"}).to_dict()
    {'CEO': 'general_manager', 'GM': 'vice_president', 'MGR': 'manager', 'AST': 'manager_assistant', 'ENG': 'manager'}
    """
    ids = jobs["job_id"].astype(str)
    role = pd.Series(np.where(jobs["is_manager"].astype("boolean").fillna(False).to_numpy(dtype=bool),
                              "manager", "staff"), index=ids.to_numpy(), dtype=object)
    titles = (jobs["title_en"].fillna("").astype(str) + " " + jobs["title_zh"].fillna("").astype(str))
    role[titles.str.contains(ASSISTANT_TITLE).to_numpy()] = "manager_assistant"
    if departments is not None and heads is not None and len(departments):
        # A top department has no parent at all: in a manager's view of their own part of the company, their
        # department's parent is out of sight, and that does not make its head the general manager.
        parent = departments["parent_id"].astype(object)
        top = parent.isna() | parent.astype(str).str.strip().eq("")
        below_top = parent.astype(str).isin(set(departments.loc[top, "department_id"].astype(str))) & ~top
        job_of = dict(zip(heads["employee_id"].astype(str), heads["job_id"]))
        for mask, name in ((below_top, "vice_president"), (top, "general_manager")):
            held = {job_of.get(str(h)) for h in departments.loc[mask, "head_id"].dropna()} - {None}
            role[role.index.isin([str(j) for j in held])] = name
    for job, name in (overrides or {}).items():
        if name not in kpi.CYCLES:
            raise Refused("cycle_role_unknown", field="roles", job=job, role=name, roles=list(kpi.CYCLES))
        if str(job) in role.index:
            role[str(job)] = name
    return role


def store_roles(store, settings: dict | None = None) -> pd.Series:
    """:func:`job_roles` of the store's jobs (job id → role), with the KPI settings' ``roles``."""
    settings = kpi.load_settings(store) if settings is None else settings
    jobs = store.query("SELECT job_id, title_en, title_zh, is_manager FROM jobs")
    departments = store.query("SELECT department_id, parent_id, head_id FROM departments")
    heads = store.query("SELECT e.employee_id, e.job_id FROM employees e JOIN departments d "
                        "ON d.head_id = e.employee_id")
    return job_roles(jobs, departments, heads, settings.get("roles") or {})


def owner_roles(store, cards: pd.DataFrame, settings: dict | None = None) -> pd.Series:
    """The appraisal role of each card's owner (``cards`` has ``owner_type, owner_id``), aligned with ``cards``.

    An employee without a job on file, or not on file, is staff; a department without a head, manager.
    """
    roles = store_roles(store, settings)
    owners = cards[["owner_type", "owner_id"]].astype({"owner_id": str}).reset_index(drop=True)
    job = store.query(
        "SELECT o.owner_type, o.owner_id, CASE o.owner_type WHEN 'employee' THEN e.job_id WHEN 'position' THEN "
        "o.owner_id ELSE h.job_id END AS job_id, o.owner_type = 'department' AND h.job_id IS NULL AS headless "
        "FROM (SELECT DISTINCT owner_type, owner_id FROM owners) o "
        "LEFT JOIN employees e ON o.owner_type = 'employee' AND e.employee_id = o.owner_id "
        "LEFT JOIN departments d ON o.owner_type = 'department' AND d.department_id = o.owner_id "
        "LEFT JOIN employees h ON h.employee_id = d.head_id", frames={"owners": owners})
    role = job["job_id"].map(roles).astype(object).where(~job["headless"].astype(bool), "manager").fillna("staff")
    key = pd.MultiIndex.from_frame(job[["owner_type", "owner_id"]])
    found = pd.Series(role.to_numpy(), index=key)
    return pd.Series(found.reindex(pd.MultiIndex.from_frame(owners)).to_numpy(), index=cards.index, dtype=object)


def owner_cycle(store, owner_type: str, owner_id: str, settings: dict | None = None) -> tuple[str, str]:
    """``(role, cycle)`` of one card owner."""
    settings = kpi.load_settings(store) if settings is None else settings
    role = owner_roles(store, pd.DataFrame({"owner_type": [owner_type], "owner_id": [str(owner_id)]}),
                       settings).iloc[0]
    return role, cycles_of(settings)[role]


def off_cycle(store, period: str | None = None) -> pd.DataFrame:
    """Cards whose period does not fit their owner's cycle (of ``period``, or all): one row per card,
    ``scorecard_id, owner_type, owner_id, period, role, cycle, kind`` (``kind`` None: a period name that is not
    a year, half-year, quarter or month).  Flagged, not blocking: the card can still be scored."""
    cards = store.query("SELECT scorecard_id, owner_type, owner_id, period FROM scorecards "
                        "WHERE ?::VARCHAR IS NULL OR period = ? ORDER BY scorecard_id", [period, period])
    columns = ["scorecard_id", "owner_type", "owner_id", "period", "role", "cycle", "kind"]
    if cards.empty:
        return pd.DataFrame(columns=columns)
    settings = kpi.load_settings(store)
    cards["role"] = owner_roles(store, cards, settings)
    cards["cycle"] = cards["role"].map(cycles_of(settings))
    kind = cards["period"].astype(str).map(spans(cards["period"])["kind"])
    cards["kind"] = kind.astype(object).where(kind.notna(), None)
    return cards[~fits(cards["period"], cards["cycle"])][columns].reset_index(drop=True)


# ---------------------------------------------------------------------------
# Performance over a review period, cards of several cycles mixed
# ---------------------------------------------------------------------------

def _bands(store, bands):
    return [tuple(b) for b in kpi.load_settings(store)["ratings"]] if bands is None else list(bands)


def _rated(frame: pd.DataFrame, bands) -> pd.DataFrame:
    """The rating of each mean: a person's one card keeps the rating it carries (imported, perhaps calibrated);
    a mean of several is rated by the bands."""
    by_band = kpi.rate(frame["performance"].to_numpy(dtype=float), bands) if len(frame) else []
    single = frame.pop("single_rating")
    frame["rating"] = pd.Series(by_band, index=frame.index, dtype=object).where(single.isna(), single)
    return frame


def performance_in(store, period: str, bands=None) -> pd.DataFrame:
    """Each employee's performance over a review period: the mean total of their scored cards whose period lies
    within it (:func:`within`), the rating of that mean, and how many cards it took.

    Returns ``employee_id, performance, rating, cards``.  One card keeps the rating it carries.

    >>> from hrcore.store import Store
    >>> store = Store()
    >>> _ = store.upsert("scorecards", pd.DataFrame({"scorecard_id": ["1", "2", "3", "4"], "owner_type": "employee",
    ...     "owner_id": ["a", "a", "a", "a"], "period": ["2026-07", "2026-08", "2026-09", "2026-10"],
    ...     "total_score": [90.0, 100.0, 116.0, 60.0], "status": "scored"}))
    >>> performance_in(store, "2026Q3").to_dict("records")
    [{'employee_id': 'a', 'performance': 102.0, 'rating': 'B', 'cards': 3}]
    """
    periods = store.query("SELECT DISTINCT period FROM scorecards WHERE owner_type = 'employee' "
                          "AND status = 'scored'")["period"]
    inside = pd.DataFrame({"period": periods[within(periods, period)].astype(str)}, dtype=object)
    frame = store.query(
        "SELECT owner_id AS employee_id, avg(total_score) AS performance, count(*) AS cards, "
        "CASE WHEN count(*) = 1 THEN any_value(rating) END AS single_rating FROM scorecards "
        "WHERE owner_type = 'employee' AND status = 'scored' AND period IN (SELECT period FROM inside) "
        "GROUP BY owner_id ORDER BY owner_id", frames={"inside": inside})
    frame["cards"] = frame["cards"].astype(int)
    return _rated(frame, _bands(store, bands))[["employee_id", "performance", "rating", "cards"]]


def sort_periods(periods) -> list[str]:
    """Distinct period names latest first: by end, a shorter period before the longer ones ending with it (the
    month, where most cards are, before its quarter), then names the product cannot read (by name, latest first).

    >>> sort_periods(["2026-08", "2026Q2", "2026-09", "2026Q3", "2026-H1", "Spring"])
    ['2026-09', '2026Q3', '2026-08', '2026Q2', '2026-H1', 'Spring']
    """
    table = spans(periods)
    readable = table[table["kind"].notna()]
    readable = readable.assign(end=readable["first"] + readable["months"]).sort_values(
        ["end", "months"], ascending=[False, True], kind="stable")
    return [str(p) for p in readable.index] + sorted((str(p) for p in table.index[table["kind"].isna()]),
                                                     reverse=True)


def review_period(period) -> str | None:
    """The review period a card's period counts in by default: its quarter for a month, itself otherwise (a
    quarter, a half-year, a year); None for a name that cannot be read.

    >>> [review_period(p) for p in ["2026-09", "2026Q3", "2026-H1", "2025", "Spring"]]
    ['2026Q3', '2026Q3', '2026-H1', '2025', None]
    """
    kind = period_kind(period)
    if kind is None:
        return None
    if kind != "monthly":
        return str(period).strip()
    start = period_start(period)
    return period_name("quarterly", start.year, (start.month - 1) // 3 + 1)


def review_periods(periods) -> list[str]:
    """The review periods the given card periods fill, latest first (by end, the longer first at the same end):
    each card's quarter, half-year and year that have ended by the end of the latest card period (a review of
    a year still running would leave out the cards still to come), then the card periods the product cannot
    read.

    >>> review_periods(["2025-12", "2026-08", "2026-09", "2026Q3", "2025", "Spring"])
    ['2026Q3', '2025', '2025-H2', '2025Q4', 'Spring']
    """
    names = pd.Series(list(periods), dtype=object).astype(str).unique()
    found, unread = set(), []
    for name in names:
        kind = period_kind(name)
        if kind is None:
            unread.append(name)
            continue
        start = period_start(name)
        # The periods holding the card: its own kind (a month counts in its quarter) and every longer one.
        found |= {period_name(cycle, start.year, (start.month - 1) // months + 1)
                  for cycle, months in MONTHS.items() if months >= max(MONTHS[kind], 3)}
    if not found:
        return sorted(unread, reverse=True)
    cards = spans([n for n in names if n not in unread])
    table = spans(sorted(found))
    table = table.assign(end=table["first"] + table["months"])
    table = table[table["end"] <= (cards["first"] + cards["months"]).max()]
    return list(table.sort_values(["end", "months"], ascending=False).index) + sorted(unread, reverse=True)


def review_ranks(periods) -> pd.DataFrame:
    """Each card period with the review period it counts in (:func:`review_period`: a month in its quarter) and
    that review's rank, earliest first: by end, the longer period later at the same end; a period name that
    cannot be read is its own review, ranked after every readable one (by name).

    >>> review_ranks(["2026-08", "2026-07", "2026Q2", "2026-H1", "Spring"]).values.tolist()
    [['2026-08', '2026Q3', 2], ['2026-07', '2026Q3', 2], ['2026Q2', '2026Q2', 0], ['2026-H1', '2026-H1', 1], \
['Spring', 'Spring', 3]]
    """
    periods = pd.Series(list(periods), dtype=object).astype(str)
    review = periods.map(review_period)
    review = review.where(review.notna(), periods)
    table = spans(review)
    end = table["first"] + table["months"]
    order = sorted(table.index, key=lambda p: (bool(pd.isna(end[p])), 0 if pd.isna(end[p]) else end[p],
                                               0 if pd.isna(table.at[p, "months"]) else table.at[p, "months"], p))
    rank = pd.Series(np.arange(len(order), dtype=np.int64), index=order)
    return pd.DataFrame({"period": periods.to_numpy(dtype=object), "review": review.to_numpy(dtype=object),
                         "rank": review.map(rank).to_numpy(dtype=np.int64)})


def latest_performance(store, as_of: date | None = None, bands=None) -> pd.DataFrame:
    """Each employee's latest review: of the review periods their scored cards count in (:func:`review_period`:
    a month in its quarter), the one ending last, among periods started by ``as_of`` (None: all; a period name
    that cannot be read is kept and counts as the latest); the mean total, its rating and the cards, as
    :func:`performance_in` gives them for that period.

    Returns ``employee_id, period, performance, rating, cards``.

    >>> from hrcore.store import Store
    >>> store = Store()
    >>> _ = store.upsert("scorecards", pd.DataFrame({"scorecard_id": list("12345"), "owner_type": "employee",
    ...     "owner_id": ["a", "a", "a", "b", "b"], "period": ["2026Q2", "2026-07", "2026-08", "2026Q2", "2026-H1"],
    ...     "total_score": [80.0, 100.0, 112.0, 96.0, 111.0], "status": "scored"}))
    >>> latest_performance(store, date(2026, 10, 31)).to_dict("records")
    [{'employee_id': 'a', 'period': '2026Q3', 'performance': 106.0, 'rating': 'B', 'cards': 2}, \
{'employee_id': 'b', 'period': '2026-H1', 'performance': 111.0, 'rating': 'A', 'cards': 1}]
    """
    periods = store.query("SELECT DISTINCT period FROM scorecards WHERE owner_type = 'employee' "
                          "AND status = 'scored'")["period"].astype(str)
    columns = ["employee_id", "period", "performance", "rating", "cards"]
    if periods.empty:
        return pd.DataFrame(columns=columns)
    starts = periods.map(period_start)
    mapping = review_ranks(periods[[s is None or as_of is None or s <= as_of for s in starts]])
    # Each person's latest review first, then only its cards averaged: a third of the time of averaging every
    # review and keeping the last (0.2 s against 0.7 s at 100,000 employees; ranks are one per review).
    frame = store.query(
        "WITH c AS (SELECT c.owner_id, m.review, m.rank, c.total_score, c.rating FROM scorecards c "
        "JOIN mapping m ON m.period = c.period WHERE c.owner_type = 'employee' AND c.status = 'scored'), "
        "latest AS (SELECT owner_id, max(rank) AS rank FROM c GROUP BY owner_id) "
        "SELECT c.owner_id AS employee_id, any_value(c.review) AS period, avg(c.total_score) AS performance, "
        "count(*) AS cards, CASE WHEN count(*) = 1 THEN any_value(c.rating) END AS single_rating "
        "FROM c JOIN latest USING (owner_id, rank) GROUP BY c.owner_id ORDER BY employee_id",
        frames={"mapping": mapping})
    frame["cards"] = frame["cards"].astype(int)
    return _rated(frame, _bands(store, bands))[columns]


def latest_review_period(store) -> str | None:
    """The latest review period the store's cards fill (:func:`review_periods`; a month's cards fill its
    quarter), or None without cards."""
    periods = review_periods(store.query("SELECT DISTINCT period FROM scorecards")["period"])
    return periods[0] if periods else None


def open_cards_in(store, period: str) -> int:
    """Cards of any owner whose period lies within the review period and that are not scored yet."""
    periods = store.query("SELECT DISTINCT period FROM scorecards WHERE status IS DISTINCT FROM 'scored'")["period"]
    inside = pd.DataFrame({"period": periods[within(periods, period)].astype(str)}, dtype=object)
    return int(store.query("SELECT count(*) AS n FROM scorecards WHERE status IS DISTINCT FROM 'scored' "
                           "AND period IN (SELECT period FROM inside)", frames={"inside": inside})["n"].iloc[0])
