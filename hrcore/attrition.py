"""Attrition: turnover, tenure, survival, economic compensation and an exit-risk model.

DOMAIN.md §7 and §8, seed 001.  Everything here takes DataFrames and plain
values; nothing touches the database or the UI, so pages, notebooks and tests
call the same functions.

- **Turnover** (:func:`turnover_rate`, :func:`annualize`,
  :func:`turnover_by_period`, :func:`new_hire_turnover`): separations over the
  average headcount, by month, quarter or year and by any column.
- **Tenure** (:func:`tenure_band`, :func:`kaplan_meier`,
  :func:`tenure_survival`): bands of completed years and product-limit
  survival curves of tenure.
- **Economic compensation** (:func:`compensation_months`,
  :func:`compensation_months_many`, :func:`economic_compensation`): PRC
  Labour Contract Law art. 47 with the pre-2008 rule of seed 001.
- **Exit risk** (:func:`fit_risk_model`): a model chosen by cross-validated
  ROC AUC, with calibration and per-person reasons, on columns sorted out
  first (:func:`screen_columns`): ids, constants and leaks, the columns that
  record the exit itself, are left out with their reasons;
  :func:`target_candidates` proposes the column saying who left.

Conventions
-----------
* ``exit_date`` is the **last day of service**.  A headcount "on day D"
  counts people at the end of D: ``hire_date <= D`` and no exit date or
  ``exit_date > D``.  Someone leaving on D is a separation on D and is no
  longer counted at the end of D; someone hired on D is.  This is the
  convention of :mod:`hrcore.overview`, and with it
  ``headcount_end = headcount_start + hires − separations`` holds exactly for
  every period.
* A missing ``hire_date`` means employed since before any period of interest
  (as in :mod:`hrcore.overview`).
* A leaver without an exit date (status "left", ``exit_date`` empty) cannot be
  placed in time.  These functions cannot tell them from active people, so the
  caller drops them first (the overview's ``DATED`` filter does this in SQL).
"""

from __future__ import annotations

import calendar
import math
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple, Sequence

import numpy as np
import pandas as pd

# ---------------------------------------------------------------------------
# Turnover
# ---------------------------------------------------------------------------


def turnover_rate(separations, headcount_start, headcount_end):
    """Separations over the average headcount of a period.

    ``separations / ((headcount_start + headcount_end) / 2)``; element-wise for
    arrays.  A period with no one employed at either end has no rate (NaN).

    Parameters
    ----------
    separations : float or array
        People who left during the period.
    headcount_start, headcount_end : float or array
        Headcount at the start and at the end of the period.

    Examples
    --------
    Twelve exits while headcount grew from 100 to 140 (average 120):

    >>> float(turnover_rate(12, 100, 140))
    0.1
    """
    sep = np.asarray(separations, dtype=float)
    start = np.asarray(headcount_start, dtype=float)
    end = np.asarray(headcount_end, dtype=float)
    for label, values in (("separations", sep), ("headcount_start", start), ("headcount_end", end)):
        if np.any(values < 0):
            raise ValueError(f"{label}: must not be negative")
    average = (start + end) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(average > 0, sep / np.where(average > 0, average, 1), np.nan)
    return rate if rate.ndim else rate[()]


def _shaped_like(values: np.ndarray, like):
    """``values`` as a Series on ``like``'s index, an array, or a float for a scalar."""
    if isinstance(like, pd.Series):
        return pd.Series(values, index=like.index, name=like.name)
    return values if np.ndim(values) else float(values)


def annualize(monthly_rate):
    """Annual turnover implied by a monthly rate: ``1 − (1 − monthly)^12``.

    Compounding, not × 12: each month's leavers come out of those who stayed
    the month before (DOMAIN.md §7).  Element-wise for arrays and Series; NaN
    (a month with no headcount) stays NaN.

    Parameters
    ----------
    monthly_rate : float, array or Series
        Monthly turnover as a fraction, between 0 and 1.

    Examples
    --------
    2 % a month is about 21.5 % a year, not 24 %:

    >>> round(annualize(0.02), 4)
    0.2153
    """
    monthly = np.asarray(monthly_rate, dtype=float)
    if np.any((monthly < 0) | (monthly > 1)):
        raise ValueError("monthly_rate: must be a fraction between 0 and 1")
    return _shaped_like(1 - (1 - monthly) ** 12, monthly_rate)


def _day(value, name: str) -> np.datetime64:
    """A date-like argument as a numpy day, or ``ValueError`` naming it."""
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: not a date ({value!r})") from exc
    if pd.isna(stamp):
        raise ValueError(f"{name}: a date is required, got {value!r}")
    return np.datetime64(stamp.date(), "D")


def _days(values, name: str) -> np.ndarray:
    """A column of date-likes as ``datetime64[D]`` (NaT where missing)."""
    try:
        stamps = pd.to_datetime(pd.Series(values).reset_index(drop=True))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: has values that are not dates") from exc
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    return stamps.to_numpy().astype("datetime64[D]")


_EARLIEST = np.datetime64("0001-01-01", "D")
_LATEST = np.datetime64("9999-12-31", "D")


def _service_dates(employees: pd.DataFrame, name: str = "employees") -> tuple[np.ndarray, np.ndarray]:
    """Hire and exit days of each row, checked: no one leaves before being hired."""
    if not isinstance(employees, pd.DataFrame):
        raise ValueError(f"{name}: must be a pandas DataFrame")
    missing = [c for c in ("hire_date", "exit_date") if c not in employees.columns]
    if missing:
        raise ValueError(f"{name}: missing column(s) {', '.join(missing)}")
    hire = _days(employees["hire_date"], f"{name}.hire_date")
    exit_ = _days(employees["exit_date"], f"{name}.exit_date")
    backwards = ~np.isnat(hire) & ~np.isnat(exit_) & (exit_ < hire)
    if backwards.any():
        first = int(np.flatnonzero(backwards)[0])
        who = employees["employee_id"].iloc[first] if "employee_id" in employees.columns else f"row {first}"
        raise ValueError(f"{name}: exit_date before hire_date in {int(backwards.sum())} row(s), first {who}")
    return hire, exit_


def _by_columns(employees: pd.DataFrame, by) -> list:
    if by is None:
        return []
    columns = [by] if isinstance(by, str) or not isinstance(by, Sequence) else list(by)
    absent = [c for c in columns if c not in employees.columns]
    if absent:
        raise ValueError(f"by: no column {', '.join(map(str, absent))} in employees")
    return columns


def _group_codes(employees: pd.DataFrame, columns: list) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer group of each row and the groups' values (missing values form their own group)."""
    if not columns:
        return np.zeros(len(employees), dtype=np.int64), pd.DataFrame(index=[0])
    keys = employees[columns].reset_index(drop=True)
    try:
        grouped = keys.groupby(columns, dropna=False, sort=True, observed=True)
        codes = grouped.ngroup().to_numpy()
    except TypeError:  # values of mixed types cannot be sorted; keep first-seen order
        grouped = keys.groupby(columns, dropna=False, sort=False, observed=True)
        codes = grouped.ngroup().to_numpy()
    groups = grouped.size().index.to_frame(index=False)
    groups.columns = columns
    return codes, groups


FREQUENCIES = {"M": "month", "Q": "quarter", "Y": "year"}
"""Period lengths of :func:`turnover_by_period`."""

_ROW_CHUNK = 20_000  # rows per block of the period matrices, to keep memory flat at 100,000 people


def turnover_by_period(employees: pd.DataFrame, as_of, freq: str = "M", by=None, months: int = 36) -> pd.DataFrame:
    """Headcount, hires, separations and turnover per calendar period (and group).

    Periods are calendar months (``"M"``), quarters (``"Q"``) or years
    (``"Y"``), from the one holding the first month of the last ``months``
    months to the one holding ``as_of``.  So with quarters or years the first
    period may start before the window to cover it whole (36 months to
    2026-02-15 by quarter: 2023Q1 … 2026Q1).  The running period ends on
    ``as_of``; its rate is for part of a period.

    Per period, with the module's convention (exit_date = last day of service,
    headcounts at the end of a day):

    * ``headcount_start``: employed at the end of the day before the period,
      ``hire_date < start`` and (no exit or ``exit_date >= start``);
    * ``headcount_end``: employed at the end of the period's last day (``as_of``
      for the running period), ``hire_date <= end`` and (no exit or
      ``exit_date > end``);
    * ``hires``: ``hire_date`` in the period; ``separations``: ``exit_date`` in
      the period, split into ``voluntary``, ``involuntary`` and
      ``unspecified`` by ``exit_type``;
    * ``rate`` = :func:`turnover_rate` (separations, start, end), likewise
      ``voluntary_rate``, ``involuntary_rate`` and ``unspecified_rate`` (the
      three add up to ``rate``).

    ``headcount_end = headcount_start + hires − separations`` holds exactly.
    Exit dates after ``as_of`` (notice served, not yet gone) count as employed.

    Parameters
    ----------
    employees : DataFrame
        ``hire_date``, ``exit_date`` (NaT when none), optionally ``exit_type``
        ("voluntary" / "involuntary" / empty), and the ``by`` column(s).  Drop
        leavers without an exit date first (see the module notes).
    as_of : date
        The day the data describe; the last period holds it.
    freq : {"M", "Q", "Y"}
    by : str or list of str, optional
        Column(s) to split by, e.g. ``"department_id"``, ``"grade"``,
        ``"key_talent"``.  Each person counts under their value in the frame
        (today's department, not the one they had then); a missing value is a
        group of its own.
    months : int
        Length of the window in months.

    Returns
    -------
    DataFrame
        One row per group and period: the ``by`` columns, ``period`` (label
        such as "2026-03", "2026Q1", "2026"), ``start``, ``end``,
        ``headcount_start``, ``hires``, ``separations``, ``voluntary``,
        ``involuntary``, ``unspecified``, ``headcount_end``, ``rate``,
        ``voluntary_rate``, ``involuntary_rate``, ``unspecified_rate``.

    Examples
    --------
    >>> people = pd.DataFrame({
    ...     "hire_date": pd.to_datetime(["2020-01-01", "2020-01-01", "2026-02-10", "2026-01-05"]),
    ...     "exit_date": pd.to_datetime(["2026-02-28", None, None, "2026-03-31"]),
    ...     "exit_type": ["voluntary", None, None, "involuntary"]})
    >>> table = turnover_by_period(people, date(2026, 3, 31), months=3)
    >>> table[["period", "headcount_start", "hires", "separations", "headcount_end"]]
        period  headcount_start  hires  separations  headcount_end
    0  2026-01                2      1            0              3
    1  2026-02                3      1            1              3
    2  2026-03                3      0            1              2
    >>> [round(float(r), 3) for r in table["rate"]]
    [0.0, 0.333, 0.4]
    """
    frequency = str(freq).upper()
    if frequency not in FREQUENCIES:
        raise ValueError(f"freq: must be one of {', '.join(FREQUENCIES)} (month, quarter, year), got {freq!r}")
    if isinstance(months, bool) or not isinstance(months, (int, np.integer)) or months < 1:
        raise ValueError(f"months: must be a whole number of months, at least 1, got {months!r}")
    as_of_day = _day(as_of, "as_of")
    hire, exit_ = _service_dates(employees)
    by_columns = _by_columns(employees, by)
    codes, groups = _group_codes(employees, by_columns)

    last = pd.Period(pd.Timestamp(as_of_day), freq=frequency)
    first = (pd.Period(pd.Timestamp(as_of_day), freq="M") - (int(months) - 1)).asfreq(frequency)
    periods = pd.period_range(first, last, freq=frequency)
    starts = periods.start_time.to_numpy().astype("datetime64[D]")
    ends = np.minimum(periods.end_time.to_numpy().astype("datetime64[D]"), as_of_day)

    # Missing dates become sentinels so that plain comparisons encode the rules:
    # no hire date = employed from the beginning, no exit date = never leaves.
    hired = np.where(np.isnat(hire), _EARLIEST, hire)
    left = np.where(np.isnat(exit_), _LATEST, exit_)
    kind = (employees["exit_type"].astype("string").str.strip().str.lower().to_numpy(dtype=object, na_value=None)
            if "exit_type" in employees.columns else np.full(len(employees), None, dtype=object))
    voluntary_exit = kind == "voluntary"
    involuntary_exit = kind == "involuntary"

    n_groups, n_periods = len(groups), len(periods)
    totals = {name: np.zeros((n_groups, n_periods)) for name in
              ("headcount_start", "hires", "separations", "voluntary", "involuntary", "headcount_end")}
    start, end = starts[None, :], ends[None, :]
    from scipy import sparse  # here, not at the top: scipy is 0.4 s of every app start

    for lo in range(0, len(employees), _ROW_CHUNK):
        rows = slice(lo, lo + _ROW_CHUNK)
        h, x = hired[rows, None], left[rows, None]
        separated = (x >= start) & (x <= end)
        flags = {
            "headcount_start": (h < start) & (x >= start),
            "hires": (h >= start) & (h <= end),
            "separations": separated,
            "voluntary": separated & voluntary_exit[rows, None],
            "involuntary": separated & involuntary_exit[rows, None],
            "headcount_end": (h <= end) & (x > end),
        }
        chunk_codes = codes[rows]
        membership = sparse.csr_matrix((np.ones(len(chunk_codes)), (chunk_codes, np.arange(len(chunk_codes)))),
                                       shape=(n_groups, len(chunk_codes)))
        for name, matrix in flags.items():
            totals[name] += membership @ matrix.astype(np.float64)

    out = groups.loc[groups.index.repeat(n_periods)].reset_index(drop=True) if by_columns else pd.DataFrame()
    out["period"] = np.tile(periods.astype(str).to_numpy(), n_groups)
    out["start"] = pd.to_datetime(np.tile(starts, n_groups))
    out["end"] = pd.to_datetime(np.tile(ends, n_groups))
    for name in ("headcount_start", "hires", "separations", "voluntary", "involuntary"):
        out[name] = totals[name].reshape(-1).astype(np.int64)
    out["unspecified"] = out["separations"] - out["voluntary"] - out["involuntary"]
    out["headcount_end"] = totals["headcount_end"].reshape(-1).astype(np.int64)
    for column, leavers in (("rate", "separations"), ("voluntary_rate", "voluntary"),
                            ("involuntary_rate", "involuntary"), ("unspecified_rate", "unspecified")):
        out[column] = turnover_rate(out[leavers].to_numpy(), out["headcount_start"].to_numpy(),
                                    out["headcount_end"].to_numpy())
    return out


class NewHireTurnover(NamedTuple):
    """Result of :func:`new_hire_turnover`."""

    hires: int
    """People in the cohort (hired from ``cohort_start`` to ``cohort_end``)."""
    leavers: int
    """Of them, those whose last day came within ``within_days`` of hire."""
    rate: float
    """``leavers / hires``; NaN without hires."""
    cohort_start: date
    cohort_end: date
    within_days: int


def new_hire_turnover(employees: pd.DataFrame, as_of, within_days: int = 90) -> NewHireTurnover:
    """Share of new hires who left within ``within_days`` of their hire date.

    The cohort is everyone hired in the 12 months ending ``within_days`` before
    ``as_of`` (``cohort_end = as_of − within_days``, ``cohort_start`` one year
    earlier plus a day), so each of them has had the whole window by
    ``as_of``.  A person "left within 90 days" when their last day of service
    is one of their first 90 days: ``exit_date − hire_date < within_days``
    (hired 1 March, last day 29 May = day 90: counted).  ``within_days=365``
    gives first-year turnover (DOMAIN.md §7).

    Parameters
    ----------
    employees : DataFrame
        ``hire_date`` and ``exit_date`` (NaT when none).
    as_of : date
    within_days : int
        Length of the window, at least 1.

    Examples
    --------
    >>> people = pd.DataFrame({
    ...     "hire_date": pd.to_datetime(["2025-05-01", "2025-08-01", "2025-09-15", "2026-05-01"]),
    ...     "exit_date": pd.to_datetime(["2025-07-29", "2025-10-30", None, None])})
    >>> result = new_hire_turnover(people, date(2026, 3, 31))
    >>> result.hires, result.leavers, round(result.rate, 3), result.cohort_start, result.cohort_end
    (3, 1, 0.333, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    """
    if isinstance(within_days, bool) or not isinstance(within_days, (int, np.integer)) or within_days < 1:
        raise ValueError(f"within_days: must be a whole number of days, at least 1, got {within_days!r}")
    as_of_day = _day(as_of, "as_of")
    hire, exit_ = _service_dates(employees)
    cohort_end = as_of_day - np.timedelta64(int(within_days), "D")
    cohort_start = np.datetime64((pd.Timestamp(cohort_end) - pd.DateOffset(years=1)).date(), "D") + np.timedelta64(1, "D")
    in_cohort = ~np.isnat(hire) & (hire >= cohort_start) & (hire <= cohort_end)
    service_days = (exit_ - hire).astype("timedelta64[D]").astype("float64", copy=False)
    left_early = in_cohort & ~np.isnat(exit_) & (np.where(np.isnat(exit_), np.inf, service_days) < within_days)
    hires, leavers = int(in_cohort.sum()), int(left_early.sum())
    return NewHireTurnover(hires=hires, leavers=leavers, rate=leavers / hires if hires else math.nan,
                           cohort_start=pd.Timestamp(cohort_start).date(), cohort_end=pd.Timestamp(cohort_end).date(),
                           within_days=int(within_days))


# ---------------------------------------------------------------------------
# Tenure and survival
# ---------------------------------------------------------------------------

TENURE_BANDS = ("<1", "1-3", "3-5", "5-10", "10+")
"""Tenure bands in completed years: under 1, 1 to under 3, 3 to under 5, 5 to under 10, 10 and more."""
_BAND_FLOORS = np.array([1, 3, 5, 10])


def _completed_years(hire: pd.Series, at: pd.Series) -> np.ndarray:
    """Whole years from hire to ``at`` by anniversaries (NaN where either is missing).

    A 29 February hire completes a year on 1 March in common years.
    """
    before_anniversary = (at.dt.month * 100 + at.dt.day) < (hire.dt.month * 100 + hire.dt.day)
    return (at.dt.year - hire.dt.year - before_anniversary.astype(float)).to_numpy(dtype=float, na_value=np.nan)


def tenure_band(hire_date, at):
    """Tenure band (:data:`TENURE_BANDS`) of people hired on ``hire_date``, seen on ``at``.

    Bands count completed years by anniversary: hired 2021-04-01, on
    2024-03-31 a person has 2 completed years ("1-3"), on 2024-04-01 three
    ("3-5").  A missing hire date, or one after ``at`` (not yet started), has
    no band (missing).

    Parameters
    ----------
    hire_date : date, array or Series
    at : date, or array / Series of the same length

    Returns
    -------
    str (or None) for a scalar; an ordered Categorical for an array; a
    categorical Series on the same index for a Series.

    Examples
    --------
    >>> tenure_band(date(2021, 4, 1), date(2024, 3, 31)), tenure_band(date(2021, 4, 1), date(2024, 4, 1))
    ('1-3', '3-5')
    >>> list(tenure_band(pd.Series(pd.to_datetime(["2025-06-01", "2014-01-01", None])), date(2026, 1, 1)))
    ['<1', '10+', nan]
    """
    scalar = np.ndim(hire_date) == 0 and not isinstance(hire_date, (pd.Series, pd.Index))
    hire = pd.Series(pd.to_datetime(pd.Series([hire_date] if scalar else hire_date)).to_numpy())
    if np.ndim(at) == 0:
        when = pd.Series(np.repeat(np.datetime64(_day(at, "at"), "ns"), len(hire)))
    else:
        when = pd.Series(pd.to_datetime(pd.Series(at)).to_numpy())
        if len(when) != len(hire):
            raise ValueError(f"at: has {len(when)} values for {len(hire)} hire dates")
    years = _completed_years(hire, when)
    known = ~np.isnan(years) & (years >= 0)
    codes = np.where(known, np.searchsorted(_BAND_FLOORS, np.where(known, years, 0), side="right"), -1)
    bands = pd.Categorical.from_codes(codes, categories=list(TENURE_BANDS), ordered=True)
    if scalar:
        return None if codes[0] < 0 else TENURE_BANDS[codes[0]]
    if isinstance(hire_date, pd.Series):
        return pd.Series(bands, index=hire_date.index, name="tenure_band")
    return bands


def kaplan_meier(durations, events=None) -> pd.DataFrame:
    """Kaplan-Meier (product-limit) survival curve.

    At each distinct time t, ``S(t) = Π over times u <= t of (1 − d_u / n_u)``
    with ``d_u`` events at u and ``n_u`` at risk just before u (duration >= u).
    Someone censored at t is still at risk at t (the usual convention: censoring
    happens just after events at the same time).

    Parameters
    ----------
    durations : array-like of float
        Time to the event or to censoring, >= 0.
    events : array-like of bool or 0/1, optional
        1 where the event happened, 0 where the time is censored; all events
        when omitted.

    Returns
    -------
    DataFrame
        One row per distinct time: ``time``, ``at_risk``, ``events``,
        ``censored``, ``survival`` (just after ``time``).

    Examples
    --------
    Five people: exits at 1, 3, 3 and 5 years, one still employed at 4:

    >>> curve = kaplan_meier([1, 3, 3, 4, 5], [1, 1, 1, 0, 1])
    >>> curve.assign(survival=curve["survival"].round(3))
       time  at_risk  events  censored  survival
    0   1.0        5       1         0       0.8
    1   3.0        4       2         0       0.4
    2   4.0        2       0         1       0.4
    3   5.0        1       1         0       0.0
    """
    times = np.asarray(durations, dtype=float).reshape(-1)
    if times.size == 0:
        raise ValueError("durations: empty, no one to follow")
    if np.isnan(times).any() or (times < 0).any():
        raise ValueError("durations: must be numbers >= 0 (no missing values)")
    if events is None:
        happened = np.ones(times.size, dtype=bool)
    else:
        raw = np.asarray(events).reshape(-1)
        if raw.size != times.size:
            raise ValueError(f"events: has {raw.size} values for {times.size} durations")
        flags = pd.to_numeric(pd.Series(raw), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        if not np.isin(flags, (0.0, 1.0)).all():
            raise ValueError("events: must be 0/1 or True/False")
        happened = flags == 1
    distinct, position = np.unique(times, return_inverse=True)
    leaving = np.bincount(position, minlength=distinct.size)
    event_count = np.bincount(position, weights=happened, minlength=distinct.size).astype(np.int64)
    at_risk = times.size - np.concatenate(([0], np.cumsum(leaving)[:-1]))
    survival = np.cumprod(1 - event_count / at_risk)
    return pd.DataFrame({"time": distinct, "at_risk": at_risk, "events": event_count,
                         "censored": leaving - event_count, "survival": survival})


def tenure_survival(employees: pd.DataFrame, as_of, by=None) -> pd.DataFrame:
    """Kaplan-Meier curves of tenure in years, overall or per group.

    Tenure runs from ``hire_date`` to ``exit_date`` for people whose exit is
    dated on or before ``as_of`` (an event) and to ``as_of`` for everyone else
    (censored: still employed, or leaving later).  Years are days / 365.25.
    People without a hire date or hired after ``as_of`` are left out.

    Parameters
    ----------
    employees : DataFrame
        ``hire_date``, ``exit_date`` and the ``by`` column(s).
    as_of : date
    by : str or list of str, optional

    Returns
    -------
    DataFrame
        The ``by`` columns, then ``tenure_years``, ``at_risk``, ``events``,
        ``censored``, ``survival`` as in :func:`kaplan_meier`.

    Examples
    --------
    >>> people = pd.DataFrame({"hire_date": pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01"]),
    ...                        "exit_date": pd.to_datetime(["2022-01-01", None, "2030-01-01"])})
    >>> curve = tenure_survival(people, date(2024, 1, 1))
    >>> curve[["tenure_years", "events", "censored", "survival"]].round(3)
       tenure_years  events  censored  survival
    0         1.999       0         1       1.0
    1         2.001       1         0       0.5
    2         2.998       0         1       0.5
    """
    as_of_day = _day(as_of, "as_of")
    hire, exit_ = _service_dates(employees)
    by_columns = _by_columns(employees, by)
    included = ~np.isnat(hire) & (hire <= as_of_day)
    exited = ~np.isnat(exit_) & (exit_ <= as_of_day)
    last_day = np.where(exited, exit_, as_of_day)
    years = (last_day - hire).astype("timedelta64[D]").astype(float) / 365.25
    frame = pd.DataFrame({"years": years, "event": exited})
    if by_columns:
        frame = pd.concat([employees[by_columns].reset_index(drop=True), frame], axis=1)
    frame = frame[included]
    columns = list(by_columns) + ["tenure_years", "at_risk", "events", "censored", "survival"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    if not by_columns:
        return kaplan_meier(frame["years"], frame["event"]).rename(columns={"time": "tenure_years"})
    curves = []
    for key, part in frame.groupby(by_columns, dropna=False, sort=True, observed=True):
        curve = kaplan_meier(part["years"], part["event"]).rename(columns={"time": "tenure_years"})
        for column, value in zip(by_columns, key if isinstance(key, tuple) else (key,)):
            curve.insert(len(curve.columns) - 5, column, value)
        curves.append(curve)
    return pd.concat(curves, ignore_index=True)[columns]


# ---------------------------------------------------------------------------
# Economic compensation (PRC Labour Contract Law art. 47)
# ---------------------------------------------------------------------------

LABOUR_CONTRACT_LAW_START = date(2008, 1, 1)
"""Service from this day on follows art. 47; service before it the old rule (劳部发〔1994〕481号)."""
CAP_MULTIPLE = 3
"""A wage above this multiple of the local average is capped at it (art. 47 para. 2)."""
CAP_MONTHS = 12
"""With the wage capped, service from 2008 counts for at most this many months."""


def _date(value, name: str) -> date:
    return pd.Timestamp(_day(value, name)).date()


def _whole_months_reached(first: date, months: int) -> date:
    """The day on which ``months`` whole months of service from ``first`` are complete.

    It is the same day of the month ``months`` later; when that month is too
    short for it (service from 31 August, 6 months on), the first day of the
    following month, so that service through the last day of February counts
    as the six months.
    """
    index = first.month - 1 + months
    year, month = first.year + index // 12, index % 12 + 1
    if first.day <= calendar.monthrange(year, month)[1]:
        return date(year, month, first.day)
    return date(year, month, 1) + timedelta(days=calendar.monthrange(year, month)[1])


def _service_length(first: date, last: date) -> tuple[int, int]:
    """Whole months and the days left over, first to last day of service inclusive."""
    after_last = last + timedelta(days=1)
    months = (after_last.year - first.year) * 12 + after_last.month - first.month
    if _whole_months_reached(first, months) > after_last:
        months -= 1
    return months, (after_last - _whole_months_reached(first, months)).days


def _months_from_2008_rule(months: int, days: int) -> float:
    """Art. 47: 1 per full year; a remainder of 6 months or more 1, under 6 months 0.5."""
    years, rest = divmod(months, 12)
    if rest >= 6:
        return years + 1.0
    return years + (0.5 if rest or days else 0.0)


def _months_before_2008_rule(months: int, days: int) -> float:
    """Old rule (seed 001, 劳部发〔1994〕481号): each started year counts 1."""
    years, rest = divmod(months, 12)
    return float(years + (1 if rest or days else 0))


def _split_service(start, end) -> tuple[date, date, float, float]:
    first, last = _date(start, "start"), _date(end, "end")
    if last < first:
        raise ValueError(f"end: last day of service {last} is before the start {first}")
    before = after = 0.0
    if first < LABOUR_CONTRACT_LAW_START:
        before = _months_before_2008_rule(*_service_length(first, min(last, LABOUR_CONTRACT_LAW_START - timedelta(days=1))))
    if last >= LABOUR_CONTRACT_LAW_START:
        after = _months_from_2008_rule(*_service_length(max(first, LABOUR_CONTRACT_LAW_START), last))
    return first, last, before, after


def compensation_months(start, end) -> float:
    """Months of wage N of economic compensation for service from ``start`` to ``end``.

    ``end`` is the last day of service; both days count.  Service is measured
    in whole calendar months plus leftover days: a whole month from day d ends
    the day before day d of the next month (from 1 March: 31 March; from 15
    March: 14 April); when the next month has no day d, at that month's end
    (from 31 August: six months are complete on the last day of February).
    2019-03-01 to 2024-08-31 is 66 months = 5 years 6 months.

    The service is split at 2008-01-01 (art. 97 of the Labour Contract Law);
    each part is rounded on its own and the two are added:

    * from 2008-01-01 (art. 47): each full year 1; a remainder of 6 months or
      more 1; a remainder under 6 months (even a day) 0.5; no remainder 0;
    * before 2008 (seed 001, 劳部发〔1994〕481号): each started year 1.

    The 12-month cap for high earners depends on the wage; see
    :func:`economic_compensation`.

    Parameters
    ----------
    start, end : date
        First and last day of service; ``end`` must not be before ``start``.

    Examples
    --------
    >>> compensation_months(date(2019, 3, 1), date(2024, 8, 31))  # 5 years 6 months
    6.0
    >>> compensation_months(date(2019, 3, 1), date(2024, 8, 30))  # 5 years, 5 months and 30 days
    5.5
    >>> compensation_months(date(2006, 7, 1), date(2009, 2, 28))  # 1.5 years before 2008 -> 2; 1 year 2 months -> 1.5
    3.5
    """
    _, _, before, after = _split_service(start, end)
    return before + after


def _month_days(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month (1-12) and day of ``datetime64[D]`` values."""
    month_start = values.astype("datetime64[M]")
    year = month_start.astype(np.int64) // 12 + 1970
    month = month_start.astype(np.int64) % 12 + 1
    day = (values - month_start.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month, day


def _whole_months_reached_many(first_month: np.ndarray, first_day: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Vector form of :func:`_whole_months_reached`; ``first_month`` as ``datetime64[M]``."""
    target = first_month + months.astype("timedelta64[M]")
    month_start = target.astype("datetime64[D]")
    month_length = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - month_start).astype(np.int64)
    return np.where(first_day <= month_length, month_start + (first_day - 1).astype("timedelta64[D]"),
                    month_start + month_length.astype("timedelta64[D]"))


def _service_length_many(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    after_last = last + np.timedelta64(1, "D")
    first_month = first.astype("datetime64[M]")
    _, _, first_day = _month_days(first)
    months = (after_last.astype("datetime64[M]") - first_month).astype(np.int64)
    months = months - (_whole_months_reached_many(first_month, first_day, months) > after_last)
    days = (after_last - _whole_months_reached_many(first_month, first_day, months)).astype(np.int64)
    return months, days


def compensation_months_many(starts, ends):
    """:func:`compensation_months` for many services at once (vectorised).

    Parameters
    ----------
    starts, ends : array-like or Series of dates, same length
        First and last days of service; a missing date gives NaN.

    Returns
    -------
    Series on ``starts``' index when ``starts`` is a Series, else a float array.

    Examples
    --------
    >>> compensation_months_many(["2019-03-01", "2006-07-01", None], ["2024-08-31", "2009-02-28", "2024-01-01"])
    array([6. , 3.5, nan])
    """
    before, after, known = _split_service_many(starts, ends)
    total = np.where(known, before + after, np.nan)
    if isinstance(starts, pd.Series):
        return pd.Series(total, index=starts.index, name="compensation_months")
    return total


def _split_service_many(starts, ends) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Months before 2008 and from 2008 of many services, and which services have both dates."""
    first = _days(starts, "starts")
    last = _days(ends, "ends")
    if first.shape != last.shape:
        raise ValueError(f"ends: has {last.size} values for {first.size} starts")
    known = ~np.isnat(first) & ~np.isnat(last)
    backwards = known & (last < first)
    if backwards.any():
        raise ValueError(f"ends: {int(backwards.sum())} service(s) end before they start, "
                         f"first at position {int(np.flatnonzero(backwards)[0])}")
    law = np.datetime64(LABOUR_CONTRACT_LAW_START, "D")
    first = np.where(known, first, law)  # placeholders, masked out at the end
    last = np.where(known, last, law)

    has_before = first < law
    months, days = _service_length_many(first, np.minimum(last, law - np.timedelta64(1, "D")))
    years, rest = np.divmod(months, 12)
    before = np.where(has_before, years + ((rest > 0) | (days > 0)), 0.0)

    has_after = last >= law
    months, days = _service_length_many(np.maximum(first, law), last)
    years, rest = np.divmod(months, 12)
    after = np.where(rest >= 6, years + 1.0, years + np.where((rest > 0) | (days > 0), 0.5, 0.0))
    after = np.where(has_after, after, 0.0)
    return before, after, known


@dataclass(frozen=True)
class Compensation:
    """Economic compensation of one leaver (:func:`economic_compensation`)."""

    months: float
    """N: ``months_before_2008 + months_from_2008``."""
    months_before_2008: float
    """Started years of service before 2008, paid at the actual wage."""
    months_from_2008: float
    """Art. 47 months for service from 2008, at most 12 when ``capped``."""
    wage_used: float
    """Monthly wage for the months from 2008: the actual wage, or 3 × the local average when capped."""
    amount: float
    """``months_before_2008 × avg_wage + months_from_2008 × wage_used``, to the cent."""
    capped: bool
    """The actual wage exceeded 3 × the local average."""


def economic_compensation(start, end, avg_wage: float, local_avg_wage: float,
                          local_min_wage: float = 0.0) -> Compensation:
    """Economic compensation under art. 47 (DOMAIN.md §7).

    N is :func:`compensation_months`.  When the average monthly wage of the
    last 12 months is **above** (not equal to) 3 × the local average monthly
    wage, the service from 2008 is paid at 3 × the local average and counts
    for at most 12 months; the months before 2008 keep the actual wage and are
    not capped.

    Parameters
    ----------
    start, end : date
        First and last day of service.
    avg_wage : float
        The leaver's average monthly wage over the last 12 months (>= 0).
    local_avg_wage : float
        The local average monthly wage published for the previous year (> 0).
    local_min_wage : float
        The local minimum monthly wage (>= 0): a lower average wage is raised to it (implementing
        regulations art. 27).

    Examples
    --------
    Service 2010-03-01 to 2025-02-28 (15 years) at 40,000 a month where the
    local average is 12,000: capped at 3 × 12,000 = 36,000 for 12 months.

    >>> c = economic_compensation(date(2010, 3, 1), date(2025, 2, 28), 40_000, 12_000)
    >>> c.months, c.wage_used, c.amount, c.capped
    (12.0, 36000.0, 432000.0, True)

    A wage under the local minimum is raised to it: 3 years at 1,800 where the minimum is 2,690.

    >>> economic_compensation(date(2021, 1, 1), date(2023, 12, 31), 1_800, 12_000, 2_690).amount
    8070.0
    """
    wage = float(avg_wage)
    local = float(local_avg_wage)
    if not math.isfinite(wage) or wage < 0:
        raise ValueError(f"avg_wage: must be a number >= 0, got {avg_wage!r}")
    if not math.isfinite(local) or local <= 0:
        raise ValueError(f"local_avg_wage: must be a number above 0, got {local_avg_wage!r}")
    wage = max(wage, _minimum(local_min_wage))
    _, _, before, after = _split_service(start, end)
    capped = wage > CAP_MULTIPLE * local
    wage_used = CAP_MULTIPLE * local if capped else wage
    if capped:
        after = min(after, float(CAP_MONTHS))
    return Compensation(months=before + after, months_before_2008=before, months_from_2008=after,
                        wage_used=wage_used, amount=round(before * wage + after * wage_used, 2), capped=capped)


def _minimum(local_min_wage) -> float:
    floor = float(local_min_wage)
    if not math.isfinite(floor) or floor < 0:
        raise ValueError(f"local_min_wage: must be a number >= 0, got {local_min_wage!r}")
    return floor


def economic_compensation_many(starts, end, avg_wages, local_avg_wage: float, local_min_wage: float = 0.0,
                               ) -> pd.DataFrame:
    """:func:`economic_compensation` of many people leaving on one day ``end`` (or each on their own day: ``end``
    an array as long as ``starts``), as columns.

    Returns ``months``, ``wage_used``, ``capped`` and ``amount`` per person, in
    order; a person without a start, or starting after ``end``, gets NaN and
    ``capped`` False.  One vectorised pass (:func:`compensation_months_many`).

    >>> out = economic_compensation_many([date(2010, 3, 1), None], date(2025, 2, 28), [40_000, 9_000], 12_000)
    >>> out.loc[0, ["months", "wage_used", "amount"]].tolist(), bool(out.loc[0, "capped"])
    ([12.0, 36000.0, 432000.0], True)
    """
    local = float(local_avg_wage)
    if not math.isfinite(local) or local <= 0:
        raise ValueError(f"local_avg_wage: must be a number above 0, got {local_avg_wage!r}")
    wage = pd.to_numeric(pd.Series(avg_wages), errors="coerce").to_numpy(dtype=float)
    if (wage[~np.isnan(wage)] < 0).any():
        raise ValueError("avg_wages: must be numbers >= 0")
    wage = np.where(np.isnan(wage), wage, np.maximum(wage, _minimum(local_min_wage)))
    first = _days(starts, "starts")
    # One leaving day for everyone, or one per person (leavers, each on their exit date).
    last = (np.full(first.shape, np.datetime64(_date(end, "end"), "D")) if np.ndim(end) == 0 and not
            isinstance(end, (pd.Series, pd.Index)) else _days(end, "end"))
    usable = ~np.isnat(first) & (first <= last)  # a start after the leaving day is no service yet
    before, after, known = _split_service_many(np.where(usable, first, last), last)
    known &= usable
    capped = known & (wage > CAP_MULTIPLE * local)
    wage_used = np.where(capped, CAP_MULTIPLE * local, wage)
    after = np.where(capped, np.minimum(after, float(CAP_MONTHS)), after)
    return pd.DataFrame({"months": np.where(known, before + after, np.nan),
                         "wage_used": np.where(known, wage_used, np.nan), "capped": capped,
                         # Python's round, as economic_compensation: np.round differs on some half cents.
                         "amount": [round(float(a), 2) if k else np.nan
                                    for a, k in zip(before * wage + after * wage_used, known)]})


EXIT_ROUTES = {
    # route: (economic compensation owed, the Labour Contract Law article behind it)
    "no_fault": (True, "art. 40"),          # the company ends it without fault by the employee
    "layoff": (True, "art. 41"),            # economic lay-off
    "mutual_company": (True, "art. 36"),    # mutual agreement the company proposed (art. 46(2))
    "contract_end": (True, "art. 44(1)"),   # a fixed term ends and the company does not renew (art. 46(5))
    "company_fault": (True, "art. 38"),     # the employee resigns because of the company's fault
    "mutual_employee": (False, "art. 36"),  # mutual agreement the employee proposed
    "renewal_refused": (False, "art. 46(5)"),  # the employee refused a renewal on equal or better terms
    "resignation": (False, "art. 37"),      # the employee's own resignation
    "misconduct": (False, "art. 39"),       # dismissal for the employee's fault
}
"""How a contract ended, whether art. 46 owes economic compensation for it, and the article (DOMAIN §7)."""
REASON_ROUTES = {"performance": "no_fault", "restructuring": "layoff", "contract_end": "contract_end",
                 "misconduct": "misconduct", **{route: route for route in EXIT_ROUTES}}
"""Exit reasons (the demo's codes and the routes themselves) read as routes; a voluntary exit with another
reason is the employee's own resignation, an involuntary one with another reason cannot be told."""


def exit_routes(reasons, exit_types) -> pd.Series:
    """The route of each exit (a key of :data:`EXIT_ROUTES`, or None when the data cannot tell).

    >>> exit_routes(["career", "restructuring", "misconduct", None, "other"],
    ...             ["voluntary", "involuntary", "involuntary", "voluntary", "involuntary"]).tolist()
    ['resignation', 'layoff', 'misconduct', 'resignation', None]
    >>> exit_routes([None, None], [None, None]).tolist()
    [None, None]
    """
    reason = pd.Series(reasons, dtype=object).reset_index(drop=True)
    kind = pd.Series(exit_types, dtype=object).reset_index(drop=True)
    route = reason.map(lambda r: REASON_ROUTES.get(str(r).strip().lower()) if isinstance(r, str) else None)
    route = route.where(route.notna(), kind.map({"voluntary": "resignation"}))
    # None, never NaN, where the data cannot tell: with no route known at all pandas would hand back floats.
    return pd.Series([r if isinstance(r, str) else None for r in route], index=route.index, dtype=object)


def compensation_owed(route) -> bool:
    """Whether art. 46 owes economic compensation for an exit by ``route`` (a key of :data:`EXIT_ROUTES`).

    >>> compensation_owed("layoff"), compensation_owed("resignation")
    (True, False)
    """
    if route not in EXIT_ROUTES:
        raise ValueError(f"route: must be one of {', '.join(EXIT_ROUTES)}, got {route!r}")
    return EXIT_ROUTES[route][0]


# ---------------------------------------------------------------------------
# Exit-risk model (DOMAIN.md §7 "Risk score", §8 fit_risk_model)
# ---------------------------------------------------------------------------

MIN_ROWS = 30
"""Fewest rows with a known outcome :func:`fit_risk_model` accepts."""
MIN_PER_CLASS = 10
"""Fewest exits, and fewest stayers, :func:`fit_risk_model` accepts."""
CV_FOLDS = 5
MAX_CV_ROWS = 10_000
"""Above this, cross-validation runs on a stratified sample of this size; the final model uses every row."""
FAMILIES = ("logistic regression", "gradient boosting", "random forest")
LEAK_AUC = 0.97
"""A column whose single-column cross-validated ROC AUC reaches this is taken for a leak; a model whose
cross-validated ROC AUC reaches it is flagged :attr:`RiskModel.suspicious`."""
MISSING_LEVEL = "(missing)"

_EXIT_WORDS = {"1": 1, "0": 0, "yes": 1, "no": 0, "y": 1, "n": 0, "true": 1, "false": 0, "t": 1, "f": 0,
               "left": 1, "active": 0, "exit": 1, "exited": 1, "stay": 0, "stayed": 0,
               "是": 1, "否": 0, "离职": 1, "在职": 0}
_ID_NAME = re.compile(r"(id|number|no|num|code|key|工号|编号)$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([ T].*)?$")


def _exit_flags(values: pd.Series, name: str) -> pd.Series:
    """The target as 1 (left) / 0 (stayed) / NaN (unknown)."""
    if pd.api.types.is_bool_dtype(values):
        return values.astype(float)
    if pd.api.types.is_numeric_dtype(values):
        flags = values.astype(float)
        odd = flags.dropna()[~flags.dropna().isin([0.0, 1.0])]
    else:
        text = values.astype("string").str.strip().str.lower()
        flags = text.map(_EXIT_WORDS).astype(float)
        odd = values[text.notna() & flags.isna()]
    if len(odd):
        shown = ", ".join(map(repr, pd.unique(odd)[:5]))
        raise ValueError(f"target: column {name!r} must be 0/1, Yes/No, True/False or left/active; found {shown}")
    return flags


@dataclass
class _Feature:
    name: object
    """Column name in the caller's frame."""
    kind: str
    """One of number, date (in the model as days since 1970) or category (as text)."""
    typical: object
    """Median (numbers, dates) or most common level (categories), in model units."""
    order: str | None = None
    """For dates written as text with the year last: ``MDY`` or ``DMY``, as the fitted column was read."""


def _infer_kind(column: pd.Series) -> str:
    """How a column enters the model: number, date or category."""
    if pd.api.types.is_bool_dtype(column):
        return "category"
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_timedelta64_dtype(column):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(column):
        return "date"
    if isinstance(column.dtype, pd.CategoricalDtype):
        return "category"
    present = column.dropna()
    inferred = pd.api.types.infer_dtype(present, skipna=True)
    if inferred in ("integer", "floating", "mixed-integer-float", "decimal"):
        return "number"
    if inferred in ("date", "datetime", "datetime64"):
        return "date"
    if inferred == "string":
        text = present.astype(str).str.strip()
        if pd.to_numeric(text, errors="coerce").notna().all():
            return "number"
        # Dates as HR systems write them (2024-03-05, 7/5/2011, 2024年3月5日 …), each starting with a digit.
        if text.str.match(r"\d").all() and _read_text_dates(text)[0].notna().all():
            return "date"
    return "category"


def _read_text_dates(column: pd.Series, order: str | None = None) -> tuple[pd.Series, str | None]:
    """Cells as dates (NaT where empty or unreadable) and the day-month order they were read in.

    ISO dates (with a time of day or not) through pandas, any other way through
    :func:`hrcore.dates.read_dates`: a column whose days and months cannot be told apart reads as NaT
    unless ``order`` says which comes first.
    """
    from hrcore.dates import read_dates

    text = column.astype("string").str.strip()
    if text.str.match(_ISO_DATE.pattern).fillna(False).sum() == text.notna().sum():
        return pd.to_datetime(text, errors="coerce", format="ISO8601"), order
    read = read_dates(text, order)
    return read.values, {"M/D/Y": "MDY", "D/M/Y": "DMY"}.get(read.format, order)


def _to_model_units(column: pd.Series, kind: str, order: str | None = None) -> pd.Series:
    """A raw column in the units the pipelines see (``order``: of dates written as text, see :class:`_Feature`)."""
    if kind == "number":
        if pd.api.types.is_timedelta64_dtype(column):
            return column.dt.total_seconds() / 86_400
        if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
            return column.astype(float)
        return pd.to_numeric(column.astype("string").str.strip(), errors="coerce").astype(float)
    if kind == "date":
        stamps = column if pd.api.types.is_datetime64_any_dtype(column) else _read_text_dates(column, order)[0]
        if getattr(stamps.dt, "tz", None) is not None:
            stamps = stamps.dt.tz_localize(None)
        days = stamps.to_numpy().astype("datetime64[D]")
        return pd.Series(np.where(np.isnat(days), np.nan, days.astype(np.int64)), index=column.index, dtype=float)
    text = column.astype(object).where(column.notna(), MISSING_LEVEL)
    return text.map(str)


_EXIT_NAME = re.compile(  # squashed lower-case names of columns that record the exit itself
    r"termd|terminated|attrition|left|leftcompany|hasleft|exited|churn(ed)?|quit|resigned|separated|"
    r"(is)?active(flag)?|(employment|employee|emp|work|job|staff|current|active)?status(id|code|desc|description)?|"
    r"(dateof|last)?(termination|exit|separation|resignation|leaving|departure)"
    r"(date|day|dt|reason|type|cause|code|category|kind)?(id|code|desc)?|"
    r"term(date|reason|type|cause|code)(id|code|desc)?|"
    r"(是否)?(离职|在职)(状态|标志|标识|日期|时间|原因|类型|方式|去向)?|(员工|人员|雇佣|任职|用工)?状态")
_TARGET_NAME = re.compile(  # squashed lower-case names of an exit flag, the likely targets
    r"attrition|termd|terminated|left|leftcompany|hasleft|exit(ed)?|churn(ed)?|quit|resigned|separated|turnover|"
    r"(是否)?离职|离职(标志|标识|状态)?|(employment|employee|emp)?status|(在职|员工|人员)?状态")


def _squash(name) -> str:
    """A column name in lower case without spaces, punctuation or underscores ("Date of Termination" →
    "dateoftermination")."""
    return re.sub(r"[\W_]+", "", str(name).lower())


def _column_verdict(name, column: pd.Series, exits: pd.Series, trusted: bool = False) -> tuple[str | None, dict | None]:
    """(kind, None) for a usable column, (None, reason) for one to leave out.

    ``trusted`` (the caller's ``include=``) skips every check but empty and constant.
    """
    present = column.dropna()
    if present.empty:
        return None, {"code": "empty"}
    if column.nunique(dropna=False) <= 1:
        return None, {"code": "constant"}
    kind = _infer_kind(column)
    if trusted:  # CANNOT_INCLUDE are the two above
        return kind, None
    # A field filled only for leavers (exit date, exit reason) or only for stayers gives the answer away.
    missing = column.isna()
    if missing.any():
        if (~missing).astype(float).equals(exits):
            return None, {"code": "leak_filled_leavers"}
        if missing.astype(float).equals(exits):
            return None, {"code": "leak_filled_stayers"}
    if _EXIT_NAME.fullmatch(_squash(name)):
        return None, {"code": "leak_name"}
    distinct = present.nunique()
    if kind == "category":
        if distinct == len(present):
            return None, {"code": "id_unique"}
        if distinct > 50 and distinct > 0.5 * len(present):
            return None, {"code": "id_text"}
        if distinct <= 10:
            outcome_by_level = exits.groupby(column.astype(object).where(column.notna(), MISSING_LEVEL)).mean()
            if outcome_by_level.isin([0.0, 1.0]).all():
                return None, {"code": "leak_levels"}
    if kind == "number" and distinct == len(present):
        values = _to_model_units(present, "number")
        whole = bool(np.all(np.mod(values, 1) == 0))
        sequence_like = (values.is_monotonic_increasing or values.is_monotonic_decreasing) and (
            values.max() - values.min() < 3 * len(values))
        if whole and (_ID_NAME.search(str(name)) or sequence_like):
            return None, {"code": "id_number"}
    return kind, None


_LEVEL_ENCODED = 20  # numbers with at most this many distinct values are also encoded level by level


def _rank_auc(scores: np.ndarray, y: np.ndarray) -> np.ndarray:
    """ROC AUC of each column of ``scores`` (rows × columns) against 0/1 ``y``: the Mann-Whitney U, ties halved."""
    ranks = pd.DataFrame(scores).rank(method="average").to_numpy()
    positives = int(y.sum())
    negatives = len(y) - positives
    return (ranks[y == 1].sum(axis=0) - positives * (positives + 1) / 2) / (positives * negatives)


def _out_of_fold_means(levels: np.ndarray, y: np.ndarray, fold: np.ndarray, folds: int) -> np.ndarray:
    """Each row's exit rate of its level among the rows of the other folds (target encoding, out of fold).

    Shrunk by one row's weight toward the other folds' overall rate, which a level not seen outside its
    fold gets as it is.
    """
    width = int(levels.max()) + 1
    cell = levels * folds + fold
    exits = np.bincount(cell, weights=y, minlength=width * folds).reshape(width, folds)
    counts = np.bincount(cell, minlength=width * folds).reshape(width, folds).astype(float)
    fold_exits, fold_counts = np.bincount(fold, weights=y, minlength=folds), np.bincount(fold, minlength=folds)
    prior = (y.sum() - fold_exits) / (len(y) - fold_counts)
    outside_exits = exits.sum(axis=1)[levels] - exits[levels, fold]
    outside_counts = counts.sum(axis=1)[levels] - counts[levels, fold]
    return (outside_exits + prior[fold]) / (outside_counts + 1)


def _single_column_auc(model_frame: pd.DataFrame, kinds: dict, y: np.ndarray, fold: np.ndarray,
                       folds: int) -> dict:
    """Cross-validated ROC AUC of each column of ``model_frame`` alone, the better direction taken.

    Categories (and numbers with at most :data:`_LEVEL_ENCODED` values) by their out-of-fold exit rate per
    level; numbers and dates also by the value itself, high or low, with missing values put first or last
    (the best of the four orders: a monotone rule has nothing to learn, so it needs no folds).
    """
    encodings, owners, two_way = [], [], []
    for name, values in model_frame.items():
        if kinds[name] == "category" or values.nunique(dropna=False) <= _LEVEL_ENCODED:
            codes = pd.factorize(values, use_na_sentinel=False)[0]
            encodings.append(_out_of_fold_means(codes, y, fold, folds))
            owners.append(name)
            two_way.append(False)
        if kinds[name] != "category":
            number = values.to_numpy(dtype=float)
            encodings += [np.where(np.isnan(number), np.inf, number), np.where(np.isnan(number), -np.inf, number)]
            owners += [name, name]
            two_way += [True, True]
    if not encodings:
        return {}
    auc = _rank_auc(np.column_stack(encodings), y)
    # A value's order counts either way (low values may mean leaving); an out-of-fold rate only as it points:
    # below 0.5 it has learnt nothing (levels seen twice, once per outcome, even score 0), not the reverse.
    auc = np.where(two_way, np.maximum(auc, 1 - auc), auc)
    best = pd.Series(auc).groupby(np.array(owners, dtype=object), sort=False).max()
    return {name: float(best[name]) for name in model_frame.columns}


def _typical(values: pd.Series, kind: str):
    if kind == "category":
        counts = values.value_counts()
        return counts.index[counts.to_numpy() == counts.max()].sort_values()[0]
    present = values.dropna().to_numpy()
    if np.all(np.mod(present, 1) == 0):  # whole numbers (levels, counts, days): a value that occurs
        return float(np.quantile(present, 0.5, method="nearest"))
    return float(np.median(present))


def _min_frequency(rows: int) -> int:
    """Levels seen in fewer rows than this are pooled into one "infrequent" level."""
    return max(10, math.ceil(rows / 500))


_MAX_LEVELS = 40  # per category column, the rest pooled; keeps one-hot width and tree bins small


def _pipeline(family: str, numbers: list[str], categories: list[str], rows: int, random_state: int):
    """An unfitted scikit-learn pipeline of ``family`` for the model frame's columns."""
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

    pooled = dict(min_frequency=_min_frequency(rows), max_categories=_MAX_LEVELS)
    if family == "logistic regression":
        parts = []
        if numbers:
            parts.append(("numbers", Pipeline([
                ("impute", SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True)),
                ("scale", StandardScaler())]), numbers))
        if categories:
            parts.append(("categories", OneHotEncoder(handle_unknown="infrequent_if_exist", sparse_output=False,
                                                      **pooled), categories))
        return Pipeline([("prepare", ColumnTransformer(parts, verbose_feature_names_out=False)),
                         ("model", LogisticRegression(C=1.0, max_iter=2_000))])
    parts = [("numbers", "passthrough", numbers)] if numbers else []
    if categories:
        # Unseen levels become -1, which the tree models treat as missing / lowest.
        parts.append(("categories", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1, **pooled),
                      categories))
    prepare = ColumnTransformer(parts, verbose_feature_names_out=False)
    if family == "gradient boosting":
        # Shallow trees and a small learning rate: HR files are small and noisy, deep boosting overfits them.
        model = HistGradientBoostingClassifier(
            learning_rate=0.03, max_iter=300, max_depth=3, min_samples_leaf=20, l2_regularization=1.0,
            categorical_features=[False] * len(numbers) + [True] * len(categories) if categories else None,
            early_stopping=False, random_state=random_state)
    elif family == "random forest":
        # Each tree sees at most 3,000 bootstrap rows, so the forest costs the same at 10,000 or
        # 100,000 people; 100 trees with leaves of 5 or more score within 0.002 ROC AUC of 150-300
        # trees on the IBM file.
        model = RandomForestClassifier(n_estimators=100, min_samples_leaf=5, max_features="sqrt",
                                       max_samples=None if rows <= 3_000 else 3_000,
                                       random_state=random_state)
    else:
        raise ValueError(f"family: unknown model family {family!r}")
    return Pipeline([("prepare", prepare), ("model", model)])


def _calibration_table(predicted: np.ndarray, observed: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Deciles of predicted risk with their mean prediction, observed exit rate and size."""
    frame = pd.DataFrame({"predicted": predicted, "observed": observed})
    frame["bin"] = pd.qcut(frame["predicted"].rank(method="first"), q=min(bins, len(frame)), labels=False)
    table = frame.groupby("bin").agg(risk_from=("predicted", "min"), risk_to=("predicted", "max"),
                                     mean_predicted=("predicted", "mean"), observed_rate=("observed", "mean"),
                                     count=("predicted", "size")).reset_index()
    table["bin"] += 1
    return table


def _one_thread():
    """Run scikit-learn's native code on one thread.

    Gradient boosting's OpenMP threads busy-wait for each other; on a small
    shared server (two cores, other work running) that made a 400-row fit
    take 25 s instead of 2 s.  One thread is predictable everywhere.
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def _display(value, kind: str) -> str:
    """A raw or model-unit value as short text for drivers and reasons."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "missing"
    if kind == "date":
        if isinstance(value, (int, float, np.number)):  # model units: days since 1970
            return str(np.datetime64(0, "D") + np.timedelta64(int(round(float(value))), "D"))
        return str(pd.Timestamp(value).date())
    if kind == "number":
        number = float(pd.to_numeric(value, errors="coerce"))
        if math.isnan(number):
            return "missing"
        # Whole and large numbers with thousands separators, small fractions with 3 significant digits.
        return f"{number:,.0f}" if number.is_integer() or abs(number) >= 1_000 else f"{number:.3g}"
    return str(value)


def _points(effect: float) -> str:
    """An effect in probability points as "+12 pts", "-0.4 pts" or "+<0.1 pts"."""
    sign = "+" if effect > 0 else "-"
    size = abs(effect)
    if size >= 1:
        return f"{sign}{size:.0f} pts"
    return f"{sign}{size:.1f} pts" if size >= 0.1 else f"{sign}<0.1 pts"


@dataclass
class RiskModel:
    """An exit-risk model fitted by :func:`fit_risk_model`."""

    family: str
    """The chosen family, one of :data:`FAMILIES`."""
    auc: float
    """Mean ROC AUC of the chosen family over the stratified 5-fold cross-validation (out of sample)."""
    candidates: dict
    """Family -> its cross-validated ROC AUC."""
    calibration: pd.DataFrame
    """From out-of-fold predictions of the chosen family: ``bin``, ``risk_from``, ``risk_to``,
    ``mean_predicted``, ``observed_rate``, ``count`` (counts sum to ``cv_rows``)."""
    brier: float
    """Mean squared error of the out-of-fold risks (lower is better)."""
    target: object
    rows: int
    """Rows with a known outcome the final model was fitted on."""
    exits: int
    cv_rows: int
    """Rows used in the cross-validation (all of them up to :data:`MAX_CV_ROWS`)."""
    features: list
    """The ``_Feature`` (name, kind, typical) of each column the model uses."""
    dropped: dict
    """Column -> why it was left out, as ``{"code": ...}`` (see :data:`DROP_CODES`), with ``"auc"`` for a
    ``leak_auc``."""
    column_auc: dict
    """Column -> its cross-validated ROC AUC alone, for every column the model uses or left out as ``leak_auc``."""
    duplicates: int
    """Rows (with a known outcome) that repeat an earlier row in every column, the target included."""
    suspicious: bool
    """True when :attr:`auc` reaches :data:`LEAK_AUC`: too good for people's decisions to leave, so a column
    probably records the exit itself (see :attr:`column_auc` for the strongest)."""
    pipeline: object = field(repr=False)
    """The fitted scikit-learn pipeline; it takes :meth:`prepare`'s output."""

    def prepare(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The model's columns of ``frame`` in model units (what :attr:`pipeline` takes)."""
        if not isinstance(frame, pd.DataFrame):
            raise ValueError("frame: must be a pandas DataFrame")
        absent = [f.name for f in self.features if f.name not in frame.columns]
        if absent:
            raise ValueError(f"frame: missing column(s) the model was fitted on: {', '.join(map(str, absent))}")
        return pd.DataFrame({str(f.name): _to_model_units(frame[f.name], f.kind, f.order).to_numpy()
                             for f in self.features})

    def _risk(self, prepared: pd.DataFrame) -> np.ndarray:
        with warnings.catch_warnings():
            # Levels never seen in fitting are expected (new departments); they are encoded as "other".
            warnings.filterwarnings("ignore", message=".*unknown categories.*")
            return self.pipeline.predict_proba(prepared)[:, 1]

    def predict_proba(self, frame: pd.DataFrame) -> pd.Series:
        """Risk of exit (0-1) per row of ``frame``, on its index; the target column may be absent."""
        prepared = self.prepare(frame)
        with _one_thread():
            return pd.Series(self._risk(prepared), index=frame.index, name="risk")

    def drivers(self, frame: pd.DataFrame, n: int = 3) -> pd.DataFrame:
        """The ``n`` features that move each row's risk most, risk-raising first.

        A feature's effect for a row is the row's risk minus its risk with that
        feature set to its typical value (median for numbers and dates, most
        common level for categories), all else unchanged: model-agnostic, in
        probability points (+12 = twelve points more risk than if typical).
        Features at their typical value have no effect and are not listed; a
        row lists risk-lowering features only when fewer than ``n`` raise it.

        Returns
        -------
        DataFrame
            ``row`` (position in ``frame``), ``feature``, ``value``,
            ``typical`` (both as text), ``effect_points``.
        """
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"n: must be a whole number >= 1, got {n!r}")
        prepared = self.prepare(frame)
        effects = np.zeros((len(prepared), len(self.features)))
        with _one_thread():
            risk = self._risk(prepared)
            for j, feature in enumerate(self.features):
                column = str(feature.name)
                original = prepared[column]
                at_typical = (original == feature.typical).to_numpy()
                if at_typical.all():
                    continue
                prepared[column] = feature.typical
                effects[:, j] = np.where(at_typical, 0.0, risk - self._risk(prepared))
                prepared[column] = original
        # Features without effect rank below every risk-lowering one, so they never crowd those out.
        ranking = np.where(effects == 0, -np.inf, effects)
        order = np.argsort(-ranking, axis=1, kind="stable")[:, :n]
        rows = np.repeat(np.arange(len(prepared)), order.shape[1])
        columns = order.reshape(-1)
        effect = effects[rows, columns]
        keep = effect != 0
        rows, columns, effect = rows[keep], columns[keep], effect[keep]
        values = np.empty(len(rows), dtype=object)
        typicals = np.empty(len(rows), dtype=object)
        for j, feature in enumerate(self.features):
            mine = columns == j
            if mine.any():
                # Dates as read (day numbers), whichever way the file writes them; the rest as written.
                source = prepared[str(feature.name)] if feature.kind == "date" else frame[feature.name]
                raw = source.iloc[rows[mine]]
                values[mine] = [_display(value, feature.kind) for value in raw]
                typicals[mine] = _display(feature.typical, feature.kind)
        return pd.DataFrame({"row": rows, "feature": [self.features[j].name for j in columns],
                             "value": values, "typical": typicals, "effect_points": effect * 100})

    def reasons(self, frame: pd.DataFrame, n: int = 3) -> list[list[str]]:
        """Per row of ``frame``, up to ``n`` phrases from :meth:`drivers`.

        E.g. ``"OverTime is Yes (typical No): +12 pts"``.
        """
        table = self.drivers(frame, n)
        text = [f"{feature} is {value} (typical {typical}): {_points(effect)}"
                for feature, value, typical, effect in
                zip(table["feature"], table["value"], table["typical"], table["effect_points"].to_numpy())]
        out: list[list[str]] = [[] for _ in range(len(frame))]
        for row, phrase in zip(table["row"].to_numpy(), text):
            out[row].append(phrase)
        return out


CANNOT_INCLUDE = ("empty", "constant")
"""Reasons ``include=`` does not override: such a column has nothing to learn from."""
DROP_CODES = ("excluded", "empty", "constant", "leak_filled_leavers", "leak_filled_stayers", "leak_name",
              "id_unique", "id_text", "id_number", "leak_levels", "leak_auc")
"""The ``code`` of each reason in :attr:`RiskModel.dropped`, in the order the checks run: left out by the
caller; no value; one value; filled only for leavers (an exit date) or only for stayers; named like the exit
itself (termination date or reason, employment status, Termd, 离职日期 …); an id (text all unique; text or
free text mostly unique; unique whole numbers named like an id or in sequence); a category of up to 10 levels
each belonging to one outcome; separating the outcome alone with a cross-validated ROC AUC of
:data:`LEAK_AUC` or more (``"auc"`` gives it)."""


@dataclass
class ColumnScreen:
    """How :func:`screen_columns` sorts a frame's columns before a model is fitted."""

    kinds: dict
    """Column -> number, date or category, for each column the model would use."""
    dropped: dict
    """Column -> why it is left out (see :data:`DROP_CODES`)."""
    column_auc: dict
    """Column -> its cross-validated ROC AUC alone, for the columns used and those left out as ``leak_auc``."""
    duplicates: int
    """Rows with a known outcome that repeat an earlier row in every column."""
    rows: int
    """Rows with a known outcome."""
    exits: int


class _Screened(NamedTuple):
    screen: ColumnScreen
    model_frame: pd.DataFrame  # the used columns of the known rows, in model units
    features: list
    y: np.ndarray
    sample: np.ndarray  # rows of the cross-validation
    fold: np.ndarray  # each sampled row's test fold


def _column_list(value, name: str, columns) -> list:
    chosen = [value] if isinstance(value, str) or not isinstance(value, Sequence) else list(value)
    unknown = [c for c in chosen if c not in columns]
    if unknown:
        raise ValueError(f"{name}: no column(s) {', '.join(map(str, unknown))} in frame")
    return chosen


def _screen(frame: pd.DataFrame, target, include, exclude, random_state: int) -> _Screened:
    from sklearn.model_selection import StratifiedKFold, train_test_split

    if not isinstance(frame, pd.DataFrame):
        raise ValueError("frame: must be a pandas DataFrame")
    if target not in frame.columns:
        raise ValueError(f"target: no column {target!r} in frame")
    excluded = set(_column_list(exclude, "exclude", frame.columns))
    trusted = set(_column_list(include, "include", frame.columns))
    if target in trusted:
        raise ValueError(f"include: {target!r} is the target")
    if trusted & excluded:
        raise ValueError(f"include: {', '.join(map(str, trusted & excluded))} also in exclude")

    exits_all = _exit_flags(frame[target], target)
    known = exits_all.notna().to_numpy()
    data = frame.loc[known].reset_index(drop=True)
    exits = exits_all[known].reset_index(drop=True)
    n_exits, n_stayers = int(exits.sum()), int(len(exits) - exits.sum())
    if len(data) < MIN_ROWS:
        raise ValueError(f"frame: too little history, {len(data)} rows with a known outcome; "
                         f"at least {MIN_ROWS} are needed")
    if min(n_exits, n_stayers) < MIN_PER_CLASS:
        raise ValueError(f"target: too little history, {n_exits} exits and {n_stayers} stayers; "
                         f"at least {MIN_PER_CLASS} of each are needed")
    try:
        repeats = data.duplicated().to_numpy()
    except TypeError:  # unhashable cells (lists) compare as their text
        repeats = data.astype(str).duplicated().to_numpy()

    y = exits.to_numpy(dtype=int)
    if len(data) > MAX_CV_ROWS:
        sample, _ = train_test_split(np.arange(len(data)), train_size=MAX_CV_ROWS, stratify=y,
                                     random_state=random_state)
        sample = np.sort(sample)
    else:
        sample = np.arange(len(data))
    fold = np.zeros(len(sample), dtype=np.int64)
    splits = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=random_state)
    for k, (_, test) in enumerate(splits.split(np.zeros(len(sample)), y[sample])):
        fold[test] = k

    # Columns are judged on the rows that do not repeat an earlier one: an id stays unique when a row was
    # exported twice.
    once, exits_once = data.loc[~repeats], exits[~repeats]
    features, dropped = [], {}
    for name in data.columns:
        if name == target:
            continue
        if name in excluded:
            dropped[name] = {"code": "excluded"}
            continue
        kind, reason = _column_verdict(name, once[name], exits_once, trusted=name in trusted)
        if reason:
            dropped[name] = reason
        else:
            order = _read_text_dates(once[name])[1] if kind == "date" else None
            features.append(_Feature(name, kind, None, order))
    model_frame = pd.DataFrame({str(f.name): _to_model_units(data[f.name], f.kind, f.order).to_numpy()
                                for f in features}, index=data.index)
    alone = _single_column_auc(model_frame.iloc[sample].reset_index(drop=True),
                               {str(f.name): f.kind for f in features}, y[sample], fold, CV_FOLDS)
    column_auc = {f.name: alone[str(f.name)] for f in features}
    leaks = [f for f in features if column_auc[f.name] >= LEAK_AUC and f.name not in trusted]
    for feature in leaks:
        dropped[feature.name] = {"code": "leak_auc", "auc": round(column_auc[feature.name], 3)}
    features = [f for f in features if all(f is not leak for leak in leaks)]
    if not features:
        left_out = ", ".join(f"{name} ({reason['code']})" for name, reason in dropped.items())
        raise ValueError(f"frame: no usable column besides the target (left out: {left_out})")
    model_frame = model_frame[[str(f.name) for f in features]]
    screen = ColumnScreen(kinds={f.name: f.kind for f in features}, dropped=dropped, column_auc=column_auc,
                          duplicates=int(repeats.sum()), rows=len(data), exits=n_exits)
    return _Screened(screen, model_frame, features, y, sample, fold)


def screen_columns(frame: pd.DataFrame, target, *, include: Sequence = (), exclude: Sequence = (),
                   random_state: int = 0) -> ColumnScreen:
    """The columns :func:`fit_risk_model` would use and those it would leave out, with the reasons.

    The same checks without fitting a model (a fraction of a second on a few thousand rows), so that a
    page can offer the choice before the fit.  Arguments and errors as :func:`fit_risk_model`.

    Examples
    --------
    >>> people = pd.DataFrame({"Termd": [0, 1] * 30, "EmploymentStatus": ["Active", "Voluntarily Terminated"] * 30,
    ...                        "EmpSatisfaction": [4, 2, 5, 3, 3, 4] * 10})
    >>> screen = screen_columns(people, "Termd")
    >>> screen.dropped, screen.kinds
    ({'EmploymentStatus': {'code': 'leak_name'}}, {'EmpSatisfaction': 'number'})
    """
    return _screen(frame, target, include, exclude, random_state).screen


def target_candidates(frame: pd.DataFrame) -> list:
    """Columns of ``frame`` that look like the exit flag of :func:`fit_risk_model`, likeliest first.

    First those named like one (Attrition, left, Termd, status, 离职 …, on squashed lower-case names) whose
    values read as two outcomes (0/1, Yes/No, left/active …), then those named like one whose values do not
    (EmploymentStatus = "Voluntarily Terminated", which cannot be a target as it is), each in the frame's
    order.  Empty when no column looks like an exit flag: then none should be guessed.

    >>> target_candidates(pd.DataFrame({"EmpID": [1, 2], "EmploymentStatus": ["Active", "Terminated for Cause"],
    ...                                 "Termd": [0, 1], "Salary": [5, 6]}))
    ['Termd', 'EmploymentStatus']
    """
    readable, named = [], []
    for name in frame.columns:
        if not _TARGET_NAME.fullmatch(_squash(name)):
            continue
        try:
            flags = _exit_flags(frame[name], str(name))
        except ValueError:
            named.append(name)
            continue
        (readable if flags.nunique() == 2 else named).append(name)
    return readable + named


def fit_risk_model(frame: pd.DataFrame, target, *, include: Sequence = (), exclude: Sequence = (),
                   random_state: int = 0) -> RiskModel:
    """Fit an exit-risk model on the company's own history, chosen by cross-validated ROC AUC.

    DOMAIN.md §7/§8.  The frame may hold any columns; they are sorted out first (:func:`screen_columns`
    alone does this part):

    * left out, each with its reason in :attr:`RiskModel.dropped` (codes in :data:`DROP_CODES`):
      ``exclude``; columns that are empty or constant (one value, counting missing as a value); leaks,
      columns that record the exit itself: filled only for leavers or only for stayers (an exit date),
      named like the exit (termination date or reason, employment status, Termd, DateofTermination,
      TermReason, EmploymentStatus, exit_date, exit_type, exit_reason, 离职日期, 离职原因, 在职状态 …,
      matched on squashed lower-case names), a category with up to 10 levels each belonging to one
      outcome, or any column that alone separates the outcome with a cross-validated ROC AUC of
      :data:`LEAK_AUC` or more (see below); id-like columns (text with every value unique, or with more
      than 50 levels over half of them unique; unique whole numbers that are named like an id — ``…id``,
      ``…number``, ``…code`` — or run in sequence down the rows);
    * ``include`` puts a column left out back in (all but empty and constant ones, which carry nothing);
    * numbers (also text that is all numbers): missing values imputed with the median plus a missing
      flag (logistic regression) or handled natively (trees); dates become day numbers;
    * categories (text, booleans): missing is a level of its own; levels seen in fewer than
      max(10, rows / 500) rows, and all but the 40 most common, are pooled into one "infrequent" level,
      which also takes unseen levels.

    A column's AUC alone is taken on the cross-validation's rows and folds: a category (and a number of
    at most 20 values) scored by its out-of-fold exit rate per level, a number or date also by its value,
    high or low, with missing values first or last; the best of these counts.  A real driver keeps well
    below 0.97 (overtime scores about 0.65 on the IBM file); a termination date, reason or status scores
    about 1.  Rows that repeat another row in every column are counted (:attr:`RiskModel.duplicates`),
    not removed: the same person twice, once in a training and once in a test fold, flatters the AUC.

    Candidate families, each scored by stratified 5-fold cross-validation (shuffled, ``random_state``)
    as the mean ROC AUC over the folds: logistic regression (standardised numbers, one-hot categories),
    histogram gradient boosting (shallow trees) and a random forest.  The best is refitted on all rows.
    Above :data:`MAX_CV_ROWS` rows the cross-validation runs on a stratified sample of that size (the
    AUC estimate barely moves; the time does).  Calibration comes from the out-of-fold predictions.  A
    cross-validated AUC of :data:`LEAK_AUC` or more sets :attr:`RiskModel.suspicious`: people's
    decisions to leave are not that predictable, so a column probably still records the exit.

    Parameters
    ----------
    frame : DataFrame
        One row per employee.
    target : column name
        1 / True / "Yes" / "left" for people who left, 0 / False / "No" / "active" for those who stayed
        (case-insensitive; also "是"/"否", "离职"/"在职").  Rows with a missing target are not used.
        :func:`target_candidates` proposes columns that look like one.
    include : sequence of column names
        Columns to use although they would be left out (a leak you know is not one).
    exclude : sequence of column names
        Columns to keep out of the model (e.g. outcomes recorded after the exit).
    random_state : int

    Returns
    -------
    RiskModel
        ``.auc``, ``.family``, ``.candidates``, ``.calibration``, ``.dropped``, ``.column_auc``,
        ``.duplicates``, ``.suspicious``, ``.predict_proba(frame)``, ``.drivers(frame, n)``,
        ``.reasons(frame, n)``.

    Raises
    ------
    ValueError
        With fewer than 30 rows of known outcome or fewer than 10 exits or 10 stayers ("too little
        history"), an unreadable target, a column in ``include`` or ``exclude`` that is not in the frame
        (or in both, or the target), or no usable column.

    Examples
    --------
    >>> rng = np.random.default_rng(7)
    >>> people = pd.DataFrame({"overtime": rng.choice(["Yes", "No"], 200), "years": rng.integers(0, 20, 200)})
    >>> people["left"] = np.where(rng.random(200) < np.where(people["overtime"] == "Yes", 0.6, 0.1), "Yes", "No")
    >>> people["exit_reason"] = np.where(people["left"] == "Yes", "pay", "none")
    >>> model = fit_risk_model(people, "left")
    >>> sorted(model.candidates) == sorted(FAMILIES), 0.6 < model.auc < 1, model.suspicious
    (True, True, False)
    >>> model.dropped
    {'exit_reason': {'code': 'leak_name'}}
    >>> risk = model.predict_proba(people.drop(columns="left"))
    >>> bool(risk[people["overtime"] == "Yes"].mean() > risk[people["overtime"] == "No"].mean())
    True
    >>> fit_risk_model(people, "left", include=["exit_reason"]).suspicious
    True
    """
    from sklearn.base import clone
    from sklearn.metrics import roc_auc_score

    screened = _screen(frame, target, include, exclude, random_state)
    screen, model_frame, features, y, sample, fold = screened
    for feature in features:
        feature.typical = _typical(model_frame[str(feature.name)], feature.kind)
    numbers = [str(f.name) for f in features if f.kind in ("number", "date")]
    categories = [str(f.name) for f in features if f.kind == "category"]

    cv_frame, cv_y = model_frame.iloc[sample].reset_index(drop=True), y[sample]
    out_of_fold = {family: np.zeros(len(cv_y)) for family in FAMILIES}
    fold_auc = {family: [] for family in FAMILIES}
    fold_rows = len(cv_y) * (CV_FOLDS - 1) // CV_FOLDS
    templates = {family: _pipeline(family, numbers, categories, fold_rows, random_state) for family in FAMILIES}
    with warnings.catch_warnings(), _one_thread():
        warnings.filterwarnings("ignore", message=".*unknown categories.*")
        for k in range(CV_FOLDS):
            train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
            for family in FAMILIES:
                fitted = clone(templates[family]).fit(cv_frame.iloc[train], cv_y[train])
                predicted = fitted.predict_proba(cv_frame.iloc[test])[:, 1]
                out_of_fold[family][test] = predicted
                fold_auc[family].append(roc_auc_score(cv_y[test], predicted))
        candidates = {family: float(np.mean(scores)) for family, scores in fold_auc.items()}
        # Ties go to the earlier, simpler family.
        family = max(FAMILIES, key=lambda f: (round(candidates[f], 12), -FAMILIES.index(f)))
        pipeline = _pipeline(family, numbers, categories, len(model_frame), random_state).fit(model_frame, y)
    chosen = out_of_fold[family]
    return RiskModel(family=family, auc=candidates[family], candidates=candidates,
                     calibration=_calibration_table(chosen, cv_y), brier=float(np.mean((chosen - cv_y) ** 2)),
                     target=target, rows=screen.rows, exits=screen.exits, cv_rows=len(cv_y), features=features,
                     dropped=screen.dropped, column_auc=screen.column_auc, duplicates=screen.duplicates,
                     suspicious=candidates[family] >= LEAK_AUC, pipeline=pipeline)
