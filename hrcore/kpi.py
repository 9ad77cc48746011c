"""KPI scorecards: scoring rules, checks before scoring, totals, ratings and the merit matrix.

DOMAIN.md §4, seed 003.  Every rule works element-wise on arrays, so a whole
period's lines are scored at once.

Conventions
-----------
* Achievement is ``actual / target`` (``target / actual`` when lower is
  better).  A card may instead score rates by percentage points: the
  difference ``actual − target`` in the indicator's own unit (93 % against
  95 % is −2 points).  The card says which (``scoring_mode``).
* A line's weight is a fraction; a card's weights must sum to 1.
* Rating bands are lower bounds, inclusive: with A ≥ 110, a total of exactly
  110 is an A.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from hrcore.errors import Conflict, Refused
from hrcore.i18n import Term

RULES = ("linear", "threshold", "pass_fail", "manual")
MODES = ("ratio", "points")
RATINGS = (("A", 110.0), ("B", 95.0), ("C", 80.0))
"""Lower bounds of the ratings above the last; below C is D (DOMAIN.md §4)."""
LOWEST_RATING = "D"
CYCLES = {"general_manager": "yearly", "vice_president": "half-yearly", "manager": "quarterly",
          "manager_assistant": "quarterly", "staff": "monthly"}
"""Seed 003: general manager (总经理) yearly, vice presidents (副总) half-yearly or quarterly, manager assistants
(经理助理) quarterly, staff (员工) monthly; managers above the assistants (经理以上) plan by quarter or half-year,
quarterly here.  Who has which role: :mod:`hrcore.cycles`."""
CYCLE_CHOICES = ("yearly", "half-yearly", "quarterly", "monthly")
CR_BANDS = (0.9, 1.1)
"""Compa-ratio bands of the merit matrix: below 0.9, 0.9 to 1.1, above 1.1."""
MERIT_MATRIX = pd.DataFrame(
    {"below": [0.08, 0.06, 0.03, 0.0], "within": [0.06, 0.04, 0.02, 0.0], "above": [0.04, 0.025, 0.0, 0.0]},
    index=["A", "B", "C", "D"])
"""Suggested raise by rating and compa-ratio band: more for better ratings and for people low in their range."""


def _out(value, like):
    if isinstance(like, pd.Series):
        return pd.Series(value, index=like.index)
    return value if np.ndim(value) else float(value)


def _check(target, per_point, floor, cap) -> np.ndarray:
    t = np.asarray(target, dtype=float)
    if np.any(t <= 0):
        raise ValueError("target: must be above 0 (achievement divides by it)")
    if np.any(np.asarray(per_point, dtype=float) < 0):
        raise ValueError("per_point: must not be negative")
    if np.any(np.asarray(floor, dtype=float) > np.asarray(cap, dtype=float)):
        raise ValueError("floor: must not be above cap")
    return t


def linear_score(actual, target, per_point=5, floor=0, cap=150, higher_is_better=True):
    """Line score by the linear rule: ``100 + k · (a − 1) · 100`` clipped to ``[floor, cap]``.

    ``a = actual / target`` (``target / actual`` when lower is better); ``k``
    points per percentage point of achievement.  Seed 003: monthly sales
    completion, 5 points per point, at most 150.

    >>> linear_score(1_140, 1_200), linear_score(1_320, 1_200), linear_score(2_000, 1_200)
    (75.0, 150.0, 150.0)
    >>> round(linear_score(0.93, 0.95), 1)
    89.5
    >>> linear_score(40, 50, higher_is_better=False)
    150.0

    Completion above 100 % is what the rule rewards: 110 % of the sales target
    scores 100 + 5 × 10 = 150 (the cap); an over-spent budget, lower is better,
    scores below 100 (105 % of budget: a = 100 / 105, 76.2).  A negative
    actual (a loss against a profit target) scores the floor.

    >>> linear_score(110, 100), round(linear_score(105, 100, higher_is_better=False), 1), linear_score(-50, 200)
    (150.0, 76.2, 0.0)
    """
    t = _check(target, per_point, floor, cap)
    a = np.asarray(actual, dtype=float)
    higher = np.asarray(higher_is_better, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        # Lower is better: nothing spent reaches the cap; a negative actual, like a loss, the floor.
        achievement = np.where(higher, a / t, np.where(a > 0, t / np.where(a > 0, a, 1),
                                                       np.where(a == 0, np.inf, -np.inf)))
    score = np.clip(100 + np.asarray(per_point, dtype=float) * (achievement - 1) * 100, floor, cap)
    return _out(np.round(score, 9), actual)  # 1,140 / 1,200 scores 75, not 74.99999999999997


def points_score(actual, target, per_point=5, floor=0, cap=150, higher_is_better=True):
    """Line score by percentage points: ``100 + k · (actual − target)`` for rates kept in percent.

    >>> points_score(93.0, 95.0)
    90.0
    >>> points_score(3.0, 2.0, higher_is_better=False)
    95.0
    """
    _check(np.ones_like(np.asarray(target, dtype=float)), per_point, floor, cap)
    a, t = np.asarray(actual, dtype=float), np.asarray(target, dtype=float)
    difference = np.where(np.asarray(higher_is_better, dtype=bool), a - t, t - a)
    return _out(np.round(np.clip(100 + np.asarray(per_point, dtype=float) * difference, floor, cap), 9), actual)


def threshold_score(actual, steps, higher_is_better=True):
    """Stepwise score: the score of the highest step the actual reaches (lowest, when lower is better).

    ``steps`` is a list of ``(threshold, score)``; below every step scores 0.

    >>> threshold_score([85, 90, 99], [(90, 80), (95, 100), (98, 120)])
    [0.0, 80.0, 120.0]
    >>> threshold_score(4, [(5, 100), (2, 120)], higher_is_better=False)
    100.0
    """
    table = sorted((float(a), float(b)) for a, b in steps)
    if not table:
        raise ValueError("steps: give at least one (threshold, score) step")
    a = np.atleast_1d(np.asarray(actual, dtype=float))
    edges = np.array([s[0] for s in table])
    scores = np.array([s[1] for s in table])
    if higher_is_better:
        index = np.searchsorted(edges, a, side="right") - 1
        out = np.where(index >= 0, scores[np.clip(index, 0, None)], 0.0)
    else:
        index = np.searchsorted(edges, a, side="left")
        out = np.where(index < len(edges), scores[np.clip(index, None, len(edges) - 1)], 0.0)
    out = np.where(np.isnan(a), np.nan, out)  # a missing actual reaches no step
    if np.ndim(actual) == 0:
        return float(out[0])
    return out.tolist() if isinstance(actual, list) else _out(out, actual)


def steps_text(thresholds) -> str:
    """A stepwise rule's steps as the card shows them: ``threshold: score`` pairs joined by ``;``.

    >>> steps_text("[[0, 120], [1, 100], [3, 60]]")
    '0: 120; 1: 100; 3: 60'
    """
    if thresholds is None or (isinstance(thresholds, float) and math.isnan(thresholds)) or thresholds == "":
        return ""
    try:
        steps = json.loads(thresholds)
        return "; ".join(f"{float(a):g}: {float(b):g}" for a, b in steps)
    except (TypeError, ValueError):
        return str(thresholds)  # shown as stored, so it can be corrected


def parse_steps(text) -> str | None:
    """Steps typed on the card (``0: 120; 1: 100``, full-width ``：`` and ``；`` too) as stored: a JSON list of
    ``[threshold, score]``.  Empty text is no steps (None); text that is not steps is kept as typed, and the check
    before scoring reports it (``bad_thresholds``).

    >>> parse_steps("0: 120; 1: 100; 3: 60")
    '[[0.0, 120.0], [1.0, 100.0], [3.0, 60.0]]'
    """
    if text is None or (isinstance(text, float) and math.isnan(text)) or not str(text).strip():
        return None
    raw = str(text).strip()
    if raw.startswith("["):
        return raw
    try:
        steps = []
        for part in raw.replace("；", ";").replace("：", ":").replace("\n", ";").split(";"):
            if part.strip():
                threshold, score = part.split(":")
                steps.append([float(threshold), float(score)])
        return json.dumps(steps) if steps else None
    except ValueError:
        return raw


def pass_fail_score(actual, target, higher_is_better=True, pass_score=100.0, fail_score=0.0):
    """``pass_score`` when the target is met (reaching it counts), else ``fail_score``.

    >>> pass_fail_score(95, 95), pass_fail_score(94.9, 95)
    (100.0, 0.0)
    """
    a, t = np.asarray(actual, dtype=float), np.asarray(target, dtype=float)
    met = np.where(np.asarray(higher_is_better, dtype=bool), a >= t, a <= t)
    return _out(np.where(met, pass_score, fail_score).astype(float), actual)


def score_lines(lines: pd.DataFrame, higher_is_better: pd.Series, mode: str = "ratio") -> pd.Series:
    """The score of every line of a frame of scorecard lines, each by its own rule.

    ``lines`` has ``indicator_id, target, actual, rule, per_point, floor, cap,
    score, thresholds`` (``score`` is kept for manual lines; ``thresholds`` a
    JSON list of ``[threshold, score]``); ``higher_is_better`` maps indicator
    ids to their direction.  Lines without an actual (or a bad target) score
    NaN: :func:`check_card` reports them.
    """
    if mode not in MODES:
        raise ValueError(f"mode: must be one of {MODES}")
    out = pd.Series(np.nan, index=lines.index, dtype=float)
    higher = lines["indicator_id"].map(higher_is_better).astype(object).fillna(True).astype(bool).to_numpy()
    rule = lines["rule"].fillna("linear").to_numpy()
    actual = pd.to_numeric(lines["actual"], errors="coerce").to_numpy(dtype=float)
    target = pd.to_numeric(lines["target"], errors="coerce").to_numpy(dtype=float)
    k = pd.to_numeric(lines.get("per_point"), errors="coerce").fillna(5.0).to_numpy(dtype=float) \
        if "per_point" in lines else np.full(len(lines), 5.0)
    floor = pd.to_numeric(lines.get("floor"), errors="coerce").fillna(0.0).to_numpy(dtype=float) \
        if "floor" in lines else np.zeros(len(lines))
    cap = pd.to_numeric(lines.get("cap"), errors="coerce").fillna(150.0).to_numpy(dtype=float) \
        if "cap" in lines else np.full(len(lines), 150.0)
    usable = ~np.isnan(actual)
    linear = (rule == "linear") & usable & (target > 0) & (floor <= cap)
    if linear.any():
        scorer = linear_score if mode == "ratio" else points_score
        out[linear] = scorer(actual[linear], target[linear], k[linear], floor[linear], cap[linear], higher[linear])
    passing = (rule == "pass_fail") & usable & ~np.isnan(target)
    if passing.any():
        out[passing] = pass_fail_score(actual[passing], target[passing], higher[passing])
    for i in np.flatnonzero((rule == "threshold") & usable):
        try:
            steps = json.loads(lines["thresholds"].iloc[i]) if "thresholds" in lines else None
            out.iloc[i] = threshold_score(actual[i], steps or [], bool(higher[i]))
        except (TypeError, ValueError):
            pass
    manual = rule == "manual"
    if manual.any() and "score" in lines:
        out[manual] = pd.to_numeric(lines["score"], errors="coerce").to_numpy(dtype=float)[manual]
    return out


def total_score(weights, scores) -> float:
    """Σ weight × line score."""
    return float(np.nansum(np.asarray(weights, dtype=float) * np.asarray(scores, dtype=float)))


def rate(total, bands=RATINGS, lowest: str = LOWEST_RATING):
    """Rating of a total by inclusive lower bounds.

    >>> rate(110), rate(109.99), rate([95, 80, 79.9]).tolist()
    ('A', 'B', ['B', 'C', 'D'])
    """
    values = np.atleast_1d(np.asarray(total, dtype=float))
    out = np.full(values.shape, lowest, dtype=object)
    for label, bound in sorted(bands, key=lambda b: b[1]):
        out[values >= bound] = label
    out[np.isnan(values)] = None
    return out[0] if np.ndim(total) == 0 else out


def rating_counts(totals, bands=RATINGS, lowest: str = LOWEST_RATING) -> pd.Series:
    """How many of ``totals`` get each rating of :func:`rate`, in the order of ``bands`` then ``lowest``.

    Counted by position among the bounds, not by naming a million totals. Missing totals are not counted.

    >>> rating_counts([120, 110, 95, 80, 79.9, None]).to_dict()
    {'A': 2, 'B': 1, 'C': 1, 'D': 1}
    """
    values = np.atleast_1d(np.asarray(totals, dtype=float))
    ascending = sorted(bands, key=lambda b: b[1])
    # The number of lower bounds a total reaches picks its rating, as the last bound reached does in rate().
    reached = np.searchsorted([bound for _, bound in ascending], values[~np.isnan(values)], side="right")
    counts = pd.Series(np.bincount(reached, minlength=len(ascending) + 1),
                       index=[lowest] + [label for label, _ in ascending])
    return counts.reindex([label for label, _ in bands] + [lowest])


# ---------------------------------------------------------------------------
# Checks before scoring
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CardProblem:
    """A reason a card cannot be scored; ``code`` names a message in :mod:`hrcore.i18n` (``kpi.problem.<code>``)."""

    code: str
    indicator_id: str | None = None
    values: dict = field(default_factory=dict)
    blocking: bool = True


def check_card(lines: pd.DataFrame, appraisee: str | None = None, appraiser: str | None = None,
               bounded: pd.Series | None = None) -> list[CardProblem]:
    """Everything that stops a card from being scored (seed 003: check the data before scoring).

    Weights must sum to 100 %; no indicator twice; the appraiser is not the
    appraisee; every line needs an actual; targets of ratio lines above 0;
    pass/fail lines need a target and stepwise lines their steps; manual lines
    need a score.  A completion above 100 % is not out of range, nor a negative
    actual (a loss): only an indicator declared a bounded share (``bounded``
    maps indicator ids to True, see :func:`bounded_shares`) refuses an actual
    above 100 % or below 0 (DOMAIN.md §4).

    >>> lines = pd.DataFrame({"indicator_id": ["a", "b"], "weight": [0.6, 0.3], "target": [10, 5],
    ...                       "actual": [9, None], "rule": "linear"})
    >>> [p.code for p in check_card(lines, "E1", "E1")]
    ['weights_sum', 'self_appraisal', 'missing_actual']
    """
    one = lines.assign(scorecard_id="card")
    head = pd.DataFrame({"scorecard_id": ["card"], "owner_id": [appraisee], "appraiser_id": [appraiser]})
    found = period_problems(one, head, bounded)
    out = []
    for code, indicator, value in zip(found["code"], found["indicator_id"], found["value"]):
        values = {} if value is None or value != value else ({"total": value} if code == "weights_sum"
                                                              else {"value": value})
        out.append(CardProblem(code, indicator, values))
    return out


CHECK_ORDER = ("weights_sum", "negative_weight", "self_appraisal", "duplicate", "no_indicator", "missing_actual",
               "bad_target", "bad_thresholds", "negative_actual", "over_100", "missing_score")


def _steps_ok(text) -> bool:
    try:
        steps = json.loads(text)
        return bool(steps) and all(len(step) == 2 and all(np.isfinite(float(v)) for v in step) for step in steps)
    except (TypeError, ValueError):
        return False


def period_problems(lines: pd.DataFrame, cards: pd.DataFrame, bounded: pd.Series | None = None) -> pd.DataFrame:
    """Every blocking problem of many cards, one row each: ``scorecard_id, code, indicator_id, value``.

    ``cards`` has ``scorecard_id, owner_id, appraiser_id``.  Vectorised for
    whole periods; :func:`check_card` is the same check for one card.
    """
    rows = []
    weight = pd.to_numeric(lines["weight"], errors="coerce").fillna(0)
    sums = weight.groupby(lines["scorecard_id"]).sum()
    rows += [(c, "weights_sum", None, round(float(v), 6)) for c, v in sums[(sums - 1).abs() > 1e-6].items()]
    rows += [(c, "negative_weight", i, None) for c, i in zip(lines.loc[weight < 0, "scorecard_id"],
                                                            lines.loc[weight < 0, "indicator_id"])]
    selfish = cards[cards["appraiser_id"].notna() & (cards["appraiser_id"].astype(str) == cards["owner_id"].astype(str))]
    rows += [(c, "self_appraisal", None, None) for c in selfish["scorecard_id"]]
    twice = lines[lines["indicator_id"].notna() & lines.duplicated(["scorecard_id", "indicator_id"])]
    rows += [(c, "duplicate", i, None) for c, i in twice[["scorecard_id", "indicator_id"]].drop_duplicates()
             .itertuples(index=False)]
    rows += [(c, "no_indicator", None, None) for c in lines.loc[lines["indicator_id"].isna(), "scorecard_id"].unique()]
    actual = pd.to_numeric(lines["actual"], errors="coerce")
    target = pd.to_numeric(lines["target"], errors="coerce")
    rule = lines["rule"].fillna("linear")

    def add(mask, code, values=None):
        part = lines[mask]
        vals = values[mask] if values is not None else [None] * len(part)
        rows.extend((c, code, i, v) for c, i, v in zip(part["scorecard_id"], part["indicator_id"], vals))

    add((rule != "manual") & actual.isna(), "missing_actual")
    add(((rule == "linear") & ~(target > 0)) | ((rule == "pass_fail") & target.isna()), "bad_target")
    if (rule == "threshold").any():
        steps = lines["thresholds"] if "thresholds" in lines else pd.Series(None, index=lines.index)
        add((rule == "threshold") & ~steps.map(_steps_ok).astype(bool), "bad_thresholds")
    if bounded is not None:
        share = lines["indicator_id"].map(bounded).astype("boolean").fillna(False).astype(bool)
        add(share & (actual < 0), "negative_actual", actual)
        add(share & (actual > 100), "over_100", actual)
    if "score" in lines:
        add((rule == "manual") & pd.to_numeric(lines["score"], errors="coerce").isna(), "missing_score")
    out = pd.DataFrame(rows, columns=["scorecard_id", "code", "indicator_id", "value"])
    rank = out["code"].map({code: n for n, code in enumerate(CHECK_ORDER)})
    return out.iloc[np.argsort(rank.to_numpy(), kind="stable")].reset_index(drop=True)


PEER_COLUMNS = ["period", "job_family", "level", "leads", "jobs", "sets", "cards"]
"""What the consistency warning reports of a group of peers: the family and level compared, whether they lead a
unit, the jobs involved (ids, comma-separated), how many different indicator sets and how many cards."""


def inconsistent_levels(cards: pd.DataFrame, lines: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """Peers whose cards use different indicator sets in one period (seed 003: 同级岗位上必须保持一致性, positions
    of one level keep the same indicators).

    Peers are the people of one level in one job family (:func:`peer_positions` says who is compared with whom):
    ``positions`` has ``owner_id, job_id`` and, per person, ``job_family``, ``level`` and ``leads``.  Someone whose
    family or level is unknown (or a frame without those columns) is compared with the people of their own job
    only.  Returns :data:`PEER_COLUMNS`, one row per group of peers holding more than one set.

    >>> cards = pd.DataFrame({"scorecard_id": ["a", "b", "c"], "owner_type": "employee", "owner_id": ["E1", "E2", "E3"],
    ...                       "period": "2026Q3"})
    >>> lines = pd.DataFrame({"scorecard_id": ["a", "a", "b", "b", "c", "c"], "indicator_id": list("xyxzxy")})
    >>> positions = pd.DataFrame({"owner_id": ["E1", "E2", "E3"], "job_id": ["SA-AM", "SA-ECO", "SA-AM"],
    ...                           "job_family": "sales", "level": [5, 5, 5], "leads": False})
    >>> inconsistent_levels(cards, lines, positions).to_dict("records")
    [{'period': '2026Q3', 'job_family': 'sales', 'level': 5, 'leads': False, 'jobs': 'SA-AM, SA-ECO', 'sets': 2, 'cards': 3}]
    """
    # A card's set of indicators as a sum of random 64-bit codes, one per indicator: equal sets give equal
    # sums, different sets collide with odds of about 2^-64, and the sum is vectorised (100,000 cards at once).
    indicators = pd.Index(lines["indicator_id"].dropna().unique())
    codes = np.random.default_rng(0).integers(1, 2**63 - 1, len(indicators), dtype=np.int64).astype(np.uint64)
    code = pd.Series(codes[indicators.get_indexer(lines["indicator_id"])], index=lines.index)
    sets = code.groupby(lines["scorecard_id"]).sum().rename("set")
    people = cards[cards["owner_type"] == "employee"].merge(sets, left_on="scorecard_id", right_index=True)
    peers = positions.reindex(columns=["owner_id", "job_id", "job_family", "level", "leads"])
    peers = peers[peers["job_id"].notna()]
    peers["leads"] = peers["leads"].astype("boolean").fillna(False).astype(bool)
    known = peers["job_family"].notna() & peers["level"].notna()
    # Without a family and a level, the job itself is the group (a job is one level by definition).
    peers["alone"] = peers["job_id"].where(~known, "")
    peers.loc[~known, ["job_family", "level"]] = None
    people = people.merge(peers, on="owner_id", how="inner")
    key = ["period", "job_family", "level", "leads", "alone"]
    grouped = people.groupby(key, dropna=False).agg(
        jobs=("job_id", lambda jobs: ", ".join(sorted(set(jobs)))), sets=("set", "nunique"),
        cards=("scorecard_id", "count")).reset_index()
    found = grouped[grouped["sets"] > 1].copy()
    found["level"] = found["level"].astype(object).where(found["level"].notna(), None)
    found["level"] = [None if v is None else int(v) for v in found["level"]]
    found["job_family"] = found["job_family"].astype(object).where(found["job_family"].notna(), None)
    found = found.sort_values(["period", "job_family", "level", "leads", "jobs"], na_position="last")
    return found[PEER_COLUMNS].reset_index(drop=True)


PEERS_SQL = (
    # The family of the unit a manager leads: the commonest job family of the people (managers aside) of the
    # department they head (else their own) and every department below it.
    "WITH RECURSIVE below(ancestor, department_id) AS ("
    "SELECT department_id, department_id FROM departments UNION "
    "SELECT b.ancestor, d.department_id FROM departments d JOIN below b ON d.parent_id = b.department_id), "
    "staff AS (SELECT e.department_id, j.job_family, count(*) AS n FROM employees e JOIN jobs j USING (job_id) "
    "WHERE NOT coalesce(j.is_manager, false) AND j.job_family IS NOT NULL GROUP BY ALL), "
    "led AS (SELECT ancestor AS department_id, job_family FROM (SELECT b.ancestor, s.job_family, "
    "row_number() OVER (PARTITION BY b.ancestor ORDER BY sum(s.n) DESC, s.job_family) AS r "
    "FROM below b JOIN staff s USING (department_id) GROUP BY b.ancestor, s.job_family) WHERE r = 1), "
    "heads AS (SELECT head_id, min(department_id) AS department_id FROM departments WHERE head_id IS NOT NULL "
    "GROUP BY head_id), "
    "peers AS (SELECT e.employee_id AS owner_id, e.job_id, coalesce(j.is_manager, false) AS leads, "
    "CASE WHEN coalesce(j.is_manager, false) THEN coalesce(l.job_family, j.job_family) ELSE j.job_family END "
    "AS job_family, coalesce(j.grade, e.grade) AS level "
    "FROM employees e LEFT JOIN jobs j USING (job_id) LEFT JOIN heads h ON h.head_id = e.employee_id "
    "LEFT JOIN led l ON l.department_id = coalesce(h.department_id, e.department_id) "
    "WHERE e.job_id IS NOT NULL) ")


def peer_positions(store) -> pd.DataFrame:
    """Who is compared with whom for consistent indicators: per employee ``owner_id, job_id, job_family, level,
    leads``.

    * The level is the job's grade from job evaluation (positions of one level, 同级岗位), else the person's
      grade where the job has none.
    * People who lead (a manager job) are compared with leaders only, by the family of the unit they lead: the
      commonest job family of the people of the department they head (else their own department) and the
      departments below it.  A director in the management family who leads a sales unit carries sales
      indicators, as a sales team leader does; staff of that grade do not.
    * A job without a family or a level is compared within itself (:func:`inconsistent_levels`).
    """
    return store.query(PEERS_SQL + "SELECT * FROM peers ORDER BY owner_id")


def inconsistent_jobs(store, period: str | None) -> pd.DataFrame:
    """:func:`inconsistent_levels` for one period of the store (None: every period), all in DuckDB:
    :data:`PEER_COLUMNS`.

    Peers as :func:`peer_positions` gives them.  Each person's card becomes a fingerprint of its indicator set
    (the XOR of the indicators' 64-bit hashes: a card holds an indicator once, so equal sets give equal
    fingerprints and different sets collide with odds of about 2^-64); a group of peers is flagged when their
    fingerprints differ.  Only the flagged groups leave the database (100,000 cards a period at scale).
    """
    return store.query(
        PEERS_SQL + ", card_sets AS (SELECT c.period, c.owner_id, bit_xor(hash(l.indicator_id)) "
        "AS indicators FROM scorecards c JOIN scorecard_lines l USING (scorecard_id) "
        "WHERE (?::VARCHAR IS NULL OR c.period = ?) AND c.owner_type = 'employee' "
        "GROUP BY c.scorecard_id, c.period, c.owner_id), "
        # Cards first counted by job and set (a few thousand rows from a million cards), then by group of peers.
        "by_set AS (SELECT s.period, p.job_id, p.leads, (p.job_family IS NULL OR p.level IS NULL) AS alone, "
        "p.job_family, p.level, s.indicators, count(*) AS n FROM card_sets s JOIN peers p USING (owner_id) "
        "GROUP BY ALL) "
        "SELECT period, CASE WHEN alone THEN NULL ELSE job_family END AS job_family, "
        "CASE WHEN alone THEN NULL ELSE level END AS level, leads, "
        "string_agg(DISTINCT job_id, ', ' ORDER BY job_id) AS jobs, count(DISTINCT indicators) AS sets, "
        "sum(n)::BIGINT AS cards FROM by_set "
        "GROUP BY period, alone, CASE WHEN alone THEN NULL ELSE job_family END, "
        "CASE WHEN alone THEN NULL ELSE level END, leads, CASE WHEN alone THEN job_id END "
        "HAVING count(DISTINCT indicators) > 1 "
        "ORDER BY period, job_family NULLS LAST, level NULLS LAST, leads, jobs",
        [period, period])


# ---------------------------------------------------------------------------
# SMART prompts for a new indicator
# ---------------------------------------------------------------------------

PERIOD_WORDS = re.compile(r"\b(day|daily|week|weekly|month|monthly|quarter|quarterly|half-year|year|yearly|annual|"
                          r"annually|period|deadline|due date)s?\b|\d{4}-\d{2}|日|天|周|月|季度|半年|年度|期间|期内|期末|截止")
"""How a name, definition or formula says when or over which period an indicator is measured (a date or a period)."""


def smart_prompts(indicator: dict) -> list[str]:
    """Which of the SMART principles (seed 003) an indicator's description does not yet show.

    Returns codes: ``specific`` (a definition of a few words), ``measurable``
    (a formula, a data source and a direction), ``attainable`` (可实现: an
    owner is named, who must reach the target with the resources given),
    ``relevant`` (a perspective or a goal it supports), ``time_bound`` (有时限:
    the name, definition or formula says by which date or over which period:
    a month, a quarter, a year, the period).

    >>> smart_prompts({"name_en": "Monthly sales", "definition": "Net sales booked in the month", "formula": "sum",
    ...                "data_source": "ERP", "higher_is_better": True, "perspective": "financial",
    ...                "category": "KPI", "owner": "sales"})
    []
    >>> smart_prompts({"name_en": "Sales", "definition": "Net sales booked", "formula": "sum", "data_source": "ERP",
    ...                "higher_is_better": True, "perspective": "financial"})
    ['attainable', 'time_bound']
    """
    def filled(key):
        value = indicator.get(key)
        return value is not None and not (isinstance(value, float) and math.isnan(value)) and str(value).strip() != ""

    out = []
    if not filled("definition") or len(str(indicator.get("definition")).split()) < 3 and \
            len(str(indicator.get("definition"))) < 8:
        out.append("specific")
    if not (filled("formula") and filled("data_source") and filled("higher_is_better")):
        out.append("measurable")
    if not filled("owner"):
        out.append("attainable")
    if not (filled("perspective") or filled("supports")):
        out.append("relevant")
    text = " ".join(str(indicator.get(key)) for key in ("name_en", "name_zh", "definition", "formula")
                    if filled(key)).lower()
    if not PERIOD_WORDS.search(text):
        out.append("time_bound")
    return out


# ---------------------------------------------------------------------------
# Use of results: the merit matrix
# ---------------------------------------------------------------------------

def cr_band(compa_ratio, bands=CR_BANDS):
    """``below``, ``within`` or ``above`` the compa-ratio band; the band's edges are ``within``.

    >>> cr_band([0.85, 0.9, 1.1, 1.2]).tolist()
    ['below', 'within', 'within', 'above']
    """
    cr = np.atleast_1d(np.asarray(compa_ratio, dtype=float))
    out = np.where(cr < bands[0], "below", np.where(cr > bands[1], "above", "within")).astype(object)
    out[np.isnan(cr)] = None
    return out


def merit_raises(people: pd.DataFrame, matrix: pd.DataFrame = MERIT_MATRIX) -> pd.DataFrame:
    """Suggested raise per person from the matrix of rating × compa-ratio band, and its cost.

    ``people`` has ``employee_id, rating, base_pay, compa_ratio``; adds
    ``band, raise_pct, raise_monthly, raise_annual`` (annual = 12 × monthly).

    >>> p = pd.DataFrame({"employee_id": ["a", "b"], "rating": ["A", "C"], "base_pay": [10_000, 8_000],
    ...                   "compa_ratio": [0.85, 1.0]})
    >>> merit_raises(p)[["raise_pct", "raise_annual"]].values.tolist()
    [[0.08, 9600.0], [0.02, 1920.0]]
    """
    out = people.copy()
    # Codes and positions, not names and a (rating, band) index of everyone: a million people at scale.
    cr = out["compa_ratio"].to_numpy(dtype=float)
    code = np.where(cr < CR_BANDS[0], 0, np.where(cr > CR_BANDS[1], 2, 1))
    code[np.isnan(cr)] = -1
    out["band"] = pd.Categorical.from_codes(code, categories=["below", "within", "above"])
    row = matrix.index.get_indexer(out["rating"])
    column = np.append(matrix.columns.get_indexer(["below", "within", "above"]), -1)[code]
    found = (row >= 0) & (column >= 0)
    out["raise_pct"] = np.where(found, matrix.to_numpy(dtype=float)[row, column], np.nan)
    out["raise_monthly"] = (out["base_pay"] * out["raise_pct"]).round(2)
    out["raise_annual"] = 12 * out["raise_monthly"]
    return out


# ---------------------------------------------------------------------------
# The seed's indicators, shipped with the product
# ---------------------------------------------------------------------------

SEED_INDICATORS = (
    # indicator_id, name_en, name_zh, definition, formula, kind, dimension, perspective, category, data_source,
    # higher_is_better, unit, owner, supports
    ("monthly_sales_completion", "Monthly sales target completion", "月度销售额目标完成率",
     "Actual sales as a share of the month's sales target. / 实际销售额占月度目标销售额的比例。",
     "actual sales / target sales x 100%", "numeric", "quantity", "financial", "KPI", "Finance / 财务部", True, "%",
     "sales", "sales_revenue"),
    ("monthly_profit_completion", "Monthly profit target completion", "月度利润目标完成率",
     "Actual profit as a share of the month's profit target. / 实际利润额占月度目标利润额的比例。",
     "actual profit / target profit x 100%", "numeric", "quantity", "financial", "KPI", "Finance / 财务部", True, "%",
     "finance", "gross_margin"),
    ("core_turnover", "Core-employee turnover", "核心员工流失率",
     "Core employees who left in the period as a share of the average number of core employees. / 期间内流失的核心员工占核心员工平均人数的比例。",
     "core leavers / average core headcount x 100%", "numeric", "quality", "customer", "KPI", "HR system / 人力资源系统",
     False, "%", "hr", "team_attrition"),
    ("profit_per_head", "Profit per head", "人均利润率",
     "Profit of the period divided by the average headcount. / 期间利润除以平均在职人数。",
     "profit / average headcount", "numeric", "quantity", "financial", "KPI", "Finance / 财务部", True, "CNY k",
     "hr", "gross_margin"),
    ("career_plan_completion", "Core-employee career-plan completion", "核心员工职业生涯规划完成率",
     "Core employees with a career plan agreed or updated in the year. / 年度内已制定或更新职业生涯规划的核心员工比例。",
     "core employees with a plan / core employees x 100%", "project", "time", "learning_growth", "KPI",
     "HR system / 人力资源系统", True, "%", "hr", "team_attrition"),
    ("training_hours_completed", "Training hours delivered against plan", "培训课时完成数",
     "Training hours delivered in the period as a share of the period's plan. / 期间内实际完成的培训课时占计划课时的比例。",
     "hours delivered / hours planned x 100%", "numeric", "quantity", "learning_growth", "KPI",
     "Learning platform / 培训平台", True, "%", "hr", None),
    ("employee_satisfaction", "Employee satisfaction score", "员工满意度分值",
     "Average score of the year's employee survey, 0-100. / 年度员工满意度调查平均分（0-100）。", "mean survey score",
     "numeric", "quality", "customer", "KPI", "Employee survey / 员工调查", True, "points", "hr", "team_attrition"),
    ("key_hire_probation", "Key-hire probation pass rate", "重要岗位招聘试用通过率",
     "Key-position hires whose probation ended in the period who passed it. / 期间内试用期届满的重要岗位新员工中通过试用的比例。",
     "passed probation / key hires ending probation x 100%", "numeric", "quality", "internal_process", "KPI",
     "HR system / 人力资源系统", True, "%", "hr", None),
)
LIBRARY_COLUMNS = ["indicator_id", "name_en", "name_zh", "definition", "formula", "kind", "dimension", "perspective",
                   "category", "data_source", "higher_is_better", "unit", "owner", "supports", "bounded_share"]
SEED_BOUNDED = frozenset({"career_plan_completion", "key_hire_probation"})
"""The seed's indicators that are bounded shares: a share of core employees or of key hires cannot exceed 100 %.
Completion of a sales, profit or training plan can, and the linear rule rewards it."""


def seed_library() -> pd.DataFrame:
    """The seed's example indicators (monthly sales and profit completion, the HR department's six), ready to import.

    >>> row = seed_library().set_index("indicator_id").loc["core_turnover"]
    >>> row["name_zh"], bool(row["higher_is_better"])
    ('核心员工流失率', False)
    """
    frame = pd.DataFrame(list(SEED_INDICATORS), columns=LIBRARY_COLUMNS[:-1])
    frame["bounded_share"] = frame["indicator_id"].isin(SEED_BOUNDED)
    return frame


# ---------------------------------------------------------------------------
# Settings, cards and actuals in the database
# ---------------------------------------------------------------------------

SETTINGS_KEY = "kpi_settings"
LINE_COLUMNS = ["indicator_id", "weight", "target", "actual", "rule", "per_point", "floor", "cap", "score",
                "thresholds"]


def default_settings() -> dict:
    return {"cycles": dict(CYCLES), "roles": {}, "ratings": [[label, bound] for label, bound in RATINGS],
            "merit": MERIT_MATRIX.to_dict()}


def load_settings(store) -> dict:
    """Cycles by role (``roles``: job id → role, where a job's role is not the rule's, :mod:`hrcore.cycles`),
    rating bands and the merit matrix; the seed's defaults where none are saved."""
    settings = store.settings(SETTINGS_KEY, default_settings())
    return {**settings, "cycles": {**CYCLES, **(settings.get("cycles") or {})}}


def save_settings(store, settings: dict) -> None:
    bounds = [float(b) for _, b in settings["ratings"]]
    if bounds != sorted(bounds, reverse=True) or len(set(bounds)) != len(bounds):
        raise ValueError("ratings: the bands' lower bounds must fall from the best rating to the worst")
    unknown = set(settings["cycles"].values()) - set(CYCLE_CHOICES)
    if unknown:
        raise ValueError(f"cycles: unknown cycle(s) {sorted(unknown)}")
    roles = set((settings.get("roles") or {}).values()) | set(settings["cycles"])
    if roles - set(CYCLES):
        raise ValueError(f"roles: unknown role(s) {sorted(roles - set(CYCLES))}; one of {', '.join(CYCLES)}")
    store.save_settings(SETTINGS_KEY, settings)


def directions(store) -> pd.Series:
    frame = store.query("SELECT indicator_id, coalesce(higher_is_better, true) AS up FROM kpi_indicators")
    return frame.set_index("indicator_id")["up"].astype(bool)


def units(store) -> pd.Series:
    return store.query("SELECT indicator_id, unit FROM kpi_indicators").set_index("indicator_id")["unit"]


def bounded_shares(store) -> pd.Series:
    """Per indicator, whether it is a bounded share (a coverage or pass rate that cannot exceed 100 %)."""
    frame = store.query("SELECT indicator_id, coalesce(bounded_share, false) AS bounded FROM kpi_indicators")
    return frame.set_index("indicator_id")["bounded"].astype(bool)


def card(store, scorecard_id: str) -> tuple[pd.Series, pd.DataFrame]:
    head = store.query("SELECT * FROM scorecards WHERE scorecard_id = ?", [scorecard_id])
    if head.empty:
        raise Refused("card_unknown", field="scorecard_id", card=scorecard_id)
    lines = store.query(f"SELECT {', '.join(LINE_COLUMNS)} FROM scorecard_lines WHERE scorecard_id = ? "
                        "ORDER BY weight DESC, indicator_id", [scorecard_id])
    return head.iloc[0], lines


def form_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """A card's lines as its form shows them: weights in per cent, a score only on lines scored by hand (the rules
    fill in the others), the stepwise rule's steps as text (``0: 120; 1: 100``).

    >>> form_lines(pd.DataFrame({"weight": [0.6, 0.4], "rule": ["linear", "manual"], "score": [104.0, 90.0],
    ...                          "thresholds": [None, None]}))[["weight", "score"]].values.tolist()
    [[60.0, nan], [40.0, 90.0]]
    """
    shown = lines.copy()
    shown["weight"] = (shown["weight"] * 100).round(4)
    shown["score"] = shown["score"].where(shown["rule"] == "manual")
    shown["steps"] = shown["thresholds"].map(steps_text)
    return shown


def entered_lines(form: pd.DataFrame) -> pd.DataFrame:
    """The lines typed into a card's form (:func:`form_lines`) as stored: weights as fractions, steps parsed, a
    line without a rule scored by the linear rule.

    >>> entered_lines(pd.DataFrame({"weight": [60, "40"], "rule": ["linear", None], "steps": ["", "0: 120"]})
    ...               )[["weight", "rule", "thresholds"]].values.tolist()
    [[0.6, 'linear', nan], [0.4, 'linear', '[[0.0, 120.0]]']]
    """
    working = form.reset_index(drop=True).copy()
    working["thresholds"] = working.pop("steps").map(parse_steps)
    working["weight"] = pd.to_numeric(working["weight"], errors="coerce") / 100
    working["rule"] = working["rule"].fillna("linear")
    return working


@dataclass(frozen=True)
class Scored:
    lines: pd.DataFrame
    """The lines with ``score`` filled by their rules."""
    total: float
    rating: str | None
    problems: list
    imported: bool = False
    """The total and rating are those the card was imported with (it has no lines to score)."""


def evaluate_card(lines: pd.DataFrame, higher: pd.Series, mode: str = "ratio", appraisee: str | None = None,
                  appraiser: str | None = None, bounded: pd.Series | None = None, bands=RATINGS) -> Scored:
    """Score a card's lines, total and rate it, and list what blocks scoring (one call for the page)."""
    scored = lines.copy()
    scored["score"] = score_lines(scored, higher, mode)
    problems = check_card(scored, appraisee, appraiser, bounded)
    total = total_score(scored["weight"], scored["score"])
    blocked = any(p.blocking for p in problems)
    return Scored(scored, total, None if blocked else rate(total, bands), problems)


def shown_result(head: pd.Series, lines: pd.DataFrame, higher: pd.Series, bounded: pd.Series | None = None,
                 bands=RATINGS) -> Scored:
    """What a card shows: its lines scored by their rules (:func:`evaluate_card`); a card without lines shows the
    total and rating it was imported with (``imported``), or none (an empty card is not a 0 and a D).

    >>> head = pd.Series({"owner_id": "E1", "appraiser_id": None, "scoring_mode": "ratio", "total_score": 104.5,
    ...                   "rating": "B"})
    >>> result = shown_result(head, pd.DataFrame(columns=LINE_COLUMNS), pd.Series(dtype=bool))
    >>> result.total, result.rating, result.imported
    (104.5, 'B', True)
    """
    if len(lines):
        return evaluate_card(lines, higher, str(head.get("scoring_mode") or "ratio"), head.get("owner_id"),
                             head.get("appraiser_id"), bounded, bands)
    total, rating = head.get("total_score"), head.get("rating")
    total = None if total is None or pd.isna(total) else float(total)
    rating = None if rating is None or pd.isna(rating) else str(rating)
    return Scored(lines.assign(score=pd.Series(dtype=float)), float("nan") if total is None else total, rating, [],
                  imported=total is not None or rating is not None)


def _check_revision(cur, scorecard_id: str, seen_revision: int | None) -> None:
    """ConflictError when the card was saved since the writer read it at ``seen_revision`` (None: not checked)."""
    if seen_revision is None:
        return
    revision, who, when = cur.execute("SELECT coalesce(revision, 0), updated_by, updated_at FROM scorecards "
                                      "WHERE scorecard_id = ?", [scorecard_id]).fetchall()[0]
    if revision != seen_revision:
        if who and when is not None:
            raise Conflict("card_saved_meanwhile", field="scorecard_id", card=scorecard_id, who=who,
                           at=f"{when:%Y-%m-%d %H:%M}")
        raise Conflict("card_saved_by_someone", field="scorecard_id", card=scorecard_id)


def save_card(store, scorecard_id: str, lines: pd.DataFrame, user: str, score: bool = False,
              feedback: str | None = None, improvement_plan: str | None = None, bands=RATINGS,
              seen_revision: int | None = None) -> Scored:
    """Write a card's lines (all or nothing); with ``score=True`` also its scores, total and rating.

    Refuses (ValueError) a card whose weights do not sum to 100 %, whose
    appraiser is the appraisee or which repeats an indicator; scoring is
    refused while any blocking problem is left (missing actuals included).
    With ``seen_revision`` (the card's ``revision`` when the writer read it) a
    card saved by somebody else since raises ConflictError and keeps theirs.
    """
    from hrcore.evaluation import stamp

    head, _ = card(store, scorecard_id)
    result = evaluate_card(lines, directions(store), str(head["scoring_mode"] or "ratio"), head["owner_id"],
                           head["appraiser_id"], bounded_shares(store), bands)
    always = {"weights_sum", "self_appraisal", "duplicate", "no_indicator", "negative_weight"}
    refusing = [p for p in result.problems if p.code in always or (score and p.blocking)]
    if refusing:
        raise Refused("card_problems", problems=[Term("kpi.problem_short", code)
                                                 for code in dict.fromkeys(p.code for p in refusing)])
    frame = result.lines.assign(scorecard_id=scorecard_id)
    if not score:
        frame["score"] = np.where(frame["rule"] == "manual", frame["score"], np.nan)
    frame = frame[["scorecard_id", *LINE_COLUMNS]]
    with store.transaction() as cur:
        _check_revision(cur, scorecard_id, seen_revision)
        cur.execute("DELETE FROM scorecard_lines WHERE scorecard_id = ?", [scorecard_id])
        cur.register("incoming", frame)
        cur.execute(f"INSERT INTO scorecard_lines (scorecard_id, {', '.join(LINE_COLUMNS)}) "
                    f"SELECT scorecard_id, {', '.join(LINE_COLUMNS)} FROM incoming")
        cur.unregister("incoming")
        cur.execute("UPDATE scorecards SET status = ?, total_score = ?, rating = ?, feedback = coalesce(?, feedback), "
                    "improvement_plan = coalesce(?, improvement_plan), updated_at = ?, updated_by = ?, "
                    "revision = coalesce(revision, 0) + 1 WHERE scorecard_id = ?",
                    ["scored" if score else "draft", result.total if score else None,
                     result.rating if score else None, feedback, improvement_plan, stamp(), user, scorecard_id])
    return result


def new_card(store, owner_type: str, owner_id: str, period: str, appraiser_id: str | None, user: str,
             copy_from: str | None = None, mode: str = "ratio") -> str:
    """Open a draft card for an owner and period, its lines copied (targets kept, actuals empty) from another card.

    The period must fit the owner's appraisal cycle (seed 003, :mod:`hrcore.cycles`): a month for staff, a
    quarter for managers and manager assistants, a half-year for vice presidents, a year for the general
    manager, as the KPI settings set them.
    """
    from hrcore import cycles
    from hrcore.evaluation import stamp

    if owner_type not in ("employee", "position", "department"):
        raise ValueError("owner_type: employee, position or department")
    if appraiser_id and str(appraiser_id) == str(owner_id):
        raise Refused("card_self_appraisal", field="appraiser_id")
    period = str(period).strip()
    role, cycle = cycles.owner_cycle(store, owner_type, owner_id)
    if not cycles.fits([period], [cycle])[0]:
        example = cycles.period_name(cycle, 2026, 3 if cycle != "half-yearly" else 2)
        raise Refused("card_off_cycle", field="period", period=period, cycle=Term("kpi.cycle", cycle),
                      owner_type=Term("kpi.owner", owner_type), owner=owner_id, role=Term("kpi.role", role),
                      example=example)
    scorecard_id = f"{period}-{owner_id}"
    with store.transaction() as cur:
        if cur.execute("SELECT 1 FROM scorecards WHERE scorecard_id = ?", [scorecard_id]).fetchall():
            raise Refused("card_exists", field="owner_id", owner=owner_id, period=period)
        cur.execute("INSERT INTO scorecards (scorecard_id, owner_type, owner_id, period, appraiser_id, scoring_mode, "
                    "status, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?)",
                    [scorecard_id, owner_type, owner_id, period, appraiser_id, mode, stamp(), user])
        if copy_from:
            if not cur.execute("SELECT 1 FROM scorecards WHERE scorecard_id = ?", [copy_from]).fetchall():
                raise Refused("card_copy_unknown", field="copy_from", card=copy_from)
            cur.execute(f"INSERT INTO scorecard_lines (scorecard_id, {', '.join(LINE_COLUMNS)}) "
                        f"SELECT ?, indicator_id, weight, target, NULL, rule, per_point, floor, cap, NULL, thresholds "
                        f"FROM scorecard_lines WHERE scorecard_id = ?", [scorecard_id, copy_from])
    return scorecard_id


ACTUALS_COLUMNS = ("scorecard_id", "indicator_id", "actual")
"""What an import of actuals writes: the line's key and its actual, nothing else of the line."""


def actuals_mapping(columns: list[str], mapping: dict | None = None) -> dict:
    """The mapping an import of actuals uses: ``mapping`` (as the Data page saves one for ``scorecard_lines``) or
    one suggested from the headings, kept to the line's key and its actual (a target in the file is not read).

    >>> actuals_mapping(["考核表", "指标", "目标值", "完成值"])
    {'columns': {'scorecard_id': '考核表', 'indicator_id': '指标', 'actual': '完成值'}}
    """
    from hrcore.imports import suggest_mapping

    base = mapping if mapping is not None else {"columns": suggest_mapping(columns, "scorecard_lines")}
    kept = {target: source for target, source in (base.get("columns") or {}).items() if target in ACTUALS_COLUMNS}
    return {**base, "columns": kept}


def plan_actuals(store, raw: pd.DataFrame, mapping: dict | None = None):
    """An import of actuals onto lines already on cards (:func:`hrcore.imports.plan_import`, update only): the
    file's lines must exist, their cards must not be scored, actuals are numbers (0 to 100 for a bounded share),
    and no line twice.
    Writes nothing; :func:`hrcore.imports.commit_rows` writes the plan."""
    from hrcore.imports import plan_import, problem_frame

    mapping = actuals_mapping(list(raw.columns), mapping)
    plan = plan_import(store, "scorecard_lines", raw, mapping, update_only=True)
    if "actual" not in mapping["columns"]:  # a file of keys alone would change nothing: say what is missing
        missing = problem_frame([1], "actual", [""], "required_not_mapped", {})
        plan.problems = pd.concat([missing, plan.problems], ignore_index=True) if len(plan.problems) else missing
        plan.counts = None
    return plan


def import_actuals(store, frame: pd.DataFrame, mapping: dict | None = None) -> tuple[int, pd.DataFrame]:
    """Write actuals from a file's cells (:func:`plan_actuals`): all rows or none.

    Returns ``(lines written, problems)``; problems name the row (header = 1),
    the column, the value and the reason, and while there are any nothing is
    written.  Scored cards are not changed: their actuals are part of a result.
    """
    from hrcore.imports import commit_rows

    plan = plan_actuals(store, frame, mapping)
    if not plan.ok or not len(plan.rows):
        return 0, plan.problems
    commit_rows(store, "scorecard_lines", plan.rows)
    return len(plan.rows), plan.problems


def import_checks(store, table: str, rows: pd.DataFrame, mapped: pd.DataFrame, update_only: bool = False
                  ) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, dict]]]:
    """The KPI rules every import of cards or lines passes, on the Data page, the KPI page and the command line.

    Cards (``scorecards``): a rating is one of the configured bands (:func:`load_settings`; the case aside,
    other words are translated in the mapping: 优秀 → A) or the row is refused; a card given a total and no
    status is stored as scored, its result (noted); a rating that is not the band of its total is kept as
    imported (a calibrated result) and noted.  Lines (``scorecard_lines``): an actual is not negative; a line
    of a scored card is not changed (an update-only import of actuals may not touch it at all); the actual of a
    bounded share lies between 0 and 100 (other actuals may be negative: a loss).

    Returns the rows to write, the problems (``row, column, value, reason``) and the summary's notes.
    """
    from hrcore.imports import FIRST_DATA_ROW, PROBLEM_COLUMNS, problem_frame

    problems, notes = [], []

    def refuse(mask, column, code, **values):
        mask = pd.Series(mask, index=rows.index).fillna(False).astype(bool)
        if mask.any():
            problems.append(problem_frame(np.asarray(rows.index[mask], dtype=np.int64) + FIRST_DATA_ROW, column,
                                          mapped.loc[mask[mask].index, column].astype("string").fillna("")
                                          .to_numpy(dtype=object), code, values))

    if table == "scorecards":
        rows = rows.copy()
        bands = [(label, float(bound)) for label, bound in load_settings(store)["ratings"]]
        labels = [label for label, _ in bands] + [LOWEST_RATING]
        if "rating" in rows.columns:
            spelled = {str(label).lower(): label for label in labels}
            given = rows["rating"].astype("string").str.strip()
            rows["rating"] = given.str.lower().map(spelled).astype("string").where(given.notna())
            refuse(given.notna() & rows["rating"].isna(), "rating", "not_one_of", choices=list(labels))
        if "total_score" in rows.columns and "status" not in mapped.columns:
            with_total = rows["total_score"].notna()
            if with_total.any():
                stored = store.query("SELECT scorecard_id, status FROM scorecards")
                kept = rows["scorecard_id"].astype(object).map(dict(zip(stored["scorecard_id"], stored["status"])))
                rows["status"] = pd.Series(np.where(with_total, "scored", kept.where(kept.notna(), "draft")),
                                           index=rows.index, dtype="string")
                notes.append(("scored_status", {"n": int(with_total.sum())}))
        if {"total_score", "rating"} <= set(rows.columns):
            both = rows["total_score"].notna() & rows["rating"].notna()
            expected = pd.Series(rate(rows["total_score"].astype(float).to_numpy(), bands), index=rows.index)
            differs = both & (expected.astype("string") != rows["rating"]).fillna(False)
            if differs.any():
                first = differs.idxmax()
                notes.append(("rating_differs", {"n": int(differs.sum()), "row": int(first) + FIRST_DATA_ROW,
                                                 "total": f"{float(rows.at[first, 'total_score']):g}",
                                                 "rating": str(rows.at[first, "rating"]),
                                                 "band": str(expected[first])}))
    elif table == "scorecard_lines":
        if "actual" in rows.columns and "indicator_id" in rows.columns:
            # A loss is an actual like any other (it scores the rule's floor); only a bounded share has a range.
            share = rows["indicator_id"].astype(object).map(bounded_shares(store)).astype("boolean").fillna(False)
            refuse(share & ((rows["actual"] < 0) | (rows["actual"] > 100)), "actual", "bounded_share")
        if "scorecard_id" in rows.columns:
            scored = set(store.query("SELECT scorecard_id FROM scorecards WHERE status = 'scored'")["scorecard_id"])
            on_scored = rows["scorecard_id"].isin(scored)
            if on_scored.any() and not update_only:
                on_scored &= _changes_stored_lines(store, rows[on_scored])
            refuse(on_scored, "scorecard_id", "card_scored")
    found = pd.concat(problems, ignore_index=True)[PROBLEM_COLUMNS] if problems else \
        pd.DataFrame(columns=PROBLEM_COLUMNS)
    return rows, found, notes


def _changes_stored_lines(store, rows: pd.DataFrame) -> pd.Series:
    """Whether each line would add to or change what is stored (a line written again as it is changes nothing)."""
    key = ["scorecard_id", "indicator_id"]
    columns = [c for c in rows.columns if c in LINE_COLUMNS and c not in key]
    stored = store.query(f"SELECT {', '.join(key + columns)} FROM scorecard_lines WHERE scorecard_id IN "
                         "(SELECT scorecard_id FROM scorecards WHERE status = 'scored')")
    merged = rows[key + columns].reset_index(drop=True).merge(stored, on=key, how="left", suffixes=("", "_stored"),
                                                               indicator=True)
    changed = merged["_merge"].eq("left_only").to_numpy(dtype=bool).copy()
    for column in columns:
        mine, theirs = merged[column], merged[f"{column}_stored"]
        if pd.api.types.is_numeric_dtype(mine) and pd.api.types.is_numeric_dtype(theirs):
            a, b = mine.to_numpy(dtype=float, na_value=np.nan), theirs.to_numpy(dtype=float, na_value=np.nan)
            same = (np.isnan(a) & np.isnan(b)) | np.isclose(a, b, rtol=1e-12, atol=0)  # a decimal text read back
        else:
            same = ((mine.isna() & theirs.isna()) | (mine.astype(object) == theirs.astype(object))).fillna(False)
            same = same.to_numpy(dtype=bool)
        changed |= ~same
    return pd.Series(changed, index=rows.index)


def score_period(store, period: str, user: str, bands=RATINGS) -> tuple[int, int]:
    """Score every draft card of ``period`` that passes the checks; returns ``(scored, left blocked)``."""
    from hrcore.evaluation import stamp

    cards = store.query("SELECT * FROM scorecards WHERE period = ? AND status = 'draft'", [period])
    if cards.empty:
        return 0, 0
    lines = store.query(f"SELECT scorecard_id, {', '.join(LINE_COLUMNS)} FROM scorecard_lines WHERE scorecard_id IN "
                        "(SELECT scorecard_id FROM scorecards WHERE period = ? AND status = 'draft')", [period])
    blocked = set(period_problems(lines, cards, bounded_shares(store))["scorecard_id"])
    modes = cards.set_index("scorecard_id")["scoring_mode"].fillna("ratio")
    scored_parts = []
    for mode in MODES:
        part = lines[lines["scorecard_id"].map(modes).eq(mode) & ~lines["scorecard_id"].isin(blocked)].copy()
        if len(part):
            part["score"] = score_lines(part, directions(store), mode)
            scored_parts.append(part)
    if not scored_parts:
        return 0, len(blocked)
    scored = pd.concat(scored_parts)
    totals = (scored["weight"] * scored["score"]).groupby(scored["scorecard_id"]).sum()
    heads = pd.DataFrame({"scorecard_id": totals.index, "total_score": totals.to_numpy(),
                          "rating": rate(totals.to_numpy(), bands)})
    now = stamp()
    with store.transaction() as cur:
        cur.register("scored", scored[["scorecard_id", "indicator_id", "score"]])
        cur.execute("UPDATE scorecard_lines SET score = scored.score FROM scored "
                    "WHERE scorecard_lines.scorecard_id = scored.scorecard_id "
                    "AND scorecard_lines.indicator_id = scored.indicator_id")
        cur.unregister("scored")
        cur.register("heads", heads)
        cur.execute("UPDATE scorecards SET status = 'scored', total_score = heads.total_score, rating = heads.rating, "
                    "updated_at = ?, updated_by = ?, revision = coalesce(revision, 0) + 1 "
                    "FROM heads WHERE scorecards.scorecard_id = heads.scorecard_id",
                    [now, user])
        cur.unregister("heads")
    return len(heads), len(blocked)


def save_notes(store, scorecard_id: str, feedback: str | None, improvement_plan: str | None, user: str,
               seen_revision: int | None = None) -> None:
    """Keep the feedback talk and the improvement plan; allowed on scored cards (the talk follows the scoring)."""
    from hrcore.evaluation import stamp

    card(store, scorecard_id)
    with store.transaction() as cur:
        _check_revision(cur, scorecard_id, seen_revision)
        cur.execute("UPDATE scorecards SET feedback = ?, improvement_plan = ?, updated_at = ?, updated_by = ?, "
                    "revision = coalesce(revision, 0) + 1 WHERE scorecard_id = ?",
                    [feedback, improvement_plan, stamp(), user, scorecard_id])
