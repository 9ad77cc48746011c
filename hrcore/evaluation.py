"""Job evaluation: point-factor schemes, committee levels, the market check and grades.

DOMAIN.md §2, seed 002 (3E steps 1-5 and 15).  A scheme is a set of factors,
each with a weight and levels; a level's points come from an arithmetic or
geometric scale over the factor's share of the scheme's total points.  A
job's points are the sum, over factors, of the points of the committee's
consensus level.  The points are then checked against market pay by
regression (R² ≥ 0.80 passes) and cut into contiguous grade bands.

Conventions
-----------
* Arithmetic scale: level ``l`` of ``L`` is worth ``weight · total · l / L``;
  geometric: ``weight · total · ratio^(l − L)``.  The top level is worth the
  factor's whole share either way.
* Standardized residual: ``z = e / s`` with ``s = sqrt(Σe² / (n − 2))``, the
  residual standard error of the fitted line, on the model's own scale
  (log pay for the log-linear model).
* Grade bands are closed below and open above, except the last, which is
  closed at both ends; so every point value in the range has exactly one grade.

>>> line = fit_pay_line([100, 200, 300, 400], [5_000, 7_100, 8_900, 11_000])
>>> round(line.r2, 4), round(float(line.predict(250)), 1)
(0.9991, 8000.0)
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import pandas as pd

from hrcore.errors import Refused
from hrcore.imports import THOUSANDS

SCALES = ("arithmetic", "geometric")
BAND_METHODS = ("equal", "geometric")
PERCENTILES = ("p10", "p25", "p50", "p75", "p90")
R2_PASS = 0.80
OUTLIER_Z = 2.0
CROWDED_CV = 0.20
"""Below this coefficient of variation the jobs' points sit too close together to grade well."""

FACTOR_COLUMNS = ["factor_id", "name_en", "name_zh", "weight", "levels", "note_en", "note_zh"]
LEVEL_COLUMNS = ["factor_id", "level", "points", "definition_en", "definition_zh"]


# ---------------------------------------------------------------------------
# The default scheme
# ---------------------------------------------------------------------------

# factor_id, English, Chinese, weight, manual note (en, zh), five level definitions (en, zh)
_DEFAULT_FACTORS: tuple = (
    ("knowledge", "Knowledge and skills", "知识技能", 0.20,
     ("Rate the depth and breadth the job needs on day one of full performance, not what the holder happens "
      "to know.", "评估岗位在完全胜任时所需的知识深度与广度，而非现任者本人掌握的程度。"),
     (("Basic literacy and simple routines learnt in days", "基本读写能力，数日可学会的简单操作"),
      ("Trade or vocational skill learnt in months", "数月可掌握的技工或职业技能"),
      ("Professional knowledge of one field (degree level)", "某一专业领域的系统知识（本科水平）"),
      ("Deep expertise or command of several related fields", "精深的专业知识或多个相关领域的综合掌握"),
      ("Recognised authority; knowledge that shapes the company's direction", "公认的权威，其知识影响公司方向"))),
    ("problem_solving", "Problem solving", "解决问题", 0.15,
     ("How new and how ill-defined are the problems the job must solve, and how much guidance is there?",
      "岗位所要解决问题的新颖程度与不确定性，以及可获得的指导有多少。"),
     (("Follows set procedures; problems are referred upwards", "按既定程序操作，问题上报处理"),
      ("Chooses among known solutions", "在已知方案中做出选择"),
      ("Analyses varied problems and adapts methods", "分析多样问题并调整方法"),
      ("Solves complex problems with no precedent in the company", "解决公司内无先例的复杂问题"),
      ("Frames strategic problems for the whole company", "界定影响全公司的战略性问题"))),
    ("accountability", "Accountability", "责任大小", 0.15,
     ("Responsibility for results, money and assets the job controls or affects.",
      "岗位对其控制或影响的结果、资金和资产所承担的责任。"),
     (("Own tasks under close supervision", "在密切监督下对自身任务负责"),
      ("Own work results, checked by others", "对自身工作成果负责，由他人复核"),
      ("Results of a process or a budget of the team", "对一个流程或团队预算的结果负责"),
      ("Results of a department or a major budget", "对部门或重大预算的结果负责"),
      ("Results of the company or a business unit", "对公司或事业部的经营结果负责"))),
    ("communication", "Communication and coordination", "沟通协调", 0.10,
     ("Who the job must reach, inside and outside, and how hard it is to win them over.",
      "岗位需要沟通的对象（内部与外部）以及说服他们的难度。"),
     (("Exchanges information within the team", "团队内部交换信息"),
      ("Explains and coordinates with other teams", "与其他团队解释与协调"),
      ("Persuades across departments or serves clients", "跨部门说服或服务客户"),
      ("Negotiates with key clients, suppliers or authorities", "与重要客户、供应商或政府部门谈判"),
      ("Represents the company at the highest level", "在最高层面代表公司"))),
    ("impact", "Impact of decisions", "决策影响", 0.15,
     ("How far and for how long the consequences of the job's decisions reach.",
      "岗位决策后果影响的范围和持续时间。"),
     (("Affects own work only, corrected within hours", "只影响自身工作，数小时内可纠正"),
      ("Affects the team's work for days", "影响团队数日的工作"),
      ("Affects a department's results for months", "影响部门数月的业绩"),
      ("Affects several departments or a year's results", "影响多个部门或全年业绩"),
      ("Affects the company's strategy and survival", "影响公司战略与生存"))),
    ("management", "Management scope", "管理幅度", 0.10,
     ("The people the job leads, directly and through others.", "岗位直接及间接领导的人员范围。"),
     (("No one reports to the job", "无下属"),
      ("Guides a few colleagues without formal authority", "非正式地指导少数同事"),
      ("Leads a team", "领导一个团队"),
      ("Leads a department through team leaders", "通过组长领导一个部门"),
      ("Leads several departments or the company", "领导多个部门或整个公司"))),
    ("innovation", "Innovation", "创新要求", 0.10,
     ("How much the job must create new products, methods or ways of working.",
      "岗位创造新产品、新方法或新工作方式的要求程度。"),
     (("Works to established methods", "按既定方法工作"),
      ("Improves details of existing methods", "改进现有方法的细节"),
      ("Develops new methods for the team", "为团队开发新方法"),
      ("Creates new products or processes for the company", "为公司创造新产品或新流程"),
      ("Creates what is new to the industry", "创造行业内的新事物"))),
    ("conditions", "Working conditions", "工作环境", 0.05,
     ("Physical effort, hazards and discomfort the job cannot avoid.", "岗位无法避免的体力消耗、危险与不适。"),
     (("Office, normal hours", "办公室环境，正常工作时间"),
      ("Some travel or occasional overtime", "有一定出差或偶尔加班"),
      ("Shop floor, shifts or frequent travel", "车间、倒班或频繁出差"),
      ("Noise, heat or heavy lifting most of the day", "大部分时间有噪声、高温或重体力劳动"),
      ("Hazardous conditions needing protective equipment", "需要防护装备的危险作业环境"))),
)


@dataclass
class Scheme:
    """A factor scheme: factors with weights, their levels with points and definitions.

    ``factors`` has :data:`FACTOR_COLUMNS` (``weight`` a fraction, ``levels``
    the number of levels); ``levels`` has :data:`LEVEL_COLUMNS`.
    """

    factors: pd.DataFrame
    levels: pd.DataFrame
    total_points: float = 1000.0
    scale: str = "arithmetic"
    ratio: float = 1.5
    scheme_id: str | None = None
    name: str = ""
    version: int = 0

    def fingerprint(self) -> str:
        """Equal for schemes that evaluate alike and read alike; a cache key and a test for unsaved edits.

        >>> a, b = default_scheme(), default_scheme()
        >>> b.factors.loc[0, "weight"] = 0.2 * 100 / 100
        >>> a.fingerprint() == b.fingerprint(), a.fingerprint() == rescale(a).fingerprint()
        (True, True)
        """
        def text(frame: pd.DataFrame, columns: list[str]) -> list:
            part = frame[columns].copy()
            for column in columns:
                if part[column].dtype.kind == "f":
                    part[column] = part[column].round(6)
                else:
                    part[column] = part[column].astype("string").fillna("")
            return part.astype(str).values.tolist()

        payload = [self.total_points, self.scale, self.ratio if self.scale == "geometric" else None,
                   text(self.factors, FACTOR_COLUMNS),
                   text(self.levels.sort_values(["factor_id", "level"]), LEVEL_COLUMNS)]
        return hashlib.sha1(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()

    @property
    def max_points(self) -> float:
        return float(self.levels.groupby("factor_id")["points"].max().sum()) if len(self.levels) else 0.0

    @property
    def min_points(self) -> float:
        return float(self.levels.groupby("factor_id")["points"].min().sum()) if len(self.levels) else 0.0


def scheme_rows(scheme: Scheme) -> tuple:
    """The scheme as nested tuples of plain values: hashable, so a cached report can take a draft as an argument.

    >>> s = default_scheme()
    >>> scheme_from_rows(scheme_rows(s)).fingerprint() == s.fingerprint()
    True
    """
    def rows(frame: pd.DataFrame, columns: list[str]) -> tuple:
        return tuple(tuple(None if isinstance(v, float) and v != v else (v.item() if hasattr(v, "item") else v)
                           for v in row) for row in frame[columns].itertuples(index=False, name=None))

    return (float(scheme.total_points), scheme.scale, float(scheme.ratio), scheme.scheme_id, scheme.name,
            int(scheme.version), rows(scheme.factors, FACTOR_COLUMNS), rows(scheme.levels, LEVEL_COLUMNS))


def scheme_from_rows(rows: tuple) -> Scheme:
    """The :class:`Scheme` that :func:`scheme_rows` gave ``rows`` for."""
    total, scale, ratio, scheme_id, name, version, factors, levels = rows
    factor_frame = pd.DataFrame(list(factors), columns=FACTOR_COLUMNS)
    factor_frame["weight"] = factor_frame["weight"].astype(float)
    level_frame = pd.DataFrame(list(levels), columns=LEVEL_COLUMNS)
    level_frame["points"] = level_frame["points"].astype(float)
    return Scheme(factor_frame, level_frame, total, scale, ratio, scheme_id, name, version)


def draft_scheme(base: Scheme, factors: pd.DataFrame, definitions: pd.DataFrame, total_points: float,
                 scale: str, ratio: float) -> Scheme:
    """The scheme as edited on screen, with its points: ``factors`` as typed (``weight`` in %, new rows without
    an id), ``definitions`` the typed ``factor_id, level, definition_en, definition_zh``.

    A new factor is named ``factor_<row>``; a factor without a level count has five levels.

    >>> base = default_scheme()
    >>> typed = base.factors.assign(weight=base.factors["weight"] * 100)
    >>> typed.loc[8] = [None, "Travel", "", 0, None, None, None]
    >>> draft = draft_scheme(base, typed, base.levels, 1000, "arithmetic", 1.5)
    >>> draft.factors["factor_id"].iloc[-1], int(draft.factors["levels"].iloc[-1]), draft.max_points
    ('factor_9', 5, 1000.0)
    """
    factors = factors.reset_index(drop=True).copy()
    factors["weight"] = pd.to_numeric(factors["weight"], errors="coerce").fillna(0) / 100
    factors["levels"] = pd.to_numeric(factors["levels"], errors="coerce").fillna(5).astype(int)
    for i in factors.index:
        if not isinstance(factors.at[i, "factor_id"], str) or not factors.at[i, "factor_id"]:
            factors.at[i, "factor_id"] = f"factor_{i + 1}"
    for column in ("name_en", "name_zh", "note_en", "note_zh"):
        factors[column] = factors[column].fillna("")
    levels = definitions.assign(points=0.0)[LEVEL_COLUMNS] if len(definitions) else \
        pd.DataFrame(columns=LEVEL_COLUMNS)
    return rescale(Scheme(factors[FACTOR_COLUMNS], levels, float(total_points), scale, float(ratio),
                          base.scheme_id, base.name, base.version))


def scale_points(weight: float, levels: int, total: float = 1000.0, scale: str = "arithmetic",
                 ratio: float = 1.5) -> np.ndarray:
    """Points of levels 1..``levels`` of a factor with ``weight`` of ``total`` points.

    >>> scale_points(0.2, 5).tolist()
    [40.0, 80.0, 120.0, 160.0, 200.0]
    >>> scale_points(0.2, 3, scale="geometric", ratio=2).tolist()
    [50.0, 100.0, 200.0]
    """
    if levels < 1:
        raise ValueError(f"levels: a factor needs at least one level, got {levels}")
    if scale not in SCALES:
        raise ValueError(f"scale: must be one of {SCALES}, got {scale!r}")
    top = weight * total
    step = np.arange(1, levels + 1, dtype=float)
    if scale == "arithmetic":
        return np.round(top * step / levels, 2)
    if ratio <= 1:
        raise ValueError(f"ratio: a geometric scale needs a ratio above 1, got {ratio}")
    return np.round(top * ratio ** (step - levels), 2)


def rescale(scheme: Scheme) -> Scheme:
    """The scheme with every level's points recomputed from weights and the scale.

    Levels are added or dropped to match each factor's ``levels``; existing
    definitions are kept.
    """
    rows = []
    # A dict, not .loc: this runs on every rerun of the workbench while the scheme is being edited.
    known = {(f, int(lv)): (en, zh) for f, lv, en, zh in zip(
        scheme.levels["factor_id"], scheme.levels["level"], scheme.levels["definition_en"],
        scheme.levels["definition_zh"]) if lv == lv}
    for factor in scheme.factors.itertuples(index=False):
        count = int(factor.levels) if factor.levels == factor.levels else 0
        points = scale_points(float(factor.weight), max(count, 1), scheme.total_points, scheme.scale, scheme.ratio)
        for level in range(1, count + 1):
            en, zh = known.get((factor.factor_id, level), ("", ""))
            rows.append((factor.factor_id, level, float(points[level - 1]), en, zh))
    levels = pd.DataFrame(rows, columns=LEVEL_COLUMNS)
    return Scheme(scheme.factors.copy(), levels, scheme.total_points, scheme.scale, scheme.ratio,
                  scheme.scheme_id, scheme.name, scheme.version)


def default_scheme(total_points: float = 1000.0, scale: str = "arithmetic", ratio: float = 1.5) -> Scheme:
    """The ready scheme: eight factors that suit most jobs of a company, five levels each.

    >>> s = default_scheme()
    >>> len(s.factors), round(float(s.factors["weight"].sum()), 6), s.max_points
    (8, 1.0, 1000.0)
    """
    factors = pd.DataFrame(
        [(fid, en, zh, weight, len(levels), note[0], note[1])
         for fid, en, zh, weight, note, levels in _DEFAULT_FACTORS], columns=FACTOR_COLUMNS)
    levels = pd.DataFrame(
        [(fid, i + 1, 0.0, en, zh) for fid, *_, levels in _DEFAULT_FACTORS for i, (en, zh) in enumerate(levels)],
        columns=LEVEL_COLUMNS)
    return rescale(Scheme(factors, levels, total_points, scale, ratio, name="Default 8 factors / 默认八要素"))


# ---------------------------------------------------------------------------
# Checking a scheme
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SchemeProblem:
    """Why a scheme cannot be used; ``code`` names a message in :mod:`hrcore.i18n` (``eval.problem.<code>``)."""

    code: str
    factor_id: str | None = None
    values: dict = field(default_factory=dict)


def check_scheme(scheme: Scheme) -> list[SchemeProblem]:
    """Everything that stops ``scheme`` from being used; empty when it is sound.

    Weights must be positive and sum to 100 %; factor ids unique and filled;
    each factor needs at least two levels whose points rise strictly.

    >>> s = default_scheme()
    >>> s.factors.loc[0, "weight"] = 0.25
    >>> [(p.code, p.values) for p in check_scheme(s)]
    [('weights_sum', {'total': 1.05})]
    """
    problems = []
    factors = scheme.factors
    if factors.empty:
        return [SchemeProblem("no_factors")]
    ids = factors["factor_id"].fillna("").astype(str).str.strip()
    if (ids == "").any():
        problems.append(SchemeProblem("factor_id_missing"))
    for dup in sorted(set(ids[ids.duplicated() & (ids != "")])):
        problems.append(SchemeProblem("factor_id_repeated", dup))
    weights = pd.to_numeric(factors["weight"], errors="coerce")
    for fid, weight in zip(ids, weights):
        if not weight > 0:
            problems.append(SchemeProblem("weight_not_positive", fid))
    total = float(weights.fillna(0).sum())
    if abs(total - 1) > 1e-6:
        problems.append(SchemeProblem("weights_sum", None, {"total": round(total, 6)}))
    counts = pd.to_numeric(factors["levels"], errors="coerce")
    for fid, count in zip(ids, counts):
        if not count >= 2:
            problems.append(SchemeProblem("too_few_levels", fid))
    for fid, part in scheme.levels.groupby("factor_id", sort=False):
        points = part.sort_values("level")["points"].to_numpy(dtype=float)
        if (np.diff(points) <= 0).any() or np.isnan(points).any():
            problems.append(SchemeProblem("points_not_rising", fid))
    return problems


# ---------------------------------------------------------------------------
# Committee levels and points
# ---------------------------------------------------------------------------

def job_points(consensus: pd.DataFrame, scheme: Scheme) -> pd.DataFrame:
    """Points per job from the consensus levels: ``job_id, points, rated, complete``.

    ``consensus`` has ``job_id, factor_id, level``.  ``rated`` counts the
    factors with a consensus level; a job is ``complete`` when every factor of
    the scheme has one (only complete jobs have meaningful points).

    >>> s = default_scheme()
    >>> levels = pd.DataFrame({"job_id": "J1", "factor_id": s.factors["factor_id"], "level": 3})
    >>> job_points(levels, s).to_dict("records")
    [{'job_id': 'J1', 'points': 600.0, 'rated': 8, 'complete': True}]
    """
    factors = set(scheme.factors["factor_id"])
    valued = consensus[consensus["factor_id"].isin(factors)].merge(
        scheme.levels[["factor_id", "level", "points"]], on=["factor_id", "level"], how="inner")
    out = valued.groupby("job_id", sort=True).agg(points=("points", "sum"), rated=("factor_id", "nunique"))
    out = out.reset_index()
    out["points"] = out["points"].astype(float)
    out["rated"] = out["rated"].astype(int)
    out["complete"] = out["rated"] == len(factors)
    return out


def disagreement(ratings: pd.DataFrame) -> pd.DataFrame:
    """How far the raters' levels lie apart, per job and factor.

    ``ratings`` has ``job_id, factor_id, rater, level``; the result has
    ``job_id, factor_id, raters, lowest, highest, spread`` (highest − lowest).

    >>> r = pd.DataFrame({"job_id": "J", "factor_id": "f", "rater": ["a", "b", "c"], "level": [2, 4, 3]})
    >>> disagreement(r)[["raters", "spread"]].iloc[0].tolist()
    [3, 2]
    """
    grouped = ratings.groupby(["job_id", "factor_id"], sort=True)["level"]
    out = grouped.agg(raters="count", lowest="min", highest="max").reset_index()
    out["spread"] = out["highest"] - out["lowest"]
    return out


WIDE_SPREAD = 2
"""Raters this many levels apart (or more) on a factor disagree: the committee talks it through."""


def new_order_seed() -> int:
    """A fresh seed for :func:`evaluation_order`: each committee session works through its own random order."""
    return int(np.random.default_rng().integers(1, 1_000_000))


def evaluation_order(job_ids, seed: int) -> list:
    """The jobs in a random order the committee works through (seed 002: 随机抽样).

    The same seed gives the same order, so a committee can resume where it stopped.

    >>> evaluation_order(["a", "b", "c", "d"], 1) == evaluation_order(["d", "c", "b", "a"], 1)
    True
    """
    ordered = sorted(job_ids)
    rng = np.random.default_rng(seed)
    return [ordered[i] for i in rng.permutation(len(ordered))]


@dataclass(frozen=True)
class Dispersion:
    jobs: int
    mean: float
    std: float
    cv: float
    """Coefficient of variation, std / mean (sample std)."""
    middle_share: float
    """Share of jobs in the middle third of the points range the scheme allows."""
    crowded: bool
    """True when cv is under the threshold: jobs pile up in the middle (seed 002)."""


def dispersion(points, scheme_min: float, scheme_max: float, threshold: float = CROWDED_CV) -> Dispersion:
    """Spread of the jobs' points and a warning when they crowd together.

    >>> d = dispersion([400, 450, 500, 550], 125, 1000)
    >>> round(d.cv, 3), d.middle_share, d.crowded
    (0.136, 0.75, True)
    """
    values = np.asarray(points, dtype=float)
    values = values[~np.isnan(values)]
    if values.size < 2:
        return Dispersion(int(values.size), float(values.mean()) if values.size else math.nan,
                          math.nan, math.nan, math.nan, False)
    mean, std = float(values.mean()), float(values.std(ddof=1))
    cv = std / mean if mean else math.nan
    third = (scheme_max - scheme_min) / 3
    middle = float(((values >= scheme_min + third) & (values <= scheme_max - third)).mean())
    return Dispersion(int(values.size), mean, std, cv, middle, bool(cv < threshold))


# ---------------------------------------------------------------------------
# Regression check (3E step 5)
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PayLine:
    """A fitted line of market pay on job points.

    ``model`` is ``"linear"`` (pay = a + b·points) or ``"log"``
    (ln pay = a + b·points).  ``r2`` is measured on the model's own scale;
    ``z`` are standardized residuals e / s with s = sqrt(Σe² / (n − 2)).
    """

    model: str
    intercept: float
    slope: float
    r2: float
    n: int
    residual_se: float
    z: np.ndarray

    def predict(self, points):
        """Market pay the line gives at ``points`` (back on the money scale for the log model)."""
        value = self.intercept + self.slope * np.asarray(points, dtype=float)
        return np.exp(value) if self.model == "log" else value

    def passes(self, threshold: float = R2_PASS) -> bool:
        # A hair of tolerance: an R² of exactly 4/5 computes as 0.7999999999999996.
        return bool(self.r2 >= threshold - 1e-9)

    def outliers(self, limit: float = OUTLIER_Z) -> np.ndarray:
        """Boolean mask of the points whose |z| exceeds ``limit``."""
        return np.abs(self.z) > limit


def fit_pay_line(points, pay, model: str = "linear") -> PayLine:
    """Least-squares line of market pay on job points (DOMAIN.md §2, §8).

    Parameters
    ----------
    points, pay : array-like of equal length
        Evaluation points and market pay (e.g. P50) of the same jobs; at least
        three jobs, pay positive.
    model : {"linear", "log"}
        ``"log"`` fits ln(pay); its R² and residuals are on the log scale.

    Examples
    --------
    Anscombe's first data set (Anscombe 1973, *Graphs in Statistical
    Analysis*): y = 3.00 + 0.500x, r² = 0.67.

    >>> x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
    >>> y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]
    >>> line = fit_pay_line(x, y)
    >>> round(line.intercept, 2), round(line.slope, 3), round(line.r2, 2)
    (3.0, 0.5, 0.67)
    """
    if model not in ("linear", "log"):
        raise ValueError(f"model: must be 'linear' or 'log', got {model!r}")
    x = np.asarray(points, dtype=float)
    y = np.asarray(pay, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError(f"points, pay: need two 1-D sequences of equal length, got {x.shape} and {y.shape}")
    if x.size < 3:
        raise ValueError(f"points: a line through fewer than 3 jobs cannot be checked, got {x.size}")
    if np.isnan(x).any() or np.isnan(y).any():
        raise ValueError("points, pay: missing values; drop jobs without points or market pay first")
    if (y <= 0).any():
        raise ValueError("pay: market pay must be positive")
    if np.ptp(x) == 0:
        raise ValueError("points: all jobs have the same points, so no line can be fitted")
    target = np.log(y) if model == "log" else y
    slope, intercept = np.polyfit(x, target, 1)
    residual = target - (intercept + slope * x)
    total = ((target - target.mean()) ** 2).sum()
    sse = float((residual ** 2).sum())
    r2 = 1 - sse / total if total > 0 else 1.0
    se = math.sqrt(sse / (x.size - 2)) if x.size > 2 else math.nan
    z = residual / se if se > 0 else np.zeros_like(residual)
    return PayLine(model, float(intercept), float(slope), float(r2), int(x.size), se, z)


# ---------------------------------------------------------------------------
# Grades and slotting (3E step 15)
# ---------------------------------------------------------------------------

def grade_bands(low: float, high: float, grades: int, method: str = "equal") -> pd.DataFrame:
    """Contiguous point bands ``grade, points_min, points_max`` from ``low`` to ``high``.

    ``"equal"``: bands of equal width; ``"geometric"``: each band wider than
    the one below by a constant ratio (narrow at the bottom: "small steps,
    fast run" in seed 002).

    >>> grade_bands(100, 400, 3).to_dict("list")
    {'grade': [1, 2, 3], 'points_min': [100.0, 200.0, 300.0], 'points_max': [200.0, 300.0, 400.0]}
    >>> grade_bands(100, 800, 3, "geometric")["points_max"].tolist()
    [200.0, 400.0, 800.0]
    """
    if grades < 1:
        raise ValueError(f"grades: need at least one grade, got {grades}")
    if not high > low:
        raise ValueError(f"high: must be above low ({low}), got {high}")
    if method == "equal":
        edges = np.linspace(low, high, grades + 1)
    elif method == "geometric":
        if low <= 0:
            raise ValueError(f"low: geometric bands need positive points, got {low}")
        edges = low * (high / low) ** (np.arange(grades + 1) / grades)
    else:
        raise ValueError(f"method: must be one of {BAND_METHODS}, got {method!r}")
    # Inner edges rounded to cents of a point for display; the ends stay exact so every value in range is slotted.
    edges = np.concatenate([[low], np.round(edges[1:-1], 2), [high]]).astype(float)
    return pd.DataFrame({"grade": np.arange(1, grades + 1), "points_min": edges[:-1], "points_max": edges[1:]})


def points_range(points, step: float = 10.0) -> tuple[float, float]:
    """The jobs' points range rounded outwards to ``step``, the span the bands cover.

    >>> points_range([173, 412, 886])
    (170.0, 890.0)
    """
    values = np.asarray(points, dtype=float)
    low = math.floor(np.nanmin(values) / step) * step
    high = math.ceil(np.nanmax(values) / step) * step
    return float(low), float(high if high > low else low + step)


def slot(points, bands: pd.DataFrame) -> np.ndarray:
    """Grade of each points value: the band that holds it (see module conventions); 0 outside all bands.

    >>> slot([100, 199.9, 200, 400, 401], grade_bands(100, 400, 3)).tolist()
    [1, 1, 2, 3, 0]
    """
    values = np.asarray(points, dtype=float)
    lows = bands["points_min"].to_numpy(dtype=float)
    high = float(bands["points_max"].iloc[-1])
    index = np.searchsorted(lows, values, side="right") - 1
    inside = (values >= lows[0]) & (values <= high)
    return np.where(inside, bands["grade"].to_numpy()[np.clip(index, 0, len(lows) - 1)], 0)


# ---------------------------------------------------------------------------
# Market surveys
# ---------------------------------------------------------------------------

PERIODS = {"year": 1 / 12, "month": 1.0, "hour": 2080 / 12}
"""Factor that turns a survey's pay per period into pay per month (2,080 paid hours a year)."""

_SURVEY_NAMES = {
    "code": ("occ_code", "code", "job_code", "survey_job", "岗位编码", "职位编码"),
    "title": ("occ_title", "title", "job_title", "job", "岗位名称", "职位名称", "岗位"),
    "p10": ("a_pct10", "p10", "pct10", "10th", "10分位"),
    "p25": ("a_pct25", "p25", "pct25", "25th", "25分位"),
    "p50": ("a_median", "p50", "median", "pct50", "50th", "中位值", "50分位"),
    "p75": ("a_pct75", "p75", "pct75", "75th", "75分位"),
    "p90": ("a_pct90", "p90", "pct90", "90th", "90分位"),
}


@dataclass(frozen=True)
class SurveyLayout:
    """Which columns of a survey file hold the job code, title and percentiles, and the pay period."""

    code: str | None
    title: str | None
    percentiles: dict
    """``{"p10": column, ...}``; percentiles the survey lacks are left out."""
    period: str = "year"
    group_column: str | None = None
    group_value: str | None = None
    """Keep only rows where ``group_column`` equals this (OEWS: ``O_GROUP == "detailed"``)."""


def guess_survey_layout(columns) -> SurveyLayout:
    """Recognise the survey's columns by name (OEWS and common spellings).

    >>> g = guess_survey_layout(["OCC_CODE", "OCC_TITLE", "O_GROUP", "A_PCT10", "A_MEDIAN", "H_MEDIAN"])
    >>> g.code, g.title, g.percentiles, g.period, g.group_value
    ('OCC_CODE', 'OCC_TITLE', {'p10': 'A_PCT10', 'p50': 'A_MEDIAN'}, 'year', 'detailed')
    """
    by_name = {str(c).strip().lower(): c for c in columns}

    def find(key):
        return next((by_name[n] for n in _SURVEY_NAMES[key] if n in by_name), None)

    percentiles = {p: find(p) for p in PERCENTILES if find(p) is not None}
    group = by_name.get("o_group")
    period = "year" if any(str(c).upper().startswith("A_") for c in percentiles.values()) or not percentiles \
        else "month"
    return SurveyLayout(find("code"), find("title"), percentiles, period, group, "detailed" if group else None)


def survey_origin(columns, filename: str, today: date | None = None) -> tuple[int, str, str]:
    """The survey year, source and currency to suggest for a file: the US Bureau of Labor Statistics'
    OEWS tables (their ``OCC_CODE`` column) are the 2023 release, in US dollars; any other file is this year's,
    named after the file, in yuan.

    >>> survey_origin(["OCC_CODE", "A_MEDIAN"], "oews.xlsx")
    (2023, 'BLS OEWS', 'USD')
    >>> survey_origin(["code", "p50"], "survey.csv", date(2026, 3, 1))
    (2026, 'survey.csv', 'CNY')
    """
    if "OCC_CODE" in list(columns):
        return 2023, "BLS OEWS", "USD"
    return (today or date.today()).year, filename, "CNY"


@dataclass(frozen=True)
class Survey:
    jobs: pd.DataFrame
    """``survey_job, title, p10..p90`` per month; percentiles the file lacks are missing."""
    top_coded: int
    """Cells marked ``#`` (above the survey's top code): left missing, never guessed."""
    unreadable: pd.DataFrame
    """``row, column, value`` of cells that are neither numbers nor a survey mark; the file is refused if any."""


def read_survey(raw: pd.DataFrame, layout: SurveyLayout) -> Survey:
    """The survey's jobs with monthly percentiles, from a file read by :func:`hrcore.imports.read_file`.

    Numbers may carry thousands separators; ``#`` (top-coded) and ``*``
    (not published) leave a cell missing and are counted, never filled in.
    Rows are numbered as in the file (the header is row 1).

    >>> raw = pd.DataFrame({"OCC_CODE": ["11-1011", "15-1252"], "OCC_TITLE": ["CEO", "Developer"],
    ...                     "A_MEDIAN": ["#", "132,270"]})
    >>> s = read_survey(raw, guess_survey_layout(raw.columns))
    >>> s.jobs["p50"].tolist(), s.top_coded
    ([nan, 11022.5], 1)
    """
    if layout.code is None and layout.title is None:
        raise Refused("survey_no_job_column", field="layout")
    frame = raw
    if layout.group_column and layout.group_value is not None and layout.group_column in raw.columns:
        frame = raw[raw[layout.group_column].astype(str).str.strip() == layout.group_value]
    code = frame[layout.code] if layout.code else frame[layout.title]
    title = frame[layout.title] if layout.title else code
    out = pd.DataFrame({"survey_job": code.astype(str).str.strip(), "title": title.astype(str).str.strip()})
    top_coded = 0
    bad = []
    factor = PERIODS[layout.period]
    for pct in PERCENTILES:
        column = layout.percentiles.get(pct)
        if column is None:
            out[pct] = np.nan
            continue
        text = frame[column].astype("string").str.strip()
        marks = text.isin(["#", "*", ""]) | text.isna()
        top_coded += int((text == "#").sum())
        # Only true thousands groups ("65,470") lose their commas; any other comma leaves the cell unreadable.
        grouped = text.str.match(THOUSANDS.pattern, na=False)
        plain = text.where(~grouped, text.str.replace(",", "", regex=False))
        values = pd.to_numeric(plain.where(~marks), errors="coerce")
        unreadable = values.isna() & ~marks
        for index in frame.index[unreadable.to_numpy()]:
            bad.append((int(index) + 2, column, frame.at[index, column]))
        out[pct] = (values * factor).round(2).to_numpy(dtype=float)
    out = out.reset_index(drop=True)
    return Survey(out, top_coded, pd.DataFrame(bad, columns=["row", "column", "value"]))


def market_rows(survey: Survey, job_map: dict, survey_year: int, pay_type: str = "fixed", source: str = "",
                currency: str | None = None, effective_date: date | None = None) -> pd.DataFrame:
    """Rows of the ``market_data`` table for the company jobs mapped to survey jobs.

    ``job_map`` maps a company ``job_id`` to a ``survey_job``; a survey job
    the file does not hold raises ``ValueError`` naming it.
    """
    by_code = survey.jobs.drop_duplicates("survey_job").set_index("survey_job")
    missing = sorted({code for code in job_map.values() if code not in by_code.index})
    if missing:
        raise ValueError(f"job_map: survey job(s) {missing} are not in the survey")
    rows = []
    for job_id, code in job_map.items():
        values = by_code.loc[code, list(PERCENTILES)]
        rows.append({"job_id": job_id, "survey_year": int(survey_year), "pay_type": pay_type,
                     **{p: (None if pd.isna(values[p]) else float(values[p])) for p in PERCENTILES},
                     "effective_date": effective_date, "source": source,
                     "survey_job": f"{code} {by_code.loc[code, 'title']}".strip(), "currency": currency})
    return pd.DataFrame(rows)


def stamp(now: datetime | None = None) -> datetime:
    """Timestamps for the log, to the second."""
    return (now or datetime.now()).replace(microsecond=0)


# ---------------------------------------------------------------------------
# The workbench: every result of one set of choices
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CheckSettings:
    """The analyst's choices for the regression check and the grading."""

    percentile: str = "p50"
    pay_type: str = "fixed"
    survey_year: int | None = None
    """None: the latest survey year on file."""
    source: str | None = None
    """None: every source of that year (a job with two is read from the first by name)."""
    model: str = "linear"
    r2_threshold: float = R2_PASS
    z_limit: float = OUTLIER_Z
    grades: int = 12
    method: str = "equal"
    crowded_cv: float = CROWDED_CV


@dataclass(frozen=True)
class Evaluation:
    jobs: pd.DataFrame
    """Every job: ``job_id, title_en, title_zh, is_key, points, rated, complete, source, grade``.
    ``source`` is ``"committee"`` (complete consensus under the scheme), ``"stored"`` (the jobs
    table's own points, e.g. imported) or missing (not evaluated)."""
    dispersion: Dispersion
    regression: pd.DataFrame
    """Jobs with points and market pay: ``job_id, ..., points, pay, fitted, z, outlier``."""
    line: PayLine | None
    """None when fewer than three jobs have both points and market pay."""
    bands: pd.DataFrame
    per_grade: pd.DataFrame
    """``grade, points_min, points_max, jobs, key_jobs``."""
    survey_year: int | None
    source: str | None
    currency: str | None

    @property
    def evaluated(self) -> int:
        return int((self.jobs["source"] == "committee").sum())

    @property
    def outliers(self) -> pd.DataFrame:
        return self.regression[self.regression["outlier"]]


def job_table(jobs: pd.DataFrame, consensus: pd.DataFrame, scheme: Scheme) -> pd.DataFrame:
    """Every job with the points it counts with: ``job_id, title_en, title_zh, is_key, points, rated, complete,
    source``; the part of :func:`evaluate` that no market or grading choice changes.

    A job the committee has rated on every factor counts with the scheme's points (``source`` "committee"),
    else with the points stored on the job (imported; "stored"), else with none.

    >>> s = default_scheme()
    >>> jobs = pd.DataFrame({"job_id": ["J1", "J2", "J3"], "title_en": "", "title_zh": "", "is_key": True,
    ...                      "points": [None, 410.0, None]})
    >>> levels = pd.DataFrame({"job_id": "J1", "factor_id": s.factors["factor_id"], "level": 3})
    >>> table = job_table(jobs, levels, s)
    >>> table["points"].tolist(), table["source"].tolist()
    ([600.0, 410.0, nan], ['committee', 'stored', nan])
    """
    scored = job_points(consensus, scheme)
    table = jobs[["job_id", "title_en", "title_zh", "is_key", "points"]].rename(columns={"points": "stored"})
    table = table.merge(scored, on="job_id", how="left")
    table["rated"] = table["rated"].fillna(0).astype(int)
    table["complete"] = table["complete"].astype("boolean").fillna(False).astype(bool)
    committee = table["complete"]
    table["source"] = np.where(committee, "committee", np.where(table["stored"].notna(), "stored", None))
    table["points"] = np.where(committee, table["points"], table["stored"]).astype(float)
    table = table.drop(columns="stored")
    table["is_key"] = table["is_key"].astype("boolean").fillna(False).astype(bool)
    return table


def evaluate(jobs: pd.DataFrame, market: pd.DataFrame, consensus: pd.DataFrame, scheme: Scheme,
             settings: CheckSettings = CheckSettings(), table: pd.DataFrame | None = None) -> Evaluation:
    """Points, dispersion, regression check and grading for one scheme and one set of choices.

    ``jobs`` is the jobs table (``job_id, title_en, title_zh, is_key, points``),
    ``market`` the market_data table, ``consensus`` the scheme's consensus
    levels (``job_id, factor_id, level``).  ``table``, when given, is
    :func:`job_table` of the same three, computed once for many choices.
    """
    table = job_table(jobs, consensus, scheme) if table is None else table.copy()
    spread = dispersion(table["points"], scheme.min_points, scheme.max_points, settings.crowded_cv)

    survey_year, source, currency = settings.survey_year, settings.source, None
    part = market[market["pay_type"] == settings.pay_type]
    if survey_year is None and len(part):
        survey_year = int(part["survey_year"].max())
    part = part[part["survey_year"] == survey_year]
    if source is not None:
        part = part[part["source"] == source]
    part = part.sort_values(["job_id", "source"]).drop_duplicates("job_id")
    if len(part) and "currency" in part:
        known = part["currency"].dropna()
        currency = str(known.iloc[0]) if len(known) else None
    regression = table.merge(part[["job_id", settings.percentile]].rename(columns={settings.percentile: "pay"}),
                             on="job_id")
    regression = regression[regression["points"].notna() & (regression["pay"] > 0)].reset_index(drop=True)
    line = None
    if len(regression) >= 3 and regression["points"].nunique() > 1:
        line = fit_pay_line(regression["points"], regression["pay"], settings.model)
        regression["fitted"] = line.predict(regression["points"])
        regression["z"] = line.z
        regression["outlier"] = line.outliers(settings.z_limit)
    else:
        regression["fitted"] = np.nan
        regression["z"] = np.nan
        regression["outlier"] = False

    valued = table["points"].dropna()
    if len(valued):
        low, high = points_range(valued)
        bands = grade_bands(low, high, settings.grades, settings.method)
        table["grade"] = slot(table["points"].fillna(-1), bands)
        table.loc[table["points"].isna(), "grade"] = 0
    else:
        bands = pd.DataFrame(columns=["grade", "points_min", "points_max"])
        table["grade"] = 0
    counts = table[table["grade"] > 0].groupby("grade").agg(jobs=("job_id", "count"), key_jobs=("is_key", "sum"))
    per_grade = bands.merge(counts, left_on="grade", right_index=True, how="left").fillna({"jobs": 0, "key_jobs": 0})
    per_grade[["jobs", "key_jobs"]] = per_grade[["jobs", "key_jobs"]].astype(int)
    return Evaluation(table, spread, regression, line, bands, per_grade, survey_year, source, currency)


# ---------------------------------------------------------------------------
# Reading and writing the workbench's records
# ---------------------------------------------------------------------------

ACTIVE_SCHEME = "eval_scheme"
"""app_meta key of the scheme version the committee works with."""


def scheme_versions(store) -> pd.DataFrame:
    return store.query("SELECT * FROM eval_schemes ORDER BY version DESC")


def load_scheme(store, scheme_id: str | None = None) -> Scheme | None:
    """A saved scheme; by default the active one (else the newest).  None when none is saved."""
    if scheme_id is None:
        scheme_id = store.meta(ACTIVE_SCHEME)
        versions = scheme_versions(store)
        if scheme_id not in set(versions["scheme_id"]):
            scheme_id = versions["scheme_id"].iloc[0] if len(versions) else None
    if scheme_id is None:
        return None
    head = store.query("SELECT * FROM eval_schemes WHERE scheme_id = ?", [scheme_id])
    if head.empty:
        return None
    factors = store.query(
        "SELECT f.factor_id, f.name_en, f.name_zh, f.weight, count(l.level) AS levels, f.note_en, f.note_zh "
        "FROM eval_factors f LEFT JOIN eval_levels l USING (scheme_id, factor_id) WHERE f.scheme_id = ? "
        "GROUP BY f.factor_id, f.name_en, f.name_zh, f.weight, f.note_en, f.note_zh, f.position "
        "ORDER BY f.position, f.factor_id", [scheme_id])
    factors["levels"] = factors["levels"].astype(int)
    levels = store.query(
        f"SELECT {', '.join(LEVEL_COLUMNS)} FROM eval_levels WHERE scheme_id = ? ORDER BY factor_id, level",
        [scheme_id])
    row = head.iloc[0]
    return Scheme(factors[FACTOR_COLUMNS], levels, float(row["total_points"]), str(row["scale"]),
                  float(row["ratio"]) if pd.notna(row["ratio"]) else 1.5, scheme_id, str(row["name"] or ""),
                  int(row["version"]))


@dataclass(frozen=True)
class SavedScheme:
    scheme_id: str
    version: int
    carried: int
    """Consensus and rater levels copied from the scheme it was based on."""
    dropped: int
    """Levels not copied: their factor is gone or the level no longer exists."""


def save_scheme(store, scheme: Scheme, user: str, based_on: str | None = None, when: datetime | None = None
                ) -> SavedScheme:
    """Save ``scheme`` as a new version and make it the active one; earlier versions stay as they were.

    The committee's levels under ``based_on`` are carried over for factors
    and levels that still exist, so a change of weights needs no new
    committee round.  Refuses a scheme with problems (:func:`check_scheme`).
    """
    problems = check_scheme(scheme)
    if problems:
        raise ValueError(f"scheme: {', '.join(p.code for p in problems)}")
    when = stamp(when)
    with store.transaction() as cur:
        version = int(cur.execute("SELECT coalesce(max(version), 0) + 1 FROM eval_schemes").fetchall()[0][0])
        scheme_id = f"v{version}"
        cur.execute("INSERT INTO eval_schemes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [scheme_id, scheme.name or None, version, scheme.total_points, scheme.scale,
                     scheme.ratio if scheme.scale == "geometric" else None, based_on, when, user])
        factors = scheme.factors.assign(scheme_id=scheme_id, position=range(1, len(scheme.factors) + 1))
        cur.register("incoming", factors[["scheme_id", "factor_id", "name_en", "name_zh", "weight", "position",
                                          "note_en", "note_zh"]])
        cur.execute("INSERT INTO eval_factors SELECT * FROM incoming")
        cur.unregister("incoming")
        levels = scheme.levels.assign(scheme_id=scheme_id)
        cur.register("incoming", levels[["scheme_id", *LEVEL_COLUMNS]])
        cur.execute("INSERT INTO eval_levels (scheme_id, factor_id, level, points, definition_en, definition_zh) "
                    "SELECT * FROM incoming")
        cur.unregister("incoming")
        carried = dropped = 0
        if based_on:
            for name in ("eval_consensus", "eval_ratings"):
                before = cur.execute(f"SELECT count(*) FROM {name} WHERE scheme_id = ?", [based_on]).fetchall()[0][0]
                columns = ("job_id, factor_id, level, decided_at, decided_by" if name == "eval_consensus"
                           else "job_id, factor_id, rater, level, rated_at")
                cur.execute(
                    f"INSERT INTO {name} (scheme_id, {columns}) SELECT ?, {', '.join('o.' + c.strip() for c in columns.split(','))} "
                    f"FROM {name} o JOIN eval_levels l ON l.scheme_id = ? AND l.factor_id = o.factor_id "
                    f"AND l.level = o.level WHERE o.scheme_id = ?", [scheme_id, scheme_id, based_on])
                after = cur.execute(f"SELECT count(*) FROM {name} WHERE scheme_id = ?", [scheme_id]).fetchall()[0][0]
                carried += after
                dropped += before - after
        cur.execute("INSERT INTO app_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [ACTIVE_SCHEME, scheme_id])
    return SavedScheme(scheme_id, version, carried, dropped)


def consensus_levels(store, scheme_id: str) -> pd.DataFrame:
    return store.query("SELECT job_id, factor_id, level, decided_at, decided_by FROM eval_consensus "
                       "WHERE scheme_id = ? ORDER BY job_id, factor_id", [scheme_id])


def rater_levels(store, scheme_id: str) -> pd.DataFrame:
    return store.query("SELECT job_id, factor_id, rater, level, rated_at FROM eval_ratings "
                       "WHERE scheme_id = ? ORDER BY job_id, factor_id, rater", [scheme_id])


def record_levels(store, scheme_id: str, job_id: str, levels: dict, user: str, rater: str | None = None,
                  when: datetime | None = None) -> int:
    """Record one rater's levels (``rater`` given) or the committee's consensus for one job.

    ``levels`` maps factor_id to a level; None clears it.  Every change is
    written to ``eval_log`` with the old and the new level; unchanged
    levels are not logged.  Returns the number of changes.
    """
    if rater is not None and not str(rater).strip():
        raise ValueError("rater: give the rater's name")
    known = store.query("SELECT factor_id, max(level) AS top FROM eval_levels WHERE scheme_id = ? GROUP BY factor_id",
                        [scheme_id]).set_index("factor_id")["top"]
    for factor_id, level in levels.items():
        if factor_id not in known.index:
            raise ValueError(f"levels: factor {factor_id!r} is not in scheme {scheme_id}")
        if level is not None and not 1 <= int(level) <= int(known[factor_id]):
            raise ValueError(f"levels: level {level} of factor {factor_id!r} is outside 1-{int(known[factor_id])}")
    when = stamp(when)
    table = "eval_consensus" if rater is None else "eval_ratings"
    who = "" if rater is None else " AND rater = ?"
    extra = [] if rater is None else [rater]
    changes = 0
    with store.transaction() as cur:
        for factor_id, level in levels.items():
            old = cur.execute(f"SELECT level FROM {table} WHERE scheme_id = ? AND job_id = ? AND factor_id = ?{who}",
                              [scheme_id, job_id, factor_id, *extra]).fetchall()
            old_level = int(old[0][0]) if old else None
            new_level = None if level is None else int(level)
            if old_level == new_level:
                continue
            cur.execute(f"DELETE FROM {table} WHERE scheme_id = ? AND job_id = ? AND factor_id = ?{who}",
                        [scheme_id, job_id, factor_id, *extra])
            if new_level is not None:
                if rater is None:
                    cur.execute("INSERT INTO eval_consensus VALUES (?, ?, ?, ?, ?, ?)",
                                [scheme_id, job_id, factor_id, new_level, when, user])
                else:
                    cur.execute("INSERT INTO eval_ratings VALUES (?, ?, ?, ?, ?, ?)",
                                [scheme_id, job_id, factor_id, rater, new_level, when])
            cur.execute("INSERT INTO eval_log (changed_at, changed_by, scheme_id, job_id, factor_id, rater, "
                        "old_level, new_level) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [when, user, scheme_id, job_id, factor_id, rater, old_level, new_level])
            changes += 1
    return changes


def change_log(store, scheme_id: str | None = None, limit: int = 500) -> pd.DataFrame:
    where, params = ("WHERE scheme_id = ?", [scheme_id]) if scheme_id else ("", [])
    return store.query(f"SELECT * FROM eval_log {where} ORDER BY log_id DESC LIMIT {int(limit)}", params)


def set_key_jobs(store, job_ids) -> int:
    """Make exactly ``job_ids`` the key jobs; returns how many jobs changed."""
    chosen = sorted(set(job_ids))
    with store.transaction() as cur:
        before = cur.execute("SELECT count(*) FROM jobs WHERE coalesce(is_key, false) <> list_contains(?, job_id)",
                             [chosen]).fetchall()[0][0]
        cur.execute("UPDATE jobs SET is_key = list_contains(?, job_id)", [chosen])
    return int(before)


def save_grading(store, result: Evaluation, scheme_id: str | None, method: str, user: str,
                 when: datetime | None = None) -> str:
    """Keep the bands and every evaluated job's grade for the salary-structure designer.

    Returns the new grading's id (``g1``, ``g2``, ...); the latest grading is
    what :func:`latest_grading` gives.
    """
    slotted = result.jobs[result.jobs["grade"] > 0][["job_id", "points", "grade"]]
    if slotted.empty:
        raise ValueError("result: no job has points, so there is nothing to grade")
    when = stamp(when)
    bands = result.bands
    with store.transaction() as cur:
        number = int(cur.execute("SELECT coalesce(max(TRY_CAST(substr(grading_id, 2) AS INTEGER)), 0) + 1 "
                                 "FROM job_gradings").fetchall()[0][0])
        grading_id = f"g{number}"
        cur.execute("INSERT INTO job_gradings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [grading_id, scheme_id, int(len(bands)), method, float(bands["points_min"].iloc[0]),
                     float(bands["points_max"].iloc[-1]), when, user])
        cur.register("incoming", bands.assign(grading_id=grading_id)[["grading_id", "grade", "points_min",
                                                                      "points_max"]])
        cur.execute("INSERT INTO job_grading_bands SELECT * FROM incoming")
        cur.unregister("incoming")
        cur.register("incoming", slotted.assign(grading_id=grading_id)[["grading_id", "job_id", "points", "grade"]])
        cur.execute("INSERT INTO job_grading_jobs SELECT * FROM incoming")
        cur.unregister("incoming")
    return grading_id


def latest_grading(store) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame] | None:
    """The newest saved grading: its header, its bands and its jobs; None when none is saved."""
    head = store.query("SELECT * FROM job_gradings ORDER BY created_at DESC, "
                       "TRY_CAST(substr(grading_id, 2) AS INTEGER) DESC NULLS LAST, grading_id DESC LIMIT 1")
    if head.empty:
        return None
    grading_id = head["grading_id"].iloc[0]
    bands = store.query("SELECT grade, points_min, points_max FROM job_grading_bands WHERE grading_id = ? "
                        "ORDER BY grade", [grading_id])
    jobs = store.query("SELECT job_id, points, grade FROM job_grading_jobs WHERE grading_id = ? ORDER BY job_id",
                       [grading_id])
    return head.iloc[0], bands, jobs


def stored_jobs(store) -> pd.DataFrame:
    """Every job of the jobs table, by id."""
    return store.query("SELECT * FROM jobs ORDER BY job_id")


def market_data(store) -> pd.DataFrame:
    return store.query("SELECT * FROM market_data")


def surveys(store, pay_type: str | None = None) -> pd.DataFrame:
    """The surveys on file, ``survey_year, source``, the latest first."""
    where, params = ("WHERE pay_type = ?", [pay_type]) if pay_type else ("", [])
    return store.query(f"SELECT DISTINCT survey_year, source FROM market_data {where} "
                       "ORDER BY survey_year DESC, source", params)


def workbench(store, scheme: Scheme | None = None, settings: CheckSettings = CheckSettings()) -> Evaluation | None:
    """:func:`evaluate` on the stored jobs, market data and consensus of ``scheme`` (default: the active one)."""
    scheme = scheme or load_scheme(store)
    if scheme is None:
        return None
    jobs = store.query("SELECT job_id, title_en, title_zh, is_key, points FROM jobs ORDER BY job_id")
    consensus = (consensus_levels(store, scheme.scheme_id) if scheme.scheme_id
                 else pd.DataFrame(columns=["job_id", "factor_id", "level"]))
    return evaluate(jobs, market_data(store), consensus, scheme, settings)


def manual(scheme: Scheme, lang: str = "en") -> str:
    """The committee's evaluation manual (seed 002, step 4) as Markdown: each factor's weight, note and levels.

    >>> text = manual(default_scheme(), "zh")
    >>> text.splitlines()[0], "| 3 | 120 | 某一专业领域的系统知识（本科水平） |" in text
    ('# 岗位测评手册', True)
    """
    zh = lang == "zh"
    title = "岗位测评手册" if zh else "Job evaluation manual"
    head = (f"方案 {scheme.scheme_id or '草稿'} · 总分 {scheme.total_points:,.0f} · "
            f"{'等差' if scheme.scale == 'arithmetic' else '等比'}分值" if zh else
            f"Scheme {scheme.scheme_id or 'draft'} · {scheme.total_points:,.0f} points · {scheme.scale} scale")
    rules = ("评估的是岗位而不是任职者；以岗位说明书为依据；一次评一个岗位；每位成员都发表意见；由小组形成共识。" if zh else
             "Evaluate the job, not the person in it; work from the job description; one job at a time; "
             "every member speaks; the committee agrees a consensus level.")
    lines = [f"# {title}", "", head, "", rules, ""]
    for factor in scheme.factors.itertuples(index=False):
        name = (factor.name_zh or factor.name_en) if zh else (factor.name_en or factor.name_zh)
        note = (factor.note_zh or factor.note_en) if zh else (factor.note_en or factor.note_zh)
        lines += [f"## {name} ({factor.weight * 100:.0f}%)", ""]
        if note:
            lines += [note, ""]
        lines += ["| 等级 | 分值 | 定义 |" if zh else "| Level | Points | Definition |", "|---|---|---|"]
        part = scheme.levels[scheme.levels["factor_id"] == factor.factor_id].sort_values("level")
        for level in part.itertuples(index=False):
            text = (level.definition_zh or level.definition_en) if zh else (level.definition_en or level.definition_zh)
            lines.append(f"| {level.level} | {level.points:,.0f} | {text or ''} |")
        lines.append("")
    return "\n".join(lines)

