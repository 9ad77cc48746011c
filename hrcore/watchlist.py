"""The attrition watchlist: who may leave, why, what would leave with them, what it costs (DOMAIN §7, seed 001).

:mod:`hrcore.attrition` holds the methods (turnover, survival, compensation,
the statistical model); this module reads the store, derives the signals the
data already hold, scores them in a way a manager can follow, and keeps the
exposure, retention actions and handover checklists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from hrcore import attrition
from hrcore.company import employed_on
from hrcore.cycles import review_ranks
from hrcore.dates import period_start
from hrcore.errors import Refused

SETTINGS_KEY = "attrition_settings"

SIGNAL_POINTS = {
    # Recorded (seed 001's five signs) and derived from the data (DOMAIN §7).
    "leave_rising": 20,
    "conflict": 20,
    "attitude_change": 20,
    "overlooked": 20,
    "family": 15,
    "complaint_change": 5,
    "other": 5,
    "low_cr": 15,
    "no_promotion": 10,
    "falling_performance": 15,
}
"""Points per signal: the interpretable score is their sum, capped at 100.  The seed's signs of a coming
exit weigh most; the slow, structural ones (pay, promotion, performance) less."""
RECORDED = ("conflict", "attitude_change", "family", "complaint_change", "overlooked", "leave_rising", "other")
DERIVED = ("leave_rising", "low_cr", "no_promotion", "falling_performance")
SIGNALS = tuple(dict.fromkeys(RECORDED + DERIVED))
ACTIONS = ("retention_talk", "pay_review", "development", "role_change", "recognition", "other")
"""The kinds of retention action a manager records (the ``retention_actions`` table's)."""
SEGMENTS = ("new_hire", "poachable", "stalled", "other")
"""Seed 001: new hires leave fast and without much notice; high performers may be poached (a retention talk
rarely works); long-tenured people stalled in their career hesitate (a talk about their path can work)."""


def default_settings() -> dict:
    return {"signal_window_days": 180, "high_risk": 40, "replacement_months": 6.0,
            "promotion_years": 3.0, "low_cr": 0.9}


def load_settings(store) -> dict:
    return store.settings(SETTINGS_KEY, default_settings())


def save_settings(store, settings: dict) -> dict:
    # The local average wage is a company setting (hrcore.company), kept there.
    clean = {k: v for k, v in {**default_settings(), **settings}.items() if k in default_settings()}
    checks = {"signal_window_days": (1, 3650), "high_risk": (1, 100),
              "replacement_months": (0, 60), "promotion_years": (0, 40), "low_cr": (0.1, 2)}
    for key, (low, high) in checks.items():
        value = float(clean[key])
        if not low <= value <= high:
            raise ValueError(f"{key}: must be between {low:g} and {high:g}, got {value:g}")
    store.save_settings(SETTINGS_KEY, clean)
    return clean


# -- the interpretable score ----------------------------------------------------------------------

def score(flags: pd.DataFrame, points: dict | None = None) -> tuple[np.ndarray, list[list[str]]]:
    """Sum the points of each person's signals (capped at 100) and list the signals behind it, heaviest first.

    ``flags``: one boolean column per signal in :data:`SIGNALS` (missing columns count as absent).

    >>> flags = pd.DataFrame({"conflict": [True, False], "low_cr": [True, False]})
    >>> total, reasons = score(flags)
    >>> total.tolist(), reasons
    ([35, 0], [['conflict', 'low_cr'], []])
    """
    total, patterns, named = _scored(flags, points or SIGNAL_POINTS)
    return total, [list(named[p]) for p in patterns]


def _scored(flags: pd.DataFrame, points: dict) -> tuple[np.ndarray, np.ndarray, dict[int, tuple[str, ...]]]:
    """:func:`score` with the reasons as each row's bit pattern and the signals of each pattern that occurs."""
    present = [s for s in sorted(points, key=lambda s: -points[s]) if s in flags.columns]
    matrix = flags[present].fillna(False).astype(bool).to_numpy() if present else np.zeros((len(flags), 0), bool)
    weights = np.array([points[s] for s in present], dtype=np.int64)
    total = np.minimum(matrix @ weights if present else np.zeros(len(flags), np.int64), 100)
    return (total.astype(np.int64), *_patterns(matrix, present))


def _patterns(matrix: np.ndarray, names: list[str]) -> tuple[np.ndarray, dict[int, tuple[str, ...]]]:
    """Each row's set of true columns as a bit pattern, and the names of each pattern that occurs.

    A company has a few dozen patterns however many people: each is named once.
    """
    patterns = matrix.astype(np.int64) @ (np.int64(1) << np.arange(len(names), dtype=np.int64)) if names \
        else np.zeros(len(matrix), np.int64)
    return patterns, {int(p): tuple(n for bit, n in enumerate(names) if p >> bit & 1) for p in np.unique(patterns)}


def segment(tenure_years, performance_high, years_since_promotion, promotion_years: float = 3.0) -> np.ndarray:
    """The seed's three kinds of leaver: a new hire (under a year), a high performer who may be poached, a
    long-tenured person (5+ years) without a promotion for ``promotion_years``; else ``other``.

    >>> segment([0.5, 6, 6, 2], [True, True, False, False], [0.5, 4, 4, 1]).tolist()
    ['new_hire', 'poachable', 'stalled', 'other']
    """
    tenure = np.asarray(tenure_years, dtype=float)
    high = np.asarray(performance_high, dtype=bool)
    stalled = (tenure >= 5) & (np.asarray(years_since_promotion, dtype=float) >= promotion_years)
    return np.select([tenure < 1, high, stalled], ["new_hire", "poachable", "stalled"], "other").astype(object)


# -- reading the store ----------------------------------------------------------------------------------

def _compa_ratios(store) -> pd.Series:
    from hrcore import pay

    force = pay.in_force(store)
    if force is None:
        return pd.Series(dtype=float)
    people = force.placement.people
    return pd.Series(people["compa_ratio"].to_numpy(), index=people["employee_id"].astype(str))


def later_periods(store, as_of: date) -> pd.DataFrame:
    """The appraisal and assessment periods that start after ``as_of`` (``period``): read at an earlier date,
    their results did not exist yet.  A period whose name cannot be read as a date is kept.

    >>> from hrcore.store import Store
    >>> store = Store()
    >>> _ = store.upsert("ability_assessments", pd.DataFrame({
    ...     "period": ["2018", "2019"], "employee_id": ["a", "a"], "score": [6.0, 8.0]}))
    >>> later_periods(store, date(2018, 12, 31))["period"].tolist()
    ['2019']
    """
    periods = store.query("SELECT DISTINCT period FROM scorecards UNION SELECT DISTINCT period FROM "
                          "ability_assessments")["period"]
    starts = periods.map(period_start)
    return pd.DataFrame({"period": periods[[s is not None and s > as_of for s in starts]].astype(str).tolist()},
                        dtype="object")


def people(store, as_of: date, settings: dict | None = None, compa_ratios: pd.Series | None = None) -> pd.DataFrame:
    """Active employees with every signal as a flag, the score, its reasons (comma-separated signal names,
    heaviest first), the segment and the exposure.

    Derived signals (DOMAIN §7): leave in the last 90 days at least twice the
    person's own 90-day average of the year before (and 3 days or more);
    compa-ratio in the structure in force below ``low_cr``; no promotion (or
    hire) for ``promotion_years`` with that much service; the latest KPI
    total 10 or more points below the one before.  Recorded signals count
    when dated within ``signal_window_days`` before ``as_of``.
    ``compa_ratios`` (by employee id) when the caller has placed everyone in
    the structure in force already; else they are placed here.
    """
    settings = {**default_settings(), **(settings or {})}
    as_of = pd.Timestamp(as_of).date()
    window_start = as_of - timedelta(days=int(settings["signal_window_days"]))
    cr = _compa_ratios(store) if compa_ratios is None else compa_ratios
    # Joined in DuckDB: a pandas lookup of 100,000 ids by string costs as much as the whole query.
    placed = pd.DataFrame({"employee_id": cr.index.astype(str), "compa_ratio": cr.to_numpy(dtype=float)})
    frame = store.query(
        """
        WITH leave AS (
            SELECT employee_id,
                   sum(days) FILTER (WHERE start_date > ?::DATE - 90) AS recent,
                   sum(days) FILTER (WHERE start_date <= ?::DATE - 90 AND start_date > ?::DATE - 455) / 4.0
                       AS baseline
            FROM leave_records WHERE start_date <= ?::DATE GROUP BY 1),
        promoted AS (
            SELECT employee_id, max(event_date) AS last_promotion FROM employee_events
            WHERE event_type = 'promotion' AND event_date <= ?::DATE GROUP BY 1),
        reviewed AS (  -- each review period's mean total (a staff member's months in their quarter)
            SELECT c.owner_id AS employee_id, r.rank, avg(c.total_score) AS performance
            FROM scorecards c JOIN reviews r USING (period) WHERE c.owner_type = 'employee' AND c.status = 'scored'
            AND c.period NOT IN (SELECT period FROM later) GROUP BY 1, 2),
        trend AS (  -- the two latest: a top-2 aggregate, four times quicker than numbering every review
            SELECT employee_id, arg_max(performance, rank, 2) AS last_two FROM reviewed GROUP BY 1),
        ability AS (
            SELECT employee_id, arg_max(score, period) AS ability FROM ability_assessments
            WHERE period NOT IN (SELECT period FROM later) GROUP BY 1),
        recorded AS (
            SELECT employee_id, list(DISTINCT kind) AS kinds, max(signal_date) AS last_signal FROM attrition_signals
            WHERE signal_date > ?::DATE AND signal_date <= ?::DATE GROUP BY 1),
        acted AS (
            SELECT employee_id, count(*) AS actions, max(action_date) AS last_action,
                   arg_max(kind, action_date) AS last_action_kind FROM retention_actions
            WHERE action_date <= ?::DATE GROUP BY 1)
        SELECT e.employee_id, e.name_en, e.name_zh, e.department_id, e.manager_id, m.manager_en, m.manager_zh, e.job_id, j.title_en AS job_en, j.title_zh AS job_zh,
               coalesce(j.grade, e.grade) AS grade, e.hire_date, e.birth_date, e.base_pay, e.target_bonus,
               coalesce(e.key_talent, false) AS key_talent,
               date_diff('day', e.hire_date, ?::DATE) / 365.25 AS tenure,
               date_diff('day', coalesce(p.last_promotion, e.hire_date), ?::DATE) / 365.25 AS since_promotion,
               coalesce(l.recent, 0) AS leave_recent, coalesce(l.baseline, 0) AS leave_baseline,
               t.last_two[1] AS performance, t.last_two[2] AS performance_before, a.ability, r.kinds, r.last_signal,
               x.* EXCLUDE (employee_id), coalesce(ac.actions, 0) AS actions, ac.last_action, ac.last_action_kind,
               c.compa_ratio
        FROM employees e LEFT JOIN jobs j USING (job_id)
        LEFT JOIN (SELECT employee_id AS manager_id, name_en AS manager_en, name_zh AS manager_zh FROM employees) m
            USING (manager_id)
        LEFT JOIN leave l USING (employee_id) LEFT JOIN promoted p USING (employee_id)
        LEFT JOIN trend t USING (employee_id) LEFT JOIN ability a USING (employee_id)
        LEFT JOIN recorded r USING (employee_id) LEFT JOIN exposure x USING (employee_id)
        LEFT JOIN acted ac USING (employee_id) LEFT JOIN placed c USING (employee_id)
        WHERE """ + employed_on("e") + """
        ORDER BY e.employee_id  -- a parallel join returns rows in any order: the list must read the same every time""",
        [as_of, as_of, as_of, as_of, as_of, window_start, as_of, as_of, as_of, as_of, as_of, as_of],
        frames={"placed": placed, "later": later_periods(store, as_of), "reviews": review_ranks(store.query(
            "SELECT DISTINCT period FROM scorecards WHERE owner_type = 'employee'")["period"])})
    # One row per (person, kind) recorded, then a flag column per kind: no Python loop over 100,000 people.
    kinds = frame.pop("kinds").explode().dropna()
    for kind in RECORDED:
        frame[kind] = frame.index.isin(kinds.index[kinds.to_numpy() == kind])
    frame["leave_rising"] |= (frame["leave_recent"] >= 3) & (frame["leave_recent"] >= 2 * frame["leave_baseline"])
    frame["low_cr"] = frame["compa_ratio"] < float(settings["low_cr"])
    promotion_years = float(settings["promotion_years"])
    # Without one promotion on file the data cannot tell a stalled career from a missing history: no signal.
    promotions_known = int(store.query("SELECT count(*) AS n FROM employee_events WHERE event_type = 'promotion' "
                                       "AND event_date <= ?", [as_of])["n"].iloc[0])
    frame["no_promotion"] = ((frame["tenure"] >= promotion_years) & (frame["since_promotion"] >= promotion_years)
                             & bool(promotions_known))
    frame["falling_performance"] = (frame["performance_before"] - frame["performance"]) >= 10
    frame["score"], patterns, named = _scored(frame, SIGNAL_POINTS)
    # Text, not lists: the frame is cached and copied on every rerun, and lists of 100,000 rows copy slowly.
    frame["reasons"] = pd.Series(patterns, index=frame.index).map({p: ",".join(n) for p, n in named.items()})
    high = (frame["performance"] >= 110) | (frame["ability"] >= 8) | (frame["key_talent"] & (frame["performance"] >= 95))
    frame["segment"] = segment(frame["tenure"], high.fillna(False), frame["since_promotion"], promotion_years)
    return frame


SIGNAL_SOURCES = {
    "leave_rising": ("leave_records", "SELECT count(*) AS n FROM leave_records"),
    "no_promotion": ("employee_events", "SELECT count(*) AS n FROM employee_events WHERE event_type = 'promotion'"),
    "falling_performance": ("scorecards", "SELECT count(*) AS n FROM scorecards WHERE owner_type = 'employee' "
                                          "AND status = 'scored'"),
    "low_cr": ("pay_structures", "SELECT count(*) AS n FROM pay_structures WHERE status = 'approved'"),
    "recorded": ("attrition_signals", "SELECT count(*) AS n FROM attrition_signals"),
}
"""Each signal, the table its evidence comes from, and how to count that evidence."""


def signal_sources(store) -> pd.DataFrame:
    """Where each signal's evidence comes from and how many rows of it the data hold (0: the signal cannot fire).

    >>> from hrcore.store import Store
    >>> sources = signal_sources(Store())
    >>> sources.loc["no_promotion", "table"], int(sources.loc["no_promotion", "rows"])
    ('employee_events', 0)
    """
    return pd.DataFrame([(signal, table, int(store.query(sql)["n"].iloc[0]))
                         for signal, (table, sql) in SIGNAL_SOURCES.items()],
                        columns=["signal", "table", "rows"]).set_index("signal")


def history(store, as_of: date, years: int = 3) -> pd.DataFrame:
    """Everyone employed in the last ``years`` with what the employee table holds, and ``left`` (1 = left).

    The statistical model learns from this (``employee_id`` only to match
    people, excluded from learning).  Each person is described at the
    end of their time here (the exit date, or ``as_of``): tenure and age then;
    ids, names and dates themselves are left out so the model cannot learn
    from them.  Leavers without an exit date cannot be placed in time and
    are left out.
    """
    frame = store.query(
        "SELECT e.employee_id, e.department_id, j.job_family, coalesce(j.grade, e.grade) AS grade, e.gender, "
        "e.education, "
        "e.location, e.base_pay, coalesce(e.key_talent, false) AS key_talent, "
        "date_diff('day', e.hire_date, least(e.exit_date, ?::DATE)) / 365.25 AS tenure, "
        "date_diff('day', e.birth_date, least(e.exit_date, ?::DATE)) / 365.25 AS age, "
        "CASE WHEN e.exit_date <= ?::DATE THEN 1 ELSE 0 END AS left_company "
        "FROM employees e LEFT JOIN jobs j USING (job_id) "
        "WHERE (e.hire_date IS NULL OR e.hire_date <= ?::DATE) "
        "AND ((e.exit_date IS NULL AND coalesce(e.status, 'active') = 'active') "
        "OR e.exit_date > ?::DATE - INTERVAL (?) YEAR)",
        [as_of, as_of, as_of, as_of, as_of, int(years)])
    return frame.dropna(axis=1, how="all")


# -- cost -------------------------------------------------------------------------------------------------

def costs(frame: pd.DataFrame, as_of: date, local_avg_wage: float, replacement_months: float,
          local_min_wage: float = 0.0) -> pd.DataFrame:
    """Economic compensation (art. 47) if the company ended each person's contract on ``as_of`` (without fault
    by the employee: art. 40, 41), and a replacement cost estimate.

    The wage is the monthly base pay plus the monthly target bonus (both per
    month: the system holds the current pay, not the last twelve months
    paid), never below ``local_min_wage``.  Nothing is owed if the person
    resigns or is dismissed for misconduct (:data:`hrcore.attrition.EXIT_ROUTES`).
    The replacement cost is ``replacement_months`` of that wage (recruiting,
    vacancy and ramp-up together; a setting).
    """
    wage = monthly_wage(frame)
    owed = attrition.economic_compensation_many(frame["hire_date"].to_numpy(), as_of, wage, local_avg_wage,
                                                local_min_wage)
    return pd.DataFrame({
        "employee_id": frame["employee_id"].to_numpy(), "wage": wage, "months": owed["months"].to_numpy(),
        "wage_used": owed["wage_used"].to_numpy(), "capped": owed["capped"].to_numpy(),
        "compensation": owed["amount"].to_numpy(), "replacement": float(replacement_months) * wage},
        index=frame.index)


def monthly_wage(frame: pd.DataFrame) -> np.ndarray:
    """Base pay plus target bonus, both monthly (DOMAIN §1): the art. 47 wage as the system holds it."""
    return (frame["base_pay"].fillna(0).astype(float) + frame["target_bonus"].fillna(0).astype(float)).to_numpy()


def leaver_costs(store, as_of: date, local_avg_wage: float, local_min_wage: float = 0.0,
                 days: int = 365) -> pd.DataFrame:
    """The people who left in the ``days`` up to ``as_of``: how they left (``route``, None when the data cannot
    tell), whether economic compensation was owed, and how much (0 when not owed, NaN when unknown), at their
    exit date; and ``claim_by``, the last day to apply for labour arbitration (one year from the exit,
    Labour Dispute Mediation and Arbitration Law art. 27)."""
    frame = store.query(
        "SELECT employee_id, name_en, name_zh, department_id, hire_date, exit_date, exit_type, exit_reason, "
        "base_pay, target_bonus FROM employees WHERE exit_date <= ?::DATE AND exit_date > ?::DATE - ? "
        "ORDER BY exit_date DESC, employee_id", [as_of, as_of, int(days)])
    frame["route"] = attrition.exit_routes(frame["exit_reason"], frame["exit_type"]).to_numpy()
    # A frame column of nothing but None reads back as NaN: a route is a string or unknown.
    frame["owed"] = frame["route"].map(lambda r: attrition.EXIT_ROUTES[r][0] if isinstance(r, str) else None)
    wage = monthly_wage(frame)
    owed = attrition.economic_compensation_many(frame["hire_date"].to_numpy(), pd.to_datetime(frame["exit_date"]),
                                                wage, local_avg_wage, local_min_wage)
    frame["months"] = owed["months"].to_numpy()
    frame["wage_used"] = owed["wage_used"].to_numpy()
    frame["compensation"] = np.where(frame["owed"] == True, owed["amount"].to_numpy(),  # noqa: E712
                                     np.where(frame["owed"] == False, 0.0, np.nan))  # noqa: E712
    frame["claim_by"] = [arbitration_deadline(d) for d in frame["exit_date"]]
    return frame


def arbitration_deadline(exit_date) -> date:
    """The last day a leaver can apply for labour arbitration: one year from the exit (the day the dispute
    arose; Labour Dispute Mediation and Arbitration Law art. 27).

    >>> arbitration_deadline(date(2024, 2, 29)), arbitration_deadline(date(2024, 8, 31))
    (datetime.date(2025, 2, 28), datetime.date(2025, 8, 31))
    """
    day = pd.Timestamp(exit_date).date()
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


# -- legal and group risks ------------------------------------------------------------------------------

GROUP_MIN_PEOPLE = 3
"""Fewest people of one department or manager at high risk at once that flag a group departure risk."""
GROUP_MIN_SHARE = 0.25
"""...and the least share of that team they must be (three of a department of 200 are no group)."""


def group_risks(frame: pd.DataFrame, high_risk: float, min_people: int = GROUP_MIN_PEOPLE,
                min_share: float = GROUP_MIN_SHARE) -> pd.DataFrame:
    """Teams where several people are at high risk at once (seed 001: 集体跳槽, a group leaving together, often
    after their manager or to one competitor): per department and per manager, ``kind`` (``department`` or
    ``manager``), ``group`` (its id), ``people`` (active in it), ``high`` (at ``score >= high_risk``), ``share``
    and ``key`` (key talent among the high), where ``high >= min_people`` and ``share >= min_share``; the
    largest groups at risk first.

    >>> team = pd.DataFrame({"department_id": ["D1"] * 4 + ["D2"] * 8, "manager_id": ["M1"] * 4 + ["M2"] * 8,
    ...                      "score": [60, 45, 40, 0] + [60, 60, 0, 0, 0, 0, 0, 0], "key_talent": [False] * 12})
    >>> group_risks(team, 40)[["kind", "group", "people", "high"]].values.tolist()
    [['department', 'D1', 4, 3], ['manager', 'M1', 4, 3]]
    """
    high = frame["score"].to_numpy() >= high_risk
    key = high & frame["key_talent"].fillna(False).to_numpy(dtype=bool)
    found = []
    for kind, column in (("department", "department_id"), ("manager", "manager_id")):
        counted = pd.DataFrame({"group": frame[column].to_numpy(), "high": high, "key": key}).dropna(
            subset=["group"]).groupby("group").agg(people=("high", "size"), high=("high", "sum"), key=("key", "sum"))
        counted["share"] = counted["high"] / counted["people"]
        counted = counted[(counted["high"] >= min_people) & (counted["share"] >= min_share)]
        found.append(counted.reset_index().assign(kind=kind))
    out = pd.concat(found, ignore_index=True)[["kind", "group", "people", "high", "share", "key"]]
    return out.astype({"people": int, "high": int, "key": int}).sort_values(
        ["high", "kind", "group"], ascending=[False, True, True], ignore_index=True)


def arbitration_reminders(store, as_of: date) -> pd.DataFrame:
    """Leavers who can still apply for labour arbitration on ``as_of``: within one year of the exit (Labour
    Dispute Mediation and Arbitration Law art. 27), with ``claim_by``, the last day, and ``days_left`` to it."""
    left = store.query(
        "SELECT employee_id, name_en, name_zh, department_id, exit_date, exit_type, exit_reason FROM employees "
        "WHERE exit_date <= ?::DATE AND exit_date >= ?::DATE - INTERVAL 1 YEAR - INTERVAL 1 DAY "
        "ORDER BY exit_date, employee_id", [as_of, as_of])
    left["claim_by"] = [arbitration_deadline(d) for d in left["exit_date"]]
    left["days_left"] = [(d - as_of).days for d in left["claim_by"]]
    return left[left["days_left"] >= 0].reset_index(drop=True)


# -- retention actions, exposure and handover -----------------------------------------------------------

def _add_row(store, table: str, id_column: str, prefix: str, width: int, values: dict) -> str:
    """Insert one checked row under the next free id (``prefix`` + number); returns the id."""
    from hrcore.imports import validate

    if store.query("SELECT 1 FROM employees WHERE employee_id = ?", [values["employee_id"]]).empty:
        raise ValueError(f"employee_id: {values['employee_id']} is not on file")
    with store.transaction() as cur:
        new_id = f"{prefix}{cur.next_number(table, id_column, prefix):0{width}d}"
        typed, problems = validate(pd.DataFrame([{id_column: new_id, **values}]), table)
        if len(problems):
            first = problems.iloc[0]
            raise ValueError(f"{first['column']}: {first['value']!r} {first['reason']}")
        cur.register("new_row", typed)
        columns = ", ".join(typed.columns)
        cur.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM new_row")
        cur.unregister("new_row")
    return new_id


def record_action(store, employee_id: str, kind: str, action_date: date, owner_id: str | None, note: str | None,
                  outcome: str = "open") -> str:
    """Log a retention action (talk, pay review, ...); returns its id.  ``ValueError`` if the person is unknown."""
    return _add_row(store, "retention_actions", "action_id", "RA", 6,
                    {"employee_id": employee_id, "action_date": action_date, "kind": kind, "owner_id": owner_id,
                     "note": note, "outcome": outcome})


def record_signal(store, employee_id: str, kind: str, signal_date: date, note: str | None) -> str:
    """Record one of the seed's signs of a coming exit, with its date; returns its id."""
    return _add_row(store, "attrition_signals", "signal_id", "SG", 7,
                    {"employee_id": employee_id, "signal_date": signal_date, "kind": kind, "note": note})


# category, stage, owner, then the item in English | Chinese (a line that starts with spaces goes on the last).
# Seed 001's knowledge-transfer list and HR's part in it.  The owner is who answers for the item: the leaver,
# the leaver's manager, or HR (by default the manager too).
_CHECKLIST_TEXT = """
successor   first  manager  Name the successor and at least one more receiver, a colleague quick to learn and to ask
                            | 指定接任者及至少一名其他交接人（善于发现和提出问题、学习领悟能力强的员工）
review      first  manager  Agree the handover plan: what each side is expected to do, how, and the goal of each stage
                            | 制定知识交接计划：明确双方期望、交接方式与阶段性目标
commitments first  hr       Tell the leaver what the company commits to (notice shortened, a reference letter, final
                            pay) and keep to it | 向离职员工说明并履行公司承诺（如缩短离职时间、写推荐信、工资支付）
agreements  first  hr       Confirm the confidentiality and non-compete agreements; sign them where missing
                            | 确认保密协议与竞业限制协议，未签的补签
knowledge   first  leaver   Set out the knowledge and skills the post needs | 明确岗位所需掌握的知识与技能
knowledge   first  leaver   Hand over technical documents, files and passwords | 移交技术文档、资料与账号密码
process     first  leaver   Map the post's workflows and approvals in a flow chart | 梳理岗位工作流程与审批，建立流程图
open_work   first  leaver   List finished and open work with status and deadlines | 整理已完成与未完成的工作及进度、期限
knowledge   second leaver   Write the most critical know-how down as procedures or documents
                            | 将最关键、最不能流失的知识流程化、文字化
process     second leaver   Write down the tacit rules of working here and the key contacts
                            | 告知接任者在公司工作需注意的隐性规则与关键联系人，并形成文字
process     second leaver   Note what in the post's work needs improving or care | 提出岗位工作需改进与注意之处
knowledge   second leaver   Lead an internal session or training that passes on the post's knowledge
                            | 主持内部工作交流会或培训，传递岗位知识
clients     second leaver   Hand in the post's core information, such as client records | 整理提交岗位核心信息，如客户资源
clients     second leaver   Tell internal and external clients and visit them with the receiver
                            | 知会内外部客户，并带领接任者拜访
review      second manager  Review the handover against the stage goals and remove what blocks it
                            | 阶段性评估交接效果与目标达成情况，及时排除障碍
after_exit  final  manager  Agree a mentoring period: the leaver coaches the successor for a set time
                            | 约定阶段性师徒关系：离职员工在一定期限内辅导接任者
after_exit  final  hr       Set up a contact channel (phone, chat group) for the receiver's questions after the exit;
                            file the useful answers | 建立离职后的短期沟通渠道（电话、群聊），接任者可随时求助，有用信息存档
review      final  manager  Final review of the handover with the manager | 与上级对交接进行最终验收
"""


def _read_checklist(text: str) -> tuple[tuple[str, str, str, str, str], ...]:
    entries: list[list[str]] = []
    for line in text.strip("\n").splitlines():
        if line.startswith(" "):
            entries[-1][-1] += " " + line.strip()
        else:
            entries.append(line.split(None, 3))
    return tuple((c, s, o, *(part.strip() for part in words.split("|"))) for c, s, o, words in entries)


CHECKLIST = _read_checklist(_CHECKLIST_TEXT)
"""Seed 001's handover checklist, in the order it is worked through: planned and agreed first, then the
knowledge written down and passed on, reviewed in stages, with the mentoring and a way to reach the leaver
for after the exit."""
STAGES = ("first", "second", "final")


def stage_due_dates(start: date | None, due_date: date) -> dict[str, date]:
    """The day each review stage falls due: the handover from ``start`` to ``due_date`` cut in thirds (all on
    ``due_date`` without a start, or a start on or after it).

    >>> stage_due_dates(date(2026, 10, 1), date(2026, 10, 31))
    {'first': datetime.date(2026, 10, 11), 'second': datetime.date(2026, 10, 21), 'final': datetime.date(2026, 10, 31)}
    """
    span = (due_date - start).days if start else 0
    if span <= 0:
        return dict.fromkeys(STAGES, due_date)
    return {"first": start + timedelta(days=span // 3), "second": start + timedelta(days=2 * span // 3),
            "final": due_date}


def start_handover(store, employee_id: str, receiver_id: str | None, second_receiver_id: str | None,
                   owner_id: str | None, due_date: date, lang: str = "en", start: date | None = None,
                   hr_owner_id: str | None = None) -> int:
    """Create the seed's handover checklist for a leaver (once); returns the number of items.

    Each item gets its owner (the leaver, ``owner_id`` — the manager, by default the leaver's manager on
    file — or ``hr_owner_id``, by default the manager) and the due date of its stage (:func:`stage_due_dates`
    from ``start`` to ``due_date``).
    """
    if not store.query("SELECT 1 FROM handover_tasks WHERE employee_id = ?", [employee_id]).empty:
        raise Refused("handover_exists", field="employee_id", employee=employee_id)
    leaver = store.query("SELECT manager_id FROM employees WHERE employee_id = ?", [employee_id])
    if leaver.empty:
        raise ValueError(f"employee_id: {employee_id} is not on file")
    if owner_id is None and isinstance(leaver["manager_id"].iloc[0], str):
        owner_id = leaver["manager_id"].iloc[0]
    owners = {"leaver": employee_id, "manager": owner_id, "hr": hr_owner_id or owner_id}
    due = stage_due_dates(start, due_date)
    with store.transaction() as cur:
        first = cur.next_number("handover_tasks", "task_id", "HT")
        rows = []
        for n, (category, stage, owner, en, zh) in enumerate(CHECKLIST, start=first):
            rows.append((f"HT{n:06d}", employee_id, f"{en} / {zh}", receiver_id, second_receiver_id, due[stage],
                         False, category, owners[owner], stage, None))
        cur.executemany("INSERT INTO handover_tasks (task_id, employee_id, item, receiver_id, second_receiver_id, "
                        "due_date, done, category, owner_id, stage, done_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows)
    return len(rows)


def mark_done(store, task_ids: list[str], done: bool, on: date) -> None:
    with store.transaction() as cur:
        for task_id in task_ids:
            cur.execute("UPDATE handover_tasks SET done = ?, done_on = ? WHERE task_id = ?",
                        [bool(done), on if done else None, task_id])


def handovers(store) -> pd.DataFrame:
    """Every leaver's checklist with progress: items, done, share done, next due date."""
    return store.query(
        "SELECT h.employee_id, e.name_en, e.name_zh, e.exit_date, count(*) AS items, "
        "count(*) FILTER (WHERE h.done) AS done, count(*) FILTER (WHERE h.done) / count(*) AS progress, "
        "min(h.due_date) FILTER (WHERE NOT h.done) AS next_due FROM handover_tasks h "
        "LEFT JOIN employees e USING (employee_id) GROUP BY ALL ORDER BY progress, next_due")


@dataclass(frozen=True)
class Coverage:
    """Successor cover of the people whose loss would hurt most (key talent and managers)."""

    people: int
    named: int
    ready_now: int

    @property
    def named_share(self) -> float | None:
        """Of the key people, the share with a successor named (None: no key people)."""
        return self.named / self.people if self.people else None

    @property
    def ready_share(self) -> float | None:
        """Of the key people, the share whose successor is ready now (None: no key people)."""
        return self.ready_now / self.people if self.people else None


def successor_coverage(frame: pd.DataFrame) -> Coverage:
    """How many key people (key talent or with exposure on file) have a successor named, and ready now."""
    key = frame[frame["key_talent"].fillna(False).astype(bool) | frame["successor_ready"].notna()
                | frame["key_knowledge"].fillna(False).astype(bool)]
    named = key["successor_id"].notna()
    return Coverage(len(key), int(named.sum()), int((key["successor_ready"] == "ready_now").sum()))
