"""The competency page: its headline, the model library, target profiles, the 360 review, qualifications and
certification, one report per tab.

Every figure the page shows is worked out here from the store and the saved
competency settings (group weights, blind-spot gap, pass total, probation);
the page only words and draws them.  Names travel with the people (``name_en``,
``name_zh``) so that the page shows names, not ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from hrcore import competency
from hrcore.company import as_of_date, record_date
from hrcore.store import Store

MAX_LISTED = 500
"""Rows a people table holds; counts and charts always use everyone."""
SMALL_DEPARTMENT = 5
"""A department of fewer people is listed last in the qualification table: a share of one or two says little."""
RECENT_SITTING_YEARS = 2
"""Pass marks are set for recent sittings: two years of them keep the sitting list short at any size."""
QUALIFICATION_SHOWS = ("not_own", "ready_next", "all")


def _names(db: Store) -> pd.DataFrame:
    return db.query("SELECT employee_id, name_en, name_zh FROM employees")


# -- the page ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Basics:
    """What every tab reads: the date the page computes at, the settings, the review periods, jobs and departments."""

    as_of: date
    record_date: date
    """The date a record made now carries (a review, a training, an appeal)."""
    settings: dict
    periods: tuple[str, ...]
    """The 360 review periods, latest first."""
    jobs: pd.DataFrame
    """``job_id, title_en, title_zh, next_job_id, description_en, description_zh``, by id."""
    departments: pd.DataFrame
    """``department_id, name_en, name_zh``."""


def basics(db: Store) -> Basics:
    """The page's common facts.

    >>> from hrcore.store import Store
    >>> b = basics(Store(":memory:"))
    >>> b.periods, len(b.jobs), b.settings["probation_months"] >= 0
    ((), 0, True)
    """
    return Basics(as_of_date(db), record_date(db), competency.load_settings(db), tuple(competency.review_periods(db)),
                  db.query("SELECT job_id, title_en, title_zh, next_job_id, description_en, description_zh "
                           "FROM jobs ORDER BY job_id"),
                  db.query("SELECT department_id, name_en, name_zh FROM departments ORDER BY department_id"))


def headline(db: Store, as_of: date) -> competency.Headline:
    """The competency figures of the overview, and of this page's header: certification coverage and who is
    overdue (counted as the Certification tab counts them), the average gap to target and how many were reviewed
    in the latest 360 review, on its most rated model (the 360 review tab's figures when it opens).

    >>> from hrcore.store import Store
    >>> h = headline(Store(":memory:"), date(2026, 10, 31))
    >>> h.coverage, h.in_certified_jobs, h.overdue, h.average_gap, h.reviewed
    (None, 0, 0, None, 0)
    """
    coverage = _coverage(db, as_of, competency.held_certificates(db),
                         db.query("SELECT * FROM cert_levels ORDER BY track_id, level"))
    periods = competency.review_periods(db)
    latest = review_360(db, periods[0], competency.models_rated(db, periods[0])[0]) if periods else None
    return competency.Headline(float(coverage["certified"].mean()) if len(coverage) else None, len(coverage),
                               int(coverage["overdue"].sum()), latest.average_gap if latest else None,
                               latest.reviewed if latest else 0)


def _coverage(db: Store, as_of: date, held: pd.DataFrame, levels: pd.DataFrame) -> pd.DataFrame:
    """:func:`competency.coverage` of the people employed on ``as_of``, on the saved probation."""
    return competency.coverage(competency.staff_on(db, as_of), held, levels, as_of,
                               int(competency.load_settings(db)["probation_months"]))


# -- model library and target profiles -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Library:
    """The competency models, their items (in model order) and the items' behaviour anchors."""

    models: pd.DataFrame
    items: pd.DataFrame
    anchors: pd.DataFrame

    def items_of(self, model_id: str) -> pd.DataFrame:
        return self.items[self.items["model_id"] == model_id].reset_index(drop=True)

    def anchors_of(self, item_id: str | None) -> pd.DataFrame:
        """One item's behaviour by band, best band first (``text_en``, ``text_zh``; missing bands empty)."""
        return self.anchors[self.anchors["item_id"] == item_id].set_index("band").reindex(list(competency.BANDS))


def library(db: Store) -> Library:
    """The model library (the Model library tab, and every model picker).

    >>> from hrcore.store import Store
    >>> library(Store(":memory:")).models.empty
    True
    """
    return Library(*competency.model_library(db))


@dataclass(frozen=True)
class TargetProfile:
    """A job and level's target scores on one model's items."""

    items: pd.DataFrame
    """``item_id, name_en, name_zh, target`` (missing: no target)."""
    elsewhere: dict = field(default_factory=dict)
    """The job and level's targets on other models' items, kept when this model's are saved."""

    def with_changes(self, targets: dict) -> dict:
        """Every target of the job and level once this model's are replaced by ``targets`` (item -> score)."""
        return {**self.elsewhere, **targets}


def target_profile(db: Store, job_id: str, level: int, model_id: str) -> TargetProfile:
    """What the Target profiles tab edits.

    >>> from hrcore.store import Store
    >>> target_profile(Store(":memory:"), "REP1", 1, "mgmt9").items.empty
    True
    """
    current = competency.targets(db, job_id, level).set_index("item_id")["target_score"]
    items = library(db).items_of(model_id)
    return TargetProfile(
        pd.DataFrame({"item_id": items["item_id"], "name_en": items["name_en"], "name_zh": items["name_zh"],
                      "target": items["item_id"].map(current).astype(float)}),
        {item: score for item, score in current.items() if item not in set(items["item_id"])})


# -- 360 review ----------------------------------------------------------------------------------------------------

def rated_models(db: Store, period: str) -> tuple[str, ...]:
    """The models rated in ``period``, most rated first: the review's model picker."""
    return tuple(competency.models_rated(db, period))


@dataclass(frozen=True)
class PersonReview:
    """One reviewee's items against target, and each group's figure or why it is not shown."""

    items: pd.DataFrame
    """:attr:`competency.Review.items` of the person, and ``shown_<group>`` for the four groups: ``shown``,
    ``none`` (nobody rated in the group), ``few`` (too few raters) or ``shield`` (hidden to protect a smaller
    group)."""
    actions: pd.DataFrame
    """:func:`competency.development_actions` (items by id; the page names them)."""
    blind_spots: tuple[str, ...]
    hidden_strengths: tuple[str, ...]
    knocked_out: tuple[str, ...]


@dataclass(frozen=True)
class Review360:
    """A period's 360 review on one model, against each person's target profile."""

    period: str
    model_id: str
    result: competency.Review
    people: pd.DataFrame
    """One row per reviewee (:attr:`competency.Review.people` with name, department and job), largest gap below
    target first."""
    items: pd.DataFrame
    """The model's items."""
    guidance: pd.DataFrame
    """:func:`competency.rater_guidance`, the reviewees short of raters first."""
    reviewed: int
    pass_share: float | None
    knocked_out: int
    average_gap: float | None
    short_of_raters: int
    departments: tuple[str, ...]
    """The departments of the people reviewed."""

    def person(self, ratee_id: str, lang: str = "en") -> PersonReview:
        rows = self.result.items[self.result.items["ratee_id"] == ratee_id].reset_index(drop=True)
        for g in competency.OTHER_GROUPS:
            n = rows[f"n_{g}"]
            rows[f"shown_{g}"] = np.select(
                [rows[g].notna(), (n == 0) | (g == "superior"), n < competency.MIN_GROUP_RATERS],
                ["shown", "none", "few"], "shield")
        ids = lambda finding: tuple(rows.loc[rows["finding"] == finding, "item_id"])  # noqa: E731
        return PersonReview(rows, competency.development_actions(rows, self.items, lang), ids("blind_spot"),
                            ids("hidden_strength"), tuple(rows.loc[rows["knocked_out"], "item_id"]))

    def team(self, department_id: str) -> pd.DataFrame:
        """Items by the department's reviewees: their all-but-self scores (the heat map)."""
        team = self.people[self.people["department_id"] == department_id]
        return competency.team_grid(self.result.items, team["ratee_id"])


def review_360(db: Store, period: str, model_id: str) -> Review360:
    """The 360 review tab: the figures, each person, the team grid and the raters.

    The saved settings weigh the groups and set the blind-spot gap and the pass total.
    """
    settings = competency.load_settings(db)
    data = competency.load_review(db, period, model_id)
    result = competency.review(data.ratings, data.items, data.targets, settings["weights"],
                               settings["blind_spot_gap"], settings["pass_total"])
    people = result.people.merge(data.people, on="ratee_id", how="left").sort_values(
        "gap", na_position="last", ignore_index=True)
    guidance = competency.rater_guidance(result.items).sort_values(
        ["short", "raters", "ratee_id"], ascending=[False, True, True], ignore_index=True)
    gaps = people["gap"].dropna()
    return Review360(
        period, model_id, result, people, data.items, guidance, len(people),
        float((people["result"] == "pass").mean()) if len(people) else None,
        int((people["result"] == "knock_out").sum()), float(gaps.mean()) if len(gaps) else None,
        int(guidance["short"].sum()), tuple(sorted(people["department_id"].dropna().unique())))


# -- qualifications ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Qualification:
    """Everyone checked against their job and level's basic conditions and the next level's."""

    people: pd.DataFrame
    """:func:`competency.qualification` of everyone employed (read-only: it is shared)."""
    with_standard: int
    meets_own: float | None
    meets_next: float | None
    """Of the people with a next step, the share meeting its conditions."""
    by_department: pd.DataFrame
    """``department_id, name_en, name_zh, people, own, next`` (shares), the least qualified first, departments of
    fewer than :data:`SMALL_DEPARTMENT` last."""
    jobs: tuple[str, ...]
    standards: pd.DataFrame
    """Every job's standards by level."""

    def listed(self, show: str, jobs: tuple[str, ...] = ()) -> tuple[pd.DataFrame, int]:
        """The first people of a filter (:data:`QUALIFICATION_SHOWS`; in ``jobs``, if any) and how many match."""
        rows = self.people[self.people["own_meets"].notna()]
        if show == "not_own":
            rows = rows[~rows["own_meets"].astype(bool)]
        elif show == "ready_next":
            rows = rows[rows["next_meets"].fillna(False).astype(bool)]
        if jobs:
            rows = rows[rows["job_id"].isin(list(jobs))]
        return rows.head(MAX_LISTED), len(rows)


def qualification(db: Store, as_of: date) -> Qualification:
    """The Qualifications tab.

    >>> from hrcore.store import Store
    >>> q = qualification(Store(":memory:"), date(2026, 10, 31))
    >>> q.with_standard, q.meets_own, q.listed("all")[1]
    (0, None, 0)
    """
    standards = db.query("SELECT * FROM qualification_reqs ORDER BY job_id, level")
    people = competency.qualification(competency.qualification_people(db, as_of, competency.held_certificates(db)),
                                      standards, db.query("SELECT job_id, next_job_id FROM jobs"))
    # Three narrow columns, not filtered copies of everyone.
    rated = pd.DataFrame({"department_id": people["department_id"], "own": people["own_meets"].astype("boolean"),
                          "next": people["next_meets"].astype("boolean")})
    rated = rated[rated["own"].notna().to_numpy()]
    # The means skip people without a next step (NA), as the counts of those with one do.
    by_dept = rated.groupby("department_id").agg(people=("own", "size"), own=("own", "mean"),
                                                 next=("next", "mean")).reset_index().astype({"own": float,
                                                                                              "next": float})
    by_dept = by_dept.merge(db.query("SELECT department_id, name_en, name_zh FROM departments"), how="left")
    by_dept = by_dept.assign(small=by_dept["people"] < SMALL_DEPARTMENT).sort_values(
        ["small", "own"], ignore_index=True).drop(columns="small")
    upward = people["next_meets"].dropna()
    return Qualification(people, len(rated), float(rated["own"].mean()) if len(rated) else None,
                         float(upward.astype(bool).mean()) if len(upward) else None, by_dept,
                         tuple(sorted(people["job_id"].dropna().unique())), standards)


@dataclass(frozen=True)
class JobStandard:
    """One job's standards by level and what its hiring profile is written from."""

    job: dict
    """The job's row of ``jobs``."""
    levels: pd.DataFrame
    """Its ``qualification_reqs`` rows, by level."""
    first_level: dict | None
    targets: pd.DataFrame
    """Level 1's target profile: ``name_en, name_zh, target_score``."""


def job_standard(db: Store, job_id: str) -> JobStandard:
    """A job's standard (the Qualifications tab's lower half)."""
    job = db.query("SELECT * FROM jobs WHERE job_id = ?", [job_id]).to_dict("records")
    levels = db.query("SELECT * FROM qualification_reqs WHERE job_id = ? ORDER BY level", [job_id])
    targets = db.query("SELECT i.name_en, i.name_zh, t.target_score FROM comp_targets t JOIN comp_items i "
                       "USING (item_id) WHERE t.job_id = ? AND t.level = 1 ORDER BY i.rowid", [job_id])
    return JobStandard(job[0] if job else {"job_id": job_id}, levels,
                       levels.head(1).to_dict("records")[0] if len(levels) else None, targets)


# -- certification -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sitting:
    """One course-exam sitting marked at a target pass rate."""

    mark: float
    passed: int
    candidates: int
    mark_on_file: float | None
    scores: pd.DataFrame
    """``employee_id, name_en, name_zh, score, passes``, highest score first."""


@dataclass(frozen=True)
class Certification:
    """The Certification tab: coverage, the pipeline, candidates' next steps, sittings and appeals."""

    levels: pd.DataFrame
    courses: pd.DataFrame
    probation_months: int
    in_certified_jobs: int
    coverage: float | None
    overdue_count: int
    held: pd.DataFrame
    """``required, held_level, people``: who holds what, by the level their job requires."""
    stages: pd.Series
    """People in certified jobs by the stage they are at."""
    overdue: pd.DataFrame
    """The first :data:`MAX_LISTED` overdue, the longest overdue first, with names."""
    steps: pd.Series
    """Candidates by their next step (:data:`competency.NEXT_STEPS` but the top)."""
    candidates: dict
    """Next step -> the first :data:`MAX_LISTED` candidates at it, with names."""
    sittings: pd.DataFrame
    """The recent sittings (:data:`RECENT_SITTING_YEARS`; all when none is recent), keeping
    :func:`competency.sittings`' index."""
    opening_sitting: int | None
    """The sitting the pass-mark box opens on: the largest, the latest of equals."""
    exams: pd.DataFrame = field(repr=False)
    bounds: np.ndarray = field(repr=False)
    appeals: pd.DataFrame = field(repr=False)
    """Every appeal, the latest filed first, with names."""
    pending_appeals: int = 0

    def sitting(self, index: int, pass_rate: float) -> Sitting:
        """Sitting ``index`` (of :attr:`sittings`) marked so that ``pass_rate`` of its candidates pass (ties at
        the mark pass); ``ValueError`` when no mark can do it."""
        same = self.exams.iloc[self.bounds[index]:self.bounds[index + 1]]
        mark, passes = competency.mark_sitting(same["score"].to_numpy(), pass_rate)
        on_file = self.sittings.loc[index, "pass_mark"]
        return Sitting(float(mark), int(passes.sum()), len(same), None if pd.isna(on_file) else float(on_file),
                       same[["employee_id", "name_en", "name_zh", "score"]].assign(passes=passes))

    def courses_by_level(self) -> list[tuple[str, int, pd.DataFrame]]:
        """Each level (track, level) with the courses it asks for: its own and every lower level's."""
        return [(r.track_id, int(r.level),
                 self.courses[(self.courses["track_id"] == r.track_id) & (self.courses["from_level"] <= r.level)])
                for r in self.levels.itertuples()]


def certification(db: Store, as_of: date) -> Certification:
    """The Certification tab, on the saved probation setting.

    Each sitting's exam scores are kept in one frame sorted by sitting, with
    the row where each sitting starts (``bounds``): a pass-rate change slices
    it instead of filtering every exam record.
    """
    probation = int(competency.load_settings(db)["probation_months"])
    records, held = competency.certification_records(db), competency.held_certificates(db)
    levels = db.query("SELECT * FROM cert_levels ORDER BY track_id, level")
    courses = db.query("SELECT * FROM cert_courses ORDER BY track_id, from_level, course_id")
    coverage = _coverage(db, as_of, held, levels)
    status = competency.certification_status(records, courses, levels, held, *competency.steps_before_exams(db))
    names = _names(db)
    on_staff = status["employee_id"].isin(competency.staff_on(db, as_of)["employee_id"]).to_numpy()
    candidates = status[on_staff & (status["next_step"] != "top").to_numpy()].merge(names, on="employee_id",
                                                                                   how="left")
    every_sitting = competency.sittings(records)
    keys = ["track_id", "level", "course", "exam_date"]
    exams = records[records["stage"] == "course_exam"].dropna(subset=["score"])[[*keys, "employee_id", "score"]]
    exams = exams.merge(every_sitting[keys].reset_index(names="sitting"), on=keys).sort_values(
        ["sitting", "score"], ascending=[True, False], ignore_index=True)
    recent = every_sitting["exam_date"] >= pd.Timestamp(as_of) - pd.DateOffset(years=RECENT_SITTING_YEARS)
    shown = every_sitting[recent] if recent.any() else every_sitting
    appeals = db.query("SELECT a.*, e.name_en, e.name_zh FROM cert_appeals a "
                       "LEFT JOIN employees e USING (employee_id) ORDER BY filed_on DESC, appeal_id DESC")
    return Certification(
        levels=levels, courses=courses, probation_months=probation, in_certified_jobs=len(coverage),
        coverage=float(coverage["certified"].mean()) if len(coverage) else None,
        overdue_count=int(coverage["overdue"].sum()),
        held=coverage.groupby(["required", "held_level"]).size().reset_index(name="people"),
        stages=status.loc[status["employee_id"].isin(coverage["employee_id"]), "stage"].value_counts().reindex(
            ["courses", "ability_test", "review", "top"]).fillna(0).astype(int),
        overdue=coverage[coverage["overdue"]].sort_values("due").head(MAX_LISTED),
        steps=candidates["next_step"].value_counts().reindex(list(competency.NEXT_STEPS[:-1])).fillna(0).astype(int),
        candidates={step: part.sort_values("employee_id").head(MAX_LISTED)
                    for step, part in candidates.groupby("next_step")},
        sittings=shown,
        opening_sitting=(int(shown.sort_values(["candidates", "exam_date"], ascending=False).index[0])
                         if len(shown) else None),
        exams=exams[["employee_id", "score"]].merge(names, on="employee_id", how="left"),
        bounds=np.searchsorted(exams["sitting"].to_numpy(), np.arange(len(every_sitting) + 1)),
        appeals=appeals, pending_appeals=int((appeals["outcome"] == "pending").sum()))


PEOPLE_MATCHED = 20
"""People a name search offers at most."""


def people_matching(db: Store, text: str) -> pd.DataFrame:
    """Whom a person field means: the person with the id ``text``, else up to :data:`PEOPLE_MATCHED` people whose
    English or Chinese name holds it (any case), by name: ``employee_id, name_en, name_zh``.

    >>> from hrcore.store import Store
    >>> people_matching(Store(":memory:"), "Li").empty
    True
    """
    exact = db.query("SELECT employee_id, name_en, name_zh FROM employees WHERE employee_id = ?", [text])
    if len(exact):
        return exact
    return db.query("SELECT employee_id, name_en, name_zh FROM employees WHERE contains(lower(name_en), lower(?)) "
                    "OR contains(name_zh, ?) ORDER BY name_en, name_zh, employee_id LIMIT ?",
                    [text, text, PEOPLE_MATCHED])
