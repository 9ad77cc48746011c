"""Nine-box talent review: placement on performance × ability, the grid, calibration and movement.

DOMAIN.md §5, seed 003.  Each axis is cut into low, medium and high, by
absolute thresholds or by distribution; a person's box follows from the two
levels.

Conventions
-----------
* Boxes are numbered row by row from the bottom left: ability low is 1-3,
  medium 4-6, high 7-9; within a row performance low, medium, high.  Box 9
  is high ability and high performance (key talent); box 1 low and low.
* Thresholds: a value *at* a threshold belongs to the level above it
  (``value >= high_from`` is high; ``value >= medium_from`` is at least
  medium).
* Ability on the 1-10 scale comes from a source chosen per review and
  recorded with it (:data:`ABILITY_SOURCES`): imported assessments, the 360
  review (all raters but self, mean over the items of the person's model) or
  the competency review total against the target profile; the last two are
  :func:`hrcore.competency.ability_scores`.  This module may read
  :mod:`hrcore.competency`; competency never reads the nine-box.
* Distribution: the top ``high`` share of people (by value) is high and the
  bottom ``low`` share is low; people tied with the last one counted into the
  high level are high too, and people tied with the last one counted into the
  low level stay medium (ties are resolved in the person's favour).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from hrcore import competency
from hrcore.cycles import performance_in
from hrcore.company import as_of_date, employed_on
from hrcore.errors import Conflict, Forbidden, Refused

LEVELS = ("low", "medium", "high")
TOP_BOXES = (6, 8, 9)
"""High on one axis and at least medium on the other: the boxes a guideline usually caps."""

# box: (English label, Chinese label, English action, Chinese action) — DOMAIN.md §5 defaults, the "classic" wording.
BOXES = {
    1: ("Failing", "失败者", "Exit.", "淘汰出局。"),
    2: ("Steady contributor", "稳定贡献者", "Keep in role, train.", "保留原位，加强培训。"),
    3: ("Satisfactory results", "表现满意者", "Consider for development.", "考虑发展。"),
    4: ("Underperformer", "表现欠佳者", "Improvement plan, then decide.", "制定改进计划，再作决定。"),
    5: ("Adequate", "表现尚可者", "Keep in role.", "保留原位。"),
    6: ("Core player", "中坚力量", "Build ability, consider for development.", "进一步提升能力，考虑发展。"),
    7: ("Strong ability, poor results", "能力强绩效差者", "Warning and a targeted improvement plan.",
        "给予警告，提供有针对性的绩效改进措施。"),
    8: ("Potential", "有潜力者", "Develop the potential; performance improvement plan.",
        "进一步挖掘潜力，制定绩效提升计划。"),
    9: ("Key talent", "关键员工", "Fast development paths; make pay attractive.",
        "规划多种快速发展步骤，确保薪酬有足够的吸引力。"),
}

# The same boxes in words a management team presents to the people concerned: what the box asks of the
# company, not a verdict on the person.  The default; BOXES stays offered as the "classic" wording.
NEUTRAL_BOXES = {
    1: ("Needs significant improvement", "亟需改进", "Agree a performance plan; review the fit for the role.",
        "制定绩效改进计划，评估岗位匹配度。"),
    2: ("Solid contributor", "稳定贡献者", "Keep in role, build skills.", "保留原岗，提升技能。"),
    3: ("Strong results", "业绩突出者", "Recognise the results; build ability for the next step.",
        "认可业绩，提升能力以备发展。"),
    4: ("Inconsistent performance", "绩效待提升者", "Improvement plan with clear goals, then review.",
        "制定目标明确的改进计划，再作评估。"),
    5: ("Core contributor", "核心贡献者", "Keep in role and engaged.", "保留原岗，保持投入。"),
    6: ("High performer", "高绩效者", "Build ability; consider for development.", "提升能力，考虑发展。"),
    7: ("Untapped potential", "潜力待发挥者", "Find what holds results back; targeted improvement plan.",
        "查明影响业绩的原因，制定有针对性的改进计划。"),
    8: ("Growth potential", "成长潜力者", "Stretch assignments; performance development plan.",
        "安排挑战性任务，制定绩效提升计划。"),
    9: ("Key talent", "关键人才", "Fast development paths; keep pay competitive.", "规划快速发展路径，保持薪酬竞争力。"),
}
WORDINGS = {"neutral": NEUTRAL_BOXES, "classic": BOXES}
"""The built-in label sets; a company may save its own (:func:`save_box_labels`), the wording ``"company"``."""

AT_THRESHOLD = "up"
"""A value exactly at a threshold takes the level above it (``>=``).  The one rule: :func:`by_thresholds` places
by it and :func:`bands` states it for the explanation on screen."""


def box(performance, ability):
    """Box number of performance and ability levels (each ``"low"``, ``"medium"`` or ``"high"``).

    >>> box("high", "high"), box("low", "low"), box("high", "low"), box("low", "high")
    (9, 1, 3, 7)
    """
    p = pd.Index(LEVELS).get_indexer(np.atleast_1d(np.asarray(performance, dtype=object)))
    a = pd.Index(LEVELS).get_indexer(np.atleast_1d(np.asarray(ability, dtype=object)))
    if (p < 0).any() or (a < 0).any():
        raise ValueError(f"performance, ability: levels must be one of {LEVELS}")
    out = (a.astype(int) * 3 + p + 1)
    return int(out[0]) if np.ndim(performance) == 0 and np.ndim(ability) == 0 else out


def levels_of(box_number):
    """``(performance, ability)`` levels of a box.

    >>> levels_of(8)
    ('medium', 'high')
    """
    if not 1 <= int(box_number) <= 9:
        raise ValueError("box_number: boxes are numbered 1 to 9")
    ability, performance = divmod(int(box_number) - 1, 3)
    return LEVELS[performance], LEVELS[ability]


def _numbers(values) -> np.ndarray:
    """Values as floats, missing (None, NaN, text) as NaN; fast for numeric arrays."""
    try:
        return np.atleast_1d(np.asarray(values, dtype=float))
    except (TypeError, ValueError):
        return pd.to_numeric(pd.Series(np.atleast_1d(np.asarray(values, dtype=object))),
                             errors="coerce").to_numpy(float)


def by_thresholds(values, medium_from: float, high_from: float) -> np.ndarray:
    """Levels by absolute thresholds; a value at a threshold takes the level above.

    >>> by_thresholds([79.9, 80, 109.9, 110, None], 80, 110).tolist()
    ['low', 'medium', 'medium', 'high', None]
    """
    return _LEVEL_NAMES[_threshold_codes(values, medium_from, high_from)]


# Level names by code (0 low, 1 medium, 2 high); code -1, a missing value, reads the last: None.
_LEVEL_NAMES = np.array([*LEVELS, None], dtype=object)
# The same as pandas strings: taking 100,000 of four is ten times quicker than converting as many Python strings.
_LEVEL_STRINGS = pd.array(_LEVEL_NAMES, dtype="str")


def _threshold_codes(values, medium_from: float, high_from: float) -> np.ndarray:
    if high_from < medium_from:
        raise ValueError("high_from: must not be below medium_from")
    v = _numbers(values)
    reaches = np.greater_equal if AT_THRESHOLD == "up" else np.greater
    codes = reaches(v, medium_from).astype(np.int64) + reaches(v, high_from)
    codes[np.isnan(v)] = -1
    return codes


def bands(medium_from: float, high_from: float) -> tuple[tuple[str, float | None, float | None], ...]:
    """``(level, from, below)`` of each level by thresholds, as :func:`by_thresholds` places: a level holds the
    values from ``from`` (inclusive; None: no lower end) to below ``below`` (exclusive; None: no upper end).

    >>> bands(80, 110)
    (('low', None, 80), ('medium', 80, 110), ('high', 110, None))
    >>> by_thresholds([80, 110], 80, 110).tolist()  # at a threshold: the level that starts there
    ['medium', 'high']
    """
    if AT_THRESHOLD != "up":  # the tuple's "from inclusive" reading holds only for values at a threshold going up
        raise NotImplementedError("bands: stated for values at a threshold taking the level above")
    return (("low", None, medium_from), ("medium", medium_from, high_from), ("high", high_from, None))


def by_distribution(values, low: float = 0.2, high: float = 0.2) -> np.ndarray:
    """Levels by share of people: the top ``high`` share high, the bottom ``low`` share low (see module notes).

    >>> by_distribution([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).tolist()
    ['low', 'low', 'medium', 'medium', 'medium', 'medium', 'medium', 'medium', 'high', 'high']
    >>> by_distribution([1, 2, 2, 3, 4, 5, 6, 7, 9, 9], low=0.2, high=0.1).tolist()[:3]
    ['low', 'medium', 'medium']
    """
    if low < 0 or high < 0 or low + high > 1:
        raise ValueError("low, high: shares between 0 and 1 that together are at most 1")
    v = _numbers(values)
    known = ~np.isnan(v)
    n = int(known.sum())
    out = np.full(v.shape, None, dtype=object)
    if n == 0:
        return out
    ordered = np.sort(v[known])
    out[known] = "medium"
    k_high = math.ceil(round(high * n, 9))
    if k_high:
        out[known & (v >= ordered[n - k_high])] = "high"
    k_low = math.floor(round(low * n, 9))
    if k_low:
        cut = ordered[k_low - 1]
        # Ties with the last low person stay medium: only values strictly below the next value count.
        below = v < ordered[k_low] if k_low < n else np.ones(v.shape, bool)
        out[known & below & (v <= cut) & (out != "high")] = "low"
    return out


def place(people: pd.DataFrame, performance: str = "performance", ability: str = "ability",
          method: str = "thresholds", performance_cuts=(80.0, 110.0), ability_cuts=(5.0, 8.0),
          shares=(0.2, 0.2)) -> pd.DataFrame:
    """Levels and box of everyone with both a performance and an ability value.

    ``method="thresholds"`` uses ``(medium_from, high_from)`` per axis (the
    defaults: KPI totals 80 / 110 as ratings C / A; ability on the 1-10
    competency scale 5 / 8); ``"distribution"`` uses ``shares = (low, high)``.
    """
    known = people[performance].notna().to_numpy() & people[ability].notna().to_numpy()
    frame = people if known.all() else people[known]
    if method == "thresholds":
        p = _threshold_codes(frame[performance], *performance_cuts)
        a = _threshold_codes(frame[ability], *ability_cuts)
    elif method == "distribution":
        p = pd.Index(LEVELS).get_indexer(by_distribution(frame[performance], *shares))
        a = pd.Index(LEVELS).get_indexer(by_distribution(frame[ability], *shares))
    else:
        raise ValueError("method: 'thresholds' or 'distribution'")
    # Codes straight to boxes, as box() numbers them: no round trip through 100,000 level names.
    return frame.assign(performance_level=_LEVEL_STRINGS.take(p), ability_level=_LEVEL_STRINGS.take(a),
                        box=a * 3 + p + 1)


def grid(boxes) -> pd.DataFrame:
    """Counts and shares of all nine boxes, in reading order of the grid (ability high → low, performance low → high).

    >>> g = grid([9, 9, 1, 5])
    >>> g["box"].tolist(), g["count"].tolist()
    ([7, 8, 9, 4, 5, 6, 1, 2, 3], [0, 0, 2, 0, 1, 0, 1, 0, 0])
    """
    counts = pd.Series(np.asarray(boxes, dtype=int)).value_counts()
    rows = []
    for number in (7, 8, 9, 4, 5, 6, 1, 2, 3):
        perf, abil = levels_of(number)
        rows.append((number, perf, abil, int(counts.get(number, 0))))
    out = pd.DataFrame(rows, columns=["box", "performance", "ability", "count"])
    out["share"] = out["count"] / max(int(out["count"].sum()), 1)
    return out


def guideline(boxes, max_share: float = 0.2, top=TOP_BOXES) -> dict:
    """How the top boxes compare with a guideline such as 'at most 20 % in the top boxes'.

    >>> guideline([9, 9, 6, 5, 5, 5, 5, 1, 2, 3], 0.2)
    {'share': 0.3, 'allowed': 2, 'actual': 3, 'over': 1}
    """
    values = np.asarray(boxes, dtype=int)
    actual = int(np.isin(values, top).sum())
    allowed = math.floor(max_share * values.size + 1e-9)
    return {"share": actual / values.size if values.size else math.nan, "allowed": allowed, "actual": actual,
            "over": max(0, actual - allowed)}


def transitions(previous: pd.DataFrame, current: pd.DataFrame, key: str = "employee_id") -> pd.DataFrame:
    """Transition matrix: people in each previous box (rows) by their current box (columns).

    Only people present in both reviews count.
    """
    both = previous[[key, "box"]].merge(current[[key, "box"]], on=key, suffixes=("_from", "_to"))
    return movement(both["box_from"], both["box_to"])


def movement(before, after) -> pd.DataFrame:
    """Transition matrix of paired boxes (rows: before, columns: after); pairs with a box missing are left out.

    >>> movement([9, 9, None], [9, 5, 1]).loc[9, [5, 9]].tolist()
    [1, 1]
    """
    before, after = _numbers(before), _numbers(after)
    both = ~np.isnan(before) & ~np.isnan(after)
    counts = np.zeros((9, 9), dtype=np.int64)
    np.add.at(counts, (before[both].astype(int) - 1, after[both].astype(int) - 1), 1)
    return pd.DataFrame(counts, index=pd.RangeIndex(1, 10, name="box_from"),
                        columns=pd.RangeIndex(1, 10, name="box_to"))


def with_previous(people: pd.DataFrame, previous: pd.DataFrame | None) -> pd.DataFrame:
    """``people`` with ``before``: their calibrated box in ``previous`` (:func:`review` of an earlier period), if any.

    >>> earlier = pd.DataFrame({"employee_id": ["a"], "box": [5], "calibrated_box": [6]})
    >>> with_previous(pd.DataFrame({"employee_id": ["a", "b"]}), earlier)["before"].tolist()
    [6.0, nan]
    """
    if previous is None or not len(previous):
        return people.assign(before=np.nan)
    boxes = previous["calibrated_box"].fillna(previous["box"]).astype(float)
    return people.assign(before=people["employee_id"].map(pd.Series(boxes.to_numpy(), index=previous["employee_id"])))


def review_grid(people: pd.DataFrame, recorded: pd.DataFrame, **placing) -> pd.DataFrame:
    """Everyone a review shows, with ``final``: the box to show.

    Once a review is recorded (``recorded``: :func:`review` of its period) it
    shows its people with their calibrated box, recorded levels and
    ``review_id``; before that, everyone with both values is placed now by
    ``placing`` (the arguments of :func:`place`), as :func:`start_review` would record them.
    """
    if len(recorded):
        shown = people.dropna(subset=["performance", "ability"]).merge(
            recorded[["employee_id", "review_id", "box", "calibrated_box", "performance_level", "ability_level"]],
            on="employee_id")
        shown["final"] = shown["calibrated_box"].fillna(shown["box"]).astype(int)
        return shown
    shown = place(people, **placing)
    return shown.assign(final=shown["box"])


# ---------------------------------------------------------------------------
# A review in the database: inputs, placements, calibration moves, actions
# ---------------------------------------------------------------------------

LABELS_KEY = "ninebox_labels"
ACTION_KINDS = ("development_plan", "improvement_plan", "retention_talk")
DEFAULT_ACTION = {9: "development_plan", 8: "development_plan", 6: "development_plan", 3: "development_plan",
                  7: "improvement_plan", 4: "improvement_plan", 1: "improvement_plan",
                  5: "improvement_plan", 2: "improvement_plan"}
"""The follow-up a box's people get by default (DOMAIN.md §5 actions): a development plan for the boxes
marked for development, an improvement plan for the rest; the reviewer changes it per person."""


def box_labels(store, wording: str | None = None) -> pd.DataFrame:
    """Label and recommended action of each box in ``wording``: ``"neutral"``, ``"classic"`` (DOMAIN.md §5's
    words) or ``"company"`` (the company's own, once saved).  None: the company's own if saved, else neutral."""
    saved = store.meta(LABELS_KEY)
    if wording is None:
        wording = "company" if saved else "neutral"
    if wording == "company":
        if saved:
            return pd.DataFrame(json.loads(saved))
        wording = "neutral"
    if wording not in WORDINGS:
        raise ValueError(f"wording: one of {', '.join([*WORDINGS, 'company'])}, got {wording!r}")
    return pd.DataFrame([(b, *v) for b, v in WORDINGS[wording].items()],
                        columns=["box", "label_en", "label_zh", "action_en", "action_zh"])


def save_box_labels(store, labels: pd.DataFrame) -> None:
    if sorted(labels["box"].astype(int)) != list(range(1, 10)):
        raise ValueError("labels: give each of the boxes 1 to 9 once")
    with store.transaction() as cur:
        cur.execute("INSERT INTO app_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [LABELS_KEY, labels.to_json(orient="records", force_ascii=False)])


ABILITY_SOURCES = ("imported", "360", "competency")
"""Where a review's ability axis comes from, chosen per review (DOMAIN.md §5): imported ability assessments,
the 360 review (all raters but self on the person's model, :func:`hrcore.competency.ability_scores`) or the
competency review total against the target profile."""
MISSING_REASONS = ("not_assessed", *competency.ABILITY_REASONS)
"""Why an active person has no ability value: no imported assessment of the period, or
:data:`hrcore.competency.ABILITY_REASONS` (not rated in the 360, fewer than 4 raters besides self, no target)."""


def _check_source(source: str) -> str:
    if source not in ABILITY_SOURCES:
        raise ValueError(f"ability_source: one of {', '.join(ABILITY_SOURCES)}, got {source!r}")
    return source


def ability_periods(store, source: str) -> list[str]:
    """The periods ``source`` can give an ability for, latest first: assessment periods or 360 review periods."""
    table = "ability_assessments" if _check_source(source) == "imported" else "ratings_360"
    return store.query(f"SELECT DISTINCT period FROM {table} WHERE period IS NOT NULL ORDER BY 1 DESC")[
        "period"].tolist()


def abilities(store, source: str, period: str) -> pd.DataFrame:
    """Ability on the 1-10 scale of everyone ``source`` has a figure for in ``period``, and why others have none.

    ``employee_id``, ``ability`` (NaN when none) and ``reason`` (``None``
    with a value, else one of :data:`MISSING_REASONS`): for ``"imported"``
    the assessments of ``period``; for ``"360"`` and ``"competency"``
    :func:`hrcore.competency.review_abilities` of the 360 review of
    ``period``, worked out in DuckDB for everyone at once.  People not
    listed have no figure: not assessed, or not rated.
    """
    if _check_source(source) == "imported":
        return store.query("SELECT employee_id, score AS ability, NULL::VARCHAR AS reason FROM ability_assessments "
                           "WHERE period = ?", [period])
    scores = competency.review_abilities(store, period, "360" if source == "360" else "competency")
    return scores.rename(columns={"ratee_id": "employee_id"})[["employee_id", "ability", "reason"]]


def review_people(store, kpi_period: str, ability_period: str, ability_source: str = "imported") -> pd.DataFrame:
    """Active employees with their KPI performance over ``kpi_period`` and ability of ``ability_period`` from
    ``ability_source``.

    Performance is the mean total of the person's scored cards within the period
    (:func:`hrcore.cycles.performance_in`: a staff member's months within the quarter).
    Also department, manager, grade, years of service, key-talent flag and
    attrition signals on file, for the grid's filters and the follow-up;
    ``ability_missing`` says why a person has no ability value
    (:data:`MISSING_REASONS`; ``None`` with one).
    """
    _check_source(ability_source)
    imported = ability_source == "imported"
    as_of = as_of_date(store)
    performance = performance_in(store, kpi_period)[["employee_id", "performance"]]
    people = store.query(
        "SELECT e.employee_id, e.name_en, e.name_zh, e.department_id, e.manager_id, "
        "coalesce(j.grade, e.grade) AS grade, date_diff('day', e.hire_date, ?::DATE) / 365.25 AS tenure, "
        "coalesce(e.key_talent, false) AS key_talent, c.performance, a.score AS ability, "
        "(SELECT count(*) FROM attrition_signals s WHERE s.employee_id = e.employee_id AND s.signal_date <= ?) "
        "AS signals "
        "FROM employees e LEFT JOIN jobs j USING (job_id) "
        "LEFT JOIN performance c ON c.employee_id = e.employee_id "
        "LEFT JOIN ability_assessments a ON a.employee_id = e.employee_id AND a.period = ? "
        f"WHERE {employed_on('e')}", [as_of, as_of, ability_period if imported else None, as_of, as_of],
        frames={"performance": performance})
    return with_ability(people, None if imported else abilities(store, ability_source, ability_period))


def with_ability(people: pd.DataFrame, found: pd.DataFrame | None) -> pd.DataFrame:
    """``people`` with ``ability`` from ``found`` (:func:`abilities`; None: as it is) and ``ability_missing``.

    A person ``found`` does not list was not assessed (imported) or not rated (360).

    >>> people = pd.DataFrame({"employee_id": ["a", "b", "c"], "ability": None})
    >>> found = pd.DataFrame({"employee_id": ["a", "b"], "ability": [7.5, None], "reason": [None, "too_few_raters"]})
    >>> with_ability(people, found)[["ability", "ability_missing"]].values.tolist()
    [[7.5, None], [nan, 'too_few_raters'], [nan, 'not_rated']]
    """
    if found is None:
        ability = pd.to_numeric(people["ability"], errors="coerce").astype(float)
        missing = np.where(ability.isna(), "not_assessed", None)
    else:
        by_id = found.drop_duplicates("employee_id").set_index("employee_id")
        ability = people["employee_id"].map(by_id["ability"]).astype(float)
        reason = people["employee_id"].map(by_id["reason"])
        missing = np.where(ability.notna(), None, reason.where(reason.notna(), "not_rated").astype(object))
    return people.assign(ability=ability.to_numpy(), ability_missing=pd.Series(missing, index=people.index,
                                                                                dtype=object))


def missing_ability(people: pd.DataFrame) -> dict:
    """How many of ``people`` (:func:`review_people`) lack an ability value, by reason (only reasons that occur).

    >>> missing_ability(pd.DataFrame({"ability_missing": [None, "too_few_raters", "not_rated", "not_rated"]}))
    {'not_rated': 2, 'too_few_raters': 1}
    """
    counts = people["ability_missing"].dropna().value_counts()
    return {reason: int(counts[reason]) for reason in MISSING_REASONS if counts.get(reason, 0)}


def review_source(store, period: str) -> tuple[str, str | None] | None:
    """``(ability source, ability period)`` the review of ``period`` was recorded with; None before it is started.

    Reviews recorded before the source was kept read as imported, their ability period unknown (None).
    """
    row = store.query("SELECT coalesce(any_value(ability_source), 'imported') AS source, "
                      "any_value(ability_period) AS ability_period, count(*) AS n FROM talent_reviews "
                      "WHERE period = ?", [period])
    if not int(row["n"].iloc[0]):
        return None
    found = row["ability_period"].iloc[0]
    return str(row["source"].iloc[0]), (None if found is None or pd.isna(found) else str(found))


def review_kpi_period(store, period: str) -> str | None:
    """The KPI review period the review of ``period`` placed people by; None if not started or not kept."""
    found = store.query("SELECT any_value(kpi_period) AS p FROM talent_reviews WHERE period = ?", [period])["p"]
    return None if found.empty or found.isna().iloc[0] else str(found.iloc[0])


def review(store, period: str) -> pd.DataFrame:
    return store.query("SELECT * FROM talent_reviews WHERE period = ? ORDER BY employee_id", [period])


def start_review(store, period: str, placed: pd.DataFrame, ability_source: str = "imported",
                 ability_period: str | None = None, kpi_period: str | None = None) -> int:
    """Record a review's placements (box and, until calibrated, the same calibrated box); refuses to overwrite one.

    The ability's source and period (:data:`ABILITY_SOURCES`) and the KPI
    review period are recorded with every placement, so a later reader knows
    where both axes came from.  The review covers the whole company, so HR starts it: a
    department manager's store is refused.
    """
    _check_source(ability_source)
    user = getattr(store, "user", None)
    if user is not None and not user.sees_everyone and user.role != "admin":
        raise Forbidden("talent_review_by_hr", field="talent_reviews")
    rows = pd.DataFrame({
        "review_id": period + "-" + placed["employee_id"].astype(str), "period": period,
        "employee_id": placed["employee_id"].astype(str), "performance_level": placed["performance_level"],
        "ability_level": placed["ability_level"], "box": placed["box"].astype(int),
        "calibrated_box": placed["box"].astype(int), "ability_source": ability_source,
        "ability_period": ability_period, "kpi_period": kpi_period})
    rows[["ability_period", "kpi_period"]] = rows[["ability_period", "kpi_period"]].astype(object)
    with store.transaction() as cur:
        if cur.execute("SELECT count(*) FROM talent_reviews WHERE period = ?", [period]).fetchall()[0][0]:
            raise Refused("talent_review_exists", field="period", period=period)
        cur.register("incoming", rows)
        cur.execute("INSERT INTO talent_reviews (review_id, period, employee_id, performance_level, ability_level, "
                    "box, calibrated_box, ability_source, ability_period, kpi_period) SELECT * FROM incoming")
        cur.unregister("incoming")
    return len(rows)


def move(store, review_id: str, to_box: int, reason: str, user: str, when=None, from_box: int | None = None) -> int:
    """Move a person to another box in calibration: only with a reason; logged with who, when, from and to.

    ``from_box`` is the box the mover saw the person in: if somebody moved
    them meanwhile, ConflictError says who and where to, and nothing changes.
    """
    from hrcore.evaluation import stamp
    if not str(reason or "").strip():
        raise Refused("talent_reason_needed", field="reason")
    if not 1 <= int(to_box) <= 9:
        raise Refused("talent_box_range", field="to_box")
    when = stamp(when)
    with store.transaction() as cur:
        row = cur.execute("SELECT employee_id, coalesce(calibrated_box, box) FROM talent_reviews WHERE review_id = ?",
                          [review_id]).fetchall()
        if not row:
            raise Refused("talent_no_placement", field="review_id", review=review_id)
        employee, current = row[0]
        if from_box is not None and int(current) != int(from_box):
            last = cur.execute("SELECT moved_by, moved_at FROM talent_moves WHERE review_id = ? "
                               "ORDER BY move_id DESC LIMIT 1", [review_id]).fetchall()
            if last:
                raise Conflict("talent_moved_by", field="review_id", employee=employee, box=str(current),
                               who=last[0][0], at=f"{last[0][1]:%Y-%m-%d %H:%M}")
            raise Conflict("talent_moved_meanwhile", field="review_id", employee=employee, box=str(current))
        if int(current) == int(to_box):
            raise Refused("talent_same_box", field="to_box")
        cur.execute("UPDATE talent_reviews SET calibrated_box = ?, calibrated_by = ?, calibrated_at = ?, reason = ? "
                    "WHERE review_id = ?", [int(to_box), user, when, reason.strip(), review_id])
        move_id = cur.execute("INSERT INTO talent_moves (review_id, employee_id, from_box, to_box, reason, moved_by, "
                              "moved_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING move_id",
                              [review_id, employee, int(current), int(to_box), reason.strip(), user, when]).fetchall()
    return int(move_id[0][0])


def undo(store, move_id: int, user: str, when=None) -> None:
    """Reverse a person's latest move: they go back to the box they came from; the move stays in the log."""
    from hrcore.evaluation import stamp

    with store.transaction() as cur:
        row = cur.execute("SELECT review_id, from_box, undone_at FROM talent_moves WHERE move_id = ?",
                          [int(move_id)]).fetchall()
        if not row or row[0][2] is not None:
            raise Refused("talent_no_move", field="move_id", move=str(move_id))
        review_id, from_box, _ = row[0]
        latest = cur.execute("SELECT max(move_id) FROM talent_moves WHERE review_id = ? AND undone_at IS NULL",
                             [review_id]).fetchall()[0][0]
        if int(latest) != int(move_id):
            raise Refused("talent_undo_later_first", field="move_id")
        cur.execute("UPDATE talent_moves SET undone_by = ?, undone_at = ? WHERE move_id = ?",
                    [user, stamp(when), int(move_id)])
        cur.execute("UPDATE talent_reviews SET calibrated_box = ?, calibrated_by = ?, calibrated_at = ?, reason = ? "
                    "WHERE review_id = ?", [int(from_box), user, stamp(when), "undo of move " + str(move_id),
                                            review_id])


def moves(store, period: str) -> pd.DataFrame:
    return store.query("SELECT m.* FROM talent_moves m JOIN talent_reviews r USING (review_id) WHERE r.period = ? "
                       "ORDER BY move_id DESC", [period])


def actions(store, period: str) -> pd.DataFrame:
    """The follow-up actions on record for the placements of the review of ``period``."""
    return store.query("SELECT * FROM talent_actions WHERE review_id IN (SELECT review_id FROM talent_reviews "
                       "WHERE period = ?)", [period])


ACTION_COLUMNS = ("review_id", "employee_id", "kind", "owner_id", "due_date", "note", "done")


def planned(plan: pd.DataFrame) -> pd.DataFrame:
    """The actions of a follow-up plan worth keeping: those given a note or a due date (the rest are only the box's
    default suggestion), in :data:`ACTION_COLUMNS`.

    >>> plan = pd.DataFrame({"review_id": ["r1", "r2", "r3"], "employee_id": ["a", "b", "c"],
    ...                      "kind": "development_plan", "owner_id": "m", "due_date": [None, "2026-03-31", None],
    ...                      "note": ["Mentor", "", " "], "done": False, "name_en": "shown only"})
    >>> planned(plan)["review_id"].tolist()
    ['r1', 'r2']
    """
    kept = plan["note"].fillna("").str.strip().ne("") | plan["due_date"].notna()
    return plan.loc[kept, list(ACTION_COLUMNS)]


def save_actions(store, actions: pd.DataFrame) -> None:
    """Write follow-up actions (``review_id, kind, employee_id, owner_id, due_date, note, done``) in one go."""
    bad = set(actions["kind"]) - set(ACTION_KINDS)
    if bad:
        raise ValueError(f"kind: unknown action kind(s) {sorted(bad)}")
    store.upsert("talent_actions", actions)
