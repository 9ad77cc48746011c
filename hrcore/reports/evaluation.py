"""The job evaluation page: one report per tab, and the headline the overview shows.

A scheme travels between the page and these reports as :func:`hrcore.evaluation.scheme_rows` (plain tuples), so a
draft edited on screen is a cache key like any other argument; the market check's choices as a
:class:`hrcore.evaluation.CheckSettings` (frozen, plain values).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from hrcore import evaluation as ev
from hrcore import imports
from hrcore.store import Store


# ---------------------------------------------------------------------------
# The page's head: which scheme versions there are
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Versions:
    has_jobs: bool
    """Whether there is a job to evaluate at all (else the page asks for the jobs table)."""
    versions: pd.DataFrame
    """``scheme_id, created_at, created_by`` (the account's name), the newest first."""
    active: str | None
    """The version the committee works with (the newest when none is marked)."""


def versions(db: Store) -> Versions:
    """The saved scheme versions and the one in use.

    >>> from hrcore.store import Store
    >>> v = versions(Store())
    >>> v.has_jobs, len(v.versions), v.active
    (False, 0, None)
    """
    table = ev.scheme_versions(db)[["scheme_id", "created_at", "created_by"]]
    ids = table["scheme_id"].tolist()
    marked = db.meta(ev.ACTIVE_SCHEME)
    active = marked if marked in ids else (ids[0] if ids else None)
    return Versions(db.count("jobs") > 0, table.reset_index(drop=True), active)


@dataclass(frozen=True)
class SchemeVersion:
    scheme: ev.Scheme
    """The saved version (the default scheme while none is saved)."""
    rows: tuple
    """:func:`hrcore.evaluation.scheme_rows` of it: what the other reports take."""


def scheme_version(db: Store, scheme_id: str | None) -> SchemeVersion:
    """A saved scheme version; for None, the ready default scheme (nothing saved yet).

    >>> from hrcore.store import Store
    >>> v = scheme_version(Store(), None)
    >>> len(v.scheme.factors), v.scheme.scheme_id
    (8, None)
    """
    scheme = (ev.load_scheme(db, scheme_id) if scheme_id else None) or ev.default_scheme()
    return SchemeVersion(scheme, ev.scheme_rows(scheme))


# ---------------------------------------------------------------------------
# 1. Factors and weights
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class FactorSheet:
    points: pd.DataFrame
    """One row per factor (``factor_id, name_en, name_zh, weight``) and a column of points per level (1, 2, ...)."""
    total_weight: float
    problems: tuple[ev.SchemeProblem, ...]
    """What stops the draft from being saved (empty: it may be)."""
    changed: bool
    """Whether the draft differs from the saved version it was drawn from."""


def factor_sheet(db: Store, scheme: tuple, saved: tuple) -> FactorSheet:
    """The draft ``scheme``'s points by factor and level, whether it can be saved, and whether it holds changes.

    >>> from hrcore.store import Store
    >>> rows = ev.scheme_rows(ev.default_scheme())
    >>> sheet = factor_sheet(Store(), rows, rows)
    >>> sheet.points.loc[0, [1, 5]].tolist(), sheet.total_weight, sheet.problems, sheet.changed
    ([40.0, 200.0], 1.0, (), False)
    """
    draft = ev.scheme_from_rows(scheme)
    grid = draft.levels.pivot(index="factor_id", columns="level", values="points")
    grid.columns = [int(c) for c in grid.columns]
    table = draft.factors[["factor_id", "name_en", "name_zh", "weight"]].merge(
        grid, left_on="factor_id", right_index=True, how="left")
    return FactorSheet(table.reset_index(drop=True), round(float(draft.factors["weight"].sum()), 6),
                       tuple(ev.check_scheme(draft)),
                       draft.fingerprint() != ev.scheme_from_rows(saved).fingerprint())


# ---------------------------------------------------------------------------
# 2. Key jobs and market data
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class KeyJobs:
    jobs: pd.DataFrame
    """Every job, key jobs first then by points: ``is_key, job_id, title_en, title_zh, description_en,
    description_zh, points`` and the chosen survey's ``p10 .. p90`` (monthly, in ``currency``)."""
    key_jobs: tuple[str, ...]
    survey_year: int | None
    currency: str | None


def key_jobs(db: Store, scheme: tuple, settings: ev.CheckSettings = ev.CheckSettings()) -> KeyJobs:
    """The jobs with their points under ``scheme`` and the market pay of the survey ``settings`` choose."""
    result = ev.workbench(db, ev.scheme_from_rows(scheme), settings)
    jobs = ev.stored_jobs(db)
    market = ev.market_data(db)
    chosen = market[(market["survey_year"] == result.survey_year) & (market["pay_type"] == settings.pay_type)]
    if settings.source is not None:
        chosen = chosen[chosen["source"] == settings.source]
    chosen = chosen.sort_values(["job_id", "source"]).drop_duplicates("job_id").set_index("job_id")
    table = jobs[["job_id", "title_en", "title_zh", "description_en", "description_zh"]].copy()
    table.insert(0, "is_key", jobs["is_key"].astype("boolean").fillna(False).astype(bool))
    table["points"] = table["job_id"].map(result.jobs.set_index("job_id")["points"])
    for p in ev.PERCENTILES:
        table[p] = table["job_id"].map(chosen[p]).astype(float) if p in chosen else np.nan
    table = table.sort_values(["is_key", "points"], ascending=[False, True]).reset_index(drop=True)
    return KeyJobs(table, tuple(sorted(table.loc[table["is_key"], "job_id"])), result.survey_year, result.currency)


@dataclass(frozen=True)
class SurveyFile:
    frame: pd.DataFrame
    """The file as read, every cell text."""
    layout: ev.SurveyLayout
    """Its columns as recognised (job code, title, percentiles, pay period)."""
    survey_year: int
    source: str
    currency: str


def survey_file(db: Store, data: bytes, filename: str) -> SurveyFile:
    """A market survey file read, its columns recognised, and the year, source and currency to suggest.

    Raises ``ValueError`` for a file that cannot be read.
    """
    frame = imports.read_file(data, filename).frame
    return SurveyFile(frame, ev.guess_survey_layout(frame.columns), *ev.survey_origin(frame.columns, filename))


# ---------------------------------------------------------------------------
# 3. Committee
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Committee:
    order: tuple[str, ...]
    """The jobs to evaluate, in the session's random order."""
    position: int
    """Where in ``order`` the committee is (0-based, within the order)."""
    job: pd.Series | None
    """The job at ``position``: ``job_id, title_en, title_zh, description_en, description_zh``."""
    points: float | None
    """Its points from the consensus so far (None before any consensus level)."""
    rated: int
    """Factors with a consensus level for it."""
    factors: pd.DataFrame
    """The scheme's factors for this job: ``factor_id, name_en, name_zh, note_en, note_zh, levels, consensus``
    (the agreed level or None), ``mine`` (the signed-in rater's, or None), ``given`` (every rater's levels, a
    tuple), ``raters`` (their names, a tuple), ``disagree`` (levels :data:`hrcore.evaluation.WIDE_SPREAD` or more
    apart)."""
    definitions: pd.DataFrame
    """``factor_id, level, definition_en, definition_zh``: what each level means."""
    spread: pd.DataFrame
    """Where raters disagree: job ids down (most disagreement first), factor ids across, the spread of levels."""
    titles: pd.DataFrame
    """``job_id, title_en, title_zh`` of every job, for the pickers and the heat map."""
    log: pd.DataFrame
    """The latest changes: ``changed_at, changed_by, job_id, factor_id, factor_en, factor_zh, rater, consensus``
    (whether the change was to the consensus), ``old_level, new_level``."""


def committee(db: Store, scheme_id: str, scope: str = "key", seed: int = 1, position: int = 0,
              rater: str = "") -> Committee:
    """The committee's round under the saved scheme ``scheme_id``: the job at ``position`` of the random order
    (``seed``) of the key jobs (``scope`` "key"; all jobs for "all" or while none is key), what each rater and
    the consensus gave it per factor, where raters disagree, and the change log."""
    scheme = ev.load_scheme(db, scheme_id)
    jobs = ev.stored_jobs(db)
    key = jobs.loc[jobs["is_key"].astype("boolean").fillna(False).astype(bool), "job_id"].tolist()
    pool = key if scope == "key" and key else jobs["job_id"].tolist()
    order = tuple(ev.evaluation_order(pool, seed))
    position = max(min(position, len(order) - 1), 0)
    consensus = ev.consensus_levels(db, scheme_id)
    ratings = ev.rater_levels(db, scheme_id)
    titles = jobs[["job_id", "title_en", "title_zh"]].reset_index(drop=True)
    factors = scheme.factors[["factor_id", "name_en", "name_zh", "note_en", "note_zh", "levels"]].reset_index(drop=True)
    job = points = None
    rated = 0
    if order:
        job_id = order[position]
        job = jobs.set_index("job_id").loc[job_id, ["title_en", "title_zh", "description_en", "description_zh"]]
        job = pd.concat([pd.Series({"job_id": job_id}), job])
        agreed = consensus[consensus["job_id"] == job_id]
        scored = ev.job_points(agreed, scheme)
        if len(scored):
            points, rated = float(scored["points"].iloc[0]), int(scored["rated"].iloc[0])
        given = ratings[ratings["job_id"] == job_id]
        by_factor = {f: part for f, part in given.groupby("factor_id")}
        none = given.iloc[:0]
        agreed_levels = dict(zip(agreed["factor_id"], agreed["level"].astype(int)))
        parts = [by_factor.get(f, none) for f in factors["factor_id"]]
        factors["consensus"] = pd.Series([agreed_levels.get(f) for f in factors["factor_id"]], dtype=object)
        factors["given"] = [tuple(int(v) for v in part["level"]) for part in parts]
        factors["raters"] = [tuple(part["rater"]) for part in parts]
        factors["mine"] = pd.Series([next((int(lv) for r, lv in zip(part["rater"], part["level"]) if r == rater), None)
                                     for part in parts], dtype=object)
        factors["disagree"] = [len(g) > 0 and max(g) - min(g) >= ev.WIDE_SPREAD for g in factors["given"]]
    spread = ev.disagreement(ratings)
    grid = spread.pivot(index="job_id", columns="factor_id", values="spread") if len(spread) else pd.DataFrame()
    if len(grid):
        grid = grid.reindex(columns=[f for f in scheme.factors["factor_id"] if f in grid.columns])
        grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    log = ev.change_log(db, scheme_id)
    names = scheme.factors.set_index("factor_id")
    log = log.assign(factor_en=log["factor_id"].map(names["name_en"]), factor_zh=log["factor_id"].map(names["name_zh"]),
                     consensus=log["rater"].isna())
    log = log[["changed_at", "changed_by", "job_id", "factor_id", "factor_en", "factor_zh", "rater", "consensus",
               "old_level", "new_level"]].reset_index(drop=True)
    return Committee(order, position, job, points, rated, factors.reset_index(drop=True),
                     scheme.levels[["factor_id", "level", "definition_en", "definition_zh"]].reset_index(drop=True),
                     grid, titles, log)


# ---------------------------------------------------------------------------
# 4. The market check, and its headline on the overview
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Headline:
    """Where the job evaluation stands against the market: the overview's pay design tiles and the page's own."""

    evaluated: int
    """Jobs the committee has rated on every factor."""
    jobs: int
    """Every job."""
    r2: float | None
    """The pay line's R² (None: fewer than three jobs have points and market pay)."""
    passes: bool | None
    """Whether R² reaches ``r2_threshold``."""
    outliers: int | None
    """Jobs off the line by more than ``z_limit`` residual standard errors."""
    survey_year: int | None
    r2_threshold: float
    z_limit: float


def headline_of(result: ev.Evaluation, settings: ev.CheckSettings = ev.CheckSettings()) -> Headline:
    line = result.line
    return Headline(result.evaluated, len(result.jobs), None if line is None else float(line.r2),
                    None if line is None else bool(line.passes(settings.r2_threshold)),
                    None if line is None else len(result.outliers), result.survey_year, settings.r2_threshold,
                    settings.z_limit)


def default_check(db: Store) -> ev.Evaluation | None:
    """The market check of the scheme in use with its default choices (the latest survey, fixed pay, P50, a
    linear line, R² 0.80 and |z| 2 to pass): the pay design leaves its outliers out; None before a scheme is
    saved."""
    return ev.workbench(db)


def headline(db: Store) -> Headline | None:
    """What the overview shows of the job evaluation: :func:`default_check`'s jobs evaluated, R², verdict,
    outliers and survey year; None before a scheme is saved.

    >>> from hrcore.store import Store
    >>> headline(Store()) is None
    True
    """
    result = default_check(db)
    return None if result is None else headline_of(result)


@dataclass(frozen=True)
class MarketCheck:
    headline: Headline
    dispersion: ev.Dispersion
    """How spread out the jobs' points are (CV, share in the middle third, crowded)."""
    points: pd.DataFrame
    """Jobs with points and market pay: ``job_id, title_en, title_zh, points, pay, fitted, z, outlier``."""
    line: pd.DataFrame
    """The fitted line drawn across the points' range: ``points, pay`` (empty without a line)."""
    model: str
    fitted_jobs: int
    """Jobs the line was fitted on."""
    outliers: pd.DataFrame
    """``job_id, title_en, title_zh, points, pay, fitted, z, above`` (the market pays above the line)."""
    histogram: pd.DataFrame
    """How the jobs' points spread over the scheme's range, in :data:`POINT_BINS` equal bins: ``start, end,
    key_jobs, other_jobs``."""
    scheme_min: float
    scheme_max: float
    """The range of points the scheme allows (every factor at its lowest level, at its highest)."""
    currency: str | None
    percentile: str


def market_check(db: Store, scheme: tuple, settings: ev.CheckSettings = ev.CheckSettings()) -> MarketCheck:
    """The draft ``scheme``'s points against the market as ``settings`` choose: the headline, the line, the
    outliers and how the points spread."""
    draft = ev.scheme_from_rows(scheme)
    result = ev.workbench(db, draft, settings)
    data = result.regression[["job_id", "title_en", "title_zh", "points", "pay", "fitted", "z", "outlier"]]
    line = pd.DataFrame(columns=["points", "pay"])
    if result.line is not None:
        xs = np.linspace(data["points"].min(), data["points"].max(), 60)
        line = pd.DataFrame({"points": xs, "pay": result.line.predict(xs)})
    outliers = result.outliers[["job_id", "title_en", "title_zh", "points", "pay", "fitted", "z"]] \
        if result.line is not None else data.iloc[:0, :7]
    outliers = outliers.assign(above=outliers["z"] > 0, pay=outliers["pay"].round(0),
                               fitted=outliers["fitted"].round(0)).reset_index(drop=True)
    return MarketCheck(headline_of(result, settings), result.dispersion, data.reset_index(drop=True), line,
                       settings.model, 0 if result.line is None else int(result.line.n), outliers,
                       point_bins(result.jobs, draft.min_points, draft.max_points), draft.min_points,
                       draft.max_points, result.currency, settings.percentile)


POINT_BINS = 15
"""Bins of the spread of points: five to each third of the scheme's range, so the middle third stands out."""


def point_bins(jobs: pd.DataFrame, low: float, high: float) -> pd.DataFrame:
    """Key and other jobs (``points, is_key``) counted in :data:`POINT_BINS` equal bins from ``low`` to ``high``
    (each bin closed below, the last closed at both ends).

    >>> jobs = pd.DataFrame({"points": [200.0, 260.0, 1000.0, None], "is_key": [True, False, True, False]})
    >>> bins = point_bins(jobs, 200, 1000)
    >>> len(bins), bins.loc[0, ["key_jobs", "other_jobs"]].tolist(), int(bins["key_jobs"].iloc[-1])
    (15, [1, 0], 1)
    """
    edges = np.linspace(low, high, POINT_BINS + 1) if high > low else np.array([low, low + 1.0])
    rated = jobs.dropna(subset=["points"])
    key = rated["is_key"].astype(bool).to_numpy()
    counts = {name: np.histogram(rated["points"].to_numpy(dtype=float)[chosen], bins=edges)[0]
              for name, chosen in (("key_jobs", key), ("other_jobs", ~key))}
    return pd.DataFrame({"start": edges[:-1], "end": edges[1:], **counts})


def survey_choices(db: Store) -> tuple[tuple[int, str], ...]:
    """The surveys to check against, ``(year, source)``, the latest first.

    >>> from hrcore.store import Store
    >>> survey_choices(Store())
    ()
    """
    surveys = ev.surveys(db)
    return tuple((int(y), str(s)) for y, s in zip(surveys["survey_year"], surveys["source"]))


# ---------------------------------------------------------------------------
# 5. Grades and slotting
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class LastGrading:
    grading_id: str
    grades: int
    created_at: datetime
    created_by: str


@dataclass(frozen=True)
class Grades:
    evaluation: ev.Evaluation
    """What a saved grading keeps."""
    per_grade: pd.DataFrame
    """``grade, points_min, points_max, jobs, key_jobs``."""
    jobs: pd.DataFrame
    """Every job, the highest grade first: ``grade, job_id, title_en, title_zh, is_key, points, source``
    (``committee``, ``stored``: the jobs table's own points, or None)."""
    unslotted: int
    """Jobs without points, so without a grade."""
    empty_grades: tuple[int, ...]
    last: LastGrading | None


def grades(db: Store, scheme: tuple, settings: ev.CheckSettings = ev.CheckSettings()) -> Grades:
    """The draft ``scheme``'s points cut into ``settings.grades`` bands (``settings.method``), every job slotted,
    and the grading saved last."""
    result = ev.workbench(db, ev.scheme_from_rows(scheme), settings)
    per_grade = result.per_grade.reset_index(drop=True)
    jobs = result.jobs.sort_values(["grade", "points"], ascending=[False, False])
    saved = ev.latest_grading(db)
    last = None
    if saved is not None:
        head = saved[0]
        last = LastGrading(str(head["grading_id"]), int(head["grades"]), head["created_at"].to_pydatetime(),
                           str(head["created_by"] or ""))
    return Grades(result, per_grade, jobs[["grade", "job_id", "title_en", "title_zh", "is_key", "points",
                                           "source"]].reset_index(drop=True),
                  int((result.jobs["grade"] == 0).sum()),
                  tuple(int(g) for g in per_grade.loc[per_grade["jobs"] == 0, "grade"]), last)
