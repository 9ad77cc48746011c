"""Salary structure: market position, lead/lag, midpoints, ranges, overlap, people and cost.

DOMAIN.md §3, seed 002 (3E steps 6-14).  The formulas of §8 come first, each
element-wise on numpy arrays and pandas Series; :func:`design` then builds a
whole structure from a grading, market data and a :class:`Settings`, and
:func:`place_people` and :func:`payroll` put the employees in it.

Conventions
-----------
* Money is per month; costs are annual (× 12).
* Market lines: for each surveyed percentile, a log-linear line of market pay
  on job points over the key jobs (jobs the market check flags as outliers
  left out), read at each grade's band centre.
* Market position moves linearly with the grade from the lowest grade's
  value to the highest's; progression and spread likewise.
* The total-cash range uses the fixed range's spread; a grade's target bonus
  is total-cash mid − fixed mid.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, asdict, replace
from datetime import date

import numpy as np
import pandas as pd

from hrcore.company import as_of_date, employed_on
from hrcore.cycles import latest_performance
from hrcore.downloads import xlsx_bytes
from hrcore.errors import Conflict, Refused
from hrcore.schema import PAY_CEILING

POLICIES = ("lag", "lead-lag", "lead")
BONUS_FACTORS = "A=1.5,B=1.2,C=1,D=0.5,E=0"
"""Performance factor on the target bonus by latest KPI rating (DOMAIN.md §3, step 14); editable."""
FLAT_PROGRESSION = 0.005
"""Steps whose progression spans less than this (half a percentage point) are "equal" (seed 002 step 9)."""
CURVES = ("raw", "smooth", "designed")
PERCENTILES = (10, 25, 50, 75, 90)


def _array(value, name: str) -> np.ndarray:
    out = np.asarray(value, dtype=float)
    if np.any(out < 0):
        raise ValueError(f"{name}: must not be negative")
    return out


def _scalar_or_array(value: np.ndarray, like):
    if isinstance(like, pd.Series):
        return pd.Series(value, index=like.index)
    return value if np.ndim(value) else float(value)


# ---------------------------------------------------------------------------
# DOMAIN.md §8 formulas
# ---------------------------------------------------------------------------

def range_bounds(mid, spread):
    """``(min, max)`` of a range from its midpoint and spread ``(max − min) / min``.

    ``min = mid · 2 / (2 + spread)``, ``max = min · (1 + spread)``: the
    midpoint sits halfway between them.

    >>> range_bounds(10_000, 0.5)
    (8000.0, 12000.0)
    """
    m = _array(mid, "mid")
    s = np.asarray(spread, dtype=float)
    if np.any(s <= 0):
        raise ValueError("spread: must be above 0 (it is (max − min) / min)")
    low = m * 2 / (2 + s)
    return _scalar_or_array(low, mid), _scalar_or_array(low * (1 + s), mid)


def compa_ratio(pay, mid):
    """Pay over the range midpoint.

    >>> compa_ratio(9_000, 10_000)
    0.9
    """
    p = _array(pay, "pay")
    m = np.asarray(mid, dtype=float)
    if np.any(m <= 0):
        raise ValueError("mid: must be above 0")
    return _scalar_or_array(p / m, pay)


def range_penetration(pay, lo, hi):
    """Where pay sits in its range: 0 at the minimum, 1 at the maximum (outside when below or above).

    >>> range_penetration(11_000, 8_000, 12_000)
    0.75
    """
    p = _array(pay, "pay")
    low, high = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    if np.any(high <= low):
        raise ValueError("hi: must be above lo")
    return _scalar_or_array((p - low) / (high - low), pay)


def overlap(lower, upper) -> float:
    """Share of the upper grade's range that the lower grade also covers; 0 when the ranges do not touch.

    ``(max_lower − min_upper) / (max_upper − min_upper)`` for ranges that climb;
    a lower range reaching past the upper one's ends counts only the part it shares.

    >>> overlap((8_000, 12_000), (10_000, 15_000))
    0.4
    >>> overlap((8_000, 9_000), (10_000, 15_000))
    0.0
    """
    (lo_min, lo_max), (up_min, up_max) = lower, upper
    if up_max <= up_min or lo_max <= lo_min:
        raise ValueError("lower, upper: each range needs max above min")
    return max(0.0, (min(lo_max, up_max) - max(lo_min, up_min)) / (up_max - up_min))


def gap(lower, upper) -> float:
    """How far above the lower grade's maximum the upper grade's minimum starts, as a share of that maximum.

    >>> gap((8_000, 9_000), (9_900, 15_000))
    0.1
    """
    (_, lo_max), (up_min, _) = lower, upper
    return max(0.0, (up_min - lo_max) / lo_max)


def age(value, annual_rate, months):
    """Market value aged by ``months`` at ``annual_rate`` a year: ``value · (1 + g)^(months / 12)``.

    >>> round(age(10_000, 0.07, 18), 2)
    11068.17
    """
    v = _array(value, "value")
    if annual_rate <= -1:
        raise ValueError("annual_rate: must be above −100 %")
    return _scalar_or_array(v * (1 + annual_rate) ** (np.asarray(months, dtype=float) / 12), value)


def policy_factor(annual_rate: float, policy: str, plan_months: int = 12) -> float:
    """Factor on market pay aged to the effective date, for a lead/lag policy over a plan of ``plan_months``.

    *lag*: 1 (behind the market all year); *lead*: ``(1 + g)^(T/12)``
    (ahead all year); *lead-lag*: ``(1 + g)^(T/24)`` (ahead, then behind).

    >>> policy_factor(0.07, "lag"), policy_factor(0.07, "lead"), round(policy_factor(0.07, "lead-lag"), 6)
    (1.0, 1.07, 1.034408)
    """
    if policy not in POLICIES:
        raise ValueError(f"policy: must be one of {POLICIES}, got {policy!r}")
    if plan_months <= 0:
        raise ValueError("plan_months: must be above 0")
    if annual_rate <= -1:
        raise ValueError("annual_rate: must be above −100 %")
    exponent = {"lag": 0.0, "lead": plan_months / 12, "lead-lag": plan_months / 24}[policy]
    return float((1 + annual_rate) ** exponent)


def lead_months(lead: float, annual_rate: float) -> float:
    """Months until the market catches up with a manual lead: ``12 · ln(1 + lead) / ln(1 + g)``.

    >>> round(lead_months(0.07, 0.07), 6)
    12.0
    """
    if annual_rate <= 0:
        raise ValueError("annual_rate: the market must be moving up for a lead to run out")
    if lead <= -1:
        raise ValueError("lead: must be above −100 %")
    return 12 * math.log(1 + lead) / math.log(1 + annual_rate)


def at_position(percentiles: dict, position):
    """Pay at a market position, interpolated linearly in the percentile between surveyed ones.

    ``percentiles`` maps a percentile (10, 25, 50, 75, 90; missing keys
    allowed) to a value or an array of values; ``position`` is a percentile
    (scalar or array) inside the surveyed range.  Missing values (NaN) in an
    array are skipped for that element.

    >>> at_position({25: 8_000, 50: 10_000, 75: 12_500}, 60)
    11000.0
    >>> at_position({50: [10_000, 20_000], 75: [12_000, 26_000]}, [50, 62.5]).tolist()
    [10000.0, 23000.0]
    """
    keys = sorted(float(k) for k in percentiles)
    if not keys:
        raise ValueError("percentiles: need at least one surveyed percentile")
    table = np.column_stack([np.atleast_1d(np.asarray(percentiles[k if k in percentiles else int(k)], dtype=float))
                             for k in keys])
    pos = np.asarray(position, dtype=float)
    rows = max(table.shape[0], pos.size)
    table = np.broadcast_to(table, (rows, len(keys)))
    where = np.broadcast_to(np.atleast_1d(pos), (rows,))
    if np.any(where < 0) or np.any(where > 100):
        raise ValueError("position: a percentile between 0 and 100")
    out = np.full(rows, np.nan)
    xs = np.array(keys)
    for i in range(rows):
        known = ~np.isnan(table[i])
        if not known.any():
            continue
        x, y = xs[known], table[i][known]
        if where[i] < x[0] - 1e-9 or where[i] > x[-1] + 1e-9:
            raise ValueError(f"position: P{where[i]:g} is outside the surveyed P{x[0]:g}–P{x[-1]:g}")
        out[i] = np.interp(where[i], x, y)
    if np.ndim(position) == 0 and all(np.ndim(v) == 0 for v in percentiles.values()):
        return float(out[0])
    return out


def bonus_factors(text: str) -> dict:
    """The performance factor of each rating from ``"A=1.5,B=1.2,..."`` (the editable table, as one line).

    >>> bonus_factors("A=1.5, B=1.2,C=1,D=0.5,E=0")
    {'A': 1.5, 'B': 1.2, 'C': 1.0, 'D': 0.5, 'E': 0.0}
    """
    out = {}
    for part in str(text or "").split(","):
        if not part.strip():
            continue
        rating, sep, value = part.partition("=")
        try:
            factor = float(value)
        except ValueError:
            factor = math.nan
        if not sep or not rating.strip() or not 0 <= factor <= 10:
            raise ValueError(f"bonus_factors: {part.strip()!r} is not rating=factor with a factor from 0 to 10")
        out[rating.strip()] = factor
    return out


def factors_text(factors: dict) -> str:
    """:func:`bonus_factors` read back: ``{"A": 1.5}`` → ``"A=1.5"``; the default table reads back as itself.

    >>> factors_text(bonus_factors(BONUS_FACTORS)) == BONUS_FACTORS
    True
    """
    return ",".join(f"{k}={float(v):g}" for k, v in factors.items())


def performance_factor(ratings, factors: dict) -> np.ndarray:
    """Each person's factor on the target bonus from their latest rating; no rating (or one not in the table): 1.

    >>> performance_factor(pd.Series(["A", None, "E", "X"]), bonus_factors(BONUS_FACTORS)).tolist()
    [1.5, 1.0, 0.0, 1.0]
    """
    # Each distinct rating looked up once (a handful among everyone): no rating is the code -1, the 1 appended.
    codes, labels = pd.factorize(pd.Series(ratings, dtype=object))
    per_label = pd.Series(labels, dtype=object).map(factors).astype(float).fillna(1.0).to_numpy()
    return np.append(per_label, 1.0)[codes]


def interpolate(low: float, high: float, grades: int) -> np.ndarray:
    """A value per grade moving linearly from ``low`` at grade 1 to ``high`` at the top grade.

    >>> interpolate(0.4, 0.8, 5).round(6).tolist()
    [0.4, 0.5, 0.6, 0.7, 0.8]
    """
    if grades == 1:
        return np.array([float(low)])
    return low + (high - low) * np.arange(grades) / (grades - 1)


# ---------------------------------------------------------------------------
# Designing a structure
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """Every choice of the designer; plain values so that a scenario can be saved, shared and compared."""

    grades: int | None = None
    """None: the grades of the saved grading."""
    band_method: str = "equal"
    position_low: float = 50.0
    position_high: float = 50.0
    market_growth: float = 0.05
    policy: str = "lag"
    manual_lead: float = 0.0
    effective_date: str | None = None
    """ISO date the structure takes effect; None: the start of next month after the as-of date."""
    plan_months: int = 12
    curve: str = "smooth"
    progression_low: float = 0.08
    progression_high: float = 0.15
    spread_low: float = 0.40
    spread_high: float = 0.80
    exclude_outliers: bool = True
    approved_total: float | None = None
    """Approved annual payroll; None: none given."""
    raise_rate: float = 0.0
    """Annual raise on today's pay in the plan year (seed 002 step 14's lever: lower it to meet the budget)."""
    bonus_factors: str = BONUS_FACTORS
    """Performance factor on the target bonus by latest KPI rating, ``rating=factor`` pairs."""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> "Settings":
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def check(self) -> None:
        """Raise ValueError naming the first setting out of range."""
        if self.policy not in POLICIES:
            raise ValueError(f"policy: must be one of {POLICIES}")
        if self.curve not in CURVES:
            raise ValueError(f"curve: must be one of {CURVES}")
        for name in ("position_low", "position_high"):
            if not 10 <= getattr(self, name) <= 90:
                raise Refused("pay_position_range", field=name)
        for name in ("spread_low", "spread_high", "progression_low", "progression_high"):
            if getattr(self, name) <= 0:
                raise Refused("pay_above_zero", field=name)
        if self.grades is not None and self.grades < 2:
            raise Refused("pay_grades_min", field="grades")
        if self.plan_months <= 0:
            raise Refused("pay_above_zero", field="plan_months")
        if not 0 <= self.raise_rate <= 1:
            raise Refused("pay_raise_range", field="raise_rate")
        bonus_factors(self.bonus_factors)


@dataclass(frozen=True)
class Inputs:
    """What a design reads from the database (see :func:`load_inputs`)."""

    jobs: pd.DataFrame
    """``job_id, title_en, title_zh, is_key, points, grade`` (grade from the saved grading)."""
    bands: pd.DataFrame
    """The saved grading's ``grade, points_min, points_max``."""
    market: pd.DataFrame
    """The latest survey year's market_data rows."""
    employees: pd.DataFrame
    """Active employees: ``employee_id, department_id, job_id, grade, base_pay, target_bonus`` and, when read from
    a store, ``rating`` (the latest scored KPI rating, see :func:`latest_ratings`)."""
    departments: pd.DataFrame
    as_of: date
    band_method: str = "equal"
    """How the saved grading cut its bands."""
    outliers: tuple = ()
    """Key jobs the market check flags (|z| > 2 on P50 fixed, linear), left out of the market lines on request."""


@dataclass(frozen=True)
class Structure:
    settings: Settings
    grades: pd.DataFrame
    """Per grade: ``grade, points_min, points_max, centre, position, market_p10..p90 (aged fixed, led or lagged),
    market_mid (the market at the position, aged only), raw_mid (led or lagged), fixed_min, fixed_mid, fixed_max, progression, spread, overlap, gap,
    total_p50, total_min, total_mid, total_max, target_bonus, jobs``."""
    jobs: pd.DataFrame
    """``job_id, points, grade`` as slotted for this structure."""
    factor: float
    """Aging × policy × manual lead applied to the market lines."""
    aging_months: float
    lead_months: float | None
    warnings: list = field(default_factory=list)
    """``(code, values)`` pairs; messages live in :mod:`hrcore.i18n` as ``pay.warn.<code>``."""


def market_lines(market: pd.DataFrame, points: pd.Series, pay_type: str, exclude=()) -> dict:
    """Log-linear lines ``{percentile: (intercept, slope)}`` of market pay on points, one per surveyed percentile.

    ``points`` maps job_id to points.  Percentiles with fewer than three jobs are left out.
    """
    part = market[(market["pay_type"] == pay_type) & ~market["job_id"].isin(list(exclude))]
    x = part["job_id"].map(points).to_numpy(float, na_value=np.nan)
    lines = {}
    for pct in PERCENTILES:
        y = part[f"p{pct}"].to_numpy(float, na_value=np.nan)
        usable = ~np.isnan(x) & (y > 0)  # a missing market value compares False
        if usable.sum() >= 3 and np.unique(x[usable]).size > 1:
            slope, intercept = np.polyfit(x[usable], np.log(y[usable]), 1)
            lines[pct] = (float(intercept), float(slope))
    return lines


def _read(lines: dict, points: np.ndarray) -> dict:
    return {pct: np.exp(a + b * points) for pct, (a, b) in lines.items()}


def smooth(values, progression_low: float = 0.08, progression_high: float = 0.15) -> np.ndarray:
    """Smoothed midpoints with a rising progression (seed 002, steps 8 and 9).

    The exponential trend ``ln(mid) = a + b·grade`` fitted to ``values`` sets
    the curve's market level (the geometric mean of ``values``) and its rise
    from the lowest to the highest grade; that rise is shared out over the
    steps in proportion to a progression moving linearly from
    ``progression_low`` to ``progression_high``, so the low grades get the
    small steps ("级差应该不相等", smaller at the low end).  Equal settings
    give the plain exponential trend.

    Hand: three grades 10,000, 11,000, 12,100 rise 21 %; with 10 % and 20 %
    the two steps take 1/3 and 2/3 of ln 1.21, the first midpoint is
    11,000 · 1.1^(−8/9):

    >>> mids = smooth([10_000, 11_000, 12_100], 0.10, 0.20)
    >>> round(float(mids[0]), 1), round(float(mids[2] / mids[0]), 6), round(float(mids[1] / mids[0] - 1), 4)
    (10106.5, 1.21, 0.0656)
    """
    values = np.asarray(values, dtype=float)
    grade = np.arange(1, values.size + 1, dtype=float)
    slope, _ = np.polyfit(grade, np.log(values), 1)
    weights = interpolate(progression_low, progression_high, values.size - 1)
    steps = np.concatenate([[0.0], np.cumsum(slope * (values.size - 1) * weights / weights.sum())])
    return np.exp(np.mean(np.log(values)) - steps.mean() + steps)


def _designed(raw: np.ndarray, progression: np.ndarray) -> np.ndarray:
    """Midpoints with the given progression (one per step, ``raw.size − 1``), keeping the raw curve's market position.

    The level is the least-squares fit in logs: the geometric mean of the
    designed midpoints equals that of the raw ones.
    """
    steps = np.concatenate([[0.0], np.cumsum(np.log1p(progression))])
    level = np.mean(np.log(raw) - steps)
    return np.exp(level + steps)


def _months_between(start: date, end: date) -> float:
    return (end.year - start.year) * 12 + (end.month - start.month) + (end.day - start.day) / 30.4375


def effective_date(settings: Settings, as_of: date) -> date:
    if settings.effective_date:
        return date.fromisoformat(settings.effective_date)
    first = date(as_of.year + (as_of.month == 12), as_of.month % 12 + 1, 1)
    return first


def _bands(inputs: Inputs, settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Bands and job grades: the saved grading's, or re-cut to ``settings.grades`` over the same point range."""
    from hrcore.evaluation import grade_bands, slot

    jobs = inputs.jobs[["job_id", "points", "grade"]].copy()
    saved = inputs.bands
    if len(saved) and settings.grades in (None, len(saved)) and settings.band_method == inputs.band_method:
        return saved.reset_index(drop=True), jobs
    valued = jobs["points"].dropna()
    if len(saved):
        low, high = float(saved["points_min"].min()), float(saved["points_max"].max())
    elif len(valued):
        low, high = float(valued.min()), float(valued.max())
    else:
        raise Refused("pay_no_points", field="inputs")
    bands = grade_bands(low, high, int(settings.grades or len(saved) or 12), settings.band_method)
    jobs["grade"] = np.where(jobs["points"].notna(), slot(jobs["points"].fillna(-1), bands), jobs["grade"])
    return bands, jobs


def design(inputs: Inputs, settings: Settings) -> Structure:
    """The structure ``settings`` give on ``inputs`` (seed 002, steps 6-14)."""
    settings.check()
    bands, jobs = _bands(inputs, settings)
    n = len(bands)
    grade = bands["grade"].to_numpy()
    centre = ((bands["points_min"] + bands["points_max"]) / 2).to_numpy(dtype=float)
    points = jobs.set_index("job_id")["points"]
    exclude = inputs.outliers if settings.exclude_outliers else ()
    fixed_lines = market_lines(inputs.market, points, "fixed", exclude)
    if not fixed_lines:
        raise Refused("pay_few_key_jobs", field="inputs")
    total_lines = market_lines(inputs.market, points, "total_cash", exclude)

    start = effective_date(settings, inputs.as_of)
    surveyed = pd.to_datetime(inputs.market["effective_date"]).dropna()
    survey_date = surveyed.median().date() if len(surveyed) else start
    months = max(0.0, _months_between(survey_date, start))
    aging = (1 + settings.market_growth) ** (months / 12)
    factor = aging * policy_factor(settings.market_growth, settings.policy, settings.plan_months) * (
        1 + settings.manual_lead)

    position = interpolate(settings.position_low, settings.position_high, n)
    market = {pct: values * factor for pct, values in _read(fixed_lines, centre).items()}
    raw = at_position(market, position)
    if settings.curve == "raw":
        mid = raw
    elif settings.curve == "smooth":
        mid = smooth(raw, settings.progression_low, settings.progression_high)
    else:
        # One progression per step between grades: the first step gets the low value, the last the high.
        mid = _designed(raw, interpolate(settings.progression_low, settings.progression_high, n - 1))
    spread = interpolate(settings.spread_low, settings.spread_high, n)
    low, high = range_bounds(mid, spread)

    total_market = {pct: values * factor for pct, values in _read(total_lines, centre).items()}
    # The total-cash curve follows the fixed curve, with the market's total-to-fixed ratio of each grade on top.
    total_mid = mid * at_position(total_market, position) / raw if total_market else mid.copy()
    total_low, total_high = range_bounds(total_mid, spread)

    progression = np.append(mid[1:] / mid[:-1] - 1, np.nan)
    overlaps = np.array([overlap((low[i], high[i]), (low[i + 1], high[i + 1])) for i in range(n - 1)] + [np.nan])
    gaps = np.array([gap((low[i], high[i]), (low[i + 1], high[i + 1])) for i in range(n - 1)] + [np.nan])
    job_count = jobs.groupby("grade")["job_id"].count()
    table = pd.DataFrame({
        "grade": grade, "points_min": bands["points_min"].to_numpy(), "points_max": bands["points_max"].to_numpy(),
        "centre": centre, "position": position,
        **{f"market_p{p}": market[p] if p in market else np.nan for p in PERCENTILES},
        # The market at the position aged to the effective date, before the policy and the lead: the gap up to
        # raw_mid is what the company pays ahead of the market.
        "market_mid": raw * aging / factor, "raw_mid": raw, "fixed_min": low, "fixed_mid": mid, "fixed_max": high,
        "progression": progression, "spread": spread, "overlap": overlaps, "gap": gaps,
        "total_p50": total_market.get(50, np.full(n, np.nan)),
        "total_min": total_low, "total_mid": total_mid, "total_max": total_high,
        "target_bonus": total_mid - mid,
        "jobs": [int(job_count.get(g, 0)) for g in grade],
    })
    lead = lead_months(settings.manual_lead, settings.market_growth) \
        if settings.manual_lead > 0 and settings.market_growth > 0 else None
    return Structure(settings, table, jobs, float(factor), months, lead, _warnings(table, settings))


def _warnings(table: pd.DataFrame, settings: Settings) -> list:
    out = []
    progression = table["progression"].to_numpy()[:-1]
    falling = [int(g) for g, a, b in zip(table["grade"][1:], progression[:-1], progression[1:]) if b < a - 1e-4]
    if falling:
        out.append(("falling_progression", {"grades": ", ".join(map(str, falling[:6]))}))
    if len(progression) >= 2 and np.ptp(progression) < FLAT_PROGRESSION:
        out.append(("flat_progression", {"progression": float(np.mean(progression))}))
    if abs(settings.spread_high - settings.spread_low) < 1e-9:
        out.append(("uniform_spread", {"spread": settings.spread_low}))
    overlap_values = table["overlap"].to_numpy()[:-1]
    low = [int(g) for g, v in zip(table["grade"][:-1], overlap_values) if v < 0.05]
    high = [int(g) for g, v in zip(table["grade"][:-1], overlap_values) if v > 0.70]
    if low:
        out.append(("overlap_low", {"grades": ", ".join(map(str, low[:6]))}))
    if high:
        out.append(("overlap_high", {"grades": ", ".join(map(str, high[:6]))}))
    if len(progression) and np.nanmean(progression) < 0.05:
        out.append(("too_many_grades", {"progression": float(np.nanmean(progression))}))
    return out


# ---------------------------------------------------------------------------
# People in the structure, and what it costs
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Placement:
    people: pd.DataFrame
    """Per active employee: ``employee_id, department_id, grade, base_pay, bonus_now, rating, fixed_min, fixed_mid,
    fixed_max, target_bonus, performance_factor, bonus, raised_pay, compa_ratio, penetration, below_min,
    above_max, to_min``.  ``bonus`` = the grade's target bonus × the performance factor of the person's latest
    rating (1 without one); ``raised_pay`` = base pay × (1 + the annual raise rate)."""
    ungraded: int
    """Active employees with no grade (no job points and no grade of their own): left out."""

    @property
    def below_share(self) -> float:
        return float(self.people["below_min"].mean()) if len(self.people) else math.nan

    @property
    def above_share(self) -> float:
        return float(self.people["above_max"].mean()) if len(self.people) else math.nan

    @property
    def cost_to_min(self) -> float:
        """Monthly cost of raising everyone below the minimum to it."""
        return float(self.people["to_min"].sum())


def place_people(structure: Structure, employees: pd.DataFrame) -> Placement:
    """Compa-ratio and range penetration of every active employee, and who is outside the range.

    An employee's grade is their job's grade in this structure; people whose
    job has no points keep the grade on their own record.
    """
    # Column by column in numpy, each grade's figures taken by position: the designer places everyone again at
    # each move of a slider (a tenth of the time of mapping through pandas at 100,000 people).
    job_grade = structure.jobs.set_index("job_id")["grade"]
    grade = np.asarray(employees["job_id"].map(job_grade), dtype=float)
    own = employees["grade"].to_numpy(dtype=float, na_value=np.nan)
    grade = np.where(~np.isnan(grade) & (grade > 0), grade, own)
    base = employees["base_pay"].to_numpy(dtype=float, na_value=np.nan)
    usable = ~np.isnan(grade) & ~np.isnan(base)
    everyone = bool(usable.all())
    kept = slice(None) if everyone else np.flatnonzero(usable)

    def column(name: str):
        values = employees[name]
        return values.reset_index(drop=True) if everyone else values.iloc[kept].reset_index(drop=True)

    grades = structure.grades.set_index("grade")
    top = int(grades.index.max())
    grade = np.clip(grade[kept].astype(np.int64), 1, top)
    rows = grades.index.get_indexer(grade)

    def by_grade(name: str) -> np.ndarray:
        # A grade missing from the table gives NaN, as a lookup by grade does.
        return np.where(rows >= 0, grades[name].to_numpy(dtype=float)[rows], np.nan)

    pay = base[kept]
    fixed_min, fixed_mid, fixed_max, target_bonus = (by_grade(c) for c in ("fixed_min", "fixed_mid", "fixed_max",
                                                                           "target_bonus"))
    rating = column("rating") if "rating" in employees else pd.Series([None] * len(pay), dtype=object)
    factor = performance_factor(rating, bonus_factors(structure.settings.bonus_factors))
    below, above = pay < fixed_min, pay > fixed_max
    frame = pd.DataFrame({
        "employee_id": column("employee_id"), "department_id": column("department_id"), "base_pay": pay,
        "bonus_now": np.nan_to_num(employees["target_bonus"].to_numpy(dtype=float, na_value=np.nan)[kept], nan=0.0),
        "grade": grade, "rating": rating, "fixed_min": fixed_min, "fixed_mid": fixed_mid, "fixed_max": fixed_max,
        "target_bonus": target_bonus, "performance_factor": factor, "bonus": target_bonus * factor,
        "raised_pay": pay * (1 + structure.settings.raise_rate), "compa_ratio": compa_ratio(pay, fixed_mid),
        "penetration": range_penetration(pay, fixed_min, fixed_max), "below_min": below, "above_max": above,
        "to_min": np.where(below, fixed_min - pay, 0.0)})
    return Placement(frame, int((~usable).sum()))


def structure_cost(structure: Structure, employees: pd.DataFrame) -> float:
    """``payroll(place_people(structure, employees)).structure`` without the table of every person.

    Grades as :func:`place_people` gives them; each person's pay after the
    annual raise, raised to the minimum where below it, plus the grade's target
    bonus × their performance factor, times 12.
    """
    grades = structure.grades.set_index("grade")
    top = int(grades.index.max())
    grade = employees["job_id"].map(structure.jobs.set_index("job_id")["grade"])
    grade = grade.where(grade.notna() & (grade > 0), employees["grade"]).to_numpy(dtype=float)
    base = employees["base_pay"].to_numpy(dtype=float) * (1 + structure.settings.raise_rate)
    usable = ~np.isnan(grade) & ~np.isnan(base)
    factor = performance_factor(employees["rating"], bonus_factors(structure.settings.bonus_factors))[usable] \
        if "rating" in employees else 1.0
    rows = grades.index.get_indexer(np.clip(grade[usable].astype(int), 1, top))
    # A grade missing from the table costs nothing, as the per-person sum skips it.
    minimum = np.where(rows >= 0, grades["fixed_min"].to_numpy(dtype=float)[rows], np.nan)
    bonus = grades["target_bonus"].to_numpy(dtype=float)[rows] * factor
    return float(12 * np.nansum(np.maximum(base[usable], minimum) + bonus))


@dataclass(frozen=True)
class Payroll:
    current: float
    """Annual: 12 × (base pay + target bonus) of today's people, as paid today."""
    structure: float
    """Annual cost of the structure: pay after the annual raise, raised to the new minimum where below it, plus
    each person's performance-linked bonus."""
    approved: float | None
    by_department: pd.DataFrame
    """``department_id, headcount, current, structure, to_min, bonus`` (bonus: annual, performance-linked)."""

    @property
    def gap(self) -> float | None:
        """Structure cost minus the approved total (positive: over budget)."""
        return None if self.approved is None else self.structure - self.approved


def payroll(placement: Placement, approved: float | None = None) -> Payroll:
    """What the structure costs a year (seed 002, step 14), overall and by department.

    A person's bonus is the grade's target bonus × the performance factor of
    their latest KPI rating (:func:`place_people`); their pay is today's after
    the annual raise, raised to the minimum where below it.
    """
    people = placement.people
    current = 12 * (people["base_pay"] + people["bonus_now"]).to_numpy(dtype=float)
    raised = people["raised_pay"] if "raised_pay" in people else people["base_pay"]
    bonus = people["bonus"] if "bonus" in people else people["target_bonus"]
    new = 12 * (np.maximum(raised, people["fixed_min"]) + bonus).to_numpy(dtype=float)
    # Sums by department code, as a group-by with no department as a group of its own, at a fifth of the cost.
    codes, departments = pd.factorize(people["department_id"], sort=True, use_na_sentinel=False)
    n = len(departments)
    by_department = pd.DataFrame({
        "department_id": departments, "headcount": np.bincount(codes, minlength=n),
        "current": np.bincount(codes, current, n), "structure": np.bincount(codes, new, n),
        "to_min": np.bincount(codes, 12 * people["to_min"].to_numpy(dtype=float), n),
        "bonus": np.bincount(codes, 12 * bonus.to_numpy(dtype=float), n)})
    return Payroll(float(current.sum()), float(new.sum()), approved, by_department)


def levers(inputs: Inputs, settings: Settings, approved: float, placed: Placement | None = None,
           base: Payroll | None = None) -> pd.DataFrame:
    """What each lever of seed 002 step 14 would do to the annual cost: ``lever, value, structure, gap``.

    Market position five percentiles lower; the lag policy with no manual
    lead; the annual raise rate halved (``value``: the halved rate);
    bringing people below the minimum up over two years instead of one;
    the headcount cut that would close the gap at today's average cost per
    head.  ``placed`` and ``base`` are the design's own placement and payroll when the caller has them.
    """
    def cost(variant: Settings) -> float:
        return structure_cost(design(inputs, variant), inputs.employees)

    placed = placed or place_people(design(inputs, settings), inputs.employees)
    base = base or payroll(placed, approved)
    rows = [("as_designed", None, base.structure)]
    lower = replace(settings, position_low=max(10.0, settings.position_low - 5),
                    position_high=max(10.0, settings.position_high - 5))
    rows.append(("position_minus_5", None, cost(lower)))
    lag = replace(settings, policy="lag", manual_lead=0.0)
    rows.append(("lag_no_lead", None, base.structure if lag == settings else cost(lag)))
    halved = replace(settings, raise_rate=settings.raise_rate / 2)
    rows.append(("raise_halved", halved.raise_rate, base.structure if halved == settings else cost(halved)))
    rows.append(("to_min_over_two_years", None, base.structure - base.by_department["to_min"].sum() / 2))
    per_head = base.structure / max(len(placed.people), 1)
    over = base.structure - approved
    heads = math.ceil(over / per_head) if over > 0 else 0
    rows.append(("headcount", heads, base.structure - heads * per_head))
    out = pd.DataFrame(rows, columns=["lever", "value", "structure"])
    out["gap"] = out["structure"] - approved
    return out


def budget(placement: Placement, structure: Structure, plan: pd.DataFrame) -> pd.DataFrame:
    """Next year's annual budget by department from a headcount plan, adjusted by current compa-ratio.

    ``plan`` has ``department_id, planned`` (headcount next year).  Each
    department keeps today's mix of grades; a grade's cost per head is
    12 × (fixed mid × the grade's current average compa-ratio × (1 + the annual
    raise rate) + target bonus × the grade's average performance factor)
    (seed 002, step 14: the CR makes the budget realistic).
    """
    people = placement.people
    cr = people.groupby("grade")["compa_ratio"].mean()
    factor = people.groupby("grade")["performance_factor"].mean() if "performance_factor" in people \
        else pd.Series(dtype=float)
    grades = structure.grades.set_index("grade")
    cost_per_head = 12 * (grades["fixed_mid"] * cr.reindex(grades.index).fillna(1.0)
                          * (1 + structure.settings.raise_rate)
                          + grades["target_bonus"] * factor.reindex(grades.index).fillna(1.0))
    # Observed pairs only: a department nobody is in must find no cost of its own (and take the company's).
    mix = people.groupby(["department_id", "grade"], observed=True).size().rename("n").reset_index()
    mix["share"] = mix["n"] / mix.groupby("department_id", observed=True)["n"].transform("sum")
    mix["cost"] = mix["share"] * mix["grade"].map(cost_per_head)
    per_head = mix.groupby("department_id", observed=True)["cost"].sum()
    # A department with no one today is costed at the company's mix of grades.
    company = float((people["grade"].map(cost_per_head)).mean()) if len(people) else math.nan
    current = people.groupby("department_id", observed=True).size()
    out = plan[["department_id", "planned"]].copy()
    # Looked up by plain ids: mapping a categorical column keeps it categorical when each id finds its own cost,
    # and a categorical cannot be multiplied (a manager's departments all have their own cost: a TypeError).
    departments = out["department_id"].astype(object)
    out["current"] = departments.map(current).fillna(0).astype(int)
    out["cost_per_head"] = departments.map(per_head).astype(float).fillna(company)
    out["budget"] = out["planned"] * out["cost_per_head"]
    return out


def bonus_by_rating(placement: Placement, factors: dict) -> pd.DataFrame:
    """The performance-linked bonus by latest KPI rating: ``rating, factor, headcount, target, bonus`` (annual).

    One row per rating of the factor table (in its order) and per other rating
    found, then people without a rating (``rating`` None, factor 1): everyone is counted.
    """
    people = placement.people
    rating = people["rating"].astype(object).where(people["rating"].notna(), None) if "rating" in people \
        else pd.Series([None] * len(people), index=people.index, dtype=object)
    order = list(factors) + sorted({str(r) for r in rating.dropna()} - set(factors))
    rows = []
    for label in order + [None]:
        mask = rating.isna() if label is None else (rating == label)
        rows.append({"rating": label, "factor": 1.0 if label is None else factors.get(label, 1.0),
                     "headcount": int(mask.sum()), "target": 12 * float(people.loc[mask, "target_bonus"].sum()),
                     "bonus": 12 * float(people.loc[mask, "bonus"].sum()) if "bonus" in people
                     else 12 * float(people.loc[mask, "target_bonus"].sum())})
    out = pd.DataFrame(rows)
    out["rating"] = out["rating"].astype(object).where(out["rating"].notna(), None)
    return out


# ---------------------------------------------------------------------------
# Reading the inputs
# ---------------------------------------------------------------------------

def market_outliers(check) -> tuple:
    """The jobs the job evaluation's market check (an ``Evaluation``, or None) flags as outliers."""
    return tuple(check.outliers["job_id"]) if check is not None and check.line is not None else ()


def latest_ratings(store, as_of: date) -> pd.Series:
    """Each employee's latest KPI rating (``employee_id`` → rating) as of ``as_of``: the rating of their latest
    review period (:func:`hrcore.cycles.latest_performance`: the mean total of a staff member's months in the
    latest quarter, a quarter's or a year's card for those appraised so).

    Scored employee cards only (owner_type 'employee', status 'scored'), of
    periods that had started by ``as_of`` (:func:`hrcore.dates.period_start`; a
    period it cannot read is kept and counts as the latest); a review of one
    card keeps the rating the card carries.
    """
    found = latest_performance(store, as_of)
    found = found[found["rating"].notna()]
    return found.set_index("employee_id")["rating"].astype(object)


def load_inputs(store, outliers: tuple | None = None) -> Inputs | None:
    """Jobs, grading, latest market survey and active employees from ``store``; None without market data.

    ``outliers``: :func:`market_outliers` of the market check, when the caller has run it already.
    """
    from hrcore import evaluation

    market = store.query("SELECT * FROM market_data WHERE survey_year = (SELECT max(survey_year) FROM market_data)")
    if market.empty:
        return None
    jobs = store.query("SELECT job_id, title_en, title_zh, is_key, points, grade FROM jobs ORDER BY job_id")
    grading = evaluation.latest_grading(store)
    method = "equal"
    if grading is not None:
        head, bands, graded = grading
        method = str(head["method"])
        jobs = jobs.drop(columns="grade").merge(graded[["job_id", "grade"]], on="job_id", how="left")
        jobs["points"] = jobs["job_id"].map(graded.set_index("job_id")["points"]).fillna(jobs["points"])
    else:
        bands = store.query("SELECT grade, points_min, points_max FROM pay_grades WHERE structure_id = "
                            "(SELECT structure_id FROM pay_structures WHERE status = 'approved' "
                            "ORDER BY approved_at DESC LIMIT 1) AND points_min IS NOT NULL ORDER BY grade")
    # A pay above the ceiling imports refuse (an older import may have let 1e308 in) counts as no pay: one such
    # value would make every payroll total infinite.
    as_of = as_of_date(store)
    employees = store.query(
        "SELECT employee_id, department_id, job_id, grade, CASE WHEN base_pay <= ? THEN base_pay END AS base_pay, "
        "coalesce(CASE WHEN target_bonus <= ? THEN target_bonus END, 0) AS target_bonus "
        f"FROM employees WHERE {employed_on()}", [PAY_CEILING, PAY_CEILING, as_of, as_of])
    # Categories make every per-person lookup by job or department a lookup per category: fast at 100,000 people.
    employees["rating"] = employees["employee_id"].map(latest_ratings(store, as_of)).astype(object)
    employees["job_id"] = pd.Categorical(employees["job_id"], categories=jobs["job_id"].dropna().unique())
    employees["department_id"] = employees["department_id"].astype("category")
    departments = store.query("SELECT department_id, name_en, name_zh, parent_id FROM departments")
    if outliers is None:
        outliers = market_outliers(evaluation.workbench(store))
    return Inputs(jobs, bands, market, employees, departments, as_of, method, outliers)


# ---------------------------------------------------------------------------
# Scenarios: saved designs, their approval and export
# ---------------------------------------------------------------------------

GRADE_COLUMNS = ["grade", "points_min", "points_max", "fixed_min", "fixed_mid", "fixed_max",
                 "total_min", "total_mid", "total_max"]


def scenarios(store) -> pd.DataFrame:
    """Saved structures, newest first: ``structure_id, name, status, params, created_*, approved_*``."""
    return store.query("SELECT * FROM pay_structures ORDER BY coalesce(approved_at, created_at) DESC")


def save_scenario(store, name: str, structure: Structure, user: str, when=None) -> str:
    """Save the design as a draft scenario with its settings and grades; returns its id (``s1``, ``s2``, ...)."""
    from hrcore.evaluation import stamp

    name = str(name).strip()
    if not name:
        raise Refused("pay_scenario_no_name", field="name")
    when = stamp(when)
    grades = structure.grades[GRADE_COLUMNS].copy()
    with store.transaction() as cur:
        taken = {r[0] for r in cur.execute("SELECT structure_id FROM pay_structures").fetchall()}
        if name in {r[0] for r in cur.execute("SELECT name FROM pay_structures").fetchall()}:
            raise Refused("pay_scenario_taken", field="name", name=name)
        number = 1
        while f"s{number}" in taken:
            number += 1
        structure_id = f"s{number}"
        cur.execute("INSERT INTO pay_structures (structure_id, name, status, params, created_at, created_by) "
                    "VALUES (?, ?, 'draft', ?, ?, ?)",
                    [structure_id, name, json.dumps(structure.settings.to_dict()), when, user])
        cur.register("incoming", grades.assign(structure_id=structure_id)[["structure_id", *GRADE_COLUMNS]])
        cur.execute(f"INSERT INTO pay_grades (structure_id, {', '.join(GRADE_COLUMNS)}) "
                    f"SELECT structure_id, {', '.join(GRADE_COLUMNS)} FROM incoming")
        cur.unregister("incoming")
    return structure_id


def approve(store, structure_id: str, user: str, when=None, seen_in_force: str | None = "unchecked") -> None:
    """Mark a scenario approved, with who and when; the latest approved structure is the one in force.

    ``seen_in_force`` is the structure the approver saw in force (None for
    none): if another approval came in since, :class:`ConflictError` says who
    approved what and when, and nothing changes.  The same for a scenario
    somebody else approved meanwhile.
    """
    from hrcore.evaluation import stamp
    if not str(user).strip():
        raise ValueError("user: an approval needs the approver's name")
    with store.transaction() as cur:
        row = cur.execute("SELECT status, approved_by, approved_at FROM pay_structures WHERE structure_id = ?",
                          [structure_id]).fetchall()
        if not row:
            raise ValueError(f"structure_id: no scenario {structure_id!r}")
        if row[0][0] == "approved":
            raise Conflict("pay_approved_already", field="structure_id", structure=structure_id, who=row[0][1],
                           at=f"{row[0][2]:%Y-%m-%d %H:%M}")
        latest = cur.execute("SELECT structure_id, approved_by, approved_at FROM pay_structures "
                             "WHERE status = 'approved' ORDER BY approved_at DESC LIMIT 1").fetchall()
        now_in_force = latest[0][0] if latest else None
        if seen_in_force != "unchecked" and now_in_force != seen_in_force:
            raise Conflict("pay_approved_meanwhile", field="structure_id", structure=now_in_force,
                           who=latest[0][1], at=f"{latest[0][2]:%Y-%m-%d %H:%M}")
        cur.execute("UPDATE pay_structures SET status = 'approved', approved_at = ?, approved_by = ? "
                    "WHERE structure_id = ?", [stamp(when), user, structure_id])


def stored_structure(store, structure_id: str, inputs: Inputs) -> Structure:
    """A saved scenario as a :class:`Structure`, from its stored grades (the record, not a re-design)."""
    head = store.query("SELECT params FROM pay_structures WHERE structure_id = ?", [structure_id])
    if head.empty:
        raise ValueError(f"structure_id: no scenario {structure_id!r}")
    grades = store.query(f"SELECT {', '.join(GRADE_COLUMNS)} FROM pay_grades WHERE structure_id = ? ORDER BY grade",
                         [structure_id])
    try:
        settings = Settings.from_dict(json.loads(head["params"].iloc[0] or "{}"))
    except (TypeError, ValueError):
        settings = Settings()
    mid = grades["fixed_mid"].to_numpy(dtype=float)
    total_mid = grades["total_mid"].fillna(grades["fixed_mid"]).to_numpy(dtype=float)
    table = grades.assign(
        progression=np.append(mid[1:] / mid[:-1] - 1, np.nan),
        spread=(grades["fixed_max"] - grades["fixed_min"]) / grades["fixed_min"],
        target_bonus=total_mid - mid)
    jobs = inputs.jobs[["job_id", "points", "grade"]]
    if table["points_min"].notna().all() and len(table):
        from hrcore.evaluation import slot

        jobs = jobs.assign(grade=np.where(jobs["points"].notna(), slot(jobs["points"].fillna(-1), table),
                                          jobs["grade"]))
    return Structure(settings, table, jobs, 1.0, 0.0, None, [])


def scenario_workbook(name: str, structure: Structure, placement: Placement, cost: Payroll,
                      departments: pd.DataFrame, lang: str = "en", currency: str = "CNY") -> bytes:
    """The scenario as an Excel workbook for the compensation committee: settings, grades, people, cost."""

    return xlsx_bytes(scenario_sheets(name, structure, placement, cost, departments, lang, currency))


def scenario_sheets(name: str, structure: Structure, placement: Placement, cost: Payroll,
                    departments: pd.DataFrame, lang: str = "en", currency: str = "CNY") -> dict[str, pd.DataFrame]:
    """The sheets of :func:`scenario_workbook`, by name; every amount is in ``currency`` (the Summary says so)."""
    zh = lang == "zh"
    settings = pd.DataFrame(list(structure.settings.to_dict().items()), columns=["设置" if zh else "setting",
                                                                                 "值" if zh else "value"])
    settings = pd.concat([pd.DataFrame([["scenario", name]], columns=settings.columns), settings])
    grades = structure.grades[[c for c in ("grade", "points_min", "points_max", "position", "fixed_min", "fixed_mid",
                                           "fixed_max", "progression", "spread", "overlap", "gap", "total_min",
                                           "total_mid", "total_max", "target_bonus", "jobs")
                               if c in structure.grades]].round(4)
    names = departments.set_index("department_id")[["name_en", "name_zh"]]
    by_department = cost.by_department.merge(names, left_on="department_id", right_index=True, how="left")
    people = placement.people.groupby("department_id").agg(
        below_min=("below_min", "sum"), above_max=("above_max", "sum"), average_cr=("compa_ratio", "mean"))
    by_department = by_department.merge(people, left_on="department_id", right_index=True, how="left").round(2)
    summary = pd.DataFrame({
        "measure": ["currency", "current payroll (annual)", "structure cost (annual)", "approved total", "gap",
                    "below minimum", "above maximum", "cost to minimum (annual)",
                    "performance-linked bonus (annual)", "annual raise rate"],
        "value": [currency, cost.current, cost.structure, cost.approved, cost.gap, placement.people["below_min"].sum(),
                  placement.people["above_max"].sum(), 12 * placement.cost_to_min,
                  float(cost.by_department["bonus"].sum()) if "bonus" in cost.by_department else math.nan,
                  structure.settings.raise_rate]})
    return {"Summary": summary, "Settings": settings, "Grades": grades, "Departments": by_department}


def approved_total(store) -> float | None:
    """The approved annual payroll recorded with the latest approved structure, if any."""
    head = store.query("SELECT params FROM pay_structures WHERE status = 'approved' "
                       "ORDER BY approved_at DESC NULLS LAST LIMIT 1")
    try:
        value = json.loads(head["params"].iloc[0] or "{}").get("approved_total") if len(head) else None
    except ValueError:
        value = None
    return float(value) if value else None


@dataclass(frozen=True)
class InForce:
    """The approved structure in force and where today's people stand in it (the overview's tiles)."""

    structure_id: str
    name: str
    placement: Placement
    payroll: Payroll
    structure: Structure | None = None
    """The grades as approved (the record)."""
    market: pd.DataFrame | None = None
    """``grade, market_mid``: today's market at the structure's position, aged, for each grade a design with its
    settings makes (the board pack sets the approved midpoints beside it)."""


def in_force(store, inputs: Inputs | None = None, outliers: tuple | None = None) -> InForce | None:
    """The latest approved structure, today's people placed in it, and its payroll against its approved total.

    ``inputs`` (or, to read them, the market check's ``outliers``) when the caller has them.
    """
    head = store.query("SELECT structure_id, name, params FROM pay_structures WHERE status = 'approved' "
                       "ORDER BY approved_at DESC NULLS LAST LIMIT 1")
    if head.empty:
        return None
    inputs = inputs or load_inputs(store, outliers)
    if inputs is None:
        return None
    structure_id = str(head["structure_id"].iloc[0])
    structure = stored_structure(store, structure_id, inputs)
    placement = place_people(structure, inputs.employees)
    market = design(inputs, structure.settings).grades[["grade", "market_mid"]]
    return InForce(structure_id, str(head["name"].iloc[0]), placement, payroll(placement, approved_total(store)),
                   structure, market)
